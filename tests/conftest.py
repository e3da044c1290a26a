"""Shared fixtures: fictitious records and small writers for JSON, JSONL and Excel input in tmp_path."""

from __future__ import annotations

import copy
import json
import signal
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _time_limit(request):
    """``pytestmark = pytest.mark.time_limit(seconds)`` stops each test of a module that hangs (SIGALRM)."""
    marker = request.node.get_closest_marker("time_limit")
    if marker is None:
        yield
        return
    seconds = marker.args[0]

    def stop(signum, frame):
        raise TimeoutError(f"testen hang (stoppet efter {seconds} s)")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# A complete, valid, fictitious record in the case format (no real municipality data, no CPR number).
BASE_RECORD: dict = {
    "sagsnummer": "PK-2024-0001",
    "kommune": "Prøvested Kommune",
    "enhed": "Team Vest",
    "sagsbehandler": "QRS",
    "civilstand": "ugift",
    "hændelser": [
        {"type": "visitation", "dato": "2023-09-01", "målgruppe": "jobparat"},
        {"type": "jobsamtale", "dato": "2023-09-14", "første": True, "mødt": True},
        {"type": "vejledning", "dato": "2023-09-14", "former": ["gennemgået", "udleveret"]},
        {"type": "tilsidesættelse", "dato": "2024-01-10", "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
        {"type": "partshøring", "dato": "2024-01-12", "vedrører": "2024-01-10"},
        {"type": "sanktion", "dato": "2024-01-26", "paragraf": "§ 36", "vedrører": "2024-01-10"},
        {"type": "tilsidesættelse", "dato": "2024-02-14", "art": "udeblevet_jobsamtale", "rimelig_grund": "nej"},
    ],
    "afgørelse": {"dato": "2024-03-01", "virkning_fra": "2024-03-07", "længde_måneder": 2,
                  "tilbud": {"art": "daglige_samtaler", "startdato": "2024-03-07"}, "klagevejledning": True},
}


def make_record(number: str = "PK-2024-0001", municipality: str = "Prøvested Kommune", **changes) -> dict:
    """A fresh copy of BASE_RECORD with another case number/municipality and top-level changes."""
    rec = copy.deepcopy(BASE_RECORD)
    rec["sagsnummer"] = number
    rec["kommune"] = municipality
    rec.update(changes)
    return rec


@pytest.fixture
def record():
    return make_record


@pytest.fixture
def write_json(tmp_path):
    def write(name: str, data: object) -> Path:
        f = tmp_path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return f
    return write


@pytest.fixture
def write_jsonl(tmp_path):
    def write(name: str, lines: list) -> Path:
        """``lines`` items are dicts (dumped) or str (written as they are)."""
        f = tmp_path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        text = "".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n" for x in lines)
        f.write_text(text, encoding="utf-8")
        return f
    return write


def xlsx_bytes_to(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write a workbook whose sheets hold the given rows (row 1 first); None leaves a cell empty."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@pytest.fixture
def write_xlsx(tmp_path):
    def write(name: str, sheets: dict[str, list[list]]) -> Path:
        return xlsx_bytes_to(tmp_path / name, sheets)
    return write
