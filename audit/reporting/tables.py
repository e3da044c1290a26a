"""The numbered tables of the reports, counted with pandas on one frame with a row per case.

The tables mirror Ankestyrelsen's *Praksisundersøgelse om skærpet rådighedssanktion* (2023): the same
numbers, titles, row labels and column orders (J, A, I alt for Tabel 2.1, 2.4, 4.1, 4.2; A, J, I alt for
Tabel 2.5, 2.6, 2.7), each with the national figure from ``reports/landsplan-2022.json`` beside it.

Only assessed cases are counted in chapter tables; cases outside the rule set get their own column in
Tabel 1.1 and are listed in the method chapter, never silently left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from audit.contract import ASSESSED_VERDICTS, Answer, CaseResult, Criticism, Verdict

from .common import (
    AKTIVITETSPARAT,
    GROUP_LABELS,
    JOBPARAT,
    NATIONAL_LABEL,
    NO_GROUP_LABEL,
    NO_VALUE,
    NOT_ASSESSED_LABEL,
    TOTAL,
    UOPLYST,
    UOPLYST_COLUMN,
    ascii_key,
    assessed,
    danish_sort_key,
    national_figures,
    norm_answer,
    target_group_of,
)

# Tabel 2.3 (vægt_på codes of the case format, ASCII or with Danish letters)
WEIGHT_ROWS = (
    ("tidligere_sanktioner", "Tidligere afgørelser om sanktion"),
    ("tidligere_manglende_vilje", "Tidligere eksempler på manglende vilje til at stå til rådighed"),
    ("adfaerd", "Borgers adfærd"),
    ("samlet_billede", "Det samlede billede af borgers sag"),
    ("andet", "Andet"),
)


# --- the frame -----------------------------------------------------------------------------------

def _norm_length(value: int | None) -> str:
    if value is None:
        return NO_VALUE
    return str(value) if value in (1, 2, 3) else "andet"


def frame(results: Sequence[CaseResult], item_ids: Iterable[str] = ()) -> pd.DataFrame:
    """One row per case with the fields the tables count. Item answers are in columns ``svar:<id>``."""
    ids = list(dict.fromkeys([*item_ids, *(p.id for r in results for p in r.items)]))
    rows = []
    for r in results:
        f = r.facts
        row = {
            "kommune": r.municipality,
            "sagsnummer": r.case_number,
            "enhed": r.unit or NO_VALUE,
            "sagsbehandler": r.caseworker or NO_VALUE,
            "maalgruppe": target_group_of(r),
            "samlet": r.verdict.value,
            "kritik": r.criticism.value,
            "vurderet": r.verdict.assessed,
            "forudgaaende_korrekt": norm_answer(f.prior_sanction_correct if f else None),
            "vilje_vurderet": bool(f and f.unwillingness_assessed),
            "relevante_forhold": norm_answer(f.relevant_circumstances if f else None),
            "hensyn_til_maalgruppe": norm_answer(f.target_group_considered if f else None),
            "laengde": _norm_length(f.length_months if f else None),
            "laengde_begrundet": norm_answer(f.length_reasoned if f else None),
            "tilbud_givet": norm_answer(f.offer_given if f else None),
            "samme_dag": norm_answer(f.same_day if f else None),
        }
        answers = {p.id: p.answer.value for p in r.items}
        for item_id in ids:
            row[f"svar:{item_id}"] = answers.get(item_id, NO_VALUE)
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


def _count_table(df: pd.DataFrame, column: str, spec: TableSpec, kilde: str, note: str | None = None) -> Table:
    """Cross-count ``column`` (row categories) by målgruppe; rows in the spec's order.

    A value the spec does not name gets its own row (labelled by the value), so that nothing is dropped;
    an optional row with no national figure and no cases is left out.
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
    present = [k for k in dict.fromkeys(df[column]) if k not in spec_keys] if len(df) else []
    nat_table = _national_table(spec.number)
    nat_cols = list(nat_table["columns"]) if nat_table else []
    rows: list[Row] = []
    for key in [*spec_keys, *present]:
        label = labels.get(key) or ("Ikke oplyst" if key == NO_VALUE else str(key))
        values = [count(key, g) for g in col_keys]
        national = _national_row(spec.number, label)
        if national is None and key == Verdict.REMANDED and spec.number == "2.1":
            national = [0] * len(nat_cols)  # Tabel 1.1: no case was remanded
        if national is None and key not in spec_keys[:2] and sum(values) == 0:
            continue
        rows.append(Row(key, label, values, national))
    if spec.total_row:
        totals = [sum(r.values[i] for r in rows) for i in range(len(col_keys))]
        rows.append(Row("total", TOTAL, totals, _national_row(spec.number, TOTAL), total=True))
    return Table(
        number=spec.number, title=nat_table["title"] if nat_table else "", columns=col_labels, rows=rows,
        kilde=kilde, note=note, national_columns=nat_cols,
        national_kilde=nat_table.get("source") if nat_table else None, base=int(len(df)),
    )


def _answer_rows(*answers: Answer) -> tuple[tuple[str, str], ...]:
    return tuple((a.value, a.label) for a in answers)


ANSWER_ROWS = (*_answer_rows(*Answer), (NO_VALUE, "Punktet er ikke vurderet"))

SPECS = {
    "2.1": TableSpec("2.1", tuple((v.value, v.answer_4_5_1) for v in ASSESSED_VERDICTS), "JA"),
    "2.2": TableSpec("2.2", (*_answer_rows(Answer.JA, Answer.NEJ, Answer.VED_IKKE),
                            ("ingen", "Ingen dokumentation for forudgående afgørelse om sanktion"),
                            (NO_VALUE, "Ikke opgjort")), "antal"),
    "2.3": TableSpec("2.3", WEIGHT_ROWS, "antal", total_row=False),
    "2.4": TableSpec("2.4", ANSWER_ROWS, "JA"),
    "2.5": TableSpec("2.5", (*_answer_rows(Answer.JA, Answer.NEJ, Answer.VED_IKKE), (NO_VALUE, "Ikke opgjort")),
                     "AJ"),
    "2.6": TableSpec("2.6", (*_answer_rows(Answer.JA, Answer.NEJ), (NO_VALUE, "Ikke opgjort")), "AJ"),
    "2.7": TableSpec("2.7", (("1", "1 måned"), ("2", "2 måneder"), ("3", "3 måneder"), ("andet", "Andet"),
                            (NO_VALUE, "Længden er ikke angivet")), "AJ"),
    "4.1": TableSpec("4.1", ANSWER_ROWS, "JA"),
    "4.2": TableSpec("4.2", ANSWER_ROWS, "JA"),
    "4.3": TableSpec("4.3", ((Criticism.CRITICISM.value, "Ja, der ville være blevet udtalt kritik"),
                            (Criticism.REMARK.value, "Ja, der ville være blevet givet en bemærkning"),
                            (Criticism.NONE.value, "Nej, ingen af delene"), (NO_VALUE, "Ikke oplyst")), "antal"),
    "5.1": TableSpec("5.1", ((JOBPARAT, "Jobparat, der modtager kontanthjælp, § 6, nr. 2"),
                            (AKTIVITETSPARAT, "Aktivitetsparat, der modtager kontanthjælp, § 6, nr. 3"),
                            (UOPLYST, UOPLYST_COLUMN)), "antal"),
}


def _weights_frame(results: Sequence[CaseResult]) -> pd.DataFrame:
    """Tabel 2.3: one row per (case, weighted circumstance); several per case are allowed."""
    rows = []
    for r in results:
        weights = r.facts.weighted if r.facts else []
        for w in dict.fromkeys(ascii_key(x) for x in weights if x):
            rows.append({"vaegt": w, "maalgruppe": target_group_of(r)})
    return pd.DataFrame(rows, columns=["vaegt", "maalgruppe"])


def chapter_tables(results: Sequence[CaseResult], year: int, n_municipalities: int | None = None) -> dict[str, Table]:
    """Tabel 2.1-2.7, 4.1-4.3 and 5.1 over the assessed cases of ``results``."""
    cases = assessed(results)
    df = frame(cases, ("begrundelse", "partshoering", "klagevejledning"))
    n = len(cases)
    kilde = kilde_line(n, year, n_municipalities)
    out: dict[str, Table] = {}
    out["2.1"] = _count_table(df, "samlet", SPECS["2.1"], kilde)
    out["2.2"] = _count_table(df, "forudgaaende_korrekt", SPECS["2.2"], kilde)
    t23 = _count_table(_weights_frame(cases), "vaegt", SPECS["2.3"], kilde,
                       note="Note: Kommunen kan angive flere begrundelser.")
    t23.base = n
    out["2.3"] = t23
    out["2.4"] = _count_table(df, "svar:begrundelse", SPECS["2.4"], kilde)
    vilje = df[df["vilje_vurderet"]]
    kilde_vilje = kilde_line(
        n, year, n_municipalities,
        extra=f", hvoraf kommunen i {len(vilje)} af sagerne har foretaget en vurdering af, om borger med sin "
              "adfærd udviser en manglende vilje til at stå til rådighed")
    out["2.5"] = _count_table(vilje, "relevante_forhold", SPECS["2.5"], kilde_vilje)
    out["2.6"] = _count_table(vilje, "hensyn_til_maalgruppe", SPECS["2.6"], kilde_vilje)
    out["2.7"] = _count_table(df, "laengde", SPECS["2.7"], kilde)
    out["4.1"] = _count_table(df, "svar:partshoering", SPECS["4.1"], kilde)
    out["4.2"] = _count_table(df, "svar:klagevejledning", SPECS["4.2"], kilde)
    out["4.3"] = _count_table(df, "kritik", SPECS["4.3"], kilde)
    out["5.1"] = _count_table(df.assign(gruppe=df["maalgruppe"]), "gruppe", SPECS["5.1"], kilde)
    return out


# --- Tabel 1.1 ---------------------------------------------------------------------------------------

def _group_of(result: CaseResult, by: str) -> str:
    value = {"kommune": result.municipality, "enhed": result.unit, "sagsbehandler": result.caseworker}[by]
    return (value or "").strip() or NO_GROUP_LABEL[by]


def verdict_by_group(results: Sequence[CaseResult], by: str, year: int, include_national: bool = False) -> Table:
    """Tabel 1.1: verdicts per municipality, enhed or sagsbehandler (Danish alphabetical order).

    Cases outside the rule set get their own column when there are any, so that every case is counted.
    """
    if by not in GROUP_LABELS:
        raise ValueError(f"ukendt gruppering: {by}")
    groups: dict[str, list[CaseResult]] = {}
    for r in results:
        groups.setdefault(_group_of(r, by), []).append(r)
    keys = list(ASSESSED_VERDICTS)
    labels = [v.answer_4_5_1 for v in ASSESSED_VERDICTS]
    outside = any(r.verdict is Verdict.OUTSIDE for r in results)
    if outside:
        keys.append(Verdict.OUTSIDE)
        labels.append(NOT_ASSESSED_LABEL)
    rows = []
    for g in sorted(groups, key=danish_sort_key):
        vs = [r.verdict for r in groups[g]]
        values = [sum(1 for v in vs if v is k) for k in keys]
        rows.append(Row(g, g, [*values, len(vs)]))
    totals = [sum(r.values[i] for r in rows) for i in range(len(keys) + 1)]
    rows.append(Row("total", TOTAL, totals, total=True))
    nat = national_figures().get("bilag_1.1")
    reference = []
    if include_national and nat:
        nt = next(r["values"] for r in nat["rows"] if r["label"] == TOTAL)
        reference.append(Row("landsplan", f"{NATIONAL_LABEL} (Ankestyrelsen, 13 kommuner)",
                             [*nt[:3], *([0] * outside), nt[3]]))
    n_assessed = len(assessed(results))
    kommuner = len({r.municipality for r in results})
    title = {"kommune": "KOMMUNEFORDELTE RESULTATER", "enhed": "RESULTATER FORDELT PÅ ENHED",
             "sagsbehandler": "RESULTATER FORDELT PÅ SAGSBEHANDLER"}[by]
    return Table(number="1.1", title=title, columns=[*labels, TOTAL], rows=rows,
                 kilde=kilde_line(len(results), year, kommuner if by == "kommune" else None),
                 national_kilde=nat.get("source") if nat and reference else None, base=n_assessed,
                 reference_rows=reference)


# --- verdicts by målgruppe (chart) -----------------------------------------------------------------

def verdict_counts(results: Sequence[CaseResult]) -> dict[str, dict[Verdict, int]]:
    """{målgruppe: {verdict: count}} over all cases, målgruppe incl. 'uoplyst' and 'total'."""
    out: dict[str, dict[Verdict, int]] = {g: {v: 0 for v in Verdict}
                                          for g in (JOBPARAT, AKTIVITETSPARAT, UOPLYST, "total")}
    for r in results:
        out[target_group_of(r)][r.verdict] += 1
        out["total"][r.verdict] += 1
    return out
