"""``audit compare DIR_A DIR_B``: what changed between two runs."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from audit.cli.app import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, console, fail, print_warning, safe
from audit.cli.common import JSON_OPTION
from audit.contract import label
from audit.privacy import mask_cpr
from audit.tilsyn.compare import CompareError, Comparison, compare_dirs


@app.command("compare")
def compare_command(
    dir_a: str = typer.Argument(..., metavar="MAPPE_A", help="Den første (ældre) kørsel fra audit run."),
    dir_b: str = typer.Argument(..., metavar="MAPPE_B", help="Den anden (nyere) kørsel fra audit run."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Sammenlign to kørsler: sager, hvis samlede vurdering eller punkter har ændret sig.

    Sagerne parres på (kommune, sagsnummer) i de to mappers resultater.jsonl.
    Afslutningskode 0: ingen forskelle; 1: forskelle; 2: en mappe eller fil kan ikke læses.

    Eksempel:

        audit compare resultater-marts resultater-juni
    """
    try:
        cmp = compare_dirs(dir_a, dir_b)
    except CompareError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    if as_json:
        console.out(mask_cpr(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2)), highlight=False)
    else:
        for w in cmp.a.warnings + cmp.b.warnings:
            print_warning(w)
        print_comparison(cmp)
    raise typer.Exit(EXIT_OK if cmp.same else EXIT_PROBLEMS)


def _arrow(before: object, after: object) -> str:
    return f"{safe(label(before))} → {safe(label(after))}"


def print_comparison(cmp: Comparison) -> None:
    console.print(f"A: {safe(cmp.a.path)} ({len(cmp.a.results)} sager)")
    console.print(f"B: {safe(cmp.b.path)} ({len(cmp.b.results)} sager)")
    if cmp.a.versions != cmp.b.versions or cmp.a.rule_sets != cmp.b.rule_sets:
        console.print(
            f"[yellow]Bemærk:[/] kørslerne er lavet med forskellig version eller regelsæt "
            f"(A: {safe(', '.join(sorted(cmp.a.versions | cmp.a.rule_sets)) or '?')}; "
            f"B: {safe(', '.join(sorted(cmp.b.versions | cmp.b.rule_sets)) or '?')}).")
    if cmp.same:
        console.print(f"[bold green]Ingen forskelle[/] i de {cmp.common} sager, der er i begge kørsler.")
        return

    if cmp.verdict_changes:
        t = Table(title=f"Ændret samlet vurdering eller kritik ({len(cmp.verdict_changes)} sager)",
                  title_justify="left")
        for col in ("Kommune", "Sagsnummer", "Samlet (A → B)", "Kritik (A → B)"):
            t.add_column(col)
        for c in cmp.verdict_changes:
            t.add_row(safe(c.key[0]), safe(c.key[1]),
                      _arrow(c.samlet.before, c.samlet.after) if c.samlet else "uændret",
                      _arrow(c.kritik.before, c.kritik.after) if c.kritik else "uændret")
        console.print(t)

    if cmp.item_changes:
        t = Table(title=f"Ændrede svar på punkter ({len(cmp.item_changes)} sager)", title_justify="left")
        for col in ("Kommune", "Sagsnummer", "Punkt", "Svar (A → B)"):
            t.add_column(col)
        for c in cmp.item_changes:
            for i, (item_id, ch) in enumerate(sorted(c.items.items())):
                t.add_row(safe(c.key[0]) if i == 0 else "", safe(c.key[1]) if i == 0 else "",
                          safe(item_id), _arrow(ch.before, ch.after))
        console.print(t)

        per = Table(title="Ændringer pr. punkt", title_justify="left")
        per.add_column("Punkt")
        per.add_column("Sager", justify="right")
        per.add_column("Heraf")
        for item_id, counter in cmp.transitions().items():
            detail = ", ".join(f"{_arrow(before, after)}: {k}" for (before, after), k in counter.items())
            per.add_row(safe(item_id), str(sum(counter.values())), detail)
        console.print(per)

    for title, keys in (("Kun i A", cmp.only_a), ("Kun i B", cmp.only_b)):
        if keys:
            t = Table(title=f"{title} ({len(keys)} sager)", title_justify="left")
            t.add_column("Kommune")
            t.add_column("Sagsnummer")
            for k, s in keys:
                t.add_row(safe(k), safe(s))
            console.print(t)

    console.print(
        f"I alt: {len(cmp.verdict_changes)} sager med ændret samlet vurdering/kritik, "
        f"{len(cmp.item_changes)} med ændrede punkter, {len(cmp.only_a)} kun i A, {len(cmp.only_b)} kun i B "
        f"({cmp.common} sager i begge).")

