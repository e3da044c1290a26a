"""The Danish phrases for each checklist item: a heading and the clauses the report's sentences are built
from (failed as a main clause, as a subordinate clause, and met)."""

from __future__ import annotations

from dataclasses import dataclass

from audit.privacy import mask_cpr

# --- per item phrases ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Phrase:
    title: str  # a short heading ('Vejledning efter § 35, stk. 2')
    main: str  # main clause, failed ('borgeren er ikke vejledt ...')
    sub: str  # subordinate clause, failed ('borgeren ikke er vejledt ...')
    ok: str  # subordinate clause, met ('borgeren er vejledt ...'), used after 'om'

    @property
    def inv(self) -> str:
        """The failed main clause after a fronted adverbial: 'er borgeren ikke vejledt ...' (V2)."""
        subjects = list(_SUBJECTS)
        if self.main.startswith("punktet »") and "« " in self.main:
            subjects.insert(0, self.main[: self.main.index("« ") + 1])
        for subject in subjects:
            if self.main.startswith(subject + " "):
                rest = self.main[len(subject) + 1:]
                verb, _, tail = rest.partition(" ")
                return f"{verb} {subject} {tail}".strip()
        return f"gælder det, at {self.sub}"


_SUBJECTS = ("sanktionens længde", "det", "der", "borgeren", "kommunen", "sagen", "afgørelsen")


ITEM_PHRASES: dict[str, Phrase] = {
    "maalgruppe": Phrase(
        "Målgruppe",
        "det fremgår ikke af sagen, om borgeren er jobparat eller aktivitetsparat",
        "det ikke fremgår af sagen, om borgeren er jobparat eller aktivitetsparat",
        "borgeren er jobparat eller aktivitetsparat"),
    "vejledning_35_1": Phrase(
        "Vejledning efter § 35, stk. 1",
        "borgeren er ikke vejledt korrekt om rettigheder og pligter efter § 35, stk. 1",
        "borgeren ikke er vejledt korrekt om rettigheder og pligter efter § 35, stk. 1",
        "borgeren er vejledt korrekt om rettigheder og pligter efter § 35, stk. 1"),
    "forudgaaende_sanktion": Phrase(
        "Forudgående afgørelse om sanktion",
        "der er ikke truffet en forudgående afgørelse om sanktion efter §§ 36-40, som afgørelsen kan bygge på",
        "der ikke er truffet en forudgående afgørelse om sanktion efter §§ 36-40, som afgørelsen kan bygge på",
        "der er truffet en forudgående afgørelse om sanktion efter §§ 36-40, som afgørelsen kan bygge på"),
    "vejledning_35_2": Phrase(
        "Vejledning efter § 35, stk. 2",
        "borgeren er ikke vejledt korrekt og skriftligt om skærpet rådighedssanktion efter § 35, stk. 2",
        "borgeren ikke er vejledt korrekt og skriftligt om skærpet rådighedssanktion efter § 35, stk. 2",
        "borgeren er vejledt korrekt og skriftligt om skærpet rådighedssanktion efter § 35, stk. 2"),
    "ny_tilsidesaettelse": Phrase(
        "Ny tilsidesættelse af rådighedspligten",
        "borgeren har ikke på ny tilsidesat sin rådighedspligt efter den forudgående sanktion og vejledningen",
        "borgeren ikke på ny har tilsidesat sin rådighedspligt efter den forudgående sanktion og vejledningen",
        "borgeren på ny har tilsidesat sin rådighedspligt efter den forudgående sanktion og vejledningen"),
    "rimelig_grund": Phrase(
        "Uden rimelig grund",
        "det er ikke godtgjort, at borgeren tilsidesatte rådighedspligten uden rimelig grund",
        "det ikke er godtgjort, at borgeren tilsidesatte rådighedspligten uden rimelig grund",
        "borgeren tilsidesatte rådighedspligten uden rimelig grund"),
    "partshoering": Phrase(
        "Partshøring",
        "borgeren er ikke partshørt, før kommunen traf afgørelse",
        "borgeren ikke er partshørt, før kommunen traf afgørelse",
        "borgeren er partshørt, før kommunen traf afgørelse"),
    "personlig_kontakt": Phrase(
        "Personlig kontakt med aktivitetsparat borger",
        "kommunen har ikke udtømt alle rimelige muligheder for personlig kontakt med den aktivitetsparate borger",
        "kommunen ikke har udtømt alle rimelige muligheder for personlig kontakt med den aktivitetsparate borger",
        "kommunen har udtømt alle rimelige muligheder for personlig kontakt med den aktivitetsparate borger"),
    "vurdering_13_8": Phrase(
        "Vurdering efter § 13, stk. 8",
        "kommunen har ikke vurderet andre forhold, og om sanktionen vil fremme rådigheden (§ 13, stk. 8)",
        "kommunen ikke har vurderet andre forhold, og om sanktionen vil fremme rådigheden (§ 13, stk. 8)",
        "kommunen har vurderet andre forhold, og om sanktionen vil fremme rådigheden (§ 13, stk. 8)"),
    "manglende_vilje": Phrase(
        "Vurdering af manglende vilje",
        "kommunen har ikke foretaget en konkret vurdering af, om borgeren med sin adfærd udviser manglende vilje "
        "til at stå til rådighed",
        "kommunen ikke har foretaget en konkret vurdering af, om borgeren med sin adfærd udviser manglende vilje "
        "til at stå til rådighed",
        "kommunen har foretaget en konkret vurdering af, om borgeren med sin adfærd udviser manglende vilje "
        "til at stå til rådighed"),
    "laengde": Phrase(
        "Sanktionens længde",
        "sanktionens længde er ikke fastsat til 1, 2 eller 3 måneder med en begrundelse",
        "sanktionens længde ikke er fastsat til 1, 2 eller 3 måneder med en begrundelse",
        "sanktionens længde er fastsat til 1, 2 eller 3 måneder med en begrundelse"),
    "tilbud": Phrase(
        "Tilbud eller aktivitet efter § 40 a, stk. 2",
        "borgeren har ikke fået et tilbud eller en aktivitet, der kan begynde den dag, afgørelsen har virkning fra",
        "borgeren ikke har fået et tilbud eller en aktivitet, der kan begynde den dag, afgørelsen har virkning fra",
        "borgeren har fået et tilbud eller en aktivitet, der kan begynde den dag, afgørelsen har virkning fra"),
    "lukning": Phrase(
        "Ophør og lukning efter § 40 a, stk. 7",
        "kommunen har ikke samtidig truffet afgørelse om ophør og lukning af sagen efter § 40 a, stk. 7",
        "kommunen ikke samtidig har truffet afgørelse om ophør og lukning af sagen efter § 40 a, stk. 7",
        "kommunen samtidig har truffet afgørelse om ophør og lukning af sagen efter § 40 a, stk. 7"),
    "aegtefaelle": Phrase(
        "Ægtefællen",
        "kommunen har ikke truffet afgørelse om ægtefællens hjælp og vejledt ægtefællen skriftligt",
        "kommunen ikke har truffet afgørelse om ægtefællens hjælp og vejledt ægtefællen skriftligt",
        "kommunen har truffet afgørelse om ægtefællens hjælp og vejledt ægtefællen skriftligt"),
    "oplysning": Phrase(
        "Sagsoplysning",
        "sagen er ikke oplyst tilstrækkeligt, herunder borgerens egne forklaringer",
        "sagen ikke er oplyst tilstrækkeligt, herunder borgerens egne forklaringer",
        "sagen er oplyst tilstrækkeligt, herunder borgerens egne forklaringer"),
    "begrundelse": Phrase(
        "Begrundelse",
        "afgørelsen er ikke begrundet tilstrækkeligt",
        "afgørelsen ikke er begrundet tilstrækkeligt",
        "afgørelsen er begrundet tilstrækkeligt"),
    "klagevejledning": Phrase(
        "Klagevejledning",
        "afgørelsen er ikke givet skriftligt med klagevejledning",
        "afgørelsen ikke er givet skriftligt med klagevejledning",
        "afgørelsen er givet skriftligt med klagevejledning"),
    "proportionalitet": Phrase(
        "Proportionalitet (vejledende)",
        "der er anledning til at overveje, om sanktionen står i rimeligt forhold til forseelsen",
        "der er anledning til at overveje, om sanktionen står i rimeligt forhold til forseelsen",
        "sanktionen står i rimeligt forhold til forseelsen"),
    "kun_fremmoede_oplyst": Phrase(
        "Hjælp kun for fremmødedage (vejledende)",
        "det fremgår ikke af afgørelsen, at der kun udbetales hjælp for de dage, hvor borgeren møder op",
        "det ikke fremgår af afgørelsen, at der kun udbetales hjælp for de dage, hvor borgeren møder op",
        "det fremgår af afgørelsen, at der kun udbetales hjælp for de dage, hvor borgeren møder op"),
}


def phrase(item_id: str, short: str | None = None) -> Phrase:
    """The phrases for an item; an item the module does not know gets neutral ones from its question."""
    if item_id in ITEM_PHRASES:
        return ITEM_PHRASES[item_id]
    label = mask_cpr(str(short or item_id)).rstrip("?")
    return Phrase(label, f"punktet »{label}« er ikke opfyldt", f"punktet »{label}« ikke er opfyldt",
                  f"punktet »{label}« er opfyldt")


def item_title(item_id: str, short: str | None = None) -> str:
    return phrase(item_id, short).title
