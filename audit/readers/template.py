"""The Excel template (``audit template``): the case format as a workbook people can fill in.

Sheets ``Sager``, ``Hændelser`` and ``Vurderinger`` with the canonical headers (frozen header row,
drop-down lists on every coded column, date columns formatted DD-MM-ÅÅÅÅ), a ``Vejledning`` sheet that
explains every column in Danish, a hidden ``Lister`` sheet holding the code lists the drop-downs use,
and ONE filled, fictitious example case. What the template writes reads back through
``audit.readers.read_cases`` without problems, as exactly ``EXAMPLE_CASE``.

    from audit.readers.template import write_template
    write_template("skabelon.xlsx")

The column documentation, the introduction and the example case are data, kept in
``audit.readers.template_docs``; this module writes the workbook and re-exports those names.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from audit import model as m
from audit.io_utils import atomic_open
from audit.readers.codes import display_word
from audit.readers.excel_sheets import column_letter
from audit.readers.mapping import (
    COLUMNS,
    DECISION_PREFIX,
    OFFER_PREFIX,
    SHEET_CASES,
    SHEET_EVENTS,
    SHEET_REVIEWS,
    display_header,
)
from audit.readers.template_docs import (
    CASE_DOCS,
    DATE_TEXT,
    DOCS,
    EVENT_DOCS,
    EVENT_TYPE_DOCS,
    EXAMPLE_CASE,
    INTRO,
    REVIEW_DOCS,
    YES_NO_TEXT,
    ColumnDoc,
    example_rows,
)
from audit.rules.checklist import known_item_ids

__all__ = [
    # re-exported from audit.readers.template_docs
    "CASE_DOCS", "DATE_TEXT", "DOCS", "EVENT_DOCS", "EVENT_TYPE_DOCS", "EXAMPLE_CASE", "INTRO", "REVIEW_DOCS",
    "YES_NO_TEXT", "ColumnDoc", "example_rows",
    # defined here
    "DV_ROWS", "EXCEL_DATE_FORMAT", "SHEET_GUIDE", "SHEET_LISTS", "TemplateError", "build_workbook",
    "write_template",
]

SHEET_GUIDE = "Vejledning"
SHEET_LISTS = "Lister"
EXCEL_DATE_FORMAT = "DD-MM-YYYY"  # shown as DD-MM-ÅÅÅÅ by a Danish Excel
DV_ROWS = 5000  # drop-downs and formats cover this many data rows


class TemplateError(ValueError):
    """The template cannot be written there (message in Danish)."""


def _cell_value(column: str, value: object, doc: ColumnDoc) -> object:
    """A case-format value as it goes into a cell: coded values as the drop-down's words."""
    if value is None:
        return None
    if isinstance(value, bool):
        return display_word("ja" if value else "nej", m.YES_NO)
    if isinstance(value, (list, tuple)):
        return ", ".join(_word(str(v), doc) for v in value)
    if isinstance(value, str) and _is_date_column(column):
        return dt.date.fromisoformat(value)
    if isinstance(value, str):
        return _word(value, doc)
    return value


def _word(code: str, doc: ColumnDoc) -> str:
    return display_word(code, doc.codes) if doc.codes and code in doc.codes else code


def _words(doc: ColumnDoc) -> tuple[str, ...]:
    """The drop-down's list: the template's word for each allowed code."""
    return tuple(display_word(c, doc.codes) for c in doc.codes or ())


def _is_date_column(column: str) -> bool:
    return column in ("dato", "vedrører", "svar_dato") or column in (
        DECISION_PREFIX + "dato", DECISION_PREFIX + "vedrører", DECISION_PREFIX + "virkning_fra",
        OFFER_PREFIX + "startdato")


def build_workbook():
    """The template as an openpyxl Workbook (not yet saved)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    required_fill = PatternFill("solid", fgColor="FCE4D6")

    # the hidden code lists
    lists: dict[str, tuple[str, ...]] = {}
    for sheet in (SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS):
        for col, doc in DOCS[sheet].items():
            if doc.codes:
                lists.setdefault(_list_name(col, doc), _words(doc))
    ws_lists = wb.create_sheet(SHEET_LISTS)
    list_ref: dict[str, str] = {}
    for j, (name, codes) in enumerate(sorted(lists.items())):
        letter = column_letter(j)
        ws_lists.cell(row=1, column=j + 1, value=name).font = bold
        for i, code in enumerate(codes, start=2):
            ws_lists.cell(row=i, column=j + 1, value=code)
        # as Excel stores it: no leading "=" in the file
        list_ref[name] = f"{quote_sheetname(SHEET_LISTS)}!${letter}$2:${letter}${len(codes) + 1}"
        ws_lists.column_dimensions[letter].width = max(14, max(len(c) for c in codes) + 2)
    ws_lists.sheet_state = "hidden"

    examples = example_rows()
    first = True
    for sheet in (SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS):
        ws = wb.active if first else wb.create_sheet(sheet)
        ws.title = sheet
        first = False
        columns = COLUMNS[sheet]
        for j, col in enumerate(columns):
            doc = DOCS[sheet][col]
            letter = column_letter(j)
            header = display_header(sheet, col)
            cell = ws.cell(row=1, column=j + 1, value=header)
            cell.font = bold
            cell.fill = required_fill if doc.required == "ja" else header_fill
            comment = Comment(_comment_text(doc), "audit template")
            comment.width, comment.height = 320, 140
            cell.comment = comment
            dim = ws.column_dimensions[letter]
            dim.width = max(12, min(40, len(header) + 4))
            if _is_date_column(col):
                dim.number_format = EXCEL_DATE_FORMAT
            elif doc.fmt == "tekst" and col in ("sagsnummer", "borger_id", "cpr", "sagsbehandler"):
                dim.number_format = "@"
            if doc.codes:
                dv = DataValidation(type="list", formula1=list_ref[_list_name(col, doc)], allow_blank=True,
                                    showDropDown=False)
                if doc.multi:
                    dv.showErrorMessage = False
                    dv.promptTitle = header[:32]
                    example = ", ".join(_words(doc)[:2])
                    dv.prompt = f"Flere værdier adskilles med komma, fx '{example}'."[:255]
                    dv.showInputMessage = True
                else:
                    dv.showErrorMessage = True
                    dv.errorTitle = "Ugyldig værdi"
                    dv.error = f"Vælg en værdi fra listen for '{header}' (se arket Vejledning)."[:255]
                dv.add(f"{letter}2:{letter}{DV_ROWS + 1}")
                ws.add_data_validation(dv)
        for i, values in enumerate(examples[sheet], start=2):
            for j, col in enumerate(columns):
                v = _cell_value(col, values.get(col), DOCS[sheet][col])
                if v is None:
                    continue
                c = ws.cell(row=i, column=j + 1, value=v)
                if isinstance(v, dt.date):
                    c.number_format = EXCEL_DATE_FORMAT
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{column_letter(len(columns) - 1)}1"

    _guide(wb.create_sheet(SHEET_GUIDE), bold, Alignment)
    wb.move_sheet(SHEET_LISTS, offset=len(wb.sheetnames))
    wb.active = 0
    return wb


def _list_name(col: str, doc: ColumnDoc) -> str:
    if doc.codes == m.YES_NO and doc.fmt == YES_NO_TEXT:
        return "ja_nej"
    return col.removeprefix(DECISION_PREFIX)


def _comment_text(doc: ColumnDoc) -> str:
    text = f"{doc.meaning}\nFormat: {doc.fmt}. Påkrævet: {doc.required}."
    return text[:1000]


def _allowed(doc: ColumnDoc) -> str:
    if doc.codes:
        return ", ".join(_words(doc))
    return ""


def _guide(ws, bold, alignment_cls) -> None:
    from openpyxl.styles import Font

    wrap = alignment_cls(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 20
    ws.column_dimensions["D"].width = 70
    ws.column_dimensions["E"].width = 50
    ws.column_dimensions["F"].width = 30
    ws.column_dimensions["G"].width = 34
    row = 1
    ws.cell(row=row, column=1, value="Vejledning til skabelonen: skærpet rådighedssanktion (LAS § 40 a)").font = \
        Font(bold=True, size=14)
    row += 2
    for line in INTRO:
        ws.cell(row=row, column=1, value=line)
        row += 1
    row += 1
    headers = ("Ark", "Kolonne", "Påkrævet", "Betydning", "Tilladte værdier", "Format", "Formatets navn")
    for j, h in enumerate(headers, start=1):
        ws.cell(row=row, column=j, value=h).font = bold
    table_header = row
    row += 1
    for sheet in (SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS):
        for col in COLUMNS[sheet]:
            doc = DOCS[sheet][col]
            values = (sheet, display_header(sheet, col), doc.required, doc.meaning, _allowed(doc), doc.fmt, col)
            for j, v in enumerate(values, start=1):
                ws.cell(row=row, column=j, value=v).alignment = wrap
            row += 1
    ws.freeze_panes = f"A{table_header + 1}"
    row += 1
    ws.cell(row=row, column=1, value="Hændelsestyper").font = Font(bold=True, size=12)
    row += 1
    for j, h in enumerate(("Type", "Betydning", "", "Kolonner ud over Sagsnummer, Kommune, Type, Dato og Note",
                           "", "", "Formatets navn"), start=1):
        ws.cell(row=row, column=j, value=h).font = bold
    row += 1
    for etype in m.EVENT_TYPES:
        ws.cell(row=row, column=1, value=display_word(etype, m.EVENT_TYPES)).alignment = wrap
        ws.cell(row=row, column=2, value=EVENT_TYPE_DOCS[etype]).alignment = wrap
        fields = ", ".join(display_header(SHEET_EVENTS, f) for f in m.EVENT_FIELDS[etype])
        ws.cell(row=row, column=4, value=fields).alignment = wrap
        ws.cell(row=row, column=7, value=etype)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Tjeklistepunkter (kolonnen 'Punkt' i arket Vurderinger)").font = \
        Font(bold=True, size=12)
    row += 1
    for j, h in enumerate(("Punkt", "Spørgsmål"), start=1):
        ws.cell(row=row, column=j, value=h).font = bold
    row += 1
    for pid, question in _item_questions():
        ws.cell(row=row, column=1, value=pid)
        ws.cell(row=row, column=2, value=question).alignment = wrap
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Datoer: skriv DD-MM-ÅÅÅÅ (fx 28-03-2022) eller brug Excels datoformat. "
                                     "Ja/nej-kolonner: Ja eller Nej (x, 1/0 og true/false accepteres også). Lister: "
                                     "flere værdier adskilt med komma. Formatets navne for kolonner og værdier "
                                     "(fx afgørelse_dato, udeblevet_tilbud) kan også bruges.")


def _item_questions() -> list[tuple[str, str]]:
    try:
        from audit.rules.checklist import load_checklist

        cl = load_checklist("las-40a-2020")
        return [(item.id, f"{item.number} {item.question}".strip()) for item in cl.items]
    except Exception:  # noqa: BLE001 - the guide still lists the ids when the checklist cannot be read
        return [(pid, "") for pid in known_item_ids()]


def write_template(path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write the template to ``path`` (atomically). Refuses an existing file unless ``overwrite``."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise TemplateError(f"skabelonen skal have endelsen .xlsx (fik '{target.name}')")
    if target.is_dir():
        raise TemplateError(f"'{target}' er en mappe; angiv et filnavn, fx {target / 'skabelon.xlsx'}")
    if target.exists() and not overwrite:
        raise TemplateError(f"'{target}' findes allerede; vælg et andet navn, eller brug --overwrite for at "
                            "erstatte filen")
    wb = build_workbook()
    with atomic_open(target, "wb") as fh:
        wb.save(fh)
    return target
