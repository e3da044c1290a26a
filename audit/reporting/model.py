"""The model of one report: plain dicts and the objects of ``aggregate``, ``text`` and ``chapters``,
built from CPR-masked ``CaseResult`` records and handed to the HTML, Excel and PDF renderers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from markupsafe import Markup

from audit import __version__
from audit.contract import CaseResult, Verdict
from audit.dates import DateParseError, format_da, parse_date

from . import aggregate as ag
from . import labels
from . import text as rt
from .chapters import CHAPTERS, EXTRA_SECTION_TITLE, UPHELD, SectionDef, figure_items, table_sentence
from .overrides import case_summary as case_review_summary
from .recommendations import chooser, rec_lines
from .timeline import timeline_svg
from .words import citat

DEFAULT_RULE_SET = "las-40a-2020"
Warn = Callable[[str], None]


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


def _checklists(results: Sequence[CaseResult], warn: Warn):
    """(primary checklist or None, {id: checklist}) for the rule sets named in the results."""
    from audit.rules.checklist import ChecklistError, load_checklist

    ids = Counter(r.rule_set for r in results if r.rule_set)
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


def make_context(results: Sequence[CaseResult], run_info: dict, warn: Warn) -> ReportContext:
    """``run_info`` must already be CPR-masked."""
    cl, loaded = _checklists(results, warn)
    recs: dict = {}
    for c in ([cl] if cl is not None else []) + [c for c in loaded.values() if c is not cl]:
        for rid, rec in c.recommendations.items():
            recs.setdefault(rid, rec)
    shorts = {it.id: it.short for c in loaded.values() for it in c.items}
    versions = Counter(r.version for r in results if r.version)
    version = str(run_info.get("version") or (versions.most_common(1)[0][0] if versions else __version__))
    return ReportContext(run_info=run_info, run_date=_run_date(run_info), version=version, checklist=cl,
                         recommendations=recs, shorts=shorts)


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


# Ankestyrelsen illustrates a section with one example; every case's full form is in the bilagsrapport.
EXAMPLES_PER_SECTION = 1
EXAMPLES_PER_CHAPTER = 1


def _chapters(results: Sequence[CaseResult], ctx: ReportContext, tables: dict, figures: dict, stats: list,
              examples: list) -> tuple[list[dict], list[dict]]:
    """(chapters 2-4, the Kapitel 1 recommendation groups)."""
    stat_by_id = {s.id: s for s in stats}
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
        chapter_examples = 0
        for sd in section_defs:
            sec_examples = []
            for idx, e in enumerate(examples):
                if idx in placed:
                    continue
                target = e.decisive_item if e.decisive_item in used_items or e.decisive_item in extra_items \
                    else None
                if len(sec_examples) >= EXAMPLES_PER_SECTION or chapter_examples >= EXAMPLES_PER_CHAPTER:
                    break
                if (target in sd.items) or (target is None and sd.title == "VURDERING AF AFGØRELSEN"):
                    sec_examples.append(e)
                    placed.add(idx)
                    chapter_examples += 1
            sec_lines = rec_lines(ag.recommendation_cases(results, sd.items, chooser(ctx.recommendations, number)),
                                  ctx.recommendations) if sd.items else []
            sections.append({
                "title": sd.title,
                "anchor": f"afsnit-{number}-{len(sections) + 1}",
                "text": list(sd.text),
                "law": _law_box(sd, ctx.checklist),
                "tables": [{"table": tables[k], "sentence": table_sentence(tables[k])} for k in sd.tables],
                "figures": [{"figure": figures[k],
                             "sentence": rt.key_figure_sentence(figures[k].label, figures[k].count, figures[k].base),
                             "national": rt.national_note(figures[k].national, failed=False,
                                                             explain=False)}
                            for k in sd.figures if k in figures],
                "items": [stat_by_id[i] for i in sd.items if i in stat_by_id],
                "item_sentences": [{"sentence": rt.item_sentence(stat_by_id[i]),
                                    "national": rt.item_national_note(stat_by_id[i])}
                                   for i in sd.items if i in stat_by_id and i not in figure_items(sd)],
                "examples": sec_examples,
                "recs": [x for x in sec_lines if not x.own],
                "own_recs": [x for x in sec_lines if x.own],
            })
        points = rt.hovedpointer([stat_by_id[i] for i in ch_items if i in stat_by_id])
        if number == 2 and ag.assessed(results):
            t21 = tables["2.1"]
            points.insert(0, f"Afgørelsen er {UPHELD} {rt.i_ud_af(t21.value(Verdict.UPHELD), t21.value('total'))}.")
        chapters.append({"number": number, "title": ch["title"], "intro": ch["intro"],
                         "vi_ser_paa": ch["vi_ser_paa"], "hovedpointer": points, "sections": sections})
    return chapters, kap1_recs


def _rule_sets(results: Sequence[CaseResult]) -> list[dict]:
    from audit.rules.checklist import ChecklistError, load_checklist

    out = []
    for cid in sorted({r.rule_set for r in results if r.rule_set}):
        try:
            c = load_checklist(cid)
            out.append({"id": cid, "title": c.title, "valid_from": c.valid_from})
        except (ChecklistError, OSError):
            out.append({"id": cid, "title": "(ukendt regelsæt)", "valid_from": None})
    return out


def build_model(results: Sequence[CaseResult], name: str, ctx: ReportContext, *, samlet: bool = False,
                per: str | None = None) -> dict:
    """The model of one report (a municipality, or all of them with ``samlet``)."""
    from .html import item_chart, verdict_chart

    cl = ctx.checklist
    items = list(cl.items) if cl is not None else []
    year = ctx.run_date.year
    n_kommuner = len({r.municipality for r in results})
    first, last = ag.period(results)
    assessed = ag.assessed(results)
    tables = ag.chapter_tables(results, year, n_kommuner if samlet else None)
    stats = ag.item_stats(results, items)
    figures = ag.key_figures(results)
    top = ag.most_frequent_failures(results, items)
    cases = sorted_cases(results)
    examples = [e for e in (rt.example_for(r, ctx.shorts) for r in cases) if e is not None]
    chapters, kap1_recs = _chapters(results, ctx, tables, figures, stats, examples)

    group_by = "kommune" if samlet else per
    bilag1 = ag.verdict_by_group(results, group_by, year, include_national=samlet) if group_by else \
        ag.verdict_by_group(results, "kommune", year, include_national=True)
    title_name = "samlet for alle kommuner" if samlet else name
    return {
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
        "rule_sets": _rule_sets(results),
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
        "method": _method(results, ctx, cl, name=name, samlet=samlet),
        "overrides": ag.overrides(results),
        "cases": [_case_form(r, ctx) for r in cases],
        "national_label": ag.NATIONAL_LABEL,
        "national_source": ag.NATIONAL_SOURCE,
    }


def sorted_cases(results: Sequence[CaseResult]) -> list[CaseResult]:
    return sorted(results, key=lambda r: (ag.danish_sort_key(r.municipality), ag.case_date(r) or date.max,
                                          r.case_number))


def _sample_sentence(sample: dict, n_here: int, name: str | None) -> str:
    """What the sample is, with the population it was drawn from. A municipality's report counts its own
    cases against its own population when the sample was stratified by municipality (the stratum is the
    municipality); otherwise the population of the whole draw is named as such, never as the municipality's."""
    from audit.tilsyn.sample_draw import stratum_name

    total, population, strata = sample.get("sager"), sample.get("population"), sample.get("strata") or []
    if name is None:  # the report over all municipalities in the run
        text = f"Sagerne er en stikprøve på {total or n_here} sager"
        return text + (f" ud af {population} sager." if population else ".")
    own = next((st for st in strata if sample.get("per") == "kommune"
                and str(st.get("stratum", "")).casefold() == stratum_name(name).casefold()), None)
    if own is not None and isinstance(own.get("antal"), int):
        return f"Sagerne er en stikprøve på {n_here} sager ud af {own['antal']} sager fra {name}."
    text = f"Rapportens {n_here} sager fra {name} indgår i en stikprøve"
    if total:
        text += f" på i alt {total} sager"
    if population:
        text += f", udtrukket af {population} sager fra alle kommuner i udtrækket"
    return text + ". Hvor mange sager kommunen selv havde, fremgår ikke af stikprøven."


def _sample_model(info: dict, n_here: int = 0, name: str | None = None) -> dict | None:
    sample = info.get("stikproeve") if isinstance(info.get("stikproeve"), dict) else None
    if not sample:
        return None
    log = sample.get("log") if isinstance(sample.get("log"), dict) else {}
    method = log.get("metode") if isinstance(log.get("metode"), dict) else {}
    population = log.get("population") if isinstance(log.get("population"), dict) else {}
    window = log.get("vindue") if isinstance(log.get("vindue"), dict) else {}
    desc = method.get("beskrivelse") if isinstance(method.get("beskrivelse"), dict) else {}
    strata = [x for x in log.get("strata", []) if isinstance(x, dict)] if isinstance(log.get("strata"), list) else []
    facts = {"sager": sample.get("sager"), "population": population.get("antal"), "per": method.get("per"),
             "strata": strata}
    return {
        "tekst": _sample_sentence(facts, n_here, name),
        "fil": _file_name(sample.get("fil")) or None, "sager": sample.get("sager"), "seed": log.get("seed"),
        "per": method.get("per"), "n": method.get("n"), "andel": method.get("andel"),
        "min_per": method.get("min_per"), "population": population.get("antal"),
        "hash": population.get("hash"), "fra": window.get("fra"), "til": window.get("til"),
        "beskrivelse": [str(v) for v in desc.values()],
        "tidspunkt": log.get("tidspunkt"),
    }


def _method(results: Sequence[CaseResult], ctx: ReportContext, cl, *, name: str | None = None,
            samlet: bool = True) -> dict:
    info = ctx.run_info
    files = sorted({_file_name(r.origin.file) for r in results if r.origin.file})
    params: dict[str, int] = {}
    for r in results:
        for k, v in r.parameters.items():
            params.setdefault(k, v)
    if not params and cl is not None:
        params = dict(cl.parameters)
    notes = dict(getattr(cl, "parameter_notes", {}) or {})
    inputs = info.get("input") if isinstance(info.get("input"), list) else []
    return {
        "files": files,
        "inputs": sorted({_file_name(x) for x in inputs}),
        "params": [{"name": k, "label": labels.parameter_label(k), "value": v, "note": citat(notes.get(k, ""))}
                   for k, v in params.items()],
        "interpretations": [citat(str(t)) for t in getattr(cl, "interpretations", {}).values()] if cl is not None
        else [],
        "sample": _sample_model(info, len(results), None if samlet else name),
        "not_read": info.get("ikke_indlaest"),
        "errors": info.get("fejl"),
        "warnings": info.get("advarsler"),
        "not_assessed": [{"sagsnummer": r.case_number, "kommune": r.municipality, "dato": r.decision_date,
                          "begrundelse": r.verdict_reason}
                         for r in sorted_cases(results) if not r.verdict.assessed],
    }


def _case_form(r: CaseResult, ctx: ReportContext) -> dict:
    from .build import slugify

    rows = []
    for p in r.items:
        b = ({"svar": p.computed.answer, "virkning": p.computed.consequence, "begrundelse": p.computed.reason}
             if p.computed is not None else None)
        v = {"af": p.review.by or "", "bemaerkning": p.review.remark or ""} if p.review is not None else None
        rows.append({
            "id": p.id, "number": p.number,
            "title": rt.item_title(p.id, ctx.shorts.get(p.id) or p.short),
            "question": p.question,
            "svar": p.answer, "kilde": p.source, "begrundelse": p.reason,
            "datoer": [rt.dato(x) for x in p.dates], "hjemmel": p.hjemmel,
            "virkning": p.consequence, "vejledende": p.advisory,
            "beregnet": b, "vurdering": v, "failed": p.failed,
            "anbefalinger": list(p.recommendations),
        })
    return {
        "sagsnummer": r.case_number, "kommune": r.municipality,
        "enhed": r.unit, "sagsbehandler": r.caseworker,
        "dato": ag.case_date(r), "dato_raw": r.decision_date,
        "maalgruppe": ag.target_group_of(r), "samlet": r.verdict, "kritik": r.criticism,
        "kritik_tekst": _criticism_text(r),
        "samlet_begrundelse": r.verdict_reason, "regelsaet": r.rule_set,
        "fil": _file_name(r.origin.file), "ark": r.origin.sheet, "raekke": r.origin.row,
        "rows": rows, "anchor": "sag-" + slugify(f"{r.municipality}-{r.case_number}"),
        "gennemgang": case_review_summary(r),
        "timeline": Markup(timeline_svg(r, ctx.shorts)),
    }


def _file_name(path: object) -> str:
    """A file as the report names it: its name, never the folders on the reviewer's machine."""
    text = str(path or "")
    return text.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


_CRITICISM_TEXT = {"kritik": "Kritik", "bemaerkning": "Bemærkning", "ingen": "Ingen"}


def _criticism_text(r: CaseResult) -> str:
    """'Kritik/bemærkning' of a case in words. Ankestyrelsen only weighs criticism when the decision stands;
    for a decision that would be changed or remanded the points that would otherwise give criticism are
    named, so the bilag never says 'Ingen' beside failed points."""
    if r.verdict in ("aendres", "hjemvises"):
        what = "ændres" if r.verdict == "aendres" else "hjemvises"
        others = [p.id for p in r.items if p.failed and p.consequence in ("kritik", "bemaerkning")]
        if others:
            return (f"Vurderes ikke, da afgørelsen {what}. Desuden mangler, der ellers ville give kritik eller "
                    f"en bemærkning: {labels.items_label(others)}.")
        return f"Vurderes ikke, da afgørelsen {what}."
    if r.criticism == "ingen" or not r.criticism:
        return "Ingen"
    return _CRITICISM_TEXT.get(str(r.criticism), labels.code_label(r.criticism))
