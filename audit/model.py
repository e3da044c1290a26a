"""The case model. Field names are English (glossary.md); the Danish names of the case format are
their aliases, so the Danish words are mapped exactly once, here, at the boundary.

Coded values (event types, målgruppe, kanal, ...) keep the case format's Danish codes: they are data
that users write and read, not identifiers.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from audit.contract import Answer, Consequence

EVENT_TYPES = (
    "visitation", "jobsamtale", "vejledning", "sanktion", "vejledning_skærpet", "tilsidesættelse",
    "partshøring", "kontaktforsøg", "sagsoplysning", "vurdering_13_8",
)
TARGET_GROUPS = ("jobparat", "aktivitetsparat")
GUIDANCE_FORMS = ("gennemgået", "udleveret", "sendt", "tilgængeliggjort")
SANCTION_PARAGRAPHS = ("§ 36", "§ 37", "§ 37 a", "§ 38", "§ 39", "§ 40")
SHARPENED_ELEMENTS = ("konsekvens", "kun_fremmødedage", "lukning_kalendermåned", "ægtefælle")
BREACH_KINDS = (
    "afslået_arbejde", "udeblevet_jobsamtale", "udeblevet_opfølgningssamtale", "ikke_booket_samtale",
    "ikke_meldt_syg", "udeblevet_sygeopfølgning", "udeblevet_program", "afvist_tilbud",
    "udeblevet_tilbud", "ikke_søgt_job", "ikke_registreret_cv", "ikke_aktivt_jobsøgende", "andet",
)
CONTACT_CHANNELS = (
    "brev", "digital_post", "e-mail", "sms", "telefon", "hjemmebesøg", "tilbudssted", "mentor",
    "støtteperson", "værge", "behandlingssted", "familie", "fremmøde",
)
YES_NO_UNKNOWN = ("ja", "nej", "ukendt")
YES_NO = ("ja", "nej")
MARITAL_STATUSES = ("gift", "ugift")
BENEFITS = (
    "kontanthjælp", "uddannelseshjælp", "selvforsørgelses- og hjemrejseydelse", "overgangsydelse",
)
OFFER_KINDS = ("tilbud", "daglige_samtaler", "dagligt_fremmøde", "program", "andet")
WEIGHTED_CIRCUMSTANCES = (
    "tidligere_sanktioner", "tidligere_manglende_vilje", "adfærd", "samlet_billede", "andet",
)
# The codes a reviewer may write in `vurderinger` (the contract's enums are the one source).
ANSWERS = tuple(a.value for a in Answer)
CONSEQUENCES = tuple(c.value for c in Consequence)

# Which type-specific fields each event type may carry (case-format.md, "Events").
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "visitation": ("målgruppe",),
    "jobsamtale": ("første", "mødt"),
    "vejledning": ("former",),
    "sanktion": ("paragraf", "vedrører"),
    "vejledning_skærpet": ("skriftlig", "elementer", "ægtefælle_vejledt", "tekst"),
    "tilsidesættelse": ("art", "rimelig_grund", "forklaring"),
    "partshøring": ("vedrører", "svar_dato", "svar"),
    "kontaktforsøg": ("vedrører", "kanal", "opnået", "samtykke"),
    "sagsoplysning": ("vedrører", "kilde", "resultat"),
    "vurdering_13_8": ("vedrører", "andre_forhold", "fremmer_rådighed"),
}
COMMON_EVENT_FIELDS = ("type", "dato", "note")


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True, frozen=True, extra="forbid")


class SourceRef(_Model):
    """Where a record or event was read: shown to users, never containing personal data."""

    file: str
    sheet: str | None = None
    row: int | None = None  # Excel row as the user sees it, or JSONL line number
    index: int | None = None  # position in a JSON list


class Event(_Model):
    type: str
    date: dt.date = Field(alias="dato")
    note: str | None = None
    target_group: str | None = Field(None, alias="målgruppe")
    first: bool | None = Field(None, alias="første")
    attended: bool | None = Field(None, alias="mødt")
    forms: tuple[str, ...] = Field((), alias="former")
    paragraph: str | None = Field(None, alias="paragraf")
    concerns: dt.date | None = Field(None, alias="vedrører")
    written: bool | None = Field(None, alias="skriftlig")
    elements: tuple[str, ...] = Field((), alias="elementer")
    spouse_guided: bool | None = Field(None, alias="ægtefælle_vejledt")
    # vejledning_skærpet: the guidance's text as the case system stores it; read by audit.tekst when
    # ``elementer`` is absent (issue 16)
    text: str | None = Field(None, alias="tekst")
    kind: str | None = Field(None, alias="art")
    reasonable_cause: str | None = Field(None, alias="rimelig_grund")
    explanation: str | None = Field(None, alias="forklaring")
    answer_date: dt.date | None = Field(None, alias="svar_dato")
    answer: str | None = Field(None, alias="svar")
    channel: str | None = Field(None, alias="kanal")
    reached: bool | None = Field(None, alias="opnået")
    consent: bool | None = Field(None, alias="samtykke")
    source: str | None = Field(None, alias="kilde")
    result: str | None = Field(None, alias="resultat")
    other_circumstances: str | None = Field(None, alias="andre_forhold")
    promotes_availability: str | None = Field(None, alias="fremmer_rådighed")
    origin: SourceRef | None = Field(None, exclude=True)


class Offer(_Model):
    kind: str | None = Field(None, alias="art")
    start_date: dt.date | None = Field(None, alias="startdato")


class Decision(_Model):
    date: dt.date = Field(alias="dato")
    concerns: dt.date | None = Field(None, alias="vedrører")
    effective_from: dt.date | None = Field(None, alias="virkning_fra")
    length_months: int | None = Field(None, alias="længde_måneder")
    length_reason: str | None = Field(None, alias="længde_begrundelse")
    unwillingness_assessed: bool | None = Field(None, alias="vilje_vurderet")
    weighted: tuple[str, ...] = Field((), alias="vægt_på")
    reasoning: str | None = Field(None, alias="begrundelse")
    related_to_target_group: bool | None = Field(None, alias="forholdt_til_målgruppe")
    related_to_13_8: bool | None = Field(None, alias="forholdt_til_13_8")  # aktivitetsparat only
    rules_cited: bool | None = Field(None, alias="henvist_regler")
    offer: Offer | None = Field(None, alias="tilbud")
    closure: bool | None = Field(None, alias="lukning_ved_udeblivelse")
    spouse_decision: bool | None = Field(None, alias="ægtefælle_afgørelse")
    attendance_stated: bool | None = Field(None, alias="fremmøde_oplyst")
    appeal_guidance: bool | None = Field(None, alias="klagevejledning")
    written: bool | None = Field(None, alias="skriftlig")


class Review(_Model):
    """A reviewer's answer to one checklist item (``vurderinger``)."""

    answer: Literal["ja", "nej", "ved_ikke", "ikke_relevant"] = Field(alias="svar")
    remark: str | None = Field(None, alias="bemærkning")
    by: str | None = Field(None, alias="af")
    consequence: Literal["aendres", "hjemvises", "kritik", "bemaerkning"] | None = Field(None, alias="virkning")


class Case(_Model):
    case_number: str = Field(alias="sagsnummer")
    municipality: str = Field(alias="kommune")
    unit: str | None = Field(None, alias="enhed")
    caseworker: str | None = Field(None, alias="sagsbehandler")
    citizen_id: str | None = Field(None, alias="borger_id")
    # Accepted so that exports need no cleaning; never serialised, never shown.
    cpr: str | None = Field(None, exclude=True, repr=False)
    marital_status: str | None = Field(None, alias="civilstand")
    benefit: str | None = Field(None, alias="ydelse")
    events: tuple[Event, ...] = Field((), alias="hændelser")
    decision: Decision = Field(alias="afgørelse")
    reviews: dict[str, Review] = Field(default_factory=dict, alias="vurderinger")
    origin: SourceRef | None = Field(None, exclude=True)

    @property
    def key(self) -> tuple[str, str]:
        return (self.municipality, self.case_number)


def trusted_constructor(cls: type[_Model]):
    """A constructor of ``cls`` for values that are already exactly what validation would make of them (the
    fast path's strict structures: ``audit.readers.fast``): the instance validation would give, without
    validating, about three times quicker than ``model_validate`` (and ten times quicker than pydantic's own
    ``model_construct``). It sets what ``model_construct`` sets; a required field missing, or any value a
    field does not have, is the caller's bug: ``tests/test_readers_fast_decode.py`` compares every instance it
    makes with the careful path's, field by field and with ``model_fields_set``."""
    missing = object()
    template = {name: (missing if f.is_required() or f.default_factory is not None else f.default)
                for name, f in cls.model_fields.items()}
    factories = {name: f.default_factory for name, f in cls.model_fields.items() if f.default_factory is not None}
    new, set_attr = object.__new__, object.__setattr__

    def make(values: dict):
        d = template.copy()
        d.update(values)
        for name, factory in factories.items():
            if d[name] is missing:
                d[name] = factory()
        obj = new(cls)
        set_attr(obj, "__dict__", d)
        set_attr(obj, "__pydantic_fields_set__", set(values))
        set_attr(obj, "__pydantic_extra__", None)
        set_attr(obj, "__pydantic_private__", None)
        return obj

    return make
