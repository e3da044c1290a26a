"""The recognition patterns: for each element of each kind of letter, what a sentence must say.

Every pattern is written against ``normalise.match_form`` (lower case, number words as digits). An element
has

* ``fuld``: groups that must *all* match one sentence for the element to be found ("fundet");
* ``delvis``: (groups, why) - a sentence that touches the element but does not state all of it: "usikker";
* ``utilstrækkelig``: (groups, why) - wordings Ankestyrelsen has judged not enough (E11): "ikke fundet",
  with the sentence quoted and the reason;
* ``påstand``: the verbs that carry the statement; a negation next to one of them ("lukkes ikke",
  "vil ikke blive lukket") means the sentence says the opposite;
* ``modsat``: phrases that deny the element outright ("påvirkes ikke", "har ingen betydning for").

The law's wording, hjemmel and recommendations are data in the checklist file (``tekstkontrol``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = r"(?:[\w§.\-]+[ ,]+)"  # one word and what follows it, for "up to n words between"

HELP = r"(?:hjælp\w*|ydelse\w*|kontanthjælp\w*|uddannelseshjælp\w*|selvforsørgelses\w*|overgangsydelse\w*|penge)"
ONLY = r"(?:\bkun\b|\balene\b|\budelukkende\b|\bikun\b)"
DAYS = r"\bdag(?:e|en|ene)?\b"
ATTEND = (r"(?:deltag\w*|\bmød\w*|fremmød\w*|opfyld\w* (?:din |sin )?rådighed\w*|til stede|\bdukker op|"
          r"står til rådighed)")
NOT_ATTEND = (r"(?:udebli\w*|ikke " + W + r"{0,2}(?:mød\w*|deltag\w*|kommer|er til stede)|fravær\w*|"
              r"uden (?:at )?(?:møde|deltage)|ikke (?:er )?(?:mødt|kommet))")
WHOLE_MONTH = (r"(?:hel\w*|fuld\w*|samlet|sammenhængende|hele) (?:\w+ )?(?:kalender)?måned\w*"
               r"|\b1 (?:hel )?kalendermåned"
               r"|kalendermåned\w* (?:igennem|i træk)")
CASE_CLOSE = (r"(?:sag\w*" + r" " + W + r"{0,4}(?:lukke\w*|lukket|afslutte\w*)|(?:lukke\w*|lukning\w*|afslut\w*) "
              + W + r"{0,3}sag\w*)")
HELP_STOP = (r"(?:" + HELP + r" " + W + r"{0,4}(?:ophør\w*|stop\w*|bortfald\w*|helt væk|falder bort)|"
             r"(?:ophør\w*|stop\w*|bortfald\w*) " + W + r"{0,3}" + HELP + r")")
CLOSE = r"(?:" + CASE_CLOSE + r"|" + HELP_STOP + r")"
CLOSE_VERBS = r"(?:lukke\w*|lukket|afslutte\w*|ophør\w*|ophøre|stop\w*|bortfald\w*|mist\w*|miste)"
SPOUSE = r"(?:ægtefæll\w*|\bdin (?:mand|hustru|kone)\b|\bgift\b)"
SHARPENED = r"(?:skærpe\w* (?:rådigheds)?sanktion\w*|\b40 ?a\b)"
LENGTH_UP_TO = (r"(?:op til 3 måneder|indtil 3 måneder|1, 2 eller 3 måneder|1-3 måneder|1 til 3 måneder|"
                r"højst 3 måneder|maksimalt 3 måneder|i en periode på (?:op til )?(?:1|2|3) måned)")
HELP_LOSS = (r"(?:mist\w* " + W + r"{0,4}" + HELP + r"|" + HELP_STOP + r"|ikke (?:få|modtage|har ret til) "
             + W + r"{0,2}" + HELP + r"|ingen " + HELP + r"|" + ONLY + r" " + W + r"{0,3}" + HELP + r"|"
             + HELP + r" " + W + r"{0,4}" + ONLY + r")")
NEGATORS = r"(?:ikke|aldrig|ingen|intet)"
# Words that may stand between a negation and the verb it negates ("vil ikke blive lukket", "ikke, at din sag
# lukkes") without starting a clause of their own.
_AUX = (r"(?:vil|kan|skal|blive|bliver|blevet|være|er|at|dog|så|automatisk|samtidig|også|heller|længere|du|din|dit|"
        r"dine|den|det|sag|sagen|hjælp|hjælpen|ydelsen|derfor|nødvendigvis|umiddelbart|ægtefællens|ægtefællen)")
_AFTER = r"(?:dog|så|også|heller|automatisk|samtidig|derfor|nødvendigvis|længere|umiddelbart)"


@dataclass(frozen=True)
class Pattern:
    fuld: tuple[tuple[str, ...], ...]  # alternatives; each a tuple of regexes that must all match
    delvis: tuple[tuple[tuple[str, ...], str], ...] = ()
    utilstraekkelig: tuple[tuple[tuple[str, ...], str], ...] = ()
    paastand: str = ""
    modsat: tuple[str, ...] = ()
    dokument: bool = False  # judged on the whole text, not sentence by sentence (citations of § 40 a)
    naeste_saetning: tuple[str, ...] = field(default=())  # the next sentence may complete a partial one


def all_match(groups: tuple[str, ...], text: str) -> bool:
    return all(re.search(g, text) for g in groups)


def negated(pattern: Pattern, text: str) -> str | None:
    """The phrase that negates the element's statement in this sentence, or None."""
    for rx in pattern.modsat:
        m = re.search(rx, text)
        if m:
            return m.group(0)
    if not pattern.paastand:
        return None
    for m in re.finditer(pattern.paastand, text):
        before = text[:m.start()]
        b = re.search(r"\b" + NEGATORS + r"(?:[ ,]+" + _AUX + r"){0,4}[ ,]*$", before)
        if b:
            return text[b.start():m.end()]
        a = re.match(r"(?:[ ,]+" + _AFTER + r"){0,2}[ ,]+(?:ikke|aldrig)\b", text[m.end():])
        if a:
            return text[m.start():m.end() + a.end()]
    return None


E11_NOTE = ("Ankestyrelsen har vurderet en vejledning med denne formulering som utilstrækkelig (eksempel E11 i "
            "praksisundersøgelsen): at hjælpen er \"betinget af, hvor meget du deltager\", siger ikke, at hjælpen "
            "kun udbetales for de dage, borgeren møder frem.")

KONSEKVENS = Pattern(
    fuld=((SHARPENED, HELP_LOSS), (LENGTH_UP_TO, HELP_LOSS), (SHARPENED, LENGTH_UP_TO)),
    delvis=(((SHARPENED,), "Sætningen nævner skærpet rådighedssanktion, men ikke hvad den betyder for hjælpen "
                           "(at hjælpen kan bortfalde i op til 3 måneder)."),
            ((r"mist\w* " + W + r"{0,4}" + HELP, r"igen|på ny|endnu en gang|gentag\w*"),
             "Sætningen siger, at hjælpen kan mistes, men ikke at det er en skærpet rådighedssanktion eller hvor "
             "længe.")),
    paastand=r"mist\w*|miste\b|bortfald\w*|ophør\w*|\bfå\b (?=" + W + r"{0,2}skærpe)",
    modsat=(r"(?:mister|miste) (?:\w+ )?ikke|ikke (?:\w+ )?(?:få|blive omfattet af) (?:en )?skærpe\w*",
            r"skærpe\w* (?:rådigheds)?sanktion\w* (?:\w+ ){0,2}(?:ikke|aldrig) (?:\w+ )?"
            r"(?:komme på tale|bruges|anvendes|gælde)"),
)

KUN_FREMMOEDEDAGE = Pattern(
    fuld=((ONLY, HELP, DAYS, ATTEND),
          (r"ikke " + W + r"{0,3}(?:" + HELP + r"|udbetal\w*)", DAYS, NOT_ATTEND),
          (ONLY, r"udbetal\w*|\bfår\b|modtag\w*", DAYS, ATTEND)),
    delvis=(((ONLY, HELP, ATTEND),
             "Sætningen siger, at hjælpen afhænger af fremmøde, men ikke at den kun udbetales for de dage, "
             "borgeren møder frem."),
            ((HELP, DAYS, ATTEND),
             "Sætningen nævner hjælp for de dage, borgeren deltager, men ikke at der kun udbetales hjælp for de "
             "dage.")),
    utilstraekkelig=(((r"betinget af|afhæng\w* af|afhængig af", r"hvor meget|i hvilket omfang|deltag\w*|"
                       r"fremmød\w*|aktivitet"), E11_NOTE),),
    paastand="",
    modsat=(r"ikke (?:længere )?(?:kun|alene|udelukkende)\b",
            r"uanset (?:om|dit|din) (?:\w+ )?(?:fremmøde|deltag\w*|mød\w*)",
            r"også for (?:de )?dage\w*,? hvor (?:du|borgeren) ikke"),
)

LUKNING = Pattern(
    fuld=((WHOLE_MONTH, CLOSE, r"(?:" + NOT_ATTEND + r"|" + ATTEND + r")"),),
    delvis=(((CLOSE, NOT_ATTEND), "Sætningen siger, at sagen lukkes eller hjælpen ophører ved udeblivelse, men "
                                  "ikke at det sker, når borgeren udebliver en hel kalendermåned."),
            ((WHOLE_MONTH, NOT_ATTEND), "Sætningen nævner en hel kalendermåneds udeblivelse, men ikke at hjælpen "
                                        "ophører og sagen lukkes.")),
    paastand=CLOSE_VERBS,
    modsat=(r"(?:sag\w*|hjælp\w*) (?:\w+ ){0,2}(?:forbliver|er fortsat|bliver ved med at være) "
            r"(?:åben|aktiv|uændret)",),
)

AEGTEFAELLE = Pattern(
    fuld=((SPOUSE, CLOSE), (SPOUSE, r"mist\w* " + W + r"{0,4}" + HELP)),
    delvis=(((SPOUSE, r"betydning|konsekvens\w*|påvirk\w*|berør\w*|gælder (?:\w+ )?også|det samme|ligeledes|"
                      r"omfattet|også få|rammes"),
             "Sætningen nævner ægtefællen, men siger ikke udtrykkeligt, at ægtefællens sag lukkes og hjælpen til "
             "ægtefællen ophører."),),
    paastand=CLOSE_VERBS + r"|påvirk\w*|berør\w*|rammes",
    modsat=(r"(?:ingen|ikke nogen) (?:\w+ )?(?:betydning|konsekvens\w*|indflydelse|virkning)",
            r"(?:påvirke\w*|berøre\w*|rammes) (?:\w+ )?ikke", r"uændret|uberørt|beholde\w*|fortsætter som hidtil"),
)

# § 35, stk. 1 (001 lines 1476-1481)
PLIGTER = Pattern(
    fuld=((r"pligt\w*|skal (?:\w+ )?(?:møde|deltage|tage imod|søge|registrere|booke|stå til rådighed)",
           r"rådighed\w*|samtale\w*|tilbud\w*|\bjob\w*|arbejde\w*"),),
)
KONSEKVENS_YDELSE = Pattern(
    fuld=((r"fradrag\w*|nedsæt\w*|nedsat\w*|sanktion\w*", HELP,
           r"udebliv\w*|ikke (?:\w+ )?(?:møde\w*|deltage\w*|overholde\w*)|afvis\w*|afslå\w*|uden rimelig grund"),),
    delvis=(((r"fradrag\w*|nedsæt\w*|sanktion\w*", HELP), "Sætningen nævner fradrag eller sanktion, men ikke "
                                                          "hvornår (ved udeblivelse fra samtaler eller tilbud)."),),
    paastand=r"fradrag\w*|nedsæt\w*|nedsat",
)
SKRIDT = Pattern(
    fuld=((r"igen (?:\w+ ){0,2}(?:få|modtage|blive berettiget|have ret)|(?:få|modtage) (?:\w+ ){0,3}" + HELP
           + r" igen|berettiget til " + HELP + r" igen|genoptage\w*",
           r"kontakt\w*|opfylde\w*|møde\w*|deltage\w*|når du|ved at|hvis du"),),
    delvis=(((r"igen (?:\w+ ){0,2}(?:få|modtage)|" + HELP + r" igen",), "Sætningen siger, at hjælpen kan komme "
                                                                        "igen, men ikke hvad borgeren skal gøre."),),
)
SKAERPET_MULIGHED = Pattern(
    fuld=((SHARPENED, r"(?:" + HELP_LOSS + r"|" + LENGTH_UP_TO + r"|" + DAYS + r")"),),
    delvis=(((SHARPENED,), "Sætningen nævner skærpet rådighedssanktion, men ikke dens konsekvenser for hjælpen."),),
    paastand=r"\bfå\b|mist\w*",
)

# § 40 a decision letters
HJEMMEL_40A = Pattern(fuld=(), dokument=True)
LAENGDE = Pattern(
    fuld=((r"(?:\bi|\bpå|\bfor|periode på|sanktion på) (?:\w+ )?[123] måned(?:er)?\b|\b[123] måneders",
           r"\bfordi\b|\bda\b|begrund\w*|lagt (?:\w+ )?vægt|lægger (?:\w+ )?vægt|henset til|på grund af|\bidet\b|"
           r"baggrund|vurderet|vurderer|proportional\w*"),),
    delvis=(((r"(?:\bi|\bpå|\bfor|periode på|sanktion på) (?:\w+ )?[123] måned(?:er)?\b|\b[123] måneders",),
             "Sætningen angiver længden, men ikke hvorfor kommunen har valgt netop den længde."),),
    naeste_saetning=(r"\bfordi\b|begrund\w*|lagt (?:\w+ )?vægt|lægger (?:\w+ )?vægt|henset til|baggrund|vurder\w*",),
)
DATE = (r"(?:\b\d{1,2}\. ?(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)"
        r"|\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b)")
VIRKNING_FRA = Pattern(
    fuld=((r"gælder fra|virkning fra|gældende fra|træder i kraft|har virkning|fra og med|med virkning|starter|"
           r"begynder|løber fra|fra den", DATE),),
    delvis=(((r"gælder fra|virkning fra|gældende fra|træder i kraft|med virkning",),
             "Sætningen siger, at afgørelsen har virkning fra et tidspunkt, men ikke hvilken dato."),),
)
TILBUD = Pattern(
    fuld=((r"tilbud\w*|aktivitet\w*|daglige samtaler|møde dagligt|dagligt fremmøde|virksomhedspraktik|nytteindsats|"
           r"jobcenter\w*", r"samme dag|påbegynd\w*|\bstart\w*|begynd\w*|fra (?:og med )?(?:den )?\d{1,2}\."),),
    delvis=(((r"tilbud\w*|aktivitet\w*|daglige samtaler|møde dagligt|dagligt fremmøde",
              r"skal (?:\w+ )?(?:deltage|møde)|giver dig|har fået|får"),
             "Sætningen nævner tilbuddet eller aktiviteten, men ikke at den kan påbegyndes samme dag, som "
             "afgørelsen har virkning fra."),),
)
KLAGEVEJLEDNING = Pattern(
    fuld=((r"klage\w*", r"\b4 uger|klagefrist|ankestyrelsen|inden \d+ uger|senest \d+ uger"),),
    delvis=(((r"klage\w*",), "Sætningen nævner klage, men ikke klagefristen eller hvor der klages."),),
    paastand=r"kan (?:\w+ )?klage",
)

PATTERNS: dict[str, dict[str, Pattern]] = {
    "vejledning_35_2": {
        "konsekvens": KONSEKVENS, "kun_fremmødedage": KUN_FREMMOEDEDAGE, "lukning_kalendermåned": LUKNING,
        "ægtefælle": AEGTEFAELLE,
    },
    "vejledning_35_1": {
        "pligter": PLIGTER, "konsekvens_ydelse": KONSEKVENS_YDELSE, "skridt_igen_hjælp": SKRIDT,
        "skærpet_mulighed": SKAERPET_MULIGHED,
    },
    "afgørelse_40a": {
        "hjemmel_40a": HJEMMEL_40A, "længde": LAENGDE, "virkning_fra": VIRKNING_FRA, "tilbud": TILBUD,
        "kun_fremmødedage": KUN_FREMMOEDEDAGE, "lukning_kalendermåned": LUKNING, "ægtefælle": AEGTEFAELLE,
        "klagevejledning": KLAGEVEJLEDNING,
    },
}

# Which kind of text it is (document level, on the match form of the whole text).
DECISION_40A = (r"(?:har|vi har|kommunen har|jobcentret har) (?:\w+ ){0,3}(?:truffet afgørelse|besluttet)|"
                r"afgørelse om skærpet|du får (?:\w+ ){0,2}skærpe\w* (?:rådigheds)?sanktion|"
                r"vi giver dig (?:\w+ ){0,2}skærpe\w*")
STK_CITATION = re.compile(r"40 ?a,? stk\.? ?((?:\d+(?:, (?:og |eller )?| og | eller |-)?)+)")
