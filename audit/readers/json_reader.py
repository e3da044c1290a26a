"""JSON and JSON Lines input.

A ``.json`` file holds one record, a list of records, or ``{"sager": [records]}``. A ``.jsonl`` file
holds one record per line and is streamed: memory does not grow with the file. Every problem is a
located ``Issue``: the file, the JSONL line (as ``row``), and the field as a Danish path
(``sager[3].afgørelse.dato``); nothing in a file makes the reader raise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from audit.issues import Issue
from audit.model import SourceRef
from audit.readers.common import (
    Pending,
    ReadResult,
    RunState,
    clean_issue,
    file_issue,
    file_result,
    internal_error,
    mask_raw,
    normalise_raw,
    os_error_text,
    prepare,
)
from audit.readers.fast import fast_line
from audit.readers.mapping import ColumnMapping, norm_header
from audit.readers.parse import Place, parse_record, path_text

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF16_MESSAGE = ("filen er gemt som UTF-16 ('Unicode' i Notesblok); gem den igen med tegnsættet UTF-8")
EXPECTED = 'en sag (et JSON-objekt), en liste af sager eller {"sager": [...]}'

_JSON_MESSAGES = {
    "Expecting value": "der mangler en værdi",
    "Expecting property name enclosed in double quotes": "et feltnavn skal stå i dobbelte anførselstegn",
    "Expecting ',' delimiter": "der mangler et komma",
    "Expecting ':' delimiter": "der mangler et kolon efter feltnavnet",
    "Extra data": "der står mere efter den første JSON-værdi (brug .jsonl til én sag pr. linje)",
    "Unterminated string starting at": "en tekst mangler sit afsluttende anførselstegn",
    "Invalid control character at": "en tekst indeholder et ulovligt styretegn (fx et linjeskift)",
    "Invalid \\escape": "ugyldig \\-kode i en tekst",
    "Illegal trailing comma before end of object": "komma efter sidste felt i et objekt",
    "Illegal trailing comma before end of array": "komma efter sidste element i en liste",
}


class _Reject(ValueError):
    pass


def _reject_constant(name: str) -> object:
    raise _Reject(name)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "en ja/nej-værdi (true/false)"
    if isinstance(value, (int, float)):
        return "et tal"
    if isinstance(value, str):
        return "en tekst"
    if isinstance(value, list):
        return "en liste"
    return "et objekt"


class _Loader:
    """json.loads with Danish errors, NaN/Infinity refused, and duplicate keys noticed."""

    def __init__(self) -> None:
        self.duplicates: list[str] = []
        self.sager_lists = 0  # how many lists one object's doubled 'sager' key held (0: not doubled)

    def _pairs(self, pairs: list[tuple[str, object]]) -> dict:
        out: dict = {}
        for k, v in pairs:
            if k in out:
                if k == "sager" and isinstance(out[k], list) and isinstance(v, list):
                    # {"sager": [A], "sager": [B]}: keeping only the last list would lose case A in silence;
                    # every list is read, and the file gets a fejl (see read_json)
                    self.sager_lists = max(self.sager_lists, 1) + 1
                    out[k] = out[k] + v
                    continue
                if k not in self.duplicates:
                    self.duplicates.append(k)
            out[k] = v
        return out

    def loads(self, text: str) -> tuple[object, str | None, int | None]:
        """(value, Danish error or None, line of the error within ``text``)."""
        self.duplicates = []
        self.sager_lists = 0
        try:
            return json.loads(text, object_pairs_hook=self._pairs, parse_constant=_reject_constant), None, None
        except json.JSONDecodeError as exc:
            what = _JSON_MESSAGES.get(exc.msg, "syntaksfejl")
            return None, f"ugyldig JSON: {what} (linje {exc.lineno}, tegn {exc.colno})", exc.lineno
        except _Reject as exc:
            return None, f"ugyldig JSON: '{exc}' er ikke en tilladt værdi (brug null for en ukendt værdi)", None
        except RecursionError:
            return None, "ugyldig JSON: strukturen er for dybt indlejret til at være en sag", None
        except ValueError:  # e.g. an integer with thousands of digits
            return None, ("ugyldig JSON: indeholder en værdi, der ikke kan læses (fx et tal med tusindvis af "
                          "cifre)"), None


def _apply_mapping(raw: object, keys: dict[str, str]) -> tuple[object, list[str]]:
    """Rename top-level keys per the mapping. Returns the record and keys that clashed."""
    if not keys or not isinstance(raw, dict):
        return raw, []
    out: dict = {}
    clashes: list[str] = []
    for k, v in raw.items():
        canon = keys.get(norm_header(k), k)
        if canon in out:
            clashes.append(str(k))
            continue
        out[canon] = v
    return out, clashes


def _clash_issues(file: str, row: int | None, prefix: tuple, clashes: list[str]) -> list[Issue]:
    return [file_issue(file, "dobbelt_felt",
                       f"feltet '{k}' oversættes af mappingfilen til et felt, som posten allerede har; "
                       "fjern det ene af dem", row=row, field=path_text(prefix + (k,)))
            for k in clashes]


def _surrogate_issues(file: str, row: int | None, prefix: tuple, paths: list[tuple]) -> list[Issue]:
    return [file_issue(file, "ugyldigt_tegn",
                       "teksten indeholder et ugyldigt tegn (en enkeltstående Unicode-surrogat, fx skrevet som "
                       "\\ud83d uden sin anden halvdel); ret eller slet tegnet. Sagen gennemgås ikke",
                       row=row, field=path_text(prefix + p) or None)
            for p in paths]


def _duplicate_issues(file: str, row: int | None, keys: list[str]) -> list[Issue]:
    return [file_issue(file, "dobbelt_noegle",
                       f"feltet '{k}' står flere gange i samme JSON-objekt; kun den sidste værdi bruges",
                       severity="advarsel", row=row, field=k)
            for k in keys]


def read_json(path: Path, display: str, mapping: ColumnMapping, state: RunState) -> Iterator[ReadResult]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield file_result(display, "laesefejl", os_error_text(exc))
        return
    if data.startswith(UTF16_BOMS):
        yield file_result(display, "ikke_utf8", UTF16_MESSAGE)
        return
    if not data.strip() or data.strip() == BOM:
        yield file_result(display, "tom_fil", f"filen er tom; forventet {EXPECTED}", rejected=False)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        yield file_result(display, "ikke_utf8", f"filen er ikke gemt som UTF-8 (ulovligt tegn i linje {line}); "
                                                "gem den igen med tegnsættet UTF-8")
        return
    loader = _Loader()
    obj, error, _ = loader.loads(text)
    if error is not None:
        yield file_result(display, "ugyldig_json", f"filen kan ikke læses: {error}")
        return
    file_level = _duplicate_issues(display, None, loader.duplicates)
    if loader.sager_lists and isinstance(obj, dict):
        file_level.append(file_issue(
            display, "dobbelt_noegle",
            f"feltet 'sager' står {loader.sager_lists} gange i filen; sagerne fra alle listerne læses, men ret filen, "
            "så den har én 'sager'-liste", field="sager"))
    single = False
    prefix: tuple = ()
    if isinstance(obj, dict) and "sager" in obj:
        records = obj["sager"]
        prefix = ("sager",)
        for k in obj:
            if k != "sager":
                file_level.append(file_issue(display, "ukendt_felt",
                                             f"feltet '{k}' ved siden af 'sager' bruges ikke", severity="advarsel",
                                             field=str(k)))
        if not isinstance(records, list):
            file_level.append(file_issue(display, "ugyldig_struktur",
                                         f"'sager' skal være en liste af sager, men er {_kind(records)}",
                                         field="sager"))
            records = []
    elif isinstance(obj, dict):
        records = [obj]
        single = True
    elif isinstance(obj, list):
        records = obj
    else:
        yield file_result(display, "ugyldig_struktur", f"filen indeholder {_kind(obj)}; forventet {EXPECTED}")
        return
    if not records and not any(i.blocking for i in file_level):
        file_level.append(file_issue(display, "ingen_sager", "filen indeholder ingen sager (listen er tom)",
                                     severity="advarsel"))
    if file_level:
        yield ReadResult(None, [clean_issue(i) for i in file_level], SourceRef(file=display), file_level=True)
    keys = mapping.json_keys()
    for i, raw in enumerate(records):
        try:
            yield _json_record(raw, i, single, prefix, display, keys, state)
        except Exception as exc:  # noqa: BLE001 - a bug met in one record must not stop the others
            yield internal_error(display, exc, index=None if single else i)


def _json_record(raw: object, i: int, single: bool, prefix: tuple, display: str, keys: dict[str, str],
                 state: RunState) -> ReadResult:
    rec_prefix = () if single else prefix + (i,)
    raw, bad = normalise_raw(raw)
    raw, clashes = _apply_mapping(raw, keys)

    def locate(p: tuple, _pre: tuple = rec_prefix) -> Place:
        return Place(file=display, field=path_text(_pre + tuple(p)) or None)

    raw = mask_raw(raw)
    origin = SourceRef(file=display, index=None if single else i)
    case, issues = parse_record(raw, locate, origin=origin, event_origin=lambda j: SourceRef(file=display, index=j))
    return state.finish(case, issues, raw, locate, origin,
                        extra=_clash_issues(display, None, rec_prefix, clashes)
                        + _surrogate_issues(display, None, rec_prefix, bad))


PRETTY_JSON_MESSAGE = ("filen er almindelig JSON skrevet over flere linjer, ikke JSON Lines (én sag pr. linje); "
                       "den er læst som en .json-fil. Giv den endelsen .json, eller skriv hver sag på én linje")
_PRETTY_MAX_BYTES = 256 * 1024 * 1024


def whole_file_is_json(path: Path) -> bool:
    """True when a .jsonl file whose first line is no record is one JSON document (pretty-printed JSON)."""
    try:
        if path.stat().st_size > _PRETTY_MAX_BYTES:
            return False
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    obj, error, _ = _Loader().loads(text)
    return error is None and isinstance(obj, (dict, list))


def jsonl_lines(path: Path, display: str) -> Iterator[ReadResult | tuple[int, bytes]]:
    """The non-blank lines of a .jsonl file as (line number, bytes, without a leading BOM), streamed, or the
    file's own problems as ReadResults (UTF-16, a read error: then nothing more; no content: ``tom_fil``)."""
    seen_content = False
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; a generator cannot use 'with' across yields safely
    except OSError as exc:
        yield file_result(display, "laesefejl", os_error_text(exc))
        return
    try:
        if fh.read(2) in UTF16_BOMS:
            yield file_result(display, "ikke_utf8", UTF16_MESSAGE)
            return
        fh.seek(0)
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except OSError as exc:
                yield file_result(display, "laesefejl", f"{os_error_text(exc)} (efter linje {lineno})")
                return
            if not line:
                break
            lineno += 1
            if lineno == 1 and line.startswith(BOM):
                line = line[len(BOM):]
            if not line.strip():
                continue
            seen_content = True
            yield lineno, line
    finally:
        fh.close()
    if not seen_content:
        yield file_result(display, "tom_fil", "filen er tom; forventet én sag (et JSON-objekt) pr. linje",
                          rejected=False)


def is_json_error(result: Pending | ReadResult) -> bool:
    """Whether ``jsonl_line`` found the line to be no JSON at all."""
    return isinstance(result, ReadResult) and any(i.code == "ugyldig_json" for i in result.issues)


def read_jsonl(path: Path, display: str, mapping: ColumnMapping, state: RunState) -> Iterator[ReadResult]:
    keys = mapping.json_keys()
    loader = _Loader()
    first = True
    for item in jsonl_lines(path, display):
        if isinstance(item, ReadResult):
            yield item
            continue
        lineno, line = item
        result = jsonl_line(line, lineno, display, keys, loader)
        if first and is_json_error(result) and whole_file_is_json(path):
            yield file_result(display, "json_ikke_jsonl", PRETTY_JSON_MESSAGE, severity="advarsel")
            yield from read_json(path, display, mapping, state)
            return
        first = False
        yield state.settle(result) if isinstance(result, Pending) else result


def jsonl_line(line: bytes, lineno: int, display: str, keys: dict[str, str], loader: _Loader) -> Pending | ReadResult:
    """One line of a .jsonl file read: a record before the run-wide duplicate check (``RunState.settle``), or
    the line's problem. Needs no state of the run, so worker processes call it too (``audit.parallel``).

    A clean line (canonical keys, types and codes, nothing to mask, nothing to report) is read by
    ``audit.readers.fast``; every other line, and every line of a run with a mapping file, the careful way
    (``json.loads``, ``normalise_raw``/``mask_raw`` unless ``may_need_masking`` clears it, ``parse_record``)."""
    origin = SourceRef(file=display, row=lineno)
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return ReadResult(None, [clean_issue(file_issue(
            display, "ikke_utf8", "linjen er ikke gemt som UTF-8; gem filen igen med tegnsættet UTF-8",
            row=lineno))], origin)
    if not keys:  # no mapping file renames keys: a clean line is decoded straight into the Case
        try:
            fast = fast_line(line, lineno, display)
        except Exception as exc:  # noqa: BLE001 - a bug met in one line must not stop the others
            return internal_error(display, exc, row=lineno)
        if fast is not None:
            return fast
    obj, error, _ = loader.loads(text)
    if error is not None:
        msg = error.replace("(linje 1, tegn", "(tegn")
        return ReadResult(None, [clean_issue(file_issue(
            display, "ugyldig_json", f"linjen kan ikke læses: {msg}; de øvrige linjer læses", row=lineno))],
            origin)
    if not isinstance(obj, dict):
        return ReadResult(None, [clean_issue(file_issue(
            display, "ugyldig_struktur",
            f"linjen indeholder {_kind(obj)}; hver linje i en .jsonl-fil skal være én sag (et JSON-objekt)",
            row=lineno))], origin)
    try:
        return _jsonl_record(obj, lineno, display, keys, loader.duplicates, plain=not may_need_masking(line, obj))
    except Exception as exc:  # noqa: BLE001 - a bug met in one line must not stop the others
        return internal_error(display, exc, row=lineno)


# A line that matches none of these holds no CPR-like number (six digits not after a digit, then at most a
# separator and four digits; or nine digits, a number that lost its leading zero; or a number written with an
# exponent such as 1.01e9), no JSON \u escape (which could write digits or a lone surrogate) and no character
# above U+00FF (Unicode digits, dashes and combining marks are all above it; every character up to U+00FF is
# already in Unicode NFC). For such a line ``normalise_raw`` and ``mask_raw`` change nothing, so they are
# skipped; every other line gets them, field by field. The record's own ``cpr`` value (kept as given) is
# taken out of the line first, when it is ASCII and written there exactly as json.dumps writes it.
_MAY_NEED_MASKING = re.compile(rb"(?<![0-9])[0-9]{6}[^0-9]{0,14}[0-9]{4}|[0-9]{9}|\\u|[0-9.][eE]|[\xc4-\xff]")
# The same test, about 4x faster than one search with that pattern (Python's re tries every alternative at
# every byte): the line's bytes are mapped to classes (every digit to "0", "E" to "e", every byte from 0xC4 to
# 0xFF), so the escape, the exponent and the high bytes are plain substring tests; the pattern itself is then
# searched only from the start of each run of six or more digits (where its first two alternatives must
# begin) to 18 bytes past the run (the most its first alternative reads after six digits).
_CLASSES = bytes(48 if 48 <= b <= 57 else 101 if b == 69 else 255 if b >= 0xC4 else b for b in range(256))
_DIGIT_RUN = re.compile(rb"[0-9]+")


def may_need_masking(line: bytes, record: object = None) -> bool:
    """The byte-level prefilter: False only when masking and normalising ``record`` (the line decoded) would
    change nothing. Gives what ``_MAY_NEED_MASKING.search(line)`` gives (see ``_CLASSES``)."""
    cpr = record.get("cpr") if isinstance(record, dict) else None
    if isinstance(cpr, str) and cpr.isascii():  # ASCII: no surrogate, nothing to normalise (it is not masked)
        line = line.replace(json.dumps(cpr).encode(), b"", 1)
    classes = line.translate(_CLASSES)
    if b"\\u" in classes or b"0e" in classes or b".e" in classes or b"\xff" in classes:
        return True
    start = classes.find(b"000000")
    while start >= 0:
        end = _DIGIT_RUN.match(line, start).end()  # type: ignore[union-attr]
        if _MAY_NEED_MASKING.search(line, start, end + 18) is not None:
            return True
        start = classes.find(b"000000", end)
    return False


def _jsonl_record(obj: dict, lineno: int, display: str, keys: dict[str, str], duplicates: list[str], *,
                  plain: bool = False) -> Pending:
    origin = SourceRef(file=display, row=lineno)
    obj, bad = (obj, []) if plain else normalise_raw(obj)
    extra = _duplicate_issues(display, lineno, duplicates) + _surrogate_issues(display, lineno, (), bad)
    raw, clashes = _apply_mapping(obj, keys)
    extra += _clash_issues(display, lineno, (), clashes)

    def locate(p: tuple, _row: int = lineno) -> Place:
        return Place(file=display, row=_row, field=path_text(tuple(p)) or None)

    if not plain:
        raw = mask_raw(raw)
    case, issues = parse_record(raw, locate, origin=origin,
                                event_origin=lambda j: SourceRef(file=display, row=lineno, index=j))
    return prepare(case, issues, raw, locate, origin, extra=extra)
