"""The report tables, counted from the hand-made fixture ``results_fire_kommuner.jsonl``.

Every expected number below was counted by hand from the fixture's design (15 records, four
municipalities). Nordhavn Kommune, the main one, has eight cases:

| sag | målgruppe | samlet | kritik | failed items |
|---|---|---|---|---|
| NH-2022-0101 | J | i_overensstemmelse | ingen | (oplysning nej -> ja by reviewer MAMC) |
| NH-2022-0102 | J | i_overensstemmelse | kritik | begrundelse, laengde (kritik) |
| NH-2022-0415 | A | aendres | ingen | vejledning_35_2, vurdering_13_8, aegtefaelle, begrundelse (reviewer) |
| NH-2021-0777 | J | aendres | ingen | forudgaaende_sanktion, ny_tilsidesaettelse, vejledning_35_2, tilbud |
| NH-2022-0230 | A | aendres | ingen | personlig_kontakt, vurdering_13_8, partshoering, begrundelse |
| NH-2022-0301 | J | aendres | ingen | manglende_vilje, begrundelse, klagevejledning, proportionalitet (adv.) |
| NH-2022-0350 | A | hjemvises | ingen | oplysning, rimelig_grund (ved_ikke), tilbud (ved_ikke) |
| =HYPERLINK("x") | J | aendres | ingen | vejledning_35_1, laengde (5 months), tilbud |
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from audit.contract import CaseResult
from audit.reporting import aggregate as ag
from audit.results_file import read_results
from audit.rules.checklist import load_checklist

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import fixture_results, fixture_text, result  # noqa: E402

YEAR = 2024
J = "Jobparat, der modtager kontanthjælp, § 6, nr. 2"
A = "Aktivitetsparat, der modtager kontanthjælp, § 6, nr. 3"


@pytest.fixture(scope="module")
def results() -> list[CaseResult]:
    return fixture_results()


@pytest.fixture(scope="module")
def nordhavn(results) -> list[CaseResult]:
    return [r for r in results if r.municipality == "Nordhavn Kommune"]


@pytest.fixture(scope="module")
def tables(nordhavn) -> dict[str, ag.Table]:
    return ag.chapter_tables(nordhavn, YEAR)


@pytest.fixture(scope="module")
def items():
    return load_checklist("las-40a-2020").items


def rows(t: ag.Table) -> dict[str, list[int]]:
    return {r.key: r.values for r in t.rows}


def test_fixture_has_what_the_tests_count(results, nordhavn):
    assert len(results) == 15
    assert len(nordhavn) == 8


def test_tabel_2_1_verdict_by_target_group_in_j_a_order(tables):
    t = tables["2.1"]
    assert t.columns == ["Jobparat, der modtager kontanthjælp, LAB § 6, nr. 2",
                         "Aktivitetsparat, der modtager kontanthjælp, LAB § 6, nr. 3", "I alt"]
    assert rows(t) == {"i_overensstemmelse": [2, 0, 2], "aendres": [3, 2, 5], "hjemvises": [0, 1, 1],
                       "total": [5, 3, 8]}
    assert t.title == "ER KOMMUNENS AFGØRELSE OM SKÆRPET SANKTION EFTER § 40A SAMLET SET RIGTIG?"
    assert t.kilde == "Kilde: Gennemgang af 8 sager, 2024"
    national = {r.key: r.national for r in t.rows}
    assert national["i_overensstemmelse"] == [9, 0, 9]
    assert national["aendres"] == [26, 26, 52]
    assert national["hjemvises"] == [0, 0, 0]  # Tabel 1.1: no case was remanded
    assert national["total"] == [35, 26, 61]


def test_tabel_2_2_prior_sanction_correct(tables):
    t = tables["2.2"]
    assert t.columns == ["Antal"]
    assert rows(t) == {"ja": [4], "nej": [2], "ved_ikke": [1], "ingen": [1], "total": [8]}
    national = {r.key: r.national for r in t.rows}
    assert national["ved_ikke"] is None  # no such row nationally: shown without a figure
    assert national["ingen"] == [5]


def test_tabel_2_3_counts_every_weight_and_danish_letters(tables):
    t = tables["2.3"]
    # NH-2022-0230 wrote "adfærd" with the Danish letter; it counts as adfaerd
    assert rows(t) == {"tidligere_sanktioner": [4], "tidligere_manglende_vilje": [1], "adfaerd": [3],
                       "samlet_billede": [1], "andet": [1]}
    assert "total" not in rows(t)
    assert t.note == "Note: Kommunen kan angive flere begrundelser."
    assert t.base == 8


def test_tabel_2_3_unknown_weight_gets_its_own_row():
    r = result(sagsnummer="X", kommune="K", samlet="aendres", maalgruppe="jobparat",
               fakta={"vaegt_paa": ["noget_nyt", "andet"]})
    t = ag.chapter_tables([r], YEAR)["2.3"]
    assert rows(t)["noget_nyt"] == [1]
    assert rows(t)["andet"] == [1]


def test_tabel_2_4_4_1_4_2_answers_by_item(tables):
    assert rows(tables["2.4"]) == {"ja": [3, 1, 4], "nej": [2, 2, 4], "total": [5, 3, 8]}
    assert rows(tables["4.1"]) == {"ja": [5, 2, 7], "nej": [0, 1, 1], "total": [5, 3, 8]}
    assert rows(tables["4.2"]) == {"ja": [4, 3, 7], "nej": [1, 0, 1], "total": [5, 3, 8]}
    assert tables["4.1"].columns == [J, A, "I alt"]


def test_tabel_2_5_and_2_6_only_cases_with_vilje_assessed_in_a_j_order(tables):
    t25, t26 = tables["2.5"], tables["2.6"]
    assert t25.columns == [A, J, "I alt"]
    # counted from the cases in scripts/build_results_fixture.py: aktivitetsparat 0415, 0230, 0350 (oplysning or
    # rimelig_grund nej in each); jobparat 0101, 0102, 0777 and the formula case; only 0102's begrundelse ignores
    # the målgruppe
    assert rows(t25) == {"ja": [0, 4, 4], "nej": [3, 0, 3], "ved_ikke": [0, 0, 0], "total": [3, 4, 7]}
    assert rows(t26) == {"ja": [3, 3, 6], "nej": [0, 1, 1], "total": [3, 4, 7]}
    assert "hvoraf kommunen i 7 af sagerne har foretaget en vurdering" in t25.kilde
    assert t25.kilde.endswith(", 2024")


def test_tabel_2_7_length_in_a_j_order_with_other(tables):
    t = tables["2.7"]
    assert t.columns == ["Antal aktivitetsparate, der modtager kontanthjælp, § 6, nr. 3",
                         "Antal Jobparate, der modtager kontanthjælp, § 6, nr. 2", "Antal borgere i alt"]
    assert rows(t) == {"1": [1, 1, 2], "2": [1, 1, 2], "3": [1, 2, 3], "andet": [0, 1, 1], "total": [3, 5, 8]}
    assert {r.key: r.national for r in t.rows}["3"] == [8, 23, 31]


def test_tabel_4_3_and_5_1(tables):
    assert rows(tables["4.3"]) == {"kritik": [1], "bemaerkning": [0], "ingen": [7], "total": [8]}
    assert rows(tables["5.1"]) == {"jobparat": [5], "aktivitetsparat": [3], "total": [8]}


def test_unknown_target_group_gets_its_own_column_only_when_present(results, tables):
    assert "Målgruppe ikke fastlagt" not in tables["2.1"].columns
    all_tables = ag.chapter_tables(results, YEAR, n_municipalities=4)
    t = all_tables["2.1"]
    assert t.columns[2] == "Målgruppe ikke fastlagt"
    # 14 assessed cases (the 2019 case is outside the rule set); AB-2022-0001 has no målgruppe
    assert rows(t) == {"i_overensstemmelse": [4, 1, 0, 5], "aendres": [4, 3, 0, 7], "hjemvises": [0, 1, 1, 2],
                       "total": [8, 5, 1, 14]}
    assert [r.national for r in t.rows if r.key == "total"] == [[35, 26, 61]]
    assert t.kilde == "Kilde: Gennemgang af 14 sager fra 4 kommuner, 2024"


def test_tabel_1_1_danish_order_and_not_assessed_column(results):
    t = ag.verdict_by_group(results, "kommune", YEAR, include_national=True)
    assert [r.label for r in t.rows] == ["Bøgeby Kommune", "Nordhavn Kommune", "Aabybro Kommune",
                                         "Åmose Kommune", "I alt"]
    assert rows(t) == {"Bøgeby Kommune": [1, 1, 0, 0, 2], "Nordhavn Kommune": [2, 5, 1, 0, 8],
                       "Aabybro Kommune": [0, 0, 1, 1, 2], "Åmose Kommune": [2, 1, 0, 0, 3],
                       "total": [5, 7, 2, 1, 15]}
    assert t.columns[3] == ag.NOT_ASSESSED_LABEL
    assert [r.values for r in t.reference_rows] == [[9, 52, 0, 0, 61]]


def test_tabel_1_1_without_outside_cases_has_no_extra_column(nordhavn):
    t = ag.verdict_by_group(nordhavn, "kommune", YEAR)
    assert len(t.columns) == 4
    assert t.reference_rows == []


def test_tabel_1_1_per_enhed_and_sagsbehandler(nordhavn):
    t = ag.verdict_by_group(nordhavn, "enhed", YEAR)
    assert [(r.label, r.values) for r in t.rows] == [
        ("@Team Øst", [0, 1, 0, 1]), ("Team Nord", [2, 1, 0, 3]), ("Team Syd", [0, 3, 1, 4]),
        ("I alt", [2, 5, 1, 8])]
    t = ag.verdict_by_group(nordhavn, "sagsbehandler", YEAR)
    assert [(r.label, r.values) for r in t.rows] == [
        ("(sagsbehandler ikke oplyst)", [0, 1, 0, 1]), ("ABC", [2, 1, 0, 3]), ("DEF", [0, 2, 0, 2]),
        ("GHI", [0, 1, 1, 2]), ("I alt", [2, 5, 1, 8])]
    with pytest.raises(ValueError):
        ag.verdict_by_group(nordhavn, "maalgruppe", YEAR)


def test_danish_collation_puts_aa_and_aeoeaa_last():
    names = ["Åmose", "Aarhus", "Ballerup", "Ærø", "Øster", "Zealand", "Assens"]
    # 'Aa' is 'Å': Åmose (Å-m) before Aarhus (Å-r), both after Ø
    assert sorted(names, key=ag.danish_sort_key) == ["Assens", "Ballerup", "Zealand", "Ærø", "Øster",
                                                     "Åmose", "Aarhus"]


def test_item_stats_failures_and_applicability(nordhavn, items):
    stats = {s.id: s for s in ag.item_stats(nordhavn, items)}
    assert (stats["begrundelse"].failed, stats["begrundelse"].applicable) == (4, 8)
    assert (stats["tilbud"].failed, stats["tilbud"].nej, stats["tilbud"].ved_ikke) == (3, 2, 1)
    assert (stats["vurdering_13_8"].failed, stats["vurdering_13_8"].applicable) == (2, 3)  # aktivitetsparat only
    assert (stats["aegtefaelle"].failed, stats["aegtefaelle"].applicable) == (1, 1)  # the one married citizen
    assert stats["oplysning"].failed == 1  # NH-2022-0101's computed "nej" was overridden to "ja"
    assert stats["lukning"].failed == 0
    assert stats["proportionalitet"].advisory and stats["proportionalitet"].failed == 1
    assert stats["begrundelse"].national.text == "55 af 61"
    assert stats["maalgruppe"].national is None
    assert stats["vejledning_35_1"].cases == ['=HYPERLINK("x")']
    assert list(stats)[:3] == ["maalgruppe", "vejledning_35_1", "forudgaaende_sanktion"]  # checklist order


def test_most_frequent_failures_ties_in_checklist_order_without_advisory(nordhavn, items):
    top = ag.most_frequent_failures(nordhavn, items, top=5)
    # begrundelse 4, tilbud 3, then three items with 2 in checklist order
    assert [(s.id, s.failed) for s in top] == [("begrundelse", 4), ("tilbud", 3), ("vejledning_35_2", 2),
                                               ("vurdering_13_8", 2), ("laengde", 2)]
    everything = ag.most_frequent_failures(nordhavn, items, top=30, include_advisory=True)
    assert "proportionalitet" in [s.id for s in everything]
    assert "proportionalitet" not in [s.id for s in ag.most_frequent_failures(nordhavn, items, top=30)]


def test_key_figures_count_yes_of_those_answered(nordhavn):
    f = ag.key_figures(nordhavn)
    assert (f["3.1.1"].count, f["3.1.1"].base) == (7, 8)
    assert (f["3.3.1"].count, f["3.3.1"].base) == (6, 8)
    assert (f["4.2.1"].count, f["4.2.1"].base) == (7, 8)
    assert (f["4.3.1.2"].count, f["4.3.1.2"].base) == (6, 8)  # length not reasoned: 0102 and the formula case
    assert (f["4.3.2"].count, f["4.3.2"].base) == (5, 8)  # not the same day: 0777, 0350 (ved_ikke), formula case
    assert (f["T13-T14"].count, f["T13-T14"].base) == (1, 3)
    assert f["3.1.1"].national.text == "46 af 61"


def test_recommendation_cases_only_from_failed_items(nordhavn):
    cases = ag.recommendation_cases(nordhavn)
    assert len(cases["R2.3.3"]) == 4
    assert cases["R1.3.3"] == ["Nordhavn Kommune\x1fNH-2022-0230"]
    assert len(cases["R2.4.1"]) == 3
    assert "R3.1.5" not in cases  # genvejledning never failed
    only_partshoering = ag.recommendation_cases(nordhavn, ["partshoering"])
    assert list(only_partshoering) == ["R1.3.3"]
    chosen = ag.recommendation_cases(nordhavn, ["tilbud"], choose=lambda ids: [i for i in ids if i == "R2.4.1"])
    assert list(chosen) == ["R2.4.1"]


def test_recommendations_of_passed_items_and_unassessed_cases_do_not_count():
    passed = result(sagsnummer="P", kommune="K", samlet="i_overensstemmelse",
                    punkter=[{"id": "begrundelse", "svar": "ja", "anbefalinger": ["R2.3.3"]}])
    outside = result(sagsnummer="O", kommune="K", samlet="uden_for_regelsaet",
                     punkter=[{"id": "begrundelse", "svar": "nej", "anbefalinger": ["R2.3.3"]}])
    failed = result(sagsnummer="F", kommune="K", samlet="i_overensstemmelse",
                    punkter=[{"id": "begrundelse", "svar": "nej", "anbefalinger": ["R2.3.3"]}])
    assert ag.recommendation_cases([passed, outside]) == {}
    assert ag.recommendation_cases([passed, outside, failed]) == {"R2.3.3": ["K\x1fF"]}


def test_overrides_and_what_they_changed(nordhavn):
    by_case = {o.sagsnummer: o for o in ag.overrides(nordhavn)}
    assert set(by_case) == {"NH-2022-0101", "NH-2022-0415"}
    o = by_case["NH-2022-0101"]
    assert (o.item_id, o.computed, o.reviewer_answer, o.by) == ("oplysning", "nej", "ja", "MAMC")
    assert (o.verdict, o.verdict_without) == ("i_overensstemmelse", "hjemvises")
    o = by_case["NH-2022-0415"]
    assert (o.computed, o.reviewer_answer, o.verdict, o.verdict_without) == ("ja", "nej", "aendres", "aendres")


def test_period_and_grouping(results, nordhavn):
    first, last = ag.period(nordhavn)
    assert (first.isoformat(), last.isoformat()) == ("2021-06-15", "2022-06-30")
    assert [k for k, _ in ag.group_by_municipality(results)] == ["Bøgeby Kommune", "Nordhavn Kommune",
                                                                 "Aabybro Kommune", "Åmose Kommune"]
    assert ag.period([]) == (None, None)


def test_odd_lines_are_caught_by_the_reader_with_their_place_and_good_lines_are_kept(tmp_path):
    """Hand-edited results: what does not follow the contract is reported where it is, never counted."""
    good = fixture_text().splitlines()

    def edited(line: str, edit) -> str:
        d = json.loads(line)
        edit(d)
        return json.dumps(d, ensure_ascii=False)

    odd = [
        '{"sagsnummer": "A", "kommune": null}',
        edited(good[0], lambda d: d.update(samlet="noget")),
        edited(good[1], lambda d: d["punkter"][0].update(svar="måske")),
        edited(good[2], lambda d: d.update(fakta={**(d["fakta"] or {}), "laengde_maaneder": "to"})),
        "{ikke json",
        "[1, 2]",
    ]
    path = tmp_path / "resultater.jsonl"
    path.write_text("\n".join([*odd, *good]) + "\n", encoding="utf-8")
    read, problems = read_results(path)
    assert [n for n, _ in read] == list(range(len(odd) + 1, len(odd) + len(good) + 1))  # no good line lost
    messages = {p.line: p.message for p in problems}
    assert set(messages) == set(range(1, len(odd) + 1))
    assert "forventede tekst, fandt null ved `$.kommune`" in messages[1]
    assert "ugyldig værdi 'noget' ved `$.samlet`" in messages[2] and "aendres" in messages[2]
    assert "ugyldig værdi 'måske' ved `$.punkter[0].svar`" in messages[3]
    assert "ved `$.fakta.laengde_maaneder`" in messages[4]
    assert messages[5].startswith("ikke gyldig JSON") and messages[6] == "er ikke et JSON-objekt"
    results = [r for _, r in read]
    assert ag.verdict_by_group(results, "kommune", YEAR).value("total") == len(good)


def test_missing_optional_fields_never_crash():
    sparse = [result(sagsnummer="A", kommune="", samlet="aendres", afgoerelse_dato="i går"),
              result(sagsnummer="B", kommune="K", samlet="aendres", maalgruppe="ukendt",
                     punkter=[{"id": "begrundelse", "svar": "ved_ikke"}],
                     fakta={"laengde_maaneder": 5, "vaegt_paa": ["adfærd", ""]})]
    t = ag.chapter_tables(sparse, YEAR)
    assert rows(t["2.1"])["aendres"] == [0, 0, 2, 2]  # an unknown målgruppe gets its own column
    assert rows(t["2.7"])["andet"] == [0, 0, 1, 1]
    assert rows(t["2.3"])["adfaerd"] == [1]
    assert rows(t["2.4"])[ag.NO_VALUE] == [0, 0, 1, 1]  # an item not in the case is "not assessed"
    t11 = ag.verdict_by_group(sparse, "kommune", YEAR)
    assert rows(t11)["total"][-1] == 2
    assert ag.period(sparse) == (date(2022, 3, 1), date(2022, 3, 1))  # "i går" is no date


def test_empty_results_give_empty_tables():
    t = ag.chapter_tables([], YEAR)
    assert rows(t["2.1"])["total"] == [0, 0, 0]
    assert t["2.1"].kilde == "Kilde: Gennemgang af 0 sager, 2024"
