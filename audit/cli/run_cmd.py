"""``audit run``: read cases, run the checklist, write results (and optionally the reports)."""

from __future__ import annotations

from pathlib import Path

import typer

from audit.cli.app import EXIT_PROBLEMS, EXIT_USAGE, app, console, err_console, fail, safe
from audit.cli.common import (
    ALL_OPTION,
    JOBS_OPTION,
    MAPPING_OPTION,
    OUT_RESULTS_OPTION,
    PATHS_HELP,
    PER_REPORT_HELP,
    QUIET_OPTION,
    REGELSAET_OPTION,
    RapportPer,
    require_paths,
)
from audit.parallel import WorkerLost, default_jobs
from audit.readers.mapping import MappingError
from audit.rules.checklist import ChecklistError
from audit.runner import ISSUES_FILE, RESULTS_FILE, RunSummary, run_audit


@app.command("run")
def run(
    paths: list[str] = typer.Argument(..., metavar="STI...", show_default=False,
                                      help=PATHS_HELP),
    out: Path = OUT_RESULTS_OPTION,
    report: bool = typer.Option(False, "--report", help="Lav også rapporterne i OUT/rapporter."),
    per: RapportPer = typer.Option(None, "--per", help="Med --report: " + PER_REPORT_HELP),
    pdf: bool = typer.Option(False, "--pdf", help="Rapport: lav også PDF, hvis Chromium er installeret."),
    mapping: str = MAPPING_OPTION,
    regelsaet: str = REGELSAET_OPTION,
    stikproeve: Path = typer.Option(None, "--stikproeve", help="Kør kun sagerne i en stikproeve.csv."),
    vurderinger: Path = typer.Option(None, "--vurderinger", metavar="FIL",
                                     help="Brug svarene i en udfyldt gennemgang.xlsx som vurderinger."),
    gennemgang: bool = typer.Option(False, "--gennemgang",
                                    help="Skriv gennemgang.xlsx, også når kørslen har over 1.000 sager."),
    ingen_gennemgang: bool = typer.Option(False, "--ingen-gennemgang", help="Skriv ikke gennemgang.xlsx."),
    quiet: bool = QUIET_OPTION,
    alle: bool = ALL_OPTION,
    jobs: int = JOBS_OPTION,
) -> None:
    """Gennemgå sagerne efter tjeklisten og skriv resultater.jsonl og indlaesningsfejl.jsonl.

    Eksempel (sagerne fra skabelonen, se audit template):

        audit run sager.xlsx --out resultater --report
    """
    require_paths(paths)
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
    review_book = None
    if vurderinger is not None:
        from audit.tilsyn.gennemgang import ReviewBookError, read_review_book

        try:
            review_book = read_review_book(vurderinger)
        except ReviewBookError as exc:
            raise fail(str(exc)) from None
    from audit.progress import progress

    try:
        summary = run_audit(
            paths, out, mapping_file=mapping, regelsaet=regelsaet, sample_keys=sample_keys,
            sample_info=sample_info, show_all=alle, reviews=review_book, jobs=jobs or default_jobs(),
            wrap=lambda it: progress(it, total=None, description="Gennemgår sager", quiet=quiet),
        )
    except (ChecklistError, MappingError, WorkerLost) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"kan ikke skrive i '{out}': {exc.strerror}") from None
    from audit.tilsyn.gennemgang import write_for_run

    try:
        workbook, notice = write_for_run(out, summary.cases, always=gennemgang, never=ingen_gennemgang)
    except OSError as exc:
        raise fail(f"kan ikke skrive i '{out}': {exc.strerror}") from None
    if not quiet:
        print_run_summary(summary, out)
        if review_book is not None:
            console.print(f"Vurderinger fra {safe(review_book.file)}: {len(review_book)} svar brugt.")
        if workbook is not None:
            console.print(f"Til gennemgang: {safe(workbook.path)} (udfyld 'Dit svar', og kør igen med "
                          "--vurderinger)", soft_wrap=True)
    if notice:
        err_console.print(safe(notice), style="yellow", soft_wrap=True)
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
        written = build_reports_from_run(out, out / "rapporter", per=per.value if per else None, pdf=pdf)
        if not quiet:
            console.print(f"Rapporter skrevet til {safe(out / 'rapporter')} ({len(written)} filer).")
        html = [p for p in written if p.suffix == ".html"]
        to_open = next((p for p in html if p.name == "samlet.html"), html[0] if html else None)
        if to_open is not None and not quiet:
            console.print(f"Åbn rapporten: {safe(to_open)}", soft_wrap=True)
    if summary.errors:
        console.print("Se hver indlæsningsfejl med fil, ark, række og kolonne med: audit validate "
                      + " ".join(safe(_quoted(p)) for p in paths), soft_wrap=True)
    if summary.exit_code:
        raise typer.Exit(EXIT_PROBLEMS)


def _quoted(path: str) -> str:
    """A path as it must be typed in a shell (quoted when it holds spaces)."""
    import shlex

    return shlex.quote(path)


def print_run_summary(summary: RunSummary, out: Path) -> None:
    """The same summary as ``audit report`` prints (``audit.reporting.terminal``), of the cases the run
    counted while it wrote their results (no second reading of the file), then the run's counts and files."""
    from audit.reporting.terminal import print_summary

    if len(summary.tally):
        print_summary(summary.tally, console)
    cases = f"{summary.cases} {'sag' if summary.cases == 1 else 'sager'}"
    warnings = f"{summary.warnings} {'advarsel' if summary.warnings == 1 else 'advarsler'}"
    console.print(f"{cases} gennemgået; {summary.not_read_text} kunne ikke læses "
                  f"({summary.errors} fejl, {warnings}).")
    console.print(f"Resultater: {safe(out / RESULTS_FILE)}")
    console.print(f"Indlæsningsfejl: {safe(out / ISSUES_FILE)}")

