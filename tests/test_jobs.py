"""``audit run --jobs N``: JSONL records read and audited in worker processes give the same files, byte for
byte (minus the run's time and version), as one process: the duplicate check in reading order, the issues
file's order, the summary and the exit code included."""

from __future__ import annotations

import json
import multiprocessing

import pytest
from conftest import make_record
from typer.testing import CliRunner

import audit.cli.main  # noqa: F401  (registers every command)
import audit.parallel as parallel
import audit.runner as runner_mod
from audit.cli.app import app

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the monkeypatched settings reach the workers only when they are forked")


def _mixed_lines() -> list[bytes]:
    """Clean records, duplicates (in other chunks than their first), broken lines and records with errors."""
    lines: list[bytes] = []
    for n in range(60):
        rec = make_record(f"PK-{n:04d}", "Prøvested Kommune" if n % 3 else "Andeby Kommune")
        if n % 7 == 0:
            rec["hændelser"][0]["note"] = f"borger 010190-12{n:02d} ringede"  # a CPR number in free text
        if n % 11 == 5:
            rec["afgørelse"]["dato"] = "2021-02-30"  # a date that does not exist
        if n % 13 == 4:
            rec["ukendt"] = "x"  # an advarsel
        lines.append(json.dumps(rec, ensure_ascii=n % 2 == 0).encode() + b"\n")
    lines.insert(9, b"\n")
    lines.insert(17, b'{"sagsnummer": "X", oops}\n')
    lines.insert(23, b"[1, 2]\n")
    lines.insert(31, b"\xff\xfe not utf-8\n")
    lines.insert(40, json.dumps(make_record("PK-0003", "Andeby Kommune")).encode() + b"\n")  # duplicate
    lines.insert(52, json.dumps(make_record("PK-0001")).encode() + b"\n")  # duplicate
    lines.append(json.dumps(make_record("PK-0003", "Andeby Kommune")).encode() + b"\n")  # duplicate, last line
    return lines


def _files(out) -> dict[str, object]:
    run = json.loads((out / "koersel.json").read_text(encoding="utf-8"))
    run.pop("tidspunkt")
    run.pop("version")
    return {"resultater": (out / "resultater.jsonl").read_bytes(),
            "fejl": (out / "indlaesningsfejl.jsonl").read_bytes(), "koersel": run}


@pytest.fixture
def small_chunks(monkeypatch):
    """Every JSONL file goes to the workers, in chunks of 5 lines; returns the list of files read in parallel."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_LINES", 5)
    used: list = []
    real = parallel._read_jsonl_parallel

    def spy(pool, path, *args):
        used.append(path.name)
        return real(pool, path, *args)

    monkeypatch.setattr(parallel, "_read_jsonl_parallel", spy)
    return used


def _both(paths, tmp_path, **kw):
    one = runner_mod.run_audit(paths, tmp_path / "one", jobs=1, **kw)
    two = runner_mod.run_audit(paths, tmp_path / "two", jobs=2, **kw)
    return one, two


def test_two_workers_write_the_same_files_as_one_process(tmp_path, small_chunks):
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()))
    one, two = _both([str(f)], tmp_path)
    assert small_chunks == ["sager.jsonl"]  # really read by the workers
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert (one.cases, one.not_read, one.errors, one.warnings, one.exit_code) == \
        (two.cases, two.not_read, two.errors, two.warnings, two.exit_code)
    problems = [json.loads(x) for x in (tmp_path / "two" / "indlaesningsfejl.jsonl").read_text().splitlines()]
    codes = {p["kode"] for p in problems}
    # the file really holds every kind of problem the workers must hand back in place
    assert {"dobbelt_sagsnummer", "ugyldig_json", "ugyldig_struktur", "ikke_utf8", "ugyldig_dato",
            "ukendt_felt"} <= codes
    dup_rows = [p["række"] for p in problems if p["kode"] == "dobbelt_sagsnummer"]
    assert dup_rows == sorted(dup_rows) and len(dup_rows) == 3
    assert b"010190" not in (tmp_path / "two" / "resultater.jsonl").read_bytes()


def test_mixed_formats_and_duplicates_across_files_are_the_same(tmp_path, small_chunks):
    folder = tmp_path / "ind"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps([make_record("PK-0002"), make_record("PK-9999")]), encoding="utf-8")
    (folder / "b.jsonl").write_bytes(b"".join(_mixed_lines()))
    (folder / "c.jsonl").write_text(json.dumps(make_record("PK-9999")) + "\n", encoding="utf-8")
    one, two = _both([str(folder)], tmp_path)
    assert small_chunks == ["b.jsonl", "c.jsonl"]
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert one.exit_code == two.exit_code == 1


def test_a_pretty_printed_jsonl_file_is_read_as_json_in_both_modes(tmp_path, small_chunks):
    f = tmp_path / "pæn.jsonl"
    f.write_text(json.dumps([make_record("PK-1"), make_record("PK-2")], indent=2), encoding="utf-8")
    _both([str(f)], tmp_path)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert b"json_ikke_jsonl" in (tmp_path / "two" / "indlaesningsfejl.jsonl").read_bytes()


def test_a_bug_in_the_engine_in_a_worker_is_the_same_located_intern_fejl(tmp_path, small_chunks, monkeypatch):
    real = runner_mod.evaluate

    def evaluate(case, checklist):
        if case.case_number == "PK-0008":
            raise ZeroDivisionError
        return real(case, checklist)

    monkeypatch.setattr(runner_mod, "evaluate", evaluate)  # forked workers inherit the patch
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()))
    one, two = _both([str(f)], tmp_path)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    problems = [json.loads(x) for x in (tmp_path / "two" / "indlaesningsfejl.jsonl").read_text().splitlines()]
    (bug,) = [p for p in problems if p["kode"] == "intern_fejl"]
    assert bug["sagsnummer"] == "PK-0008" and "ZeroDivisionError" in bug["besked"]
    assert one.not_read == two.not_read


def test_sample_keys_are_applied_the_same(tmp_path, small_chunks):
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()))
    from audit.tilsyn.sampling import normalize_key

    keys = {normalize_key("Prøvested Kommune", "PK-0001"), normalize_key("Andeby Kommune", "PK-0003"),
            normalize_key("Ingen Kommune", "PK-7")}
    one, two = _both([str(f)], tmp_path, sample_keys=keys)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert one.cases == two.cases == 2 and one.missing_from_sample == two.missing_from_sample != []


def test_small_files_stay_in_one_process(tmp_path, monkeypatch):
    started: list = []
    monkeypatch.setattr(parallel, "_stream", lambda *a: started.append(a) or iter(()))
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()))  # far below PARALLEL_MIN_BYTES
    summary = runner_mod.run_audit([str(f)], tmp_path / "ud", jobs=2)
    assert started == [] and summary.cases > 0


def test_stopping_the_run_leaves_no_worker_process(tmp_path, small_chunks):
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()) * 3)
    records = parallel.read_and_audit([str(f)], jobs=2)
    next(records)
    next(records)
    assert multiprocessing.active_children()  # the workers run
    records.close()  # what an exception or Ctrl-C in the run does (runner: closing(source))
    assert multiprocessing.active_children() == []


def test_cli_jobs_option(tmp_path, small_chunks):
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()))
    r1 = CliRunner().invoke(app, ["run", str(f), "--out", str(tmp_path / "one"), "--jobs", "1", "-q"])
    r2 = CliRunner().invoke(app, ["run", str(f), "--out", str(tmp_path / "two"), "-j", "2", "-q"])
    assert r1.exit_code == r2.exit_code == 1  # some records could not be read
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert small_chunks == ["sager.jsonl"]
