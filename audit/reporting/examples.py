"""The EKSEMPEL box of a case that is not in accordance: the case's course in words, its findings and
the conclusion, written from the result (plain text; every piece of case text is CPR-masked)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from audit.contract import Answer, CaseResult, ItemResult, Source, Verdict
from audit.dates import format_da
from audit.privacy import mask_cpr

from .common import AKTIVITETSPARAT, JOBPARAT, answer_of, case_date, decision_of, target_group_of
from .phrases import item_title, phrase
from .timeline import timeline_svg
from .words import dato, join_da, tal


@dataclass
class Example:
    sagsnummer: str
    kommune: str
    verdict: Verdict
    title: str
    facts: str
    findings: list[tuple[str, str]] = field(default_factory=list)  # (title, reason)
    conclusion: str = ""
    decisive_item: str | None = None
    course: list[str] = field(default_factory=list)  # the facts, one short paragraph per point
    timeline: Markup = Markup("")  # the case's timeline (SVG, audit/reporting/timeline.py)

    @property
    def finding_points(self) -> list[tuple[str, str, list[str]]]:
        """The findings as the box shows them: (title, lead text, the reason's numbered points, one short
        paragraph each; the list numbers them anew, so a reason numbered '1) 2) 3) 3)' reads 1-4)."""
        return [(title, *split_points(reason)) for title, reason in self.findings]

    @property
    def text(self) -> str:
        lines = [self.facts]
        lines += [f"{t}: {r}" for t, r in self.findings]
        lines.append(self.conclusion)
        return "\n".join(x for x in lines if x)


_POINT = re.compile(r"(?:^|(?<=\s))\d{1,2}\) ")


def split_points(reason: str) -> tuple[str, list[str]]:
    """A reason written as numbered points ('Borgeren er ikke vejledt. 1) ... 2) ...') split into its lead
    and its points without their numbers; a reason with fewer than two points is all lead."""
    marks = list(_POINT.finditer(reason))
    if len(marks) < 2:
        return reason, []
    lead = reason[:marks[0].start()].strip()
    points = [reason[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(reason))].strip()
              for i, m in enumerate(marks)]
    return lead, [p for p in points if p]


EXAMPLE_TITLES = {
    Verdict.CHANGED: "EKSEMPEL PÅ EN SAG, HVOR VI VILLE ÆNDRE AFGØRELSEN",
    Verdict.REMANDED: "EKSEMPEL PÅ EN SAG, HVOR VI VILLE HJEMVISE SAGEN",
}


def _months(n: int) -> str:
    return f"{tal(n)} {'måned' if n == 1 else 'måneder'}"


def decisive_items(result: CaseResult) -> list[ItemResult]:
    """The failed items that decided the verdict (``decide_verdict``), in checklist order; none when the
    recorded verdict does not follow from the recorded answers."""
    decision = decision_of(result)
    if decision.verdict is not result.verdict:
        return []
    ids = set(decision.decisive)
    return [p for p in result.items if p.id in ids]


def _course(result: CaseResult) -> list[str]:
    """The sentences on the case's course: decision, prior sanction, guidance, new breach, length."""
    d = case_date(result)
    who = {JOBPARAT: "en jobparat borger", AKTIVITETSPARAT: "en aktivitetsparat borger"}.get(
        target_group_of(result), "en borger, hvis målgruppe ikke fremgår af sagen")
    if result.marital_status == "gift":
        who += ", der er gift"
    when = f"den {format_da(d)}" if d else "på en ukendt dato"
    sentences = [f"I en sag traf kommunen {when} afgørelse om skærpet rådighedssanktion over for {who}."]
    k = result.chain
    b1, s1, v2, b2 = ((k.prior_breach, k.prior_sanction, k.sharpened_guidance, k.new_breach) if k
                      else (None, None, None, None))
    if s1 and b1:
        sentences.append(f"Borgeren havde den {dato(b1)} tilsidesat sin pligt til at stå til rådighed og fik den "
                         f"{dato(s1)} en sanktion efter §§ 36-40.")
    elif s1:
        sentences.append(f"Kommunen traf den {dato(s1)} afgørelse om en forudgående sanktion efter §§ 36-40.")
    elif answer_of(result, "forudgaaende_sanktion") is Answer.NEJ:
        sentences.append("Der er ikke dokumentation for en forudgående afgørelse om sanktion efter §§ 36-40.")
    if v2 and s1 and v2 == s1:
        sentences.append("Samme dag blev borgeren vejledt om skærpet rådighedssanktion.")
    elif v2:
        sentences.append(f"Borgeren blev vejledt om skærpet rådighedssanktion den {dato(v2)}.")
    if b2:
        sentences.append(f"Afgørelsen bygger på, at borgeren den {dato(b2)} på ny tilsidesatte sin pligt til at "
                         "stå til rådighed.")
    length = result.facts.length_months if result.facts else None
    if length is not None:
        sentences.append(f"Sanktionen blev fastsat til {_months(length)}.")
    return sentences


def example_for(result: CaseResult, shorts: dict[str, str] | None = None) -> Example | None:
    """The EKSEMPEL box for a case that is not in accordance (None for the others)."""
    v = result.verdict
    if v not in EXAMPLE_TITLES:
        return None
    shorts = shorts or {}
    failed = [p for p in result.items if p.failed]
    findings = []
    for p in failed:
        title = item_title(p.id, shorts.get(p.id) or p.short or p.question)
        reason = mask_cpr(" ".join(p.reason.split()))
        if p.answer is Answer.VED_IKKE:
            reason = f"Kan ikke afgøres på det foreliggende grundlag. {reason}".strip()
        if p.advisory and "vejledende" not in title:
            title += " (vejledende)"
        if p.source is Source.REVIEW:
            reason = f"{reason} (vurdering ved gennemgang)".strip()
        findings.append((title, reason))

    course = _course(result)
    decisive = decisive_items(result)
    clauses = []
    for p in decisive:
        ph = phrase(p.id, shorts.get(p.id) or p.short)
        clauses.append("fordi " + (ph.sub if p.answer is Answer.NEJ else f"det ikke kan afgøres, om {ph.ok}"))
    if v is Verdict.CHANGED:
        conclusion = (f"Vi ville ændre afgørelsen, {join_da(clauses, comma=True)}." if clauses
                      else "Vi ville ændre afgørelsen, fordi betingelserne for skærpet rådighedssanktion ikke er "
                           "opfyldt.")
    else:
        conclusion = (f"Vi ville hjemvise sagen, {join_da(clauses, comma=True)}. Der mangler dermed væsentlige "
                      "oplysninger for at kunne træffe afgørelse." if clauses
                      else "Vi ville hjemvise sagen, fordi der mangler væsentlige oplysninger.")
    return Example(
        sagsnummer=mask_cpr(result.case_number or "(uden sagsnummer)"), kommune=mask_cpr(result.municipality),
        verdict=v, title=EXAMPLE_TITLES[v], facts=" ".join(course), course=course, findings=findings,
        conclusion=conclusion,
        decisive_item=decisive[0].id if decisive else (failed[0].id if failed else None),
        timeline=Markup(timeline_svg(result, shorts, uid="e", example=True)),
    )
