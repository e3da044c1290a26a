"""audit.tilsyn.sampling: the reproducible draw for ledelsestilsyn."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from datetime import UTC, date, datetime

import pytest

from audit.model import Case
from audit.tilsyn.sampling import (
    SampleError,
    allocate,
    draw_sample,
    load_sample_keys,
    population_hash,
    population_row,
    rank_hash,
    target_group_at,
    write_sample,
)

WORKERS = ["ABC", "DEF", "GHI"]


def population() -> list[dict]:
    """20 cases of one municipality; fixed, so the expected samples below are fixed too."""
    pop = []
    for i in range(1, 21):
        pop.append({
            "kommune": "Nordhavn Kommune", "sagsnummer": f"NH-{i:03d}",
            "enhed": "Team Syd" if i % 2 else "Team Nord",
            "sagsbehandler": WORKERS[i % 3] if i != 20 else None,
            "maalgruppe": "jobparat" if i % 4 else "aktivitetsparat",
            "afgoerelse_dato": date(2024, 1 + (i % 6), 1 + i),
        })
    return pop


# -- the algorithm is pinned: a change of hash, key format or ordering fails these on any machine --

def test_fixed_expected_sample():
    result = draw_sample(population(), seed="2024-Q1", n=5)
    assert [c.sagsnummer for c in result.selected] == ["NH-003", "NH-004", "NH-007", "NH-014", "NH-015"]
    assert result.population_count == 20
    assert result.population_hash == "17a5c9e0724955db2d7d85e588d9d229667cc215698449c33957e230cc12aeab"


def test_fixed_expected_sample_other_seed():
    result = draw_sample(population(), seed="2024-Q2", n=5)
    assert [c.sagsnummer for c in result.selected] == ["NH-018", "NH-008", "NH-020", "NH-002", "NH-013"]


def test_fixed_expected_one_per_caseworker_with_spares():
    result = draw_sample(population(), seed="2024-Q1", per="sagsbehandler", reserver=1)
    assert sorted((c.stratum, c.sagsnummer) for c in result.selected) == [
        ("(uoplyst)", "NH-020"), ("ABC", "NH-003"), ("DEF", "NH-004"), ("GHI", "NH-014")]
    assert [(c.stratum, c.sagsnummer, c.rank) for c in result.spares] == [
        ("ABC", "NH-015", 2), ("DEF", "NH-007", 2), ("GHI", "NH-002", 2)]


def test_rank_hash_is_keyed_blake2b_over_kommune_unit_separator_sagsnummer():
    expected = hashlib.blake2b(b"Nordhavn Kommune\x1fNH-003", key=b"2024-Q1").hexdigest()
    assert rank_hash("2024-Q1", "Nordhavn Kommune", "NH-003") == expected
    assert expected[:16] == "0aa068fc5ce8741f"


def test_population_hash_is_sha256_over_sorted_keys():
    assert population_hash([("Nordhavn Kommune", "NH-001")]) == (
        "342a0fb1f1e47cf647643a4b7068457ef74fe0f093e2c44aca7964271842ace1")
    assert population_hash([("Nordhavn Kommune", "NH-001")]) == hashlib.sha256(
        b"Nordhavn Kommune\x1fNH-001\n").hexdigest()


# -- reproducibility ---------------------------------------------------------------------------

def test_same_seed_same_sample_whatever_the_input_order():
    a = draw_sample(population(), seed="tilsyn", n=6, per="enhed", reserver=2)
    b = draw_sample(list(reversed(population())), seed="tilsyn", n=6, per="enhed", reserver=2)
    assert a.selected == b.selected
    assert a.spares == b.spares
    assert a.population_hash == b.population_hash


def test_different_seed_different_sample():
    a = draw_sample(population(), seed="2024-Q1", n=5)
    b = draw_sample(population(), seed="2024-Q2", n=5)
    assert a.selected_keys != b.selected_keys
    assert a.population_hash == b.population_hash  # the population did not change


def test_population_hash_changes_when_a_case_is_added():
    pop = population()
    before = draw_sample(pop, seed="s", n=3).population_hash
    pop.append({"kommune": "Nordhavn Kommune", "sagsnummer": "NH-021", "afgoerelse_dato": date(2024, 2, 2)})
    after = draw_sample(pop, seed="s", n=3)
    assert after.population_hash != before
    assert after.population_count == 21


def test_keys_are_unicode_normalised():
    nfc = [{"kommune": "Ærø Kommune", "sagsnummer": "Æ-1"}]
    nfd = [{"kommune": unicodedata.normalize("NFD", " Ærø Kommune "), "sagsnummer": "Æ-1"}]
    assert draw_sample(nfc, seed="s", n=1).population_hash == draw_sample(nfd, seed="s", n=1).population_hash
    assert draw_sample(nfd, seed="s", n=1).selected[0].kommune == "Ærø Kommune"


def test_long_seed_is_accepted_and_still_matters():
    long_a, long_b = "x" * 100, "x" * 99 + "y"
    a = draw_sample(population(), seed=long_a, n=5)
    b = draw_sample(population(), seed=long_b, n=5)
    assert len(a.selected) == 5
    assert a.selected_keys != b.selected_keys


def test_duplicates_count_once_and_are_logged():
    pop = population() + [dict(population()[0])]
    result = draw_sample(pop, seed="s", n=30)
    assert result.population_count == 20
    assert result.duplicates == [("Nordhavn Kommune", "NH-001")]
    assert any("mere end én gang" in w for w in result.warnings)


# -- stratification and allocation -------------------------------------------------------------

def test_every_stratum_is_covered_when_min_per_allows():
    result = draw_sample(population(), seed="s", n=4, per="sagsbehandler", min_per=1)
    strata = {c.stratum for c in result.selected}
    assert strata == {"ABC", "DEF", "GHI", "(uoplyst)"}
    assert len(result.selected) == 4


def test_min_per_takes_all_a_small_stratum_has():
    result = draw_sample(population(), seed="s", per="sagsbehandler", min_per=3)
    counts = {s.name: s.drawn for s in result.strata}
    assert counts == {"(uoplyst)": 1, "ABC": 3, "DEF": 3, "GHI": 3}


def test_n_below_the_minimums_is_raised_with_a_warning():
    result = draw_sample(population(), seed="s", n=2, per="sagsbehandler")
    assert len(result.selected) == 4
    assert any("hævet til 4" in w for w in result.warnings)


def test_n_without_raise_gives_no_warning():
    result = draw_sample(population(), seed="s", n=4, per="sagsbehandler")
    assert result.warnings == []


def test_allocation_largest_remainder():
    quota, warnings = allocate({"A": 5, "B": 3, "C": 2}, n=6, andel=None, min_per=1)
    # base 1+1+1, rest 3 over room 4:2:1 -> shares 12/7, 6/7, 3/7 -> floors 1,0,0, remainders to B then A
    assert quota == {"A": 3, "B": 2, "C": 1}
    assert warnings == []


def test_allocation_tie_is_broken_by_stratum_name():
    quota, _ = allocate({"B": 3, "A": 3}, n=3, andel=None, min_per=1)
    assert quota == {"A": 2, "B": 1}


def test_allocation_never_exceeds_stratum_size():
    quota, _ = allocate({"A": 1, "B": 10, "C": 2}, n=12, andel=None, min_per=2)
    assert quota["A"] == 1 and quota["C"] == 2
    assert sum(quota.values()) == 12


def test_n_larger_than_population_takes_all():
    result = draw_sample(population(), seed="s", n=50)
    assert len(result.selected) == 20
    assert any("større end populationen" in w for w in result.warnings)


def test_andel_rounds_up_per_stratum():
    # Team Syd and Team Nord have 10 cases each: 0.15 * 10 = 1.5 -> 2 each
    result = draw_sample(population(), seed="s", andel=0.15, per="enhed")
    assert {s.name: s.drawn for s in result.strata} == {"Team Nord": 2, "Team Syd": 2}


def test_andel_exact_product_is_not_rounded_up_by_float_error():
    pop = [{"kommune": "K", "sagsnummer": str(i)} for i in range(30)]
    # 0.1 * 30 is 3.0000000000000004 in floating point; the draw must still take 3
    assert len(draw_sample(pop, seed="s", andel=0.1).selected) == 3


def test_andel_without_per_and_min_per_floor():
    assert len(draw_sample(population(), seed="s", andel=0.01).selected) == 1  # ceil(0.2)
    result = draw_sample(population(), seed="s", andel=0.01, per="enhed", min_per=2)
    assert {s.name: s.drawn for s in result.strata} == {"Team Nord": 2, "Team Syd": 2}


def test_missing_stratum_value_is_its_own_stratum():
    pop = [{"kommune": "K", "sagsnummer": "1", "enhed": ""}, {"kommune": "K", "sagsnummer": "2"},
           {"kommune": "K", "sagsnummer": "3", "enhed": "Team"}]
    result = draw_sample(pop, seed="s", per="enhed")
    assert {s.name: s.size for s in result.strata} == {"(uoplyst)": 2, "Team": 1}


# -- window and spares -------------------------------------------------------------------------

def test_window_filter_inclusive():
    result = draw_sample(population(), seed="s", n=100, fra=date(2024, 2, 1), til=date(2024, 3, 31))
    dates = [c.decision_date for c in result.selected]
    assert dates and all(date(2024, 2, 1) <= d <= date(2024, 3, 31) for d in dates)
    inside = [p for p in population() if date(2024, 2, 1) <= p["afgoerelse_dato"] <= date(2024, 3, 31)]
    assert result.population_count == len(inside)
    assert result.outside_window == 20 - len(inside)
    # a case exactly on the boundary is inside
    edge = [{"kommune": "K", "sagsnummer": "1", "afgoerelse_dato": "2024-02-01"}]
    assert draw_sample(edge, seed="s", n=1, fra=date(2024, 2, 1), til=date(2024, 2, 1)).population_count == 1


def test_window_excludes_cases_without_date_and_counts_them():
    pop = [{"kommune": "K", "sagsnummer": "1"}, {"kommune": "K", "sagsnummer": "2",
                                                 "afgoerelse_dato": date(2024, 1, 5)}]
    result = draw_sample(pop, seed="s", n=5, fra=date(2024, 1, 1))
    assert result.population_count == 1 and result.without_date == 1
    assert draw_sample(pop, seed="s", n=5).population_count == 2  # no window: both count


def test_spares_are_disjoint_from_the_sample_and_follow_rank():
    result = draw_sample(population(), seed="s", n=6, per="enhed", reserver=3)
    assert not set(result.selected_keys) & {c.key for c in result.spares}
    for s in result.strata:
        drawn = sorted(c.rank for c in result.selected if c.stratum == s.name)
        spare = sorted(c.rank for c in result.spares if c.stratum == s.name)
        assert drawn == list(range(1, s.drawn + 1))
        assert spare == list(range(s.drawn + 1, s.drawn + 1 + s.spares))
        assert s.spares == 3


def test_spares_limited_by_stratum_size():
    result = draw_sample(population(), seed="s", per="sagsbehandler", reserver=5)
    assert {s.name: s.spares for s in result.strata}["(uoplyst)"] == 0
    assert {s.name: s.spares for s in result.strata}["ABC"] == 5


# -- invalid requests --------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, fragment", [
    ({"n": 1, "andel": 0.1}, "ikke begge"),
    ({}, "angiv --n"),
    ({"n": 0}, "mindst 1"),
    ({"andel": 1.5}, "højst 1"),
    ({"andel": 0.0}, "større end 0"),
    ({"n": 1, "per": "farve"}, "--per skal være"),
    ({"n": 1, "reserver": -1}, "negativ"),
    ({"n": 1, "fra": date(2024, 2, 1), "til": date(2024, 1, 1)}, "efter --til"),
])
def test_invalid_requests_raise_danish_errors(kwargs, fragment):
    with pytest.raises(SampleError, match=fragment):
        draw_sample(population(), seed="s", **kwargs)


def test_empty_seed_is_refused():
    with pytest.raises(SampleError, match="seed"):
        draw_sample(population(), seed="  ", n=1)


def test_empty_population_warns():
    result = draw_sample([], seed="s", n=1)
    assert result.selected == []
    assert any("tom" in w for w in result.warnings)


# -- files ------------------------------------------------------------------------------------

def test_written_files(tmp_path):
    result = draw_sample(population(), seed="2024-Q1", per="sagsbehandler", reserver=1,
                         fra=date(2024, 1, 1), til=date(2024, 12, 31))
    now = datetime(2024, 4, 2, 9, 30, tzinfo=UTC)
    paths = write_sample(result, tmp_path / "ud", unreadable=2, inputs=["eksport.xlsx"], now=now)
    raw = paths["stikproeve"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows æ, ø, å
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [r["sagsnummer"] for r in rows] == ["NH-020", "NH-003", "NH-004", "NH-014"]
    assert rows[1] == {"kommune": "Nordhavn Kommune", "sagsnummer": "NH-003", "stratum": "ABC", "rang": "1",
                       "hash": rank_hash("2024-Q1", "Nordhavn Kommune", "NH-003")[:16],
                       "afgoerelse_dato": "2024-04-04"}
    spares = list(csv.DictReader(io.StringIO(paths["reserver"].read_bytes().decode("utf-8-sig")),
                                 delimiter=";"))
    assert [r["sagsnummer"] for r in spares] == ["NH-015", "NH-007", "NH-002"]
    log = json.loads(paths["log"].read_text(encoding="utf-8"))
    assert log["seed"] == "2024-Q1"
    assert log["tidspunkt"] == "2024-04-02T09:30:00+00:00"
    assert log["population"]["antal"] == 20
    assert log["population"]["hash"] == result.population_hash
    assert log["population"]["ulaeselige_poster"] == 2
    assert log["vindue"] == {"fra": "2024-01-01", "til": "2024-12-31"}
    assert log["metode"]["per"] == "sagsbehandler"
    assert "BLAKE2b" in log["metode"]["beskrivelse"]["rangering"]
    assert {s["stratum"]: (s["antal"], s["udtrukket"]) for s in log["strata"]} == {
        "(uoplyst)": (1, 1), "ABC": (6, 1), "DEF": (7, 1), "GHI": (6, 1)}
    assert [e["sagsnummer"] for e in log["udtrukket"]] == [c.sagsnummer for c in result.selected]
    assert len(log["reserver"]) == 3
    assert log["input"] == ["eksport.xlsx"]
    assert log["version"]
    # no temporary files left behind
    assert sorted(p.name for p in (tmp_path / "ud").iterdir()) == [
        "reserver.csv", "stikproeve-log.json", "stikproeve.csv"]


def test_load_sample_keys_roundtrip(tmp_path):
    result = draw_sample(population(), seed="s", n=5)
    paths = write_sample(result, tmp_path)
    assert load_sample_keys(paths["stikproeve"]) == set(result.selected_keys)


def test_load_sample_keys_after_excel_resave(tmp_path):
    f = tmp_path / "gemt.csv"
    f.write_bytes("Kommune,Sagsnummer,Stratum\r\nÆrø Kommune,Æ-1,x\r\n,,\r\nÆrø Kommune, Æ-2 ,y\r\n"
                  .encode("cp1252"))
    assert load_sample_keys(f) == {("Ærø Kommune", "Æ-1"), ("Ærø Kommune", "Æ-2")}


@pytest.mark.parametrize("content, fragment", [
    ("", "tom"),
    ("kommune;stratum\r\nK;x\r\n", "mangler kolonnerne"),
    ("kommune;sagsnummer\r\nK;\r\n", "række 2"),
])
def test_load_sample_keys_errors(tmp_path, content, fragment):
    f = tmp_path / "s.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(SampleError, match=fragment):
        load_sample_keys(f)


def test_load_sample_keys_missing_file(tmp_path):
    with pytest.raises(SampleError, match="findes ikke"):
        load_sample_keys(tmp_path / "nej.csv")


# -- målgruppe at the decision date -------------------------------------------------------------

def _case(events, decided="2024-03-01"):
    return Case.model_validate({
        "sagsnummer": "1", "kommune": "K", "enhed": "Team", "sagsbehandler": "ABC",
        "hændelser": events, "afgørelse": {"dato": decided},
    })


def test_target_group_is_latest_visitation_on_or_before_decision():
    case = _case([
        {"type": "visitation", "dato": "2023-01-01", "målgruppe": "jobparat"},
        {"type": "visitation", "dato": "2024-03-01", "målgruppe": "aktivitetsparat"},
        {"type": "visitation", "dato": "2024-03-02", "målgruppe": "jobparat"},
    ])
    assert target_group_at(case, date(2024, 3, 1)) == "aktivitetsparat"
    assert target_group_at(case, date(2024, 2, 29)) == "jobparat"
    assert target_group_at(case, date(2022, 12, 31)) is None
    row = population_row(case)
    assert row == {"kommune": "K", "sagsnummer": "1", "enhed": "Team", "sagsbehandler": "ABC",
                   "maalgruppe": "aktivitetsparat", "afgoerelse_dato": date(2024, 3, 1)}


def test_target_group_none_without_visitation():
    assert population_row(_case([]))["maalgruppe"] is None


def test_allocation_example_in_the_documentation():
    # docs/ledelsestilsyn.md, "Eksempel på fordeling": equal remainders go alphabetically
    quota, _ = allocate({"Team Nord": 20, "Team Syd": 8, "Team Vest": 2}, n=12, andel=None, min_per=1)
    assert quota == {"Team Nord": 8, "Team Syd": 3, "Team Vest": 1}


def test_cpr_like_text_never_reaches_the_files(tmp_path):
    pop = [{"kommune": "K", "sagsnummer": "1", "sagsbehandler": "010190-1234"},
           {"kommune": "K", "sagsnummer": "2", "sagsbehandler": "ABC"}]
    result = draw_sample(pop, seed="s", per="sagsbehandler")
    paths = write_sample(result, tmp_path, inputs=["eksport-0101901234.xlsx"])
    for p in paths.values():
        text = p.read_bytes().decode("utf-8-sig")
        assert "010190-1234" not in text and "0101901234" not in text
    assert {s.name for s in result.strata} == {"xxxxxx-xxxx", "ABC"}
