"""The command line speaks Danish: every ``--help`` and every usage error, without click/typer's English."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from audit.cli.dansk import oversaet
from audit.cli.main import app
from tests.test_docs import COMMANDS

runner = CliRunner()

# What click/typer write in English when nothing is translated (typer's rich help, click's errors).
ENGLISH = ["Show this message", "[required]", "Usage:", "Options", "Arguments", "Commands", "Missing argument",
           "Missing option", "Invalid value", "No such option", "No such command", "Possible options", "Error",
           "[default:", "Try '", "for help", "is not one of", "Got unexpected", "extra argument", "Input should",
           "Value error", "does not exist", "requires an argument", "[OPTIONS]", "COMMAND [ARGS]", "Aborted"]
PYTHON_TYPE = re.compile(r"<(bool|str|int|float|path|list\[[^\]]*\]|[a-z_]+)>")


def _invoke(*args: str, columns: int = 100):
    return runner.invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})


def _assert_danish(output: str) -> None:
    found = [word for word in ENGLISH if word in output]
    assert not found, f"engelsk tekst fra click/typer: {found}\n{output}"
    assert not PYTHON_TYPE.search(output), output
    assert "{" not in output.split("\n", 3)[1] if output.count("\n") > 2 else True


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_is_danish_and_ends_with_an_example(command, flag, columns):
    args = [flag] if command is None else [command, flag]
    res = _invoke(*args, columns=columns)
    assert res.exit_code == 0, res.output
    _assert_danish(res.output)
    assert "Brug: audit" in res.output
    assert "Vis denne hjælp og afslut." in res.output
    # the example is the last text before the panels, and it is a command an installed user can run
    description = res.output.split("╭", 1)[0]
    example = description.split("Eksempel", 1)[1]
    lines = [x.strip() for x in example.splitlines() if x.strip()][1:]  # after the "Eksempel ...:" line
    name = "run" if command is None else command
    assert lines and all(x.startswith(("audit ", "--")) for x in lines), example  # nothing after the example
    assert [x for x in lines if x.startswith("audit ")][-1].startswith(f"audit {name} "), example
    assert "sample_cases" not in res.output


def test_main_help_example_goes_template_validate_run():
    out = _invoke("--help").output
    example = out.split("Eksempel", 1)[1]
    positions = [example.find(f"audit {c} ") for c in ("template", "validate", "run")]
    assert -1 not in positions and positions == sorted(positions), example


def test_types_are_hidden_or_danish():
    out = _invoke("run", "--help", columns=140).output
    assert re.search(r"--report\s{2,}Lav også", out), out  # a flag shows no type
    assert "enhed|sagsbehandler" in out  # --per lists its choices
    assert re.search(r"--stikproeve\s+STI", out)
    out = _invoke("sample", "--help", columns=140).output
    assert re.search(r"--n\s+TAL", out), out


@pytest.mark.parametrize(("args", "danish"), [
    (["run"], "Mangler argumentet 'STI...'."),
    (["report"], "Mangler argumentet 'MAPPE'."),
    (["run", "x.xlsx", "--bogus"], "Ukendt tilvalg: --bogus"),
    (["run", "x.xlsx", "--per", "kommune"], "'kommune' er ikke en af 'enhed', 'sagsbehandler'."),
    (["report", "resultater", "--per", "afdeling"], "Ugyldig værdi for '--per'"),
    (["sample", "x.xlsx", "--out", "ud", "--n", "mange"], "Ugyldig værdi for '--n': skal være et helt tal."),
    (["report", "a", "b"], "For mange argumenter: b"),
    (["kør"], "Ukendt kommando: 'kør'"),
    (["run", "x.xlsx", "--out"], "Tilvalget '--out' skal have en værdi."),
])
def test_usage_errors_are_danish(args, danish):
    res = _invoke(*args)
    assert res.exit_code == 2, res.output
    assert danish in " ".join(res.output.replace("│", " ").split()), res.output
    assert "Fejl" in res.output
    _assert_danish(res.output)


def test_unknown_message_is_left_as_it_is():
    assert oversaet("sagen findes ikke") == "sagen findes ikke"
    assert oversaet("Invalid value for '--x': Value error, 'a' is not one of 'b'.") == \
        "Ugyldig værdi for '--x': 'a' er ikke en af 'b'."
    assert oversaet("File 'x.csv' does not exist.") == "Filen 'x.csv' findes ikke."
