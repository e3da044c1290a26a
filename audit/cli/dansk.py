"""The command line in Danish: typer's help panels and click's usage errors, translated in one place.

typer (0.29) carries its own copy of click whose messages are plain English f-strings, so a gettext
catalogue cannot reach them. This module therefore does three small, central things when imported:

* sets typer's help-panel texts (``typer.rich_utils`` constants: panel titles, ``[default: ...]``,
  ``[required]``, "Try ... for help.") to Danish;
* gives the automatic ``--help``/``-h`` option a Danish help text and writes "Brug:" instead of "Usage:";
* translates every usage-error message (missing argument, unknown option, bad choice, path that does not
  exist, extra arguments) through :func:`oversaet`, a table of the English patterns click/typer produce.

It also hides the Python type names typer shows next to options (``<bool>``, ``<list[str]>``): a flag shows
nothing, a value option without a ``metavar`` shows a Danish word (TEKST, TAL, STI), a choice its values.
"""

from __future__ import annotations

import re

import typer.core
import typer.exceptions as typer_exc
import typer.rich_utils as ru
from typer._click import core as click_core
from typer._click import exceptions as click_exc
from typer._click import formatting as click_formatting

HELP_TEXT = "Vis denne hjælp og afslut."
USAGE_PREFIX = "Brug: "

ru.ARGUMENTS_PANEL_TITLE = "Argumenter"
ru.OPTIONS_PANEL_TITLE = "Tilvalg"
ru.COMMANDS_PANEL_TITLE = "Kommandoer"
ru.ERRORS_PANEL_TITLE = "Fejl"
ru.ABORTED_TEXT = "Afbrudt."
ru.DEFAULT_STRING = "[standard: {}]"
ru.ENVVAR_STRING = "[miljøvariabel: {}]"
ru.REQUIRED_LONG_STRING = "[skal angives]"
ru.DEPRECATED_STRING = "(udgået) "
ru.RICH_HELP = "Se [blue]'{command_path} {help_option}'[/] for hjælp."
ru.OptionHighlighter.highlights = [h.replace("Usage: ", USAGE_PREFIX) for h in ru.OptionHighlighter.highlights]

_PATH_WORDS = {"File": "Filen", "Directory": "Mappen", "Path": "Stien"}

# (English pattern as click/typer writes it, Danish replacement); tried in order, first match wins.
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing argument (.+?)\.(.*)$", re.S), r"Mangler argumentet \1.\2"),
    (re.compile(r"^Missing option (.+?)\.(.*)$", re.S), r"Mangler tilvalget \1.\2"),
    (re.compile(r"^Missing parameter:? ?(.*?)\.?$", re.S), r"Mangler en værdi: \1"),
    (re.compile(r"^No such option: (\S+) \(Possible options: (.+)\)$", re.S),
     r"Ukendt tilvalg: \1 (mente du: \2?)"),
    (re.compile(r"^No such option: (\S+)$", re.S), r"Ukendt tilvalg: \1"),
    (re.compile(r"^No such command '?(.+?)'?\.$", re.S), r"Ukendt kommando: \1"),
    (re.compile(r"^Missing command\.$"), "Angiv en kommando."),
    (re.compile(r"^Got unexpected extra argument\(s\) \((.+)\)$", re.S), r"For mange argumenter: \1"),
    (re.compile(r"^Option (.+?) requires an argument\.$"), r"Tilvalget \1 skal have en værdi."),
    (re.compile(r"^Option (.+?) requires (\d+) arguments\.$"), r"Tilvalget \1 skal have \2 værdier."),
    (re.compile(r"^Option (.+?) does not take a value\.$"), r"Tilvalget \1 tager ingen værdi."),
    (re.compile(r"^Argument (.+?) takes (\d+) values\.$"), r"Argumentet \1 skal have \2 værdier."),
    (re.compile(r"^Invalid value for (.+?): (.*)$", re.S), r"Ugyldig værdi for \1: \2"),
    (re.compile(r"^Invalid value: (.*)$", re.S), r"Ugyldig værdi: \1"),
    (re.compile(r"^(.+?) is not one of (.+)\.$", re.S), r"\1 er ikke en af \2."),
    (re.compile(r"^Value (.+?) is not a valid (int|integer)\.$"), r"\1 er ikke et helt tal."),
    (re.compile(r"^Value (.+?) is not a valid (float)\.$"), r"\1 er ikke et tal."),
    (re.compile(r"^Value (.+?) is not a valid (.+)\.$"), r"\1 er ikke en gyldig værdi (\2)."),
    (re.compile(r"^'?(.+?)'? is not a valid (integer|int)\.$"), r"'\1' er ikke et helt tal."),
    (re.compile(r"^'?(.+?)'? is not a valid (float|number)\.$"), r"'\1' er ikke et tal."),
    (re.compile(r"^Input should be a valid integer.*$", re.S), "skal være et helt tal."),
    (re.compile(r"^Input should be a valid number.*$", re.S), "skal være et tal."),
    (re.compile(r"^Input should be a valid (\w+).*$", re.S), r"har ikke den rigtige form (\1)."),
    (re.compile(r"^(File|Directory|Path) (.+?) does not exist\.$"), r"\1 \2 findes ikke."),
    (re.compile(r"^(File|Directory|Path) (.+?) is a file\.$"), r"\1 \2 er en fil, ikke en mappe."),
    (re.compile(r"^(File|Directory|Path) (.+?) is a directory\.$"), r"\1 \2 er en mappe, ikke en fil."),
    (re.compile(r"^Could not open file (.+?): (.*)$", re.S), r"Kan ikke åbne filen \1: \2"),
]


def oversaet(message: str) -> str:
    """A click/typer usage-error message in Danish (inner messages translated too); unknown ones unchanged."""
    if message.startswith("Value error, "):  # pydantic's prefix around a validator's own message
        return oversaet(message[len("Value error, "):])
    for pattern, replacement in _MESSAGES:
        match = pattern.match(message)
        if match:
            text = match.expand(replacement)
            for english, danish in _PATH_WORDS.items():
                if text.startswith(english + " "):
                    text = danish + text[len(english):]
            # the part after "Ugyldig værdi for X: " is itself a click message
            head, sep, rest = text.partition(": ")
            if sep and head.startswith("Ugyldig værdi"):
                text = f"{head}: {oversaet(rest)}"
            return text
    return message


def _translated(method):
    def format_message(self) -> str:
        return oversaet(method(self))

    format_message.__wrapped__ = method
    return format_message


for _cls in (typer_exc.TyperException, click_exc.ClickException, click_exc.BadParameter, click_exc.FileError,
             click_exc.MissingParameter, click_exc.NoSuchOption):
    if "format_message" in vars(_cls) and not hasattr(vars(_cls)["format_message"], "__wrapped__"):
        _cls.format_message = _translated(vars(_cls)["format_message"])


_original_get_help_option = click_core.Command.get_help_option


def _get_help_option(self, ctx):
    option = _original_get_help_option(self, ctx)
    if option is not None:
        option.help = HELP_TEXT
    return option


click_core.Command.get_help_option = _get_help_option

_original_write_usage = click_formatting.HelpFormatter.write_usage


def _write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
    _original_write_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)


click_formatting.HelpFormatter.write_usage = _write_usage

_TYPE_WORDS = {"int": "TAL", "integer": "TAL", "float": "TAL", "str": "TEKST", "path": "STI", "file": "FIL",
               "directory": "MAPPE", "datetime": "DATO"}


def _danish_type(self, ctx) -> str | None:
    """What typer shows in the type column: nothing for flags and arguments (their name says it), a Danish
    word for plain values, the allowed values for a choice."""
    if isinstance(self, typer.core.TyperArgument):
        return None
    if self.metavar is not None:
        return self.metavar
    if getattr(self, "is_flag", False):
        return None
    shown = self.display_type(ctx)
    inner = shown[1:-1] if shown.startswith("<") and shown.endswith(">") else shown
    inner = re.sub(r"^list\[(.*)\]$", r"\1", inner)
    if "|" in inner:
        return inner
    return _TYPE_WORDS.get(inner.lower(), "VÆRDI")


typer.core.TyperOption.display_type_rich = _danish_type
typer.core.TyperArgument.display_type_rich = _danish_type

# typer's plain (non-rich) help and its group messages use gettext; the same words in Danish
_GETTEXT = {"default: {default}": "standard: {default}", "required": "skal angives", "env var: {var}":
            "miljøvariabel: {var}", "Aborted!": "Afbrudt.", "Missing command.": "Angiv en kommando.",
            "No such command {name!r}.": "Ukendt kommando: {name!r}.", "Arguments": "Argumenter",
            "Options": "Tilvalg", "Commands": "Kommandoer", "(dynamic)": "(beregnes)"}
typer.core._ = lambda text: _GETTEXT.get(text, text)


def _usage_display_name(self) -> str:
    """An argument in the usage line as the help shows it (``STI...``), not typer's ``{STI...}...``."""
    name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
    if self.nargs != 1 and not name.rstrip("]").endswith("..."):
        name += "..."
    return name


typer.core.TyperArgument._usage_display_name = _usage_display_name
