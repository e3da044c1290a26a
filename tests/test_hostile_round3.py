"""Hostile input, round three: the input surfaces added by issues 12 and 15 (the reviewer's workbook read with
``audit run --vurderinger``, the worker processes of ``--jobs``, ``audit check --html`` and its timeline, the
``regelsaet.json`` beside a results file). Bad input never crashes the tool, never drops a case or an answer
silently, is reported in Danish with file, sheet, row and column, and no CPR number reaches any output."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import make_record
from openpyxl import Workbook, load_workbook

import audit.parallel as parallel
import audit.runner as runner_mod
from audit.tilsyn.gennemgang import HEADERS, read_review_book

ROOT = Path(__file__).resolve().parent.parent
NORDHAVN = ROOT / "sample_cases" / "nordhavn.json"
CPR = "010190-1234"
# a CPR number written any usual way (with or without hyphen, 9 digits when Excel dropped the leading 0)
CPR_LIKE = re.compile(r"(?<!\d)0?10190\D{0,3}1234(?!\d)")


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    """The installed tool in its own process, as a user runs it (exit code, and a traceback would show)."""
    return subprocess.run([sys.executable, "-m", "audit.cli.main", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "COLUMNS": "250"}, timeout=180)


def everything(out: Path, proc: subprocess.CompletedProcess) -> str:
    """stdout, stderr and the text of every file the run wrote (an .xlsx's XML parts included)."""
    parts = [proc.stdout, proc.stderr]
    for f in sorted(out.rglob("*")) if out.exists() else []:
        if not f.is_file():
            continue
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(f) as z:
                parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        else:
            parts.append(f.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def problems(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "indlaesningsfejl.jsonl").read_text("utf-8").splitlines()]


def audited(out: Path) -> dict[str, dict]:
    return {(d := json.loads(x))["sagsnummer"]: d for x in (out / "resultater.jsonl").read_text("utf-8").splitlines()}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """The gennemgang.xlsx of a run of the Nordhavn sample (18 cases)."""
    out = tmp_path_factory.mktemp("r1")
    proc = cli("run", NORDHAVN, "--out", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out / "gennemgang.xlsx"


C = {h: i + 1 for i, h in enumerate(HEADERS)}  # 1-based columns


def edited(src: Path, dst: Path, change) -> Path:
    """The workbook with ``change(wb, ws)`` applied to its Nordhavn sheet (as a reviewer's Excel would save it)."""
    wb = load_workbook(src)
    change(wb, wb["Nordhavn Kommune"])
    wb.save(dst)
    return dst


def run_with(book_file: Path, out: Path, *extra) -> subprocess.CompletedProcess:
    return cli("run", NORDHAVN, "--vurderinger", book_file, "--out", out, *extra)


def case_of(ws, row: int) -> str:
    return ws.cell(row, C["Sagsnummer"]).value


# --- 1. audit run --vurderinger ------------------------------------------------------------------------------

def _empty_book(p: Path) -> None:
    Workbook().save(p)


def _wrong_columns(p: Path) -> None:
    wb = Workbook()
    wb.active.append(["Kommune", "Sagsnummer", "Svar"])
    wb.active.append(["Nordhavn Kommune", "NH-2021-0112", "Nej"])
    wb.save(p)


@pytest.mark.parametrize(("name", "make", "says"), [
    ("svar.csv", lambda p: p.write_text("Kommune;Sagsnummer\n", encoding="utf-8"), "er ikke en Excel-arbejdsbog"),
    ("svar.json", lambda p: p.write_text("{}", encoding="utf-8"), "er ikke en Excel-arbejdsbog"),
    ("svar.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(200)), "er ikke en Excel-arbejdsbog"),
    ("svar.ods", lambda p: p.write_bytes(b"PK\x03\x04" + bytes(200)), "er ikke en Excel-arbejdsbog"),
    ("ødelagt.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + bytes(200)), "kan ikke læses som Excel-arbejdsbog"),
    ("~$gennemgang.xlsx", lambda p: p.write_bytes(b"\x0bMAMC" + bytes(160)), "er Excels låsefil"),
    ("mappe.xlsx", lambda p: p.mkdir(), "er en mappe"),
    ("tom.xlsx", _empty_book, "har intet ark med kolonnerne"),
    ("andre-kolonner.xlsx", _wrong_columns, "har intet ark med kolonnerne"),
])
def test_a_file_that_is_not_a_reviewer_workbook_stops_the_run_with_a_danish_message(tmp_path, name, make, says):
    f = tmp_path / name
    make(f)
    proc = run_with(f, tmp_path / "ud")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    message = " ".join(proc.stderr.split())
    assert says in message and name in message
    assert not (tmp_path / "ud" / "resultater.jsonl").exists()


def test_a_formula_without_value_and_an_error_value_are_located_fejl_not_blanks(book, tmp_path):
    """Before: a formula saved without its value (openpyxl, LibreOffice headless) read as an empty cell, so the
    reviewer's answer was dropped without a word; an Excel error value (#REF!) in Bemærkning was kept as text."""
    rows = {}

    def change(wb, ws):
        ws.cell(2, C["Dit svar"]).value = '=IF(1=1,"Nej","Ja")'  # no cached value: openpyxl does not calculate
        ws.cell(3, C["Dit svar"]).value = "Nej"
        ws.cell(3, C["Bemærkning"]).value = "#REF!"  # an error cell (openpyxl writes it with type e)
        ws.cell(4, C["Initialer"]).value = "=B1"  # only a formula: the row's answer is not in the cell
        rows.update({r: case_of(ws, r) for r in (2, 3, 4)})

    f = edited(book, tmp_path / "formler.xlsx", change)
    assert load_workbook(f)["Nordhavn Kommune"].cell(3, C["Bemærkning"]).data_type == "e"
    out = tmp_path / "ud"
    proc = run_with(f, out, "--quiet")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    found = {(p["række"], p["kolonne"]) for p in problems(out) if p["kode"] == "formel_uden_vaerdi"}
    assert found == {(2, "Dit svar"), (3, "Bemærkning"), (4, "Initialer")}
    for p in problems(out):
        if p["kode"] == "formel_uden_vaerdi":
            assert (p["alvor"], p["ark"]) == ("fejl", "Nordhavn Kommune") and p["fil"].endswith("formler.xlsx")
            assert "formel" in p["besked"]
    blocked = {p["sagsnummer"] for p in problems(out) if p["kode"] == "ugyldig_vurdering"}
    assert blocked == set(rows.values())  # the case is not audited without the answer its reviewer wrote
    assert not blocked & set(audited(out))


def test_a_formula_with_its_saved_value_is_read_as_that_value(book, tmp_path):
    """The other side: a formula whose value Excel saved (here written into the XML as Excel does) is used."""
    f = edited(book, tmp_path / "a.xlsx", lambda wb, ws: ws.cell(2, C["Dit svar"]).__setattr__("value", "=B1"))
    with zipfile.ZipFile(f) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/") and b"<f>B1</f>" in parts[n])
    parts[sheet] = parts[sheet].replace(b"<f>B1</f><v></v>", b"<f>B1</f><v>Nej</v>").replace(
        b"<f>B1</f><v/>", b"<f>B1</f><v>Nej</v>")
    assert b"<v>Nej</v>" in parts[sheet]
    parts[sheet] = re.sub(rb'(<c r="O2"[^>]*?)( t="[a-z]+")?>', rb'\1 t="str">', parts[sheet])
    g = tmp_path / "b.xlsx"
    with zipfile.ZipFile(g, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    rb = read_review_book(g)
    assert not [i for i in rb.issues if i.severity == "fejl"]
    ws = load_workbook(book)["Nordhavn Kommune"]
    assert rb.for_case("Nordhavn Kommune", case_of(ws, 2))[ws.cell(2, C["Punkt-id"]).value].answer == "nej"


def test_numbers_dates_and_booleans_in_reviewer_columns(book, tmp_path):
    import datetime as dt

    def change(wb, ws):
        ws.cell(2, C["Dit svar"]).value = 1
        ws.cell(3, C["Dit svar"]).value = True
        ws.cell(4, C["Dit svar"]).value = dt.datetime(2022, 1, 1)
        ws.cell(5, C["Dit svar"]).value = "Nej"
        ws.cell(5, C["Bemærkning"]).value = dt.date(2022, 1, 1)  # a date where text is expected: kept as text
        ws.cell(5, C["Initialer"]).value = 12.0

    rb = read_review_book(edited(book, tmp_path / "typer.xlsx", change))
    bad = sorted((i.row, i.column, i.code, i.severity) for i in rb.issues)
    assert bad == [(2, "Dit svar", "ukendt_kode", "fejl"), (3, "Dit svar", "ukendt_kode", "fejl"),
                   (4, "Dit svar", "ukendt_kode", "fejl")]
    assert all(i.sheet == "Nordhavn Kommune" and i.file.endswith("typer.xlsx") for i in rb.issues)
    ws = load_workbook(book)["Nordhavn Kommune"]
    review = rb.for_case("Nordhavn Kommune", case_of(ws, 5))[ws.cell(5, C["Punkt-id"]).value]
    assert (review.answer, review.by) == ("nej", "12")
    assert review.remark.startswith("2022-01-01")


def test_no_cpr_number_from_the_workbook_reaches_any_output(book, tmp_path):
    def change(wb, ws):
        ws.title = f"Nordhavn {CPR}"
        ws.cell(2, C["Dit svar"]).value = "Nej"
        ws.cell(2, C["Bemærkning"]).value = f"borgeren ({CPR}) mødte ikke op"
        ws.cell(2, C["Initialer"]).value = CPR.replace("-", "")
        ws.cell(3, C["Dit svar"]).value = "Ja"
        ws.cell(3, C["Sagsnummer"]).value = CPR
        ws.cell(4, C["Dit svar"]).value = CPR
        ws.cell(5, C["Dit svar"]).value = "Ja"
        ws.cell(5, C["Punkt-id"]).value = CPR
        ws.cell(6, C["Dit svar"]).value = "Ja"
        ws.cell(6, C["Kommune"]).value = f"Kommune {CPR}"
        ws.cell(7, C["Dit svar"]).value = "Nej"
        ws.cell(7, C["Din virkning"]).value = CPR
        ws.cell(8, C["Dit svar"]).value = "Nej"
        ws.cell(8, C["Initialer"]).value = 101901234  # a CPR number as a number that lost its leading 0
        ws.cell(9, C["Dit svar"]).value = "Nej"
        ws.cell(9, C["Bemærkning"]).value = f"=\"{CPR}\""  # a formula: the fejl must not quote it

    out = tmp_path / "ud"
    proc = run_with(edited(book, tmp_path / f"svar {CPR}.xlsx", change), out, "--report")
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    text = everything(out, proc)
    assert "xxxxxx-xxxx" in text  # the masked number is there, so the problems were reported
    assert not CPR_LIKE.search(text)
    codes = {(p["række"], p["kode"]) for p in problems(out)}
    assert {(4, "ukendt_kode"), (5, "ukendt_punkt"), (7, "ukendt_kode"), (9, "formel_uden_vaerdi")} <= codes


def test_labels_in_other_case_and_with_spaces_are_read(book, tmp_path):
    def change(wb, ws):
        ws.cell(2, C["Dit svar"]).value = "nej "
        ws.cell(3, C["Dit svar"]).value = "VED IKKE"
        ws.cell(4, C["Dit svar"]).value = "  ikke relevant"
        ws.cell(4, C["Din virkning"]).value = "KRITIK"  # ignored with a warning: not a failed answer

    rb = read_review_book(edited(book, tmp_path / "var.xlsx", change))
    ws = load_workbook(book)["Nordhavn Kommune"]
    got = [rb.for_case("Nordhavn Kommune", case_of(ws, r))[ws.cell(r, C["Punkt-id"]).value].answer for r in (2, 3, 4)]
    assert got == ["nej", "ved_ikke", "ikke_relevant"]
    assert [(i.row, i.code) for i in rb.issues if i.severity == "fejl"] == []
    assert (4, "virkning_ignoreres") in {(i.row, i.code) for i in rb.issues}


def test_same_case_number_in_another_municipality_is_not_applied_to_this_one(book, tmp_path):
    ws0 = load_workbook(book)["Nordhavn Kommune"]
    number, item = case_of(ws0, 2), ws0.cell(2, C["Punkt-id"]).value

    def change(wb, ws):
        ws.cell(2, C["Dit svar"]).value = "Nej"
        ws.cell(2, C["Din virkning"]).value = "Ændres"
        ws.cell(2, C["Kommune"]).value = "Aamose Kommune"

    out = tmp_path / "ud"
    proc = run_with(edited(book, tmp_path / "anden.xlsx", change), out, "--quiet")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    (warn,) = [p for p in problems(out) if p["kode"] == "ukendt_sag"]
    assert (warn["række"], warn["kolonne"], warn["kommune"], warn["sagsnummer"]) == (
        2, "Sagsnummer", "Aamose Kommune", number)
    mine = next(p for p in audited(out)[number]["punkter"] if p["id"] == item)
    assert mine.get("kilde") != "vurdering"


def test_duplicate_rows_hidden_sheets_and_merged_cells(book, tmp_path):
    ws0 = load_workbook(book)["Nordhavn Kommune"]
    number, item = case_of(ws0, 2), ws0.cell(2, C["Punkt-id"]).value

    def change(wb, ws):
        ws.cell(2, C["Dit svar"]).value = "Nej"
        last = ws.max_row + 1
        for c in range(1, len(HEADERS) + 1):
            ws.cell(last, c).value = ws.cell(2, c).value
        ws.cell(last, C["Dit svar"]).value = "Ja"  # the same item again, further down: this row wins
        hidden = wb.create_sheet("Skjult")
        hidden.sheet_state = "hidden"
        hidden.append(list(HEADERS))
        hidden.append([ws.cell(6, c).value for c in range(1, len(HEADERS) + 1)])
        hidden.cell(2, C["Dit svar"]).value = "Ved ikke"
        ws.merge_cells(start_row=7, end_row=9, start_column=1, end_column=2)  # Kommune/Sagsnummer of 8, 9 lost
        ws.cell(8, C["Dit svar"]).value = "Ja"

    rb = read_review_book(edited(book, tmp_path / "dup.xlsx", change))
    assert rb.for_case("Nordhavn Kommune", number)[item].answer == "ja"
    assert "dobbelt_vurdering" in {i.code for i in rb.issues}
    assert rb.for_case("Nordhavn Kommune", case_of(ws0, 6))[ws0.cell(6, C["Punkt-id"]).value].answer == "ved_ikke"
    (merged,) = [i for i in rb.issues if i.row == 8]
    assert (merged.severity, merged.code, merged.sheet, merged.column) == (
        "fejl", "mangler_felt", "Nordhavn Kommune", "Kommune")


def test_a_sheet_named_with_odd_characters(book, tmp_path):
    def change(wb, ws):
        ws.title = "Æ'Ø<&>\"(2)"
        ws.cell(2, C["Dit svar"]).value = "Nejj"

    out = tmp_path / "ud"
    proc = run_with(edited(book, tmp_path / "ark.xlsx", change), out, "--quiet")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    (bad,) = [p for p in problems(out) if p["kode"] == "ukendt_kode"]
    assert (bad["ark"], bad["række"], bad["kolonne"]) == ("Æ'Ø<&>\"(2)", 2, "Dit svar")
    assert "Mente du 'Nej'?" in bad["besked"]


@pytest.mark.time_limit(180)
def test_many_thousand_rows_are_all_read(tmp_path):
    """Every row of a big workbook is read and the one bad row (the last) is located; 30,000 rows keep the
    suite fast (100,000 rows were tried by hand: all read, about 10 s)."""
    n = 30_000
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Nordhavn Kommune")
    ws.append(list(HEADERS))
    for i in range(n):
        row = [None] * len(HEADERS)
        row[C["Kommune"] - 1], row[C["Sagsnummer"] - 1], row[C["Punkt-id"] - 1] = "Nordhavn Kommune", f"X-{i}", \
            "maalgruppe"
        row[C["Dit svar"] - 1] = "Nej" if i % 2 else "nej "
        if i == n - 1:
            row[C["Dit svar"] - 1] = "Njet"
        ws.append(row)
    f = tmp_path / "stor.xlsx"
    wb.save(f)
    rb = read_review_book(f)
    assert len(rb) == n - 1 and rb.rows == n
    assert [(i.row, i.code) for i in rb.issues] == [(n + 1, "ukendt_kode")]


# --- 2. --jobs -----------------------------------------------------------------------------------------------

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the monkeypatched settings reach the workers only when they are forked")


def _files(out: Path) -> dict[str, object]:
    from test_jobs import _files as run_files  # one definition of "the files a run writes, minus time and version"

    return run_files(out)


def _written_text(out: Path) -> str:
    """The results and the issues of a run, as text (for the CPR search)."""
    files = _files(out)
    return (files["resultater"] + files["fejl"]).decode("utf-8")


def _hostile_jsonl() -> bytes:
    lines = [b"\xef\xbb\xbf" + json.dumps(make_record("H-0")).encode() + b"\r\n"]  # a BOM and CRLF
    for n in range(1, 14):
        rec = make_record(f"H-{n}")
        if n == 2:
            rec["hændelser"][0]["note"] = "x" * 10_000_000  # a 10 MB line
        if n == 3:
            rec["hændelser"][0]["note"] = f"borger {CPR} ringede"
        b = json.dumps(rec, ensure_ascii=False).encode()
        if n == 4:
            b = b.replace("Prøvested".encode(), b"Pr\xf8vested")  # invalid UTF-8 in the middle of the line
        if n == 5:
            b = b[:60] + b"\x00" + b[60:]
        if n == 6:
            b = b.replace(b'"H-6"', json.dumps(CPR).encode())  # a CPR number as the case number
        lines.append(b + (b"\r\n" if n % 2 else b"\n"))
    lines.insert(8, b"\x00\x00\x00\n")
    lines.insert(9, b"\xef\xbb\xbf\n")
    return b"".join(lines)


@needs_fork
@pytest.mark.time_limit(120)
def test_hostile_jsonl_gives_the_same_files_with_one_and_two_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_LINES", 3)
    f = tmp_path / "fjendtlig.jsonl"
    f.write_bytes(_hostile_jsonl())
    one = runner_mod.run_audit([str(f)], tmp_path / "one", jobs=1)
    two = runner_mod.run_audit([str(f)], tmp_path / "two", jobs=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert (one.cases, one.exit_code) == (two.cases, two.exit_code) == (12, 1)
    assert multiprocessing.active_children() == []
    probs = {(p["række"], p["kode"]) for p in problems(tmp_path / "two")}
    assert {(5, "ikke_utf8"), (6, "ugyldig_json"), (9, "ugyldig_json"), (10, "ugyldig_json")} <= probs
    assert (3, "lang_tekst") in probs
    text = _written_text(tmp_path / "two")
    assert not CPR_LIKE.search(text)


@needs_fork
def test_the_engine_raising_on_a_cpr_line_in_a_worker_is_located_and_masked(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_LINES", 2)
    real = runner_mod.evaluate

    def evaluate(case, *a, **kw):
        if case.case_number == "H-3":
            raise RuntimeError(f"motorfejl for {CPR}")
        return real(case, *a, **kw)

    monkeypatch.setattr(runner_mod, "evaluate", evaluate)
    lines = [json.dumps(make_record(f"H-{n}")).encode() + b"\n" for n in range(6)]
    f = tmp_path / "x.jsonl"
    f.write_bytes(b"".join(lines))
    one = runner_mod.run_audit([str(f)], tmp_path / "one", jobs=1)
    two = runner_mod.run_audit([str(f)], tmp_path / "two", jobs=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert one.exit_code == two.exit_code == 1
    (bug,) = [p for p in problems(tmp_path / "two") if p["kode"] == "intern_fejl"]
    assert (bug["række"], bug["sagsnummer"]) == (4, "H-3")
    assert not CPR_LIKE.search(_written_text(tmp_path / "two"))
    assert multiprocessing.active_children() == []


@needs_fork
def test_hostile_csv_pair_gives_the_same_files_with_one_and_two_workers(tmp_path, monkeypatch):
    """The spreadsheet chunking (thresholds lowered in-process): a CSV pair with a BOM, CRLF line ends, a byte
    that is not UTF-8 and a CPR number (a NUL byte makes the CSV reader reject the whole file as binary, a
    located fejl, the same either way), from test_jobs' mixed book (duplicates, bad dates, ...)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from test_jobs import _mixed_csv_pair

    monkeypatch.setattr(parallel, "BOOK_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_RECORDS", 0)
    monkeypatch.setattr(parallel, "CHUNK_RECORDS", 3)
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, texts in _mixed_csv_pair(tmp_path / "kilde.xlsx").items():
        lines = [t.encode("utf-8") for t in texts]
        if name == "sager.csv":
            fields = lines[7].split(b";")
            fields[2] = f"sagsbehandler {CPR}".encode()  # a CPR number where a name is expected
            lines[7] = b";".join(fields)
        else:
            lines[3] = lines[3].replace(b"20", b"\xf820", 1)
        (folder / name).write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(lines) + b"\r\n")
    one = runner_mod.run_audit([str(folder)], tmp_path / "one", jobs=1)
    two = runner_mod.run_audit([str(folder)], tmp_path / "two", jobs=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert (one.cases, one.not_read, one.exit_code) == (two.cases, two.not_read, two.exit_code)
    assert one.exit_code == 1 and one.cases > 30
    assert not CPR_LIKE.search(_written_text(tmp_path / "two"))
    assert multiprocessing.active_children() == []


# --- 3. audit check --html and the timeline ------------------------------------------------------------------

@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    f = tmp_path_factory.mktemp("kladde") / "kladde.json"
    f.write_text(json.dumps(make_record("K-1"), ensure_ascii=False), encoding="utf-8")
    return f


def test_check_html_into_a_missing_folder_is_written(draft, tmp_path):
    target = tmp_path / "ny" / "mappe" / "side.html"
    proc = cli("check", draft, "--html", target)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    ET.fromstring(re.search(r"<svg.*?</svg>", target.read_text("utf-8"), re.S).group(0))


@pytest.mark.parametrize("kind", ["mappe", "fifo"])
def test_check_html_onto_a_folder_or_a_device_is_refused_and_nothing_is_replaced(draft, tmp_path, kind):
    """Before: a FIFO or device (run as root: /dev/null) was replaced by a regular file holding the page."""
    target = tmp_path / "side.html"
    if kind == "mappe":
        target.mkdir()
    else:
        os.mkfifo(target)
    proc = cli("check", draft, "--html", target)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "siden kunne ikke skrives til" in proc.stderr and "ikke en almindelig fil" in " ".join(proc.stderr.split())
    assert target.is_dir() if kind == "mappe" else target.is_fifo()


def _timeline(**extra):
    sys.path.insert(0, str(Path(__file__).parent))
    from test_timeline import chain_case

    return chain_case(**extra)


@pytest.mark.parametrize(("name", "extra"), [
    ("ingen hændelser", {"haendelser": [], "kaede": None, "punkter": []}),
    ("300 på én dag", {"haendelser": [{"type": "jobsamtale", "dato": "2022-01-10"}] * 300}),
    ("1900 og 2100", {"haendelser": [{"type": "jobsamtale", "dato": "1900-01-01"},
                                     {"type": "tilsidesættelse", "dato": "2100-12-31"}]}),
    ("afgørelse før alt", {"afgoerelse_dato": "2000-01-01", "virkning_fra": "2000-01-02",
                           "kaede": {"afgoerelse": "2000-01-01"}}),
    ("år 1", {"haendelser": [{"type": "jobsamtale", "dato": "0001-01-01"}], "afgoerelse_dato": "0001-01-05",
              "virkning_fra": "0001-01-05", "kaede": None, "punkter": []}),
    ("år 9999", {"haendelser": [{"type": "jobsamtale", "dato": "9999-12-30"}], "afgoerelse_dato": "9999-12-31",
                 "virkning_fra": "9999-12-31", "kaede": None, "punkter": []}),
    ("år 1 til 9999", {"haendelser": [{"type": "jobsamtale", "dato": "0001-01-01"},
                                      {"type": "jobsamtale", "dato": "9999-12-31"}]}),
])
def test_timeline_stays_valid_and_inside_its_width(name, extra):
    """Before: a date in year 1 or 9999 (a hand-made results file) raised OverflowError, and a span of
    centuries drew a tick for every month (6 MB of SVG for year 1 to 2022)."""
    from audit.reporting.timeline import timeline_svg

    svg = timeline_svg(_timeline(**extra))
    root = ET.fromstring(svg)  # valid XML
    width = float(root.get("viewBox").split()[2])
    assert width <= 680
    ns = "{http://www.w3.org/2000/svg}"
    for g in root.iter(f"{ns}g"):
        if "haendelse" in (g.get("class") or "").split():
            assert 0 <= float(g.get("data-x")) <= width
    for el in root.iter():
        for attr in ("x", "x1", "x2", "cx"):
            if el.get(attr) is not None and el.tag != f"{ns}text":
                assert -1 <= float(el.get(attr)) <= width + 1, (name, el.tag, attr, el.get(attr))
    assert len(svg) < 200_000


# --- 4. regelsaet.json beside a results file -----------------------------------------------------------------

@pytest.mark.parametrize("kind", ["mangler", "ødelagt", "forkert form", "en mappe", "dybt", "anden version",
                                  "cpr", "stor"])
def test_a_bad_regelsaet_json_never_stops_report_or_compare(book, tmp_path, kind):
    import shutil

    run = tmp_path / "kørsel"
    shutil.copytree(book.parent, run)
    rs = run / "regelsaet.json"
    text = rs.read_text("utf-8")
    rs.unlink()
    if kind == "ødelagt":
        rs.write_text('{"regels', encoding="utf-8")
    elif kind == "forkert form":
        rs.write_text("[1, 2, 3]", encoding="utf-8")
    elif kind == "en mappe":
        rs.mkdir()
    elif kind == "dybt":
        rs.write_text("[" * 200_000, encoding="utf-8")
    elif kind == "anden version":
        rs.write_text(text.replace("las-40a-2020", "las-40a-2099"), encoding="utf-8")
        (run / "resultater.jsonl").write_text(
            (run / "resultater.jsonl").read_text("utf-8").replace("las-40a-2020", "las-40a-2099"), encoding="utf-8")
    elif kind == "cpr":
        rs.write_text(text.replace("Hvilken målgruppe", f"Hvilken ({CPR}) målgruppe"), encoding="utf-8")
    elif kind == "stor":
        rs.write_text('{"x": "' + "a" * 30_000_000 + '"}', encoding="utf-8")
    rep = cli("report", run, "--out", tmp_path / "rapporter")
    cmp = cli("compare", run, book.parent)
    for proc in (rep, cmp):
        assert "Traceback" not in proc.stdout + proc.stderr
    assert rep.returncode in (0, 1) and cmp.returncode in (0, 1)
    assert not CPR_LIKE.search(everything(tmp_path / "rapporter", rep) + cmp.stdout + cmp.stderr)
    if kind == "anden version":  # the items' texts are found nowhere: each line is a located Danish problem
        assert "regelsættet 'las-40a-2099' findes hverken i regelsaet.json" not in rep.stdout  # (it is found)
