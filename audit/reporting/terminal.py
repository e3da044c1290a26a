"""The terminal summary (rich): per municipality the number of cases per verdict and the most frequent
failures. Every piece of case text is CPR-masked and shown as plain text (no rich markup)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from audit.privacy import mask_cpr
from audit.reporting import aggregate as ag
from audit.reporting.text import item_title

COLUMNS = (("i_overensstemmelse", "I overens-\nstemmelse"), ("aendres", "Ændres"), ("hjemvises", "Hjemvises"),
           (ag.OUTSIDE, "Uden for\nregelsæt"))


def _items():
    try:
        from audit.rules.checklist import load_checklist

        return list(load_checklist("las-40a-2020").items)
    except Exception:  # noqa: BLE001 - the summary must work without the checklist file
        return []


def summary_tables(results: Sequence[dict], top: int = 3) -> tuple[Table, Table | None]:
    """(verdicts per municipality, most frequent failures per municipality or None when there are none)."""
    items = _items()
    table = Table(title="Resultat pr. kommune", title_justify="left")
    table.add_column("Kommune", no_wrap=True)
    for _, label in COLUMNS:
        table.add_column(label, justify="right")
    table.add_column("I alt", justify="right")
    table.add_column("Kritik/\nbemærkning", justify="right")
    failures_table = Table(title="Hyppigste mangler pr. kommune", title_justify="left")
    failures_table.add_column("Kommune", no_wrap=True)
    failures_table.add_column("Punkt")
    failures_table.add_column("Sager", justify="right")
    usable = [r for r in results if isinstance(r, dict)]
    totals = {k: 0 for k, _ in COLUMNS}
    groups = ag.group_by_municipality(usable)
    any_failures = False
    for kommune, rows in groups:
        verdicts = [ag.verdict_of(r) for r in rows]
        counts = {k: sum(1 for v in verdicts if v == k) for k, _ in COLUMNS}
        for k in counts:
            totals[k] += counts[k]
        remarks = sum(1 for r in rows if ag.is_assessed(r) and r.get("kritik") in ("kritik", "bemaerkning"))
        table.add_row(Text(mask_cpr(kommune)), *(str(counts[k]) for k, _ in COLUMNS), str(len(rows)),
                      str(remarks))
        for i, s in enumerate(ag.most_frequent_failures(rows, items, top=top)):
            any_failures = True
            failures_table.add_row(Text(mask_cpr(kommune) if i == 0 else ""),
                                   Text(mask_cpr(item_title(s.id, s.short))), f"{s.failed} af {s.applicable}")
    if len(groups) > 1:
        table.add_row(Text("I alt", style="bold"), *(str(totals[k]) for k, _ in COLUMNS), str(len(usable)), "")
    return table, failures_table if any_failures else None


def print_summary(results: Sequence[dict], console: Console) -> None:
    """Print the per-municipality summary of ``results`` (the engine's result dicts)."""
    usable = [r for r in results if isinstance(r, dict)]
    if not usable:
        console.print(Text("Ingen sager at vise."))
        return
    table, failures = summary_tables(usable)
    console.print(table)
    if failures is not None:
        console.print(failures)
