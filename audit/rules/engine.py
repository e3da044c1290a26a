"""The § 40 a checklist engine: ``evaluate(case)`` runs every item of the rule set on the case.

For each item of the checklist file, in its order: the applicability step (``gælder``,
``registry.APPLICABILITY``) → the item's legal test (``regel``, found in the rule registry) → the Danish
wording of what the test found (``audit.rules.wording``) → answer, consequence and recommendations from
the ways the item failed (the checklist's ``maader``) → a reviewer's answer, if any → the verdict
(``decide_verdict`` with the checklist's ``samlet_vurdering``). The result follows docs/resultat-skema.md.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from audit import __version__
from audit.contract import (
    Answer,
    CaseResult,
    ChainDates,
    Computed,
    Consequence,
    Criticism,
    Facts,
    ItemResult,
    ReviewInfo,
    Source,
    SourceRef,
    TimelineEvent,
    Verdict,
    decide_verdict,
    verdict_reason,
    worst,
)
from audit.dates import iso_date
from audit.model import Case
from audit.privacy import mask_cpr
from audit.rules import wording
from audit.rules.chain import Chain, canonical_events
from audit.rules.checklist import Checklist, Item, checklist_for, load_checklist
from audit.rules.registry import APPLICABILITY, Context, Outcome, Scope, Test, rules


def run_item(ctx: Context, item: Item) -> tuple[Outcome, Scope]:
    """The applicability step, then (if the item applies) its test; the scope's ways and notes come first."""
    scope = APPLICABILITY[item.applies](ctx)
    return _run_test(ctx, item, scope, rules()[item.rule]), scope


def _run_test(ctx: Context, item: Item, scope: Scope, test: Test) -> Outcome:
    """The item's test within its scope (ikke_relevant when the scope says the item does not apply)."""
    if not scope.applies:
        return Outcome(dates=dict(scope.dates), not_relevant=True)
    out = test(ctx, item, scope) if scope.run_test else Outcome()
    if scope.ways:
        out.ways = list(dict.fromkeys([*scope.ways, *out.ways]))
    elif len(out.ways) > 1:
        out.ways = list(dict.fromkeys(out.ways))
    if scope.dates:
        out.dates = {**scope.dates, **out.dates}
    return out


# Each rule set's items with their applicability predicate and test, looked up once per rule set rather
# than once per item of every case. Keyed by the rule set object (kept alive here, so its id is not reused);
# bounded: emptied when a program has evaluated with more than _PLANS_MAX rule set objects.
_PLANS: dict[int, tuple[Checklist, tuple[tuple[Item, Callable[[Context], Scope], Test], ...]]] = {}
_PLANS_MAX = 32


def _plan(checklist: Checklist) -> tuple[tuple[Item, Callable[[Context], Scope], Test], ...]:
    hit = _PLANS.get(id(checklist))
    if hit is not None and hit[0] is checklist:
        return hit[1]
    known = rules()
    plan = tuple((item, APPLICABILITY[item.applies], known[item.rule]) for item in checklist.items)
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[id(checklist)] = (checklist, plan)
    return plan


_FAILED = frozenset((Answer.NEJ, Answer.VED_IKKE))  # Answer.failed


def _resolve(item: Item, f: Outcome) -> tuple[Answer, Consequence | None, list[str]]:
    """Answer, consequence and recommendation ids of an outcome, from the checklist's ways."""
    if f.not_relevant:
        return Answer.IKKE_RELEVANT, None, []
    if not f.ways:
        return Answer.JA, None, []
    ways = [item.ways[w] for w in f.ways]
    answers = {w.answer for w in ways}
    answer = Answer.NEJ if "nej" in answers else Answer.VED_IKKE
    consequence = worst(w.consequence for w in ways if w.answer == answer)
    recs = list(item.recommendations)
    for w in ways:
        recs += w.recommendations
    if f.prior_failed:
        recs += item.prior_recommendations
    return answer, consequence, list(dict.fromkeys(recs))


def _base(case: Case) -> dict:
    o = case.origin
    return {
        "case_number": case.case_number, "municipality": case.municipality, "unit": case.unit,
        "caseworker": case.caseworker, "citizen_id": case.citizen_id, "marital_status": case.marital_status,
        "benefit": case.benefit, "decision_date": case.decision.date.isoformat(),
        "origin": SourceRef(file=o.file, sheet=o.sheet, row=o.row) if o else SourceRef(),
        "version": __version__,
        "effective_from": case.decision.effective_from.isoformat() if case.decision.effective_from else None,
    }


def _iso(value) -> str | None:
    return iso_date(value) if value is not None else None


def timeline_events(events) -> list[TimelineEvent]:
    """The events as the timeline draws them (contract.TimelineEvent): type, date and the coded fields it
    needs for that type; no free text (notes, explanations and answers stay in the case)."""
    out = []
    for e in events:
        t = e.type
        fields = _TIMELINE_FIELDS.get(t)
        if fields is None:
            out.append(TimelineEvent(type=t, date=iso_date(e.date)))
        else:
            out.append(TimelineEvent(type=t, date=iso_date(e.date), **fields(e)))
    return out


# The coded fields the timeline draws, by event type (a type not named here: only type and date).
_TIMELINE_FIELDS: dict[str, Callable[[object], dict]] = {
    "visitation": lambda e: {"target_group": e.target_group},
    "tilsidesættelse": lambda e: {"reasonable_cause": e.reasonable_cause},
    "sanktion": lambda e: {"concerns": _iso(e.concerns), "paragraph": e.paragraph},
    "partshøring": lambda e: {"concerns": _iso(e.concerns)},
    "sagsoplysning": lambda e: {"concerns": _iso(e.concerns)},
    "vurdering_13_8": lambda e: {"concerns": _iso(e.concerns)},
    "kontaktforsøg": lambda e: {"concerns": _iso(e.concerns), "channel": e.channel, "reached": e.reached},
    "vejledning_skærpet": lambda e: {"written": e.written},
}


def evaluate(case: Case, checklist: Checklist | str | None = None) -> CaseResult:
    """Audit one case. ``checklist`` may be a Checklist, a rule-set id, or None (chosen by date)."""
    d = wording.d
    if isinstance(checklist, str):
        checklist = load_checklist(checklist)
    if checklist is None:
        checklist = checklist_for(case.decision.date)
    if checklist is None or not checklist.covers(case.decision.date):
        return CaseResult(
            **_base(case), verdict=Verdict.OUTSIDE, criticism=Criticism.NONE,
            verdict_reason=(f"Afgørelsen er truffet den {d(case.decision.date)}, uden for regelsættets "
                            "gyldighedsperiode; den er ikke vurderet."),
            events=timeline_events(canonical_events(case)))

    ctx = Context(case, checklist)
    findings: dict[str, Outcome] = {}
    points: list[ItemResult] = []
    reviews = case.reviews
    known_from_sanction = ctx.chain.prior_breach_known_from_sanction
    reason_of = wording.reason
    scopes: dict[str, Scope] = {}  # an applicability predicate's scope depends on the case only: asked once
    for item, applicability, test in _plan(checklist):
        scope = scopes.get(item.applies)
        if scope is None:
            scope = scopes[item.applies] = applicability(ctx)
        f = _run_test(ctx, item, scope, test)
        findings[item.id] = f
        answer, consequence, recs = _resolve(item, f)
        point = ItemResult(
            id=item.id, number=item.number, question=item.question, short=item.short, answer=answer,
            reason=reason_of(item.rule, scope.notes, f.notes, holds=answer is Answer.JA,
                             known_from_sanction=known_from_sanction),
            hjemmel=item.hjemmel,
            dates=sorted({iso_date(x) for x in f.dates.values() if x is not None}) if f.dates else [],
            consequence=consequence, ways=list(f.ways) if answer in _FAILED else [], recommendations=recs,
            advisory=item.advisory,
        )
        if reviews:
            review = reviews.get(item.id)
            if review is not None:
                point = _apply_review(point, item, review)
        points.append(point)

    decision = decide_verdict(points, checklist.precedence)
    ch = ctx.chain
    iso = lambda e: iso_date(e.date) if e is not None else None  # noqa: E731
    return CaseResult(
        **_base(case),
        target_group=ctx.tg_at_decision, rule_set=checklist.id,
        verdict=decision.verdict, criticism=decision.criticism, verdict_reason=verdict_reason(decision),
        chain=ChainDates(decision=iso_date(case.decision.date), prior_sanction=iso(ch.prior_sanction),
                         sharpened_guidance=iso(ch.sharpened_guidance), new_breach=iso(ch.new_breach),
                         prior_breach=iso(ch.prior_breach)),
        facts=_facts(case, points, findings, ch),
        items=points, parameters=dict(ctx.params), events=timeline_events(ch.events),
    )


def _apply_review(point: ItemResult, item: Item, review) -> ItemResult:
    computed = Computed(answer=point.answer, reason=point.reason, consequence=point.consequence)
    answer = Answer(review.answer)
    if not answer.failed:
        consequence = None
    elif review.consequence:
        consequence = Consequence(review.consequence)
    elif point.answer.failed and point.consequence:
        consequence = point.consequence
    else:
        consequence = worst(w.consequence for w in item.ways.values())
    recs = point.recommendations if answer.failed else []
    if answer.failed and not recs:
        recs = list(item.recommendations)
    who = f" ({review.by})" if review.by else ""
    remark = f": {mask_cpr(review.remark)}" if review.remark else ""
    return msgspec.structs.replace(
        point, answer=answer, consequence=consequence, recommendations=recs, source=Source.REVIEW,
        reason=f"Vurdering ved gennemgang{who}{remark}", computed=computed,
        review=ReviewInfo(by=review.by, remark=review.remark))


# forudgaaende_sanktion's ways that mean there is no prior sanction at all (Tabel 2.2 "Ingen dokumentation
# for forudgående afgørelse om sanktion"); its other nej ways mean the prior sanction is not correct.
NO_PRIOR_SANCTION_WAYS = frozenset({"ingen_sanktion", "kun_senere_sanktioner"})
# The items whose check of the prior breach (B1, also when known only from its sanction) decides whether
# the prior sanction is correct on the case as it stands (analyseskema 3.2.1.4).
PRIOR_BREACH_ITEMS = ("vejledning_35_1", "partshoering", "personlig_kontakt", "vurdering_13_8", "oplysning")


def _prior_sanction_correct(fs: ItemResult | None, findings: dict[str, Outcome], chain: Chain,
                            weakest) -> str | None:
    """Tabel 2.2: ja / nej / ved_ikke, or ingen when there is no prior sanction. A sanction dated on or
    before its breach, or on a breach whose own record says it had a reasonable cause, is "nej" (rules.md
    revision 2, change 4). The prior breach's checks decide otherwise, also for a breach known only from
    the date its sanction names, whose unknown reasonable cause is no defect (change 3); a registered
    breach whose reasonable cause is recorded as unknown (or not at all) leaves the fact "ved_ikke"."""
    if fs is None:
        return None
    if fs.answer == "nej":  # (a reviewer's nej over a computed ja has no ways: no prior sanction)
        return "nej" if set(fs.ways) - NO_PRIOR_SANCTION_WAYS else "ingen"
    if fs.answer == "ved_ikke":
        return "ved_ikke"
    prior = [findings[i].per_breach.get("forudgående") for i in PRIOR_BREACH_ITEMS if i in findings]
    b1 = chain.prior_breach
    if b1 is not None and not chain.prior_breach_known_from_sanction and b1.reasonable_cause != "nej":
        prior.append("ved_ikke")
    return weakest(prior)


def _reasons_related_13_8(begrundelse: Outcome | None) -> str | None:
    """Whether the reasons relate to the § 13, stk. 8 assessment: ja / nej for a citizen who was
    aktivitetsparat at the decision (the begrundelse test made the check), else None. Kept apart from
    "hensyn til visitation" (Tabel 2.6), which counts only the relation to the målgruppe."""
    keys = {n.key for n in begrundelse.notes} if begrundelse is not None else set()
    if "ikke_forholdt_13_8" in keys:
        return "nej"
    return "ja" if "forholdt_13_8" in keys else None


def _facts(case: Case, points: list[ItemResult], findings: dict[str, Outcome], chain: Chain) -> Facts:
    """The report's per-case facts. An item the rule set lacks gives no answer: its fact is None (unknown)."""
    by = {p.id: p for p in points}
    dec = case.decision
    vilje = dec.unwillingness_assessed is True

    def weakest(answers: list[str | None]) -> str:
        return "nej" if "nej" in answers else ("ved_ikke" if "ved_ikke" in answers else "ja")

    relevant = None
    if vilje:
        answers = [by[i].answer for i in ("oplysning", "rimelig_grund", "vurdering_13_8") if i in by]
        relevant = weakest(answers) if answers else None
    target = None
    if vilje and "begrundelse" in by:
        target = "nej" if "ikke_forholdt_maalgruppe" in by["begrundelse"].ways else "ja"
    related_13_8 = _reasons_related_13_8(findings.get("begrundelse") if "begrundelse" in by else None)
    prior_ok = _prior_sanction_correct(by.get("forudgaaende_sanktion"), findings, chain, weakest)
    offer = dec.offer
    given = offer is not None and (offer.kind is not None or offer.start_date is not None)
    same_day = (by["tilbud"].answer if "tilbud" in by else None) if given else "nej"
    return Facts(
        weighted=list(dec.weighted), length_months=dec.length_months,
        length_reasoned=bool((dec.length_reason or "").strip()), unwillingness_assessed=vilje,
        relevant_circumstances=relevant, target_group_considered=target, prior_sanction_correct=prior_ok,
        reasons_related_13_8=related_13_8,
        offer_given=given,
        same_day=None if same_day is None else Answer.JA if same_day == "ikke_relevant" else Answer(same_day),
    )
