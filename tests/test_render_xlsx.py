"""The Excel reports: expected sheets and numbers, frozen headers and filters, Danish dates, no CPR, and
formula-injection strings kept as inert text."""

from __future__ import annotations

import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from audit.privacy import contains_cpr
from audit.reporting.build import build_reports
from audit.reporting.xlsx import DATE_FORMAT, is_risky, put

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import fixture_results  # noqa: E402

# In the order of the report's chapters (issue 13, Deliver 6): Kapitel 1 (Oversigt, Punkter of figure 1.2,
# Anbefalinger), Kapitel 2-4 (tables, figures of the text, examples), Kapitel 5 (table 5.1, the reviewers'
# answers), Bilag 1 (table 1.1), Bilag 2 (Sager, Analyseskema).
SHEETS = ["Oversigt", "Punkter", "Anbefalinger", "Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Tabel 2.4", "Tabel 2.5",
          "Tabel 2.6", "Tabel 2.7", "Tabel 4.1", "Tabel 4.2", "Tabel 4.3", "Nøgletal", "Eksempler", "Tabel 5.1",
          "Vurderinger", "Tabel 1.1", "Sager", "Analyseskema"]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("xlsx")
    build_reports(fixture_results(), folder, run_info={"tidspunkt": "2024-05-02T10:00:00"})
    return folder


@pytest.fixture(scope="module")
def wb(out):
    return load_workbook(out / "nordhavn-kommune" / "rapport.xlsx")


def sheet_rows(ws) -> list[tuple]:
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def test_expected_sheets(wb, out):
    assert wb.sheetnames == SHEETS
    assert load_workbook(out / "samlet.xlsx").sheetnames == SHEETS


def test_tabel_2_1_numbers_and_national_reference(wb):
    ws = wb["Tabel 2.1"]
    assert ws["A1"].value.startswith("TABEL 2.1 ER KOMMUNENS AFGØRELSE")
    header = [c.value for c in ws[3]]
    assert header[:4] == [None, "Jobparat, der modtager kontanthjælp, LAB § 6, nr. 2",
                          "Aktivitetsparat, der modtager kontanthjælp, LAB § 6, nr. 3", "I alt"]
    assert header[4].startswith("Landsplan 2022: Jobparat")
    body = {r[0]: r[1:] for r in sheet_rows(ws)[3:7]}
    assert body["Ja, afgørelsen er i overensstemmelse med regler og praksis"] == (2, 0, 2, 9, 0, 9)
    assert body["I alt"] == (5, 3, 8, 35, 26, 61)
    values = [r[0] for r in sheet_rows(ws)]
    assert "Kilde: Gennemgang af 8 sager, 2024" in values
    assert ws.freeze_panes == "A4"
    # header row 3, the three answers in rows 4-6; the "I alt" row 7 is outside the filter
    assert ws.auto_filter.ref == "A3:G6"
    assert ws["A7"].value == "I alt"


def test_every_table_filters_its_data_rows_and_leaves_the_totals_below(wb):
    for name in wb.sheetnames:
        if not name.startswith("Tabel"):
            continue
        ws = wb[name]
        rows = sheet_rows(ws)
        totals = [i + 1 for i, r in enumerate(rows) if r[0] == "I alt"]
        ref = ws.auto_filter.ref
        if ref is None:
            continue
        last = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        assert all(t > last for t in totals), (name, ref, totals)
        assert rows[last - 1][0] not in (None, "I alt"), (name, ref)


def test_no_filter_on_oversigt(wb):
    assert wb["Oversigt"].auto_filter.ref is None


def test_print_settings_on_every_sheet(wb):
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title  # A4 in the OOXML paper size list
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_title_rows, ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert wb["Tabel 2.1"].print_title_rows == "$3:$3"
    assert wb["Sager"].print_title_rows == "$1:$1"
    assert wb["Sager"].page_setup.orientation == "landscape"
    assert wb["Oversigt"].page_setup.orientation == "portrait"


def test_tabel_2_7_keeps_the_reports_column_order(wb):
    header = [c.value for c in wb["Tabel 2.7"][3]]
    assert header[1].startswith("Antal aktivitetsparate") and header[2].startswith("Antal Jobparate")


def test_sager_sheet_one_row_per_case_one_column_per_item(wb):
    ws = wb["Sager"]
    rows = sheet_rows(ws)
    header = rows[0]
    assert header[:5] == ("Kommune", "Sagsnummer", "Enhed", "Sagsbehandler", "Afgørelsesdato")
    assert len(header) == 10 + 19  # base columns + one per checklist item
    assert header[10] == "2.2 Målgruppe"
    assert len(rows) == 1 + 8
    by_case = {r[1]: r for r in rows[1:]}
    assert by_case["NH-2022-0101"][4] == datetime(2022, 3, 10)
    assert ws.cell(row=2, column=5).number_format == DATE_FORMAT
    oplysning = header.index("5.1 Sagsoplysning")
    assert by_case["NH-2022-0101"][oplysning] == "Ja (vurdering)"
    assert by_case["NH-2022-0350"][oplysning] == "Nej"
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref.startswith("A1:")


def test_analyseskema_long_sheet(wb):
    rows = sheet_rows(wb["Analyseskema"])
    assert rows[0][:10] == ("Kommune", "Sagsnummer", "Nr.", "Punkt id", "Punkt", "Spørgsmål", "Svar", "Kilde",
                            "Virkning", "Begrundelse")
    assert len(rows) == 1 + 8 * 19
    row = next(r for r in rows if r[1] == "NH-2022-0101" and r[3] == "oplysning")
    assert (row[6], row[7], row[12], row[14]) == ("Ja", "Vurdering", "Nej", "MAMC")
    row = next(r for r in rows if r[1] == "NH-2022-0230" and r[3] == "personlig_kontakt")
    assert row[10] == "26. maj 2021, 2. juni 2021"
    assert row[11].startswith("LAS § 35, stk. 7")


def test_injection_strings_are_inert_text(out, wb):
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    hyper = [c for c in cells if c.value == '=HYPERLINK("x")']
    assert hyper, "the case number with a formula must be in the workbook"
    risky = [c for c in cells if is_risky(c.value)]
    assert len(risky) >= 5  # '=HYPERLINK', '=2+3 ...', '-Længden ...', '\t@Der ...', '@Team Øst', '=SUM' remark
    for c in risky:
        assert c.data_type == "s"
        assert c.quotePrefix, (c.coordinate, c.value)
    for path in out.rglob("*.xlsx"):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    xml = z.read(name).decode("utf-8")
                    assert "<f>" not in xml and "<f " not in xml, (path, name)


def test_no_cpr_anywhere_in_the_workbooks(out):
    for path in out.rglob("*.xlsx"):
        wb = load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str):
                        assert not contains_cpr(c.value), (path.name, ws.title, c.coordinate)


def test_tabel_1_1_in_samlet_has_every_municipality_and_the_national_row(out):
    rows = sheet_rows(load_workbook(out / "samlet.xlsx")["Tabel 1.1"])
    labels = [r[0] for r in rows[3:9]]
    assert labels == ["Bøgeby Kommune", "Nordhavn Kommune", "Aabybro Kommune", "Åmose Kommune", "I alt",
                      "Landsplan 2022 (Ankestyrelsen, 13 kommuner)"]
    assert rows[7][1:6] == (5, 7, 2, 1, 15)


@pytest.mark.parametrize("text", ["=1+1", "+45 12 34", "-5", "@SUM(A1)", "  =A1", "\t=A1", "\r=A1", "\n=1"])
def test_put_writes_formula_like_text_as_text(text, tmp_path):
    wb = Workbook()
    ws = wb.active
    c = put(ws, 1, 1, text)
    assert c.data_type == "s" and c.quotePrefix
    path = tmp_path / "x.xlsx"
    wb.save(path)
    back = load_workbook(path).active["A1"]
    assert back.data_type == "s"
    assert back.value == text.replace("\r", "\n") or back.value == text


@pytest.mark.parametrize(("value", "expected", "data_type"), [
    ("Almindelig tekst", "Almindelig tekst", "s"), (7, 7, "n"), (2.5, 2.5, "n"), (True, "Ja", "s"),
    ("CPR 010190-1234", "CPR xxxxxx-xxxx", "s"), ("a\x00b\x07c", "abc", "s"),
])
def test_put_other_values(value, expected, data_type):
    ws = Workbook().active
    c = put(ws, 1, 1, value)
    assert c.value == expected and c.data_type == data_type
    assert not c.quotePrefix


def test_put_dates_in_danish_format():
    ws = Workbook().active
    c = put(ws, 1, 1, date(2021, 2, 16))
    assert c.number_format == DATE_FORMAT == "dd-mm-yyyy"


def test_the_reviewers_sheet_states_verdict_and_kritik_with_and_without_the_review(wb):
    """Kapitel 5's sheet (issue 15, Deliver 4): beside the verdict with and without the reviewer's answer, the
    kritik with and without it and the same sentence as the report. NH-2022-0101's reviewer answered ja where
    the computed answers were ved ikke (rimelig_grund) and nej (oplysning): without the review the case is
    remanded (a ved ikke/nej with virkning hjemvises), with it in accordance; no item gives kritik either way."""
    ws = wb["Vurderinger"]
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r and r[0] == "Kommune")
    head = list(rows[at])
    assert head[-4:] == ["Uden vurderingen", "Kritik", "Kritik uden vurderingen", "Betydning for sagen"]
    row = dict(zip(head, next(r for r in rows[at + 1:] if r[1] == "NH-2022-0101"), strict=True))
    assert (row["Samlet vurdering"], row["Uden vurderingen"]) == ("I overensstemmelse", "Hjemvises")
    assert (row["Kritik"], row["Kritik uden vurderingen"]) == ("Ingen", "Ingen")
    assert row["Betydning for sagen"] == "Uden vurderingen: Hjemvises; med vurderingen: I overensstemmelse."
