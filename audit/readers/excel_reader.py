"""Excel (``.xlsx``) input, read with python-calamine.

The workbook has the sheets ``Sager`` (one row per record), ``Hændelser`` (one row per event) and
optionally ``Vurderinger`` (one row per reviewer answer); case-format.md, "Excel". Each sheet has one
header row (the first non-empty row); headers and sheet names match as described in
``mapping.norm_header``. Events and reviews are joined to records by ``sagsnummer``, plus ``kommune``
when that column exists and is filled. Locations are what Excel shows: row numbers from 1, columns as
letters with the header as written (``F (afgørelse_dato)``).

Nothing in a file makes the reader raise: a damaged or foreign file, a missing sheet or column, an
event that belongs to no record, are all located ``Issue`` s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from audit.issues import Issue
from audit.model import SourceRef
from audit.privacy import mask_cpr
from audit.readers.parse import Place, parse_record

from .common import (
    ReadResult,
    RunState,
    clean_issue,
    file_issue,
    file_result,
    mask_raw,
    os_error_text,
    text_key,
)
from .mapping import (
    COLUMNS,
    DECISION_PREFIX,
    OFFER_PREFIX,
    REQUIRED_COLUMNS,
    SHEET_CASES,
    SHEET_EVENTS,
    SHEET_REVIEWS,
    ColumnMapping,
    norm_header,
    norm_sheet,
)

_KNOWN_ELSEWHERE = {norm_header(c): s for s in (SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS) for c in COLUMNS[s]}
_REVIEW_ID = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "_", "-": "_"})


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _cell(value: object) -> object:
    """A calamine cell as the parser wants it: empty -> None, text trimmed."""
    if value is None:
        return None
    if isinstance(value, str):
        v = value.strip()
        return v or None
    return value


class _BookError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class _Sheet:
    canon: str
    name: str
    header_row: int = 0  # as Excel shows it; 0 when the sheet is empty
    col_of: dict[str, int] = field(default_factory=dict)
    headers: dict[int, str] = field(default_factory=dict)
    rows: list[tuple[int, list]] = field(default_factory=list)

    def get(self, cells: list, canon: str) -> object:
        j = self.col_of.get(canon)
        return cells[j] if j is not None and j < len(cells) else None

    def label(self, canon: str) -> str | None:
        j = self.col_of.get(canon)
        if j is None:
            return None
        return f"{column_letter(j)} ({self.headers[j]})"


@dataclass
class _Record:
    row: int
    cells: list
    sag: str | None
    kommune: str | None
    events: list[tuple[int, list]] = field(default_factory=list)
    reviews: dict[str, tuple[int, list]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def _technical(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f" (teknisk årsag: {mask_cpr(text)})" if text else ""


def _load(path: Path, mapping: ColumnMapping) -> tuple[dict[str, tuple[str, list[list]]], list[str]]:
    """Open the workbook and pull the three sheets' cells. Raises _BookError."""
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
                raise _BookError("mangler_ark", (
                    f"projektmappen mangler {'arket' if len(missing) == 1 else 'arkene'} {which} "
                    f"(den har arkene {has}). Forventet er arkene 'Sager' og 'Hændelser' og evt. 'Vurderinger'; "
                    "'audit template' laver en skabelon, og --mapping kan oversætte andre arknavne"))
            data = {canon: (name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
                    for canon, name in found.items()}
            return data, names
    except _BookError:
        raise
    except OSError as exc:
        raise _BookError("laesefejl", os_error_text(exc)) from None
    except Exception as exc:  # noqa: BLE001 - calamine raises its own types; every one becomes a located fejl
        raise _BookError(*_classify(exc)) from None
    except BaseException as exc:  # a Rust panic surfaces as pyo3's PanicException (a BaseException)
        if type(exc).__name__ != "PanicException":
            raise
        raise _BookError(*_classify(exc)) from None


def _classify(exc: BaseException) -> tuple[str, str]:
    kind = type(exc).__name__
    if kind == "PasswordError":
        return "beskyttet_fil", ("projektmappen er beskyttet med adgangskode; gem en kopi uden adgangskode og "
                                 "læs den i stedet")
    if kind == "ZipError":
        return "ugyldig_excel", ("filen er ikke en gyldig Excel-projektmappe (.xlsx): den er beskadiget, afkortet "
                                 "eller en anden filtype med endelsen .xlsx. Åbn den i Excel og gem den igen som "
                                 f"'Excel-projektmappe (*.xlsx)'{_technical(exc)}")
    return "ugyldig_excel", ("filen kan ikke læses som Excel-projektmappe (.xlsx): indholdet er beskadiget eller "
                             "af en anden type. Åbn den i Excel og gem den igen som 'Excel-projektmappe (*.xlsx)'"
                             f"{_technical(exc)}")


def _parse_sheet(canon: str, name: str, cells: list[list], display: str, mapping: ColumnMapping,
                 out: list[Issue]) -> _Sheet | None:
    """Find the header row and the columns; collect column problems in ``out``. None if unusable."""
    sheet = _Sheet(canon=canon, name=name)
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
            out.append(file_issue(display, "ukendt_kolonne",
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
        out.append(file_issue(display, "mangler_kolonne",
                              f"arket '{name}' mangler {'kolonnen' if len(missing) == 1 else 'kolonnerne'} "
                              f"{', '.join(repr(c) for c in missing)} i overskriftsrækken (række {sheet.header_row})",
                              sheet=name, row=sheet.header_row))
        return None
    headerless: set[int] = set()
    used = set(sheet.col_of.values())
    for rowno, raw_row in rows:
        row = [_cell(v) for v in raw_row]
        if not any(v is not None for v in row):
            continue
        # a row with values only in unused columns (already warned about) is not a record
        if any(row[j] is not None for j in used if j < len(row)):
            sheet.rows.append((rowno, row))
        for j, v in enumerate(row):
            if v is not None and j not in sheet.headers and j not in headerless:
                headerless.add(j)
                out.append(file_issue(display, "kolonne_uden_overskrift",
                                      f"kolonne {column_letter(j)} har værdier (første i række {rowno}) men ingen "
                                      f"overskrift i række {sheet.header_row}; værdierne bruges ikke",
                                      severity="advarsel", sheet=name, row=rowno, column=column_letter(j)))
    return sheet


def _norm_municipality(value: object) -> str:
    t = text_key(value)
    return t.casefold() if t else ""


def _review_id(value: object) -> str:
    return str(text_key(value) or "").lower().translate(_REVIEW_ID)


def read_xlsx(path: Path, display: str, mapping: ColumnMapping, state: RunState) -> Iterator[ReadResult]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield file_result(display, "laesefejl", os_error_text(exc))
        return
    if size == 0:
        yield file_result(display, "tom_fil", "filen er tom (0 byte); forventet en Excel-projektmappe (.xlsx) med "
                                              "arkene 'Sager' og 'Hændelser'")
        return
    try:
        book, _ = _load(path, mapping)
    except _BookError as exc:
        yield file_result(display, exc.code, exc.message)
        return

    file_level: list[Issue] = []
    sheets: dict[str, _Sheet] = {}
    for canon, (name, cells) in book.items():
        parsed = _parse_sheet(canon, name, cells, display, mapping, file_level)
        if parsed is not None:
            sheets[canon] = parsed
    del book
    cases, events = sheets.get(SHEET_CASES), sheets.get(SHEET_EVENTS)
    if cases is None or events is None:
        yield ReadResult(None, [clean_issue(i) for i in file_level], SourceRef(file=display), file_level=True)
        return
    reviews = sheets.get(SHEET_REVIEWS)

    records = [_Record(row=rowno, cells=cells, sag=text_key(cases.get(cells, "sagsnummer")),
                       kommune=text_key(cases.get(cells, "kommune")))
               for rowno, cells in cases.rows]
    by_number: dict[str, list[int]] = {}
    for i, rec in enumerate(records):
        if rec.sag is not None:
            by_number.setdefault(rec.sag, []).append(i)

    def owners(sheet: _Sheet, rowno: int, cells: list, what: str) -> list[int]:
        """The records a row of ``sheet`` belongs to; problems are reported and give []."""
        sag = text_key(sheet.get(cells, "sagsnummer"))
        kom = text_key(sheet.get(cells, "kommune"))
        if sag is None:
            file_level.append(file_issue(
                display, "mangler_sagsnummer",
                f"{what} har intet sagsnummer og kan ikke knyttes til en sag; udfyld 'sagsnummer'",
                sheet=sheet.name, row=rowno, column=sheet.label("sagsnummer"), field="sagsnummer"))
            return []
        cands = by_number.get(sag, [])
        if kom is not None:
            cands = [i for i in cands if _norm_municipality(records[i].kommune) == kom.casefold()]
        if not cands:
            where = f"sag '{sag}'" + (f" i {kom}" if kom else "")
            file_level.append(file_issue(
                display, "uden_sag",
                f"{what} hører til {where}, men den sag findes ikke i arket '{cases.name}'; ret sagsnummeret"
                f"{' og kommunen' if kom else ''}, eller tilføj sagen. Rækken bruges ikke",
                sheet=sheet.name, row=rowno, column=sheet.label("sagsnummer"), field="sagsnummer",
                value=mask_cpr(sag)))
            return []
        municipalities = sorted({records[i].kommune or "(ingen kommune)" for i in cands})
        if len(municipalities) > 1:
            fix = ("udfyld kolonnen 'kommune'" if "kommune" in sheet.col_of
                   else "tilføj kolonnen 'kommune' og udfyld den")
            for i in cands:
                records[i].issues.append(file_issue(
                    display, "tvetydigt_sagsnummer",
                    f"{what} i arket '{sheet.name}' har sagsnummer '{sag}' uden kommune, og det sagsnummer findes i "
                    f"flere kommuner ({', '.join(municipalities)}); derfor vides det ikke, hvilken sag rækken hører "
                    f"til. I arket '{sheet.name}' skal du {fix}",
                    sheet=sheet.name, row=rowno, column=sheet.label("sagsnummer"), field="sagsnummer"))
            return []
        return cands

    for rowno, cells in events.rows:
        for i in owners(events, rowno, cells, "hændelsen"):
            records[i].events.append((rowno, cells))
    if reviews is not None:
        for rowno, cells in reviews.rows:
            punkt = _review_id(reviews.get(cells, "punkt"))
            if not punkt:
                file_level.append(file_issue(
                    display, "mangler_felt", "vurderingen har intet 'punkt' (tjeklistepunktets id); udfyld det",
                    sheet=reviews.name, row=rowno, column=reviews.label("punkt"), field="punkt"))
                continue
            for i in owners(reviews, rowno, cells, "vurderingen"):
                rec = records[i]
                if punkt in rec.reviews:
                    rec.issues.append(file_issue(
                        display, "dobbelt_vurdering",
                        f"punktet '{punkt}' er vurderet to gange for samme sag (også i række {rec.reviews[punkt][0]}); "
                        "slet den ene række", sheet=reviews.name, row=rowno, column=reviews.label("punkt"),
                        field="punkt"))
                else:
                    rec.reviews[punkt] = (rowno, cells)

    if not records:
        file_level.append(file_issue(display, "ingen_sager", f"arket '{cases.name}' indeholder ingen sager",
                                     severity="advarsel", sheet=cases.name))
    if file_level:
        yield ReadResult(None, [clean_issue(i) for i in file_level], SourceRef(file=display), file_level=True)
    for rec in records:
        yield _record(rec, cases, events, reviews, display, state)


def _record(rec: _Record, cases: _Sheet, events: _Sheet, reviews: _Sheet | None, display: str,
            state: RunState) -> ReadResult:
    raw: dict[str, object] = {}
    decision: dict[str, object] = {}
    offer: dict[str, object] = {}
    for col in cases.col_of:
        v = cases.get(rec.cells, col)
        if col.startswith(OFFER_PREFIX):
            if v is not None:
                offer[col[len(OFFER_PREFIX):]] = v
        elif col.startswith(DECISION_PREFIX):
            if v is not None:
                decision[col[len(DECISION_PREFIX):]] = v
        elif v is not None:
            raw[col] = v
    if offer:
        decision["tilbud"] = offer
    raw["hændelser"] = [
        {c: v for c in events.col_of if c not in ("sagsnummer", "kommune") and (v := events.get(cells, c)) is not None}
        for _, cells in rec.events
    ]
    raw["afgørelse"] = decision or None
    if reviews is not None and rec.reviews:
        raw["vurderinger"] = {
            punkt: {c: v for c in reviews.col_of if c not in ("sagsnummer", "kommune", "punkt")
                    and (v := reviews.get(cells, c)) is not None}
            for punkt, (_, cells) in rec.reviews.items()
        }

    def locate(path: tuple) -> Place:
        head = path[0] if path else None
        if head == "hændelser" and len(path) >= 2 and isinstance(path[1], int) and path[1] < len(rec.events):
            col = str(path[2]) if len(path) > 2 else "type"
            return Place(display, events.name, rec.events[path[1]][0], events.label(col), col)
        if head == "vurderinger" and reviews is not None and len(path) >= 2 and path[1] in rec.reviews:
            col = str(path[2]) if len(path) > 2 else "punkt"
            return Place(display, reviews.name, rec.reviews[path[1]][0], reviews.label(col), col)
        if head == "afgørelse":
            rest = path[1:]
            if not rest:
                col = DECISION_PREFIX + "dato"
            elif rest[0] == "tilbud":
                col = OFFER_PREFIX + (str(rest[1]) if len(rest) > 1 else "art")
            else:
                col = DECISION_PREFIX + str(rest[0])
            return Place(display, cases.name, rec.row, cases.label(col), col)
        col = str(head) if head is not None else "sagsnummer"
        return Place(display, cases.name, rec.row, cases.label(col), col if head is not None else None)

    extra: list[Issue] = []
    if not rec.events:
        p = locate(("sagsnummer",))
        extra.append(file_issue(
            display, "ingen_haendelser",
            f"sagen har ingen rækker i arket '{events.name}'; uden forløbet kan de fleste punkter ikke vurderes",
            severity="advarsel", sheet=p.sheet, row=p.row, column=p.column, field="hændelser"))
    # reader-level issues carry the record's identity, like the parser's do
    extra = [dataclasses.replace(i, case_number=rec.sag, municipality=rec.kommune) for i in rec.issues + extra]
    raw = mask_raw(raw)
    case, issues = parse_record(raw, locate, allow_serial=True)
    origin = SourceRef(file=display, sheet=cases.name, row=rec.row)
    ev_origins = [SourceRef(file=display, sheet=events.name, row=r) for r, _ in rec.events]
    return state.finish(case, issues, raw, locate, origin, ev_origins, extra=extra)
