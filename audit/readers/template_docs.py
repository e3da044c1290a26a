"""What the Excel template (``audit template``) says: the column documentation and the example case.

``ColumnDoc`` tables for the sheets ``Sager``, ``Hændelser`` and ``Vurderinger`` (meaning, required,
format, code list for the drop-down), the event-type texts and the introduction on the ``Vejledning``
sheet, and ONE fictitious example case (``EXAMPLE_CASE``) with ``example_rows`` laying it out per sheet.
The workbook itself is written by ``audit.readers.template``, which re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit import model as m
from audit.readers.mapping import (
    CASE_COLUMNS,
    DECISION_PREFIX,
    OFFER_PREFIX,
    SHEET_CASES,
    SHEET_EVENTS,
    SHEET_REVIEWS,
)
from audit.readers.parse import EXAMPLE_CASE_NUMBER, EXAMPLE_MUNICIPALITY
from audit.rules.checklist import known_item_ids

YES_NO_TEXT = "ja / nej (også x, 1/0)"
DATE_TEXT = "dato: DD-MM-ÅÅÅÅ (eller ÅÅÅÅ-MM-DD)"


@dataclass(frozen=True)
class ColumnDoc:
    meaning: str
    required: str = "nej"
    fmt: str = "tekst"
    codes: tuple[str, ...] | None = None  # a drop-down from this list
    multi: bool = False  # comma-separated list of codes (drop-down as a suggestion only)


def _yn(meaning: str, required: str = "nej") -> ColumnDoc:
    return ColumnDoc(meaning, required, YES_NO_TEXT, m.YES_NO)


def _date(meaning: str, required: str = "nej") -> ColumnDoc:
    return ColumnDoc(meaning, required, DATE_TEXT)


def _code(meaning: str, codes: tuple[str, ...], required: str = "nej") -> ColumnDoc:
    return ColumnDoc(meaning, required, "kode fra listen", codes)


def _multi(meaning: str, codes: tuple[str, ...], required: str = "nej") -> ColumnDoc:
    return ColumnDoc(meaning, required, "en eller flere koder fra listen, adskilt med komma", codes, multi=True)


CASE_DOCS: dict[str, ColumnDoc] = {
    "sagsnummer": ColumnDoc("Kommunens sagsnummer for afgørelsen. Må kun forekomme én gang pr. kommune.", "ja"),
    "kommune": ColumnDoc("Kommunens navn, fx 'Gentofte Kommune'.", "ja"),
    "enhed": ColumnDoc("Enhed eller team; bruges til stikprøver og ledelsestilsyn."),
    "sagsbehandler": ColumnDoc("Sagsbehandlerens initialer; bruges til stikprøver og ledelsestilsyn."),
    "borger_id": ColumnDoc("Et pseudonym, der forbinder flere sager om samme borger. Ikke CPR-nummer."),
    "cpr": ColumnDoc("Borgerens CPR-nummer. Accepteres, så en eksport ikke skal renses, men vises og gemmes "
                     "aldrig. Lad kolonnen være tom, hvis I kan.", fmt="tekst (DDMMÅÅ-XXXX)"),
    "civilstand": _code("Borgerens civilstand. 'gift' gør ægtefællekonsekvenserne efter § 35, stk. 2, nr. 4 og "
                        "§ 40 a, stk. 7 relevante.", m.MARITAL_STATUSES),
    "ydelse": _code("Ydelsen, borgeren modtager. Tom betyder kontanthjælp.", m.BENEFITS),
    DECISION_PREFIX + "dato": _date("Datoen for afgørelsen om skærpet rådighedssanktion (§ 40 a).", "ja"),
    DECISION_PREFIX + "vedrører": _date("Datoen for den nye tilsidesættelse, afgørelsen sanktionerer. Tom: den "
                                        "seneste tilsidesættelse efter den forudgående sanktion."),
    DECISION_PREFIX + "virkning_fra": _date("Datoen, sanktionen har virkning fra."),
    DECISION_PREFIX + "længde_måneder": ColumnDoc("Sanktionens længde i hele måneder.", fmt="heltal: 1, 2 eller 3"),
    DECISION_PREFIX + "længde_begrundelse": ColumnDoc("Afgørelsens begrundelse for længden."),
    DECISION_PREFIX + "vilje_vurderet": _yn("Om afgørelsen konkret vurderer, at adfærden viser manglende vilje "
                                            "til at stå til rådighed."),
    DECISION_PREFIX + "vægt_på": _multi("Hvad vurderingen af manglende vilje lægger vægt på.",
                                        m.WEIGHTED_CIRCUMSTANCES),
    DECISION_PREFIX + "begrundelse": ColumnDoc("Afgørelsens begrundelse, som den er skrevet til borgeren."),
    DECISION_PREFIX + "forholdt_til_målgruppe": _yn("Om afgørelsens begrundelse forholder sig til borgerens "
                                                    "målgruppe (jobparat/aktivitetsparat; 'hensyn til "
                                                    "visitation', analyseskema 4.2.3). Tom: begrundelsen søges "
                                                    "efter målgruppens navn."),
    DECISION_PREFIX + "forholdt_til_13_8": _yn("Kun aktivitetsparate: om afgørelsens begrundelse forholder sig "
                                               "til vurderingen efter § 13, stk. 8 (andre forhold end rimelige "
                                               "grunde, og om sanktionen vil fremme rådigheden). Tom: "
                                               "begrundelsen søges efter '13, stk. 8'."),
    DECISION_PREFIX + "henvist_regler": _yn("Om afgørelsen henviser til de regler, den bygger på."),
    OFFER_PREFIX + "art": _code("Tilbuddet eller aktiviteten efter § 40 a, stk. 2, som borgeren kan møde op til "
                                "for at få hjælp.", m.OFFER_KINDS),
    OFFER_PREFIX + "startdato": _date("Datoen, tilbuddet eller aktiviteten begynder."),
    DECISION_PREFIX + "lukning_ved_udeblivelse": _yn("Om der samtidig er truffet afgørelse efter § 40 a, stk. 7 "
                                                     "om, at hjælpen ophører, hvis borgeren udebliver en hel "
                                                     "kalendermåned."),
    DECISION_PREFIX + "ægtefælle_afgørelse": _yn("For en gift borger: om afgørelsen om ægtefællen efter § 40 a, "
                                                 "stk. 7 er truffet samtidig."),
    DECISION_PREFIX + "fremmøde_oplyst": _yn("Om afgørelsen oplyser, at hjælpen kun udbetales for dage med "
                                             "fremmøde, og hvad borgeren skal gøre."),
    DECISION_PREFIX + "klagevejledning": _yn("Om afgørelsen indeholder klagevejledning."),
    DECISION_PREFIX + "skriftlig": _yn("Om afgørelsen er givet skriftligt."),
}

EVENT_DOCS: dict[str, ColumnDoc] = {
    "sagsnummer": ColumnDoc("Sagsnummeret på den sag (række i arket Sager), hændelsen hører til.", "ja"),
    "kommune": ColumnDoc("Kommunen. Skal udfyldes, hvis samme sagsnummer findes i flere kommuner i filen.",
                         "når sagsnummeret ikke er entydigt"),
    "type": _code("Hændelsens type; se afsnittet 'Hændelsestyper' nedenfor for, hvilke kolonner hver type bruger.",
                  m.EVENT_TYPES, "ja"),
    "dato": _date("Hændelsens dato.", "ja"),
    "målgruppe": _code("visitation: borgerens målgruppe fra den dato (LAB § 6, nr. 2 / nr. 3).", m.TARGET_GROUPS,
                       "ja, ved visitation"),
    "første": _yn("jobsamtale: om det er den første jobsamtale efter ansøgningen om hjælp."),
    "mødt": _yn("jobsamtale: om borgeren mødte op."),
    "former": _multi("vejledning: hvordan vejledningen efter § 35, stk. 1 blev givet: gennemgået og drøftet med "
                     "borgeren, udleveret skriftligt, sendt bagefter, tilgængeliggjort (ved genvejledning).",
                     m.GUIDANCE_FORMS),
    "paragraf": _code("sanktion: den paragraf, den forudgående sanktion blev givet efter.", m.SANCTION_PARAGRAPHS),
    "vedrører": _date("sanktion, partshøring, kontaktforsøg, sagsoplysning, vurdering_13_8: datoen for den "
                      "tilsidesættelse, hændelsen handler om. En partshøring, et kontaktforsøg, en sagsoplysning "
                      "eller en vurdering dateret før denne dato er en fejl (samme dag er i orden)."),
    "skriftlig": _yn("vejledning_skærpet: om vejledningen om skærpet rådighedssanktion var skriftlig."),
    "elementer": _multi("vejledning_skærpet: hvilke af de fire krævede elementer vejledningen indeholdt.",
                        m.SHARPENED_ELEMENTS),
    "ægtefælle_vejledt": _yn("vejledning_skærpet: om ægtefællen også er vejledt skriftligt."),
    "tekst": ColumnDoc("vejledning_skærpet: vejledningens tekst, som sagssystemet har gemt den. Er 'elementer' "
                       "tom, læses elementerne af teksten sætning for sætning (som audit tekst), og svaret "
                       "citerer sætningerne."),
    "art": _code("tilsidesættelse: hvilken slags tilsidesættelse af rådighedspligten (analyseskemaets 4.1.2).",
                 m.BREACH_KINDS),
    "rimelig_grund": _code("tilsidesættelse: om borgeren havde en rimelig grund.", m.YES_NO_UNKNOWN),
    "forklaring": ColumnDoc("tilsidesættelse: borgerens forklaring."),
    "svar_dato": _date("partshøring: datoen for borgerens svar; ikke før partshøringens dato (det er en fejl)."),
    "svar": ColumnDoc("partshøring: borgerens svar; tom, hvis borgeren ikke svarede."),
    "kanal": _code("kontaktforsøg: hvordan kommunen forsøgte at få personlig kontakt (§ 35, stk. 7); 'fremmøde' "
                   "betyder, at borgeren selv mødte op.", m.CONTACT_CHANNELS),
    "opnået": _yn("kontaktforsøg: om kontakten blev opnået. Ved kanalen 'fremmøde' altid ja (nej er en fejl)."),
    "samtykke": _yn("kontaktforsøg via 'familie' eller 'værge': om borgeren på forhånd havde givet "
                    "samtykke (bekg. § 11, stk. 4)."),
    "kilde": ColumnDoc("sagsoplysning: hvor oplysningerne kom fra, fx læge, borger, tilbudssted."),
    "resultat": ColumnDoc("sagsoplysning: hvad oplysningerne viste."),
    "andre_forhold": ColumnDoc("vurdering_13_8: kommunens vurdering af andre forhold efter § 13, stk. 8."),
    "fremmer_rådighed": _code("vurdering_13_8: om sanktionen vurderes at fremme borgerens rådighed.", m.YES_NO),
    "note": ColumnDoc("Alle typer: fri tekst. Skriv ikke CPR-numre eller helbredsoplysninger i noter."),
}

REVIEW_DOCS: dict[str, ColumnDoc] = {
    "sagsnummer": ColumnDoc("Sagsnummeret på den sag, vurderingen hører til.", "ja"),
    "kommune": ColumnDoc("Kommunen. Skal udfyldes, hvis samme sagsnummer findes i flere kommuner i filen.",
                         "når sagsnummeret ikke er entydigt"),
    "punkt": _code("Tjeklistepunktets id; se afsnittet 'Tjeklistepunkter' nedenfor. Én række pr. punkt pr. sag.",
                   known_item_ids(), "ja"),
    "svar": _code("Gennemgangens svar på punktet. Erstatter det svar, værktøjet selv beregner.", m.ANSWERS, "ja"),
    "bemærkning": ColumnDoc("Begrundelse for svaret."),
    "af": ColumnDoc("Initialer på den, der har vurderet punktet."),
    "virkning": _code("Kun ved svaret 'nej': virkningen (ændres, hjemvises, kritik, bemærkning). Tom: tjeklistens "
                      "virkning.", m.CONSEQUENCES),
}

DOCS: dict[str, dict[str, ColumnDoc]] = {SHEET_CASES: CASE_DOCS, SHEET_EVENTS: EVENT_DOCS, SHEET_REVIEWS: REVIEW_DOCS}

EVENT_TYPE_DOCS: dict[str, str] = {
    "visitation": "Visitation til en målgruppe (jobparat eller aktivitetsparat).",
    "jobsamtale": "En jobsamtale; 'første' markerer den første efter ansøgningen.",
    "vejledning": "Vejledning om rettigheder og pligter efter § 35, stk. 1 (også genvejledning).",
    "sanktion": "En afgørelse om sanktion efter §§ 36-40 (den forudgående sanktion).",
    "vejledning_skærpet": "Vejledning efter § 35, stk. 2 om skærpet rådighedssanktion.",
    "tilsidesættelse": "En tilsidesættelse af rådighedspligten (udeblivelse, afslag m.m.).",
    "partshøring": "Partshøring af borgeren om en tilsidesættelse, og borgerens svar.",
    "kontaktforsøg": "Et forsøg på personlig kontakt om en tilsidesættelse (§ 35, stk. 7).",
    "sagsoplysning": "Kommunen indhentede yderligere oplysninger om en tilsidesættelse.",
    "vurdering_13_8": "Vurderingen efter § 13, stk. 8 for en aktivitetsparat borger, før sanktionen.",
}

# The one filled example: fictitious municipality, case and people; no CPR number.
EXAMPLE_CASE: dict = {
    "sagsnummer": EXAMPLE_CASE_NUMBER,
    "kommune": EXAMPLE_MUNICIPALITY,
    "enhed": "Team Nord",
    "sagsbehandler": "ABC",
    "borger_id": "eksempel-1",
    "civilstand": "gift",
    "ydelse": "kontanthjælp",
    "hændelser": [
        {"type": "visitation", "dato": "2023-09-01", "målgruppe": "aktivitetsparat"},
        {"type": "jobsamtale", "dato": "2023-09-14", "første": True, "mødt": True},
        {"type": "vejledning", "dato": "2023-09-14", "former": ["gennemgået", "udleveret"]},
        {"type": "vejledning", "dato": "2023-09-15", "former": ["sendt"]},
        {"type": "tilsidesættelse", "dato": "2024-01-10", "art": "udeblevet_tilbud", "rimelig_grund": "nej",
         "forklaring": "Borgeren oplyste, at vækkeuret ikke ringede."},
        {"type": "partshøring", "dato": "2024-01-12", "vedrører": "2024-01-10", "svar_dato": "2024-01-16",
         "svar": "Jeg sov over mig."},
        {"type": "kontaktforsøg", "dato": "2024-01-20", "vedrører": "2024-01-10", "kanal": "telefon",
         "opnået": False},
        {"type": "kontaktforsøg", "dato": "2024-01-22", "vedrører": "2024-01-10", "kanal": "hjemmebesøg",
         "opnået": True},
        {"type": "sagsoplysning", "dato": "2024-01-23", "vedrører": "2024-01-10", "kilde": "tilbudssted",
         "resultat": "Tilbuddet begyndte kl. 10; borgeren var ikke forhindret."},
        {"type": "vurdering_13_8", "dato": "2024-01-25", "vedrører": "2024-01-10",
         "andre_forhold": "Ingen forhold taler imod en sanktion.", "fremmer_rådighed": "ja"},
        {"type": "sanktion", "dato": "2024-01-26", "paragraf": "§ 36", "vedrører": "2024-01-10"},
        {"type": "vejledning_skærpet", "dato": "2024-01-26", "skriftlig": True, "ægtefælle_vejledt": True,
         "elementer": ["konsekvens", "kun_fremmødedage", "lukning_kalendermåned", "ægtefælle"]},
        {"type": "tilsidesættelse", "dato": "2024-02-14", "art": "udeblevet_jobsamtale", "rimelig_grund": "nej"},
        {"type": "partshøring", "dato": "2024-02-15", "vedrører": "2024-02-14"},
        {"type": "kontaktforsøg", "dato": "2024-02-16", "vedrører": "2024-02-14", "kanal": "telefon",
         "opnået": True},
        {"type": "sagsoplysning", "dato": "2024-02-19", "vedrører": "2024-02-14", "kilde": "tilbudssted",
         "resultat": "Borgeren har ikke meldt afbud.", "note": "Eksempel: fri tekst uden personoplysninger."},
        {"type": "vurdering_13_8", "dato": "2024-02-20", "vedrører": "2024-02-14",
         "andre_forhold": "Ingen nye forhold taler imod en sanktion.", "fremmer_rådighed": "ja"},
    ],
    "afgørelse": {
        "dato": "2024-03-01",
        "vedrører": "2024-02-14",
        "virkning_fra": "2024-03-07",
        "længde_måneder": 2,
        "længde_begrundelse": "Anden udeblivelse kort efter den forudgående sanktion.",
        "vilje_vurderet": True,
        "vægt_på": ["tidligere_sanktioner", "adfærd"],
        "begrundelse": "Du er aktivitetsparat. Vi har efter § 13, stk. 8, vurderet, at der ikke er andre forhold, "
                       "der taler imod en sanktion, og at den vil fremme din rådighed. Vi lægger vægt på, at du "
                       "igen er udeblevet uden rimelig grund.",
        "forholdt_til_målgruppe": True,
        "forholdt_til_13_8": True,
        "henvist_regler": True,
        "tilbud": {"art": "daglige_samtaler", "startdato": "2024-03-07"},
        "lukning_ved_udeblivelse": True,
        "ægtefælle_afgørelse": True,
        "fremmøde_oplyst": True,
        "klagevejledning": True,
        "skriftlig": True,
    },
    "vurderinger": {
        "begrundelse": {"svar": "ja", "bemærkning": "Hovedhensynene fremgår af afgørelsen.", "af": "XYZ"},
    },
}

INTRO = (
    "Skabelonen følger sagsformatet (version 1) for 'audit', der gennemgår afgørelser om skærpet "
    "rådighedssanktion (LAS § 40 a) efter Ankestyrelsens metode.",
    "Én række i arket 'Sager' er én afgørelse efter § 40 a. Sagens forløb står i arket 'Hændelser' (én række pr. "
    "hændelse, i vilkårlig rækkefølge) og knyttes til sagen med sagsnummer (og kommune).",
    "Arket 'Vurderinger' er valgfrit: her kan en gennemgang svare på tjeklistepunkter, der kræver et skøn.",
    "Rækken med sagsnummer EKS-2024-0001 er et opdigtet eksempel. Slet eksemplets rækker i alle tre ark, før I "
    "indtaster jeres egne sager.",
    "Det, der ikke er udfyldt, regnes som ikke dokumenteret i sagen (aldrig som 'ja'). Ukendt: lad cellen stå tom.",
    "Kolonneoverskrifterne skal bevares (formatets navne, fx afgørelse_dato for Afgørelsesdato, kan også bruges); "
    "store/små bogstaver, mellemrum, '_' og '-' er ligegyldige, og æ/ø/å må "
    "skrives ae/oe/aa. Hedder kolonnerne noget andet i jeres eksport, kan en mappingfil oversætte dem "
    "(audit validate --mapping FIL).",
    "Tjek filen med: audit validate FIL.xlsx",
)


def example_rows(case: dict | None = None) -> dict[str, list[dict[str, object]]]:
    """The example case as rows per sheet (canonical column -> cell value)."""
    case = case or EXAMPLE_CASE
    key = {"sagsnummer": case["sagsnummer"], "kommune": case["kommune"]}
    row: dict[str, object] = {c: case.get(c) for c in CASE_COLUMNS if c in case}
    decision = case.get("afgørelse") or {}
    for k, v in decision.items():
        if k == "tilbud":
            for ok, ov in (v or {}).items():
                row[OFFER_PREFIX + ok] = ov
        else:
            row[DECISION_PREFIX + k] = v
    events = [{**key, **ev} for ev in case.get("hændelser", [])]
    reviews = [{**key, "punkt": pid, **body} for pid, body in (case.get("vurderinger") or {}).items()]
    return {SHEET_CASES: [row], SHEET_EVENTS: events, SHEET_REVIEWS: reviews}
