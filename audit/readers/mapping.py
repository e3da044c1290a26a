"""Column names of the Excel format, header matching, and the user's column mapping (``--mapping``).

Header matching
---------------
A header in a workbook matches a canonical column name when both are equal after normalisation:
case is ignored, spaces, ``_``, ``-`` and ``.`` are removed, and æ/ø/å may be written ae/oe/aa
(``Afgørelse dato``, ``afgoerelse_dato`` and ``AFGØRELSE-DATO`` are all ``afgørelse_dato``).
Sheet names are matched the same way (``Haendelser`` is ``Hændelser``).

The mapping file (``--mapping FILE``)
-------------------------------------
For exports whose columns have other names. TOML (``.toml``) or YAML (``.yaml``/``.yml``), UTF-8.
Each entry says *canonical name = their header*; the canonical names are the case format's
(docs: case-format.md, or the ``Vejledning`` sheet of ``audit template``). A value is a header in
quotes, or a list of headers when different exports use different names. TOML example::

    # applies to every sheet that has the column, and to top-level keys of JSON records
    sagsnummer = "Sags-ID"
    kommune = ["Myndighed", "Kommunenavn"]
    "afgørelse_dato" = "Afgørelsesdato"
    afgoerelse_laengde_maaneder = "Længde"

    # applies only to one sheet (table named after the sheet)
    ["Hændelser"]
    dato = "Hændelsesdato"
    type = "Hændelsestype"

    # the sheets themselves, when the workbook calls them something else
    [ark]
    Sager = "Afgørelser"
    "Hændelser" = "Forløb"

TOML allows bare names only in ASCII: a name with æ, ø or å is written in quotes (``"afgørelse_dato"``)
or with ae/oe/aa (``afgoerelse_dato``); both mean the same column.

The same in YAML::

    sagsnummer: Sags-ID
    kommune: [Myndighed, Kommunenavn]
    Hændelser:
      dato: Hændelsesdato
    ark:
      Sager: Afgørelser

Top-level entries whose canonical name is a record field (``sagsnummer``, ``kommune``, ``enhed``,
``sagsbehandler``, ``borger_id``, ``cpr``, ``civilstand``, ``ydelse``, ``hændelser``, ``afgørelse``,
``vurderinger``) also rename the top-level keys of JSON records. Headers are matched with the same
normalisation as above. An unknown canonical name, a header given for two columns, a value that is
not text, or a file that is not valid TOML/YAML is a usage error (``MappingError``, Danish message).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from audit.readers.codes import norm_name
from audit.readers.parse import DECISION_FIELDS, RECORD_FIELDS


class MappingError(ValueError):
    """An unusable mapping file (message in Danish). A usage error: exit code 2."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


SHEET_CASES = "Sager"
SHEET_EVENTS = "Hændelser"
SHEET_REVIEWS = "Vurderinger"
SHEETS = (SHEET_CASES, SHEET_EVENTS, SHEET_REVIEWS)

DECISION_PREFIX = "afgørelse_"
OFFER_PREFIX = "afgørelse_tilbud_"


def _case_columns() -> tuple[str, ...]:
    cols = ["sagsnummer", "kommune", "enhed", "sagsbehandler", "borger_id", "cpr", "civilstand", "ydelse"]
    for name in DECISION_FIELDS:
        if name == "tilbud":
            cols += [OFFER_PREFIX + "art", OFFER_PREFIX + "startdato"]
        else:
            cols.append(DECISION_PREFIX + name)
    return tuple(cols)


CASE_COLUMNS = _case_columns()
EVENT_COLUMNS = (
    "sagsnummer", "kommune", "type", "dato", "målgruppe", "første", "mødt", "former", "paragraf", "vedrører",
    "skriftlig", "elementer", "ægtefælle_vejledt", "tekst", "art", "rimelig_grund", "forklaring", "svar_dato", "svar",
    "kanal", "opnået", "samtykke", "kilde", "resultat", "andre_forhold", "fremmer_rådighed", "note",
)
REVIEW_COLUMNS = ("sagsnummer", "kommune", "punkt", "svar", "bemærkning", "af", "virkning")
COLUMNS: dict[str, tuple[str, ...]] = {
    SHEET_CASES: CASE_COLUMNS, SHEET_EVENTS: EVENT_COLUMNS, SHEET_REVIEWS: REVIEW_COLUMNS,
}
# Without these a sheet cannot be read at all (other missing values are reported per row).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    SHEET_CASES: ("sagsnummer",),
    SHEET_EVENTS: ("sagsnummer", "type"),
    SHEET_REVIEWS: ("sagsnummer", "punkt", "svar"),
}

# The template's column headers as a caseworker writes them (``audit template``), per sheet. Each is an alias of
# its canonical name: a workbook with either header reads the same (the canonical names stay accepted).
DISPLAY_HEADERS: dict[str, dict[str, str]] = {
    SHEET_CASES: {
        "sagsnummer": "Sagsnummer", "kommune": "Kommune", "enhed": "Enhed", "sagsbehandler": "Sagsbehandler",
        "borger_id": "Borger-id", "cpr": "CPR-nummer", "civilstand": "Civilstand", "ydelse": "Ydelse",
        "afgørelse_dato": "Afgørelsesdato", "afgørelse_vedrører": "Tilsidesættelsens dato",
        "afgørelse_virkning_fra": "Virkning fra", "afgørelse_længde_måneder": "Længde (måneder)",
        "afgørelse_længde_begrundelse": "Begrundelse for længden",
        "afgørelse_vilje_vurderet": "Manglende vilje vurderet",
        "afgørelse_vægt_på": "Lagt vægt på", "afgørelse_begrundelse": "Begrundelse",
        "afgørelse_forholdt_til_målgruppe": "Forholdt til målgruppe",
        "afgørelse_forholdt_til_13_8": "Forholdt til § 13, stk. 8",
        "afgørelse_henvist_regler": "Henvist til reglerne", "afgørelse_tilbud_art": "Tilbud: art",
        "afgørelse_tilbud_startdato": "Tilbud: startdato",
        "afgørelse_lukning_ved_udeblivelse": "Lukning ved udeblivelse oplyst",
        "afgørelse_ægtefælle_afgørelse": "Afgørelse om ægtefælle",
        "afgørelse_fremmøde_oplyst": "Kun fremmødedage oplyst",
        "afgørelse_klagevejledning": "Klagevejledning", "afgørelse_skriftlig": "Afgørelsen er skriftlig",
    },
    SHEET_EVENTS: {
        "sagsnummer": "Sagsnummer", "kommune": "Kommune", "type": "Type", "dato": "Dato", "målgruppe": "Målgruppe",
        "første": "Første sanktion", "mødt": "Borgeren mødte", "former": "Vejledningens form",
        "paragraf": "Paragraf", "vedrører": "Vedrører tilsidesættelsen", "skriftlig": "Skriftlig",
        "elementer": "Vejledningens indhold", "ægtefælle_vejledt": "Ægtefælle vejledt", "tekst": "Tekst",
        "art": "Art", "rimelig_grund": "Rimelig grund", "forklaring": "Forklaring", "svar_dato": "Svardato",
        "svar": "Svar", "kanal": "Kanal", "opnået": "Kontakt opnået", "samtykke": "Samtykke", "kilde": "Kilde",
        "resultat": "Resultat", "andre_forhold": "Andre forhold", "fremmer_rådighed": "Fremmer rådigheden",
        "note": "Note",
    },
    SHEET_REVIEWS: {
        "sagsnummer": "Sagsnummer", "kommune": "Kommune", "punkt": "Punkt", "svar": "Svar",
        "bemærkning": "Bemærkning", "af": "Vurderet af", "virkning": "Virkning",
    },
}


def display_header(sheet: str, column: str) -> str:
    """The template's header for a canonical column (the canonical name when it has none)."""
    return DISPLAY_HEADERS.get(sheet, {}).get(column, column)


def norm_header(text: object) -> str:
    """The matching form of a header or sheet name (see the module docstring); coded values are matched with
    the same normaliser (``audit.readers.codes.norm_name``)."""
    return norm_name(text)


def norm_sheet(text: object) -> str:
    return norm_header(text)


_SHEET_BY_NORM = {norm_sheet(s): s for s in SHEETS}
_ALL_COLUMNS = {norm_header(c): c for sheet in SHEETS for c in COLUMNS[sheet]}
_ALL_COLUMNS.update({norm_header(c): c for c in RECORD_FIELDS})


@dataclass(frozen=True)
class ColumnMapping:
    """The user's names for canonical columns and sheets. Empty when no mapping file is given."""

    common: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> their headers
    per_sheet: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    sheet_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical sheet -> names
    source: str | None = None

    def columns_for(self, sheet: str) -> dict[str, str]:
        """normalised header -> canonical column, for one sheet (the canonical names themselves included)."""
        out = {norm_header(h): c for c, h in DISPLAY_HEADERS[sheet].items()}
        out.update({norm_header(c): c for c in COLUMNS[sheet]})
        allowed = set(COLUMNS[sheet])
        for canon, theirs in self.common.items():
            if canon in allowed:
                out.update({norm_header(h): canon for h in theirs})
        for canon, theirs in self.per_sheet.get(sheet, {}).items():
            out.update({norm_header(h): canon for h in theirs})
        return out

    def json_keys(self) -> dict[str, str]:
        """normalised key -> canonical record field, for the top-level keys of JSON records."""
        return {norm_header(h): canon for canon, theirs in self.common.items() if canon in RECORD_FIELDS
                for h in theirs}

    def sheet_matches(self, sheet: str) -> set[str]:
        return {norm_sheet(sheet)} | {norm_sheet(n) for n in self.sheet_names.get(sheet, ())}


EMPTY_MAPPING = ColumnMapping()


def _suggest(name: str, known: dict[str, str]) -> str:
    close = difflib.get_close_matches(norm_header(name), list(known), n=1, cutoff=0.75)
    return f" Mente du '{known[close[0]]}'?" if close else ""


def _headers(where: str, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        values: list[object] = [value]
    elif isinstance(value, list) and value:
        values = value
    else:
        raise MappingError(f"{where}: værdien for '{key}' skal være en overskrift (tekst) eller en liste af "
                           "overskrifter, fx sagsnummer = \"Sags-ID\"")
    out = []
    for v in values:
        if not isinstance(v, str) or not v.strip():
            raise MappingError(f"{where}: værdien for '{key}' skal være en ikke-tom tekst (jeres kolonneoverskrift), "
                               "skrevet i anførselstegn")
        out.append(v.strip())
    return tuple(out)


def _check_unique(where: str, entries: dict[str, tuple[str, ...]], scope: str) -> None:
    seen: dict[str, str] = {}
    for canon, theirs in entries.items():
        for h in theirs:
            n = norm_header(h)
            if n in seen and seen[n] != canon:
                raise MappingError(f"{where}: overskriften '{h}' er angivet for både '{seen[n]}' og '{canon}'"
                                   f"{scope}; en kolonne kan kun betyde én ting")
            seen[n] = canon


def parse_mapping(data: object, where: str) -> ColumnMapping:
    """Validate the parsed content of a mapping file. Raises MappingError."""
    if data is None:
        raise MappingError(f"{where}: filen er tom; skriv fx sagsnummer = \"Sags-ID\" (se 'audit validate --help')")
    if not isinstance(data, dict):
        raise MappingError(f"{where}: filen skal bestå af linjer på formen kanonisk_navn = \"jeres overskrift\"")
    common: dict[str, tuple[str, ...]] = {}
    per_sheet: dict[str, dict[str, tuple[str, ...]]] = {}
    sheet_names: dict[str, tuple[str, ...]] = {}
    for raw_key, value in data.items():
        key = str(raw_key)
        nkey = norm_header(key)
        if nkey == "ark" and isinstance(value, dict):
            for s, names in value.items():
                sheet = _SHEET_BY_NORM.get(norm_sheet(s))
                if sheet is None:
                    raise MappingError(f"{where}: [ark] nævner arket '{s}', som ikke findes i formatet; "
                                       f"kendte ark: {', '.join(SHEETS)}")
                sheet_names[sheet] = _headers(f"{where}, [ark]", str(s), names)
            continue
        if nkey in _SHEET_BY_NORM and isinstance(value, dict):
            sheet = _SHEET_BY_NORM[nkey]
            known = {norm_header(c): c for c in COLUMNS[sheet]}
            entries: dict[str, tuple[str, ...]] = {}
            for col, theirs in value.items():
                canon = known.get(norm_header(col))
                if canon is None:
                    raise MappingError(f"{where}, [{sheet}]: '{col}' er ikke en kolonne i arket '{sheet}'."
                                       f"{_suggest(str(col), known)} Kendte kolonner: {', '.join(COLUMNS[sheet])}")
                entries[canon] = _headers(f"{where}, [{sheet}]", str(col), theirs)
            _check_unique(where, entries, f" i [{sheet}]")
            per_sheet[sheet] = entries
            continue
        if isinstance(value, dict):
            raise MappingError(f"{where}: afsnittet '{key}' kendes ikke; tilladt er [ark] og arkene "
                               f"{', '.join(SHEETS)}")
        canon = _ALL_COLUMNS.get(nkey)
        if canon is None:
            raise MappingError(f"{where}: '{key}' er ikke et feltnavn i sagsformatet.{_suggest(key, _ALL_COLUMNS)} "
                               "Venstre side skal være formatets navn (fx afgørelse_dato), højre side jeres "
                               "overskrift")
        common[canon] = _headers(where, key, value)
    _check_unique(where, common, "")
    for sheet, entries in per_sheet.items():
        merged = {c: h for c, h in common.items() if c in COLUMNS[sheet]}
        merged.update(entries)
        _check_unique(where, merged, f" (for arket '{sheet}')")
    return ColumnMapping(common=common, per_sheet=per_sheet, sheet_names=sheet_names, source=where)


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def load_mapping(path: str | Path | None) -> ColumnMapping:
    """Read and validate a mapping file; ``None`` gives the empty mapping. Raises MappingError."""
    if path is None:
        return EMPTY_MAPPING
    p = Path(path)
    where = f"mappingfilen '{path}'"
    if not p.exists():
        raise MappingError(f"{where} findes ikke")
    if not p.is_file():
        raise MappingError(f"{where} er ikke en fil")
    suffix = p.suffix.lower()
    if suffix not in (".toml", ".yaml", ".yml"):
        raise MappingError(f"{where} skal være TOML (.toml) eller YAML (.yaml/.yml); endelsen "
                           f"'{p.suffix or '(ingen)'}' kendes ikke")
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise MappingError(f"{where} kan ikke læses ({exc.strerror or type(exc).__name__})") from None
    except UnicodeDecodeError:
        raise MappingError(f"{where} er ikke gemt som UTF-8; gem den igen med tegnsættet UTF-8") from None
    if suffix == ".toml":
        try:
            data: object = tomllib.loads(text)
        except RecursionError:
            raise MappingError(f"{where} er ikke en brugbar mappingfil: strukturen er for dybt indlejret") from None
        except tomllib.TOMLDecodeError as exc:
            m = _TOML_POS.search(str(exc))
            pos = f" (linje {m.group(1)}, kolonne {m.group(2)})" if m else ""
            raise MappingError(f"{where} er ikke gyldig TOML{pos}; hver linje skal have formen "
                               "navn = \"overskrift\" med anførselstegn om overskriften. I TOML skal et navn med "
                               "æ, ø eller å også stå i anførselstegn (\"afgørelse_dato\" = ...), eller skrives "
                               "med ae/oe/aa (afgoerelse_dato = ...)") from None
        if not data:
            data = None
    else:
        try:
            data = yaml.safe_load(text)
        except RecursionError:
            raise MappingError(f"{where} er ikke en brugbar mappingfil: strukturen er for dybt indlejret; hver "
                               "linje skal have formen navn: overskrift") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            pos = f" (linje {mark.line + 1}, kolonne {mark.column + 1})" if mark is not None else ""
            raise MappingError(f"{where} er ikke gyldig YAML{pos}; hver linje skal have formen "
                               "navn: overskrift") from None
    return parse_mapping(data, where)
