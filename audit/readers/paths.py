"""From the user's arguments (files, folders, glob patterns) to the list of input files, in a fixed order.

Walking can neither hang nor skip in silence: only regular files are read (a named pipe or a device is
reported, never opened), symbolic links to folders are followed once (a folder reached again, as in a
ring of links, is reported and not walked again), glob patterns are matched by the same walk (so ``**``
cannot follow a ring either), and a folder that cannot be listed is a located ``fejl``.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from audit.issues import Issue
from audit.readers.common import display_path, file_issue, os_error_text

SUPPORTED = (".json", ".jsonl", ".xlsx", ".xls", ".xlsb", ".ods", ".csv")
_SUPPORTED_TEXT = ".json, .jsonl, .xlsx, .xls, .xlsb, .ods og .csv"
# Files that look like case data in a format the tool does not read: mentioned, not silently skipped.
LOOKS_LIKE_DATA = (".xlsm", ".json5", ".ndjson", ".tsv")
_GLOB_CHARS = set("*?[")


def _skipped_name(name: str) -> bool:
    """Hidden files and Office lock files (``~$Sager.xlsx``) are never input."""
    return name.startswith(".") or name.startswith("~$")


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as an input file (Danish), or None when it is a regular file.

    Checked before a file is opened: opening a named pipe (FIFO) would wait for a writer forever."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return os_error_text(exc)
    if stat.S_ISDIR(st.st_mode):
        return "stien er en mappe, ikke en fil"
    if not stat.S_ISREG(st.st_mode):
        return ("stien er ikke en almindelig fil (men fx en named pipe, en socket eller en enhed) og læses ikke; "
                "kopiér indholdet til en almindelig fil")
    return None


class _Walker:
    """A recursive folder walk that follows links to folders once and reports what it cannot list."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        self.visited: set[tuple[int, int]] = set()

    def _enter(self, folder: Path) -> bool:
        try:
            st = os.stat(folder)
        except OSError as exc:
            self.issues.append(file_issue(display_path(folder), "laesefejl",
                                          f"mappen kan ikke læses: {os_error_text(exc)}"))
            return False
        ident = (st.st_dev, st.st_ino)
        if ident in self.visited:
            self.issues.append(file_issue(
                display_path(folder), "mappe_i_ring",
                "mappen er et symbolsk link til en mappe, der allerede er gennemgået (fx en ring af links); "
                "den gennemgås ikke igen", severity="advarsel"))
            return False
        self.visited.add(ident)
        return True

    def walk(self, folder: Path, *, max_depth: int | None = None, dirs_out: list[Path] | None = None) -> list[Path]:
        """Every file under ``folder`` (not hidden), sorted; folders go to ``dirs_out`` when given."""
        found: list[Path] = []
        if not self._enter(folder):
            return found
        stack: list[tuple[Path, int]] = [(folder, 0)]
        while stack:
            current, depth = stack.pop()
            try:
                with os.scandir(current) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                reason = ("ingen adgang (rettigheder)" if isinstance(exc, PermissionError)
                          else os_error_text(exc))
                self.issues.append(file_issue(
                    display_path(current), "laesefejl",
                    f"mappen kan ikke læses: {reason}; filerne i den er ikke læst. Giv læseadgang til mappen"))
                continue
            for entry in entries:
                if _skipped_name(entry.name):
                    continue
                p = Path(entry.path)
                try:
                    is_dir = entry.is_dir()  # follows links; a ring of file links is no folder
                except OSError:
                    is_dir = False
                if is_dir:
                    if dirs_out is not None:
                        dirs_out.append(p)
                    if (max_depth is None or depth + 1 < max_depth) and self._enter(p):
                        stack.append((p, depth + 1))
                else:
                    found.append(p)
        return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _match(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Glob matching of path parts, ``**`` matching any number of folders (also none)."""
    if not pattern:
        return not parts
    head = pattern[0]
    if head == "**":
        return any(_match(pattern[1:], parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _match(pattern[1:], parts[1:])


def _glob(arg: str, walker: _Walker) -> list[Path]:
    """The files a glob pattern names (files it matches, and the files under folders it matches)."""
    p = Path(arg)
    parts = p.parts
    k = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    base = Path(*parts[:k]) if k else Path(".")
    pattern = tuple(parts[k:])
    if not base.is_dir():
        return []
    deep = "**" in pattern
    dirs: list[Path] = []
    files = walker.walk(base, max_depth=None if deep else len(pattern), dirs_out=dirs)
    matched_dirs = [d for d in dirs if _match(pattern, d.relative_to(base).parts)]
    if deep and _match(pattern, ()):
        matched_dirs.append(base)

    def rel(q: Path) -> tuple[str, ...]:
        return q.relative_to(base).parts

    out = {q for q in files if _match(pattern, rel(q))}
    for d in matched_dirs:
        if not deep:  # the walk stopped at the pattern's depth: walk the matched folder itself
            out.update(walker.walk(d))
        else:
            out.update(q for q in files if q.is_relative_to(d))
    prefix = k > 0
    return sorted((q if prefix else Path(*rel(q))) for q in out)


def _unsupported(p: Path, arg: str) -> Issue:
    return file_issue(display_path(p), "filtype",
                      f"filen bruges ikke: filtypen '{p.suffix}' læses ikke (kun {_SUPPORTED_TEXT}); "
                      "gem den som .xlsx eller .csv", severity="advarsel")


def expand_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Issue]]:
    """The input files under ``paths``, and the problems found while looking for them.

    Each argument may be a file (read whatever its name), a folder (searched recursively for .json,
    .jsonl, .xlsx, .xls, .xlsb, .ods and .csv; hidden files and folders and ``~$`` lock files are skipped) or a
    glob pattern (``data/**/*.xlsx``). Arguments keep their order; the files of one argument are sorted. A file that
    turns up twice is read once. An argument that gives no files is a ``fejl``; a folder that cannot be
    listed is a ``fejl``; a ring of symbolic links is reported instead of followed.
    """
    files: list[Path] = []
    issues: list[Issue] = []
    seen: set[Path] = set()

    def add(p: Path, arg: str) -> None:
        try:
            ident = p.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a ring of symbolic links (Python 3.11)
            ident = p.absolute()
        if ident in seen:
            issues.append(file_issue(display_path(p), "dobbelt_fil",
                                     f"filen er angivet flere gange (også via '{display_path(arg)}'); den læses "
                                     "kun én gang", severity="advarsel"))
            return
        seen.add(ident)
        files.append(p)

    def add_many(candidates: list[Path], arg: str, what: str) -> None:
        usable = [p for p in candidates if p.suffix.lower() in SUPPORTED]
        for p in candidates:
            if p.suffix.lower() in LOOKS_LIKE_DATA:
                issues.append(_unsupported(p, arg))
        if not usable:
            issues.append(file_issue(display_path(arg), "ingen_filer",
                                     f"{what} indeholder ingen filer, der kan læses ({_SUPPORTED_TEXT})"))
        for p in usable:
            add(p, arg)

    for raw in paths:
        arg = os.fspath(raw)
        shown = display_path(arg)
        p = Path(arg)
        walker = _Walker(issues)
        if p.is_dir():
            add_many(walker.walk(p), arg, f"mappen '{shown}'")
        elif p.is_file():
            if p.suffix.lower() in SUPPORTED:
                add(p, arg)
            else:
                issues.append(file_issue(shown, "filtype",
                                         f"filtypen '{p.suffix or '(ingen endelse)'}' kan ikke læses; brug "
                                         f"{_SUPPORTED_TEXT} (gem regneark som 'Excel-projektmappe (*.xlsx)')"))
        elif p.is_symlink() and (problem := not_a_regular_file(p)) is not None:
            issues.append(file_issue(shown, "laesefejl", problem))
        elif p.exists():
            issues.append(file_issue(shown, "laesefejl", "stien er hverken en fil eller en mappe"))
        elif _GLOB_CHARS & set(arg):
            matches = _glob(arg, walker)
            if not matches:
                issues.append(file_issue(shown, "ingen_filer", f"mønsteret '{shown}' passer ikke på nogen filer"))
                continue
            add_many([m for m in matches if not _skipped_name(m.name)], arg, f"mønsteret '{shown}'")
        else:
            issues.append(file_issue(shown, "findes_ikke",
                                     f"'{shown}' findes ikke (hverken som fil, mappe eller mønster); kontrollér stien"))
    return files, issues
