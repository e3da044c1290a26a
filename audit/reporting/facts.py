"""Figures per checklist item and the figures Ankestyrelsen's report states only in its text.

Plain counting over ``CaseResult`` records (no pandas); only assessed cases count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import msgspec

from audit.contract import Answer, CaseResult, Facts

from .common import APPLICABLE, NATIONAL_ITEM_FAILURES, NO_VALUE, NationalFigure, answer_of, assessed, norm_answer


@dataclass
class ItemStat:
    id: str
    number: str
    short: str
    failed: int  # nej + ved_ikke
    nej: int
    ved_ikke: int
    applicable: int  # answered ja / nej / ved_ikke
    advisory: bool
    national: NationalFigure | None
    cases: list[str] = field(default_factory=list)  # sagsnumre that failed


def item_stats(results: Sequence[CaseResult], items: Sequence = ()) -> list[ItemStat]:
    """Failures per checklist item, in checklist order (items only found in results come last, in the order
    they are first met). An item of ``items`` keeps its own number, title and advisory flag; an item only
    found in results takes the first number and question (as title) the results give, and is advisory if
    any result says so."""
    rows: dict[str, list] = {}  # id -> [number, short, advisory, nej, ved_ikke, applicable, failed in]
    for r in assessed(results):
        seen: set[str] = set()
        for p in r.items:
            if p.id in seen:  # a result's first answer to an item counts (CaseResult.item)
                continue
            seen.add(p.id)
            row = rows.get(p.id)
            if row is None:
                row = rows[p.id] = ["", p.id, False, 0, 0, 0, []]
            row[0] = row[0] or p.number
            if row[1] == p.id:
                row[1] = p.question or p.id
            row[2] = row[2] or bool(p.advisory)
            if p.answer in APPLICABLE:
                row[5] += 1
            if p.answer is Answer.NEJ:
                row[3] += 1
            elif p.answer is Answer.VED_IKKE:
                row[4] += 1
            if p.failed:
                row[6].append(r.case_number)
    meta = {it.id: it for it in items}
    stats = []
    for item_id in dict.fromkeys([*meta, *rows]):
        row = rows.get(item_id) or ["", item_id, False, 0, 0, 0, []]
        number, short, advisory, nej, ved, applicable, failed_in = row
        it = meta.get(item_id)
        if it is not None:
            number, short, advisory = it.number, it.short, bool(it.advisory)
        stats.append(ItemStat(item_id, number, short, nej + ved, nej, ved, applicable, advisory,
                              NATIONAL_ITEM_FAILURES.get(item_id), failed_in))
    return stats


def top_failures(stats: Sequence[ItemStat], top: int = 3, include_advisory: bool = False) -> list[ItemStat]:
    """The ``top`` items failed most often (advisory items only with ``include_advisory``); ties in order."""
    failing = [s for s in stats if s.failed and (include_advisory or not s.advisory)]
    order = {s.id: i for i, s in enumerate(failing)}
    return sorted(failing, key=lambda s: (-s.failed, order[s.id]))[:top]


def most_frequent_failures(results: Sequence[CaseResult], items: Sequence = (), top: int = 3,
                           include_advisory: bool = False) -> list[ItemStat]:
    return top_failures(item_stats(results, items), top, include_advisory)


# --- text figures ------------------------------------------------------------------------------------

@dataclass
class KeyFigure:
    """A figure the report states only in its text, with the municipality's own count beside it."""

    key: str
    label: str
    count: int
    base: int
    national: NationalFigure | None


# (skema number, label, how to count, national figure); facts are named by their key in the file
KEY_FIGURES = (
    ("3.1.1", "Borgeren er vejledt korrekt efter § 35, stk. 1", ("item", "vejledning_35_1"),
     NationalFigure(46, 61, "vejledt korrekt")),
    ("3.2.1", "Der er truffet en forudgående afgørelse om sanktion efter §§ 36-40",
     ("item", "forudgaaende_sanktion"), NationalFigure(56, 61, "forudgående afgørelse")),
    ("3.3.1", "Borgeren er vejledt korrekt om skærpet rådighedssanktion efter § 35, stk. 2",
     ("item", "vejledning_35_2"), NationalFigure(32, 56, "korrekt vejledt")),
    ("4.1", "Borgeren har på ny tilsidesat rådighedspligten efter den forudgående sanktion",
     ("item", "ny_tilsidesaettelse"), NationalFigure(46, 56, "ny tilsidesættelse")),
    ("4.1.4", "Afgørelsen om, at tilsidesættelsen skete uden rimelig grund, er korrekt",
     ("item", "rimelig_grund"), NationalFigure(30, 61, "korrekt")),
    ("4.2.1", "Kommunen har vurderet, om borgeren udviser manglende vilje til at stå til rådighed",
     ("fact", "vilje_vurderet"), NationalFigure(52, 61, "vurderet")),
    ("4.3.1", "Borgeren har fået et tilbud eller en aktivitet efter § 40 a, stk. 2",
     ("fact", "tilbud_givet"), NationalFigure(59, 61, "tilbud givet")),
    ("4.3.1.2", "Kommunen har begrundet sanktionens længde", ("fact", "laengde_begrundet"),
     NationalFigure(15, 61, "begrundet")),
    ("4.3.2", "Aktiviteten kan påbegyndes samme dag, som afgørelsen har virkning fra",
     ("fact", "samme_dag"), NationalFigure(54, 61, "samme dag")),
    ("4.4.1", "Afgørelsen om ophør og lukning af sagen er truffet samtidig", ("item", "lukning"),
     NationalFigure(47, 61, "truffet samtidig")),
    ("5.1", "Sagen er oplyst tilstrækkeligt", ("item", "oplysning"), NationalFigure(34, 61, "oplyst")),
    ("T13-T14", "Aktivitetsparat: kommunen har vurderet andre forhold og om sanktionen fremmer rådigheden "
     "(§ 13, stk. 8)", ("item", "vurdering_13_8"), NationalFigure(0, 26, "aktivitetsparate med vurdering")),
    # 002 line 8374: "I de 26 sager, hvor borgeren er aktivitetsparat, har kommunen ikke i sin begrundelse for
    # afgørelsen vurderet ..." -- apart from Tabel 2.6 (hensyn til visitation), which counts only the målgruppe.
    ("5.3/T13-T14", "Aktivitetsparat: afgørelsens begrundelse forholder sig til vurderingen af andre forhold, "
     "og om sanktionen fremmer rådigheden (§ 13, stk. 8)", ("fact", "begrundelse_forholdt_13_8"),
     NationalFigure(0, 26, "aktivitetsparate med § 13, stk. 8 i begrundelsen")),
)

_FACT_ATTRIBUTES = {f.encode_name: f.name for f in msgspec.structs.fields(Facts)}


def fact_of(result: CaseResult, key: str) -> object:
    """A fact by its key in the file ('vilje_vurderet'); None when the result has no facts."""
    return getattr(result.facts, _FACT_ATTRIBUTES[key]) if result.facts is not None else None


def key_figures(results: Sequence[CaseResult]) -> dict[str, KeyFigure]:
    """The text-only figures: for each, the number of assessed cases answering yes, of those it applies to."""
    cases = assessed(results)
    out = {}
    for key, label, (kind, name), national in KEY_FIGURES:
        count = base = 0
        for r in cases:
            if kind == "item":
                s = answer_of(r, name)
                if s in APPLICABLE:
                    base += 1
                    count += s is Answer.JA
            else:
                v = norm_answer(fact_of(r, name))
                if v != NO_VALUE:
                    base += 1
                    count += v == Answer.JA
        out[key] = KeyFigure(key, label, count, base, national)
    return out
