"""The JSONL reader's fast path: a clean line decoded by msgspec straight into typed structures and built into
the same ``Case`` the careful path (``json.loads`` + ``audit.readers.parse``) builds, without its checks.

A line takes this path only when the careful path would read it without a single issue, so every located
Danish message still comes from the careful path. The structures below accept exactly the canonical case
format (docs/sagsformat.md): the keys as written there (an unknown key, or a key of another event type, is a
decode error), exact JSON types (a number or ``"ja"`` where ``true`` is meant is an error), only the codes
themselves (no synonym, case variant or extra space) and dates as strict ``ÅÅÅÅ-MM-DD``. ``null`` in an
optional field is read as the careful path reads it: as if the field were absent. After decoding, every
check of ``RecordParser`` that could give an issue is made again here (see ``_fallback_reasons`` in the
tests for the list); any doubt returns ``None`` and the careful path reads the line.

What the careful path checks or warns about, and how this path avoids each (parse.py, in its order):
- the template's example case (``eksempelsag``): that sagsnummer and kommune -> careful path;
- unknown keys at any level, keys of another event type (``ukendt_felt``): ``forbid_unknown_fields``;
- sagsnummer/kommune missing or blank (``mangler_felt``): required ``str``, blank -> careful path;
- a text that is not text (``ugyldig_tekst``), a blank text (read as absent), one over 20,000 characters
  (``lang_tekst``): ``str`` only; blank or too long -> careful path;
- coded values (``ukendt_kode``, ``kode_fortolket``): ``Literal`` of the allowed codes; a code list's repeats
  are dropped as the careful path drops them; an empty list is absent, as there;
- ja/nej (``ugyldig_ja_nej``): ``bool`` only; dates (``ugyldig_dato``): ``datetime.date`` (strict ISO);
  ``længde_måneder`` (``ugyldig_laengde``): ``int`` only;
- ``hændelser``/``afgørelse``/afgørelsens ``dato``/an event's ``type`` and ``dato``/a visitation's ``målgruppe``/
  a review's ``svar`` missing or null (``mangler_felt``) and wrong structures: required, not nullable;
- impossible dates (``svar_foer_partshoering``, ``foer_tilsidesaettelsen``, ``fremmoede_ikke_opnaaet``):
  checked below with the same comparisons -> careful path;
- an empty ``tilbud`` object (no offer), a review of an unknown item (``ukendt_punkt``) -> careful path;
- duplicate keys (``dobbelt_noegle``, which msgspec would hide by keeping the last value): see
  ``_keys_in_line``;
- CPR numbers, escapes, non-NFC text, lone surrogates: only lines that pass ``json_reader.may_need_masking``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Literal

import msgspec
from msgspec import UNSET, UnsetType
from msgspec.structs import astuple

from audit import model as m
from audit.dates import DateParseError, parse_date
from audit.readers.common import Pending, prepare
from audit.readers.parse import (
    BOOL_FIELDS,
    DATE_FIELDS,
    ENUM_FIELDS,
    EXAMPLE_CASE_NUMBER,
    EXAMPLE_MUNICIPALITY,
    FALSE_WORDS,
    IMPOSSIBLE_BEFORE_BREACH,
    LIST_FIELDS,
    LONG_TEXT_CHARS,
    TRUE_WORDS,
)

# Literal types built from the model's own tuples of allowed codes (one source)
TargetGroup = Literal[m.TARGET_GROUPS]  # type: ignore[valid-type]
GuidanceForm = Literal[m.GUIDANCE_FORMS]  # type: ignore[valid-type]
Paragraph = Literal[m.SANCTION_PARAGRAPHS]  # type: ignore[valid-type]
Element = Literal[m.SHARPENED_ELEMENTS]  # type: ignore[valid-type]
BreachKind = Literal[m.BREACH_KINDS]  # type: ignore[valid-type]
YesNoUnknown = Literal[m.YES_NO_UNKNOWN]  # type: ignore[valid-type]
Channel = Literal[m.CONTACT_CHANNELS]  # type: ignore[valid-type]
YesNo = Literal[m.YES_NO]  # type: ignore[valid-type]
MaritalStatus = Literal[m.MARITAL_STATUSES]  # type: ignore[valid-type]
Benefit = Literal[m.BENEFITS]  # type: ignore[valid-type]
OfferKind = Literal[m.OFFER_KINDS]  # type: ignore[valid-type]
Weighted = Literal[m.WEIGHTED_CIRCUMSTANCES]  # type: ignore[valid-type]
Answer = Literal[m.ANSWERS]  # type: ignore[valid-type]
Consequence = Literal[m.CONSEQUENCES]  # type: ignore[valid-type]

# an optional field: absent (UNSET) or null (None) are read alike, as the careful path reads them
Text = str | None | UnsetType
Date = dt.date | None | UnsetType
Bool = bool | None | UnsetType


class _Strict(msgspec.Struct, forbid_unknown_fields=True):
    pass


class _Event(_Strict, tag_field="type"):
    dato: dt.date
    note: Text = UNSET


class Visitation(_Event, tag="visitation", kw_only=True):
    målgruppe: TargetGroup


class Jobsamtale(_Event, tag="jobsamtale"):
    første: Bool = UNSET
    mødt: Bool = UNSET


class Vejledning(_Event, tag="vejledning"):
    former: list[GuidanceForm] | None | UnsetType = UNSET


class Sanktion(_Event, tag="sanktion"):
    paragraf: Paragraph | None | UnsetType = UNSET
    vedrører: Date = UNSET


class VejledningSkaerpet(_Event, tag="vejledning_skærpet"):
    skriftlig: Bool = UNSET
    elementer: list[Element] | None | UnsetType = UNSET
    ægtefælle_vejledt: Bool = UNSET
    tekst: Text = UNSET


class Tilsidesaettelse(_Event, tag="tilsidesættelse"):
    art: BreachKind | None | UnsetType = UNSET
    rimelig_grund: YesNoUnknown | None | UnsetType = UNSET
    forklaring: Text = UNSET


class Partshoering(_Event, tag="partshøring"):
    vedrører: Date = UNSET
    svar_dato: Date = UNSET
    svar: Text = UNSET


class Kontaktforsoeg(_Event, tag="kontaktforsøg"):
    vedrører: Date = UNSET
    kanal: Channel | None | UnsetType = UNSET
    opnået: Bool = UNSET
    samtykke: Bool = UNSET


class Sagsoplysning(_Event, tag="sagsoplysning"):
    vedrører: Date = UNSET
    kilde: Text = UNSET
    resultat: Text = UNSET


class Vurdering138(_Event, tag="vurdering_13_8"):
    vedrører: Date = UNSET
    andre_forhold: Text = UNSET
    fremmer_rådighed: YesNo | None | UnsetType = UNSET


EventStruct = (Visitation | Jobsamtale | Vejledning | Sanktion | VejledningSkaerpet | Tilsidesaettelse | Partshoering
               | Kontaktforsoeg | Sagsoplysning | Vurdering138)


class Tilbud(_Strict):
    art: OfferKind | None | UnsetType = UNSET
    startdato: Date = UNSET


class Afgoerelse(_Strict, kw_only=True):
    dato: dt.date
    vedrører: Date = UNSET
    virkning_fra: Date = UNSET
    længde_måneder: int | None | UnsetType = UNSET
    længde_begrundelse: Text = UNSET
    vilje_vurderet: Bool = UNSET
    vægt_på: list[Weighted] | None | UnsetType = UNSET
    begrundelse: Text = UNSET
    forholdt_til_målgruppe: Bool = UNSET
    forholdt_til_13_8: Bool = UNSET
    henvist_regler: Bool = UNSET
    tilbud: Tilbud | None | UnsetType = UNSET
    lukning_ved_udeblivelse: Bool = UNSET
    ægtefælle_afgørelse: Bool = UNSET
    fremmøde_oplyst: Bool = UNSET
    klagevejledning: Bool = UNSET
    skriftlig: Bool = UNSET


class Vurdering(_Strict, kw_only=True):
    svar: Answer
    bemærkning: Text = UNSET
    af: Text = UNSET
    virkning: Consequence | None | UnsetType = UNSET


class Sag(_Strict, kw_only=True):
    sagsnummer: str
    kommune: str
    hændelser: list[EventStruct]
    afgørelse: Afgoerelse
    enhed: Text = UNSET
    sagsbehandler: Text = UNSET
    borger_id: Text = UNSET
    cpr: Text = UNSET
    civilstand: MaritalStatus | None | UnsetType = UNSET
    ydelse: Benefit | None | UnsetType = UNSET
    vurderinger: dict[str, Vurdering] | None | UnsetType = UNSET


_DECODER = msgspec.json.Decoder(Sag)

# The end of every key in a JSON text: its closing quote, optional JSON whitespace, the colon. Each key of the
# line ends in one match of its own (the match starts at the key's closing quote, which no other match can
# take: the other characters of a match are whitespace and a colon), so the matches are at least as many as
# the keys; a text value can only add matches (an escaped quote before a colon), never hide a key.
_KEY_END = re.compile(rb'"[ \t\r\n]*:')


class _Fallback(Exception):
    """The line is not plainly canonical: the careful path reads it."""


def _keys_in_line(line: bytes) -> int:
    return len(_KEY_END.findall(line))


def _keys_decoded(sag: Sag) -> int:
    """How many distinct keys the decoded line held (a struct field not UNSET, a tag, a dict entry)."""

    def present(s: msgspec.Struct) -> int:
        values = astuple(s)
        return len(values) - values.count(UNSET)

    n = present(sag) + sum(present(ev) + 1 for ev in sag.hændelser) + present(sag.afgørelse)
    if isinstance(sag.afgørelse.tilbud, Tilbud):
        n += present(sag.afgørelse.tilbud)
    if isinstance(sag.vurderinger, dict):
        n += len(sag.vurderinger) + sum(present(r) for r in sag.vurderinger.values())
    return n


def decode(line: bytes) -> Sag | None:
    """The line as strict structures, or None when it is not canonical JSON of the case format or holds a
    duplicate key (then the careful path reads it and reports what it finds)."""
    try:
        sag = _DECODER.decode(line)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    if _keys_in_line(line) != _keys_decoded(sag):
        return None  # a duplicate key (or a quote before a colon inside a text: the careful path decides)
    return sag


# -- building the Case -----------------------------------------------------------------------------------

def _text(value: object) -> str | None:
    """An optional text as the careful path stores it; a blank or overlong one is left to that path."""
    if value is UNSET or value is None:
        return None
    if not value.strip() or len(value) > LONG_TEXT_CHARS:  # type: ignore[union-attr]
        raise _Fallback
    return value  # type: ignore[return-value]


def _plain(value: object) -> object:
    return None if value is UNSET else value


def _codes(value: object) -> tuple[str, ...]:
    if value is UNSET or value is None:
        return ()
    return tuple(dict.fromkeys(value))  # type: ignore[arg-type]  # repeats dropped, as the careful path does


# (model field, struct attribute, kind): kind "t" text, "c" code list, anything else: the value as decoded
_EVENT_FIELDS: dict[type, tuple[tuple[str, str, str], ...]] = {
    Visitation: (("target_group", "målgruppe", "v"),),
    Jobsamtale: (("first", "første", "v"), ("attended", "mødt", "v")),
    Vejledning: (("forms", "former", "c"),),
    Sanktion: (("paragraph", "paragraf", "v"), ("concerns", "vedrører", "v")),
    VejledningSkaerpet: (("written", "skriftlig", "v"), ("elements", "elementer", "c"),
                         ("spouse_guided", "ægtefælle_vejledt", "v"), ("text", "tekst", "t")),
    Tilsidesaettelse: (("kind", "art", "v"), ("reasonable_cause", "rimelig_grund", "v"),
                       ("explanation", "forklaring", "t")),
    Partshoering: (("concerns", "vedrører", "v"), ("answer_date", "svar_dato", "v"), ("answer", "svar", "t")),
    Kontaktforsoeg: (("concerns", "vedrører", "v"), ("channel", "kanal", "v"), ("reached", "opnået", "v"),
                     ("consent", "samtykke", "v")),
    Sagsoplysning: (("concerns", "vedrører", "v"), ("source", "kilde", "t"), ("result", "resultat", "t")),
    Vurdering138: (("concerns", "vedrører", "v"), ("other_circumstances", "andre_forhold", "t"),
                   ("promotes_availability", "fremmer_rådighed", "v")),
}
_DECISION_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("concerns", "vedrører", "v"), ("effective_from", "virkning_fra", "v"), ("length_months", "længde_måneder", "v"),
    ("length_reason", "længde_begrundelse", "t"), ("unwillingness_assessed", "vilje_vurderet", "v"),
    ("weighted", "vægt_på", "c"), ("reasoning", "begrundelse", "t"),
    ("related_to_target_group", "forholdt_til_målgruppe", "v"), ("related_to_13_8", "forholdt_til_13_8", "v"),
    ("rules_cited", "henvist_regler", "v"), ("closure", "lukning_ved_udeblivelse", "v"),
    ("spouse_decision", "ægtefælle_afgørelse", "v"), ("attendance_stated", "fremmøde_oplyst", "v"),
    ("appeal_guidance", "klagevejledning", "v"), ("written", "skriftlig", "v"),
)
_READ = {"t": _text, "c": _codes, "v": _plain}
# the model's instances made from values already checked here (model.trusted_constructor: no second validation)
_EVENT, _OFFER, _DECISION, _REVIEW, _CASE, _SOURCE = (
    m.trusted_constructor(c) for c in (m.Event, m.Offer, m.Decision, m.Review, m.Case, m.SourceRef))


def _fill(out: dict[str, object], struct: msgspec.Struct, fields: tuple[tuple[str, str, str], ...]) -> None:
    """Set the fields the careful path would set: a value that is present, not null, not an empty list."""
    for name, attr, kind in fields:
        v = _READ[kind](getattr(struct, attr))
        if v is not None and v != ():
            out[name] = v


def _event(ev: msgspec.Struct, etype: str, origin: m.SourceRef | None) -> m.Event:
    data: dict[str, object] = {"type": etype, "date": ev.dato}  # type: ignore[attr-defined]
    note = _text(ev.note)  # type: ignore[attr-defined]
    if note is not None:
        data["note"] = note
    _fill(data, ev, _EVENT_FIELDS[type(ev)])
    _check_dates(etype, data)
    if origin is not None:
        data["origin"] = origin
    return _EVENT(data)


def _check_dates(etype: str, data: dict[str, object]) -> None:
    """``RecordParser.check_impossible_dates``' three conditions: any of them -> the careful path reports it."""
    when = data["date"]
    answered = data.get("answer_date")
    if etype == "partshøring" and answered is not None and answered < when:  # type: ignore[operator]
        raise _Fallback
    concerns = data.get("concerns")
    if etype in IMPOSSIBLE_BEFORE_BREACH and concerns is not None and when < concerns:  # type: ignore[operator]
        raise _Fallback
    if etype == "kontaktforsøg" and data.get("channel") == "fremmøde" and data.get("reached") is False:
        raise _Fallback


def _decision(a: Afgoerelse) -> m.Decision:
    data: dict[str, object] = {"date": a.dato}
    _fill(data, a, _DECISION_FIELDS)
    if isinstance(a.tilbud, Tilbud):
        offer = {k: v for k, v in (("kind", a.tilbud.art), ("start_date", a.tilbud.startdato))
                 if v is not UNSET and v is not None}
        if not offer:
            raise _Fallback  # an empty offer: the careful path decides
        data["offer"] = _OFFER(offer)
    return _DECISION(data)


def _reviews(raw: dict[str, Vurdering] | None | UnsetType) -> dict[str, m.Review]:
    if raw is UNSET or raw is None:
        return {}
    from audit.rules.checklist import known_item_ids

    items = known_item_ids()
    out: dict[str, m.Review] = {}
    for item_id, r in raw.items():  # type: ignore[union-attr]
        if item_id not in items:
            raise _Fallback
        data: dict[str, object] = {"answer": r.svar}
        for name, v in (("remark", _text(r.bemærkning)), ("by", _text(r.af)), ("consequence", _plain(r.virkning))):
            if v is not None:
                data[name] = v
        out[item_id] = _REVIEW(data)
    return out


def build_case(sag: Sag, origin: m.SourceRef | None = None,
               event_origin: Callable[[int], m.SourceRef] | None = None) -> m.Case | None:
    """The Case the careful path builds from this record, or None when that path would report anything."""
    try:
        return _build(sag, origin, event_origin)
    except _Fallback:
        return None


def _build(sag: Sag, origin: m.SourceRef | None, event_origin: Callable[[int], m.SourceRef] | None) -> m.Case:
    case_number, municipality = sag.sagsnummer, sag.kommune.strip()
    if (not case_number or case_number != case_number.strip() or not municipality
            or (case_number, municipality) == (EXAMPLE_CASE_NUMBER, EXAMPLE_MUNICIPALITY)):
        raise _Fallback  # blank, or spaces the careful path strips, or the template's example case
    if len(sag.sagsnummer) > LONG_TEXT_CHARS or len(sag.kommune) > LONG_TEXT_CHARS:
        raise _Fallback
    data: dict[str, object] = {"case_number": case_number, "municipality": sag.kommune}
    for name, v in (("unit", _text(sag.enhed)), ("caseworker", _text(sag.sagsbehandler)),
                    ("citizen_id", _text(sag.borger_id)), ("cpr", _text(sag.cpr)),
                    ("marital_status", _plain(sag.civilstand)), ("benefit", _plain(sag.ydelse))):
        if v is not None:
            data[name] = v
    data["events"] = tuple(_event(ev, ev.__struct_config__.tag,  # type: ignore[arg-type]
                                  None if event_origin is None else event_origin(j))
                           for j, ev in enumerate(sag.hændelser))
    data["decision"] = _decision(sag.afgørelse)
    data["reviews"] = _reviews(sag.vurderinger)
    if origin is not None:
        data["origin"] = origin
    return _CASE(data)


def fast_line(line: bytes, lineno: int, display: str) -> Pending | None:
    """One .jsonl line read the fast way: the same ``Pending`` as ``json_reader.jsonl_line``'s careful path
    gives for it (a case, no issues), or None when the careful path must read it. The caller has checked
    that the run has no mapping file renaming JSON keys."""
    from audit.readers.json_reader import may_need_masking
    from audit.readers.parse import Place, path_text

    sag = decode(line)
    if sag is None:
        return None
    cpr = sag.cpr if isinstance(sag.cpr, str) else None
    if may_need_masking(line, {"cpr": cpr}):
        return None
    origin = _SOURCE({"file": display, "row": lineno})
    case = build_case(sag, origin, lambda j: _SOURCE({"file": display, "row": lineno, "index": j}))
    if case is None:
        return None

    def locate(p: tuple, _row: int = lineno) -> Place:
        return Place(file=display, row=_row, field=path_text(tuple(p)) or None)

    return prepare(case, [], {"sagsnummer": sag.sagsnummer, "kommune": sag.kommune}, locate, origin)


# -- spreadsheets (Excel and CSV) -------------------------------------------------------------------------

def case_from_cells(raw: dict, origin: m.SourceRef | None = None,
                    event_origin: Callable[[int], m.SourceRef] | None = None) -> m.Case | None:
    """A spreadsheet's record (``excel_reader._quick_raw``: cells trimmed, no empty cell, no Excel error, no
    impossible date, nothing that may be a CPR number) as the ``Case`` the careful path
    (``parse_record(..., allow_serial=True)``) builds from it, or None when that path would say anything.

    A sheet's cells are not the canonical JSON types, so each is first read as the careful path reads it
    where that path reads it silently (``RecordParser.value``, same dispatch by field name): a date cell,
    text date or serial number by ``parse_date`` itself; ja/nej as ``as_bool`` reads it (``TRUE_WORDS``/
    ``FALSE_WORDS``, 0/1, a boolean cell); a code list split at commas and semicolons; months as
    ``as_months``; a number in a text column as ``as_text`` writes it. Codes are taken only as the exact
    code (any other spelling gets the careful path's ``kode_fortolket`` or ``ukendt_kode``). The result goes
    through ``msgspec.convert`` into the same strict ``Sag`` and ``build_case`` as a JSONL line."""
    try:
        sag = msgspec.convert(_cells_record(raw), Sag)
    except (_Fallback, msgspec.ValidationError):
        return None
    try:
        return build_case(sag, origin, event_origin)
    except ValueError:  # pydantic's ValidationError: the careful path meets it too, and decides what it is
        return None


def _cells_record(raw: dict) -> dict:
    out: dict[str, object] = {}
    for key, v in raw.items():
        if key == "hændelser" and isinstance(v, list):
            out[key] = [_cells(ev, ("type",)) for ev in v]
        elif key == "afgørelse" and isinstance(v, dict):
            out[key] = {k: (_cells(x, ("art",)) if k == "tilbud" and isinstance(x, dict) else _cell(k, x))
                        for k, x in v.items()}
        elif key == "vurderinger" and isinstance(v, dict):
            out[key] = {p: _cells(body, ("svar", "virkning")) if isinstance(body, dict) else body
                        for p, body in v.items()}
        elif key in ("sagsnummer", "kommune"):
            if not isinstance(v, str):
                raise _Fallback  # a number as sagsnummer: the careful path's own reading
            out[key] = v
        else:
            out[key] = _cell(key, v)
    return out


def _cells(row: object, codes: tuple[str, ...]) -> object:
    if not isinstance(row, dict):
        return row
    return {k: (v if k in codes else _cell(k, v)) for k, v in row.items()}


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_BOOL_WORDS = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}


def _cell(name: str, v: object) -> object:
    """One cell as ``RecordParser.value`` reads it without an issue; anything else -> the careful path."""
    if name in DATE_FIELDS:
        if type(v) is str and _ISO_DAY.match(v):  # the usual form, read as parse_date reads it, quicker
            try:
                return dt.date(int(v[:4]), int(v[5:7]), int(v[8:]))
            except ValueError:
                raise _Fallback from None
        try:
            return parse_date(v, allow_serial=True)
        except DateParseError:
            raise _Fallback from None
    if name in BOOL_FIELDS:
        if isinstance(v, bool):
            return v
        if isinstance(v, (int, float)) and v in (0, 1):
            return bool(v)
        if isinstance(v, str) and v.strip().lower() in _BOOL_WORDS:
            return _BOOL_WORDS[v.strip().lower()]
        raise _Fallback
    if name in ENUM_FIELDS:
        return v  # the exact code only: the struct's Literal decides
    if name in LIST_FIELDS:
        if not isinstance(v, str):
            raise _Fallback
        return [p for p in (x.strip() for x in v.replace(";", ",").split(",")) if p]
    if name == "længde_måneder":
        if isinstance(v, int) and not isinstance(v, bool):
            return v
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, str) and v.strip().lstrip("-").isascii() and v.strip().lstrip("-").isdigit():
            return int(v.strip())
        raise _Fallback
    if isinstance(v, str):
        return v
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _Fallback
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
