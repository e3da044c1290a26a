"""Reviewer answers (``kilde`` = ``vurdering``) and what each changed in the case's verdict and kritik."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from audit.contract import Answer, CaseResult, Criticism, Source, Verdict

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
    criticism: Criticism = Criticism.NONE
    criticism_without: Criticism | None = None  # the kritik the computed answers give (with verdict_without)

    @property
    def changed(self) -> bool:
        """Whether the reviewer's answer differs from the computed one (else the reviewer confirmed it)."""
        return self.computed is not self.reviewer_answer

    @property
    def effect(self) -> str:
        """Kapitel 5's "Betydning for sagen": what the answers of this case changed (``effect_text``)."""
        return effect_text(self)


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
        "effect": effect_text(own[0], plural=True),
    }


_CRITICISM_CLAUSE = {  # "uden dem ville der ...": Ankestyrelsen's kritik and bemærkning (analyseskema 5.5)
    Criticism.CRITICISM: "ville der blive udtalt kritik",
    Criticism.REMARK: "ville der blive givet en bemærkning",
    Criticism.NONE: "ville der hverken blive udtalt kritik eller givet en bemærkning",
}


def effect_text(o: Override, *, plural: bool = False) -> str:
    """What the reviewer answers of a case changed, in one Danish sentence: the samlet vurdering and, when the
    decision is in accordance either way, the kritik (Ankestyrelsen weighs kritik/bemærkning only then).

    ``plural``: the bilag's sentence about all the case's answers ("vurderingerne"; '' when the effect cannot
    be derived); else Kapitel 5's cell about one answer ("vurderingen")."""
    if o.verdict_without is None:
        return "" if plural else f"Samlet vurdering: {o.verdict.label}."
    if o.verdict_without is not o.verdict:
        if plural:
            return (f"Uden vurderingerne ville den samlede vurdering være: {o.verdict_without.label}; "
                    f"med dem: {o.verdict.label}.")
        return f"Uden vurderingen: {o.verdict_without.label}; med vurderingen: {o.verdict.label}."
    same = "Vurderingerne ændrer ikke den samlede vurdering" if plural else \
        f"Ingen ændring af den samlede vurdering ({o.verdict.label})"
    if o.verdict is not Verdict.UPHELD or o.criticism_without is None:
        return same + "."
    if o.criticism_without is o.criticism:
        return ("Vurderingerne ændrer hverken den samlede vurdering eller kritikken." if plural
                else same + " eller af kritikken.")
    pron = "dem" if plural else "vurderingen"
    change = "men de ændrer kritikken" if plural else "men af kritikken"
    return (f"{same}, {change}: uden {pron} {_CRITICISM_CLAUSE[o.criticism_without]}; "
            f"med {pron} {_CRITICISM_CLAUSE[o.criticism]}.")


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
        recorded = decision_of(r)
        consistent = r.verdict.assessed and recorded.verdict is r.verdict
        before = decision_of(r, computed) if consistent else None
        without = before.verdict if before is not None else None
        criticism_without = before.criticism if before is not None and recorded.criticism is r.criticism else None
        for p in reviewed:
            out.append(Override(
                sagsnummer=r.case_number, kommune=r.municipality, item_id=p.id, number=p.number,
                question=p.question, computed=p.computed.answer if p.computed else None,
                computed_reason=p.computed.reason if p.computed else "", reviewer_answer=p.answer,
                by=(p.review.by if p.review else None) or "", remark=(p.review.remark if p.review else None) or "",
                verdict=r.verdict, verdict_without=without, criticism=r.criticism,
                criticism_without=criticism_without,
            ))
    return out
