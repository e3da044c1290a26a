"""Every results file the tests use follows the result contract (issue 9).

- the report fixture ``fixtures/results_fire_kommuner.jsonl`` is what ``scripts/build_results_fixture.py``
  builds from the engine now (so it cannot drift from what the engine writes);
- the fixture, ``resultater.jsonl`` from ``audit run`` on ``sample_cases`` and every ``evaluate`` result
  on the sample cases validate against the published schema ``docs/resultat-skema.json``;
- the published schema is the one ``audit.contract.json_schema()`` generates;
- every line decodes with ``audit.contract.decode_line`` and encodes back to the same JSON object;
- the items' rule-set text (nummer, spoergsmaal, kort, hjemmel) is not in the lines but once in the run's
  ``regelsaet.json``, and the reader (``audit.results_file``) puts it back: line + regelsaet.json == the full
  result; lines written before, with the text inline (``fixtures/foer-regelsaet/``, three lines of the
  fixture as it stood at commit aae2f60), are read as they are; text found nowhere is a located problem.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import msgspec
import pytest
import yaml
from jsonschema import Draft202012Validator

from audit.contract import ITEM_TEXT_KEYS, CaseResult, decode_line, encode_line, encode_line_with_text, json_schema
from audit.readers import read_cases
from audit.results_file import (
    RULE_SET_FILE,
    LineProblem,
    RuleSetFile,
    as_result,
    read_results,
    write_rule_set_texts,
)
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
FIXTURE_TEXTS = FIXTURES / build_script.RULE_SET_NAME
OLD_LINES = FIXTURES / "foer-regelsaet" / RESULTS_FILE  # written before the text moved (no regelsaet.json)
CHECKLIST = ROOT / "checklists" / "las-40a-2020.yaml"


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
def rebuilt(tmp_path_factory) -> tuple[Path, Path, Path]:
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
    _, fresh, _ = rebuilt
    stored = [without_version(json.loads(line)) for line in lines_of(FIXTURE)]
    expected = [without_version(json.loads(line)) for line in lines_of(fresh)]
    assert [r["sagsnummer"] for r in stored] == [r["sagsnummer"] for r in expected], (
        f"{FIXTURE.name} has other cases than the build gives; run {REBUILD}")
    for have, want in zip(stored, expected, strict=True):
        assert have == want, (f"{FIXTURE.name}: case {have['sagsnummer']} differs from what the engine writes "
                              f"now; run {REBUILD} and review the diff")


def test_fixture_cases_file_is_what_the_build_script_writes_now(rebuilt):
    fresh, _, _ = rebuilt
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
    assert not schema_errors(validator, record)
    missing = {k: v for k, v in record.items() if k != "ydelse"}
    assert schema_errors(validator, missing)
    extra = {**record, "noget_nyt": 1}
    assert schema_errors(validator, extra)
    item = {k: v for k, v in record["punkter"][0].items() if k != "svar"}
    assert schema_errors(validator, {**record, "punkter": [item]})


def test_the_schema_takes_an_items_text_all_or_nothing(validator):
    """A line's item has none of the rule-set text keys (new) or all four (written before); never some."""
    record = json.loads(lines_of(FIXTURE)[0])
    item = record["punkter"][0]
    assert not set(ITEM_TEXT_KEYS) & set(item)
    text = {"nummer": "2.2", "spoergsmaal": "Hvilken målgruppe?", "kort": "Målgruppe", "hjemmel": "LAB § 6"}
    assert not schema_errors(validator, {**record, "punkter": [{**item, **text}]})
    for key in ITEM_TEXT_KEYS:
        partial = {**item, **{k: v for k, v in text.items() if k != key}}
        assert schema_errors(validator, {**record, "punkter": [partial]}), key
        assert schema_errors(validator, {**record, "punkter": [{**item, key: text[key]}]}), key


def test_lines_with_the_text_inline_validate_against_the_schema(validator, evaluated):
    # (the frozen lines of fixtures/foer-regelsaet/ predate keys added since, so they are not checked here)
    problems = [f"{r.case_number}: {err}" for r in evaluated
                for err in schema_errors(validator, json.loads(encode_line_with_text(r)))]
    assert not problems, "\n".join(problems)


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
    """The line is the result without the items' rule-set text; put back, it is the result again."""
    for r in evaluated:
        line = encode_line(r)
        record = json.loads(line)
        full = r.to_dict()
        assert all(set(ITEM_TEXT_KEYS) <= set(p) for p in full["punkter"])
        assert record == {**full, "punkter": [{k: v for k, v in p.items() if k not in ITEM_TEXT_KEYS}
                                              for p in full["punkter"]]}
        assert json.loads(encode_line_with_text(r)) == full
        assert decode_line(encode_line_with_text(r)) == r
        bare = decode_line(line)
        assert all(p.question is msgspec.UNSET for p in bare.items)
        assert as_result(bare) == r  # the text of the tool's own rule set put back


# --- (e) the items' rule-set text: once per run, put back by the reader -----------------------------------

def raw_checklist_texts() -> dict[str, dict[str, str]]:
    """Item id -> its text as the checklist file states it (the source, read without the tool's loader)."""
    data = yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))
    return {p["id"]: {"nummer": str(p["nummer"]), "spoergsmaal": " ".join(p["spørgsmål"].split()),
                      "kort": p["kort"], "hjemmel": p["hjemmel"]} for p in data["punkter"]}


def test_the_run_writes_the_rule_set_text_once(run_results):
    texts_file = run_results.with_name(RULE_SET_FILE)
    texts = msgspec.json.decode(texts_file.read_bytes(), type=RuleSetFile)  # unknown keys are rejected
    used = {json.loads(line)["regelsaet"] for line in lines_of(run_results)} - {None}
    assert set(texts.rule_sets) == used == {"las-40a-2020"}
    raw = json.loads(texts_file.read_text(encoding="utf-8"))["regelsaet"]["las-40a-2020"]["punkter"]
    assert raw == raw_checklist_texts()
    for line in lines_of(run_results):
        assert all(not set(ITEM_TEXT_KEYS) & set(p) for p in json.loads(line)["punkter"])


def test_the_fixtures_rule_set_text_is_the_checklists():
    raw = json.loads(FIXTURE_TEXTS.read_text(encoding="utf-8"))
    assert raw["version"] == build_script.VERSION
    assert raw["regelsaet"]["las-40a-2020"]["punkter"] == raw_checklist_texts()


def test_the_fixtures_rule_set_text_is_what_the_build_script_writes_now(rebuilt):
    _, _, fresh = rebuilt
    assert FIXTURE_TEXTS.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), f"run {REBUILD}"


def test_the_reader_gives_every_item_its_text(run_results, evaluated):
    """resultater.jsonl + regelsaet.json of ``audit run`` read back == ``evaluate`` on the same cases."""
    read, problems = read_results(run_results)
    assert not problems
    got = {r.key: msgspec.structs.replace(r, origin=None) for _, r in read}
    want = {r.key: msgspec.structs.replace(r, origin=None) for r in evaluated}
    assert got == want
    raw = raw_checklist_texts()
    for _, r in read:
        for p in r.items:
            assert {"nummer": p.number, "spoergsmaal": p.question, "kort": p.short, "hjemmel": p.hjemmel} == raw[p.id]


def write_run(folder: Path, results: list[CaseResult], texts: bytes | None = None,
              with_text: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / RESULTS_FILE
    encode = encode_line_with_text if with_text else encode_line
    path.write_bytes(b"".join(encode(r) for r in results))
    if texts is not None:
        (folder / RULE_SET_FILE).write_bytes(texts)
    return path


def test_the_runs_file_comes_before_the_tools_rule_set(tmp_path, evaluated):
    """The text in the run's regelsaet.json is the text of that run, even if the tool's rule set changed."""
    write_rule_set_texts(tmp_path / "a", ["las-40a-2020"])
    data = json.loads((tmp_path / "a" / RULE_SET_FILE).read_text(encoding="utf-8"))
    data["regelsaet"]["las-40a-2020"]["punkter"]["maalgruppe"]["spoergsmaal"] = "Gammel formulering?"
    path = write_run(tmp_path / "b", evaluated, json.dumps(data).encode())
    read, problems = read_results(path)
    assert not problems and len(read) == len(evaluated)
    for _, r in read:
        if r.rule_set:
            assert r.item("maalgruppe").question == "Gammel formulering?"
            assert r.item("vejledning_35_1").question == raw_checklist_texts()["vejledning_35_1"]["spoergsmaal"]


def test_a_rule_set_the_tool_does_not_have_is_read_from_the_runs_file(tmp_path, evaluated):
    r = next(r for r in evaluated if r.items)
    own = msgspec.structs.replace(r, rule_set="kommunens-eget")
    texts = {"version": "9", "regelsaet": {"kommunens-eget": {"titel": "Eget", "punkter": {
        p.id: {"nummer": f"N{i}", "spoergsmaal": f"S{i}?", "kort": f"K{i}", "hjemmel": f"H{i}"}
        for i, p in enumerate(r.items)}}}}
    path = write_run(tmp_path, [own], json.dumps(texts).encode())
    (_, got), = read_results(path)[0]
    assert [(p.number, p.question, p.short, p.hjemmel) for p in got.items] == [
        (f"N{i}", f"S{i}?", f"K{i}", f"H{i}") for i in range(len(r.items))]


def test_without_the_runs_file_the_tools_rule_set_gives_the_text(tmp_path, evaluated):
    """A results file copied on its own: the text of the tool's rule set with the same id."""
    path = write_run(tmp_path, evaluated)
    read, problems = read_results(path)
    assert not problems
    assert [r for _, r in read] == evaluated


@pytest.mark.parametrize("texts", [None, b"{ikke json", b'{"version": "1", "regelsaet": []}'])
def test_text_found_nowhere_is_a_located_danish_problem(tmp_path, evaluated, texts):
    r = next(r for r in evaluated if r.items)
    unknown = msgspec.structs.replace(r, rule_set="ukendt-2031")
    path = write_run(tmp_path, [r, unknown, r], texts)
    read, problems = read_results(path)
    assert [n for n, _ in read] == [1, 3]
    (problem,) = problems
    assert problem.line == 2
    assert "regelsættet 'ukendt-2031' findes hverken i regelsaet.json" in problem.message
    if texts is not None:
        assert "regelsaet.json ved siden af resultatfilen kan ikke læses" in problem.message
    else:
        assert "kan ikke læses" not in problem.message


def test_an_item_the_rule_set_does_not_have_is_a_problem(tmp_path, evaluated):
    r = next(r for r in evaluated if r.items)
    odd = msgspec.structs.replace(r, items=[*r.items, msgspec.structs.replace(r.items[0], id="punkt_fra_fremtiden")])
    (problem,) = read_results(write_run(tmp_path, [odd]))[1]
    assert problem.message.startswith("punktet 'punkt_fra_fremtiden' findes ikke i regelsættet 'las-40a-2020'")


def test_no_rule_set_and_no_text_is_a_problem(tmp_path, evaluated):
    r = msgspec.structs.replace(next(r for r in evaluated if r.items), rule_set=None)
    (problem,) = read_results(write_run(tmp_path, [r]))[1]
    assert "linjen angiver intet regelsæt" in problem.message


def test_a_result_without_items_needs_no_text(tmp_path):
    (_, r), = read_results(OLD_LINES)[0][2:]
    assert r.rule_set is None and not r.items
    assert read_results(write_run(tmp_path, [r]))[0][0][1] == r


# --- (f) lines written before: the text inline ------------------------------------------------------------

def test_lines_written_before_are_read_as_they_are():
    read, problems = read_results(OLD_LINES)
    assert not problems and len(read) == 3
    for (_, r), line in zip(read, lines_of(OLD_LINES), strict=True):
        raw = json.loads(line)
        assert [{k: p[k] for k in ITEM_TEXT_KEYS} for p in raw["punkter"]] == [
            {"nummer": p.number, "spoergsmaal": p.question, "kort": p.short, "hjemmel": p.hjemmel} for p in r.items]
        assert json.loads(encode_line_with_text(r)) == {**raw, "virkning_fra": None, "haendelser": []}
    assert read[0][1].item("rimelig_grund").computed is not None  # a reviewer's answer, kept


def test_inline_text_wins_over_any_rule_set_file(tmp_path):
    """An old line's own text is used even beside a regelsaet.json, and even for a rule set unknown to the tool."""
    old = [json.loads(line) for line in lines_of(OLD_LINES)]
    old[0]["regelsaet"] = "ukendt-2019"
    path = tmp_path / RESULTS_FILE
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in old), encoding="utf-8")
    (tmp_path / RULE_SET_FILE).write_text('{"version": "x", "regelsaet": {"las-40a-2020": {"titel": "t", '
                                           '"punkter": {}}}}', encoding="utf-8")
    read, problems = read_results(path)
    assert not problems
    for (_, r), raw in zip(read, old, strict=True):
        assert [p.question for p in r.items] == [p["spoergsmaal"] for p in raw["punkter"]]


def test_old_and_new_lines_read_the_same(tmp_path, evaluated):
    new, _ = read_results(write_run(tmp_path / "ny", evaluated))
    old, _ = read_results(write_run(tmp_path / "gammel", evaluated, with_text=True))
    assert [r for _, r in new] == [r for _, r in old] == evaluated
    assert all(isinstance(r, CaseResult) and not isinstance(r, LineProblem) for _, r in new)


def test_an_items_own_text_keys_stay_and_the_rest_is_filled_in(tmp_path, evaluated):
    """A line edited by hand with only some of the text keys: those are kept, the others come from the rule set."""
    r = next(r for r in evaluated if r.items)
    record = json.loads(encode_line(r))
    record["punkter"][0]["kort"] = "Egen titel"
    path = tmp_path / RESULTS_FILE
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (_, got), = read_results(path)[0]
    first, want = got.items[0], r.items[0]
    assert (first.number, first.question, first.short, first.hjemmel) == (want.number, want.question, "Egen titel",
                                                                          want.hjemmel)
    assert got.items[1:] == r.items[1:]
