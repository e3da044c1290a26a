"""The one reader of ``resultater.jsonl``: every line is decoded into a ``CaseResult`` (audit/contract.py).

A line that does not follow the contract is not guessed at: it becomes a ``LineProblem`` with its line
number and a Danish message that names the key and value that are wrong, with the JSON path from
msgspec (``$.punkter[0].svar``). What to do about it is the caller's policy: the reports skip the line,
report it and go on; ``audit compare`` stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import msgspec

from audit.contract import CaseResult, decode_line
from audit.privacy import mask_cpr

RESULTS_FILE = "resultater.jsonl"


@dataclass(frozen=True)
class LineProblem:
    """A line of the results file that is not a result (message in Danish, without file and line)."""

    line: int
    message: str


def read_results(path: str | Path, *, errors: str = "replace") -> tuple[list[tuple[int, CaseResult]],
                                                                         list[LineProblem]]:
    """Every result of the file with its line number, and every line that is not one.

    ``errors`` is how bytes that are not UTF-8 are read (``"strict"`` raises ``UnicodeDecodeError``).
    Raises ``OSError`` when the file cannot be opened.
    """
    results: list[tuple[int, CaseResult]] = []
    problems: list[LineProblem] = []
    for lineno, item in iter_results(path, errors=errors):
        if isinstance(item, LineProblem):
            problems.append(item)
        else:
            results.append((lineno, item))
    return results, problems


def iter_results(path: str | Path, *, errors: str = "replace") -> Iterator[tuple[int, CaseResult | LineProblem]]:
    """(line number, result or problem) for every non-blank line of the file."""
    with open(path, encoding="utf-8-sig", errors=errors) as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            yield lineno, decode(line, lineno)


def decode(line: str | bytes, lineno: int = 0) -> CaseResult | LineProblem:
    """One line as a ``CaseResult``, or the problem with it."""
    try:
        return decode_line(line)
    except msgspec.ValidationError as exc:  # a subclass of DecodeError: first
        return LineProblem(lineno, validation_message(exc))
    except msgspec.DecodeError as exc:
        return LineProblem(lineno, json_error_message(exc))


def as_result(value: object) -> CaseResult | str:
    """A result given as a ``CaseResult`` or a plain dict (library callers); a Danish message if invalid."""
    if isinstance(value, CaseResult):
        return value
    if not isinstance(value, dict):
        return "er ikke et objekt"
    try:
        return msgspec.convert(value, CaseResult)
    except msgspec.ValidationError as exc:
        return validation_message(exc)


# --- Danish messages -----------------------------------------------------------------------------------

_TYPES = {"object": "et objekt", "array": "en liste", "str": "tekst", "int": "et heltal",
          "float": "et decimaltal", "bool": "sand/falsk", "null": "null", "bytes": "bytes"}


def _type_da(spec: str) -> str:
    return " eller ".join(_TYPES.get(t.strip(), t.strip()) for t in spec.split("|"))


def json_error_message(exc: msgspec.DecodeError) -> str:
    text = str(exc)
    m = re.search(r"\(byte (\d+)\)", text)
    if m:
        return f"ikke gyldig JSON (fejl ved tegn {int(m.group(1)) + 1})"
    if "truncated" in text:
        return "ikke gyldig JSON (linjen slutter for tidligt)"
    if "UTF-8" in text:
        return "ikke gyldig JSON (ikke UTF-8-tekst)"
    return "ikke gyldig JSON"


def validation_message(exc: msgspec.ValidationError) -> str:
    """msgspec's message in Danish, with the JSON path kept: which key or value is wrong."""
    text = str(exc)
    detail, _, at = text.partition(" - at ")
    path = at.strip() or "`$`"
    where = f" ved {path}"
    if m := re.fullmatch(r"Expected `(.+)`, got `(.+)`", detail):
        if path == "`$`" and m.group(1) == "object":
            return "er ikke et JSON-objekt"
        found = f"forventede {_type_da(m.group(1))}, fandt {_type_da(m.group(2))}{where}"
    elif m := re.fullmatch(r"Object missing required field `(.+)`", detail):
        found = f"feltet '{m.group(1)}' mangler{where}"
    elif m := re.fullmatch(r"Invalid enum value (.+)", detail):
        allowed = _allowed_values(path.strip("`"))
        found = f"ugyldig værdi {m.group(1)}{where}" + (f" (tilladt: {', '.join(allowed)})" if allowed else "")
    else:
        found = f"{detail}{where}"
    return mask_cpr(f"følger ikke resultatformatet: {found}")


def _allowed_values(path: str) -> list[str]:
    """The codes an enum-valued key of ``CaseResult`` accepts, found by walking the JSON path."""
    info = msgspec.inspect.type_info(CaseResult)
    for part in re.findall(r"\.([^.\[]+)|\[[^\]]*\]", path.removeprefix("$")):
        info = _unwrap(info)
        if part:
            if not isinstance(info, msgspec.inspect.StructType):
                return []
            field = next((f for f in info.fields if f.encode_name == part), None)
            if field is None:
                return []
            info = field.type
        elif isinstance(info, msgspec.inspect.ListType | msgspec.inspect.DictType):
            info = info.item_type if isinstance(info, msgspec.inspect.ListType) else info.value_type
        else:
            return []
    info = _unwrap(info)
    return [str(v.value) for v in info.cls] if isinstance(info, msgspec.inspect.EnumType) else []


def _unwrap(info):
    if isinstance(info, msgspec.inspect.UnionType):
        rest = [t for t in info.types if not isinstance(t, msgspec.inspect.NoneType)]
        return rest[0] if len(rest) == 1 else info
    return info
