"""Issue 13, Deliver 2: the terminal output of ``audit check`` and ``audit compare`` names items,
answers, verdicts and rule sets in Danish; no id of the checklist, code value or field name (tests/idscan.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from typer.testing import CliRunner

from audit.cli.main import app

sys.path.insert(0, str(Path(__file__).parent))
from idscan import find_internal_names  # noqa: E402
from resultbuilder import complete  # noqa: E402
from test_cli_sample_compare import PASSING, failing_draft  # noqa: E402

runner = CliRunner()


def leaks(text: str) -> list[str]:
    """Internal names in ``text``. The one advisory item is numbered by Ankestyrelsen's public recommendation
    number R2.0.16 (its number in the analyseskema, as in tests/test_report_no_ids.py), not an internal id."""
    return [h for h in find_internal_names(text) if "punkt R2.0.16" not in h]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


def test_check_no_go_output_has_no_internal_names(tmp_path):
    f = tmp_path / "kladde.json"
    f.write_text(json.dumps(failing_draft(), ensure_ascii=False), encoding="utf-8")
    res = invoke("check", f)
    assert res.exit_code == 1
    assert leaks(res.output) == []
    assert "Ankestyrelsen anbefaler" in res.output and "1)" in res.output  # numbered, not by id
    assert "2 punkter skal være i orden" in res.output and "punkt(er)" not in res.output


def test_check_go_output_has_no_internal_names(tmp_path):
    f = tmp_path / "kladde.json"
    f.write_text(json.dumps(PASSING, ensure_ascii=False), encoding="utf-8")
    res = invoke("check", f)
    assert res.exit_code == 0
    assert leaks(res.output) == []


def _run(folder: Path, rows) -> Path:
    folder.mkdir()
    (folder / "resultater.jsonl").write_text("".join(json.dumps(complete(r), ensure_ascii=False) + "\n"
                                                     for r in rows), encoding="utf-8")
    return folder


def test_compare_case_by_case_output_has_no_internal_names(tmp_path):
    def row(verdict, kritik, answer, version="0.1.0"):
        return {"sagsnummer": "NH-1", "kommune": "Nordhavn Kommune", "samlet": verdict, "kritik": kritik,
                "regelsaet": "las-40a-2020", "version": version,
                "punkter": [{"id": "partshoering", "svar": answer}, {"id": "laengde", "svar": "ikke_relevant"},
                            {"id": "vejledning_35_2", "svar": answer}]}
    a = _run(tmp_path / "a", [row("i_overensstemmelse", "bemaerkning", "ja")])
    b = _run(tmp_path / "b", [row("aendres", "ingen", "ved_ikke", "0.2.0")])
    res = invoke("compare", a, b)
    assert res.exit_code == 1
    assert "Partshøring" in res.output and "ja → ved ikke" in res.output
    assert leaks(res.output) == []


SAMPLES = Path(__file__).resolve().parent.parent / "sample_cases"


def _bundled_cases() -> list[dict]:
    data = json.loads((SAMPLES / "nordhavn.json").read_text(encoding="utf-8"))
    cases = data["sager"] if isinstance(data, dict) else data
    lines = (SAMPLES / "skovbjerg.jsonl").read_text(encoding="utf-8").splitlines()
    return [*cases, *(json.loads(x) for x in lines if x.strip())]


def test_check_of_every_bundled_case_has_no_internal_names(tmp_path):
    cases = _bundled_cases()
    assert len(cases) > 20
    for n, case in enumerate(cases):
        f = tmp_path / f"kladde-{n}.json"
        f.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
        res = invoke("check", f)
        assert res.exit_code in (0, 1), res.output
        assert leaks(res.output) == [], (n, leaks(res.output))


def test_compare_of_two_bundled_runs_split_in_periods_has_no_internal_names(tmp_path):
    from audit.runner import run_audit

    cases = _bundled_cases()
    half = len(cases) // 2
    runs = []
    for name, part in (("a", cases[:half]), ("b", cases[half:])):
        src = tmp_path / f"{name}.jsonl"
        src.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in part), encoding="utf-8")
        run_audit([str(src)], tmp_path / f"run-{name}")
        runs.append(tmp_path / f"run-{name}")
    res = invoke("compare", *runs)
    assert "sammenlignes som to perioder" in res.output
    assert leaks(res.output) == []
    res = invoke("udvikling", *runs, runs[0])
    assert res.exit_code == 0
    assert leaks(res.output) == []
