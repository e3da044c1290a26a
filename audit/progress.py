"""Progress bars for long runs: on stderr, only when stderr is a terminal and the user did not ask
for quiet output, so that piped output and log files stay clean."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

T = TypeVar("T")


def progress(iterable: Iterable[T], total: int | None = None, description: str = "Arbejder",
             quiet: bool = False, *, console: Console | None = None) -> Iterator[T]:
    """Yield the items of ``iterable`` unchanged, showing a progress bar on stderr meanwhile.

    ``total`` may be None (unknown length: a spinner and a count are shown). ``console`` is for tests;
    by default a console on stderr is used, and nothing is shown unless stderr is a terminal.
    """
    if console is None:
        if quiet or not sys.stderr.isatty():
            yield from iterable
            return
        console = Console(stderr=True)
    elif quiet or not console.is_terminal:
        yield from iterable
        return
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns.append(BarColumn())
    columns += [MofNCompleteColumn() if total is not None else TextColumn("{task.completed} behandlet"),
                TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in iterable:
            yield item
            bar.advance(task)
