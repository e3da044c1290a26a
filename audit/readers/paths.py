"""From the user's arguments (files, folders, glob patterns) to the list of input files, in a fixed order."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from audit.issues import Issue
from audit.privacy import mask_cpr
from audit.readers.common import file_issue

SUPPORTED = (".json", ".jsonl", ".xlsx")
# Files that look like case data in a format the tool does not read: mentioned, not silently skipped.
LOOKS_LIKE_DATA = (".xls", ".xlsm", ".xlsb", ".csv", ".ods", ".json5", ".ndjson")
_GLOB_CHARS = set("*?[")


def _skipped_name(name: str) -> bool:
    """Hidden files and Office lock files (``~$Sager.xlsx``) are never input."""
    return name.startswith(".") or name.startswith("~$")


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not _skipped_name(name):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _unsupported(p: Path, arg: str) -> Issue:
    return file_issue(mask_cpr(str(p)), "filtype",
                      f"filen bruges ikke: filtypen '{p.suffix}' læses ikke (kun .json, .jsonl og .xlsx); "
                      "gem den som .xlsx eller .json", severity="advarsel")


def expand_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Issue]]:
    """The input files under ``paths``, and the problems found while looking for them.

    Each argument may be a file (read whatever its name), a folder (searched recursively for .json,
    .jsonl and .xlsx; hidden files and folders and ``~$`` lock files are skipped) or a glob pattern
    (``data/**/*.xlsx``). Arguments keep their order; the files of one argument are sorted. A file that
    turns up twice is read once. An argument that gives no files is a ``fejl``.
    """
    files: list[Path] = []
    issues: list[Issue] = []
    seen: set[Path] = set()

    def add(p: Path, arg: str) -> None:
        try:
            ident = p.resolve()
        except OSError:
            ident = p.absolute()
        if ident in seen:
            issues.append(file_issue(mask_cpr(str(p)), "dobbelt_fil",
                                     f"filen er angivet flere gange (også via '{arg}'); den læses kun én gang",
                                     severity="advarsel"))
            return
        seen.add(ident)
        files.append(p)

    def add_many(candidates: list[Path], arg: str, what: str) -> None:
        usable = [p for p in candidates if p.suffix.lower() in SUPPORTED]
        for p in candidates:
            if p.suffix.lower() in LOOKS_LIKE_DATA:
                issues.append(_unsupported(p, arg))
        if not usable:
            issues.append(file_issue(mask_cpr(arg), "ingen_filer",
                                     f"{what} indeholder ingen .json-, .jsonl- eller .xlsx-filer"))
        for p in usable:
            add(p, arg)

    for raw in paths:
        arg = os.fspath(raw)
        p = Path(arg)
        if p.is_dir():
            add_many(_walk(p), arg, f"mappen '{arg}'")
        elif p.is_file():
            if p.suffix.lower() in SUPPORTED:
                add(p, arg)
            else:
                issues.append(file_issue(mask_cpr(arg), "filtype",
                                         f"filtypen '{p.suffix or '(ingen endelse)'}' kan ikke læses; brug .json, "
                                         ".jsonl eller .xlsx (gem regneark som 'Excel-projektmappe (*.xlsx)')"))
        elif p.exists():
            issues.append(file_issue(mask_cpr(arg), "laesefejl", "stien er hverken en fil eller en mappe"))
        elif _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                issues.append(file_issue(mask_cpr(arg), "ingen_filer", f"mønsteret '{arg}' passer ikke på nogen filer"))
                continue
            candidates: list[Path] = []
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    candidates.extend(_walk(mp))
                elif not _skipped_name(mp.name):
                    candidates.append(mp)
            add_many(candidates, arg, f"mønsteret '{arg}'")
        else:
            issues.append(file_issue(mask_cpr(arg), "findes_ikke",
                                     f"'{arg}' findes ikke (hverken som fil, mappe eller mønster); kontrollér stien"))
    return files, issues
