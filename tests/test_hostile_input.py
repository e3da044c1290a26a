"""Hostile and broken input: never a crash or traceback, always a located Danish problem, never a CPR
number in any message or JSON output, and input files are never modified."""

from __future__ import annotations

import json
import os
import zipfile

import pytest
from conftest import make_record, xlsx_bytes_to
from typer.testing import CliRunner

import audit.cli.main  # noqa: F401  (registers every command, so 'validate' is a subcommand)
from audit.cli.app import app
from audit.issues import MAX_VALUE_CHARS
from audit.readers import read_cases
from audit.readers.template import write_template

CPR = "010190-1234"
CPR_DIGITS = "0101901234"
runner = CliRunner()


def results(*paths):
    return list(read_cases([str(p) for p in paths]))


def issues_of(res):
    return [i for r in res for i in r.issues]


def only_issue(res):
    (issue,) = issues_of(res)
    return issue


def validate(*args):
    return runner.invoke(app, ["validate", *[str(a) for a in args]], catch_exceptions=False)


def assert_no_cpr(text: str) -> None:
    assert CPR not in text and CPR_DIGITS not in text and "010190 1234" not in text


# -- files that are not what their name says ------------------------------------------------------

@pytest.fixture
def valid_xlsx(tmp_path):
    return write_template(tmp_path / "gyldig.xlsx")


def test_random_bytes_named_xlsx(tmp_path):
    f = tmp_path / "tilfældig.xlsx"
    f.write_bytes(os.urandom(4096))
    issue = only_issue(results(f))
    assert (issue.code, issue.severity, issue.file) == ("ugyldig_excel", "fejl", str(f))
    assert "ikke en gyldig Excel-projektmappe" in issue.message


def test_truncated_xlsx(tmp_path, valid_xlsx):
    data = valid_xlsx.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        f = tmp_path / f"afkortet-{cut}.xlsx"
        f.write_bytes(data[:cut])
        issue = only_issue(results(f))
        assert issue.code == "ugyldig_excel" and issue.severity == "fejl"


def test_zip_that_is_not_a_workbook(tmp_path):
    f = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("hej.txt", "ikke excel")
    issue = only_issue(results(f))
    assert issue.code == "ugyldig_excel" and "ikke en Excel-projektmappe" in issue.message


def test_json_text_named_xlsx(tmp_path):
    f = tmp_path / "forkert.xlsx"
    f.write_text(json.dumps(make_record()), encoding="utf-8")
    assert only_issue(results(f)).code == "ugyldig_excel"


def test_workbook_without_expected_sheets(tmp_path):
    f = xlsx_bytes_to(tmp_path / "andet.xlsx", {"Ark1": [["navn", "alder"], ["x", 3]]})
    issue = only_issue(results(f))
    assert issue.code == "mangler_ark" and "'Sager' og 'Hændelser'" in issue.message and "'Ark1'" in issue.message


@pytest.mark.parametrize("name", ["tom.json", "tom.jsonl", "tom.xlsx"])
def test_empty_file(tmp_path, name):
    f = tmp_path / name
    f.write_bytes(b"")
    issue = only_issue(results(f))
    assert (issue.code, issue.severity, issue.file) == ("tom_fil", "fejl", str(f))
    assert "tom" in issue.message


@pytest.mark.parametrize("name", ["blank.json", "blank.jsonl"])
def test_whitespace_only_file(tmp_path, name):
    f = tmp_path / name
    f.write_text("\n  \n\n", encoding="utf-8")
    assert only_issue(results(f)).code == "tom_fil"


@pytest.mark.parametrize("content,kind", [("42", "et tal"), ('"sag"', "en tekst"), ("null", "null"),
                                          ("true", "ja/nej-værdi")])
def test_json_scalar(tmp_path, content, kind):
    f = tmp_path / "skalar.json"
    f.write_text(content, encoding="utf-8")
    issue = only_issue(results(f))
    assert issue.code == "ugyldig_struktur" and kind in issue.message and '{"sager": [...]}' in issue.message


def test_invalid_json(tmp_path):
    f = tmp_path / "ugyldig.json"
    f.write_text('{"sagsnummer": "A",}', encoding="utf-8")
    issue = only_issue(results(f))
    assert issue.code == "ugyldig_json" and "linje 1" in issue.message


def test_deeply_nested_json(tmp_path):
    f = tmp_path / "dyb.json"
    f.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    issue = only_issue(results(f))
    assert issue.code == "ugyldig_json" and "indlejret" in issue.message


def test_non_utf8_json_and_jsonl_line(tmp_path):
    f = tmp_path / "latin1.json"
    f.write_bytes(json.dumps(make_record(), ensure_ascii=False).encode("latin-1"))
    issue = only_issue(results(f))
    assert issue.code == "ikke_utf8" and "UTF-8" in issue.message
    g = tmp_path / "blandet.jsonl"
    lines = [json.dumps(make_record("L1"), ensure_ascii=False).encode("utf-8"),
             json.dumps(make_record("L2"), ensure_ascii=False).encode("latin-1"),
             json.dumps(make_record("L3"), ensure_ascii=False).encode("utf-8")]
    g.write_bytes(b"\n".join(lines) + b"\n")
    res = results(g)
    assert [r.case.case_number if r.case else None for r in res] == ["L1", None, "L3"]
    assert [(i.code, i.row) for i in issues_of(res)] == [("ikke_utf8", 2)]


# -- records with broken content --------------------------------------------------------------------

def test_record_without_decision(write_json):
    rec = make_record()
    del rec["afgørelse"]
    res = results(write_json("s.json", rec))
    assert res[0].case is None
    issue = only_issue(res)
    assert (issue.code, issue.field) == ("mangler_felt", "afgørelse")


def test_unknown_event_type(write_json):
    rec = make_record()
    rec["hændelser"].append({"type": "telefonopkald", "dato": "2024-02-01"})
    res = results(write_json("s.json", rec))
    assert res[0].case is None
    issue = only_issue(res)
    assert issue.code == "ukendt_kode" and issue.field == "hændelser[8].type" and issue.value == "telefonopkald"


def test_length_written_as_text(write_json):
    rec = make_record()
    rec["afgørelse"]["længde_måneder"] = "to måneder"
    issue = only_issue(results(write_json("s.json", rec)))
    assert issue.code == "ugyldig_laengde" and issue.field == "afgørelse.længde_måneder"
    assert "med tal" in issue.message and issue.value == "to måneder"


def test_impossible_date(write_json):
    rec = make_record()
    rec["afgørelse"]["dato"] = "31-02-2022"
    issue = only_issue(results(write_json("s.json", rec)))
    assert issue.code == "ugyldig_dato" and "ikke findes i kalenderen" in issue.message
    assert issue.field == "afgørelse.dato"


def test_two_megabyte_text_field(tmp_path, write_json):
    big = "Lang begrundelse. " * 120_000  # about 2 MB
    assert len(big.encode("utf-8")) > 2_000_000
    rec = make_record()
    rec["afgørelse"]["begrundelse"] = big
    f = write_json("stor.json", rec)
    res = results(f)
    assert res[0].case is not None and res[0].case.decision.reasoning == big
    issue = only_issue(res)
    assert (issue.severity, issue.code) == ("advarsel", "lang_tekst")
    assert len(issue.line()) < 400 and big[:2000] not in json.dumps(issue.to_dict())
    out = validate(f)
    assert out.exit_code == 0 and len(out.output) < 2000
    out = validate(f, "--json")
    assert out.exit_code == 0 and len(out.output) < 2000


def test_long_bad_value_is_shown_short(write_json):
    rec = make_record()
    rec["hændelser"][0]["målgruppe"] = "x" * 500_000
    res = results(write_json("s.json", rec))
    (issue,) = [i for i in issues_of(res) if i.code == "ukendt_kode"]
    assert len(issue.value) < MAX_VALUE_CHARS + 30 and "500000 tegn" in issue.value
    assert all(len(i.line()) < 400 for i in issues_of(res))


def test_duplicate_case_number_within_a_municipality(write_json):
    res = results(write_json("s.json", [make_record("DUP"), make_record("DUP")]))
    assert res[0].case is not None and res[1].case is None
    assert only_issue(res).code == "dobbelt_sagsnummer"


def test_excel_cell_types_that_are_not_values(tmp_path):
    """Times, durations, formulas' cached errors and booleans where text is expected: located errors."""
    import datetime as dt

    from test_readers_excel import sheets_for

    sheets = sheets_for([make_record()])
    header = sheets["Sager"][0]
    sheets["Sager"][1][header.index("afgørelse_dato")] = dt.time(12, 30)
    sheets["Sager"][1][header.index("enhed")] = True
    f = xlsx_bytes_to(tmp_path / "typer.xlsx", sheets)
    res = results(f)
    assert res[-1].case is None
    assert {i.code for i in issues_of(res)} == {"ugyldig_dato", "ugyldig_tekst"}


# -- CPR numbers never leave the tool --------------------------------------------------------------

def cpr_everywhere(tmp_path):
    rec = make_record(f"SAG-{CPR}", cpr=CPR)
    rec["hændelser"][0]["note"] = f"Borgeren med cpr {CPR} ringede"
    rec["hændelser"][3]["forklaring"] = f"Se {CPR_DIGITS}"
    rec["afgørelse"]["klagevejledning"] = CPR  # a bad value that is a CPR number
    rec["hændelser"][4]["kanal"] = CPR_DIGITS  # an unknown field for a partshøring, holding a CPR number
    rec[f"felt {CPR}"] = "x"  # a key holding a CPR number
    folder = tmp_path / f"borger {CPR}"
    folder.mkdir()
    (folder / f"{CPR}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    (folder / "linjer.jsonl").write_text(f'{{"sagsnummer": "{CPR}", "kommune": ', encoding="utf-8")
    from test_readers_excel import sheets_for

    sheets = sheets_for([make_record("X-1", cpr=CPR)])
    sheets["Sager"][0].append(f"kolonne {CPR}")
    sheets["Sager"][1].append("v")
    sheets["Hændelser"].append([CPR, None, "visitation", "2024-01-01", "jobparat"])
    sheets["Hændelser"][1][EVENT_NOTE] = f"note {CPR}"
    xlsx_bytes_to(folder / "ark.xlsx", sheets)
    return folder


from audit.readers.mapping import EVENT_COLUMNS  # noqa: E402

EVENT_NOTE = EVENT_COLUMNS.index("note")


def test_cpr_never_in_issues(tmp_path):
    folder = cpr_everywhere(tmp_path)
    res = results(folder)
    issues = issues_of(res)
    assert {i.code for i in issues} >= {"ugyldig_ja_nej", "ukendt_felt", "ukendt_kolonne", "uden_sag"}
    for i in issues:
        assert_no_cpr(i.line())
        assert_no_cpr(json.dumps(i.to_dict(), ensure_ascii=False))
        assert_no_cpr(repr(i))
    for r in res:
        if r.origin is not None:
            assert_no_cpr(r.origin.model_dump_json())
        if r.case is not None:
            assert_no_cpr(r.case.model_dump_json())


def test_cpr_never_in_validate_output(tmp_path):
    folder = cpr_everywhere(tmp_path)
    for args in ([folder], [folder, "--json"]):
        out = validate(*args)
        assert out.exit_code == 1
        assert_no_cpr(out.output)
        assert "Traceback" not in out.output
    data = json.loads(validate(folder, "--json").output)
    assert any(d["kode"] == "ugyldig_ja_nej" for d in data)


# -- input is never modified, nothing crashes ----------------------------------------------------------

def test_input_files_are_never_modified(tmp_path, valid_xlsx):
    folder = cpr_everywhere(tmp_path)
    (folder / "tilfældig.xlsx").write_bytes(os.urandom(2048))
    (folder / "afkortet.xlsx").write_bytes(valid_xlsx.read_bytes()[:3000])
    (folder / "tom.jsonl").write_bytes(b"")
    (folder / "tal.json").write_text("42", encoding="utf-8")
    (folder / "gyldig.xlsx").write_bytes(valid_xlsx.read_bytes())
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_size) for p in files}
    res = results(folder)
    out = validate(folder)
    out_json = validate(folder, "--json")
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_size) for p in files}
    assert before == after
    assert sorted(p for p in folder.rglob("*") if p.is_file()) == files  # no stray files either
    assert any(r.case is not None for r in res)  # the valid template still reads among the broken files
    for o in (out, out_json):
        assert o.exit_code == 1 and "Traceback" not in o.output


def test_unreadable_file_is_located(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    f = tmp_path / "lukket.json"
    f.write_text("{}", encoding="utf-8")
    f.chmod(0)
    try:
        issue = only_issue(results(f))
    finally:
        f.chmod(0o644)
    assert issue.code == "laesefejl" and "adgang" in issue.message


def test_os_errors_have_danish_reasons():
    import errno

    from audit.readers.common import os_error_text

    assert "ingen adgang" in os_error_text(PermissionError(errno.EACCES, "Permission denied"))
    assert "findes ikke" in os_error_text(FileNotFoundError(errno.ENOENT, "No such file"))
    assert "mappe" in os_error_text(IsADirectoryError(errno.EISDIR, "Is a directory"))
    assert "systemfejl: I/O" in os_error_text(OSError(errno.EIO, "I/O error"))


def test_a_bug_in_a_reader_does_not_stop_the_run(monkeypatch, write_json, write_jsonl):
    import audit.readers as readers

    def broken(path, display, mapping, state):
        yield from ()
        raise KeyError("intern")

    monkeypatch.setitem(readers._READERS, ".json", broken)
    bad = write_json("a.json", make_record("A"))
    good = write_jsonl("b.jsonl", [make_record("B")])
    res = results(bad, good)
    assert [r.case.case_number for r in res if r.case] == ["B"]
    issue = only_issue(res)
    assert (issue.code, issue.file) == ("laesefejl", str(bad)) and "KeyError" in issue.message


@pytest.mark.parametrize("name", ["utf16.json", "utf16.jsonl"])
def test_utf16_file_is_one_clear_error(tmp_path, name):
    f = tmp_path / name
    f.write_bytes(json.dumps(make_record(), ensure_ascii=False).encode("utf-16") * 3)
    issue = only_issue(results(f))
    assert issue.code == "ikke_utf8" and "UTF-16" in issue.message
