"""The counts behind the terminal summary (``audit.reporting.terminal``), gathered one case at a time.

``audit run`` counts each case as it writes its result line, in whichever process audited it (the worker
sends ``case_tally``, a few plain values, with the line), so that its summary needs no second reading of
``resultater.jsonl``; ``audit report`` counts the results it read (``add_result``). The same class counts
both ways, so the two summaries of the same cases are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from audit.contract import Answer, CaseResult, Criticism, Verdict

from .common import NATIONAL_ITEM_FAILURES, NO_GROUP_LABEL, danish_sort_key
from .facts import ItemStat, top_failures

# (kommune, samlet vurdering, kritik, regelsæt, ((punkt-id, svar), ...)): a case as the summary counts it
CaseTally = tuple[str, str, str, "str | None", tuple[tuple[str, str], ...]]

def case_tally(result: CaseResult) -> CaseTally:
    """What the summary counts of one result, as plain values (cheap to send between processes)."""
    return (result.municipality, result.verdict.value, result.criticism.value, result.rule_set,
            tuple((p.id, p.answer.value) for p in result.items))


_OUTSIDE = Verdict.OUTSIDE.value
_REMARK_VALUES = frozenset(c.value for c in (Criticism.CRITICISM, Criticism.REMARK))
_NEJ, _VED_IKKE, _JA = Answer.NEJ.value, Answer.VED_IKKE.value, Answer.JA.value


@dataclass
class MunicipalityCounts:
    verdicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys((v.value for v in Verdict), 0))
    remarks: int = 0  # assessed cases with kritik or bemærkning
    answers: dict[tuple[str, str], int] = field(default_factory=dict)  # (punkt-id, svar) -> assessed cases
    # punkt-id -> (nummer, spørgsmål, vejledende) as the first assessed case with the item states them, in the
    # order the items were first met
    meta: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    rule_sets: set = field(default_factory=set)  # the rule sets whose items are in ``meta``

    @property
    def cases(self) -> int:
        return sum(self.verdicts.values())

    def verdict(self, v: Verdict) -> int:
        return self.verdicts[v.value]

    def stats(self, items: Sequence = ()) -> list[ItemStat]:
        """Failures per item among the assessed cases: the items of ``items`` first (with their own number,
        title and advisory flag), then those only met in the cases (``facts.item_stats``' order)."""
        meta = {it.id: (it.number, it.short, bool(it.advisory)) for it in items}
        out = []
        for item_id in dict.fromkeys([*meta, *self.meta]):
            number, short, advisory = meta.get(item_id) or self.meta[item_id]
            nej, ved = self.answers.get((item_id, _NEJ), 0), self.answers.get((item_id, _VED_IKKE), 0)
            applicable = nej + ved + self.answers.get((item_id, _JA), 0)
            out.append(ItemStat(item_id, number, short or item_id, nej + ved, nej, ved, applicable, advisory,
                                NATIONAL_ITEM_FAILURES.get(item_id)))
        return out

    def failures(self, items: Sequence = (), top: int = 3) -> list[ItemStat]:
        """The most frequent failures (``facts.top_failures``) among the assessed cases."""
        return top_failures(self.stats(items), top)


class SummaryTally:
    """Verdicts, kritik and answers per item, per municipality."""

    def __init__(self) -> None:
        self._groups: dict[str, MunicipalityCounts] = {}

    def __len__(self) -> int:
        return sum(g.cases for g in self._groups.values())

    def _group(self, municipality: str) -> MunicipalityCounts:
        key = municipality.strip() or NO_GROUP_LABEL["kommune"]
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = MunicipalityCounts()
        return group

    def add_case(self, tally: CaseTally) -> None:
        """A case counted from ``case_tally`` (the items' number and title: from its rule set)."""
        municipality, verdict, criticism, rule_set, answers = tally
        group = self._group(municipality)
        group.verdicts[verdict] += 1
        if verdict == _OUTSIDE:
            return
        if criticism in _REMARK_VALUES:
            group.remarks += 1
        counts = group.answers
        for pair in answers:
            counts[pair] = counts.get(pair, 0) + 1
        if rule_set not in group.rule_sets:  # every case of a rule set has its items, in its order
            group.rule_sets.add(rule_set)
            for item_id, _ in answers:
                if item_id not in group.meta:
                    group.meta[item_id] = _describe(rule_set, item_id)

    def add_result(self, r: CaseResult) -> None:
        """A result as read from a results file (the items' number and title: as the result states them)."""
        group = self._group(r.municipality)
        group.verdicts[r.verdict.value] += 1
        if not r.verdict.assessed:
            return
        if r.criticism.value in _REMARK_VALUES:
            group.remarks += 1
        for p in r.items:
            pair = (p.id, p.answer.value)
            group.answers[pair] = group.answers.get(pair, 0) + 1
            if p.id not in group.meta:
                group.meta[p.id] = (p.number, p.question or p.id, bool(p.advisory))

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
