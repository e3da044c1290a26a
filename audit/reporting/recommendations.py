"""Which of Ankestyrelsen's recommendations the cases call for, and how each text is shown once.

A recommendation is called for by an item that failed (nej / ved_ikke) in an assessed case; the ids come
from the item's ``anbefalinger`` in the results, the texts from the rule set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from audit.contract import CaseResult


def case_ref(result: CaseResult) -> str:
    """'kommune\\x1fsagsnummer': a case, unique across municipalities."""
    return f"{result.municipality}\x1f{result.case_number}"


def recommendation_cases(results: Sequence[CaseResult], item_ids: Iterable[str] | None = None,
                         choose: Callable[[list[str]], list[str]] | None = None) -> dict[str, list[str]]:
    """{recommendation id: ["kommune\\x1fsagsnummer", ...]} from the failing items (nej / ved_ikke) of
    assessed cases.

    With ``item_ids`` only those items count. ``choose`` picks, per failing item, which of its ids to
    use (e.g. only the Kapitel 1 box). Ids keep the order of first appearance.
    """
    wanted = set(item_ids) if item_ids is not None else None
    out: dict[str, list[str]] = {}
    for r in results:
        if not r.verdict.assessed:
            continue
        for p in r.items:
            if (wanted is not None and p.id not in wanted) or not p.failed:
                continue
            recs = choose(list(p.recommendations)) if choose is not None else p.recommendations
            for rid in recs:
                cases = out.setdefault(rid, [])
                if case_ref(r) not in cases:
                    cases.append(case_ref(r))
    return out


@dataclass
class RecLine:
    text: str
    ids: list[str]
    cases: list[str]  # "kommune\x1fsagsnummer"
    own: bool = False
    source: str = ""

    @property
    def n(self) -> int:
        return len(self.cases)

    @property
    def case_numbers(self) -> list[str]:
        return [c.split("\x1f", 1)[-1] for c in self.cases]


def chooser(recs: dict, chapter: int) -> Callable[[list[str]], list[str]]:
    """Which of a failing item's recommendation ids to show in a chapter: the chapter's own section boxes
    first, then its chapter box, then (for Kapitel 1) the Kapitel 1 boxes; otherwise all of them. This
    keeps Ankestyrelsen's near-identical wordings of the same advice from appearing twice."""
    want = f"Kapitel {chapter}"

    def tiers(ids: list[str]) -> list[str]:
        known = [r for r in ids if r in recs]
        own_chapter = [r for r in known if getattr(recs[r], "chapter", "") == want]
        section = [r for r in own_chapter if not str(getattr(recs[r], "box", "")).endswith(".0")]
        for tier in (section, own_chapter):
            if tier:
                return tier
        return ids

    return tiers


def _norm_text(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def rec_lines(rec_cases: dict[str, list[str]], recs: dict, seen: set[str] | None = None) -> list[RecLine]:
    """Group recommendation ids by their (identical) text: each text once, with the union of cases.

    ``recs`` maps id -> Recommendation (``.text``, ``.box``, ``.source``); ``seen`` holds texts already
    shown elsewhere (they are skipped and the set is updated). Order: the report's order of the ids.
    """
    order = {rid: i for i, rid in enumerate(recs)}
    lines: dict[str, RecLine] = {}
    for rid in sorted(rec_cases, key=lambda r: (order.get(r, len(order)), r)):
        rec = recs.get(rid)
        if rec is None:
            text = f"Anbefaling {rid} (teksten findes ikke i regelsættet)"
            own, source = False, ""
        else:
            text = " ".join(str(rec.text).split())
            own, source = getattr(rec, "box", "") == "egen", getattr(rec, "source", "")
        key = _norm_text(text)
        if seen is not None and key in seen and key not in lines:
            continue
        line = lines.setdefault(key, RecLine(text=text, ids=[], cases=[], own=own, source=source))
        line.ids.append(rid)
        for c in rec_cases[rid]:
            if c not in line.cases:
                line.cases.append(c)
    if seen is not None:
        seen.update(lines)
    return list(lines.values())
