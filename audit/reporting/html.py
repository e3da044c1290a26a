"""HTML rendering of the reports: a jinja2 environment over ``reports/`` (autoescape on, Danish filters)
and static SVG charts. The output is one self-contained file: the CSS is inlined, there are no scripts,
images or links to the network.

Safety: autoescape is on for every template, and ``finalize`` passes every printed string through
``mask_cpr``; the charts escape their labels themselves. The model handed in is already CPR-masked by
``reporting`` (belt and braces).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from audit.contract import ASSESSED_VERDICTS, Answer, Consequence, Criticism, Source, Verdict
from audit.privacy import mask_cpr
from audit.resources import reports_dir

from .common import AKTIVITETSPARAT, JOBPARAT, NO_ANSWER, TOTAL, UOPLYST, UOPLYST_COLUMN, enum_label
from .facts import ItemStat
from .phrases import item_title
from .words import dato, tal

TEMPLATE = "rapport.html.j2"
STYLESHEET = "rapport.css"

VERDICT_COLOURS = {Verdict.UPHELD: "#9fb4c2", Verdict.CHANGED: "#46545f", Verdict.REMANDED: "#c9b98f"}
GROUP_LABELS = {JOBPARAT: "Jobparat", AKTIVITETSPARAT: "Aktivitetsparat", UOPLYST: UOPLYST_COLUMN, "total": TOTAL}


def _finalize(value):
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return mask_cpr(value)
    if value is None:
        return ""
    return value


def _date_filter(value) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return dato(value)


def _short_label(label: str) -> str:
    """'Jobparat, der modtager kontanthjælp, § 6, nr. 2' -> 'Jobparat' (national reference columns)."""
    head = label.split(",")[0].strip()
    return head.replace("Antal ", "").capitalize() if head.startswith("Antal ") else head


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(reports_dir())),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update({
        "dato": _date_filter,
        "tal": tal,
        "svar": lambda v: enum_label(Answer, v, NO_ANSWER),
        "virkning": lambda v: enum_label(Consequence, v),
        "kilde": lambda v: enum_label(Source, v),
        "kritik": lambda v: enum_label(Criticism, v, "Ikke oplyst"),
        "maske": lambda v: mask_cpr("" if v is None else str(v)),
        "kort_kolonne": _short_label,
        "upper_da": lambda v: str(v).upper(),
    })
    env.globals.update({
        "verdict_short": {v.value: v.label for v in Verdict},
        "verdict_long": {v.value: v.answer_4_5_1 for v in Verdict},
    })
    return env


def stylesheet() -> str:
    return (reports_dir() / STYLESHEET).read_text(encoding="utf-8")


PARTS = ("rapport", "bilag")


def render_report(model: dict, part: str = "rapport") -> str:
    """The HTML text of one report (a municipality or 'samlet'): ``part`` 'rapport' is the main report
    (forside, contents, Kapitel 1-5, Bilag 1), 'bilag' the bilagsrapport (the analyseskema for each case)."""
    if part not in PARTS:
        raise ValueError(f"ukendt rapportdel: {part}")
    template = environment().get_template(TEMPLATE)
    html = template.render(m=model, css=Markup(stylesheet()), part=part)
    return mask_cpr(html) if _has_cpr(html) else html


def _has_cpr(text: str) -> bool:
    from audit.privacy import contains_cpr

    return contains_cpr(text)


# --- charts ------------------------------------------------------------------------------------------

def _svg_text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{c}>{escape(mask_cpr(text))}</text>'


def verdict_chart(counts: dict[str, dict[str, int]]) -> Markup:
    """Grouped bars: per målgruppe (and in total) the number of cases per verdict."""
    groups = [g for g in (JOBPARAT, AKTIVITETSPARAT, UOPLYST)
              if sum(counts.get(g, {}).get(v, 0) for v in ASSESSED_VERDICTS)]
    groups.append("total")
    top = max([counts[g][v] for g in groups for v in ASSESSED_VERDICTS] + [1])
    width, height, left, bottom, top_pad = 660, 210, 40, 36, 34
    plot_h = height - bottom - top_pad
    group_w = (width - left - 10) / len(groups)
    bar_w = min(44.0, group_w / 4.2)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-labelledby="fig-afg-title" xmlns="http://www.w3.org/2000/svg">',
             '<title id="fig-afg-title">Sagernes samlede vurdering fordelt på målgruppe</title>']
    # legend
    lx = left
    for v in ASSESSED_VERDICTS:
        parts.append(f'<rect x="{lx}" y="8" width="12" height="12" fill="{VERDICT_COLOURS[v]}"/>')
        parts.append(_svg_text(lx + 17, 18.5, v.label, cls="legend"))
        lx += 170
    # axis and grid
    step = max(1, round(top / 4))
    tick = 0
    while tick <= top:
        y = top_pad + plot_h - plot_h * tick / top
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(_svg_text(left - 6, y + 4, str(tick), anchor="end", cls="axis"))
        tick += step
    for gi, g in enumerate(groups):
        gx = left + gi * group_w + (group_w - 3 * bar_w - 8) / 2
        for vi, v in enumerate(ASSESSED_VERDICTS):
            n = counts[g][v]
            h = plot_h * n / top
            x = gx + vi * (bar_w + 4)
            y = top_pad + plot_h - h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{VERDICT_COLOURS[v]}"><title>{escape(GROUP_LABELS[g])}: '
                         f'{escape(v.label)} {n}</title></rect>')
            parts.append(_svg_text(x + bar_w / 2, y - 4, str(n), anchor="middle", cls="value"))
        parts.append(_svg_text(left + gi * group_w + group_w / 2, height - bottom + 18, GROUP_LABELS[g],
                               anchor="middle", cls="group"))
    parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{top_pad + plot_h}" y2="{top_pad + plot_h}" '
                 'class="baseline"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def item_chart(stats: Sequence[ItemStat]) -> Markup:
    """Horizontal bars: per checklist item the share of cases where it failed, with the national share as a
    marker. Counts are written beside each bar ('3 af 8'); no percentages."""
    rows = [s for s in stats if s.applicable]
    label_w, bar_w, right_w, row_h, top_pad = 300, 220, 200, 20, 30
    width = label_w + bar_w + right_w
    height = top_pad + row_h * max(1, len(rows)) + 14
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-labelledby="fig-punkt-title" xmlns="http://www.w3.org/2000/svg">',
             '<title id="fig-punkt-title">Punkter, der ikke er opfyldt, i forhold til landsplan 2022</title>',
             f'<rect x="{label_w}" y="8" width="12" height="12" fill="#46545f"/>',
             _svg_text(label_w + 17, 18.5, "Kommunens sager", cls="legend"),
             f'<line x1="{label_w + 150}" x2="{label_w + 150}" y1="6" y2="22" class="marker"/>',
             _svg_text(label_w + 157, 18.5, "Landsplan 2022, mangler (Ankestyrelsen)", cls="legend")]
    for i, s in enumerate(rows):
        y = top_pad + i * row_h
        label = item_title(s.id, s.short)
        parts.append(_svg_text(label_w - 8, y + 15, label, anchor="end", cls="label"))
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 8}" class="track"/>')
        w = bar_w * s.failed / s.applicable
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="#46545f">'
                     f'<title>{escape(label)}: {s.failed} af {s.applicable}</title></rect>')
        right = f"{s.failed} af {s.applicable}"
        if s.national is not None:
            nx = label_w + bar_w * s.national.count / s.national.base
            parts.append(f'<line x1="{nx:.1f}" x2="{nx:.1f}" y1="{y + 1}" y2="{y + row_h - 1}" class="marker">'
                         f'<title>Landsplan 2022, mangler: {escape(s.national.text)}</title></line>')
            right += f"  (landsplan {s.national.text})"
        parts.append(_svg_text(label_w + bar_w + 8, y + 15, right, cls="value"))
    parts.append("</svg>")
    return Markup("".join(parts))


def today() -> date:
    return date.today()
