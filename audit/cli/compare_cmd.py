"""``audit compare DIR_A DIR_B``: what changed between two runs: case by case for runs over the same
cases, the two periods side by side for runs over different cases (audit/tilsyn/compare.py decides)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from audit.cli.app import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, console, fail, print_warning, safe
from audit.cli.common import JSON_OPTION
from audit.contract import label
from audit.privacy import mask_cpr
from audit.reporting.labels import item_label, rule_set_label
from audit.tilsyn.compare import SAME_CASES_OVERLAP, CompareError, Comparison, compare_dirs
from audit.tilsyn.udvikling import CRITICISM_ORDER, VERDICT_ORDER, Period, item_order, pct, points


@app.command("compare")
def compare_command(
    dir_a: str = typer.Argument(..., metavar="MAPPE_A", help="Den første (ældre) kørsel fra audit run."),
    dir_b: str = typer.Argument(..., metavar="MAPPE_B", help="Den anden (nyere) kørsel fra audit run."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Sammenlign to kørsler: sag for sag, eller to perioder side om side.

    Sagerne parres på (kommune, sagsnummer) i de to mappers resultater.jsonl. Er mindst halvdelen af
    sagerne i den mindste kørsel med i begge, vises de sager, hvis samlede vurdering eller punkter har
    ændret sig; et ændret svar, der i den anden kørsel er en jurists vurdering (fx fra --vurderinger), vises
    med juristens initialer og bemærkning. Ellers er det to perioder (fx to kvartalers stikprøver), og de
    vises side om side: sager, samlede vurderinger, fejl pr. punkt (antal og andel) og de hyppigste mangler.
    Brug audit udvikling til tre eller flere perioder.
    Afslutningskode 0: ingen forskelle; 1: forskelle; 2: en mappe eller fil kan ikke læses.

    Eksempel:

        audit compare resultater-marts resultater-juni
    """
    try:
        cmp = compare_dirs(dir_a, dir_b)
    except CompareError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    if as_json:
        console.out(mask_cpr(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2)), highlight=False)
    else:
        for w in cmp.a.warnings + cmp.b.warnings:
            print_warning(w)
        print_comparison(cmp)
    raise typer.Exit(EXIT_OK if cmp.same else EXIT_PROBLEMS)


def _arrow(before: object, after: object) -> str:
    return f"{safe(label(before))} → {safe(label(after))}"


def _review_text(c, item_id: str) -> str:
    """', vurdering af MLK: »…«' when B's answer to a changed item is a reviewer's (kilde: vurdering)."""
    mark = c.reviewed.get(item_id)
    if mark is None:
        return ""
    text = f", vurdering af {safe(mark.by) if mark.by else 'ukendt'}"
    return text + (f": »{safe(mark.remark)}«" if mark.remark else "")


def _rule_sets(ids: set[str]) -> str:
    from audit.rules.checklist import load_checklist

    names = []
    for i in sorted(ids):
        try:
            names.append(rule_set_label(i, load_checklist(i).title))
        except Exception:  # noqa: BLE001 - an unknown rule set is named as the run wrote it
            names.append(rule_set_label(i))
    return ", ".join(names)


def _run_text(run) -> str:
    parts = [f"version {v}" for v in sorted(run.versions)]
    if run.rule_sets:
        parts.append(f"regelsæt {_rule_sets(run.rule_sets)}")
    return "; ".join(parts) or "?"


def _sager(n: int) -> str:
    return f"{n} sag" if n == 1 else f"{n} sager"


def print_comparison(cmp: Comparison) -> None:
    periods = cmp.periods()
    for name, run, p in (("A", cmp.a, periods[0]), ("B", cmp.b, periods[1])):
        console.print(f"{name}: {safe(p.label)} ({_sager(len(run.results))}; {safe(run.path.parent)})")
    if cmp.a.versions != cmp.b.versions or cmp.a.rule_sets != cmp.b.rule_sets:
        console.print(
            f"[yellow]Bemærk:[/] kørslerne er lavet med forskellig version eller regelsæt "
            f"(A: {safe(_run_text(cmp.a))}. B: {safe(_run_text(cmp.b))}).")
    limit = pct(100 * SAME_CASES_OVERLAP)
    overlap = (f"Kørslerne har {_sager(cmp.common)} til fælles ({pct(100 * cmp.overlap)} af den mindste "
               "kørsel).")
    if not cmp.same_cases:
        console.print(f"{overlap} Det er under {limit}, så kørslerne sammenlignes som to perioder side om "
                      "side, ikke sag for sag.")
        print_periods(periods[0], periods[1])
        common = (f"{_sager(cmp.common)} i begge, hvoraf {len(cmp.verdict_changes)} har ændret samlet "
                  "vurdering eller kritik" if cmp.common else "ingen sager i begge")
        console.print(f"I alt: {_sager(len(cmp.a.results))} i A og {_sager(len(cmp.b.results))} i B; "
                      f"{common}. Sagsnumrene står i --json.")
        return
    console.print(f"{overlap} Det er mindst {limit}, så kørslerne sammenlignes sag for sag.")
    if cmp.same:
        console.print(f"[bold green]Ingen forskelle[/] i de {cmp.common} sager, der er i begge kørsler.")
        return

    if cmp.verdict_changes:
        t = Table(title=f"Ændret samlet vurdering eller kritik ({_sager(len(cmp.verdict_changes))})",
                  title_justify="left")
        for col in ("Kommune", "Sagsnummer", "Samlet (A → B)", "Kritik (A → B)"):
            t.add_column(col)
        for c in cmp.verdict_changes:
            t.add_row(safe(c.key[0]), safe(c.key[1]),
                      _arrow(c.samlet.before, c.samlet.after) if c.samlet else "uændret",
                      _arrow(c.kritik.before, c.kritik.after) if c.kritik else "uændret")
        console.print(t)

    if cmp.item_changes:
        t = Table(title=f"Ændrede svar på punkter ({_sager(len(cmp.item_changes))})", title_justify="left")
        for col in ("Kommune", "Sagsnummer", "Punkt", "Svar (A → B)"):
            t.add_column(col)
        for c in cmp.item_changes:
            for i, (item_id, ch) in enumerate(sorted(c.items.items())):
                t.add_row(safe(c.key[0]) if i == 0 else "", safe(c.key[1]) if i == 0 else "",
                          safe(item_label(item_id)), _arrow(ch.before, ch.after) + _review_text(c, item_id))
        console.print(t)

        per = Table(title="Ændringer pr. punkt", title_justify="left")
        per.add_column("Punkt")
        per.add_column("Sager", justify="right")
        per.add_column("Heraf")
        reviewed = cmp.reviewed_per_item()
        for item_id, counter in cmp.transitions().items():
            detail = ", ".join(f"{_arrow(before, after)}: {k}" for (before, after), k in counter.items())
            if reviewed.get(item_id):
                detail += f" ({reviewed[item_id]} ved vurdering)"
            per.add_row(safe(item_label(item_id)), str(sum(counter.values())), detail)
        console.print(per)

    for title, keys in (("Kun i A", cmp.only_a), ("Kun i B", cmp.only_b)):
        if keys:
            t = Table(title=f"{title} ({_sager(len(keys))})", title_justify="left")
            t.add_column("Kommune")
            t.add_column("Sagsnummer")
            for k, s in keys:
                t.add_row(safe(k), safe(s))
            console.print(t)

    console.print(
        f"I alt: {_sager(len(cmp.verdict_changes))} med ændret samlet vurdering eller kritik, "
        f"{len(cmp.item_changes)} med ændrede punkter, {len(cmp.only_a)} kun i A, {len(cmp.only_b)} kun i B "
        f"({_sager(cmp.common)} i begge).")



def _cell(n: int | None, of: int | None = None) -> str:
    if n is None:
        return "-"
    return f"{n} af {of}" if of is not None else str(n)


def print_periods(a: Period, b: Period) -> None:
    """The two periods side by side: verdicts, then failures per item, then the most frequent defects."""
    t = Table(title="Samlet vurdering (andel af alle sager i perioden)", title_justify="left")
    t.add_column("")
    for p in (a, b):
        t.add_column(safe(p.label), justify="right")
        t.add_column("Andel", justify="right")
    t.add_column("Ændring i procentpoint", justify="right")
    t.add_row("Sager", str(a.cases), "", str(b.cases), "", "")
    for v in VERDICT_ORDER:
        if v.assessed or a.verdicts.get(v) or b.verdicts.get(v):
            sa, sb = a.verdict_share(v), b.verdict_share(v)
            t.add_row(v.label, str(a.verdicts.get(v, 0)), pct(sa), str(b.verdicts.get(v, 0)), pct(sb),
                      points(sa, sb))
    for c in CRITICISM_ORDER:
        sa, sb = a.criticism_share(c), b.criticism_share(c)
        t.add_row(f"I overensstemmelse, med {c.label.lower()}", str(a.criticism.get(c, 0)), pct(sa),
                  str(b.criticism.get(c, 0)), pct(sb), points(sa, sb))
    console.print(t)

    t = Table(title="Sager, der ikke opfylder punktet (svar nej eller ved ikke), af de sager, hvor punktet "
                    "er relevant", title_justify="left")
    t.add_column("Punkt")
    for p in (a, b):
        t.add_column(safe(p.label), justify="right")
        t.add_column("Andel", justify="right")
    t.add_column("Ændring i procentpoint", justify="right")
    for item_id in item_order([a, b]):
        sa_, sb_ = a.items.get(item_id), b.items.get(item_id)
        title = (sb_ or sa_).title
        t.add_row(safe(title),
                  _cell(sa_.failed, sa_.relevant) if sa_ else "-", pct(sa_.share) if sa_ else "-",
                  _cell(sb_.failed, sb_.relevant) if sb_ else "-", pct(sb_.share) if sb_ else "-",
                  points(sa_.share if sa_ else None, sb_.share if sb_ else None))
    console.print(t)

    t = Table(title="Hyppigste mangler (bindende punkter)", title_justify="left")
    t.add_column("Nr.", justify="right")
    for p in (a, b):
        t.add_column(safe(p.label))
    ta, tb = a.top_defects(), b.top_defects()
    for n in range(max(len(ta), len(tb))):
        t.add_row(f"{n + 1}.", *(safe(f"{x[n].title}: {_cell(x[n].failed, x[n].relevant)} ({pct(x[n].share)})")
                                 if n < len(x) else "" for x in (ta, tb)))
    if ta or tb:
        console.print(t)
    else:
        console.print("Ingen af sagerne i de to perioder har mangler på bindende punkter.")
