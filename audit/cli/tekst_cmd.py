"""``audit tekst FIL...``: which required elements a letter template or standard paragraph contains."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from audit.cli.app import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, console, print_error
from audit.cli.common import JSON_OPTION, require_paths
from audit.privacy import mask_cpr

STYLE = {"ja": "green", "usikker": "yellow", "nej": "red"}


@app.command("tekst")
def tekst_command(
    paths: list[str] = typer.Argument(..., metavar="FIL...",
                                      help="Brevskabeloner eller standardafsnit (.txt, .docx, .pdf, .html) "
                                           "eller mapper."),
    kind: str | None = typer.Option(
        None, "--type", metavar="TYPE",
        help="Læs teksten som: vejledning_35_2, vejledning_35_1 eller afgørelse_40a "
             "(standard: afgøres ud fra teksten)."),
    html: Path | None = typer.Option(None, "--html", metavar="FIL", help="Skriv også en HTML-side, der kan printes."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Kontrollér kommunens brevskabeloner og standardafsnit: indeholder de det, loven kræver?

    For vejledningen om skærpet rådighedssanktion (§ 35, stk. 2) søges de fire elementer (konsekvens,
    kun_fremmødedage, lukning_kalendermåned, ægtefælle); for afgørelsen efter § 40 a og vejledningen efter
    § 35, stk. 1, deres elementer. Hvert element vises med den sætning, der bærer det, eller "ikke fundet".
    Afslutningskode 0: alle elementer fundet; 1: noget mangler eller er usikkert; 2: forkert brug eller en fil,
    der ikke kan læses.

    Eksempel:

        audit tekst skabeloner/ --html tekstkontrol.html
    """
    from audit.tekst import TYPES, analyse
    from audit.tekst.laes import ReadError, find_documents, read_document
    from audit.tekst.rapport import file_dict, render_html

    if kind is not None and kind not in TYPES:
        print_error(f"--type skal være en af: {', '.join(TYPES)}")
        raise typer.Exit(EXIT_USAGE)
    require_paths(paths)
    files, problems = find_documents(paths)
    results = []
    for path in files:
        try:
            doc = read_document(path)
        except ReadError as exc:
            problems.append(str(exc))
            continue
        results.append((path, analyse(mask_cpr(doc.text), kind)))
    if as_json:
        console.out(json.dumps({"filer": [file_dict(p, a) for p, a in results], "ulaeselige": problems},
                               ensure_ascii=False, indent=2), highlight=False)
    else:
        for path, analysis in results:
            _print(path, analysis)
        for msg in problems:
            print_error(msg)
    if html is not None and results:
        try:
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_text(render_html(results, problems), encoding="utf-8")
        except OSError as exc:
            print_error(f"HTML-siden kan ikke skrives til {html} ({exc.strerror})")
            raise typer.Exit(EXIT_USAGE) from None
        if not as_json:
            console.print(f"HTML-side: {html}")
    if problems or not results:
        if not results and not problems:
            print_error("ingen filer at læse")
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_OK if all(a.complete for _, a in results) else EXIT_PROBLEMS)


def _print(path: Path, analysis) -> None:
    missing = analysis.missing()
    head = Text(f"{analysis.type.name}\n", style="bold")
    head.append(analysis.type_reason, style="dim")
    if missing:
        head.append(f"\n{len(missing)} af {len(analysis.elements)} elementer mangler eller er usikre: ", style="red")
        head.append(", ".join(e.spec.id for e in missing), style="bold red")
    else:
        head.append(f"\nAlle {len(analysis.elements)} elementer er fundet.", style="green")
    console.print(Panel(head, title=mask_cpr(str(path)), border_style="red" if missing else "green", expand=False))
    shown: set[str] = set()
    for e in analysis.elements:
        line = Text(f"{e.status.upper():8} ", style=f"bold {STYLE[e.status]}")
        line.append(f"{e.spec.id}", style="bold")
        line.append(f"  {e.spec.name} ({e.spec.hjemmel})", style="dim")
        console.print(line)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column()
        grid.add_row("Citat", Text(f"»{e.quote}«" if e.quote else "ikke fundet", style="italic" if e.quote else ""))
        for q in e.also[:2]:
            grid.add_row("", Text(f"»{q}«", style="italic dim"))
        grid.add_row("Hvorfor", Text(e.reason))
        if not e.found:
            grid.add_row("Loven", Text(f"»{e.spec.law}«", style="dim"))
            for rid, text in e.spec.recommendations:
                if rid in shown:
                    grid.add_row(rid, Text("se ovenfor", style="dim"))
                    continue
                shown.add(rid)
                who = "Værktøjets anbefaling" if rid.startswith("V.") else "Ankestyrelsen anbefaler"
                grid.add_row(rid, Text(f"{who}: »{text}«", style="dim"))
        console.print(Padding(grid, (0, 0, 1, 9)))
