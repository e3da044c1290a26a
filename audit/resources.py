"""Where the data files live: inside the wheel (``audit/_data``) or, in a source checkout, at the
repository's top level (``checklists/``, ``reports/``)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``checklists`` or ``reports``."""
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    source = _PACKAGE.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"datamappen '{name}' findes hverken i pakken eller i kildekoden")


def checklists_dir() -> Path:
    return data_dir("checklists")


def reports_dir() -> Path:
    return data_dir("reports")
