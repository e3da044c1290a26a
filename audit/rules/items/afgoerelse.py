"""The § 40 a decision itself: unwillingness, length, offer, closure, spouse, reasons, appeal guidance and
the statement that help is paid only for days of attendance."""

from __future__ import annotations

import re

from audit.dates import first_working_day_after, is_working_day
from audit.rules.checklist import Item
from audit.rules.registry import Context, Outcome, Scope, found, rule


@rule("manglende_vilje")
def manglende_vilje(ctx: Context, item: Item, scope: Scope) -> Outcome:
    at = {"afgoerelse": ctx.D}
    if ctx.dec.unwillingness_assessed is not True:
        return found("ikke_vurderet", ["ikke_vurderet"], at)
    if not ctx.dec.weighted:
        return found("vaegt_ikke_angivet", ["vaegt_ikke_angivet"], at)
    return found("vurderet", dates=at, vaegt_paa=list(ctx.dec.weighted))


@rule("laengde", needs=("tilladte_maaneder",))
def laengde(ctx: Context, item: Item, scope: Scope) -> Outcome:
    allowed = list(item.constants["tilladte_maaneder"])
    n = ctx.dec.length_months
    o = Outcome(dates={"afgoerelse": ctx.D})
    if n is None:
        o.fail("ikke_angivet")
    elif n not in allowed:
        o.fail("uden_for_1_3", maaneder=n, tilladt=allowed)
    else:
        o.say("laengde", maaneder=n)
    if not (ctx.dec.length_reason or "").strip():
        o.fail("ingen_begrundelse")
    else:
        o.say("begrundet")
    return o


@rule("tilbud")
def tilbud(ctx: Context, item: Item, scope: Scope) -> Outcome:
    """rules.md, tilbud (revision 2, change 8): an offer is given; ``virkning_fra`` is known and not before the
    decision (it takes effect at the earliest when the decision has reached the citizen, 001 lines 1704-1707,
    2689-2693); the offer can start on ``virkning_fra``, or, when that day is a Saturday, Sunday or Danish
    public holiday, by the first working day after it (001 line 2648)."""
    offer, eff = ctx.dec.offer, ctx.dec.effective_from
    if offer is None or (offer.kind is None and offer.start_date is None):
        return found("intet_tilbud", ["intet_tilbud"], {"afgoerelse": ctx.D})
    if eff is None:
        return found("virkning_ukendt", ["virkning_ukendt"], {"afgoerelse": ctx.D}, art=offer.kind)
    o = Outcome(dates={"virkning": eff})
    if eff < ctx.D:
        o.fail("virkning_foer_afgoerelse", virkning=eff, afgoerelse=ctx.D)
        o.dates["afgoerelse"] = ctx.D
    start = offer.start_date
    if start is None:
        o.fail("startdato_ukendt", art=offer.kind, virkning=eff)
        return o
    o.dates["start"] = start
    facts = {"art": offer.kind, "start": start, "virkning": eff}
    if start <= eff:
        o.say("kan_begynde", **facts)
        return o
    first_day = None if is_working_day(eff) else first_working_day_after(eff)
    if first_day is not None and start <= first_day:
        o.say("kan_begynde_foerste_hverdag", foerste_hverdag=first_day, **facts)
    else:
        o.fail("starter_senere", foerste_hverdag=first_day, **facts)
    return o


@rule("lukning")
def lukning(ctx: Context, item: Item, scope: Scope) -> Outcome:
    if ctx.dec.closure is True:
        return found("truffet", dates={"afgoerelse": ctx.D})
    return found("ikke_truffet", ["ikke_truffet"], {"afgoerelse": ctx.D}, truffet=ctx.dec.closure)


@rule("aegtefaelle")
def aegtefaelle(ctx: Context, item: Item, scope: Scope) -> Outcome:
    """For a married citizen (``gælder: gift``): the spouse decision, and the spouse guided in writing on
    the § 35 stk. 2 guidance that starts the chain."""
    g = ctx.chain.sharpened_guidance
    o = Outcome(dates={"afgoerelse": ctx.D, "vejledning": g.date if g is not None else None})
    if ctx.dec.spouse_decision is True:
        o.say("afgoerelse_truffet")
    else:
        o.fail("ingen_afgoerelse")
    if g is not None and g.spouse_guided is True:
        o.say("vejledt", vejledning=g.date)
    else:
        o.fail("ikke_vejledt")
    return o


@rule("begrundelse", needs=("søgeord",))
def begrundelse(ctx: Context, item: Item, scope: Scope) -> Outcome:
    """fvl. §§ 22-24: written, reasoned, cites the rules, states what was weighed, relates to the målgruppe
    ("hensyn til visitation", analyseskema 4.2.3) and, for a målgruppe with ``søgeord`` (aktivitetsparat),
    also to the § 13, stk. 8 assessment (002 line 8374). The two relations are separate: a field that is
    absent is replaced by a search of the text (the målgruppe word; the checklist's ``søgeord``)."""
    dec = ctx.dec
    o = Outcome(dates={"afgoerelse": ctx.D})
    if dec.written is not True:
        o.fail("ikke_skriftlig")
    text = (dec.reasoning or "").strip()
    if not text:
        o.fail("ingen_begrundelse")
    if dec.rules_cited is not True or not dec.weighted:
        o.fail("mangler_dele", ikke_regler=dec.rules_cited is not True, ikke_vaegt=not dec.weighted)
    tg = ctx.tg_at_decision
    if tg is None:
        if dec.related_to_target_group is False:
            o.fail("ikke_forholdt_maalgruppe", "ikke_forholdt_ukendt_maalgruppe")
        else:
            o.say("maalgruppe_ukendt")
        return o
    visitation = ctx.visitation.date if ctx.visitation is not None else None
    o.dates["visitation"] = visitation
    if dec.related_to_target_group is not None:
        related = dec.related_to_target_group
    else:
        related = tg in text.lower()
    how = {"maalgruppe": tg, "fra_felt": dec.related_to_target_group is not None, "visitation": visitation}
    if related:
        o.say("forholdt_maalgruppe", **how)
    else:
        o.fail("ikke_forholdt_maalgruppe", **how)
    terms = list((item.constants["søgeord"] or {}).get(tg, ()))
    if terms:
        if dec.related_to_13_8 is not None:
            related_13_8 = dec.related_to_13_8
        else:
            related_13_8 = any(mentions(text, t) for t in terms)
        how_13_8 = {"maalgruppe": tg, "fra_felt": dec.related_to_13_8 is not None, "soegeord": terms,
                    "visitation": visitation, "afgoerelse": ctx.D}
        if related_13_8:
            o.say("forholdt_13_8", **how_13_8)
        else:
            o.fail("ikke_forholdt_13_8", **how_13_8)
    return o


def mentions(text: str, term: str) -> bool:
    """Whether ``text`` names ``term`` as a reference: case, spaces and punctuation between its parts are
    ignored, and a number must not run on ("13, stk. 8" is found in "§ 13, stk. 8," and "§13 stk 8", not in
    "§ 113, stk. 8" or "§ 13, stk. 80")."""
    parts = re.findall(r"\w+", term.lower())
    if not parts:
        return False
    pattern = r"(?<!\w)" + r"\W*".join(re.escape(p) for p in parts) + r"(?!\w)"
    return re.search(pattern, text.lower()) is not None


@rule("klagevejledning")
def klagevejledning(ctx: Context, item: Item, scope: Scope) -> Outcome:
    o = Outcome(dates={"afgoerelse": ctx.D})
    if ctx.dec.appeal_guidance is not True:
        o.fail("mangler")
    if ctx.dec.written is not True:
        o.fail("ikke_skriftlig")
    return o


@rule("kun_fremmoede_oplyst")
def kun_fremmoede_oplyst(ctx: Context, item: Item, scope: Scope) -> Outcome:
    if ctx.dec.attendance_stated is True:
        return found("oplyst", dates={"afgoerelse": ctx.D})
    return found("ikke_oplyst", ["ikke_oplyst"], {"afgoerelse": ctx.D})
