"""Reading coded values the way headers are read: one normaliser (``norm_name``), the template's own words
for each code (``DISPLAY``), other words caseworkers write for it (``SYNONYMS``), and ``match_code``, which
says how a written value was read ("præcis", "normaliseret", "synonym") or which codes it is closest to.
``audit.readers.parse`` checks every coded field with it, ``audit.readers.mapping`` matches headers with
``norm_name``, and the Excel template writes ``DISPLAY``'s words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from audit import model as m


def norm_code(text: str) -> str:
    return " ".join(text.strip().lower().split())


_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_DROP = re.compile(r"[\s_\-.]+")


def norm_name(text: object) -> str:
    """The matching form of a header, sheet name or coded value: case is ignored, spaces, ``_``, ``-`` and
    ``.`` are removed, and æ/ø/å may be written ae/oe/aa (``Tidligere sanktioner``, ``tidligere-sanktioner``
    and ``TIDLIGERE_SANKTIONER`` are one value). ``audit.readers.mapping`` matches headers with it too."""
    t = unicodedata.normalize("NFKC", str(text)).casefold().translate(_DANISH)
    return _DROP.sub("", t)


# Other words caseworkers write for a code, per list of allowed values (written as people write them; they
# are matched after norm_name). Only words that cannot mean anything else: a near miss such as "jobparrat"
# is no synonym but gets a suggestion. A value read through this table is accepted with an ``advarsel``.
SYNONYMS: dict[tuple[str, ...], dict[str, str]] = {
    m.EVENT_TYPES: {
        "skærpet vejledning": "vejledning_skærpet",
        "vejledning om skærpet rådighedssanktion": "vejledning_skærpet",
        "vurdering efter § 13, stk. 8": "vurdering_13_8",
        "vurdering § 13, stk. 8": "vurdering_13_8",
    },
    m.TARGET_GROUPS: {"jobparate": "jobparat", "aktivitetsparate": "aktivitetsparat"},
    m.GUIDANCE_FORMS: {"mundtligt gennemgået": "gennemgået", "gennemgået mundtligt": "gennemgået",
                       "udleveret skriftligt": "udleveret", "tilgængelig": "tilgængeliggjort"},
    m.SHARPENED_ELEMENTS: {"konsekvenser": "konsekvens",
                           "lukning af kalendermåned": "lukning_kalendermåned"},
    m.BREACH_KINDS: {
        "udeblevet fra jobsamtale": "udeblevet_jobsamtale",
        "udeblevet fra opfølgningssamtale": "udeblevet_opfølgningssamtale",
        "udeblevet fra sygeopfølgning": "udeblevet_sygeopfølgning",
        "udeblevet fra program": "udeblevet_program",
        "udeblevet fra tilbud": "udeblevet_tilbud",
        "afslået tilbud": "afvist_tilbud",
        "afslag på arbejde": "afslået_arbejde",
        "afslået job": "afslået_arbejde",
        "ikke booket jobsamtale": "ikke_booket_samtale",
        "ikke søgt jobs": "ikke_søgt_job",
        "ikke registreret cv på jobnet": "ikke_registreret_cv",
    },
    m.OFFER_KINDS: {"daglig samtale": "daglige_samtaler", "daglige jobsamtaler": "daglige_samtaler",
                    "daglig fremmøde": "dagligt_fremmøde"},
    m.CONTACT_CHANNELS: {
        "mail": "e-mail", "e-boks": "digital_post",
        "telefonopkald": "telefon", "opkald": "telefon", "tlf": "telefon", "tekstbesked": "sms",
        "besøg i hjemmet": "hjemmebesøg", "personligt fremmøde": "fremmøde", "mødte op": "fremmøde",
    },
    m.YES_NO_UNKNOWN: {"ved ikke": "ukendt", "uoplyst": "ukendt"},
    m.MARITAL_STATUSES: {"registreret partnerskab": "gift", "registreret partner": "gift"},
    m.BENEFITS: {"selvforsørgelsesydelse": "selvforsørgelses- og hjemrejseydelse",
                 "hjemrejseydelse": "selvforsørgelses- og hjemrejseydelse"},
    m.WEIGHTED_CIRCUMSTANCES: {"tidligere sanktion": "tidligere_sanktioner",
                               "borgerens adfærd": "adfærd", "helhedsvurdering": "samlet_billede"},
    m.ANSWERS: {"i/r": "ikke_relevant", "uvist": "ved_ikke"},
    m.CONSEQUENCES: {"ændring": "aendres", "ændret": "aendres", "hjemvist": "hjemvises",
                     "hjemvisning": "hjemvises"},
}
# The words the template's drop-downs show for each code (``audit template``), per list of allowed values. A
# value written exactly so (case and surrounding spaces ignored) is the tool's own word and is read without an
# advarsel; other spellings of it are read as normalised values (with one). Codes not named here are shown as
# they are. No word in a list field (former, elementer, vægt_på) may hold a comma: the cell is split on commas.
DISPLAY: dict[tuple[str, ...], dict[str, str]] = {
    m.EVENT_TYPES: {
        "visitation": "Visitation", "jobsamtale": "Jobsamtale", "vejledning": "Vejledning",
        "sanktion": "Sanktion", "vejledning_skærpet": "Skærpet vejledning",
        "tilsidesættelse": "Tilsidesættelse", "partshøring": "Partshøring", "kontaktforsøg": "Kontaktforsøg",
        "sagsoplysning": "Sagsoplysning", "vurdering_13_8": "Vurdering efter § 13, stk. 8",
    },
    m.TARGET_GROUPS: {"jobparat": "Jobparat", "aktivitetsparat": "Aktivitetsparat"},
    m.GUIDANCE_FORMS: {"gennemgået": "Gennemgået", "udleveret": "Udleveret", "sendt": "Sendt",
                       "tilgængeliggjort": "Tilgængeliggjort"},
    m.SHARPENED_ELEMENTS: {"konsekvens": "Konsekvens", "kun_fremmødedage": "Kun fremmødedage",
                           "lukning_kalendermåned": "Lukning af kalendermåned", "ægtefælle": "Ægtefælle"},
    m.BREACH_KINDS: {
        "afslået_arbejde": "Afslået arbejde", "udeblevet_jobsamtale": "Udeblevet fra jobsamtale",
        "udeblevet_opfølgningssamtale": "Udeblevet fra opfølgningssamtale",
        "ikke_booket_samtale": "Ikke booket samtale", "ikke_meldt_syg": "Ikke meldt syg",
        "udeblevet_sygeopfølgning": "Udeblevet fra sygeopfølgning", "udeblevet_program": "Udeblevet fra program",
        "afvist_tilbud": "Afvist tilbud", "udeblevet_tilbud": "Udeblevet fra tilbud",
        "ikke_søgt_job": "Ikke søgt job", "ikke_registreret_cv": "Ikke registreret CV",
        "ikke_aktivt_jobsøgende": "Ikke aktivt jobsøgende", "andet": "Andet",
    },
    m.OFFER_KINDS: {"tilbud": "Tilbud", "daglige_samtaler": "Daglige samtaler",
                    "dagligt_fremmøde": "Dagligt fremmøde", "program": "Program", "andet": "Andet"},
    m.CONTACT_CHANNELS: {
        "brev": "Brev", "digital_post": "Digital post", "e-mail": "E-mail", "sms": "SMS", "telefon": "Telefon",
        "hjemmebesøg": "Hjemmebesøg", "tilbudssted": "Tilbudssted", "mentor": "Mentor",
        "støtteperson": "Støtteperson", "værge": "Værge", "behandlingssted": "Behandlingssted",
        "familie": "Familie", "fremmøde": "Fremmøde",
    },
    m.YES_NO: {"ja": "Ja", "nej": "Nej"},
    m.YES_NO_UNKNOWN: {"ja": "Ja", "nej": "Nej", "ukendt": "Ukendt"},
    m.MARITAL_STATUSES: {"gift": "Gift", "ugift": "Ugift"},
    m.BENEFITS: {"kontanthjælp": "Kontanthjælp", "uddannelseshjælp": "Uddannelseshjælp",
                 "selvforsørgelses- og hjemrejseydelse": "Selvforsørgelses- og hjemrejseydelse",
                 "overgangsydelse": "Overgangsydelse"},
    m.WEIGHTED_CIRCUMSTANCES: {"tidligere_sanktioner": "Tidligere sanktioner",
                               "tidligere_manglende_vilje": "Tidligere manglende vilje", "adfærd": "Adfærd",
                               "samlet_billede": "Samlet billede", "andet": "Andet"},
    m.ANSWERS: {"ja": "Ja", "nej": "Nej", "ved_ikke": "Ved ikke", "ikke_relevant": "Ikke relevant"},
    m.CONSEQUENCES: {"aendres": "Ændres", "hjemvises": "Hjemvises", "kritik": "Kritik",
                     "bemaerkning": "Bemærkning"},
}


def display_word(code: str, allowed: tuple[str, ...]) -> str:
    """The template's word for a code (the code itself when the list has no words)."""
    return DISPLAY.get(allowed, {}).get(code, code)


_SUGGEST_MAX_CHARS = 200  # a longer value is no typo of a code; no suggestion is searched for


@dataclass(frozen=True)
class CodeMatch:
    """How one written value was read: ``code`` None when it matches nothing; ``how`` is "præcis" (the code
    itself, case and surrounding spaces ignored), "normaliseret" (spaces/-/_ or æ/ø/å folding) or "synonym"."""

    code: str | None
    how: str | None = None
    suggestions: tuple[str, ...] = ()


@cache
def _forms(allowed: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The lookup tables of one list of allowed values, built once per list (every coded cell uses them):
    the template's words as written, the normalised codes and words, and the normalised synonyms."""
    words = {norm_code(w): c for c, w in DISPLAY.get(allowed, {}).items() if c in allowed}
    codes = {norm_name(a): a for a in allowed}
    codes.update({norm_name(w): c for c, w in DISPLAY.get(allowed, {}).items() if c in allowed
                  and norm_name(w) not in codes})
    syn = {norm_name(k): v for k, v in SYNONYMS.get(allowed, {}).items() if v in allowed}
    return words, codes, syn


def match_code(text: str, allowed: tuple[str, ...]) -> CodeMatch:
    """Read one written value against the allowed codes (see ``CodeMatch``); the code itself and the
    template's word for it (``DISPLAY``) are read "præcis"."""
    plain = norm_code(text)
    if plain in allowed:
        return CodeMatch(plain, "præcis")
    words, codes, syn = _forms(allowed)
    if plain in words:
        return CodeMatch(words[plain], "præcis")
    key = norm_name(text)
    if key in codes:
        return CodeMatch(codes[key], "normaliseret")
    if key in syn:
        return CodeMatch(syn[key], "synonym")
    if not key or len(key) > _SUGGEST_MAX_CHARS:
        return CodeMatch(None)
    everything = {**syn, **codes}
    close = difflib.get_close_matches(key, list(everything), n=4, cutoff=0.6)
    out: list[str] = []
    for c in close:
        if everything[c] not in out:
            out.append(everything[c])
    return CodeMatch(None, suggestions=tuple(out[:2]))


def quote_codes(codes: tuple[str, ...] | list[str]) -> str:
    quoted = [f"'{c}'" for c in codes]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " eller " + quoted[-1]
