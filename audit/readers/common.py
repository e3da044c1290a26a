"""What the readers share: the result type, run-wide duplicate detection, file-level problems, and the
last privacy pass over every issue."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from audit.issues import Issue
from audit.model import Case, SourceRef
from audit.privacy import mask_cpr, mask_value, safe_path, safe_text, without_surrogates
from audit.readers.parse import Place


@dataclass
class ReadResult:
    """One record (``case`` set when it could be read), or a file-level problem (``case`` is None).

    ``issues`` holds every problem found for that record or file; a result with ``case=None`` and at
    least one ``fejl`` is a record (or file) that could not be read. ``origin`` says where it was read.
    """

    case: Case | None
    issues: list[Issue] = field(default_factory=list)
    origin: SourceRef | None = None
    file_level: bool = False  # True: problems of a file or argument, not of one record
    # True: the whole file was rejected, so its records (how many is unknown) are not read; counted as
    # "mindst" one unreadable record
    file_rejected: bool = False

    @property
    def ok(self) -> bool:
        return self.case is not None


def describe(origin: SourceRef | None) -> str:
    """Where a record is, in words (for messages that point to another record)."""
    if origin is None:
        return "ukendt sted"
    parts = [origin.file]
    if origin.sheet:
        parts.append(f"ark '{origin.sheet}'")
    if origin.row is not None:
        parts.append(f"række {origin.row}" if origin.sheet else f"linje {origin.row}")
    if origin.index is not None:
        parts.append(f"sag nr. {origin.index + 1} i listen")
    return ", ".join(parts)


def clean_issue(issue: Issue) -> Issue:
    """Mask CPR-like numbers in every text field of an issue (file names and headers included)."""
    changes = {}
    for name in ("file", "sheet", "column", "field", "municipality", "value", "case_number", "message"):
        v = getattr(issue, name)
        if isinstance(v, str):
            masked = safe_text(v)
            if masked != v:
                changes[name] = masked
    return dataclasses.replace(issue, **changes) if changes else issue


def file_issue(file: str, code: str, message: str, *, severity: str = "fejl", sheet: str | None = None,
               row: int | None = None, column: str | None = None, field: str | None = None,
               value: str | None = None) -> Issue:
    return Issue(severity=severity, code=code, message=message, file=file, sheet=sheet, row=row,  # type: ignore[arg-type]
                 column=column, field=field, value=value)


def file_result(file: str, code: str, message: str, *, rejected: bool = True, **kw) -> ReadResult:
    """A problem that stops a whole file (``rejected``: none of its records is read)."""
    return ReadResult(None, [clean_issue(file_issue(file, code, message, **kw))], SourceRef(file=safe_text(file)),
                      file_level=True, file_rejected=rejected and kw.get("severity", "fejl") == "fejl")


def internal_error(file: str, exc: BaseException, *, row: int | None = None, sheet: str | None = None,
                   index: int | None = None, whole_file: bool = False) -> ReadResult:
    """A bug met while reading one record (or file): a located ``fejl`` instead of a crash; the run goes on."""
    where = "filen" if whole_file else "posten"
    rest = "; resten af filen er ikke læst" if whole_file else "; de øvrige poster læses"
    issue = file_issue(file, "laesefejl" if whole_file else "intern_fejl",
                       f"uventet intern fejl under læsning af {where} ({type(exc).__name__}){rest}. Kontakt "
                       "vedligeholderne med filen; ingen persondata er vist", row=row, sheet=sheet,
                       field=None if index is None else f"sag nr. {index + 1}")
    origin = SourceRef(file=safe_text(file), sheet=sheet, row=row, index=index)
    return ReadResult(None, [clean_issue(issue)], origin, file_level=whole_file, file_rejected=whole_file)


def display_path(path: object) -> str:
    """A file's name as every message and output shows it (CPR masked, never unwritable)."""
    return safe_path(path)  # type: ignore[arg-type]


def os_error_text(exc: OSError) -> str:
    """A Danish reason for an OS error."""
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return "filen findes ikke (længere)"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "ingen adgang til filen (rettigheder); giv læseadgang eller kopiér filen"
    if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
        return "stien er en mappe, ikke en fil"
    known = _OS_ERRORS.get(exc.errno or -1)
    if known:
        return known
    code = errno.errorcode.get(exc.errno or -1, type(exc).__name__)
    return f"filen kan ikke læses (systemfejl {code})"


_OS_ERRORS = {
    errno.ELOOP: ("stien er et symbolsk link, der peger i ring (linket fører i sidste ende tilbage til sig selv); "
                  "ret eller slet linket"),
    errno.EIO: "filen kan ikke læses (systemfejl: I/O-fejl ved læsning fra disken eller netværksdrevet)",
    errno.ENAMETOOLONG: "filnavnet eller stien er for lang; flyt filen til en kortere sti",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.ENXIO: "stien er ikke en almindelig fil (fx en enhed eller en named pipe)",
    errno.EMFILE: "for mange åbne filer på én gang; prøv igen med færre filer",
    errno.ENOSPC: "der er ikke mere plads på disken",
    errno.ETIMEDOUT: "netværksdrevet svarede ikke i tide; prøv igen",
    errno.ESTALE: "netværksdrevets fil er ikke længere tilgængelig; prøv igen",
}


def mask_raw(value: object, *, top: bool = True) -> object:
    """A raw record with every CPR-like number in its texts and keys masked, before it is parsed, so that no
    free text of a Case can carry one into a report. Only the record's own ``cpr`` field is kept as given
    (the model never serialises or shows it)."""
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return mask_value(value)
    if isinstance(value, dict):
        return {(mask_cpr(k) if isinstance(k, str) else k): (v if top and k == "cpr" else mask_raw(v, top=False))
                for k, v in value.items()}
    if isinstance(value, list):
        return [mask_raw(v, top=False) for v in value]
    return value


def text_key(value: object) -> str | None:
    """sagsnummer/kommune as compared between records: trimmed text, whole numbers without '.0'."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, (str, int, float)):
        return None
    text = " ".join(str(value).split())
    return text or None


def record_key(raw: object) -> tuple[str, str] | None:
    """(kommune, sagsnummer) of a raw record, normalised for duplicate detection; None if either is missing.

    The case number is CPR-masked exactly as the parser masks ``Case.case_number``, so that two
    records that would end up with the same key downstream are caught here.
    """
    if not isinstance(raw, dict):
        return None
    cn, mu = text_key(raw.get("sagsnummer")), text_key(raw.get("kommune"))
    if cn is None or mu is None:
        return None
    return mu.casefold(), mask_cpr(cn)


_FIELD = 1 << 40  # one field of a packed place (``RunState._place_code``): rows and indexes below 2**40 - 1


def key_digest(key: tuple[str, str]) -> bytes:
    """A run-wide duplicate key ((kommune, sagsnummer) as ``record_key`` normalises it) as a 16-byte BLAKE2b
    digest. Both texts are encoded unambiguously (the first one's length in UTF-8 bytes, then both), so two
    different keys differ in the hashed bytes, and two different keys share a digest only by a collision of
    the 128-bit hash: for n keys the chance is about n² / 2**129, below 10**-22 for a hundred million cases,
    far below the chance of a hardware fault. (``surrogatepass``: a lone surrogate cannot stop the check.)"""
    mu = key[0].encode("utf-8", "surrogatepass")
    cn = key[1].encode("utf-8", "surrogatepass")
    return hashlib.blake2b(b"%d:%s%s" % (len(mu), mu, cn), digest_size=16).digest()


class RunState:
    """State shared by all files of one run: the keys seen so far (nothing else is kept) and the options."""

    def __init__(self, *, show_all: bool = False) -> None:
        # every key seen so far, compactly (memory must stay flat in the number of cases): the key's
        # ``key_digest`` -> where it was first read, as ``_place_code`` packs it (or, for a place it cannot
        # pack, the ``describe`` text itself); about 120 bytes a case against ~350 for the key's texts and
        # the description
        self.seen: dict[bytes, int | str] = {}
        self._places: list[tuple[str, str | None]] = []  # the distinct (file, sheet) of the records seen
        self._place_ids: dict[tuple[str, str | None], int] = {}
        self.show_all = show_all  # --alle: list every repeated problem instead of one summary

    def first_seen(self, key: tuple[str, str]) -> str | None:
        """Where the record with ``key`` was first read (``describe``'s text), or None if not seen yet."""
        code = self.seen.get(key_digest(key))
        return None if code is None else self._described(code)

    def _place_code(self, origin: SourceRef | None) -> int | str:
        """``origin`` packed into one int: the (file, sheet)'s number in ``_places``, row + 1 and index + 1
        (0: None) in 40 bits each; an origin it cannot pack (no origin, a negative or huge number) is kept as
        its ``describe`` text."""
        if origin is None:
            return describe(None)
        row = 0 if origin.row is None else origin.row + 1
        index = 0 if origin.index is None else origin.index + 1
        if not (0 <= row < _FIELD and 0 <= index < _FIELD):
            return describe(origin)
        where = (origin.file, origin.sheet)
        place = self._place_ids.get(where)
        if place is None:
            place = self._place_ids[where] = len(self._places)
            self._places.append(where)
        return (place * _FIELD + row) * _FIELD + index

    def _described(self, code: int | str) -> str:
        """``describe`` of the origin ``_place_code`` packed (the same text, rebuilt)."""
        if isinstance(code, str):
            return code
        rest, index = divmod(code, _FIELD)
        place, row = divmod(rest, _FIELD)
        file, sheet = self._places[place]
        return describe(SourceRef(file=file, sheet=sheet, row=None if row == 0 else row - 1,
                                  index=None if index == 0 else index - 1))

    def finish(self, case: Case | None, issues: Sequence[Issue], raw: object,
               locate: Callable[[tuple], Place], origin: SourceRef,
               event_origins: Sequence[SourceRef] | None = None, extra: Sequence[Issue] = ()) -> ReadResult:
        """Turn a parsed record into a ReadResult: reader-level issues, duplicates, origin, masking."""
        return self.settle(prepare(case, issues, raw, locate, origin, event_origins, extra))

    def settle(self, pending: Pending) -> ReadResult:
        """The run-wide part of ``finish``: the duplicate check, in reading order (also when the record was
        read in a worker process, see ``audit.parallel``)."""
        issues = pending.issues
        case = pending.case
        if pending.key is not None:
            digest = key_digest(pending.key)
            code = self.seen.get(digest)
            if code is not None:
                first = self._described(code)
                p = pending.key_place
                cn, mu = pending.key_text
                issues = issues + [clean_issue(Issue(
                    severity="fejl", code="dobbelt_sagsnummer",
                    message=(f"sagsnummer '{cn}' findes allerede i {mu} (første gang: {first}); et sagsnummer "
                             "må kun forekomme én gang pr. kommune, så kun den første sag bruges. Ret "
                             "sagsnummeret, eller fjern den dobbelte sag"),
                    file=p.file, sheet=p.sheet, row=p.row, column=p.column, field=p.field or "sagsnummer",
                    case_number=cn, municipality=mu,
                ))]
                case = None
            else:
                self.seen[digest] = self._place_code(pending.origin)
        return ReadResult(case, issues, pending.origin)


@dataclass
class Pending:
    """A record read and parsed, before the run-wide duplicate check (``RunState.settle``). Holds no raw
    record, so it can be sent between processes; ``case`` may be a ``CaseStub`` in a worker's answer."""

    case: object
    issues: list[Issue]
    origin: SourceRef
    key: tuple[str, str] | None = None
    key_place: Place | None = None
    key_text: tuple[str | None, str | None] = (None, None)


def prepare(case: Case | None, issues: Sequence[Issue], raw: object, locate: Callable[[tuple], Place],
            origin: SourceRef, event_origins: Sequence[SourceRef] | None = None,
            extra: Sequence[Issue] = ()) -> Pending:
    """The per-record part of ``RunState.finish`` (needs no run-wide state)."""
    all_issues = list(issues) + list(extra)
    if any(i.blocking for i in extra):
        case = None
    if case is not None and case.origin is None:
        # a reader that did not hand the origins to the parser (parse_record's origin/event_origin, which
        # set them as the case is built): set them here, at the cost of a copy
        update: dict[str, object] = {"origin": origin}
        if event_origins is not None and len(event_origins) == len(case.events):
            update["events"] = tuple(ev.model_copy(update={"origin": o})
                                     for ev, o in zip(case.events, event_origins, strict=True))
        case = case.model_copy(update=update)
    key = record_key(raw)
    pending = Pending(case, [clean_issue(i) for i in all_issues], origin, key)
    if key is not None:
        pending.key_place = locate(("sagsnummer",))
        pending.key_text = (text_key(raw.get("sagsnummer")), text_key(raw.get("kommune")))  # type: ignore[union-attr]
    return pending


_NORMALISE_DEPTH = 64  # far deeper than any case; deeper values are left as they are (the parser rejects them)


def normalise_raw(value: object) -> tuple[object, list[tuple]]:
    """A parsed JSON value with every text and key in Unicode NFC (as Excel headers already are), and lone
    surrogates (``"\\ud83d"``, which cannot be written as UTF-8) replaced by U+FFFD. Returns the value and
    the paths of the texts that held a lone surrogate (each a ``fejl`` for its record)."""
    bad: list[tuple] = []

    def text(s: str, path: tuple) -> str:
        fixed = without_surrogates(s)
        if fixed != s:
            bad.append(path)
        return unicodedata.normalize("NFC", fixed)

    def walk(v: object, path: tuple, depth: int) -> object:
        if isinstance(v, str):
            return text(v, path)
        if depth > _NORMALISE_DEPTH:
            return v
        if isinstance(v, dict):
            out: dict = {}
            for k, x in v.items():
                key = text(k, path + (k,)) if isinstance(k, str) else k
                out[key] = walk(x, path + (key,), depth + 1)
            return out
        if isinstance(v, list):
            return [walk(x, path + (i,), depth + 1) for i, x in enumerate(v)]
        return v

    return walk(value, (), 0), bad
