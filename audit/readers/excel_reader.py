"""Spreadsheet input (``.xlsx``, and ``.xls``, ``.xlsb``, ``.ods`` the same way), read with python-calamine.
CSV files are turned into the same sheets by ``audit.readers.csv_reader`` and joined here too.

The workbook has the sheets ``Sager`` (one row per record), ``Hændelser`` (one row per event) and
optionally ``Vurderinger`` (one row per reviewer answer); case-format.md, "Excel". Each sheet has one
header row (the first non-empty row); headers and sheet names match as described in
``mapping.norm_header``. Events and reviews are joined to records by ``sagsnummer``, plus ``kommune``
when that column exists and is filled. Locations are what Excel shows: row numbers from 1, columns as
letters with the header as written (``F (afgørelse_dato)``).

Nothing in a file makes the reader raise: a damaged or foreign file, a missing sheet or column, an
event that belongs to no record, are all located ``Issue`` s.

Opening the workbook and finding the sheets, header rows and columns is ``audit.readers.excel_sheets``;
this module joins the rows into records and hands each to the parser.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from audit.issues import Issue
from audit.model import SourceRef
from audit.privacy import CPR_PATTERN, mask_cpr, number_is_cpr
from audit.readers.fast import case_from_cells as fast_case
from audit.readers.parse import Place, parse_record

from .common import (
    Pending,
    ReadResult,
    RunState,
    clean_issue,
    file_issue,
    file_result,
    internal_error,
    mask_raw,
    os_error_text,
    prepare,
    text_key,
)
from .excel_sheets import (
    _DATE_COLUMNS,
    BookError,
    CellProblem,
    Sheet,
    column_letter,
    impossible_date,
    load_book,
    read_sheet,
)
from .mapping import (
    DECISION_PREFIX,
    OFFER_PREFIX,
    SHEET_CASES,
    SHEET_EVENTS,
    SHEET_REVIEWS,
    ColumnMapping,
)

__all__ = ["column_letter", "read_book", "read_xlsx"]  # column_letter: re-exported from audit.readers.excel_sheets

_REVIEW_ID = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "_", "-": "_"})


@dataclass
class _Record:
    """One record's rows as read (plain values: cheap to send to a worker process, ``audit.parallel``)."""

    row: int
    cells: list
    sag: str | None
    kommune: str | None
    events: list[tuple[int, list]] = field(default_factory=list)
    reviews: dict[str, tuple[int, list]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    layout: _Layout | None = None


@dataclass
class _Layout:
    """What building a record needs besides its rows: the sheets' names and columns (without their rows), the
    planned columns, the file's name. The same object for every record of a book."""

    cases: Sheet
    events: Sheet
    reviews: Sheet | None
    display: str
    files: dict[str, str] | None
    plans: _Plans
    n_records: int = 0


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
                                              "arkene 'Sager' og 'Hændelser'", rejected=False)
        return
    try:
        book, _ = load_book(path, mapping)
    except BookError as exc:
        yield file_result(display, exc.code, exc.message)
        return
    yield from read_book(book, display, mapping, state)


def read_book(book: dict[str, tuple[str, Iterable[list]]], display: str, mapping: ColumnMapping, state: RunState,
              files: dict[str, str] | None = None) -> Iterator[ReadResult]:
    """Join the sheets' rows (``canon -> (sheet name, cells)``) into records and parse each.

    ``files`` (CSV input): sheet name -> the file that holds it; issues and origins in such a sheet name
    that file (and no sheet), with rows as the file's rows.

    ``audit run --jobs``: ``audit.parallel`` sets ``state.farm``, which builds and audits the records in
    worker processes and gives (ReadResult, ``runner.Audited``) pairs in reading order; they are passed on
    as such (the duplicate check is the farm's, in this process)."""
    items = _read_book(book, display, mapping, state, files)
    farm = getattr(state, "farm", None)
    if farm is not None:
        for result, done in farm(items):
            yield (_in_files(result, files) if files else result), done
        return
    for item in items:
        result = item if isinstance(item, ReadResult) else settle(record_pending(item), state)
        yield _in_files(result, files) if files else result


def record_pending(rec: _Record) -> Pending | ReadResult:
    """One record built (before the run's duplicate check), or the located ``intern_fejl`` of a bug met on the
    way: a bug met in one row must not stop the others. Runs in a worker process too (``audit.parallel``)."""
    lay = rec.layout
    assert lay is not None
    try:
        return _record(rec, lay.cases, lay.events, lay.reviews, lay.display, lay.files, plans=lay.plans)
    except Exception as exc:  # noqa: BLE001
        return internal_error(lay.display, exc, sheet=lay.cases.name, row=rec.row)


def settle(item: Pending | ReadResult, state: RunState) -> ReadResult:
    return state.settle(item) if isinstance(item, Pending) else item


def _in_files(result: ReadResult, files: dict[str, str]) -> ReadResult:
    def fix(i: Issue) -> Issue:
        return dataclasses.replace(i, file=files[i.sheet], sheet=None) if i.sheet in files else i

    result.issues = [fix(i) for i in result.issues]
    if result.origin is not None and result.origin.sheet in files:
        result.origin = _ref(result.origin.file, result.origin.sheet, result.origin.row, files)
    return result


def _ref(display: str, sheet: str, row: int | None, files: dict[str, str] | None) -> SourceRef:
    if files and sheet in files:
        return SourceRef(file=files[sheet], row=row)
    return SourceRef(file=display, sheet=sheet, row=row)


def _read_book(book: dict[str, tuple[str, Iterable[list]]], display: str, mapping: ColumnMapping, state: RunState,
               files: dict[str, str] | None) -> Iterator[ReadResult | _Record]:
    """Three passes over the sheets, none of which keeps the rows: the header rows (``read_sheet``), then the
    keys that join events and reviews to records (kept as numbers), then the records, each built from its row
    and its event and review rows as they come by. Events listed in the records' order (as exports and
    'audit template' list them) are held only until their record is built; events in another order wait in a
    buffer until their record comes, so an unsorted sheet costs what reading it whole would.

    Yields the file's problems (``ReadResult``) and each record's rows (``_Record``, built by the caller)."""
    file_level: list[Issue] = []
    sheets: dict[str, Sheet] = {}
    for canon, (name, cells) in book.items():
        parsed = read_sheet(canon, name, cells, display, mapping, file_level, show_all=state.show_all)
        if parsed is not None:
            sheets[canon] = parsed
    del book
    cases, events = sheets.get(SHEET_CASES), sheets.get(SHEET_EVENTS)
    if cases is None or events is None:
        yield ReadResult(None, [clean_issue(i) for i in file_level], SourceRef(file=display), file_level=True,
                         file_rejected=True)
        return
    reviews = sheets.get(SHEET_REVIEWS)

    # the records' keys: sagsnummer -> record numbers, and each record's kommune (dropped after this pass)
    by_number: dict[str, list[int]] = {}
    municipality_of: list[str | None] = []
    for i, (_, cells) in enumerate(cases.key_rows(_KEYS)):
        sag = text_key(cases.get(cells, "sagsnummer"))
        municipality_of.append(text_key(cases.get(cells, "kommune")))
        if sag is not None:
            by_number.setdefault(sag, []).append(i)
    n_records = len(municipality_of)
    record_issues: dict[int, list[Issue]] = {}

    orphans: dict[tuple, tuple[int, list[int]]] = {}

    def owners(sheet: Sheet, rowno: int, cells: list, what: str) -> list[int]:
        """The records a row of ``sheet`` belongs to; problems are reported and give []."""
        sag = text_key(sheet.get(cells, "sagsnummer"))
        kom = text_key(sheet.get(cells, "kommune"))
        for col in ("sagsnummer", "kommune"):
            bad = sheet.get(cells, col)
            if isinstance(bad, CellProblem):
                file_level.append(file_issue(display, bad.code, f"{bad.message}; {what} kan ikke knyttes til en sag",
                                             sheet=sheet.name, row=rowno, column=sheet.label(col), field=col,
                                             value=bad.shown))
                return []
        if sag is None:
            file_level.append(file_issue(
                display, "mangler_sagsnummer",
                f"{what} har intet sagsnummer og kan ikke knyttes til en sag; udfyld 'sagsnummer'",
                sheet=sheet.name, row=rowno, column=sheet.label("sagsnummer"), field="sagsnummer"))
            return []
        cands = by_number.get(sag, [])
        if kom is not None:
            cands = [i for i in cands if _norm_municipality(municipality_of[i]) == kom.casefold()]
        if not cands:
            orphan = (sheet.name, sag, kom)
            if orphan in orphans:  # the same missing case again: one message lists every row
                orphans[orphan][1].append(rowno)
                return []
            orphans[orphan] = (len(file_level), [])
            where = f"sag '{sag}'" + (f" i {kom}" if kom else "")
            file_level.append(file_issue(
                display, "uden_sag",
                f"{what} hører til {where}, men den sag findes ikke i arket '{cases.name}'; ret sagsnummeret"
                f"{' og kommunen' if kom else ''}, eller tilføj sagen. Rækken bruges ikke",
                sheet=sheet.name, row=rowno, column=sheet.label("sagsnummer"), field="sagsnummer",
                value=mask_cpr(sag)))
            return []
        municipalities = sorted({municipality_of[i] or "(ingen kommune)" for i in cands})
        if len(municipalities) > 1:
            fix = ("udfyld kolonnen 'kommune'" if "kommune" in sheet.col_of
                   else "tilføj kolonnen 'kommune' og udfyld den")
            for i in cands:
                record_issues.setdefault(i, []).append(file_issue(
                    display, "tvetydigt_sagsnummer",
                    f"{what} i arket '{sheet.name}' har sagsnummer '{sag}' uden kommune, og det sagsnummer findes i "
                    f"flere kommuner ({', '.join(municipalities)}); derfor vides det ikke, hvilken sag rækken hører "
                    f"til. I arket '{sheet.name}' skal du {fix}",
                    sheet=sheet.name, row=rowno, column=sheet.label("sagsnummer"), field="sagsnummer"))
            return []
        return cands

    # which record(s) each event row belongs to, by its place among the sheet's data rows
    ev_join = _Join(n_records)
    for k, (rowno, cells) in enumerate(events.key_rows(_KEYS)):
        ev_join.add(k, owners(events, rowno, cells, "hændelsen"))
    rv_join = _Join(n_records)
    if reviews is not None:
        first_review: dict[tuple[int, str], int] = {}  # (record, punkt) -> the row that reviewed it first
        for k, (rowno, cells) in enumerate(reviews.data_rows()):
            punkt = _review_id(reviews.get(cells, "punkt"))
            if not punkt:
                file_level.append(file_issue(
                    display, "mangler_felt", "vurderingen har intet 'punkt' (tjeklistepunktets id); udfyld det",
                    sheet=reviews.name, row=rowno, column=reviews.label("punkt"), field="punkt"))
                continue
            taken: list[int] = []
            for i in owners(reviews, rowno, cells, "vurderingen"):
                if (i, punkt) in first_review:
                    record_issues.setdefault(i, []).append(file_issue(
                        display, "dobbelt_vurdering",
                        f"punktet '{punkt}' er vurderet to gange for samme sag (også i række "
                        f"{first_review[(i, punkt)]}); slet den ene række", sheet=reviews.name, row=rowno,
                        column=reviews.label("punkt"), field="punkt"))
                else:
                    first_review[(i, punkt)] = rowno
                    taken.append(i)
            rv_join.add(k, taken)
        del first_review
    by_number.clear()  # not needed any more: the rows to come are found through the joins
    municipality_of.clear()

    for at, more in orphans.values():
        if more:
            first = file_level[at]
            file_level[at] = dataclasses.replace(first, message=(
                f"{first.message.replace('. Rækken bruges ikke', '')}. Det gælder også "
                f"{'række' if len(more) == 1 else 'rækkerne'} {_rows_text(more)} ({len(more) + 1} rækker i alt); "
                "rækkerne bruges ikke"))
    if not n_records:
        file_level.append(file_issue(display, "ingen_sager", f"arket '{cases.name}' indeholder ingen sager",
                                     severity="advarsel", sheet=cases.name))
    if file_level:
        yield ReadResult(None, [clean_issue(i) for i in file_level], SourceRef(file=display), file_level=True)

    layout = _Layout(dataclasses.replace(cases, source=()), dataclasses.replace(events, source=()),
                     dataclasses.replace(reviews, source=()) if reviews is not None else None, display, files,
                     _Plans(cases, events, reviews), n_records)
    ev_rows = ev_join.rows(events.data_rows())
    rv_rows = rv_join.rows(reviews.data_rows()) if reviews is not None else None
    for i, (rowno, cells) in enumerate(cases.data_rows()):
        rec = _Record(row=rowno, cells=cells, sag=text_key(cases.get(cells, "sagsnummer")),
                      kommune=text_key(cases.get(cells, "kommune")), events=ev_rows.take(i),
                      issues=record_issues.pop(i, []), layout=layout)
        if rv_rows is not None:
            rec.reviews = {_review_id(reviews.get(c, "punkt")): (r, c)  # type: ignore[union-attr]
                           for r, c in rv_rows.take(i)}
        yield rec


_KEYS = ("sagsnummer", "kommune")  # the columns the joining passes read (Sheet.key_rows)


class _Join:
    """Which records the rows of an event (or review) sheet belong to, as numbers: per data row its record
    (or -1: none; several are listed aside), and per record its last data row."""

    def __init__(self, n_records: int):
        self.owner = array("q")
        self.several: dict[int, list[int]] = {}
        self.last = array("q", [-1]) * n_records

    def add(self, k: int, owners: list[int]) -> None:
        while len(self.owner) < k:
            self.owner.append(-1)  # rows skipped by the caller (no 'punkt') belong to no record
        self.owner.append(owners[0] if len(owners) == 1 else -1)
        if len(owners) > 1:
            self.several[k] = owners
        for i in owners:
            self.last[i] = k

    def rows(self, data_rows: Iterator[tuple[int, list]]) -> _JoinedRows:
        return _JoinedRows(self, data_rows)


class _JoinedRows:
    """The sheet's rows handed out record by record (``take(i)``, i ascending): each record's rows are read up
    to its last one; rows of later records met on the way wait in a buffer."""

    def __init__(self, join: _Join, data_rows: Iterator[tuple[int, list]]):
        self.join = join
        self.rows = iter(data_rows)
        self.at = 0  # the next data row to read
        self.waiting: dict[int, list[tuple[int, list]]] = {}

    def take(self, i: int) -> list[tuple[int, list]]:
        join = self.join
        last = join.last[i]
        n_owned = len(join.owner)
        while self.at <= last:
            row = next(self.rows)
            k = self.at
            self.at += 1
            owner = join.owner[k] if k < n_owned else -1
            for o in ((owner,) if owner >= 0 else join.several.get(k, ())):
                self.waiting.setdefault(o, []).append(row)
        return self.waiting.pop(i, [])


class _Plans:
    """Each sheet's columns resolved once (not for every row): (column, its index, where its value goes)."""

    def __init__(self, cases: Sheet, events: Sheet, reviews: Sheet | None):
        self.cases = [(c, j, _target(c), c in _DATE_COLUMNS) for c, j in cases.col_of.items()]
        self.events = [(c, j, c in _DATE_COLUMNS) for c, j in events.col_of.items()
                       if c not in ("sagsnummer", "kommune")]
        self.reviews = ([(c, j, c in _DATE_COLUMNS) for c, j in reviews.col_of.items()
                         if c not in ("sagsnummer", "kommune", "punkt")] if reviews is not None else [])


def _target(col: str) -> tuple[int, str]:
    if col.startswith(OFFER_PREFIX):
        return 2, col[len(OFFER_PREFIX):]
    if col.startswith(DECISION_PREFIX):
        return 1, col[len(DECISION_PREFIX):]
    return 0, col


def _usual(value: object, is_date: bool) -> bool:
    """A cell the quick path can take as it is: no Excel error or uncalculated formula, no impossible date."""
    return not isinstance(value, CellProblem) and not (is_date and impossible_date_of(value))


def impossible_date_of(value: object) -> bool:
    # the date columns are checked by name in impossible_date; any date column name will do here
    return value is not None and impossible_date("dato", value) is not None


def _quick_raw(rec: _Record, plans: _Plans) -> dict[str, object] | None:
    """The raw record of a record whose every cell is usual and holds nothing that may be a CPR number, built
    straight from the planned columns; None: the careful path (``_record``'s ``value``, then ``mask_raw``)
    builds it, with its located messages. Both give the same record for the rows this one takes."""
    raw: dict[str, object] = {}
    decision: dict[str, object] = {}
    offer: dict[str, object] = {}
    targets = (raw, decision, offer)
    texts: list[str] = []
    numbers: list[object] = []
    cells = rec.cells
    n = len(cells)
    for col, j, (where, key), is_date in plans.cases:
        v = cells[j] if j < n else None
        if v is None:
            continue
        if not _usual(v, is_date):
            return None
        targets[where][key] = v
        if col != "cpr":  # the record's own cpr field is kept as given (mask_raw)
            if isinstance(v, str):
                texts.append(v)
            elif isinstance(v, (int, float)):
                numbers.append(v)
    if offer:
        decision["tilbud"] = offer
    evs = []
    for _, ev_cells in rec.events:
        ev = _planned_row(ev_cells, plans.events, texts, numbers)
        if ev is None:
            return None
        evs.append(ev)
    raw["hændelser"] = evs
    raw["afgørelse"] = decision or None
    if rec.reviews:
        out: dict[str, object] = {}
        for punkt, (_, rv_cells) in rec.reviews.items():
            texts.append(punkt)
            body = _planned_row(rv_cells, plans.reviews, texts, numbers)
            if body is None:
                return None
            out[punkt] = body
        raw["vurderinger"] = out
    # the CPR prefilter: one search over all the texts (joined by a character that is no digit, dash or space,
    # so no number is made across two cells) instead of masking each text
    if CPR_PATTERN.search("|".join(texts)) or any(number_is_cpr(x) for x in numbers):
        return None
    return raw


def _planned_row(cells: list, plan: list, texts: list[str], numbers: list[object]) -> dict[str, object] | None:
    """One event or review row as {column: value} by its planned columns, its texts and numbers added to those
    the CPR prefilter searches; None when a cell is not usual (``_quick_raw``'s careful path decides)."""
    row: dict[str, object] = {}
    n = len(cells)
    for col, j, is_date in plan:
        v = cells[j] if j < n else None
        if v is None:
            continue
        if not _usual(v, is_date):
            return None
        row[col] = v
        if isinstance(v, str):
            texts.append(v)
        elif isinstance(v, (int, float)):
            numbers.append(v)
    return row


def _record(rec: _Record, cases: Sheet, events: Sheet, reviews: Sheet | None, display: str,
            files: dict[str, str] | None = None, *, plans: _Plans | None = None) -> Pending:
    """One record. With ``plans`` a record of usual cells is built by ``_quick_raw`` and, when it is plainly
    canonical, straight into its ``Case`` by ``fast.case_from_cells`` (the JSONL fast path's builder); the
    others (and every record without ``plans``) cell by cell and by ``parse_record`` as below."""
    raw: dict[str, object] = {}
    decision: dict[str, object] = {}
    offer: dict[str, object] = {}
    bad_cells: list[Issue] = []
    quick = _quick_raw(rec, plans) if plans is not None else None

    def value(sheet: Sheet, rowno: int, cells: list, col: str) -> object:
        v = sheet.get(cells, col)
        problem = v if isinstance(v, CellProblem) else impossible_date(col, v)
        if problem is None:
            return v
        bad_cells.append(file_issue(display, problem.code, problem.message, sheet=sheet.name, row=rowno,
                                    column=sheet.label(col), field=col, value=problem.shown))
        return None

    for col in () if quick is not None else cases.col_of:
        v = value(cases, rec.row, rec.cells, col)
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
    if quick is not None:
        raw = quick
    else:
        raw["hændelser"] = [
            {c: v for c in events.col_of
             if c not in ("sagsnummer", "kommune") and (v := value(events, r, cells, c)) is not None}
            for r, cells in rec.events
        ]
        raw["afgørelse"] = decision or None
        if reviews is not None and rec.reviews:
            raw["vurderinger"] = {
                punkt: {c: v for c in reviews.col_of if c not in ("sagsnummer", "kommune", "punkt")
                        and (v := value(reviews, r, cells, c)) is not None}
                for punkt, (r, cells) in rec.reviews.items()
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
    if not rec.events and not isinstance(cases.get(rec.cells, "sagsnummer"), CellProblem):
        p = locate(("sagsnummer",))
        extra.append(file_issue(
            display, "ingen_haendelser",
            f"sagen har ingen rækker i arket '{events.name}'; uden forløbet kan de fleste punkter ikke vurderes",
            severity="advarsel", sheet=p.sheet, row=p.row, column=p.column, field="hændelser"))
    # reader-level issues carry the record's identity, like the parser's do
    extra = [dataclasses.replace(i, case_number=rec.sag, municipality=rec.kommune) for i in rec.issues + extra]
    if quick is None:
        raw = mask_raw(raw)
    origin = _ref(display, cases.name, rec.row, files)

    def event_origin(j: int) -> SourceRef:
        return _ref(display, events.name, rec.events[j][0], files)

    case = fast_case(quick, origin, event_origin) if quick is not None else None
    issues: list[Issue] = []
    if case is None:
        case, issues = parse_record(raw, locate, allow_serial=True, origin=origin, event_origin=event_origin)
    if bad_cells:
        # one message per bad cell: the parser's "mangler"/"ugyldig" for the same cell would only repeat it
        places = {(i.sheet, i.row, i.column) for i in bad_cells}
        issues = [i for i in issues if (i.sheet, i.row, i.column) not in places]
        ident = {"case_number": rec.sag, "municipality": rec.kommune}
        extra += [dataclasses.replace(i, **ident) for i in bad_cells]
    return prepare(case, issues, raw, locate, origin, extra=extra)


def _rows_text(rows: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" og {len(rows) - limit} flere" if len(rows) > limit else "")
