"""Spreadsheet input (``.xlsx``, ``.xls``, ``.xlsb``, ``.ods``), first half: from a workbook to its sheets, read
with python-calamine.

Opens the workbook, finds the sheets ``Sager``, ``Hændelser`` and optionally ``Vurderinger`` (names
matched as in ``mapping.norm_sheet`` or through a mapping file), and in each sheet the header row (the
first non-empty row) and the columns (headers matched as in ``mapping.norm_header``). A damaged or
foreign file becomes a ``BookError``; a missing, unknown, doubled or headerless column a located
``Issue``. Joining the rows into records is ``audit.readers.excel_reader``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from audit.issues import Issue
from audit.privacy import mask_cpr

from .common import file_issue, os_error_text
from .excel_scan import MAX_CELLS, SheetScan, scan_book, sheet_parts, without_error_cells
from .mapping import (
    COLUMNS,
    REQUIRED_COLUMNS,
    SHEET_CASES,
    SHEET_EVENTS,
    SHEET_REVIEWS,
    ColumnMapping,
    norm_header,
    norm_sheet,
)

XML_SUFFIXES = (".xlsx", ".xlsm")  # Office Open XML workbooks: the ones ``excel_scan`` can look into
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".xlsb", ".ods")  # what python-calamine reads

_KNOWN_ELSEWHERE = {norm_header(c): s for s in (SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS) for c in COLUMNS[s]}


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


@dataclass(frozen=True)
class CellProblem:
    """A cell whose value cannot be used: an Excel error (``#REF!``), a formula without a saved result, or
    a date that cannot be. The reader names the cell once and treats it as empty (no second message)."""

    code: str
    message: str
    shown: str | None = None

    def __str__(self) -> str:
        return self.shown or ""


def excel_error(text: str) -> CellProblem:
    return CellProblem("excel_fejl", f"cellen indeholder Excel-fejlen {text}; ret formlen eller værdien i Excel",
                       text)


UNCALCULATED = CellProblem("formel_uden_vaerdi", "formlen er ikke beregnet (filen er gemt uden formlens resultat); "
                                                 "åbn og gem filen i Excel")


_DATE_COLUMNS = {"dato", "vedrører", "svar_dato", "afgørelse_dato", "afgørelse_vedrører", "afgørelse_virkning_fra",
                 "afgørelse_tilbud_startdato"}
_FIRST_SERIAL, _LAST_SERIAL = 1, 73415  # 1 January 1900 .. 31 December 2100


def impossible_date(col: str, value: object) -> CellProblem | None:
    """A date column's cell that no real decision can hold: Excel's day 0 (30 December 1899), a serial number
    far outside 1900-2100, or a number that is not one (NaN, infinity)."""
    if col not in _DATE_COLUMNS or value is None or isinstance(value, (bool, str)):
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        if 1900 <= value.year <= 2100:
            return None
        shown = value.strftime("%d-%m-%Y") if value.year >= 1 else str(value)
    elif isinstance(value, (int, float)):
        if value == value and _FIRST_SERIAL <= value <= _LAST_SERIAL:
            return None
        shown = ("ikke et tal (NaN)" if value != value else "uendelig" if value in (float("inf"), float("-inf"))
                 else (str(int(value)) if float(value).is_integer() else str(value)))
    else:
        return None
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return CellProblem("umulig_dato", f"cellen indeholder ikke en dato, men en særlig talværdi ({shown}), som "
                                          "andre programmer end Excel kan skrive; ret datoen", shown)
    return CellProblem("umulig_dato", "cellen indeholder ikke en mulig dato (Excel-datoer skal ligge mellem 1900 og "
                                      "2100; tallet 0 er Excels 30. december 1899); ret datoen", shown)


def _cell(value: object) -> object:
    """A calamine cell as the parser wants it: empty -> None, text trimmed."""
    if value is None:
        return None
    if isinstance(value, str):
        v = value.strip()
        return v or None
    return value


class BookError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class SheetRows:
    """A calamine sheet's rows from A1 (as ``to_python(skip_empty_area=False)`` gives them), one list at a time
    and as often as asked: calamine keeps the sheet's cells (its own compact copy, the workbook's cost), and
    each pass makes Python values for one row at a time, so the reader never holds a second copy of the
    sheet. The cells the pre-scan found (error cells, formulas without a value, NaN) are put in as each row
    passes."""

    def __init__(self, sheet: object, scan: SheetScan | None):
        self._sheet = sheet
        self._marks: dict[int, list[tuple[int, object]]] = {}  # row index (0-based) -> (column, value)
        if scan is not None:
            for (row, col), text in scan.errors.items():
                self._marks.setdefault(row - 1, []).append((col, excel_error(text)))
            for (row, col), number in scan.not_finite.items():
                self._marks.setdefault(row - 1, []).append((col, number))
            for row, col in scan.uncalculated:
                self._marks.setdefault(row - 1, []).append((col, UNCALCULATED))

    def __iter__(self) -> Iterator[list]:
        sheet = self._sheet
        start, end = sheet.start, sheet.end  # type: ignore[attr-defined]
        if start is None or end is None:
            return
        width = end[1] + 1
        left = [""] * start[1]  # calamine's rows begin at the sheet's first used column
        rows = sheet.iter_rows()  # type: ignore[attr-defined]
        marks = self._marks
        i = -1
        for i, row in enumerate(rows):
            cells = left + row if left else row
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            if marks and i in marks:
                for col, value in marks[i]:
                    if col < len(cells):
                        cells[col] = value
            yield cells


@dataclass
class Sheet:
    canon: str
    name: str
    header_row: int = 0  # as Excel shows it; 0 when the sheet is empty
    col_of: dict[str, int] = field(default_factory=dict)
    headers: dict[int, str] = field(default_factory=dict)
    source: Iterable[list] = ()  # every row of the sheet from row 1, read again by each pass

    def _record_rows(self) -> Iterator[tuple[int, list]]:
        """(row number, cells as read) of the records' rows below the header row: rows with a value (a text
        that is not blank, or any other cell) in a used column; rows with values only in columns that are not
        used (warned about already) are not records. One row at a time."""
        used = sorted(set(self.col_of.values()))
        skip = self.header_row
        for rowno, raw_row in enumerate(self.source, start=1):
            if rowno <= skip:
                continue
            n = len(raw_row)
            for j in used:
                if j < n:
                    v = raw_row[j]
                    if v is not None and (type(v) is not str or v.strip()):
                        yield rowno, raw_row
                        break

    def data_rows(self) -> Iterator[tuple[int, list]]:
        """The records' rows (``_record_rows``): (row number, cells trimmed, empty as None)."""
        for rowno, raw_row in self._record_rows():
            # _cell for each cell, written out: this runs for every cell of every pass
            yield rowno, [(v.strip() or None) if type(v) is str else v for v in raw_row]

    def key_rows(self, canons: tuple[str, ...]) -> Iterator[tuple[int, list]]:
        """The rows of ``data_rows`` with only the cells of the columns ``canons`` read (trimmed as there); the
        other cells are None. For the passes that need a row's keys only: the rest of a row is not made."""
        wanted = [j for j in (self.col_of.get(c) for c in canons) if j is not None]
        for rowno, raw_row in self._record_rows():
            n = len(raw_row)
            row: list = [None] * n
            for j in wanted:
                if j < n:
                    v = raw_row[j]
                    row[j] = (v.strip() or None) if type(v) is str else v
            yield rowno, row

    def get(self, cells: list, canon: str) -> object:
        j = self.col_of.get(canon)
        return cells[j] if j is not None and j < len(cells) else None

    def label(self, canon: str) -> str | None:
        j = self.col_of.get(canon)
        if j is None:
            return None
        return f"{column_letter(j)} ({self.headers[j]})"


def _technical(exc: BaseException) -> str:
    """The reader's own (English) words, short, for support: '(teknisk årsag: XmlError: c)'."""
    text = " ".join(str(exc).split())
    text = text[:120] + ("…" if len(text) > 120 else "")
    return f" (teknisk årsag: {type(exc).__name__}{': ' + mask_cpr(text) if text else ''})"


def load_book(path: Path, mapping: ColumnMapping) -> tuple[dict[str, tuple[str, SheetRows]], list[str]]:
    """Open the workbook and find the three sheets (their rows are read as the reader walks them, see
    ``SheetRows``). Raises BookError."""
    import python_calamine as pc

    try:
        with pc.CalamineWorkbook.from_path(str(path)) as wb:
            names = list(wb.sheet_names)
            found: dict[str, str] = {}
            for canon in (SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS):
                wanted = mapping.sheet_matches(canon)
                for name in names:
                    if norm_sheet(name) in wanted:
                        found[canon] = name
                        break
            missing = [c for c in (SHEET_CASES, SHEET_EVENTS) if c not in found]
            if missing:
                which = " og ".join(f"'{c}'" for c in missing)
                has = ", ".join(f"'{n}'" for n in names) or "ingen"
                raise BookError("mangler_ark", (
                    f"projektmappen mangler {'arket' if len(missing) == 1 else 'arkene'} {which} "
                    f"(den har arkene {has}). Forventet er arkene 'Sager' og 'Hændelser' og evt. 'Vurderinger'; "
                    "'audit template' laver en skabelon, og --mapping kan oversætte andre arknavne"))
            # the XML pre-scan knows the .xlsx format only; .xls, .xlsb and .ods are read by calamine alone.
            # Each sheet is read by calamine (which lets go of the GIL while it reads) in a thread of its own
            # as soon as its scan has passed, so the largest sheet, scanned first, is read while the others
            # are scanned: the rows are the same, the book is read sooner.
            xml = path.suffix.lower() in XML_SUFFIXES
            loads = _SheetLoads(path)
            scans: dict[str, SheetScan] = {}
            too_large: set[str] = set()
            try:
                for canon, name in (_largest_first(path, found) if xml else found.items()):
                    if xml:
                        scans.update(scan_book(path, [name]))
                        scan = scans.get(name)
                        if scan is not None and scan.cells > MAX_CELLS:
                            too_large.add(name)
                    if not too_large:
                        loads.start(canon, name)
                for name in found.values():  # in the sheets' order, as the message has always named them
                    if name in too_large:
                        scan = scans[name]
                        raise BookError("for_stort_ark", (
                            f"arket '{name}' er for stort til at blive læst: det går til celle "
                            f"{column_letter(scan.max_col - 1)}{scan.max_row} ({scan.max_row:,} rækker × "
                            f"{scan.max_col:,} kolonner). Ofte skyldes det en enkelt udfyldt eller formateret celle "
                            "langt fra dataene; slet rækkerne og kolonnerne efter dataene, gem og prøv igen"
                        ).replace(",", "."))
            finally:
                loads.wait()
            try:
                sheets = loads.result(list(found))
                data = {canon: (name, SheetRows(sheets[canon], scans.get(name))) for canon, name in found.items()}
            except Exception as exc:  # noqa: BLE001
                if "error value" not in str(exc) or not any(s.errors for s in scans.values()):
                    raise
                # an error value calamine does not know (#SPILL!, #CALC!): read a copy without the error
                # cells; the scan knows where they were
                import io

                parts = sheet_parts_of(path, list(found.values()))
                with pc.CalamineWorkbook.from_filelike(io.BytesIO(without_error_cells(path, parts))) as wb2:
                    data = {canon: (name, SheetRows(wb2.get_sheet_by_name(name), scans.get(name)))
                            for canon, name in found.items()}
            return data, names
    except BookError:
        raise
    except OSError as exc:
        raise BookError("laesefejl", os_error_text(exc)) from None
    except Exception as exc:  # noqa: BLE001 - calamine raises its own types; every one becomes a located fejl
        raise BookError(*_classify(exc, path)) from None
    except BaseException as exc:  # a Rust panic surfaces as pyo3's PanicException (a BaseException)
        if type(exc).__name__ != "PanicException":
            raise
        raise BookError(*_classify(exc, path)) from None


class _SheetLoads:
    """Sheets read by calamine in threads (each with its own workbook object: one object cannot be shared
    between threads); ``result`` waits for them and raises what the first sheet in ``order`` met, as reading
    them one after the other would."""

    def __init__(self, path: Path) -> None:
        self._path = str(path)
        self._threads: list = []
        self._sheets: dict[str, object] = {}
        self._errors: dict[str, BaseException] = {}

    def start(self, canon: str, name: str) -> None:
        import threading

        def read() -> None:
            import python_calamine as pc

            try:
                with pc.CalamineWorkbook.from_path(self._path) as wb:
                    self._sheets[canon] = wb.get_sheet_by_name(name)
            except BaseException as exc:  # noqa: BLE001 - raised in the reading thread by result()
                self._errors[canon] = exc

        thread = threading.Thread(target=read, name=f"calamine-{canon}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()

    def result(self, order: list[str]) -> dict[str, object]:
        self.wait()
        for canon in order:
            if canon in self._errors:
                raise self._errors[canon]
        return self._sheets


def _largest_first(path: Path, found: dict[str, str]) -> list[tuple[str, str]]:
    """The sheets, the one with the most XML first (when the sizes cannot be read: as found)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z)
            size = {name: z.getinfo(parts[name]).file_size for name in found.values() if name in parts}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RuntimeError, EOFError):
        return list(found.items())
    return sorted(found.items(), key=lambda item: -size.get(item[1], 0))


def sheet_parts_of(path: Path, names: list[str]) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = sheet_parts(z)
    return [parts[n] for n in names if n in parts]


_RESAVE = "Åbn den i Excel og gem den igen som 'Excel-projektmappe (*.xlsx)'"
_MISSING_PART = re.compile(r"File not found '([^']*)'")


def _what_file(path: Path) -> str | None:
    """What a file that is no workbook is, from its first bytes, in words (None: unknown)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        return None
    start = head.lstrip().lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ("en ældre Excel-fil (.xls) eller en projektmappe beskyttet med adgangskode, gemt med endelsen "
                ".xlsx")
    if head.startswith(b"%PDF"):
        return "en PDF-fil med endelsen .xlsx"
    if start.startswith((b"<html", b"<!doctype html", b"<?xml")):
        return "en HTML- eller XML-fil med endelsen .xlsx (fx en eksport fra et webprogram)"
    if head.startswith(b"PK"):
        return None
    if head and all(32 <= b or b in (9, 10, 13) for b in head[:200]):
        return "en tekstfil (fx CSV) med endelsen .xlsx"
    return None


def _classify(exc: BaseException, path: Path) -> tuple[str, str]:
    """python-calamine's (English) errors as Danish reasons; the original only as a short 'teknisk årsag'."""
    kind = type(exc).__name__
    text = str(exc)
    if kind == "PasswordError":
        return "beskyttet_fil", ("projektmappen er beskyttet med adgangskode; gem en kopi uden adgangskode og "
                                 "læs den i stedet")
    if kind == "ZipError":
        what = _what_file(path)
        reason = (f"den er {what}" if what else
                  "den er beskadiget eller afkortet (fx en afbrudt download eller kopiering)")
        return "ugyldig_excel", (f"filen er ikke en gyldig Excel-projektmappe (.xlsx): {reason}. {_RESAVE}"
                                 f"{_technical(exc)}")
    missing = _MISSING_PART.search(text)
    if missing:
        return "ugyldig_excel", ("filen er en zip-fil, men ikke en Excel-projektmappe (.xlsx): den mangler delen "
                                 f"'{mask_cpr(missing.group(1))}', som enhver projektmappe har. {_RESAVE}"
                                 f"{_technical(exc)}")
    if kind == "XmlError":
        return "ugyldig_excel", ("projektmappen er beskadiget: en af dens indre dele (XML) kan ikke læses. Åbn den i "
                                 "Excel, som ofte kan reparere filen, og gem den igen som 'Excel-projektmappe "
                                 f"(*.xlsx)'{_technical(exc)}")
    if kind == "WorksheetNotFound":
        return "ugyldig_excel", (f"projektmappen er beskadiget: arket '{mask_cpr(text)}' er nævnt i den, men arkets "
                                 f"indhold mangler. {_RESAVE}{_technical(exc)}")
    if kind == "PanicException":
        return "ugyldig_excel", ("filen fik Excel-læseren til at stoppe, så den er beskadiget eller usædvanligt "
                                 f"opbygget. {_RESAVE}{_technical(exc)}")
    return "ugyldig_excel", ("filen kan ikke læses som Excel-projektmappe (.xlsx): indholdet er beskadiget eller "
                             f"af en anden type. {_RESAVE}{_technical(exc)}")


def read_sheet(canon: str, name: str, cells: Iterable[list], display: str, mapping: ColumnMapping,
               out: list[Issue], *, show_all: bool = False) -> Sheet | None:
    """Find the header row and the columns; collect column problems in ``out``. None if unusable.

    More than ``MAX_LISTED`` unknown (or headerless) columns are one warning that names the first of them,
    unless ``show_all`` (``--alle``)."""
    sheet = Sheet(canon=canon, name=name, source=cells)
    rows = iter(enumerate(cells, start=1))
    header: list = []
    for rowno, raw_row in rows:
        row = [_cell(v) for v in raw_row]
        if any(v is not None for v in row):
            sheet.header_row, header = rowno, row
            break
    if not sheet.header_row:
        if canon == SHEET_REVIEWS:  # the optional sheet, left empty: no reviews
            return sheet
        out.append(file_issue(display, "tomt_ark", f"arket '{name}' er tomt; forventet en overskriftsrække med "
                                                   f"fx {', '.join(REQUIRED_COLUMNS[canon])}", sheet=name))
        return None
    known = mapping.columns_for(canon)
    unknown: list[Issue] = []
    for j, h in enumerate(header):
        if h is None:
            continue
        text = h.isoformat() if isinstance(h, (dt.date, dt.datetime)) else str(h)
        if isinstance(h, float) and h.is_integer():
            text = str(int(h))
        sheet.headers[j] = text
        letter = column_letter(j)
        col = known.get(norm_header(text))
        if col is None:
            elsewhere = _KNOWN_ELSEWHERE.get(norm_header(text))
            hint = (f"; kolonnen hører til arket '{elsewhere}'" if elsewhere and elsewhere != canon
                    else "; se arket 'Vejledning' i 'audit template' for kolonnerne, eller brug --mapping")
            unknown.append(file_issue(display, "ukendt_kolonne",
                                  f"kolonnen '{text}' kendes ikke i arket '{name}', og dens værdier bruges ikke{hint}",
                                  severity="advarsel", sheet=name, row=sheet.header_row, column=f"{letter} ({text})"))
            continue
        if col in sheet.col_of:
            first = sheet.col_of[col]
            out.append(file_issue(display, "dobbelt_kolonne",
                                  f"kolonnen '{text}' betyder det samme som kolonne {column_letter(first)} "
                                  f"('{sheet.headers[first]}', {col}); kun den første bruges. "
                                  "Fjern eller omdøb den ene",
                                  sheet=name, row=sheet.header_row, column=f"{letter} ({text})", field=col))
            continue
        sheet.col_of[col] = j
    missing = [c for c in REQUIRED_COLUMNS[canon] if c not in sheet.col_of]
    if missing:
        real = _real_header_row(rows, sheet.header_row, canon, known)
        hint = (f". Overskriftsrækken ser ud til at være række {real}; række {sheet.header_row} ligner en titel. "
                f"Slet {'rækken' if real == sheet.header_row + 1 else 'rækkerne'} over overskrifterne, gem og prøv "
                "igen" if real else "")
        if not real:
            out.extend(_collapsed(unknown, "ukendte kolonner", name, show_all))
        out.append(file_issue(display, "mangler_kolonne",
                              f"arket '{name}' mangler {'kolonnen' if len(missing) == 1 else 'kolonnerne'} "
                              f"{', '.join(repr(c) for c in missing)} i overskriftsrækken (række {sheet.header_row})"
                              f"{hint}", sheet=name, row=sheet.header_row))
        return None
    out.extend(_collapsed(unknown, "ukendte kolonner", name, show_all))
    # the rows themselves are read later (``Sheet.data_rows``); this pass only looks for values in columns
    # without a header
    headerless_issues: list[Issue] = []
    headerless: set[int] = set()
    unheaded: dict[int, list[int]] = {}  # row length -> its columns without a header
    for rowno, raw_row in rows:
        n = len(raw_row)
        cols = unheaded.get(n)
        if cols is None:
            cols = unheaded[n] = [j for j in range(n) if j not in sheet.headers]
        for j in cols:
            if j not in headerless and _cell(raw_row[j]) is not None:
                headerless.add(j)
                headerless_issues.append(file_issue(display, "kolonne_uden_overskrift",
                                      f"kolonne {column_letter(j)} har værdier (første i række {rowno}) men ingen "
                                      f"overskrift i række {sheet.header_row}; værdierne bruges ikke",
                                      severity="advarsel", sheet=name, row=rowno, column=column_letter(j)))
    out.extend(_collapsed(headerless_issues, "kolonner med værdier men uden overskrift", name, show_all))
    return sheet


MAX_LISTED = 10  # more repeated column problems than this become one warning (unless --alle)
_TITLE_LOOKAHEAD = 10  # rows below a title row searched for the real header row


def _real_header_row(rows: Iterator[tuple[int, list]], title_row: int, canon: str,
                     known: dict[str, str]) -> int | None:
    """The row (1-based) below ``title_row`` that holds every required column of the sheet, if one of the next
    few non-empty rows does: then the first non-empty row is a title above the header row. ``rows``: the
    sheet's (row number, cells) from just below the title row."""
    seen = 0
    for rowno, raw_row in rows:
        if rowno > title_row + 1 + 5 * _TITLE_LOOKAHEAD:
            break
        row = [_cell(v) for v in raw_row]
        if not any(v is not None for v in row):
            continue
        found = {known.get(norm_header(str(v))) for v in row if isinstance(v, str)}
        if all(c in found for c in REQUIRED_COLUMNS[canon]):
            return rowno
        seen += 1
        if seen >= _TITLE_LOOKAHEAD:
            break
    return None


def _collapsed(issues: list[Issue], what: str, sheet: str, show_all: bool) -> list[Issue]:
    """Many column problems of one kind in one sheet as one warning naming the first cells
    ("16.000 ukendte kolonner: AA1, AB1, ... (vis alle med --alle)"); all of them with ``show_all``."""
    if show_all or len(issues) <= MAX_LISTED:
        return issues
    first = issues[0]
    cells = ", ".join(f"{(i.column or '').split(' ', 1)[0]}{i.row}" for i in issues[:MAX_LISTED])
    count = f"{len(issues):,}".replace(",", ".")  # Danish thousands separator: 16.000
    if first.code == "ukendt_kolonne":
        message = (f"{count} {what} i arket '{sheet}', og deres værdier bruges ikke: {cells} ... "
                   "(vis alle med --alle)")
    else:
        message = (f"{count} {what} i arket '{sheet}'; værdierne bruges ikke. Første værdi i hver: {cells} ... "
                   "(vis alle med --alle)")
    return [file_issue(first.file, first.code, message, severity=first.severity, sheet=first.sheet, row=first.row,
                       column=first.column)]
