"""Guidance: § 35 stk. 1 (rights and duties, re-guidance) and § 35 stk. 2 (skærpet rådighedssanktion)."""

from __future__ import annotations

from datetime import date, timedelta

from audit.dates import add_months
from audit.model import Event
from audit.rules.checklist import Item
from audit.rules.registry import Context, Note, Outcome, Scope, found, rule


@rule("vejledning_35_1", needs=("genvejledning_former",))
def vejledning_35_1(ctx: Context, item: Item, scope: Scope) -> Outcome:
    """rules.md, vejledning_35_1: 1) reviewed and handed out by the first jobsamtale, 2) sent no earlier than
    the handing-out that meets part 1 and no later than ``frist_sendt_dage`` after the first jobsamtale,
    3) re-guided within ``genvejledning_maaneder`` before each sanctioned breach (none: ved_ikke)."""
    guid = ctx.chain.of_type("vejledning")
    talks = ctx.chain.of_type("jobsamtale")
    days = ctx.params["frist_sendt_dage"]
    months = ctx.params["genvejledning_maaneder"]
    reguidance_forms = set(item.constants["genvejledning_former"])
    if not guid:
        return found("ingen_vejledning", ["ingen_vejledning"])
    o = Outcome()
    first_talks = [t for t in talks if t.first]
    first = first_talks[0] if first_talks else (talks[0] if talks else None)
    if first is None:
        o.fail("ingen_jobsamtale")
        handed = [g for g in guid if "udleveret" in g.forms]
        anchor = {"anker": handed[0].date if handed else None, "samtale": False, "markeret": False}
        opens = anchor["anker"]
    else:
        o.dates["foerste_jobsamtale"] = first.date
        anchor = {"anker": first.date, "samtale": True, "markeret": bool(first.first)}
        before = [g for g in guid if g.date <= first.date]
        reviewed = [g for g in before if "gennemgået" in g.forms]
        handed = [g for g in before if "udleveret" in g.forms]
        if reviewed and handed:
            o.say("gennemgaaet_og_udleveret", gennemgaaet=reviewed[-1].date, udleveret=handed[-1].date, **anchor)
            o.dates.update(gennemgaaet=reviewed[-1].date, udleveret=handed[-1].date)
        else:
            if not reviewed:
                o.ways.append("ikke_gennemgaaet_foerste")
            if not handed:
                o.ways.append("ikke_udleveret_foerste")
            o.say("ikke_gennemgaaet_eller_udleveret", gennemgaaet=bool(reviewed), udleveret=bool(handed), **anchor)
        # Part 2 opens at the (earliest) handing-out that meets part 1 (guidance handed out at the visitation
        # and sent before the first jobsamtale is right, 001 line 1494); without one, at the jobsamtale.
        opens = handed[0].date if handed else first.date
    if anchor["anker"] is not None:
        closes = anchor["anker"] + timedelta(days=days)
        window = {"fra": opens, "fra_udlevering": anchor["samtale"] and opens < anchor["anker"], "til": closes,
                  "dage": days, **anchor}
        sent = [g for g in guid if "sendt" in g.forms and opens <= g.date <= closes]
        if sent:
            o.say("sendt_i_tide", sendt=sent[0].date, **window)
            o.dates["sendt"] = sent[0].date
            if window["fra_udlevering"]:
                o.dates["udleveret_foerst"] = opens
        else:
            any_sent = [g for g in guid if "sendt" in g.forms]
            o.fail("ikke_sendt", sendt=any_sent[0].date if any_sent else None, **window)
            if any_sent:
                o.dates["sendt"] = any_sent[0].date
    else:  # no jobsamtale and nothing handed out: only whether it was sent at all
        sent = [g for g in guid if "sendt" in g.forms]
        if not sent:
            o.fail("ikke_sendt", "ikke_sendt_uden_samtale")
        else:
            o.say("sendt_uden_samtale", sendt=sent[0].date)
    for sb in scope.breaches:
        valid = [g for g in guid if g.date < sb.date and "gennemgået" in g.forms and reguidance_forms & set(g.forms)]
        if not valid:
            o.fail("ingen_vejledning", "ikke_vejledt_foer", brud=sb)
            o.per_breach[sb.label] = "nej"
            continue
        last = valid[-1]
        o.dates.update({f"vejledning_foer_{sb.label}": last.date, f"tilsidesaettelse_{sb.label}": sb.date})
        if sb.date > add_months(last.date, months):
            o.fail("genvejledning_mangler", brud=sb, vejledt=last.date, maaneder=months)
            o.per_breach[sb.label] = "nej"
        else:
            o.say("genvejledt", brud=sb, vejledt=last.date, maaneder=months)
            o.per_breach[sb.label] = "ja"
    if not scope.breaches:  # no date to measure re-guidance at (rules.md, revision 2, change 2)
        o.fail("ingen_tilsidesaettelser")
    return o


@rule("vejledning_35_2", needs=("elementer",))
def vejledning_35_2(ctx: Context, item: Item, scope: Scope) -> Outcome:
    """rules.md, vejledning_35_2: 1) written, with S1 or later and before B2, 2) all the elements,
    3) no other sanction in between (the next-decision rule), 4) not stale (``foraeldelse_maaneder``)."""
    ch = ctx.chain
    s1, g, b2 = ch.prior_sanction, ch.sharpened_guidance, ch.new_breach
    if s1 is None:
        return found("ingen_forudgaaende_sanktion", ["ingen_skaerpet_vejledning"])
    if g is None:
        earlier = [e for e in ch.of_type("vejledning_skærpet") if e.date < s1.date]
        return found("ingen_skaerpet_vejledning", ["ingen_skaerpet_vejledning"], {"sanktion": s1.date},
                     sanktion=s1.date, tidligere=earlier[-1].date if earlier else None)
    o = Outcome(dates={"sanktion": s1.date, "vejledning": g.date})
    when = {"vejledning": g.date, "sanktion": s1.date, "samme_dag": g.date == s1.date}
    if g.date < ctx.checklist.valid_from:
        o.fail("ingen_skaerpet_vejledning", "vejledning_foer_reglerne", vejledning=g.date,
               ikrafttraeden=ctx.checklist.valid_from)
    elif b2 is not None and g.date > s1.date and g.date >= b2.date:
        o.fail("ingen_skaerpet_vejledning", "vejledning_efter_tilsidesaettelse", ny=b2.date, **when)
    elif g.written is not True:
        o.fail("ikke_skriftlig", **when)
    else:
        o.say("skriftlig", **when)
    elements = item.constants["elementer"]
    present = set(g.elements)
    if not g.elements and g.text:
        present = _elements_from_text(o, g.text, elements)
    missing = [e for e in elements if e not in present]
    if missing:
        o.fail("elementer_mangler", mangler=[elements[e]["kort"] for e in missing])
    else:
        o.say("alle_elementer")
    # The next-decision rule (rules.md, revision 2, change 5; vejledningen 2020, 001 lines 1602-1617): every
    # sanction after the guidance and before D other than S1 breaks the chain, also one on B2 itself (it was
    # the next decision). Only a sanction on B2 dated the same day as D ("sanktion 3", given "samtidig") does
    # not; it is not in ``sanctions_before`` (dated before D) and never S1 (``chain._choose_prior``).
    between = [s for s in ch.sanctions_before if s.date > g.date and s is not s1]
    if between:
        on_new = [s.date for s in between if b2 is not None and s.concerns == b2.date]
        o.fail("ny_sanktion_imellem", sanktioner=[s.date for s in between], paa_ny=on_new,
               ny=b2.date if b2 is not None else None)
        o.dates.update({f"sanktion_imellem_{i}": s.date for i, s in enumerate(between)})
    else:
        same_day = [s for s in ch.of_type("sanktion")
                    if s.date == ctx.D and b2 is not None and s.concerns == b2.date]
        o.say("ingen_sanktion_imellem", sanktion_3=same_day[0].date if same_day else None,
              ny=b2.date if b2 is not None else None)
    if b2 is not None and ch.chain_start is not None:
        o.notes.append(_staleness(ctx, o, ch.chain_start, s1, g, b2))
    return o


def _elements_from_text(o: Outcome, text: str, elements: dict) -> set[str]:
    """Issue 16: ``elementer`` is absent but the guidance's text is in the case; read the elements from the text
    with the analysis of ``audit tekst``. Only an element a sentence states is present: "usikker" is not (the
    guidance must be "udtrykkelig og klar", R3.2.2), and the reason quotes the sentences either way."""
    from audit.tekst.analyse import analyse

    analysis = analyse(text, "vejledning_35_2")
    o.say("elementer_fra_tekst", elementer=[
        {"kort": elements[r.spec.id]["kort"], "status": r.status, "citat": r.quote, "hvorfor": r.reason}
        for r in analysis.elements if r.spec.id in elements])
    return {r.spec.id for r in analysis.elements if r.found}


def _staleness(ctx: Context, o: Outcome, start: date, s1: Event, g: Event, b2: Event) -> Note:
    """rules.md, vejledning_35_2 part 4 (revision 2, change 6): the period of compliance before B2 runs from
    the latest of the chain's start (S1, or the later guidance) and the latest breach between it and B2 that
    was not excused (``rimelig_grund`` not ``ja``); an excused breach is no failure to meet the duty (001
    line 1668). More than ``foraeldelse_maaneder`` calendar months: stale."""
    months = ctx.params["foraeldelse_maaneder"]
    between = [b for b in ctx.chain.of_type("tilsidesættelse") if start < b.date < b2.date]
    unexcused = [b for b in between if b.reasonable_cause != "ja"]
    excused = [b.date for b in between if b.reasonable_cause == "ja"]
    if unexcused:
        frm, what = unexcused[-1].date, "tilsidesaettelse"
    else:
        frm, what = start, ("vejledning" if start == g.date and g.date > s1.date else "sanktion")
    limit = add_months(frm, months)
    facts = {"ny": b2.date, "fra": frm, "hvad": what, "maaneder": months, "undskyldte": excused}
    if b2.date > limit:
        o.ways.append("foraeldet")
        o.dates.update(ny=b2.date, foraeldet_fra=limit, foraeldelse_maalt_fra=frm)
        return Note("foraeldet", facts)
    if what == "tilsidesaettelse":
        o.dates["foraeldelse_maalt_fra"] = frm
    return Note("ikke_foraeldet", facts)
