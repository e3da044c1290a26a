"""``audit run``: read cases, run the checklist, write results (and optionally the reports)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from audit.cli.app import EXIT_PROBLEMS, EXIT_USAGE, app, console, err_console, fail, safe
from audit.cli.common import ALL_OPTION, MAPPING_OPTION, OUT_RESULTS_OPTION, QUIET_OPTION, REGELSAET_OPTION
from audit.contract import Verdict
from audit.readers.mapping import MappingError
from audit.reporting.common import danish_sort_key
from audit.reporting.phrases import item_title
from audit.reporting.terminal import column_header
from audit.rules.checklist import ChecklistError
from audit.runner import ISSUES_FILE, RESULTS_FILE, RunSummary, run_audit


@app.command("run")
def run(
    paths: list[str] = typer.Argument(..., help="Filer, mapper eller mønstre (.json, .jsonl, .xlsx).",
                                      show_default=False),
    out: Path = OUT_RESULTS_OPTION,
    report: bool = typer.Option(False, "--report", help="Lav også rapporterne i OUT/rapporter."),
    per: str = typer.Option(None, "--per", help="Rapport: grupper bilag 1 efter 'enhed' eller 'sagsbehandler'."),
    pdf: bool = typer.Option(False, "--pdf", help="Rapport: lav også PDF, hvis Chromium er installeret."),
    mapping: str = MAPPING_OPTION,
    regelsaet: str = REGELSAET_OPTION,
    stikproeve: Path = typer.Option(None, "--stikproeve", help="Kør kun sagerne i en stikproeve.csv."),
    quiet: bool = QUIET_OPTION,
    alle: bool = ALL_OPTION,
) -> None:
    """Gennemgå sagerne efter tjeklisten og skriv resultater.jsonl og indlaesningsfejl.jsonl.

    Eksempel: audit run sample_cases --out resultater --report
    """
    sample_keys = sample_info = None
    if stikproeve is not None:
        from audit.tilsyn.sampling import load_sample_keys

        if not stikproeve.is_file():
            raise fail(f"stikprøvefilen '{stikproeve}' findes ikke")
        try:
            sample_keys = load_sample_keys(stikproeve)
        except (OSError, ValueError, KeyError) as exc:
            raise fail(str(exc)) from None
        sample_info = {"fil": str(stikproeve), "sager": len(sample_keys)}
        log = stikproeve.with_name("stikproeve-log.json")
        if log.is_file():
            import json

            try:
                sample_info["log"] = json.loads(log.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                sample_info["log"] = None
    if per not in (None, "enhed", "sagsbehandler"):
        raise fail("--per skal være 'enhed' eller 'sagsbehandler'")
    from audit.progress import progress

    try:
        summary = run_audit(
            paths, out, mapping_file=mapping, regelsaet=regelsaet, sample_keys=sample_keys,
            sample_info=sample_info, show_all=alle,
            wrap=lambda it: progress(it, total=None, description="Gennemgår sager", quiet=quiet),
        )
    except (ChecklistError, MappingError) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"kan ikke skrive i '{out}': {exc.strerror}") from None
    if not quiet:
        print_run_summary(summary, out)
    for issue in summary.issues_preview:
        if issue.severity == "fejl" or not quiet:
            err_console.print(safe(issue.line()), style="red" if issue.severity == "fejl" else "yellow")
    shown = len(summary.issues_preview)
    if summary.issues_written > shown:
        err_console.print(f"... og {summary.issues_written - shown} problemer mere i {out / ISSUES_FILE}")
    for kommune, sagsnummer in summary.missing_from_sample:
        err_console.print(safe(f"Fejl: sag {sagsnummer} ({kommune}) fra stikprøven findes ikke i input"),
                          style="red")
    if report:
        try:
            from audit.reporting.build import build_reports_from_run
        except ImportError:  # pragma: no cover
            raise fail("rapportmodulet er ikke tilgængeligt i denne installation", EXIT_USAGE) from None
        written = build_reports_from_run(out, out / "rapporter", per=per, pdf=pdf)
        if not quiet:
            console.print(f"Rapporter skrevet til {safe(out / 'rapporter')} ({len(written)} filer).")
    if summary.exit_code:
        raise typer.Exit(EXIT_PROBLEMS)


def print_run_summary(summary: RunSummary, out: Path) -> None:
    """Per municipality: counts per verdict, then the most frequent failures."""
    used = [v for v in Verdict if any(c.get(v) for c in summary.verdicts.values())] or [Verdict.UPHELD]
    table = Table(title="Resultat pr. kommune", title_justify="left")
    table.add_column("Kommune", no_wrap=True)
    for v in used:
        table.add_column(column_header(v.label), justify="right")
    table.add_column("I alt", justify="right")
    for kommune in sorted(summary.verdicts, key=danish_sort_key):
        counts = summary.verdicts[kommune]
        table.add_row(safe(kommune), *(str(counts.get(k, 0)) for k in used), str(sum(counts.values())))
    console.print(table)
    for kommune in sorted(summary.failures, key=danish_sort_key):
        top = ", ".join(f"{item_title(item)} ({n})" for item, n in summary.failures[kommune].most_common(4))
        console.print(f"[bold]{safe(kommune)}[/] hyppigste mangler: {safe(top)}")
    console.print(f"{summary.cases} sager gennemgået; {summary.not_read_text} kunne ikke læses "
                  f"({summary.errors} fejl, {summary.warnings} advarsler).")
    console.print(f"Resultater: {safe(out / RESULTS_FILE)}")
    console.print(f"Indlæsningsfejl: {safe(out / ISSUES_FILE)}")

