"""The counting behind the reports, in one namespace: tables (pandas), item and text figures,
recommendations, reviewer overrides, and the shared vocabulary.

Every function takes the run's results as ``CaseResult`` records (audit/contract.py) and returns plain
data (``Table`` objects, dataclasses, dicts) that the HTML, Excel and terminal renderers show. The
modules behind it:

- ``common``: vocabulary, Danish collation, national figures, period and grouping (no pandas);
- ``tables``: Tabel 2.1-2.7, 4.1-4.3, 5.1 and 1.1 (pandas);
- ``facts``: failures per item and the figures stated only in the report's text;
- ``recommendations``: which recommendations the failing items call for;
- ``overrides``: reviewer answers and what they changed.

Importing this module imports pandas; modules that need no tables import from the others directly.
"""

from __future__ import annotations

from .common import (
    AKTIVITETSPARAT,
    GROUP_LABELS,
    JOBPARAT,
    NATIONAL_ITEM_FAILURES,
    NATIONAL_LABEL,
    NATIONAL_SOURCE,
    NO_GROUP_LABEL,
    NO_VALUE,
    NOT_ASSESSED_LABEL,
    TOTAL,
    UOPLYST,
    UOPLYST_COLUMN,
    NationalFigure,
    answer_of,
    ascii_key,
    assessed,
    case_date,
    danish_sort_key,
    group_by_municipality,
    national_figures,
    period,
    target_group_of,
)
from .facts import KEY_FIGURES, ItemStat, KeyFigure, item_stats, key_figures, most_frequent_failures
from .overrides import Override, overrides
from .recommendations import recommendation_cases
from .tables import (
    ANSWER_ROWS,
    SPECS,
    WEIGHT_ROWS,
    Row,
    Table,
    TableSpec,
    chapter_tables,
    frame,
    kilde_line,
    verdict_by_group,
    verdict_counts,
)

__all__ = [
    "AKTIVITETSPARAT", "ANSWER_ROWS", "GROUP_LABELS", "JOBPARAT", "KEY_FIGURES", "NATIONAL_ITEM_FAILURES",
    "NATIONAL_LABEL", "NATIONAL_SOURCE", "NO_GROUP_LABEL", "NO_VALUE", "NOT_ASSESSED_LABEL", "SPECS", "TOTAL",
    "UOPLYST", "UOPLYST_COLUMN", "WEIGHT_ROWS", "ItemStat", "KeyFigure", "NationalFigure", "Override", "Row",
    "Table", "TableSpec", "answer_of", "ascii_key", "assessed", "case_date", "chapter_tables", "danish_sort_key",
    "frame", "group_by_municipality", "item_stats", "key_figures", "kilde_line", "most_frequent_failures",
    "national_figures", "overrides", "period", "recommendation_cases", "target_group_of", "verdict_by_group",
    "verdict_counts",
]
