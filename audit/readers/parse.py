"""Turn one raw record (Danish keys, values as read from JSON or Excel) into a validated ``Case``.

Readers differ only in how they find records and where a value came from; both hand this module a
plain dict in the case format plus a *locator* that says where a field path sits in the file. All
coercion happens here, with Danish messages, so both formats report problems in the same words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from audit import model as m
from audit.dates import DateParseError, format_da, parse_date
from audit.issues import Issue, show_value
from audit.privacy import mask_cpr
from audit.readers.codes import (
    CodeMatch,
    match_code,
    norm_code,
    quote_codes,
)

_LABEL = re.compile(r"^[A-Z]{1,3} \((.*)\)$", re.S)  # the Excel reader's column label

Path = tuple  # e.g. ("afgørelse", "dato") or ("hændelser", 3, "kanal")
LONG_TEXT_CHARS = 20_000


@dataclass(frozen=True)
class Place:
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None


Locator = Callable[[Path], Place]

RECORD_FIELDS = (
    "sagsnummer", "kommune", "enhed", "sagsbehandler", "borger_id", "cpr", "civilstand", "ydelse",
    "hændelser", "afgørelse", "vurderinger",
)
DECISION_FIELDS = (
    "dato", "vedrører", "virkning_fra", "længde_måneder", "længde_begrundelse", "vilje_vurderet",
    "vægt_på", "begrundelse", "forholdt_til_målgruppe", "forholdt_til_13_8", "henvist_regler", "tilbud",
    "lukning_ved_udeblivelse", "ægtefælle_afgørelse", "fremmøde_oplyst", "klagevejledning", "skriftlig",
)

# The template's fictitious example case (audit template); a record with both is warned about, so that a filled
# template whose example rows were not deleted is not audited as if it were a real case.
EXAMPLE_CASE_NUMBER = "EKS-2024-0001"
EXAMPLE_MUNICIPALITY = "Eksempel Kommune"

TRUE_WORDS = {"ja", "j", "x", "1", "true", "sand", "yes"}
FALSE_WORDS = {"nej", "n", "0", "false", "falsk", "no"}

DATE_FIELDS = {"dato", "vedrører", "svar_dato", "virkning_fra", "startdato"}
BOOL_FIELDS = {"første", "mødt", "skriftlig", "ægtefælle_vejledt", "opnået", "samtykke",
               "vilje_vurderet", "forholdt_til_målgruppe", "forholdt_til_13_8", "henvist_regler",
               "lukning_ved_udeblivelse", "ægtefælle_afgørelse", "fremmøde_oplyst", "klagevejledning"}
ENUM_FIELDS: dict[str, tuple[str, ...]] = {
    "type": m.EVENT_TYPES,
    "målgruppe": m.TARGET_GROUPS,
    "paragraf": m.SANCTION_PARAGRAPHS,
    "art": m.BREACH_KINDS,
    "rimelig_grund": m.YES_NO_UNKNOWN,
    "kanal": m.CONTACT_CHANNELS,
    "fremmer_rådighed": m.YES_NO,
    "civilstand": m.MARITAL_STATUSES,
    "ydelse": m.BENEFITS,
}
# Events that name a breach (vedrører) and cannot be dated before it (rules.md "Impossible dates are input
# errors"), with their Danish name in a message. A sanction dated before its breach is no input error: it
# makes the prior sanction wrong (forudgaaende_sanktion).
IMPOSSIBLE_BEFORE_BREACH = {
    "partshøring": "partshøringen",
    "kontaktforsøg": "kontaktforsøget",
    "sagsoplysning": "sagsoplysningen",
    "vurdering_13_8": "vurderingen efter § 13, stk. 8,",
}
LIST_FIELDS: dict[str, tuple[str, ...]] = {
    "former": m.GUIDANCE_FORMS,
    "elementer": m.SHARPENED_ELEMENTS,
    "vægt_på": m.WEIGHTED_CIRCUMSTANCES,
}


def path_text(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _norm_paragraph(text: str) -> str:
    t = norm_code(text).replace("§", "").strip()
    t = re.sub(r"^(\d+)\s*([a-z])\b", r"\1 \2", t)  # "37a" -> "37 a"
    return "§ " + t if t else ""


class RecordParser:
    """Parses one record; collects issues instead of raising."""

    def __init__(self, raw: object, locate: Locator, *, origin: m.SourceRef | None = None,
                 event_origin: Callable[[int], m.SourceRef] | None = None):
        self.raw = raw
        self.locate = locate
        # where the record and its events were read, set when they are built (no copy of each event later)
        self.origin = origin
        self.event_origin = event_origin
        self.issues: list[Issue] = []
        self.case_number: str | None = None
        self.municipality: str | None = None

    # -- reporting -------------------------------------------------------------------------
    def issue(self, severity: str, code: str, path: Path, message: str, value: object = None) -> None:
        p = self.locate(path)
        self.issues.append(Issue(
            severity=severity, code=code, message=message, file=p.file, sheet=p.sheet, row=p.row,
            column=p.column, field=p.field or (path_text(path) or None),
            case_number=self.case_number, municipality=self.municipality, value=show_value(value),
        ))

    def error(self, code: str, path: Path, message: str, value: object = None) -> None:
        self.issue("fejl", code, path, message, value)

    def warn(self, code: str, path: Path, message: str, value: object = None) -> None:
        self.issue("advarsel", code, path, message, value)

    # -- coercion ----------------------------------------------------------------------------
    @staticmethod
    def _empty(value: object) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def as_date(self, value: object, path: Path, *, allow_serial: bool = False) -> date | None:
        if self._empty(value):
            return None
        try:
            return parse_date(value, allow_serial=allow_serial)
        except DateParseError as exc:
            self.error("ugyldig_dato", path, f"'{self.column_name(path)}' {exc}", value)
            return None

    def as_bool(self, value: object, path: Path) -> bool | None:
        if self._empty(value):
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            w = value.strip().lower()
            if w in TRUE_WORDS:
                return True
            if w in FALSE_WORDS:
                return False
        self.error("ugyldig_ja_nej", path, f"'{self.column_name(path)}' skal være ja eller nej", value)
        return None

    def as_text(self, value: object, path: Path) -> str | None:
        if self._empty(value):
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error("ugyldig_tekst", path, f"'{self.column_name(path)}' skal være tekst", value)
            return None
        text = str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))
        if len(text) > LONG_TEXT_CHARS:
            self.warn("lang_tekst", path,
                      f"'{self.column_name(path)}' er meget lang ({len(text)} tegn); teksten bruges, men vises "
                      "afkortet")
        return text

    def column_name(self, path: Path) -> str:
        """The column (Excel) or key (JSON) as the user's file spells it, for a message."""
        col = self.locate(path).column
        if col:
            found = _LABEL.match(col)  # the Excel reader's label: "F (Afgørelse vægt på)"
            return found.group(1) if found else col
        if path and path[0] == "afgørelse":
            return ".".join(str(p) for p in path)
        return str(path[-1]) if path else ""

    def _unknown(self, path: Path, allowed: tuple[str, ...], value: object, suggestions: tuple[str, ...],
                 *, items: int = 1) -> None:
        name = self.column_name(path)
        what = "værdien" if items == 1 else f"{items} af værdierne"
        hint = f" Mente du {quote_codes(suggestions)}?" if suggestions else ""
        self.error("ukendt_kode", path,
                   f"'{name}': {what} kendes ikke.{hint} Tilladt er: {', '.join(allowed)}", value)

    def _read_as(self, path: Path, readings: list[tuple[str, str, str]], value: object) -> None:
        name = self.column_name(path)
        said = "; ".join(f"'{written}' er læst som '{code}'" + (" (et andet ord for det samme)" if how == "synonym"
                                                               else "")
                         for written, code, how in readings)
        self.warn("kode_fortolket", path,
                  f"'{name}': {said}. Skriv værdien præcis sådan for at undgå denne advarsel", value)

    def _paragraph(self, value: str, allowed: tuple[str, ...]) -> CodeMatch:
        # "§ 36, stk. 1" / "§ 39, nr. 2" are the same paragraph for this checklist; "37a" is "§ 37 a"
        code = _norm_paragraph(value).split(",")[0].strip()
        if code in allowed:
            return CodeMatch(code, "præcis")
        close = difflib.get_close_matches(code, list(allowed), n=2, cutoff=0.75) if len(code) < 40 else []
        return CodeMatch(None, suggestions=tuple(close))

    def as_code(self, value: object, path: Path, allowed: tuple[str, ...]) -> str | None:
        """One coded value: read forgivingly (``match_code``); one issue at most per cell."""
        if self._empty(value):
            return None
        if not isinstance(value, str):
            self._unknown(path, allowed, value, ())
            return None
        found = self._paragraph(value, allowed) if path[-1] == "paragraf" else match_code(value, allowed)
        if found.code is None:
            self._unknown(path, allowed, value, found.suggestions)
            return None
        if found.how != "præcis":
            self._read_as(path, [(value.strip(), found.code, found.how or "")], value)
        return found.code

    def as_code_list(self, value: object, path: Path, allowed: tuple[str, ...]) -> tuple[str, ...]:
        """A list of codes (in Excel comma or semicolon separated). Every item is read as ``as_code`` reads
        one value, but the cell gets one ``advarsel`` for all its readings and one ``fejl`` for all its
        unknown items."""
        if self._empty(value):
            return ()
        if isinstance(value, str):
            items = [v for v in (p.strip() for p in value.replace(";", ",").split(",")) if v]
        elif isinstance(value, (list, tuple)):
            items = list(value)
        else:
            self.error("ugyldig_liste", path,
                       f"'{self.column_name(path)}' skal være en liste (i Excel kommasepareret)", value)
            return ()
        out: list[str] = []
        readings: list[tuple[str, str, str]] = []
        unknown: list[object] = []
        suggestions: list[str] = []
        for item in items:
            found = match_code(item, allowed) if isinstance(item, str) else CodeMatch(None)
            if found.code is None:
                unknown.append(item)
                suggestions += [s for s in found.suggestions if s not in suggestions]
                continue
            if found.how != "præcis":
                readings.append((str(item).strip(), found.code, found.how or ""))
            if found.code not in out:
                out.append(found.code)
        if unknown:
            shown = unknown[0] if len(unknown) == 1 else ", ".join(str(u) for u in unknown)
            self._unknown(path, allowed, shown, tuple(suggestions[:3]), items=len(unknown))
        elif readings:
            self._read_as(path, readings, value if isinstance(value, str) else ", ".join(map(str, value)))
        return tuple(out)

    def as_months(self, value: object, path: Path) -> int | None:
        if self._empty(value):
            return None
        if isinstance(value, bool):
            pass
        elif isinstance(value, int):
            return value
        elif isinstance(value, float) and value.is_integer():
            return int(value)
        elif isinstance(value, str) and value.strip().lstrip("-").isascii() and value.strip().lstrip("-").isdigit():
            return int(value.strip())
        self.error("ugyldig_laengde", path,
                   "'længde_måneder' skal være et helt antal måneder skrevet med tal (1, 2 eller 3)", value)
        return None

    def value(self, name: str, value: object, path: Path, *, allow_serial: bool = False) -> object:
        if name in DATE_FIELDS:
            return self.as_date(value, path, allow_serial=allow_serial)
        if name in BOOL_FIELDS:
            return self.as_bool(value, path)
        if name in ENUM_FIELDS:
            return self.as_code(value, path, ENUM_FIELDS[name])
        if name in LIST_FIELDS:
            return self.as_code_list(value, path, LIST_FIELDS[name])
        if name == "længde_måneder":
            return self.as_months(value, path)
        return self.as_text(value, path)

    # -- structure ---------------------------------------------------------------------------
    def parse(self, *, allow_serial: bool = False) -> m.Case | None:
        raw = self.raw
        if not isinstance(raw, dict):
            self.error("ikke_en_sag", (), "posten er ikke en sag (forventet et JSON-objekt med sagens felter)",
                       type(raw).__name__)
            return None
        cn = raw.get("sagsnummer")
        self.case_number = mask_cpr(str(cn)).strip() if not self._empty(cn) else None
        mu = raw.get("kommune")
        self.municipality = str(mu).strip() if not self._empty(mu) else None
        if self.case_number == EXAMPLE_CASE_NUMBER and self.municipality == EXAMPLE_MUNICIPALITY:
            self.warn("eksempelsag", ("sagsnummer",),
                      f"sagen {EXAMPLE_CASE_NUMBER} i {EXAMPLE_MUNICIPALITY} er skabelonens opdigtede eksempel; "
                      "slet eksemplets rækker i alle ark, før resultatet bruges", None)

        for key in raw:
            if key not in RECORD_FIELDS:
                self.warn("ukendt_felt", (key,), f"ukendt felt '{key}' bruges ikke", None)

        out: dict[str, object] = {}
        for key in ("sagsnummer", "kommune"):
            if self._empty(raw.get(key)):
                self.error("mangler_felt", (key,), f"'{key}' mangler; det skal udfyldes")
            else:
                out[key] = self.as_text(raw[key], (key,))
        if isinstance(raw.get("sagsnummer"), str):
            out["sagsnummer"] = self.case_number
        for key in ("enhed", "sagsbehandler", "borger_id", "cpr", "civilstand", "ydelse"):
            if key in raw:
                v = self.value(key, raw[key], (key,))
                if v is not None:
                    out[key] = v

        events_raw = raw.get("hændelser")
        events: list[m.Event] = []
        if events_raw is None:
            self.error("mangler_felt", ("hændelser",), "'hændelser' mangler (sagens forløb)")
        elif not isinstance(events_raw, list):
            self.error("ugyldig_liste", ("hændelser",), "'hændelser' skal være en liste af hændelser",
                       type(events_raw).__name__)
        else:
            for i, ev in enumerate(events_raw):
                parsed = self.parse_event(ev, ("hændelser", i), allow_serial=allow_serial)
                if parsed is not None:
                    events.append(parsed)
        out["hændelser"] = tuple(events)

        decision = self.parse_decision(raw.get("afgørelse"), allow_serial=allow_serial)
        if decision is not None:
            out["afgørelse"] = decision
        out["vurderinger"] = self.parse_reviews(raw.get("vurderinger"))
        if self.origin is not None:
            out["origin"] = self.origin

        if any(i.blocking for i in self.issues):
            return None
        try:
            return m.Case.model_validate(out)
        except ValidationError as exc:  # pragma: no cover - coercion above should prevent this
            for err in exc.errors():
                self.error("ugyldig_vaerdi", tuple(str(p) for p in err["loc"]), "ugyldig værdi")
            return None

    def parse_event(self, ev: object, path: Path, *, allow_serial: bool) -> m.Event | None:
        if not isinstance(ev, dict):
            self.error("ugyldig_haendelse", path, "hændelsen skal være et objekt med 'type' og 'dato'",
                       type(ev).__name__)
            return None
        etype = self.as_code(ev.get("type"), path + ("type",), m.EVENT_TYPES)
        if self._empty(ev.get("type")):
            self.error("mangler_felt", path + ("type",), "hændelsen mangler 'type'")
        if etype is None:
            if not self._empty(ev.get("dato")):
                self.as_date(ev.get("dato"), path + ("dato",), allow_serial=allow_serial)  # report it too
            return None
        allowed = m.EVENT_FIELDS[etype]
        data: dict[str, object] = {"type": etype}
        if self._empty(ev.get("dato")):
            self.error("mangler_felt", path + ("dato",), f"hændelsen '{etype}' mangler 'dato'")
        for key, value in ev.items():
            if key == "type":
                continue
            if key not in allowed and key not in m.COMMON_EVENT_FIELDS:
                if self._empty(value):
                    continue
                known = any(key in f for f in m.EVENT_FIELDS.values())
                msg = (f"feltet '{key}' bruges ikke ved hændelsestypen '{etype}' og ignoreres" if known
                       else f"ukendt felt '{key}' på hændelsen ignoreres")
                self.warn("ukendt_felt", path + (key,), msg, value)
                continue
            v = self.value(key, value, path + (key,), allow_serial=allow_serial)
            if v is not None and v != ():
                data[key] = v
        if etype == "visitation" and "målgruppe" not in data and self._empty(ev.get("målgruppe")):
            self.error("mangler_felt", path + ("målgruppe",), "en visitation skal angive 'målgruppe'")
        self.check_impossible_dates(etype, data, path)
        if any(i.blocking for i in self.issues) or "dato" not in data:
            return None
        if self.event_origin is not None:
            data["origin"] = self.event_origin(path[-1])
        return m.Event.model_validate(data)

    def check_impossible_dates(self, etype: str, data: dict[str, object], path: Path) -> None:
        """rules.md "Impossible dates are input errors": an event that contradicts itself or the breach it
        names makes the record unreadable (a located ``fejl`` naming both dates); the same day is possible."""
        when = data.get("dato")
        if not isinstance(when, date):
            return
        answered = data.get("svar_dato")
        if etype == "partshøring" and isinstance(answered, date) and answered < when:
            self.error("svar_foer_partshoering", path + ("svar_dato",),
                       f"borgerens svar er dateret {format_da(answered)} (svar_dato), før partshøringen den "
                       f"{format_da(when)} (dato); et svar kan ikke komme før høringen. Ret en af datoerne",
                       answered.isoformat())
        concerns = data.get("vedrører")
        if etype in IMPOSSIBLE_BEFORE_BREACH and isinstance(concerns, date) and when < concerns:
            self.error("foer_tilsidesaettelsen", path + ("dato",),
                       f"{IMPOSSIBLE_BEFORE_BREACH[etype]} er dateret {format_da(when)} (dato), men vedrører "
                       f"tilsidesættelsen den {format_da(concerns)} (vedrører), der endnu ikke var sket; en "
                       "hændelse kan ikke handle om en senere tilsidesættelse. Ret dato eller vedrører",
                       when.isoformat())
        if etype == "kontaktforsøg" and data.get("kanal") == "fremmøde" and data.get("opnået") is False:
            self.error("fremmoede_ikke_opnaaet", path + ("opnået",),
                       f"kontaktforsøget den {format_da(when)} har kanal 'fremmøde' (borgeren mødte selv op), "
                       "men 'opnået' er nej; at borgeren møder op, er personlig kontakt. Ret 'opnået' til ja, "
                       "eller angiv den kanal, kommunen brugte", "nej")

    def parse_decision(self, raw: object, *, allow_serial: bool) -> m.Decision | None:
        path: Path = ("afgørelse",)
        if raw is None:
            self.error("mangler_felt", path, "'afgørelse' mangler; uden § 40 a-afgørelsen kan sagen ikke vurderes")
            return None
        if not isinstance(raw, dict):
            self.error("ugyldig_afgoerelse", path, "'afgørelse' skal være et objekt", type(raw).__name__)
            return None
        data: dict[str, object] = {}
        for key, value in raw.items():
            if key not in DECISION_FIELDS:
                self.warn("ukendt_felt", path + (key,), f"ukendt felt '{key}' i afgørelsen ignoreres", value)
                continue
            if key == "tilbud":
                offer = self.parse_offer(value, path + (key,), allow_serial=allow_serial)
                if offer is not None:
                    data[key] = offer
                continue
            v = self.value(key, value, path + (key,), allow_serial=allow_serial)
            if v is not None and v != ():
                data[key] = v
        if self._empty(raw.get("dato")):
            self.error("mangler_felt", path + ("dato",), "afgørelsens 'dato' mangler")
            return None
        if any(i.blocking for i in self.issues):
            return None
        return m.Decision.model_validate(data)

    def parse_offer(self, raw: object, path: Path, *, allow_serial: bool) -> m.Offer | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.error("ugyldig_tilbud", path, "'tilbud' skal være et objekt med 'art' og 'startdato'",
                       type(raw).__name__)
            return None
        data: dict[str, object] = {}
        for key, value in raw.items():
            if key == "art":
                v = self.as_code(value, path + (key,), m.OFFER_KINDS)
            elif key == "startdato":
                v = self.as_date(value, path + (key,), allow_serial=allow_serial)
            else:
                self.warn("ukendt_felt", path + (key,), f"ukendt felt '{key}' i tilbud ignoreres", value)
                continue
            if v is not None:
                data[key] = v
        if not data:
            return None
        return m.Offer.model_validate(data)

    def parse_reviews(self, raw: object) -> dict[str, m.Review]:
        from audit.rules.checklist import known_item_ids

        item_ids = known_item_ids()
        path: Path = ("vurderinger",)
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.error("ugyldig_vurdering", path, "'vurderinger' skal være et objekt med punkt-id som nøgler",
                       type(raw).__name__)
            return {}
        out: dict[str, m.Review] = {}
        for item_id, body in raw.items():
            p = path + (item_id,)
            if item_id not in item_ids:
                self.error("ukendt_punkt", p, f"'{item_id}' er ikke et punkt i tjeklisten", item_id)
                continue
            if not isinstance(body, dict):
                self.error("ugyldig_vurdering", p, "en vurdering skal have 'svar' (og gerne 'bemærkning' og 'af')")
                continue
            data: dict[str, object] = {}
            for key, value in body.items():
                if key == "svar":
                    v = self.as_code(value, p + (key,), m.ANSWERS)
                elif key == "virkning":
                    v = self.as_code(value, p + (key,), m.CONSEQUENCES)
                elif key in ("bemærkning", "af"):
                    v = self.as_text(value, p + (key,))
                else:
                    self.warn("ukendt_felt", p + (key,), f"ukendt felt '{key}' i vurderingen ignoreres", value)
                    continue
                if v is not None:
                    data[key] = v
            if "svar" not in data:
                if self._empty(body.get("svar")):
                    self.error("mangler_felt", p + ("svar",), "vurderingen mangler 'svar'")
                continue
            out[item_id] = m.Review.model_validate(data)
        return out


def parse_record(raw: object, locate: Locator, *, allow_serial: bool = False, origin: m.SourceRef | None = None,
                 event_origin: Callable[[int], m.SourceRef] | None = None) -> tuple[m.Case | None, list[Issue]]:
    """Parse one record. Returns the case (``None`` when a blocking problem was found) and all issues.

    ``origin`` and ``event_origin`` (the event's index in ``hændelser`` -> where it was read) are set on the
    case and its events as they are built."""
    parser = RecordParser(raw, locate, origin=origin, event_origin=event_origin)
    case = parser.parse(allow_serial=allow_serial)
    return case, parser.issues
