"""The verdict rule, reviewer overrides, rule-set dates, reasons and order-independence."""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from casebuilder import B2, D, _e12_explanation, audit, base, drop, item  # noqa: E402

from audit.contract import decide_verdict, verdict_reason  # noqa: E402
from audit.dates import add_months, format_da  # noqa: E402


def P(id_, svar, virkning=None, vejledende=False):
    return (id_, svar, virkning, vejledende)


def verdict(points):
    """(samlet, kritik, reason) as the engine decides them (audit.contract.decide_verdict)."""
    dec = decide_verdict(points)
    return dec.verdict.value, dec.criticism.value, verdict_reason(dec)


def test_verdict_precedence():
    assert verdict([P("a", "nej", "aendres"), P("b", "nej", "hjemvises")])[0] == "aendres"
    assert verdict([P("a", "ved_ikke", "aendres"), P("b", "nej", "kritik")])[:2] == ("hjemvises", "ingen")
    assert verdict([P("a", "ved_ikke", "kritik")])[:2] == ("i_overensstemmelse", "ingen")
    assert verdict([P("a", "nej", "kritik"), P("b", "nej", "bemaerkning")])[:2] == ("i_overensstemmelse", "kritik")
    assert verdict([P("b", "nej", "bemaerkning")])[:2] == ("i_overensstemmelse", "bemaerkning")
    assert verdict([P("a", "ja"), P("b", "ikke_relevant")])[:2] == ("i_overensstemmelse", "ingen")
    # advisory items never decide samlet
    assert verdict([P("p", "ved_ikke", "aendres", vejledende=True)])[0] == "i_overensstemmelse"


def test_kritik_only_for_decisions_that_hold():
    raw = base()
    raw["afgørelse"]["klagevejledning"] = False
    raw["afgørelse"]["vilje_vurderet"] = False
    r = audit(raw)
    assert (r["samlet"], r["kritik"]) == ("aendres", "ingen")
    assert item(r, "klagevejledning")["svar"] == "nej"   # still listed


def test_verdict_reason_names_deciding_items():
    raw = drop(base(), "vejledning_skærpet")
    raw["afgørelse"]["vilje_vurderet"] = False
    r = audit(raw)
    assert "vejledning efter § 35, stk. 2" in r["samlet_begrundelse"]
    assert "vurdering af manglende vilje" in r["samlet_begrundelse"]
    assert "vejledning_35_2" not in r["samlet_begrundelse"]
    assert "klagevejledning" not in r["samlet_begrundelse"]


def test_reviewer_override_wins_and_shows_computed():
    raw = _e12_explanation(base())
    raw["vurderinger"] = {"oplysning": {"svar": "ja", "bemærkning": "Barnets sygdom er dokumenteret mundtligt",
                                        "af": "MLK"},
                          "rimelig_grund": {"svar": "ja", "af": "MLK"}}
    r = audit(raw)
    p = item(r, "oplysning")
    assert (p["svar"], p["kilde"], p["virkning"]) == ("ja", "vurdering", None)
    assert p["beregnet"]["svar"] == "nej" and p["beregnet"]["virkning"] == "hjemvises"
    assert p["vurdering"]["af"] == "MLK" and "MLK" in p["begrundelse"]
    assert r["samlet"] == "i_overensstemmelse"


def test_reviewer_nej_on_computed_ja_takes_most_severe_consequence():
    raw = base()
    raw["vurderinger"] = {"manglende_vilje": {"svar": "nej", "bemærkning": "Kun »på ny«, jf. E5"}}
    r = audit(raw)
    p = item(r, "manglende_vilje")
    assert (p["svar"], p["virkning"]) == ("nej", "aendres") and p["anbefalinger"]
    assert r["samlet"] == "aendres"


def test_reviewer_named_consequence_is_used():
    raw = base()
    raw["vurderinger"] = {"begrundelse": {"svar": "nej", "virkning": "bemaerkning"}}
    r = audit(raw)
    assert item(r, "begrundelse")["virkning"] == "bemaerkning" and r["kritik"] == "bemaerkning"


def test_reviewer_nej_keeps_computed_consequence():
    raw = base()
    raw["afgørelse"]["henvist_regler"] = False
    raw["vurderinger"] = {"begrundelse": {"svar": "nej"}}
    assert item(audit(raw), "begrundelse")["virkning"] == "kritik"


def test_rule_set_boundary():
    raw = base()
    raw["afgørelse"]["dato"] = "2019-12-31"
    r = audit(raw)
    assert (r["samlet"], r["regelsaet"], r["punkter"]) == ("uden_for_regelsaet", None, [])
    raw["afgørelse"]["dato"] = "2020-01-01"
    assert audit(raw)["regelsaet"] == "las-40a-2020"


def test_reasons_use_danish_dates_and_data_dates():
    r = audit(base())
    p = item(r, "ny_tilsidesaettelse")
    assert "8. november 2021" in p["begrundelse"] and "25. november 2021" in p["begrundelse"]
    assert B2 in p["datoer"] and D in p["datoer"]
    assert all(p["hjemmel"] for p in r["punkter"])


def test_month_arithmetic():
    assert add_months(date(2021, 8, 31), 6) == date(2022, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert add_months(date(2021, 3, 15), -6) == date(2020, 9, 15)
    assert format_da(date(2021, 2, 16)) == "16. februar 2021"


def _strip(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "kilde"}


VARIANTS = [base(), _e12_explanation(base()), drop(base(), "vejledning_skærpet"), drop(base(), "partshøring")]


@settings(max_examples=60, deadline=None)
@given(variant=st.sampled_from(range(len(VARIANTS))), seed=st.integers(0, 10_000))
def test_event_order_never_matters(variant, seed):
    raw = VARIANTS[variant]
    shuffled = {**raw, "hændelser": list(raw["hændelser"])}
    random.Random(seed).shuffle(shuffled["hændelser"])
    assert _strip(audit(shuffled)) == _strip(audit(raw))


EVENT_AFTER = st.sampled_from([
    {"type": "sanktion", "paragraf": "§ 36"},
    {"type": "tilsidesættelse", "art": "udeblevet_tilbud", "rimelig_grund": "ja"},
    {"type": "vejledning_skærpet", "skriftlig": False, "elementer": ["konsekvens"]},
    {"type": "visitation", "målgruppe": "aktivitetsparat"},
    {"type": "partshøring", "svar": "Jeg var syg"},
    {"type": "vejledning", "former": ["gennemgået"]},
    {"type": "jobsamtale", "første": True},
])


@settings(max_examples=60, deadline=None)
@given(variant=st.sampled_from(range(len(VARIANTS))), extra=st.lists(
    st.tuples(EVENT_AFTER, st.integers(1, 400)), min_size=1, max_size=4))
def test_events_after_the_decision_never_change_the_result(variant, extra):
    raw = VARIANTS[variant]
    before = audit(raw)
    decided = date.fromisoformat(raw["afgørelse"]["dato"])
    later = {**raw, "hændelser": list(raw["hændelser"]) + [
        {**ev, "dato": (decided + timedelta(days=n)).isoformat(),
         **({"vedrører": B2} if ev["type"] in ("sanktion", "partshøring") else {})} for ev, n in extra]}
    assert _strip(audit(later)) == _strip(before)
