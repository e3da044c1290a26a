"""The § 40 a decision itself: unwillingness, length, offer, closure, spouse, reasons, appeal guidance and
the statement that help is paid only for days of attendance."""

from __future__ import annotations

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
    offer, eff = ctx.dec.offer, ctx.dec.effective_from
    if offer is None or (offer.kind is None and offer.start_date is None):
        return found("intet_tilbud", ["intet_tilbud"], {"afgoerelse": ctx.D})
    if eff is None:
        return found("virkning_ukendt", ["virkning_ukendt"], {"afgoerelse": ctx.D}, art=offer.kind)
    if offer.start_date is None:
        return found("startdato_ukendt", ["startdato_ukendt"], {"virkning": eff}, art=offer.kind, virkning=eff)
    dates = {"virkning": eff, "start": offer.start_date}
    if offer.start_date > eff:
        return found("starter_senere", ["starter_senere"], dates, art=offer.kind, start=offer.start_date, virkning=eff)
    return found("kan_begynde", dates=dates, art=offer.kind, start=offer.start_date, virkning=eff)


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
    (when the field is absent, the text is searched for the målgruppe word and the checklist's ``søgeord``)."""
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
    terms = list((item.constants["søgeord"] or {}).get(tg, ()))
    if dec.related_to_target_group is not None:
        related = dec.related_to_target_group
    else:
        low = text.lower()
        related = tg in low and all(t in low for t in terms)
    how = {"maalgruppe": tg, "fra_felt": dec.related_to_target_group is not None, "soegeord": terms}
    if related:
        o.say("forholdt_maalgruppe", **how)
    else:
        o.fail("ikke_forholdt_maalgruppe", **how)
    return o


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
