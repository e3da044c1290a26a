"""A streaming look at a workbook's sheet XML before python-calamine reads it.

calamine builds every sheet as one dense rectangle from A1 to the farthest cell, so a single cell at
XFD1048576 asks for 17 billion cells (the process aborts); it reads Excel error cells (``#REF!``, ``#N/A``)
as empty text and refuses the whole workbook on the newer ones (``#SPILL!``, ``#CALC!``); and a formula
saved without its result (written by a program, never opened in Excel) reads as empty. This module walks
the XML of the sheets that will be read, without building them, and returns per sheet the real extent,
the error cells and the formulas without a value, so the reader can refuse an absurd sheet before
calamine allocates and can name each such cell.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

MAX_CELLS = 10_000_000  # the dense rectangle calamine would build; 100.000 sager x 100 kolonner fit
_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
_NOT_FINITE = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class SheetScan:
    max_row: int = 0  # 1-based, as Excel shows it
    max_col: int = 0  # 1-based count of columns
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row 1-based, column 0-based) -> "#REF!"
    uncalculated: set[tuple[int, int]] = field(default_factory=set)
    # number cells holding NaN or infinity (written by other programs); calamine shows them in a date-formatted
    # cell as Excel's day 0 (30 December 1899), so the reader puts the real value back
    not_finite: dict[tuple[int, int], float] = field(default_factory=dict)

    @property
    def cells(self) -> int:
        return self.max_row * self.max_col


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML."""
    rels: dict[str, str] = {}
    with z.open("xl/_rels/workbook.xml.rels") as fh:
        for _, el in iterparse(fh):
            if _local(el.tag) == "Relationship":
                target = el.get("Target", "")
                rels[el.get("Id", "")] = (target.lstrip("/") if target.startswith("/")
                                          else posixpath.normpath(posixpath.join("xl", target)))
    out: dict[str, str] = {}
    with z.open("xl/workbook.xml") as fh:
        for _, el in iterparse(fh):
            if _local(el.tag) == "sheet":
                rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
                if rid in rels:
                    out[el.get("name", "")] = rels[rid]
    return out


def scan_sheet(z: zipfile.ZipFile, member: str) -> SheetScan:
    scan = SheetScan()
    row = 0
    col = -1
    ref: tuple[int, int] | None = None
    kind = None
    has_formula = False
    value: str | None = None
    with z.open(member) as fh:
        for event, el in iterparse(fh, events=("start", "end")):
            name = _local(el.tag)
            if event == "start":
                if name == "row":
                    r = el.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                    col = -1
                elif name == "c":
                    m = _REF.match(el.get("r") or "")
                    if m:
                        col = _col_index(m.group(1))
                        row = int(m.group(2))
                    else:
                        col += 1
                    ref = (row, col)
                    kind = el.get("t")
                    has_formula, value = False, None
                    scan.max_row = max(scan.max_row, row)
                    scan.max_col = max(scan.max_col, col + 1)
                continue
            if name == "f":
                has_formula = True
            elif name == "v":
                value = el.text
            elif name == "c" and ref is not None:
                if kind == "e":
                    scan.errors[ref] = (value or "#FEJL").strip()
                elif has_formula and not value and kind not in ("str", "inlineStr"):
                    scan.uncalculated.add(ref)
                elif kind in (None, "n") and value and value.strip().lower() in _NOT_FINITE:
                    scan.not_finite[ref] = float(value.strip())
                el.clear()
            elif name == "row":
                el.clear()
    return scan


# The quick scan (``quick_scan``): the sheet XML's bytes searched with a few regular expressions instead of
# parsed element by element. It answers only for the ordinary sheet: every cell written ``<c r="B7" ...>``
# (no namespace prefix, the reference first, as Excel, LibreOffice and openpyxl write it), no formula, no error
# cell and no NaN/infinity value; anything else (or anything it is unsure of) is left to ``scan_sheet``, so the
# result is always the one ``scan_sheet`` gives.
_CHUNK = 1 << 22  # 4 MB of XML at a time: memory stays flat however large the sheet is
_ANY_TAG_C = b"<c"
_NOT_A_CELL = re.compile(rb"<c[^\s>/]")  # <col, <cols, <cfRule ...: tags that begin like a cell but are not one
_CELL_REF_STARTS = (b'<c r="', b"<c r='")
# a cell whose reference is not plain letters and a row number of at most 7 digits (Excel's last row is 1048576)
# without leading zero, in matching quotes
_ODD_REF = re.compile(rb"""<c r=(?!"[A-Z]{1,3}[1-9][0-9]{0,6}"|'[A-Z]{1,3}[1-9][0-9]{0,6}')""")
_LAST_REF = re.compile(rb"""<c r=["']([A-Z]{1,3})([1-9][0-9]*)["']""")
_LETTERS = re.compile(rb"""<c r=["']([A-Z]{1,3})[0-9]""")
_FEW_COLUMNS = 64  # up to this many distinct columns they are searched for; beyond, listed
_ROW = re.compile(rb"""<c r=["'][A-Z]{1,3}([1-9][0-9]*)["']""")
# each searched alone (one alternation of them all is several times slower); any hit: the careful scan
_UNUSUAL = tuple(re.compile(p) for p in (
    rb"""<f[\s>/]""",  # a formula
    rb"""<v[^>]*>\s*[+-]?[nNiI]""",  # a number that may be NaN or infinity
    rb""":(?:c|row|f|v|is|t|sheetData)[\s>/]""",  # a prefixed cell, row or value element
    rb"""<!--|<!\[CDATA\[""",  # markup the careful scan's parser reads differently
))
_ERROR_VALUE = (b'"e"', b"'e'")  # t="e": an error cell (any attribute with the value e sends it to the careful scan)


def quick_scan(z: zipfile.ZipFile, member: str) -> SheetScan | None:
    """The extent of an ordinary sheet from its bytes (see above), or None: use ``scan_sheet``."""
    scan = SheetScan()
    letters: set[bytes] = set()
    max_row = 0
    rest = b""
    with z.open(member) as fh:
        while True:
            block = fh.read(_CHUNK)
            data = rest + block
            if block:
                cut = data.rfind(b"<")  # every tag before the last '<' is whole; the rest waits for the next block
                if cut <= 0:
                    rest = data
                    continue
                data, rest = data[:cut], data[cut:]
            if any(p.search(data) for p in _UNUSUAL) or any(e in data for e in _ERROR_VALUE):
                return None
            cells = data.count(_ANY_TAG_C) - len(_NOT_A_CELL.findall(data))
            if cells != sum(data.count(t) for t in _CELL_REF_STARTS) or _ODD_REF.search(data):
                return None  # a cell written otherwise (no reference, or not first): the careful scan decides
            if cells:
                _column_letters(data, letters)
                max_row = max(max_row, _max_row(data))
            if not block:
                break
    scan.max_row = max_row
    scan.max_col = max((_col_index(c.decode()) + 1 for c in letters), default=0)
    return scan


def _column_letters(data: bytes, found: set[bytes]) -> None:
    """Add the column letters of every cell in ``data`` to ``found`` (every reference is ordinary: see
    ``_ODD_REF``). Not cell by cell: each search skips the letters already known, so the sheet's few columns
    cost a few searches, the last of which finds nothing; a column first met at position p can only be met
    by the search that starts before p, so each search starts where the one before stopped. A sheet of more
    than ``_FEW_COLUMNS`` columns is listed cell by cell (the searches would grow with the columns)."""
    at = 0
    while True:
        if len(found) > _FEW_COLUMNS:  # a sheet of many columns: one list of every cell's letters is cheaper
            found.update(_LETTERS.findall(data))
            return
        known = b"|".join(sorted(found, key=len, reverse=True))
        skip = rb"(?!(?:" + known + rb")[0-9])" if known else b""
        m = re.compile(rb"""<c r=["']""" + skip + rb"""([A-Z]{1,3})[0-9]""").search(data, at)
        if m is None:
            return
        found.add(m.group(1))
        at = m.start()


def _max_row(data: bytes) -> int:
    """The highest row number of the cells in ``data`` (every reference is ordinary, without leading zeros).
    Sheets are written row by row, so it is usually the last cell's: that is checked with one search for a
    larger number (more digits, or as many and larger); only if one is found are all rows compared."""
    last = _LAST_REF.match(data, data.rfind(b"<c r="))
    if last is None:  # pragma: no cover - _ODD_REF has ruled this out
        return max(map(int, _ROW.findall(data)), default=0)
    n = last.group(2)
    if re.compile(rb"""<c r=["'][A-Z]{1,3}(?:""" + _greater_than(n) + rb""")["']""").search(data) is None:
        return int(n)
    return max(map(int, _ROW.findall(data)))


def _greater_than(n: bytes) -> bytes:
    """A regular expression for the row numbers (no leading zero) larger than ``n``."""
    alts = [rb"[1-9][0-9]{%d,}" % len(n)]  # more digits
    for i in range(len(n)):
        d = n[i] - 48
        if d < 9:
            tail = len(n) - i - 1
            alts.append(n[:i] + b"[%d-9]" % (d + 1) + (b"[0-9]{%d}" % tail if tail else b""))
    return b"|".join(alts)


def scan_book(path: Path, names: list[str], *, quick: bool = True) -> dict[str, SheetScan]:
    """The scans of the named sheets; sheets that cannot be found are left out (calamine reports them).
    ``quick``: try ``quick_scan`` first (``False`` is the careful scan only; the tests compare the two)."""
    out: dict[str, SheetScan] = {}
    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z)
            for name in names:
                member = parts.get(name)
                if member is not None and member in z.namelist():
                    found = quick_scan(z, member) if quick else None
                    out[name] = found if found is not None else scan_sheet(z, member)
    except (OSError, KeyError, ValueError, ParseError, zipfile.BadZipFile, RuntimeError, EOFError):
        pass  # a damaged file: calamine's own error says so
    return out


_ERROR_CELL = re.compile(rb'<c\b[^>]*\bt="e"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)


def without_error_cells(path: Path, members: list[str]) -> bytes:
    """The workbook with every error cell of the given sheets removed (their places are known from the
    scan): calamine refuses the whole workbook on error values it does not know (#SPILL!, #CALC!)."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in members:
                data = _ERROR_CELL.sub(b"", data)
            zout.writestr(info, data)
    return buf.getvalue()
