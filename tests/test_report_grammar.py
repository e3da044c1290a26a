"""The small grammar the reports' sentences are built from (audit/reporting/words.py and the shapes in
text.py): Ankestyrelsen's number rule (words up to twelve, digits above, two numbers compared are written
alike, never a digit first in a sentence), agreement in number, 'begge' for two of two, 'ingen af',
'alle'/'samtlige' with the same number form, and commas as Danish writes them.

The expected sentences are written by hand from those rules, for 0, 1, 2, 12, 13 and n of n."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from audit.reporting import text as rt
from audit.reporting import words as w
from audit.reporting.facts import ItemStat

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import result  # noqa: E402


@pytest.mark.parametrize(("x", "n", "expected"), [
    (0, 0, "i ingen sager"),
    (0, 1, "ikke i sagen"),
    (1, 1, "i sagen"),
    (0, 2, "i ingen af de to sager"),
    (1, 2, "i én ud af to sager"),
    (2, 2, "i begge sager"),
    (0, 12, "i ingen af de tolv sager"),
    (5, 12, "i fem ud af tolv sager"),
    (12, 12, "i alle tolv sager"),
    (12, 13, "i 12 ud af 13 sager"),  # compared numbers alike: not 'tolv ud af 13'
    (2, 13, "i 2 ud af 13 sager"),
    (13, 13, "i alle 13 sager"),
    (0, 13, "i ingen af de 13 sager"),
])
def test_share_of_cases(x, n, expected):
    assert w.i_ud_af(x, n) == expected


@pytest.mark.parametrize(("x", "n", "expected"), [
    (1, 1, "én ud af én sag"), (2, 12, "to ud af tolv sager"), (12, 14, "12 ud af 14 sager"),
    (13, 61, "13 ud af 61 sager"),
])
def test_share_without_preposition(x, n, expected):
    assert w.ud_af(x, n) == expected


@pytest.mark.parametrize(("n", "expected"), [
    (0, "nul sager"), (1, "én sag"), (2, "to sager"), (12, "tolv sager"), (13, "13 sager"),
])
def test_count_agrees_with_its_noun(n, expected):
    assert w.sager(n) == expected
    assert w.antal(1, "punkt", "punkter", neuter=True) == "ét punkt"
    assert w.antal(2, "punkt", "punkter") == "to punkter"


@pytest.mark.parametrize(("n", "expected"), [
    (1, "sagen"), (2, "begge sager"), (12, "alle tolv sager"), (13, "alle 13 sager"),
])
def test_all_of_them(n, expected):
    assert w.alle(n, "sagen", "sager") == expected


def test_a_sentence_never_starts_with_a_digit():
    assert w.saetning("i 13 sager er afgørelsen ændret") == "I 13 sager er afgørelsen ændret."
    with pytest.raises(ValueError):
        w.saetning("13 sager er ikke vurderet")


@pytest.mark.parametrize(("text", "expected"), [
    ("Borgeren er vejledt efter § 35, stk. 1", "Borgeren er vejledt efter § 35, stk. 1,"),
    ("efter § 35, stk. 2, nr. 4", "efter § 35, stk. 2, nr. 4,"),
    ("efter § 40 a", "efter § 40 a"),
    ("Der er truffet en afgørelse efter §§ 36-40", "Der er truffet en afgørelse efter §§ 36-40"),
    ("Kommunen har vurderet, om borgeren udviser manglende vilje",
     "Kommunen har vurderet, om borgeren udviser manglende vilje,"),
    ("Aktiviteten kan påbegyndes samme dag, som afgørelsen har virkning fra",
     "Aktiviteten kan påbegyndes samme dag, som afgørelsen har virkning fra,"),
    ("begrundelsen forholder sig til andre forhold, og om sanktionen fremmer rådigheden (§ 13, stk. 8)",
     "begrundelsen forholder sig til andre forhold, og om sanktionen fremmer rådigheden (§ 13, stk. 8),"),
    ("Sagen er oplyst tilstrækkeligt", "Sagen er oplyst tilstrækkeligt"),
])
def test_comma_when_the_main_clause_goes_on(text, expected):
    assert w.slutkomma(text) == expected


JOB = ("vedrører en jobparat borger", "vedrører jobparate borgere")
AKT = ("vedrører en aktivitetsparat borger", "vedrører aktivitetsparate borgere")


@pytest.mark.parametrize(("job", "akt", "expected"), [
    (1, 1, "én af sagerne vedrører en jobparat borger, og én vedrører en aktivitetsparat borger"),
    (2, 0, "begge sager vedrører jobparate borgere"),
    (1, 0, "sagen vedrører en jobparat borger"),
    (12, 1, "tolv af sagerne vedrører jobparate borgere, og én vedrører en aktivitetsparat borger"),
    (13, 2, "af sagerne vedrører 13 jobparate borgere, og to vedrører aktivitetsparate borgere"),
    (0, 13, "alle 13 sager vedrører aktivitetsparate borgere"),
])
def test_distribution_agrees_in_number(job, akt, expected):
    assert w.fordeling([(job, *JOB), (akt, *AKT)], job + akt) == expected


def _summary(verdicts: list[str], groups: list[str] | None = None) -> str:
    groups = groups or ["jobparat"] * len(verdicts)
    cases = [result(sagsnummer=str(i), kommune="K", samlet=v, maalgruppe=g,
                    **({"kritik": "ingen"} if v == "i_overensstemmelse" else {}))
             for i, (v, g) in enumerate(zip(verdicts, groups, strict=True))]
    return " ".join(rt.summary_paragraphs(cases, "K", [], None, None))


def test_summary_for_one_case():
    text = _summary(["aendres"], ["aktivitetsparat"])
    assert "Vi har gennemgået én sag fra K" in text
    assert "Sagen vedrører en aktivitetsparat borger." in text
    assert "Afgørelsen ville blive ændret, hvis det var en klagesag." in text
    assert "Sagen om den aktivitetsparate borger ville blive ændret." in text


def test_summary_for_two_cases_says_begge():
    text = _summary(["aendres", "aendres"], ["jobparat", "aktivitetsparat"])
    assert "Én af sagerne vedrører en jobparat borger, og én vedrører en aktivitetsparat borger." in text
    assert "I begge sager ville afgørelsen blive ændret, hvis det var en klagesag." in text
    assert "Ingen af de to" not in text and "I to sager" not in text
    text = _summary(["i_overensstemmelse"] * 2)
    assert "Begge sager vedrører jobparate borgere." in text
    assert "I begge sager er afgørelsen i overensstemmelse med regler og praksis." in text


def test_summary_for_twelve_and_thirteen_cases():
    text = _summary(["i_overensstemmelse"] * 11 + ["aendres"])
    assert "Vi har gennemgået tolv sager" in text
    assert "I elleve ud af tolv sager er afgørelsen i overensstemmelse med regler og praksis." in text
    assert "I én sag ville afgørelsen blive ændret" in text
    text = _summary(["i_overensstemmelse"] * 12 + ["aendres"], ["jobparat"] * 13)
    assert "Vi har gennemgået 13 sager" in text
    assert "Alle 13 sager vedrører jobparate borgere." in text
    assert "I 12 ud af 13 sager er afgørelsen" in text  # not 'tolv ud af 13'
    text = _summary(["aendres"] * 13, ["jobparat"] * 12 + ["aktivitetsparat"])
    assert "Tolv af sagerne vedrører jobparate borgere, og én vedrører en aktivitetsparat borger." in text
    assert "I alle 13 sager ville afgørelsen blive ændret" in text


def test_no_sentence_in_the_summary_starts_with_a_digit():
    for verdicts, groups in (
            (["aendres"] * 14 + ["hjemvises"], ["jobparat"] * 13 + ["aktivitetsparat"] * 2),
            (["i_overensstemmelse"] * 13 + ["aendres"] * 13, ["aktivitetsparat"] * 26)):
        text = _summary(verdicts, groups)
        assert not re.search(r"(^|(?<!stk)(?<!nr)(?<!pkt)[.!?] )\d", text), text  # 'stk. 1' is no sentence
    text = _summary(["aendres"] * 14 + ["hjemvises"], ["jobparat"] * 13 + ["aktivitetsparat"] * 2)
    assert "Af sagerne vedrører 13 jobparate borgere, og to vedrører aktivitetsparate borgere." in text
    assert "Af de to sager om aktivitetsparate borgere ville én blive ændret og én blive hjemvist." in text


def _stat(failed: int, applicable: int, item: str = "begrundelse") -> ItemStat:
    return ItemStat(item, "5.3", "Begrundelse", failed, failed, 0, applicable, False, None)


@pytest.mark.parametrize(("failed", "applicable", "expected"), [
    (1, 1, "I sagen er afgørelsen ikke begrundet tilstrækkeligt."),
    (2, 2, "I begge sager er afgørelsen ikke begrundet tilstrækkeligt."),
    (12, 13, "I 12 ud af 13 sager er afgørelsen ikke begrundet tilstrækkeligt."),
    (0, 2, "I begge sager er punktet »Begrundelse« opfyldt."),
    (0, 13, "I alle 13 sager er punktet »Begrundelse« opfyldt."),
])
def test_item_sentence(failed, applicable, expected):
    assert rt.item_sentence(_stat(failed, applicable)) == expected


def test_key_figure_sentence_has_the_comma_after_the_reference():
    assert (rt.key_figure_sentence("Borgeren er vejledt korrekt efter § 35, stk. 1", 12, 14)
            == "Borgeren er vejledt korrekt efter § 35, stk. 1, i 12 ud af 14 sager.")
    assert (rt.key_figure_sentence("Sagen er oplyst tilstrækkeligt", 2, 2)
            == "Sagen er oplyst tilstrækkeligt i begge sager.")
    assert (rt.key_figure_sentence("Kommunen har vurderet, om borgeren udviser manglende vilje", 16, 17)
            == "Kommunen har vurderet, om borgeren udviser manglende vilje, i 16 ud af 17 sager.")


def test_most_frequent_failures_are_joined_with_a_comma_before_og_at():
    stats = [_stat(3, 5, "begrundelse"), _stat(2, 5, "partshoering"), _stat(1, 5, "klagevejledning")]
    text = " ".join(rt.summary_paragraphs([result(sagsnummer="1", kommune="K", samlet="aendres",
                                                  maalgruppe="jobparat")], "K", stats, None, None))
    assert ("De hyppigste mangler er, at afgørelsen ikke er begrundet tilstrækkeligt (tre sager), at borgeren "
            "ikke er partshørt, før kommunen traf afgørelse (to sager), og at afgørelsen ikke er givet skriftligt "
            "med klagevejledning (én sag).") in text


def test_national_verdict_figure_counts_the_same_way_as_the_sentence_before_it():
    text = _summary(["i_overensstemmelse", "aendres", "aendres"])
    upheld = text.index("I én ud af tre sager er afgørelsen i overensstemmelse")
    national = text.index("Til sammenligning")
    assert upheld < national
    assert ("afgørelsen var i overensstemmelse med regler og praksis i 9 ud af 61 sager, og at den i de øvrige 52 "
            "sager ville blive ændret") in text[national:]


def test_national_figure_beside_an_item_counts_the_same_way_as_the_sentence():
    from audit.reporting.common import NATIONAL_ITEM_FAILURES

    national = NATIONAL_ITEM_FAILURES["begrundelse"]  # 55 of 61 not reasoned (Ankestyrelsen, tabel 2.4)
    failed = ItemStat("begrundelse", "5.3", "Begrundelse", 2, 2, 0, 17, False, national)
    met = ItemStat("begrundelse", "5.3", "Begrundelse", 0, 0, 0, 17, False, national)
    assert (rt.item_national_note(failed)
            == "Landsplan 2022, mangler: 55 af 61 (ikke begrundet tilstrækkeligt, tabel 2.4)")
    assert rt.item_national_note(met) == "Landsplan 2022, i orden: 6 af 61 (begrundet tilstrækkeligt, tabel 2.4)"
    laengde = ItemStat("laengde", "4.3.1.2", "Længde", 0, 0, 0, 17, False, NATIONAL_ITEM_FAILURES["laengde"])
    assert rt.item_national_note(laengde) == "Landsplan 2022, i orden: 15 af 61 (længden begrundet)"
    assert rt.item_national_note(_stat(1, 2)) == ""  # no national figure for it
    # every item figure can be turned round, and the two directions add up to Ankestyrelsen's base
    for fig in NATIONAL_ITEM_FAILURES.values():
        assert fig.ok and fig.in_order().count + fig.count == fig.base
    assert rt.national_note(None, failed=True) == ""


def test_a_reason_in_numbered_points_is_split_and_numbered_anew():
    from audit.reporting.examples import split_points

    lead, points = split_points("Borgeren er ikke vejledt. 1) Gennemgået den 1. maj 2021. 2) Sendt den 3. maj 2021. "
                                "3) Seneste vejledning før den 3. juni 2021. 3) Før den nye tilsidesættelse.")
    assert lead == "Borgeren er ikke vejledt."
    assert points == ["Gennemgået den 1. maj 2021.", "Sendt den 3. maj 2021.",
                      "Seneste vejledning før den 3. juni 2021.", "Før den nye tilsidesættelse."]
    assert split_points("Længden er 2 måneder (§ 40 a, stk. 1).") == ("Længden er 2 måneder (§ 40 a, stk. 1).", [])


def test_quotations_in_danish_form():
    assert w.citat('sendt "umiddelbart herefter" og “på ny”') == "sendt »umiddelbart herefter« og »på ny«"
    assert w.citat("ingen citater her") == "ingen citater her"


def test_summary_names_cases_without_a_target_group_by_count():
    text = _summary(["aendres"] * 3, ["jobparat", "jobparat", None])
    assert "To af sagerne vedrører jobparate borgere, og i én sag fremgår målgruppen ikke." in text
    text = _summary(["aendres"] * 2, [None, None])
    assert "I begge sager fremgår målgruppen ikke." in text


def test_criticism_and_remark_are_joined_without_a_comma():
    cases = [result(sagsnummer=str(i), kommune="K", samlet="i_overensstemmelse", kritik=k, maalgruppe="jobparat")
             for i, k in enumerate(("kritik", "bemaerkning", "ingen"))]
    text = " ".join(rt.summary_paragraphs(cases, "K", [], None, None))
    assert ("Blandt de afgørelser, der er i overensstemmelse med reglerne, ville der i én sag være blevet udtalt "
            "kritik og i én sag være blevet givet en bemærkning.") in text
