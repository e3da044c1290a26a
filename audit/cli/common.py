"""The options several commands share, declared once (as frictionless-py does in ``console/common.py``):
every command uses these objects, so a shared option has one name, one short form and one help text."""

from __future__ import annotations

import glob
import os
from enum import StrEnum
from pathlib import Path

import typer

from audit.cli.app import fail

MAPPING_OPTION = typer.Option(
    None, "--mapping", metavar="FIL",
    help="Kolonneoversættelse (TOML/YAML), der oversætter jeres kolonnenavne: navn = \"jeres overskrift\".")

REGELSAET_OPTION = typer.Option(
    None, "--regelsaet", metavar="ID",
    help="Brug dette regelsæt (id) i stedet for det, der gælder på datoen.")

PATHS_HELP = "Filer, mapper eller mønstre med sager (.xlsx, .xls, .xlsb, .ods, .csv, .json, .jsonl)."

QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="Vis kun fejl og advarsler, ingen oversigt.")

JSON_OPTION = typer.Option(False, "--json", help="Skriv resultatet som JSON (til andre systemer).")

ALL_OPTION = typer.Option(
    False, "--alle",
    help="Vis alle problemer enkeltvis: gentagne problemer og mange ukendte kolonner samles ellers i én linje.")

JOBS_OPTION = typer.Option(
    0, "--jobs", "-j", metavar="N", min=0, show_default=False,
    help="Antal processer, der læser og gennemgår sager samtidig (standard: antal kerner; 1: én proces). .jsonl-"
         "filer på mindst 2 MB og Excel- og CSV-filer med mindst 2.000 sager deles ud; mindre filer og .json "
         "læses i én proces. Resultatet er det samme.")


def out_option(default: object, help: str) -> typer.models.OptionInfo:  # noqa: A002
    """``--out``/``-o MAPPE``: every command writes into a folder; the default and what goes there differ."""
    return typer.Option(default, "--out", "-o", metavar="MAPPE", help=help)


OUT_RESULTS_OPTION = out_option(Path("resultater"), "Mappe til resultaterne.")
OUT_REPORTS_OPTION = out_option(None, "Mappe til rapporterne (standard: MAPPE/rapporter).")
OUT_SAMPLE_OPTION = out_option(..., "Mappe, som stikprøven skrives til.")


class RapportPer(StrEnum):
    """How bilag 1 of the municipality reports is divided (``--per`` of ``run --report`` and ``report``)."""

    enhed = "enhed"
    sagsbehandler = "sagsbehandler"


PER_REPORT_HELP = "Bilag 1 i kommunerapporterne fordelt på enhed eller sagsbehandler."


def _names_something(arg: str) -> bool:
    """Whether a path argument is an existing file or folder (or link), or a pattern that matches something."""
    if os.path.lexists(arg):
        return True
    return bool(set(arg) & set("*?[") and glob.glob(arg, recursive=True))


def require_paths(paths: list[str]) -> None:
    """A path that does not exist is a usage error (exit 2), found before anything is read or written."""
    missing = [p for p in paths if not _names_something(p)]
    if missing:
        shown = ", ".join(f"'{p}'" for p in missing)
        raise fail(f"{shown} findes ikke (hverken som fil, mappe eller mønster, der passer på filer); "
                   "kontrollér stavningen og den mappe, du står i. Intet er skrevet.")
