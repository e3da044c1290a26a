"""Danish prose for the reports: the RESULTATER paragraphs of Kapitel 1, HOVEDPOINTER bullets and the
sentences on items and key figures. Numbers in words are in ``words``, the items' phrases in ``phrases``
and the EKSEMPEL boxes in ``examples`` (re-exported here).

Everything returned here is plain text (never HTML): the renderers escape it. Case text that comes from
the results is passed through ``mask_cpr``, so a CPR number can never reach a report through a sentence
built in these modules. The verdicts' wording is the contract's (``Verdict.phrase``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from audit.contract import ASSESSED_VERDICTS, CaseResult, Criticism, Verdict
from audit.privacy import mask_cpr

from .common import AKTIVITETSPARAT, JOBPARAT, UOPLYST, assessed, target_group_of
from .examples import EXAMPLE_TITLES, Example, decisive_items, example_for
from .facts import ItemStat
from .phrases import ITEM_PHRASES, Phrase, item_title, phrase
from .words import cap, dato, i_ud_af, join_da, period_text, sager, tal, ud_af

__all__ = ["EXAMPLE_TITLES", "ITEM_PHRASES", "Example", "Phrase", "cap", "dato", "decisive_items", "example_for",
           "hovedpointer", "i_ud_af", "item_sentence", "item_title", "join_da", "key_figure_sentence",
           "period_text", "phrase", "sager", "summary_paragraphs", "tal", "ud_af", "verdict_clause"]


def verdict_clause(verdict: Verdict, subject: str) -> str:
    """'ville afgørelsen blive ændret, hvis det var en klagesag' (the contract's phrase, subject inverted)."""
    text = verdict.phrase
    return text.replace("ville ", f"ville {subject} ", 1) if text.startswith("ville ") else f"er {subject} {text}"


def summary_paragraphs(results: Sequence[CaseResult], name: str, top: Sequence[ItemStat],
                       first: date | None, last: date | None, *, samlet: bool = False) -> list[str]:
    """The RESULTATER paragraphs of Kapitel 1."""
    cases = assessed(results)
    n = len(cases)
    upheld = Verdict.UPHELD.phrase
    out: list[str] = []
    groups = {g: sum(1 for r in cases if target_group_of(r) == g) for g in (JOBPARAT, AKTIVITETSPARAT, UOPLYST)}
    who = f"fra {mask_cpr(name)}" if not samlet else f"fra {tal(len({r.municipality for r in results}))} kommuner"
    p = (f"Vi har gennemgået {sager(len(results))} {who} med afgørelser om skærpet rådighedssanktion efter "
         f"§ 40 a, stk. 1, truffet {period_text(first, last)}.")
    not_assessed = len(results) - n
    if not_assessed:
        p += (f" {cap(sager(not_assessed))} er ikke vurderet, fordi afgørelsen ligger uden for regelsættets "
              "gyldighedsperiode (afgørelser før 1. januar 2020).")
    if n:
        parts = []
        lead = "af sagerne " if not not_assessed else "af de vurderede sager "
        for g, text in ((JOBPARAT, "vedrører jobparate borgere"),
                        (AKTIVITETSPARAT, "vedrører aktivitetsparate borgere")):
            if groups[g]:
                parts.append(f"{tal(groups[g])} {lead if not parts else ''}{text}")
        if groups[UOPLYST]:
            parts.append(f"i {sager(groups[UOPLYST])} fremgår målgruppen ikke")
        p += f" {cap(join_da(parts, comma=True))}."
    out.append(p)
    if not n:
        out.append("Der er ingen vurderede sager, og rapporten indeholder derfor ingen resultater.")
        return out

    counts = {v: sum(1 for r in cases if r.verdict is v) for v in ASSESSED_VERDICTS}
    ok, ch, rem = counts[Verdict.UPHELD], counts[Verdict.CHANGED], counts[Verdict.REMANDED]
    if ok == n:
        s = f"I alle {tal(n)} sager er afgørelsen {upheld}." if n > 1 else f"Afgørelsen er {upheld}."
    elif ok == 0:
        s = (f"Ingen af de {tal(n)} afgørelser er {upheld}." if n > 1 else f"Afgørelsen er ikke {upheld}.")
    else:
        s = f"{cap(i_ud_af(ok, n))} er afgørelsen {upheld}."
    rest = []
    if ch:
        rest.append(f"i {sager(ch)} {verdict_clause(Verdict.CHANGED, 'afgørelsen')}")
    if rem:
        rest.append(f"i {sager(rem)} {verdict_clause(Verdict.REMANDED, 'sagen')}")
    if rest:
        s += f" {cap(join_da(rest, comma=True))}."
    out.append(s)

    n_a = groups[AKTIVITETSPARAT]
    if n_a:
        a_counts = {v: sum(1 for r in cases if target_group_of(r) == AKTIVITETSPARAT and r.verdict is v)
                    for v in ASSESSED_VERDICTS}
        if n_a == 1:
            only = next(v for v in ASSESSED_VERDICTS if a_counts[v])
            if only is not Verdict.UPHELD:
                out.append("Sagen om den aktivitetsparate borger ville blive "
                           f"{'ændret' if only is Verdict.CHANGED else 'hjemvist'}.")
        else:
            bits = []
            for key, verb in ((Verdict.CHANGED, "ændret"), (Verdict.REMANDED, "hjemvist")):
                if a_counts[key]:
                    bits.append(f"{'alle' if a_counts[key] == n_a else tal(a_counts[key])} blive {verb}")
            if bits:
                out.append(f"Af de {tal(n_a)} sager om aktivitetsparate borgere ville {join_da(bits)}.")

    kritik = sum(1 for r in cases if r.verdict is Verdict.UPHELD and r.criticism is Criticism.CRITICISM)
    bem = sum(1 for r in cases if r.verdict is Verdict.UPHELD and r.criticism is Criticism.REMARK)
    if ok and (kritik or bem):
        bits = []
        if kritik:
            bits.append(f"i {sager(kritik)} være blevet udtalt kritik")
        if bem:
            bits.append(f"i {sager(bem)} være blevet givet en bemærkning")
        lead = "Blandt de afgørelser" if ok > 1 else "Om den afgørelse"
        out.append(f"{lead}, der er i overensstemmelse med reglerne, ville der {join_da(bits)}.")

    if top:
        bits = [f"at {phrase(s.id, s.short).sub} ({sager(s.failed)})" for s in top]
        label = "De hyppigste mangler er" if len(top) > 1 else "Den hyppigste mangel er"
        out.append(f"{label}, {join_da(bits)}.")
    out.append("Til sammenligning fandt Ankestyrelsen i sin praksisundersøgelse af 61 sager fra 2022, at 52 "
               f"afgørelser {Verdict.CHANGED.phrase.partition(',')[0]}, og at 9 var {upheld}.")
    return out


def hovedpointer(stats: Sequence[ItemStat]) -> list[str]:
    """One bullet per item of a chapter: where it failed, in how many of the cases it applies to."""
    bullets = []
    for s in stats:
        if not s.applicable:
            continue
        ph = phrase(s.id, s.short)
        if s.failed:
            extra = ""
            if s.ved_ikke and s.nej:
                extra = f" (heraf {tal(s.ved_ikke)}, hvor det ikke kan afgøres på det foreliggende grundlag)"
            elif s.ved_ikke:
                extra = " (det kan ikke afgøres på det foreliggende grundlag)"
            bullets.append(f"{cap(i_ud_af(s.failed, s.applicable))} {ph.inv}{extra}.")
    if not bullets:
        names = [item_title(s.id, s.short).lower() for s in stats if s.applicable]
        if names:
            bullets.append(f"Vi har ikke fundet mangler ved {join_da(names)} i de gennemgåede sager.")
    return bullets


def item_sentence(stat: ItemStat) -> str:
    """One sentence on an item in the chapter text: where it failed, or that it was met everywhere."""
    ph = phrase(stat.id, stat.short)
    if not stat.applicable:
        return f"Punktet »{ph.title}« har ikke været relevant i de gennemgåede sager."
    if stat.failed:
        return f"{cap(i_ud_af(stat.failed, stat.applicable))} {ph.inv}."
    return f"{cap(i_ud_af(stat.applicable, stat.applicable))} er punktet »{ph.title}« opfyldt."


def key_figure_sentence(label: str, count: int, base: int) -> str:
    if base == 0:
        return f"{label}: ikke relevant i de gennemgåede sager."
    return f"{label} {i_ud_af(count, base)}."
