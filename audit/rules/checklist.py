"""Loading the checklist definitions in ``checklists/`` (one YAML file per rule set).

A rule set is chosen by the decision's date (``gyldig_fra`` / ``gyldig_til``); the engine reads
every question, hjemmel, parameter and consequence from here, so a change of law is a new file.
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
    worst,
)
from audit.resources import checklists_dir

# Stable ids (results-format.md). The checklist files must define exactly these (plus optional extras).
ITEM_IDS = (
    "maalgruppe", "vejledning_35_1", "forudgaaende_sanktion", "vejledning_35_2", "ny_tilsidesaettelse",
    "rimelig_grund", "partshoering", "personlig_kontakt", "vurdering_13_8", "manglende_vilje",
    "laengde", "tilbud", "lukning", "aegtefaelle", "oplysning", "begrundelse", "klagevejledning",
    "proportionalitet", "kun_fremmoede_oplyst",
)
ANSWERS = ("ja", "nej", "ved_ikke", "ikke_relevant")
CONSEQUENCES = ("aendres", "hjemvises", "kritik", "bemaerkning")
APPLIES = ("alle", "aktivitetsparat", "gift")


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
    extra: dict = field(default_factory=dict)

    @property
    def worst_consequence(self) -> str | None:
        c = worst(w.consequence for w in self.ways.values())
        return c.value if c else None


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
class Checklist:
    id: str
    title: str
    valid_from: date
    valid_to: date | None
    source: str
    parameters: dict[str, int]
    parameter_notes: dict[str, str]
    interpretations: dict[str, str]
    items: tuple[Item, ...]
    recommendations: dict[str, Recommendation]
    tjekliste: tuple[TjeklistePoint, ...]
    tjekliste_title: str
    path: Path
    precedence: VerdictPrecedence = DEFAULT_PRECEDENCE

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


def parse_checklist(data: dict, path: Path) -> Checklist:
    where = path.name
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
            id=raw["id"], number=str(_req(raw, "nummer", iw)), question=" ".join(_req(raw, "spørgsmål", iw).split()),
            short=_req(raw, "kort", iw), hjemmel=_req(raw, "hjemmel", iw), applies=_req(raw, "gælder", iw),
            advisory=bool(raw.get("vejledende", False)), recommendations=tuple(raw.get("anbefalinger", ())),
            tjekliste=tuple(raw.get("tjekliste", ())), ways=ways,
            prior_recommendations=tuple(raw.get("anbefalinger_forudgaaende", ())),
            extra={k: v for k, v in raw.items() if k == "elementer"},
        )
        if item.applies not in APPLIES:
            raise ChecklistError(f"{iw}: 'gælder' skal være en af {', '.join(APPLIES)}")
        for rid in (*item.recommendations, *item.prior_recommendations,
                    *(r for w in ways.values() for r in w.recommendations)):
            if rid not in recs:
                raise ChecklistError(f"{iw}: anbefalingen '{rid}' findes ikke")
        items.append(item)
    missing = set(ITEM_IDS) - {i.id for i in items}
    if missing:
        raise ChecklistError(f"{where}: punkterne {', '.join(sorted(missing))} mangler")
    params = {k: int(v["værdi"]) for k, v in data.get("parametre", {}).items()}
    notes = {k: " ".join(v.get("forklaring", "").split()) for k, v in data.get("parametre", {}).items()}
    tj = data.get("tjekliste", {})
    return Checklist(
        id=_req(data, "id", where), title=_req(data, "titel", where),
        valid_from=_req(data, "gyldig_fra", where), valid_to=data.get("gyldig_til"),
        source=" ".join(str(data.get("kilde", "")).split()), parameters=params, parameter_notes=notes,
        interpretations={f["id"]: " ".join(f["tekst"].split()) for f in data.get("fortolkninger", [])},
        items=tuple(items), recommendations=recs,
        tjekliste=tuple(TjeklistePoint(p["nr"], p["tekst"]) for p in tj.get("punkter", [])),
        tjekliste_title=tj.get("titel", ""), path=path,
        precedence=_precedence(data.get("samlet_vurdering"), where),
    )


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


def checklist_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or checklists_dir()).glob("*.yaml"))


@cache
def _load_path(path: Path) -> Checklist:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return parse_checklist(data, path)


def all_checklists() -> list[Checklist]:
    return [_load_path(p) for p in checklist_files()]


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
