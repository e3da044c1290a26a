"""Engine scenarios as data: every file in ``tests/scenarios/`` (format: ``tests/scenarios/README.md``).

A scenario starts from a base case (``standard`` = ``casebuilder.BASE``, or a full case written inline),
applies its changes, audits the case and compares the result with ``forventet``. The format is strict:
an unknown key, item id, way of failing or answer, a key written twice, a change that matches no event,
or a case the reader warns about is an error naming the file and the scenario, so a typo cannot make a
scenario pass without testing anything.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))
from casebuilder import BASE  # noqa: E402

from audit.readers.parse import Place, parse_record  # noqa: E402
from audit.rules.engine import evaluate  # noqa: E402

TESTS = Path(__file__).resolve().parent
SCENARIO_DIR = TESTS / "scenarios"
BLOCKS_FILE = "byggeklodser.yaml"
CHECKLIST_FILE = TESTS.parent / "checklists" / "las-40a-2020.yaml"


def as_dict(r):
    """The engine's result as its dict form (the only place that knows the result type)."""
    return r if isinstance(r, dict) else r.to_dict()


# --- the vocabulary -----------------------------------------------------------------------------------

FILE_KEYS = ("beskrivelse", "grundsag", "scenarier")
SCENARIO_KEYS = ("navn", "beskrivelse", "grundsag", "ændringer", "forventet")
BLOCK_KEYS = ("beskrivelse", "ændringer")
OPERATIONS = ("brug", "fjern", "tilføj", "sæt_hændelse", "afgørelse", "felter", "slet")
EVENT_SELECT_KEYS = ("type", "hvor")
SET_EVENT_KEYS = ("type", "hvor", "felter")
BASE_CASES = {"standard": BASE}

CASE_EXPECT_KEYS = ("samlet", "kritik", "regelsaet", "kaede", "fakta")
ITEM_EXPECT_KEYS = ("svar", "virkning", "maader", "datoer", "begrundelse_indeholder",
                    "begrundelse_indeholder_ikke", "anbefalinger", "vejledende", "kilde", "beregnet", "vurdering")
LIST_EXPECT_KEYS = ("indeholder", "indeholder_ikke")
ANSWERS = ("ja", "nej", "ved_ikke", "ikke_relevant")
CONSEQUENCES = ("aendres", "hjemvises", "kritik", "bemaerkning")
VERDICTS = ("i_overensstemmelse", "aendres", "hjemvises", "uden_for_regelsaet")
CRITICISMS = ("kritik", "bemaerkning", "ingen")
SOURCES = ("beregnet", "vurdering")
CHAIN_KEYS = ("afgoerelse", "forudgaaende_sanktion", "vejledning_skaerpet", "ny_tilsidesaettelse",
              "tidligere_tilsidesaettelse")
FACT_KEYS = ("vaegt_paa", "laengde_maaneder", "laengde_begrundet", "vilje_vurderet", "relevante_forhold",
             "hensyn_til_maalgruppe", "begrundelse_forholdt_13_8", "forudgaaende_sanktion_korrekt", "tilbud_givet",
             "samme_dag")
COMPUTED_KEYS = ("svar", "virkning", "begrundelse")
REVIEW_KEYS = ("af", "bemaerkning")
NAME = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def _checklist() -> tuple[dict[str, set[str]], set[str]]:
    """Item id -> its ways (``maader``), and every recommendation id, read from the checklist file."""
    data = yaml.safe_load(CHECKLIST_FILE.read_text(encoding="utf-8"))
    ways = {p["id"]: set(p.get("maader") or {}) for p in data["punkter"]}
    recs = {r["id"] for r in (data.get("anbefalinger") or []) + (data.get("egne_anbefalinger") or [])}
    return ways, recs


ITEM_WAYS, RECOMMENDATIONS = _checklist()


class ScenarioError(Exception):
    """A scenario (or scenario file) that cannot be used; the message names the file and the scenario."""


class _StrictLoader(yaml.SafeLoader):
    """YAML that refuses a key written twice in one mapping (PyYAML would keep the last silently)."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                dup = key in seen
                seen.add(key)
            except TypeError:
                continue
            if dup:
                raise yaml.constructor.ConstructorError(
                    "i denne mapping", node.start_mark, f"nøglen {key!r} står to gange", key_node.start_mark)
        return super().construct_mapping(node, deep)


def _plain(value: Any, where: str) -> Any:
    """YAML values as in a JSON case: dates as ISO text (YAML reads 2021-03-12 as a date)."""
    if isinstance(value, dt.datetime):
        raise ScenarioError(f"{where}: {value} er et tidspunkt; skriv kun datoen (ÅÅÅÅ-MM-DD)")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, where) for v in value]
    return value


def _kind(value: Any) -> str:
    return {dict: "en mapping (nøgle: værdi)", list: "en liste", str: "en tekst", bool: "ja/nej (true/false)",
            type(None): "tom (null)"}.get(type(value), type(value).__name__)


def _mapping(value: Any, where: str, allowed: tuple[str, ...] | None = None,
             required: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        raise ScenarioError(f"{where}: skal være en mapping (nøgle: værdi), men er {_kind(value)}")
    if allowed is not None:
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" Mente du {close[0]!r}?" if close else ""
                raise ScenarioError(f"{where}: ukendt nøgle {key!r}.{hint} Tilladt: {', '.join(allowed)}")
    for key in required:
        if key not in value:
            raise ScenarioError(f"{where}: nøglen {key!r} mangler")
    return value


def _list(value: Any, where: str, *, nonempty: bool = True) -> list:
    if not isinstance(value, list):
        raise ScenarioError(f"{where}: skal være en liste, men er {_kind(value)}")
    if nonempty and not value:
        raise ScenarioError(f"{where}: listen er tom")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{where}: skal være en tekst, men er {_kind(value)}")
    return value


def _texts(value: Any, where: str) -> list[str]:
    """One text or a list of texts."""
    items = [value] if isinstance(value, str) else _list(value, where)
    return [_text(v, where) for v in items]


def _choice(value: Any, allowed: tuple, where: str) -> Any:
    if value not in allowed:
        raise ScenarioError(f"{where}: {value!r} er ikke en af {', '.join(str(a) for a in allowed)}")
    return value


# --- reading the files --------------------------------------------------------------------------------

@dataclass
class Scenario:
    file: str  # path relative to tests/, for messages
    name: str
    description: str
    base: dict
    changes: list[tuple[str, Any]]
    expected: dict

    @property
    def where(self) -> str:
        return f"{self.file}, scenarie {self.name!r}"


@dataclass
class Entry:
    """One pytest case: a scenario, or an error found while reading it."""

    id: str
    scenario: Scenario | None = None
    error: str | None = None


@dataclass
class Blocks:
    """Named lists of changes (``brug: navn``), from byggeklodser.yaml."""

    changes: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    errors: list[Entry] = field(default_factory=list)


def _read_yaml(path: Path, shown: str) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as e:
        raise ScenarioError(f"{shown}: ugyldig YAML: {e}") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"{shown}: filen er ikke gemt som UTF-8") from None


def _event_selector(value: Any, where: str) -> tuple[str, dict]:
    if isinstance(value, str):
        return _text(value, where), {}
    spec = _mapping(value, where, EVENT_SELECT_KEYS, ("type",))
    return _text(spec["type"], f"{where}.type"), _mapping(spec.get("hvor", {}), f"{where}.hvor")


def _changes(value: Any, where: str, block_names: set[str] | None) -> list[tuple[str, Any]]:
    """Validate a list of changes (each a mapping with exactly one operation)."""
    out: list[tuple[str, Any]] = []
    for i, step in enumerate(_list(value, where, nonempty=False), start=1):
        w = f"{where}[{i}]"
        _mapping(step, w, OPERATIONS)
        if len(step) != 1:
            raise ScenarioError(f"{w}: hver ændring er én handling ({', '.join(OPERATIONS)}); skriv dem som "
                                f"hver sit punkt i listen, ikke {', '.join(map(str, step))} i samme")
        (op, arg), = step.items()
        w = f"{w}.{op}"
        arg = _plain(arg, w)
        if op == "brug":
            _text(arg, w)
            if block_names is not None and arg not in block_names:
                close = difflib.get_close_matches(arg, sorted(block_names), n=1)
                hint = f" Mente du {close[0]!r}?" if close else ""
                raise ScenarioError(f"{w}: ukendt byggeklods {arg!r} ({BLOCKS_FILE}).{hint}")
        elif op == "fjern":
            arg = [_event_selector(s, f"{w}[{j}]") for j, s in enumerate(_list(arg, w), start=1)]
        elif op == "tilføj":
            for j, ev in enumerate(_list(arg, w), start=1):
                _mapping(ev, f"{w}[{j}]", required=("type", "dato"))
        elif op == "sæt_hændelse":
            spec = _mapping(arg, w, SET_EVENT_KEYS, ("type", "felter"))
            _text(spec["type"], f"{w}.type")
            _mapping(spec.get("hvor", {}), f"{w}.hvor")
            if not _mapping(spec["felter"], f"{w}.felter"):
                raise ScenarioError(f"{w}.felter: ingen felter at sætte")
        elif op == "afgørelse":
            if not _mapping(arg, w):
                raise ScenarioError(f"{w}: ingen felter at sætte")
        elif op == "felter":
            _mapping(arg, w)
            for key, how in (("hændelser", "fjern, tilføj og sæt_hændelse"), ("afgørelse", "afgørelse")):
                if key in arg:
                    raise ScenarioError(f"{w}: {key!r} ændres med {how}, ikke med felter")
        elif op == "slet":
            for j, path in enumerate(_list(arg, w), start=1):
                _text(path, f"{w}[{j}]")
        out.append((op, arg))
    return out


def _list_expectation(value: Any, where: str, allowed: set[str], what: str) -> Any:
    """An exact list (order does not matter), or {indeholder: [...], indeholder_ikke: [...]}."""
    if isinstance(value, list):
        names = value
    else:
        spec = _mapping(value, where, LIST_EXPECT_KEYS)
        if not spec:
            raise ScenarioError(f"{where}: angiv indeholder og/eller indeholder_ikke")
        names = [n for k in LIST_EXPECT_KEYS for n in _list(spec.get(k, []), f"{where}.{k}", nonempty=False)]
    for n in names:
        if n not in allowed:
            close = difflib.get_close_matches(str(n), sorted(allowed), n=1)
            hint = f" Mente du {close[0]!r}?" if close else ""
            raise ScenarioError(f"{where}: {n!r} er ikke {what}.{hint}")
    return value


def _item_expectation(item_id: str, value: Any, where: str) -> dict:
    exp = _mapping(value, where, ITEM_EXPECT_KEYS)
    if not exp:
        raise ScenarioError(f"{where}: intet at kontrollere")
    if "svar" in exp:
        _choice(exp["svar"], ANSWERS, f"{where}.svar")
    if "virkning" in exp:
        _choice(exp["virkning"], (*CONSEQUENCES, None), f"{where}.virkning")
    if "maader" in exp:
        _list_expectation(exp["maader"], f"{where}.maader", ITEM_WAYS[item_id],
                          f"en af punktets måder i tjeklisten ({', '.join(sorted(ITEM_WAYS[item_id]))})")
    if "anbefalinger" in exp:
        _list_expectation(exp["anbefalinger"], f"{where}.anbefalinger", RECOMMENDATIONS,
                          "en anbefaling i tjeklisten")
    if "datoer" in exp:
        for d in _list(exp["datoer"], f"{where}.datoer"):
            if not (isinstance(d, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)):
                raise ScenarioError(f"{where}.datoer: {d!r} er ikke en dato (ÅÅÅÅ-MM-DD)")
    for key in ("begrundelse_indeholder", "begrundelse_indeholder_ikke"):
        if key in exp:
            exp[key] = _texts(exp[key], f"{where}.{key}")
    if "vejledende" in exp:
        _choice(exp["vejledende"], (True, False), f"{where}.vejledende")
    if "kilde" in exp:
        _choice(exp["kilde"], SOURCES, f"{where}.kilde")
    if "beregnet" in exp:
        b = _mapping(exp["beregnet"], f"{where}.beregnet", COMPUTED_KEYS)
        if "svar" in b:
            _choice(b["svar"], ANSWERS, f"{where}.beregnet.svar")
        if "virkning" in b:
            _choice(b["virkning"], (*CONSEQUENCES, None), f"{where}.beregnet.virkning")
    if "vurdering" in exp:
        _mapping(exp["vurdering"], f"{where}.vurdering", REVIEW_KEYS)
    return exp


def _expected(value: Any, where: str) -> dict:
    exp = _plain(_mapping(value, where, (*CASE_EXPECT_KEYS, *ITEM_WAYS)), where)
    if not exp:
        raise ScenarioError(f"{where}: intet at kontrollere")
    if "samlet" in exp:
        _choice(exp["samlet"], VERDICTS, f"{where}.samlet")
    if "kritik" in exp:
        _choice(exp["kritik"], CRITICISMS, f"{where}.kritik")
    if "kaede" in exp:
        _mapping(exp["kaede"], f"{where}.kaede", CHAIN_KEYS)
    if "fakta" in exp:
        _mapping(exp["fakta"], f"{where}.fakta", FACT_KEYS)
    for item_id in ITEM_WAYS:
        if item_id in exp:
            exp[item_id] = _item_expectation(item_id, exp[item_id], f"{where}.{item_id}")
    return exp


def _base_case(value: Any, where: str) -> dict:
    if isinstance(value, str):
        if value not in BASE_CASES:
            raise ScenarioError(f"{where}: ukendt grundsag {value!r}; brug {', '.join(BASE_CASES)} eller skriv "
                                "hele sagen")
        return BASE_CASES[value]
    case = _plain(_mapping(value, where, required=("hændelser", "afgørelse")), where)
    _list(case["hændelser"], f"{where}.hændelser", nonempty=False)
    _mapping(case["afgørelse"], f"{where}.afgørelse")
    return case


def load_blocks(directory: Path = SCENARIO_DIR) -> Blocks:
    out = Blocks()
    path = directory / BLOCKS_FILE
    shown = _shown(path)
    if not path.exists():
        return out
    try:
        data = _mapping(_read_yaml(path, shown), shown)
    except ScenarioError as e:
        out.errors.append(Entry(f"{path.stem}::(filen)", error=str(e)))
        return out
    names = set(data)
    for name, spec in data.items():
        where = f"{shown}, byggeklods {name!r}"
        try:
            if not (isinstance(name, str) and NAME.match(name)):
                raise ScenarioError(f"{where}: navnet skal bestå af a-z, 0-9 og _ (æ/ø/å skrives ae/oe/aa)")
            spec = _mapping(spec, where, BLOCK_KEYS, BLOCK_KEYS)
            _text(spec["beskrivelse"], f"{where}.beskrivelse")
            out.changes[name] = _changes(spec["ændringer"], f"{where}.ændringer", names)
            out.descriptions[name] = spec["beskrivelse"]
        except ScenarioError as e:
            out.errors.append(Entry(f"{path.stem}::{name}", error=str(e)))
    return out


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(TESTS.parent))
    except ValueError:
        return str(path)


def load_file(path: Path, block_names: set[str]) -> list[Entry]:
    """The scenarios of one file; an unreadable file or scenario becomes an Entry with its error."""
    shown = _shown(path)
    stem = path.stem
    try:
        data = _mapping(_read_yaml(path, shown), shown, FILE_KEYS, ("scenarier",))
        file_base = _base_case(data.get("grundsag", "standard"), f"{shown}.grundsag")
        scenarios = _list(data["scenarier"], f"{shown}.scenarier")
    except ScenarioError as e:
        return [Entry(f"{stem}::(filen)", error=str(e))]
    entries: list[Entry] = []
    seen: set[str] = set()
    for i, raw in enumerate(scenarios, start=1):
        name = raw.get("navn") if isinstance(raw, dict) else None
        label = name if isinstance(name, str) and name else f"nr. {i}"
        where = f"{shown}, scenarie {label!r}"
        entry_id = f"{stem}::{label if isinstance(name, str) and NAME.match(name) else f'nr_{i}'}"
        try:
            sc = _mapping(raw, where, SCENARIO_KEYS, ("navn", "beskrivelse", "forventet"))
            if not (isinstance(name, str) and NAME.match(name)):
                raise ScenarioError(f"{where}: navn skal bestå af a-z, 0-9 og _ (æ/ø/å skrives ae/oe/aa)")
            if name in seen:
                raise ScenarioError(f"{where}: navnet er brugt af et andet scenarie i filen")
            seen.add(name)
            entries.append(Entry(entry_id, scenario=Scenario(
                file=shown, name=name,
                description=_text(sc["beskrivelse"], f"{where}.beskrivelse"),
                base=_base_case(sc["grundsag"], f"{where}.grundsag") if "grundsag" in sc else file_base,
                changes=_changes(sc.get("ændringer", []), f"{where}.ændringer", block_names),
                expected=_expected(sc["forventet"], f"{where}.forventet"),
            )))
        except ScenarioError as e:
            if entry_id in {x.id for x in entries}:
                entry_id = f"{stem}::nr_{i}"
            entries.append(Entry(entry_id, error=str(e)))
    return entries


def load_all(directory: Path = SCENARIO_DIR) -> tuple[list[Entry], Blocks]:
    blocks = load_blocks(directory)
    entries = list(blocks.errors)
    for path in sorted(directory.glob("*.yaml")):
        if path.name != BLOCKS_FILE:
            entries += load_file(path, set(blocks.changes))
    return entries, blocks


# --- building the case ----------------------------------------------------------------------------------

def _matches(event: dict, kind: str, where_: dict) -> bool:
    return event.get("type") == kind and all(event.get(k) == v for k, v in where_.items())


def _describe(kind: str, where_: dict) -> str:
    return f"typen {kind!r}" + (f" med {where_}" if where_ else "")


def _merge(target: dict, changes: dict) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def apply_changes(raw: dict, changes: list[tuple[str, Any]], blocks: Blocks, where: str, depth: int = 0) -> dict:
    """Apply validated changes to a case (in place); raises ScenarioError naming ``where``."""
    if depth > 10:
        raise ScenarioError(f"{where}: byggeklodserne bruger hinanden i ring")
    events: list[dict] = raw["hændelser"]
    for op, arg in changes:
        w = f"{where}, {op}"
        if op == "brug":
            apply_changes(raw, blocks.changes[arg], blocks, f"{where}, byggeklods {arg!r}", depth + 1)
        elif op == "fjern":
            for kind, sel in arg:
                keep = [e for e in events if not _matches(e, kind, sel)]
                if len(keep) == len(events):
                    raise ScenarioError(f"{w}: ingen hændelse af {_describe(kind, sel)}")
                events[:] = keep
        elif op == "tilføj":
            events.extend(copy.deepcopy(arg))
        elif op == "sæt_hændelse":
            hits = [e for e in events if _matches(e, arg["type"], arg.get("hvor", {}))]
            if not hits:
                raise ScenarioError(f"{w}: ingen hændelse af {_describe(arg['type'], arg.get('hvor', {}))}")
            for e in hits:
                e.update(copy.deepcopy(arg["felter"]))
        elif op == "afgørelse":
            _merge(raw["afgørelse"], arg)
        elif op == "felter":
            raw.update(copy.deepcopy(arg))
        elif op == "slet":
            for path in arg:
                *parents, last = path.split(".")
                node = raw
                for p in parents:
                    node = node.get(p) if isinstance(node, dict) else None
                if not isinstance(node, dict) or last not in node:
                    raise ScenarioError(f"{w}: feltet {path!r} findes ikke i sagen")
                del node[last]
    return raw


def build_case(sc: Scenario, blocks: Blocks) -> dict:
    return apply_changes(copy.deepcopy(sc.base), sc.changes, blocks, sc.where)


def audit_scenario(sc: Scenario, blocks: Blocks) -> dict:
    raw = build_case(sc, blocks)
    case, issues = parse_record(raw, lambda path: Place(sc.file))
    if issues or case is None:
        raise ScenarioError(f"{sc.where}: sagen kan ikke bruges, som den er skrevet (hver fejl og advarsel "
                            "stopper et scenarie):\n  " + "\n  ".join(i.line() for i in issues))
    return as_dict(evaluate(case))


# --- comparing ------------------------------------------------------------------------------------------

def _check_list(got: list, exp: Any, what: str) -> list[str]:
    if isinstance(exp, list):
        if sorted(got) != sorted(exp):
            return [f"{what} er {got}, forventet {exp} (rækkefølgen er ligegyldig)"]
        return []
    out = []
    missing = [x for x in exp.get("indeholder", []) if x not in got]
    present = [x for x in exp.get("indeholder_ikke", []) if x in got]
    if missing:
        out.append(f"{what} er {got}, men skulle indeholde {missing}")
    if present:
        out.append(f"{what} er {got}, men må ikke indeholde {present}")
    return out


def _check_subset(got: dict | None, exp: dict, what: str) -> list[str]:
    got = got or {}
    return [f"{what}.{k} er {got.get(k)!r}, forventet {v!r}" for k, v in exp.items() if got.get(k) != v]


def check(result: dict, exp: dict) -> list[str]:
    """Every difference between a result and its expectation, in Danish."""
    problems: list[str] = []
    for key in ("samlet", "kritik", "regelsaet"):
        if key in exp and result.get(key) != exp[key]:
            problems.append(f"{key} er {result.get(key)!r}, forventet {exp[key]!r}")
    for key in ("kaede", "fakta"):
        if key in exp:
            problems += _check_subset(result.get(key), exp[key], key)
    points = {p["id"]: p for p in result.get("punkter") or []}
    for item_id in ITEM_WAYS:
        if item_id not in exp:
            continue
        e = exp[item_id]
        p = points.get(item_id)
        if p is None:
            problems.append(f"{item_id}: punktet er ikke i resultatet")
            continue
        mine: list[str] = []
        for key in ("svar", "virkning", "vejledende", "kilde"):
            if key in e and p.get(key) != e[key]:
                mine.append(f"{key} er {p.get(key)!r}, forventet {e[key]!r}")
        for key in ("maader", "anbefalinger"):
            if key in e:
                mine += _check_list(list(p.get(key) or []), e[key], key)
        if "datoer" in e:
            absent = [d for d in e["datoer"] if d not in (p.get("datoer") or [])]
            if absent:
                mine.append(f"datoer er {p.get('datoer')}, mangler {absent}")
        text = p.get("begrundelse") or ""
        mine += [f"begrundelsen nævner ikke {s!r}" for s in e.get("begrundelse_indeholder", []) if s not in text]
        mine += [f"begrundelsen nævner {s!r}" for s in e.get("begrundelse_indeholder_ikke", []) if s in text]
        for key in ("beregnet", "vurdering"):
            if key in e:
                mine += _check_subset(p.get(key), e[key], key)
        if mine:
            problems.append(f"{item_id}: " + "; ".join(mine) + f"\n    begrundelse: {text}")
    return problems


# --- the tests -----------------------------------------------------------------------------------------

ENTRIES, BLOCKS = load_all()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_scenario(entry: Entry):
    if entry.error:
        pytest.fail(entry.error, pytrace=False)
    sc = entry.scenario
    try:
        result = audit_scenario(sc, BLOCKS)
    except ScenarioError as e:
        pytest.fail(str(e), pytrace=False)
    problems = check(result, sc.expected)
    if problems:
        pytest.fail(f"{sc.where} ({sc.description.strip()}):\n  " + "\n  ".join(problems), pytrace=False)


def test_there_are_scenarios():
    assert len([e for e in ENTRIES if e.scenario]) >= 100


# --- the format itself: a malformed file fails with a message naming file and scenario -------------------

GOOD = """\
scenarier:
  - navn: ingen_visitation
    beskrivelse: Uden visitation er målgruppen ikke fastlagt.
    ændringer:
      - fjern: [visitation]
    forventet:
      samlet: hjemvises
      maalgruppe: {svar: nej, virkning: hjemvises, maader: [ingen_visitation]}
"""


def _entries(tmp_path: Path, text: str, blocks: str | None = None) -> list[Entry]:
    (tmp_path / "maalgruppe.yaml").write_text(text, encoding="utf-8")
    if blocks is not None:
        (tmp_path / BLOCKS_FILE).write_text(blocks, encoding="utf-8")
    return load_all(tmp_path)[0]


def _run(tmp_path: Path, text: str, blocks: str | None = None) -> str:
    """The first error of the file (loading or running), or '' if its scenarios pass."""
    entries = _entries(tmp_path, text, blocks)
    for e in entries:
        if e.error:
            return e.error
        try:
            problems = check(audit_scenario(e.scenario, load_blocks(tmp_path)), e.scenario.expected)
        except ScenarioError as err:
            return str(err)
        if problems:
            return "\n".join(problems)
    return ""


def test_format_good_file_passes(tmp_path):
    entries = _entries(tmp_path, GOOD)
    assert [e.id for e in entries] == ["maalgruppe::ingen_visitation"]
    assert _run(tmp_path, GOOD) == ""


def test_format_wrong_expectation_fails_with_reason(tmp_path):
    msg = _run(tmp_path, GOOD.replace("samlet: hjemvises", "samlet: aendres"))
    assert "samlet er 'hjemvises', forventet 'aendres'" in msg


@pytest.mark.parametrize("old,new,expected", [
    ("forventet:", "forventt:", "ukendt nøgle 'forventt'. Mente du 'forventet'?"),
    ("maalgruppe: {", "maalgrupe: {", "ukendt nøgle 'maalgrupe'"),
    ("svar: nej,", "svaret: nej,", "ukendt nøgle 'svaret'"),
    ("svar: nej,", "svar: no,", "False er ikke en af ja, nej"),
    ("[ingen_visitation]", "[ingen_visitatio]", "'ingen_visitatio' er ikke en af punktets måder"),
    ("- fjern:", "- fjernn:", "ukendt nøgle 'fjernn'"),
    ("    ændringer:\n", "    ændringer:\n      - brug: aktivitetparat\n", "ukendt byggeklods 'aktivitetparat'"),
    ("navn: ingen_visitation", "navn: Ingen visitation", "navn skal bestå af a-z"),
    ("      samlet: hjemvises\n", "      samlet: hjemvises\n      samlet: aendres\n", "nøglen 'samlet' står to gange"),
    ("virkning: hjemvises,", "virkning: hjemvist,", "'hjemvist' er ikke en af"),
    ("    beskrivelse: Uden visitation er målgruppen ikke fastlagt.\n", "", "nøglen 'beskrivelse' mangler"),
], ids=["scenarie_noegle", "punkt_id", "punkt_noegle", "svar_no", "maade", "handling", "byggeklods", "navn",
        "dobbelt_noegle", "virkning", "beskrivelse_mangler"])
def test_format_errors_name_file_and_scenario(tmp_path, old, new, expected):
    assert old in GOOD
    msg = _run(tmp_path, GOOD.replace(old, new))
    assert "maalgruppe.yaml" in msg and ("'ingen_visitation'" in msg or "'Ingen visitation'" in msg
                                         or "ugyldig YAML" in msg), msg
    assert expected in msg, msg


def test_format_duplicate_name_and_empty_expectation(tmp_path):
    two = GOOD + GOOD.split("scenarier:\n", 1)[1]
    entries = _entries(tmp_path, two)
    assert entries[0].scenario and "navnet er brugt af et andet scenarie" in entries[1].error
    assert "intet at kontrollere" in _run(tmp_path, GOOD.split("    forventet:")[0] + "    forventet: {}\n")


@pytest.mark.parametrize("change,expected", [
    ("- fjern: [{type: partshøring, hvor: {vedrører: 2021-11-09}}]",
     "fjern: ingen hændelse af typen 'partshøring' med {'vedrører': '2021-11-09'}"),
    ("- sæt_hændelse: {type: visitation, hvor: {dato: 2021-03-02}, felter: {dato: 2021-03-03}}",
     "sæt_hændelse: ingen hændelse af typen 'visitation'"),
    ("- sæt_hændelse: {type: visitation, felter: {maalgruppe: aktivitetsparat}}",
     "sagen kan ikke bruges"),
    ("- slet: [afgørelse.forholdt_til_maalgruppe]", "feltet 'afgørelse.forholdt_til_maalgruppe' findes ikke"),
], ids=["fjern", "saet_haendelse", "ukendt_felt_i_sagen", "slet"])
def test_format_changes_that_do_nothing_are_errors(tmp_path, change, expected):
    text = GOOD.replace("      - fjern: [visitation]", "      " + change)
    msg = _run(tmp_path, text)
    assert "maalgruppe.yaml, scenarie 'ingen_visitation'" in msg and expected in msg, msg


def test_format_unreadable_file_is_one_failing_case(tmp_path):
    entries = _entries(tmp_path, "scenarier: [\n")
    assert [e.id for e in entries] == ["maalgruppe::(filen)"]
    assert "maalgruppe.yaml: ugyldig YAML" in entries[0].error
    entries = _entries(tmp_path, "scenarie: []\n")
    assert "ukendt nøgle 'scenarie'. Mente du 'scenarier'?" in entries[0].error


def test_format_blocks_are_applied_and_checked(tmp_path):
    blocks = ("uden_visitation:\n  beskrivelse: Fjerner visitationen.\n  ændringer:\n"
              "    - fjern: [visitation]\n")
    text = GOOD.replace("      - fjern: [visitation]", "      - brug: uden_visitation")
    assert _run(tmp_path, text, blocks) == ""
    bad = blocks.replace("fjern:", "fjen:")
    entries = _entries(tmp_path, text, bad)
    assert any(e.error and "byggeklodser.yaml, byggeklods 'uden_visitation'" in e.error
               and "ukendt nøgle 'fjen'" in e.error for e in entries)


def test_format_inline_base_case(tmp_path):
    case = copy.deepcopy(BASE)
    case["hændelser"] = [e for e in case["hændelser"] if e["type"] != "visitation"]
    inline = yaml.safe_dump({"grundsag": case}, allow_unicode=True, sort_keys=False)
    text = inline + GOOD.replace("      - fjern: [visitation]\n", "").replace("    ændringer:\n", "")
    assert "grundsag:" in text and "fjern" not in text
    assert _run(tmp_path, text) == ""
    msg = _run(tmp_path, "grundsag: {sagsnummer: X}\n" + GOOD)
    assert "maalgruppe.yaml.grundsag: nøglen 'hændelser' mangler" in msg, msg
