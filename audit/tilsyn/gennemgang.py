"""``gennemgang.xlsx``: the reviewer's workbook, written beside ``resultater.jsonl`` and read back with
``audit run ... --vurderinger gennemgang.xlsx``.

Writing: one row per case and checklist item, read back from ``resultater.jsonl`` one line at a time
(``audit.results_file.iter_results``) into an openpyxl write-only workbook (rows are streamed to disk,
nothing is held but the current case). One sheet per municipality (continued on "<kommune> (2)" when a
sheet reaches Excel's 1,048,576 rows) and a "Sådan gør du" sheet first. Within a case the failed items
(computed nej / ved ikke) come first and are filled light red. The reviewer columns (Dit svar, Din
virkning, Bemærkning, Initialer) are empty, or hold the reviewer answer the run already applied (so a
workbook written by a reviewed run can be read back into the next one without losing a review).

Reading: every row whose "Dit svar" is filled becomes a reviewer answer (``audit.model.Review``) for the
case (kommune, sagsnummer) and item (Punkt-id) of the row, with the same meaning as a case's own
``vurderinger``. Problems are located ``Issue``s (file, sheet, row, column) with the reader's codes
(``ukendt_kode``, ``kode_fortolket``, ``mangler_felt``, ``ukendt_punkt``; ``formel_uden_vaerdi`` for a formula
whose value was never saved or an Excel error value such as #REF!, which would otherwise read as blank). A case
with a ``fejl`` in the workbook is not audited (as a case with a bad ``vurderinger`` entry is not), so a verdict
is never given without an answer its reviewer wrote. When a case's own ``vurderinger`` and the workbook answer the same
item differently, the workbook wins (it is the later review, named on the command line) with an advarsel.

The review book (``ReviewBook``) is plain data (dicts, tuples, pydantic models) and can be pickled to
worker processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from audit.contract import Answer, CaseResult, Consequence, Source
from audit.issues import Issue
from audit.privacy import mask_cpr, safe_path, safe_text
from audit.results_file import LineProblem, iter_results

GENNEMGANG_FILE = "gennemgang.xlsx"
HELP_SHEET = "Sådan gør du"
# Written by every run up to this many cases; above it only with --gennemgang (see README "Output").
AUTO_LIMIT_CASES = 1_000
EXCEL_MAX_ROWS = 1_048_576

Key = tuple[str, str]

COLUMNS: tuple[tuple[str, float], ...] = (  # (header, width)
    ("Kommune", 18), ("Sagsnummer", 16), ("Sagsbehandler", 16), ("Enhed", 14), ("Målgruppe", 14),
    ("Afgørelsesdato", 13), ("Samlet vurdering", 18), ("Nr.", 7), ("Punkt-id", 20), ("Spørgsmål", 50),
    ("Beregnet svar", 12), ("Beregnet virkning", 12), ("Begrundelse", 70), ("Datoer", 24),
    ("Dit svar", 12), ("Din virkning", 13), ("Bemærkning", 40), ("Initialer", 10),
)
HEADERS = tuple(h for h, _ in COLUMNS)
COL = {h: i for i, h in enumerate(HEADERS)}  # 0-based
REVIEW_HEADERS = ("Dit svar", "Din virkning", "Bemærkning", "Initialer")
ANSWER_LABELS = tuple(a.label for a in Answer)  # Ja, Nej, Ved ikke, Ikke relevant
CONSEQUENCE_LABELS = tuple(c.label for c in Consequence)  # Ændres, Hjemvises, Kritik, Bemærkning
_TARGET_GROUP = {"jobparat": "Jobparat", "aktivitetsparat": "Aktivitetsparat"}

HELP_TEXT = (
    "Sådan gør du",
    "",
    "Arbejdsbogen har én række for hver sag og hvert punkt i tjeklisten, med værktøjets beregnede svar, "
    "begrundelsen og datoerne. Der er et ark for hver kommune.",
    "Punkter, der ikke er opfyldt (beregnet nej eller ved ikke), står først i hver sag og er markeret med rødt.",
    "",
    "1. Læs det beregnede svar og begrundelsen, og sammenhold dem med sagens akter.",
    "2. Er du uenig, eller kræver punktet et skøn, så vælg dit svar i kolonnen 'Dit svar' "
    "(Ja, Nej, Ved ikke eller Ikke relevant).",
    "3. Ved Nej eller Ved ikke kan du vælge virkningen i 'Din virkning' (Ændres, Hjemvises, Kritik, Bemærkning). "
    "Vælger du ingen, beholdes den beregnede virkning, eller punktets alvorligste, hvis det beregnede svar ikke "
    "var nej.",
    "4. Skriv hvorfor i 'Bemærkning' og dine initialer i 'Initialer'. Begge vises i rapporten.",
    "5. Lad 'Dit svar' stå tom, hvor du er enig: rækken ændrer så ikke noget.",
    "6. Gem filen (som .xlsx) og kør gennemgangen igen med dine svar, fx:",
    "   audit run sager.xlsx --vurderinger resultater/gennemgang.xlsx --out resultater-2",
    "7. Se, hvad din gennemgang ændrede: audit compare resultater resultater-2",
    "",
    "Ret ikke i kolonnerne Kommune, Sagsnummer og Punkt-id: de fortæller, hvilken sag og hvilket punkt dit "
    "svar gælder. Du må gerne sortere, filtrere og skjule rækker og kolonner.",
    "Dit svar erstatter det beregnede svar og markeres som 'vurdering' i resultaterne og rapporten; det "
    "beregnede svar vises ved siden af. Har sagen selv en vurdering af samme punkt (i input), gælder dit svar "
    "i arbejdsbogen, og kørslen giver en advarsel.",
)


# --- writing -------------------------------------------------------------------------------------------------

@dataclass
class WorkbookSummary:
    path: Path
    cases: int = 0
    rows: int = 0
    sheets: list[str] = field(default_factory=list)
    skipped_lines: int = 0  # lines of resultater.jsonl that are not results (reported by the reports)


def sheet_title(name: str, taken: Iterable[str]) -> str:
    """An Excel sheet name for ``name``: no []:*?/\\, at most 31 characters, unique (case-insensitive)."""
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in (name or "Ukendt kommune")).strip("' ") or "Ukendt"
    lower = {t.lower() for t in taken}
    base = clean[:31]
    title, n = base, 2
    while title.lower() in lower or title.lower() == HELP_SHEET.lower():
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    return title


def _date(iso: str | None) -> dt.date | str:
    try:
        return dt.date.fromisoformat(iso) if iso else ""
    except ValueError:
        return iso or ""


def _dates_text(dates: list[str]) -> str:
    out = []
    for d in dates:
        v = _date(d)
        out.append(v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else str(v))
    return ", ".join(out)


def case_rows(r: CaseResult) -> list[tuple[list[object], bool]]:
    """The rows of one case (values in ``HEADERS`` order) and whether each is a failed item; failed first."""
    base = [safe_text(r.municipality), safe_text(r.case_number), safe_text(r.caseworker or ""),
            safe_text(r.unit or ""), _TARGET_GROUP.get(r.target_group or "", "Ikke fastlagt"),
            _date(r.decision_date), r.verdict.label]
    rows: list[tuple[list[object], bool]] = []
    for p in r.items:
        reviewed = p.source is Source.REVIEW and p.computed is not None
        answer = p.computed.answer if reviewed else p.answer
        consequence = p.computed.consequence if reviewed else p.consequence
        reason = p.computed.reason if reviewed else p.reason
        review: list[object] = ["", "", "", ""]
        if p.source is Source.REVIEW:
            review = [p.answer.label, p.consequence.label if p.consequence and p.answer.failed else "",
                      mask_cpr((p.review.remark if p.review else None) or ""),
                      mask_cpr((p.review.by if p.review else None) or "")]
        failed = answer.failed
        rows.append(([*base, p.number, p.id, p.question, answer.label, consequence.label if consequence else "",
                      mask_cpr(reason), _dates_text(p.dates), *review], failed))
    # failed items first, each group in checklist order (sorted() is stable)
    return sorted(rows, key=lambda row: not row[1])


class _Sheet:
    """One write-only sheet with its row count, drop-downs, frozen header and filter."""

    def __init__(self, wb, title: str, fills) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        self.ws = wb.create_sheet(title)
        self.title = title
        self.rows = 1
        self._fills = fills
        for i, (_, width) in enumerate(COLUMNS):
            from openpyxl.utils import get_column_letter

            self.ws.column_dimensions[get_column_letter(i + 1)].width = width
        self.ws.freeze_panes = "C2"
        self.answers = DataValidation(type="list", formula1='"' + ",".join(ANSWER_LABELS) + '"', allow_blank=True,
                                      showErrorMessage=True, errorTitle="Dit svar",
                                      error="Vælg Ja, Nej, Ved ikke eller Ikke relevant.")
        self.consequences = DataValidation(type="list", formula1='"' + ",".join(CONSEQUENCE_LABELS) + '"',
                                           allow_blank=True, showErrorMessage=True, errorTitle="Din virkning",
                                           error="Vælg Ændres, Hjemvises, Kritik eller Bemærkning.")
        self.ws.data_validations.append(self.answers)
        self.ws.data_validations.append(self.consequences)
        self.ws.append([self._cell(h, header=True) for h in HEADERS])

    def _cell(self, value: object, *, header: bool = False, failed: bool = False, col: int = 0):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.ws, value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text, never a formula
        if header:
            cell.font, cell.fill = self._fills["header_font"], self._fills["header"]
        elif failed:
            cell.fill = self._fills["failed"]
        if isinstance(value, dt.date):
            cell.number_format = "DD-MM-YYYY"
        return cell

    def append(self, values: list[object], failed: bool) -> None:
        date_col = COL["Afgørelsesdato"]
        if failed:
            self.ws.append([self._cell(v, failed=True) for v in values])
        elif isinstance(values[date_col], dt.date) or any(isinstance(v, str) and v.startswith("=") for v in values):
            self.ws.append([self._cell(v) if (i == date_col or (isinstance(v, str) and v.startswith("=")))
                            else v for i, v in enumerate(values)])
        else:
            self.ws.append(values)
        self.rows += 1

    def close(self) -> None:
        from openpyxl.utils import get_column_letter

        last = max(self.rows, 2)
        a = get_column_letter(COL["Dit svar"] + 1)
        c = get_column_letter(COL["Din virkning"] + 1)
        self.answers.add(f"{a}2:{a}{last}")
        self.consequences.add(f"{c}2:{c}{last}")
        self.ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{self.rows}"


def write_workbook(results: str | Path, target: str | Path, *, max_rows: int = EXCEL_MAX_ROWS) -> WorkbookSummary:
    """Write ``gennemgang.xlsx`` from a run's ``resultater.jsonl`` (streamed), atomically.

    ``max_rows`` is Excel's row limit (a parameter so that the continuation sheets can be tested)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from audit.io_utils import atomic_open

    target = Path(target)
    summary = WorkbookSummary(path=target)
    wb = Workbook(write_only=True)
    fills = {"header": PatternFill("solid", fgColor="DDDDDD"), "header_font": Font(bold=True),
             "failed": PatternFill("solid", fgColor="F8D7DA")}
    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 120
    from openpyxl.cell import WriteOnlyCell

    for i, line in enumerate(HELP_TEXT):
        cell = WriteOnlyCell(help_ws, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 0:
            cell.font = Font(bold=True, size=14)
        help_ws.append([cell])
    sheets: dict[str, _Sheet] = {}  # current sheet per municipality
    taken: list[str] = [HELP_SHEET]
    for _lineno, r in iter_results(results):
        if isinstance(r, LineProblem):
            summary.skipped_lines += 1
            continue
        rows = case_rows(r)
        if not rows:
            continue
        sheet = sheets.get(r.municipality)
        if sheet is None or sheet.rows + len(rows) > max_rows:
            if sheet is not None:
                sheet.close()
            sheet = _Sheet(wb, sheet_title(safe_text(r.municipality), taken), fills)
            taken.append(sheet.title)
            summary.sheets.append(sheet.title)
            sheets[r.municipality] = sheet
        for values, failed in rows:
            sheet.append(values, failed)
        summary.cases += 1
        summary.rows += len(rows)
    for sheet in sheets.values():
        sheet.close()
    if not sheets:  # no case with items: an empty sheet with the headers, so the file still explains itself
        empty = _Sheet(wb, "Gennemgang", fills)
        empty.close()
        summary.sheets.append(empty.title)
    with atomic_open(target, "wb") as fh:
        wb.save(fh)
    return summary


# --- reading -------------------------------------------------------------------------------------------------

@dataclass
class ReviewBook:
    """The reviewer answers of a workbook: ``reviews[(kommune, sagsnummer)][item_id]`` (keys normalised as
    ``audit.tilsyn.sample_draw.normalize_key``), where each came from, the problems found, and the cases that
    must not be audited because a row of theirs has a fejl."""

    file: str
    reviews: dict[Key, dict] = field(default_factory=dict)  # dict[item_id, audit.model.Review]
    origins: dict[Key, dict[str, tuple[str, int]]] = field(default_factory=dict)  # (sheet, row)
    issues: list[Issue] = field(default_factory=list)
    blocked: set[Key] = field(default_factory=set)
    rows: int = 0  # filled rows read

    def __len__(self) -> int:
        return sum(len(v) for v in self.reviews.values())

    def for_case(self, kommune: object, sagsnummer: object) -> dict | None:
        from audit.tilsyn.sample_draw import normalize_key

        return self.reviews.get(normalize_key(kommune, sagsnummer))

    def is_blocked(self, kommune: object, sagsnummer: object) -> bool:
        from audit.tilsyn.sample_draw import normalize_key

        return normalize_key(kommune, sagsnummer) in self.blocked


class ReviewBookError(ValueError):
    """A workbook that cannot be read at all (message in Danish)."""


def _norm_header(value: object) -> str:
    from audit.readers.codes import norm_name

    return norm_name(value) if value is not None else ""


_REQUIRED = ("Kommune", "Sagsnummer", "Punkt-id", "Dit svar")


def read_review_book(path: str | Path) -> ReviewBook:
    """Every filled reviewer row of a ``gennemgang.xlsx``. Raises ``ReviewBookError`` when the file cannot
    be opened or holds no sheet with the columns Kommune, Sagsnummer, Punkt-id and Dit svar."""
    from openpyxl import load_workbook

    from audit.rules.checklist import known_item_ids

    p = Path(path)
    shown = safe_path(p)
    if p.is_dir():
        raise ReviewBookError(f"'{shown}' er en mappe; angiv selve arbejdsbogen, fx {GENNEMGANG_FILE}")
    if not p.is_file():
        raise ReviewBookError(f"vurderingsfilen '{shown}' findes ikke")
    if p.name.startswith("~$"):
        raise ReviewBookError(f"'{shown}' er Excels låsefil for en åben arbejdsbog, ikke selve arbejdsbogen; "
                              f"angiv filen uden '~$' foran navnet (luk den gerne i Excel først)")
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ReviewBookError(f"'{shown}' er ikke en Excel-arbejdsbog (.xlsx); brug gennemgang.xlsx fra audit run")
    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip/XML errors of a damaged file
        raise ReviewBookError(f"'{shown}' kan ikke læses som Excel-arbejdsbog ({type(exc).__name__})") from None
    book = ReviewBook(file=shown)
    # a formula saved without its value (written by a program, never calculated in Excel) reads as empty with
    # data_only: those sheets are read a second time for the formulas, so such a cell is a fejl, not a blank
    formulas = _has_formulas(p)
    raw_wb = load_workbook(p, read_only=True, data_only=False) if formulas else None
    item_ids = set(known_item_ids())
    wanted = {_norm_header(h): h for h in HEADERS}
    data_sheets = 0
    try:
        for ws in wb.worksheets:
            if _norm_header(ws.title) == _norm_header(HELP_SHEET):
                continue
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None) or ()
            cols: dict[str, int] = {}
            for i, h in enumerate(header):
                name = wanted.get(_norm_header(h))
                if name is not None and name not in cols:
                    cols[name] = i
            missing = [h for h in _REQUIRED if h not in cols]
            if missing:
                book.issues.append(Issue(
                    severity="advarsel", code="ukendt_ark", file=shown, sheet=ws.title, row=1,
                    message=(f"arket har ikke kolonnerne {', '.join(repr(m) for m in missing)} og springes over "
                             "(er det et ark fra gennemgang.xlsx?)")))
                continue
            data_sheets += 1
            raw_rows = raw_wb[ws.title].iter_rows(min_row=2, values_only=True) if raw_wb is not None else None
            for rowno, values in enumerate(rows, start=2):
                raw = next(raw_rows, ()) if raw_rows is not None else ()
                _read_row(book, ws.title, rowno, values, cols, item_ids, raw)
    finally:
        wb.close()
        if raw_wb is not None:
            raw_wb.close()
    if not data_sheets:
        raise ReviewBookError(f"'{shown}' har intet ark med kolonnerne {', '.join(_REQUIRED)}; "
                              "er det gennemgang.xlsx fra audit run?")
    return book


def _has_formulas(path: Path) -> bool:
    """Whether a worksheet of the .xlsx holds a formula (an ``<f>`` element), by a plain scan of its XML."""
    import re
    import zipfile

    pattern = re.compile(rb"<(?:\w+:)?f[ >/]")
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with z.open(name) as fh:
                        tail = b""
                        while block := fh.read(1 << 20):
                            if pattern.search(tail + block):
                                return True
                            tail = block[-16:]
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False  # openpyxl has read the file: a part it did not need is no reason to stop here
    return False


# The values Excel shows for a formula that failed (openpyxl gives them as these texts).
EXCEL_ERRORS = frozenset({"#REF!", "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#VALUE!", "#SPILL!", "#CALC!",
                          "#GETTING_DATA"})


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_row(book: ReviewBook, sheet: str, rowno: int, values: tuple, cols: dict[str, int],
              item_ids: set[str], raw: tuple = ()) -> None:
    from audit import model as m
    from audit.readers.codes import match_code, quote_codes
    from audit.tilsyn.sample_draw import normalize_key

    def get(name: str) -> str:
        i = cols.get(name)
        return _cell_text(values[i]) if i is not None and i < len(values) else ""

    # a formula without a saved value, or one that failed (#REF!): what the reviewer meant is not in the cell
    broken: list[tuple[str, str]] = []
    for name in ("Kommune", "Sagsnummer", "Punkt-id", *REVIEW_HEADERS):
        i = cols.get(name)
        if i is None:
            continue
        value = values[i] if i < len(values) else None
        formula = raw[i] if i < len(raw) else None
        if value is None and isinstance(formula, str) and formula.startswith("="):
            broken.append((name, "indeholder en formel uden gemt værdi; åbn og gem arbejdsbogen i Excel, "
                                 "eller skriv værdien i stedet for formlen"))
        elif isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
            broken.append((name, f"indeholder fejlværdien {value.strip().upper()} fra en formel; skriv værdien "
                                 "i stedet for formlen"))
    svar, virkning, remark, by = get("Dit svar"), get("Din virkning"), get("Bemærkning"), get("Initialer")
    if not (svar or virkning or remark or by or broken):
        return
    kommune, sagsnummer, item_id = get("Kommune"), get("Sagsnummer"), get("Punkt-id")
    if any(name in ("Kommune", "Sagsnummer") for name, _ in broken):
        kommune = sagsnummer = ""  # a key that is an error value names no case
    problems: list[Issue] = []

    def issue(severity: str, code: str, column: str, message: str, value: object = None) -> None:
        problems.append(Issue(severity=severity, code=code, file=book.file, sheet=sheet, row=rowno, column=column,
                              field=column, case_number=sagsnummer or None, municipality=kommune or None,
                              message=message, value=None if value is None else safe_text(value)))

    if broken:
        for name, why in broken:
            issue("fejl", "formel_uden_vaerdi", name, f"'{name}' {why}; rækken bruges ikke")
        _add_problems(book, problems, kommune, sagsnummer)
        return

    if not svar:
        if virkning:
            issue("fejl", "mangler_felt", "Dit svar",
                  "'Din virkning' er udfyldt, men 'Dit svar' er tom; vælg et svar (Ja, Nej, Ved ikke eller Ikke "
                  "relevant), eller slet virkningen")
        else:
            issue("advarsel", "mangler_felt", "Dit svar",
                  "'Bemærkning' eller 'Initialer' er udfyldt, men 'Dit svar' er tom; rækken ændrer ikke noget")
        _add_problems(book, problems, kommune, sagsnummer)
        return
    book.rows += 1
    answer = _code(issue, "Dit svar", svar, m.ANSWERS, match_code, quote_codes)
    consequence = _code(issue, "Din virkning", virkning, m.CONSEQUENCES, match_code, quote_codes) if virkning else None
    if answer is not None and consequence is not None and not Answer(answer).failed:
        issue("advarsel", "virkning_ignoreres", "Din virkning",
              f"'Din virkning' bruges kun ved Nej eller Ved ikke; ved {Answer(answer).label} ignoreres den", virkning)
        consequence = None
    if not kommune or not sagsnummer:
        issue("fejl", "mangler_felt", "Kommune" if not kommune else "Sagsnummer",
              "rækken har et svar, men ingen kommune eller sagsnummer; skriv dem som i input")
    if not item_id:
        issue("fejl", "mangler_felt", "Punkt-id", "rækken har et svar, men intet punkt-id; se audit checklist")
    elif item_id not in item_ids:
        issue("advarsel", "ukendt_punkt", "Punkt-id",
              f"'{item_id}' er ikke (længere) et punkt i tjeklisten; rækken bruges ikke", item_id)
        item_id = ""
    if any(i.severity == "fejl" for i in problems) or answer is None or not item_id:
        _add_problems(book, problems, kommune, sagsnummer)
        return
    key = normalize_key(kommune, sagsnummer)
    seen = book.origins.setdefault(key, {})
    if item_id in seen:
        first_sheet, first_row = seen[item_id]
        where = f"række {first_row}" if first_sheet == sheet else f"ark '{first_sheet}', række {first_row}"
        issue("advarsel", "dobbelt_vurdering", "Punkt-id",
              f"punktet er også vurderet i {where}; denne række ({rowno}) gælder", item_id)
    data: dict[str, object] = {"svar": answer}
    if consequence:
        data["virkning"] = consequence
    if remark:
        data["bemærkning"] = remark
    if by:
        data["af"] = by
    book.reviews.setdefault(key, {})[item_id] = m.Review.model_validate(data)
    seen[item_id] = (sheet, rowno)
    _add_problems(book, problems, kommune, sagsnummer)


def _code(issue, column: str, text: str, allowed: tuple[str, ...], match_code, quote_codes) -> str | None:
    from audit.readers.codes import display_word

    found = match_code(text, allowed)
    words = [display_word(c, allowed) for c in allowed]
    if found.code is None:
        hint = f" Mente du {quote_codes([display_word(s, allowed) for s in found.suggestions])}?" \
            if found.suggestions else ""
        issue("fejl", "ukendt_kode", column, f"'{column}': værdien kendes ikke.{hint} Tilladt er: {', '.join(words)}",
              text)
        return None
    if found.how != "præcis":
        issue("advarsel", "kode_fortolket", column,
              f"'{column}': '{text}' er læst som '{display_word(found.code, allowed)}'. Vælg værdien i rullelisten "
              "for at undgå denne advarsel", text)
    return found.code


def _add_problems(book: ReviewBook, problems: list[Issue], kommune: str, sagsnummer: str) -> None:
    from audit.tilsyn.sample_draw import normalize_key

    book.issues.extend(problems)
    if kommune and sagsnummer and any(i.severity == "fejl" for i in problems):
        book.blocked.add(normalize_key(kommune, sagsnummer))


# --- applying ------------------------------------------------------------------------------------------------

def merge_case_reviews(case, book: ReviewBook):
    """The case with the workbook's answers merged into its own ``vurderinger`` (the workbook wins), and an
    advarsel for each item the two answer differently. The case is returned unchanged when the workbook
    has no row for it."""
    ours = book.for_case(case.municipality, case.case_number)
    if not ours:
        return case, []
    from audit.tilsyn.sample_draw import normalize_key

    key = normalize_key(case.municipality, case.case_number)
    warnings: list[Issue] = []
    for item_id, review in ours.items():
        own = case.reviews.get(item_id)
        differ = own is not None and (own.answer != review.answer or (
            own.consequence and review.consequence and own.consequence != review.consequence))
        if differ:  # (a virkning given on one side only is no disagreement: the run's own choice was written)
            sheet, row = book.origins[key][item_id]
            warnings.append(Issue(
                severity="advarsel", code="vurdering_erstattet", file=book.file, sheet=sheet, row=row,
                column="Dit svar", field="Dit svar", case_number=case.case_number, municipality=case.municipality,
                message=(f"punktet '{item_id}' er også vurderet i sagens egne vurderinger "
                         f"({Answer(own.answer).label}"
                         + (f", {Consequence(own.consequence).label}" if own.consequence else "")
                         + f"); svaret i arbejdsbogen ({Answer(review.answer).label}"
                         + (f", {Consequence(review.consequence).label}" if review.consequence else "")
                         + ") gælder")))
    merged = dict(case.reviews)
    for item_id, review in ours.items():
        own = case.reviews.get(item_id)
        if own is not None and own.answer == review.answer and review.consequence is None and own.consequence:
            review = review.model_copy(update={"consequence": own.consequence})  # the same answer, its virkning kept
        merged[item_id] = review
    return case.model_copy(update={"reviews": merged}), warnings


def unused_rows(book: ReviewBook, audited: set[Key]) -> list[Issue]:
    """An advarsel for each workbook row whose case was not among the cases audited in this run (it no longer
    exists in the input, could not be read, or lies outside the sample)."""
    out = []
    for key, items in book.origins.items():
        if key in audited:
            continue
        for _item_id, (sheet, row) in sorted(items.items(), key=lambda kv: (kv[1][0], kv[1][1])):
            out.append(Issue(
                severity="advarsel", code="ukendt_sag", file=book.file, sheet=sheet, row=row, column="Sagsnummer",
                field="Sagsnummer", case_number=key[1], municipality=key[0],
                message=(f"sag {key[1]} ({key[0]}) er ikke blandt de sager, der er gennemgået i denne kørsel "
                         "(findes ikke i input, kunne ikke læses eller er uden for stikprøven); rækken bruges ikke")))
    return out


def blocked_issue(case, book: ReviewBook) -> Issue:
    """The fejl that says a case is not audited because of a bad row of the workbook."""
    return Issue(severity="fejl", code="ugyldig_vurdering", file=book.file, case_number=case.case_number,
                 municipality=case.municipality,
                 message=("sagen gennemgås ikke, fordi en række for den i arbejdsbogen har en fejl (se fejlen med "
                          "ark og række); ret rækken og kør igen"))


# --- the policy of audit run ---------------------------------------------------------------------------------

def _tal(n: int) -> str:
    """A whole number as Danes write it: 12.345."""
    return f"{n:,}".replace(",", ".")


def write_for_run(out_dir: str | Path, cases: int, *, always: bool = False, never: bool = False,
                  limit: int = AUTO_LIMIT_CASES) -> tuple[WorkbookSummary | None, str | None]:
    """Write ``gennemgang.xlsx`` in a run's folder unless ``never`` (``--ingen-gennemgang``) or the run has more
    than ``limit`` cases and not ``always`` (``--gennemgang``). Returns the summary (None when not written)
    and a Danish notice when it was left out because of the size.

    The limit: writing costs about 3 ms a case (19 rows; openpyxl write-only, measured on 2,074 cases), about
    four times what auditing the case costs (re-measured on 3,000 cases on a quiet machine: 8.5 s for the
    workbook against 2.0 s for the whole run without it). At 1,000 cases it adds some 3 s and a workbook of
    19,000 rows, already more than anyone reviews row by row; a larger run is a bulk run, and its reviewer
    workbook is asked for (--gennemgang), or a sample is drawn (audit sample)."""
    from audit.results_file import RESULTS_FILE

    out = Path(out_dir)
    if never:
        return None, None
    if cases > limit and not always:
        return None, (f"{GENNEMGANG_FILE} er ikke skrevet: kørslen har {_tal(cases)} sager (over {_tal(limit)}), "
                      f"og arbejdsbogen ville tage omkring {max(1, round(cases * 0.003))} sekunder mere. "
                      "Skriv den med --gennemgang, eller træk en stikprøve med audit sample.")
    return write_workbook(out / RESULTS_FILE, out / GENNEMGANG_FILE), None
