"""The § 40 a checklist engine: every item of the rule set, computed from the case's dates.

``evaluate(case)`` returns one result (docs/resultat-skema.md). Each item answers ja / nej /
ved_ikke / ikke_relevant with a Danish reason naming the dates it used; the consequences and
recommendations come from the checklist definition, keyed by the way the item failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
    Verdict,
    decide_verdict,
    verdict_reason,
    worst,
)
from audit.dates import add_months, format_da, month_arithmetic_note
from audit.model import Case, Event
from audit.privacy import mask_cpr
from audit.rules.chain import Chain, SanctionedBreach, compute_chain
from audit.rules.checklist import Checklist, Item, checklist_for, load_checklist

STRONG_CHANNELS = ("hjemmebesøg", "tilbudssted", "mentor", "støtteperson", "behandlingssted")
# Contact through these counts only with the citizen's prior consent (bekg. om rådighed § 11, stk. 4).
CONSENT_CHANNELS = ("familie", "værge")
CHANNEL_DA = {
    "brev": "brev", "digital_post": "digital post", "e-mail": "e-mail", "sms": "sms", "telefon": "telefon",
    "hjemmebesøg": "hjemmebesøg", "tilbudssted": "tilbudsstedet", "mentor": "mentor",
    "støtteperson": "støtteperson", "værge": "værge", "behandlingssted": "behandlingssted",
    "familie": "familie", "fremmøde": "personligt fremmøde",
}
ELEMENT_DA = {
    "konsekvens": "konsekvensen for hjælpen (nr. 1)",
    "kun_fremmødedage": "hjælp kun for fremmødedage (nr. 2)",
    "lukning_kalendermåned": "lukning efter en hel kalendermåneds udeblivelse (nr. 3)",
    "ægtefælle": "konsekvensen for ægtefællen (nr. 4)",
}
QUOTE_CHARS = 160


def d(x: date | None) -> str:
    return format_da(x)


def quote(text: str | None) -> str:
    t = " ".join(mask_cpr(text or "").split())
    return f"»{t[:QUOTE_CHARS]}{'…' if len(t) > QUOTE_CHARS else ''}«"


def breach_name(sb: SanctionedBreach) -> str:
    if sb.label == "forudgående":
        return (f"tilsidesættelsen den {d(sb.date)} (sanktioneret ved den forudgående afgørelse "
                f"den {d(sb.sanction_date)})")
    return f"den nye tilsidesættelse den {d(sb.date)} (§ 40 a-afgørelsen den {d(sb.sanction_date)})"


@dataclass
class Finding:
    """What one item concluded, before the checklist adds consequence and recommendations."""

    answer: str
    reason: str
    dates: list[date] = field(default_factory=list)
    ways: list[str] = field(default_factory=list)
    prior_failed: bool = False  # the failure lies (also) in the prior sanction
    per_breach: dict[str, str] = field(default_factory=dict)  # label -> ja/nej/ved_ikke


class CaseAudit:
    def __init__(self, case: Case, checklist: Checklist):
        self.case = case
        self.cl = checklist
        self.p = checklist.parameters
        self.chain: Chain = compute_chain(case)
        self.dec = case.decision
        self.D = case.decision.date
        self.tg_at_decision, self.visitation = self.chain.target_group_at(self.D)

    # -- items -------------------------------------------------------------------------------
    def maalgruppe(self) -> Finding:
        if self.visitation is None:
            return Finding("nej", f"Der er ingen visitation på eller før afgørelsen den {d(self.D)}, så det "
                                  "fremgår ikke, om borgeren er jobparat eller aktivitetsparat.",
                           [self.D], ["ingen_visitation"])
        reason = (f"Borgeren er visiteret som {self.tg_at_decision} den {d(self.visitation.date)} "
                  f"(seneste visitation før afgørelsen den {d(self.D)}).")
        groups = {sb.label: self.chain.target_group_at(sb.date)[0] for sb in self.chain.sanctioned_breaches}
        if len(set(groups.values())) > 1:
            reason += " Målgruppen skiftede undervejs: " + "; ".join(
                f"ved {breach_name(sb)} var borgeren {groups[sb.label] or 'ikke visiteret'}"
                for sb in self.chain.sanctioned_breaches) + "."
        return Finding("ja", reason, [self.visitation.date, self.D])

    def vejledning_35_1(self) -> Finding:
        guid = self.chain.of_type("vejledning")
        talks = self.chain.of_type("jobsamtale")
        days = self.p["frist_sendt_dage"]
        months = self.p["genvejledning_maaneder"]
        if not guid:
            return Finding("nej", "Der er ingen dokumenteret vejledning efter § 35, stk. 1, i sagen. "
                                  "Vejledning, der ikke er dokumenteret, anses for ikke at være givet.",
                           [], ["ingen_vejledning"])
        ways: list[str] = []
        parts: list[str] = []
        dates: list[date] = []
        first_talks = [t for t in talks if t.first]
        first = first_talks[0] if first_talks else (talks[0] if talks else None)
        if first is None:
            ways.append("ingen_jobsamtale")
            parts.append("1) Der er ingen jobsamtaler i sagen, så det kan ikke ses, om vejledningen blev "
                         "gennemgået og udleveret senest ved første jobsamtale.")
            handed = [g for g in guid if "udleveret" in g.forms]
            anchor = handed[0].date if handed else None
            anchor_txt = f"den første udlevering af vejledningen den {d(anchor)}" if anchor else None
        else:
            dates.append(first.date)
            before = [g for g in guid if g.date <= first.date]
            reviewed = [g for g in before if "gennemgået" in g.forms]
            handed = [g for g in before if "udleveret" in g.forms]
            label = "første jobsamtale" + ("" if first.first else " (den tidligste; ingen er markeret som første)")
            if reviewed and handed:
                parts.append(f"1) Vejledningen blev gennemgået den {d(reviewed[-1].date)} og udleveret den "
                             f"{d(handed[-1].date)}, senest ved {label} den {d(first.date)}.")
                dates += [reviewed[-1].date, handed[-1].date]
            else:
                if not reviewed:
                    ways.append("ikke_gennemgaaet_foerste")
                if not handed:
                    ways.append("ikke_udleveret_foerste")
                missing = " og ".join(w for w, ok in (("gennemgået og drøftet", reviewed), ("udleveret", handed))
                                      if not ok)
                parts.append(f"1) Vejledningen er ikke {missing} senest ved {label} den {d(first.date)}.")
            anchor = first.date
            anchor_txt = f"{label} den {d(first.date)}"
        if anchor is not None:
            limit = anchor.toordinal() + days
            sent = [g for g in guid if "sendt" in g.forms and anchor <= g.date and g.date.toordinal() <= limit]
            if sent:
                parts.append(f"2) Vejledningen blev sendt den {d(sent[0].date)}, inden for {days} dage efter "
                             f"{anchor_txt} (værktøjets læsning af \"umiddelbart efter\").")
                dates.append(sent[0].date)
            else:
                ways.append("ikke_sendt")
                any_sent = [g for g in guid if "sendt" in g.forms]
                extra = (f" Den er sendt den {d(any_sent[0].date)}." if any_sent else " Der er ingen "
                         "dokumentation for, at den er sendt.")
                parts.append(f"2) Vejledningen er ikke sendt senest {days} dage efter {anchor_txt} "
                             f"(værktøjets læsning af \"umiddelbart efter\").{extra}")
        elif "ingen_jobsamtale" in ways:
            sent = [g for g in guid if "sendt" in g.forms]
            if not sent:
                ways.append("ikke_sendt")
                parts.append("2) Der er ingen dokumentation for, at vejledningen er sendt til borgeren.")
            else:
                parts.append("2) Vejledningen er sendt den " + d(sent[0].date) + ", men uden jobsamtale eller "
                             "udlevering kan det ikke ses, om det var umiddelbart efter første samtale.")
        per_breach: dict[str, str] = {}
        for sb in self.chain.sanctioned_breaches:
            valid = [g for g in guid if g.date < sb.date and "gennemgået" in g.forms
                     and {"tilgængeliggjort", "udleveret", "sendt"} & set(g.forms)]
            if not valid:
                ways.append("ingen_vejledning")
                per_breach[sb.label] = "nej"
                parts.append(f"3) Før {breach_name(sb)} er vejledningen ikke gennemgået og gjort tilgængelig.")
                continue
            last = valid[-1]
            deadline = add_months(last.date, months)
            dates += [last.date, sb.date]
            if sb.date > deadline:
                ways.append("genvejledning_mangler")
                per_breach[sb.label] = "nej"
                parts.append(f"3) Seneste vejledning før {breach_name(sb)} var den {d(last.date)}; "
                             f"{month_arithmetic_note(last.date, months)}, så borgeren var ikke genvejledt "
                             "inden for et halvt år.")
            else:
                per_breach[sb.label] = "ja"
                parts.append(f"3) Før {breach_name(sb)} var borgeren senest vejledt den {d(last.date)}, inden "
                             f"for {months} måneder ({month_arithmetic_note(last.date, months)}).")
        if not self.chain.sanctioned_breaches:
            parts.append("3) Der er ingen sanktionerede tilsidesættelser at måle genvejledningen mod.")
        return self._combine(ways, parts, dates, per_breach,
                             ok_intro="Borgeren er vejledt korrekt efter § 35, stk. 1.")

    def forudgaaende_sanktion(self) -> Finding:
        ch = self.chain
        if not ch.sanctions_before:
            return Finding("nej", f"Der er ingen afgørelse om sanktion efter §§ 36-40 før § 40 a-afgørelsen den "
                                  f"{d(self.D)}.", [self.D], ["ingen_sanktion"])
        b2 = ch.new_breach
        others = [s for s in ch.sanctions_before if s not in ch.sanction_on_new_breach]
        if not others:
            return Finding("nej", f"Den eneste sanktion før afgørelsen den {d(self.D)} vedrører selve den nye "
                                  "tilsidesættelse; der er ingen forudgående sanktion.",
                           [s.date for s in ch.sanctions_before], ["ingen_sanktion"])
        if b2 is not None and all(s.date > b2.date for s in others):
            ds = ", ".join(d(s.date) for s in ch.sanctions_before)
            return Finding("nej", f"Sanktionerne før afgørelsen ({ds}) er alle truffet efter den tilsidesættelse "
                                  f"den {d(b2.date)}, som § 40 a-afgørelsen bygger på; der er ingen forudgående "
                                  "sanktion før den.", [s.date for s in ch.sanctions_before] + [b2.date],
                           ["kun_senere_sanktioner"])
        s1 = ch.prior_sanction
        if s1 is None:  # every sanction concerns the new breach itself (covered above); defensive
            return Finding("nej", "Der er ingen forudgående sanktion.", [self.D], ["ingen_sanktion"])
        head = f"Den forudgående sanktion ({s1.paragraph or 'paragraf ikke angivet'}) er truffet den {d(s1.date)}"
        if ch.prior_breach is None:
            why = ("den angiver ikke, hvilken tilsidesættelse den vedrører" if s1.concerns is None else
                   f"den vedrører en tilsidesættelse den {d(s1.concerns)}, som ikke findes i sagen")
            return Finding("ved_ikke", f"{head}, men {why}. Den forudgående afgørelse kan derfor ikke "
                                       "efterprøves.", [s1.date], ["tilsidesaettelse_ukendt"])
        b1 = ch.prior_breach
        if b1.date > s1.date:
            return Finding("nej", f"{head}, men den tilsidesættelse, den vedrører, er først den {d(b1.date)}.",
                           [s1.date, b1.date], ["tilsidesaettelse_efter_sanktion"])
        return Finding("ja", f"{head} for tilsidesættelsen den {d(b1.date)}, før § 40 a-afgørelsen den "
                             f"{d(self.D)}.", [b1.date, s1.date, self.D])

    def vejledning_35_2(self) -> Finding:
        ch = self.chain
        s1, g, b2 = ch.prior_sanction, ch.sharpened_guidance, ch.new_breach
        if s1 is None:
            return Finding("nej", "Der er ingen forudgående sanktion, som vejledningen om skærpet "
                                  "rådighedssanktion kunne gives sammen med.", [], ["ingen_skaerpet_vejledning"])
        if g is None:
            earlier = [e for e in ch.of_type("vejledning_skærpet") if e.date < s1.date]
            extra = (f" Der er vejledt den {d(earlier[-1].date)}, men det var før den forudgående sanktion og "
                     "ikke i forbindelse med den." if earlier else "")
            return Finding("nej", f"Der er ingen vejledning om skærpet rådighedssanktion (§ 35, stk. 2) givet med "
                                  f"den forudgående sanktion den {d(s1.date)} eller senere.{extra}",
                           [s1.date], ["ingen_skaerpet_vejledning"])
        ways: list[str] = []
        parts: list[str] = []
        dates = [s1.date, g.date]
        when = ("samme dag som den forudgående sanktion" if g.date == s1.date
                else f"efter den forudgående sanktion den {d(s1.date)}")
        if g.date < self.cl.valid_from:
            ways.append("ingen_skaerpet_vejledning")
            parts.append(f"1) Vejledningen den {d(g.date)} er givet før reglerne om skærpet rådighedssanktion "
                         f"trådte i kraft den {d(self.cl.valid_from)} og kan ikke bære en afgørelse efter dem.")
        elif b2 is not None and g.date > s1.date and g.date >= b2.date:
            ways.append("ingen_skaerpet_vejledning")
            parts.append(f"1) Vejledningen den {d(g.date)} er givet {when}, men først efter den nye "
                         f"tilsidesættelse den {d(b2.date)}.")
        elif g.written is not True:
            ways.append("ikke_skriftlig")
            parts.append(f"1) Vejledningen den {d(g.date)} ({when}) er ikke dokumenteret som skriftlig.")
        else:
            parts.append(f"1) Der er vejledt skriftligt den {d(g.date)}, {when}.")
        missing = [e for e in ELEMENT_DA if e not in g.elements]
        if missing:
            ways.append("elementer_mangler")
            parts.append("2) Vejledningen mangler: " + "; ".join(ELEMENT_DA[e] for e in missing) + ".")
        else:
            parts.append("2) Vejledningen indeholder alle fire elementer.")
        between = [s for s in ch.sanctions_before if s.date > g.date and s is not s1
                   and s not in ch.sanction_on_new_breach]
        if between:
            ways.append("ny_sanktion_imellem")
            parts.append("3) Der er truffet " + ("en ny sanktion" if len(between) == 1 else "nye sanktioner")
                         + " efter vejledningen (" + ", ".join(d(s.date) for s in between) + ") uden ny "
                         "vejledning; § 40 a skal bruges ved den næste afgørelse efter vejledningen.")
            dates += [s.date for s in between]
        else:
            parts.append("3) Der er ingen anden sanktion mellem vejledningen og § 40 a-afgørelsen.")
        if b2 is not None and ch.chain_start is not None:
            months = self.p["forældelse_maaneder"]
            start = ch.chain_start
            limit = add_months(start, months)
            in_between = [b for b in ch.of_type("tilsidesættelse") if start < b.date < b2.date]
            if b2.date > limit and not in_between:
                ways.append("foraeldet")
                parts.append(f"4) Den nye tilsidesættelse den {d(b2.date)} ligger mere end {months} måneder efter "
                             f"{d(start)} ({month_arithmetic_note(start, months)}) uden tilsidesættelser "
                             "imellem; vejledningen bærer ikke længere.")
                dates += [b2.date, limit]
            else:
                parts.append(f"4) Den nye tilsidesættelse ligger inden for {months} måneder efter {d(start)}, "
                             "eller der er tilsidesættelser imellem.")
        return self._combine(ways, parts, dates, {}, ok_intro="Borgeren er vejledt korrekt efter § 35, stk. 2.")

    def ny_tilsidesaettelse(self) -> Finding:
        ch = self.chain
        b2, s1, g = ch.new_breach, ch.prior_sanction, ch.sharpened_guidance
        named = ch.new_breach_named
        if named is not None and named > self.D:
            return Finding("nej", f"Afgørelsen bygger på en tilsidesættelse den {d(named)}, som ligger efter "
                                  f"afgørelsen den {d(self.D)}.", [named, self.D], ["efter_afgoerelse"])
        if b2 is None:
            if named is not None:
                return Finding("nej", f"Afgørelsen bygger på en tilsidesættelse den {d(named)}, men der er ingen "
                                      "tilsidesættelse med den dato i sagen.", [named], ["vedroerer_ukendt"])
            if s1 is None:
                return Finding("nej", "Der er hverken en forudgående sanktion eller en tilsidesættelse, som "
                                      "afgørelsen kan bygge på.", [], ["ingen_tilsidesaettelse"])
            return Finding("nej", f"Der er ingen ny tilsidesættelse efter den forudgående sanktion den "
                                  f"{d(s1.date)} og på eller før afgørelsen den {d(self.D)}.",
                           [s1.date, self.D], ["ingen_tilsidesaettelse"])
        if s1 is None:
            return Finding("nej", f"Tilsidesættelsen den {d(b2.date)} er ikke sket \"på ny\": der er ingen "
                                  "forudgående sanktion.", [b2.date], ["ingen_tilsidesaettelse"])
        if b2.date <= s1.date:
            return Finding("nej", f"Den tilsidesættelse, afgørelsen bygger på, er sket den {d(b2.date)}, altså "
                                  f"før den forudgående sanktion den {d(s1.date)}. Borgeren har ikke tilsidesat "
                                  "sin pligt på ny efter sanktionen.", [b2.date, s1.date], ["foer_sanktion"])
        if g is not None and b2.date <= g.date:
            return Finding("nej", f"Tilsidesættelsen den {d(b2.date)} ligger ikke efter vejledningen om skærpet "
                                  f"rådighedssanktion den {d(g.date)}.", [b2.date, g.date], ["foer_vejledning"])
        after_g = f" og vejledningen den {d(g.date)}" if g is not None and g.date != s1.date else ""
        return Finding("ja", f"Ny tilsidesættelse ({b2.kind or 'art ikke angivet'}) den {d(b2.date)}, efter den "
                             f"forudgående sanktion den {d(s1.date)}{after_g} og før afgørelsen den {d(self.D)}.",
                       [s1.date, b2.date, self.D])

    def _explanations(self, sb: SanctionedBreach) -> list[tuple[date, str]]:
        out: list[tuple[date, str]] = []
        if sb.breach.explanation:
            out.append((sb.date, sb.breach.explanation))
        for h in self.chain.about("partshøring", sb.date):
            when = h.answer_date or h.date
            if h.answer and sb.date <= when < sb.sanction_date:
                out.append((when, h.answer))
        return out

    def _investigated(self, sb: SanctionedBreach, after: date) -> list[Event]:
        return [e for e in self.chain.about("sagsoplysning", sb.date) if after <= e.date < sb.sanction_date]

    def rimelig_grund(self) -> Finding:
        b2 = self.chain.new_breach
        if b2 is None:
            return Finding("ved_ikke", "Der er ingen ny tilsidesættelse at vurdere rimelig grund for.", [],
                           ["ingen_tilsidesaettelse"])
        if b2.reasonable_cause == "ja":
            return Finding("nej", f"Ifølge sagen havde borgeren en rimelig grund til tilsidesættelsen den "
                                  f"{d(b2.date)}.", [b2.date], ["rimelig_grund_ja"])
        if b2.reasonable_cause != "nej":
            return Finding("ved_ikke", f"Det fremgår ikke, om borgeren havde en rimelig grund til tilsidesættelsen "
                                       f"den {d(b2.date)}.", [b2.date], ["rimelig_grund_ukendt"])
        sb = next(s for s in self.chain.sanctioned_breaches if s.label == "ny")
        for when, text in self._explanations(sb):
            if not self._investigated(sb, when):
                return Finding("ved_ikke", f"Kommunen har vurderet, at der ikke var rimelig grund, men borgerens "
                                           f"forklaring den {d(when)} ({quote(text)}) er ikke undersøgt nærmere før "
                                           f"afgørelsen den {d(self.D)}.", [b2.date, when, self.D],
                               ["forklaring_ikke_undersoegt"])
        return Finding("ja", f"Tilsidesættelsen den {d(b2.date)} skete uden rimelig grund, og eventuelle "
                             "forklaringer fra borgeren er undersøgt.", [b2.date])

    def partshoering(self) -> Finding:
        sbs = self.chain.sanctioned_breaches
        if not sbs:
            return Finding("ved_ikke", "Der er ingen sanktionerede tilsidesættelser at vurdere partshøringen for.",
                           [], ["ingen_tilsidesaettelser"])
        parts, ways, dates, per = [], [], [], {}
        unnamed = [h for h in self.chain.of_type("partshøring") if h.concerns is None]
        for sb in sbs:
            heard = [h for h in self.chain.about("partshøring", sb.date) if sb.date <= h.date < sb.sanction_date]
            if heard:
                per[sb.label] = "ja"
                parts.append(f"Borgeren er partshørt den {d(heard[0].date)} om {breach_name(sb)}.")
                dates += [sb.date, heard[0].date]
            else:
                per[sb.label] = "nej"
                ways.append("mangler")
                parts.append(f"Borgeren er ikke partshørt om {breach_name(sb)} før afgørelsen om den.")
                dates.append(sb.date)
        if unnamed and ways:
            parts.append(f"({len(unnamed)} partshøring(er) angiver ikke, hvilken tilsidesættelse de vedrører, og "
                         "tæller derfor ikke.)")
        f = self._combine(ways, parts, dates, per, ok_intro="")
        f.prior_failed = per.get("forudgående") == "nej"
        return f

    def _aktivitetsparat_breaches(self) -> tuple[list[SanctionedBreach], list[str], bool]:
        """(breaches of an aktivitetsparat citizen, notes, any breach with unknown målgruppe)."""
        out, notes, unknown = [], [], False
        for sb in self.chain.sanctioned_breaches:
            tg, _ = self.chain.target_group_at(sb.date)
            tg_sanction, _ = self.chain.target_group_at(sb.sanction_date)
            if tg is None and tg_sanction is None:
                unknown = True
                notes.append(f"Ved {breach_name(sb)} er borgerens målgruppe ukendt (ingen visitation).")
            elif "aktivitetsparat" in (tg, tg_sanction):
                if tg != "aktivitetsparat":
                    notes.append(f"Borgeren var {tg or 'ikke visiteret'} ved {breach_name(sb)}, men "
                                 "aktivitetsparat, da der blev truffet afgørelse om den.")
                out.append(sb)
            else:
                notes.append(f"Ved {breach_name(sb)} var borgeren jobparat.")
        return out, notes, unknown

    def personlig_kontakt(self) -> Finding:
        return self._aktivitetsparat_item(self._contact_for)

    def vurdering_13_8(self) -> Finding:
        return self._aktivitetsparat_item(self._assessment_for)

    def _aktivitetsparat_item(self, check) -> Finding:
        if not self.chain.sanctioned_breaches:
            if self.tg_at_decision == "jobparat":
                return Finding("ikke_relevant", "Borgeren er jobparat, og der er ingen sanktionerede "
                                                "tilsidesættelser.", [])
            return Finding("ved_ikke", "Der er ingen sanktionerede tilsidesættelser at vurdere punktet for.", [],
                           ["ingen_tilsidesaettelser"])
        akt, notes, unknown = self._aktivitetsparat_breaches()
        if not akt and not unknown:
            return Finding("ikke_relevant", "Punktet gælder kun aktivitetsparate borgere. " + " ".join(notes),
                           [sb.date for sb in self.chain.sanctioned_breaches])
        ways, parts, dates, per = [], list(notes), [], {}
        if unknown:
            ways.append("maalgruppe_ukendt")
        for sb in akt:
            ok, way, text, used = check(sb)
            per[sb.label] = "ja" if ok else "nej"
            parts.append(text)
            dates += used
            if not ok:
                ways.append(way)
        f = self._combine(ways, parts, dates, per, ok_intro="")
        f.prior_failed = per.get("forudgående") == "nej"
        return f

    def _contact_for(self, sb: SanctionedBreach) -> tuple[bool, str, str, list[date]]:
        window = [e for e in self.chain.about("kontaktforsøg", sb.date) if sb.date <= e.date < sb.sanction_date]
        answers = [h for h in self.chain.about("partshøring", sb.date)
                   if h.answer and sb.date <= (h.answer_date or h.date) < sb.sanction_date]
        listed = ", ".join(f"{CHANNEL_DA.get(e.channel or '', e.channel or 'ukendt kanal')} den {d(e.date)}"
                           f"{' (opnået)' if e.reached or e.channel == 'fremmøde' else ''}" for e in window)
        tried = f" Kontaktforsøg: {listed}." if window else " Der er ingen kontaktforsøg."
        dates = [sb.date] + [e.date for e in window]
        if answers:
            a = answers[0]
            return (True, "", f"Aktivitetsparat ved {breach_name(sb)}: borgeren har forklaret sig i "
                              f"partshøringen (svar den {d(a.answer_date or a.date)}).{tried}",
                    dates + [a.answer_date or a.date])
        reached = [e for e in window if e.reached or e.channel == "fremmøde"]
        strong = [e for e in window if e.channel in STRONG_CHANNELS
                  or (e.channel in CONSENT_CHANNELS and e.consent is True)]
        if reached or strong:
            how = "kontakt er opnået" if reached else "kommunen har forsøgt ud over brev og telefon"
            return True, "", f"Aktivitetsparat ved {breach_name(sb)}: {how}.{tried}", dates
        if not window:
            return False, "ingen_forsoeg", (f"Aktivitetsparat ved {breach_name(sb)}: der er ingen forsøg på "
                                            "personlig kontakt før afgørelsen."), dates
        if any(e.channel in CONSENT_CHANNELS for e in window):
            return False, "familie_uden_samtykke", (f"Aktivitetsparat ved {breach_name(sb)}: kontakt via familie "
                                                    "eller værge uden borgerens forudgående samtykke tæller ikke "
                                                    f"(bekg. § 11, stk. 4).{tried}"), dates
        return False, "kun_brev_telefon", (f"Aktivitetsparat ved {breach_name(sb)}: kun brev, digital post, "
                                           "e-mail, sms eller telefon, hvilket som udgangspunkt ikke er "
                                           f"tilstrækkeligt (principmeddelelse 39-15).{tried}"), dates

    def _assessment_for(self, sb: SanctionedBreach) -> tuple[bool, str, str, list[date]]:
        found = [e for e in self.chain.about("vurdering_13_8", sb.date) if sb.date <= e.date <= sb.sanction_date]
        if not found:
            return False, "mangler", (f"Aktivitetsparat ved {breach_name(sb)}: der er ingen vurdering efter § 13, "
                                      "stk. 8, før sanktionen."), [sb.date]
        good = [e for e in found if e.other_circumstances and e.promotes_availability == "ja"]
        if good:
            return True, "", (f"Aktivitetsparat ved {breach_name(sb)}: vurdering efter § 13, stk. 8, den "
                              f"{d(good[0].date)}: andre forhold er vurderet, og sanktionen vurderes at fremme "
                              "rådigheden."), [sb.date, good[0].date]
        e = found[-1]
        if e.promotes_availability != "ja":
            return False, "fremmer_ikke", (f"Aktivitetsparat ved {breach_name(sb)}: vurderingen den {d(e.date)} "
                                           "finder ikke, at sanktionen fremmer rådigheden."), [sb.date, e.date]
        return False, "andre_forhold_mangler", (f"Aktivitetsparat ved {breach_name(sb)}: vurderingen den "
                                                f"{d(e.date)} forholder sig ikke til andre forhold."),\
            [sb.date, e.date]

    def manglende_vilje(self) -> Finding:
        if self.dec.unwillingness_assessed is not True:
            return Finding("nej", "Afgørelsen indeholder ikke en konkret vurdering af, om borgeren med sin adfærd "
                                  "udviser manglende vilje til at stå til rådighed.", [self.D], ["ikke_vurderet"])
        if not self.dec.weighted:
            return Finding("nej", "Afgørelsen siger, at der er manglende vilje, men ikke hvad kommunen har lagt "
                                  "vægt på.", [self.D], ["vaegt_ikke_angivet"])
        return Finding("ja", "Kommunen har vurderet manglende vilje og lagt vægt på: "
                             + ", ".join(w.replace("_", " ") for w in self.dec.weighted) + ".", [self.D])

    def laengde(self) -> Finding:
        n = self.dec.length_months
        ways, parts = [], []
        if n is None:
            ways.append("ikke_angivet")
            parts.append("Afgørelsen angiver ikke sanktionens længde.")
        elif n not in (1, 2, 3):
            ways.append("uden_for_1_3")
            parts.append(f"Længden er {n} måneder; loven tillader 1, 2 eller 3 måneder.")
        else:
            parts.append(f"Længden er {n} måned{'er' if n > 1 else ''}.")
        if not (self.dec.length_reason or "").strip():
            ways.append("ingen_begrundelse")
            parts.append("Længden er ikke begrundet.")
        else:
            parts.append("Længden er begrundet.")
        return self._combine(ways, parts, [self.D], {}, ok_intro="")

    def tilbud(self) -> Finding:
        offer, eff = self.dec.offer, self.dec.effective_from
        if offer is None or (offer.kind is None and offer.start_date is None):
            return Finding("nej", "Der er ikke givet tilbud eller aktivitet efter § 40 a, stk. 2, sammen med "
                                  "afgørelsen, så hjælpen kan ikke betinges af fremmøde.", [self.D], ["intet_tilbud"])
        kind = (offer.kind or "tilbud").replace("_", " ")
        if eff is None:
            return Finding("ved_ikke", f"Der er givet {kind}, men afgørelsen angiver ikke, hvornår den har virkning "
                                       "fra.", [self.D], ["virkning_ukendt"])
        if offer.start_date is None:
            return Finding("ved_ikke", f"Der er givet {kind}, men det fremgår ikke, hvornår det kan begynde "
                                       f"(afgørelsen har virkning fra {d(eff)}).", [eff], ["startdato_ukendt"])
        if offer.start_date > eff:
            return Finding("nej", f"Tilbuddet ({kind}) begynder den {d(offer.start_date)}, efter at afgørelsen har "
                                  f"virkning fra den {d(eff)}.", [eff, offer.start_date], ["starter_senere"])
        return Finding("ja", f"Tilbuddet ({kind}) kan begynde den {d(offer.start_date)}, og afgørelsen har virkning "
                             f"fra den {d(eff)}.", [eff, offer.start_date])

    def lukning(self) -> Finding:
        if self.dec.closure is True:
            return Finding("ja", "Afgørelsen om lukning ved udeblivelse en hel kalendermåned er truffet sammen med "
                                 "§ 40 a-afgørelsen.", [self.D])
        txt = "er ikke truffet" if self.dec.closure is False else "fremgår ikke af sagen"
        return Finding("nej", f"Afgørelsen om lukning efter § 40 a, stk. 7, {txt}; hjælpen kan derfor ikke ophøre "
                              "efter stk. 7.", [self.D], ["ikke_truffet"])

    def aegtefaelle(self) -> Finding:
        ms = self.case.marital_status
        if ms is None:
            return Finding("ved_ikke", "Borgerens civilstand fremgår ikke, så det kan ikke ses, om der skulle "
                                       "træffes afgørelse over for en ægtefælle.", [], ["civilstand_ukendt"])
        if ms == "ugift":
            return Finding("ikke_relevant", "Borgeren er ugift.", [])
        ways, parts = [], []
        if self.dec.spouse_decision is True:
            parts.append("Afgørelsen om ægtefællens hjælp er truffet samtidig.")
        else:
            ways.append("ingen_afgoerelse")
            parts.append("Der er ikke truffet afgørelse om ægtefællens hjælp efter § 40 a, stk. 7, 2. pkt.")
        g = self.chain.sharpened_guidance
        if g is not None and g.spouse_guided is True:
            parts.append(f"Ægtefællen er vejledt skriftligt den {d(g.date)}.")
        else:
            ways.append("ikke_vejledt")
            parts.append("Det fremgår ikke, at ægtefællen er vejledt skriftligt efter § 35, stk. 2, nr. 4.")
        return self._combine(ways, parts, [self.D] + ([g.date] if g else []), {}, ok_intro="Borgeren er gift.")

    def oplysning(self) -> Finding:
        parts, ways, dates, per = [], [], [], {}
        for sb in self.chain.sanctioned_breaches:
            for when, text in self._explanations(sb):
                inv = self._investigated(sb, when)
                dates.append(when)
                if inv:
                    parts.append(f"Borgerens forklaring den {d(when)} om {breach_name(sb)} er undersøgt "
                                 f"({inv[0].source or 'kilde ikke angivet'}, {d(inv[0].date)}).")
                    per.setdefault(sb.label, "ja")
                else:
                    ways.append("forklaring_ikke_undersoegt")
                    per[sb.label] = "nej"
                    parts.append(f"Borgeren forklarede den {d(when)} om {breach_name(sb)}: {quote(text)}. "
                                 "Kommunen har ikke undersøgt forklaringen nærmere, selv om den kan være en "
                                 "rimelig grund.")
        if not parts:
            parts.append("Borgeren har ikke givet forklaringer, som kommunen skulle undersøge nærmere.")
        f = self._combine(sorted(set(ways)), parts, dates, per, ok_intro="")
        f.prior_failed = per.get("forudgående") == "nej"
        return f

    def begrundelse(self) -> Finding:
        dec = self.dec
        ways, parts = [], []
        if dec.written is not True:
            ways.append("ikke_skriftlig")
            parts.append("Afgørelsen er ikke dokumenteret som skriftlig.")
        text = (dec.reasoning or "").strip()
        if not text:
            ways.append("ingen_begrundelse")
            parts.append("Afgørelsen har ingen begrundelse.")
        missing = []
        if dec.rules_cited is not True:
            missing.append("henviser ikke til reglerne")
        if not dec.weighted:
            missing.append("angiver ikke, hvad der er lagt vægt på")
        if missing:
            ways.append("mangler_dele")
            parts.append("Begrundelsen " + " og ".join(missing) + ".")
        tg = self.tg_at_decision
        if tg is None and dec.related_to_target_group is False:
            ways.append("ikke_forholdt_maalgruppe")
            parts.append("Begrundelsen forholder sig ikke til borgerens målgruppe (ifølge feltet "
                         "forholdt_til_målgruppe), og målgruppen fremgår heller ikke af sagen.")
        elif tg is None:
            parts.append("Målgruppen fremgår ikke af sagen, så det kan ikke ses, om begrundelsen forholder sig "
                         "til den (se punktet maalgruppe).")
        if tg is not None:
            if dec.related_to_target_group is not None:
                related = dec.related_to_target_group
                how = "ifølge feltet forholdt_til_målgruppe"
            else:
                low = text.lower()
                related = tg in low and (tg != "aktivitetsparat" or "13, stk. 8" in low)
                need = f"ordet \"{tg}\"" + (" og \"13, stk. 8\"" if tg == "aktivitetsparat" else "")
                how = f"fundet ved søgning i begrundelsen efter {need}, da feltet forholdt_til_målgruppe mangler"
            if related:
                parts.append(f"Begrundelsen forholder sig til, at borgeren er {tg} ({how}).")
            else:
                ways.append("ikke_forholdt_maalgruppe")
                parts.append(f"Begrundelsen forholder sig ikke til, at borgeren er {tg}"
                             + (" og til § 13, stk. 8" if tg == "aktivitetsparat" else "") + f" ({how}).")
        return self._combine(ways, parts, [self.D], {}, ok_intro="Afgørelsen er skriftlig og begrundet.")

    def klagevejledning(self) -> Finding:
        ways, parts = [], []
        if self.dec.appeal_guidance is not True:
            ways.append("mangler")
            parts.append("Afgørelsen har ikke klagevejledning.")
        if self.dec.written is not True:
            ways.append("ikke_skriftlig")
            parts.append("Afgørelsen er ikke dokumenteret som skriftlig.")
        return self._combine(ways, parts, [self.D], {}, ok_intro="Afgørelsen er skriftlig og har klagevejledning.")

    def proportionalitet(self) -> Finding:
        ch = self.chain
        b1, b2, s1 = ch.prior_breach, ch.new_breach, ch.prior_sanction
        months = self.p["proportionalitet_maaneder"]
        if b2 is None or b1 is None or s1 is None:
            return Finding("ja", "Intet tegn på det særlige tilfælde med to korte udeblivelser.", [])
        window_start = add_months(b2.date, -months)
        recent = [s for s in ch.sanctions_before if s.date >= window_start]
        if (b1.kind == b2.kind == "udeblevet_jobsamtale" and b2.date <= add_months(b1.date, months)
                and len(recent) == 1 and s1.paragraph == "§ 37"):
            return Finding("ved_ikke", f"To udeblivelser fra jobsamtale ({d(b1.date)} og {d(b2.date)}) inden for "
                                       f"{months} måneder, hvor den første er sanktioneret med fradrag efter § 37 den "
                                       f"{d(s1.date)}. Efter vejledningen begrunder det som udgangspunkt ikke en "
                                       "skærpet rådighedssanktion; en jurist bør vurdere proportionaliteten.",
                           [b1.date, s1.date, b2.date], ["to_korte_udeblivelser"])
        return Finding("ja", "Intet tegn på det særlige tilfælde med to korte udeblivelser inden for "
                             f"{months} måneder.", [b1.date, b2.date])

    def kun_fremmoede_oplyst(self) -> Finding:
        if self.dec.attendance_stated is True:
            return Finding("ja", "Afgørelsen oplyser, at hjælpen kun udbetales for fremmødedage, og hvad borgeren "
                                 "skal gøre.", [self.D])
        return Finding("nej", "Det fremgår ikke af afgørelsen, at hjælpen kun udbetales for de dage, hvor "
                              "borgeren møder op, og hvad borgeren skal gøre.", [self.D], ["ikke_oplyst"])

    # -- helpers -----------------------------------------------------------------------------
    def _combine(self, ways: list[str], parts: list[str], dates: list[date], per: dict[str, str],
                 ok_intro: str) -> Finding:
        """Several part-checks into one answer: nej beats ved_ikke beats ja."""
        ways = list(dict.fromkeys(ways))
        text = " ".join(p for p in ([ok_intro] if ok_intro and not ways else []) + parts if p)
        if not ways:
            return Finding("ja", text, dates, [], per_breach=per)
        return Finding("pending", text, dates, ways, per_breach=per)


def _resolve(item: Item, f: Finding) -> tuple[Answer, Consequence | None, list[str]]:
    """Answer, consequence and recommendation ids of a finding, from the checklist's ways."""
    if f.answer in ("ja", "ikke_relevant"):
        return Answer(f.answer), None, []
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
    }


def evaluate(case: Case, checklist: Checklist | str | None = None) -> CaseResult:
    """Audit one case. ``checklist`` may be a Checklist, a rule-set id, or None (chosen by date)."""
    if isinstance(checklist, str):
        checklist = load_checklist(checklist)
    if checklist is None:
        checklist = checklist_for(case.decision.date)
    if checklist is None or not checklist.covers(case.decision.date):
        return CaseResult(
            **_base(case), verdict=Verdict.OUTSIDE, criticism=Criticism.NONE,
            verdict_reason=(f"Afgørelsen er truffet den {d(case.decision.date)}, uden for regelsættets "
                            "gyldighedsperiode; den er ikke vurderet."))

    audit = CaseAudit(case, checklist)
    findings: dict[str, Finding] = {}
    points: list[ItemResult] = []
    for item in checklist.items:
        f: Finding = getattr(audit, item.id)()
        findings[item.id] = f
        answer, consequence, recs = _resolve(item, f)
        point = ItemResult(
            id=item.id, number=item.number, question=item.question, short=item.short, answer=answer,
            reason=f.reason, hjemmel=item.hjemmel, dates=sorted({x.isoformat() for x in f.dates}),
            consequence=consequence, ways=list(f.ways) if answer.failed else [], recommendations=recs,
            advisory=item.advisory,
        )
        review = case.reviews.get(item.id)
        if review is not None:
            point = _apply_review(point, item, review)
        points.append(point)

    decision = decide_verdict(points, checklist.precedence)
    ch = audit.chain
    iso = lambda e: e.date.isoformat() if e is not None else None  # noqa: E731
    return CaseResult(
        **_base(case),
        target_group=audit.tg_at_decision, rule_set=checklist.id,
        verdict=decision.verdict, criticism=decision.criticism, verdict_reason=verdict_reason(decision),
        chain=ChainDates(decision=case.decision.date.isoformat(), prior_sanction=iso(ch.prior_sanction),
                         sharpened_guidance=iso(ch.sharpened_guidance), new_breach=iso(ch.new_breach),
                         prior_breach=iso(ch.prior_breach)),
        facts=_facts(case, points, findings, ch.prior_breach),
        items=points, parameters=dict(checklist.parameters),
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


def _facts(case: Case, points: list[ItemResult], findings: dict[str, Finding],
           prior_breach: Event | None) -> Facts:
    by = {p.id: p for p in points}
    dec = case.decision
    vilje = dec.unwillingness_assessed is True

    def weakest(answers: list[str | None]) -> str:
        return "nej" if "nej" in answers else ("ved_ikke" if "ved_ikke" in answers else "ja")

    relevant = None
    if vilje:
        relevant = weakest([by[i].answer for i in ("oplysning", "rimelig_grund", "vurdering_13_8")])
    target = None
    if vilje:
        target = "nej" if "ikke_forholdt_maalgruppe" in by["begrundelse"].ways else "ja"
    fs = by["forudgaaende_sanktion"]
    if fs.answer == "nej":
        prior_ok = "ingen"
    elif fs.answer == "ved_ikke":
        prior_ok = "ved_ikke"
    else:
        prior = [findings[i].per_breach.get("forudgående") for i in
                 ("vejledning_35_1", "partshoering", "personlig_kontakt", "vurdering_13_8", "oplysning")]
        b1_cause = prior_breach.reasonable_cause if prior_breach is not None else None
        prior.append("nej" if b1_cause == "ja" else ("ved_ikke" if b1_cause != "nej" else "ja"))
        prior_ok = weakest(prior)
    offer = dec.offer
    given = offer is not None and (offer.kind is not None or offer.start_date is not None)
    same_day = by["tilbud"].answer if given else "nej"
    return Facts(
        weighted=list(dec.weighted), length_months=dec.length_months,
        length_reasoned=bool((dec.length_reason or "").strip()), unwillingness_assessed=vilje,
        relevant_circumstances=relevant, target_group_considered=target, prior_sanction_correct=prior_ok,
        offer_given=given, same_day=Answer.JA if same_day == "ikke_relevant" else Answer(same_day),
    )
