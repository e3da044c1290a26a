"""What every report module shares and that needs no pandas: the vocabulary of the tables, Danish
collation, the national figures of Ankestyrelsen's report, and small questions asked of one result.

The results are ``CaseResult`` records (audit/contract.py); Danish labels of answers, verdicts and the
like are the contract's enums' (``.label``), never kept here.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from audit.contract import DEFAULT_PRECEDENCE, Answer, CaseResult, Decision, VerdictPrecedence, decide_verdict
from audit.dates import DateParseError, parse_date
from audit.resources import reports_dir

# --- vocabulary ------------------------------------------------------------------------------------

JOBPARAT, AKTIVITETSPARAT, UOPLYST = "jobparat", "aktivitetsparat", "uoplyst"
NO_VALUE = "__ingen__"  # stands for a missing value (None) inside the frame
NOT_ASSESSED_LABEL = "Ikke vurderet (uden for regelsættet)"
UOPLYST_COLUMN = "Målgruppe ikke fastlagt"
TOTAL = "I alt"
NO_ANSWER = "Ikke vurderet"  # an item with no answer (e.g. no computed answer behind a reviewer's)
APPLICABLE = (Answer.JA, Answer.NEJ, Answer.VED_IKKE)  # an item that applies to the case

GROUP_LABELS = {"kommune": "Kommune", "enhed": "Enhed", "sagsbehandler": "Sagsbehandler"}
NO_GROUP_LABEL = {"kommune": "(kommune ikke oplyst)", "enhed": "(enhed ikke oplyst)",
                  "sagsbehandler": "(sagsbehandler ikke oplyst)"}


def ascii_key(text: str) -> str:
    """'adfærd' -> 'adfaerd' (keys are ASCII in files, Danish letters are accepted too)."""
    t = str(text).strip().lower()
    return t.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")


# --- Danish collation ----------------------------------------------------------------------------

_DA_MAP = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"}


def danish_sort_key(text: str | None) -> tuple[str, str]:
    """Sort key for Danish alphabetical order: a-z, then æ, ø, å; 'aa' counts as 'å' (Aarhus last)."""
    raw = unicodedata.normalize("NFC", str(text or "")).casefold()
    raw = raw.replace("aa", "å")
    mapped = "".join(_DA_MAP.get(ch, ch) for ch in raw)
    mapped = unicodedata.normalize("NFKD", mapped)
    mapped = "".join(ch for ch in mapped if not unicodedata.combining(ch))
    return mapped, str(text or "")


# --- national figures ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def national_figures() -> dict:
    """The report's tables as data (61 cases, 2022)."""
    with open(reports_dir() / "landsplan-2022.json", encoding="utf-8") as fh:
        return json.load(fh)


NATIONAL_LABEL = "Landsplan 2022"
NATIONAL_SOURCE = "Ankestyrelsens praksisundersøgelse om skærpet rådighedssanktion (2023): 61 sager, 2022"


@dataclass(frozen=True)
class NationalFigure:
    """A national figure stated in the report: ``count`` of ``base`` cases (and what it counts)."""

    count: int
    base: int
    what: str
    ok: str = ""  # what the rest of the cases are: the same figure counted the other way

    @property
    def text(self) -> str:
        return f"{self.count} af {self.base}"

    def in_order(self) -> NationalFigure:
        """The figure counted as what is in order (the failures' complement)."""
        return NationalFigure(self.base - self.count, self.base, self.ok, self.what)


# Failures per checklist item in Ankestyrelsen's 61 cases (praksisundersoegelse.md § 2, "Figures
# stated only in the text", and the tables). An item with no figure in the report has none here.
NATIONAL_ITEM_FAILURES: dict[str, NationalFigure] = {
    "vejledning_35_1": NationalFigure(15, 61, "ikke vejledt korrekt efter § 35, stk. 1",
                                      "vejledt korrekt efter § 35, stk. 1"),
    "forudgaaende_sanktion": NationalFigure(5, 61, "ingen dokumentation for forudgående afgørelse",
                                            "forudgående afgørelse dokumenteret"),
    "vejledning_35_2": NationalFigure(24, 56, "ikke korrekt vejledt efter § 35, stk. 2",
                                      "korrekt vejledt efter § 35, stk. 2"),
    "ny_tilsidesaettelse": NationalFigure(10, 56, "ingen ny tilsidesættelse efter den forudgående sanktion",
                                          "ny tilsidesættelse efter den forudgående sanktion"),
    "rimelig_grund": NationalFigure(31, 61, "afgørelsen om »uden rimelig grund« ikke korrekt",
                                    "afgørelsen om »uden rimelig grund« korrekt"),
    "partshoering": NationalFigure(18, 61, "ikke partshørt, tabel 4.1", "partshørt, tabel 4.1"),
    "vurdering_13_8": NationalFigure(26, 26, "aktivitetsparate uden vurdering efter § 13, stk. 8",
                                     "aktivitetsparate med vurdering efter § 13, stk. 8"),
    "manglende_vilje": NationalFigure(9, 61, "ingen vurdering af manglende vilje", "manglende vilje vurderet"),
    "laengde": NationalFigure(46, 61, "længden ikke begrundet", "længden begrundet"),
    "tilbud": NationalFigure(7, 61, "aktiviteten kan ikke påbegyndes samme dag",
                             "aktiviteten kan påbegyndes samme dag"),
    "lukning": NationalFigure(14, 61, "ingen samtidig afgørelse om ophør", "samtidig afgørelse om ophør"),
    "oplysning": NationalFigure(27, 61, "ikke tilstrækkeligt oplyst eller »ved ikke«", "tilstrækkeligt oplyst"),
    "begrundelse": NationalFigure(55, 61, "ikke begrundet tilstrækkeligt, tabel 2.4",
                                  "begrundet tilstrækkeligt, tabel 2.4"),
    "klagevejledning": NationalFigure(4, 61, "ingen klagevejledning, tabel 4.2", "klagevejledning givet, tabel 4.2"),
}


# --- one result ------------------------------------------------------------------------------------

def case_date(result: CaseResult) -> date | None:
    if not result.decision_date:
        return None
    try:
        return parse_date(result.decision_date)
    except DateParseError:
        return None


def target_group_of(result: CaseResult) -> str:
    g = result.target_group
    return g if g in (JOBPARAT, AKTIVITETSPARAT) else UOPLYST


def answer_of(result: CaseResult, item_id: str) -> Answer | None:
    item = result.item(item_id)
    return item.answer if item is not None else None


def assessed(results: Sequence[CaseResult]) -> list[CaseResult]:
    """The cases that were assessed (``samlet`` is not ``uden_for_regelsaet``)."""
    return [r for r in results if r.verdict.assessed]


@lru_cache(maxsize=16)
def _precedence(rule_set: str | None) -> VerdictPrecedence:
    if not rule_set:
        return DEFAULT_PRECEDENCE
    from audit.rules.checklist import ChecklistError, load_checklist

    try:
        return load_checklist(rule_set).precedence
    except (ChecklistError, OSError):
        return DEFAULT_PRECEDENCE


def decision_of(result: CaseResult, items: Sequence | None = None) -> Decision:
    """``decide_verdict`` over the result's items (or ``items``) with the precedence of its rule set."""
    return decide_verdict(result.items if items is None else items, _precedence(result.rule_set))


def enum_label(enum_type: type, value: object, missing: str = "") -> str:
    """The contract's Danish label of a code (``Answer``, ``Verdict``, ...); ``missing`` for None."""
    if value is None or value == "":
        return missing
    try:
        return enum_type(value).label
    except ValueError:
        return str(value)


def norm_answer(value: object) -> str:
    """A fact as a row key: an answer code, a bool as 'ja'/'nej', other text ASCII; None -> NO_VALUE."""
    if value is None:
        return NO_VALUE
    if value is True:
        return Answer.JA.value
    if value is False:
        return Answer.NEJ.value
    return ascii_key(value)


# --- period and grouping ---------------------------------------------------------------------------

def period(results: Sequence[CaseResult]) -> tuple[date | None, date | None]:
    dates = [d for d in (case_date(r) for r in results) if d is not None]
    return (min(dates), max(dates)) if dates else (None, None)


def group_by_municipality(results: Sequence[CaseResult]) -> list[tuple[str, list[CaseResult]]]:
    """[(kommune, its results)] in Danish alphabetical order; a missing name is its own group."""
    groups: dict[str, list[CaseResult]] = {}
    for r in results:
        k = r.municipality.strip() or NO_GROUP_LABEL["kommune"]
        groups.setdefault(k, []).append(r)
    return [(k, groups[k]) for k in sorted(groups, key=danish_sort_key)]
