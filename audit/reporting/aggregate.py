"""Tables for the reports, counted from the engine's results (``resultater.jsonl``, one dict per case).

No rendering here: every function returns plain data (``Table`` objects, dicts, lists) that the HTML,
Excel and terminal renderers show. Counting is done with pandas on one frame with a row per case.

The tables mirror Ankestyrelsen's *Praksisundersøgelse om skærpet rådighedssanktion* (2023): the same
numbers, titles, row labels and column orders (J, A, I alt for Tabel 2.1, 2.4, 4.1, 4.2; A, J, I alt for
Tabel 2.5, 2.6, 2.7), each with the national figure from ``reports/landsplan-2022.json`` beside it.

Which cases are counted: only cases that were assessed (``samlet`` is ``i_overensstemmelse``,
``aendres`` or ``hjemvises``). Cases outside the rule set are counted separately (``not_assessed``) and
shown in Tabel 1.1 and the method chapter, never silently left out.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pandas as pd

from audit.dates import DateParseError, parse_date
from audit.resources import reports_dir

# --- vocabulary ------------------------------------------------------------------------------------

VERDICTS = ("i_overensstemmelse", "aendres", "hjemvises")
OUTSIDE = "uden_for_regelsaet"
UNKNOWN_VERDICT = "ukendt"
JOBPARAT, AKTIVITETSPARAT, UOPLYST = "jobparat", "aktivitetsparat", "uoplyst"
FAILED_ANSWERS = ("nej", "ved_ikke")
NO_VALUE = "__ingen__"  # stands for a missing value (None) inside the frame

VERDICT_LABELS = {
    "i_overensstemmelse": "Ja, afgørelsen er i overensstemmelse med regler og praksis",
    "aendres": "Nej, afgørelsen ville blive ændret, hvis det var en klagesag",
    "hjemvises": ("Nej, sagen ville blive hjemvist, hvis det var en klagesag, fordi der mangler "
                  "væsentlige oplysninger"),
}
VERDICT_SHORT = {
    "i_overensstemmelse": "I overensstemmelse",
    "aendres": "Ændres",
    "hjemvises": "Hjemvises",
    OUTSIDE: "Uden for regelsættet",
    UNKNOWN_VERDICT: "Ukendt vurdering",
}
KRITIK_SHORT = {"kritik": "Kritik", "bemaerkning": "Bemærkning", "ingen": "Ingen"}
ANSWER_LABELS = {"ja": "Ja", "nej": "Nej", "ved_ikke": "Ved ikke", "ikke_relevant": "Ikke relevant"}
NOT_ASSESSED_LABEL = "Ikke vurderet (uden for regelsættet)"
UOPLYST_COLUMN = "Målgruppe ikke fastlagt"
TOTAL = "I alt"

# Tabel 2.3 (vægt_på codes of the case format, ASCII or with Danish letters)
WEIGHT_ROWS = (
    ("tidligere_sanktioner", "Tidligere afgørelser om sanktion"),
    ("tidligere_manglende_vilje", "Tidligere eksempler på manglende vilje til at stå til rådighed"),
    ("adfaerd", "Borgers adfærd"),
    ("samlet_billede", "Det samlede billede af borgers sag"),
    ("andet", "Andet"),
)


def ascii_key(text: str) -> str:
    """'adfærd' -> 'adfaerd' (keys are ASCII in files, Danish letters are accepted too)."""
    t = str(text).strip().lower()
    return t.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")


# --- Danish collation ----------------------------------------------------------------------------

_DA_MAP = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"}


def danish_sort_key(text: str | None) -> tuple[str, str]:
    """Sort key for Danish alphabetical order: a-z, then æ, ø, å; 'aa' counts as 'å' (Aarhus last)."""
    raw = unicodedata.normalize("NFC", str(text or "")).casefold()
    raw = raw.replace("aa", "å")
    mapped = "".join(_DA_MAP.get(ch, ch) for ch in raw)
    mapped = unicodedata.normalize("NFKD", mapped)
    mapped = "".join(ch for ch in mapped if not unicodedata.combining(ch))
    return mapped, str(text or "")


# --- national figures ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def national_figures() -> dict:
    """The report's tables as data (61 cases, 2022)."""
    with open(reports_dir() / "landsplan-2022.json", encoding="utf-8") as fh:
        return json.load(fh)


NATIONAL_LABEL = "Landsplan 2022"
NATIONAL_SOURCE = "Ankestyrelsens praksisundersøgelse om skærpet rådighedssanktion (2023): 61 sager, 2022"


@dataclass(frozen=True)
class NationalFigure:
    """A national figure stated in the report: ``count`` of ``base`` cases (and what it counts)."""

    count: int
    base: int
    what: str

    @property
    def text(self) -> str:
        return f"{self.count} af {self.base}"


# Failures per checklist item in Ankestyrelsen's 61 cases (praksisundersoegelse.md § 2, "Figures
# stated only in the text", and the tables). An item with no figure in the report has none here.
NATIONAL_ITEM_FAILURES: dict[str, NationalFigure] = {
    "vejledning_35_1": NationalFigure(15, 61, "ikke vejledt korrekt efter § 35, stk. 1"),
    "forudgaaende_sanktion": NationalFigure(5, 61, "ingen dokumentation for forudgående afgørelse"),
    "vejledning_35_2": NationalFigure(24, 56, "ikke korrekt vejledt efter § 35, stk. 2"),
    "ny_tilsidesaettelse": NationalFigure(10, 56, "ingen ny tilsidesættelse efter den forudgående sanktion"),
    "rimelig_grund": NationalFigure(31, 61, "afgørelsen om 'uden rimelig grund' ikke korrekt"),
    "partshoering": NationalFigure(18, 61, "ikke partshørt (tabel 4.1)"),
    "vurdering_13_8": NationalFigure(26, 26, "aktivitetsparate uden vurdering efter § 13, stk. 8"),
    "manglende_vilje": NationalFigure(9, 61, "ingen vurdering af manglende vilje"),
    "laengde": NationalFigure(46, 61, "længden ikke begrundet"),
    "tilbud": NationalFigure(7, 61, "aktiviteten kan ikke påbegyndes samme dag"),
    "lukning": NationalFigure(14, 61, "ingen samtidig afgørelse om ophør"),
    "oplysning": NationalFigure(27, 61, "ikke tilstrækkeligt oplyst eller 'ved ikke'"),
    "begrundelse": NationalFigure(55, 61, "ikke begrundet tilstrækkeligt (tabel 2.4)"),
    "klagevejledning": NationalFigure(4, 61, "ingen klagevejledning (tabel 4.2)"),
}


# --- the frame -----------------------------------------------------------------------------------

def case_date(result: dict) -> date | None:
    value = result.get("afgoerelse_dato")
    if value in (None, ""):
        return None
    try:
        return parse_date(value)
    except DateParseError:
        return None


def verdict_of(result: dict) -> str:
    v = result.get("samlet")
    return v if v in (*VERDICTS, OUTSIDE) else UNKNOWN_VERDICT


def is_assessed(result: dict) -> bool:
    return verdict_of(result) in VERDICTS


def target_group_of(result: dict) -> str:
    g = result.get("maalgruppe")
    return g if g in (JOBPARAT, AKTIVITETSPARAT) else UOPLYST


def items_of(result: dict) -> list[dict]:
    punkter = result.get("punkter")
    if not isinstance(punkter, list):
        return []
    return [p for p in punkter if isinstance(p, dict) and isinstance(p.get("id"), str)]


def item_of(result: dict, item_id: str) -> dict | None:
    for p in items_of(result):
        if p["id"] == item_id:
            return p
    return None


def answer_of(result: dict, item_id: str) -> str | None:
    p = item_of(result, item_id)
    if p is None:
        return None
    s = p.get("svar")
    return s if s in ANSWER_LABELS else None


def facts_of(result: dict) -> dict:
    f = result.get("fakta")
    return f if isinstance(f, dict) else {}


def case_key(result: dict) -> tuple[str, str]:
    return (str(result.get("kommune") or ""), str(result.get("sagsnummer") or ""))


def _norm_answer(value) -> str:
    """fakta answers: 'ja' / 'nej' / 'ved_ikke' / 'ingen' or booleans; None -> NO_VALUE."""
    if value is None:
        return NO_VALUE
    if value is True:
        return "ja"
    if value is False:
        return "nej"
    return ascii_key(value)


def _norm_length(value) -> str:
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, bool):
        return "andet"
    try:
        n = int(value)
    except (TypeError, ValueError):
        return "andet"
    if n != value and str(n) != str(value).strip():
        return "andet"
    return str(n) if n in (1, 2, 3) else "andet"


def frame(results: Sequence[dict], item_ids: Iterable[str] = ()) -> pd.DataFrame:
    """One row per case with the fields the tables count. Item answers are in columns ``svar:<id>``."""
    ids = list(dict.fromkeys([*item_ids, *(p["id"] for r in results for p in items_of(r))]))
    rows = []
    for r in results:
        f = facts_of(r)
        row = {
            "kommune": str(r.get("kommune") or ""),
            "sagsnummer": str(r.get("sagsnummer") or ""),
            "enhed": str(r.get("enhed") or "") or NO_VALUE,
            "sagsbehandler": str(r.get("sagsbehandler") or "") or NO_VALUE,
            "maalgruppe": target_group_of(r),
            "samlet": verdict_of(r),
            "kritik": r.get("kritik") if r.get("kritik") in KRITIK_SHORT else NO_VALUE,
            "vurderet": is_assessed(r),
            "forudgaaende_korrekt": _norm_answer(f.get("forudgaaende_sanktion_korrekt")),
            "vilje_vurderet": f.get("vilje_vurderet") is True,
            "relevante_forhold": _norm_answer(f.get("relevante_forhold")),
            "hensyn_til_maalgruppe": _norm_answer(f.get("hensyn_til_maalgruppe")),
            "laengde": _norm_length(f.get("laengde_maaneder")),
            "laengde_begrundet": _norm_answer(f.get("laengde_begrundet")),
            "tilbud_givet": _norm_answer(f.get("tilbud_givet")),
            "samme_dag": _norm_answer(f.get("samme_dag")),
        }
        for item_id in ids:
            row[f"svar:{item_id}"] = answer_of(r, item_id) or NO_VALUE
        rows.append(row)
    columns = ["kommune", "sagsnummer", "enhed", "sagsbehandler", "maalgruppe", "samlet", "kritik",
               "vurderet", "forudgaaende_korrekt", "vilje_vurderet", "relevante_forhold",
               "hensyn_til_maalgruppe", "laengde", "laengde_begrundet", "tilbud_givet", "samme_dag",
               *(f"svar:{i}" for i in ids)]
    return pd.DataFrame(rows, columns=columns)


# --- tables ----------------------------------------------------------------------------------------

@dataclass
class Row:
    key: str
    label: str
    values: list[int]
    national: list[int | None] | None = None
    total: bool = False


@dataclass
class Table:
    """One numbered table: columns are the municipality's; ``national_columns`` the reference ones."""

    number: str
    title: str
    columns: list[str]
    rows: list[Row]
    kilde: str
    note: str | None = None
    national_columns: list[str] = field(default_factory=list)
    national_kilde: str | None = None
    base: int = 0
    reference_rows: list[Row] = field(default_factory=list)  # national rows shown under the table (Tabel 1.1)

    def value(self, row_key: str, column: int = -1) -> int:
        for r in self.rows:
            if r.key == row_key:
                return r.values[column]
        raise KeyError(row_key)

    def row_keys(self) -> list[str]:
        return [r.key for r in self.rows]


@dataclass(frozen=True)
class TableSpec:
    number: str
    rows: tuple[tuple[str, str], ...]  # (key, label); label None = take the national label
    order: str  # "JA", "AJ" or "antal"
    total_row: bool = True


def kilde_line(n_cases: int, year: int, n_municipalities: int | None = None, extra: str = "") -> str:
    fra = f" fra {n_municipalities} kommuner" if n_municipalities and n_municipalities > 1 else ""
    return f"Kilde: Gennemgang af {n_cases} sager{fra}{extra}, {year}"


def _national_table(number: str) -> dict | None:
    return national_figures().get(number)


def _national_row(number: str, label: str) -> list[int] | None:
    nat = _national_table(number)
    if not nat:
        return None
    for r in nat["rows"]:
        if r["label"] == label:
            return list(r["values"])
    return None


def _group_columns(order: str, groups_present: set[str], number: str) -> tuple[list[str], list[str]]:
    """(group keys incl. 'total', labels) in the column order the report uses for that table."""
    nat = _national_table(number)
    labels = list(nat["columns"]) if nat else []
    if order == "antal":
        return ["total"], labels[:1] or ["Antal"]
    keys = [JOBPARAT, AKTIVITETSPARAT] if order == "JA" else [AKTIVITETSPARAT, JOBPARAT]
    if not labels:
        labels = [k.capitalize() for k in keys] + [TOTAL]
    out_keys, out_labels = keys[:], labels[:2]
    if UOPLYST in groups_present:
        out_keys.append(UOPLYST)
        out_labels.append(UOPLYST_COLUMN)
    out_keys.append("total")
    out_labels.append(labels[2] if len(labels) > 2 else TOTAL)
    return out_keys, out_labels


def _count_table(df: pd.DataFrame, column: str, spec: TableSpec, title: str, kilde: str,
                 note: str | None = None, extra_rows: Sequence[tuple[str, str]] = ()) -> Table:
    """Cross-count ``column`` (row categories) by målgruppe; rows in the spec's order.

    A value the spec does not name gets its own row (labelled by ``extra_rows`` or by the value), so
    that nothing is dropped; an optional row with no national figure and no cases is left out.
    """
    groups_present = set(df["maalgruppe"]) if len(df) else set()
    col_keys, col_labels = _group_columns(spec.order, groups_present, spec.number)
    counts = df.groupby([column, "maalgruppe"]).size() if len(df) else pd.Series(dtype=int)

    def count(row_key: str, group: str) -> int:
        if group == "total":
            return int(sum(int(counts.get((row_key, g), 0)) for g in (JOBPARAT, AKTIVITETSPARAT, UOPLYST)))
        return int(counts.get((row_key, group), 0))

    spec_keys = [k for k, _ in spec.rows]
    labels = dict(spec.rows)
    labels.update(dict(extra_rows))
    present = [k for k in dict.fromkeys(df[column]) if k not in spec_keys] if len(df) else []
    nat_table = _national_table(spec.number)
    nat_cols = list(nat_table["columns"]) if nat_table else []
    rows: list[Row] = []
    for key in [*spec_keys, *present]:
        label = labels.get(key) or ("Ikke oplyst" if key == NO_VALUE else str(key))
        values = [count(key, g) for g in col_keys]
        national = _national_row(spec.number, label)
        if national is None and key == "hjemvises" and spec.number == "2.1":
            national = [0] * len(nat_cols)  # Tabel 1.1: no case was remanded
        if national is None and key not in spec_keys[:2] and sum(values) == 0:
            continue
        rows.append(Row(key, label, values, national))
    if spec.total_row:
        totals = [sum(r.values[i] for r in rows) for i in range(len(col_keys))]
        rows.append(Row("total", TOTAL, totals, _national_row(spec.number, TOTAL), total=True))
    return Table(
        number=spec.number, title=nat_table["title"] if nat_table else title, columns=col_labels, rows=rows,
        kilde=kilde, note=note, national_columns=nat_cols,
        national_kilde=nat_table.get("source") if nat_table else None, base=int(len(df)),
    )


ANSWER_ROWS = (("ja", "Ja"), ("nej", "Nej"), ("ved_ikke", "Ved ikke"), ("ikke_relevant", "Ikke relevant"),
               (NO_VALUE, "Punktet er ikke vurderet"))

SPECS = {
    "2.1": TableSpec("2.1", tuple((k, VERDICT_LABELS[k]) for k in VERDICTS), "JA"),
    "2.2": TableSpec("2.2", (("ja", "Ja"), ("nej", "Nej"), ("ved_ikke", "Ved ikke"),
                            ("ingen", "Ingen dokumentation for forudgående afgørelse om sanktion"),
                            (NO_VALUE, "Ikke opgjort")), "antal"),
    "2.3": TableSpec("2.3", WEIGHT_ROWS, "antal", total_row=False),
    "2.4": TableSpec("2.4", ANSWER_ROWS, "JA"),
    "2.5": TableSpec("2.5", (("ja", "Ja"), ("nej", "Nej"), ("ved_ikke", "Ved ikke"),
                            (NO_VALUE, "Ikke opgjort")), "AJ"),
    "2.6": TableSpec("2.6", (("ja", "Ja"), ("nej", "Nej"), (NO_VALUE, "Ikke opgjort")), "AJ"),
    "2.7": TableSpec("2.7", (("1", "1 måned"), ("2", "2 måneder"), ("3", "3 måneder"), ("andet", "Andet"),
                            (NO_VALUE, "Længden er ikke angivet")), "AJ"),
    "4.1": TableSpec("4.1", ANSWER_ROWS, "JA"),
    "4.2": TableSpec("4.2", ANSWER_ROWS, "JA"),
    "4.3": TableSpec("4.3", (("kritik", "Ja, der ville være blevet udtalt kritik"),
                            ("bemaerkning", "Ja, der ville være blevet givet en bemærkning"),
                            ("ingen", "Nej, ingen af delene"), (NO_VALUE, "Ikke oplyst")), "antal"),
    "5.1": TableSpec("5.1", ((JOBPARAT, "Jobparat, der modtager kontanthjælp, § 6, nr. 2"),
                            (AKTIVITETSPARAT, "Aktivitetsparat, der modtager kontanthjælp, § 6, nr. 3"),
                            (UOPLYST, UOPLYST_COLUMN)), "antal"),
}


def _weights_frame(results: Sequence[dict]) -> pd.DataFrame:
    """Tabel 2.3: one row per (case, weighted circumstance); several per case are allowed."""
    rows = []
    for r in results:
        weights = facts_of(r).get("vaegt_paa") or []
        if isinstance(weights, str):
            weights = [weights]
        for w in dict.fromkeys(ascii_key(x) for x in weights if x not in (None, "")):
            rows.append({"vaegt": w, "maalgruppe": target_group_of(r)})
    return pd.DataFrame(rows, columns=["vaegt", "maalgruppe"])


def chapter_tables(results: Sequence[dict], year: int, n_municipalities: int | None = None) -> dict[str, Table]:
    """Tabel 2.1-2.7, 4.1-4.3 and 5.1 over the assessed cases of ``results``."""
    assessed = [r for r in results if is_assessed(r)]
    df = frame(assessed, ("begrundelse", "partshoering", "klagevejledning"))
    n = len(assessed)
    kilde = kilde_line(n, year, n_municipalities)
    out: dict[str, Table] = {}
    out["2.1"] = _count_table(df, "samlet", SPECS["2.1"], "", kilde)
    out["2.2"] = _count_table(df, "forudgaaende_korrekt", SPECS["2.2"], "", kilde)
    t23 = _count_table(_weights_frame(assessed), "vaegt", SPECS["2.3"], "", kilde,
                       note="Note: Kommunen kan angive flere begrundelser.")
    t23.base = n
    out["2.3"] = t23
    out["2.4"] = _count_table(df, "svar:begrundelse", SPECS["2.4"], "", kilde)
    vilje = df[df["vilje_vurderet"]]
    kilde_vilje = kilde_line(
        n, year, n_municipalities,
        extra=f", hvoraf kommunen i {len(vilje)} af sagerne har foretaget en vurdering af, om borger med sin "
              "adfærd udviser en manglende vilje til at stå til rådighed")
    out["2.5"] = _count_table(vilje, "relevante_forhold", SPECS["2.5"], "", kilde_vilje)
    out["2.6"] = _count_table(vilje, "hensyn_til_maalgruppe", SPECS["2.6"], "", kilde_vilje)
    out["2.7"] = _count_table(df, "laengde", SPECS["2.7"], "", kilde)
    out["4.1"] = _count_table(df, "svar:partshoering", SPECS["4.1"], "", kilde)
    out["4.2"] = _count_table(df, "svar:klagevejledning", SPECS["4.2"], "", kilde)
    out["4.3"] = _count_table(df, "kritik", SPECS["4.3"], "", kilde)
    out["5.1"] = _count_table(df.assign(gruppe=df["maalgruppe"]), "gruppe", SPECS["5.1"], "", kilde)
    return out


# --- Tabel 1.1 ---------------------------------------------------------------------------------------

GROUP_LABELS = {"kommune": "Kommune", "enhed": "Enhed", "sagsbehandler": "Sagsbehandler"}
NO_GROUP_LABEL = {"kommune": "(kommune ikke oplyst)", "enhed": "(enhed ikke oplyst)",
                  "sagsbehandler": "(sagsbehandler ikke oplyst)"}


def verdict_by_group(results: Sequence[dict], by: str, year: int, include_national: bool = False) -> Table:
    """Tabel 1.1: verdicts per municipality, enhed or sagsbehandler (Danish alphabetical order).

    Cases outside the rule set get their own column when there are any, so that every case is counted.
    """
    if by not in GROUP_LABELS:
        raise ValueError(f"ukendt gruppering: {by}")
    groups: dict[str, list[dict]] = {}
    for r in results:
        g = str(r.get(by) or "").strip() or NO_GROUP_LABEL[by]
        groups.setdefault(g, []).append(r)
    verdict_keys = list(VERDICTS)
    labels = [VERDICT_LABELS[v] for v in VERDICTS]
    extra = [k for k in (OUTSIDE, UNKNOWN_VERDICT) if any(verdict_of(r) == k for r in results)]
    for k in extra:
        labels.append(NOT_ASSESSED_LABEL if k == OUTSIDE else "Ukendt vurdering")
    keys = verdict_keys + extra
    rows = []
    for g in sorted(groups, key=danish_sort_key):
        vs = [verdict_of(r) for r in groups[g]]
        values = [sum(1 for v in vs if v == k) for k in keys]
        rows.append(Row(g, g, [*values, len(vs)]))
    totals = [sum(r.values[i] for r in rows) for i in range(len(keys) + 1)]
    rows.append(Row("total", TOTAL, totals, total=True))
    nat = national_figures().get("bilag_1.1")
    reference = []
    if include_national and nat:
        nt = next(r["values"] for r in nat["rows"] if r["label"] == TOTAL)
        reference.append(Row("landsplan", f"{NATIONAL_LABEL} (Ankestyrelsen, 13 kommuner)",
                             [*nt[:3], *([0] * len(extra)), nt[3]]))
    n_assessed = sum(1 for r in results if is_assessed(r))
    kommuner = len({str(r.get("kommune") or "") for r in results})
    title = {"kommune": "KOMMUNEFORDELTE RESULTATER", "enhed": "RESULTATER FORDELT PÅ ENHED",
             "sagsbehandler": "RESULTATER FORDELT PÅ SAGSBEHANDLER"}[by]
    return Table(number="1.1", title=title, columns=[GROUP_LABELS[by], *labels, TOTAL][1:], rows=rows,
                 kilde=kilde_line(len(results), year, kommuner if by == "kommune" else None),
                 national_kilde=nat.get("source") if nat and reference else None, base=n_assessed,
                 reference_rows=reference)


# --- verdicts by målgruppe (chart) -----------------------------------------------------------------

def verdict_counts(results: Sequence[dict]) -> dict[str, dict[str, int]]:
    """{målgruppe: {verdict: count}} over all cases, målgruppe incl. 'uoplyst' and 'total'."""
    out: dict[str, dict[str, int]] = {}
    for g in (JOBPARAT, AKTIVITETSPARAT, UOPLYST, "total"):
        out[g] = {v: 0 for v in (*VERDICTS, OUTSIDE, UNKNOWN_VERDICT)}
    for r in results:
        v = verdict_of(r)
        out[target_group_of(r)][v] += 1
        out["total"][v] += 1
    return out


# --- per item ------------------------------------------------------------------------------------------

@dataclass
class ItemStat:
    id: str
    number: str
    short: str
    failed: int  # nej + ved_ikke
    nej: int
    ved_ikke: int
    applicable: int  # answered ja / nej / ved_ikke
    advisory: bool
    national: NationalFigure | None
    cases: list[str] = field(default_factory=list)  # sagsnumre that failed


def item_stats(results: Sequence[dict], items: Sequence = ()) -> list[ItemStat]:
    """Failures per checklist item, in checklist order (items only found in results come last)."""
    assessed = [r for r in results if is_assessed(r)]
    meta = {it.id: it for it in items}
    ids = list(dict.fromkeys([*(it.id for it in items), *(p["id"] for r in assessed for p in items_of(r))]))
    stats = []
    for item_id in ids:
        it = meta.get(item_id)
        nej = ved = applicable = 0
        cases = []
        number = it.number if it else ""
        short = it.short if it else item_id
        advisory = bool(it.advisory) if it else False
        for r in assessed:
            p = item_of(r, item_id)
            if p is None:
                continue
            if not it:
                number = number or str(p.get("nummer") or "")
                short = short if short != item_id else str(p.get("spoergsmaal") or item_id)
                advisory = advisory or bool(p.get("vejledende"))
            s = p.get("svar")
            if s in ("ja", "nej", "ved_ikke"):
                applicable += 1
            if s == "nej":
                nej += 1
            elif s == "ved_ikke":
                ved += 1
            if s in FAILED_ANSWERS:
                cases.append(str(r.get("sagsnummer") or ""))
        stats.append(ItemStat(item_id, number, short, nej + ved, nej, ved, applicable, advisory,
                              NATIONAL_ITEM_FAILURES.get(item_id), cases))
    return stats


def most_frequent_failures(results: Sequence[dict], items: Sequence = (), top: int = 3,
                           include_advisory: bool = False) -> list[ItemStat]:
    stats = [s for s in item_stats(results, items) if s.failed and (include_advisory or not s.advisory)]
    order = {s.id: i for i, s in enumerate(stats)}
    return sorted(stats, key=lambda s: (-s.failed, order[s.id]))[:top]


# --- text figures ------------------------------------------------------------------------------------

@dataclass
class KeyFigure:
    """A figure the report states only in its text, with the municipality's own count beside it."""

    key: str
    label: str
    count: int
    base: int
    national: NationalFigure | None


# (skema number, label, how to count, national figure)
KEY_FIGURES = (
    ("3.1.1", "Borgeren er vejledt korrekt efter § 35, stk. 1", ("item", "vejledning_35_1"),
     NationalFigure(46, 61, "vejledt korrekt")),
    ("3.2.1", "Der er truffet en forudgående afgørelse om sanktion efter §§ 36-40",
     ("item", "forudgaaende_sanktion"), NationalFigure(56, 61, "forudgående afgørelse")),
    ("3.3.1", "Borgeren er vejledt korrekt om skærpet rådighedssanktion efter § 35, stk. 2",
     ("item", "vejledning_35_2"), NationalFigure(32, 56, "korrekt vejledt")),
    ("4.1", "Borgeren har på ny tilsidesat rådighedspligten efter den forudgående sanktion",
     ("item", "ny_tilsidesaettelse"), NationalFigure(46, 56, "ny tilsidesættelse")),
    ("4.1.4", "Afgørelsen om, at tilsidesættelsen skete uden rimelig grund, er korrekt",
     ("item", "rimelig_grund"), NationalFigure(30, 61, "korrekt")),
    ("4.2.1", "Kommunen har vurderet, om borgeren udviser manglende vilje til at stå til rådighed",
     ("fact", "vilje_vurderet"), NationalFigure(52, 61, "vurderet")),
    ("4.3.1", "Borgeren har fået et tilbud eller en aktivitet efter § 40 a, stk. 2",
     ("fact", "tilbud_givet"), NationalFigure(59, 61, "tilbud givet")),
    ("4.3.1.2", "Kommunen har begrundet sanktionens længde", ("fact", "laengde_begrundet"),
     NationalFigure(15, 61, "begrundet")),
    ("4.3.2", "Aktiviteten kan påbegyndes samme dag, som afgørelsen har virkning fra",
     ("fact", "samme_dag"), NationalFigure(54, 61, "samme dag")),
    ("4.4.1", "Afgørelsen om ophør og lukning af sagen er truffet samtidig", ("item", "lukning"),
     NationalFigure(47, 61, "truffet samtidig")),
    ("5.1", "Sagen er oplyst tilstrækkeligt", ("item", "oplysning"), NationalFigure(34, 61, "oplyst")),
    ("T13-T14", "Aktivitetsparat: kommunen har vurderet andre forhold og om sanktionen fremmer rådigheden "
     "(§ 13, stk. 8)", ("item", "vurdering_13_8"), NationalFigure(0, 26, "aktivitetsparate med vurdering")),
)


def key_figures(results: Sequence[dict]) -> dict[str, KeyFigure]:
    """The text-only figures: for each, the number of assessed cases answering yes, of those it applies to."""
    assessed = [r for r in results if is_assessed(r)]
    out = {}
    for key, label, (kind, name), national in KEY_FIGURES:
        count = base = 0
        for r in assessed:
            if kind == "item":
                s = answer_of(r, name)
                if s in ("ja", "nej", "ved_ikke"):
                    base += 1
                    count += s == "ja"
            else:
                v = _norm_answer(facts_of(r).get(name))
                if v != NO_VALUE:
                    base += 1
                    count += v == "ja"
        out[key] = KeyFigure(key, label, count, base, national)
    return out


# --- recommendations ----------------------------------------------------------------------------------

def recommendation_cases(results: Sequence[dict], item_ids: Iterable[str] | None = None,
                         choose: Callable[[list[str]], list[str]] | None = None) -> dict[str, list[str]]:
    """{recommendation id: ["kommune\x1fsagsnummer", ...]} from the failing items (nej / ved_ikke) of
    assessed cases.

    With ``item_ids`` only those items count. ``choose`` picks, per failing item, which of its ids to
    use (e.g. only the Kapitel 1 box). Ids keep the order of first appearance.
    """
    wanted = set(item_ids) if item_ids is not None else None
    out: dict[str, list[str]] = {}
    for r in results:
        if not is_assessed(r):
            continue
        for p in items_of(r):
            if wanted is not None and p["id"] not in wanted:
                continue
            if p.get("svar") not in FAILED_ANSWERS:
                continue
            recs = p.get("anbefalinger") or []
            if not isinstance(recs, list):
                continue
            recs = [str(x) for x in recs if isinstance(x, str | int)]
            if choose is not None:
                recs = choose(recs)
            for rid in recs:
                cases = out.setdefault(str(rid), [])
                sn = str(r.get("sagsnummer") or "")
                key = f"{r.get('kommune') or ''}\x1f{sn}"
                if key not in cases:
                    cases.append(key)
    return out


# --- reviewer overrides ----------------------------------------------------------------------------------

def _verdict_from(answers: list[tuple[str | None, str | None, bool]]) -> str:
    """rules.md 'The verdict': answers are (svar, virkning, advisory)."""
    if any(s == "nej" and v == "aendres" and not adv for s, v, adv in answers):
        return "aendres"
    if any(not adv and ((s == "nej" and v == "hjemvises") or (s == "ved_ikke" and v in ("aendres", "hjemvises")))
           for s, v, adv in answers):
        return "hjemvises"
    return "i_overensstemmelse"


@dataclass
class Override:
    sagsnummer: str
    kommune: str
    item_id: str
    number: str
    question: str
    computed: str | None
    computed_reason: str
    reviewer_answer: str | None
    by: str
    remark: str
    verdict: str
    verdict_without: str | None  # the verdict the computed answers give, when it can be derived


def overrides(results: Sequence[dict]) -> list[Override]:
    """Every reviewer answer (kilde = vurdering) and what it changed, case by case."""
    out = []
    for r in results:
        ps = items_of(r)
        reviewed = [p for p in ps if p.get("kilde") == "vurdering"]
        if not reviewed:
            continue
        actual = [(p.get("svar"), p.get("virkning"), bool(p.get("vejledende"))) for p in ps]
        computed = []
        for p in ps:
            b = p.get("beregnet") if isinstance(p.get("beregnet"), dict) else None
            if p.get("kilde") == "vurdering" and b:
                computed.append((b.get("svar"), b.get("virkning"), bool(p.get("vejledende"))))
            else:
                computed.append((p.get("svar"), p.get("virkning"), bool(p.get("vejledende"))))
        consistent = is_assessed(r) and _verdict_from(actual) == verdict_of(r)
        without = _verdict_from(computed) if consistent else None
        for p in reviewed:
            b = p.get("beregnet") if isinstance(p.get("beregnet"), dict) else {}
            v = p.get("vurdering") if isinstance(p.get("vurdering"), dict) else {}
            out.append(Override(
                sagsnummer=str(r.get("sagsnummer") or ""), kommune=str(r.get("kommune") or ""),
                item_id=p["id"], number=str(p.get("nummer") or ""), question=str(p.get("spoergsmaal") or ""),
                computed=b.get("svar"), computed_reason=str(b.get("begrundelse") or ""),
                reviewer_answer=p.get("svar"), by=str(v.get("af") or ""), remark=str(v.get("bemaerkning") or ""),
                verdict=verdict_of(r), verdict_without=without,
            ))
    return out


# --- period ----------------------------------------------------------------------------------------------

def period(results: Sequence[dict]) -> tuple[date | None, date | None]:
    dates = [d for d in (case_date(r) for r in results) if d is not None]
    return (min(dates), max(dates)) if dates else (None, None)


def group_by_municipality(results: Sequence[dict]) -> list[tuple[str, list[dict]]]:
    """[(kommune, its results)] in Danish alphabetical order; a missing name is its own group."""
    groups: dict[str, list[dict]] = {}
    for r in results:
        k = str(r.get("kommune") or "").strip() or NO_GROUP_LABEL["kommune"]
        groups.setdefault(k, []).append(r)
    return [(k, groups[k]) for k in sorted(groups, key=danish_sort_key)]
