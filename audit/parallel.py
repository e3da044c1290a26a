"""``audit run --jobs N``: the records of large JSONL files read and audited in worker processes.

The main process reads a .jsonl file's raw lines and sends them, in order-preserving chunks, to ``N``
worker processes; each worker decodes, parses, audits and encodes its lines (``jsonl_line`` and
``runner.audited``, the very functions of a run in one process) and answers with one (``Pending``,
``Audited``) per line. The main process takes the answers in reading order, runs the run-wide duplicate
check (``RunState.settle``) and writes: the output is the same as with ``--jobs 1``, byte for byte.

Spreadsheets (Excel, and CSV, which is read as the same sheets) of at least ``PARALLEL_MIN_RECORDS`` records:
the main process reads the sheets and joins each record's rows (``excel_reader._read_book``: plain values, cheap
to send) and sends the records in chunks; each worker builds (``excel_reader.record_pending``: the quick record,
the fast build, the careful parser as fallback), audits and encodes them; the main process settles them in
reading order, as for JSONL.

.json files, JSONL files below ``PARALLEL_MIN_BYTES`` and smaller spreadsheets are read in the main process, as
with ``--jobs 1``: a small file would pay more for starting the workers (about 0.3 s each) than it saves.
A worker that meets a bug in one line answers with the same located ``intern_fejl`` as one process does;
Ctrl-C terminates the workers (they ignore SIGINT themselves) before the run stops.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from audit.model import SourceRef
from audit.readers.common import Pending, ReadResult, RunState

# JSONL files smaller than this (about 1,000 cases of the usual size, ~1.7 KB a line) are read in the main
# process: measured on the development machine, starting two workers costs about as much as auditing ~600
# cases, so below this --jobs 2 gains nothing.
PARALLEL_MIN_BYTES = 2 * 1024 * 1024
CHUNK_LINES = 200  # lines per task: large enough that sending them costs little, small enough to keep order cheap
# Spreadsheets and CSV: a book of fewer records than this is built in the main process. Measured (2 cores, in one
# sitting, CPU of the main process and of the workers): 1,000 cases 1.1 s CPU in one process against 0.6 s main +
# 0.7 s workers with --jobs 2, 2,000 cases 1.9 s against 0.9 s + 1.4 s; starting the workers and sending the rows
# cost about 0.3 s, so below ~2,000 cases --jobs 2 gains little or nothing. Files smaller than BOOK_MIN_BYTES
# (a 2,000-case workbook is about 720 KB) start no workers at all.
PARALLEL_MIN_RECORDS = 2_000
BOOK_MIN_BYTES = 256 * 1024
CHUNK_RECORDS = 100
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: memory stays flat however long the file is


class WorkerLost(RuntimeError):
    """A worker process ended without answering (killed from outside, e.g. by the system for lack of memory).
    Its records cannot be known to be audited, so the run stops instead of waiting for them for ever."""

    def __init__(self) -> None:
        super().__init__("en arbejdsproces stoppede uventet (fx fordi maskinen løb tør for hukommelse), så ikke "
                         "alle sager blev gennemgået; intet resultat er gemt. Kør igen, eventuelt med --jobs 1")


class _Workers:
    """``jobs`` worker processes, each with a pipe of its own. A task goes to the workers in turn (``submit``
    gives the worker's number) and each worker answers its tasks in the order it got them, so the answers are
    taken back (``result``) in the order the tasks were sent.

    Written for this run rather than taken from ``multiprocessing.Pool``, which keeps the tasks in one queue fed
    by a thread of the main process: ``Pool.terminate()`` can hang for ever when that thread is blocked writing
    a large task into the queue at the moment the workers stop (seen here: a run stopped early hung in the
    test suite), and a worker killed from outside loses its task without ``get()`` ever knowing. Here nothing
    runs in a thread of the main process; a worker's reader thread empties its pipe at once, so the main
    process is never blocked writing while the worker is writing its answer; a worker that dies is seen at once
    (its process sentinel, or the end of its pipe): ``WorkerLost``; stopping kills the processes and closes
    the pipes, which cannot block."""

    def __init__(self, ctx, jobs: int, initargs: tuple) -> None:
        self._procs: list = []
        self._conns: list = []
        self._turn = 0
        try:
            for _ in range(jobs):
                here, there = ctx.Pipe(duplex=True)
                # the worker closes its copies of the other workers' pipe ends (forked before it): a worker's
                # pipe then ends when that worker or the main process ends, and nothing else holds it open
                proc = ctx.Process(target=_worker_loop, args=(there, initargs, tuple(self._conns)), daemon=True)
                proc.start()
                there.close()
                self._procs.append(proc)
                self._conns.append(here)
        except BaseException:
            self.terminate()
            raise

    def submit(self, task, args: tuple) -> int:
        w = self._turn
        self._turn = (w + 1) % len(self._conns)
        try:
            self._conns[w].send((task, args))
        except (OSError, EOFError):  # the worker is gone (its pipe is broken)
            raise WorkerLost() from None
        return w

    def result(self, w: int):
        """The answer to the oldest task sent to worker ``w`` that has not been taken yet."""
        from multiprocessing.connection import wait

        conn, proc = self._conns[w], self._procs[w]
        if conn not in wait([conn, proc.sentinel]):  # the process ended, and no answer waits in its pipe
            raise WorkerLost()
        try:
            kind, value = conn.recv()
        except (OSError, EOFError):  # the pipe ended: the worker died before (or while) answering
            raise WorkerLost() from None
        if kind == "fejl":
            raise value
        return value

    def close(self) -> None:
        """The run is over: the workers stop when they have read the end of their work."""
        for conn in self._conns:
            try:
                conn.send(None)
            except (OSError, EOFError):
                pass
        for proc in self._procs:
            proc.join(timeout=10)
        self.terminate()

    def terminate(self) -> None:
        """Stop every worker now (also on Ctrl-C or an error) and wait until it is gone."""
        for proc in self._procs:
            if proc.exitcode is None:
                proc.terminate()
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.exitcode is None:  # pragma: no cover - a worker that ignores SIGTERM
                proc.kill()
                proc.join()
        for conn in self._conns:
            conn.close()
        self._procs, self._conns = [], []


def _worker_loop(conn, initargs: tuple, inherited: tuple) -> None:
    """A worker process: read tasks from the pipe (a thread reads them as they come, so that the main process
    never waits to write), run them in order, answer each with ("svar", answer) or ("fejl", the exception)."""
    import queue
    import threading

    for other in inherited:
        other.close()
    _init_worker(*initargs)
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def read() -> None:
        try:
            while True:
                task = conn.recv()
                inbox.put(task)
                if task is None:
                    return
        except (OSError, EOFError):  # the main process is gone
            inbox.put(None)

    threading.Thread(target=read, daemon=True).start()
    while (task := inbox.get()) is not None:
        fn, args = task
        try:
            answer = ("svar", fn(*args))
        except Exception as exc:  # noqa: BLE001 - given to the main process, which raises it there
            answer = ("fejl", exc)
        try:
            try:
                conn.send(answer)
            except (TypeError, ValueError, AttributeError, RecursionError):  # pickle.PicklingError is a TypeError
                conn.send(("fejl", RuntimeError(type(answer[1]).__name__)))
        except (OSError, EOFError):  # the main process is gone
            return


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class CaseStub:
    """What the main process needs of a case audited in a worker (the Case itself is not sent back)."""

    case_number: str
    municipality: str
    # the advarsler of merging a gennemgang.xlsx into the case in the worker (gennemgang.merge_case_reviews);
    # None: not merged there (no workbook, or the case is blocked by a bad row, handled by the caller)
    review_issues: tuple | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.municipality, self.case_number)


def read_and_audit(paths: list, mapping_file: str | os.PathLike | None = None, *, show_all: bool = False,
                   jobs: int = 1, regelsaet: str | None = None,
                   sample_keys: set[tuple[str, str]] | None = None,
                   reviews=None) -> Iterator[tuple[ReadResult, object]]:
    """(ReadResult, ``runner.Audited`` or None) for every record under ``paths``, in reading order. The second
    item is set when the case was already audited in a worker; None: the caller audits it (``--jobs 1``).

    The workers are started here, at once (before a progress bar's thread runs, so forking is safe), and only
    when some input is a JSONL file of at least ``PARALLEL_MIN_BYTES``; close the iterator to stop them.
    ``reviews`` (a gennemgang.xlsx's ``ReviewBook``) goes to each worker once, which merges it into its cases."""
    from audit.readers import read_cases
    from audit.readers.mapping import load_mapping
    from audit.readers.paths import expand_paths

    if jobs > 1:
        mapping = load_mapping(mapping_file)
        files, _ = expand_paths(list(paths))
        if any(_parallel(f) or _parallel_book(f) for f in files):
            ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
            workers = _Workers(ctx, jobs, (mapping.json_keys(), regelsaet, sample_keys, reviews))
            return _Stopping(_stream(workers, paths, mapping, show_all, jobs), workers)
    return ((rr, None) for rr in read_cases(paths, mapping_file, show_all=show_all))


def _parallel(path: Path) -> bool:
    return path.suffix.lower() == ".jsonl" and _size(path) >= PARALLEL_MIN_BYTES


def _parallel_book(path: Path) -> bool:
    """A spreadsheet or CSV file that may hold enough records for the workers (whether it does is known once its
    keys are read: ``PARALLEL_MIN_RECORDS``)."""
    from audit.readers.excel_sheets import SPREADSHEET_SUFFIXES

    return path.suffix.lower() in (*SPREADSHEET_SUFFIXES, ".csv") and _size(path) >= BOOK_MIN_BYTES


class _Stopping(Iterator):
    """The run's records; ``close()`` stops the workers also when no record was taken yet (closing a generator
    that has not started does not run its ``finally``)."""

    def __init__(self, records: Iterator, workers: _Workers) -> None:
        self._records, self._workers = records, workers

    def __next__(self):
        return next(self._records)

    def close(self) -> None:
        try:
            self._records.close()  # type: ignore[attr-defined]
        finally:
            self._workers.terminate()


def _stream(pool, paths: list, mapping, show_all: bool, jobs: int) -> Iterator[tuple[ReadResult, object]]:
    from audit.readers import _read, _read_file

    def read_file(path: Path, mapping, state: RunState) -> Iterator:
        if _parallel(path):
            yield from _read_jsonl_parallel(pool, path, mapping, state, jobs)
        elif _parallel_book(path):
            # excel_reader.read_book hands its records to the farm (csv_reader reads through read_book too)
            state.farm = lambda items: _farm_book(pool, items, state, jobs)  # type: ignore[attr-defined]
            try:
                for item in _read_file(path, mapping, state):
                    yield item if isinstance(item, tuple) else (item, None)
            finally:
                state.farm = None  # type: ignore[attr-defined]
        else:
            for rr in _read_file(path, mapping, state):
                yield rr, None

    try:
        for item in _read(list(paths), mapping, show_all, read_file=read_file):
            yield item if isinstance(item, tuple) else (item, None)
        pool.close()
    finally:  # also on Ctrl-C or an error: no worker outlives the run
        pool.terminate()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_jsonl_parallel(pool, path: Path, mapping, state: RunState, jobs: int) -> Iterator:
    from audit.readers.common import display_path, file_result
    from audit.readers.json_reader import (
        PRETTY_JSON_MESSAGE,
        _Loader,
        is_json_error,
        jsonl_line,
        jsonl_lines,
        read_json,
        whole_file_is_json,
    )

    display = display_path(path)
    keys = mapping.json_keys()
    lines = jsonl_lines(path, display)
    # the first line in this process: a file that is pretty-printed JSON is read as .json (as read_jsonl does)
    for item in lines:
        if isinstance(item, ReadResult):
            yield item, None
            continue
        lineno, line = item
        result = jsonl_line(line, lineno, display, keys, _Loader())
        if is_json_error(result) and whole_file_is_json(path):
            lines.close()
            yield file_result(display, "json_ikke_jsonl", PRETTY_JSON_MESSAGE, severity="advarsel"), None
            for rr in read_json(path, display, mapping, state):
                yield rr, None
            return
        yield (state.settle(result) if isinstance(result, Pending) else result), None  # audited by the caller
        break

    def unpack(answer) -> tuple[ReadResult, object]:
        if type(answer) is _Clean:
            return state.settle(answer.pending(display)), answer.audited()
        result, done = answer
        if isinstance(result, Pending):
            return state.settle(result), done
        return result, None

    farm = _Ordered(pool, _work, (display,), CHUNK_LINES, jobs, unpack)
    for item in lines:
        if isinstance(item, ReadResult):  # a read error or the like, in its place among the lines
            farm.put_result(item)
        else:
            yield from farm.add(item)
    yield from farm.finish()


def _farm_book(pool, items: Iterator, state: RunState, jobs: int) -> Iterator[tuple[ReadResult, object]]:
    """A spreadsheet's (or CSV pair's) records, read and joined in this process (``excel_reader._read_book``:
    plain rows, cheap to send), built and audited by the workers in order-preserving chunks; the duplicate
    check here, in reading order. A book of fewer than ``PARALLEL_MIN_RECORDS`` records is built here."""
    from audit.readers.excel_reader import record_pending, settle

    farm = _Ordered(pool, _work_book, (), CHUNK_RECORDS, jobs,
                    lambda answer: (settle(answer[0], state), answer[1]))
    here: bool | None = None
    for item in items:
        if isinstance(item, ReadResult):  # the file's own problems come before its records
            farm.put_result(item)
            continue
        if here is None:
            here = item.layout.n_records < PARALLEL_MIN_RECORDS
        if here:
            yield from farm.answers(0)
            yield settle(record_pending(item), state), None
            continue
        yield from farm.add(item)
    yield from farm.finish()


class _Ordered:
    """Items sent to the workers in chunks of ``size`` (``task(*args, chunk)``) and their answers given back in
    the order the items came, each through ``unpack`` (the duplicate check, in reading order); a ``ReadResult``
    met among the items (``put_result``) keeps its place between them. At most ``IN_FLIGHT_PER_WORKER`` chunks
    per worker wait, so memory stays flat however long the file is."""

    def __init__(self, pool, task, args: tuple, size: int, jobs: int, unpack) -> None:
        self.pool, self.task, self.args, self.size, self.unpack = pool, task, args, size, unpack
        self.limit = jobs * IN_FLIGHT_PER_WORKER
        self.pending: deque = deque()
        self.chunk: list = []

    def _send(self) -> None:
        if self.chunk:
            self.pending.append(("chunk", self.pool.submit(self.task, (*self.args, self.chunk))))
            self.chunk = []

    def put_result(self, rr: ReadResult) -> None:
        self._send()
        self.pending.append(("file", rr))

    def add(self, item) -> Iterator[tuple[ReadResult, object]]:
        self.chunk.append(item)
        if len(self.chunk) >= self.size:
            self._send()
            yield from self.answers(self.limit)

    def answers(self, limit: int) -> Iterator[tuple[ReadResult, object]]:
        while len(self.pending) > limit:
            kind, value = self.pending.popleft()
            if kind == "file":
                yield value, None
                continue
            for answer in self.pool.result(value):
                yield self.unpack(answer)

    def finish(self) -> Iterator[tuple[ReadResult, object]]:
        self._send()
        yield from self.answers(0)


# -- in the worker processes --------------------------------------------------------------------------------

_WORKER: dict = {}


def _init_worker(keys: dict[str, str], regelsaet: str | None, sample_keys: set | None, reviews=None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _WORKER.update(keys=keys, regelsaet=regelsaet, sample_keys=sample_keys, reviews=reviews)


class _Clean(tuple):
    """The answer for the usual JSONL line (a case read without any issue, audited, not merged with a
    gennemgang.xlsx): only what the main process needs, as plain values (line number, the duplicate key and
    its texts, the result line's bytes, the rule set, the summary's counts), so that no ``Pending``,
    ``SourceRef`` or ``Place`` is pickled and unpickled for it. ``pending`` rebuilds exactly the ``Pending``
    that ``jsonl_line`` gave."""

    __slots__ = ()

    def pending(self, display: str) -> Pending:
        from audit.readers.parse import Place

        lineno, key, (cn, mu), _, _, _ = self
        # jsonl_line's origin and its locate(("sagsnummer",)) (json_reader._jsonl_record, fast.fast_line)
        return Pending(CaseStub(cn, mu), [], SourceRef(file=display, row=lineno), key,
                       Place(file=display, row=lineno, field="sagsnummer"), (cn, mu))

    def audited(self) -> object:
        from audit.runner import Audited

        return Audited(self[3], self[4], tally=self[5])


def _work(display: str, chunk: list[tuple[int, bytes]]) -> list[object]:
    """Read and audit one chunk of lines; answers in the same order (``_Clean`` for the usual line)."""
    from audit.readers.json_reader import _Loader, jsonl_line

    keys = _WORKER["keys"]
    loader = _Loader()
    out: list[object] = []
    for lineno, line in chunk:
        result, done = _audit_here(jsonl_line(line, lineno, display, keys, loader))
        stub = getattr(result, "case", None)
        if (done is not None and done.line is not None and type(stub) is CaseStub and stub.review_issues is None
                and not result.issues and result.key is not None
                and result.key_text == (stub.case_number, stub.municipality)):
            out.append(_Clean((lineno, result.key, result.key_text, done.line, done.rule_set, done.tally)))
        else:
            out.append((result, done))
    return out


def _work_book(chunk: list) -> list[tuple[object, object]]:
    """Build and audit one chunk of a spreadsheet's records (``excel_reader._Record``); answers in order."""
    from audit.readers.excel_reader import record_pending

    return [_audit_here(record_pending(rec)) for rec in chunk]


def _audit_here(result: object) -> tuple[object, object]:
    """A record read in this worker, audited here: (the ``Pending`` with a ``CaseStub``, ``runner.Audited``);
    done is None for a record without a case or outside the sample."""
    from audit.runner import audited
    from audit.tilsyn.sampling import normalize_key

    regelsaet, sample_keys = _WORKER["regelsaet"], _WORKER["sample_keys"]
    done = None
    if isinstance(result, Pending) and result.case is not None:
        case = result.case
        review_issues = None
        if sample_keys is None or normalize_key(*case.key) in sample_keys:
            reviews = _WORKER.get("reviews")
            if reviews is None:
                done = audited(case, regelsaet)
            elif normalize_key(*case.key) not in reviews.blocked:  # a blocked case: the caller's fejl
                from audit.tilsyn.gennemgang import merge_case_reviews

                case, conflicts = merge_case_reviews(case, reviews)
                review_issues = tuple(conflicts)
                done = audited(case, regelsaet)
        result.case = CaseStub(case.case_number, case.municipality, review_issues)
    return result, done
