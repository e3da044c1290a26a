"""The chain itself: målgruppe, the prior sanction, the new breach, reasonable cause, the hearing, the
investigation of the citizen's explanations, and the proportionality flag."""

from __future__ import annotations

from datetime import date

from audit.dates import add_months
from audit.model import Event
from audit.rules.chain import Chain, SanctionedBreach
from audit.rules.checklist import Item
from audit.rules.registry import Context, Outcome, Scope, found, rule


@rule("maalgruppe")
def maalgruppe(ctx: Context, item: Item, scope: Scope) -> Outcome:
    if ctx.visitation is None:
        return found("ingen_visitation", ["ingen_visitation"], {"afgoerelse": ctx.D}, afgoerelse=ctx.D)
    o = found("visiteret", dates={"visitation": ctx.visitation.date, "afgoerelse": ctx.D},
              maalgruppe=ctx.tg_at_decision, visitation=ctx.visitation.date, afgoerelse=ctx.D)
    sbs = ctx.sanctioned
    groups = [(sb, ctx.chain.target_group_at(sb.date)[0]) for sb in sbs]
    if len({tg for _, tg in groups}) > 1:
        o.say("maalgruppe_skiftede", grupper=groups)
    return o


@rule("forudgaaende_sanktion")
def forudgaaende_sanktion(ctx: Context, item: Item, scope: Scope) -> Outcome:
    ch, D = ctx.chain, ctx.D
    if not ch.sanctions_before:
        return found("ingen_sanktion", ["ingen_sanktion"], {"afgoerelse": D}, afgoerelse=D)
    b2 = ch.new_breach
    others = [s for s in ch.sanctions_before if s not in ch.sanction_on_new_breach]
    all_sanctions = {f"sanktion_{i}": s.date for i, s in enumerate(ch.sanctions_before)}
    if not others:
        return found("kun_sanktion_paa_ny", ["ingen_sanktion"], all_sanctions, afgoerelse=D)
    if b2 is not None and all(s.date > b2.date for s in others):
        return found("kun_senere_sanktioner", ["kun_senere_sanktioner"], {**all_sanctions, "ny": b2.date},
                     sanktioner=[s.date for s in ch.sanctions_before], ny=b2.date)
    s1 = ch.prior_sanction
    if s1 is None:  # every sanction concerns the new breach itself (covered above); defensive
        return found("ingen_forudgaaende", ["ingen_sanktion"], {"afgoerelse": D})
    if s1.concerns is None:  # the only way B1 is missing (rules.md, the chain, step 6)
        return found("tilsidesaettelse_ukendt", ["tilsidesaettelse_ukendt"], {"sanktion": s1.date},
                     paragraf=s1.paragraph, sanktion=s1.date)
    # The light review of the prior sanction (analyseskema 3.2.1.4): its breach lies strictly before it,
    # also when the breach is known only from the date the sanction names, and the case's own record of
    # the breach does not say that the citizen had a reasonable cause (002 line 7175). An unknown
    # reasonable cause is no defect here.
    b1, from_sanction = ch.prior_breach, ch.prior_breach_known_from_sanction
    facts = {"paragraf": s1.paragraph, "sanktion": s1.date, "tidligere": s1.concerns,
             "kun_fra_sanktion": from_sanction or b1 is None}
    # (a named date after the decision is stated in the reason, not listed among the dates the answer used)
    o = Outcome(dates={"tidligere": s1.concerns if s1.concerns <= D else None, "sanktion": s1.date, "afgoerelse": D})
    if s1.concerns > s1.date:
        o.fail("tilsidesaettelse_efter_sanktion", **facts)
    elif s1.concerns == s1.date:
        o.fail("tilsidesaettelse_samme_dag_som_sanktion", **facts)
    if b1 is not None and b1.reasonable_cause == "ja":
        o.fail("rimelig_grund_forudgaaende", **facts)
    if not o.ways:
        o.say("forudgaaende_sanktion", afgoerelse=D, **facts)
    return o


@rule("ny_tilsidesaettelse")
def ny_tilsidesaettelse(ctx: Context, item: Item, scope: Scope) -> Outcome:
    ch, D = ctx.chain, ctx.D
    b2, s1, g = ch.new_breach, ch.prior_sanction, ch.sharpened_guidance
    named = ch.new_breach_named
    if named is not None and named > D:
        return found("efter_afgoerelse", ["efter_afgoerelse"], {"vedroerer": named, "afgoerelse": D},
                     vedroerer=named, afgoerelse=D)
    if b2 is None:
        if named is not None:
            return found("vedroerer_ukendt", ["vedroerer_ukendt"], {"vedroerer": named}, vedroerer=named)
        if s1 is None:
            return found("intet_grundlag", ["ingen_tilsidesaettelse"])
        return found("ingen_tilsidesaettelse", ["ingen_tilsidesaettelse"], {"sanktion": s1.date, "afgoerelse": D},
                     sanktion=s1.date, afgoerelse=D)
    if s1 is None:
        return found("ikke_paa_ny", ["ingen_tilsidesaettelse"], {"ny": b2.date}, ny=b2.date)
    if b2.date <= s1.date:
        return found("foer_sanktion", ["foer_sanktion"], {"ny": b2.date, "sanktion": s1.date},
                     ny=b2.date, sanktion=s1.date)
    if g is not None and b2.date <= g.date:
        return found("foer_vejledning", ["foer_vejledning"], {"ny": b2.date, "vejledning": g.date},
                     ny=b2.date, vejledning=g.date)
    return found("ny_tilsidesaettelse", dates={"sanktion": s1.date, "ny": b2.date, "afgoerelse": D},
                 art=b2.kind, ny=b2.date, sanktion=s1.date, afgoerelse=D,
                 vejledning=g.date if g is not None and g.date != s1.date else None)


def explanations(chain: Chain, sb: SanctionedBreach) -> list[tuple[date, str]]:
    """The citizen's explanations of a breach: its own ``forklaring`` and hearing answers before the sanction."""
    out: list[tuple[date, str]] = []
    if sb.breach.explanation:
        out.append((sb.date, sb.breach.explanation))
    for h in chain.about("partshøring", sb.date):
        when = h.answer_date or h.date
        if h.answer and sb.date <= when < sb.sanction_date:
            out.append((when, h.answer))
    return out


def investigated(chain: Chain, sb: SanctionedBreach, after: date) -> list[Event]:
    return [e for e in chain.about("sagsoplysning", sb.date) if after <= e.date < sb.sanction_date]


@rule("rimelig_grund")
def rimelig_grund(ctx: Context, item: Item, scope: Scope) -> Outcome:
    b2 = ctx.chain.new_breach
    if b2 is None:
        return found("ingen_tilsidesaettelse", ["ingen_tilsidesaettelse"])
    if b2.reasonable_cause == "ja":
        return found("rimelig_grund_ja", ["rimelig_grund_ja"], {"ny": b2.date}, ny=b2.date)
    if b2.reasonable_cause != "nej":
        return found("rimelig_grund_ukendt", ["rimelig_grund_ukendt"], {"ny": b2.date}, ny=b2.date)
    sb = next(s for s in ctx.sanctioned if s.label == "ny")
    for when, text in explanations(ctx.chain, sb):
        if not investigated(ctx.chain, sb, when):
            return found("forklaring_ikke_undersoegt", ["forklaring_ikke_undersoegt"],
                         {"ny": b2.date, "forklaret": when, "afgoerelse": ctx.D},
                         forklaret=when, forklaring=text, afgoerelse=ctx.D)
    return found("uden_rimelig_grund", dates={"ny": b2.date}, ny=b2.date)


@rule("partshoering")
def partshoering(ctx: Context, item: Item, scope: Scope) -> Outcome:
    if not scope.breaches:
        return found("ingen_tilsidesaettelser", ["ingen_tilsidesaettelser"])
    o = Outcome()
    unnamed = [h for h in ctx.chain.of_type("partshøring") if h.concerns is None]
    for sb in scope.breaches:
        heard = [h for h in ctx.chain.about("partshøring", sb.date) if sb.date <= h.date < sb.sanction_date]
        o.dates[f"tilsidesaettelse_{sb.label}"] = sb.date
        if heard:
            o.per_breach[sb.label] = "ja"
            o.say("partshoert", hoert=heard[0].date, brud=sb)
            o.dates[f"partshoering_{sb.label}"] = heard[0].date
        else:
            o.per_breach[sb.label] = "nej"
            o.fail("mangler", brud=sb)
    if unnamed and o.ways:
        o.say("uden_vedroerer", antal=len(unnamed))
    o.prior_failed = o.per_breach.get("forudgående") == "nej"
    return o


@rule("oplysning")
def oplysning(ctx: Context, item: Item, scope: Scope) -> Outcome:
    o = Outcome()
    silent = []  # breaches known only from their sanction, with no explanation (the reason names them)
    for sb in scope.breaches:
        given = explanations(ctx.chain, sb)
        if not given and sb.known_from_sanction:
            silent.append(sb)
        for when, text in given:
            inv = investigated(ctx.chain, sb, when)
            o.dates[f"forklaring_{sb.label}_{when.isoformat()}"] = when
            if inv:
                o.say("undersoegt", forklaret=when, brud=sb, kilde=inv[0].source, undersoegt=inv[0].date)
                o.per_breach.setdefault(sb.label, "ja")
            else:
                o.fail("forklaring_ikke_undersoegt", forklaret=when, brud=sb, forklaring=text)
                o.per_breach[sb.label] = "nej"
    if not o.notes:
        o.say("ingen_forklaringer", brud=silent)
    else:
        for sb in silent:
            o.say("ingen_forklaring_om", brud=sb)
    o.ways = sorted(set(o.ways))
    o.prior_failed = o.per_breach.get("forudgående") == "nej"
    return o


@rule("proportionalitet", needs=("udløser",))
def proportionalitet(ctx: Context, item: Item, scope: Scope) -> Outcome:
    """Two absences from a jobsamtale within ``proportionalitet_maaneder``, the first sanctioned with a
    deduction (the checklist's ``udløser``): flagged for a jurist (vejledning 2020)."""
    ch = ctx.chain
    b1, b2, s1 = ch.prior_breach, ch.new_breach, ch.prior_sanction
    months = ctx.params["proportionalitet_maaneder"]
    trigger = item.constants["udløser"]
    if b2 is None or b1 is None or s1 is None:
        return found("intet_grundlag")
    recent = [s for s in ch.sanctions_before if s.date >= add_months(b2.date, -months)]
    if (b1.kind == b2.kind == trigger["art"] and b2.date <= add_months(b1.date, months)
            and len(recent) == int(trigger["sanktioner_i_perioden"]) and s1.paragraph == trigger["paragraf"]):
        return found("to_korte_udeblivelser", ["to_korte_udeblivelser"],
                     {"tidligere": b1.date, "sanktion": s1.date, "ny": b2.date},
                     tidligere=b1.date, ny=b2.date, maaneder=months, paragraf=s1.paragraph, sanktion=s1.date)
    return found("ingen_tegn", dates={"tidligere": b1.date, "ny": b2.date}, maaneder=months)
