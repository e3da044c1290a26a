"""The options several commands share, declared once (as frictionless-py does in ``console/common.py``):
every command uses these objects, so a shared option has one name, one short form and one help text."""

from __future__ import annotations

from pathlib import Path

import typer

MAPPING_OPTION = typer.Option(
    None, "--mapping", metavar="FIL",
    help="Kolonneoversættelse (TOML/YAML), der oversætter jeres kolonnenavne: navn = \"jeres overskrift\".")

REGELSAET_OPTION = typer.Option(
    None, "--regelsaet", metavar="ID",
    help="Brug dette regelsæt (id) i stedet for det, der gælder på datoen.")

QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="Vis kun fejl og advarsler, ingen oversigt.")

JSON_OPTION = typer.Option(False, "--json", help="Skriv resultatet som JSON (til andre systemer).")

ALL_OPTION = typer.Option(
    False, "--alle",
    help="Vis alle problemer enkeltvis: gentagne problemer og mange ukendte kolonner samles ellers i én linje.")


def out_option(default: object, help: str) -> typer.models.OptionInfo:  # noqa: A002
    """``--out``/``-o MAPPE``: every command writes into a folder; the default and what goes there differ."""
    return typer.Option(default, "--out", "-o", metavar="MAPPE", help=help)


OUT_RESULTS_OPTION = out_option(Path("resultater"), "Mappe til resultaterne.")
OUT_REPORTS_OPTION = out_option(None, "Mappe til rapporterne (standard: MAPPE/rapporter).")
OUT_SAMPLE_OPTION = out_option(..., "Mappe, som stikprøven skrives til.")
