"""Builds cases for the engine tests: a fully compliant base case, changed one fact at a time."""

from __future__ import annotations

import copy
from datetime import date

from audit.readers.parse import Place, parse_record
from audit.rules.engine import evaluate

# A jobparat, unmarried citizen whose § 40 a decision is in order on every item.
BASE = {
    "sagsnummer": "TEST-2021-0001",
    "kommune": "Testby Kommune",
    "enhed": "Team Nord",
    "sagsbehandler": "ABC",
    "civilstand": "ugift",
    "ydelse": "kontanthjælp",
    "hændelser": [
        {"type": "visitation", "dato": "2021-03-01", "målgruppe": "jobparat"},
        {"type": "jobsamtale", "dato": "2021-03-10", "første": True, "mødt": True},
        {"type": "vejledning", "dato": "2021-03-10", "former": ["gennemgået", "udleveret"]},
        {"type": "vejledning", "dato": "2021-03-12", "former": ["sendt"]},
        {"type": "vejledning", "dato": "2021-09-01", "former": ["gennemgået", "tilgængeliggjort"]},
        {"type": "tilsidesættelse", "dato": "2021-10-04", "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
        {"type": "partshøring", "dato": "2021-10-05", "vedrører": "2021-10-04"},
        {"type": "sanktion", "dato": "2021-10-20", "paragraf": "§ 36", "vedrører": "2021-10-04"},
        {"type": "vejledning_skærpet", "dato": "2021-10-20", "skriftlig": True,
         "elementer": ["konsekvens", "kun_fremmødedage", "lukning_kalendermåned", "ægtefælle"]},
        {"type": "tilsidesættelse", "dato": "2021-11-08", "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
        {"type": "partshøring", "dato": "2021-11-09", "vedrører": "2021-11-08"},
    ],
    "afgørelse": {
        "dato": "2021-11-25",
        "vedrører": "2021-11-08",
        "virkning_fra": "2021-12-01",
        "længde_måneder": 2,
        "længde_begrundelse": "Anden tilsidesættelse inden for kort tid.",
        "vilje_vurderet": True,
        "vægt_på": ["tidligere_sanktioner", "adfærd"],
        "begrundelse": "Du er jobparat. Du er udeblevet igen efter sanktionen den 20. oktober 2021 ...",
        "forholdt_til_målgruppe": True,
        "henvist_regler": True,
        "tilbud": {"art": "daglige_samtaler", "startdato": "2021-12-01"},
        "lukning_ved_udeblivelse": True,
        "ægtefælle_afgørelse": None,
        "fremmøde_oplyst": True,
        "klagevejledning": True,
        "skriftlig": True,
    },
}

B1 = "2021-10-04"
S1 = "2021-10-20"
B2 = "2021-11-08"
D = "2021-11-25"


def base() -> dict:
    return copy.deepcopy(BASE)


def events(raw: dict, kind: str) -> list[dict]:
    return [e for e in raw["hændelser"] if e["type"] == kind]


def drop(raw: dict, kind: str, **match) -> dict:
    raw["hændelser"] = [e for e in raw["hændelser"]
                        if not (e["type"] == kind and all(e.get(k) == v for k, v in match.items()))]
    return raw


def add(raw: dict, *evs: dict) -> dict:
    raw["hændelser"].extend(evs)
    return raw


def set_event(raw: dict, kind: str, match: dict, **changes) -> dict:
    hits = [e for e in raw["hændelser"] if e["type"] == kind and all(e.get(k) == v for k, v in match.items())]
    assert hits, f"no {kind} event matching {match}"
    for e in hits:
        e.update(changes)
    return raw


def aktivitetsparat(raw: dict) -> dict:
    """Make the citizen aktivitetsparat with compliant contact and § 13 stk. 8 assessments."""
    set_event(raw, "visitation", {}, målgruppe="aktivitetsparat")
    add(raw,
        {"type": "kontaktforsøg", "dato": "2021-10-08", "vedrører": B1, "kanal": "hjemmebesøg", "opnået": False},
        {"type": "vurdering_13_8", "dato": "2021-10-15", "vedrører": B1, "andre_forhold": "Ingen særlige forhold.",
         "fremmer_rådighed": "ja"},
        {"type": "kontaktforsøg", "dato": "2021-11-12", "vedrører": B2, "kanal": "mentor", "opnået": True},
        {"type": "vurdering_13_8", "dato": "2021-11-20", "vedrører": B2, "andre_forhold": "Ingen særlige forhold.",
         "fremmer_rådighed": "ja"})
    raw["afgørelse"]["begrundelse"] = ("Du er aktivitetsparat. Vi har vurderet efter § 13, stk. 8, at sanktionen "
                                      "vil fremme din rådighed.")
    return raw


def audit(raw: dict) -> dict:
    case, issues = parse_record(raw, lambda path: Place("test.json"))
    assert case is not None, [i.line() for i in issues]
    return evaluate(case).to_dict()


def item(result: dict, item_id: str) -> dict:
    return next(p for p in result["punkter"] if p["id"] == item_id)


def answer(raw: dict, item_id: str) -> str:
    return item(audit(raw), item_id)["svar"]


def iso(d: date) -> str:
    return d.isoformat()


def _e12_explanation(raw: dict) -> dict:
    """The new breach explained in the hearing (a sick child), and nothing investigated (E12)."""
    return set_event(raw, "partshøring", {"vedrører": B2}, svar_dato="2021-11-10",
                     svar="Jeg var hjemme med min syge søn; kommunen er velkommen til at tjekke det ved lægen.")
