"""The Excel version of a report (openpyxl): the same numbers as the HTML report, one sheet per table,
a ``Sager`` sheet with one row per case and one column per checklist item, and a long ``Analyseskema``
sheet with every item of every case.

Every text cell is written as text, never as a formula: a value that starts with ``=``, ``+``, ``-`` or
``@`` (also after spaces, a tab or a carriage return) is stored as a string with Excel's quote prefix,
so Excel shows it as typed and does not evaluate it. Every text is CPR-masked and stripped of control
characters that the file format does not allow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from audit.contract import Answer, Consequence, Source, Verdict
from audit.io_utils import atomic_open
from audit.privacy import mask_cpr

from .common import NO_ANSWER, enum_label
from .phrases import item_title
from .tables import Table
from .words import dato

DATE_FORMAT = "dd-mm-yyyy"
MAX_CELL = 32767
_RISKY = re.compile(r"^[\s]*[=+\-@]|^[\t\r]")
HEADER_FILL = PatternFill("solid", fgColor="46545F")
REF_FILL = PatternFill("solid", fgColor="F5F2EA")
TITLE_FONT = Font(bold=True, size=12)
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
GROUP_LABELS = {"jobparat": "Jobparat", "aktivitetsparat": "Aktivitetsparat", "uoplyst": "Ikke fastlagt"}


def answer_label(value: object) -> str:
    return enum_label(Answer, value, NO_ANSWER)


def clean_text(value: object) -> str:
    text = mask_cpr(str(value))
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:MAX_CELL]


def is_risky(text: str) -> bool:
    """Would Excel (or another spreadsheet) read this text as a formula?"""
    return bool(_RISKY.match(text))


def put(ws: Worksheet, row: int, col: int, value: object, *, bold: bool = False, wrap: bool = False):
    """Write one cell safely: numbers as numbers, dates as Danish dates, every string as inert text."""
    cell = ws.cell(row=row, column=col)
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        cell.value = "Ja" if value else "Nej"
    elif isinstance(value, int | float):
        cell.value = value
    elif isinstance(value, datetime):
        cell.value = value.date()
        cell.number_format = DATE_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"  # never "f": a leading '=' stays text
        if is_risky(text):
            cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = WRAP
    return cell


class SheetWriter:
    """Writes a header row and data rows, then freezes the header, adds a filter and sets widths."""

    def __init__(self, wb: Workbook, title: str, *, title_row: str | None = None,
                 wrap_cols: Iterable[int] = (), max_width: int = 60):
        self.ws = wb.create_sheet(safe_sheet_title(title))
        self.row = 1
        self.widths: dict[int, int] = {}
        self.wrap_cols = set(wrap_cols)
        self.max_width = max_width
        self.header_row: int | None = None
        self.ncols = 0
        if title_row:
            put(self.ws, 1, 1, title_row).font = TITLE_FONT
            self.row = 3

    def header(self, labels: Sequence[str], ref_from: int | None = None) -> None:
        self.header_row = self.row
        self.ncols = max(self.ncols, len(labels))
        for i, label in enumerate(labels, start=1):
            c = put(self.ws, self.row, i, label)
            c.font = HEADER_FONT
            c.fill = HEADER_FILL if ref_from is None or i < ref_from else REF_FILL
            if ref_from is not None and i >= ref_from:
                c.font = Font(bold=True, color="6B6250")
            c.alignment = Alignment(wrap_text=True, vertical="bottom")
            self._measure(i, label, header=True)
        self.row += 1

    def add(self, values: Sequence[object], *, bold: bool = False, ref_from: int | None = None) -> None:
        for i, v in enumerate(values, start=1):
            c = put(self.ws, self.row, i, v, bold=bold, wrap=i in self.wrap_cols)
            if ref_from is not None and i >= ref_from:
                c.fill = REF_FILL
                c.font = Font(italic=True, bold=bold, color="6B6250")
            self._measure(i, v)
        self.ncols = max(self.ncols, len(values))
        self.row += 1

    def note(self, text: str) -> None:
        put(self.ws, self.row, 1, text).font = Font(italic=True, size=9, color="5D6870")
        self.row += 1

    def _measure(self, col: int, value: object, header: bool = False) -> None:
        if isinstance(value, date | datetime):
            n = 11
        else:
            n = max((len(x) for x in str("" if value is None else value).split("\n")), default=0)
        if header:
            n = min(n, 28)
        self.widths[col] = max(self.widths.get(col, 0), n)

    def finish(self, last_data_row: int | None = None, *, autofilter: bool = True) -> Worksheet:
        """Freeze the header, filter the data rows (``last_data_row`` is the last one; totals and notes
        below it stay outside the filter, so sorting never moves them), set widths and print settings."""
        ws = self.ws
        if self.header_row is not None:
            ws.freeze_panes = ws.cell(row=self.header_row + 1, column=1)
            last = last_data_row if last_data_row is not None else self.row - 1
            if autofilter and last > self.header_row and self.ncols:
                ws.auto_filter.ref = f"A{self.header_row}:{get_column_letter(self.ncols)}{last}"
        for col, w in self.widths.items():
            width = 60 if col in self.wrap_cols else min(self.max_width, max(8, w + 2))
            ws.column_dimensions[get_column_letter(col)].width = width
        print_settings(ws, self.header_row)
        return ws


def print_settings(ws: Worksheet, header_row: int | None) -> None:
    """A4, fitted to one page's width (as many pages down as needed), the header row repeated on every
    printed page, landscape for wide sheets, and "Side X af Y" in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wide = sum((d.width or 8) for d in ws.column_dimensions.values()) > 100
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.7
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "Side &P af &N"
    ws.oddHeader.left.text = "&A"


def safe_sheet_title(title: str) -> str:
    t = re.sub(r"[\[\]:*?/\\]", "-", clean_text(title)).strip("'")
    return (t or "Ark")[:31]


# --- sheets --------------------------------------------------------------------------------------------

def _table_sheet(wb: Workbook, t: Table, national_label: str, sheet_title: str | None = None) -> None:
    sw = SheetWriter(wb, sheet_title or f"Tabel {t.number}", title_row=f"TABEL {t.number} {t.title}")
    nat = list(t.national_columns)
    labels = ["", *t.columns, *(f"{national_label}: {c}" for c in nat)]
    ref_from = len(t.columns) + 2 if nat else None
    sw.header(labels, ref_from=ref_from)
    # The filter covers the data rows only; the totals (the table's last rows) and the national reference
    # rows stay below it, so sorting or filtering never moves or hides them.
    last = sw.row - 1
    for r in t.rows:
        national = list(r.national) if r.national else [None] * len(nat)
        sw.add([r.label, *r.values, *(national[: len(nat)] if nat else [])], bold=r.total, ref_from=ref_from)
        if not r.total:
            last = sw.row - 1
    first_total = next((i for i, r in enumerate(t.rows) if r.total), len(t.rows))
    if not all(r.total for r in t.rows[first_total:]):
        last = sw.header_row  # a total between data rows: any filter would break the table, so none
    for r in t.reference_rows:
        sw.add([r.label, *r.values], ref_from=1)
    sw.row += 1
    if t.note:
        sw.note(t.note)
    sw.note(t.kilde)
    if (nat or t.reference_rows) and t.national_kilde:
        sw.note(f"{national_label} (reference, ikke kommunens tal): {t.national_kilde}")
    sw.widths[1] = max(sw.widths.get(1, 0), 40)
    sw.finish(last_data_row=last)


def _overview(wb: Workbook, m: dict) -> None:
    sw = SheetWriter(wb, "Oversigt", title_row=m["title"], wrap_cols=(2,))
    sw.header(["Felt", "Værdi"])
    rows = [
        ("Kommune" if not m["samlet"] else "Kommuner", m["name"] if not m["samlet"] else ", ".join(m["kommuner"])),
        ("Periode (første afgørelse)", m["first"]),
        ("Periode (sidste afgørelse)", m["last"]),
        ("Antal sager", m["n_cases"]),
        ("Vurderede sager", m["n_assessed"]),
        ("Ikke vurderet (uden for regelsættet)", m["n_not_assessed"]),
        ("Kørselsdato", m["run_date"]),
        ("Regelsæt", "; ".join(r["title"] for r in m["rule_sets"]) or "–"),
        ("Værktøj", f"las40a-audit {m['version']}"),
        ("Forbehold", "Kommunens egen gennemgang efter Ankestyrelsens metode; ikke udarbejdet eller godkendt af "
                      "Ankestyrelsen."),
    ]
    counts = m["verdict_counts"]["total"]
    for v in Verdict:
        if counts.get(v):
            rows.append((f"Samlet vurdering: {v.label}", counts[v]))
    for i, p in enumerate(m["summary"], start=1):
        rows.append((f"Resultater, afsnit {i}", p))
    for r in rows:
        sw.add(list(r))
    sw.widths[1] = 36
    sw.finish(autofilter=False)  # a list of facts about the report, not data to sort


def _key_figures(wb: Workbook, m: dict) -> None:
    sw = SheetWriter(wb, "Nøgletal", title_row="NØGLETAL, DER I ANKESTYRELSENS RAPPORT KUN STÅR I TEKSTEN")
    sw.header(["Skema nr.", "Nøgletal", "Antal sager", "Ud af", f"{m['national_label']}: antal",
               f"{m['national_label']}: ud af"], ref_from=5)
    for f in m["figures"].values():
        sw.add([f.key, f.label, f.count, f.base, f.national.count if f.national else None,
                f.national.base if f.national else None], ref_from=5)
    sw.finish()


def _items(wb: Workbook, m: dict) -> None:
    sw = SheetWriter(wb, "Punkter", title_row="PUNKTER, DER IKKE ER OPFYLDT", wrap_cols=(11,))
    sw.header(["Nr.", "Punkt id", "Punkt", "Ikke opfyldt", "Heraf nej", "Heraf ved ikke", "Relevant i",
               "Vejledende", f"{m['national_label']}: ikke opfyldt", f"{m['national_label']}: ud af", "Sager"],
              ref_from=9)
    for s in m["stats"]:
        sw.add([s.number, s.id, item_title(s.id, s.short), s.failed, s.nej, s.ved_ikke, s.applicable,
                s.advisory, s.national.count if s.national else None, s.national.base if s.national else None,
                ", ".join(s.cases)])
    sw.finish()


def _recommendations(wb: Workbook, m: dict) -> None:
    sw = SheetWriter(wb, "Anbefalinger", title_row="ANKESTYRELSEN ANBEFALER (UDLØST AF SAGERNE)", wrap_cols=(2,))
    sw.header(["Område", "Anbefaling", "Antal sager", "Sager", "Id", "Kilde"])
    for group in m["kap1_recs"]:
        for x in [*group["recs"], *group["own"]]:
            sw.add([group["title"], x.text, x.n, ", ".join(x.case_numbers), ", ".join(x.ids),
                    x.source or "Ankestyrelsen, Praksisundersøgelse om skærpet rådighedssanktion (2023)"])
    sw.finish()


def _cases(wb: Workbook, m: dict) -> None:
    item_ids: list[str] = []
    titles: dict[str, str] = {}
    for c in m["cases"]:
        for r in c["rows"]:
            if r["id"] not in titles:
                item_ids.append(r["id"])
                titles[r["id"]] = f"{r['number']} {r['title']}".strip()
    cl = m.get("checklist")
    if cl is not None:
        order = {it.id: i for i, it in enumerate(cl.items)}
        item_ids.sort(key=lambda i: order.get(i, len(order)))
    sw = SheetWriter(wb, "Sager")
    base = ["Kommune", "Sagsnummer", "Enhed", "Sagsbehandler", "Afgørelsesdato", "Målgruppe", "Samlet vurdering",
            "Kritik/bemærkning", "Regelsæt", "Kildefil"]
    sw.header([*base, *(titles[i] for i in item_ids)])
    for c in m["cases"]:
        by = {r["id"]: r for r in c["rows"]}
        answers = []
        for i in item_ids:
            r = by.get(i)
            if r is None:
                answers.append(None)
            else:
                a = answer_label(r["svar"])
                answers.append(f"{a} (vurdering)" if r["kilde"] == "vurdering" else a)
        sw.add([c["kommune"], c["sagsnummer"], c["enhed"], c["sagsbehandler"], c["dato"] or c["dato_raw"],
                GROUP_LABELS.get(c["maalgruppe"], c["maalgruppe"]),
                c["samlet"].label, c["kritik"].label,
                {r["id"]: r["title"] for r in m["rule_sets"]}.get(c["regelsaet"], c["regelsaet"]), c["fil"], *answers])
    sw.ws.freeze_panes = "C2"
    sw.finish()
    sw.ws.freeze_panes = "C2"


def _analysis(wb: Workbook, m: dict) -> None:
    sw = SheetWriter(wb, "Analyseskema", wrap_cols=(10, 14))
    sw.header(["Kommune", "Sagsnummer", "Nr.", "Punkt id", "Punkt", "Spørgsmål", "Svar", "Kilde", "Virkning",
               "Begrundelse", "Datoer", "Hjemmel", "Beregnet svar", "Beregnet begrundelse", "Vurderet af",
               "Bemærkning", "Vejledende", "Anbefalinger"])
    for c in m["cases"]:
        for r in c["rows"]:
            b = r["beregnet"] or {}
            v = r["vurdering"] or {}
            sw.add([c["kommune"], c["sagsnummer"], r["number"], r["id"], r["title"], r["question"],
                    answer_label(r["svar"]), enum_label(Source, r["kilde"]), enum_label(Consequence, r["virkning"]),
                    r["begrundelse"], ", ".join(r["datoer"]), r["hjemmel"],
                    answer_label(b.get("svar")) if b else None, b.get("begrundelse") if b else None,
                    v.get("af") if v else None, v.get("bemaerkning") if v else None, r["vejledende"],
                    ", ".join(r["anbefalinger"])])
    sw.widths[6] = 40
    sw.finish()


def _overrides(wb: Workbook, m: dict) -> None:
    sw = SheetWriter(wb, "Vurderinger", title_row="VURDERINGER VED GENNEMGANGEN (JURISTENS SVAR ERSTATTER DET "
                                                  "BEREGNEDE)", wrap_cols=(7, 14))
    sw.header(["Kommune", "Sagsnummer", "Nr.", "Punkt", "Beregnet svar", "Vurdering", "Beregnet begrundelse",
               "Vurderet af", "Bemærkning", "Samlet vurdering", "Uden vurderingen", "Kritik",
               "Kritik uden vurderingen", "Betydning for sagen"])
    for o in m["overrides"]:
        sw.add([o.kommune, o.sagsnummer, o.number, o.question, answer_label(o.computed),
                answer_label(o.reviewer_answer), o.computed_reason, o.by, o.remark,
                o.verdict.label, o.verdict_without.label if o.verdict_without else "kan ikke udledes",
                o.criticism.label,
                o.criticism_without.label if o.criticism_without is not None else "kan ikke udledes",
                o.effect])
    sw.finish()


def _examples(wb: Workbook, m: dict) -> None:
    sw = SheetWriter(wb, "Eksempler", title_row="EKSEMPLER: SAGER, DER IKKE ER I OVERENSSTEMMELSE MED REGLERNE",
                     wrap_cols=(4, 5, 6))
    sw.header(["Kommune", "Sagsnummer", "Vurdering", "Sagens forløb", "Fund", "Konklusion"])
    for e in m["examples"]:
        sw.add([e.kommune, e.sagsnummer, e.verdict.answer_4_5_1, e.facts,
                "\n".join(f"{t}: {r}" for t, r in e.findings), e.conclusion])
    sw.finish()


CHAPTER_TABLES = ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "4.1", "4.2", "4.3")


def build_workbook(m: dict) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    # In the order of the report's chapters: Kapitel 1 (overview, the items not fulfilled of figure 1.2,
    # the recommendations), Kapitel 2-4 (their tables, the figures from their text, the examples),
    # Kapitel 5 (table 5.1, the reviewers' answers), Bilag 1 (table 1.1), Bilag 2 (every case's answers).
    _overview(wb, m)
    _items(wb, m)
    _recommendations(wb, m)
    for key in CHAPTER_TABLES:
        _table_sheet(wb, m["tables"][key], m["national_label"])
    _key_figures(wb, m)
    _examples(wb, m)
    _table_sheet(wb, m["tables"]["5.1"], m["national_label"])
    _overrides(wb, m)
    _table_sheet(wb, m["bilag1"], m["national_label"], "Tabel 1.1")
    _cases(wb, m)
    _analysis(wb, m)
    wb.properties.title = clean_text(m["title"])
    wb.properties.creator = "las40a-audit"
    return wb


def write_workbook(m: dict, path: str | Path) -> Path:
    """Write the report's workbook atomically."""
    wb = build_workbook(m)
    target = Path(path)
    with atomic_open(target, "wb") as fh:
        wb.save(fh)
    return target


__all__ = ["build_workbook", "write_workbook", "put", "is_risky", "clean_text", "dato"]
