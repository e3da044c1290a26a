"""The typer application and what every command shares (consoles, error printing, exit codes)."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

from audit.cli import dansk  # noqa: F401  (imported for its effect: help and usage errors in Danish)
from audit.privacy import mask_cpr

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="audit",
    help=(
        "Gennemgang af afgørelser om skærpet rådighedssanktion (LAS § 40 a) efter Ankestyrelsens "
        "metode.\n\n"
        "Eksempel (skabelon, udfyld, kontrollér, gennemgå):\n\n"
        "    audit template sager.xlsx\n\n"
        "    audit validate sager.xlsx\n\n"
        "    audit run sager.xlsx --out resultater --report"
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[TILVALG]",
    subcommand_metavar="KOMMANDO [ARGUMENTER]...",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def safe(text: object) -> str:
    """User data on its way to the terminal: CPR masked and rich markup escaped."""
    return escape(mask_cpr(str(text)))


def print_error(message: str) -> None:
    # soft_wrap: a long path or command in a message stays on one line, so it can be copied as it is
    err_console.print(f"[bold red]Fejl:[/] {safe(message)}", soft_wrap=True)


def print_warning(message: str) -> None:
    err_console.print(f"[yellow]Advarsel:[/] {safe(message)}", soft_wrap=True)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    print_error(message)
    return typer.Exit(code)
