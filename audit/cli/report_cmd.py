"""``audit report``: the per-municipality reports (HTML, Excel, optionally PDF) from a run's results."""

from __future__ import annotations

from pathlib import Path

import typer

from audit.cli.app import EXIT_PROBLEMS, app, console, fail, print_warning, safe
from audit.cli.common import OUT_REPORTS_OPTION, PER_REPORT_HELP, QUIET_OPTION, RapportPer


@app.command("report")
def report(
    run_dir: Path = typer.Argument(..., metavar="MAPPE", show_default=False,
                                   help="Mappen fra 'audit run' med resultater.jsonl (og koersel.json)."),
    out: Path = OUT_REPORTS_OPTION,
    per: RapportPer = typer.Option(None, "--per", help=PER_REPORT_HELP),
    pdf: bool = typer.Option(False, "--pdf", help="Lav også PDF-udgaver (kræver Chromium)."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Lav rapporterne pr. kommune (rapport.html, rapport.xlsx) og samlet (samlet.html, samlet.xlsx).

    Rapporterne følger Ankestyrelsens praksisundersøgelse om skærpet rådighedssanktion: sammenfatning,
    tabel 2.1-2.7 og 4.1-4.3 med landstal til sammenligning, sagseksempler, metode og analyseskema.

    Eksempel (efter audit run sager.xlsx --out resultater):

        audit report resultater --out rapporter --per enhed
    """
    from audit.reporting.build import RESULTS_FILE, build_reports, load_run
    from audit.reporting.terminal import print_summary

    folder = run_dir.parent if run_dir.is_file() and run_dir.name == RESULTS_FILE else run_dir
    if not folder.is_dir():
        raise fail(f"mappen '{run_dir}' findes ikke")
    if not (folder / RESULTS_FILE).is_file():
        raise fail(f"mappen '{folder}' indeholder ingen {RESULTS_FILE}; kør først 'audit run ... --out {folder}'")
    target = out if out is not None else folder / "rapporter"
    try:
        results, run_info, problems = load_run(folder)
    except OSError as exc:
        raise fail(f"{RESULTS_FILE} i '{folder}' kan ikke læses ({exc.strerror})") from None
    for p in problems:
        print_warning(p)
    if not results:
        print_warning(f"{RESULTS_FILE} indeholder ingen sager; rapporterne bliver tomme")
    warnings: list[str] = []
    try:
        written = build_reports(results, target, per=per.value if per else None, pdf=pdf, run_info=run_info,
                                on_warning=warnings.append)
    except OSError as exc:
        raise fail(f"kan ikke skrive i '{target}': {exc.strerror or exc}") from None
    for w in warnings:
        print_warning(w)
    if not quiet:
        if results:
            print_summary(results, console)
        kommuner = sum(1 for p in written if p.name == "rapport.html")
        console.print(f"Rapporter for {kommuner} {'kommune' if kommuner == 1 else 'kommuner'} skrevet til "
                      f"{safe(target)} ({len(written)} filer). Samlet rapport: {safe(target / 'samlet.html')}")
    if problems:
        raise typer.Exit(EXIT_PROBLEMS)
