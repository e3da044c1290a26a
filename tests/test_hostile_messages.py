"""Issue 11, item 6 and the "Why" bullets that had no test yet: the Excel reader's and the OS's errors in Danish
(the original only as a short "teknisk årsag"), repetitions collapsed ("16.000 ukendte kolonner: ... (vis alle
med --alle)") with ``--alle`` on run and validate, a hint for a title row above the header row, values shown
as the user wrote them (no ``inf``, no ``datetime.time(0, 0)``), and an unreadable folder reported even when
the test runs as root."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import zipfile

import pytest
from conftest import make_record, xlsx_bytes_to
from test_readers_excel import sheets_for
from typer.testing import CliRunner

import audit.cli.main  # noqa: F401  (registers every command)
from audit.cli.app import app
from audit.readers import read_cases

runner = CliRunner()


def results(*paths, show_all=False):
    return list(read_cases([str(p) for p in paths], **({"show_all": True} if show_all else {})))


def issues_of(res):
    return [i for r in res for i in r.issues]


def cli(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


# -- the Excel reader's own errors, in Danish -------------------------------------------------------------------

def _zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _workbook_with(tmp_path, member, data):
    """A real workbook with one inner part replaced (None: removed)."""
    good = xlsx_bytes_to(tmp_path / "god.xlsx", sheets_for([make_record("X-1")]))
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    if data is None:
        del members[member]
    else:
        members[member] = data
    return _zip(tmp_path / "skadet.xlsx", members)


def _english_outside_technical(message):
    before, _, technical = message.partition("(teknisk årsag:")
    return before, technical


@pytest.mark.parametrize("make, expected, code", [
    (lambda p: _zip(p / "zip.xlsx", {"noter.txt": "hej"}), "den mangler delen '_rels/.rels'", "ugyldig_excel"),
    (lambda p: (p / "csv.xlsx").write_text("sagsnummer;kommune\nA-1;Prøvested\n") and p / "csv.xlsx",
     "den er en tekstfil (fx CSV) med endelsen .xlsx", "ugyldig_excel"),
    (lambda p: (p / "pdf.xlsx").write_bytes(b"%PDF-1.4\n" + bytes(range(256))) and p / "pdf.xlsx",
     "den er en PDF-fil med endelsen .xlsx", "ugyldig_excel"),
    (lambda p: (p / "afkortet.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4) and p / "afkortet.xlsx",
     "den er beskadiget eller afkortet", "ugyldig_excel"),
    (lambda p: _workbook_with(p, "xl/workbook.xml", b"<workbook><sheets><sheet"),
     "en af dens indre dele (XML) kan ikke læses", "ugyldig_excel"),
    (lambda p: _workbook_with(p, "xl/worksheets/sheet1.xml", None),
     "arket 'Sager' er nævnt i den, men arkets indhold mangler", "ugyldig_excel"),
])
def test_excel_reader_errors_are_danish_with_a_short_technical_cause(tmp_path, make, expected, code):
    f = make(tmp_path)
    (issue,) = issues_of(results(f))
    assert issue.code == code and issue.severity == "fejl"
    danish, technical = _english_outside_technical(issue.message)
    assert expected in danish
    assert "gem den igen som 'Excel-projektmappe (*.xlsx)'" in danish
    for english in ("File not found", "Zip", "EOCD", "error", "syntax", "not found", "Worksheet"):
        assert english not in danish
    assert technical and len(technical) < 160  # the reader's own words, short, for support


def test_the_technical_cause_is_cut_short(tmp_path, monkeypatch):
    from audit.readers import excel_sheets

    class XmlError(Exception):
        pass

    def broken(*a, **k):
        raise XmlError("x" * 5000)

    import python_calamine

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", broken)
    f = xlsx_bytes_to(tmp_path / "s.xlsx", sheets_for([make_record("X-1")]))
    (issue,) = issues_of(results(f))
    _, technical = _english_outside_technical(issue.message)
    assert technical.startswith(" XmlError: xxx") and len(technical) < 160
    assert excel_sheets  # the module whose messages are tested


# -- repetitions collapsed, --alle shows them all --------------------------------------------------------------

def _many_columns(tmp_path, n):
    sheets = sheets_for([make_record("K-1")])
    start = len(sheets["Sager"][0])
    sheets["Sager"][0] += [f"ekstra{i}" for i in range(n)]
    return xlsx_bytes_to(tmp_path / "kolonner.xlsx", sheets), start


def test_sixteen_thousand_unknown_columns_are_one_warning(tmp_path):
    from audit.readers.excel_sheets import column_letter

    f, start = _many_columns(tmp_path, 16_000)
    res = results(f)
    assert [r.case.case_number for r in res if r.case] == ["K-1"]
    (issue,) = issues_of(res)
    first = [f"{column_letter(start + i)}1" for i in range(3)]
    assert issue.code == "ukendt_kolonne" and issue.severity == "advarsel"
    assert issue.message.startswith(f"16.000 ukendte kolonner i arket 'Sager', og deres værdier bruges ikke: "
                                    f"{', '.join(first)}, ")
    assert issue.message.endswith(" ... (vis alle med --alle)")
    every = issues_of(results(f, show_all=True))
    assert len(every) == 16_000 and {i.code for i in every} == {"ukendt_kolonne"}
    assert every[-1].column == f"{column_letter(start + 15_999)} (ekstra15999)"


def test_a_few_unknown_columns_are_still_named_one_by_one(tmp_path):
    f, _ = _many_columns(tmp_path, 10)
    issues = issues_of(results(f))
    assert [i.column.split(" ", 1)[1] for i in issues] == [f"(ekstra{i})" for i in range(10)]


def test_alle_on_validate_and_run_lists_every_unknown_column(tmp_path):
    f, _ = _many_columns(tmp_path, 200)
    short = cli("validate", f)
    assert short.exit_code == 0 and short.output.count("ADVARSEL") == 1
    assert "200 ukendte kolonner" in short.output
    full = cli("validate", f, "--alle")
    assert full.exit_code == 0 and full.output.count("ADVARSEL") == 200
    cli("run", f, "--out", tmp_path / "kort", "--quiet")
    cli("run", f, "--out", tmp_path / "lang", "--quiet", "--alle")
    lines = [len((tmp_path / d / "indlaesningsfejl.jsonl").read_text("utf-8").splitlines()) for d in ("kort", "lang")]
    assert lines == [1, 200]


def _repeated_jsonl(tmp_path, n, value="mange"):
    rows = []
    for i in range(n):
        rec = make_record(f"L-{i}")
        rec["afgørelse"]["længde_måneder"] = value if isinstance(value, str) else value(i)
        rows.append(json.dumps(rec, ensure_ascii=False))
    rows.append(json.dumps(make_record("OK-1")))
    f = tmp_path / "mange.jsonl"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return f


def test_the_same_problem_on_many_jsonl_lines_is_collapsed(tmp_path):
    f = _repeated_jsonl(tmp_path, 40)
    res = cli("validate", f)
    out = " ".join(res.output.split())
    assert res.exit_code == 1
    assert res.output.count("FEJL:") == 4  # three as they are, then one summary
    assert ("samme problem på yderligere 37 linjer: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 ... (vis alle med --alle): "
            "'længde_måneder' skal være") in out
    assert "1 sag kan læses, 40 kan ikke læses; 40 fejl og 0 advarsler." in out  # counts count every record
    full = cli("validate", f, "--alle")
    assert full.output.count("FEJL:") == 40 and "samme problem" not in full.output

    cli("run", f, "--out", tmp_path / "ud", "--quiet")
    problems = [json.loads(x) for x in (tmp_path / "ud" / "indlaesningsfejl.jsonl").read_text("utf-8").splitlines()]
    assert [p["række"] for p in problems] == [1, 2, 3, None]
    assert problems[-1]["besked"].startswith("samme problem på yderligere 37 linjer: 4, 5,")
    summary = json.loads((tmp_path / "ud" / "koersel.json").read_text("utf-8"))
    assert (summary["ikke_indlaest"], summary["fejl"]) == (40, 40)


def test_the_same_problem_in_many_records_of_a_json_list_is_collapsed(tmp_path):
    records = []
    for i in range(20):
        rec = make_record(f"J-{i}")
        rec["afgørelse"]["længde_måneder"] = "mange"
        records.append(rec)
    f = tmp_path / "liste.json"
    f.write_text(json.dumps({"sager": records}, ensure_ascii=False), encoding="utf-8")
    res = cli("validate", f)
    out = " ".join(res.output.split())
    assert res.output.count("FEJL:") == 4 and "0 sager kan læses, 20 kan ikke læses; 20 fejl" in out
    assert ("felt afgørelse.længde_måneder: samme problem i yderligere 17 sager i listen: nr. 4, 5, 6, 7, 8, 9, 10, "
            "11, 12, 13 ... (vis alle med --alle)") in out
    assert cli("validate", f, "--alle").output.count("FEJL:") == 20


def test_different_problems_are_not_collapsed(tmp_path):
    f = _repeated_jsonl(tmp_path, 8, value=lambda i: f"mange{i}")
    res = cli("validate", f)
    assert res.output.count("FEJL:") == 8 and "samme problem" not in res.output


def test_the_same_problem_in_many_excel_rows_is_collapsed(tmp_path):
    records = [make_record(f"R-{i}") for i in range(12)]
    sheets = sheets_for(records)
    col = sheets["Sager"][0].index("afgørelse_længde_måneder")
    for row in sheets["Sager"][1:]:
        row[col] = "mange"
    f = xlsx_bytes_to(tmp_path / "r.xlsx", sheets)
    res = cli("validate", f)
    assert res.output.count("FEJL:") == 4
    assert "samme problem på yderligere 9 rækker: 5, 6, 7, 8, 9, 10, 11, 12, 13 (vis alle med --alle)" in \
        " ".join(res.output.split())


# -- a title row above the header row -----------------------------------------------------------------------

def test_title_row_above_the_header_gets_a_hint(tmp_path):
    sheets = sheets_for([make_record("T-1")])
    sheets["Sager"].insert(0, ["Sager fra Prøvested Kommune, 2024"])
    sheets["Sager"].insert(1, [None])
    f = xlsx_bytes_to(tmp_path / "titel.xlsx", sheets)
    issues = issues_of(results(f))
    (issue,) = issues  # no "unknown column" warning for the title's text
    assert issue.code == "mangler_kolonne" and issue.row == 1
    assert "overskriftsrækken ser ud til at være række 3; række 1 ligner en titel" in issue.message.lower()


def test_no_title_hint_when_no_row_holds_the_headers(tmp_path):
    sheets = sheets_for([make_record("T-1")])
    sheets["Sager"][0] = ["nummer", "by"] + [None] * (len(sheets["Sager"][0]) - 2)
    f = xlsx_bytes_to(tmp_path / "u.xlsx", sheets)
    issues = issues_of(results(f))
    assert "mangler_kolonne" in [i.code for i in issues]
    assert not any("titel" in i.message for i in issues)


# -- values the way the user wrote them ------------------------------------------------------------------------

def test_infinite_number_is_shown_in_danish(tmp_path):
    text = json.dumps(make_record("I-1"), ensure_ascii=False).replace('"længde_måneder": 2', '"længde_måneder": 1e999')
    f = tmp_path / "inf.json"
    f.write_text(text, encoding="utf-8")
    (issue,) = issues_of(results(f))
    assert issue.field == "afgørelse.længde_måneder" and issue.value == "uendelig"
    assert "inf" not in issue.message + issue.value.replace("uendelig", "")


def test_excel_time_cell_in_a_date_column_is_shown_as_a_time(tmp_path):
    sheets = sheets_for([make_record("T-1")])
    sheets["Sager"][1][sheets["Sager"][0].index("afgørelse_dato")] = dt.time(0, 0)
    f = xlsx_bytes_to(tmp_path / "tid.xlsx", sheets)
    issues = [i for i in issues_of(results(f)) if i.severity == "fejl"]
    (issue,) = issues
    assert issue.value == "kl. 00:00" and "datetime" not in issue.line()


# -- an unreadable folder, also when the tests run as root -------------------------------------------------------

def test_folder_that_cannot_be_listed_is_a_fejl_even_as_root(tmp_path, monkeypatch):
    data = tmp_path / "in"
    (data / "lukket").mkdir(parents=True)
    (data / "god.json").write_text(json.dumps(make_record("GOD-1")), encoding="utf-8")
    (data / "lukket" / "skjult.json").write_text(json.dumps(make_record("LUKKET-1")), encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(data / "lukket"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = results(data)
    assert [r.case.case_number for r in res if r.case] == ["GOD-1"]
    (issue,) = issues_of(res)
    assert (issue.code, issue.severity, issue.file) == ("laesefejl", "fejl", str(data / "lukket"))
    assert "ingen adgang" in issue.message and "Permission" not in issue.message
    r = cli("run", data, "--out", tmp_path / "ud", "--quiet")
    assert r.exit_code == 1 and re.search(r"lukket.*ingen adgang", " ".join(r.output.split()))
