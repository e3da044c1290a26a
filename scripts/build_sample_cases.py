"""Build the bundled sample cases in ``sample_cases/`` and their intended checklist results.

The cases are fictitious (three invented municipalities, invented people); they are written here as
Python data and this script writes them in the three input formats of the case format
(``/work/shared/domain/case-format.md``):

- ``nordhavn.json``   ``{"sager": [...]}``            (Nordhavn Kommune)
- ``skovbjerg.jsonl`` one record per line             (Skovbjerg Kommune)
- ``aamose.xlsx``     sheets Sager / Hændelser / Vurderinger (Åmose Kommune)
- ``forventet.yaml``  the intended result of every case (the checklist engine's acceptance examples)
- ``FORVENTET.md``    the same in Danish prose, with what each case illustrates

Every CPR number in the cases is fictitious and has an impossible day (00 or 32-39).

The output is deterministic: the same bytes on every run (the Excel file's document dates and zip
timestamps are fixed).  Only the standard library and openpyxl are used.

Usage: ``python scripts/build_sample_cases.py [--out DIR]`` (default: ``sample_cases/`` in the repo).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "sample_cases"

NORDHAVN = "Nordhavn Kommune"
SKOVBJERG = "Skovbjerg Kommune"
AAMOSE = "Åmose Kommune"

ALL4 = ("konsekvens", "kun_fremmødedage", "lukning_kalendermåned", "ægtefælle")
# Ankestyrelsen's example E11 verbatim (praksisundersøgelsen, seed 002 lines 9742-9748).
E11_TEXT = ("Du skal være opmærksom på, at hvis du igen uden rimelig grund tilsidesætter din pligt til at stå til "
            "rådighed, kan du blive omfattet af en skærpet sanktion, som betyder, at du mister retten til hjælp i op "
            "til 3 måneder. Din ret til hjælp vil herefter være betinget af, hvor meget du deltager i en bestemt "
            "aktivitet.")

# The checklist's item order (results-format.md plus the two advisory items); lists in forventet.yaml
# follow it.
ITEM_ORDER = (
    "maalgruppe", "vejledning_35_1", "forudgaaende_sanktion", "vejledning_35_2", "ny_tilsidesaettelse",
    "rimelig_grund", "partshoering", "personlig_kontakt", "vurdering_13_8", "manglende_vilje",
    "laengde", "tilbud", "lukning", "aegtefaelle", "oplysning", "begrundelse", "klagevejledning",
    "proportionalitet", "kun_fremmoede_oplyst",
)
# The aktivitetsparat-only items and the married-only item, for the ikke_relevant lists.
AKT_ONLY = ("personlig_kontakt", "vurdering_13_8")

FIXED_TIMESTAMP = dt.datetime(2024, 1, 1, 0, 0, 0)

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


def da(iso: str) -> str:
    """'2021-02-16' -> '16. februar 2021' (for the texts inside the cases)."""
    d = dt.date.fromisoformat(iso)
    return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"


# ---------------------------------------------------------------------------------------------
# Event helpers: English parameters, Danish keys (the case format). ``None`` values are left out.
# ---------------------------------------------------------------------------------------------

def _event(kind: str, date: str, **fields: object) -> dict:
    out: dict = {"type": kind, "dato": date}
    for key, value in fields.items():
        if value is not None:
            out[key] = value
    return out


def visitation(date: str, group: str, note: str | None = None) -> dict:
    return _event("visitation", date, målgruppe=group, note=note)


def talk(date: str, first: bool = False, attended: bool = True, note: str | None = None) -> dict:
    return _event("jobsamtale", date, første=first, mødt=attended, note=note)


def guidance(date: str, *forms: str, note: str | None = None) -> dict:
    return _event("vejledning", date, former=list(forms), note=note)


def intro(visit: str, group: str, first_talk: str, sent: str) -> list[dict]:
    """Visitation, the first jobsamtale with guidance reviewed and handed out, guidance sent after."""
    return [
        visitation(visit, group),
        talk(first_talk, first=True),
        guidance(first_talk, "gennemgået", "udleveret",
                 note="Rettigheder og pligter gennemgået og udleveret ved første jobsamtale"),
        guidance(sent, "sendt", note="Skriftlig vejledning sendt via Digital Post"),
    ]


def reguide(date: str, with_talk: bool = True) -> list[dict]:
    """Re-guidance (genvejledning) at a jobsamtale: reviewed and made available."""
    events = [talk(date)] if with_talk else []
    events.append(guidance(date, "gennemgået", "tilgængeliggjort",
                           note="Genvejledning: rettigheder og pligter gennemgået, vejledning på Jobnet"))
    return events


def breach(date: str, kind: str, cause: str = "nej", explanation: str | None = None,
           note: str | None = None) -> dict:
    return _event("tilsidesættelse", date, art=kind, rimelig_grund=cause, forklaring=explanation, note=note)


def hearing(date: str, concerns: str, answer: str | None = None, answer_date: str | None = None,
            note: str | None = None) -> dict:
    ev = _event("partshøring", date, vedrører=concerns, svar_dato=answer_date, note=note)
    ev["svar"] = answer
    return ev


def contact(date: str, concerns: str, channel: str, reached: bool = False, consent: bool | None = None,
            note: str | None = None) -> dict:
    return _event("kontaktforsøg", date, vedrører=concerns, kanal=channel, opnået=reached,
                  samtykke=consent, note=note)


def investigation(date: str, concerns: str, source: str, result: str) -> dict:
    return _event("sagsoplysning", date, vedrører=concerns, kilde=source, resultat=result)


def assessment(date: str, concerns: str, other: str, promotes: str = "ja") -> dict:
    return _event("vurdering_13_8", date, vedrører=concerns, andre_forhold=other, fremmer_rådighed=promotes)


def sanction(date: str, paragraph: str, concerns: str, note: str | None = None) -> dict:
    return _event("sanktion", date, paragraf=paragraph, vedrører=concerns, note=note)


def sharpened(date: str, elements: tuple[str, ...] = ALL4, written: bool = True,
              spouse_guided: bool | None = None, note: str | None = None, text: str | None = None) -> dict:
    """With ``text`` and no ``elements``: the export holds only the letter's text (issue 16)."""
    return _event("vejledning_skærpet", date, skriftlig=written, elementer=list(elements) or None,
                  ægtefælle_vejledt=spouse_guided, note=note, tekst=text)


def decision(date: str, concerns: str | None, effective: str | None, months: int | None,
             length_reason: str | None, weighted: tuple[str, ...], reasoning: str,
             offer_kind: str | None, offer_start: str | None, *,
             unwillingness: bool = True, rules_cited: bool = True, related: bool | None = True,
             related_13_8: bool | None = None, closure: bool = True, spouse: bool | None = None,
             attendance: bool | None = True,
             appeal: bool = True, written: bool = True) -> dict:
    out: dict = {"dato": date}
    fields = {
        "vedrører": concerns,
        "virkning_fra": effective,
        "længde_måneder": months,
        "længde_begrundelse": length_reason,
        "vilje_vurderet": unwillingness,
        "vægt_på": list(weighted),
        "begrundelse": reasoning,
        "forholdt_til_målgruppe": related,
        "forholdt_til_13_8": related_13_8,
        "henvist_regler": rules_cited,
        "tilbud": ({"art": offer_kind, "startdato": offer_start} if offer_kind else None),
        "lukning_ved_udeblivelse": closure,
        "ægtefælle_afgørelse": spouse,
        "fremmøde_oplyst": attendance,
        "klagevejledning": appeal,
        "skriftlig": written,
    }
    for key, value in fields.items():
        if value is not None:
            out[key] = value
    return out


def record(number: str, municipality: str, unit: str, caseworker: str, citizen: str,
           marital: str | None, benefit: str, events: list, dec: dict, *, cpr: str | None = None,
           reviews: dict | None = None) -> dict:
    out: dict = {
        "sagsnummer": number, "kommune": municipality, "enhed": unit, "sagsbehandler": caseworker,
        "borger_id": citizen,
    }
    if cpr is not None:
        out["cpr"] = cpr
    if marital is not None:
        out["civilstand"] = marital
    out["ydelse"] = benefit
    flat: list[dict] = []
    for ev in events:
        flat.extend(ev if isinstance(ev, list) else [ev])
    out["hændelser"] = flat
    out["afgørelse"] = dec
    if reviews:
        out["vurderinger"] = reviews
    return out


@dataclass(frozen=True)
class Sample:
    case: dict
    samlet: str
    kritik: str
    note: str  # why, in Danish (forventet.yaml)
    illustrates: str  # what the case illustrates, in Danish (FORVENTET.md)
    nej: tuple[str, ...] = ()
    ved_ikke: tuple[str, ...] = ()
    ikke_relevant: tuple[str, ...] = ()
    # How each nej / ved_ikke item is intended to fail: its consequence and its ways (``fails``).
    punkter: dict[str, tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.case['kommune']}|{self.case['sagsnummer']}"

    def expected(self) -> dict:
        def order(items: tuple[str, ...]) -> list[str]:
            return sorted(items, key=ITEM_ORDER.index)

        failed = set(self.nej) | set(self.ved_ikke)
        if set(self.punkter) != failed:
            raise ValueError(f"{self.key}: punkter must describe exactly the nej/ved_ikke items {sorted(failed)}")
        return {
            "samlet": self.samlet, "kritik": self.kritik, "nej": order(self.nej),
            "ved_ikke": order(self.ved_ikke), "ikke_relevant": order(self.ikke_relevant), "note": self.note,
            "punkter": {item: {"virkning": self.punkter[item][0], "maader": list(self.punkter[item][1])}
                        for item in order(tuple(failed))},
        }


def fails(consequence: str | None, *ways: str) -> tuple[str | None, tuple[str, ...]]:
    """How an item is intended to fail: its consequence (virkning) and the ways (the checklist's maader)."""
    return consequence, ways


def not_relevant(group: str, marital: str | None) -> tuple[str, ...]:
    """The items that do not apply: aktivitetsparat items for a citizen jobparat at every sanctioned
    breach, the spouse item for an unmarried citizen."""
    out: tuple[str, ...] = ()
    if group == "jobparat":
        out += AKT_ONLY
    if marital == "ugift":
        out += ("aegtefaelle",)
    return out


# Reasoning texts in the municipality's voice ------------------------------------------------------

def text_job(prior: str, b2: str, what: str, weighed: str, extra: str = "") -> str:
    return (
        f"Du er visiteret som jobparat. Vi traf den {da(prior)} afgørelse om sanktion efter aktivlovens "
        f"§§ 36-40, og du blev samtidig skriftligt vejledt om skærpet rådighedssanktion. Den {da(b2)} "
        f"{what}, og vi har vurderet, at du ikke havde en rimelig grund. {extra}"
        f"Vi vurderer, at du med din adfærd udviser manglende vilje til at stå til rådighed, jf. "
        f"aktivlovens § 40 a, stk. 1. Vi har lagt vægt på {weighed}. Du får derfor kun hjælp for de dage, "
        f"hvor du møder op i den aktivitet, vi har givet dig, jf. § 40 a, stk. 2."
    )


def text_akt(prior: str, b2: str, what: str, weighed: str, extra: str = "") -> str:
    return (
        f"Du er visiteret som aktivitetsparat. Vi traf den {da(prior)} afgørelse om sanktion efter "
        f"aktivlovens §§ 36-40, og du blev samtidig skriftligt vejledt om skærpet rådighedssanktion. "
        f"Den {da(b2)} {what}, og vi har vurderet, at du ikke havde en rimelig grund. {extra}"
        f"Vi har efter aktivlovens § 13, stk. 8, vurderet, at der ikke er andre forhold, der kan begrunde, "
        f"at du ikke skal stå til rådighed, og at en sanktion vil fremme din rådighed. Vi vurderer, at du "
        f"med din adfærd udviser manglende vilje til at stå til rådighed, jf. aktivlovens § 40 a, stk. 1. "
        f"Vi har lagt vægt på {weighed}. Du får kun hjælp for de dage, hvor du møder op, jf. § 40 a, stk. 2."
    )


LENGTH_1 = "Det er første gang, du får en skærpet rådighedssanktion, og forseelserne ligger tæt på hinanden."
LENGTH_2 = ("Anden tilsidesættelse inden for kort tid under rådighedsvurdering, og du har ikke medvirket "
            "til at oplyse sagen trods partshøring.")
LENGTH_3 = ("Du har gentagne gange og over flere måneder tilsidesat din rådighedspligt, også efter "
            "vejledningen om skærpet rådighedssanktion.")


# =============================================================================================
# Nordhavn Kommune (JSON)
# =============================================================================================

def nordhavn() -> list[Sample]:
    k = NORDHAVN
    out: list[Sample] = []

    # N1 -- E1: absence from a samtale, sanction and guidance 16 Feb 2021, job-search agreement broken.
    out.append(Sample(
        case=record(
            "NH-2021-0112", k, "Team Syd", "MLK", "b-1842", "ugift", "kontanthjælp", [
                intro("2020-09-07", "jobparat", "2020-09-15", "2020-09-16"),
                reguide("2021-01-12"),
                breach("2021-02-01", "udeblevet_jobsamtale"),
                hearing("2021-02-03", "2021-02-01"),
                sanction("2021-02-16", "§ 37", "2021-02-01", note="Fradrag for udeblivelse fra jobsamtale"),
                sharpened("2021-02-16"),
                breach("2021-03-15", "ikke_aktivt_jobsøgende",
                       note="Aftalen om jobsøgningsaktiviteter (2 ansøgninger om ugen) ikke overholdt"),
                hearing("2021-03-17", "2021-03-15", note="Borger har ikke reageret på partshøringen"),
            ],
            decision("2021-03-31", "2021-03-15", "2021-04-06", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-02-16", "2021-03-15",
                              "har du ikke overholdt din aftale om jobsøgningsaktiviteter",
                              "at du ikke har reageret på vores partshøring, og at du få uger efter "
                              "sanktionen igen ikke har overholdt dine aftaler"),
                     "dagligt_fremmøde", "2021-04-06"),
            cpr="320190-1234"),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "ugift"),
        note="Alle betingelser er opfyldt: vejledt efter § 35, stk. 1 og 2, ny tilsidesættelse efter "
             "sanktionen den 16. februar 2021, partshørt, konkret vurdering af manglende vilje, tilbud fra "
             "virkningsdagen.",
        illustrates="Ankestyrelsens eksempel E1 (ny tilsidesættelse efter den forudgående sanktion). "
                    "Jobparat, ugift: de aktivitetsparate punkter og ægtefællepunktet er ikke relevante.",
    ))

    # N2 -- aktivitetsparat, married, everything in order (home visit, spouse decision).
    out.append(Sample(
        case=record(
            "NH-2022-0415", k, "Team Syd", "ABJ", "b-2210", "gift", "kontanthjælp", [
                intro("2021-09-01", "aktivitetsparat", "2021-09-14", "2021-09-15"),
                breach("2022-01-10", "udeblevet_tilbud"),
                hearing("2022-01-12", "2022-01-10"),
                contact("2022-01-20", "2022-01-10", "telefon"),
                contact("2022-01-24", "2022-01-10", "hjemmebesøg", note="Ingen hjemme; brev lagt i postkassen"),
                assessment("2022-01-25", "2022-01-10",
                           "Ingen oplysninger om helbredsmæssige eller sociale forhold, der taler imod sanktion"),
                sanction("2022-01-26", "§ 36", "2022-01-10"),
                sharpened("2022-01-26", spouse_guided=True),
                breach("2022-02-14", "udeblevet_opfølgningssamtale"),
                hearing("2022-02-15", "2022-02-14",
                        answer="Jeg havde glemt aftalen, fordi jeg har haft det svært med min mor, som er syg.",
                        answer_date="2022-02-18"),
                investigation("2022-02-21", "2022-02-14", "borger",
                              "Telefonsamtale: borger bekræfter at have modtaget indkaldelsen og oplyser, at "
                              "moren bor på plejehjem; intet forhindrede fremmøde."),
                contact("2022-02-21", "2022-02-14", "telefon", reached=True),
                assessment("2022-02-24", "2022-02-14",
                           "Moderens sygdom er drøftet; borger passer ikke moren og er ikke forhindret i at "
                           "deltage"),
            ],
            decision("2022-03-01", "2022-02-14", "2022-03-07", 2, LENGTH_2,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-01-26", "2022-02-14", "udeblev du fra en opfølgningssamtale",
                              "at du igen er udeblevet kort efter sanktionen, og at din forklaring om din mor "
                              "ikke forhindrede dig i at møde"),
                     "daglige_samtaler", "2022-03-07", spouse=True),
            cpr="330685-2417"),
        samlet="i_overensstemmelse", kritik="ingen",
        note="Aktivitetsparat og gift: personlig kontakt forsøgt ved hjemmebesøg (forudgående "
             "tilsidesættelse) og opnået telefonisk (ny tilsidesættelse), § 13, stk. 8-vurdering ved "
             "begge tilsidesættelser, forklaringen undersøgt, ægtefællen vejledt og ægtefælleafgørelse "
             "truffet.",
        illustrates="En aktivitetsparat, gift borger hvor alle punkter er opfyldt, også de særlige krav til "
                    "aktivitetsparate (§ 35, stk. 7, og § 13, stk. 8) og ægtefællekravene (§ 40 a, stk. 7).",
    ))

    # N3 -- E2: the breach relied on (3 Jan 2022) predates the prior sanctions (10 and 12 Jan 2022).
    out.append(Sample(
        case=record(
            "NH-2022-0098", k, "Team Nord", "SRH", "b-3377", "ugift", "kontanthjælp", [
                intro("2021-06-01", "jobparat", "2021-06-10", "2021-06-11"),
                reguide("2021-10-05"),
                breach("2021-11-08", "udeblevet_tilbud"),
                hearing("2021-11-10", "2021-11-08"),
                breach("2021-12-06", "udeblevet_tilbud"),
                hearing("2021-12-08", "2021-12-06"),
                breach("2022-01-03", "udeblevet_opfølgningssamtale"),
                hearing("2022-01-05", "2022-01-03"),
                sanction("2022-01-10", "§ 36", "2021-11-08"),
                sharpened("2022-01-10"),
                sanction("2022-01-12", "§ 36", "2021-12-06"),
                sharpened("2022-01-12"),
            ],
            decision("2022-01-24", "2022-01-03", "2022-01-31", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-01-12", "2022-01-03", "udeblev du fra en samtale",
                              "at du den 3. januar 2022 uden rimelig grund er udeblevet fra en samtale, og at "
                              "du gentagne gange fra oktober til december 2021 er udeblevet fra dit tilbud"),
                     "tilbud", "2022-01-31"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("forudgaaende_sanktion", "ny_tilsidesaettelse"),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"forudgaaende_sanktion": fails("aendres", "kun_senere_sanktioner"),
                 "ny_tilsidesaettelse": fails("aendres", "foer_sanktion")},
        note="Den tilsidesættelse, afgørelsen bygger på (3. januar 2022), ligger før de forudgående "
             "sanktioner (10. og 12. januar 2022); der er ingen sanktion før tilsidesættelsen og ingen ny "
             "tilsidesættelse efter sanktionen og vejledningen.",
        illustrates="Ankestyrelsens eksempel E2: den nye tilsidesættelse skal ligge efter den forudgående "
                    "afgørelse om sanktion (rules.md, 'Hard cases': ny_tilsidesaettelse nej).",
    ))

    # N4 -- E3: § 40 a used without any prior sanction, to test residence.
    out.append(Sample(
        case=record(
            "NH-2021-0733", k, "Team Nord", "PHN", "b-4051", "ugift", "kontanthjælp", [
                intro("2021-02-01", "jobparat", "2021-02-09", "2021-02-10"),
                reguide("2021-07-06"),
                breach("2021-09-06", "udeblevet_opfølgningssamtale",
                       note="Borger ikke truffet på adressen ved kontrolbesøg; tvivl om ophold i kommunen"),
                hearing("2021-09-08", "2021-09-06"),
            ],
            decision("2021-09-30", "2021-09-06", "2021-10-04", 1, LENGTH_1, ("andet",),
                     "Du er visiteret som jobparat. Vi har tvivl om, hvorvidt du reelt opholder dig på den "
                     "adresse, du har oplyst, og du udeblev den 6. september 2021 fra en samtale. Vi vurderer, "
                     "at du med din adfærd udviser manglende vilje til at stå til rådighed, jf. aktivlovens "
                     "§ 40 a, stk. 1, og du får derfor kun hjælp for de dage, hvor du møder op på jobcentret.",
                     "dagligt_fremmøde", "2021-10-04"),
            cpr="000791-3328"),
        samlet="aendres", kritik="ingen",
        nej=("forudgaaende_sanktion", "vejledning_35_2", "ny_tilsidesaettelse"),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"forudgaaende_sanktion": fails("aendres", "ingen_sanktion"),
                 "vejledning_35_2": fails("aendres", "ingen_skaerpet_vejledning"),
                 "ny_tilsidesaettelse": fails("aendres", "ingen_tilsidesaettelse")},
        note="Der er ingen afgørelse om sanktion efter §§ 36-40 før afgørelsen og derfor heller ingen "
             "skriftlig vejledning efter § 35, stk. 2, og ingen ny tilsidesættelse efter en sanktion. "
             "§ 40 a kan ikke bruges til at afprøve, om borgeren opholder sig i kommunen.",
        illustrates="Ankestyrelsens eksempel E3 (§ 40 a uden forudgående sanktion, brugt til at afprøve "
                    "ophold); rules.md 'Missing links': S1 og B1 mangler.",
    ))

    # N5 -- re-guidance gap over 6 months before the prior breach; spouse not guided in writing.
    out.append(Sample(
        case=record(
            "NH-2021-1187", k, "Team Havn", "MLK", "b-5120", "gift", "kontanthjælp", [
                intro("2020-10-01", "jobparat", "2020-10-13", "2020-10-14"),
                breach("2021-05-03", "udeblevet_tilbud"),
                hearing("2021-05-05", "2021-05-03"),
                sanction("2021-05-19", "§ 36", "2021-05-03"),
                sharpened("2021-05-19", spouse_guided=False,
                          note="Vejledningen er kun sendt til borgeren, ikke til ægtefællen"),
                reguide("2021-06-08"),
                breach("2021-06-21", "afvist_tilbud"),
                hearing("2021-06-23", "2021-06-21"),
            ],
            decision("2021-07-07", "2021-06-21", "2021-07-12", 2, LENGTH_2,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-05-19", "2021-06-21", "afviste du et tilbud om virksomhedspraktik",
                              "at du kort efter sanktionen har afvist et rimeligt tilbud"),
                     "tilbud", "2021-07-12", spouse=True),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_1", "aegtefaelle"),
        ikke_relevant=not_relevant("jobparat", "gift"),
        punkter={"vejledning_35_1": fails("aendres", "genvejledning_mangler"),
                 "aegtefaelle": fails("kritik", "ikke_vejledt")},
        note="Den seneste vejledning før den forudgående tilsidesættelse 3. maj 2021 er fra 13. oktober 2020, "
             "mere end 6 måneder før (grænsen er 13. april 2021). Ægtefællen er ikke vejledt skriftligt; "
             "det giver kritik, men afgørelsen ændres allerede på grund af vejledningen efter § 35, stk. 1.",
        illustrates="Genvejledning mere end 6 måneder gammel før den forudgående tilsidesættelse "
                    "(rules.md vejledning_35_1 del 3, tjekket ved hver sanktioneret tilsidesættelse); et "
                    "kritik-punkt giver ikke kritik i en sag, der ændres.",
    ))

    # N6 -- a sanction between the guiding sanction and the § 40 a decision without new guidance.
    out.append(Sample(
        case=record(
            "NH-2022-0561", k, "Ungeteamet", "ABJ", "b-6003", "ugift", "uddannelseshjælp", [
                intro("2021-11-01", "jobparat", "2021-11-09", "2021-11-11"),
                breach("2022-04-04", "udeblevet_tilbud"),
                hearing("2022-04-06", "2022-04-04"),
                sanction("2022-05-02", "§ 36", "2022-04-04", note="Sanktion 1 (maj)"),
                sharpened("2022-05-02"),
                reguide("2022-05-03"),
                breach("2022-05-23", "udeblevet_tilbud"),
                hearing("2022-05-24", "2022-05-23"),
                sanction("2022-06-08", "§ 36", "2022-05-23",
                         note="Sanktion 2 (juni), uden ny vejledning om skærpet rådighedssanktion"),
                breach("2022-06-27", "afvist_tilbud"),
                hearing("2022-06-29", "2022-06-27"),
            ],
            decision("2022-07-12", "2022-06-27", "2022-07-18", 2, LENGTH_2,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-05-02", "2022-06-27", "afviste du et tilbud om uddannelsesforberedende forløb",
                              "at du tre gange på under tre måneder har tilsidesat din rådighedspligt"),
                     "tilbud", "2022-07-18"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_2",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_2": fails("aendres", "ny_sanktion_imellem")},
        note="Vejledningen om skærpet rådighedssanktion blev givet med sanktionen 2. maj 2022. Den næste "
             "sanktion (8. juni 2022) blev truffet uden ny vejledning, så § 40 a kan ikke bruges ved den "
             "følgende afgørelse (12. juli 2022).",
        illustrates="Reglen om 'næstkommende afgørelse' (vejledningen 2020, eksemplet maj/juni/juli; "
                    "rules.md vejledning_35_2 del 3 og Ankestyrelsens note ved E11).",
    ))

    # N7 -- E13: aktivitetsparat, only e-mail and phone before the PRIOR sanction.
    out.append(Sample(
        case=record(
            "NH-2021-0902", k, "Team Havn", "SRH", "b-7716", "ugift", "kontanthjælp", [
                visitation("2020-11-02", "aktivitetsparat",
                           note="Sagen var fejlagtigt journaliseret under CPR 340588-1432; rettet 3.11.2020"),
                talk("2020-11-16", first=True),
                guidance("2020-11-16", "gennemgået", "udleveret"),
                guidance("2020-11-17", "sendt"),
                reguide("2021-04-20"),
                breach("2021-05-25", "udeblevet_jobsamtale"),
                hearing("2021-05-26", "2021-05-25", note="Partshøringsbrev og e-mail"),
                contact("2021-05-26", "2021-05-25", "e-mail"),
                contact("2021-06-02", "2021-05-25", "telefon", note="Et enkelt opkald, ingen svar"),
                assessment("2021-06-07", "2021-05-25", "Ingen kendte forhold, der taler imod sanktion"),
                sanction("2021-06-09", "§ 37", "2021-05-25"),
                sharpened("2021-06-09"),
                breach("2021-08-16", "udeblevet_tilbud"),
                hearing("2021-08-17", "2021-08-16"),
                contact("2021-08-19", "2021-08-16", "telefon"),
                contact("2021-08-23", "2021-08-16", "hjemmebesøg", note="Ingen åbnede; visitkort efterladt"),
                assessment("2021-08-30", "2021-08-16", "Ingen kendte forhold, der taler imod sanktion"),
            ],
            decision("2021-09-02", "2021-08-16", "2021-09-06", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2021-06-09", "2021-08-16", "udeblev du fra dit tilbud",
                              "at du ikke har reageret på vores henvendelser"),
                     "tilbud", "2021-09-06"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("personlig_kontakt",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"personlig_kontakt": fails("aendres", "kun_brev_telefon")},
        note="Før den forudgående sanktion (9. juni 2021) forsøgte kommunen kun at få kontakt med borgeren "
             "pr. brev, e-mail og et enkelt telefonopkald; det er som udgangspunkt ikke tilstrækkeligt "
             "(PM 39-15). Fejlen i den forudgående sanktion smitter af på § 40 a-afgørelsen.",
        illustrates="Ankestyrelsens eksempel E13: manglende personlig kontakt før den FORUDGÅENDE sanktion "
                    "(rules.md: hver sanktioneret tilsidesættelse, både B1 og B2). Noten indeholder et "
                    "fiktivt CPR-nummer, der skal maskeres.",
    ))

    # N8 -- contact reached through the mentor (and family without consent): ja wins.
    out.append(Sample(
        case=record(
            "NH-2022-0207", k, "Ungeteamet", "PHN", "b-8142", "ugift", "uddannelseshjælp", [
                intro("2021-08-02", "aktivitetsparat", "2021-08-11", "2021-08-12"),
                reguide("2022-01-18"),
                breach("2022-01-31", "udeblevet_tilbud"),
                hearing("2022-02-01", "2022-01-31"),
                contact("2022-02-03", "2022-01-31", "telefon"),
                contact("2022-02-04", "2022-01-31", "familie", consent=False,
                        note="Borgerens far ringet op; samtykke foreligger ikke"),
                contact("2022-02-07", "2022-01-31", "mentor", reached=True,
                        note="Mentor har talt med borgeren og gennemgået partshøringen med ham"),
                assessment("2022-02-09", "2022-01-31", "Borger har ordblindhed; tilbuddet er tilpasset"),
                sanction("2022-02-14", "§ 36", "2022-01-31"),
                sharpened("2022-02-14"),
                breach("2022-03-21", "udeblevet_tilbud"),
                hearing("2022-03-22", "2022-03-21"),
                contact("2022-03-23", "2022-03-21", "telefon"),
                contact("2022-03-25", "2022-03-21", "mentor", reached=True),
                assessment("2022-03-28", "2022-03-21",
                           "Ordblindhed er kompenseret i tilbuddet; en sanktion vurderes at fremme rådigheden"),
            ],
            decision("2022-04-04", "2022-03-21", "2022-04-11", 1, LENGTH_1,
                     ("tidligere_sanktioner", "samlet_billede"),
                     text_akt("2022-02-14", "2022-03-21", "udeblev du fra dit uddannelsesrettede tilbud",
                              "det samlede billede af dit fremmøde siden januar"),
                     "tilbud", "2022-04-11"),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        note="Personlig kontakt er opnået gennem borgerens mentor ved begge tilsidesættelser; at familien "
             "også blev kontaktet uden samtykke, ændrer ikke ved, at kontakten er opnået.",
        illustrates="Kontakt opnået gennem mentor uden hjemmebesøg giver personlig_kontakt ja; når både "
                    "ja-betingelser (mentor) og nej-betingelser (familie uden samtykke) foreligger, vinder ja.",
    ))

    # N9 -- month arithmetic: re-guidance 31 Aug 2021, new breach 1 Mar 2022 (limit 28 Feb 2022).
    out.append(Sample(
        case=record(
            "NH-2022-0330", k, "Team Havn", "MLK", "b-9034", "gift", "overgangsydelse", [
                intro("2021-03-01", "jobparat", "2021-03-09", "2021-03-10"),
                reguide("2021-08-31"),
                breach("2022-01-10", "udeblevet_tilbud"),
                hearing("2022-01-11", "2022-01-10"),
                sanction("2022-01-27", "§ 36", "2022-01-10"),
                sharpened("2022-01-27", spouse_guided=True),
                breach("2022-03-01", "ikke_søgt_job", note="Anvist job som lagermedarbejder ikke søgt"),
                hearing("2022-03-02", "2022-03-01"),
            ],
            decision("2022-03-22", "2022-03-01", "2022-03-28", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-01-27", "2022-03-01", "har du ikke søgt et konkret anvist job",
                              "at du kort efter sanktionen ikke har søgt det anviste job"),
                     "dagligt_fremmøde", "2022-03-28", spouse=True),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_1",),
        ikke_relevant=not_relevant("jobparat", "gift"),
        punkter={"vejledning_35_1": fails("aendres", "genvejledning_mangler")},
        note="Den seneste genvejledning før den nye tilsidesættelse 1. marts 2022 er fra 31. august 2021. "
             "6 måneder efter 31. august 2021 er 28. februar 2022 (februar har ingen 31.), så vejledningen "
             "var for gammel. (182 dage ville fejlagtigt give 1. marts 2022.)",
        illustrates="Månedsregning: 31. august + 6 måneder = 28. februar (rules.md 'Month arithmetic'); "
                    "grænsetilfældet på den forkerte side.",
    ))

    # N10 -- E5: no concrete assessment of manglende vilje.
    out.append(Sample(
        case=record(
            "NH-2022-0455", k, "Team Syd", "ABJ", "b-1190", "ugift", "kontanthjælp", [
                intro("2021-08-02", "jobparat", "2021-08-10", "2021-08-11"),
                reguide("2022-01-11"),
                breach("2022-02-02", "udeblevet_tilbud"),
                hearing("2022-02-03", "2022-02-02"),
                sanction("2022-02-17", "§ 36", "2022-02-02"),
                sharpened("2022-02-17"),
                breach("2022-02-25", "udeblevet_jobsamtale"),
                hearing("2022-02-28", "2022-02-25"),
            ],
            decision("2022-03-10", "2022-02-25", "2022-03-14", 1, LENGTH_1, (),
                     "Du har tilsidesat pligten til at stå til rådighed på ny, efter at der den 17. februar "
                     "2022 er truffet afgørelse om sanktion samt vejledt om skærpet rådighedssanktion. Du "
                     "mister derfor retten til hjælp i 1 måned, jf. aktivlovens § 40 a.",
                     "dagligt_fremmøde", "2022-03-14", unwillingness=False, related=False),
            cpr="350586-2417"),
        samlet="aendres", kritik="ingen",
        nej=("manglende_vilje", "begrundelse"),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"manglende_vilje": fails("aendres", "ikke_vurderet"),
                 "begrundelse": fails("kritik", "mangler_dele", "ikke_forholdt_maalgruppe")},
        note="Afgørelsen henviser kun til, at borgeren 'på ny' har tilsidesat rådighedspligten; der er "
             "ingen konkret vurdering af manglende vilje og intet om, hvad der er lagt vægt på.",
        illustrates="Ankestyrelsens eksempel E5 (ingen konkret vurdering af manglende vilje); begrundelsen "
                    "er også mangelfuld, men det giver ikke kritik, fordi afgørelsen ændres.",
    ))

    # N11 -- reviewer override: begrundelse nej without virkning -> most severe consequence (kritik).
    out.append(Sample(
        case=record(
            "NH-2022-0688", k, "Team Nord", "SRH", "b-1275", "gift", "kontanthjælp", [
                intro("2021-12-01", "jobparat", "2021-12-07", "2021-12-08"),
                breach("2022-03-14", "afvist_tilbud"),
                hearing("2022-03-15", "2022-03-14",
                        answer="Jeg vil ikke i praktik i et supermarked, jeg er uddannet tømrer.",
                        answer_date="2022-03-18"),
                investigation("2022-03-21", "2022-03-14", "borger",
                              "Samtale med borger: ingen helbredsmæssige grunde; tilbuddet er rimeligt, da "
                              "borger har været ledig i over et år"),
                sanction("2022-04-04", "§ 39", "2022-03-14"),
                sharpened("2022-04-04", spouse_guided=True),
                reguide("2022-05-10"),
                breach("2022-06-13", "udeblevet_tilbud"),
                hearing("2022-06-14", "2022-06-13"),
            ],
            decision("2022-06-28", "2022-06-13", "2022-07-04", 2, LENGTH_2,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-04-04", "2022-06-13", "udeblev du fra dit tilbud",
                              "dine tidligere sanktioner"),
                     "tilbud", "2022-07-04", spouse=True),
            reviews={"begrundelse": {"svar": "nej", "bemærkning": "Hovedhensynene bag vurderingen af manglende "
                                     "vilje fremgår ikke konkret af afgørelsen", "af": "MAMC"}}),
        samlet="i_overensstemmelse", kritik="kritik",
        nej=("begrundelse",),
        ikke_relevant=not_relevant("jobparat", "gift"),
        punkter={"begrundelse": fails("kritik")},
        note="Alle punkter er beregnet opfyldt, men revisor har vurderet begrundelsen utilstrækkelig "
             "('vurdering'). Uden angivet virkning gælder punktets mest alvorlige virkning, kritik; "
             "afgørelsen holder, så resultatet er kritik.",
        illustrates="En revisors vurdering ('vurderinger') erstatter det beregnede svar (rules.md, sidste "
                    "afsnit af 'The verdict'); svarer til analyseskema 5.5 og Tabel 4.3 (kritik for begrundelse).",
    ))

    # N12 -- decision in 2019: outside the rule set.
    out.append(Sample(
        case=record(
            "NH-2019-0874", k, "Team Syd", "MLK", "b-1301", "ugift", "kontanthjælp", [
                intro("2019-02-04", "jobparat", "2019-02-12", "2019-02-13"),
                reguide("2019-07-09"),
                breach("2019-08-19", "udeblevet_tilbud"),
                hearing("2019-08-20", "2019-08-19"),
                sanction("2019-09-03", "§ 36", "2019-08-19"),
                sharpened("2019-09-03"),
                breach("2019-10-28", "udeblevet_tilbud"),
                hearing("2019-10-29", "2019-10-28"),
            ],
            decision("2019-11-18", "2019-10-28", "2019-11-25", 1, LENGTH_1,
                     ("tidligere_sanktioner",),
                     text_job("2019-09-03", "2019-10-28", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet"),
                     "tilbud", "2019-11-25"),
        ),
        samlet="uden_for_regelsaet", kritik="ingen",
        note="Afgørelsen er truffet 18. november 2019, før regelsættet las-40a-2020 trådte i kraft "
             "(1. januar 2020); den vurderes ikke.",
        illustrates="Afgrænsningen af regelsættet (rules.md 'Scope'): afgørelser før 1. januar 2020 får "
                    "samlet = uden_for_regelsaet og ingen punkter.",
    ))

    # N13 -- in order: guidance given by a later specific written letter (not with the sanction).
    out.append(Sample(
        case=record(
            "NH-2022-0912", k, "Team Havn", "PHN", "b-1388", "gift", "overgangsydelse", [
                intro("2022-01-03", "jobparat", "2022-01-11", "2022-01-12"),
                reguide("2022-06-14"),
                breach("2022-07-04", "udeblevet_tilbud"),
                hearing("2022-07-05", "2022-07-04"),
                sanction("2022-07-20", "§ 36", "2022-07-04"),
                sharpened("2022-08-03", spouse_guided=True,
                          note="Særskilt brev om skærpet rådighedssanktion til borger og ægtefælle (Digital Post)"),
                breach("2022-08-22", "udeblevet_tilbud"),
                hearing("2022-08-23", "2022-08-22",
                        answer="Bussen kørte ikke den dag, og jeg kunne ikke nå at ringe.",
                        answer_date="2022-08-25"),
                investigation("2022-08-29", "2022-08-22", "trafikselskab",
                              "Trafikselskabet oplyser, at buslinjen kørte efter køreplanen den 22. august 2022"),
            ],
            decision("2022-09-06", "2022-08-22", "2022-09-12", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     "Du er visiteret som jobparat. Vi traf den 20. juli 2022 afgørelse om sanktion efter "
                     "aktivlovens § 36, og den 3. august 2022 sendte vi dig og din ægtefælle en særskilt "
                     "skriftlig vejledning om skærpet rådighedssanktion. Den 22. august 2022 udeblev du fra dit "
                     "tilbud, og vi har vurderet, at du ikke havde en rimelig grund. Vi vurderer, at du med din "
                     "adfærd udviser manglende vilje til at stå til rådighed, jf. aktivlovens § 40 a, stk. 1. Vi "
                     "har lagt vægt på, at din forklaring om bussen ikke er bekræftet af trafikselskabet, og at "
                     "du er udeblevet kort efter vejledningen. Du får derfor kun hjælp for de dage, hvor du "
                     "møder op i dit tilbud, jf. § 40 a, stk. 2.",
                     "tilbud", "2022-09-12", spouse=True),
            cpr="361174-0021"),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "gift"),
        note="Vejledningen efter § 35, stk. 2, blev givet ved et senere særskilt brev (3. august 2022) før "
             "den nye tilsidesættelse (22. august 2022); kæden starter ved brevet. Borgerens forklaring er "
             "undersøgt.",
        illustrates="En senere specifik skriftlig vejledning i stedet for vejledning samme dag som sanktionen "
                    "(rules.md kæden, punkt 2, og vejledning_35_2 del 1). Gift, alt i orden.",
    ))

    # N14 -- written guidance sent too late after the first jobsamtale (more than 7 days).
    out.append(Sample(
        case=record(
            "NH-2022-0777", k, "Team Syd", "ABJ", "b-1456", "ugift", "kontanthjælp", [
                visitation("2021-10-04", "jobparat"),
                talk("2021-10-12", first=True),
                guidance("2021-10-12", "gennemgået", "udleveret"),
                guidance("2021-10-26", "sendt", note="Vejledningen sendt 14 dage efter første jobsamtale"),
                reguide("2022-02-22"),
                breach("2022-03-07", "udeblevet_tilbud"),
                hearing("2022-03-08", "2022-03-07"),
                sanction("2022-03-23", "§ 36", "2022-03-07"),
                sharpened("2022-03-23"),
                breach("2022-04-19", "ikke_aktivt_jobsøgende"),
                hearing("2022-04-20", "2022-04-19"),
            ],
            decision("2022-05-03", "2022-04-19", "2022-05-09", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-03-23", "2022-04-19", "har du ikke været aktivt jobsøgende",
                              "at du ikke har registreret jobsøgning i fire uger"),
                     "dagligt_fremmøde", "2022-05-09"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_1",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_1": fails("aendres", "ikke_sendt")},
        note="Den skriftlige vejledning blev først sendt 26. oktober 2021, 14 dage efter første jobsamtale "
             "(12. oktober 2021); værktøjets frist for 'umiddelbart efter' er 7 dage (frist_sendt_dage).",
        illustrates="Vejledning efter § 35, stk. 1, del 2 (sendt umiddelbart efter første jobsamtale, "
                    "parameteren frist_sendt_dage = 7).",
    ))

    # N15 -- § 13 stk. 8 assessment says the sanction does NOT promote availability.
    out.append(Sample(
        case=record(
            "NH-2021-0602", k, "Team Nord", "PHN", "b-1533", "gift", "kontanthjælp", [
                intro("2020-12-01", "aktivitetsparat", "2020-12-08", "2020-12-09"),
                reguide("2021-05-11"),
                breach("2021-05-17", "udeblevet_tilbud"),
                hearing("2021-05-18", "2021-05-17"),
                contact("2021-05-20", "2021-05-17", "telefon"),
                contact("2021-05-25", "2021-05-17", "hjemmebesøg", reached=True),
                assessment("2021-05-27", "2021-05-17", "Ingen forhold, der taler imod sanktion"),
                sanction("2021-06-01", "§ 36", "2021-05-17"),
                sharpened("2021-06-01", spouse_guided=True),
                breach("2021-06-28", "udeblevet_tilbud"),
                hearing("2021-06-29", "2021-06-28",
                        answer="Jeg er startet i behandling for mit alkoholmisbrug og har haft det rigtig skidt.",
                        answer_date="2021-07-01"),
                investigation("2021-07-05", "2021-06-28", "behandlingssted",
                              "Behandlingsstedet bekræfter opstart i ambulant alkoholbehandling 21. juni 2021"),
                assessment("2021-07-07", "2021-06-28",
                           "Borger er i ambulant misbrugsbehandling; en sanktion vurderes ikke at fremme "
                           "rådigheden i denne periode", promotes="nej"),
            ],
            decision("2021-07-12", "2021-06-28", "2021-07-19", 1, LENGTH_1,
                     ("tidligere_sanktioner",),
                     text_akt("2021-06-01", "2021-06-28", "udeblev du fra dit tilbud",
                              "at du tidligere er sanktioneret"),
                     "tilbud", "2021-07-19", spouse=True),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vurdering_13_8",),
        punkter={"vurdering_13_8": fails("aendres", "fremmer_ikke")},
        note="Kommunens egen vurdering efter § 13, stk. 8, af den nye tilsidesættelse (28. juni 2021) er, "
             "at en sanktion ikke vil fremme borgerens rådighed; alligevel er der truffet afgørelse.",
        illustrates="vurdering_13_8 nej, fordi fremmer_rådighed = nej (rules.md); svarer til de krav, "
                    "Ankestyrelsen stiller til aktivitetsparate (Tabel 2.6, E9).",
    ))

    # N16 -- revision 2, change 1: guidance handed out at the visitation and sent the next day, before the
    # first jobsamtale (001 line 1494: handed out "senest ved første jobsamtale", sent "umiddelbart herefter").
    out.append(Sample(
        case=record(
            "NH-2023-0311", k, "Team Havn", "MLK", "b-2311", "ugift", "kontanthjælp", [
                visitation("2023-01-09", "jobparat"),
                guidance("2023-01-09", "gennemgået", "udleveret",
                         note="Rettigheder og pligter gennemgået og udleveret ved visitationssamtalen"),
                guidance("2023-01-10", "sendt", note="Skriftlig vejledning sendt via Digital Post dagen efter"),
                talk("2023-01-17", first=True),
                reguide("2023-05-30"),
                breach("2023-06-12", "udeblevet_tilbud"),
                hearing("2023-06-13", "2023-06-12"),
                sanction("2023-06-27", "§ 36", "2023-06-12"),
                sharpened("2023-06-27"),
                breach("2023-07-24", "udeblevet_opfølgningssamtale"),
                hearing("2023-07-25", "2023-07-24"),
            ],
            decision("2023-08-08", "2023-07-24", "2023-08-14", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2023-06-27", "2023-07-24", "udeblev du fra en opfølgningssamtale",
                              "at du er udeblevet igen under en måned efter sanktionen"),
                     "dagligt_fremmøde", "2023-08-14"),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "ugift"),
        note="Vejledningen efter § 35, stk. 1, blev gennemgået og udleveret ved visitationen 9. januar 2023 og "
             "sendt dagen efter, 10. januar 2023, før første jobsamtale 17. januar 2023. Den er udleveret senest "
             "ved første jobsamtale og sendt i perioden fra udleveringen til 7 dage efter jobsamtalen (24. "
             "januar 2023). Alle øvrige punkter er opfyldt.",
        illustrates="Revision 2, ændring 1: vejledning sendt før første jobsamtale, men efter udleveringen, er "
                    "rettidig (vejledningen 2020: udleveret 'senest ved første jobsamtale' og 'umiddelbart "
                    "herefter' sendt). Før revision 2 blev sagen fejlagtigt ændret.",
    ))

    # N17 -- revision 2, change 8: virkning from Saturday 1 October 2022, daily meetings from Monday 3 October
    # (vejledningen 2020's own example, 001 line 2648).
    out.append(Sample(
        case=record(
            "NH-2022-0930", k, "Team Nord", "SRH", "b-2930", "ugift", "kontanthjælp", [
                intro("2022-02-07", "jobparat", "2022-02-15", "2022-02-16"),
                reguide("2022-07-26"),
                breach("2022-08-01", "udeblevet_tilbud"),
                hearing("2022-08-02", "2022-08-01"),
                sanction("2022-08-16", "§ 36", "2022-08-01"),
                sharpened("2022-08-16"),
                breach("2022-09-05", "udeblevet_jobsamtale"),
                hearing("2022-09-06", "2022-09-05"),
            ],
            decision("2022-09-26", "2022-09-05", "2022-10-01", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-08-16", "2022-09-05", "udeblev du fra en jobsamtale",
                              "at du er udeblevet kort tid efter sanktionen og vejledningen"),
                     "daglige_samtaler", "2022-10-03"),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "ugift"),
        note="Afgørelsen har virkning fra lørdag 1. oktober 2022, og de daglige samtaler begynder mandag 3. "
             "oktober 2022, den første hverdag derefter. Det er i orden: er den 1. i en kalendermåned en "
             "lørdag, søndag eller helligdag, kan aktiviteten starte den førstkommende hverdag.",
        illustrates="Revision 2, ændring 8: tilbud, der starter den første hverdag efter en virkningsdag i en "
                    "weekend (vejledningen 2020 om § 40 a, stk. 2, eksemplet med lørdag den 1. og mandag den 3.). "
                    "Før revision 2 blev sagen fejlagtigt ændret.",
    ))

    # N16 -- rules rev. 2, change 3: E13 where the prior breach is known only from the date its sanction
    # names (no tilsidesættelse event on 7 Feb 2022); only Digital Post and one phone call before it.
    out.append(Sample(
        case=record(
            "NH-2022-0803", k, "Team Havn", "SRH", "b-9034", "ugift", "kontanthjælp", [
                intro("2021-10-04", "aktivitetsparat", "2021-10-12", "2021-10-13"),
                reguide("2022-01-18"),
                hearing("2022-02-08", "2022-02-07", note="Partshøringsbrev om udeblivelsen fra jobsamtalen "
                                                         "7.2.2022 sendt via Digital Post"),
                contact("2022-02-10", "2022-02-07", "digital_post"),
                contact("2022-02-14", "2022-02-07", "telefon", note="Et enkelt opkald, ingen svar"),
                assessment("2022-02-16", "2022-02-07", "Ingen kendte forhold, der taler imod sanktion"),
                sanction("2022-02-21", "§ 37", "2022-02-07",
                         note="Fradrag for udeblivelse fra jobsamtale; udeblivelsen er ikke registreret i udtrækket"),
                sharpened("2022-02-21"),
                breach("2022-03-28", "udeblevet_tilbud"),
                hearing("2022-03-29", "2022-03-28"),
                contact("2022-03-31", "2022-03-28", "hjemmebesøg", note="Ingen hjemme; brev lagt i postkassen"),
                assessment("2022-04-04", "2022-03-28", "Ingen kendte forhold, der taler imod sanktion"),
            ],
            decision("2022-04-11", "2022-03-28", "2022-04-20", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-02-21", "2022-03-28", "udeblev du fra dit tilbud",
                              "at du ikke har reageret på vores henvendelser"),
                     "tilbud", "2022-04-20"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("personlig_kontakt",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"personlig_kontakt": fails("aendres", "kun_brev_telefon")},
        note="Udeblivelsen 7. februar 2022, som den forudgående sanktion (21. februar 2022) vedrører, er ikke "
             "registreret i sagen; den kendes kun fra sanktionen og vurderes på den dato. Før sanktionen "
             "forsøgte kommunen kun Digital Post og et enkelt telefonopkald; det er som udgangspunkt ikke "
             "tilstrækkeligt (PM 39-15). Fejlen i den forudgående sanktion smitter af på § 40 a-afgørelsen. "
             "Før rules.md revision 2 blev sagen hjemvist (forudgaaende_sanktion 'ved ikke').",
        illustrates="rules.md revision 2, punkt 3: en forudgående tilsidesættelse, der kun kendes fra den dato, "
                    "sanktionen angiver, prøves som enhver anden (partshøring, personlig kontakt, § 13, stk. 8, "
                    "genvejledning); den ukendte rimelige grund er ingen mangel. Ankestyrelsens eksempel E13.",
    ))
    return out


# =============================================================================================
# Skovbjerg Kommune (JSONL)
# =============================================================================================

def skovbjerg() -> list[Sample]:
    k = SKOVBJERG
    out: list[Sample] = []

    # K1 -- in order: aktivitetsparat, selvforsørgelses- og hjemrejseydelse, contact by fremmøde.
    out.append(Sample(
        case=record(
            "SKB 21/08812", k, "Jobcenter Øst, Team 3", "KLO", "s-0412", "ugift",
            "selvforsørgelses- og hjemrejseydelse", [
                intro("2021-01-11", "aktivitetsparat", "2021-01-19", "2021-01-20"),
                reguide("2021-06-15"),
                breach("2021-07-05", "udeblevet_program", note="Udeblevet fra danskundervisning"),
                hearing("2021-07-06", "2021-07-05"),
                contact("2021-07-08", "2021-07-05", "telefon"),
                contact("2021-07-12", "2021-07-05", "fremmøde", reached=True,
                        note="Borger mødte op i jobcentret efter brev"),
                assessment("2021-07-14", "2021-07-05", "Ingen helbredsmæssige eller sociale forhold oplyst"),
                sanction("2021-07-20", "§ 36", "2021-07-05"),
                sharpened("2021-07-20"),
                breach("2021-09-13", "udeblevet_program"),
                hearing("2021-09-14", "2021-09-13",
                        answer="Jeg var syg og havde ikke strøm på telefonen.", answer_date="2021-09-16"),
                investigation("2021-09-20", "2021-09-13", "borger",
                              "Borger har ikke meldt sig syg og kan ikke dokumentere sygdom; oplyser at have "
                              "været hjemme hele dagen"),
                contact("2021-09-20", "2021-09-13", "fremmøde", reached=True),
                assessment("2021-09-22", "2021-09-13", "Ingen forhold, der taler imod sanktion"),
            ],
            decision("2021-09-28", "2021-09-13", "2021-10-04", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2021-07-20", "2021-09-13", "udeblev du fra din danskundervisning",
                              "at du ikke har meldt dig syg og ikke kan dokumentere sygdom"),
                     "program", "2021-10-04"),
            cpr="390292-1119"),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        note="Aktivitetsparat: personlig kontakt opnået ved fremmøde ved begge tilsidesættelser, § 13, "
             "stk. 8-vurderinger, forklaringen om sygdom undersøgt før afgørelsen.",
        illustrates="En aktivitetsparat modtager af selvforsørgelses- og hjemrejseydelse, hvor alt er i orden; "
                    "kanalen 'fremmøde' tæller som opnået kontakt (rules.md personlig_kontakt).",
    ))

    # K16 -- rules.md revision 2, change 10: every event on the same day as the breach it concerns, and the
    # answer on the same day as the hearing, is possible (only an earlier day is an input error).
    out.append(Sample(
        case=record(
            "SKB 22/09315", k, "Jobcenter Vest, Team 2", "TMS", "s-1864", "ugift", "kontanthjælp", [
                intro("2021-10-04", "aktivitetsparat", "2021-10-12", "2021-10-13"),
                reguide("2022-02-15"),
                breach("2022-03-01", "udeblevet_tilbud"),
                hearing("2022-03-01", "2022-03-01", answer="Jeg havde glemt tiden.", answer_date="2022-03-01",
                        note="Partshøring sendt via Digital Post om eftermiddagen; svar samme aften"),
                investigation("2022-03-01", "2022-03-01", "tilbudssted",
                              "Tilbudsstedet bekræfter udeblivelsen; borgeren har ikke meldt afbud"),
                contact("2022-03-01", "2022-03-01", "fremmøde", reached=True,
                        note="Borgeren mødte op i jobcentret samme dag"),
                assessment("2022-03-01", "2022-03-01", "Ingen helbredsmæssige eller sociale forhold taler imod "
                           "sanktion"),
                sanction("2022-03-08", "§ 36", "2022-03-01"),
                sharpened("2022-03-08"),
                breach("2022-04-05", "udeblevet_tilbud"),
                hearing("2022-04-05", "2022-04-05"),
                contact("2022-04-05", "2022-04-05", "fremmøde", reached=True,
                        note="Borgeren mødte op i jobcentret samme eftermiddag"),
                assessment("2022-04-05", "2022-04-05", "Ingen nye forhold; en sanktion vurderes at fremme "
                           "rådigheden"),
            ],
            decision("2022-04-20", "2022-04-05", "2022-04-25", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-03-08", "2022-04-05", "udeblev du igen fra dit tilbud",
                              "at du er udeblevet to gange på kort tid"),
                     "tilbud", "2022-04-25"),
            cpr="360785-2291"),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        note="Partshøring, svar, sagsoplysning, fremmøde og vurdering efter § 13, stk. 8, ligger samme dag som "
             "tilsidesættelsen, de vedrører (1. marts og 5. april 2022); det er muligt og i orden.",
        illustrates="Revision 2, ændring 10: kun en hændelse dateret før den tilsidesættelse, den vedrører, et "
                    "svar før partshøringen eller et fremmøde, der ikke er opnået, er indlæsningsfejl; samme dag "
                    "læses og vurderes.",
    ))

    # K2 -- jobparat at B1, aktivitetsparat at B2: judged by the målgruppe at each breach.
    out.append(Sample(
        case=record(
            "SKB 22/01377", k, "Jobcenter Øst, Team 1", "ABJ", "s-0527", "gift", "kontanthjælp", [
                intro("2021-06-01", "jobparat", "2021-06-08", "2021-06-09"),
                reguide("2021-11-16"),
                breach("2021-12-13", "udeblevet_tilbud"),
                hearing("2021-12-14", "2021-12-13"),
                sanction("2022-01-04", "§ 36", "2021-12-13"),
                sharpened("2022-01-04", spouse_guided=True),
                visitation("2022-01-17", "aktivitetsparat", note="Revisiteret efter lægeattest om depression"),
                breach("2022-02-07", "udeblevet_tilbud"),
                hearing("2022-02-08", "2022-02-07"),
                contact("2022-02-10", "2022-02-07", "telefon"),
                contact("2022-02-14", "2022-02-07", "hjemmebesøg"),
                contact("2022-02-16", "2022-02-07", "støtteperson", reached=True,
                        note="Kontakt via bostøtte; borger deltog i samtale 16.02"),
                assessment("2022-02-18", "2022-02-07",
                           "Depression drøftet med borger og egen læge; tilbuddet er tilpasset, og en "
                           "sanktion vurderes at fremme rådigheden"),
            ],
            decision("2022-02-23", "2022-02-07", "2022-02-28", 1, LENGTH_1,
                     ("tidligere_sanktioner", "samlet_billede"),
                     text_akt("2022-01-04", "2022-02-07", "udeblev du fra dit tilbud",
                              "det samlede billede, herunder at tilbuddet er tilpasset din situation",
                              extra="Du var jobparat, da du blev sanktioneret første gang, og er nu "
                                    "aktivitetsparat. "),
                     "tilbud", "2022-02-28", spouse=True),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        note="Borgeren var jobparat ved den forudgående tilsidesættelse (13. december 2021), så der kræves "
             "ingen personlig kontakt eller § 13, stk. 8-vurdering for den; ved den nye tilsidesættelse "
             "(7. februar 2022) var borgeren aktivitetsparat, og begge krav er opfyldt.",
        illustrates="Målgruppen bedømmes ved hver sanktioneret tilsidesættelse (rules.md 'Hard cases': "
                    "jobparat ved B1, aktivitetsparat ved B2). Gift, ægtefællen vejledt.",
    ))

    # K3 -- E11: § 35 stk. 2 guidance with only 'konsekvens'.
    out.append(Sample(
        case=record(
            "SKB 21/05520", k, "Jobcenter Vest, Team 2", "TMS", "s-0633", "ugift", "kontanthjælp", [
                intro("2020-11-02", "jobparat", "2020-11-10", "2020-11-11"),
                reguide("2021-03-16"),
                breach("2021-04-12", "udeblevet_tilbud"),
                hearing("2021-04-13", "2021-04-12"),
                sanction("2021-04-27", "§ 36", "2021-04-12"),
                sharpened("2021-04-27", elements=("konsekvens",),
                          note="Standardtekst: 'Du skal være opmærksom på, at hvis du igen uden rimelig grund "
                               "tilsidesætter din pligt til at stå til rådighed, kan du blive omfattet af en "
                               "skærpet sanktion ...'"),
                breach("2021-05-17", "afvist_tilbud"),
                hearing("2021-05-18", "2021-05-17"),
            ],
            decision("2021-06-01", "2021-05-17", "2021-06-07", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-04-27", "2021-05-17", "afviste du et tilbud om virksomhedspraktik",
                              "at du kort efter sanktionen afviste tilbuddet"),
                     "tilbud", "2021-06-07"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_2",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_2": fails("aendres", "elementer_mangler")},
        note="Den skriftlige vejledning om skærpet rådighedssanktion indeholdt kun konsekvensen; den "
             "manglede kun_fremmødedage, lukning_kalendermåned og ægtefælle.",
        illustrates="Ankestyrelsens eksempel E11 (standardteksten med kun det første af de fire elementer "
                    "førte til ændring i alle sager).",
    ))

    # K3T -- E11 again, but the case system exported only the letter's text (issue 16): the elements are read
    # from the text and the answer is the same as K3's coded elements.
    out.append(Sample(
        case=record(
            "SKB 21/05521", k, "Jobcenter Vest, Team 2", "TMS", "s-0634", "ugift", "kontanthjælp", [
                intro("2020-11-02", "jobparat", "2020-11-10", "2020-11-11"),
                reguide("2021-03-16"),
                breach("2021-04-12", "udeblevet_tilbud"),
                hearing("2021-04-13", "2021-04-12"),
                sanction("2021-04-27", "§ 36", "2021-04-12"),
                sharpened("2021-04-27", elements=(), text=E11_TEXT),
                breach("2021-05-17", "afvist_tilbud"),
                hearing("2021-05-18", "2021-05-17"),
            ],
            decision("2021-06-01", "2021-05-17", "2021-06-07", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-04-27", "2021-05-17", "afviste du et tilbud om virksomhedspraktik",
                              "at du kort efter sanktionen afviste tilbuddet"),
                     "tilbud", "2021-06-07"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_2",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_2": fails("aendres", "elementer_mangler")},
        note="Som SKB 21/05520, men sagssystemet har kun gemt vejledningens tekst (Ankestyrelsens eksempel E11 "
             "ordret). Elementerne læses af teksten: kun konsekvensen står der; kun_fremmødedage, "
             "lukning_kalendermåned og ægtefælle mangler.",
        illustrates="vejledning_skærpet.tekst uden elementer: samme svar som med elementerne kodet (issue 16).",
    ))

    # K4 -- E12: sick child, doctor offered as proof, not investigated.
    out.append(Sample(
        case=record(
            "SKB 21/06114", k, "Jobcenter Øst, Team 3", "KLO", "s-0748", "ugift", "kontanthjælp", [
                intro("2021-02-15", "aktivitetsparat", "2021-02-23", "2021-02-24"),
                reguide("2021-07-20"),
                breach("2021-08-02", "udeblevet_tilbud"),
                hearing("2021-08-03", "2021-08-02"),
                contact("2021-08-05", "2021-08-02", "telefon"),
                contact("2021-08-09", "2021-08-02", "hjemmebesøg", reached=True),
                assessment("2021-08-11", "2021-08-02", "Ingen forhold, der taler imod sanktion"),
                sanction("2021-08-16", "§ 36", "2021-08-02"),
                sharpened("2021-08-16"),
                breach("2021-09-16", "udeblevet_tilbud", note="Udeblevet fra virksomhedspraktik"),
                hearing("2021-09-16", "2021-09-16",
                        answer="Jeg var hjemme med min søn, som var syg. Vi har været hos lægen med ham, og I "
                               "er velkomne til at tjekke det ved lægen.",
                        answer_date="2021-09-16", note="Borgerens svar kom pr. e-mail samme dag"),
                assessment("2021-09-20", "2021-09-16", "Ingen forhold, der taler imod sanktion"),
            ],
            decision("2021-09-22", "2021-09-16", "2021-09-27", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2021-08-16", "2021-09-16", "udeblev du fra din virksomhedspraktik",
                              "at du igen er udeblevet, og at din søns sygdom ikke er en rimelig grund"),
                     "tilbud", "2021-09-27"),
        ),
        samlet="hjemvises", kritik="ingen",
        nej=("oplysning",),
        ved_ikke=("rimelig_grund",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"oplysning": fails("hjemvises", "forklaring_ikke_undersoegt"),
                 "rimelig_grund": fails("hjemvises", "forklaring_ikke_undersoegt")},
        note="Borgeren forklarede, at hun var hjemme med sit syge barn, og tilbød lægen som bevis; kommunen "
             "undersøgte det ikke. Et barns sygdom kan være en rimelig grund, så sagen er ikke tilstrækkeligt "
             "oplyst, og det kan ikke afgøres, om der var rimelig grund.",
        illustrates="Ankestyrelsens eksempel E12 (officialprincippet): oplysning nej og rimelig_grund "
                    "ved_ikke, begge med virkning hjemvises.",
    ))

    # K5 -- staleness: new breach more than 6 months after the guiding sanction.
    out.append(Sample(
        case=record(
            "SKB 22/02290", k, "Jobcenter Vest, Team 2", "TMS", "s-0851", "gift", "kontanthjælp", [
                intro("2021-09-01", "jobparat", "2021-09-07", "2021-09-08"),
                breach("2022-01-17", "udeblevet_tilbud"),
                hearing("2022-01-18", "2022-01-17"),
                sanction("2022-02-01", "§ 36", "2022-01-17"),
                sharpened("2022-02-01", spouse_guided=True),
                reguide("2022-03-08"),
                reguide("2022-08-16"),
                breach("2022-09-05", "udeblevet_tilbud"),
                hearing("2022-09-06", "2022-09-05"),
            ],
            decision("2022-09-20", "2022-09-05", "2022-09-26", 1, LENGTH_1,
                     ("tidligere_sanktioner",),
                     text_job("2022-02-01", "2022-09-05", "udeblev du fra dit tilbud",
                              "din tidligere sanktion"),
                     "tilbud", "2022-09-26", spouse=True),
            cpr="321278-4410"),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_2",),
        ikke_relevant=not_relevant("jobparat", "gift"),
        punkter={"vejledning_35_2": fails("aendres", "foraeldet")},
        note="Den nye tilsidesættelse (5. september 2022) ligger mere end 6 måneder efter sanktionen med "
             "vejledning (1. februar 2022; grænsen er 1. august 2022), uden tilsidesættelser imellem. "
             "Vejledningen bærer ikke længere; der skulle have været en almindelig sanktion med ny vejledning.",
        illustrates="Forældelse af vejledningen efter § 35, stk. 2 (vejledningen 2020: 'igennem en længere "
                    "periode, f.eks. 6 måneder'; parameteren foraeldelse_maaneder).",
    ))

    # K6 -- length outside 1-3 months.
    out.append(Sample(
        case=record(
            "SKB 22/03051", k, "Ungeenheden", "ABJ", "s-0966", "ugift", "uddannelseshjælp", [
                intro("2021-10-04", "jobparat", "2021-10-12", "2021-10-13"),
                reguide("2022-03-29"),
                breach("2022-04-04", "udeblevet_tilbud"),
                hearing("2022-04-05", "2022-04-04"),
                sanction("2022-04-20", "§ 36", "2022-04-04"),
                sharpened("2022-04-20"),
                breach("2022-05-16", "afvist_tilbud"),
                hearing("2022-05-17", "2022-05-16", answer="Jeg gider ikke den praktik.",
                        answer_date="2022-05-18"),
                investigation("2022-05-19", "2022-05-16", "borger",
                              "Telefonsamtale: borger bekræfter, at der ikke er helbredsmæssige eller andre "
                              "grunde til at afvise praktikken"),
            ],
            decision("2022-06-01", "2022-05-16", "2022-06-07", 4,
                     "Du har flere gange afvist tilbud, og vi fastsætter derfor perioden til 4 måneder.",
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-04-20", "2022-05-16", "afviste du et tilbud om praktik",
                              "at du selv har oplyst, at du ikke gider deltage"),
                     "tilbud", "2022-06-07"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("laengde",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"laengde": fails("aendres", "uden_for_1_3")},
        note="Den skærpede rådighedssanktion er fastsat til 4 måneder; loven tillader 1, 2 eller 3 måneder.",
        illustrates="laengde uden for 1-3 måneder (virkning aendres), § 40 a, stk. 1.",
    ))

    # K7 -- no reason for the length: kritik.
    out.append(Sample(
        case=record(
            "SKB 22/04418", k, "Jobcenter Øst, Team 3", "KLO", "s-1070", "gift", "kontanthjælp", [
                intro("2021-11-01", "aktivitetsparat", "2021-11-09", "2021-11-10"),
                reguide("2022-04-05"),
                breach("2022-04-25", "udeblevet_tilbud"),
                hearing("2022-04-26", "2022-04-25"),
                contact("2022-04-28", "2022-04-25", "telefon"),
                contact("2022-05-02", "2022-04-25", "hjemmebesøg"),
                assessment("2022-05-04", "2022-04-25", "Ingen forhold, der taler imod sanktion"),
                sanction("2022-05-09", "§ 36", "2022-04-25"),
                sharpened("2022-05-09", spouse_guided=True),
                breach("2022-06-07", "udeblevet_opfølgningssamtale"),
                hearing("2022-06-08", "2022-06-07"),
                contact("2022-06-10", "2022-06-07", "telefon"),
                contact("2022-06-13", "2022-06-07", "tilbudssted", reached=True),
                assessment("2022-06-15", "2022-06-07", "Ingen forhold, der taler imod sanktion"),
            ],
            decision("2022-06-21", "2022-06-07", "2022-06-27", 2, None,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-05-09", "2022-06-07", "udeblev du fra en opfølgningssamtale",
                              "at du igen er udeblevet"),
                     "daglige_samtaler", "2022-06-27", spouse=True),
        ),
        samlet="i_overensstemmelse", kritik="kritik",
        nej=("laengde",),
        punkter={"laengde": fails("kritik", "ingen_begrundelse")},
        note="Perioden på 2 måneder er lovlig, men afgørelsen begrunder ikke, hvorfor den er fastsat til "
             "2 måneder; det giver kritik, da afgørelsen i øvrigt holder.",
        illustrates="laengde uden begrundelse for længden (virkning kritik); Ankestyrelsen fandt længden "
                    "ubegrundet i 46 af 61 sager (E10 viser en begrundet længde).",
    ))

    # K8 -- no offer at all.
    out.append(Sample(
        case=record(
            "SKB 21/09930", k, "Jobcenter Vest, Team 2", "TMS", "s-1184", "ugift", "kontanthjælp", [
                intro("2021-03-01", "jobparat", "2021-03-09", "2021-03-10"),
                reguide("2021-08-24"),
                breach("2021-09-06", "udeblevet_tilbud"),
                hearing("2021-09-07", "2021-09-06"),
                sanction("2021-09-21", "§ 36", "2021-09-06"),
                sharpened("2021-09-21"),
                breach("2021-10-18", "ikke_aktivt_jobsøgende"),
                hearing("2021-10-19", "2021-10-18"),
            ],
            decision("2021-11-02", "2021-10-18", "2021-11-08", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-09-21", "2021-10-18", "har du ikke været aktivt jobsøgende",
                              "at du ikke har registreret jobsøgning siden sanktionen"),
                     None, None),
            cpr="330301-2288"),
        samlet="aendres", kritik="ingen",
        nej=("tilbud",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"tilbud": fails("aendres", "intet_tilbud")},
        note="Afgørelsen giver ikke borgeren et tilbud, daglige samtaler eller pligt til dagligt fremmøde; "
             "uden det kan hjælpen ikke ophøre (§ 40 a, stk. 2).",
        illustrates="tilbud nej: intet tilbud (virkning aendres).",
    ))

    # K9 -- the offer starts after the decision takes effect.
    out.append(Sample(
        case=record(
            "SKB 22/05102", k, "Jobcenter Øst, Team 1", "ABJ", "s-1299", "ugift", "overgangsydelse", [
                intro("2022-01-10", "jobparat", "2022-01-18", "2022-01-19"),
                reguide("2022-06-21"),
                breach("2022-06-27", "udeblevet_program"),
                hearing("2022-06-28", "2022-06-27"),
                sanction("2022-07-12", "§ 36", "2022-06-27"),
                sharpened("2022-07-12"),
                breach("2022-08-15", "udeblevet_program"),
                hearing("2022-08-16", "2022-08-15"),
            ],
            decision("2022-08-30", "2022-08-15", "2022-09-01", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-07-12", "2022-08-15", "udeblev du fra dit introduktionsprogram",
                              "at du igen er udeblevet fra programmet"),
                     "program", "2022-09-12"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("tilbud",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"tilbud": fails("aendres", "starter_senere")},
        note="Sanktionen har virkning fra 1. september 2022, men programmet starter først 12. september "
             "2022; aktiviteten skal kunne begynde samme dag, som afgørelsen har virkning fra.",
        illustrates="tilbud nej: tilbuddet starter efter virkning_fra (§ 40 a, stk. 2; Ankestyrelsen: 54 af "
                    "61 kunne starte samme dag).",
    ))

    # K10 -- reviewer override: personlig_kontakt nej without virkning -> aendres.
    out.append(Sample(
        case=record(
            "SKB 23/00214", k, "Jobcenter Øst, Team 3", "KLO", "s-1305", "ugift", "kontanthjælp", [
                intro("2022-05-02", "aktivitetsparat", "2022-05-10", "2022-05-11"),
                reguide("2022-10-25"),
                breach("2022-11-07", "udeblevet_tilbud"),
                hearing("2022-11-08", "2022-11-07"),
                contact("2022-11-10", "2022-11-07", "telefon"),
                contact("2022-11-14", "2022-11-07", "hjemmebesøg", reached=True),
                assessment("2022-11-16", "2022-11-07", "Ingen forhold, der taler imod sanktion"),
                sanction("2022-11-21", "§ 36", "2022-11-07"),
                sharpened("2022-11-21"),
                breach("2022-12-12", "udeblevet_tilbud"),
                hearing("2022-12-13", "2022-12-12", answer="Det kunne jeg ikke.", answer_date="2022-12-15"),
                investigation("2022-12-19", "2022-12-12", "borger",
                              "Brev med spørgsmål til borgerens svar; intet svar modtaget"),
                assessment("2022-12-20", "2022-12-12", "Ingen forhold, der taler imod sanktion"),
            ],
            decision("2023-01-04", "2022-12-12", "2023-01-09", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-11-21", "2022-12-12", "udeblev du fra dit tilbud",
                              "at du ikke har uddybet dit svar"),
                     "tilbud", "2023-01-09"),
            reviews={"personlig_kontakt": {
                "svar": "nej", "af": "LJH",
                "bemærkning": "Borgerens svar er uklart; kommunen burde have søgt personlig kontakt, "
                              "jf. PM 39-15"}}),
        samlet="aendres", kritik="ingen",
        nej=("personlig_kontakt",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"personlig_kontakt": fails("aendres")},
        note="Beregnet er personlig kontakt opfyldt, fordi borgeren svarede på partshøringen, men revisor "
             "vurderer svaret uklart, så personlig kontakt skulle være søgt. Revisors nej uden virkning "
             "får punktets mest alvorlige virkning (aendres).",
        illustrates="Revisors vurdering af et uklart partshøringssvar (rules.md personlig_kontakt) og reglen "
                    "om den mest alvorlige virkning, når det beregnede svar ikke var nej.",
    ))

    # K11 -- the decision does not state that help is paid only for days of attendance.
    out.append(Sample(
        case=record(
            "SKB 22/06630", k, "Jobcenter Vest, Team 2", "TMS", "s-1421", "ugift", "kontanthjælp", [
                intro("2021-12-01", "jobparat", "2021-12-08", "2021-12-09"),
                reguide("2022-05-24"),
                breach("2022-06-13", "udeblevet_tilbud"),
                hearing("2022-06-14", "2022-06-13"),
                sanction("2022-06-28", "§ 36", "2022-06-13"),
                sharpened("2022-06-28"),
                breach("2022-08-08", "afvist_tilbud"),
                hearing("2022-08-09", "2022-08-08"),
            ],
            decision("2022-08-23", "2022-08-08", "2022-08-29", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     "Du er visiteret som jobparat. Vi traf den 28. juni 2022 afgørelse om sanktion, og du blev "
                     "samtidig skriftligt vejledt om skærpet rådighedssanktion. Den 8. august 2022 afviste du "
                     "et tilbud uden rimelig grund. Vi vurderer, at du med din adfærd udviser manglende vilje "
                     "til at stå til rådighed, jf. aktivlovens § 40 a, stk. 1, og har lagt vægt på din "
                     "tidligere sanktion og din afvisning af tilbuddet.",
                     "tilbud", "2022-08-29", attendance=False),
        ),
        samlet="i_overensstemmelse", kritik="bemaerkning",
        nej=("kun_fremmoede_oplyst",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"kun_fremmoede_oplyst": fails("bemaerkning", "ikke_oplyst")},
        note="Afgørelsen holder, men den oplyser ikke, at hjælpen kun udbetales for de dage, hvor borgeren "
             "møder frem, og hvad borgeren skal gøre; det giver en bemærkning.",
        illustrates="Det vejledende punkt kun_fremmoede_oplyst (§ 40 a, stk. 2; Ankestyrelsens anbefaling "
                    "R2.0.16): nej giver bemærkning, når intet andet fejler.",
    ))

    # K12 -- two short absences from a jobsamtale: proportionality flag.
    out.append(Sample(
        case=record(
            "SKB 22/07001", k, "Jobcenter Øst, Team 1", "ABJ", "s-1536", "ugift", "kontanthjælp", [
                intro("2022-01-03", "jobparat", "2022-01-11", "2022-01-12"),
                reguide("2022-06-07"),
                breach("2022-06-20", "udeblevet_jobsamtale"),
                hearing("2022-06-21", "2022-06-20"),
                sanction("2022-07-05", "§ 37", "2022-06-20",
                         note="Fradrag i hjælpen for 1 dag (kontakten genoprettet dagen efter)"),
                sharpened("2022-07-05"),
                breach("2022-08-29", "udeblevet_jobsamtale"),
                hearing("2022-08-30", "2022-08-29"),
            ],
            decision("2022-09-13", "2022-08-29", "2022-09-19", 1, LENGTH_1,
                     ("tidligere_sanktioner",),
                     text_job("2022-07-05", "2022-08-29", "udeblev du fra en jobsamtale",
                              "at du anden gang på kort tid er udeblevet fra en jobsamtale"),
                     "daglige_samtaler", "2022-09-19"),
            cpr="000483-5521"),
        samlet="i_overensstemmelse", kritik="ingen",
        ved_ikke=("proportionalitet",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"proportionalitet": fails(None, "to_korte_udeblivelser")},
        note="To udeblivelser fra en jobsamtale inden for 6 måneder, hver med fradrag for en enkelt dag "
             "(§ 37); efter vejledningen 2020 er der ikke proportionalitet til § 40 a. Punktet er vejledende "
             "og markeres ved_ikke til revisor uden virkning på resultatet.",
        illustrates="Det vejledende punkt proportionalitet (vejledningen 2020 om to korte udeblivelser): "
                    "ved_ikke uden virkning på samlet og kritik.",
    ))

    # K13 -- in order; re-guidance 31 Aug 2022, new breach 28 Feb 2023: exactly 6 months, allowed.
    out.append(Sample(
        case=record(
            "SKB 23/01145", k, "Jobcenter Vest, Team 2", "TMS", "s-1648", "gift", "kontanthjælp", [
                intro("2022-03-01", "jobparat", "2022-03-08", "2022-03-09"),
                reguide("2022-08-31"),
                breach("2023-01-09", "udeblevet_tilbud"),
                hearing("2023-01-10", "2023-01-09"),
                sanction("2023-01-24", "§ 36", "2023-01-09"),
                sharpened("2023-01-24", spouse_guided=True),
                breach("2023-02-28", "afvist_tilbud"),
                hearing("2023-03-01", "2023-02-28"),
            ],
            decision("2023-03-14", "2023-02-28", "2023-03-20", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2023-01-24", "2023-02-28", "afviste du et tilbud om løntilskud",
                              "at du kort efter sanktionen har afvist et rimeligt tilbud"),
                     "tilbud", "2023-03-20", spouse=True),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "gift"),
        note="Genvejledningen 31. august 2022 er præcis 6 måneder gammel ved den nye tilsidesættelse "
             "28. februar 2023 (31. august + 6 måneder = 28. februar 2023), så den er ikke for gammel.",
        illustrates="Månedsregning, grænsetilfældet på den rigtige side: 'højst 6 måneder' er opfyldt på "
                    "dagen 28. februar (jf. NH-2022-0330).",
    ))

    # K14 -- aktivitetsparat: only sms/phone and family without consent before the decision.
    out.append(Sample(
        case=record(
            "SKB 22/08120", k, "Ungeenheden", "KLO", "s-1759", "ugift", "uddannelseshjælp", [
                intro("2021-12-06", "aktivitetsparat", "2021-12-14", "2021-12-15"),
                reguide("2022-05-31"),
                breach("2022-06-07", "udeblevet_tilbud"),
                hearing("2022-06-08", "2022-06-07"),
                contact("2022-06-10", "2022-06-07", "telefon"),
                contact("2022-06-13", "2022-06-07", "hjemmebesøg"),
                assessment("2022-06-15", "2022-06-07", "Ingen forhold, der taler imod sanktion"),
                sanction("2022-06-20", "§ 36", "2022-06-07"),
                sharpened("2022-06-20"),
                breach("2022-08-01", "udeblevet_tilbud"),
                hearing("2022-08-02", "2022-08-01"),
                contact("2022-08-04", "2022-08-01", "sms"),
                contact("2022-08-05", "2022-08-01", "telefon"),
                contact("2022-08-08", "2022-08-01", "familie", consent=False,
                        note="Borgerens mor kontaktet; borger har ikke givet samtykke"),
                assessment("2022-08-10", "2022-08-01", "Ingen forhold, der taler imod sanktion"),
            ],
            decision("2022-08-16", "2022-08-01", "2022-08-22", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-06-20", "2022-08-01", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet"),
                     "tilbud", "2022-08-22"),
            cpr="341099-3007"),
        samlet="aendres", kritik="ingen",
        nej=("personlig_kontakt",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"personlig_kontakt": fails("aendres", "familie_uden_samtykke")},
        note="Ved den nye tilsidesættelse (1. august 2022) forsøgte kommunen kun sms, telefon og borgerens "
             "mor uden samtykke; det er ikke alle rimelige muligheder for personlig kontakt.",
        illustrates="personlig_kontakt nej, når familie bruges uden samtykke og ellers kun sms/telefon "
                    "(rules.md; LAS § 35, stk. 7, PM 39-15).",
    ))

    # K15 -- no § 35 stk. 1 guidance events at all.
    out.append(Sample(
        case=record(
            "SKB 21/03302", k, "Jobcenter Øst, Team 1", "ABJ", "s-1860", "ugift", "kontanthjælp", [
                visitation("2020-09-01", "jobparat"),
                talk("2020-09-08", first=True),
                breach("2020-12-07", "udeblevet_tilbud"),
                hearing("2020-12-08", "2020-12-07"),
                sanction("2020-12-21", "§ 36", "2020-12-07"),
                sharpened("2020-12-21"),
                breach("2021-02-01", "ikke_aktivt_jobsøgende"),
                hearing("2021-02-02", "2021-02-01"),
            ],
            decision("2021-02-16", "2021-02-01", "2021-02-22", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2020-12-21", "2021-02-01", "har du ikke været aktivt jobsøgende",
                              "at du ikke har søgt job i flere uger"),
                     "dagligt_fremmøde", "2021-02-22"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_1",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_1": fails("aendres", "ingen_vejledning")},
        note="Sagen indeholder ingen dokumentation for vejledning efter § 35, stk. 1; udokumenteret "
             "vejledning regnes som ikke givet.",
        illustrates="vejledning_35_1 nej uden vejledningshændelser (rules.md: 'undocumented guidance counts "
                    "as not given'; Ankestyrelsen: omkring en fjerdedel af sagerne manglede vejledning).",
    ))

    # K16 -- revision 2, change 2: no sanctioned breach at all (no prior sanction, no breach): § 35 stk. 1
    # re-guidance cannot be measured (ved_ikke), besides the decisive defects.
    out.append(Sample(
        case=record(
            "SKB 23/00417", k, "Jobcenter Vest, Team 2", "TMS", "s-2417", "ugift", "kontanthjælp", [
                intro("2022-10-03", "jobparat", "2022-10-11", "2022-10-12"),
                reguide("2023-03-14"),
            ],
            decision("2023-04-18", None, "2023-04-24", 1, LENGTH_1, ("adfærd",),
                     "Du er visiteret som jobparat. Du har i en længere periode ikke svaret på vores breve og "
                     "opkald, og vi vurderer, at du med din adfærd udviser manglende vilje til at stå til "
                     "rådighed, jf. aktivlovens § 40 a, stk. 1. Du får derfor kun hjælp for de dage, hvor du "
                     "møder op på jobcentret, jf. § 40 a, stk. 2.",
                     "dagligt_fremmøde", "2023-04-24"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("forudgaaende_sanktion", "vejledning_35_2", "ny_tilsidesaettelse"),
        ved_ikke=("vejledning_35_1", "rimelig_grund", "partshoering"),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_1": fails("hjemvises", "ingen_tilsidesaettelser"),
                 "forudgaaende_sanktion": fails("aendres", "ingen_sanktion"),
                 "vejledning_35_2": fails("aendres", "ingen_skaerpet_vejledning"),
                 "ny_tilsidesaettelse": fails("aendres", "ingen_tilsidesaettelse"),
                 "rimelig_grund": fails("hjemvises", "ingen_tilsidesaettelse"),
                 "partshoering": fails("aendres", "ingen_tilsidesaettelser")},
        note="Der er hverken en forudgående sanktion eller en tilsidesættelse i sagen; afgørelsen bygger på "
             "borgerens adfærd i almindelighed. Den ændres (ingen forudgående sanktion, ingen vejledning efter "
             "§ 35, stk. 2, ingen ny tilsidesættelse). Vejledningen efter § 35, stk. 1, del 1 og 2, er i "
             "orden, men genvejledningen (del 3) kan ikke måles uden en sanktioneret tilsidesættelse: 'ved "
             "ikke'.",
        illustrates="Revision 2, ændring 2: vejledning_35_1 svarer 'ved ikke', når der ingen sanktioneret "
                    "tilsidesættelse er at måle genvejledningen mod (før revision 2: 'ja').",
    ))

    # K17 -- revision 2, change 6: staleness; the only breach in between had a reasonable cause.
    out.append(Sample(
        case=record(
            "SKB 22/04410", k, "Jobcenter Øst, Team 1", "ABJ", "s-2410", "ugift", "kontanthjælp", [
                intro("2021-11-01", "jobparat", "2021-11-09", "2021-11-10"),
                reguide("2022-02-08"),
                breach("2022-02-14", "udeblevet_tilbud"),
                hearing("2022-02-15", "2022-02-14"),
                sanction("2022-03-01", "§ 36", "2022-02-14"),
                sharpened("2022-03-01"),
                breach("2022-06-13", "udeblevet_tilbud", cause="ja",
                       explanation="Indlagt på sygehus 12.-15. juni 2022",
                       note="Udeblivelsen skyldtes indlæggelse (udskrivningsbrev modtaget); ingen sanktion"),
                reguide("2022-07-19"),
                breach("2022-09-19", "udeblevet_tilbud"),
                hearing("2022-09-20", "2022-09-19"),
            ],
            decision("2022-10-04", "2022-09-19", "2022-10-10", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-03-01", "2022-09-19", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet fra dit tilbud"),
                     "tilbud", "2022-10-10"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_2",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_2": fails("aendres", "foraeldet")},
        note="Den nye tilsidesættelse (19. september 2022) ligger mere end 6 måneder efter sanktionen med "
             "vejledning (1. marts 2022; grænsen er 1. september 2022). Udeblivelsen 13. juni 2022 havde en "
             "rimelig grund (indlæggelse) og afbryder ikke perioden: borgeren har opfyldt sin "
             "rådighedsforpligtelse i over 6 måneder, og vejledningen bærer ikke længere.",
        illustrates="Revision 2, ændring 6: forældelsen måles fra den seneste tilsidesættelse uden rimelig "
                    "grund; en undskyldt tilsidesættelse afbryder ikke (vejledningen 2020: 'igennem en længere "
                    "periode, f.eks. 6 måneder, har opfyldt sin rådighedsforpligtelse'). Før revision 2 holdt "
                    "afgørelsen fejlagtigt.",
    ))

    # K18 -- revision 2, change 8: virkning from anden påskedag (Monday 10 April 2023), offer from Tuesday.
    out.append(Sample(
        case=record(
            "SKB 23/01150", k, "Jobcenter Vest, Team 2", "TMS", "s-2150", "ugift", "uddannelseshjælp", [
                intro("2022-09-05", "jobparat", "2022-09-13", "2022-09-14"),
                reguide("2023-01-17"),
                breach("2023-01-30", "udeblevet_tilbud"),
                hearing("2023-01-31", "2023-01-30"),
                sanction("2023-02-14", "§ 36", "2023-01-30"),
                sharpened("2023-02-14"),
                breach("2023-03-13", "udeblevet_tilbud"),
                hearing("2023-03-14", "2023-03-13"),
            ],
            decision("2023-03-30", "2023-03-13", "2023-04-10", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2023-02-14", "2023-03-13", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet under en måned efter sanktionen"),
                     "daglige_samtaler", "2023-04-11"),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "ugift"),
        note="Afgørelsen har virkning fra anden påskedag, mandag 10. april 2023, en helligdag; de daglige "
             "samtaler begynder tirsdag 11. april 2023, den første hverdag derefter. Det er i orden.",
        illustrates="Revision 2, ændring 8: virkningsdag på en helligdag (danske helligdage fra biblioteket "
                    "holidays) og aktivitet fra den første hverdag. Før revision 2 blev sagen fejlagtigt ændret.",
    ))

    # K16 -- rules rev. 2, change 4: the prior sanction is dated the same day as the breach it names.
    out.append(Sample(
        case=record(
            "SKB 22/09214", k, "Jobcenter Øst, Team 2", "HBM", "s-2044", "ugift", "kontanthjælp", [
                intro("2021-11-01", "jobparat", "2021-11-09", "2021-11-10"),
                reguide("2022-02-22"),
                breach("2022-03-14", "udeblevet_jobsamtale"),
                hearing("2022-03-14", "2022-03-14", note="Partshøring sendt om formiddagen"),
                sanction("2022-03-14", "§ 37", "2022-03-14", note="Afgørelse truffet samme eftermiddag"),
                sharpened("2022-03-14"),
                breach("2022-04-25", "afvist_tilbud"),
                hearing("2022-04-26", "2022-04-25"),
            ],
            decision("2022-05-09", "2022-04-25", "2022-05-16", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-03-14", "2022-04-25", "afviste du det tilbud, vi havde givet dig",
                              "at du har afvist tilbuddet kort efter sanktionen"),
                     "dagligt_fremmøde", "2022-05-16"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("forudgaaende_sanktion", "partshoering"),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"forudgaaende_sanktion": fails("aendres", "tilsidesaettelse_samme_dag_som_sanktion"),
                 "partshoering": fails("aendres", "mangler")},
        note="Den forudgående sanktion er truffet 14. marts 2022, samme dag som den udeblivelse, den vedrører. "
             "Tilsidesættelsen skal ligge før afgørelsen om sanktion, og borgeren kunne ikke nå at svare på "
             "partshøringen samme dag. Den forudgående afgørelse er ikke korrekt (Tabel 2.2: nej), og "
             "§ 40 a-afgørelsen ændres. Før rules.md revision 2 var forudgaaende_sanktion 'ja'.",
        illustrates="rules.md revision 2, punkt 4: forudgaaende_sanktion nej, når sanktionen er truffet samme "
                    "dag som (eller før) den tilsidesættelse, den vedrører ('strictly before').",
    ))

    # K17 -- rules rev. 2, change 7: jobparat at the prior breach, aktivitetsparat when it was sanctioned;
    # only phone and the guardian without the citizen's consent.
    out.append(Sample(
        case=record(
            "SKB 22/09870", k, "Jobcenter Øst, Team 1", "ABJ", "s-2107", "ugift", "kontanthjælp", [
                intro("2021-09-06", "jobparat", "2021-09-14", "2021-09-15"),
                reguide("2022-02-15"),
                breach("2022-03-07", "udeblevet_tilbud"),
                hearing("2022-03-08", "2022-03-07", note="Borger har ikke reageret på partshøringen"),
                visitation("2022-03-10", "aktivitetsparat", note="Revisiteret efter lægeattest om angst"),
                contact("2022-03-14", "2022-03-07", "telefon"),
                contact("2022-03-16", "2022-03-07", "værge", consent=False,
                        note="Borgerens værge kontaktet; borgerens samtykke er ikke indhentet"),
                assessment("2022-03-18", "2022-03-07", "Angsten er behandlet; en sanktion vurderes at fremme "
                                                       "rådigheden"),
                sanction("2022-03-22", "§ 36", "2022-03-07"),
                sharpened("2022-03-22"),
                breach("2022-05-02", "udeblevet_tilbud"),
                hearing("2022-05-03", "2022-05-02"),
                contact("2022-05-05", "2022-05-02", "hjemmebesøg", note="Borger traf ved hjemmebesøget"),
                assessment("2022-05-09", "2022-05-02", "Ingen nye forhold, der taler imod sanktion"),
            ],
            decision("2022-05-16", "2022-05-02", "2022-05-23", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-03-22", "2022-05-02", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet"),
                     "tilbud", "2022-05-23"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("personlig_kontakt",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"personlig_kontakt": fails("aendres", "familie_uden_samtykke")},
        note="Borgeren var jobparat ved udeblivelsen 7. marts 2022, men aktivitetsparat fra 10. marts 2022, "
             "før den forudgående sanktion 22. marts 2022; kommunen skulle derfor have udtømt mulighederne "
             "for personlig kontakt før sanktionen (§ 35, stk. 7). Den forsøgte kun telefon og borgerens værge "
             "uden borgerens forudgående samtykke, som ikke tæller (bekg. om rådighed § 11, stk. 4).",
        illustrates="rules.md revision 2, punkt 7: personlig_kontakt gælder, når borgeren var aktivitetsparat "
                    "ved tilsidesættelsen ELLER da der blev truffet afgørelse om den; kontakt via værge kræver "
                    "samtykke ligesom via familie.",
    ))
    return out


# =============================================================================================
# Åmose Kommune (Excel)
# =============================================================================================

def aamose() -> list[Sample]:
    k = AAMOSE
    out: list[Sample] = []

    # A1 -- in order, jobparat; forholdt_til_målgruppe left out, the text names the målgruppe.
    out.append(Sample(
        case=record(
            "ÅM-2021-1187", k, "Team Vest", "HBN", "å-2011", "ugift", "kontanthjælp", [
                intro("2020-10-05", "jobparat", "2020-10-13", "2020-10-14"),
                reguide("2021-03-23"),
                breach("2021-04-06", "udeblevet_tilbud"),
                hearing("2021-04-07", "2021-04-06"),
                sanction("2021-04-21", "§ 36", "2021-04-06"),
                sharpened("2021-04-21"),
                breach("2021-05-25", "afslået_arbejde"),
                hearing("2021-05-26", "2021-05-25",
                        answer="Jeg kunne ikke tage jobbet, fordi det var om natten.", answer_date="2021-05-28"),
                investigation("2021-06-01", "2021-05-25", "arbejdsgiver",
                              "Arbejdsgiveren oplyser, at arbejdstiden er kl. 7-15; der er intet natarbejde"),
            ],
            decision("2021-06-08", "2021-05-25", "2021-06-14", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-04-21", "2021-05-25", "afslog du et tilbud om arbejde som rengøringsassistent",
                              "at arbejdstiden var i dagtimerne, og at du kort efter sanktionen har afslået "
                              "arbejde"),
                     "tilbud", "2021-06-14", related=None),
            cpr="320777-1046"),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "ugift"),
        note="Alt er i orden. Feltet forholdt_til_målgruppe er ikke udfyldt; begrundelsen nævner, at "
             "borgeren er jobparat, så begrundelsen forholder sig til målgruppen.",
        illustrates="Begrundelsen vurderes ud fra teksten, når forholdt_til_målgruppe mangler (rules.md "
                    "begrundelse); svarer til Ankestyrelsens eksempel E6 (tilstrækkelig begrundelse).",
    ))

    # A2 -- in order, aktivitetsparat, married; text names aktivitetsparat and § 13, stk. 8.
    out.append(Sample(
        case=record(
            "ÅM-2022-0342", k, "Team Øst", "CJO", "å-2123", "gift", "kontanthjælp", [
                intro("2021-08-16", "aktivitetsparat", "2021-08-24", "2021-08-25"),
                reguide("2022-01-25"),
                breach("2022-02-07", "udeblevet_tilbud"),
                hearing("2022-02-08", "2022-02-07"),
                contact("2022-02-10", "2022-02-07", "telefon"),
                contact("2022-02-11", "2022-02-07", "behandlingssted", reached=True,
                        note="Kontakt via borgerens behandler i den kommunale misbrugsbehandling"),
                assessment("2022-02-15", "2022-02-07",
                           "Misbrugsbehandlingen er afsluttet; ingen forhold, der taler imod sanktion"),
                sanction("2022-02-21", "§ 36", "2022-02-07"),
                sharpened("2022-02-21", spouse_guided=True),
                breach("2022-03-28", "udeblevet_tilbud"),
                hearing("2022-03-29", "2022-03-28"),
                contact("2022-03-31", "2022-03-28", "telefon"),
                contact("2022-04-04", "2022-03-28", "hjemmebesøg"),
                assessment("2022-04-06", "2022-03-28", "Ingen forhold, der taler imod sanktion"),
            ],
            decision("2022-04-11", "2022-03-28", "2022-04-19", 2, LENGTH_2,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-02-21", "2022-03-28", "udeblev du fra dit tilbud",
                              "at du ikke har reageret på hjemmebesøg eller partshøring"),
                     "daglige_samtaler", "2022-04-19", related=None, spouse=True),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        note="Alt er i orden. Feltet forholdt_til_målgruppe er ikke udfyldt; begrundelsen nævner både "
             "'aktivitetsparat' og '§ 13, stk. 8'.",
        illustrates="Tekstsøgningen i begrundelsen for en aktivitetsparat borger (målgruppeordet og "
                    "'13, stk. 8'); kontakt via behandlingssted; gift med ægtefælleafgørelse.",
    ))

    # A3 -- no decision on closure (§ 40 a stk. 7): kritik.
    out.append(Sample(
        case=record(
            "ÅM-2021-0655", k, "Team Vest", "RAS", "å-2234", "ugift", "uddannelseshjælp", [
                intro("2020-11-16", "jobparat", "2020-11-24", "2020-11-25"),
                reguide("2021-04-27"),
                breach("2021-05-10", "udeblevet_tilbud"),
                hearing("2021-05-11", "2021-05-10"),
                sanction("2021-05-26", "§ 36", "2021-05-10"),
                sharpened("2021-05-26"),
                breach("2021-06-21", "ikke_søgt_job"),
                hearing("2021-06-22", "2021-06-21"),
            ],
            decision("2021-07-06", "2021-06-21", "2021-07-12", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-05-26", "2021-06-21", "søgte du ikke et anvist job",
                              "at du ikke har søgt det job, vi anviste"),
                     "tilbud", "2021-07-12", closure=False),
        ),
        samlet="i_overensstemmelse", kritik="kritik",
        nej=("lukning",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"lukning": fails("kritik", "ikke_truffet")},
        note="Der er ikke samtidig truffet afgørelse om, at sagen lukkes, hvis borgeren udebliver en hel "
             "kalendermåned (§ 40 a, stk. 7); det giver kritik, da afgørelsen i øvrigt holder.",
        illustrates="lukning nej (virkning kritik: hjælpen kan ikke ophøre efter stk. 7).",
    ))

    # A4 -- married, no spouse decision: kritik.
    out.append(Sample(
        case=record(
            "ÅM-2022-0871", k, "Team Øst", "HBN", "å-2345", "gift", "kontanthjælp", [
                intro("2021-12-06", "jobparat", "2021-12-14", "2021-12-15"),
                reguide("2022-05-17"),
                breach("2022-05-30", "udeblevet_tilbud"),
                hearing("2022-05-31", "2022-05-30"),
                sanction("2022-06-14", "§ 36", "2022-05-30"),
                sharpened("2022-06-14", spouse_guided=True),
                breach("2022-08-08", "udeblevet_tilbud"),
                hearing("2022-08-09", "2022-08-08"),
            ],
            decision("2022-08-23", "2022-08-08", "2022-08-29", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-06-14", "2022-08-08", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet"),
                     "tilbud", "2022-08-29", spouse=False),
            cpr="370864-9012"),
        samlet="i_overensstemmelse", kritik="kritik",
        nej=("aegtefaelle",),
        ikke_relevant=not_relevant("jobparat", "gift"),
        punkter={"aegtefaelle": fails("kritik", "ingen_afgoerelse")},
        note="Borgeren er gift, og ægtefællen er vejledt, men der er ikke truffet afgørelse om ophør af "
             "ægtefællens hjælp (§ 40 a, stk. 7, 2. pkt.); det giver kritik.",
        illustrates="aegtefaelle nej for en gift borger uden ægtefælleafgørelse (virkning kritik).",
    ))

    # A5 -- civilstand missing: aegtefaelle ved_ikke, no effect on the verdict.
    out.append(Sample(
        case=record(
            "ÅM-2022-0190", k, "Team Vest", "CJO", "å-2456", None, "kontanthjælp", [
                intro("2021-06-14", "jobparat", "2021-06-22", "2021-06-23"),
                reguide("2021-11-30"),
                breach("2021-12-13", "udeblevet_tilbud"),
                hearing("2021-12-14", "2021-12-13"),
                sanction("2022-01-05", "§ 36", "2021-12-13"),
                sharpened("2022-01-05"),
                breach("2022-01-31", "udeblevet_opfølgningssamtale"),
                hearing("2022-02-01", "2022-01-31"),
            ],
            decision("2022-02-15", "2022-01-31", "2022-02-21", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-01-05", "2022-01-31", "udeblev du fra en opfølgningssamtale",
                              "at du igen er udeblevet kort efter sanktionen"),
                     "daglige_samtaler", "2022-02-21"),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        ved_ikke=("aegtefaelle",),
        ikke_relevant=AKT_ONLY,
        punkter={"aegtefaelle": fails("kritik", "civilstand_ukendt")},
        note="Civilstand er ikke oplyst i udtrækket, så det kan ikke afgøres, om ægtefællereglerne gælder. "
             "Punktets nej ville kun give kritik, så ved_ikke påvirker ikke resultatet.",
        illustrates="aegtefaelle ved_ikke ved manglende civilstand (rules.md); ved_ikke på et kritik-punkt "
                    "giver hverken hjemvisning eller kritik.",
    ))

    # A6 -- rimelig_grund = ja (the case shows a reasonable cause).
    out.append(Sample(
        case=record(
            "ÅM-2021-0423", k, "Team Øst", "RAS", "å-2567", "ugift", "kontanthjælp", [
                intro("2020-09-14", "jobparat", "2020-09-22", "2020-09-23"),
                reguide("2021-02-16"),
                breach("2021-03-01", "udeblevet_tilbud"),
                hearing("2021-03-02", "2021-03-01"),
                sanction("2021-03-16", "§ 36", "2021-03-01"),
                sharpened("2021-03-16"),
                breach("2021-04-12", "udeblevet_tilbud", cause="ja"),
                hearing("2021-04-13", "2021-04-12",
                        answer="Jeg var indlagt på sygehuset fra den 11. til den 14. april.",
                        answer_date="2021-04-15"),
                investigation("2021-04-20", "2021-04-12", "sygehus",
                              "Udskrivningsbrev modtaget: indlagt 11.-14. april 2021"),
            ],
            decision("2021-04-27", "2021-04-12", "2021-05-03", 1, LENGTH_1,
                     ("tidligere_sanktioner",),
                     text_job("2021-03-16", "2021-04-12", "udeblev du fra dit tilbud",
                              "din tidligere sanktion"),
                     "tilbud", "2021-05-03"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("rimelig_grund",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"rimelig_grund": fails("aendres", "rimelig_grund_ja")},
        note="Sagen viser, at borgeren var indlagt på udeblivelsesdagen (rimelig_grund = ja); der er ikke "
             "tale om en tilsidesættelse uden rimelig grund.",
        illustrates="rimelig_grund nej fordi sagen viser en rimelig grund (LAS § 13, stk. 7; bekg. § 10; "
                    "virkning aendres).",
    ))

    # A7 -- rimelig_grund = ukendt.
    out.append(Sample(
        case=record(
            "ÅM-2022-0534", k, "Team Vest", "HBN", "å-2678", "ugift", "kontanthjælp", [
                intro("2021-11-15", "jobparat", "2021-11-23", "2021-11-24"),
                reguide("2022-04-26"),
                breach("2022-05-09", "udeblevet_tilbud"),
                hearing("2022-05-10", "2022-05-09"),
                sanction("2022-05-24", "§ 36", "2022-05-09"),
                sharpened("2022-05-24"),
                breach("2022-06-27", "udeblevet_opfølgningssamtale", cause="ukendt"),
                hearing("2022-06-28", "2022-06-27"),
            ],
            decision("2022-07-12", "2022-06-27", "2022-07-18", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-05-24", "2022-06-27", "udeblev du fra en opfølgningssamtale",
                              "at du igen er udeblevet"),
                     "daglige_samtaler", "2022-07-18"),
        ),
        samlet="hjemvises", kritik="ingen",
        ved_ikke=("rimelig_grund",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"rimelig_grund": fails("hjemvises", "rimelig_grund_ukendt")},
        note="Det fremgår ikke af sagen, om borgeren havde en rimelig grund til udeblivelsen 27. juni 2022 "
             "(rimelig_grund = ukendt); sagen hjemvises til yderligere oplysning.",
        illustrates="rimelig_grund ved_ikke ved ukendt rimelig grund (virkning hjemvises); Ankestyrelsen "
                    "kunne i 9 af 46 sager ikke afgøre spørgsmålet.",
    ))

    # A8 -- no partshøring about the new breach.
    out.append(Sample(
        case=record(
            "ÅM-2021-0978", k, "Team Øst", "CJO", "å-2789", "gift", "kontanthjælp", [
                intro("2021-02-01", "jobparat", "2021-02-09", "2021-02-10"),
                reguide("2021-07-13"),
                breach("2021-07-26", "udeblevet_tilbud"),
                hearing("2021-07-27", "2021-07-26"),
                sanction("2021-08-10", "§ 36", "2021-07-26"),
                sharpened("2021-08-10", spouse_guided=True),
                breach("2021-09-13", "udeblevet_tilbud"),
            ],
            decision("2021-09-20", "2021-09-13", "2021-09-27", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-08-10", "2021-09-13", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet"),
                     "tilbud", "2021-09-27", spouse=True),
            cpr="000269-7731"),
        samlet="aendres", kritik="ingen",
        nej=("partshoering",),
        ikke_relevant=not_relevant("jobparat", "gift"),
        punkter={"partshoering": fails("aendres", "mangler")},
        note="Borgeren er ikke partshørt om den nye tilsidesættelse (13. september 2021) før afgørelsen "
             "(fvl. § 19).",
        illustrates="partshoering nej (Tabel 4.1: partshøring manglede i 18 af 61 sager).",
    ))

    # A9 -- no visitation: maalgruppe nej (hjemvises), aktivitetsparat items ved_ikke.
    out.append(Sample(
        case=record(
            "ÅM-2022-0716", k, "Team Vest", "RAS", "å-2890", "ugift", "kontanthjælp", [
                talk("2021-10-11", first=True),
                guidance("2021-10-11", "gennemgået", "udleveret"),
                guidance("2021-10-12", "sendt"),
                reguide("2022-03-22"),
                breach("2022-04-04", "udeblevet_tilbud"),
                hearing("2022-04-05", "2022-04-04"),
                sanction("2022-04-19", "§ 36", "2022-04-04"),
                sharpened("2022-04-19"),
                breach("2022-05-23", "udeblevet_tilbud"),
                hearing("2022-05-24", "2022-05-23"),
            ],
            decision("2022-06-07", "2022-05-23", "2022-06-13", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     "Vi traf den 19. april 2022 afgørelse om sanktion, og du blev samtidig skriftligt vejledt om "
                     "skærpet rådighedssanktion. Den 23. maj 2022 udeblev du fra dit tilbud uden rimelig grund. "
                     "Vi vurderer, at du med din adfærd udviser manglende vilje til at stå til rådighed, jf. "
                     "aktivlovens § 40 a, stk. 1, og har lagt vægt på, at du igen er udeblevet.",
                     "tilbud", "2022-06-13", related=False),
        ),
        samlet="hjemvises", kritik="ingen",
        nej=("maalgruppe", "begrundelse"),
        ved_ikke=AKT_ONLY,
        ikke_relevant=("aegtefaelle",),
        punkter={"maalgruppe": fails("hjemvises", "ingen_visitation"),
                 "begrundelse": fails("kritik", "ikke_forholdt_maalgruppe"),
                 "personlig_kontakt": fails("aendres", "maalgruppe_ukendt"),
                 "vurdering_13_8": fails("aendres", "maalgruppe_ukendt")},
        note="Der er ingen visitation i sagen, så det er ikke fastlagt, om borgeren er jobparat eller "
             "aktivitetsparat; de aktivitetsparate punkter kan ikke vurderes. Begrundelsen forholder sig "
             "heller ikke til målgruppen.",
        illustrates="maalgruppe nej (virkning hjemvises, de aktivitetsparate punkter bliver ved_ikke); "
                    "Ankestyrelsens eksempel E9 om betydningen af målgruppen.",
    ))

    # A10 -- no jobsamtale events: vejledning_35_1 part 1 ved_ikke.
    out.append(Sample(
        case=record(
            "ÅM-2021-0307", k, "Team Øst", "HBN", "å-2901", "ugift", "kontanthjælp", [
                visitation("2020-08-03", "jobparat"),
                guidance("2020-08-11", "gennemgået", "udleveret", note="Vejledning ved visitationssamtale"),
                guidance("2020-08-12", "sendt"),
                guidance("2021-01-12", "gennemgået", "tilgængeliggjort"),
                breach("2021-01-25", "udeblevet_tilbud"),
                hearing("2021-01-26", "2021-01-25"),
                sanction("2021-02-09", "§ 36", "2021-01-25"),
                sharpened("2021-02-09"),
                breach("2021-03-08", "ikke_aktivt_jobsøgende"),
                hearing("2021-03-09", "2021-03-08"),
            ],
            decision("2021-03-23", "2021-03-08", "2021-03-29", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-02-09", "2021-03-08", "har du ikke været aktivt jobsøgende",
                              "at du ikke har registreret jobsøgning"),
                     "dagligt_fremmøde", "2021-03-29"),
        ),
        samlet="hjemvises", kritik="ingen",
        ved_ikke=("vejledning_35_1",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_1": fails("hjemvises", "ingen_jobsamtale")},
        note="Udtrækket indeholder ingen jobsamtaler, så det kan ikke ses, om vejledningen blev givet ved "
             "første jobsamtale (del 1 ved_ikke); vejledningen er sendt dagen efter den første udleverede "
             "vejledning, og genvejledningen er under 6 måneder gammel.",
        illustrates="vejledning_35_1 uden jobsamtale-hændelser (rules.md: del 1 ved_ikke med virkning "
                    "hjemvises, del 2 regnes fra den tidligste udleverede vejledning).",
    ))

    # A11 -- no klagevejledning: kritik.
    out.append(Sample(
        case=record(
            "ÅM-2022-0999", k, "Integrationsteamet", "CJO", "å-3012", "ugift", "kontanthjælp", [
                intro("2022-01-17", "aktivitetsparat", "2022-01-25", "2022-01-26"),
                reguide("2022-06-28"),
                breach("2022-07-11", "udeblevet_tilbud"),
                hearing("2022-07-12", "2022-07-11"),
                contact("2022-07-14", "2022-07-11", "telefon"),
                contact("2022-07-18", "2022-07-11", "hjemmebesøg", reached=True),
                assessment("2022-07-20", "2022-07-11", "Ingen forhold, der taler imod sanktion"),
                sanction("2022-07-25", "§ 36", "2022-07-11"),
                sharpened("2022-07-25"),
                breach("2022-09-05", "udeblevet_tilbud"),
                hearing("2022-09-06", "2022-09-05", answer="Jeg havde ikke penge til bussen.",
                        answer_date="2022-09-07"),
                investigation("2022-09-09", "2022-09-05", "tilbudssted",
                              "Borger har fået befordringsgodtgørelse for august; tilbudsstedet ligger "
                              "1,2 km fra bopælen"),
                assessment("2022-09-12", "2022-09-05", "Ingen forhold, der taler imod sanktion"),
            ],
            decision("2022-09-19", "2022-09-05", "2022-09-26", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_akt("2022-07-25", "2022-09-05", "udeblev du fra dit tilbud",
                              "at du har fået befordringsgodtgørelse, og at tilbuddet ligger tæt på din bopæl"),
                     "tilbud", "2022-09-26", appeal=False),
        ),
        samlet="i_overensstemmelse", kritik="kritik",
        nej=("klagevejledning",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"klagevejledning": fails("kritik", "mangler")},
        note="Afgørelsen holder, men der er ingen klagevejledning (fvl. § 25); det giver kritik.",
        illustrates="klagevejledning nej (virkning kritik).",
    ))

    # A12 -- reviewer overrides (Vurderinger sheet): explanation plainly not a reasonable cause.
    out.append(Sample(
        case=record(
            "ÅM-2022-1042", k, "Team Vest", "RAS", "å-3123", "ugift", "kontanthjælp", [
                intro("2022-02-07", "jobparat", "2022-02-15", "2022-02-16"),
                reguide("2022-07-19"),
                breach("2022-08-01", "udeblevet_tilbud"),
                hearing("2022-08-02", "2022-08-01"),
                sanction("2022-08-16", "§ 36", "2022-08-01"),
                sharpened("2022-08-16"),
                breach("2022-09-26", "udeblevet_tilbud"),
                hearing("2022-09-27", "2022-09-26",
                        answer="Jeg glemte det bare, jeg havde travlt med at flytte.", answer_date="2022-09-28"),
            ],
            decision("2022-10-11", "2022-09-26", "2022-10-17", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-08-16", "2022-09-26", "udeblev du fra dit tilbud",
                              "at du selv har oplyst, at du glemte tilbuddet"),
                     "tilbud", "2022-10-17"),
            reviews={
                "oplysning": {"svar": "ja", "af": "MAMC",
                              "bemærkning": "Forklaringen (glemt på grund af flytning) kan efter sin art ikke "
                                            "være en rimelig grund; yderligere oplysning er ikke nødvendig"},
                "rimelig_grund": {"svar": "ja", "af": "MAMC",
                                  "bemærkning": "Det er godtgjort, at der ikke var rimelig grund"},
            }),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "ugift"),
        note="Beregnet ville oplysning være nej og rimelig_grund ved_ikke (forklaringen er ikke undersøgt), "
             "men revisor har vurderet, at forklaringen åbenlyst ikke er en rimelig grund; revisors svar "
             "erstatter de beregnede, og afgørelsen er i overensstemmelse med reglerne.",
        illustrates="Revisorvurderinger i arket Vurderinger (rules.md 'oplysning': 'A reviewer's vurderinger "
                    "answer overrides'); de beregnede svar vises stadig ved siden af.",
    ))

    # A13 -- begrundelse insufficient (no reference to the rules) but the decision holds: kritik.
    out.append(Sample(
        case=record(
            "ÅM-2023-0088", k, "Team Øst", "HBN", "å-3234", "ugift", "kontanthjælp", [
                intro("2022-04-04", "aktivitetsparat", "2022-04-12", "2022-04-13"),
                reguide("2022-09-20"),
                breach("2022-10-03", "udeblevet_tilbud"),
                hearing("2022-10-04", "2022-10-03"),
                contact("2022-10-06", "2022-10-03", "telefon"),
                contact("2022-10-10", "2022-10-03", "mentor"),
                assessment("2022-10-12", "2022-10-03", "Ingen forhold, der taler imod sanktion"),
                sanction("2022-10-17", "§ 36", "2022-10-03"),
                sharpened("2022-10-17"),
                breach("2022-12-05", "udeblevet_tilbud"),
                hearing("2022-12-06", "2022-12-05"),
                contact("2022-12-08", "2022-12-05", "telefon"),
                contact("2022-12-12", "2022-12-05", "hjemmebesøg"),
                assessment("2022-12-14", "2022-12-05", "Ingen forhold, der taler imod sanktion"),
            ],
            decision("2023-01-03", "2022-12-05", "2023-01-09", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     "Du er aktivitetsparat. Du er igen udeblevet fra dit tilbud den 5. december 2022, efter at "
                     "du i oktober fik en sanktion. Vi har vurderet, at der ikke er andre forhold, der taler "
                     "imod en sanktion, og at den vil fremme din rådighed. Vi vurderer, at du udviser "
                     "manglende vilje til at stå til rådighed, og lægger vægt på dine gentagne udeblivelser. "
                     "Du får kun hjælp for de dage, hvor du møder op i dit tilbud.",
                     "tilbud", "2023-01-09", rules_cited=False, related_13_8=True),
            cpr="380595-6640"),
        samlet="i_overensstemmelse", kritik="kritik",
        nej=("begrundelse",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"begrundelse": fails("kritik", "mangler_dele")},
        note="Afgørelsen er materielt rigtig, men begrundelsen henviser ikke til de retsregler, den bygger "
             "på (fvl. § 22); det giver kritik.",
        illustrates="begrundelse nej i en afgørelse, der i øvrigt holder: kritik (Tabel 4.3; Ankestyrelsens "
                    "eksempel E7 om utilstrækkelig begrundelse).",
    ))

    # A14 -- E9: aktivitetsparat, no § 13 stk. 8 assessment of the new breach, målgruppe not considered.
    out.append(Sample(
        case=record(
            "ÅM-2021-1120", k, "Integrationsteamet", "CJO", "å-3345", "ugift", "kontanthjælp", [
                intro("2021-01-11", "aktivitetsparat", "2021-01-19", "2021-01-20"),
                reguide("2021-06-22"),
                breach("2021-07-05", "udeblevet_tilbud"),
                hearing("2021-07-06", "2021-07-05"),
                contact("2021-07-08", "2021-07-05", "telefon"),
                contact("2021-07-12", "2021-07-05", "hjemmebesøg", reached=True),
                assessment("2021-07-14", "2021-07-05", "Ingen forhold, der taler imod sanktion"),
                sanction("2021-07-19", "§ 36", "2021-07-05"),
                sharpened("2021-07-19"),
                reguide("2021-10-05"),
                breach("2021-10-18", "udeblevet_tilbud"),
                hearing("2021-10-19", "2021-10-18"),
                contact("2021-10-21", "2021-10-18", "telefon"),
                contact("2021-10-25", "2021-10-18", "hjemmebesøg"),
            ],
            decision("2021-11-08", "2021-10-18", "2021-11-15", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     "Vi traf den 19. juli 2021 afgørelse om sanktion og vejledte dig skriftligt om skærpet "
                     "rådighedssanktion. Den 18. oktober 2021 udeblev du igen fra dit tilbud uden rimelig "
                     "grund. Vi vurderer, at du med din adfærd udviser manglende vilje til at stå til "
                     "rådighed, jf. aktivlovens § 40 a, stk. 1, og lægger vægt på dine gentagne udeblivelser.",
                     "tilbud", "2021-11-15", related=False),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vurdering_13_8", "begrundelse"),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"vurdering_13_8": fails("aendres", "mangler"),
                 "begrundelse": fails("kritik", "ikke_forholdt_maalgruppe", "ikke_forholdt_13_8")},
        note="Borgeren er aktivitetsparat, men der er ingen vurdering efter § 13, stk. 8, af den nye "
             "tilsidesættelse (18. oktober 2021), og afgørelsen forholder sig hverken til, at borgeren er "
             "aktivitetsparat, eller til § 13, stk. 8 (begrundelsen nævner ikke '13, stk. 8').",
        illustrates="Ankestyrelsens eksempel E9 (8. november 2021: ikke forholdt sig til målgruppen og "
                    "§ 13, stk. 8); vurdering_13_8 nej giver ændring.",
    ))

    # A15 -- § 35 stk. 2 guidance given orally only.
    out.append(Sample(
        case=record(
            "ÅM-2021-0560", k, "Integrationsteamet", "RAS", "å-3456", "ugift",
            "selvforsørgelses- og hjemrejseydelse", [
                intro("2020-10-19", "jobparat", "2020-10-27", "2020-10-28"),
                reguide("2021-03-30"),
                breach("2021-04-12", "udeblevet_program"),
                hearing("2021-04-13", "2021-04-12"),
                sanction("2021-04-27", "§ 36", "2021-04-12"),
                sharpened("2021-04-27", written=False,
                          note="Vejledt mundtligt om skærpet rådighedssanktion ved telefonsamtale"),
                breach("2021-05-31", "udeblevet_program"),
                hearing("2021-06-01", "2021-05-31"),
            ],
            decision("2021-06-15", "2021-05-31", "2021-06-21", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2021-04-27", "2021-05-31", "udeblev du fra dit selvforsørgelses- og "
                              "hjemrejseprogram", "at du igen er udeblevet fra programmet"),
                     "program", "2021-06-21"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_2",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_2": fails("aendres", "ikke_skriftlig")},
        note="Vejledningen om skærpet rådighedssanktion blev kun givet mundtligt; § 35, stk. 2, kræver "
             "skriftlig vejledning.",
        illustrates="vejledning_35_2 nej, fordi vejledningen ikke er skriftlig (rules.md del 1).",
    ))

    # A17 -- rules.md revision 2, change 9: the reasons name the målgruppe but not § 13, stk. 8, although the
    # assessment itself is documented (vurdering_13_8 ja): begrundelse nej, kritik; Tabel 2.6 "ja".
    out.append(Sample(
        case=record(
            "ÅM-2022-0611", k, "Team Øst", "RAS", "å-3678", "ugift", "kontanthjælp", [
                intro("2021-09-06", "aktivitetsparat", "2021-09-14", "2021-09-15"),
                reguide("2022-02-22"),
                breach("2022-03-07", "udeblevet_tilbud"),
                hearing("2022-03-08", "2022-03-07"),
                contact("2022-03-10", "2022-03-07", "telefon"),
                contact("2022-03-14", "2022-03-07", "hjemmebesøg", reached=True),
                assessment("2022-03-16", "2022-03-07", "Ingen helbredsmæssige eller sociale forhold taler imod "
                           "sanktion"),
                sanction("2022-03-21", "§ 36", "2022-03-07"),
                sharpened("2022-03-21"),
                breach("2022-04-25", "udeblevet_tilbud"),
                hearing("2022-04-26", "2022-04-25"),
                contact("2022-04-28", "2022-04-25", "mentor", reached=True),
                assessment("2022-05-03", "2022-04-25", "Ingen nye forhold; en sanktion vurderes at fremme "
                           "rådigheden"),
            ],
            decision("2022-05-10", "2022-04-25", "2022-05-16", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     "Du er visiteret som aktivitetsparat. Vi traf den 21. marts 2022 afgørelse om sanktion efter "
                     "aktivlovens §§ 36-40, og du blev samtidig skriftligt vejledt om skærpet rådighedssanktion. "
                     "Den 25. april 2022 udeblev du igen fra dit tilbud, og vi har vurderet, at du ikke havde en "
                     "rimelig grund. Vi vurderer, at du med din adfærd udviser manglende vilje til at stå til "
                     "rådighed, jf. aktivlovens § 40 a, stk. 1. Vi har lagt vægt på, at du er udeblevet to gange "
                     "på kort tid. Du får kun hjælp for de dage, hvor du møder op, jf. § 40 a, stk. 2.",
                     "daglige_samtaler", "2022-05-16", related=True, related_13_8=False),
            cpr="350482-1127"),
        samlet="i_overensstemmelse", kritik="kritik",
        nej=("begrundelse",),
        ikke_relevant=not_relevant("aktivitetsparat", "ugift"),
        punkter={"begrundelse": fails("kritik", "ikke_forholdt_13_8")},
        note="Vurderingen efter § 13, stk. 8, er foretaget den 3. maj 2022 før afgørelsen den 10. maj 2022, "
             "men afgørelsens begrundelse forholder sig kun til, at borgeren er aktivitetsparat, ikke til "
             "vurderingen efter § 13, stk. 8 (kolonnen afgørelse_forholdt_til_13_8 = nej); det giver kritik, "
             "da afgørelsen i øvrigt holder.",
        illustrates="Revision 2, ændring 9: begrundelsen skal for en aktivitetsparat borger forholde sig både "
                    "til målgruppen og til § 13, stk. 8 (praksisundersøgelsen: 'I de 26 sager, hvor borgeren er "
                    "aktivitetsparat, har kommunen ikke i sin begrundelse for afgørelsen vurderet ...'); "
                    "Tabel 2.6 (hensyn til visitation) tæller sagen som 'ja'.",
    ))

    # A16 -- virkning_fra missing: tilbud ved_ikke.
    out.append(Sample(
        case=record(
            "ÅM-2022-0260", k, "Team Vest", "HBN", "å-3567", "ugift", "kontanthjælp", [
                intro("2021-07-05", "jobparat", "2021-07-13", "2021-07-14"),
                reguide("2021-12-14"),
                breach("2022-01-03", "udeblevet_tilbud"),
                hearing("2022-01-04", "2022-01-03"),
                sanction("2022-01-18", "§ 36", "2022-01-03"),
                sharpened("2022-01-18"),
                breach("2022-02-21", "udeblevet_tilbud"),
                hearing("2022-02-22", "2022-02-21"),
            ],
            decision("2022-03-08", "2022-02-21", None, 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-01-18", "2022-02-21", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet"),
                     "tilbud", "2022-03-14"),
            cpr="330112-0198"),
        samlet="hjemvises", kritik="ingen",
        ved_ikke=("tilbud",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"tilbud": fails("aendres", "virkning_ukendt")},
        note="Det fremgår ikke, hvornår afgørelsen har virkning fra, så det kan ikke afgøres, om tilbuddet "
             "(start 14. marts 2022) kan begynde samme dag.",
        illustrates="tilbud ved_ikke, når virkning_fra mangler (rules.md tilbud; virkning hjemvises).",
    ))

    # A17 -- revision 2, change 5: an ordinary sanction on the new breach itself, two weeks before § 40 a.
    out.append(Sample(
        case=record(
            "ÅM-2022-0640", k, "Team Vest", "HBN", "å-3640", "ugift", "kontanthjælp", [
                intro("2021-10-04", "jobparat", "2021-10-12", "2021-10-13"),
                reguide("2022-03-22"),
                breach("2022-04-04", "udeblevet_tilbud"),
                hearing("2022-04-05", "2022-04-04"),
                sanction("2022-04-19", "§ 36", "2022-04-04"),
                sharpened("2022-04-19"),
                breach("2022-05-16", "udeblevet_tilbud"),
                hearing("2022-05-17", "2022-05-16"),
                sanction("2022-05-31", "§ 36", "2022-05-16", note="Fradrag for udeblivelse fra tilbud"),
            ],
            decision("2022-06-14", "2022-05-16", "2022-06-20", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-04-19", "2022-05-16", "udeblev du fra dit tilbud",
                              "at du er udeblevet igen, og at vi den 31. maj 2022 har foretaget fradrag for "
                              "udeblivelsen"),
                     "tilbud", "2022-06-20"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("vejledning_35_2",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"vejledning_35_2": fails("aendres", "ny_sanktion_imellem")},
        note="Kommunen sanktionerede den nye tilsidesættelse (16. maj 2022) efter § 36 den 31. maj 2022 uden "
             "ny vejledning og traf først § 40 a-afgørelsen 14. juni 2022. Sanktionen 31. maj 2022 var den "
             "næste afgørelse efter vejledningen 19. april 2022; § 40 a skulle være brugt dér. Kun en "
             "sanktion truffet samme dag som § 40 a-afgørelsen ('sanktion 3') bryder ikke kæden.",
        illustrates="Revision 2, ændring 5: reglen om næste afgørelse gælder også en almindelig sanktion på "
                    "selve den nye tilsidesættelse (vejledningen 2020, eksemplet maj/juni/juli). Før revision 2 "
                    "holdt afgørelsen fejlagtigt.",
    ))

    # A18 -- revision 2, change 5 (the other side): the sanction on the new breach is given the same day as
    # § 40 a ("sanktion 3", "samtidig"): the chain holds.
    out.append(Sample(
        case=record(
            "ÅM-2022-0655", k, "Team Øst", "LKJ", "å-3655", "ugift", "kontanthjælp", [
                intro("2021-11-01", "jobparat", "2021-11-09", "2021-11-10"),
                reguide("2022-04-05"),
                breach("2022-04-25", "udeblevet_tilbud"),
                hearing("2022-04-26", "2022-04-25"),
                sanction("2022-05-10", "§ 36", "2022-04-25"),
                sharpened("2022-05-10"),
                breach("2022-06-07", "udeblevet_tilbud"),
                hearing("2022-06-08", "2022-06-07"),
                sanction("2022-06-21", "§ 36", "2022-06-07",
                         note="Fradrag for udeblivelsen, truffet samtidig med afgørelsen efter § 40 a"),
            ],
            decision("2022-06-21", "2022-06-07", "2022-06-27", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-05-10", "2022-06-07", "udeblev du fra dit tilbud",
                              "at du er udeblevet igen under en måned efter sanktionen"),
                     "tilbud", "2022-06-27"),
        ),
        samlet="i_overensstemmelse", kritik="ingen",
        ikke_relevant=not_relevant("jobparat", "ugift"),
        note="Sanktionen efter § 36 på den nye tilsidesættelse (7. juni 2022) er truffet samme dag som "
             "§ 40 a-afgørelsen (21. juni 2022). Det er vejledningens 'sanktion 3', der træffes samtidig; den "
             "bryder ikke kæden og er ikke den forudgående sanktion (10. maj 2022). Alle punkter er opfyldt.",
        illustrates="Revision 2, ændring 5, grænsen: kun en sanktion på den nye tilsidesættelse samme dag som "
                    "§ 40 a-afgørelsen er 'sanktion 3'.",
    ))

    # A19 -- revision 2, change 8: virkning_fra before the decision date.
    out.append(Sample(
        case=record(
            "ÅM-2023-0102", k, "Team Vest", "HBN", "å-3102", "ugift", "kontanthjælp", [
                intro("2022-06-07", "jobparat", "2022-06-14", "2022-06-15"),
                reguide("2022-11-15"),
                breach("2022-11-21", "udeblevet_tilbud"),
                hearing("2022-11-22", "2022-11-21"),
                sanction("2022-12-06", "§ 36", "2022-11-21"),
                sharpened("2022-12-06"),
                breach("2023-01-09", "udeblevet_tilbud"),
                hearing("2023-01-10", "2023-01-09"),
            ],
            decision("2023-01-25", "2023-01-09", "2023-01-23", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-12-06", "2023-01-09", "udeblev du fra dit tilbud",
                              "at du er udeblevet igen en måned efter sanktionen"),
                     "dagligt_fremmøde", "2023-01-23"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("tilbud",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"tilbud": fails("aendres", "virkning_foer_afgoerelse")},
        note="Afgørelsen er truffet onsdag 25. januar 2023, men har virkning fra mandag 23. januar 2023. En "
             "skærpet rådighedssanktion har tidligst virkning, når afgørelsen er kommet frem til borgeren, og "
             "kommunen har anvist en aktivitet; den kan ikke have tilbagevirkende kraft.",
        illustrates="Revision 2, ændring 8: virkning_fra før afgørelsens dato giver tilbud 'nej' (vejledningen "
                    "2020 om § 40 a). Før revision 2 holdt afgørelsen fejlagtigt.",
    ))

    # A17 -- rules rev. 2, change 4: the prior breach's own record says it had a reasonable cause.
    out.append(Sample(
        case=record(
            "ÅM-2022-1133", k, "Jobcentret", "LTP", "a-3318", "ugift", "kontanthjælp", [
                intro("2021-12-01", "jobparat", "2021-12-08", "2021-12-09"),
                reguide("2022-04-05"),
                breach("2022-05-02", "udeblevet_tilbud", cause="ja",
                       explanation="Jeg var indlagt på hospitalet fra 1. til 3. maj 2022."),
                hearing("2022-05-03", "2022-05-02", answer="Jeg var indlagt; udskrivningsbrevet er vedlagt.",
                        answer_date="2022-05-05"),
                investigation("2022-05-09", "2022-05-02", "hospital", "Indlæggelsen 1.-3. maj 2022 er bekræftet"),
                sanction("2022-05-16", "§ 36", "2022-05-02"),
                sharpened("2022-05-16"),
                breach("2022-06-13", "udeblevet_tilbud"),
                hearing("2022-06-14", "2022-06-13"),
            ],
            decision("2022-06-27", "2022-06-13", "2022-07-04", 1, LENGTH_1,
                     ("tidligere_sanktioner", "adfærd"),
                     text_job("2022-05-16", "2022-06-13", "udeblev du fra dit tilbud",
                              "at du igen er udeblevet"),
                     "tilbud", "2022-07-04"),
        ),
        samlet="aendres", kritik="ingen",
        nej=("forudgaaende_sanktion",),
        ikke_relevant=not_relevant("jobparat", "ugift"),
        punkter={"forudgaaende_sanktion": fails("aendres", "rimelig_grund_forudgaaende")},
        note="Kommunen har selv registreret, at borgeren havde en rimelig grund til udeblivelsen 2. maj 2022 "
             "(bekræftet indlæggelse), men sanktionerede alligevel 16. maj 2022. Den forudgående afgørelse er "
             "åbenlyst urigtig (analyseskema 3.2.1.4), så der er ingen gyldig forudgående sanktion, og § 40 a-"
             "afgørelsen ændres. Før rules.md revision 2 var forudgaaende_sanktion 'ja'.",
        illustrates="rules.md revision 2, punkt 4: forudgaaende_sanktion nej, når sagens egen registrering af "
                    "den forudgående tilsidesættelse siger rimelig grund = ja (praksisundersøgelsen: 'I én sag "
                    "har borgeren en rimelig grund og skulle derfor ikke være sanktioneret').",
    ))
    return out


# =============================================================================================
# Writers
# =============================================================================================

def all_samples() -> dict[str, list[Sample]]:
    return {"nordhavn": nordhavn(), "skovbjerg": skovbjerg(), "aamose": aamose()}


def _yaml_text(obj: object) -> str:
    """YAML, so that `audit run sample_cases` does not take the file for cases (it reads .json)."""
    import yaml

    head = "# Tilsigtet resultat for hver eksempelsag (se FORVENTET.md). Skrevet af scripts/build_sample_cases.py.\n"
    return head + yaml.safe_dump(obj, allow_unicode=True, sort_keys=True, width=100)


def _json_text(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


SAGER_COLUMNS = (
    "sagsnummer", "kommune", "enhed", "sagsbehandler", "borger_id", "cpr", "civilstand", "ydelse",
    "afgørelse_dato", "afgørelse_vedrører", "afgørelse_virkning_fra", "afgørelse_længde_måneder",
    "afgørelse_længde_begrundelse", "afgørelse_vilje_vurderet", "afgørelse_vægt_på", "afgørelse_begrundelse",
    "afgørelse_forholdt_til_målgruppe", "afgørelse_forholdt_til_13_8", "afgørelse_henvist_regler",
    "afgørelse_tilbud_art",
    "afgørelse_tilbud_startdato", "afgørelse_lukning_ved_udeblivelse", "afgørelse_ægtefælle_afgørelse",
    "afgørelse_fremmøde_oplyst", "afgørelse_klagevejledning", "afgørelse_skriftlig",
)
EVENT_COLUMNS = (
    "sagsnummer", "kommune", "type", "dato", "målgruppe", "første", "mødt", "former", "paragraf", "vedrører",
    "skriftlig", "elementer", "ægtefælle_vejledt", "art", "rimelig_grund", "forklaring", "svar_dato", "svar",
    "kanal", "opnået", "samtykke", "kilde", "resultat", "andre_forhold", "fremmer_rådighed", "note",
)
REVIEW_COLUMNS = ("sagsnummer", "kommune", "punkt", "svar", "bemærkning", "af")
DATE_KEYS = {"dato", "vedrører", "svar_dato", "virkning_fra", "startdato"}
DATE_FORMAT = "DD-MM-YYYY"


def _cell(key: str, value: object) -> object:
    """A value as it goes into an Excel cell: real dates, ja/nej, comma-separated lists."""
    if value is None:
        return None
    last = key.split("_", 1)[1] if key.startswith("afgørelse_") else key
    if last.startswith("tilbud_"):
        last = last[len("tilbud_"):]
    if last in DATE_KEYS:
        return dt.date.fromisoformat(value)  # type: ignore[arg-type]
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(value)
    return value


def _sager_row(case: dict) -> list[object]:
    dec = case["afgørelse"]
    row: list[object] = []
    for col in SAGER_COLUMNS:
        if col.startswith("afgørelse_tilbud_"):
            offer = dec.get("tilbud") or {}
            value = offer.get(col[len("afgørelse_tilbud_"):])
        elif col.startswith("afgørelse_"):
            value = dec.get(col[len("afgørelse_"):])
        else:
            value = case.get(col)
        row.append(_cell(col, value))
    return row


def _write_sheet(ws, columns: tuple[str, ...], rows: list[list[object]], widths: dict[str, int]) -> None:
    from openpyxl.styles import Font

    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    from openpyxl.utils import get_column_letter

    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(col, 14)


def excel_bytes(cases: list[dict]) -> bytes:
    """The workbook in the canonical Excel layout, as deterministic bytes."""
    wb = Workbook()
    wb.properties.creator = "build_sample_cases.py"
    wb.properties.title = "Eksempelsager, Åmose Kommune (fiktive)"
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    wb.properties.lastModifiedBy = "build_sample_cases.py"

    ws = wb.active
    ws.title = "Sager"
    _write_sheet(ws, SAGER_COLUMNS, [_sager_row(c) for c in cases],
                 {"afgørelse_begrundelse": 60, "afgørelse_længde_begrundelse": 40, "ydelse": 22})

    ev_rows: list[list[object]] = []
    for c in cases:
        for ev in c["hændelser"]:
            row: list[object] = []
            for col in EVENT_COLUMNS:
                if col in ("sagsnummer", "kommune"):
                    row.append(c[col])
                else:
                    row.append(_cell(col, ev.get(col)))
            ev_rows.append(row)
    _write_sheet(wb.create_sheet("Hændelser"), EVENT_COLUMNS, ev_rows,
                 {"note": 50, "svar": 50, "resultat": 50, "andre_forhold": 40, "elementer": 40, "former": 24})

    rv_rows: list[list[object]] = []
    for c in cases:
        for item, rv in (c.get("vurderinger") or {}).items():
            rv_rows.append([c["sagsnummer"], c["kommune"], item, rv["svar"], rv.get("bemærkning"), rv.get("af")])
    _write_sheet(wb.create_sheet("Vurderinger"), REVIEW_COLUMNS, rv_rows, {"bemærkning": 60})

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not openpyxl.save_workbook: it stamps 'modified' with now()
    # Re-pack with fixed timestamps so the file is byte-for-byte reproducible.
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            dst.writestr(new, src.read(info.filename))
    return fixed.getvalue()


def forventet(samples: dict[str, list[Sample]]) -> dict:
    out: dict = {}
    for group in samples.values():
        for s in group:
            out[s.key] = s.expected()
    return out


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fmt_items(items: list[str]) -> str:
    return ", ".join(f"`{i}`" for i in items) if items else "–"


SOURCE_FILES = {"nordhavn": "nordhavn.json", "skovbjerg": "skovbjerg.jsonl", "aamose": "aamose.xlsx"}
MALGRUPPE_DA = {"jobparat": "jobparat", "aktivitetsparat": "aktivitetsparat"}


def _groups(case: dict) -> str:
    """The målgrupper in the case's visitations, in order ('jobparat → aktivitetsparat')."""
    seen = [e["målgruppe"] for e in case["hændelser"] if e["type"] == "visitation"]
    return " → ".join(dict.fromkeys(seen)) if seen else "ingen visitation"


def forventet_md(samples: dict[str, list[Sample]]) -> str:
    lines = [
        "# Eksempelsager og forventede resultater",
        "",
        "Denne mappe indeholder fiktive sager fra tre opdigtede kommuner i de tre inputformater, som værktøjet "
        "læser, og det resultat, som tjeklisten (regelsæt `las-40a-2020`) skal give for hver sag. Sagerne er "
        "tjeklistens acceptance-eksempler: en test sammenligner værktøjets resultat med `forventet.yaml`.",
        "",
        "| fil | kommune | format |",
        "|---|---|---|",
        "| `nordhavn.json` | Nordhavn Kommune | JSON, `{\"sager\": [...]}` |",
        "| `skovbjerg.jsonl` | Skovbjerg Kommune | JSON Lines, én sag pr. linje |",
        "| `aamose.xlsx` | Åmose Kommune | Excel: arkene `Sager`, `Hændelser` og `Vurderinger` |",
        "",
        "Filerne dannes af `scripts/build_sample_cases.py`; ret i scriptet, ikke i filerne, og kør det igen.",
        "",
        "## Personoplysninger og CPR-numre",
        "",
        "Alle personer, kommuner og sager er opdigtede. Omkring en tredjedel af sagerne har et CPR-nummer i "
        "feltet `cpr`, og sag NH-2021-0902 har desuden et CPR-nummer i en note (fri tekst), så maskeringen "
        "afprøves. **Alle CPR-numre i eksemplerne har en dag, der ikke findes: 00 eller 32-39** (fx "
        "`320190-1234`), så de aldrig kan tilhøre en virkelig person. Værktøjet skal alligevel maskere dem "
        "overalt (`xxxxxx-xxxx`).",
        "",
        "## Sådan læses tabellen",
        "",
        "- **Samlet**: `i_overensstemmelse`, `aendres`, `hjemvises` eller `uden_for_regelsaet`; **kritik**: "
        "`kritik`, `bemaerkning` eller `ingen` (kun vurderet for afgørelser, der holder).",
        "- **Nej** og **ved ikke**: de punkter, der forventes besvaret `nej` / `ved_ikke`. Alle andre "
        "relevante punkter forventes `ja`. **Ikke relevant**: de aktivitetsparate punkter for en borger, der "
        "var jobparat ved hver sanktioneret tilsidesættelse, og `aegtefaelle` for en ugift borger.",
        "- Det vejledende punkt `proportionalitet` er `ja` i alle sager undtagen situationen med to korte "
        "udeblivelser fra jobsamtaler (SKB 22/07001), hvor det er `ved_ikke`. `kun_fremmoede_oplyst` er `nej` "
        "i SKB 22/06630 og ellers `ja`.",
        "- Sagen NH-2019-0874 ligger før regelsættet og får ingen punkter.",
        "",
    ]
    n_total = 0
    verdicts: dict[str, int] = {}
    for name, group in samples.items():
        kommune = group[0].case["kommune"]
        lines += [f"## {kommune} (`{SOURCE_FILES[name]}`)", "",
                  "| sagsnummer | målgruppe | civilstand | ydelse | samlet | kritik | nej | ved ikke | "
                  "ikke relevant |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for s in group:
            e = s.expected()
            c = s.case
            lines.append(
                f"| {c['sagsnummer']} | {_groups(c)} | {c.get('civilstand') or '(mangler)'} | {c['ydelse']} | "
                f"`{e['samlet']}` | `{e['kritik']}` | {_fmt_items(e['nej'])} | {_fmt_items(e['ved_ikke'])} | "
                f"{_fmt_items(e['ikke_relevant'])} |")
            n_total += 1
            verdicts[e["samlet"]] = verdicts.get(e["samlet"], 0) + 1
        lines.append("")
        for s in group:
            lines.append(f"- **{s.case['sagsnummer']}**: {_md_cell(s.note)} *Illustrerer:* {_md_cell(s.illustrates)}")
        lines.append("")
    summary = ", ".join(f"{v} `{k}`" for k, v in sorted(verdicts.items()))
    lines += ["## I alt", "", f"{n_total} sager: {summary}.", ""]
    return "\n".join(lines)


def build(out_dir: Path | str = DEFAULT_OUT) -> list[Path]:
    """Write all sample files into ``out_dir``; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    samples = all_samples()
    written: list[Path] = []

    def write(name: str, data: str | bytes) -> None:
        path = out / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="\n")
        written.append(path)

    write("nordhavn.json", _json_text({"sager": [s.case for s in samples["nordhavn"]]}))
    write("skovbjerg.jsonl",
          "".join(json.dumps(s.case, ensure_ascii=False) + "\n" for s in samples["skovbjerg"]))
    write("aamose.xlsx", excel_bytes([s.case for s in samples["aamose"]]))
    write("forventet.yaml", _yaml_text(forventet(samples)))
    write("FORVENTET.md", forventet_md(samples))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Dan eksempelsagerne i sample_cases/ og deres forventede "
                                                 "resultater.")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="mappe at skrive til (standard: sample_cases/)")
    args = parser.parse_args(argv)
    for path in build(Path(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
