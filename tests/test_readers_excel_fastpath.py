"""The Excel reader's quick paths give what its careful paths give (issue 12, item 5).

- ``excel_scan.quick_scan`` (the sheet XML searched as bytes) against ``scan_sheet`` (parsed element by element),
  and the fallback to ``scan_sheet`` for sheets it does not take (formulas, error cells, NaN).
- ``excel_reader._quick_raw`` (a record built from the planned columns, no per-cell masking) and
  ``fast.case_from_cells`` (that record built straight into its ``Case`` by the JSONL fast path's typed builder,
  no ``parse_record``) against the careful cell-by-cell path, on the sample workbook, on generated workbooks,
  on a workbook of cells the careful path reads silently in another form than JSON's, and on a workbook full
  of unusual cells, whose located Danish messages must be the careful path's.
- The streamed join: events listed in another order than the records give the same records.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from audit.readers import excel_reader, read_cases
from audit.readers.excel_scan import quick_scan, scan_book, scan_sheet, sheet_parts

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_cases" / "aamose.xlsx"


def _benchmark():
    spec = importlib.util.spec_from_file_location("benchmark_script", ROOT / "scripts" / "benchmark.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "gen.xlsx"
    _benchmark().write_xlsx(path, 40)
    return path


def _read(path: Path, *, quick: bool, monkeypatch, fast: bool = True) -> list[tuple]:
    """Every result of reading ``path`` as comparable values; ``quick=False`` turns the quick record path off
    (and with it the fast build), ``fast=False`` only the fast build (the quick record goes to ``parse_record``)."""
    with monkeypatch.context() as mp:
        if not quick:
            mp.setattr(excel_reader, "_quick_raw", lambda rec, plans: None)
        if not fast:
            mp.setattr(excel_reader, "fast_case", lambda raw, origin, event_origin: None)
        return [(r.case, [i.to_dict() for i in r.issues], r.origin, r.file_level, r.file_rejected)
                for r in read_cases([path])]


def _all_paths_agree(path: Path, monkeypatch) -> list[tuple]:
    fast = _read(path, quick=True, monkeypatch=monkeypatch)
    assert fast == _read(path, quick=True, fast=False, monkeypatch=monkeypatch)
    assert fast == _read(path, quick=False, monkeypatch=monkeypatch)
    return fast


def _count_fast(path: Path, monkeypatch) -> dict[str, bool]:
    """sagsnummer -> whether ``fast.case_from_cells`` built the record (False: it sent it to ``parse_record``)."""
    built: dict[str, bool] = {}
    real = excel_reader.fast_case

    def spy(raw, origin, event_origin):
        out = real(raw, origin, event_origin)
        built[str(raw["sagsnummer"])] = out is not None
        return out

    with monkeypatch.context() as mp:
        mp.setattr(excel_reader, "fast_case", spy)
        list(read_cases([path]))
    return built


def _count_quick(path: Path, monkeypatch) -> tuple[int, int]:
    """(records built by the quick path, records sent to the careful path)."""
    taken = [0, 0]
    real = excel_reader._quick_raw

    def spy(rec, plans):
        out = real(rec, plans)
        taken[out is None] += 1
        return out

    with monkeypatch.context() as mp:
        mp.setattr(excel_reader, "_quick_raw", spy)
        list(read_cases([path]))
    return taken[0], taken[1]


# -- the scan -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_quick_scan_equals_careful_scan(which, generated):
    path = SAMPLE if which == "sample" else generated
    with zipfile.ZipFile(path) as z:
        for name, member in sheet_parts(z).items():
            quick = quick_scan(z, member)
            assert quick is not None, name  # ordinary sheets: the quick scan answers
            assert quick == scan_sheet(z, member)
            assert quick.max_row > 1 and quick.max_col > 1


def _book_with(tmp_path: Path, cell: str, value) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sager"
    ws.append(["sagsnummer", "kommune"])
    ws.append(["S-1", "Prøvested Kommune"])
    ws[cell] = value
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    if value == "NaN":  # a number cell holding NaN, as some programs write it (openpyxl writes no value)
        with zipfile.ZipFile(path) as z:
            parts = {i.filename: z.read(i.filename) for i in z.infolist()}
        member = "xl/worksheets/sheet1.xml"
        parts[member] = parts[member].replace(b'<c r="D7" t="inlineStr"><is><t>NaN</t></is></c>',
                                              b'<c r="D7" t="n"><v>NaN</v></c>')
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
    return path


@pytest.mark.parametrize("value", ["=1+1", "#REF!", "NaN"])
def test_quick_scan_leaves_unusual_sheets_to_the_careful_scan(tmp_path, value):
    path = _book_with(tmp_path, "D7", value)
    with zipfile.ZipFile(path) as z:
        member = sheet_parts(z)["Sager"]
        assert quick_scan(z, member) is None
        careful = scan_sheet(z, member)
    # repr: NaN is not equal to itself
    assert repr(scan_book(path, ["Sager"])) == repr(scan_book(path, ["Sager"], quick=False)) == repr({"Sager": careful})
    assert (careful.max_row, careful.max_col) == (7, 4)
    # what made the sheet unusual is what the careful scan reports
    found = {"=1+1": careful.uncalculated, "#REF!": careful.errors, "NaN": careful.not_finite}[value]
    assert (7, 3) in found


def test_quick_scan_finds_the_far_cell(tmp_path):
    path = _book_with(tmp_path, "XFD1048576", "x")  # the cell that makes calamine's rectangle absurd
    with zipfile.ZipFile(path) as z:
        quick = quick_scan(z, sheet_parts(z)["Sager"])
    assert quick is not None and (quick.max_row, quick.max_col) == (1_048_576, 16_384)


# -- the records ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_quick_records_equal_careful_records(which, generated, monkeypatch):
    path = SAMPLE if which == "sample" else generated
    quick = _all_paths_agree(path, monkeypatch)
    assert sum(1 for r in quick if r[0] is not None) >= 20
    taken, fell_back = _count_quick(path, monkeypatch)
    assert taken > 0  # the quick path is used, not silently dead
    built = _count_fast(path, monkeypatch)
    assert any(built.values())  # and so is the fast build
    if which == "generated":
        assert (taken, fell_back) == (40, 0)  # every generated record is ordinary
        # ... and canonical (exact codes, ja/nej, ISO dates): every one is built without parse_record
        assert len(built) == 40 and all(built.values())


def _messy(src: Path, dest: Path) -> dict[str, tuple[int, str]]:
    """A copy of the generated workbook with unusual cells in the first records; returns what was changed where
    (sheet row, column letter) by name."""
    wb = load_workbook(src)
    cases, events = wb["Sager"], wb["Hændelser"]
    head = {c.value: c.column_letter for c in cases[1]}
    ev_head = {c.value: c.column_letter for c in events[1]}
    cases[f"{head['afgørelse_dato']}2"] = 0  # Excel's day 0: an impossible date
    cases[f"{head['sagsbehandler']}3"] = "ring 010190-1234"  # a CPR-like number in a text
    cases[f"{head['afgørelse_skriftlig']}4"] = "Ja "  # a forgiving reading, no message
    events[f"{ev_head['type']}2"] = "Visitering"  # a synonym or unknown code: a located message
    events[f"{ev_head['dato']}3"] = "31-02-2021"  # a date that does not exist
    cases[f"{head['afgørelse_begrundelse']}5"] = "se 0101901234"
    events.append(["BENCH-9999999", "Kommune 1", "visitation", "2021-01-01"])  # an event without a case
    wb.save(dest)
    return {"impossible": (2, head["afgørelse_dato"]), "date": (3, ev_head["dato"])}


def test_unusual_records_fall_back_with_their_messages(generated, tmp_path, monkeypatch):
    path = tmp_path / "messy.xlsx"
    where = _messy(generated, path)
    quick = _all_paths_agree(path, monkeypatch)
    taken, fell_back = _count_quick(path, monkeypatch)
    assert fell_back >= 3 and taken >= 30
    built = _count_fast(path, monkeypatch)
    # row 4's "Ja " in a ja/nej column is read silently by both paths; the records of rows 2, 3 and 5 (an
    # impossible date, a CPR number) never reach the fast build: the quick record already stood aside
    assert built["BENCH-0000002"] is True
    assert not {"BENCH-0000000", "BENCH-0000001", "BENCH-0000003"} & set(built)
    assert sum(built.values()) >= 30
    issues = [i for r in quick for i in r[1]]
    assert {"umulig_dato", "uden_sag", "ugyldig_dato"} <= {i["kode"] for i in issues}
    impossible = next(i for i in issues if i["kode"] == "umulig_dato")
    assert (impossible["række"], impossible["kolonne"]) == (where["impossible"][0],
                                                          f"{where['impossible'][1]} (afgørelse_dato)")
    bad_date = next(i for i in issues if i["kode"] == "ugyldig_dato")
    assert (bad_date["ark"], bad_date["række"], bad_date["kolonne"]) == ("Hændelser", where["date"][0],
                                                                        f"{where['date'][1]} (dato)")
    assert bad_date["besked"] == "'dato' er en dato, der ikke findes i kalenderen"  # dates.parse_date's words
    # no CPR number reaches a case or a message
    text = repr(quick)
    assert "010190-1234" not in text and "0101901234" not in text


# -- the streamed join ----------------------------------------------------------------------------------------


def test_events_in_another_order_give_the_same_records(generated, tmp_path, monkeypatch):
    """Event rows grouped by record in reverse record order, and interleaved at random (each record's own rows
    kept in their order): the records are the same, only the event rows' numbers differ."""
    wb = load_workbook(generated)
    rows = [list(r) for r in wb["Hændelser"].iter_rows(min_row=2, values_only=True)]
    by_case: dict[str, list[list]] = {}
    for r in rows:
        by_case.setdefault(r[0], []).append(r)
    reversed_rows = [r for key in reversed(list(by_case)) for r in by_case[key]]
    rng = random.Random(12)
    queues = {k: list(v) for k, v in by_case.items()}
    interleaved = []
    while queues:
        key = rng.choice(sorted(queues))
        interleaved.append(queues[key].pop(0))
        if not queues[key]:
            del queues[key]

    def cases_of(path: Path) -> list:
        out = []
        for r in read_cases([path]):
            assert r.case is not None, r.issues
            out.append(r.case.model_dump(exclude={"origin": True, "events": {"__all__": {"origin"}}}))
        return out

    expected = cases_of(generated)
    for order in (reversed_rows, interleaved):
        ws = wb["Hændelser"]
        ws.delete_rows(2, ws.max_row)
        for r in order:
            ws.append(r)
        path = tmp_path / "order.xlsx"
        wb.save(path)
        assert cases_of(path) == expected
        assert _read(path, quick=True, monkeypatch=monkeypatch) == _read(path, quick=False, monkeypatch=monkeypatch)


# -- the fast build: cells in another form than JSON's --------------------------------------------------------


def _cells_book(src: Path, dest: Path) -> None:
    """A copy of the generated workbook whose first records hold cells in the forms a sheet has and JSON has
    not (a boolean cell, 1/0, a date cell, a dd-mm-åååå text, a serial number, a number in a text column, a
    code list with semicolons and a repeat) and, further down, cells the careful path must read itself."""
    wb = load_workbook(src)
    cases, events = wb["Sager"], wb["Hændelser"]
    head = {c.value: c.column_letter for c in cases[1]}
    ev_head = {c.value: c.column_letter for c in events[1]}
    cases[f"{head['afgørelse_skriftlig']}2"] = True
    cases[f"{head['afgørelse_klagevejledning']}2"] = 1
    cases[f"{head['afgørelse_dato']}3"] = dt.datetime(2021, 11, 25)
    cases[f"{head['afgørelse_virkning_fra']}3"] = "01-12-2021"
    cases[f"{head['afgørelse_længde_måneder']}4"] = "2"
    cases[f"{head['afgørelse_vægt_på']}4"] = "adfærd; tidligere_sanktioner;adfærd"
    cases[f"{head['sagsbehandler']}5"] = 4711
    cases[f"{head['afgørelse_dato']}6"] = 44525  # Excel's serial number of 25 November 2021
    cases[f"{head['afgørelse_fremmøde_oplyst']}7"] = "Nej"
    # the careful path's own readings: an unknown code, a paragraph with "stk.", a date in a text column, 2.5 months
    cases[f"{head['civilstand']}10"] = "gift/samlevende"
    events[f"{ev_head['paragraf']}{_row_of(events, 'BENCH-0000009', 'sanktion')}"] = "§ 36, stk. 1"
    cases[f"{head['sagsbehandler']}12"] = dt.datetime(2021, 1, 1)
    cases[f"{head['afgørelse_længde_måneder']}13"] = 2.5
    wb.save(dest)


def _row_of(sheet, case_number: str, etype: str) -> int:
    return next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == case_number and r[2].value == etype)


def test_cells_read_silently_take_the_fast_build(generated, tmp_path, monkeypatch):
    path = tmp_path / "celler.xlsx"
    _cells_book(generated, path)
    results = _all_paths_agree(path, monkeypatch)
    built = _count_fast(path, monkeypatch)
    silent = [f"BENCH-{n:07d}" for n in range(6)]  # rows 2-7: each form is read as case-format.md says
    assert all(built[k] for k in silent)
    own = ["BENCH-0000008", "BENCH-0000009", "BENCH-0000010", "BENCH-0000011"]  # rows 10-13
    assert not any(built[k] for k in own)
    assert sum(built.values()) == 40 - len(own)
    cases = {r[0].case_number: r[0] for r in results if r[0] is not None}
    d = {k: cases[k].decision for k in silent}
    assert d["BENCH-0000000"].written is True and d["BENCH-0000000"].appeal_guidance is True
    assert (d["BENCH-0000001"].date, d["BENCH-0000001"].effective_from) == (dt.date(2021, 11, 25),
                                                                          dt.date(2021, 12, 1))
    assert d["BENCH-0000002"].length_months == 2
    assert d["BENCH-0000002"].weighted == ("adfærd", "tidligere_sanktioner")
    assert cases["BENCH-0000003"].caseworker == "4711"
    assert d["BENCH-0000004"].date == dt.date(2021, 11, 25)
    assert d["BENCH-0000005"].attendance_stated is False
    issues = {(i["sagsnummer"], i["kode"]) for r in results for i in r[1]}
    # the careful path's messages for its own readings are there (the fast build stood aside)
    assert ("BENCH-0000008", "ukendt_kode") in issues
    assert ("BENCH-0000010", "ugyldig_tekst") in issues
    assert ("BENCH-0000011", "ugyldig_laengde") in issues


def test_every_exact_code_is_read_as_itself_by_the_careful_path():
    """The fast build takes a code only when written exactly as the code; that is sound only if the careful
    path reads every such code as itself, without a message."""
    from audit import model as m
    from audit.readers.parse import ENUM_FIELDS, LIST_FIELDS, RecordParser

    parser = RecordParser({}, lambda path: excel_reader.Place("f.xlsx"))
    for name, allowed in {**ENUM_FIELDS, **LIST_FIELDS, "svar": m.ANSWERS, "virkning": m.CONSEQUENCES,
                          "tilbud_art": m.OFFER_KINDS}.items():
        for code in allowed:
            path = ("afgørelse", name)
            got = (parser.as_code_list(code, path, allowed) if name in LIST_FIELDS
                   else parser.as_code(code, path, allowed))
            assert got in (code, (code,)), (name, code)
    assert parser.issues == []


# -- the quick scan's extent, searched rather than read cell by cell ----------------------------------------


def _cells(*refs: str) -> bytes:
    return b"<sheetData><row>" + b"".join(b'<c r="%s" t="s"><v>0</v></c>' % r.encode() for r in refs) + b"</row>"


@pytest.mark.parametrize(("refs", "row", "letters"), [
    (("A1", "B1", "C2"), 2, {b"A", b"B", b"C"}),
    (("A1", "AB7", "B3"), 7, {b"A", b"AB", b"B"}),  # the highest row is not the last cell's
    (("B9", "A10", "A2"), 10, {b"A", b"B"}),  # more digits, earlier
    (("XFD1048576", "A1"), 1_048_576, {b"XFD", b"A"}),
    (("A19", "A21", "A20"), 21, {b"A"}),  # as many digits, larger, earlier
    (("AA5", "A5", "AAA5", "A6"), 6, {b"AA", b"A", b"AAA"}),
])
def test_extent_of_cells(refs, row, letters):
    from audit.readers.excel_scan import _column_letters, _max_row

    data = _cells(*refs)
    found: set[bytes] = set()
    _column_letters(data, found)
    assert found == letters
    assert _max_row(data) == row


@given(st.integers(1, 10**7), st.integers(1, 10**7))
def test_greater_than_pattern(n, m):
    from audit.readers.excel_scan import _greater_than

    assert (re.fullmatch(_greater_than(str(n).encode()), str(m).encode()) is not None) == (m > n)


def test_rows_out_of_order_and_odd_references(tmp_path):
    """A sheet written out of row order gives the careful scan's extent; a reference with a leading zero (or
    none) leaves the sheet to the careful scan."""
    path = _book_with(tmp_path, "C3", "x")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    member = "xl/worksheets/sheet1.xml"
    xml = parts[member]
    head, rest = xml.split(b"<sheetData>", 1)
    rows = re.findall(rb"<row .*?</row>", rest, re.DOTALL)
    assert len(rows) == 3
    for label, body in (("reversed", b"".join(reversed(rows))),
                        ("zero", b"".join(rows).replace(b'r="C3"', b'r="C03"')),
                        ("noref", b"".join(rows).replace(b'<c r="C3"', b"<c"))):
        parts[member] = head + b"<sheetData>" + body + b"</sheetData>" + rest.split(b"</sheetData>", 1)[1]
        odd = tmp_path / f"{label}.xlsx"
        with zipfile.ZipFile(odd, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
        with zipfile.ZipFile(odd) as z:
            quick = quick_scan(z, member)
            careful = scan_sheet(z, member)
        if label == "reversed":
            assert quick == careful and (quick.max_row, quick.max_col) == (3, 3)
        else:
            assert quick is None


def test_extent_of_a_sheet_of_many_columns():
    """16,384 columns (Excel's most): the letters are listed, not searched for one by one (that grew with the
    square of the columns and hung the run on such a sheet)."""
    from audit.readers.excel_scan import _col_index, _column_letters, _max_row
    from audit.readers.excel_sheets import column_letter

    refs = [f"{column_letter(j)}{1 + j % 3}" for j in range(16_384)]
    data = _cells(*refs)
    found: set[bytes] = set()
    _column_letters(data, found)
    assert len(found) == 16_384 and max(_col_index(x.decode()) for x in found) == 16_383
    assert _max_row(data) == 3


def test_a_row_number_beyond_excel_goes_to_the_careful_scan(tmp_path):
    path = _book_with(tmp_path, "C3", "x")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    member = "xl/worksheets/sheet1.xml"
    parts[member] = parts[member].replace(b'r="C3"', b'r="C' + b"9" * 5000 + b'"')
    odd = tmp_path / "lang.xlsx"
    with zipfile.ZipFile(odd, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with zipfile.ZipFile(odd) as z:
        assert quick_scan(z, member) is None
