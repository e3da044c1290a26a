"""``audit validate``: check input against the case format without auditing anything."""

from __future__ import annotations

import json

import typer

from audit.cli.app import EXIT_OK, EXIT_PROBLEMS, app, console, fail, safe
from audit.cli.common import ALL_OPTION, JSON_OPTION, MAPPING_OPTION, PATHS_HELP, require_paths
from audit.privacy import safe_text
from audit.readers import MappingError, read_cases
from audit.readers.collapse import IssueCollapser


@app.command("validate")
def validate_command(
    paths: list[str] = typer.Argument(
        ..., metavar="STI...", show_default=False,
        help=PATHS_HELP),
    mapping: str | None = MAPPING_OPTION,
    as_json: bool = JSON_OPTION,
    alle: bool = ALL_OPTION,
) -> None:
    """Kontrollér, at input følger sagsformatet, uden at gennemgå sagerne.

    Viser én linje pr. problem (fil, ark, række, kolonne og hvad der er galt) og til sidst en optælling.

    Fejl betyder, at en sag eller fil ikke kan læses. Advarsler forhindrer ikke gennemgangen.

    Afslutningskode 0: ingen fejl (advarsler er tilladt). 1: mindst én fejl. 2: forkert brug, fx en ugyldig mappingfil.

    Eksempel:

        audit validate sager/ eksport.xlsx --mapping kolonner.toml
    """
    require_paths(paths)
    try:
        results = read_cases(paths, mapping_file=mapping, show_all=alle)
    except MappingError as exc:
        raise fail(str(exc)) from None
    readable = unreadable = errors = warnings = rejected = 0
    collapser = IssueCollapser(show_all=alle)
    first = True
    if as_json:
        typer.echo("[", nl=False)
    for result in results:
        if result.case is not None:
            readable += 1
        elif result.file_rejected:  # a file none of whose records could be read: at least one record
            rejected += 1
            unreadable += 1
        elif not result.file_level and any(i.blocking for i in result.issues):
            unreadable += 1
        for issue in result.issues:
            if issue.blocking:
                errors += 1
            else:
                warnings += 1
            for shown in collapser.add(issue):
                first = _show(shown, as_json, first)
    for shown in collapser.finish():
        first = _show(shown, as_json, first)
    if as_json:
        typer.echo("\n]" if not first else "]")
    else:
        console.print(
            f"{readable} {'sag kan' if readable == 1 else 'sager kan'} læses, "
            f"{'mindst ' if rejected else ''}{unreadable} kan ikke læses; "
            f"{errors} fejl og {warnings} {'advarsel' if warnings == 1 else 'advarsler'}.", soft_wrap=True)
        if not errors:
            console.print("Ingen fejl: input følger sagsformatet." if not warnings
                          else "Ingen fejl; se advarslerne ovenfor.", soft_wrap=True)
    raise typer.Exit(EXIT_PROBLEMS if errors else EXIT_OK)


def _show(issue, as_json: bool, first: bool) -> bool:
    """Print one problem (a JSON list item with ``--json``); returns whether the JSON list is still empty."""
    if as_json:
        d = {k: safe_text(v) if isinstance(v, str) else v for k, v in issue.to_dict().items()}
        typer.echo(("\n  " if first else ",\n  ") + json.dumps(d, ensure_ascii=False), nl=False)
        return False
    console.print(safe(issue.line()), style="red" if issue.blocking else "yellow", soft_wrap=True)
    return first
