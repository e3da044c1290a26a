"""Acceptance: every bundled sample case gets the verdict, the failing items, and for each failing item the
consequence (virkning) and the ways (maader) its author intended (sample_cases/forventet.yaml, explained
case by case in sample_cases/FORVENTET.md; both written by scripts/build_sample_cases.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.readers import read_cases
from audit.rules.engine import evaluate

SAMPLES = Path(__file__).resolve().parent.parent / "sample_cases"
EXPECTED = yaml.safe_load((SAMPLES / "forventet.yaml").read_text(encoding="utf-8"))


def as_dict(r):
    """The engine's result as its dict form (the only place that knows the result type)."""
    return r if isinstance(r, dict) else r.to_dict()


def _results() -> dict[str, dict]:
    out = {}
    for rr in read_cases([str(SAMPLES)]):
        assert rr.case is not None, [i.line() for i in rr.issues]
        assert not [i for i in rr.issues if i.severity == "fejl"]
        r = as_dict(evaluate(rr.case))
        out[f"{r['kommune']}|{r['sagsnummer']}"] = r
    return out


RESULTS = _results()


def test_every_sample_case_is_read_and_expected():
    assert sorted(RESULTS) == sorted(EXPECTED)
    assert len(RESULTS) >= 24
    assert len({k.split("|")[0] for k in RESULTS}) >= 3


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_sample_case_matches_intended_result(key):
    r, e = RESULTS[key], EXPECTED[key]
    got = {a: sorted(p["id"] for p in r["punkter"] if p["svar"] == a) for a in ("nej", "ved_ikke", "ikke_relevant")}
    assert (r["samlet"], r["kritik"]) == (e["samlet"], e["kritik"]), e["note"]
    for a in got:
        assert got[a] == sorted(e[a]), f"{a}: {e['note']}"


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_sample_case_failed_items_have_intended_consequence_and_ways(key):
    r, e = RESULTS[key], EXPECTED[key]
    failed = {p["id"]: p for p in r["punkter"] if p["svar"] in ("nej", "ved_ikke")}
    assert sorted(e["punkter"]) == sorted(set(e["nej"]) | set(e["ved_ikke"])), "forventet.yaml: punkter"
    assert sorted(failed) == sorted(e["punkter"]), e["note"]
    for item_id, want in e["punkter"].items():
        p = failed[item_id]
        assert p["virkning"] == want["virkning"], f"{item_id}: virkning. {e['note']}\n{p['begrundelse']}"
        assert sorted(p["maader"]) == sorted(want["maader"]), f"{item_id}: maader. {e['note']}\n{p['begrundelse']}"
