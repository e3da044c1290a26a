"""The internal names a person must never read: every id of the checklist (items, ways of failing,
parameters, interpretations, recommendations) and every code value and field name of the case format
and the results format. Used by the tests that scan the human-facing outputs (tests/test_report_no_ids.py).

An id that is also an ordinary Danish word ("begrundelse", "tilbud", "sanktion") cannot be told apart from
prose by its spelling; those are scanned only where they would read as a name: after "punktet", "feltet",
"måden" or "parameteren", in a code font, or joined by "_". Everything else (ids with "_", ASCII-folded
spellings like "laengde", numbered ids like "R1.1.1") is scanned as a whole word anywhere.
"""

from __future__ import annotations

import re
from functools import cache

from audit import model
from audit.contract import Answer, Consequence, Criticism, Verdict
from audit.readers import mapping
from audit.rules.checklist import all_checklists

_FOLDED = re.compile(r"aa|ae|oe")


@cache
def internal_names() -> frozenset[str]:
    names: set[str] = set()
    for cl in all_checklists():
        names.add(cl.id)
        names.update(cl.parameter_defs)
        names.update(cl.interpretations)
        names.update(cl.recommendations)
        for item in cl.items:
            names.add(item.id)
            names.update(item.ways)
    for enum in (Answer, Consequence, Criticism, Verdict):
        names.update(e.value for e in enum)
    for values in (model.EVENT_TYPES, model.TARGET_GROUPS, model.GUIDANCE_FORMS, model.SHARPENED_ELEMENTS,
                   model.BREACH_KINDS, model.CONTACT_CHANNELS, model.MARITAL_STATUSES, model.BENEFITS,
                   model.OFFER_KINDS, model.WEIGHTED_CIRCUMSTANCES):
        names.update(values)
    for cls in (model.Event, model.Offer, model.Decision, model.Case, model.Review):
        names.update(f.alias for f in cls.model_fields.values() if f.alias)
    for sheet in mapping.SHEETS:
        names.update(mapping.COLUMNS[sheet])
    return frozenset(n for n in names if n)


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    names = internal_names()
    tell_tale = sorted((n for n in names if "_" in n or "." in n or _FOLDED.search(n) or any(c.isdigit() for c in n)),
                       key=len, reverse=True)
    everywhere = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, tell_tale)) + r")(?![\w])")
    words = sorted(names, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, words))
    as_name = re.compile(r"(?:\b(?:punktet|punkterne|feltet|felterne|måden|parameteren|parametrene)\s+(" + alternatives
                         + r")\b)|(?:`(" + alternatives + r")`)", re.IGNORECASE)
    return everywhere, as_name


def find_internal_names(text: str) -> list[str]:
    """Every internal id, field name or code value found in ``text`` (with 30 characters around each)."""
    everywhere, as_name = _patterns()
    hits = []
    for pattern in (everywhere, as_name):
        for m in pattern.finditer(text):
            hits.append(text[max(0, m.start() - 30):m.end() + 30].replace("\n", " "))
    return hits
