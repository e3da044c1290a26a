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

from .common import AKTIVITETSPARAT, JOBPARAT, NATIONAL_LABEL, UOPLYST, NationalFigure, assessed, target_group_of
from .examples import EXAMPLE_TITLES, Example, decisive_items, example_for
from .facts import ItemStat
from .phrases import ITEM_PHRASES, Phrase, item_title, phrase
from .words import alle, cap, dato, fordeling, i_ud_af, join_da, period_text, saetning, sager, slutkomma, tal, ud_af

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
    out: list[str] = []
    groups = {g: sum(1 for r in cases if target_group_of(r) == g) for g in (JOBPARAT, AKTIVITETSPARAT, UOPLYST)}
    who = f"fra {mask_cpr(name)}" if not samlet else f"fra {tal(len({r.municipality for r in results}))} kommuner"
    p = (f"Vi har gennemgået {sager(len(results))} {who} med afgørelser om skærpet rådighedssanktion efter "
         f"§ 40 a, stk. 1, truffet {period_text(first, last)}.")
    not_assessed = len(results) - n
    if not_assessed:
        subject = sager(not_assessed) if not_assessed <= 12 else f"i alt {sager(not_assessed)}"
        p += " " + saetning(f"{subject} er ikke vurderet, fordi afgørelsen ligger uden for regelsættets "
                            "gyldighedsperiode (afgørelser før 1. januar 2020)")
    if n:
        lead = "af sagerne" if not not_assessed else "af de vurderede sager"
        p += " " + saetning(fordeling(
            [(groups[JOBPARAT], "vedrører en jobparat borger", "vedrører jobparate borgere"),
             (groups[AKTIVITETSPARAT], "vedrører en aktivitetsparat borger", "vedrører aktivitetsparate borgere")],
            n, lead, [f"{i_ud_af(n, n) if groups[UOPLYST] == n else 'i ' + sager(groups[UOPLYST])} fremgår "
                      "målgruppen ikke"] if groups[UOPLYST] else []))
    out.append(p)
    if not n:
        out.append("Der er ingen vurderede sager, og rapporten indeholder derfor ingen resultater.")
        return out
    out.append(verdict_sentences(cases))

    n_a = groups[AKTIVITETSPARAT]
    if n_a:
        a_counts = {v: sum(1 for r in cases if target_group_of(r) == AKTIVITETSPARAT and r.verdict is v)
                    for v in ASSESSED_VERDICTS}
        verbs = ((Verdict.CHANGED, "ændret"), (Verdict.REMANDED, "hjemvist"))
        only = [verb for key, verb in verbs if a_counts[key] == n_a]
        if only:
            subject = alle(n_a, "sagen om den aktivitetsparate borger", "sager om aktivitetsparate borgere")
            out.append(saetning(f"{subject} ville blive {only[0]}"))
        else:
            bits = [f"{tal(a_counts[key])} blive {verb}" for key, verb in verbs if a_counts[key]]
            if bits:
                out.append(saetning(f"af de {tal(n_a)} sager om aktivitetsparate borgere ville {join_da(bits)}"))

    ok = sum(1 for r in cases if r.verdict is Verdict.UPHELD)
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
        out.append(f"{label}, {join_da(bits, comma=True)}.")
    out.append(NATIONAL_VERDICT_SENTENCE)
    return out


# Ankestyrelsen's 61 cases (2022): 9 in accordance, 52 would be changed. Counted in the same direction as
# the sentence before it (what is in order first), in digits as two numbers compared.
NATIONAL_VERDICT_SENTENCE = (
    "Til sammenligning fandt Ankestyrelsen i sin praksisundersøgelse af 61 sager fra 2022, at afgørelsen var "
    f"{Verdict.UPHELD.phrase} i 9 ud af 61 sager, og at den i de øvrige 52 sager "
    f"{Verdict.CHANGED.phrase.partition(',')[0]}.")


def verdict_sentences(cases: Sequence[CaseResult]) -> str:
    """How many decisions are in accordance, and what would happen to the others (one or two sentences)."""
    n = len(cases)
    upheld = Verdict.UPHELD.phrase
    counts = {v: sum(1 for r in cases if r.verdict is v) for v in ASSESSED_VERDICTS}
    ok, ch, rem = counts[Verdict.UPHELD], counts[Verdict.CHANGED], counts[Verdict.REMANDED]
    if ok == n:
        return saetning(f"{i_ud_af(n, n)} er afgørelsen {upheld}" if n > 1 else f"afgørelsen er {upheld}")
    for count, verdict, subject in ((ch, Verdict.CHANGED, "afgørelsen"), (rem, Verdict.REMANDED, "sagen")):
        if count == n:  # all the same way: 'I begge sager ville afgørelsen blive ændret, ...'
            clause = verdict_clause(verdict, subject)
            return saetning(f"{i_ud_af(n, n)} {clause}" if n > 1 else f"{subject} {verdict.phrase}")
    if ok == 0:
        s = saetning(f"ingen af de {tal(n)} afgørelser er {upheld}")
    else:
        s = saetning(f"{i_ud_af(ok, n)} er afgørelsen {upheld}")
    rest = []
    if ch:
        rest.append(f"i {sager(ch)} {verdict_clause(Verdict.CHANGED, 'afgørelsen')}")
    if rem:
        rest.append(f"i {sager(rem)} {verdict_clause(Verdict.REMANDED, 'sagen')}")
    return f"{s} {saetning(join_da(rest, comma=True))}"


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


NATIONAL_IN_ORDER = "i orden"
NATIONAL_FAILED = "mangler"


def national_note(figure: NationalFigure | None, *, failed: bool, explain: bool = True) -> str:
    """The national figure beside a sentence, counted the same way as the sentence (what failed, or what is
    in order) and labelled so: 'Landsplan 2022, mangler: 55 af 61 (ikke begrundet tilstrækkeligt, tabel 2.4)'.
    ``figure`` counts failures when ``failed`` is asked for and what is in order otherwise (the key figures);
    an item figure (failures) beside a sentence on what is in order is turned round."""
    if figure is None:
        return ""
    label = NATIONAL_FAILED if failed else NATIONAL_IN_ORDER
    what = f" ({figure.what})" if figure.what and explain else ""
    return f"{NATIONAL_LABEL}, {label}: {figure.count} af {figure.base}{what}"


def item_national_note(stat: ItemStat) -> str:
    """The national figure beside ``item_sentence``: failures beside a sentence on failures, what is in order
    beside a sentence saying the item is met."""
    if stat.national is None or not stat.applicable:
        return ""
    if stat.failed:
        return national_note(stat.national, failed=True)
    return national_note(stat.national.in_order(), failed=False) if stat.national.ok else ""


def key_figure_sentence(label: str, count: int, base: int) -> str:
    if base == 0:
        return f"{label}: ikke relevant i de gennemgåede sager."
    return saetning(f"{slutkomma(label)} {i_ud_af(count, base)}")
