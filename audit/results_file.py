"""The one reader of ``resultater.jsonl``: every line is decoded into a ``CaseResult`` (audit/contract.py).

A line that does not follow the contract is not guessed at: it becomes a ``LineProblem`` with its line
number and a Danish message that names the key and value that are wrong, with the JSON path from
msgspec (``$.punkter[0].svar``). What to do about it is the caller's policy: the reports skip the line,
report it and go on; ``audit compare`` stops.

The items' rule-set text (``nummer``, ``spoergsmaal``, ``kort``, ``hjemmel``: the same in every case) is not
in the lines: ``audit run`` writes it once, in ``regelsaet.json`` beside ``resultater.jsonl``
(``write_rule_set_texts``), and this reader puts it back into every item (``ItemTexts``), so every consumer
sees complete items. Where the run's ``regelsaet.json`` is missing (a results file copied on its own) the
text comes from the tool's own rule set with the same id; a line whose text is found in neither is a
``LineProblem``. Lines written before the change carry the text inline and are read as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import msgspec

from audit.contract import CaseResult, decode_line
from audit.privacy import mask_cpr

RESULTS_FILE = "resultater.jsonl"
RULE_SET_FILE = "regelsaet.json"


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
    """(line number, result or problem) for every non-blank line of the file; the items' rule-set text
    from the ``regelsaet.json`` beside the file (or the tool's own rule set with the same id)."""
    texts = ItemTexts.beside(path)
    with open(path, encoding="utf-8-sig", errors=errors) as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            yield lineno, decode(line, lineno, texts)


def decode(line: str | bytes, lineno: int = 0, texts: ItemTexts | None = None) -> CaseResult | LineProblem:
    """One line as a ``CaseResult`` with its items' rule-set text (from ``texts``; by default the tool's own
    rule sets), or the problem with it."""
    try:
        result = decode_line(line)
    except msgspec.ValidationError as exc:  # a subclass of DecodeError: first
        return LineProblem(lineno, validation_message(exc))
    except msgspec.DecodeError as exc:
        return LineProblem(lineno, json_error_message(exc))
    missing = (texts or BUNDLED_TEXTS).attach(result)
    return LineProblem(lineno, missing) if missing else result


def as_result(value: object) -> CaseResult | str:
    """A result given as a ``CaseResult`` or a plain dict (library callers), with its items' rule-set text
    (the tool's own rule set where it is left out); a Danish message if invalid."""
    if isinstance(value, CaseResult):
        result = value
    elif not isinstance(value, dict):
        return "er ikke et objekt"
    else:
        try:
            result = msgspec.convert(value, CaseResult)
        except msgspec.ValidationError as exc:
            return validation_message(exc)
    return BUNDLED_TEXTS.attach(result) or result


# --- the items' rule-set text (regelsaet.json) ----------------------------------------------------------

class ItemText(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """One item's text in the rule set: what every line of the run would otherwise repeat."""

    number: str = msgspec.field(name="nummer")
    question: str = msgspec.field(name="spoergsmaal")
    short: str = msgspec.field(name="kort")
    hjemmel: str


class RuleSetText(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    title: str = msgspec.field(name="titel")
    items: dict[str, ItemText] = msgspec.field(name="punkter")  # by item id, in the rule set's order


class RuleSetFile(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """``regelsaet.json``: the text of every item of the rule sets the run used, by rule-set id."""

    version: str
    rule_sets: dict[str, RuleSetText] = msgspec.field(name="regelsaet")


def rule_set_texts(rule_set_ids: Iterable[str]) -> RuleSetFile:
    """The text of the tool's rule sets with these ids (``ChecklistError`` for an unknown id)."""
    from audit import __version__
    from audit.rules.checklist import load_checklist

    out: dict[str, RuleSetText] = {}
    for rid in sorted(set(rule_set_ids)):
        cl = load_checklist(rid)
        out[rid] = RuleSetText(title=cl.title, items={
            it.id: ItemText(number=it.number, question=it.question, short=it.short, hjemmel=it.hjemmel)
            for it in cl.items})
    return RuleSetFile(version=__version__, rule_sets=out)


def write_rule_set_texts(out_dir: str | Path, rule_set_ids: Iterable[str]) -> Path:
    """Write ``regelsaet.json`` into a run folder (always, so no earlier run's file is left behind)."""
    from audit.io_utils import atomic_write_bytes

    path = Path(out_dir) / RULE_SET_FILE
    atomic_write_bytes(path, msgspec.json.format(msgspec.json.encode(rule_set_texts(rule_set_ids)), indent=2)
                       + b"\n")
    return path


_Text = tuple[str, str, str, str]  # nummer, spoergsmaal, kort, hjemmel


class ItemTexts:
    """Where a reader finds the items' rule-set text: the run's ``regelsaet.json`` (if given), then the tool's
    own rule set with the same id. Each is read at most once, and only when a line needs it."""

    def __init__(self, run_file: Path | None = None):
        self.run_file = run_file
        self._run: dict[str, dict[str, _Text]] | None = None
        self._run_problem = ""  # why the run's file could not be used (Danish), for the message
        self._cache: dict[str | None, dict[str, _Text] | None] = {}

    @classmethod
    def beside(cls, results_path: str | Path) -> ItemTexts:
        return cls(Path(results_path).with_name(RULE_SET_FILE))

    def _run_texts(self) -> dict[str, dict[str, _Text]]:
        if self._run is None:
            self._run = {}
            if self.run_file is not None and self.run_file.is_file():
                try:
                    loaded = msgspec.json.decode(self.run_file.read_bytes(), type=RuleSetFile)
                    self._run = {rid: {iid: (t.number, t.question, t.short, t.hjemmel) for iid, t in rs.items.items()}
                                 for rid, rs in loaded.rule_sets.items()}
                except (OSError, msgspec.DecodeError) as exc:  # ValidationError is a DecodeError
                    self._run_problem = f"{RULE_SET_FILE} ved siden af resultatfilen kan ikke læses ({_reason(exc)})"
        return self._run

    def rule_set(self, rule_set_id: str | None) -> dict[str, _Text] | None:
        """Item id -> text of the rule set ``rule_set_id``, or None when neither place has it."""
        if rule_set_id in self._cache:
            return self._cache[rule_set_id]
        found = self._run_texts().get(rule_set_id) if rule_set_id is not None else None
        if found is None and rule_set_id is not None:
            found = _bundled(rule_set_id)
        self._cache[rule_set_id] = found
        return found

    def attach(self, result: CaseResult) -> str:
        """Put the rule-set text into every item of ``result`` that lacks it (in place). Returns "" or, when
        the text is found nowhere, the Danish message for the line."""
        texts: dict[str, _Text] | None = None
        unset = msgspec.UNSET
        for it in result.items:
            absent = (it.number is unset, it.question is unset, it.short is unset, it.hjemmel is unset)
            if not any(absent):
                continue  # written with the text inline
            if texts is None:
                texts = self.rule_set(result.rule_set)
                if texts is None:
                    return self._missing(result.rule_set)
            text = texts.get(it.id)
            if text is None:
                return mask_cpr(f"punktet '{it.id}' findes ikke i regelsættet '{result.rule_set}', så dets tekst "
                                "(nummer, spørgsmål, hjemmel) kan ikke findes")
            if all(absent):  # as written by audit run
                it.number, it.question, it.short, it.hjemmel = text
            else:  # some keys written by hand: those stay
                for name, value, missing in zip(("number", "question", "short", "hjemmel"), text, absent, strict=True):
                    if missing:
                        setattr(it, name, value)
        return ""

    def _missing(self, rule_set_id: str | None) -> str:
        self._run_texts()
        why = f"; {self._run_problem}" if self._run_problem else ""
        if rule_set_id is None:
            return ("punkternes tekst (nummer, spørgsmål, hjemmel) mangler, og linjen angiver intet regelsæt "
                    f"('regelsaet' er null){why}")
        return mask_cpr(f"punkternes tekst (nummer, spørgsmål, hjemmel) mangler: regelsættet '{rule_set_id}' "
                        f"findes hverken i {RULE_SET_FILE} ved siden af resultatfilen eller blandt værktøjets "
                        f"regelsæt{why}")


def _bundled(rule_set_id: str) -> dict[str, _Text] | None:
    from audit.rules.checklist import ChecklistError, load_checklist

    try:
        cl = load_checklist(rule_set_id)
    except ChecklistError:
        return None
    return {it.id: (it.number, it.question, it.short, it.hjemmel) for it in cl.items}


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    if isinstance(exc, msgspec.ValidationError):
        return "følger ikke formatet"
    return "ikke gyldig JSON"


BUNDLED_TEXTS = ItemTexts()  # the tool's own rule sets only (for a result given without a file)


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
