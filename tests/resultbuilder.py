"""Results (``CaseResult``) for the report, compare and gate tests, from partial dicts in the file's form.

``complete`` fills every key the result contract requires and a test does not care about, so a test
states only what it counts. ``fixture_results`` reads ``fixtures/results_fire_kommuner.jsonl``; its
items have no ``kort`` (written before the contract required it), which is filled in (the item's id)
until the fixture itself is updated.
"""

from __future__ import annotations

import json
from pathlib import Path

from audit.contract import CaseResult, from_dict

FIXTURE = Path(__file__).parent / "fixtures" / "results_fire_kommuner.jsonl"

CASE_DEFAULTS = {"sagsnummer": "X", "kommune": "K", "afgoerelse_dato": "2022-03-01", "version": "0.1.0",
                 "samlet": "i_overensstemmelse", "samlet_begrundelse": ""}
ITEM_DEFAULTS = {"nummer": "", "spoergsmaal": "", "begrundelse": "", "hjemmel": "", "svar": "ja"}


def complete(partial: dict) -> dict:
    """``partial`` with every required key of a result line (and of its items) filled in."""
    out = {**CASE_DEFAULTS, **partial}
    out["punkter"] = [{**ITEM_DEFAULTS, "kort": str(p.get("id")), **p}
                      for p in partial.get("punkter", [])]
    return out


def result(**fields) -> CaseResult:
    return from_dict(complete(fields))


def fixture_dicts() -> list[dict]:
    """The fixture's results as complete dicts: read by the one reader, so each item has the rule-set text
    that the lines leave out (``regelsaet.json`` beside the fixture)."""
    from audit.results_file import read_results

    read, problems = read_results(FIXTURE)
    assert not problems, problems
    return [complete(r.to_dict()) for _, r in read]


def fixture_results() -> list[CaseResult]:
    return [from_dict(d) for d in fixture_dicts()]


def fixture_text() -> str:
    """The fixture as ``resultater.jsonl`` text that follows the contract."""
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in fixture_dicts())
