"""The same cases as .xlsx, as a Danish-Excel CSV pair, as one long CSV, as .ods and as .xls give the same results.

The other formats are written here from the sheets of ``sample_cases/aamose.xlsx``: the CSV files as Danish
Excel saves them ("CSV (semikolonsepareret)": ``;``, Windows-1252, dates DD-MM-ÅÅÅÅ), the .ods with odfpy
(through pandas) and the .xls with xlwt, both with real date cells (test dependencies only).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import python_calamine as pc
import xlwt

from audit.readers import read_cases
from audit.rules.engine import evaluate

AAMOSE = Path(__file__).resolve().parent.parent / "sample_cases" / "aamose.xlsx"


def aamose_sheets() -> dict[str, list[list]]:
    with pc.CalamineWorkbook.from_path(str(AAMOSE)) as wb:
        return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def audited(*paths) -> tuple[dict[str, dict], list]:
    results = list(read_cases([str(p) for p in paths]))
    out = {}
    for r in results:
        if r.case is not None:
            d = evaluate(r.case).to_dict()
            d.pop("kilde", None)
            out[r.case.case_number] = d
    return out, [i for r in results for i in r.issues]


def as_text(v: object) -> str:
    """A cell as Danish Excel writes it to CSV."""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.strftime("%d-%m-%Y")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def write_csv(path: Path, rows: list[list], *, encoding: str, delimiter: str) -> None:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows([[as_text(v) for v in row] for row in rows])


def test_the_sample_set_is_what_is_compared():
    expected, issues = audited(AAMOSE)
    assert len(expected) == 21  # 21 case rows in the sheet 'Sager'
    assert not [i for i in issues if i.severity == "fejl"]


def test_danish_excel_csv_pair_gives_the_same_results_as_xlsx(tmp_path):
    expected, _ = audited(AAMOSE)
    sheets = aamose_sheets()
    folder = tmp_path / "eksport"
    folder.mkdir()
    write_csv(folder / "sager.csv", sheets["Sager"], encoding="cp1252", delimiter=";")
    write_csv(folder / "hændelser.csv", sheets["Hændelser"], encoding="cp1252", delimiter=";")
    write_csv(folder / "vurderinger.csv", sheets["Vurderinger"], encoding="cp1252", delimiter=";")
    raw = (folder / "sager.csv").read_bytes()
    assert "Åmose".encode("cp1252") in raw and b";" in raw  # really Windows-1252 and semicolons
    got, issues = audited(folder)
    assert not [i for i in issues if i.severity == "fejl"]
    assert got == expected


def test_one_long_csv_in_utf8_with_bom_and_commas_gives_the_same_results(tmp_path):
    """One row per event, the case's columns repeated; the long format has no reviews, so the cases that
    have reviewer answers in the workbook are left out of the comparison."""
    expected, _ = audited(AAMOSE)
    sheets = aamose_sheets()
    case_head, *case_rows = sheets["Sager"]
    ev_head, *ev_rows = sheets["Hændelser"]
    reviewed = {row[0] for row in sheets["Vurderinger"][1:]}
    by_number = {row[0]: row for row in case_rows}
    ev_only = [j for j, h in enumerate(ev_head) if h not in ("sagsnummer", "kommune")]
    long = [case_head + [ev_head[j] for j in ev_only]]
    with_events = set()
    for ev in ev_rows:
        if ev[0] in reviewed:
            continue
        long.append(by_number[ev[0]] + [ev[j] for j in ev_only])
        with_events.add(ev[0])
    for number, row in by_number.items():  # a case without events: one row with its case columns only
        if number not in with_events and number not in reviewed:
            long.append(row + [""] * len(ev_only))
    write_csv(tmp_path / "eksport.csv", long, encoding="utf-8-sig", delimiter=",")
    got, issues = audited(tmp_path / "eksport.csv")
    assert not [i for i in issues if i.severity == "fejl"]
    assert got == {k: v for k, v in expected.items() if k not in reviewed}
    assert len(got) == 21 - len(reviewed)


def test_ods_gives_the_same_results_as_xlsx(tmp_path):
    expected, _ = audited(AAMOSE)
    folder = tmp_path / "libreoffice"
    folder.mkdir()
    with pd.ExcelWriter(folder / "aamose.ods", engine="odf") as writer:
        for name, rows in aamose_sheets().items():
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(writer, sheet_name=name, index=False)
    got, issues = audited(folder)
    assert not [i for i in issues if i.severity == "fejl"]
    assert got == expected


def test_xls_gives_the_same_results_as_xlsx(tmp_path):
    expected, _ = audited(AAMOSE)
    folder = tmp_path / "gammel"
    folder.mkdir()
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD-MM-YYYY")
    for name, rows in aamose_sheets().items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, dt.date):
                    sheet.write(r, c, v, date_style)
                elif v not in ("", None):
                    sheet.write(r, c, v)
    book.save(str(folder / "aamose.xls"))
    assert (folder / "aamose.xls").read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # the old binary format
    got, issues = audited(folder)
    assert not [i for i in issues if i.severity == "fejl"]
    assert got == expected


def test_located_messages_in_ods_name_sheet_row_and_column(tmp_path):
    sheets = aamose_sheets()
    events = [list(r) for r in sheets["Hændelser"]]
    events[4][3] = "31-02-2021"  # row 5 as the sheet shows it; column D is 'dato'
    with pd.ExcelWriter(tmp_path / "fejl.ods", engine="odf") as writer:
        for name, rows in {**sheets, "Hændelser": events}.items():
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(writer, sheet_name=name, index=False)
    _, issues = audited(tmp_path / "fejl.ods")
    (bad,) = [i for i in issues if i.code == "ugyldig_dato"]
    assert (bad.file.endswith("fejl.ods"), bad.sheet, bad.row, bad.column) == (True, "Hændelser", 5, "D (dato)")
    assert bad.case_number == events[4][0]
