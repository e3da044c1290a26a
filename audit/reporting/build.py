"""The reports of a run, as a library: ``build_reports(results, out_dir, per=..., pdf=..., run_info=...)``.

Writes, for every municipality in ``results``, ``<out>/<kommune-slug>/rapport.html`` and ``rapport.xlsx``
(and ``rapport.pdf`` with ``pdf=True`` when Chromium is installed), plus ``<out>/samlet.html`` and
``<out>/samlet.xlsx`` over all municipalities. Returns the paths written.

``run_info`` is the run's ``koersel.json`` (written by ``audit run``); the keys used are ``tidspunkt``
(ISO time of the run), ``version``, ``input`` (list of paths), ``regelsaet``, ``ikke_indlaest``,
``fejl``, ``advarsler`` and ``stikproeve`` (``{"fil", "sager", "log": <stikproeve-log.json>}``). Every
key is optional.

This module builds one *model* per report (plain dicts and the objects of ``aggregate`` and
``report_text``) and hands it to the HTML, Excel and PDF renderers. Every string of the results is
CPR-masked before anything else happens.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from audit import __version__
from audit.dates import DateParseError, format_da, parse_date
from audit.io_utils import atomic_write_text
from audit.privacy import mask_cpr
from audit.reporting import aggregate as ag
from audit.reporting import text as rt

RESULTS_FILE = "resultater.jsonl"
RUN_FILE = "koersel.json"
DEFAULT_RULE_SET = "las-40a-2020"
REPORT_HTML, REPORT_XLSX, REPORT_PDF = "rapport.html", "rapport.xlsx", "rapport.pdf"
SAMLET_HTML, SAMLET_XLSX, SAMLET_PDF = "samlet.html", "samlet.xlsx", "samlet.pdf"
PER_CHOICES = ("enhed", "sagsbehandler")

Warn = Callable[[str], None]


def _stderr_warning(message: str) -> None:
    sys.stderr.write(f"Advarsel: {mask_cpr(message)}\n")


# --- input -------------------------------------------------------------------------------------------

def mask_deep(value):
    """Every string inside ``value`` (dicts, lists) with CPR numbers masked."""
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, dict):
        return {k: mask_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_deep(v) for v in value]
    return value


def load_run(run_dir: str | Path) -> tuple[list[dict], dict, list[str]]:
    """Read ``resultater.jsonl`` (and ``koersel.json`` if present) of a run folder.

    Returns (results, run_info, problems). A line that is not a JSON object is reported in ``problems``
    with its line number (in Danish) and left out; the rest is read. A missing results file raises
    ``FileNotFoundError``.
    """
    folder = Path(run_dir)
    path = folder / RESULTS_FILE
    problems: list[str] = []
    results: list[dict] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path.name}, linje {lineno}: ikke gyldig JSON ({exc.msg}); linjen er sprunget over")
                continue
            if not isinstance(obj, dict):
                problems.append(f"{path.name}, linje {lineno}: er ikke et JSON-objekt; linjen er sprunget over")
                continue
            results.append(obj)
    run_info: dict = {}
    info_path = folder / RUN_FILE
    if info_path.is_file():
        try:
            loaded = json.loads(info_path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                run_info = loaded
            else:
                problems.append(f"{RUN_FILE} er ikke et JSON-objekt; oplysningerne om kørslen er udeladt")
        except (OSError, json.JSONDecodeError, UnicodeDecodeError):
            problems.append(f"{RUN_FILE} kan ikke læses; oplysningerne om kørslen er udeladt")
    return results, run_info, problems


def check_results(results: Sequence) -> tuple[list[dict], list[str]]:
    """The usable results (CPR-masked copies) and a Danish message for every record left out."""
    out, problems = [], []
    for i, r in enumerate(results, start=1):
        if not isinstance(r, dict):
            problems.append(f"resultat nr. {i} er ikke et objekt og er udeladt")
            continue
        r = mask_deep(r)
        if not str(r.get("sagsnummer") or "").strip():
            problems.append(f"resultat nr. {i} har intet sagsnummer; det vises som '(uden sagsnummer)'")
            r["sagsnummer"] = "(uden sagsnummer)"
        if ag.verdict_of(r) == ag.UNKNOWN_VERDICT:
            problems.append(f"sag {r['sagsnummer']}: ukendt samlet vurdering '{r.get('samlet')}'; sagen tælles "
                            "som 'ukendt vurdering' i tabel 1.1 og indgår ikke i de øvrige tabeller")
        out.append(r)
    return out, problems


# --- names -------------------------------------------------------------------------------------------

def slugify(name: str) -> str:
    """ASCII folder name: 'Åmose Kommune' -> 'aamose-kommune'."""
    t = unicodedata.normalize("NFC", str(name or "")).lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        t = t.replace(a, b)
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode("ascii")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:80].strip("-") or "kommune-uden-navn"


def unique_slugs(names: Sequence[str]) -> dict[str, str]:
    used: Counter = Counter()
    out = {}
    for name in names:
        base = slugify(name)
        used[base] += 1
        out[name] = base if used[base] == 1 else f"{base}-{used[base]}"
    return out


# --- checklists and recommendations --------------------------------------------------------------------

def _checklists(results: Sequence[dict], warn: Warn):
    """(primary checklist or None, {id: checklist}) for the rule sets named in the results."""
    from audit.rules.checklist import ChecklistError, load_checklist

    ids = Counter(r.get("regelsaet") for r in results if r.get("regelsaet"))
    loaded = {}
    for cid in [*ids, DEFAULT_RULE_SET]:
        if cid in loaded:
            continue
        try:
            loaded[cid] = load_checklist(cid)
        except (ChecklistError, OSError) as exc:
            if cid in ids:
                warn(f"regelsættet '{cid}' kan ikke indlæses ({exc}); anbefalingerne vises kun med id")
    primary_id = ids.most_common(1)[0][0] if ids else DEFAULT_RULE_SET
    primary = loaded.get(primary_id) or loaded.get(DEFAULT_RULE_SET)
    return primary, loaded


@dataclass
class RecLine:
    text: str
    ids: list[str]
    cases: list[str]  # "kommune\x1fsagsnummer"
    own: bool = False
    source: str = ""

    @property
    def n(self) -> int:
        return len(self.cases)

    @property
    def case_numbers(self) -> list[str]:
        return [c.split("\x1f", 1)[-1] for c in self.cases]


def chooser(recs: dict, chapter: int) -> Callable[[list[str]], list[str]]:
    """Which of a failing item's recommendation ids to show in a chapter: the chapter's own section boxes
    first, then its chapter box, then (for Kapitel 1) the Kapitel 1 boxes; otherwise all of them. This
    keeps Ankestyrelsen's near-identical wordings of the same advice from appearing twice."""
    want = f"Kapitel {chapter}"

    def tiers(ids: list[str]) -> list[str]:
        known = [r for r in ids if r in recs]
        own_chapter = [r for r in known if getattr(recs[r], "chapter", "") == want]
        section = [r for r in own_chapter if not str(getattr(recs[r], "box", "")).endswith(".0")]
        for tier in (section, own_chapter):
            if tier:
                return tier
        return ids

    return tiers


def _norm_text(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def rec_lines(rec_cases: dict[str, list[str]], recs: dict, seen: set[str] | None = None) -> list[RecLine]:
    """Group recommendation ids by their (identical) text: each text once, with the union of cases.

    ``recs`` maps id -> Recommendation (``.text``, ``.box``, ``.source``); ``seen`` holds texts already
    shown elsewhere (they are skipped and the set is updated). Order: the report's order of the ids.
    """
    order = {rid: i for i, rid in enumerate(recs)}
    lines: dict[str, RecLine] = {}
    for rid in sorted(rec_cases, key=lambda r: (order.get(r, len(order)), r)):
        rec = recs.get(rid)
        if rec is None:
            text = f"Anbefaling {rid} (teksten findes ikke i regelsættet)"
            own, source = False, ""
        else:
            text = " ".join(str(rec.text).split())
            own, source = getattr(rec, "box", "") == "egen", getattr(rec, "source", "")
        key = _norm_text(text)
        if seen is not None and key in seen and key not in lines:
            continue
        line = lines.setdefault(key, RecLine(text=text, ids=[], cases=[], own=own, source=source))
        line.ids.append(rid)
        for c in rec_cases[rid]:
            if c not in line.cases:
                line.cases.append(c)
    if seen is not None:
        seen.update(lines)
    return list(lines.values())


# --- structure of chapters 2-4 --------------------------------------------------------------------------

@dataclass(frozen=True)
class SectionDef:
    title: str
    items: tuple[str, ...]
    tables: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    law_title: str | None = None
    text: tuple[str, ...] = ()


CHAPTERS: dict[int, dict] = {
    2: {
        "title": "Opfyldelse af materielle betingelser",
        "intro": "I kapitlet ser vi på, om betingelserne for at give en skærpet rådighedssanktion efter § 40 a, "
                 "stk. 1, er opfyldt i de gennemgåede sager.",
        "vi_ser_paa": [
            "om der er truffet en forudgående afgørelse om sanktion, og om borgeren i den forbindelse er vejledt "
            "om skærpet rådighedssanktion",
            "om borgeren på ny og uden rimelig grund har tilsidesat sin pligt til at stå til rådighed",
            "om kommunen har vurderet, om borgeren med sin adfærd udviser en manglende vilje til at stå til "
            "rådighed, og om afgørelsen er begrundet",
            "om borgeren har fået et tilbud efter § 40 a, stk. 2, og om der er truffet afgørelse om ophør efter "
            "§ 40 a, stk. 7",
        ],
        "sections": (
            SectionDef("VURDERING AF AFGØRELSEN", (), ("2.1",),
                       text=("Vi har vurderet, om afgørelsen er i overensstemmelse med regler og praksis, eller om "
                             "vi ville have ændret eller hjemvist den, hvis den var kommet ind som en klagesag.",)),
            SectionDef("FORUDGÅENDE AFGØRELSE OM SANKTION", ("forudgaaende_sanktion",), ("2.2",), ("3.2.1",),
                       "§ 40 a, STK. 1"),
            SectionDef("PLIGTEN TIL AT STÅ TIL RÅDIGHED", ("ny_tilsidesaettelse", "rimelig_grund"), (),
                       ("4.1", "4.1.4"), "§ 40 a, OM PLIGTEN TIL RÅDIGHED"),
            SectionDef("AFGØRELSEN OM MANGLENDE VILJE TIL AT STÅ TIL RÅDIGHED", ("manglende_vilje", "proportionalitet"),
                       ("2.3",), ("4.2.1",), "§ 40 a, OM MANGLENDE VILJE TIL AT STÅ TIL RÅDIGHED"),
            SectionDef("BEGRUNDELSE FOR AFGØRELSEN", ("begrundelse",), ("2.4",), (),
                       "KRAV TIL BEGRUNDELSE EFTER FORVALTNINGSLOVEN"),
            SectionDef("INDDRAGELSE AF ALLE RELEVANTE FORHOLD I SAGEN", (), ("2.5",)),
            SectionDef("SÆRLIGE FORHOLD FOR AKTIVITETSPARATE BORGERE", ("maalgruppe", "vurdering_13_8"), ("2.6",),
                       ("T13-T14",), "LAS § 13, STK. 8, OG MÅLGRUPPE"),
            SectionDef("KOMMUNENS TILBUD/AKTIVITETER", ("tilbud", "laengde", "kun_fremmoede_oplyst"), ("2.7",),
                       ("4.3.1", "4.3.1.2", "4.3.2"), "§ 40 a OM TILBUD/AKTIVITETER"),
            SectionDef("OPHØR AF HJÆLPEN", ("lukning", "aegtefaelle"), (), ("4.4.1",), "§ 40 a OM OPHØR AF HJÆLPEN"),
        ),
    },
    3: {
        "title": "Kommunens vejledning af borgeren",
        "intro": "I kapitlet ser vi på, om kommunen har vejledt borgeren, som loven kræver, inden sanktionen.",
        "vi_ser_paa": ["vejledningen om rettigheder og pligter efter § 35, stk. 1",
                       "den skriftlige vejledning om skærpet rådighedssanktion efter § 35, stk. 2"],
        "sections": (
            SectionDef("VEJLEDNING EFTER § 35, STK. 1", ("vejledning_35_1",), (), ("3.1.1",),
                       "VEJLEDNING EFTER LAS § 35, STK. 1"),
            SectionDef("VEJLEDNING EFTER § 35, STK. 2", ("vejledning_35_2",), (), ("3.3.1",),
                       "§ 35, STK. 2, VEJLEDNING OM SKÆRPET RÅDIGHEDSSANKTION"),
        ),
    },
    4: {
        "title": "Forvaltningsretlige regler",
        "intro": "I kapitlet ser vi på, om kommunen har fulgt de forvaltningsretlige regler i sagerne.",
        "vi_ser_paa": ["om sagen er tilstrækkeligt oplyst",
                       "om borgeren er partshørt, og for aktivitetsparate borgere, om kommunen har udtømt alle "
                       "rimelige muligheder for personlig kontakt",
                       "om afgørelsen er givet skriftligt med klagevejledning",
                       "om der ville blive udtalt kritik eller givet en bemærkning"],
        "sections": (
            SectionDef("SAGSOPLYSNING", ("oplysning",), (), ("5.1",), "SAGSOPLYSNING"),
            SectionDef("PARTSHØRING", ("partshoering", "personlig_kontakt"), ("4.1",), (),
                       "PARTSHØRING EFTER FORVALTNINGSLOVENS REGLER"),
            SectionDef("KLAGEVEJLEDNING", ("klagevejledning",), ("4.2",), (), "FORVALTNINGSLOVEN"),
            SectionDef("KRITIK ELLER BEMÆRKNINGER I SAGEN", (), ("4.3",),
                       text=("Kritik og bemærkninger vurderes kun i de sager, hvor afgørelsen i øvrigt er i "
                             "overensstemmelse med regler og praksis.",)),
        ),
    },
}
EXTRA_SECTION_TITLE = "ØVRIGE PUNKTER"

TABLE_SENTENCES: dict[str, Callable[[ag.Table], str]] = {
    "2.1": lambda t: (f"Som det fremgår af tabel 2.1, er afgørelsen i overensstemmelse med regler og praksis "
                      f"{rt.i_ud_af(t.value('i_overensstemmelse'), t.value('total'))}."),
    "2.2": lambda t: (f"Som det fremgår af tabel 2.2, er kommunens afgørelse om den forudgående sanktion på det "
                      f"foreliggende grundlag korrekt {rt.i_ud_af(t.value('ja'), t.value('total'))}."),
    "2.3": lambda t: ("Tabel 2.3 viser, hvilke forhold kommunen har lagt vægt på i vurderingen af, om borgeren "
                      "udviser en manglende vilje til at stå til rådighed. Der kan være lagt vægt på flere "
                      "forhold i samme sag."),
    "2.4": lambda t: (f"Som det fremgår af tabel 2.4, har kommunen begrundet afgørelsen tilstrækkeligt "
                      f"{rt.i_ud_af(t.value('ja'), t.value('total'))}."),
    "2.5": lambda t: (f"Kommunen har vurderet borgerens vilje til at stå til rådighed i {rt.sager(t.value('total'))}. "
                      f"Af dem har kommunen inddraget alle relevante forhold i {rt.tal(t.value('ja'))}, jf. "
                      "tabel 2.5."),
    "2.6": lambda t: (f"Tabel 2.6 viser, at kommunen har taget hensyn til borgerens visitation som jobparat eller "
                      f"aktivitetsparat {rt.i_ud_af(t.value('ja'), t.value('total'))}, hvor viljen er vurderet."),
    "2.7": lambda t: "Tabel 2.7 viser, hvor lang en periode kommunen har truffet afgørelse om.",
    "4.1": lambda t: (f"Som det fremgår af tabel 4.1, har kommunen partshørt borgeren "
                      f"{rt.i_ud_af(t.value('ja'), t.value('total'))}."),
    "4.2": lambda t: (f"Som det fremgår af tabel 4.2, har kommunen givet klagevejledning "
                      f"{rt.i_ud_af(t.value('ja'), t.value('total'))}."),
    "4.3": lambda t: "Tabel 4.3 viser, om der ville være blevet udtalt kritik eller givet en bemærkning.",
}


def _figure_items(sd: SectionDef) -> set[str]:
    """The items whose result a key figure of the section already states."""
    return {name for key, _, (kind, name), _ in ag.KEY_FIGURES if key in sd.figures and kind == "item"}


def _table_sentence(t: ag.Table) -> str:
    fn = TABLE_SENTENCES.get(t.number)
    if fn is None:
        return ""
    try:
        return fn(t)
    except KeyError:
        return ""


# --- the model -------------------------------------------------------------------------------------------

@dataclass
class ReportContext:
    """What every report of one run shares."""

    run_info: dict
    run_date: date
    version: str
    checklist: object | None
    recommendations: dict
    shorts: dict[str, str] = field(default_factory=dict)


def _run_date(run_info: dict) -> date:
    value = run_info.get("tidspunkt")
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            try:
                return parse_date(value)
            except DateParseError:
                pass
    return date.today()


def _law_box(sd: SectionDef, checklist) -> dict | None:
    if not sd.law_title or checklist is None:
        return None
    lines = []
    for item_id in sd.items:
        try:
            it = checklist.item(item_id)
        except KeyError:
            continue
        lines.append({"number": it.number, "question": it.question, "hjemmel": it.hjemmel,
                      "advisory": it.advisory})
    return {"title": sd.law_title, "lines": lines} if lines else None


def build_model(results: Sequence[dict], name: str, ctx: ReportContext, *, samlet: bool = False,
                per: str | None = None) -> dict:
    """The model of one report (a municipality, or all of them with ``samlet``)."""
    cl = ctx.checklist
    items = list(cl.items) if cl is not None else []
    year = ctx.run_date.year
    n_kommuner = len({str(r.get("kommune") or "") for r in results})
    first, last = ag.period(results)
    assessed = [r for r in results if ag.is_assessed(r)]
    tables = ag.chapter_tables(results, year, n_kommuner if samlet else None)
    stats = ag.item_stats(results, items)
    stat_by_id = {s.id: s for s in stats}
    figures = ag.key_figures(results)
    top = ag.most_frequent_failures(results, items)

    examples = [e for e in (rt.example_for(r, ctx.shorts) for r in _sorted_cases(results)) if e is not None]
    placed: set[int] = set()
    used_items = {i for ch in CHAPTERS.values() for sd in ch["sections"] for i in sd.items}
    extra_items = [s.id for s in stats if s.id not in used_items]

    kap1_recs = []
    seen_texts: set[str] = set()
    chapters = []
    for number, ch in CHAPTERS.items():
        section_defs = list(ch["sections"])
        if number == 4 and extra_items:
            section_defs.append(SectionDef(EXTRA_SECTION_TITLE, tuple(extra_items)))
        ch_items = [i for sd in section_defs for i in sd.items]
        lines = rec_lines(ag.recommendation_cases(results, ch_items, chooser(ctx.recommendations, 1)),
                          ctx.recommendations, seen_texts)
        kap1_recs.append({"title": ch["title"], "recs": [x for x in lines if not x.own],
                          "own": [x for x in lines if x.own]})
        sections = []
        for sd in section_defs:
            sec_examples = []
            for idx, e in enumerate(examples):
                if idx in placed:
                    continue
                target = e.decisive_item if e.decisive_item in used_items or e.decisive_item in extra_items \
                    else None
                if (target in sd.items) or (target is None and sd.title == "VURDERING AF AFGØRELSEN"):
                    sec_examples.append(e)
                    placed.add(idx)
            sec_lines = rec_lines(ag.recommendation_cases(results, sd.items, chooser(ctx.recommendations, number)),
                                  ctx.recommendations) if sd.items else []
            sections.append({
                "title": sd.title,
                "anchor": f"afsnit-{number}-{len(sections) + 1}",
                "text": list(sd.text),
                "law": _law_box(sd, cl),
                "tables": [{"table": tables[k], "sentence": _table_sentence(tables[k])} for k in sd.tables],
                "figures": [{"figure": figures[k],
                             "sentence": rt.key_figure_sentence(figures[k].label, figures[k].count, figures[k].base)}
                            for k in sd.figures if k in figures],
                "items": [stat_by_id[i] for i in sd.items if i in stat_by_id],
                "item_sentences": [{"sentence": rt.item_sentence(stat_by_id[i]), "national": stat_by_id[i].national}
                                   for i in sd.items if i in stat_by_id and i not in _figure_items(sd)],
                "examples": sec_examples,
                "recs": [x for x in sec_lines if not x.own],
                "own_recs": [x for x in sec_lines if x.own],
            })
        ch_stats = [stat_by_id[i] for i in ch_items if i in stat_by_id]
        points = rt.hovedpointer(ch_stats)
        if number == 2 and assessed:
            t21 = tables["2.1"]
            points.insert(0, f"Afgørelsen er i overensstemmelse med regler og praksis "
                             f"{rt.i_ud_af(t21.value('i_overensstemmelse'), t21.value('total'))}.")
        chapters.append({"number": number, "title": ch["title"], "intro": ch["intro"],
                         "vi_ser_paa": ch["vi_ser_paa"], "hovedpointer": points, "sections": sections})

    group_by = "kommune" if samlet else per
    bilag1 = ag.verdict_by_group(results, group_by, year, include_national=samlet) if group_by else \
        ag.verdict_by_group(results, "kommune", year, include_national=True)

    from audit.reporting.html import item_chart, verdict_chart

    rule_sets = []
    for cid in sorted({str(r.get("regelsaet")) for r in results if r.get("regelsaet")}):
        from audit.rules.checklist import ChecklistError, load_checklist
        try:
            c = load_checklist(cid)
            rule_sets.append({"id": cid, "title": c.title, "valid_from": c.valid_from})
        except (ChecklistError, OSError):
            rule_sets.append({"id": cid, "title": "(ukendt regelsæt)", "valid_from": None})

    title_name = "samlet for alle kommuner" if samlet else name
    model = {
        "title": f"Praksisundersøgelse om skærpet rådighedssanktion — {title_name}",
        "name": name,
        "samlet": samlet,
        "kommuner": [k for k, _ in ag.group_by_municipality(results)],
        "first": first, "last": last,
        "period": rt.period_text(first, last),
        "period_short": (f"{format_da(first)} – {format_da(last)}" if first and last and first != last
                         else (format_da(first) if first else "ukendt")),
        "n_cases": len(results), "n_assessed": len(assessed), "n_not_assessed": len(results) - len(assessed),
        "run_date": ctx.run_date, "year": year, "version": ctx.version,
        "rule_sets": rule_sets,
        "checklist": cl,
        "summary": rt.summary_paragraphs(results, name, top, first, last, samlet=samlet),
        "kap1_recs": kap1_recs,
        "tjekliste": {"title": getattr(cl, "tjekliste_title", "") or "TJEKLISTE",
                      "points": [{"number": p.number, "text": p.text} for p in getattr(cl, "tjekliste", ())]},
        "chapters": chapters,
        "tables": tables,
        "figures": figures,
        "stats": stats,
        "top": top,
        "examples": examples,
        "verdict_counts": ag.verdict_counts(results),
        "charts": {"verdicts": verdict_chart(ag.verdict_counts(assessed)), "punkter": item_chart(stats)},
        "bilag1": bilag1,
        "bilag1_by": group_by or "kommune",
        "method": _method(results, ctx, cl),
        "overrides": ag.overrides(results),
        "cases": [_case_form(r, ctx) for r in _sorted_cases(results)],
        "national_label": ag.NATIONAL_LABEL,
        "national_source": ag.NATIONAL_SOURCE,
    }
    return model


def _sorted_cases(results: Sequence[dict]) -> list[dict]:
    return sorted(results, key=lambda r: (ag.danish_sort_key(r.get("kommune")), ag.case_date(r) or date.max,
                                          str(r.get("sagsnummer") or "")))


def _method(results: Sequence[dict], ctx: ReportContext, cl) -> dict:
    info = ctx.run_info
    files = sorted({str((r.get("kilde") or {}).get("fil")) for r in results
                    if isinstance(r.get("kilde"), dict) and (r.get("kilde") or {}).get("fil")})
    params: dict[str, int] = {}
    for r in results:
        p = r.get("parametre")
        if isinstance(p, dict):
            for k, v in p.items():
                params.setdefault(str(k), v)
    if not params and cl is not None:
        params = dict(cl.parameters)
    notes = dict(getattr(cl, "parameter_notes", {}) or {})
    sample = info.get("stikproeve") if isinstance(info.get("stikproeve"), dict) else None
    sample_model = None
    if sample:
        log = sample.get("log") if isinstance(sample.get("log"), dict) else {}
        method = log.get("metode") if isinstance(log.get("metode"), dict) else {}
        population = log.get("population") if isinstance(log.get("population"), dict) else {}
        window = log.get("vindue") if isinstance(log.get("vindue"), dict) else {}
        desc = method.get("beskrivelse") if isinstance(method.get("beskrivelse"), dict) else {}
        sample_model = {
            "fil": sample.get("fil"), "sager": sample.get("sager"), "seed": log.get("seed"),
            "per": method.get("per"), "n": method.get("n"), "andel": method.get("andel"),
            "min_per": method.get("min_per"), "population": population.get("antal"),
            "hash": population.get("hash"), "fra": window.get("fra"), "til": window.get("til"),
            "beskrivelse": [str(v) for v in desc.values()],
            "tidspunkt": log.get("tidspunkt"),
        }
    inputs = info.get("input") if isinstance(info.get("input"), list) else []
    return {
        "files": files,
        "inputs": [str(x) for x in inputs],
        "params": [{"name": k, "value": v, "note": notes.get(k, "")} for k, v in params.items()],
        "interpretations": list(getattr(cl, "interpretations", {}).values()) if cl is not None else [],
        "sample": sample_model,
        "not_read": info.get("ikke_indlaest"),
        "errors": info.get("fejl"),
        "warnings": info.get("advarsler"),
        "not_assessed": [{"sagsnummer": r.get("sagsnummer"), "kommune": r.get("kommune"),
                          "dato": r.get("afgoerelse_dato"), "begrundelse": r.get("samlet_begrundelse")}
                         for r in _sorted_cases(results) if not ag.is_assessed(r)],
    }


def _case_form(r: dict, ctx: ReportContext) -> dict:
    rows = []
    for p in ag.items_of(r):
        b = p.get("beregnet") if isinstance(p.get("beregnet"), dict) else None
        v = p.get("vurdering") if isinstance(p.get("vurdering"), dict) else None
        if b is not None:
            b = {"svar": b.get("svar"), "virkning": b.get("virkning"), "begrundelse": str(b.get("begrundelse") or "")}
        if v is not None:
            v = {"af": str(v.get("af") or ""), "bemaerkning": str(v.get("bemaerkning") or "")}
        datoer = p.get("datoer") if isinstance(p.get("datoer"), list) else []
        rows.append({
            "id": p["id"], "number": str(p.get("nummer") or ""),
            "title": rt.item_title(p["id"], ctx.shorts.get(p["id"]) or p.get("kort")),
            "question": str(p.get("spoergsmaal") or ""),
            "svar": p.get("svar"), "kilde": p.get("kilde"), "begrundelse": str(p.get("begrundelse") or ""),
            "datoer": [rt.dato(x) for x in datoer], "hjemmel": str(p.get("hjemmel") or ""),
            "virkning": p.get("virkning"), "vejledende": bool(p.get("vejledende")),
            "beregnet": b, "vurdering": v, "failed": p.get("svar") in ag.FAILED_ANSWERS,
            "anbefalinger": [str(x) for x in (p.get("anbefalinger") or []) if isinstance(x, str)],
        })
    kilde = r.get("kilde") if isinstance(r.get("kilde"), dict) else {}
    return {
        "sagsnummer": str(r.get("sagsnummer") or ""), "kommune": str(r.get("kommune") or ""),
        "enhed": r.get("enhed"), "sagsbehandler": r.get("sagsbehandler"),
        "dato": ag.case_date(r), "dato_raw": r.get("afgoerelse_dato"),
        "maalgruppe": ag.target_group_of(r), "samlet": ag.verdict_of(r), "kritik": r.get("kritik"),
        "samlet_begrundelse": str(r.get("samlet_begrundelse") or ""), "regelsaet": r.get("regelsaet"),
        "fil": kilde.get("fil"), "ark": kilde.get("ark"), "raekke": kilde.get("raekke"),
        "rows": rows, "anchor": "sag-" + slugify(f"{r.get('kommune')}-{r.get('sagsnummer')}"),
    }


# --- writing ------------------------------------------------------------------------------------------

def make_context(results: Sequence[dict], run_info: dict | None, warn: Warn) -> ReportContext:
    info = mask_deep(run_info or {})
    cl, loaded = _checklists(results, warn)
    recs: dict = {}
    for c in ([cl] if cl is not None else []) + [c for c in loaded.values() if c is not cl]:
        for rid, rec in c.recommendations.items():
            recs.setdefault(rid, rec)
    shorts = {it.id: it.short for c in loaded.values() for it in c.items}
    versions = Counter(str(r.get("version")) for r in results if r.get("version"))
    version = str(info.get("version") or (versions.most_common(1)[0][0] if versions else __version__))
    return ReportContext(run_info=info, run_date=_run_date(info), version=version, checklist=cl,
                         recommendations=recs, shorts=shorts)


def build_reports(results: list[dict], out_dir: str | Path, *, per: str | None = None, pdf: bool = False,
                  run_info: dict | None = None, on_warning: Warn | None = None) -> list[Path]:
    """Write every report of ``results`` into ``out_dir``; return the files written (in order)."""
    from audit.reporting.html import render_report
    from audit.reporting.xlsx import write_workbook

    warn = on_warning or _stderr_warning
    if per not in (None, *PER_CHOICES):
        raise ValueError(f"--per skal være 'enhed' eller 'sagsbehandler', ikke '{per}'")
    usable, problems = check_results(results)
    for p in problems:
        warn(p)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx = make_context(usable, run_info, warn)
    written: list[Path] = []
    html_files: list[tuple[Path, Path]] = []
    groups = ag.group_by_municipality(usable)
    slugs = unique_slugs([k for k, _ in groups])
    reserved = {"samlet"}
    for kommune, rows in groups:
        slug = slugs[kommune]
        if slug in reserved:
            slug = f"{slug}-kommune"
        folder = out / slug
        model = build_model(rows, kommune, ctx, per=per)
        html_path = folder / REPORT_HTML
        atomic_write_text(html_path, render_report(model))
        xlsx_path = folder / REPORT_XLSX
        write_workbook(model, xlsx_path)
        written += [html_path, xlsx_path]
        html_files.append((html_path, folder / REPORT_PDF))
    model = build_model(usable, "Alle kommuner", ctx, samlet=True)
    html_path, xlsx_path = out / SAMLET_HTML, out / SAMLET_XLSX
    atomic_write_text(html_path, render_report(model))
    write_workbook(model, xlsx_path)
    written += [html_path, xlsx_path]
    html_files.append((html_path, out / SAMLET_PDF))
    if pdf:
        from audit.reporting.pdf import PdfError, print_pdf

        for src, dst in html_files:
            try:
                print_pdf(src, dst)
                written.append(dst)
            except PdfError as exc:
                warn(str(exc))
                break
    return written


def build_reports_from_run(run_dir: str | Path, out_dir: str | Path, *, per: str | None = None, pdf: bool = False,
                           on_warning: Warn | None = None) -> list[Path]:
    """``build_reports`` over a run folder's ``resultater.jsonl`` and ``koersel.json``."""
    warn = on_warning or _stderr_warning
    results, run_info, problems = load_run(run_dir)
    for p in problems:
        warn(p)
    return build_reports(results, out_dir, per=per, pdf=pdf, run_info=run_info, on_warning=warn)
