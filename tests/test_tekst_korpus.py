"""audit tekst measured on the corpus (tests/tekst_corpus/korpus.yaml): per-element answers, and precision and
recall of "ja" (fundet) against a jurist's reading written into the corpus, not from running the code."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.tekst import analyse

CORPUS = Path(__file__).parent / "tekst_corpus"
ENTRIES = yaml.safe_load((CORPUS / "korpus.yaml").read_text(encoding="utf-8"))["tekster"]


def _text(entry: dict) -> str:
    return (CORPUS / entry["fil"]).read_text(encoding="utf-8") if "fil" in entry else entry["tekst"]


def measure() -> dict:
    """Per element: true/false positives of "ja", false negatives, and how many answers were exactly right."""
    stats: dict[str, dict[str, int]] = {}
    for entry in ENTRIES:
        got = {e.spec.id: e.status for e in analyse(_text(entry), "vejledning_35_2").elements}
        for element, want in entry["forventet"].items():
            s = stats.setdefault(element, {"tp": 0, "fp": 0, "fn": 0, "rigtige": 0, "i_alt": 0})
            s["i_alt"] += 1
            s["rigtige"] += got[element] == want
            if got[element] == "ja" and want == "ja":
                s["tp"] += 1
            elif got[element] == "ja":
                s["fp"] += 1
            elif want == "ja":
                s["fn"] += 1
    return stats


def test_corpus_is_large_enough_and_half_flawed():
    assert len(ENTRIES) >= 30
    flawed = [e for e in ENTRIES if e["fejl"] == "ja"]
    assert len(flawed) >= len(ENTRIES) / 2
    # every flawed wording really lacks an element in the jurist's reading, and no sound one does
    for e in ENTRIES:
        assert (e["fejl"] == "ja") == any(v != "ja" for v in e["forventet"].values()), e["id"]


def test_precision_is_perfect_and_recall_high():
    """A silent yes is the costly error (a flawed letter passes): precision of "ja" must be 1.0 for every
    element; recall (a sound sentence recognised) at least 0.9."""
    stats = measure()
    for element, s in stats.items():
        precision = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        recall = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
        assert precision == 1.0, (element, s)
        assert recall >= 0.9, (element, s)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_each_wording_gets_the_jurists_answer(entry):
    got = {e.spec.id: e.status for e in analyse(_text(entry), "vejledning_35_2").elements}
    assert got == entry["forventet"]


if __name__ == "__main__":  # python tests/test_tekst_korpus.py: print the numbers for the README
    for element, s in measure().items():
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
        print(f"{element:24} præcision {p:.2f}  genkaldelse {r:.2f}  rigtige svar {s['rigtige']}/{s['i_alt']}")
