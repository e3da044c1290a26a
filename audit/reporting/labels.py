"""The one place for the Danish labels a person reads instead of an internal name.

Every checklist item is named by its title (``phrases.ITEM_PHRASES``; an item the module does not know is
named by its question from the checklist); every code value of the case format (the kind of a breach, a
contact channel, an element of the § 35, stk. 2 guidance, an offer's kind, ...), every answer,
consequence and verdict, every parameter and way of failing of the checklist has its Danish label here.
The reports, the Excel files and the terminal output of ``run``, ``check`` and ``compare`` read them from
here; tests/test_report_no_ids.py scans every human-facing output for the internal names.
"""

from __future__ import annotations

from audit.contract import Answer, Consequence, Criticism, Verdict

from .phrases import item_title

__all__ = ["CODE_LABELS", "PARAMETER_LABELS", "code_label", "item_label", "items_label", "parameter_label",
           "rule_set_label"]

# The code values of the case format (docs/sagsformat.md) as the report writes them.
CODE_LABELS: dict[str, str] = {
    # tilsidesættelsens art
    "afslået_arbejde": "afslået arbejde",
    "udeblevet_jobsamtale": "udeblevet fra jobsamtale",
    "udeblevet_opfølgningssamtale": "udeblevet fra opfølgningssamtale",
    "ikke_booket_samtale": "ikke booket samtale",
    "ikke_meldt_syg": "ikke meldt sig syg",
    "udeblevet_sygeopfølgning": "udeblevet fra sygeopfølgning",
    "udeblevet_program": "udeblevet fra program",
    "afvist_tilbud": "afvist tilbud",
    "udeblevet_tilbud": "udeblevet fra tilbud",
    "ikke_søgt_job": "ikke søgt job",
    "ikke_registreret_cv": "ikke registreret cv",
    "ikke_aktivt_jobsøgende": "ikke aktivt jobsøgende",
    # kontaktkanaler
    "digital_post": "digital post",
    # elementer i vejledningen efter § 35, stk. 2
    "kun_fremmødedage": "hjælp kun for fremmødedage",
    "lukning_kalendermåned": "lukning ved udeblivelse en hel kalendermåned",
    # tilbuddets art
    "daglige_samtaler": "daglige samtaler",
    "dagligt_fremmøde": "dagligt fremmøde",
    # vægt på
    "tidligere_sanktioner": "tidligere sanktioner",
    "tidligere_manglende_vilje": "tidligere manglende vilje",
    "samlet_billede": "samlet billede",
    # hændelsestyper
    "vejledning_skærpet": "vejledning om skærpet rådighedssanktion",
    "vurdering_13_8": "vurdering efter § 13, stk. 8",
    # svar, virkninger, vurderinger
    Answer.JA.value: "ja", Answer.NEJ.value: "nej", Answer.VED_IKKE.value: "ved ikke",
    Answer.IKKE_RELEVANT.value: "ikke relevant",
    Consequence.CHANGED.value: "ændres", Consequence.REMANDED.value: "hjemvises",
    Consequence.CRITICISM.value: "kritik", Consequence.REMARK.value: "bemærkning",
    Criticism.NONE.value: "ingen",
    Verdict.UPHELD.value: "i overensstemmelse med regler og praksis",
    Verdict.OUTSIDE.value: "uden for regelsættet",
}

# The checklist's parameters (checklists/*.yaml, ``parametre``) as a person reads them.
PARAMETER_LABELS: dict[str, str] = {
    "frist_sendt_dage": "Frist for at sende vejledningen efter første jobsamtale",
    "genvejledning_maaneder": "Genvejledning mindst hvert",
    "foraeldelse_maaneder": "Periode, hvorefter vejledningen efter § 35, stk. 2, ikke længere bærer",
    "proportionalitet_maaneder": "To udeblivelser fra jobsamtale inden for",
}


def code_label(code: object) -> str:
    """The Danish label of a code value; a value that is not a code (free text) is returned as it is, with
    any '_' read as a space."""
    text = "" if code is None else str(code)
    return CODE_LABELS.get(text, text.replace("_", " "))


def parameter_label(name: str) -> str:
    return PARAMETER_LABELS.get(name, name.replace("_", " ").capitalize())


def item_label(item_id: str, short: str | None = None) -> str:
    """The item's Danish title ('Vejledning efter § 35, stk. 2')."""
    return item_title(item_id, short)


def items_label(item_ids, *, lower: bool = True) -> str:
    """Items named by title, separated by semicolons (titles contain commas: '§ 35, stk. 2')."""
    titles = [item_label(i) for i in item_ids]
    if lower:
        titles = [t[:1].lower() + t[1:] if not t.startswith("§") else t for t in titles]
    return "; ".join(titles)


def rule_set_label(checklist_id: str, title: str | None = None) -> str:
    """A rule set as a person reads it: its title (the id only if there is no title)."""
    return title or checklist_id
