"""``audit report DIR --out DIR2 [--per enhed|sagsbehandler] [--pdf]`` (typer's CliRunner)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli.main import app  # registers every command
from audit.privacy import contains_cpr

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import fixture_text  # noqa: E402

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def run_dir(tmp_path) -> Path:
    folder = tmp_path / "koersel"
    folder.mkdir()
    (folder / "resultater.jsonl").write_text(fixture_text(), encoding="utf-8")
    return folder


def invoke(*args: str):
    return runner.invoke(app, ["report", *args])


def test_report_writes_every_municipality_and_samlet(run_dir, tmp_path):
    out = tmp_path / "ud"
    res = invoke(str(run_dir), "--out", str(out))
    assert res.exit_code == 0, res.output
    for slug in ("boegeby-kommune", "nordhavn-kommune", "aabybro-kommune", "aamose-kommune"):
        assert (out / slug / "rapport.html").is_file()
        assert (out / slug / "rapport.xlsx").is_file()
    assert (out / "samlet.html").is_file() and (out / "samlet.xlsx").is_file()
    assert "Rapporter for 4 kommuner" in res.output
    assert "Nordhavn Kommune" in res.output  # the terminal summary
    assert "Hyppigste mangler" in res.output
    assert not contains_cpr(res.output)
    assert not list(run_dir.glob("rapporter"))  # nothing written outside --out


def test_default_out_is_rapporter_in_the_run_folder_and_quiet(run_dir):
    res = invoke(str(run_dir), "--quiet")
    assert res.exit_code == 0, res.output
    assert res.output.strip() == ""
    assert (run_dir / "rapporter" / "samlet.html").is_file()


def test_results_file_may_be_given_directly(run_dir, tmp_path):
    res = invoke(str(run_dir / "resultater.jsonl"), "--out", str(tmp_path / "ud"), "-q")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "ud" / "samlet.html").is_file()


def test_per_sagsbehandler_and_invalid_per(run_dir, tmp_path):
    res = invoke(str(run_dir), "--out", str(tmp_path / "ud"), "--per", "sagsbehandler", "-q")
    assert res.exit_code == 0, res.output
    html = (tmp_path / "ud" / "nordhavn-kommune" / "rapport.html").read_text(encoding="utf-8")
    assert "RESULTATER FORDELT PÅ SAGSBEHANDLER" in html
    res = invoke(str(run_dir), "--out", str(tmp_path / "ud2"), "--per", "kommune")
    assert res.exit_code == 2
    assert "'kommune' er ikke en af 'enhed', 'sagsbehandler'." in " ".join(res.output.replace("│", " ").split())
    assert not (tmp_path / "ud2").exists()
    assert not (tmp_path / "ud2").exists()


def test_missing_folder_or_results_file_is_a_usage_error(tmp_path):
    res = invoke(str(tmp_path / "findes-ikke"), "--out", str(tmp_path / "ud"))
    assert res.exit_code == 2
    assert "findes ikke" in res.output
    (tmp_path / "tom").mkdir()
    res = invoke(str(tmp_path / "tom"), "--out", str(tmp_path / "ud"))
    assert res.exit_code == 2
    assert "indeholder ingen resultater.jsonl" in res.output
    assert "Traceback" not in res.output


def test_bad_lines_are_reported_and_the_rest_is_still_reported(run_dir, tmp_path):
    lines = (run_dir / "resultater.jsonl").read_text(encoding="utf-8").splitlines()
    odd = json.loads(lines[0])
    odd["punkter"][2]["svar"] = "010190-1234"  # a hand-edited answer that is no answer (and a CPR number)
    lines.insert(1, "{ikke json 010190-1234")
    lines.insert(3, "[1, 2]")
    lines.insert(5, json.dumps(odd, ensure_ascii=False))
    (run_dir / "resultater.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = invoke(str(run_dir), "--out", str(tmp_path / "ud"))
    assert res.exit_code == 1
    output = " ".join(res.output.split())
    assert "linje 2: ikke gyldig JSON" in output
    assert "linje 4: er ikke et JSON-objekt" in output
    assert "linje 6: følger ikke resultatformatet: ugyldig værdi 'xxxxxx-xxxx' ved `$.punkter[2].svar`" in output
    assert not contains_cpr(res.output)
    assert (tmp_path / "ud" / "nordhavn-kommune" / "rapport.html").is_file()
    samlet = (tmp_path / "ud" / "samlet.html").read_text(encoding="utf-8")
    assert "Kilde: Gennemgang af 15 sager fra 4 kommuner" in samlet  # every good line is still reported


def test_empty_results_give_a_warning_and_an_empty_samlet(run_dir, tmp_path):
    (run_dir / "resultater.jsonl").write_text("", encoding="utf-8")
    res = invoke(str(run_dir), "--out", str(tmp_path / "ud"))
    assert res.exit_code == 0
    assert "ingen sager" in res.output
    assert (tmp_path / "ud" / "samlet.html").is_file()


def test_run_info_from_koersel_json_reaches_the_method_chapter(run_dir, tmp_path):
    info = {"tidspunkt": "2024-05-02T10:00:00+02:00", "version": "9.9.9", "input": ["sager/"],
            "stikproeve": {"fil": "stikproeve.csv", "sager": 15, "log": {"seed": "frø-42"}}}
    (run_dir / "koersel.json").write_text(json.dumps(info), encoding="utf-8")
    res = invoke(str(run_dir), "--out", str(tmp_path / "ud"), "-q")
    assert res.exit_code == 0, res.output
    html = (tmp_path / "ud" / "samlet.html").read_text(encoding="utf-8")
    assert "frø-42" in html and "version 9.9.9" in html and "2. maj 2024" in html


def test_unreadable_koersel_json_is_a_warning(run_dir, tmp_path):
    (run_dir / "koersel.json").write_text("{", encoding="utf-8")
    res = invoke(str(run_dir), "--out", str(tmp_path / "ud"), "-q")
    assert res.exit_code == 1
    assert "koersel.json kan ikke læses" in res.output


def test_pdf_without_chromium_is_a_clear_danish_warning(run_dir, tmp_path, monkeypatch):
    monkeypatch.setattr("audit.reporting.pdf.find_browser", lambda: None)
    res = invoke(str(run_dir), "--out", str(tmp_path / "ud"), "--pdf", "-q")
    assert res.exit_code == 0, res.output
    assert "Chromium er ikke installeret" in res.output
    assert not list((tmp_path / "ud").rglob("*.pdf"))
    assert (tmp_path / "ud" / "samlet.html").is_file()


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                    reason="Chromium er ikke installeret (testen køres altid i CI)")
def test_pdf_with_chromium(run_dir, tmp_path):
    keep = (run_dir / "resultater.jsonl").read_text(encoding="utf-8").splitlines()
    (run_dir / "resultater.jsonl").write_text(
        "\n".join(x for x in keep if "Åmose" in x) + "\n", encoding="utf-8")
    res = invoke(str(run_dir), "--out", str(tmp_path / "ud"), "--pdf", "-q")
    assert res.exit_code == 0, res.output
    for pdf in (tmp_path / "ud" / "aamose-kommune" / "rapport.pdf", tmp_path / "ud" / "samlet.pdf"):
        assert pdf.read_bytes()[:5] == b"%PDF-"
