"""Danish prose of the reports: numbers as words, summary sentences, EKSEMPEL boxes."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from audit.contract import CaseResult
from audit.privacy import contains_cpr
from audit.reporting import aggregate as ag
from audit.reporting import text as rt
from audit.reporting.build import slugify, unique_slugs
from audit.rules.checklist import load_checklist

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import fixture_results, result  # noqa: E402


@pytest.fixture(scope="module")
def results() -> list[CaseResult]:
    return fixture_results()


def by_number(results, number):
    return next(r for r in results if r.case_number == number)


@pytest.mark.parametrize(("n", "neuter", "word"), [
    (0, False, "nul"), (1, False, "én"), (1, True, "ét"), (2, False, "to"), (8, False, "otte"),
    (11, False, "elleve"), (12, False, "tolv"), (13, False, "13"), (61, False, "61"),
])
def test_numbers_up_to_twelve_in_words(n, neuter, word):
    assert rt.tal(n, neuter=neuter) == word


def test_counts_in_running_text():
    assert rt.i_ud_af(5, 8) == "i fem ud af otte sager"
    assert rt.i_ud_af(8, 8) == "i alle otte sager"
    assert rt.i_ud_af(0, 8) == "i ingen af de otte sager"
    assert rt.i_ud_af(1, 1) == "i sagen"
    assert rt.i_ud_af(0, 1) == "ikke i sagen"
    assert rt.i_ud_af(13, 61) == "i 13 ud af 61 sager"
    assert rt.sager(1) == "én sag" and rt.sager(3) == "tre sager"
    assert rt.join_da(["a", "b", "c"]) == "a, b og c"
    assert rt.join_da(["a", "b"], comma=True) == "a, og b"


def test_dates_in_danish_form():
    assert rt.dato("2021-02-16") == "16. februar 2021"
    assert rt.dato(date(2022, 3, 1)) == "1. marts 2022"
    assert rt.dato(None) == ""
    assert rt.dato("ikke en dato") == "ikke en dato"
    assert rt.period_text(date(2021, 6, 15), date(2022, 6, 30)) == "i perioden fra 15. juni 2021 til 30. juni 2022"
    assert rt.period_text(date(2022, 1, 1), date(2022, 1, 1)) == "den 1. januar 2022"
    assert rt.period_text(None, None) == "uden kendt afgørelsesdato"


def test_summary_of_nordhavn(results):
    nh = [r for r in results if r.municipality == "Nordhavn Kommune"]
    items = load_checklist("las-40a-2020").items
    paras = rt.summary_paragraphs(nh, "Nordhavn Kommune", ag.most_frequent_failures(nh, items),
                                  *ag.period(nh))
    text = "\n".join(paras)
    assert "Vi har gennemgået otte sager fra Nordhavn Kommune" in text
    assert "i perioden fra 15. juni 2021 til 30. juni 2022" in text
    assert "I to ud af otte sager er afgørelsen i overensstemmelse med regler og praksis." in text
    assert "I fem sager ville afgørelsen blive ændret" in text
    assert "i én sag ville sagen blive hjemvist" in text
    assert "Af de tre sager om aktivitetsparate borgere ville to blive ændret og én blive hjemvist." in text
    assert "ville der i én sag være blevet udtalt kritik" in text
    assert "afgørelsen ikke er begrundet tilstrækkeligt (fire sager)" in text
    assert "%" not in text


def test_summary_counts_cases_outside_the_rule_set_separately(results):
    aabybro = [r for r in results if r.municipality == "Aabybro Kommune"]
    text = "\n".join(rt.summary_paragraphs(aabybro, "Aabybro Kommune", [], *ag.period(aabybro)))
    assert "Én sag er ikke vurderet" in text
    assert "Sagen om" not in text  # no aktivitetsparat case
    assert "fremgår målgruppen ikke" in text


def test_summary_when_all_or_none_are_upheld():
    ok = [result(sagsnummer=str(i), kommune="K", samlet="i_overensstemmelse", kritik="ingen",
                 maalgruppe="jobparat") for i in range(3)]
    text = " ".join(rt.summary_paragraphs(ok, "K", [], None, None))
    assert "I alle tre sager er afgørelsen i overensstemmelse" in text
    bad = [result(sagsnummer=str(i), kommune="K", samlet="aendres", maalgruppe="jobparat") for i in range(3)]
    text = " ".join(rt.summary_paragraphs(bad, "K", [], None, None))
    assert "I alle tre sager ville afgørelsen blive ændret, hvis det var en klagesag." in text
    assert "Ingen af de tre" not in text  # all the same way: one sentence, not 'ingen ... i tre sager'
    mixed = bad[:2] + [result(sagsnummer="9", kommune="K", samlet="hjemvises", maalgruppe="jobparat")]
    text = " ".join(rt.summary_paragraphs(mixed, "K", [], None, None))
    assert "Ingen af de tre afgørelser er i overensstemmelse" in text
    assert "I to sager ville afgørelsen blive ændret" in text and "og i én sag ville sagen blive hjemvist" in text
    assert rt.summary_paragraphs([], "K", [], None, None)[-1].startswith("Der er ingen vurderede sager")


def test_example_for_a_changed_case_is_written_from_its_facts(results):
    e = rt.example_for(by_number(results, "NH-2022-0415"))
    assert e.title == "EKSEMPEL PÅ EN SAG, HVOR VI VILLE ÆNDRE AFGØRELSEN"
    assert "NH-2022-0415" not in e.facts  # anonymous, as Ankestyrelsen writes; the number is in the bilag
    assert e.facts.startswith("I en sag traf kommunen den 1. marts 2022 afgørelse om skærpet "
                              "rådighedssanktion over for en aktivitetsparat borger, der er gift.")
    assert "fik den 26. januar 2022 en sanktion" in e.facts
    assert "den 14. februar 2022 på ny tilsidesatte" in e.facts
    assert "Sanktionen blev fastsat til tre måneder." in e.facts
    titles = [t for t, _ in e.findings]
    assert titles == ["Vejledning efter § 35, stk. 2", "Vurdering efter § 13, stk. 8", "Ægtefællen", "Begrundelse"]
    assert e.conclusion.startswith("Vi ville ændre afgørelsen, fordi borgeren ikke er vejledt korrekt og "
                                   "skriftligt om skærpet rådighedssanktion efter § 35, stk. 2, og fordi kommunen")
    assert e.decisive_item == "vejledning_35_2"
    assert not contains_cpr(e.text)  # the fixture's reason holds 010190-1234
    assert "xxxxxx-xxxx" in e.text


def test_example_for_a_remanded_case_and_none_for_upheld(results):
    e = rt.example_for(by_number(results, "NH-2022-0350"))
    assert e.title == "EKSEMPEL PÅ EN SAG, HVOR VI VILLE HJEMVISE SAGEN"
    assert e.conclusion.startswith("Vi ville hjemvise sagen, fordi det ikke kan afgøres, om borgeren tilsidesatte")
    assert "fordi sagen ikke er oplyst tilstrækkeligt" in e.conclusion
    assert e.decisive_item == "rimelig_grund"
    assert rt.example_for(by_number(results, "NH-2022-0101")) is None
    assert rt.example_for(by_number(results, "AB-2019-0099")) is None  # outside the rule set


def test_example_without_prior_sanction_says_so_only_when_the_item_failed(results):
    e = rt.example_for(by_number(results, "NH-2021-0777"))
    assert "Der er ikke dokumentation for en forudgående afgørelse" in e.facts
    e = rt.example_for(by_number(results, "NH-2022-0301"))  # no chain dates, but a prior sanction exists
    assert "Der er ikke dokumentation" not in e.facts


def test_hovedpointer_only_for_failed_items_or_a_clean_bill(results):
    nh = [r for r in results if r.municipality == "Nordhavn Kommune"]
    stats = {s.id: s for s in ag.item_stats(nh, load_checklist("las-40a-2020").items)}
    bullets = rt.hovedpointer([stats["vejledning_35_2"], stats["lukning"]])
    assert bullets == ["I to ud af otte sager er borgeren ikke vejledt korrekt og skriftligt om skærpet "
                       "rådighedssanktion efter § 35, stk. 2."]
    assert rt.hovedpointer([stats["lukning"]]) == [
        "Vi har ikke fundet mangler ved ophør og lukning efter § 40 a, stk. 7 i de gennemgåede sager."]
    assert rt.item_sentence(stats["lukning"]) == (
        "I alle otte sager er punktet »Ophør og lukning efter § 40 a, stk. 7« opfyldt.")


def test_unknown_items_get_neutral_phrases():
    ph = rt.phrase("nyt_punkt", "Er noget sket?")
    assert ph.main == "punktet »Er noget sket« er ikke opfyldt"
    assert ph.inv == "er punktet »Er noget sket« ikke opfyldt"


@pytest.mark.parametrize(("name", "slug"), [
    ("Åmose Kommune", "aamose-kommune"), ("Bøgeby Kommune", "boegeby-kommune"), ("Ærø Kommune", "aeroe-kommune"),
    ("Københavns Kommune", "koebenhavns-kommune"), ('=HYPERLINK("x")', "hyperlink-x"), ("../..", "kommune-uden-navn"),
    ("", "kommune-uden-navn"),
])
def test_slugs_are_ascii_folder_names(name, slug):
    assert slugify(name) == slug


def test_colliding_slugs_get_a_number():
    assert unique_slugs(["Ærø Kommune", "Aeroe Kommune"]) == {"Ærø Kommune": "aeroe-kommune",
                                                             "Aeroe Kommune": "aeroe-kommune-2"}
