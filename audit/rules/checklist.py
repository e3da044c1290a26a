"""Loading the checklist definitions in ``checklists/`` (one YAML file per rule set).

A rule set is chosen by the decision's date (``gyldig_fra`` / ``gyldig_til``); the engine reads
every question, hjemmel, parameter, legal constant and consequence from here, so a change of law is a
new file (or a new dated parameter value). The file is the whole rule set: which items there are,
which test each uses (``regel``, default its id; see ``audit.rules.registry``), whom each applies to
(``gælder``), the constants a test needs (item keys such as ``elementer``, ``kanaler``), and the
parameters with their dated values (``parametre``, resolved for the decision's date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from audit.contract import (
    DEFAULT_PRECEDENCE,
    Answer,
    Consequence,
    Criticism,
    Verdict,
    VerdictPrecedence,
    VerdictRule,
)
from audit.resources import checklists_dir

ANSWERS = tuple(a.value for a in Answer)
CONSEQUENCES = tuple(c.value for c in Consequence)


class ChecklistError(ValueError):
    """A checklist file that does not follow the format (message in Danish)."""


@dataclass(frozen=True)
class Way:
    """One way an item can fail: the answer it gives and its consequence."""

    code: str
    answer: str
    consequence: str | None
    recommendations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    number: str
    question: str
    short: str
    hjemmel: str
    applies: str
    advisory: bool
    recommendations: tuple[str, ...]
    tjekliste: tuple[str, ...]
    ways: dict[str, Way]
    prior_recommendations: tuple[str, ...] = ()
    rule: str = ""  # the test in the rule registry (``regel``); defaults to the item's id
    constants: dict = field(default_factory=dict)  # the legal constants the test reads (e.g. elementer)

    def __post_init__(self):
        if not self.rule:
            object.__setattr__(self, "rule", self.id)


@dataclass(frozen=True)
class Recommendation:
    id: str
    box: str
    chapter: str
    box_title: str
    text: str
    source: str = "Ankestyrelsen, Praksisundersøgelse om skærpet rådighedssanktion (2023)"


@dataclass(frozen=True)
class TjeklistePoint:
    number: str
    text: str


@dataclass(frozen=True)
class Reference:
    """Where a parameter (or one of its values) comes from."""

    title: str = ""
    source: str = ""


@dataclass(frozen=True)
class ParameterValue:
    start: date
    value: int
    reference: Reference | None = None


@dataclass(frozen=True)
class Parameter:
    """A named number of the rule set with dated values (OpenFisca style): the value in force on a date
    is the one with the latest start on or before it."""

    name: str
    unit: str
    note: str
    reference: Reference | None
    values: tuple[ParameterValue, ...]  # sorted by start

    def on(self, when: date) -> int:
        current = [v for v in self.values if v.start <= when]
        if not current:
            raise ChecklistError(f"parameteren '{self.name}' har ingen værdi den {when.isoformat()}")
        return current[-1].value

    @property
    def latest(self) -> int:
        return self.values[-1].value


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    valid_from: date
    valid_to: date | None
    source: str
    parameters: dict[str, int]  # the latest value of each parameter (what a summary shows)
    parameter_notes: dict[str, str]
    interpretations: dict[str, str]
    items: tuple[Item, ...]
    recommendations: dict[str, Recommendation]
    tjekliste: tuple[TjeklistePoint, ...]
    tjekliste_title: str
    path: Path
    precedence: VerdictPrecedence = DEFAULT_PRECEDENCE
    parameter_defs: dict[str, Parameter] = field(default_factory=dict)

    def parameter(self, name: str, on: date) -> int:
        """The value of parameter ``name`` in force on the date ``on`` (the decision's date)."""
        if name not in self.parameter_defs:
            raise ChecklistError(f"{self.path.name}: parameteren '{name}' findes ikke")
        return self.parameter_defs[name].on(on)

    def parameters_on(self, on: date) -> dict[str, int]:
        """Every parameter's value in force on the date ``on``."""
        return {name: p.on(on) for name, p in self.parameter_defs.items()}

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def covers(self, d: date) -> bool:
        return d >= self.valid_from and (self.valid_to is None or d <= self.valid_to)


def _req(d: dict, key: str, where: str):
    if key not in d:
        raise ChecklistError(f"{where}: feltet '{key}' mangler")
    return d[key]


_ITEM_KEYS = {"id", "nummer", "tjekliste", "spørgsmål", "kort", "hjemmel", "gælder", "vejledende", "anbefalinger",
              "anbefalinger_forudgaaende", "maader", "regel"}


def parse_checklist(data: dict, path: Path) -> Checklist:
    """A checklist from the YAML file's data; ``path`` names it in messages. Raises ChecklistError (Danish)."""
    where = path.name
    if not isinstance(data, dict):
        raise ChecklistError(f"{where}: filen indeholder ikke en tjekliste")
    recs: dict[str, Recommendation] = {}
    for r in _req(data, "anbefalinger", where):
        recs[r["id"]] = Recommendation(id=r["id"], box=r["boks"], chapter=r["kapitel"],
                                       box_title=r["afsnit"], text=r["tekst"])
    for r in data.get("egne_anbefalinger", []):
        recs[r["id"]] = Recommendation(id=r["id"], box="egen", chapter="", box_title="Værktøjets anbefaling",
                                       text=" ".join(r["tekst"].split()), source=r["kilde"])
    items = []
    for raw in _req(data, "punkter", where):
        iw = f"{where}, punkt {raw.get('id')}"
        ways = {}
        for code, w in _req(raw, "maader", iw).items():
            if w["svar"] not in ANSWERS or (w.get("virkning") not in (None, *CONSEQUENCES)):
                raise ChecklistError(f"{iw}: ugyldigt svar eller virkning i '{code}'")
            ways[code] = Way(code=code, answer=w["svar"], consequence=w.get("virkning"),
                             recommendations=tuple(w.get("anbefalinger", ())))
        item = Item(
            id=_req(raw, "id", where), number=str(_req(raw, "nummer", iw)),
            question=" ".join(_req(raw, "spørgsmål", iw).split()),
            short=_req(raw, "kort", iw), hjemmel=_req(raw, "hjemmel", iw), applies=_req(raw, "gælder", iw),
            advisory=bool(raw.get("vejledende", False)), recommendations=tuple(raw.get("anbefalinger", ())),
            tjekliste=tuple(raw.get("tjekliste", ())), ways=ways,
            prior_recommendations=tuple(raw.get("anbefalinger_forudgaaende", ())),
            rule=str(raw.get("regel") or raw["id"]),
            constants={k: v for k, v in raw.items() if k not in _ITEM_KEYS},
        )
        for rid in (*item.recommendations, *item.prior_recommendations,
                    *(r for w in ways.values() for r in w.recommendations)):
            if rid not in recs:
                raise ChecklistError(f"{iw}: anbefalingen '{rid}' findes ikke")
        items.append(item)
    ids = [i.id for i in items]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ChecklistError(f"{where}: punkterne {', '.join(twice)} er defineret mere end én gang")
    valid_from = _req(data, "gyldig_fra", where)
    if not isinstance(valid_from, date):
        raise ChecklistError(f"{where}: 'gyldig_fra' skal være en dato (ÅÅÅÅ-MM-DD)")
    defs = {str(k): _parameter(str(k), v, valid_from, where) for k, v in (data.get("parametre") or {}).items()}
    tj = data.get("tjekliste", {})
    checklist = Checklist(
        id=_req(data, "id", where), title=_req(data, "titel", where),
        valid_from=valid_from, valid_to=data.get("gyldig_til"),
        source=" ".join(str(data.get("kilde", "")).split()),
        parameters={k: p.latest for k, p in defs.items()},
        parameter_notes={k: p.note for k, p in defs.items()},
        interpretations={f["id"]: " ".join(f["tekst"].split()) for f in data.get("fortolkninger", [])},
        items=tuple(items), recommendations=recs,
        tjekliste=tuple(TjeklistePoint(p["nr"], p["tekst"]) for p in tj.get("punkter", [])),
        tjekliste_title=tj.get("titel", ""), path=path,
        precedence=_precedence(data.get("samlet_vurdering"), where),
        parameter_defs=defs,
    )
    from audit.rules.registry import check_checklist  # the registry imports this module

    check_checklist(checklist)
    return checklist


def _reference(raw: object) -> Reference | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return Reference(source=" ".join(raw.split()))
    return Reference(title=" ".join(str(raw.get("titel", "")).split()),
                     source=" ".join(str(raw.get("kilde", "")).split()))


def _parameter(name: str, raw: dict, valid_from: date, where: str) -> Parameter:
    """One parameter: ``værdier`` maps a start date to ``{værdi, reference}`` (or a bare number); the old
    form with one ``værdi`` counts from the rule set's ``gyldig_fra``."""
    pw = f"{where}, parameter {name}"
    try:
        dated = raw.get("værdier")
        if dated is None:
            dated = {valid_from: {"værdi": _req(raw, "værdi", pw)}}
        values = []
        for start, v in dated.items():
            if not isinstance(start, date):
                raise ChecklistError(f"{pw}: '{start}' under 'værdier' er ikke en dato (ÅÅÅÅ-MM-DD)")
            v = v if isinstance(v, dict) else {"værdi": v}
            values.append(ParameterValue(start=start, value=int(v["værdi"]), reference=_reference(v.get("reference"))))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ChecklistError):
            raise
        raise ChecklistError(f"{pw}: kan ikke læses ({exc})") from None
    values.sort(key=lambda v: v.start)
    if not values or values[0].start > valid_from:
        raise ChecklistError(f"{pw}: der skal være en værdi fra regelsættets gyldig_fra ({valid_from.isoformat()})")
    return Parameter(name=name, unit=str(raw.get("enhed", "")), note=" ".join(str(raw.get("forklaring", "")).split()),
                     reference=_reference(raw.get("reference")), values=tuple(values))


def _precedence(raw: dict | None, where: str) -> VerdictPrecedence:
    """``samlet_vurdering``: the verdict rule as data (first matching step wins)."""
    if raw is None:
        return DEFAULT_PRECEDENCE
    try:
        def steps(key: str, kind: type) -> tuple[VerdictRule, ...]:
            out = []
            for step in raw[key]:
                outcome = kind(step["udfald"]).value
                when = tuple((Answer(c["svar"]), Consequence(c["virkning"])) for c in step["når"])
                out.append(VerdictRule(outcome, when, binding_only=not step.get("også_vejledende", False)))
            return tuple(out)

        return VerdictPrecedence(verdict=steps("samlet", Verdict), default_verdict=Verdict(raw["ellers"]),
                                 criticism=steps("kritik", Criticism),
                                 default_criticism=Criticism(raw["ellers_kritik"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ChecklistError(f"{where}: 'samlet_vurdering' kan ikke læses ({exc})") from None


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def checklist_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or checklists_dir()).glob("*.yaml"))


def load_checklist_file(path: str | Path) -> Checklist:
    """Read and check one checklist file (any path, e.g. a modified copy of a rule set)."""
    path = Path(path)
    with open(path, encoding="utf-8") as fh:
        # libyaml's loader when PyYAML has it (it reads the bundled rule set in 9 ms instead of 70 ms, which
        # every `audit` command and every worker pays); the same data and the same error marks
        data = yaml.load(fh, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    return parse_checklist(data, path)


@cache
def _load_path(path: Path) -> Checklist:
    return load_checklist_file(path)


@cache
def _bundled_checklists() -> tuple[Checklist, ...]:
    # The bundled rule sets do not change while the program runs: found and read once, not for every case.
    return tuple(_load_path(p) for p in checklist_files())


def all_checklists() -> list[Checklist]:
    return list(_bundled_checklists())


@cache
def known_item_ids() -> tuple[str, ...]:
    """Every item id of the bundled rule sets, in checklist order (what ``vurderinger`` on input may name)."""
    ids: dict[str, None] = {}
    for cl in all_checklists():
        ids.update((item.id, None) for item in cl.items)
    return tuple(ids)


def load_checklist(checklist_id: str) -> Checklist:
    for cl in all_checklists():
        if cl.id == checklist_id:
            return cl
    known = ", ".join(c.id for c in all_checklists())
    raise ChecklistError(f"regelsættet '{checklist_id}' findes ikke (kendte regelsæt: {known})")


def checklist_for(decision_date: date) -> Checklist | None:
    """The rule set in force on the decision's date, or None when the date is outside every rule set."""
    for cl in all_checklists():
        if cl.covers(decision_date):
            return cl
    return None
