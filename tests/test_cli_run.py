"""`audit run` end to end: outputs, exit codes, no CPR anywhere, sampling, bad files among good ones."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from audit.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_cases"
# every bundled sample case has its intended result in forventet.yaml
N_SAMPLES = len(yaml.safe_load((SAMPLES / "forventet.yaml").read_text(encoding="utf-8")))
runner = CliRunner()
CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")


def _all_text(folder: Path) -> str:
    out = []
    for p in folder.rglob("*"):
        if p.is_file() and p.suffix in (".jsonl", ".json", ".html", ".csv"):
            out.append(p.read_text(encoding="utf-8", errors="replace"))
        elif p.is_file() and p.suffix == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(p, read_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    out.extend(str(v) for v in row if v is not None)
    return "\n".join(out)


def test_run_on_sample_cases(tmp_path):
    out = tmp_path / "res"
    result = runner.invoke(app, ["run", str(SAMPLES), "--out", str(out), "--report"])
    assert result.exit_code == 0, result.output
    lines = (out / "resultater.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == N_SAMPLES
    first = json.loads(lines[0])
    for key in ("sagsnummer", "kommune", "maalgruppe", "afgoerelse_dato", "regelsaet", "samlet", "kritik",
                "punkter"):
        assert key in first
    assert (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8") == ""
    run_info = json.loads((out / "koersel.json").read_text(encoding="utf-8"))
    assert run_info["sager"] == N_SAMPLES and run_info["regelsaet"] == ["las-40a-2020"]
    assert (out / "rapporter" / "samlet.html").is_file()
    assert "Nordhavn Kommune" in result.output
    # The sample cases carry fictitious CPR numbers in cpr fields and in a note: none may come out.
    assert CPR_LIKE.findall(_all_text(out)) == []
    assert CPR_LIKE.findall(result.output) == []


def test_bad_file_among_good_ones_still_runs_and_exits_1(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(SAMPLES, src)
    (src / "skrald.json").write_text('{"sager": [{"sagsnummer": "X-1", "kommune": "K", "cpr": "010190-1234",'
                                     ' "hændelser": [], "afgørelse": {"dato": "31-02-2022"}}]}', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in src.iterdir()}
    out = tmp_path / "res"
    result = runner.invoke(app, ["run", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    assert len((out / "resultater.jsonl").read_text(encoding="utf-8").splitlines()) == N_SAMPLES
    problems = [json.loads(x) for x in (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(p["sagsnummer"] == "X-1" and p["alvor"] == "fejl" and "skrald.json" in p["fil"] for p in problems)
    assert "010190-1234" not in result.output + (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8")
    assert {p.name: p.read_bytes() for p in src.iterdir()} == before   # input never modified


@pytest.mark.parametrize("extra", [[], [str(SAMPLES)]])
def test_missing_path_is_a_usage_error_and_nothing_is_written(tmp_path, extra):
    result = runner.invoke(app, ["run", *extra, str(tmp_path / "findes-ikke.json"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "'" + str(tmp_path / "findes-ikke.json") + "' findes ikke" in " ".join(result.output.split())
    assert not (tmp_path / "o").exists()


def test_run_report_says_which_file_to_open(tmp_path):
    result = runner.invoke(app, ["run", str(SAMPLES), "--out", str(tmp_path / "o"), "--report"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    line = [x for x in result.output.splitlines() if x.startswith("Åbn rapporten: ")]
    assert line == [f"Åbn rapporten: {tmp_path / 'o' / 'rapporter' / 'samlet.html'}"]
    assert (tmp_path / "o" / "rapporter" / "samlet.html").is_file()


def test_run_with_read_errors_suggests_validate(tmp_path):
    bad = tmp_path / "mine sager.json"
    bad.write_text("{ikke json", encoding="utf-8")
    result = runner.invoke(app, ["run", str(bad), "--out", str(tmp_path / "o")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert f"audit validate '{bad}'" in result.output
    good = runner.invoke(app, ["run", str(SAMPLES), "--out", str(tmp_path / "o2")], env={"COLUMNS": "200"})
    assert good.exit_code == 0 and "audit validate" not in good.output


def test_pattern_that_matches_nothing_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "*.xlsx"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert not (tmp_path / "o").exists()


def test_unknown_rule_set_is_usage_error(tmp_path):
    result = runner.invoke(app, ["run", str(SAMPLES), "--out", str(tmp_path / "o"), "--regelsaet", "las-1999"])
    assert result.exit_code == 2
    assert "findes ikke" in result.output


def test_run_only_the_sample(tmp_path):
    stik = tmp_path / "stik"
    r = runner.invoke(app, ["sample", str(SAMPLES), "--out", str(stik), "--n", "5", "--seed", "test"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "res"
    r = runner.invoke(app, ["run", str(SAMPLES), "--out", str(out), "--stikproeve", str(stik / "stikproeve.csv"),
                            "--quiet"])
    assert r.exit_code == 0, r.output
    assert len((out / "resultater.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    info = json.loads((out / "koersel.json").read_text(encoding="utf-8"))
    assert info["stikproeve"]["sager"] == 5 and info["uden_for_stikproeve"] == N_SAMPLES - 5


def test_checklist_command_lists_every_item():
    r = runner.invoke(app, ["checklist", "--json"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["id"] == "las-40a-2020" and data["parametre"]["genvejledning_maaneder"] == 6
    assert len(data["punkter"]) == 19


def test_the_cli_does_not_import_pandas_until_a_command_aggregates():
    """``audit --help`` and the commands that count nothing start without pandas (it takes a second)."""
    import subprocess
    import sys

    code = "import audit.cli.main, sys; assert 'pandas' not in sys.modules, 'pandas importeret'"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr


def test_run_and_report_print_the_same_summary_readable_at_80_columns(tmp_path):
    from audit.contract import Verdict
    from audit.reporting.terminal import REMARKS_LABEL, column_header

    env = {"COLUMNS": "80"}
    run = runner.invoke(app, ["run", str(SAMPLES), "--out", str(tmp_path / "o")], env=env)
    report = runner.invoke(app, ["report", str(tmp_path / "o"), "--out", str(tmp_path / "r")], env=env)
    assert run.exit_code == 0 and report.exit_code == 0, run.output + report.output
    run_table = run.output.split(" sager gennemgået;")[0].rsplit("\n", 1)[0]
    report_table = report.output.split("Rapporter for ")[0]
    assert "Hyppigste mangler pr. kommune" in run_table
    assert run_table.strip() == report_table.strip()
    assert "…" not in run.output and "…" not in report.output
    assert max(len(x) for x in run_table.splitlines()) <= 80
    header = run_table.split("┡")[0]
    for label in [v.label for v in Verdict] + ["I alt", REMARKS_LABEL]:
        lines = column_header(label).split("\n")
        assert all(x in header for x in lines), label
        assert "".join(x[:-1] if x.endswith("-") else x + " " for x in lines).strip().replace("/ ", "/") == label
    assert Verdict.OUTSIDE.label == "Uden for regelsættet"
