"""``audit udvikling MAPPE...``: several periods' figures in a development table, in the terminal and as a
self-contained HTML page with an SVG chart (audit/tilsyn/udvikling.py)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from audit.cli.app import EXIT_OK, EXIT_USAGE, app, console, fail, safe
from audit.cli.common import JSON_OPTION
from audit.io_utils import atomic_write_text
from audit.privacy import mask_cpr
from audit.tilsyn.compare import CompareError
from audit.tilsyn.udvikling import development, pct, render_html


@app.command("udvikling")
def udvikling_command(
    runs: list[str] = typer.Argument(..., metavar="MAPPE...",
                                     help="To eller flere kørsler fra audit run, ældste først."),
    html: str | None = typer.Option(None, "--html", metavar="FIL",
                                    help="Skriv udviklingen som en HTML-side med tabel og graf."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Vis udviklingen over flere perioder (fx en stikprøve pr. kvartal): sager, samlede vurderinger og
    fejl pr. punkt, som antal og andel, i en tabel med én kolonne pr. periode.

    Perioden står i hver kørsels koersel.json (stikprøvens periode) eller udledes af afgørelsesdatoerne.
    Med --html skrives en selvstændig HTML-side med tabellen og en graf.
    Afslutningskode 0: udviklingen er vist; 2: en mappe eller fil kan ikke læses, eller der er under to.

    Eksempel:

        audit udvikling tilsyn-K1 tilsyn-K2 tilsyn-K3 --html udvikling.html
    """
    if len(runs) < 2:
        raise fail("angiv mindst to kørsler (brug audit compare til to, audit udvikling til flere)", EXIT_USAGE)
    try:
        dev = development(runs)
    except CompareError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    if html:
        target = Path(html)
        try:
            atomic_write_text(target, render_html(dev))
        except OSError as exc:
            raise fail(f"'{target}' kan ikke skrives ({exc.strerror})", EXIT_USAGE) from None
    if as_json:
        console.out(mask_cpr(json.dumps(dev.to_dict(), ensure_ascii=False, indent=2)), highlight=False)
        raise typer.Exit(EXIT_OK)
    t = Table(title="Udvikling: antal og andel (samlet vurdering af alle sager; punkter af de sager, hvor "
                    "punktet er relevant)", title_justify="left")
    t.add_column("")
    for p in dev.periods:
        t.add_column(safe(p.label), justify="right")
    for row in dev.rows():
        cells = []
        for n, share in row["celler"]:
            cells.append("-" if n is None else (str(n) if share is None and row["gruppe"] == "sager"
                                                  else f"{n} ({pct(share)})"))
        t.add_row(safe(row["navn"]), *cells)
    console.print(t)
    for p in dev.periods:
        if p.label_from == "afgørelsesdatoer":
            console.print(f"[dim]{safe(p.label)}: perioden er udledt af afgørelsesdatoerne.[/]")
    if html:
        console.print(f"HTML-siden er skrevet: {safe(html)}")
    raise typer.Exit(EXIT_OK)
