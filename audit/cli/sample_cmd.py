"""``audit sample``: a reproducible ledelsestilsyn sample (cli.md, "Sampling")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from audit.cli.app import EXIT_OK, EXIT_PROBLEMS, app, console, err_console, fail, print_warning, safe
from audit.cli.common import MAPPING_OPTION, OUT_SAMPLE_OPTION, PATHS_HELP, QUIET_OPTION, require_paths
from audit.dates import DateParseError, format_da, parse_date
from audit.io_utils import write_jsonl
from audit.progress import progress
from audit.tilsyn.sampling import SampleError, draw_sample, population_row, validate_request, write_sample

SHOW_MAX_ROWS = 200


def _date_option(value: str | None, name: str) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return parse_date(value)
    except DateParseError as exc:
        raise fail(f"{name} {exc}") from None


def _share_option(value: str | None) -> float | None:
    """'0.1', '0,1' (Danish decimal comma) or '10%'."""
    if value is None:
        return None
    text = value.strip().replace(",", ".").replace(" ", "")
    try:
        if text.endswith("%"):
            return float(text[:-1]) / 100
        return float(text)
    except ValueError:
        raise fail(f"--andel skal være et tal som 0.1, 0,1 eller 10% (fik '{value}')") from None


def read_population(paths: list[str], mapping: str | None, quiet: bool):
    """Read every case. Returns (population rows, all issues, unreadable count)."""
    from audit.readers import MappingError, read_cases

    try:
        results = read_cases(paths, mapping_file=mapping)
    except MappingError as exc:
        raise fail(str(exc)) from None
    rows: list[dict] = []
    issues = []
    unreadable = 0
    for result in progress(results, None, "Læser sager", quiet):
        issues.extend(result.issues)
        if result.case is None:
            if any(i.blocking for i in result.issues):
                unreadable += 1
            continue
        rows.append(population_row(result.case))
    return rows, issues, unreadable


def _n(count: int, one: str, many: str) -> str:
    """Singular or plural by the count (Danish: 1 advarsel, 2 advarsler)."""
    return one if count == 1 else many


@app.command("sample")
def sample_command(
    paths: list[str] = typer.Argument(
        ..., metavar="STI...", help=PATHS_HELP),
    out: Path = OUT_SAMPLE_OPTION,
    n: int | None = typer.Option(None, "--n", help="Antal sager i alt."),
    andel_text: str | None = typer.Option(
        None, "--andel", metavar="ANDEL",
        help="Andel af sagerne, fx 0.1, 0,1 eller 10% (rundes op pr. stratum)."),
    per: str | None = typer.Option(
        None, "--per", metavar="kommune|enhed|sagsbehandler|maalgruppe",
        help="Lagdel (stratificér) stikprøven: mindst --min-per sager pr. værdi."),
    min_per: int = typer.Option(
        1, "--min-per", help="Mindste antal sager pr. stratum (eller alle, det har)."),
    fra: str | None = typer.Option(
        None, "--fra", metavar="DATO", help="Første afgørelsesdato, der tages med."),
    til: str | None = typer.Option(
        None, "--til", metavar="DATO", help="Sidste afgørelsesdato, der tages med."),
    seed: str | None = typer.Option(
        None, "--seed", metavar="TEKST", help="Udtrækningens nøgle. Standard: dagens dato. Gem den."),
    reserver: int = typer.Option(0, "--reserver", metavar="K", help="Antal reservesager pr. stratum."),
    mapping: str | None = MAPPING_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Træk en reproducerbar stikprøve til ledelsestilsyn.

    Samme input, samme --seed og samme valg giver altid samme stikprøve, på enhver computer.
    Skriver stikproeve.csv, reserver.csv og stikproeve-log.json i --out.

    Eksempel (én sag pr. sagsbehandler i 1. kvartal 2024, med én reserve hver):

        audit sample eksport.xlsx --out tilsyn-2024-q1 --per sagsbehandler \\
        --fra 2024-01-01 --til 2024-03-31 --seed 2024-Q1 --reserver 1
    """
    require_paths(paths)
    andel = _share_option(andel_text)
    fra_d = _date_option(fra, "--fra")
    til_d = _date_option(til, "--til")
    if per is not None:
        per = per.strip().lower().replace("å", "aa")
    seed_given = seed is not None
    if seed is None:
        seed = date.today().isoformat()
    try:
        validate_request(seed=seed, n=n, andel=andel, per=per, min_per=min_per, reserver=reserver,
                         fra=fra_d, til=til_d)
    except SampleError as exc:
        raise fail(str(exc)) from None

    rows, issues, unreadable = read_population(paths, mapping, quiet)
    warning_count = sum(1 for i in issues if not i.blocking)
    for issue in (i for i in issues if i.blocking):
        err_console.print(safe(issue.line()), soft_wrap=True)
    if warning_count and not quiet:
        warnings_word = _n(warning_count, "advarsel", "advarsler")
        print_warning(f"{warning_count} {warnings_word} ved indlæsningen; se dem med: audit validate "
                      + " ".join(paths))
    unreadable_words = _n(unreadable, "post eller fil", "poster eller filer")
    if unreadable:
        err_console.print(
            f"[bold red]{unreadable} {unreadable_words} kunne ikke læses og er ikke med i populationen.[/]")

    try:
        result = draw_sample(rows, seed=seed, n=n, andel=andel, per=per, min_per=min_per,
                             reserver=reserver, fra=fra_d, til=til_d)
    except SampleError as exc:
        raise fail(str(exc)) from None
    extra = []
    if unreadable:
        extra.append(f"{unreadable} {unreadable_words} kunne ikke læses og indgår ikke i populationen; "
                     "se indlaesningsfejl.jsonl")
    try:
        paths_written = write_sample(result, out, unreadable=unreadable, inputs=paths, extra_warnings=extra)
        write_jsonl(out / "indlaesningsfejl.jsonl", (i.to_dict() for i in issues))
    except OSError as exc:
        raise fail(f"kan ikke skrive i mappen {out}: {exc.strerror}") from None

    for w in result.warnings:
        print_warning(w)
    if not quiet:
        _print_summary(result, seed, seed_given, paths_written, out)
        console.print("Gennemgå stikprøven med: " + safe(next_command(paths, out, mapping)), soft_wrap=True)
    raise typer.Exit(EXIT_PROBLEMS if unreadable else EXIT_OK)


def next_command(paths: list[str], out: Path, mapping: str | None) -> str:
    """The ``audit run`` command that audits exactly the cases of the sample just written in ``out``."""
    import shlex

    words = ["audit", "run", *paths, "--stikproeve", str(out / "stikproeve.csv"), "--out",
             str(out / "resultater"), "--report"]
    if mapping:
        words += ["--mapping", mapping]
    return shlex.join(words)


def _print_summary(result, seed: str, seed_given: bool, paths_written: dict[str, Path], out: Path) -> None:
    how = "" if seed_given else " (dagens dato, fordi --seed ikke var angivet)"
    console.print(f"Seed: [bold]{safe(seed)}[/]{how}. Gem det: det skal bruges for at gentage udtrækningen.")
    window = ""
    if result.fra or result.til:
        window = (f" med afgørelsesdato fra {format_da(result.fra) if result.fra else 'starten'}"
                  f" til {format_da(result.til) if result.til else 'slutningen'}")
    console.print(f"Population: {result.population_count} sager{window} "
                  f"(fingeraftryk {result.population_hash[:16]}…).")
    if result.outside_window or result.without_date:
        console.print(f"Uden for vinduet: {result.outside_window}; "
                      f"uden afgørelsesdato: {result.without_date}.")

    if result.per:
        strata = Table(title=f"Strata ({result.per})", title_justify="left")
        strata.add_column("Stratum")
        strata.add_column("Sager", justify="right")
        strata.add_column("Udtrukket", justify="right")
        strata.add_column("Reserver", justify="right")
        for s in result.strata:
            strata.add_row(safe(s.name), str(s.size), str(s.drawn), str(s.spares))
        console.print(strata)

    table = Table(title=f"Stikprøve: {len(result.selected)} sager", title_justify="left")
    for col in ("Kommune", "Sagsnummer", "Stratum", "Rang", "Afgørelsesdato"):
        table.add_column(col, justify="right" if col == "Rang" else "left")
    shown = sorted(result.selected, key=lambda c: (c.stratum, c.rank))
    for c in shown[:SHOW_MAX_ROWS]:
        table.add_row(safe(c.kommune), safe(c.sagsnummer), safe(c.stratum), str(c.rank),
                      format_da(c.decision_date) if c.decision_date else "")
    console.print(table)
    if len(shown) > SHOW_MAX_ROWS:
        console.print(f"… og {len(shown) - SHOW_MAX_ROWS} sager mere; se stikproeve.csv.")
    console.print("Skrevet: " + ", ".join(safe(str(p)) for p in paths_written.values())
                  + f" og {safe(str(out / 'indlaesningsfejl.jsonl'))}")

