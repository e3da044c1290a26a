"""Every results file the tests use follows the result contract (issue 9).

- the report fixture ``fixtures/results_fire_kommuner.jsonl`` is what ``scripts/build_results_fixture.py``
  builds from the engine now (so it cannot drift from what the engine writes);
- the fixture, ``resultater.jsonl`` from ``audit run`` on ``sample_cases`` and every ``evaluate`` result
  on the sample cases validate against the published schema ``docs/resultat-skema.json``;
- the published schema is the one ``audit.contract.json_schema()`` generates;
- every line decodes with ``audit.contract.decode_line`` and encodes back to the same JSON object.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from audit.contract import CaseResult, decode_line, encode_line, json_schema
from audit.readers import read_cases
from audit.rules.engine import evaluate
from audit.runner import RESULTS_FILE, run_audit

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "docs" / "resultat-skema.json"
SAMPLE_CASES = ROOT / "sample_cases"
FIXTURES = Path(__file__).parent / "fixtures"
BUILD_SCRIPT = ROOT / "scripts" / "build_results_fixture.py"
REBUILD = "python scripts/build_results_fixture.py"


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_results_fixture", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_script = _load_build_script()
FIXTURE = FIXTURES / build_script.RESULTS_NAME
FIXTURE_CASES = FIXTURES / build_script.CASES_NAME


def lines_of(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def without_version(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "version"}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> tuple[Path, Path]:
    """The fixture's cases and results as the build script writes them now, in a temporary folder."""
    return build_script.build(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="module")
def run_results(tmp_path_factory) -> Path:
    """``resultater.jsonl`` of ``audit run sample_cases``."""
    out = tmp_path_factory.mktemp("koersel")
    summary = run_audit([str(SAMPLE_CASES)], out)
    assert summary.cases > 0
    return out / RESULTS_FILE


@pytest.fixture(scope="module")
def evaluated() -> list[CaseResult]:
    """``evaluate`` on every readable sample case (rule set chosen by the decision date)."""
    results = [evaluate(rr.case) for rr in read_cases([SAMPLE_CASES]) if rr.case is not None]
    assert results
    return results


@pytest.fixture(scope="module", params=["fixture", "run_audit"])
def results_file(request, run_results) -> Path:
    return FIXTURE if request.param == "fixture" else run_results


def schema_errors(validator: Draft202012Validator, record: object) -> list[str]:
    return sorted(f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}"
                  for e in validator.iter_errors(record))


# --- (a) the fixture is what the engine writes ------------------------------------------------------------

def test_fixture_is_what_the_build_script_writes_now(rebuilt):
    _, fresh = rebuilt
    stored = [without_version(json.loads(line)) for line in lines_of(FIXTURE)]
    expected = [without_version(json.loads(line)) for line in lines_of(fresh)]
    assert [r["sagsnummer"] for r in stored] == [r["sagsnummer"] for r in expected], (
        f"{FIXTURE.name} has other cases than the build gives; run {REBUILD}")
    for have, want in zip(stored, expected, strict=True):
        assert have == want, (f"{FIXTURE.name}: case {have['sagsnummer']} differs from what the engine writes "
                              f"now; run {REBUILD} and review the diff")


def test_fixture_cases_file_is_what_the_build_script_writes_now(rebuilt):
    fresh, _ = rebuilt
    assert FIXTURE_CASES.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        f"{FIXTURE_CASES.name} is generated; edit the cases in {BUILD_SCRIPT.name} and run {REBUILD}")


def test_fixture_has_fixed_version_and_relative_source():
    for line in lines_of(FIXTURE):
        record = json.loads(line)
        assert record["version"] == build_script.VERSION
        assert record["kilde"]["fil"] == build_script.CASES_REL


# --- (b) every results file validates against the published schema ----------------------------------------

def test_results_file_validates_against_the_schema(validator, results_file):
    lines = lines_of(results_file)
    assert lines
    problems = [f"line {n}: {err}" for n, line in enumerate(lines, 1)
                for err in schema_errors(validator, json.loads(line))]
    assert not problems, "\n".join(problems)


def test_every_evaluate_result_on_the_sample_cases_validates(validator, evaluated):
    problems = [f"{r.municipality} {r.case_number}: {err}" for r in evaluated
                for err in schema_errors(validator, r.to_dict())]
    assert not problems, "\n".join(problems)


def test_the_schema_rejects_a_missing_or_an_extra_key(validator):
    record = json.loads(lines_of(FIXTURE)[0])
    missing = {k: v for k, v in record.items() if k != "ydelse"}
    assert schema_errors(validator, missing)
    extra = {**record, "noget_nyt": 1}
    assert schema_errors(validator, extra)
    item = {k: v for k, v in record["punkter"][0].items() if k != "kort"}
    assert schema_errors(validator, {**record, "punkter": [item]})


# --- (c) the published schema is the contract's --------------------------------------------------------

def test_published_schema_is_generated_from_the_contract():
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == json_schema(), (
        "docs/resultat-skema.json is not the contract's schema; run "
        "python -m audit.contract > docs/resultat-skema.json")


# --- (d) decode and encode round trip -------------------------------------------------------------------

def test_every_line_decodes_and_encodes_to_the_same_object(results_file):
    for n, line in enumerate(lines_of(results_file), 1):
        result = decode_line(line)
        assert json.loads(encode_line(result)) == json.loads(line), f"{results_file.name} line {n}"


def test_evaluate_results_round_trip(evaluated):
    for r in evaluated:
        line = encode_line(r)
        assert decode_line(line) == r
        assert json.loads(line) == r.to_dict()
