"""Repeated identical problems shown once: the same problem on hundreds of JSONL lines (or Excel rows) is a few
lines and one summary ("samme problem på yderligere 997 linjer: 4, 5, 6, ... (vis alle med --alle)"), not a
thousand lines of the same text. ``audit run`` and ``audit validate`` pass every issue through an
``IssueCollapser``; ``--alle`` turns it off. Only what is shown is collapsed: every record is still counted.

Two issues are the same problem when everything but the row (or, in a ``.json`` list, the record's number in
the field: ``sager[4].afgørelse.dato``) and the case they belong to is equal: file, sheet, column, field, code,
severity, message and value. The collapser streams: the first ``SHOWN`` of each
problem pass at once, the rest are counted, and the summary follows when the reader moves on to the next file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from audit.issues import Issue

SHOWN = 3  # occurrences of one problem shown before the rest are summarised
ROWS_NAMED = 10  # rows named in the summary
MAX_TRACKED = 10_000  # distinct problems remembered per file (beyond that, problems pass as they are)


@dataclass
class _Seen:
    first: Issue
    count: int = 0
    hidden_rows: list[int] = field(default_factory=list)
    hidden: int = 0


_INDEXED = re.compile(r"^((?:sager)?)\[(\d+)\]\.?(.*)$")  # sager[4].afgørelse.dato: record 4 of a .json list


def _place(issue: Issue) -> tuple[str | None, int] | None:
    """(the field without the record's number, the line, row or record number), or None: not repeatable."""
    if issue.row is not None:
        return issue.field, issue.row
    m = _INDEXED.match(issue.field or "")
    if m:
        return f"{m.group(1)}[*].{m.group(3)}", int(m.group(2))
    return None


def _key(issue: Issue, field: str | None) -> tuple:
    return (issue.file, issue.sheet, issue.column, field, issue.code, issue.severity, issue.message, issue.value)


class IssueCollapser:
    """Feed every issue to ``add``; write what it returns; call ``finish`` at the end and write that too."""

    def __init__(self, *, show_all: bool = False) -> None:
        self.show_all = show_all
        self._file: str | None = None
        self._seen: dict[tuple, _Seen] = {}

    def add(self, issue: Issue) -> Iterator[Issue]:
        place = None if self.show_all else _place(issue)
        if place is None:
            yield issue  # a problem of a file, sheet or column: not repeated per record
            return
        if issue.file != self._file:
            yield from self.finish()
            self._file = issue.file
        key = _key(issue, place[0])
        seen = self._seen.get(key)
        if seen is None:
            if len(self._seen) < MAX_TRACKED:
                self._seen[key] = _Seen(issue, 1)
            yield issue
            return
        seen.count += 1
        if seen.count <= SHOWN:
            yield issue
            return
        seen.hidden += 1
        if len(seen.hidden_rows) < ROWS_NAMED:
            seen.hidden_rows.append(place[1])

    def finish(self) -> Iterator[Issue]:
        """The summaries of the current file's repeated problems."""
        for seen in self._seen.values():
            if seen.hidden:
                yield summary(seen.first, seen.hidden, seen.hidden_rows)
        self._seen = {}


def summary(first: Issue, hidden: int, rows: list[int]) -> Issue:
    count = f"{hidden:,}".replace(",", ".")
    listed = ", ".join(str(r) for r in rows) + (" ..." if hidden > len(rows) else "")
    field = first.field
    if first.row is None:  # records of a .json list, numbered as the messages number them (sager[4])
        m = _INDEXED.match(first.field or "")
        field = (m.group(3) or None) if m else field
        where = f"i yderligere {count} {'sag' if hidden == 1 else 'sager'} i listen: nr. {listed}"
    else:
        unit = ("række" if hidden == 1 else "rækker") if first.sheet or not first.file.endswith(".jsonl") else \
            ("linje" if hidden == 1 else "linjer")
        where = f"på yderligere {count} {unit}: {listed}"
    return Issue(severity=first.severity, code=first.code,
                 message=f"samme problem {where} (vis alle med --alle): {first.message}",
                 file=first.file, sheet=first.sheet, column=first.column, field=field, value=first.value)
