"""The counts behind the terminal summary (``audit.reporting.terminal``), gathered one case at a time.

``audit run`` counts each case as it writes its result line, in whichever process audited it (the worker
sends ``case_tally``, a few plain values, with the line), so that its summary needs no second reading of
``resultater.jsonl``; ``audit report`` counts the results it read (``add_result``). The same class counts
both ways, so the two summaries of the same cases are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from audit.contract import Answer, CaseResult, Criticism, Verdict

from .common import NO_GROUP_LABEL, danish_sort_key
from .facts import ItemCounter, ItemStat, top_failures

# (kommune, samlet vurdering, kritik, regelsæt, ((punkt-id, svar), ...)): a case as the summary counts it
CaseTally = tuple[str, str, str, "str | None", tuple[tuple[str, str], ...]]

_REMARKS = (Criticism.CRITICISM, Criticism.REMARK)


def case_tally(result: CaseResult) -> CaseTally:
    """What the summary counts of one result, as plain values (cheap to send between processes)."""
    return (result.municipality, result.verdict.value, result.criticism.value, result.rule_set,
            tuple((p.id, p.answer.value) for p in result.items))


@dataclass
class MunicipalityCounts:
    verdicts: dict[Verdict, int] = field(default_factory=lambda: dict.fromkeys(Verdict, 0))
    remarks: int = 0  # assessed cases with kritik or bemærkning
    items: ItemCounter = field(default_factory=lambda: ItemCounter(keep_cases=False))

    @property
    def cases(self) -> int:
        return sum(self.verdicts.values())

    def failures(self, items: Sequence = (), top: int = 3) -> list[ItemStat]:
        """The most frequent failures (``facts.top_failures``) among the assessed cases."""
        return top_failures(self.items.stats(items), top)


class SummaryTally:
    """Verdicts, kritik and failures per item, per municipality."""

    def __init__(self) -> None:
        self._groups: dict[str, MunicipalityCounts] = {}

    def __len__(self) -> int:
        return sum(g.cases for g in self._groups.values())

    def _add(self, municipality: str, verdict: Verdict, criticism: Criticism, answers: Iterable) -> None:
        """``answers``: (punkt-id, svar, nummer, spørgsmål, vejledende) for each item of the case."""
        key = municipality.strip() or NO_GROUP_LABEL["kommune"]
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = MunicipalityCounts()
        group.verdicts[verdict] += 1
        if not verdict.assessed:
            return
        if criticism in _REMARKS:
            group.remarks += 1
        for item_id, answer, number, question, advisory in answers:
            group.items.add(item_id, answer, "", number, question, advisory)

    def add_result(self, r: CaseResult) -> None:
        self._add(r.municipality, r.verdict, r.criticism,
                  ((p.id, p.answer, p.number, p.question, p.advisory) for p in r.items))

    def add_case(self, tally: CaseTally) -> None:
        """A case counted from ``case_tally``: the items' number and title come from its rule set."""
        municipality, verdict, criticism, rule_set, answers = tally
        self._add(municipality, Verdict(verdict), Criticism(criticism),
                  ((i, Answer(a), *_describe(rule_set, i)) for i, a in answers))

    def groups(self) -> list[tuple[str, MunicipalityCounts]]:
        """[(kommune, its counts)] in Danish alphabetical order."""
        return [(k, self._groups[k]) for k in sorted(self._groups, key=danish_sort_key)]


@lru_cache(maxsize=1024)
def _describe(rule_set: str | None, item_id: str) -> tuple[str, str, bool]:
    from audit.rules.checklist import load_checklist

    try:
        item = load_checklist(rule_set).item(item_id) if rule_set else None
    except Exception:  # noqa: BLE001 - an unknown rule set: the item is shown by its id
        item = None
    return (item.number, item.question, bool(item.advisory)) if item is not None else ("", item_id, False)
