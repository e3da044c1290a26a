"""``audit template``: write the Excel template of the case format (the work is in audit.template)."""

from __future__ import annotations

import typer

from audit.cli.app import EXIT_OK, app, console, fail, safe


@app.command("template")
def template_command(
    file: str = typer.Argument(..., metavar="FIL.xlsx", help="Hvor skabelonen skal skrives."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Erstat filen, hvis den findes."),
) -> None:
    """Skriv en Excel-skabelon i sagsformatet, klar til at udfylde.

    Arkene Sager, Hændelser og Vurderinger har rullelister; arket Vejledning forklarer hver kolonne.

    Skabelonen indeholder én udfyldt, opdigtet eksempelsag. Slet dens rækker, før I indtaster jeres egne sager.

    En eksisterende fil erstattes kun med --overwrite.

    Eksempel:

        audit template sager.xlsx
    """
    from audit.readers.template import TemplateError, write_template  # loads the rule set: only when used

    try:
        path = write_template(file, overwrite=overwrite)
    except TemplateError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"kan ikke skrive '{file}': {exc.strerror or type(exc).__name__}") from None
    console.print(f"Skabelonen er skrevet til {safe(path)}. Tjek den udfyldte fil med: audit validate {safe(path)}",
                  soft_wrap=True)
    raise typer.Exit(EXIT_OK)
