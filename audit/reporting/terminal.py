"""The terminal summary (rich): per municipality the number of cases per verdict and the most frequent
failures. Every piece of case text is CPR-masked and shown as plain text (no rich markup)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from audit.contract import CaseResult, Verdict
from audit.privacy import mask_cpr

from .phrases import item_title
from .tally import SummaryTally

# Danish hyphenation of the long words in the headers; no header line is longer than 7 characters, so the
# verdict table fits 80 columns without rich cutting a header off with "…".
_BREAKS = {"overensstemmelse": "over-\nens-\nstem-\nmelse", "regelsættet": "regel-\nsættet",
           "Hjemvises": "Hjem-\nvises", "bemærkning": "bemærk-\nning"}
REMARKS_LABEL = "Kritik/bemærkning"


def column_header(label: str) -> str:
    """A label as a narrow column header: the long words hyphenated, so a terminal of 80 columns shows
    them whole instead of cutting them off. The words are the report's own labels (``Verdict.label``)."""
    words = []
    for word in label.replace("/", "/ ").split(" "):
        words.append(_BREAKS.get(word, word))
    return "\n".join(words)


def _add_number_column(table: Table, label: str) -> None:
    header = column_header(label)
    table.add_column(header, justify="right", min_width=max(len(x) for x in header.split("\n")))


def _items():
    try:
        from audit.rules.checklist import load_checklist

        return list(load_checklist("las-40a-2020").items)
    except Exception:  # noqa: BLE001 - the summary must work without the checklist file
        return []


def summary_tables(results: Sequence[CaseResult] | SummaryTally, top: int = 3) -> tuple[Table, Table | None]:
    """(verdicts per municipality, most frequent failures per municipality or None when there are none), of
    the results or of what a run counted while it wrote them (``tally.SummaryTally``)."""
    tally = results if isinstance(results, SummaryTally) else _tally_of(results)
    items = _items()
    table = Table(title="Resultat pr. kommune", title_justify="left")
    table.add_column("Kommune", overflow="fold")  # a long name wraps rather than pushing numbers off
    for v in Verdict:
        _add_number_column(table, v.label)
    _add_number_column(table, "I alt")
    _add_number_column(table, REMARKS_LABEL)
    failures_table = Table(title="Hyppigste mangler pr. kommune", title_justify="left")
    failures_table.add_column("Kommune", overflow="fold")
    failures_table.add_column("Punkt", overflow="fold")
    failures_table.add_column("Sager", justify="right")
    totals = dict.fromkeys(Verdict, 0)
    groups = tally.groups()
    any_failures = False
    for kommune, counts in groups:
        for v in Verdict:
            totals[v] += counts.verdict(v)
        table.add_row(Text(mask_cpr(kommune)), *(str(counts.verdict(v)) for v in Verdict), str(counts.cases),
                      str(counts.remarks))
        for i, s in enumerate(counts.failures(items, top=top)):
            any_failures = True
            failures_table.add_row(Text(mask_cpr(kommune) if i == 0 else ""),
                                   Text(mask_cpr(item_title(s.id, s.short))), f"{s.failed} af {s.applicable}")
    if len(groups) > 1:
        table.add_row(Text("I alt", style="bold"), *(str(totals[v]) for v in Verdict), str(len(tally)), "")
    return table, failures_table if any_failures else None


def _tally_of(results: Sequence[CaseResult]) -> SummaryTally:
    tally = SummaryTally()
    for r in results:
        tally.add_result(r)
    return tally


def print_summary(results: Sequence[CaseResult] | SummaryTally, console: Console) -> None:
    """Print the per-municipality summary of ``results`` (or of a run's ``SummaryTally``)."""
    if not len(results):
        console.print(Text("Ingen sager at vise."))
        return
    table, failures = summary_tables(results)
    console.print(table)
    if failures is not None:
        console.print(failures)
