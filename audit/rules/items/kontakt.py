"""The aktivitetsparat protections, checked for each sanctioned breach the item covers (its ``gælder``
decides which; for ``aktivitetsparat`` see ``registry.applies_if_aktivitetsparat``): personal contact
(§ 35 stk. 7, bekg. § 11, PM 39-15) and the § 13 stk. 8 assessment."""

from __future__ import annotations

from collections.abc import Callable

from audit.rules.chain import SanctionedBreach
from audit.rules.checklist import Item
from audit.rules.registry import Context, Note, Outcome, Scope, found, note, rule

# One breach's check: (holds, the way it failed or "", the note, the dates it used)
Check = tuple[bool, str, Note, list]


def _each_breach(ctx: Context, scope: Scope, check: Callable[[SanctionedBreach], Check]) -> Outcome:
    if not ctx.sanctioned:
        return found("ingen_tilsidesaettelser", ["ingen_tilsidesaettelser"])
    o = Outcome()
    for sb in scope.breaches:
        ok, way, explained, used = check(sb)
        # covered only because aktivitetsparat when the sanction on it was decided (registry, gælder)
        explained.facts["kun_ved_sanktion"] = ctx.chain.target_group_at(sb.date)[0] != "aktivitetsparat"
        o.per_breach[sb.label] = "ja" if ok else "nej"
        o.notes.append(explained)
        o.dates.update({f"{sb.label}_{i}": x for i, x in enumerate(used)})
        if not ok:
            o.ways.append(way)
    o.prior_failed = o.per_breach.get("forudgående") == "nej"
    return o


@rule("personlig_kontakt", needs=("kanaler",))
def personlig_kontakt(ctx: Context, item: Item, scope: Scope) -> Outcome:
    channels = item.constants["kanaler"]
    names = channels.get("navne", {})
    in_person = set(channels["opnaaet_ved"])  # coming in person is contact
    strong = set(channels["ud_over_brev_og_telefon"])
    consent_needed = set(channels["kun_med_samtykke"])

    def check(sb: SanctionedBreach) -> Check:
        about = ctx.chain.about("kontaktforsøg", sb.date)
        window = [e for e in about if sb.date <= e.date < sb.sanction_date]
        # attempts about the breach outside the window (on or after the sanction on it): named, not counted
        late = [(names.get(e.channel, e.channel) if e.channel else None, e.date) for e in about if e not in window]
        answers = [h for h in ctx.chain.about("partshøring", sb.date)
                   if h.answer and sb.date <= (h.answer_date or h.date) < sb.sanction_date]
        tried = [(names.get(e.channel, e.channel) if e.channel else None, e.date,
                  bool(e.reached or e.channel in in_person)) for e in window]
        dates = [sb.date] + [e.date for e in window]
        if answers:
            answered = answers[0].answer_date or answers[0].date
            return True, "", note("forklaret_i_partshoering", brud=sb, svar=answered, forsoeg=tried), dates + [answered]
        reached = [e for e in window if e.reached or e.channel in in_person]
        beyond = [e for e in window if e.channel in strong or (e.channel in consent_needed and e.consent is True)]
        if reached:
            return True, "", note("kontakt_opnaaet", brud=sb, forsoeg=tried), dates
        if beyond:
            return True, "", note("forsoegt_ud_over_brev", brud=sb, forsoeg=tried), dates
        if not window:
            return False, "ingen_forsoeg", note("ingen_forsoeg", brud=sb, for_sent=late), dates
        if any(e.channel in consent_needed for e in window):
            return False, "familie_uden_samtykke", note("familie_uden_samtykke", brud=sb, forsoeg=tried), dates
        return False, "kun_brev_telefon", note("kun_brev_telefon", brud=sb, forsoeg=tried), dates

    return _each_breach(ctx, scope, check)


@rule("vurdering_13_8")
def vurdering_13_8(ctx: Context, item: Item, scope: Scope) -> Outcome:
    def check(sb: SanctionedBreach) -> Check:
        found_ = [e for e in ctx.chain.about("vurdering_13_8", sb.date) if sb.date <= e.date <= sb.sanction_date]
        if not found_:
            return False, "mangler", note("mangler", brud=sb), [sb.date]
        good = [e for e in found_ if e.other_circumstances and e.promotes_availability == "ja"]
        if good:
            return True, "", note("vurderet", brud=sb, vurdering=good[0].date), [sb.date, good[0].date]
        e = found_[-1]
        way = "fremmer_ikke" if e.promotes_availability != "ja" else "andre_forhold_mangler"
        return False, way, note(way, brud=sb, vurdering=e.date), [sb.date, e.date]

    return _each_breach(ctx, scope, check)
