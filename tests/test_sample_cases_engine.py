"""Acceptance: every bundled sample case gets the verdict and failing items its author intended
(sample_cases/forventet.yaml, explained case by case in sample_cases/FORVENTET.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.readers import read_cases
from audit.rules.engine import evaluate

SAMPLES = Path(__file__).resolve().parent.parent / "sample_cases"
EXPECTED = yaml.safe_load((SAMPLES / "forventet.yaml").read_text(encoding="utf-8"))


def _results() -> dict[str, dict]:
    out = {}
    for rr in read_cases([str(SAMPLES)]):
        assert rr.case is not None, [i.line() for i in rr.issues]
        assert not [i for i in rr.issues if i.severity == "fejl"]
        r = evaluate(rr.case).to_dict()
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
