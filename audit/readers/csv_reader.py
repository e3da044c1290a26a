"""CSV input (``.csv``): the Excel layout as CSV files, read with the standard library's ``csv`` module.

Two layouts, both as case systems and BI tools export them:

- **a pair of files in one folder**: ``sager.csv`` (one row per case, the columns of the sheet ``Sager``)
  and ``haendelser.csv`` or ``hændelser.csv`` (one row per event), optionally ``vurderinger.csv``. File
  names are matched like sheet names (``mapping.norm_sheet``; a mapping file's ``[ark]`` table applies).
  The pair is read once, from ``sager.csv``, whichever of the files the user named.
- **one file in long format** (any other name): one row per event, the case's columns repeated on each
  of its rows. The case columns of a case's first row are used; a later row of the same case that says
  something else in a case column gets an ``advarsel``.

Encoding: a UTF-8 byte order mark means UTF-8 (what Danish Excel writes as "CSV UTF-8"), a UTF-16 mark
UTF-16 (Excel's "Unicode-tekst"); otherwise text that is valid UTF-8 is UTF-8 and anything else is
Windows-1252 (what Danish Excel writes as plain "CSV"). The delimiter (``;``, ``,`` or tab) is found by
``csv.Sniffer``; an Excel ``sep=;`` first line is obeyed and, as in Excel, not counted as a row. Rows are
the file's records counted from 1, which is the row number Excel shows when it opens the file; columns are
named by letter and header as the file spells it (``F (afgørelse_dato)``). Values are text, so dates are
read by the parser's Danish date forms (``15-03-2024``, ``15.03.2024``, ``2024-03-15``).

The rows become the same sheets as a workbook's and are joined and parsed by ``excel_reader.read_book``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Generator, Iterator
from pathlib import Path

from audit.issues import Issue
from audit.model import SourceRef

from .common import ReadResult, RunState, clean_issue, display_path, file_issue, file_result, os_error_text, text_key
from .excel_reader import read_book
from .excel_sheets import column_letter
from .mapping import SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS, ColumnMapping, norm_header, norm_sheet

__all__ = ["companion", "decide_encoding", "read_csv", "read_text"]

_SAMPLE_CHARS = 64 * 1024
_DELIMITERS = ";,\t"
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)


class CsvError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def decide_encoding(data: bytes) -> str:
    """The encoding of a CSV file's bytes: BOM -> utf-8-sig/utf-16; valid UTF-8 -> utf-8; else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _delimiter(text: str) -> str:
    """The delimiter. The header row decides when one delimiter splits it into more columns than the others
    (quoted headers such as ``"Vurdering § 13, stk. 8"`` count as one column): a data row with a stray extra
    field must not make the whole file unreadable, which ``csv.Sniffer``'s row-consistency test did. Otherwise
    ``csv.Sniffer`` on a sample; only the delimiter is taken from it: its guesses about quoting are unreliable
    on a small sample (a field with ``"a",`` made it turn off doubled quotes), and every spreadsheet writes
    Excel's quoting, which ``csv.excel`` reads."""
    header = text.split("\n", 1)[0].rstrip("\r")
    widths = {}
    for d in _DELIMITERS:
        try:
            widths[d] = len(next(csv.reader([header], csv.excel, delimiter=d), []))
        except csv.Error:
            widths[d] = 0
    widest = max(widths.values())
    if widest > 1 and sum(w == widest for w in widths.values()) == 1:
        return max(widths, key=widths.__getitem__)
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        # one column, or too few rows to compare: the delimiter the header row uses most, else ';'
        first = sample.split("\n", 1)[0]
        best = max(_DELIMITERS, key=first.count)
        return best if first.count(best) else ";"


def read_text(path: Path) -> tuple[list[list[str]], str, str]:
    """The file's rows (row 1 first), the encoding and the delimiter used. Raises CsvError or OSError."""
    data = path.read_bytes()
    encoding = decide_encoding(data)
    if encoding != "utf-16" and b"\x00" in data[:4096]:
        raise CsvError("ikke_csv", "filen er ikke en CSV-tekstfil (den indeholder binære data, fx en Excel-fil med "
                                   "endelsen .csv); gem den som 'CSV (semikolonsepareret)' eller læs den som .xlsx")
    text = data.decode(encoding, errors="replace")
    sep = None
    first, _, rest = text.partition("\n")
    if m := _SEP_LINE.match(first):
        sep, text = m.group(1), rest
    delimiter = sep or _delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter))
    except csv.Error as exc:
        raise CsvError("ugyldig_csv", f"filen kan ikke læses som CSV: {_csv_error_text(exc)}") from None
    return rows, encoding, delimiter


def _csv_error_text(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "et felt er længere end 131.072 tegn (ofte et anførselstegn, der ikke er lukket)"
    return f"filen er ikke gyldig CSV (teknisk årsag: {text[:120]})"


def _role(path: Path, mapping: ColumnMapping) -> str | None:
    """Which sheet a CSV file is by its name (``sager.csv`` -> Sager), or None (a one-file long format)."""
    stem = norm_sheet(path.stem)
    for canon in (SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS):
        if stem in mapping.sheet_matches(canon):
            return canon
    return None


def _sibling(path: Path, canon: str, mapping: ColumnMapping) -> Path | None:
    try:
        entries = sorted(path.parent.iterdir())
    except OSError:
        return None
    for p in entries:
        if p.suffix.lower() == ".csv" and p.is_file() and not p.name.startswith((".", "~$")) \
                and _role(p, mapping) == canon:
            return p
    return None


def companion(path: Path, mapping: ColumnMapping) -> Path | None:
    """For ``haendelser.csv``/``vurderinger.csv``: the ``sager.csv`` in the same folder that reads it, if any."""
    if path.suffix.lower() != ".csv" or _role(path, mapping) not in (SHEET_EVENTS, SHEET_REVIEWS):
        return None
    return _sibling(path, SHEET_CASES, mapping)


def read_csv(path: Path, display: str, mapping: ColumnMapping, state: RunState) -> Iterator[ReadResult]:
    role = _role(path, mapping)
    if role in (SHEET_EVENTS, SHEET_REVIEWS):
        yield file_result(display, "mangler_sagsfil", (
            f"filen hører til et par af CSV-filer, men mappen har ingen 'sager.csv' med sagerne; læg sagerne i "
            f"'sager.csv' i samme mappe som '{path.name}', eller saml alt i én fil med én række pr. hændelse"))
        return
    rows = yield from _rows_or_problem(path, display)
    if rows is None:
        return
    if role == SHEET_CASES:
        yield from _read_pair(path, display, rows, mapping, state)
    else:
        yield from _read_long(display, path.name, rows, mapping, state)


def _rows_or_problem(path: Path, display: str) -> Generator[ReadResult, None, list[list[str]] | None]:
    """The file's rows; or, when it cannot be read, its located problem (yielded) and None."""
    try:
        rows, _, _ = read_text(path)
    except OSError as exc:
        yield file_result(display, "laesefejl", os_error_text(exc))
        return None
    except CsvError as exc:
        yield file_result(display, exc.code, exc.message)
        return None
    return rows


def _read_pair(path: Path, display: str, rows: list[list[str]], mapping: ColumnMapping,
               state: RunState) -> Iterator[ReadResult]:
    book = {SHEET_CASES: (path.name, rows)}
    files = {path.name: display}
    for canon in (SHEET_EVENTS, SHEET_REVIEWS):
        other = _sibling(path, canon, mapping)
        if other is None:
            if canon == SHEET_EVENTS:
                yield file_result(display, "mangler_haendelsesfil", (
                    f"'{path.name}' har sagerne, men mappen har ingen 'haendelser.csv' med sagernes hændelser; "
                    "læg hændelserne (én række pr. hændelse) i 'haendelser.csv' i samme mappe"))
                return
            continue
        other_display = display_path(other)
        other_rows = yield from _rows_or_problem(other, other_display)
        if other_rows is None:
            return
        book[canon] = (other.name, other_rows)
        files[other.name] = other_display
    yield from read_book(book, display, mapping, state, files)


def _read_long(display: str, name: str, rows: list[list[str]], mapping: ColumnMapping,
               state: RunState) -> Iterator[ReadResult]:
    cases, events, issues = split_long(rows, mapping, display)
    if issues:
        yield ReadResult(None, [clean_issue(i) for i in issues], SourceRef(file=display), file_level=True)
    yield from read_book({SHEET_CASES: (name, cases), SHEET_EVENTS: (name, events)}, display, mapping, state,
                         {name: display})


def split_long(rows: list[list[str]], mapping: ColumnMapping, display: str
               ) -> tuple[list[list], list[list], list[Issue]]:
    """One row per event with the case columns repeated -> the cells of a ``Sager`` and a ``Hændelser`` sheet.

    Both keep the file's row numbers and column positions (so messages point into the file): the case
    sheet has the case columns of each case's first row, the event sheet the event columns of every row
    that has an event. Columns known in neither sheet go to the case sheet, which warns about them."""
    header_at = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if header_at is None:
        return rows, [], []
    header = rows[header_at]
    case_cols, event_cols = mapping.columns_for(SHEET_CASES), mapping.columns_for(SHEET_EVENTS)
    as_case = [case_cols.get(norm_header(h)) for h in header]
    as_event = [event_cols.get(norm_header(h)) for h in header]
    in_case = [c is not None or e is None for c, e in zip(as_case, as_event, strict=True)]
    in_event = [e is not None for e in as_event]
    event_only = [j for j, e in enumerate(as_event) if e is not None and as_case[j] is None]
    key_cols = [as_case.index(k) for k in ("sagsnummer", "kommune") if k in as_case]

    def keep(row: list[str], mask: list[bool]) -> list:
        return [v if j < len(mask) and mask[j] else None for j, v in enumerate(row)]

    cases: list[list] = [[] for _ in rows]
    events: list[list] = [[] for _ in rows]
    cases[header_at] = keep(header, in_case)
    events[header_at] = keep(header, in_event)
    first_row: dict[tuple, int] = {}
    issues: list[Issue] = []
    for i in range(header_at + 1, len(rows)):
        row = rows[i]
        if not any(c.strip() for c in row):
            continue
        if any(j < len(row) and row[j].strip() for j in event_only):
            events[i] = keep(row, in_event)
        key = tuple((text_key(row[j] if j < len(row) else None) or "").casefold() for j in key_cols)
        if not key or not key[0]:
            cases[i] = keep(row, in_case)  # no case number: the case sheet reports it
            continue
        first = first_row.setdefault(key, i)
        if first == i:
            cases[i] = keep(row, in_case)
            continue
        for j, canon in enumerate(as_case):
            if canon is None or j in key_cols:
                continue
            mine = row[j].strip() if j < len(row) else ""
            theirs = rows[first][j].strip() if j < len(rows[first]) else ""
            if mine and mine != theirs:
                issues.append(file_issue(
                    display, "forskellig_sagsoplysning",
                    f"sagens kolonne '{header[j]}' har her en anden værdi end i sagens første række (række "
                    f"{first + 1}); filen har én række pr. hændelse, og sagens oplysninger læses fra den første "
                    "række. Ret værdien, så den er ens i alle sagens rækker",
                    severity="advarsel", row=i + 1, column=f"{column_letter(j)} ({header[j]})", field=canon))
    return cases, events, issues
