"""The chain of events (rules.md, "The chain of events"), computed once per case.

Only events on or before the decision date count: what happened after the decision cannot make it
right or wrong. Events are put in a canonical order first, so the order of the input never matters.
"""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass, field
from datetime import date

from audit.model import Case, Event


def _content_key(e: Event) -> str:
    return json.dumps(e.model_dump(mode="json", exclude_none=True), sort_keys=True, ensure_ascii=False)


_date_and_type = operator.attrgetter("date", "type")


def canonical_events(case: Case) -> list[Event]:
    """The case's events on or before the decision date, in a fixed order (date, type, content).

    The content only breaks ties between events of the same date and type, so it is serialised only for
    those (most cases have none): the order is the same as sorting by the full (date, type, content) key.
    """
    d = case.decision.date
    events = sorted([e for e in case.events if e.date <= d], key=_date_and_type)
    keys = [(e.date, e.type) for e in events]
    if len(set(keys)) == len(keys):  # no two events share date and type: nothing to break ties for
        return events
    out: list[Event] = []
    i = 0
    while i < len(events):
        j = i + 1
        while j < len(events) and events[j].date == events[i].date and events[j].type == events[i].type:
            j += 1
        group = events[i:j]
        if len(group) > 1:
            group.sort(key=_content_key)
        out.extend(group)
        i = j
    return out


@dataclass(frozen=True)
class SanctionedBreach:
    """A breach that was sanctioned, and the date of the sanction on it (S1 for B1, D for B2)."""

    label: str  # "forudgående" or "ny"
    breach: Event
    sanction_date: date
    # B1 known only by the date its sanction names (no tilsidesættelse event on that date): ``breach`` is
    # then a stand-in with only that date, and every check over "each sanctioned breach" runs on it
    # (rules.md, the chain, step 4).
    known_from_sanction: bool = False

    @property
    def date(self) -> date:
        return self.breach.date


@dataclass
class Chain:
    decision_date: date
    events: list[Event]
    prior_sanction: Event | None = None            # S1
    sharpened_guidance: Event | None = None        # the § 35 stk. 2 guidance that starts the chain
    new_breach: Event | None = None                # B2
    prior_breach: Event | None = None              # B1 (a stand-in with only the date when known_from_sanction)
    prior_breach_known_from_sanction: bool = False  # B1 has no event: only S1.vedrører names its date
    new_breach_named: date | None = None           # afgørelse.vedrører, when given
    sanctions_before: list[Event] = field(default_factory=list)
    sanction_on_new_breach: list[Event] = field(default_factory=list)
    # target_group_at's answers by date (the tests ask for the same few dates; the events do not change)
    _target_groups: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # the events by type, in their order (of_type and about look in one type's events only)
    _by_type: dict[str, list[Event]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for e in self.events:
            self._by_type.setdefault(e.type, []).append(e)

    @property
    def chain_start(self) -> date | None:
        """The guidance date when guidance was given after S1, otherwise S1's date."""
        if self.prior_sanction is None:
            return None
        if self.sharpened_guidance is not None and self.sharpened_guidance.date > self.prior_sanction.date:
            return self.sharpened_guidance.date
        return self.prior_sanction.date

    def of_type(self, kind: str) -> list[Event]:
        return list(self._by_type.get(kind, ()))

    def about(self, kind: str, breach_date: date) -> list[Event]:
        return [e for e in self._by_type.get(kind, ()) if e.concerns == breach_date]

    def target_group_at(self, d: date) -> tuple[str | None, Event | None]:
        known = self._target_groups.get(d)
        if known is not None:
            return known
        latest = None
        for e in self.events:
            if e.type == "visitation" and e.date <= d:
                latest = e
        known = self._target_groups[d] = (latest.target_group if latest else None), latest
        return known

    @property
    def sanctioned_breaches(self) -> list[SanctionedBreach]:
        out = []
        if self.prior_breach is not None and self.prior_sanction is not None:
            out.append(SanctionedBreach("forudgående", self.prior_breach, self.prior_sanction.date,
                                        known_from_sanction=self.prior_breach_known_from_sanction))
        if self.new_breach is not None:
            out.append(SanctionedBreach("ny", self.new_breach, self.decision_date))
        return out


def compute_chain(case: Case) -> Chain:
    d = case.decision.date
    events = canonical_events(case)
    chain = Chain(decision_date=d, events=events, new_breach_named=case.decision.concerns)
    sanctions = [e for e in events if e.type == "sanktion" and e.date < d]
    guidances = [e for e in events if e.type == "vejledning_skærpet" and e.date < d]
    breaches = [e for e in events if e.type == "tilsidesættelse"]
    chain.sanctions_before = sanctions

    named = case.decision.concerns
    named_breach = next((b for b in breaches if b.date == named), None) if named else None

    # A §§ 36-40 sanction on the new breach itself often comes just before (or with) the § 40 a
    # decision (vejledningen 2020, the May/June/July example: "sanktion 3"). It is not the prior
    # sanction and does not break the chain.
    excluded = {named} if named is not None else set()
    _choose_prior(chain, sanctions, guidances, breaches, named_breach, excluded)
    if named is not None:
        chain.new_breach = named_breach
    else:
        chain.new_breach = _latest_after_start(chain, breaches)
        s1 = chain.prior_sanction
        if s1 is not None and chain.new_breach is not None and s1.concerns == chain.new_breach.date:
            _choose_prior(chain, sanctions, guidances, breaches, None, {s1.concerns})
            chain.new_breach = _latest_after_start(chain, breaches)
    new_date = named if named is not None else (chain.new_breach.date if chain.new_breach else None)
    chain.sanction_on_new_breach = [s for s in sanctions if new_date is not None and s.concerns == new_date]

    # B1: the breach S1 names. Without a tilsidesættelse event on that date it is still known by its date
    # (rules.md, the chain, step 4): a stand-in event with only that date, flagged, so that every check
    # over the sanctioned breaches runs on it. Only a sanction that names no date leaves B1 missing.
    s1 = chain.prior_sanction
    if s1 is not None and s1.concerns is not None:
        chain.prior_breach = next((b for b in breaches if b.date == s1.concerns), None)
        if chain.prior_breach is None and s1.concerns <= d:  # (a date after the decision counts for nothing)
            chain.prior_breach = Event(type="tilsidesættelse", date=s1.concerns)
            chain.prior_breach_known_from_sanction = True
    return chain


def _choose_prior(chain: Chain, sanctions: list[Event], guidances: list[Event], breaches: list[Event],
                  named_breach: Event | None, excluded: set) -> None:
    """S1: the latest sanction given together with § 35 stk. 2 guidance (same day, or a later specific
    guidance before the decision); otherwise simply the latest sanction."""
    chain.prior_sanction = None
    chain.sharpened_guidance = None
    candidates = [s for s in sanctions if s.concerns is None or s.concerns not in excluded]
    for s in reversed(candidates):
        own = [g for g in guidances if g.date >= s.date]
        if own:
            chain.prior_sanction = s
            chain.sharpened_guidance = _pick_guidance(own, s, breaches, named_breach, chain.decision_date)
            return
    if candidates:
        chain.prior_sanction = candidates[-1]


def _latest_after_start(chain: Chain, breaches: list[Event]) -> Event | None:
    start = chain.chain_start
    candidates = [b for b in breaches if b.date <= chain.decision_date and (start is None or b.date > start)]
    return candidates[-1] if candidates else None


def _pick_guidance(own: list[Event], s: Event, breaches: list[Event], named_breach: Event | None,
                   d: date) -> Event:
    """Of the guidance events given with or after sanction ``s``, the one that starts the chain: the
    latest that still precedes the new breach (a later specific guidance moves the start)."""
    if named_breach is not None:
        before = [g for g in own if g.date < named_breach.date]
        return before[-1] if before else own[0]
    with_breach_after = [g for g in own if any(g.date < b.date <= d for b in breaches)]
    if with_breach_after:
        return with_breach_after[-1]
    same_day = [g for g in own if g.date == s.date]
    return same_day[-1] if same_day else own[0]
