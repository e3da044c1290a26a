"""Hostile input, round two (issue 11): each input that killed a run, lost a case, leaked a CPR number or
hung is built here in a few lines; the run goes on, every bad record or file is named by a located fejl."""

from __future__ import annotations

import json
import os
import unicodedata

import pytest
from conftest import make_record, xlsx_bytes_to
from typer.testing import CliRunner

import audit.cli.main  # noqa: F401  (registers every command)
from audit.cli.app import app
from audit.readers import read_cases

runner = CliRunner()
CPR = "010190-1234"


# No hang: every test here is stopped after 20 seconds (a hang was the bug for several of them).
pytestmark = pytest.mark.time_limit(20)


def results(*paths):
    return list(read_cases([str(p) for p in paths]))


def issues_of(res):
    return [i for r in res for i in r.issues]


def run(*args):
    return runner.invoke(app, ["run", *[str(a) for a in args]], catch_exceptions=False)


def validate(*args):
    return runner.invoke(app, ["validate", *[str(a) for a in args]], catch_exceptions=False)


def good_file(folder, name="god.json", number="GOD-1"):
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / name
    f.write_text(json.dumps(make_record(number), ensure_ascii=False), encoding="utf-8")
    return f


def audited(out):
    return [json.loads(line)["sagsnummer"] for line in (out / "resultater.jsonl").read_text("utf-8").splitlines()]


def problems(out):
    return [json.loads(line) for line in (out / "indlaesningsfejl.jsonl").read_text("utf-8").splitlines()]


# -- one bad string does not kill the run ---------------------------------------------------------------

def test_lone_surrogate_is_a_located_fejl_and_the_run_goes_on(tmp_path):
    data = tmp_path / "in"
    good_file(data)
    bad = json.dumps(make_record("S-1"), ensure_ascii=True).replace('"Pr\\u00f8vested Kommune"', '"\\ud83d"')
    assert "\\ud83d" in bad
    (data / "linjer.jsonl").write_text(bad + "\n" + json.dumps(make_record("S-2")) + "\n", encoding="utf-8")
    out = tmp_path / "ud"
    res = run(data, "--out", out, "--quiet")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert sorted(audited(out)) == ["GOD-1", "S-2"]
    (p,) = [p for p in problems(out) if p["alvor"] == "fejl"]
    assert (p["kode"], p["række"], p["felt"]) == ("ugyldigt_tegn", 1, "kommune")
    v = validate(data)
    assert v.exit_code == 1 and "ugyldigt tegn" in v.output


def test_a_bug_in_one_record_names_that_record_and_reads_the_next(tmp_path, monkeypatch):
    import audit.readers.json_reader as jr

    real = jr.parse_record

    def parse(raw, locate, **kw):
        if raw.get("sagsnummer") == "BUG":
            raise ValueError("intern")
        return real(raw, locate, **kw)

    monkeypatch.setattr(jr, "parse_record", parse)
    f = tmp_path / "l.jsonl"
    f.write_text("".join(json.dumps(make_record(n)) + "\n" for n in ("A", "BUG", "C")), encoding="utf-8")
    res = results(f)
    assert [r.case.case_number for r in res if r.case] == ["A", "C"]
    (issue,) = issues_of(res)
    assert (issue.code, issue.row, issue.severity) == ("intern_fejl", 2, "fejl") and "ValueError" in issue.message


def test_a_bug_in_the_engine_for_one_case_does_not_stop_the_run(tmp_path, monkeypatch):
    import audit.runner as runner_mod

    real = runner_mod.evaluate

    def evaluate(case, checklist):
        if case.case_number == "BUG":
            raise ZeroDivisionError
        return real(case, checklist)

    monkeypatch.setattr(runner_mod, "evaluate", evaluate)
    f = tmp_path / "l.jsonl"
    f.write_text("".join(json.dumps(make_record(n)) + "\n" for n in ("A", "BUG", "C")), encoding="utf-8")
    summary = runner_mod.run_audit([str(f)], tmp_path / "ud")
    assert (summary.cases, summary.not_read, summary.exit_code) == (2, 1, 1)
    (p,) = problems(tmp_path / "ud")
    assert (p["kode"], p["række"], p["sagsnummer"]) == ("intern_fejl", 2, "BUG")


def test_superscript_digit_as_length_is_a_located_value_error(tmp_path):
    rec = make_record("E-1")
    rec["afgørelse"]["længde_måneder"] = "²"
    f = tmp_path / "l.jsonl"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps(make_record("E-2")) + "\n", encoding="utf-8")
    res = results(f)
    assert [r.case.case_number for r in res if r.case] == ["E-2"]
    (issue,) = issues_of(res)
    assert (issue.code, issue.row, issue.field) == ("ugyldig_laengde", 1, "afgørelse.længde_måneder")


def test_deep_yaml_mapping_is_a_usage_error(tmp_path):
    m = tmp_path / "dyb.yaml"
    m.write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    good_file(tmp_path / "in")
    res = validate(tmp_path / "in", "--mapping", m)
    assert res.exit_code == 2 and "for dybt indlejret" in res.output and "Traceback" not in res.output


# -- path walking -----------------------------------------------------------------------------------------

def test_symlink_loop_beside_a_good_file(tmp_path):
    data = tmp_path / "in"
    good_file(data)
    os.symlink(data / "b.json", data / "a.json")
    os.symlink(data / "a.json", data / "b.json")
    out = tmp_path / "ud"
    res = run(data, "--out", out, "--quiet")
    assert res.exit_code == 1 and "intern fejl" not in res.output
    assert audited(out) == ["GOD-1"]
    loops = [p for p in problems(out) if p["kode"] == "laesefejl"]
    assert sorted(os.path.basename(p["fil"]) for p in loops) == ["a.json", "b.json"]
    assert all("ring" in p["besked"] and "symbolic" not in p["besked"] for p in loops)
    summary = json.loads((out / "koersel.json").read_text("utf-8"))
    assert summary["ikke_indlaest"] == 2 and summary["filer_afvist"] == 2


def test_glob_over_a_symlinked_folder_loop_ends(tmp_path):
    data = tmp_path / "mappe"
    good_file(data / "under")
    os.symlink(data, data / "under" / "tilbage")
    os.symlink(data / "under", data / "ring")
    for arg in (str(data / "**"), str(data)):
        res = results(arg)
        assert [r.case.case_number for r in res if r.case] == ["GOD-1"]
        assert any(i.code == "mappe_i_ring" for i in issues_of(res))


def test_glob_with_relative_pattern_keeps_the_path_as_written(tmp_path, monkeypatch):
    good_file(tmp_path / "a" / "b", "x.json")
    monkeypatch.chdir(tmp_path)
    res = results("a/**/*.json")
    assert [r.case.origin.file for r in res if r.case] == [os.path.join("a", "b", "x.json")]
    res = results("*/b")
    assert [r.case.origin.file for r in res if r.case] == [os.path.join("a", "b", "x.json")]


def test_fifo_in_a_folder_is_reported_not_opened(tmp_path):
    data = tmp_path / "in"
    good_file(data)
    os.mkfifo(data / "rør.json")
    res = results(data)
    assert [r.case.case_number for r in res if r.case] == ["GOD-1"]
    (issue,) = issues_of(res)
    assert issue.code == "laesefejl" and "named pipe" in issue.message and issue.file.endswith("rør.json")
    (issue,) = issues_of(results(data / "rør.json"))
    assert issue.severity == "fejl"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any folder")
def test_unreadable_subfolder_is_a_fejl(tmp_path):
    data = tmp_path / "in"
    good_file(data)
    closed = data / "lukket"
    good_file(closed, number="LUKKET-1")
    closed.chmod(0)
    try:
        res = results(data)
        out = tmp_path / "ud"
        r = run(data, "--out", out, "--quiet")
    finally:
        closed.chmod(0o755)
    assert [r.case.case_number for r in res if r.case] == ["GOD-1"]
    (issue,) = issues_of(res)
    assert (issue.code, issue.severity, issue.file) == ("laesefejl", "fejl", str(closed))
    assert "ingen adgang" in issue.message
    assert r.exit_code == 1


# -- lost records ----------------------------------------------------------------------------------------

def test_doubled_sager_key_loses_no_case(tmp_path):
    f = tmp_path / "s.json"
    a, b = (json.dumps(make_record(n), ensure_ascii=False) for n in ("A", "B"))
    f.write_text(f'{{"sager": [{a}], "sager": [{b}]}}', encoding="utf-8")
    res = results(f)
    assert [r.case.case_number for r in res if r.case] == ["A", "B"]
    (issue,) = issues_of(res)
    assert (issue.code, issue.severity) == ("dobbelt_noegle", "fejl") and "2 gange" in issue.message


def test_counts_include_files_rejected_whole(tmp_path):
    data = tmp_path / "in"
    good_file(data)
    (data / "ødelagt.json").write_text('{"sager": [', encoding="utf-8")
    (data / "tom.jsonl").write_text("", encoding="utf-8")
    res = validate(data)
    assert res.exit_code == 1
    assert "1 sag kan læses, mindst 1 kan ikke læses; 2 fejl og 0 advarsler." in " ".join(res.output.split())
    out = tmp_path / "ud"
    r = run(data, "--out", out)
    assert "1 sag gennemgået; mindst 1 kunne ikke læses" in " ".join(r.output.split())


# -- CPR numbers --------------------------------------------------------------------------------------------

def test_cpr_in_input_file_name_is_masked_in_koersel(tmp_path):
    f = good_file(tmp_path / f"borger {CPR}", f"{CPR}.json")
    out = tmp_path / "ud"
    run(f, "--out", out, "--quiet")
    text = (out / "koersel.json").read_text("utf-8")
    assert "1234" not in text and "xxxxxx-xxxx" in text


@pytest.mark.parametrize("value", [2512901234, 101901234, 2512901234.0])
def test_numeric_cpr_in_json_is_masked_in_results(tmp_path, value):
    rec = make_record("N-1", enhed=value, borger_id=value)
    f = tmp_path / "s.json"
    f.write_text(json.dumps(rec), encoding="utf-8")
    out = tmp_path / "ud"
    run(f, "--out", out, "--quiet")
    text = (out / "resultater.jsonl").read_text("utf-8")
    assert str(int(value)) not in text and '"enhed":"xxxxxx-xxxx"' in text.replace(" ", "")


def test_numeric_cpr_in_excel_is_masked(tmp_path):
    from test_readers_excel import sheets_for

    sheets = sheets_for([make_record("X-1")])
    header = sheets["Sager"][0]
    sheets["Sager"][1][header.index("enhed")] = 2512901234
    f = xlsx_bytes_to(tmp_path / "s.xlsx", sheets)
    (case,) = [r.case for r in results(f) if r.case]
    assert case.unit == "xxxxxx-xxxx"


@pytest.mark.parametrize("sep", ["\u2013", "\u2011", "\u2010", "\u2212", "\u00a0", "\u2009", "\u202f", " - "])
def test_cpr_with_any_dash_or_space_is_masked(sep):
    from audit.privacy import contains_cpr, mask_cpr

    text = f"borger 010190{sep}1234 ringede"
    assert mask_cpr(text) == "borger xxxxxx-xxxx ringede" and contains_cpr(text)
    assert mask_cpr("tlf. 12 34 56 78") == "tlf. 12 34 56 78"  # a phone number is no CPR number


# -- messages -----------------------------------------------------------------------------------------------

def test_nfd_values_are_normalised(tmp_path):
    rec = make_record("NFD-1")
    rec["hændelser"][2]["former"] = [unicodedata.normalize("NFD", "gennemgået"), "udleveret"]
    rec = {unicodedata.normalize("NFD", k): v for k, v in rec.items()}
    f = tmp_path / "s.json"
    f.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    res = results(f)
    assert not issues_of(res)
    (case,) = [r.case for r in res if r.case]
    assert case.events[2].forms == ("gennemgået", "udleveret")


def test_pretty_printed_json_in_jsonl_is_one_hint(tmp_path):
    f = tmp_path / "smuk.jsonl"
    f.write_text(json.dumps([make_record("P-1"), make_record("P-2")], indent=2, ensure_ascii=False), encoding="utf-8")
    res = results(f)
    assert [r.case.case_number for r in res if r.case] == ["P-1", "P-2"]
    (issue,) = issues_of(res)
    assert issue.code == "json_ikke_jsonl" and "endelsen .json" in issue.message


# -- Excel --------------------------------------------------------------------------------------------------

def _patch_sheet(path, sheet_index, replace):
    """Rewrite one sheet's XML in a saved workbook (for cells openpyxl cannot write: error values, NaN)."""
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == f"xl/worksheets/sheet{sheet_index}.xml":
                new = replace(data)
                assert new != data
                data = new
            zout.writestr(info, data)
    tmp.replace(path)
    return path


def _book(tmp_path, name, records, edit=None):
    from test_readers_excel import sheets_for

    sheets = sheets_for(records)
    if edit:
        edit(sheets)
    return xlsx_bytes_to(tmp_path / name, sheets)


def _col(sheets, sheet, column):
    return sheets[sheet][0].index(column)


def _error_in(sheets, sheet, row, column):
    """Mark a cell with a placeholder text that _patch_sheet turns into an error cell."""
    sheets[sheet][row - 1][_col(sheets, sheet, column)] = "FEJLCELLE"


def _as_error(value: bytes):
    import re

    return lambda data: re.sub(rb'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>FEJLCELLE</t></is></c>',
                               rb'<c r="\1" t="e"><v>' + value + rb"</v></c>", data)


def test_one_cell_at_xfd1048576_is_refused_before_allocation(tmp_path):
    data = tmp_path / "in"
    good_file(data)
    f = _book(data, "stor.xlsx", [make_record("X-1")])
    from openpyxl import load_workbook

    wb = load_workbook(f)
    wb["Sager"]["XFD1048576"] = "x"
    wb.save(f)
    out = tmp_path / "ud"
    res = run(data, "--out", out, "--quiet")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert audited(out) == ["GOD-1"]
    (p,) = problems(out)
    assert p["kode"] == "for_stort_ark" and "XFD1048576" in p["besked"] and "1.048.576 rækker" in p["besked"]


@pytest.mark.parametrize("error", [b"#SPILL!", b"#CALC!", b"#REF!", b"#N/A", b"#DIV/0!"])
def test_error_cell_is_one_message_for_that_cell(tmp_path, error):
    f = _book(tmp_path, "fejl.xlsx", [make_record("X-1"), make_record("X-2")],
              lambda s: _error_in(s, "Hændelser", 2, "dato"))
    _patch_sheet(f, 2, _as_error(error))
    res = results(f)
    assert [r.case.case_number for r in res if r.case] == ["X-2"]
    (issue,) = issues_of(res)
    assert (issue.code, issue.sheet, issue.row, issue.severity) == ("excel_fejl", "Hændelser", 2, "fejl")
    assert issue.column.startswith("D") and f"Excel-fejlen {error.decode()}" in issue.message
    assert "mangler" not in issue.message


def test_error_cell_as_case_number_does_not_cascade(tmp_path):
    f = _book(tmp_path, "fejl.xlsx", [make_record("X-1"), make_record("X-2")],
              lambda s: _error_in(s, "Sager", 2, "sagsnummer"))
    _patch_sheet(f, 1, _as_error(b"#REF!"))
    res = results(f)
    assert [r.case.case_number for r in res if r.case] == ["X-2"]
    issues = issues_of(res)
    assert [i.code for i in issues] == ["uden_sag", "excel_fejl"]  # 7 event rows, one message
    assert "7 rækker i alt" in issues[0].message and issues[1].row == 2


def test_formula_without_cached_value_is_reported(tmp_path):
    f = _book(tmp_path, "formel.xlsx", [make_record("X-1")],
              lambda s: s["Sager"][1].__setitem__(_col(s, "Sager", "afgørelse_dato"), "=TODAY()"))
    (issue,) = issues_of(results(f))
    assert (issue.code, issue.row) == ("formel_uden_vaerdi", 2)
    assert "formlen er ikke beregnet; åbn og gem filen i Excel" in issue.message.replace(" (filen er gemt uden "
                                                                                          "formlens resultat)", "")


@pytest.mark.parametrize("value", [0, -5, 2958465, "NaN"])
def test_impossible_excel_serial_date_is_reported(tmp_path, value):
    import datetime as dt

    def edit(s):
        s["Sager"][1][_col(s, "Sager", "afgørelse_dato")] = dt.date(2024, 3, 1) if value == "NaN" else value

    f = _book(tmp_path, "dato.xlsx", [make_record("X-1")], edit)
    if value == "NaN":
        import re

        _patch_sheet(f, 1, lambda d: re.sub(rb"(<c r=\"[A-Z]+2\" [^>]*><v>)45352(</v>)", rb"\1NaN\2", d))
    issues = issues_of(results(f))
    assert [i.code for i in issues] == ["umulig_dato"] and issues[0].severity == "fejl"
    if value == "NaN":  # shown as written, not as the 30 December 1899 the reader makes of it
        assert issues[0].value == "ikke et tal (NaN)" and "1899" not in issues[0].line()
