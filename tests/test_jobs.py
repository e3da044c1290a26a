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


@pytest.mark.time_limit(120)
def test_stopping_with_full_pipes_never_hangs(tmp_path, monkeypatch):
    """Stopping a run while large chunks are still being sent (each far larger than a pipe's buffer, the
    workers' queues full): multiprocessing.Pool's terminate() could hang here for ever (its task thread
    blocked writing); the workers must all be gone at once, every time."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_LINES", 400)
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()) * 40)  # ~4,000 lines: chunks of ~400 KB
    for taken in (0, 1, 2, 50, 700):
        records = parallel.read_and_audit([str(f)], jobs=2)
        for _ in range(taken):
            next(records)
        records.close()
        assert multiprocessing.active_children() == []


def test_cli_jobs_option(tmp_path, small_chunks):
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()))
    r1 = CliRunner().invoke(app, ["run", str(f), "--out", str(tmp_path / "one"), "--jobs", "1", "-q"])
    r2 = CliRunner().invoke(app, ["run", str(f), "--out", str(tmp_path / "two"), "-j", "2", "-q"])
    assert r1.exit_code == r2.exit_code == 1  # some records could not be read
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert small_chunks == ["sager.jsonl"]


# -- spreadsheets and CSV: read and joined in the main process, built and audited in the workers ---------------


def _bench():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("benchmark_script", root / "scripts" / "benchmark.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _mixed_book(path) -> None:
    """A generated workbook with duplicates (in other chunks than their first), records with errors, CPR
    numbers in free text, an event without a case and a row without sagsnummer."""
    from openpyxl import load_workbook

    _bench().write_xlsx(path, 40)
    wb = load_workbook(path)
    cases, events = wb["Sager"], wb["Hændelser"]
    head = {c.value: c.column_letter for c in cases[1]}
    ev_head = {c.value: c.column_letter for c in events[1]}
    rows = [list(r) for r in cases.iter_rows(min_row=2, values_only=True)]
    for n in (3, 17, 3):  # the same case again, twice, further down: dobbelt_sagsnummer in reading order
        cases.append(rows[n])
    cases[f"{head['sagsbehandler']}5"] = "ring 010190-1234"  # a CPR number in free text
    cases[f"{head['afgørelse_begrundelse']}12"] = "se 0101901234 i journalen"
    cases[f"{head['afgørelse_dato']}8"] = "2021-02-30"  # a date that does not exist
    cases[f"{head['afgørelse_dato']}9"] = 0  # Excel's day 0
    cases[f"{head['civilstand']}20"] = "Ugift"  # a forgiving reading
    cases[f"{head['sagsnummer']}25"] = None  # no sagsnummer
    events[f"{ev_head['type']}30"] = "Visitering"  # a synonym: kode_fortolket or ukendt_kode, located
    events.append(["BENCH-9999999", "Kommune 1", "visitation", "2021-01-01"])  # an event without a case
    wb.save(path)


@pytest.fixture
def small_books(monkeypatch):
    """Every workbook and CSV pair goes to the workers, in chunks of 5 records; returns how many records the
    main process built itself."""
    from audit.readers import excel_reader

    monkeypatch.setattr(parallel, "BOOK_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_RECORDS", 0)
    monkeypatch.setattr(parallel, "CHUNK_RECORDS", 5)
    built_here = [0]
    real = excel_reader.record_pending

    def spy(rec):
        built_here[0] += 1
        return real(rec)

    monkeypatch.setattr(excel_reader, "record_pending", spy)  # forked workers count in their own copy
    return built_here


def test_two_workers_write_the_same_files_for_a_workbook(tmp_path, small_books):
    f = tmp_path / "sager.xlsx"
    _mixed_book(f)
    one = runner_mod.run_audit([str(f)], tmp_path / "one", jobs=1)
    assert small_books[0] > 40  # --jobs 1: every record built in this process
    small_books[0] = 0
    two = runner_mod.run_audit([str(f)], tmp_path / "two", jobs=2)
    assert small_books[0] == 0  # --jobs 2: none built here, all by the workers
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert (one.cases, one.not_read, one.errors, one.warnings, one.exit_code) == \
        (two.cases, two.not_read, two.errors, two.warnings, two.exit_code)
    problems = [json.loads(x) for x in (tmp_path / "two" / "indlaesningsfejl.jsonl").read_text().splitlines()]
    codes = {p["kode"] for p in problems}
    assert {"dobbelt_sagsnummer", "ugyldig_dato", "umulig_dato", "uden_sag", "mangler_felt", "ukendt_kode"} <= codes
    dup_rows = [p["række"] for p in problems if p["kode"] == "dobbelt_sagsnummer"]
    assert dup_rows == [42, 43, 44]  # the appended copies, in reading order (data from row 2, 40 records)
    out = b"".join((tmp_path / "two" / name).read_bytes() for name in ("resultater.jsonl", "indlaesningsfejl.jsonl"))
    assert b"010190" not in out and b"0101901234" not in out
    # not read: the two dates (rows 8, 9), the row without sagsnummer (25), the record whose event has an unknown
    # type (row 4's BENCH-0000002), and the 3 copies
    assert two.cases == 40 - 4 and two.not_read == 4 + 3


def _mixed_csv_pair(src) -> dict[str, list[str]]:
    """The mixed book (``_mixed_book``, written to ``src``) as a CSV pair: file name -> its lines, ';' between
    the cells, an empty cell as nothing."""
    from openpyxl import load_workbook

    _mixed_book(src)
    wb = load_workbook(src)
    return {name: [";".join("" if v is None else str(v) for v in row) for row in wb[sheet].iter_rows(values_only=True)]
            for sheet, name in (("Sager", "sager.csv"), ("Hændelser", "haendelser.csv"))}


def test_two_workers_write_the_same_files_for_a_csv_pair(tmp_path, small_books):
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, lines in _mixed_csv_pair(tmp_path / "kilde.xlsx").items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner_mod.run_audit([str(folder)], tmp_path / "one", jobs=1)
    assert small_books[0] > 40  # --jobs 1 built them here (the fixture counts only this process)
    small_books[0] = 0
    runner_mod.run_audit([str(folder)], tmp_path / "two", jobs=2)
    assert small_books[0] == 0  # --jobs 2: the workers built them
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    problems = (tmp_path / "two" / "indlaesningsfejl.jsonl").read_text()
    assert "dobbelt_sagsnummer" in problems and '"fil": "' in problems and "haendelser.csv" in problems


def test_a_bug_in_the_reader_in_a_worker_is_the_same_located_intern_fejl(tmp_path, small_books, monkeypatch):
    from audit.readers import excel_reader

    real = excel_reader._quick_raw

    def quick(rec, plans):
        if rec.sag == "BENCH-0000006":
            raise KeyError("boom")
        return real(rec, plans)

    monkeypatch.setattr(excel_reader, "_quick_raw", quick)
    f = tmp_path / "sager.xlsx"
    _mixed_book(f)
    _both([str(f)], tmp_path)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    problems = [json.loads(x) for x in (tmp_path / "two" / "indlaesningsfejl.jsonl").read_text().splitlines()]
    (bug,) = [p for p in problems if p["kode"] == "intern_fejl"]
    assert (bug["ark"], bug["række"]) == ("Sager", 8) and "KeyError" in bug["besked"]


def test_small_workbooks_are_built_in_the_main_process(tmp_path, monkeypatch):
    from audit.readers import excel_reader

    monkeypatch.setattr(parallel, "BOOK_MIN_BYTES", 0)  # the workers start; the book is below the records' mark
    assert parallel.PARALLEL_MIN_RECORDS > 40
    built_here = [0]
    real = excel_reader.record_pending
    monkeypatch.setattr(excel_reader, "record_pending", lambda rec: built_here.__setitem__(0, built_here[0] + 1)
                        or real(rec))
    f = tmp_path / "sager.xlsx"
    _mixed_book(f)
    summary = runner_mod.run_audit([str(f)], tmp_path / "ud", jobs=2)
    assert built_here[0] == 43 and summary.cases == 36  # every record of the book, built in this process


def test_a_duplicate_across_chunks_and_files_names_its_first_place_in_both_modes(tmp_path, small_chunks):
    """The duplicate check keeps only a digest of each key and a packed place (memory flat in the number of
    cases); the message still names the first place exactly as ``describe`` words it, for a first read in a
    worker chunk (a JSONL line) and for one in a .json list (sag nr.), with --jobs 1 and --jobs 2."""
    folder = tmp_path / "ind"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps([make_record("PK-7001"), make_record("PK-7002", "Andeby Kommune")]),
                                   encoding="utf-8")
    lines = [json.dumps(make_record(f"PK-{n:04d}")).encode() + b"\n" for n in range(12)]
    lines.append(json.dumps(make_record("PK-0001")).encode() + b"\n")  # line 13, first on line 2 (chunk 1)
    lines.append(json.dumps(make_record("pk-7002", "ANDEBY KOMMUNE")).encode() + b"\n")  # kommune: casefolded
    lines.append(json.dumps(make_record("PK-7002", "ANDEBY  KOMMUNE")).encode() + b"\n")  # spaces collapsed
    (folder / "b.jsonl").write_bytes(b"".join(lines))
    _both([str(folder)], tmp_path)
    assert small_chunks == ["b.jsonl"]
    for mode in ("one", "two"):
        problems = [json.loads(x) for x in (tmp_path / mode / "indlaesningsfejl.jsonl").read_text().splitlines()]
        dups = [(p["fil"], p["række"], p["besked"]) for p in problems if p["kode"] == "dobbelt_sagsnummer"]
        b, a = str(folder / "b.jsonl"), str(folder / "a.json")
        assert dups == [
            (b, 13, f"sagsnummer 'PK-0001' findes allerede i Prøvested Kommune (første gang: {b}, linje 2); et "
                    "sagsnummer må kun forekomme én gang pr. kommune, så kun den første sag bruges. Ret "
                    "sagsnummeret, eller fjern den dobbelte sag"),
            (b, 15, f"sagsnummer 'PK-7002' findes allerede i ANDEBY KOMMUNE (første gang: {a}, sag nr. 2 i "
                    "listen); et sagsnummer må kun forekomme én gang pr. kommune, så kun den første sag bruges. "
                    "Ret sagsnummeret, eller fjern den dobbelte sag"),
        ]


def test_the_compact_duplicate_check_rebuilds_every_kind_of_first_place():
    from audit.model import SourceRef
    from audit.readers.common import Pending, RunState, key_digest
    from audit.readers.parse import Place

    state = RunState()
    firsts = {
        ("k a", "1"): SourceRef(file="sager.xlsx", sheet="Sager", row=7),
        ("k b", "1"): SourceRef(file="sager.json", index=0),
        ("k c", "1"): SourceRef(file="sager.jsonl", row=2**45),  # too large to pack: kept as its text
        ("k d", "1"): None,
    }
    for key, origin in firsts.items():
        state.settle(Pending(None, [], origin, key))
    assert state.first_seen(("k a", "1")) == "sager.xlsx, ark 'Sager', række 7"
    assert state.first_seen(("k b", "1")) == "sager.json, sag nr. 1 i listen"
    assert state.first_seen(("k c", "1")) == f"sager.jsonl, linje {2**45}"
    assert state.first_seen(("k d", "1")) == "ukendt sted"
    assert state.first_seen(("k e", "1")) is None
    # the two texts are hashed unambiguously: moving text from one to the other gives another key
    assert key_digest(("ab", "c")) != key_digest(("a", "bc"))
    assert key_digest(("a\ud800", "1")) != key_digest(("a", "1"))  # a lone surrogate does not stop the check
    assert len(key_digest(("a", "1"))) == 16
    late = state.settle(Pending(None, [], SourceRef(file="b.jsonl", row=3), ("k b", "1"),
                                Place(file="b.jsonl", row=3, field="sagsnummer"), ("1", "K B")))
    assert [i.message for i in late.issues] == [
        "sagsnummer '1' findes allerede i K B (første gang: sager.json, sag nr. 1 i listen); et sagsnummer må kun "
        "forekomme én gang pr. kommune, så kun den første sag bruges. Ret sagsnummeret, eller fjern den dobbelte sag"]


def test_a_clean_line_comes_back_as_plain_values_and_anything_else_in_full(monkeypatch):
    """``_work`` answers the usual line (read without issues, audited) with a ``_Clean`` tuple that rebuilds the
    very ``Pending`` and result line of the full answer; a line with an issue comes back in full."""
    from audit.readers.json_reader import _Loader, jsonl_line
    from audit.runner import audited

    monkeypatch.setattr(parallel, "_WORKER", {"keys": {}, "regelsaet": None, "sample_keys": None, "reviews": None})
    clean = json.dumps(make_record("PK-0001")).encode() + b"\n"
    odd = make_record("PK-0002")
    odd["ukendt"] = "x"
    answers = parallel._work("sager.jsonl", [(4, clean), (5, json.dumps(odd).encode() + b"\n")])
    assert type(answers[0]) is parallel._Clean and type(answers[1]) is tuple
    full = jsonl_line(clean, 4, "sager.jsonl", {}, _Loader())
    rebuilt = answers[0].pending("sager.jsonl")
    assert (rebuilt.issues, rebuilt.origin, rebuilt.key, rebuilt.key_place, rebuilt.key_text) == \
        (full.issues, full.origin, full.key, full.key_place, full.key_text)
    assert (rebuilt.case.case_number, rebuilt.case.municipality) == (full.case.case_number, full.case.municipality)
    assert answers[0].audited() == audited(full.case)
    assert [i.code for i in answers[1][0].issues] == ["ukendt_felt"]


_REAL_WORK = parallel._work


def _dies_on_pk_0020(display, chunk):
    """A worker's task that kills its process on the chunk holding PK-0020 (module level: tasks are pickled)."""
    import os

    if any(b"PK-0020" in line for _, line in chunk):
        os._exit(3)
    return _REAL_WORK(display, chunk)


@pytest.mark.time_limit(60)
def test_a_worker_killed_from_outside_stops_the_run_instead_of_hanging(tmp_path, small_chunks, monkeypatch):
    """A worker that dies without answering (here: os._exit, as when the system kills it for lack of memory)
    loses its chunk; multiprocessing.Pool would wait for it for ever. The run stops with a Danish message
    (exit 2), writes no results file and leaves no worker behind."""
    f = tmp_path / "sager.jsonl"
    f.write_bytes(b"".join(_mixed_lines()))
    monkeypatch.setattr(parallel, "_work", _dies_on_pk_0020)
    res = CliRunner().invoke(app, ["run", str(f), "--out", str(tmp_path / "ud"), "-j", "2", "-q"])
    assert res.exit_code == 2
    text = " ".join(res.output.split())
    assert "en arbejdsproces stoppede uventet" in text and "--jobs 1" in text and "Traceback" not in text
    assert not (tmp_path / "ud" / "resultater.jsonl").exists()
    assert multiprocessing.active_children() == []
