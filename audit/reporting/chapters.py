"""The structure of the reports' chapters 2-4: sections, the items and tables each shows, the law boxes'
titles and the sentence under each table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from audit.contract import Verdict

from .facts import KEY_FIGURES
from .tables import Table
from .words import i_ud_af, sager, tal

UPHELD = Verdict.UPHELD.phrase  # what a decision in accordance is, in the contract's words


# --- structure of chapters 2-4 --------------------------------------------------------------------------

@dataclass(frozen=True)
class SectionDef:
    title: str
    items: tuple[str, ...]
    tables: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    law_title: str | None = None
    text: tuple[str, ...] = ()


CHAPTERS: dict[int, dict] = {
    2: {
        "title": "Opfyldelse af materielle betingelser",
        "intro": "I kapitlet ser vi på, om betingelserne for at give en skærpet rådighedssanktion efter § 40 a, "
                 "stk. 1, er opfyldt i de gennemgåede sager.",
        "vi_ser_paa": [
            "om der er truffet en forudgående afgørelse om sanktion, og om borgeren i den forbindelse er vejledt "
            "om skærpet rådighedssanktion",
            "om borgeren på ny og uden rimelig grund har tilsidesat sin pligt til at stå til rådighed",
            "om kommunen har vurderet, om borgeren med sin adfærd udviser en manglende vilje til at stå til "
            "rådighed, og om afgørelsen er begrundet",
            "om borgeren har fået et tilbud efter § 40 a, stk. 2, og om der er truffet afgørelse om ophør efter "
            "§ 40 a, stk. 7",
        ],
        "sections": (
            SectionDef("VURDERING AF AFGØRELSEN", (), ("2.1",),
                       text=(f"Vi har vurderet, om afgørelsen er {UPHELD}, eller om "
                             "vi ville have ændret eller hjemvist den, hvis den var kommet ind som en klagesag.",)),
            SectionDef("FORUDGÅENDE AFGØRELSE OM SANKTION", ("forudgaaende_sanktion",), ("2.2",), ("3.2.1",),
                       "§ 40 a, STK. 1"),
            SectionDef("PLIGTEN TIL AT STÅ TIL RÅDIGHED", ("ny_tilsidesaettelse", "rimelig_grund"), (),
                       ("4.1", "4.1.4"), "§ 40 a, OM PLIGTEN TIL RÅDIGHED"),
            SectionDef("AFGØRELSEN OM MANGLENDE VILJE TIL AT STÅ TIL RÅDIGHED", ("manglende_vilje", "proportionalitet"),
                       ("2.3",), ("4.2.1",), "§ 40 a, OM MANGLENDE VILJE TIL AT STÅ TIL RÅDIGHED"),
            SectionDef("BEGRUNDELSE FOR AFGØRELSEN", ("begrundelse",), ("2.4",), (),
                       "KRAV TIL BEGRUNDELSE EFTER FORVALTNINGSLOVEN"),
            SectionDef("INDDRAGELSE AF ALLE RELEVANTE FORHOLD I SAGEN", (), ("2.5",)),
            SectionDef("SÆRLIGE FORHOLD FOR AKTIVITETSPARATE BORGERE", ("maalgruppe", "vurdering_13_8"), ("2.6",),
                       ("T13-T14", "5.3/T13-T14"), "LAS § 13, STK. 8, OG MÅLGRUPPE"),
            SectionDef("KOMMUNENS TILBUD/AKTIVITETER", ("tilbud", "laengde", "kun_fremmoede_oplyst"), ("2.7",),
                       ("4.3.1", "4.3.1.2", "4.3.2"), "§ 40 a OM TILBUD/AKTIVITETER"),
            SectionDef("OPHØR AF HJÆLPEN", ("lukning", "aegtefaelle"), (), ("4.4.1",), "§ 40 a OM OPHØR AF HJÆLPEN"),
        ),
    },
    3: {
        "title": "Kommunens vejledning af borgeren",
        "intro": "I kapitlet ser vi på, om kommunen har vejledt borgeren, som loven kræver, inden sanktionen.",
        "vi_ser_paa": ["vejledningen om rettigheder og pligter efter § 35, stk. 1",
                       "den skriftlige vejledning om skærpet rådighedssanktion efter § 35, stk. 2"],
        "sections": (
            SectionDef("VEJLEDNING EFTER § 35, STK. 1", ("vejledning_35_1",), (), ("3.1.1",),
                       "VEJLEDNING EFTER LAS § 35, STK. 1"),
            SectionDef("VEJLEDNING EFTER § 35, STK. 2", ("vejledning_35_2",), (), ("3.3.1",),
                       "§ 35, STK. 2, VEJLEDNING OM SKÆRPET RÅDIGHEDSSANKTION"),
        ),
    },
    4: {
        "title": "Forvaltningsretlige regler",
        "intro": "I kapitlet ser vi på, om kommunen har fulgt de forvaltningsretlige regler i sagerne.",
        "vi_ser_paa": ["om sagen er tilstrækkeligt oplyst",
                       "om borgeren er partshørt, og for aktivitetsparate borgere, om kommunen har udtømt alle "
                       "rimelige muligheder for personlig kontakt",
                       "om afgørelsen er givet skriftligt med klagevejledning",
                       "om der ville blive udtalt kritik eller givet en bemærkning"],
        "sections": (
            SectionDef("SAGSOPLYSNING", ("oplysning",), (), ("5.1",), "SAGSOPLYSNING"),
            SectionDef("PARTSHØRING", ("partshoering", "personlig_kontakt"), ("4.1",), (),
                       "PARTSHØRING EFTER FORVALTNINGSLOVENS REGLER"),
            SectionDef("KLAGEVEJLEDNING", ("klagevejledning",), ("4.2",), (), "FORVALTNINGSLOVEN"),
            SectionDef("KRITIK ELLER BEMÆRKNINGER I SAGEN", (), ("4.3",),
                       text=("Kritik og bemærkninger vurderes kun i de sager, hvor afgørelsen i øvrigt er "
                             f"{UPHELD}.",)),
        ),
    },
}
EXTRA_SECTION_TITLE = "ØVRIGE PUNKTER"

TABLE_SENTENCES: dict[str, Callable[[Table], str]] = {
    "2.1": lambda t: (f"Som det fremgår af tabel 2.1, er afgørelsen {UPHELD} "
                      f"{i_ud_af(t.value(Verdict.UPHELD), t.value('total'))}."),
    "2.2": lambda t: (f"Som det fremgår af tabel 2.2, er kommunens afgørelse om den forudgående sanktion på det "
                      f"foreliggende grundlag korrekt {i_ud_af(t.value('ja'), t.value('total'))}."),
    "2.3": lambda t: ("Tabel 2.3 viser, hvilke forhold kommunen har lagt vægt på i vurderingen af, om borgeren "
                      "udviser en manglende vilje til at stå til rådighed. Der kan være lagt vægt på flere "
                      "forhold i samme sag."),
    "2.4": lambda t: (f"Som det fremgår af tabel 2.4, har kommunen begrundet afgørelsen tilstrækkeligt "
                      f"{i_ud_af(t.value('ja'), t.value('total'))}."),
    "2.5": lambda t: (f"Kommunen har vurderet borgerens vilje til at stå til rådighed i {sager(t.value('total'))}. "
                      f"Af dem har kommunen inddraget alle relevante forhold i {tal(t.value('ja'))}, jf. "
                      "tabel 2.5."),
    "2.6": lambda t: (f"Tabel 2.6 viser, at kommunen har taget hensyn til borgerens visitation som jobparat eller "
                      f"aktivitetsparat {i_ud_af(t.value('ja'), t.value('total'))}, hvor viljen er vurderet."),
    "2.7": lambda t: "Tabel 2.7 viser, hvor lang en periode kommunen har truffet afgørelse om.",
    "4.1": lambda t: (f"Som det fremgår af tabel 4.1, har kommunen partshørt borgeren "
                      f"{i_ud_af(t.value('ja'), t.value('total'))}."),
    "4.2": lambda t: (f"Som det fremgår af tabel 4.2, har kommunen givet klagevejledning "
                      f"{i_ud_af(t.value('ja'), t.value('total'))}."),
    "4.3": lambda t: "Tabel 4.3 viser, om der ville være blevet udtalt kritik eller givet en bemærkning.",
}


def figure_items(sd: SectionDef) -> set[str]:
    """The items whose result a key figure of the section already states."""
    return {name for key, _, (kind, name), _ in KEY_FIGURES if key in sd.figures and kind == "item"}


def table_sentence(t: Table) -> str:
    fn = TABLE_SENTENCES.get(t.number)
    if fn is None:
        return ""
    try:
        return fn(t)
    except KeyError:
        return ""
