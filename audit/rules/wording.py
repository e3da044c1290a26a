"""The Danish wording of every item's reason, kept apart from the legal tests.

Each test (``audit.rules.items``) states what it found as ``Note``s: a name (the way it failed, or what
it found in order) and the facts the sentence needs (dates, the breach, counts). This module turns each
note into one Danish sentence; an item's reason is its sentences joined by a space, after the item's
``JA_INTRO`` when the item holds. A jurist corrects the wording here, item by item, without reading a
test: ``{felt}`` in a text is a fact of the note; a date is written as "16. februar 2021" and a breach as
"tilsidesættelsen den ... (sanktioneret ved ...)" automatically.

Why a Python module and not the checklist YAML: many sentences depend on their facts in small ways
(singular or plural, a list of missing elements, a quoted and CPR-masked explanation, the month
arithmetic note, "ikke visiteret" for an unknown målgruppe). In YAML that needs a template language of
its own and splits each sentence between the file and the code that fills it; here it stays one readable
text or one short function per note, checked by ruff and by the tests that pin the exact reasons. The
checklist file keeps what is law or policy (ways, consequences, parameters, channels, elements, the
names of the four § 35 stk. 2 elements and of the contact channels); this module keeps only language.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from audit.dates import format_da, format_day_da, month_arithmetic_note
from audit.privacy import mask_cpr
from audit.reporting.labels import code_label
from audit.rules.chain import SanctionedBreach

QUOTE_CHARS = 160


d = format_da  # a date in the report's form, "16. februar 2021" (the short name the sentences use)


def quote(text: str | None) -> str:
    t = " ".join(mask_cpr(text or "").split())
    return f"»{t[:QUOTE_CHARS]}{'…' if len(t) > QUOTE_CHARS else ''}«"


def breach_name(sb: SanctionedBreach) -> str:
    return _breach_name(sb.label, sb.breach.date, sb.sanction_date)


@functools.lru_cache(maxsize=4096)
def _breach_name(label: str, breach: date, sanction: date) -> str:
    """A breach's name depends only on these three immutable values (cached; at most 4,096 of them)."""
    if label == "forudgående":
        return (f"tilsidesættelsen den {d(breach)} (sanktioneret ved den forudgående afgørelse "
                f"den {d(sanction)})")
    return f"den nye tilsidesættelse den {d(breach)} (§ 40 a-afgørelsen den {d(sanction)})"


def or_list(values: Iterable[object]) -> str:
    """'1, 2 eller 3'."""
    vs = [str(v) for v in values]
    return vs[0] if len(vs) == 1 else ", ".join(vs[:-1]) + " eller " + vs[-1]


class _Danish(dict):
    """The facts of a note as ``str.format_map`` sees them: a date in Danish form, a breach by its name."""

    def __getitem__(self, key: str) -> Any:
        value = dict.__getitem__(self, key)
        if isinstance(value, date):
            return format_da(value)
        if isinstance(value, SanctionedBreach):
            return breach_name(value)
        return value


Text = str | Callable[[dict], str]


def _anchor(f: dict) -> str:
    """The event the 'sent' deadline runs from (vejledning_35_1 part 2)."""
    if not f["samtale"]:
        return f"den første udlevering af vejledningen den {d(f['anker'])}"
    return f"{_first_talk(f)} den {d(f['anker'])}"


def _first_talk(f: dict) -> str:
    return "første jobsamtale" + ("" if f["markeret"] else " (den tidligste; ingen er markeret som første)")


def _when_guided(f: dict) -> str:
    return ("samme dag som den forudgående sanktion" if f["samme_dag"]
            else f"efter den forudgående sanktion den {d(f['sanktion'])}")


def _attempts(f: dict) -> str:
    tried = f["forsoeg"]
    if not tried:
        return " Der er ingen kontaktforsøg."
    listed = ", ".join(f"{name or 'ukendt kanal'} den {d(when)}{' (opnået)' if reached else ''}"
                       for name, when, reached in tried)
    return f" Kontaktforsøg: {listed}."


def _akt(f: dict) -> str:
    """The opening of a personlig_kontakt / vurdering_13_8 sentence: when the citizen was aktivitetsparat."""
    name = breach_name(f["brud"])
    if f.get("kun_ved_sanktion"):
        return f"Aktivitetsparat, da der blev truffet afgørelse om {name}"
    return f"Aktivitetsparat ved {name}"


def _known_from_sanction(f: dict) -> str:
    """forudgaaende_sanktion: the prior breach has no event of its own, only the date its sanction names."""
    if not f["kun_fra_sanktion"]:
        return ""
    return f" {known_only_from_sanction(f['tidligere'], f['sanktion'])}"


def known_only_from_sanction(breach: date, sanction: date) -> str:
    """The sentence for a prior breach known only by the date its sanction names (rules.md, the chain, 4)."""
    return (f"Tilsidesættelsen den {d(breach)} kendes kun fra sanktionen den {d(sanction)}; sagen har ingen "
            "registrering af selve tilsidesættelsen.")


WORDING: dict[str, dict[str, Text]] = {
    "maalgruppe": {
        "ingen_visitation": "Der er ingen visitation på eller før afgørelsen den {afgoerelse}, så det fremgår ikke, "
                            "om borgeren er jobparat eller aktivitetsparat.",
        "visiteret": "Borgeren er visiteret som {maalgruppe} den {visitation} (seneste visitation før afgørelsen "
                     "den {afgoerelse}).",
        "maalgruppe_skiftede": lambda f: "Målgruppen skiftede undervejs: " + "; ".join(
            f"ved {breach_name(sb)} var borgeren {tg or 'ikke visiteret'}" for sb, tg in f["grupper"]) + ".",
    },
    "vejledning_35_1": {
        "ingen_vejledning": "Der er ingen dokumenteret vejledning efter § 35, stk. 1, i sagen. Vejledning, der ikke "
                            "er dokumenteret, anses for ikke at være givet.",
        "ingen_jobsamtale": "1) Der er ingen jobsamtaler i sagen, så det kan ikke ses, om vejledningen blev "
                            "gennemgået og udleveret senest ved første jobsamtale.",
        "gennemgaaet_og_udleveret": lambda f: (
            f"1) Vejledningen blev gennemgået den {d(f['gennemgaaet'])} og udleveret den {d(f['udleveret'])}, "
            f"senest ved {_first_talk(f)} den {d(f['anker'])}."),
        "ikke_gennemgaaet_eller_udleveret": lambda f: (
            "1) Vejledningen er ikke " + " og ".join(w for w, ok in (("gennemgået og drøftet", f["gennemgaaet"]),
                                                                     ("udleveret", f["udleveret"])) if not ok)
            + f" senest ved {_first_talk(f)} den {d(f['anker'])}."),
        # Part 2 (revision 2): sent from the handing-out that meets part 1 up to 7 days after the first jobsamtale.
        "sendt_i_tide": lambda f: (
            f"2) Vejledningen blev sendt den {d(f['sendt'])}, "
            + (f"i perioden fra udleveringen den {d(f['fra'])} til og med den {d(f['til'])} ({f['dage']} dage efter "
               f"{_anchor(f)}; " if f["fra_udlevering"] else
               f"inden for {f['dage']} dage efter {_anchor(f)} (senest den {d(f['til'])}; ")
            + "værktøjets læsning af »umiddelbart efter«)."),
        "ikke_sendt": lambda f: (
            "2) Vejledningen er ikke sendt i perioden fra "
            + (f"udleveringen den {d(f['fra'])}" if f["fra_udlevering"] else f"den {d(f['fra'])}")
            + f" til og med den {d(f['til'])} ({f['dage']} dage efter {_anchor(f)}; værktøjets læsning af "
            "»umiddelbart efter«)."
            + (f" Den er sendt den {d(f['sendt'])}." if f["sendt"] else
               " Der er ingen dokumentation for, at den er sendt.")),
        "ikke_sendt_uden_samtale": "2) Der er ingen dokumentation for, at vejledningen er sendt til borgeren.",
        "sendt_uden_samtale": "2) Vejledningen er sendt den {sendt}, men uden jobsamtale eller udlevering kan det "
                              "ikke ses, om det var umiddelbart efter første samtale.",
        "ikke_vejledt_foer": "3) Før {brud} er vejledningen ikke gennemgået og gjort tilgængelig.",
        "genvejledning_mangler": lambda f: (
            f"3) Seneste vejledning før {breach_name(f['brud'])} var den {d(f['vejledt'])}; "
            f"{month_arithmetic_note(f['vejledt'], f['maaneder'])}, så borgeren var ikke genvejledt inden for et "
            "halvt år."),
        "genvejledt": lambda f: (
            f"3) Før {breach_name(f['brud'])} var borgeren senest vejledt den {d(f['vejledt'])}, inden for "
            f"{f['maaneder']} måneder ({month_arithmetic_note(f['vejledt'], f['maaneder'])})."),
        "ingen_tilsidesaettelser": "3) Der er ingen sanktionerede tilsidesættelser og dermed ingen dato at måle "
                                   "genvejledningen mod; det kan ikke ses, om borgeren var genvejledt inden for et "
                                   "halvt år før tilsidesættelserne.",
    },
    "forudgaaende_sanktion": {
        "ingen_sanktion": "Der er ingen afgørelse om sanktion efter §§ 36-40 før § 40 a-afgørelsen den {afgoerelse}.",
        "kun_sanktion_paa_ny": "Den eneste sanktion før afgørelsen den {afgoerelse} vedrører selve den nye "
                               "tilsidesættelse; der er ingen forudgående sanktion.",
        "kun_senere_sanktioner": lambda f: (
            f"Sanktionerne før afgørelsen ({', '.join(d(s) for s in f['sanktioner'])}) er alle truffet efter den "
            f"tilsidesættelse den {d(f['ny'])}, som § 40 a-afgørelsen bygger på; der er ingen forudgående "
            "sanktion før den."),
        "ingen_forudgaaende": "Der er ingen forudgående sanktion.",
        "tilsidesaettelse_ukendt": lambda f: (
            f"Den forudgående sanktion ({f['paragraf'] or 'paragraf ikke angivet'}) er truffet den "
            f"{d(f['sanktion'])}, men den angiver ikke, hvilken tilsidesættelse den vedrører. Den forudgående "
            "afgørelse kan derfor ikke efterprøves."),
        "tilsidesaettelse_efter_sanktion": lambda f: (
            f"Den forudgående sanktion ({f['paragraf'] or 'paragraf ikke angivet'}) er truffet den "
            f"{d(f['sanktion'])}, men den tilsidesættelse, den vedrører, er først den {d(f['tidligere'])}; "
            f"tilsidesættelsen skal ligge før afgørelsen om sanktion.{_known_from_sanction(f)}"),
        "tilsidesaettelse_samme_dag_som_sanktion": lambda f: (
            f"Den forudgående sanktion ({f['paragraf'] or 'paragraf ikke angivet'}) er truffet den "
            f"{d(f['sanktion'])}, samme dag som den tilsidesættelse, den vedrører; tilsidesættelsen skal ligge "
            f"før afgørelsen om sanktion.{_known_from_sanction(f)}"),
        "rimelig_grund_forudgaaende": lambda f: (
            f"Ifølge sagens egen registrering af tilsidesættelsen den {d(f['tidligere'])} havde borgeren en "
            f"rimelig grund, men borgeren blev alligevel sanktioneret den {d(f['sanktion'])}. Den forudgående "
            "afgørelse er på det foreliggende grundlag åbenlyst urigtig (analyseskema 3.2.1.4), så der er "
            "ingen gyldig forudgående sanktion."),
        "forudgaaende_sanktion": lambda f: (
            f"Den forudgående sanktion ({f['paragraf'] or 'paragraf ikke angivet'}) er truffet den "
            f"{d(f['sanktion'])} for tilsidesættelsen den {d(f['tidligere'])}, før § 40 a-afgørelsen den "
            f"{d(f['afgoerelse'])}.{_known_from_sanction(f)}"
            + (" At sagen ikke viser, om borgeren havde en rimelig grund, er ingen mangel ved den begrænsede "
               "prøvelse af den forudgående afgørelse (analyseskema 3.2.1.4)." if f["kun_fra_sanktion"] else "")),
    },
    "vejledning_35_2": {
        "ingen_forudgaaende_sanktion": "Der er ingen forudgående sanktion, som vejledningen om skærpet "
                                       "rådighedssanktion kunne gives sammen med.",
        "ingen_skaerpet_vejledning": lambda f: (
            "Der er ingen vejledning om skærpet rådighedssanktion (§ 35, stk. 2) givet med den forudgående "
            f"sanktion den {d(f['sanktion'])} eller senere."
            + (f" Der er vejledt den {d(f['tidligere'])}, men det var før den forudgående sanktion og ikke i "
               "forbindelse med den." if f["tidligere"] else "")),
        "vejledning_foer_reglerne": "1) Vejledningen den {vejledning} er givet før reglerne om skærpet "
                                    "rådighedssanktion trådte i kraft den {ikrafttraeden} og kan ikke bære en "
                                    "afgørelse efter dem.",
        "vejledning_efter_tilsidesaettelse": lambda f: (
            f"1) Vejledningen den {d(f['vejledning'])} er givet {_when_guided(f)}, men først efter den nye "
            f"tilsidesættelse den {d(f['ny'])}."),
        "ikke_skriftlig": lambda f: (f"1) Vejledningen den {d(f['vejledning'])} ({_when_guided(f)}) er ikke "
                                     "dokumenteret som skriftlig."),
        "skriftlig": lambda f: f"1) Der er vejledt skriftligt den {d(f['vejledning'])}, {_when_guided(f)}.",
        "elementer_mangler": lambda f: "2) Vejledningen mangler: " + "; ".join(f["mangler"]) + ".",
        "alle_elementer": "2) Vejledningen indeholder alle fire elementer.",
        # issue 16: the elements read from the guidance's text (vejledning_skærpet.tekst), sentence by sentence
        "elementer_fra_tekst": lambda f: "2) Elementerne er læst af vejledningens tekst: " + " ".join(
            f"{e['kort']}: " + (f"fundet i »{e['citat']}«." if e["status"] == "ja" else
                                f"usikker, »{e['citat']}« ({e['hvorfor']}) - tæller ikke, for vejledningen skal "
                                "være udtrykkelig og klar." if e["status"] == "usikker" else
                                f"ikke fundet; »{e['citat']}«: {e['hvorfor']}" if e["citat"] else "ikke fundet.")
            for e in f["elementer"]),
        "ny_sanktion_imellem": lambda f: (
            "3) Der er truffet " + ("en ny sanktion" if len(f["sanktioner"]) == 1 else "nye sanktioner")
            + " efter vejledningen (" + ", ".join(d(s) for s in f["sanktioner"]) + ") uden ny vejledning; § 40 a "
            "skal bruges ved den næste afgørelse efter vejledningen."
            + "".join(f" Sanktionen den {d(s)} vedrører selve den nye tilsidesættelse den {d(f['ny'])}, men er truffet "
                      "før § 40 a-afgørelsen og ikke samtidig med den; den var den næste afgørelse, og § 40 a skulle "
                      "være brugt ved den (vejledningen 2020, eksemplet med sanktion 1-3)." for s in f["paa_ny"])),
        "ingen_sanktion_imellem": lambda f: (
            "3) Der er ingen anden sanktion mellem vejledningen og § 40 a-afgørelsen."
            + (f" Sanktionen den {d(f['sanktion_3'])} på den nye tilsidesættelse den {d(f['ny'])} er truffet samme "
               "dag som § 40 a-afgørelsen (vejledningens »sanktion 3«) og bryder ikke kæden."
               if f["sanktion_3"] else "")),
        "foraeldet": lambda f: (
            f"4) Den nye tilsidesættelse den {d(f['ny'])} ligger mere end {f['maaneder']} måneder efter "
            f"{_stale_from(f)}; borgeren har overholdt sin "
            "pligt i en længere periode, og vejledningen bærer ikke længere." + _excused(f)),
        "ikke_foraeldet": lambda f: (
            f"4) Den nye tilsidesættelse den {d(f['ny'])} ligger inden for {f['maaneder']} måneder efter "
            f"{_stale_from(f)}." + _excused(f)),
    },
    "ny_tilsidesaettelse": {
        "efter_afgoerelse": "Afgørelsen bygger på en tilsidesættelse den {vedroerer}, som ligger efter afgørelsen "
                            "den {afgoerelse}.",
        "vedroerer_ukendt": "Afgørelsen bygger på en tilsidesættelse den {vedroerer}, men der er ingen "
                            "tilsidesættelse med den dato i sagen.",
        "intet_grundlag": "Der er hverken en forudgående sanktion eller en tilsidesættelse, som afgørelsen kan "
                          "bygge på.",
        "ingen_tilsidesaettelse": "Der er ingen ny tilsidesættelse efter den forudgående sanktion den {sanktion} og "
                                  "på eller før afgørelsen den {afgoerelse}.",
        "ikke_paa_ny": "Tilsidesættelsen den {ny} er ikke sket »på ny«: der er ingen forudgående sanktion.",
        "foer_sanktion": "Den tilsidesættelse, afgørelsen bygger på, er sket den {ny}, altså før den forudgående "
                         "sanktion den {sanktion}. Borgeren har ikke tilsidesat sin pligt på ny efter sanktionen.",
        "foer_vejledning": "Tilsidesættelsen den {ny} ligger ikke efter vejledningen om skærpet rådighedssanktion "
                           "den {vejledning}.",
        "ny_tilsidesaettelse": lambda f: (
            f"Ny tilsidesættelse ({code_label(f['art']) if f['art'] else 'art ikke angivet'}) den {d(f['ny'])}, "
            "efter den forudgående "
            f"sanktion den {d(f['sanktion'])}"
            + (f" og vejledningen den {d(f['vejledning'])}" if f["vejledning"] else "")
            + f" og før afgørelsen den {d(f['afgoerelse'])}."),
    },
    "rimelig_grund": {
        "ingen_tilsidesaettelse": "Der er ingen ny tilsidesættelse at vurdere rimelig grund for.",
        "rimelig_grund_ja": "Ifølge sagen havde borgeren en rimelig grund til tilsidesættelsen den {ny}.",
        "rimelig_grund_ukendt": "Det fremgår ikke, om borgeren havde en rimelig grund til tilsidesættelsen den {ny}.",
        "forklaring_ikke_undersoegt": lambda f: (
            f"Kommunen har vurderet, at der ikke var rimelig grund, men borgerens forklaring den {d(f['forklaret'])} "
            f"({quote(f['forklaring'])}) er ikke undersøgt nærmere før afgørelsen den {d(f['afgoerelse'])}."),
        "uden_rimelig_grund": "Tilsidesættelsen den {ny} skete uden rimelig grund, og eventuelle forklaringer fra "
                              "borgeren er undersøgt.",
    },
    "partshoering": {
        "ingen_tilsidesaettelser": "Der er ingen sanktionerede tilsidesættelser at vurdere partshøringen for.",
        "partshoert": "Borgeren er partshørt den {hoert} om {brud}.",
        "mangler": "Borgeren er ikke partshørt om {brud} før afgørelsen om den.",
        "uden_vedroerer": "({antal} partshøring(er) angiver ikke, hvilken tilsidesættelse de vedrører, og tæller "
                          "derfor ikke.)",
    },
    "personlig_kontakt": {
        "ingen_tilsidesaettelser": "Der er ingen sanktionerede tilsidesættelser at vurdere punktet for.",
        "forklaret_i_partshoering": lambda f: (
            f"{_akt(f)}: borgeren har forklaret sig i partshøringen (svar den "
            f"{d(f['svar'])}).{_attempts(f)}"),
        "kontakt_opnaaet": lambda f: f"{_akt(f)}: kontakt er opnået.{_attempts(f)}",
        "forsoegt_ud_over_brev": lambda f: (f"{_akt(f)}: kommunen har forsøgt ud "
                                            f"over brev og telefon.{_attempts(f)}"),
        "ingen_forsoeg": lambda f: (
            f"{_akt(f)}: der er ingen forsøg på personlig kontakt før "
            "afgørelsen."
            + (" Kontaktforsøg, der ikke ligger fra tilsidesættelsen til dagen før afgørelsen om den, tæller ikke: "
               + ", ".join(f"{name or 'ukendt kanal'} den {d(when)}" for name, when in f["for_sent"]) + "."
               if f.get("for_sent") else "")),
        "familie_uden_samtykke": lambda f: (
            f"{_akt(f)}: kontakt via familie eller værge uden borgerens "
            f"forudgående samtykke tæller ikke (bekg. § 11, stk. 4).{_attempts(f)}"),
        "kun_brev_telefon": lambda f: (
            f"{_akt(f)}: kun brev, digital post, e-mail, sms eller telefon, "
            f"hvilket som udgangspunkt ikke er tilstrækkeligt (principmeddelelse 39-15).{_attempts(f)}"),
    },
    "vurdering_13_8": {
        "ingen_tilsidesaettelser": "Der er ingen sanktionerede tilsidesættelser at vurdere punktet for.",
        "mangler": lambda f: f"{_akt(f)}: der er ingen vurdering efter § 13, stk. 8, før sanktionen.",
        "vurderet": lambda f: (f"{_akt(f)}: vurdering efter § 13, stk. 8, den {d(f['vurdering'])}: andre forhold er "
                               "vurderet, og sanktionen vurderes at fremme rådigheden."),
        "fremmer_ikke": lambda f: (f"{_akt(f)}: vurderingen den {d(f['vurdering'])} finder ikke, at sanktionen "
                                   "fremmer rådigheden."),
        "andre_forhold_mangler": lambda f: (f"{_akt(f)}: vurderingen den {d(f['vurdering'])} forholder sig ikke til "
                                            "andre forhold."),
    },
    "manglende_vilje": {
        "ikke_vurderet": "Afgørelsen indeholder ikke en konkret vurdering af, om borgeren med sin adfærd udviser "
                         "manglende vilje til at stå til rådighed.",
        "vaegt_ikke_angivet": "Afgørelsen siger, at der er manglende vilje, men ikke hvad kommunen har lagt vægt på.",
        "vurderet": lambda f: ("Kommunen har vurderet manglende vilje og lagt vægt på: "
                               + ", ".join(w.replace("_", " ") for w in f["vaegt_paa"]) + "."),
    },
    "laengde": {
        "ikke_angivet": "Afgørelsen angiver ikke sanktionens længde.",
        "uden_for_1_3": lambda f: (f"Længden er {f['maaneder']} måneder; loven tillader {or_list(f['tilladt'])} "
                                   "måneder."),
        "laengde": lambda f: f"Længden er {f['maaneder']} måned{'er' if f['maaneder'] > 1 else ''}.",
        "ingen_begrundelse": "Længden er ikke begrundet.",
        "begrundet": "Længden er begrundet.",
    },
    "tilbud": {
        "intet_tilbud": "Der er ikke givet tilbud eller aktivitet efter § 40 a, stk. 2, sammen med afgørelsen, så "
                        "hjælpen kan ikke betinges af fremmøde.",
        "virkning_ukendt": lambda f: (f"Der er givet {_offer(f)}, men afgørelsen angiver ikke, hvornår den har "
                                      "virkning fra."),
        "startdato_ukendt": lambda f: (f"Der er givet {_offer(f)}, men det fremgår ikke, hvornår det kan begynde "
                                       f"(afgørelsen har virkning fra {d(f['virkning'])})."),
        "virkning_foer_afgoerelse": lambda f: (
            f"Afgørelsen har virkning fra den {d(f['virkning'])}, før den blev truffet den {d(f['afgoerelse'])}. En "
            "skærpet rådighedssanktion har tidligst virkning, når afgørelsen er kommet frem til borgeren, og "
            "kommunen har anvist en aktivitet (vejledningen 2020 om § 40 a, stk. 1 og 2)."),
        "starter_senere": lambda f: (
            f"Tilbuddet ({_offer(f)}) begynder {format_day_da(f['start'])}, efter at afgørelsen har virkning fra "
            f"{format_day_da(f['virkning'])}"
            + (f", og også efter den første hverdag derefter, {format_day_da(f['foerste_hverdag'])}"
               if f["foerste_hverdag"] else "") + "."),
        "kan_begynde_foerste_hverdag": lambda f: (
            f"Afgørelsen har virkning fra {format_day_da(f['virkning'])}, som ikke er en hverdag, og tilbuddet "
            f"({_offer(f)}) kan begynde {format_day_da(f['start'])}"
            + (", den første hverdag derefter" if f["start"] == f["foerste_hverdag"] else
               f", før den første hverdag derefter ({format_day_da(f['foerste_hverdag'])})")
            + ". Det er i orden: falder virkningsdagen på en lørdag, søndag eller helligdag, kan aktiviteten "
            "starte den førstkommende hverdag (vejledningen 2020 om § 40 a, stk. 2)."),
        "kan_begynde": lambda f: (f"Tilbuddet ({_offer(f)}) kan begynde den {d(f['start'])}, og afgørelsen har "
                                  f"virkning fra den {d(f['virkning'])}."),
    },
    "lukning": {
        "truffet": "Afgørelsen om lukning ved udeblivelse en hel kalendermåned er truffet sammen med "
                   "§ 40 a-afgørelsen.",
        "ikke_truffet": lambda f: ("Afgørelsen om lukning efter § 40 a, stk. 7, "
                                   + ("er ikke truffet" if f["truffet"] is False else "fremgår ikke af sagen")
                                   + "; hjælpen kan derfor ikke ophøre efter stk. 7."),
    },
    "aegtefaelle": {
        "afgoerelse_truffet": "Afgørelsen om ægtefællens hjælp er truffet samtidig.",
        "ingen_afgoerelse": "Der er ikke truffet afgørelse om ægtefællens hjælp efter § 40 a, stk. 7, 2. pkt.",
        "vejledt": "Ægtefællen er vejledt skriftligt den {vejledning}.",
        "ikke_vejledt": "Det fremgår ikke, at ægtefællen er vejledt skriftligt efter § 35, stk. 2, nr. 4.",
    },
    "oplysning": {
        "undersoegt": lambda f: (f"Borgerens forklaring den {d(f['forklaret'])} om {breach_name(f['brud'])} er "
                                 f"undersøgt ({f['kilde'] or 'kilde ikke angivet'}, {d(f['undersoegt'])})."),
        "forklaring_ikke_undersoegt": lambda f: (
            f"Borgeren forklarede den {d(f['forklaret'])} om {breach_name(f['brud'])}: {quote(f['forklaring'])}. "
            "Kommunen har ikke undersøgt forklaringen nærmere, selv om den kan være en rimelig grund."),
        "ingen_forklaringer": "Borgeren har ikke givet forklaringer, som kommunen skulle undersøge nærmere.",
        "ingen_forklaring_om": "Borgeren har ikke forklaret sig om {brud}.",
    },
    "begrundelse": {
        "ikke_skriftlig": "Afgørelsen er ikke dokumenteret som skriftlig.",
        "ingen_begrundelse": "Afgørelsen har ingen begrundelse.",
        "mangler_dele": lambda f: "Begrundelsen " + " og ".join(
            text for text, missing in (("henviser ikke til reglerne", f["ikke_regler"]),
                                       ("angiver ikke, hvad der er lagt vægt på", f["ikke_vaegt"])) if missing) + ".",
        "ikke_forholdt_ukendt_maalgruppe": "Begrundelsen forholder sig ikke til borgerens målgruppe (som registreret i "
                                           "sagen), og målgruppen fremgår heller ikke af sagen.",
        "maalgruppe_ukendt": "Målgruppen fremgår ikke af sagen, så det kan ikke ses, om begrundelsen forholder sig "
                             "til den (se punktet om målgruppen).",
        "forholdt_maalgruppe": lambda f: (f"Begrundelsen forholder sig til, at borgeren er {f['maalgruppe']} "
                                          f"({_visited(f)}{_how(f, True)})."),
        "ikke_forholdt_maalgruppe": lambda f: (f"Begrundelsen forholder sig ikke til, at borgeren er "
                                               f"{f['maalgruppe']} ({_visited(f)}{_how(f, False)})."),
        "forholdt_13_8": lambda f: (
            f"Borgeren var {f['maalgruppe']} ved afgørelsen den {d(f['afgoerelse'])}, og begrundelsen forholder "
            f"sig til vurderingen efter § 13, stk. 8 ({_how_13_8(f, True)})."),
        "ikke_forholdt_13_8": lambda f: (
            f"Borgeren var {f['maalgruppe']} ved afgørelsen den {d(f['afgoerelse'])}, men begrundelsen forholder "
            "sig ikke til vurderingen efter § 13, stk. 8, af, om der er andre forhold end rimelige grunde, og om "
            f"sanktionen vil fremme borgerens rådighed ({_how_13_8(f, False)})."),
    },
    "klagevejledning": {
        "mangler": "Afgørelsen har ikke klagevejledning.",
        "ikke_skriftlig": "Afgørelsen er ikke dokumenteret som skriftlig.",
    },
    "proportionalitet": {
        "intet_grundlag": "Intet tegn på det særlige tilfælde med to korte udeblivelser.",
        "to_korte_udeblivelser": "To udeblivelser fra jobsamtale ({tidligere} og {ny}) inden for {maaneder} "
                                 "måneder, hvor den første er sanktioneret med fradrag efter {paragraf} den "
                                 "{sanktion}. Efter vejledningen begrunder det som udgangspunkt ikke en skærpet "
                                 "rådighedssanktion; en jurist bør vurdere proportionaliteten.",
        "ingen_tegn": "Intet tegn på det særlige tilfælde med to korte udeblivelser inden for {maaneder} måneder.",
    },
    "kun_fremmoede_oplyst": {
        "oplyst": "Afgørelsen oplyser, at hjælpen kun udbetales for fremmødedage, og hvad borgeren skal gøre.",
        "ikke_oplyst": "Det fremgår ikke af afgørelsen, at hjælpen kun udbetales for de dage, hvor borgeren møder op, "
                       "og hvad borgeren skal gøre.",
    },
}


def _stale_from(f: dict) -> str:
    """What the period of compliance runs from (vejledning_35_2 part 4), with the month arithmetic."""
    note = month_arithmetic_note(f["fra"], f["maaneder"])
    if f["hvad"] == "tilsidesaettelse":
        return (f"tilsidesættelsen den {d(f['fra'])} (den seneste uden rimelig grund efter den forudgående sanktion "
                f"og vejledningen; {note})")
    what = {"sanktion": "den forudgående sanktion",
            "vejledning": "den senere vejledning om skærpet rådighedssanktion"}[f["hvad"]]
    return f"{what} den {d(f['fra'])} ({note}; der er ingen tilsidesættelse uden rimelig grund imellem)"


def _excused(f: dict) -> str:
    """Breaches in between with a reasonable cause: they do not interrupt the period (revision 2)."""
    excused = f["undskyldte"]
    if not excused:
        return ""
    one = len(excused) == 1
    return (f" Tilsidesættelse{'n' if one else 'rne'} den {', '.join(d(x) for x in excused)} havde en rimelig grund "
            "og afbryder ikke perioden: borgeren tilsidesatte da ikke sin pligt.")


def _offer(f: dict) -> str:
    return code_label(f["art"] or "tilbud")


def _visited(f: dict) -> str:
    return f"visiteret den {d(f['visitation'])}; " if f.get("visitation") else ""


def _how(f: dict, found_: bool) -> str:
    """begrundelse: how the relation to the målgruppe was decided (the field, or a search of the text)."""
    if f["fra_felt"]:
        return "som registreret i sagen"
    word = f"ordet »{f['maalgruppe']}«"
    if found_:
        return f"fundet ved søgning i begrundelsen efter {word}, da det ikke er registreret i sagen"
    return f"{word} findes ikke ved søgning i begrundelsen, og det er ikke registreret i sagen"


def _how_13_8(f: dict, found_: bool) -> str:
    """begrundelse: how the relation to § 13, stk. 8 was decided (the field, or a search for the checklist's
    søgeord)."""
    if f["fra_felt"]:
        return "som registreret i sagen"
    words = or_list(f"»{t}«" for t in f["soegeord"])
    if found_:
        return f"fundet ved søgning i begrundelsen efter {words}, da det ikke er registreret i sagen"
    return f"{words} findes ikke ved søgning i begrundelsen, og det er ikke registreret i sagen"


# The opening sentence of an item's reason when it holds (the items that check several parts).
JA_INTRO: dict[str, str] = {
    "vejledning_35_1": "Borgeren er vejledt korrekt efter § 35, stk. 1.",
    "vejledning_35_2": "Borgeren er vejledt korrekt efter § 35, stk. 2.",
    "aegtefaelle": "Borgeren er gift.",
    "begrundelse": "Afgørelsen er skriftlig og begrundet.",
    "klagevejledning": "Afgørelsen er skriftlig og har klagevejledning.",
}

# The applicability step's sentences (``gælder``; audit.rules.registry.APPLICABILITY).
APPLICABILITY: dict[str, Text] = {
    "jobparat_ingen_tilsidesaettelser": "Borgeren er jobparat, og der er ingen sanktionerede tilsidesættelser.",
    "kun_aktivitetsparate": "Punktet gælder kun aktivitetsparate borgere.",
    "maalgruppe_ukendt_ved": "Ved {brud} er borgerens målgruppe ukendt (ingen visitation).",
    "aktivitetsparat_ved_sanktion": lambda f: (f"Borgeren var {f['maalgruppe'] or 'ikke visiteret'} ved "
                                               f"{breach_name(f['brud'])}, men aktivitetsparat, da der blev truffet "
                                               "afgørelse om den."),
    "jobparat_ved": "Ved {brud} var borgeren jobparat.",
    "civilstand_ukendt": "Borgerens civilstand fremgår ikke, så det kan ikke ses, om der skulle træffes afgørelse "
                         "over for en ægtefælle.",
    "ugift": "Borgeren er ugift.",
}


@functools.lru_cache(maxsize=1024)
def _fields(text: str) -> tuple[str, ...] | None:
    """The facts a text names as plain ``{felt}`` (read once per text), or None when a field has more to
    it (an attribute, an index, a conversion or a format): such a text is filled through ``_Danish``."""
    names = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            return None
        names.append(name)
    return tuple(names)


def _fill(text: str, facts: dict) -> str:
    """``text.format_map(_Danish(facts))``, converting only the facts the text names (a date in Danish form, a
    breach by its name; a fact the text names but the note lacks raises KeyError, as format_map does)."""
    names = _fields(text)
    if names is None:
        return text.format_map(_Danish(facts))
    if not names:
        return text.format_map(facts)  # (still raises on a stray brace, as before)
    values = {}
    for name in names:
        value = facts[name]
        if isinstance(value, date):
            value = format_da(value)
        elif isinstance(value, SanctionedBreach):
            value = breach_name(value)
        values[name] = value
    return text.format_map(values)


def sentence(texts: dict[str, Text], key: str, facts: dict) -> str:
    text = texts[key]
    return _fill(text, facts) if type(text) is str else text(facts)


def reason(rule: str, applicability_notes: Iterable, notes: Iterable, holds: bool, *,
           known_from_sanction: bool = True) -> str:
    """An item's reason: the intro when it holds, the applicability step's sentences, then the test's; last,
    for a prior breach known only from its sanction that the sentences name, that it is known only so.

    ``known_from_sanction`` False (the case's chain has no breach known only from its sanction, the usual
    case) skips looking for one in the notes' facts: there is none to find."""
    if known_from_sanction:  # (the notes are read twice then)
        applicability_notes, notes = list(applicability_notes), list(notes)
    parts = []
    if holds:
        intro = JA_INTRO.get(rule)
        if intro:
            parts.append(intro)
    for n in applicability_notes:
        text = APPLICABILITY[n.key]
        parts.append(_fill(text, n.facts) if type(text) is str else text(n.facts))
    texts = WORDING[rule]
    for n in notes:
        text = texts[n.key]
        parts.append(_fill(text, n.facts) if type(text) is str else text(n.facts))
    if known_from_sanction:
        parts += [known_only_from_sanction(sb.date, sb.sanction_date)
                  for sb in _breaches_known_from_sanction([*applicability_notes, *notes])]
    return " ".join([p for p in parts if p])


def _breaches_known_from_sanction(notes: list) -> list[SanctionedBreach]:
    """The breaches known only from their sanction that the notes' facts name (also inside lists/tuples)."""
    out: list[SanctionedBreach] = []

    def visit(value: Any) -> None:
        if isinstance(value, SanctionedBreach):
            if value.known_from_sanction and value not in out:
                out.append(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                visit(v)

    for n in notes:
        for value in n.facts.values():
            visit(value)
    return out


def check_wording() -> list[str]:
    """Rules without wording (a test of the registry uses it)."""
    from audit.rules.registry import rules

    return sorted(r for r in rules() if r not in WORDING)
