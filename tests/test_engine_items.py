"""Every checklist item on both sides of each of its conditions, with real dates and boundaries.

The item tests are data: ``tests/scenarios/<item id>.yaml`` (format in ``tests/scenarios/README.md``), run
by ``tests/test_scenarios.py`` with one pytest case per scenario. What stays here is not about one
result: that the scenario data still tests every item on both sides, and that the building blocks in
``tests/scenarios/byggeklodser.yaml`` build the same cases as the casebuilder helpers that other tests use.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import test_scenarios as scenarios  # noqa: E402
from casebuilder import _e12_explanation, aktivitetsparat, base  # noqa: E402


def _fails(expected: dict) -> bool:
    """Does an item expectation say the item fails (nej / ved_ikke, a way or a consequence)?"""
    if "svar" in expected:
        return expected["svar"] in ("nej", "ved_ikke")
    ways = expected.get("maader")
    named_ways = ways if isinstance(ways, list) else (ways or {}).get("indeholder", [])
    return bool(named_ways) or expected.get("virkning") is not None


def test_every_item_has_its_file_and_is_tested_on_both_sides():
    files = {p.stem for p in scenarios.SCENARIO_DIR.glob("*.yaml")}
    assert not [i for i in scenarios.ITEM_WAYS if i not in files], "hvert punkt skal have sin scenariefil"
    holds: set[str] = set()
    fails: set[str] = set()
    for entry in scenarios.ENTRIES:
        assert entry.scenario is not None, entry.error
        for key, exp in entry.scenario.expected.items():
            if key in scenarios.ITEM_WAYS:
                if _fails(exp):
                    fails.add(key)
                elif exp.get("svar") in ("ja", "ikke_relevant"):
                    holds.add(key)
    assert not [i for i in scenarios.ITEM_WAYS if i not in holds], "punkter uden et scenarie, hvor de er opfyldt"
    assert not [i for i in scenarios.ITEM_WAYS if i not in fails], "punkter uden et scenarie, hvor de fejler"


def test_building_blocks_build_the_casebuilder_cases():
    blocks = scenarios.BLOCKS
    for name, helper in (("aktivitetsparat", aktivitetsparat), ("forklaring_ikke_undersoegt", _e12_explanation)):
        built = scenarios.apply_changes(base(), blocks.changes[name], blocks, name)
        assert built == helper(base()), name
