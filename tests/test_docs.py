"""Every command is documented in the README and has Danish help with an example; the README quick start
is exactly two commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = ["run", "validate", "template", "report", "check", "sample", "compare", "checklist", "tekst", "udvikling"]
runner = CliRunner()


def test_every_registered_command_is_known_here():
    import typer.main

    group = typer.main.get_command(app)
    assert sorted(group.commands) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_with_example_and_is_in_readme(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Eksempel" in result.output
    assert f"audit {command}" in README


def test_quick_start_is_two_commands():
    block = README.split("## Kom i gang", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    lines = [x for x in block.strip().splitlines() if x.strip()]
    assert lines == ['pip install . && audit run sample_cases --out resultater --report',
                     'pip install ".[test]" && python -m pytest']


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q ".[test]"' in ci and re.search(r"^python -m pytest$", ci, re.M)
