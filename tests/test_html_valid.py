"""The reports are well-formed HTML5 (html5lib reports every parse error the HTML standard defines)."""

from __future__ import annotations

from pathlib import Path

import html5lib
from typer.testing import CliRunner

from audit.cli.main import app

SAMPLES = Path(__file__).resolve().parent.parent / "sample_cases"


def test_reports_are_valid_html5(tmp_path):
    r = CliRunner().invoke(app, ["run", str(SAMPLES), "--out", str(tmp_path), "--report", "--quiet",
                                 "--per", "enhed"])
    assert r.exit_code == 0, r.output
    pages = sorted((tmp_path / "rapporter").rglob("*.html"))
    assert len(pages) == 8  # rapport.html and bilag.html for three municipalities, samlet and samlet-bilag
    for page in pages:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_text(encoding="utf-8"))
        assert parser.errors == [], (page.name, parser.errors[:5])
