"""audit.readers: JSON and JSONL input, path expansion, duplicates across a run, JSON key mapping."""

from __future__ import annotations

import json
import os
import tracemalloc

import pytest
from conftest import make_record

from audit.readers import ReadResult, expand_paths, read_cases


def results(*paths, mapping=None) -> list[ReadResult]:
    return list(read_cases([str(p) for p in paths], mapping_file=str(mapping) if mapping else None))


def issues_of(res: list[ReadResult]):
    return [i for r in res for i in r.issues]


def cases_of(res: list[ReadResult]):
    return [r.case for r in res if r.case is not None]


# -- .json shapes ----------------------------------------------------------------------------------

def test_single_record(write_json):
    f = write_json("sag.json", make_record())
    res = results(f)
    assert len(res) == 1 and issues_of(res) == []
    case = res[0].case
    assert case.key == ("Prøvested Kommune", "PK-2024-0001")
    assert case.origin.file == str(f) and case.origin.index is None and case.origin.row is None
    assert len(case.events) == 7
    assert [e.origin.index for e in case.events] == list(range(7))


def test_list_of_records_sets_index_and_paths(write_json):
    bad = make_record("PK-2", afgørelse={"dato": "2024-13-01"})
    f = write_json("sager.json", [make_record("PK-1"), bad, make_record("PK-3")])
    res = results(f)
    assert [r.case.case_number if r.case else None for r in res] == ["PK-1", None, "PK-3"]
    assert [r.origin.index for r in res] == [0, 1, 2]
    (issue,) = issues_of(res)
    assert issue.severity == "fejl" and issue.field == "[2].afgørelse.dato"
    assert issue.file == str(f) and issue.case_number == "PK-2"


def test_sager_wrapper(write_json):
    bad = make_record("PK-2")
    bad["hændelser"][1]["mødt"] = "måske"
    f = write_json("sager.json", {"sager": [make_record("PK-1"), bad]})
    res = results(f)
    assert res[0].case is not None and res[1].case is None
    (issue,) = issues_of(res)
    assert issue.field == "sager[2].hændelser[2].mødt"
    assert "ja eller nej" in issue.message


def test_sager_must_be_a_list_and_extra_keys_are_warned(write_json):
    res = results(write_json("a.json", {"sager": 5}))
    assert [(i.severity, i.code) for i in issues_of(res)] == [("fejl", "ugyldig_struktur")]
    assert cases_of(res) == []
    res = results(write_json("b.json", {"sager": [make_record()], "version": 1}))
    assert len(cases_of(res)) == 1
    assert [(i.severity, i.code, i.field) for i in issues_of(res)] == [("advarsel", "ukendt_felt", "version")]


def test_empty_list_is_a_warning_not_an_error(write_json):
    res = results(write_json("tom.json", []))
    assert [(i.severity, i.code) for i in issues_of(res)] == [("advarsel", "ingen_sager")]


def test_bom_is_accepted(tmp_path):
    f = tmp_path / "bom.json"
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps(make_record(), ensure_ascii=False).encode("utf-8"))
    res = results(f)
    assert len(cases_of(res)) == 1 and issues_of(res) == []


def test_invalid_json_is_located_in_danish(tmp_path):
    f = tmp_path / "fejl.json"
    f.write_text('{\n  "sagsnummer": "X",\n  "kommune" "K"\n}', encoding="utf-8")
    (issue,) = issues_of(results(f))
    assert issue.code == "ugyldig_json" and issue.severity == "fejl"
    assert "linje 3" in issue.message and "kolon" in issue.message


def test_nan_is_refused(tmp_path):
    f = tmp_path / "nan.json"
    f.write_text('{"sagsnummer": "X", "kommune": "K", "afgørelse": {"dato": "2024-01-01", "længde_måneder": NaN}}',
                 encoding="utf-8")
    (issue,) = issues_of(results(f))
    assert issue.code == "ugyldig_json" and "NaN" in issue.message


def test_duplicate_key_in_object_is_warned(tmp_path):
    text = json.dumps(make_record(), ensure_ascii=False)
    text = text.replace('"enhed": "Team Vest"', '"enhed": "Team Vest", "enhed": "Team Øst"')
    f = tmp_path / "dup.json"
    f.write_text(text, encoding="utf-8")
    res = results(f)
    assert cases_of(res)[0].unit == "Team Øst"
    assert [(i.severity, i.code, i.field) for i in issues_of(res)] == [("advarsel", "dobbelt_noegle", "enhed")]


# -- .jsonl ------------------------------------------------------------------------------------------

def test_jsonl_bad_line_does_not_stop_the_rest(write_jsonl):
    f = write_jsonl("sager.jsonl", [make_record("A"), "{ikke json", "", make_record("B"), "[1, 2]",
                                    make_record("C", afgørelse=None)])
    res = results(f)
    assert [r.origin.row for r in res] == [1, 2, 4, 5, 6]
    assert [r.case.case_number if r.case else None for r in res] == ["A", None, "B", None, None]
    by_row = {i.row: i for i in issues_of(res)}
    assert by_row[2].code == "ugyldig_json" and "de øvrige linjer læses" in by_row[2].message
    assert by_row[5].code == "ugyldig_struktur" and "en liste" in by_row[5].message
    assert by_row[6].code == "mangler_felt" and by_row[6].field == "afgørelse"
    assert "linje 6" in by_row[6].line()


def test_jsonl_line_numbers_count_blank_lines(write_jsonl):
    f = write_jsonl("s.jsonl", ["", "", make_record(afgørelse={"dato": "i går"})])
    (issue,) = issues_of(results(f))
    assert issue.row == 3 and issue.field == "afgørelse.dato"


def test_jsonl_is_streamed(write_jsonl, tmp_path):
    """Memory while reading does not grow with the file: a 12 MB file is read within a few MB."""
    note = "x" * 2000
    rec = make_record()
    rec["hændelser"][0]["note"] = note
    f = tmp_path / "stor.jsonl"
    with open(f, "w", encoding="utf-8") as fh:
        for i in range(6000):
            rec["sagsnummer"] = f"PK-{i}"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    size = f.stat().st_size
    assert size > 12_000_000
    tracemalloc.start()
    n = 0
    for r in read_cases([str(f)]):
        assert r.case is not None
        n += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 6000
    assert peak < size / 3, f"peak {peak} for a file of {size} bytes"


def test_reading_is_lazy(write_jsonl):
    f = write_jsonl("s.jsonl", [make_record("A"), make_record("B")])
    it = read_cases([str(f)])
    first = next(it)
    assert first.case.case_number == "A"
    # the rest of the file is read only when asked for
    with open(f, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(make_record("C"), ensure_ascii=False) + "\n")
    assert [r.case.case_number for r in it] == ["B", "C"]


# -- duplicates across the run -------------------------------------------------------------------------

def test_duplicate_case_number_in_same_municipality(write_json, write_jsonl):
    a = write_json("a.json", make_record("D-1"))
    b = write_jsonl("b.jsonl", [make_record("D-2"), make_record("D-1", municipality="  prøvested   kommune "),
                                make_record("D-1", municipality="Andet Sted Kommune")])
    res = results(a, b)
    assert [r.case.case_number if r.case else None for r in res] == ["D-1", "D-2", None, "D-1"]
    (dup,) = issues_of(res)
    assert dup.code == "dobbelt_sagsnummer" and dup.severity == "fejl"
    assert dup.file == str(b) and dup.row == 2 and dup.field == "sagsnummer"
    assert f"første gang: {a}" in dup.message


def test_later_duplicate_is_rejected_even_when_first_was_unreadable(write_json):
    f = write_json("s.json", [make_record("E-1", afgørelse=None), make_record("E-1")])
    res = results(f)
    assert cases_of(res) == []
    assert {i.code for i in issues_of(res)} == {"mangler_felt", "dobbelt_sagsnummer"}
    dup = [i for i in issues_of(res) if i.code == "dobbelt_sagsnummer"][0]
    assert "sag nr. 1 i listen" in dup.message and dup.field == "[2].sagsnummer"


# -- paths -------------------------------------------------------------------------------------------

def test_folder_is_searched_recursively_in_sorted_order(tmp_path, write_json, write_jsonl, write_xlsx):
    write_json("in/b.json", make_record("B"))
    write_json("in/a.json", make_record("A"))
    write_jsonl("in/sub/c.jsonl", [make_record("C")])
    write_json("in/.skjult.json", make_record("H"))
    write_json("in/.git/x.json", make_record("G"))
    (tmp_path / "in" / "~$lås.xlsx").write_bytes(b"lock")
    (tmp_path / "in" / "noter.txt").write_text("ikke data", encoding="utf-8")
    (tmp_path / "in" / "gammel.xlsm").write_bytes(b"x")
    res = results(tmp_path / "in")
    assert [r.case.case_number for r in res if r.case] == ["A", "B", "C"]
    (warn,) = issues_of(res)
    assert warn.severity == "advarsel" and warn.code == "filtype" and warn.file.endswith("gammel.xlsm")


def test_glob_and_missing_paths(tmp_path, write_json):
    write_json("g/x1.json", make_record("X1"))
    write_json("g/x2.json", make_record("X2"))
    res = results(tmp_path / "g" / "x*.json", tmp_path / "g" / "*.jsonl", tmp_path / "findes-ikke.json")
    assert [r.case.case_number for r in res if r.case] == ["X1", "X2"]
    errors = [(i.code, i.severity) for i in issues_of(res)]
    assert errors == [("ingen_filer", "fejl"), ("findes_ikke", "fejl")]
    assert all(r.file_level for r in res if r.case is None)


def test_empty_folder_and_unsupported_file_are_errors(tmp_path):
    (tmp_path / "tom").mkdir()
    (tmp_path / "data.tsv").write_text("a\tb", encoding="utf-8")
    res = results(tmp_path / "tom", tmp_path / "data.tsv")
    assert [(i.code, i.severity) for i in issues_of(res)] == [("ingen_filer", "fejl"), ("filtype", "fejl")]


def test_same_file_twice_is_read_once(write_json, tmp_path):
    f = write_json("s.json", make_record())
    res = results(f, tmp_path)
    assert len(cases_of(res)) == 1
    assert [(i.code, i.severity) for i in issues_of(res)] == [("dobbelt_fil", "advarsel")]


def test_expand_paths_returns_files_and_problems(tmp_path, write_json):
    write_json("a/1.json", {})
    files, problems = expand_paths([str(tmp_path / "a"), str(tmp_path / "nej")])
    assert [p.name for p in files] == ["1.json"]
    assert [p.code for p in problems] == ["findes_ikke"]


def test_accepts_a_single_path_string(write_json):
    f = write_json("s.json", make_record())
    assert len(cases_of(list(read_cases(str(f))))) == 1


# -- mapping of top-level JSON keys ------------------------------------------------------------------

def test_mapping_renames_top_level_json_keys(tmp_path, write_json):
    rec = make_record()
    rec["Sags-ID"] = rec.pop("sagsnummer")
    rec["Myndighed"] = rec.pop("kommune")
    f = write_json("s.json", rec)
    m = tmp_path / "m.toml"
    m.write_text('sagsnummer = "Sags-ID"\nkommune = ["Myndighed", "Kommunenavn"]\n', encoding="utf-8")
    res = results(f, mapping=m)
    assert issues_of(res) == [] and cases_of(res)[0].key == ("Prøvested Kommune", "PK-2024-0001")
    # without the mapping the same file cannot be read
    res = results(f)
    assert cases_of(res) == [] and {i.code for i in issues_of(res)} >= {"mangler_felt", "ukendt_felt"}


def test_mapping_clash_is_an_error(tmp_path, write_json):
    rec = make_record()
    rec["Sags-ID"] = "ANDET"
    f = write_json("s.json", rec)
    m = tmp_path / "m.toml"
    m.write_text('sagsnummer = "Sags-ID"\n', encoding="utf-8")
    res = results(f, mapping=m)
    assert cases_of(res) == []
    assert [i.code for i in issues_of(res)] == ["dobbelt_felt"]


def test_paths_given_as_pathlike(write_json):
    f = write_json("s.json", make_record())
    assert len(cases_of(list(read_cases([f])))) == 1
    assert os.fspath(f).endswith("s.json")


@pytest.mark.parametrize("shape", ["single", "list", "wrapped"])
def test_every_shape_gives_the_same_case(write_json, shape):
    rec = make_record()
    data = {"single": rec, "list": [rec], "wrapped": {"sager": [rec]}}[shape]
    (case,) = cases_of(results(write_json(f"{shape}.json", data)))
    assert case.model_dump(by_alias=True)["afgørelse"]["længde_måneder"] == 2
