"""Periods side by side: the figures of whole runs (``audit compare`` of two runs with different cases,
``audit udvikling`` of several).

A team leader who samples every quarter has runs over *different* cases; a case-by-case diff of those says
only "kun i A"/"kun i B". What she needs is each period's figures next to the other's:

- cases, and the overall verdicts (count and share of all cases in the period);
- kritik and bemærkning among the decisions in accordance (count and share of all cases);
- per checklist item: how many cases failed it (answer nej or ved ikke) out of the cases where it was
  relevant (any answer but ikke relevant), and that share;
- the most frequent defects: binding items (not the advisory ones) by number of failures.

A period is named from the run: the sample window in ``koersel.json`` (``stikproeve.log.vindue``, written
by ``audit run --stikproeve`` from ``audit sample --fra/--til``) when there is one, otherwise the first and
last decision date of the run's cases. A window inside one calendar quarter is named by the quarter
("3. kvartal 2026"), otherwise by its dates. Two runs with the same name get their folder's name added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from audit.contract import ASSESSED_VERDICTS, CaseResult, Criticism, Verdict
from audit.dates import format_da

RUN_FILE = "koersel.json"
VERDICT_ORDER = (*ASSESSED_VERDICTS, Verdict.OUTSIDE)
CRITICISM_ORDER = (Criticism.CRITICISM, Criticism.REMARK)
TOP_DEFECTS = 5


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent (None when ``whole`` is 0)."""
    return None if not whole else 100.0 * part / whole


def pct(value: float | None) -> str:
    """Whole per cent, rounded half up, Danish form: '33 %'; '-' when there is no denominator."""
    if value is None:
        return "-"
    return f"{Decimal(str(value)).quantize(Decimal('1'), rounding=ROUND_HALF_UP)} %"


def points(a: float | None, b: float | None) -> str:
    """The change from ``a`` to ``b`` in whole percentage points: '+12', '−5', '0'; '-' if one is missing."""
    if a is None or b is None:
        return "-"
    d = int(Decimal(str(b)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
            - Decimal(str(a)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return f"+{d}" if d > 0 else (f"−{-d}" if d < 0 else "0")


@dataclass
class ItemStat:
    id: str
    title: str
    relevant: int = 0
    failed: int = 0
    advisory: bool = False

    @property
    def share(self) -> float | None:
        return share(self.failed, self.relevant)


@dataclass
class Period:
    """The figures of one run."""

    path: Path
    label: str
    first: date | None
    last: date | None
    cases: int
    verdicts: dict[Verdict, int]
    criticism: dict[Criticism, int]
    items: dict[str, ItemStat] = field(default_factory=dict)
    label_from: str = "afgørelsesdatoer"  # or "stikprøvens periode"

    def verdict_share(self, v: Verdict) -> float | None:
        return share(self.verdicts.get(v, 0), self.cases)

    def criticism_share(self, c: Criticism) -> float | None:
        return share(self.criticism.get(c, 0), self.cases)

    def top_defects(self, k: int = TOP_DEFECTS) -> list[ItemStat]:
        binding = [s for s in self.items.values() if s.failed and not s.advisory]
        return sorted(binding, key=lambda s: (-s.failed, s.title))[:k]

    def to_dict(self) -> dict:
        return {
            "periode": self.label, "periode_ud_fra": self.label_from, "mappe": str(self.path),
            "fra": self.first.isoformat() if self.first else None,
            "til": self.last.isoformat() if self.last else None,
            "sager": self.cases,
            "samlet": {v.value: {"antal": self.verdicts.get(v, 0), "andel": _r(self.verdict_share(v))}
                       for v in VERDICT_ORDER},
            "kritik": {c.value: {"antal": self.criticism.get(c, 0), "andel": _r(self.criticism_share(c))}
                       for c in CRITICISM_ORDER},
            "punkter": {s.id: {"titel": s.title, "relevant": s.relevant, "fejl": s.failed,
                               "andel": _r(s.share), "vejledende": s.advisory} for s in self.items.values()},
            "hyppigste_mangler": [s.id for s in self.top_defects()],
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _iso(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def read_run_info(folder: Path) -> dict:
    """The run's ``koersel.json`` (an empty dict when absent or unreadable: the dates are used instead)."""
    try:
        data = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def sample_window(run_info: dict) -> tuple[date | None, date | None]:
    sample = run_info.get("stikproeve")
    log = sample.get("log") if isinstance(sample, dict) else None
    window = log.get("vindue") if isinstance(log, dict) else None
    if not isinstance(window, dict):
        return None, None
    return _iso(window.get("fra")), _iso(window.get("til"))


def quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def period_label(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "ukendt periode"
    if first.year == last.year and quarter(first) == quarter(last):
        return f"{quarter(first)}. kvartal {first.year}"
    return f"{format_da(first)} – {format_da(last)}"


def summarise(path: Path, results: list[CaseResult], run_info: dict | None = None) -> Period:
    from audit.reporting.labels import item_label

    run_info = run_info or {}
    first, last = sample_window(run_info)
    label_from = "stikprøvens periode"
    if first is None or last is None:
        dates = sorted(d for d in (_iso(r.decision_date) for r in results) if d)
        first, last = (dates[0], dates[-1]) if dates else (None, None)
        label_from = "afgørelsesdatoer"
    verdicts = {v: 0 for v in VERDICT_ORDER}
    criticism = {c: 0 for c in CRITICISM_ORDER}
    items: dict[str, ItemStat] = {}
    for r in results:
        verdicts[r.verdict] = verdicts.get(r.verdict, 0) + 1
        if r.verdict is Verdict.UPHELD and r.criticism in criticism:
            criticism[r.criticism] += 1
        for p in r.items:
            stat = items.setdefault(p.id, ItemStat(id=p.id, title=item_label(p.id, p.short), advisory=p.advisory))
            if p.answer.value != "ikke_relevant":
                stat.relevant += 1
                if p.failed:
                    stat.failed += 1
    return Period(path=path, label=period_label(first, last), first=first, last=last, cases=len(results),
                  verdicts=verdicts, criticism=criticism, items=items, label_from=label_from)


def distinct_labels(periods: list[Period]) -> None:
    """Two periods with the same name get their folder's name added (in place)."""
    seen: dict[str, int] = {}
    for p in periods:
        seen[p.label] = seen.get(p.label, 0) + 1
    for p in periods:
        if seen[p.label] > 1:
            p.label = f"{p.label} ({p.path.name})"


def item_order(periods: list[Period]) -> list[str]:
    """Every item of any period: most failures in the latest period first, then in the ones before."""
    ids = {i for p in periods for i in p.items}

    def key(item_id: str):
        counts = tuple(-(p.items[item_id].failed if item_id in p.items else 0) for p in reversed(periods))
        return (*counts, _title(periods, item_id))

    return sorted(ids, key=key)


def _title(periods: list[Period], item_id: str) -> str:
    for p in periods:
        if item_id in p.items:
            return p.items[item_id].title
    return item_id


@dataclass
class Development:
    """Several periods in order (the order the runs were given)."""

    periods: list[Period]

    def rows(self) -> list[dict]:
        """The development table: one row per figure, one cell per period (count, share)."""
        ps = self.periods
        rows: list[dict] = [{"navn": "Sager", "gruppe": "sager", "celler": [(p.cases, None) for p in ps]}]
        for v in VERDICT_ORDER:
            if v is Verdict.OUTSIDE and not any(p.verdicts.get(v) for p in ps):
                continue
            rows.append({"navn": v.label, "gruppe": "samlet",
                         "celler": [(p.verdicts.get(v, 0), p.verdict_share(v)) for p in ps]})
        for c in CRITICISM_ORDER:
            rows.append({"navn": f"I overensstemmelse, med {c.label.lower()}", "gruppe": "kritik",
                         "celler": [(p.criticism.get(c, 0), p.criticism_share(c)) for p in ps]})
        for item_id in item_order(ps):
            cells = [(p.items[item_id].failed, p.items[item_id].share) if item_id in p.items else (None, None)
                     for p in ps]
            rows.append({"navn": _title(ps, item_id), "gruppe": "punkt", "id": item_id, "celler": cells})
        return rows

    def to_dict(self) -> dict:
        return {"perioder": [p.to_dict() for p in self.periods]}

    def chart(self, width: int = 640, height: int = 300) -> dict:
        """Coordinates of an SVG line chart: the share in accordance and the shares failing the three most
        frequent defects of the latest period, per period (0-100 % on the y axis)."""
        ps = self.periods
        left, right, top, bottom = 80, 80, 16, 48
        inner_w, inner_h = width - left - right, height - top - bottom
        step = inner_w / max(len(ps) - 1, 1)
        xs = [left + i * step if len(ps) > 1 else left + inner_w / 2 for i in range(len(ps))]

        def y(v: float) -> float:
            return top + inner_h * (1 - v / 100.0)

        series = [("I overensstemmelse", [p.verdict_share(Verdict.UPHELD) for p in ps])]
        for s in ps[-1].top_defects(3):
            series.append((f"Fejl: {s.title}", [p.items[s.id].share if s.id in p.items else None for p in ps]))
        colours = ["#2b5d7d", "#b5562c", "#6a8f3a", "#8a5a9e"]
        lines = []
        for n, (name, values) in enumerate(series):
            pts = [(round(xs[i], 1), round(y(v), 1), v) for i, v in enumerate(values) if v is not None]
            lines.append({"navn": name, "farve": colours[n % len(colours)],
                          "punkter": pts, "sti": " ".join(f"{px},{py}" for px, py, _ in pts)})
        ticks = [{"y": round(y(t), 1), "tekst": f"{t} %"} for t in (0, 25, 50, 75, 100)]
        xlabels = [{"x": round(x, 1), "tekst": p.label} for x, p in zip(xs, ps, strict=True)]
        return {"bredde": width, "hoejde": height, "venstre": left, "hoejre": width - right,
                "top": top, "bund": top + inner_h, "linjer": lines, "yakse": ticks, "xakse": xlabels}


def load_period(location: str | Path) -> Period:
    """One run folder (or its ``resultater.jsonl``) as a period. Raises ``CompareError``."""
    from audit.tilsyn.compare import load_run

    run = load_run(location)
    folder = run.path.parent
    return summarise(folder, list(run.results.values()), read_run_info(folder))


def development(locations: list[str | Path]) -> Development:
    periods = [load_period(x) for x in locations]
    distinct_labels(periods)
    return Development(periods)


def render_html(dev: Development) -> str:
    from audit.reporting.html import environment

    template = environment().get_template("udvikling.html.j2")
    return template.render(dev=dev, rows=dev.rows(), chart=dev.chart(), pct=pct, points=points,
                           top=[(p, p.top_defects()) for p in dev.periods])
