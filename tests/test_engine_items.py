"""Every checklist item on both sides of each of its conditions, with real dates and boundaries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from casebuilder import (  # noqa: E402
    B1,
    B2,
    S1,
    D,
    _e12_explanation,
    add,
    aktivitetsparat,
    answer,
    audit,
    base,
    drop,
    item,
    set_event,
)

ALL4 = ["konsekvens", "kun_fremmødedage", "lukning_kalendermåned", "ægtefælle"]


def test_base_case_is_in_order():
    r = audit(base())
    assert r["samlet"] == "i_overensstemmelse"
    assert r["kritik"] == "ingen"
    assert r["regelsaet"] == "las-40a-2020"
    assert r["kaede"] == {"afgoerelse": D, "forudgaaende_sanktion": S1, "vejledning_skaerpet": S1,
                          "ny_tilsidesaettelse": B2, "tidligere_tilsidesaettelse": B1}
    assert item(r, "personlig_kontakt")["svar"] == "ikke_relevant"
    assert item(r, "vurdering_13_8")["svar"] == "ikke_relevant"
    assert item(r, "aegtefaelle")["svar"] == "ikke_relevant"


# -- maalgruppe ------------------------------------------------------------------------------------
def test_maalgruppe_missing_visitation_remands():
    r = audit(drop(base(), "visitation"))
    p = item(r, "maalgruppe")
    assert (p["svar"], p["virkning"]) == ("nej", "hjemvises")
    assert r["samlet"] == "hjemvises"


@pytest.mark.parametrize("vdate,expected", [("2021-11-24", "ja"), (D, "ja"), ("2021-11-26", "nej")])
def test_maalgruppe_visitation_on_or_before_decision(vdate, expected):
    raw = set_event(base(), "visitation", {}, dato=vdate)
    assert answer(raw, "maalgruppe") == expected


def test_maalgruppe_reason_names_date():
    assert "1. marts 2021" in item(audit(base()), "maalgruppe")["begrundelse"]


# -- vejledning_35_1 -------------------------------------------------------------------------------
def test_35_1_no_guidance_at_all_is_nej():
    raw = drop(base(), "vejledning")
    p = item(audit(raw), "vejledning_35_1")
    assert (p["svar"], p["virkning"]) == ("nej", "aendres")
    assert "ingen_vejledning" in p["maader"]


@pytest.mark.parametrize("sent,expected", [
    ("2021-03-10", "ja"),   # the day of the first jobsamtale
    ("2021-03-17", "ja"),   # 7 days after: the last day
    ("2021-03-18", "nej"),  # 8 days after
    ("2021-03-09", "nej"),  # before the jobsamtale: not "efter"
])
def test_35_1_sent_within_frist_sendt_dage(sent, expected):
    raw = set_event(base(), "vejledning", {"dato": "2021-03-12"}, dato=sent)
    p = item(audit(raw), "vejledning_35_1")
    assert p["svar"] == expected
    if expected == "nej":
        assert "ikke_sendt" in p["maader"]


def test_35_1_not_reviewed_at_first_jobsamtale():
    raw = set_event(base(), "vejledning", {"dato": "2021-03-10"}, former=["udleveret"])
    p = item(audit(raw), "vejledning_35_1")
    assert p["svar"] == "nej" and "ikke_gennemgaaet_foerste" in p["maader"]
    assert "R3.0.A2" in p["anbefalinger"]


def test_35_1_handed_out_only_after_first_jobsamtale():
    raw = set_event(base(), "vejledning", {"dato": "2021-03-10"}, dato="2021-03-11")
    p = item(audit(raw), "vejledning_35_1")
    assert p["svar"] == "nej"
    assert {"ikke_gennemgaaet_foerste", "ikke_udleveret_foerste"} <= set(p["maader"])


def test_35_1_first_flag_wins_over_earliest_jobsamtale():
    raw = add(base(), {"type": "jobsamtale", "dato": "2021-02-01", "første": False})
    assert answer(raw, "vejledning_35_1") == "ja"


def test_35_1_no_jobsamtale_is_ved_ikke_and_remands():
    raw = drop(base(), "jobsamtale")
    r = audit(raw)
    p = item(r, "vejledning_35_1")
    assert (p["svar"], p["virkning"]) == ("ved_ikke", "hjemvises")
    assert r["samlet"] == "hjemvises"


# Re-guidance: the latest guidance before each breach at most 6 calendar months old.
# 31 August + 6 months = 28 February (2022 is not a leap year).
@pytest.mark.parametrize("breach,expected", [("2022-02-27", "ja"), ("2022-02-28", "ja"), ("2022-03-01", "nej")])
def test_35_1_reguidance_month_arithmetic_end_of_february(breach, expected):
    raw = base()
    set_event(raw, "vejledning", {"dato": "2021-09-01"}, dato="2021-08-31")
    # move the new breach, its hearing and the decision
    set_event(raw, "tilsidesættelse", {"dato": B2}, dato=breach)
    set_event(raw, "partshøring", {"vedrører": B2}, dato=breach, vedrører=breach)
    raw["afgørelse"].update({"dato": "2022-03-15", "vedrører": breach, "virkning_fra": "2022-03-21"})
    raw["afgørelse"]["tilbud"]["startdato"] = "2022-03-21"
    p = item(audit(raw), "vejledning_35_1")
    assert p["svar"] == expected, p["begrundelse"]
    assert "28. februar 2022" in p["begrundelse"]
    if expected == "nej":
        assert "genvejledning_mangler" in p["maader"]
        assert "R1.2.3" in p["anbefalinger"]


def test_35_1_reguidance_gap_before_prior_breach():
    raw = drop(base(), "vejledning", dato="2021-09-01")   # last guidance March 2021, B1 October 2021
    p = item(audit(raw), "vejledning_35_1")
    assert p["svar"] == "nej" and "genvejledning_mangler" in p["maader"]
    assert "4. oktober 2021" in p["begrundelse"]


def test_35_1_reguidance_needs_made_available():
    raw = set_event(base(), "vejledning", {"dato": "2021-09-01"}, former=["gennemgået"])
    assert answer(raw, "vejledning_35_1") == "nej"


# -- forudgaaende_sanktion -----------------------------------------------------------------------
def test_no_prior_sanction_e3():
    raw = drop(drop(base(), "sanktion"), "vejledning_skærpet")
    r = audit(raw)
    assert item(r, "forudgaaende_sanktion")["svar"] == "nej"
    assert item(r, "ny_tilsidesaettelse")["svar"] == "nej"
    assert r["samlet"] == "aendres"


@pytest.mark.parametrize("sdate,expected", [("2021-11-24", "ja"), (D, "nej")])
def test_prior_sanction_must_be_before_decision(sdate, expected):
    raw = set_event(base(), "sanktion", {}, dato=sdate)
    set_event(raw, "vejledning_skærpet", {}, dato=sdate)
    raw["afgørelse"]["vedrører"] = None
    assert answer(raw, "forudgaaende_sanktion") == expected


def test_prior_sanction_breach_after_sanction_is_nej():
    raw = set_event(base(), "sanktion", {}, vedrører="2021-10-25")
    add(raw, {"type": "tilsidesættelse", "dato": "2021-10-25", "art": "andet", "rimelig_grund": "nej"})
    p = item(audit(raw), "forudgaaende_sanktion")
    assert p["svar"] == "nej" and "tilsidesaettelse_efter_sanktion" in p["maader"]


def test_prior_sanction_without_its_breach_is_ved_ikke():
    raw = set_event(base(), "sanktion", {}, vedrører=None)
    r = audit(raw)
    p = item(r, "forudgaaende_sanktion")
    assert (p["svar"], p["virkning"]) == ("ved_ikke", "hjemvises")
    assert r["samlet"] == "hjemvises"


def test_e2_breach_before_the_prior_sanctions():
    # Sanctions on 10 and 12 January 2022, § 40 a on 24 January relying on an absence on 3 January.
    raw = base()
    raw["hændelser"] = [e for e in raw["hændelser"] if e["type"] in ("visitation", "jobsamtale", "vejledning")]
    add(raw,
        {"type": "vejledning", "dato": "2021-12-01", "former": ["gennemgået", "tilgængeliggjort"]},
        {"type": "tilsidesættelse", "dato": "2021-12-06", "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
        {"type": "tilsidesættelse", "dato": "2021-12-13", "art": "udeblevet_jobsamtale", "rimelig_grund": "nej"},
        {"type": "tilsidesættelse", "dato": "2022-01-03", "art": "udeblevet_jobsamtale", "rimelig_grund": "nej"},
        {"type": "sanktion", "dato": "2022-01-10", "paragraf": "§ 36", "vedrører": "2021-12-06"},
        {"type": "sanktion", "dato": "2022-01-12", "paragraf": "§ 36", "vedrører": "2021-12-13"},
        {"type": "vejledning_skærpet", "dato": "2022-01-12", "skriftlig": True, "elementer": ALL4},
        {"type": "partshøring", "dato": "2022-01-04", "vedrører": "2022-01-03"})
    raw["afgørelse"].update({"dato": "2022-01-24", "vedrører": "2022-01-03", "virkning_fra": "2022-02-01"})
    raw["afgørelse"]["tilbud"]["startdato"] = "2022-02-01"
    r = audit(raw)
    p = item(r, "ny_tilsidesaettelse")
    assert p["svar"] == "nej" and p["maader"] == ["foer_sanktion"]
    assert "3. januar 2022" in p["begrundelse"] and "12. januar 2022" in p["begrundelse"]
    assert item(r, "forudgaaende_sanktion")["svar"] == "nej"
    assert r["samlet"] == "aendres"


# -- vejledning_35_2 -------------------------------------------------------------------------------
def test_35_2_missing():
    raw = drop(base(), "vejledning_skærpet")
    r = audit(raw)
    assert item(r, "vejledning_35_2")["svar"] == "nej"
    assert r["samlet"] == "aendres"


@pytest.mark.parametrize("gdate,expected", [("2021-10-19", "nej"), (S1, "ja"), ("2021-10-21", "ja")])
def test_35_2_given_with_or_after_the_prior_sanction(gdate, expected):
    raw = set_event(base(), "vejledning_skærpet", {}, dato=gdate)
    assert answer(raw, "vejledning_35_2") == expected


def test_35_2_later_guidance_must_precede_new_breach():
    raw = set_event(base(), "vejledning_skærpet", {}, dato=B2)
    r = audit(raw)
    assert item(r, "vejledning_35_2")["svar"] == "nej"
    assert item(r, "ny_tilsidesaettelse")["maader"] == ["foer_vejledning"]


def test_35_2_same_day_guidance_holds_even_if_the_breach_came_first():
    # E2: the guidance itself is in order; the defect is the breach's timing (ny_tilsidesaettelse).
    raw = set_event(base(), "tilsidesættelse", {"dato": B2}, dato="2021-10-18")
    set_event(raw, "partshøring", {"vedrører": B2}, dato="2021-10-18", vedrører="2021-10-18")
    raw["afgørelse"]["vedrører"] = "2021-10-18"
    r = audit(raw)
    assert item(r, "vejledning_35_2")["svar"] == "ja"
    assert item(r, "ny_tilsidesaettelse")["maader"] == ["foer_sanktion"]


def test_35_2_e11_only_consequence_element():
    raw = set_event(base(), "vejledning_skærpet", {}, elementer=["konsekvens"])
    p = item(audit(raw), "vejledning_35_2")
    assert p["svar"] == "nej" and p["maader"] == ["elementer_mangler"]
    for name in ("nr. 2", "nr. 3", "nr. 4"):
        assert name in p["begrundelse"]
    assert "nr. 1" not in p["begrundelse"]
    assert "R3.2.2" in p["anbefalinger"]


def test_35_2_not_written():
    raw = set_event(base(), "vejledning_skærpet", {}, skriftlig=False)
    p = item(audit(raw), "vejledning_35_2")
    assert p["svar"] == "nej" and p["maader"] == ["ikke_skriftlig"]


def test_35_2_sanction_between_breaks_the_chain():
    raw = add(base(),
              {"type": "tilsidesættelse", "dato": "2021-10-25", "art": "udeblevet_jobsamtale", "rimelig_grund": "nej"},
              {"type": "sanktion", "dato": "2021-11-01", "paragraf": "§ 36", "vedrører": "2021-10-25"})
    p = item(audit(raw), "vejledning_35_2")
    assert p["svar"] == "nej" and "ny_sanktion_imellem" in p["maader"]
    assert "1. november 2021" in p["begrundelse"]


def test_35_2_sanction_on_the_new_breach_itself_does_not_break_the_chain():
    # vejledningen 2020: § 40 a comes with the §§ 36-40 decision on the new breach ("sanktion 3").
    raw = add(base(), {"type": "sanktion", "dato": "2021-11-22", "paragraf": "§ 36", "vedrører": B2})
    r = audit(raw)
    assert item(r, "vejledning_35_2")["svar"] == "ja"
    assert r["kaede"]["forudgaaende_sanktion"] == S1


def test_35_2_sanction_between_with_new_guidance_restarts_the_chain():
    raw = add(base(),
              {"type": "tilsidesættelse", "dato": "2021-10-25", "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
              {"type": "partshøring", "dato": "2021-10-26", "vedrører": "2021-10-25"},
              {"type": "sanktion", "dato": "2021-11-01", "paragraf": "§ 36", "vedrører": "2021-10-25"},
              {"type": "vejledning_skærpet", "dato": "2021-11-01", "skriftlig": True, "elementer": ALL4})
    r = audit(raw)
    assert r["kaede"]["forudgaaende_sanktion"] == "2021-11-01"
    assert item(r, "vejledning_35_2")["svar"] == "ja"
    assert r["samlet"] == "i_overensstemmelse"


def _stale(raw: dict, breach: str) -> dict:
    set_event(raw, "tilsidesættelse", {"dato": B2}, dato=breach)
    set_event(raw, "partshøring", {"vedrører": B2}, dato=breach, vedrører=breach)
    raw["afgørelse"].update({"dato": "2022-05-02", "vedrører": breach, "virkning_fra": "2022-05-09"})
    raw["afgørelse"]["tilbud"]["startdato"] = "2022-05-09"
    add(raw, {"type": "vejledning", "dato": "2022-03-01", "former": ["gennemgået", "tilgængeliggjort"]})
    return raw


@pytest.mark.parametrize("breach,expected", [("2022-04-20", "ja"), ("2022-04-21", "nej")])
def test_35_2_staleness_six_months_after_the_prior_sanction(breach, expected):
    # S1 = 20 October 2021; 6 months later = 20 April 2022.
    p = item(audit(_stale(base(), breach)), "vejledning_35_2")
    assert p["svar"] == expected, p["begrundelse"]
    if expected == "nej":
        assert p["maader"] == ["foraeldet"] and "20. april 2022" in p["begrundelse"]


def test_35_2_staleness_interrupted_by_a_breach_in_between():
    raw = add(_stale(base(), "2022-04-21"),
              {"type": "tilsidesættelse", "dato": "2022-01-10", "art": "andet", "rimelig_grund": "ja"})
    assert answer(raw, "vejledning_35_2") == "ja"


def test_35_2_guidance_before_the_rule_set_cannot_carry():
    raw = base()
    set_event(raw, "sanktion", {}, dato="2019-12-20")
    set_event(raw, "vejledning_skærpet", {}, dato="2019-12-20")
    set_event(raw, "tilsidesættelse", {"dato": B1}, dato="2019-12-02")
    set_event(raw, "partshøring", {"vedrører": B1}, dato="2019-12-03", vedrører="2019-12-02")
    set_event(raw, "sanktion", {}, vedrører="2019-12-02")
    set_event(raw, "visitation", {}, dato="2019-01-01")
    set_event(raw, "jobsamtale", {}, dato="2019-11-01")
    set_event(raw, "vejledning", {"dato": "2021-03-10"}, dato="2019-11-01")
    set_event(raw, "vejledning", {"dato": "2021-03-12"}, dato="2019-11-02")
    raw["afgørelse"]["dato"] = "2020-01-15"
    raw["afgørelse"]["vedrører"] = "2020-01-06"
    raw["afgørelse"]["virkning_fra"] = "2020-01-20"
    raw["afgørelse"]["tilbud"]["startdato"] = "2020-01-20"
    add(raw, {"type": "tilsidesættelse", "dato": "2020-01-06", "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
        {"type": "partshøring", "dato": "2020-01-07", "vedrører": "2020-01-06"})
    p = item(audit(raw), "vejledning_35_2")
    assert p["svar"] == "nej" and "1. januar 2020" in p["begrundelse"]


# -- ny_tilsidesaettelse ---------------------------------------------------------------------------
@pytest.mark.parametrize("breach,expected", [(S1, "nej"), ("2021-10-21", "ja")])
def test_new_breach_strictly_after_prior_sanction(breach, expected):
    raw = set_event(base(), "tilsidesættelse", {"dato": B2}, dato=breach)
    set_event(raw, "partshøring", {"vedrører": B2}, dato=breach, vedrører=breach)
    raw["afgørelse"]["vedrører"] = breach
    assert answer(raw, "ny_tilsidesaettelse") == expected


def test_new_breach_named_date_without_breach():
    raw = base()
    raw["afgørelse"]["vedrører"] = "2021-11-09"
    p = item(audit(raw), "ny_tilsidesaettelse")
    assert p["svar"] == "nej" and p["maader"] == ["vedroerer_ukendt"]


def test_new_breach_named_after_decision():
    raw = base()
    raw["afgørelse"]["vedrører"] = "2021-11-30"
    p = item(audit(raw), "ny_tilsidesaettelse")
    assert p["svar"] == "nej" and p["maader"] == ["efter_afgoerelse"]


def test_new_breach_found_without_vedroerer():
    raw = base()
    raw["afgørelse"]["vedrører"] = None
    r = audit(raw)
    assert r["kaede"]["ny_tilsidesaettelse"] == B2 and r["samlet"] == "i_overensstemmelse"


def test_new_breach_on_decision_day_counts_but_after_is_ignored():
    raw = add(base(), {"type": "tilsidesættelse", "dato": "2021-11-26", "art": "andet", "rimelig_grund": "nej"})
    raw["afgørelse"]["vedrører"] = None
    assert audit(raw)["kaede"]["ny_tilsidesaettelse"] == B2


# -- rimelig_grund / oplysning -------------------------------------------------------------------
def test_reasonable_cause_yes_changes():
    raw = set_event(base(), "tilsidesættelse", {"dato": B2}, rimelig_grund="ja")
    p = item(audit(raw), "rimelig_grund")
    assert (p["svar"], p["virkning"]) == ("nej", "aendres")


@pytest.mark.parametrize("value", ["ukendt", None])
def test_reasonable_cause_unknown_remands(value):
    raw = set_event(base(), "tilsidesættelse", {"dato": B2}, rimelig_grund=value)
    r = audit(raw)
    assert item(r, "rimelig_grund")["svar"] == "ved_ikke"
    assert r["samlet"] == "hjemvises"


def _e12(raw: dict) -> dict:
    return _e12_explanation(raw)


def test_e12_explanation_not_investigated_remands():
    r = audit(_e12(base()))
    p = item(r, "oplysning")
    assert (p["svar"], p["virkning"]) == ("nej", "hjemvises")
    assert "10. november 2021" in p["begrundelse"] and "syge søn" in p["begrundelse"]
    assert item(r, "rimelig_grund")["svar"] == "ved_ikke"
    assert r["samlet"] == "hjemvises"


@pytest.mark.parametrize("sdate,expected", [("2021-11-09", "nej"), ("2021-11-10", "ja"), ("2021-11-24", "ja"),
                                            (D, "nej")])
def test_investigation_between_explanation_and_decision(sdate, expected):
    raw = add(_e12(base()), {"type": "sagsoplysning", "dato": sdate, "vedrører": B2, "kilde": "læge",
                             "resultat": "Lægen bekræfter besøget."})
    assert answer(raw, "oplysning") == expected


def test_explanation_in_breach_forklaring_counts():
    raw = set_event(base(), "tilsidesættelse", {"dato": B1}, forklaring="Bussen kørte ikke.")
    r = audit(raw)
    assert item(r, "oplysning")["svar"] == "nej"
    assert r["fakta"]["forudgaaende_sanktion_korrekt"] == "nej"


# -- partshoering ----------------------------------------------------------------------------------
def test_no_hearing_on_new_breach():
    r = audit(drop(base(), "partshøring", vedrører=B2))
    p = item(r, "partshoering")
    assert (p["svar"], p["virkning"]) == ("nej", "aendres") and "8. november 2021" in p["begrundelse"]


def test_no_hearing_on_prior_breach_invalidates_too():
    r = audit(drop(base(), "partshøring", vedrører=B1))
    assert item(r, "partshoering")["svar"] == "nej"
    assert r["fakta"]["forudgaaende_sanktion_korrekt"] == "nej"


@pytest.mark.parametrize("hdate,expected", [("2021-11-07", "nej"), (B2, "ja"), ("2021-11-24", "ja"), (D, "nej")])
def test_hearing_window_breach_to_decision(hdate, expected):
    raw = set_event(base(), "partshøring", {"vedrører": B2}, dato=hdate)
    assert answer(raw, "partshoering") == expected


# -- personlig_kontakt ----------------------------------------------------------------------------
def test_personal_contact_ok_for_aktivitetsparat():
    assert answer(aktivitetsparat(base()), "personlig_kontakt") == "ja"


def test_e13_only_phone_and_email_before_prior_sanction():
    raw = aktivitetsparat(base())
    drop(raw, "kontaktforsøg", vedrører=B1)
    add(raw, {"type": "kontaktforsøg", "dato": "2021-10-06", "vedrører": B1, "kanal": "e-mail", "opnået": False},
        {"type": "kontaktforsøg", "dato": "2021-10-12", "vedrører": B1, "kanal": "telefon", "opnået": False})
    r = audit(raw)
    p = item(r, "personlig_kontakt")
    assert (p["svar"], p["virkning"], p["maader"]) == ("nej", "aendres", ["kun_brev_telefon"])
    assert "R2.1.4" in p["anbefalinger"]
    assert r["samlet"] == "aendres"


def test_no_contact_attempts():
    raw = drop(aktivitetsparat(base()), "kontaktforsøg", vedrører=B2)
    p = item(audit(raw), "personlig_kontakt")
    assert p["svar"] == "nej" and p["maader"] == ["ingen_forsoeg"] and "R2.1.4" not in p["anbefalinger"]


def test_contact_through_mentor_without_home_visit():
    raw = drop(aktivitetsparat(base()), "kontaktforsøg", vedrører=B2)
    add(raw, {"type": "kontaktforsøg", "dato": "2021-11-15", "vedrører": B2, "kanal": "mentor", "opnået": False})
    assert answer(raw, "personlig_kontakt") == "ja"


@pytest.mark.parametrize("channel,consent,expected", [
    ("familie", True, "ja"), ("familie", False, "nej"), ("familie", None, "nej"),
    ("værge", True, "ja"), ("værge", False, "nej"), ("telefon", None, "nej"), ("behandlingssted", None, "ja"),
])
def test_contact_channels(channel, consent, expected):
    raw = drop(aktivitetsparat(base()), "kontaktforsøg", vedrører=B2)
    add(raw, {"type": "kontaktforsøg", "dato": "2021-11-15", "vedrører": B2, "kanal": channel, "opnået": False,
              "samtykke": consent})
    assert answer(raw, "personlig_kontakt") == expected


def test_mentor_and_family_without_consent_yes_wins():
    raw = drop(aktivitetsparat(base()), "kontaktforsøg", vedrører=B2)
    add(raw, {"type": "kontaktforsøg", "dato": "2021-11-15", "vedrører": B2, "kanal": "familie", "samtykke": False},
        {"type": "kontaktforsøg", "dato": "2021-11-16", "vedrører": B2, "kanal": "mentor", "opnået": False})
    assert answer(raw, "personlig_kontakt") == "ja"


def test_reached_by_phone_counts():
    raw = drop(aktivitetsparat(base()), "kontaktforsøg", vedrører=B2)
    add(raw, {"type": "kontaktforsøg", "dato": "2021-11-15", "vedrører": B2, "kanal": "telefon", "opnået": True})
    assert answer(raw, "personlig_kontakt") == "ja"


def test_hearing_answer_replaces_contact():
    raw = drop(aktivitetsparat(base()), "kontaktforsøg", vedrører=B2)
    set_event(raw, "partshøring", {"vedrører": B2}, svar="Jeg glemte mødet.", svar_dato="2021-11-11")
    add(raw, {"type": "sagsoplysning", "dato": "2021-11-12", "vedrører": B2, "kilde": "borger", "resultat": "."})
    assert answer(raw, "personlig_kontakt") == "ja"


@pytest.mark.parametrize("adate,expected", [("2021-11-07", "nej"), (B2, "ja"), ("2021-11-24", "ja"), (D, "nej")])
def test_contact_window(adate, expected):
    raw = drop(aktivitetsparat(base()), "kontaktforsøg", vedrører=B2)
    add(raw, {"type": "kontaktforsøg", "dato": adate, "vedrører": B2, "kanal": "hjemmebesøg", "opnået": False})
    assert answer(raw, "personlig_kontakt") == expected


def test_jobparat_at_prior_breach_aktivitetsparat_at_new_breach():
    raw = base()
    add(raw, {"type": "visitation", "dato": "2021-11-01", "målgruppe": "aktivitetsparat"},
        {"type": "kontaktforsøg", "dato": "2021-11-12", "vedrører": B2, "kanal": "hjemmebesøg", "opnået": False},
        {"type": "vurdering_13_8", "dato": "2021-11-20", "vedrører": B2, "andre_forhold": "Ingen.",
         "fremmer_rådighed": "ja"})
    raw["afgørelse"]["begrundelse"] = "Du er aktivitetsparat. Efter § 13, stk. 8, fremmer sanktionen rådigheden."
    r = audit(raw)
    p = item(r, "personlig_kontakt")
    assert p["svar"] == "ja" and "jobparat" in p["begrundelse"]
    assert item(r, "vurdering_13_8")["svar"] == "ja"
    assert "skiftede" in item(r, "maalgruppe")["begrundelse"]
    # without contact on the new breach it fails, while the jobparat prior breach needs none
    drop(raw, "kontaktforsøg")
    assert answer(raw, "personlig_kontakt") == "nej"


def test_jobparat_contact_items_not_relevant():
    r = audit(base())
    assert item(r, "personlig_kontakt")["svar"] == "ikke_relevant"


# -- vurdering_13_8 -----------------------------------------------------------------------------------
def test_13_8_missing():
    r = audit(drop(aktivitetsparat(base()), "vurdering_13_8", vedrører=B2))
    p = item(r, "vurdering_13_8")
    assert (p["svar"], p["maader"]) == ("nej", ["mangler"]) and r["samlet"] == "aendres"


def test_13_8_does_not_promote_availability():
    raw = set_event(aktivitetsparat(base()), "vurdering_13_8", {"vedrører": B2}, fremmer_rådighed="nej")
    assert item(audit(raw), "vurdering_13_8")["maader"] == ["fremmer_ikke"]


def test_13_8_other_circumstances_not_stated():
    raw = set_event(aktivitetsparat(base()), "vurdering_13_8", {"vedrører": B2}, andre_forhold=None)
    assert item(audit(raw), "vurdering_13_8")["maader"] == ["andre_forhold_mangler"]


@pytest.mark.parametrize("vdate,expected", [("2021-10-03", "nej"), (B1, "ja"), (S1, "ja"), ("2021-10-21", "nej")])
def test_13_8_window_for_prior_breach_includes_sanction_day(vdate, expected):
    raw = set_event(aktivitetsparat(base()), "vurdering_13_8", {"vedrører": B1}, dato=vdate)
    assert answer(raw, "vurdering_13_8") == expected


# -- manglende_vilje, laengde ------------------------------------------------------------------------
def test_e5_unwillingness_not_assessed():
    raw = base()
    raw["afgørelse"]["vilje_vurderet"] = False
    r = audit(raw)
    assert item(r, "manglende_vilje")["maader"] == ["ikke_vurderet"] and r["samlet"] == "aendres"


def test_unwillingness_without_weighting():
    raw = base()
    raw["afgørelse"]["vægt_på"] = []
    r = audit(raw)
    assert item(r, "manglende_vilje")["maader"] == ["vaegt_ikke_angivet"]


@pytest.mark.parametrize("months,expected", [(0, "nej"), (1, "ja"), (3, "ja"), (4, "nej"), (None, "nej")])
def test_length_one_to_three_months(months, expected):
    raw = base()
    raw["afgørelse"]["længde_måneder"] = months
    p = item(audit(raw), "laengde")
    assert p["svar"] == expected
    if expected == "nej":
        assert p["virkning"] == "aendres"


def test_length_without_reason_gives_kritik_only():
    raw = base()
    raw["afgørelse"]["længde_begrundelse"] = "  "
    r = audit(raw)
    assert (item(r, "laengde")["svar"], item(r, "laengde")["virkning"]) == ("nej", "kritik")
    assert (r["samlet"], r["kritik"]) == ("i_overensstemmelse", "kritik")


# -- tilbud, lukning, aegtefaelle ----------------------------------------------------------------
def test_no_offer():
    raw = base()
    raw["afgørelse"]["tilbud"] = None
    assert item(audit(raw), "tilbud")["maader"] == ["intet_tilbud"]


@pytest.mark.parametrize("start,expected", [("2021-11-30", "ja"), ("2021-12-01", "ja"), ("2021-12-02", "nej")])
def test_offer_can_start_the_day_the_decision_takes_effect(start, expected):
    raw = base()
    raw["afgørelse"]["tilbud"]["startdato"] = start
    assert answer(raw, "tilbud") == expected


def test_offer_without_effective_date_remands():
    raw = base()
    raw["afgørelse"]["virkning_fra"] = None
    r = audit(raw)
    assert item(r, "tilbud")["svar"] == "ved_ikke" and r["samlet"] == "hjemvises"


@pytest.mark.parametrize("value", [False, None])
def test_closure_missing_is_kritik(value):
    raw = base()
    raw["afgørelse"]["lukning_ved_udeblivelse"] = value
    r = audit(raw)
    assert item(r, "lukning")["virkning"] == "kritik" and r["kritik"] == "kritik"
    assert r["samlet"] == "i_overensstemmelse"


def _married(raw: dict) -> dict:
    raw["civilstand"] = "gift"
    raw["afgørelse"]["ægtefælle_afgørelse"] = True
    set_event(raw, "vejledning_skærpet", {}, ægtefælle_vejledt=True)
    return raw


def test_married_in_order():
    assert answer(_married(base()), "aegtefaelle") == "ja"


def test_married_without_spouse_decision():
    raw = _married(base())
    raw["afgørelse"]["ægtefælle_afgørelse"] = False
    r = audit(raw)
    assert item(r, "aegtefaelle")["maader"] == ["ingen_afgoerelse"] and r["kritik"] == "kritik"


def test_married_spouse_not_guided():
    raw = set_event(_married(base()), "vejledning_skærpet", {}, ægtefælle_vejledt=False)
    assert item(audit(raw), "aegtefaelle")["maader"] == ["ikke_vejledt"]


def test_marital_status_missing_is_ved_ikke_without_effect():
    raw = base()
    del raw["civilstand"]
    r = audit(raw)
    assert item(r, "aegtefaelle")["svar"] == "ved_ikke"
    assert (r["samlet"], r["kritik"]) == ("i_overensstemmelse", "ingen")


# -- begrundelse, klagevejledning, advisory items ------------------------------------------------------
def test_reasoning_without_rules():
    raw = base()
    raw["afgørelse"]["henvist_regler"] = False
    r = audit(raw)
    assert item(r, "begrundelse")["maader"] == ["mangler_dele"] and r["kritik"] == "kritik"


def test_reasoning_text_search_when_field_absent():
    raw = base()
    del raw["afgørelse"]["forholdt_til_målgruppe"]
    p = item(audit(raw), "begrundelse")
    assert p["svar"] == "ja" and "søgning" in p["begrundelse"]
    raw["afgørelse"]["begrundelse"] = "Du er udeblevet igen."
    assert item(audit(raw), "begrundelse")["maader"] == ["ikke_forholdt_maalgruppe"]


def test_aktivitetsparat_reasoning_must_mention_13_8():
    raw = aktivitetsparat(base())
    del raw["afgørelse"]["forholdt_til_målgruppe"]
    raw["afgørelse"]["begrundelse"] = "Du er aktivitetsparat og er udeblevet igen."
    r = audit(raw)
    assert item(r, "begrundelse")["maader"] == ["ikke_forholdt_maalgruppe"]
    assert r["fakta"]["hensyn_til_maalgruppe"] == "nej"


def test_not_written_decision():
    raw = base()
    raw["afgørelse"]["skriftlig"] = False
    r = audit(raw)
    assert item(r, "klagevejledning")["maader"] == ["ikke_skriftlig"]
    assert "ikke_skriftlig" in item(r, "begrundelse")["maader"]


def test_no_appeal_guidance_is_kritik():
    raw = base()
    raw["afgørelse"]["klagevejledning"] = False
    r = audit(raw)
    assert item(r, "klagevejledning")["svar"] == "nej" and r["kritik"] == "kritik"


def test_attendance_not_stated_gives_bemaerkning():
    raw = base()
    raw["afgørelse"]["fremmøde_oplyst"] = None
    r = audit(raw)
    assert (r["samlet"], r["kritik"]) == ("i_overensstemmelse", "bemaerkning")


def _two_absences(raw: dict, b2: str) -> dict:
    # Absence from a jobsamtale is sanctioned under § 37 (vejledningen 2020).
    set_event(raw, "tilsidesættelse", {}, art="udeblevet_jobsamtale")
    set_event(raw, "sanktion", {}, paragraf="§ 37")
    set_event(raw, "tilsidesættelse", {"dato": B2}, dato=b2)
    set_event(raw, "partshøring", {"vedrører": B2}, dato=b2, vedrører=b2)
    raw["afgørelse"].update({"vedrører": b2})
    return raw


# B1 is 4 October 2021; 6 months later is 4 April 2022.
@pytest.mark.parametrize("b2,expected", [("2021-11-08", "ved_ikke"), ("2022-04-04", "ved_ikke"), ("2022-04-05", "ja")])
def test_two_short_absences_flag_proportionality(b2, expected):
    raw = _two_absences(base(), b2)
    raw["afgørelse"].update({"dato": "2022-04-20", "virkning_fra": "2022-04-25"})
    raw["afgørelse"]["tilbud"]["startdato"] = "2022-04-25"
    r = audit(raw)
    p = item(r, "proportionalitet")
    assert p["svar"] == expected and p["vejledende"] is True
    assert p["virkning"] is None


def test_proportionality_not_flagged_for_other_breaches_or_paragraphs():
    assert answer(base(), "proportionalitet") == "ja"
    raw = set_event(_two_absences(base(), B2), "sanktion", {}, paragraf="§ 39")
    assert answer(raw, "proportionalitet") == "ja"


def test_only_sanction_is_on_the_new_breach_itself():
    # Found by the property test: a §§ 36-40 sanction on the breach the § 40 a decision relies on is not a
    # prior sanction, also when that breach is not in the export.
    raw = drop(drop(base(), "sanktion"), "vejledning_skærpet")
    add(raw, {"type": "sanktion", "dato": "2021-11-20", "paragraf": "§ 36", "vedrører": B2})
    p = item(audit(raw), "forudgaaende_sanktion")
    assert (p["svar"], p["maader"]) == ("nej", ["ingen_sanktion"])
    drop(raw, "tilsidesættelse", dato=B2)
    assert item(audit(raw), "forudgaaende_sanktion")["svar"] == "nej"
