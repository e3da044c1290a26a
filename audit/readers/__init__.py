"""Reading cases: JSON (``.json``), JSON Lines (``.jsonl``), spreadsheets (``.xlsx``, ``.xls``, ``.xlsb``,
``.ods``) and CSV (``.csv``, see ``csv_reader``), with a column mapping.

    for result in read_cases(["sager/", "eksport.xlsx"], mapping_file="kolonner.toml"):
        if result.case is not None:
            ...                      # a valid Case, with .origin telling where it was read
        for issue in result.issues:  # located problems, Danish messages, CPR masked
            print(issue.line())

One ``ReadResult`` per record, plus results with ``case=None`` for problems that belong to a file or
argument rather than a record (a file that cannot be read, a path that matches nothing, an Excel
column nobody knows). Records are streamed; across the whole run only the (kommune, sagsnummer) keys
are kept, to reject a case number that occurs twice in one municipality.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from audit.model import SourceRef
from audit.readers.common import ReadResult, RunState, clean_issue, display_path, file_result, internal_error
from audit.readers.csv_reader import companion, read_csv
from audit.readers.excel_reader import read_xlsx
from audit.readers.json_reader import read_json, read_jsonl
from audit.readers.mapping import ColumnMapping, MappingError, load_mapping
from audit.readers.paths import expand_paths, not_a_regular_file

__all__ = ["ReadResult", "read_cases", "expand_paths", "MappingError", "load_mapping", "ColumnMapping"]

_READERS = {".json": read_json, ".jsonl": read_jsonl, ".xlsx": read_xlsx, ".xls": read_xlsx, ".xlsb": read_xlsx,
            ".ods": read_xlsx, ".csv": read_csv}


def read_cases(paths: Iterable[str | os.PathLike] | str | os.PathLike,
               mapping_file: str | os.PathLike | None = None, *, show_all: bool = False) -> Iterator[ReadResult]:
    """Read every record under ``paths`` (files, folders, globs), in a deterministic order.

    The mapping file is read at once, so an invalid one raises ``MappingError`` (a usage error)
    before anything is read; everything wrong with the input itself becomes an ``Issue``. ``show_all``
    (``--alle``): a sheet's thousands of unknown columns are one issue each instead of one summary.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    mapping = load_mapping(mapping_file)
    return _read(list(paths), mapping, show_all)


def _read(paths: list, mapping: ColumnMapping, show_all: bool, read_file=None) -> Iterator:
    """Every file's results in order; ``read_file(path, mapping, state)`` instead of ``_read_file`` lets
    ``audit.parallel`` read some files in worker processes (sharing the one RunState)."""
    read_file = read_file or _read_file
    files, problems = expand_paths(paths)
    for issue in problems:
        yield ReadResult(None, [clean_issue(issue)], SourceRef(file=issue.file), file_level=True)
    state = RunState(show_all=show_all)
    read: set[Path] = set()
    for path in files:
        # haendelser.csv/vurderinger.csv are read with the sager.csv next to them, once, also when only
        # one of the files was named
        path = companion(path, mapping) or path
        ident = _ident(path)
        if ident in read:
            continue
        read.add(ident)
        yield from read_file(path, mapping, state)


def _ident(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _read_file(path: Path, mapping: ColumnMapping, state: RunState) -> Iterator[ReadResult]:
    display = display_path(path)
    problem = not_a_regular_file(path)
    if problem is not None:
        yield file_result(display, "laesefejl", problem)
        return
    reader = _READERS.get(path.suffix.lower(), read_json)
    try:
        yield from reader(path, display, mapping, state)
    except Exception as exc:  # noqa: BLE001 - a bug in a reader must not stop the other files
        yield internal_error(display, exc, whole_file=True)
