"""Reviewer answers (``kilde`` = ``vurdering``) and what each changed in the case's verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from audit.contract import Answer, CaseResult, Source, Verdict

from .common import decision_of


@dataclass
class Override:
    sagsnummer: str
    kommune: str
    item_id: str
    number: str
    question: str
    computed: Answer | None
    computed_reason: str
    reviewer_answer: Answer
    by: str
    remark: str
    verdict: Verdict
    verdict_without: Verdict | None  # the verdict the computed answers give, when it can be derived

    @property
    def changed(self) -> bool:
        """Whether the reviewer's answer differs from the computed one (else the reviewer confirmed it)."""
        return self.computed is not self.reviewer_answer


def case_summary(result: CaseResult) -> dict | None:
    """For the bilag: a case's reviewer answers in one sentence's worth of data (None when it has none):
    the answers changed (computed → reviewer's, by whom, why), those confirmed, and the verdict with and
    without them (``without`` None when it cannot be derived)."""
    own = overrides([result])
    if not own:
        return None
    return {
        "changed": [o for o in own if o.changed],
        "confirmed": [o for o in own if not o.changed],
        "verdict": result.verdict,
        "without": own[0].verdict_without,
    }


def overrides(results: Sequence[CaseResult]) -> list[Override]:
    """Every reviewer answer and what it changed, case by case.

    What the verdict would be without the reviewers' answers is derived (``decide_verdict`` over the
    computed answers) only when the recorded verdict follows from the recorded answers.
    """
    out = []
    for r in results:
        reviewed = [p for p in r.items if p.source is Source.REVIEW]
        if not reviewed:
            continue
        computed = [(p.id, p.computed.answer, p.computed.consequence, p.advisory)
                    if p.source is Source.REVIEW and p.computed is not None
                    else (p.id, p.answer, p.consequence, p.advisory) for p in r.items]
        consistent = r.verdict.assessed and decision_of(r).verdict is r.verdict
        without = decision_of(r, computed).verdict if consistent else None
        for p in reviewed:
            out.append(Override(
                sagsnummer=r.case_number, kommune=r.municipality, item_id=p.id, number=p.number,
                question=p.question, computed=p.computed.answer if p.computed else None,
                computed_reason=p.computed.reason if p.computed else "", reviewer_answer=p.answer,
                by=(p.review.by if p.review else None) or "", remark=(p.review.remark if p.review else None) or "",
                verdict=r.verdict, verdict_without=without,
            ))
    return out
