"""The timeline of one case: an SVG drawn from its ``CaseResult`` (issue 15, Deliver 1).

What it shows, top to bottom: the chain the engine used (S1, B1, B2, D and the decision's virkning_fra, as
labelled markers with their dates, and a guide line down at each date); the målgruppe as a band from each
visitation; one lane per kind of event (§ 35, stk. 1 guidance, jobsamtaler, breaches with or without a
reasonable cause, sanctions with the § 35, stk. 2 guidance they carried, hearings, contact attempts,
investigations, § 13, stk. 8 assessments); one row per failed item (nej or ved ikke) drawn where its dates
are (a span between its first and last date, a marker for a single date, a misplaced breach as a marked
breach with an arrow to what it should have come after), labelled with the item's Danish title; the time
axis; and a legend in Danish.

Print: the drawing is 660 units wide and at most 100 % of its box, so it fits A4 (170 mm between the
margins; 160 mm in an EKSEMPEL box); the smallest text is 12.5 units, which is 8.5 pt at 170 mm and 8.1 pt
at 160 mm. Every kind of mark differs by shape, fill pattern or dash as well as by colour (greyscale-safe).
At many events nothing is written beside an event (its lane names it; its date is in a tooltip): the only
text is lane names, chain markers (stacked in rows when close), axis labels (thinned to fit), one row per
failed item and the legend, so labels do not overlap at 80 events or more.

No JavaScript, no external resources; every text is XML-escaped and CPR-masked (``safe_text``). The
result is a plain string of SVG; the HTML renderers wrap it in ``Markup``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from audit.contract import Answer, CaseResult, ItemResult, TimelineEvent
from audit.privacy import safe_text

from .labels import code_label
from .phrases import item_title

WIDTH = 660.0
GUTTER = 150.0          # the lane names
X0 = GUTTER + 14.0      # the first day drawn
X1 = WIDTH - 16.0       # the last day drawn
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
FS = 12.5               # the smallest text (>= 8 pt when printed 160 mm wide)
FS_LANE = 13.0
LANE_H = 30.0
ITEM_H = 24.0
CHAR_W = 0.58           # average glyph width in em (generous for Arial/Liberation Sans), for layout only
CHAR_W_BOLD = 0.64

INK = "#1d2a33"
MUTED = "#5d6870"
RED = "#b3261e"
AMBER = "#8a5a00"

MONTHS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")

# The chain as the engine used it: (marker, contract attribute, Danish meaning for the legend and tooltip)
CHAIN = (
    ("S1", "prior_sanction", "forudgående sanktion"),
    ("B1", "prior_breach", "tidligere tilsidesættelse (den S1 vedrører)"),
    ("B2", "new_breach", "ny tilsidesættelse"),
    ("D", "decision", "afgørelsen om skærpet rådighedssanktion"),
)

# The lanes: (key, name in the gutter (one or two lines), event types drawn in it)
LANES = (
    ("vejledning", ("Vejledning", "§ 35, stk. 1"), ("vejledning",)),
    ("jobsamtale", ("Jobsamtaler",), ("jobsamtale",)),
    ("brud", ("Tilsidesættelser",), ("tilsidesættelse",)),
    ("sanktion", ("Sanktioner og", "vejl. § 35, stk. 2"), ("sanktion", "vejledning_skærpet")),
    ("hoering", ("Partshøringer",), ("partshøring",)),
    ("kontakt", ("Kontaktforsøg",), ("kontaktforsøg",)),
    ("oplysning", ("Sagsoplysning",), ("sagsoplysning",)),
    ("v138", ("Vurdering", "§ 13, stk. 8"), ("vurdering_13_8",)),
)
LANE_OF = {t: key for key, _, types in LANES for t in types}

# The ways of failing that mean a breach lies where it may not (the misplaced-breach marker): the item's
# ways -> which breach of the chain is misplaced.
MISPLACED = {
    "foer_sanktion": "new_breach", "foer_vejledning": "new_breach",
    "tilsidesaettelse_efter_sanktion": "prior_breach", "tilsidesaettelse_samme_dag_som_sanktion": "prior_breach",
}

LEGEND = {
    "jobparat": "Målgruppe jobparat (skraveret)",
    "aktivitetsparat": "Målgruppe aktivitetsparat (prikket)",
    "visitation": "Visitation (flag i båndet)",
    "vejledning": "Vejledning efter § 35, stk. 1",
    "jobsamtale": "Jobsamtale",
    "brud_nej": "Tilsidesættelse uden rimelig grund",
    "brud_ja": "Tilsidesættelse med rimelig grund",
    "brud_ukendt": "Tilsidesættelse, rimelig grund ikke oplyst",
    "sanktion": "Sanktion efter §§ 36-40",
    "skaerpet": "Vejledning efter § 35, stk. 2 (skriftlig)",
    "skaerpet_mundtlig": "Vejledning efter § 35, stk. 2, ikke skriftlig",
    "hoering": "Partshøring",
    "kontakt_ja": "Kontaktforsøg, kontakt opnået",
    "kontakt_nej": "Kontaktforsøg, ikke opnået",
    "oplysning": "Sagsoplysning",
    "v138": "Vurdering efter § 13, stk. 8",
    "afgoerelse": "Afgørelsen (D)",
    "virkning": "Afgørelsen har virkning fra",
    "fejl_span": "Nej: mellem punktets datoer",
    "fejl_punkt": "Nej: på punktets dato",
    "usikker_span": "Ved ikke: mellem punktets datoer",
    "usikker_punkt": "Ved ikke: på punktets dato",
    "fejlplaceret": "Tilsidesættelse forkert placeret (pil: det, den skulle komme efter)",
}


def _t(text: object) -> str:
    """Text content: CPR-masked and XML-escaped."""
    return escape(safe_text(text))


def _a(text: object) -> str:
    """An attribute value with its quotes: CPR-masked and XML-escaped."""
    return quoteattr(safe_text(text))


def _d(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _fmt(d: date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def text_width(text: str, size: float = FS, bold: bool = False) -> float:
    """The width the layout reserves for ``text`` (an upper estimate for Arial/Liberation Sans)."""
    return len(text) * size * (CHAR_W_BOLD if bold else CHAR_W)


@dataclass
class _Scale:
    lo: date
    hi: date

    def x(self, d: date) -> float:
        span = (self.hi - self.lo).days or 1
        return X0 + (d - self.lo).days / span * (X1 - X0)


@dataclass
class _Label:
    """A placed text, kept for the overlap check."""

    x: float
    y: float
    w: float
    h: float


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.labels: list[_Label] = []

    def add(self, svg: str) -> None:
        self.parts.append(svg)

    def text(self, x: float, y: float, text: str, *, size: float = FS, anchor: str = "start", bold: bool = False,
             fill: str = INK, cls: str = "", halo: bool = False, extra: str = "") -> None:
        w = text_width(text, size, bold)
        left = x - (w if anchor == "end" else w / 2 if anchor == "middle" else 0)
        self.labels.append(_Label(left, y - size * 0.8, w, size))
        attrs = [f'x="{x:.1f}"', f'y="{y:.1f}"', f'font-size="{size}"']
        if anchor != "start":
            attrs.append(f'text-anchor="{anchor}"')
        if bold:
            attrs.append('font-weight="bold"')
        if fill != INK:
            attrs.append(f'fill="{fill}"')
        if cls:
            attrs.append(f'class="{cls}"')
        if halo:
            attrs.append('stroke="#fff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"')
        self.add(f"<text {' '.join(attrs)}{extra}>{_t(text)}</text>")


# --- the marks -----------------------------------------------------------------------------------------

def _shape(kind: str, x: float, y: float, uid: str) -> str:
    """One event mark (also used in the legend). Shapes differ, not only colours."""
    if kind == "vejledning":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#fff" stroke="{INK}" stroke-width="1.8"/>'
    if kind == "jobsamtale":
        return f'<rect x="{x - 1.5:.1f}" y="{y - 6:.1f}" width="3" height="12" fill="{MUTED}"/>'
    if kind.startswith("brud"):
        pts = f"{x:.1f},{y - 7:.1f} {x + 6.5:.1f},{y + 5:.1f} {x - 6.5:.1f},{y + 5:.1f}"
        if kind == "brud_nej":
            return f'<polygon points="{pts}" fill="{INK}" stroke="{INK}" stroke-width="1.2"/>'
        if kind == "brud_ja":
            return f'<polygon points="{pts}" fill="#fff" stroke="{INK}" stroke-width="1.6"/>'
        return f'<polygon points="{pts}" fill="#fff" stroke="{INK}" stroke-width="1.4" stroke-dasharray="2.5 2"/>'
    if kind == "sanktion":
        return f'<rect x="{x - 5.5:.1f}" y="{y - 5.5:.1f}" width="11" height="11" fill="{INK}"/>'
    if kind in ("skaerpet", "skaerpet_mundtlig"):
        pts = f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"
        dash = ' stroke-dasharray="2.5 2"' if kind == "skaerpet_mundtlig" else ""
        return f'<polygon points="{pts}" fill="url(#{uid}-prik)" stroke="{INK}" stroke-width="1.8"{dash}/>'
    if kind == "hoering":
        return (f'<rect x="{x - 6:.1f}" y="{y - 4.5:.1f}" width="12" height="9" rx="3" fill="#fff" '
                f'stroke="{INK}" stroke-width="1.6"/><line x1="{x - 3:.1f}" x2="{x + 3:.1f}" y1="{y:.1f}" '
                f'y2="{y:.1f}" stroke="{INK}" stroke-width="1.2"/>')
    if kind in ("kontakt_ja", "kontakt_nej"):
        fill = INK if kind == "kontakt_ja" else "#fff"
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="{INK}" stroke-width="1.5"/>'
    if kind == "oplysning":
        return (f'<path d="M{x - 5:.1f},{y:.1f}h10M{x:.1f},{y - 5:.1f}v10" stroke="{INK}" stroke-width="2.2" '
                'fill="none"/>')
    if kind == "v138":
        pts = f"{x - 6.5:.1f},{y - 5:.1f} {x + 6.5:.1f},{y - 5:.1f} {x:.1f},{y + 7:.1f}"
        return f'<polygon points="{pts}" fill="url(#{uid}-skra)" stroke="{INK}" stroke-width="1.5"/>'
    raise ValueError(kind)


def _event_kind(e: TimelineEvent) -> str:
    t = e.type
    if t == "tilsidesættelse":
        return {"nej": "brud_nej", "ja": "brud_ja"}.get(e.reasonable_cause or "", "brud_ukendt")
    if t == "sanktion":
        return "sanktion"
    if t == "vejledning_skærpet":
        return "skaerpet" if e.written is not False else "skaerpet_mundtlig"
    if t == "kontaktforsøg":
        return "kontakt_ja" if e.reached else "kontakt_nej"
    return {"vejledning": "vejledning", "jobsamtale": "jobsamtale", "partshøring": "hoering",
            "sagsoplysning": "oplysning", "vurdering_13_8": "v138"}[t]


def _event_title(e: TimelineEvent, d: date) -> str:
    """The tooltip of an event mark: what and when, in words (codes through the labels)."""
    what = {
        "visitation": "Visitation", "jobsamtale": "Jobsamtale", "vejledning": "Vejledning efter § 35, stk. 1",
        "sanktion": "Sanktion", "vejledning_skærpet": "Vejledning om skærpet rådighedssanktion",
        "tilsidesættelse": "Tilsidesættelse", "partshøring": "Partshøring", "kontaktforsøg": "Kontaktforsøg",
        "sagsoplysning": "Sagsoplysning", "vurdering_13_8": "Vurdering efter § 13, stk. 8",
    }.get(e.type, "Hændelse")
    bits = [f"{what} {_fmt(d)}"]
    if e.type == "visitation" and e.target_group:
        bits.append(code_label(e.target_group))
    if e.type == "sanktion" and e.paragraph:
        bits.append(f"efter {e.paragraph}")
    if e.type == "tilsidesættelse":
        bits.append({"nej": "uden rimelig grund", "ja": "med rimelig grund"}.get(e.reasonable_cause or "",
                                                                               "rimelig grund ikke oplyst"))
    if e.type == "kontaktforsøg":
        if e.channel:
            bits.append(code_label(e.channel))
        bits.append("kontakt opnået" if e.reached else "ikke opnået")
    if e.type == "vejledning_skærpet" and e.written is False:
        bits.append("ikke skriftlig")
    concerns = _d(e.concerns)
    if concerns is not None:
        bits.append(f"vedrører tilsidesættelsen {_fmt(concerns)}")
    return ", ".join(bits)


# --- layout --------------------------------------------------------------------------------------------

def _stack(spans: list[tuple[float, float]], gap: float = 4.0) -> list[int]:
    """Greedy rows for horizontal spans (left, right), in the given order: the first row where it fits."""
    ends: list[float] = []
    rows = []
    for left, right in spans:
        for i, end in enumerate(ends):
            if left >= end + gap:
                ends[i] = right
                rows.append(i)
                break
        else:
            ends.append(right)
            rows.append(len(ends) - 1)
    return rows


def _ticks(scale: _Scale) -> list[tuple[date, str, bool]]:
    """Axis ticks (date, label, is a year tick); labels thinned to at least 46 units apart."""
    days = (scale.hi - scale.lo).days or 1
    unit = (X1 - X0) / days  # units per day
    out: list[tuple[date, str, bool]] = []
    if days <= 75:
        step = next(s for s in (7, 14, 28) if s * unit >= 46 or s == 28)
        d = scale.lo + timedelta(days=(7 - scale.lo.weekday()) % 7)  # Mondays
        while d <= scale.hi:
            out.append((d, f"{d.day}.{d.month}.", False))
            if date.max - d < timedelta(days=step):
                break
            d += timedelta(days=step)
        return out
    steps = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)  # months; decades and more for odd dates
    step = next(s for s in steps if s * 30.4 * unit >= 46 or s == steps[-1])
    y, m = scale.lo.year, scale.lo.month
    d = date(y, m, 1)
    if d < scale.lo:
        m += 1
        y, m = (y + 1, 1) if m > 12 else (y, m)
    while True:
        d = date(y, m, 1)
        if d > scale.hi:
            break
        if (m - 1) % step == 0 or (step > 12 and m == 1):
            label = str(y) if step >= 12 or m == 1 else MONTHS[m - 1]
            if step < 12 or y % (step // 12) == 0:
                out.append((d, label, m == 1))
        m += 1
        if m > 12:
            y, m = y + 1, 1
            if y > date.max.year:
                break
    return out


def _failed_items(result: CaseResult) -> list[ItemResult]:
    return [p for p in result.items if p.failed]


def _uid(result: CaseResult, suffix: str) -> str:
    digest = hashlib.sha1(f"{result.municipality}\x1f{result.case_number}\x1f{result.decision_date}".encode(
        "utf-8", "replace")).hexdigest()[:10]
    return f"tl{digest}{suffix}"


def timeline_svg(result: CaseResult, shorts: dict[str, str] | None = None, *, uid: str = "",
                 example: bool = False) -> str:
    """The case's timeline as SVG text (see the module docstring). ``shorts`` gives the items' short titles
    by id (as the report has them); ``uid`` is appended to the ids of the drawing's patterns, so that two
    drawings of the same case in one HTML page have distinct ids. ``example``: for an EKSEMPEL box, which
    is anonymous like Ankestyrelsen's (no case number) and short in print (no legend: the bilagsrapport
    gives it beside the same case's timeline)."""
    shorts = shorts or {}
    uid = _uid(result, uid)
    events = [(d, e) for e in result.events if (d := _d(e.date)) is not None and e.type in (*LANE_OF, "visitation")]
    events.sort(key=lambda p: p[0])
    chain = result.chain
    decision = _d(result.decision_date)
    effective = _d(result.effective_from)
    chain_dates = [(mark, d, meaning) for mark, attr, meaning in CHAIN
                   if chain is not None and (d := _d(getattr(chain, attr))) is not None]
    if not any(m == "D" for m, _, _ in chain_dates) and decision is not None:
        chain_dates.append(("D", decision, CHAIN[3][2]))
    failed = _failed_items(result)
    item_dates = {p.id: sorted({d for x in p.dates if (d := _d(x)) is not None}) for p in failed}

    all_dates = [d for d, _ in events] + [d for _, d, _ in chain_dates] + [d for ds in item_dates.values() for d in ds]
    if effective is not None:
        all_dates.append(effective)
    if not all_dates:
        all_dates = [date.today()]
    lo, hi = min(all_dates), max(all_dates)
    pad = timedelta(days=max(4, (hi - lo).days // 40))
    # (a date at the calendar's ends, 0001 or 9999, in a hand-made results file: no padding past them)
    scale = _Scale(lo - pad if lo - date.min > pad else date.min, hi + pad if date.max - hi > pad else date.max)
    x = scale.x

    c = _Canvas()
    used: set[str] = set()
    y = 8.0

    # 1. the chain markers, stacked in rows where they would touch
    marks = [(m, d, meaning, True) for m, d, meaning in chain_dates]
    if effective is not None:
        marks.append(("Virkning", effective, "afgørelsen har virkning fra", False))
    marks.sort(key=lambda t: (t[1], t[0]))
    boxes = []  # (left, right) of badge and date; the date goes left of the badge where it would run off
    for m, d, _, _ in marks:
        bw = text_width(m, FS, True) + 10
        left, dw = min(x(d) - bw / 2, WIDTH - 2 - bw), text_width(_fmt(d), FS)
        right = left + bw + 4 + dw
        boxes.append((left, right) if right <= WIDTH - 2 else (left - 4 - dw, left + bw))
    rows = _stack(boxes)
    n_rows = max(rows, default=-1) + 1
    chain_top = y
    row_h = 20.0
    lanes_top = chain_top + n_rows * row_h + 8
    chain_svg: list[tuple[float, str, int]] = []
    chain_start = len(c.parts)
    for (m, d, meaning, filled), row in zip(marks, rows, strict=True):
        by = chain_top + row * row_h
        bw = text_width(m, FS, True) + 10
        left = min(x(d) - bw / 2, WIDTH - 2 - bw)
        chain_svg.append((x(d), m, row))
        c.add(f'<g class="kaede" data-led={_a(m)} data-dato="{d.isoformat()}"><title>{_t(m)}: {_t(meaning)}, '
              f'{_fmt(d)}</title>')
        c.add(f'<rect x="{left:.1f}" y="{by:.1f}" width="{bw:.1f}" height="16" rx="3" '
              + (f'fill="{INK}"/>' if filled else f'fill="#fff" stroke="{INK}" stroke-width="1.4"/>'))
        c.labels.append(_Label(left, by, bw, 16))
        c.add(f'<text x="{left + bw / 2:.1f}" y="{by + 12.2:.1f}" font-size="{FS}" text-anchor="middle" '
              'font-weight="bold" '
              f'fill="{"#fff" if filled else INK}">{_t(m)}</text>')
        if left + bw + 4 + text_width(_fmt(d), FS) <= WIDTH - 2:
            c.text(left + bw + 4, by + 12.2, _fmt(d), halo=True)
        else:
            c.text(left - 4, by + 12.2, _fmt(d), anchor="end", halo=True)
        c.add("</g>")
    chain_parts = c.parts[chain_start:]  # drawn after the guide lines, so that the lines pass behind them
    del c.parts[chain_start:]

    # 2. the målgruppe band
    y = lanes_top
    visitations = [(d, e) for d, e in events if e.type == "visitation"]
    lane_rows: list[tuple[str, tuple[str, ...], list[tuple[date, TimelineEvent]]]] = []
    if visitations:
        lane_rows.append(("maalgruppe", ("Målgruppe",), visitations))
    for key, name, types in LANES:
        mine = [(d, e) for d, e in events if e.type in types]
        if mine:
            lane_rows.append((key, name, mine))
    lanes_h = LANE_H * max(1, len(lane_rows))
    for i, (key, name, mine) in enumerate(lane_rows):
        ly = y + i * LANE_H
        cy = ly + LANE_H / 2
        if i % 2 == 0:
            c.add(f'<rect x="0" y="{ly:.1f}" width="{WIDTH:.0f}" height="{LANE_H:.0f}" fill="#f3f5f6"/>')
        if len(name) == 1:
            c.text(GUTTER, cy + 4.5, name[0], size=FS_LANE, anchor="end")
        else:
            c.text(GUTTER, cy - 2, name[0], size=FS_LANE, anchor="end")
            c.text(GUTTER, cy + 11.5, name[1], size=FS_LANE, anchor="end")
        if key == "maalgruppe":
            _band(c, mine, scale, ly, uid, used)
            continue
        c.add(f'<g class="spor" data-spor="{key}">')
        placed: list[tuple[float, int]] = []
        for d, e in mine:
            ex = x(d)
            offset = 0
            for off in (0, -1, 1):
                if all(abs(px - ex) >= 13 or prow != off for px, prow in placed):
                    offset = off
                    break
            placed.append((ex, offset))
            kind = _event_kind(e)
            used.add(kind)
            c.add(f'<g class="haendelse" data-type={_a(e.type)} data-dato="{d.isoformat()}" data-x="{ex:.1f}">'
                  f'<title>{_t(_event_title(e, d))}</title>{_shape(kind, ex, cy + offset * 10, uid)}</g>')
        c.add("</g>")
    # B1 known only from its sanction: a ghost breach in the breach lane
    if chain is not None and (b1 := _d(chain.prior_breach)) is not None:
        if not any(e.type == "tilsidesættelse" and d == b1 for d, e in events):
            keys = [k for k, _, _ in lane_rows]
            if "brud" not in keys:
                lane_rows.append(("brud", ("Tilsidesættelser",), []))
                ly = y + (len(lane_rows) - 1) * LANE_H
                lanes_h = LANE_H * len(lane_rows)
                c.text(GUTTER, ly + LANE_H / 2 + 4.5, "Tilsidesættelser", size=FS_LANE, anchor="end")
            by = y + [k for k, _, _ in lane_rows].index("brud") * LANE_H + LANE_H / 2
            used.add("brud_ukendt")
            c.add(f'<g class="haendelse kendt-fra-sanktion" data-type="tilsidesættelse" data-dato="{b1.isoformat()}" '
                  f'data-x="{x(b1):.1f}"><title>Tilsidesættelse {_fmt(b1)}, kendt fra sanktionen (ikke registreret '
                  f'som hændelse)</title>{_shape("brud_ukendt", x(b1), by, uid)}</g>')

    lanes_bottom = y + lanes_h
    # the chain's guide lines, the decision and its virkning_fra, drawn over the lanes
    for cx, m, row in chain_svg:
        top = chain_top + row * row_h + 16
        if m == "D":
            used.add("afgoerelse")
            c.add(f'<line class="afgoerelse" x1="{cx:.1f}" x2="{cx:.1f}" y1="{top:.1f}" y2="{lanes_bottom:.1f}" '
                  f'stroke="{INK}" stroke-width="2.2"/>')
        elif m == "Virkning":
            used.add("virkning")
            c.add(f'<line class="virkning" x1="{cx:.1f}" x2="{cx:.1f}" y1="{top:.1f}" y2="{lanes_bottom:.1f}" '
                  f'stroke="{INK}" stroke-width="1.6" stroke-dasharray="6 3"/>')
        else:
            c.add(f'<line class="kaede-linje" data-led="{m}" x1="{cx:.1f}" x2="{cx:.1f}" y1="{top:.1f}" '
                  f'y2="{lanes_bottom:.1f}" stroke="{MUTED}" stroke-width="0.9" stroke-dasharray="1.5 2.5"/>')
    c.parts.extend(chain_parts)

    # 3. the failed items
    y = lanes_bottom + 10
    if failed:
        c.text(GUTTER, y + 13, "Mangler", size=FS_LANE, anchor="end", bold=True)
        c.text(X0, y + 13, "Punkter besvaret nej eller ved ikke, placeret ved punktets datoer", fill=MUTED)
        y += 22
    for p in failed:
        y = _failed_row(c, p, item_dates[p.id], result, scale, y, uid, used, shorts)

    # 4. the axis
    y += 6
    axis_y = y
    c.add(f'<line x1="{X0 - 6:.1f}" x2="{X1 + 6:.1f}" y1="{axis_y:.1f}" y2="{axis_y:.1f}" stroke="{INK}" '
          'stroke-width="1"/>')
    c.add('<g class="akse">')
    for d, label, year_tick in _ticks(scale):
        tx = x(d)
        c.add(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{axis_y:.1f}" y2="{axis_y + 5:.1f}" stroke="{INK}" '
              f'data-dato="{d.isoformat()}"/>')
        c.add(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{lanes_top:.1f}" y2="{axis_y:.1f}" stroke="#d5dbdf" '
              'stroke-width="0.6"/>')
        c.text(tx, axis_y + 18, label, anchor="middle", bold=year_tick)
    c.add("</g>")
    first_year = scale.lo.year if (scale.hi - scale.lo).days > 75 and (scale.hi - scale.lo).days < 700 else None
    y = axis_y + 24
    if first_year is not None and not any(t[2] for t in _ticks(scale)):
        c.text(X0, y + 12, str(first_year), bold=True)
        y += 14
    elif (scale.hi - scale.lo).days <= 75:
        c.text(X0, y + 12, f"{scale.lo.year}" if scale.lo.year == scale.hi.year else
               f"{scale.lo.year}-{scale.hi.year}", bold=True)
        y += 14

    # 5. the legend
    if not example:
        y = _legend(c, used, y + 8, uid, [m for m, _, _, _ in marks])
    height = y + 6

    case = "" if example else " " + safe_text(result.case_number or "")
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="tidslinje" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
            f'width="{WIDTH:.0f}" height="{height:.0f}" role="img" aria-labelledby="{uid}-titel" '
            f'font-family={_a(FONT)} fill="{INK}" data-fra="{scale.lo.isoformat()}" data-til="{scale.hi.isoformat()}" '
            f'data-x0="{X0:.1f}" data-x1="{X1:.1f}">'
            f'<title id="{uid}-titel">{_t(f"Tidslinje for sagen{case}: hændelser, kæden og mangler")}</title>'
            + _defs(uid))
    return head + "".join(c.parts) + "</svg>"


def _defs(uid: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{uid}-skra" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#dfe6ea"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6f7f8a" '
        'stroke-width="1.6"/></pattern>'
        f'<pattern id="{uid}-prik" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.1" fill="#46545f"/></pattern>'
        f'<pattern id="{uid}-aktiv" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#c3ccd2"/><circle cx="3" cy="3" r="1.4" fill="#38444d"/></pattern>'
        f'<pattern id="{uid}-fejl" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">'
        f'<rect width="7" height="7" fill="#f6d5d2"/><line x1="0" y1="0" x2="0" y2="7" stroke="{RED}" '
        'stroke-width="2.4"/></pattern>'
        f'<pattern id="{uid}-usikker" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#fbefd6"/><circle cx="3" cy="3" r="1.2" fill="{AMBER}"/></pattern>'
        f'<marker id="{uid}-pil" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="{RED}"/></marker>'
        "</defs>"
    )


def _band(c: _Canvas, visitations: list[tuple[date, TimelineEvent]], scale: _Scale, ly: float, uid: str,
          used: set[str]) -> None:
    top, h = ly + 7, LANE_H - 14
    c.add('<g class="maalgruppe">')
    for i, (d, e) in enumerate(visitations):
        end = visitations[i + 1][0] if i + 1 < len(visitations) else scale.hi
        x0, x1 = scale.x(d), scale.x(end)
        tg = e.target_group
        if tg in ("jobparat", "aktivitetsparat"):
            used.add(tg)
            fill = f"url(#{uid}-skra)" if tg == "jobparat" else f"url(#{uid}-aktiv)"
            c.add(f'<rect class="baand" data-maalgruppe="{tg}" data-dato="{d.isoformat()}" x="{x0:.1f}" y="{top:.1f}" '
                  f'width="{max(x1 - x0, 1):.1f}" height="{h:.1f}" fill="{fill}" stroke="{INK}" stroke-width="0.6">'
                  f'<title>{_t(code_label(tg).capitalize())} fra {_fmt(d)}</title></rect>')
            label = "Jobparat" if tg == "jobparat" else "Aktivitetsparat"
            if x1 - x0 > text_width(label, FS, True) + 10:
                c.text(x0 + 5, top + h / 2 + 4.5, label, bold=True, halo=True)
        used.add("visitation")
        c.add(f'<g class="haendelse" data-type="visitation" data-dato="{d.isoformat()}" data-x="{x0:.1f}">'
              f'<title>{_t(_event_title(e, d))}</title>{_visitation_mark(x0, ly + LANE_H / 2)}</g>')
    c.add("</g>")


def _failed_row(c: _Canvas, p: ItemResult, dates: list[date], result: CaseResult, scale: _Scale, y: float,
                uid: str, used: set[str], shorts: dict[str, str]) -> float:
    """One failed item's row: its mark where its dates are and its title beside it; returns the next y."""
    x = scale.x
    nej = p.answer is Answer.NEJ
    title = item_title(p.id, shorts.get(p.id) or p.short or p.question)
    word = "Nej" if nej else "Ved ikke"
    if p.consequence is not None:
        word += f" · {p.consequence.label.lower()}"
    cy = y + ITEM_H / 2
    when = f" ({', '.join(_fmt(d) for d in dates)})" if dates else ""
    c.add(f'<g class="mangel" data-punkt={_a(p.id)} data-svar="{p.answer.value}" '
          f'data-datoer={_a(" ".join(d.isoformat() for d in dates))}>'
          f'<title>{_t(title)}: {_t(p.answer.label.lower())}{_t(when)}</title>')
    c.text(GUTTER, cy + 4.5, word, anchor="end", fill=RED if nej else AMBER, bold=True)
    misplaced = next((MISPLACED[w] for w in p.ways if w in MISPLACED), None)
    breach = _d(getattr(result.chain, misplaced)) if misplaced and result.chain is not None else None
    stroke = RED if nej else AMBER
    if breach is not None and breach in dates and len(dates) >= 2:
        used.add("fejlplaceret")
        other = max(d for d in dates if d != breach) if any(d > breach for d in dates) else min(dates)
        bx, ox = x(breach), x(other)
        left, right = min(bx, ox), max(bx, ox)
        c.add(f'<line class="pil" x1="{bx:.1f}" y1="{cy:.1f}" x2="{ox:.1f}" y2="{cy:.1f}" stroke="{RED}" '
              f'stroke-width="2" stroke-dasharray="5 3" marker-end="url(#{uid}-pil)"/>')
        c.add(_misplaced(bx, cy))
        left, right = left - 9, right + 9
    elif len(dates) >= 2:
        used.add("fejl_span" if nej else "usikker_span")
        left, right = x(dates[0]), x(dates[-1])
        fill = f"url(#{uid}-fejl)" if nej else f"url(#{uid}-usikker)"
        dash = "" if nej else ' stroke-dasharray="4 2"'
        c.add(f'<rect class="spand" x="{left:.1f}" y="{cy - 6:.1f}" width="{max(right - left, 2):.1f}" height="12" '
              f'fill="{fill}" stroke="{stroke}" stroke-width="1.4"{dash}/>')
        for d in dates:
            c.add(f'<line x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{cy - 9:.1f}" y2="{cy + 9:.1f}" stroke="{stroke}" '
                  'stroke-width="1.6"/>')
    elif len(dates) == 1:
        used.add("fejl_punkt" if nej else "usikker_punkt")
        px = x(dates[0])
        c.add(_point(px, cy, nej))
        left, right = px - 8, px + 8
    else:
        c.text(X0, cy + 4.5, f"{title} (ingen dato i sagen)", fill=MUTED)
        c.add("</g>")
        return y + ITEM_H
    w = text_width(title)
    if right + 6 + w <= X1 + 12:
        c.text(right + 6, cy + 4.5, title)
        next_y = y + ITEM_H
    elif left - 6 - w >= X0 - 8:
        c.text(left - 6, cy + 4.5, title, anchor="end")
        next_y = y + ITEM_H
    else:
        c.text(max(X0, min(left, X1 - w)), cy + 21, title)
        next_y = y + ITEM_H + 15
    c.add("</g>")
    return next_y


def _visitation_mark(x: float, cy: float) -> str:
    """A bar with a flag (unlike the decision's plain line)."""
    return (f'<rect x="{x - 1.5:.1f}" y="{cy - 12:.1f}" width="3" height="24" fill="{INK}"/>'
            f'<polygon points="{x:.1f},{cy - 12:.1f} {x + 8:.1f},{cy - 9:.1f} {x:.1f},{cy - 6:.1f}" fill="{INK}"/>')


def _point(px: float, cy: float, nej: bool) -> str:
    if nej:
        return (f'<circle cx="{px:.1f}" cy="{cy:.1f}" r="7" fill="{RED}"/><path d="M{px - 3.5:.1f},{cy - 3.5:.1f}'
                f'l7,7M{px + 3.5:.1f},{cy - 3.5:.1f}l-7,7" stroke="#fff" stroke-width="2"/>')
    return (f'<circle cx="{px:.1f}" cy="{cy:.1f}" r="7" fill="#fff" stroke="{AMBER}" stroke-width="1.6" '
            f'stroke-dasharray="3 2"/><text x="{px:.1f}" y="{cy + 4:.1f}" font-size="{FS - 1}" text-anchor="middle" '
            f'font-weight="bold" fill="{AMBER}">?</text>')


def _misplaced(bx: float, cy: float) -> str:
    pts = f"{bx:.1f},{cy - 8:.1f} {bx + 7.5:.1f},{cy + 6:.1f} {bx - 7.5:.1f},{cy + 6:.1f}"
    return (f'<polygon class="fejlplaceret" points="{pts}" fill="#fff" stroke="{RED}" stroke-width="2.4"/>'
            f'<text x="{bx:.1f}" y="{cy + 4.5:.1f}" font-size="9" text-anchor="middle" font-weight="bold" '
            f'fill="{RED}">!</text>')


CHAIN_WORDS = {"S1": "S1 forudgående sanktion", "B1": "B1 tidligere tilsidesættelse (den S1 vedrører)",
               "B2": "B2 ny tilsidesættelse", "D": "D afgørelsen",
               "Virkning": "Virkning: afgørelsen har virkning fra"}


def _legend(c: _Canvas, used: set[str], y: float, uid: str, chain: list[str]) -> float:
    """The legend: the chain's markers in words, then a mark and its meaning for everything drawn."""
    c.add('<g class="signatur">')
    c.text(8, y + 12, "Signaturforklaring", bold=True)
    y += 20
    line = ""
    for mark in CHAIN_WORDS:  # the chain's markers in words, as many to a line as fit
        if mark not in chain:
            continue
        longer = f"{line} · {CHAIN_WORDS[mark]}" if line else CHAIN_WORDS[mark]
        if line and text_width(longer) > WIDTH - 16:
            c.text(8, y + 12, line)
            y += 17
            longer = CHAIN_WORDS[mark]
        line = longer
    if line:
        c.text(8, y + 12, line)
        y += 17
    keys = [k for k in LEGEND if k in used]
    col_w = (WIDTH - 16) / 2
    col = 0  # two columns; a label too long for one takes a whole line
    for key in keys:
        wide = text_width(LEGEND[key]) > col_w - 34
        if wide and col == 1:
            y, col = y + 20, 0
        lx = 8 + col * col_w
        cy = y + 9
        c.add(_legend_mark(key, lx + 12, cy, uid))
        c.text(lx + 28, cy + 4.5, LEGEND[key])
        if wide or col == 1:
            y, col = y + 20, 0
        else:
            col = 1
    if col == 1:
        y += 20
    c.add("</g>")
    return y


def _legend_mark(key: str, x: float, cy: float, uid: str) -> str:
    if key in ("jobparat", "aktivitetsparat"):
        fill = f"url(#{uid}-skra)" if key == "jobparat" else f"url(#{uid}-aktiv)"
        return (f'<rect x="{x - 10:.1f}" y="{cy - 6:.1f}" width="20" height="12" fill="{fill}" stroke="{INK}" '
                'stroke-width="0.6"/>')
    if key == "visitation":
        return _visitation_mark(x, cy)
    if key == "afgoerelse":
        return (f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{cy - 8:.1f}" y2="{cy + 8:.1f}" stroke="{INK}" '
                'stroke-width="2.2"/>')
    if key == "virkning":
        return (f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{cy - 8:.1f}" y2="{cy + 8:.1f}" stroke="{INK}" '
                'stroke-width="1.6" stroke-dasharray="6 3"/>')
    if key in ("fejl_span", "usikker_span"):
        nej = key == "fejl_span"
        fill = f"url(#{uid}-fejl)" if nej else f"url(#{uid}-usikker)"
        dash = "" if nej else ' stroke-dasharray="4 2"'
        return (f'<rect x="{x - 10:.1f}" y="{cy - 6:.1f}" width="20" height="12" fill="{fill}" '
                f'stroke="{RED if nej else AMBER}" stroke-width="1.4"{dash}/>')
    if key in ("fejl_punkt", "usikker_punkt"):
        return _point(x, cy, key == "fejl_punkt")
    if key == "fejlplaceret":
        return _misplaced(x, cy)
    return _shape(key, x, cy, uid)
