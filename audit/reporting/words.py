"""Danish words for numbers, counts, lists and dates, as the reports write them (plain text, never HTML)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from audit.dates import DateParseError, format_da, parse_date
from audit.privacy import mask_cpr

# --- numbers -------------------------------------------------------------------------------------

_WORDS = ["nul", "én", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv"]


def tal(n: int, *, neuter: bool = False) -> str:
    """A count as the report writes it: words up to twelve ('én', 'ét' for neuter), digits above."""
    n = int(n)
    if n == 1 and neuter:
        return "ét"
    if 0 <= n <= 12:
        return _WORDS[n]
    return str(n)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def tal_par(x: int, n: int) -> tuple[str, str]:
    """Two numbers compared in one phrase ('x ud af n') are written alike: both in words when both are
    twelve or less, both in digits otherwise ('tolv ud af 14' becomes '12 ud af 14')."""
    x, n = int(x), int(n)
    if 0 <= x <= 12 and 0 <= n <= 12:
        return tal(x), tal(n)
    return str(x), str(n)


def antal(n: int, ental: str, flertal: str, *, neuter: bool = False) -> str:
    """A count with its noun in the right number: 'én sag', 'to sager', '14 sager', 'ét punkt'."""
    return f"{tal(n, neuter=neuter)} {ental if int(n) == 1 else flertal}"


def sager(n: int) -> str:
    """'én sag', 'to sager', '14 sager'."""
    return antal(n, "sag", "sager")


def i_ud_af(x: int, n: int) -> str:
    """'i fem ud af otte sager', 'i 12 ud af 14 sager', 'i begge sager', 'i alle otte sager',
    'i ingen af de otte sager', 'i sagen'."""
    if n <= 0:
        return "i ingen sager"
    if n == 1:
        return "i sagen" if x else "ikke i sagen"
    if x == n:
        return "i begge sager" if n == 2 else f"i alle {tal(n)} sager"
    if x == 0:
        return f"i ingen af de {tal(n)} sager"
    a, b = tal_par(x, n)
    return f"i {a} ud af {b} sager"


def ud_af(x: int, n: int) -> str:
    """'fem ud af otte sager', '12 ud af 14 sager' (no preposition)."""
    a, b = tal_par(x, n)
    return f"{a} ud af {b} {'sag' if n == 1 else 'sager'}"


def alle(n: int, ental: str, flertal: str) -> str:
    """All of ``n`` things as the subject of a sentence: 'sagen', 'begge sager', 'alle fem sager'
    ('ental' is the definite singular: 'sagen')."""
    if n == 1:
        return ental
    if n == 2:
        return f"begge {flertal}"
    return f"alle {tal(n)} {flertal}"


_REFERENCE_END = re.compile(r"(?:stk|nr|pkt)\. \d+\)?$")
_SUBCLAUSE = re.compile(r", (?:og )?(?:om|at|som|der|hvor|hvis|fordi|når|hvilke|hvilken|hvilket)\b")


def slutkomma(text: str) -> str:
    """The comma Danish writes when the main clause goes on after ``text`` (the sentence continues with
    'i fem sager'): after a reference with commas inside ('efter § 35, stk. 1, i fem sager') and after a
    subordinate clause ('Kommunen har vurderet, om borgeren ..., i 16 ud af 17 sager'). No comma after a
    plain reference ('efter §§ 36-40 i fem sager') or a main clause ('Sagen er oplyst i fem sager')."""
    if text.endswith(","):
        return text
    return text + "," if _REFERENCE_END.search(text) or _SUBCLAUSE.search(text) else text


def saetning(text: str) -> str:
    """A sentence: capital first letter and a full stop. A sentence never starts with a digit
    (Ankestyrelsen's rule): the shapes in ``text`` are written so it cannot happen, and this checks it."""
    text = text.strip()
    if text[:1].isdigit():
        raise ValueError(f"en sætning må ikke begynde med et tal: {text!r}")
    text = cap(text)
    return text if text.endswith((".", "?", "!")) else text + "."


def fordeling(dele: Sequence[tuple[int, str, str]], total: int, ledd: str = "af sagerne",
              tillaeg: Sequence[str] = ()) -> str:
    """How ``total`` cases divide into groups, each part agreeing in number with its count (no full stop):
    'tolv af sagerne vedrører jobparate borgere, og én vedrører en aktivitetsparat borger';
    'af sagerne vedrører 13 jobparate borgere, og to vedrører aktivitetsparate borgere';
    'begge sager vedrører jobparate borgere'; 'sagen vedrører en jobparat borger'.
    ``dele`` is (count, predicate in the singular, predicate in the plural), e.g.
    (5, 'vedrører en jobparat borger', 'vedrører jobparate borgere'); ``tillaeg`` are whole clauses added
    last ('i én sag fremgår målgruppen ikke')."""
    dele = [(int(n), en, flere) for n, en, flere in dele if n]
    if not dele:
        return join_da(list(tillaeg), comma=True)
    if len(dele) == 1 and dele[0][0] == total:
        n, en, flere = dele[0]
        return f"{alle(n, 'sagen', 'sager')} {en if n == 1 else flere}"
    parts = []
    for i, (n, en, flere) in enumerate(dele):
        verb, _, rest = (en if n == 1 else flere).partition(" ")
        if i == 0 and n > 12:  # never a digit first: the adverbial, then the verb (V2)
            parts.append(f"{ledd} {verb} {tal(n)} {rest}".strip())
        elif i == 0:
            parts.append(f"{tal(n)} {ledd} {verb} {rest}".strip())
        else:
            parts.append(f"{tal(n)} {verb} {rest}".strip())
    return join_da([*parts, *tillaeg], comma=True)


def join_da(parts: Sequence[str], last: str = "og", *, comma: bool = False) -> str:
    """'a, b og c'; with ``comma`` (main clauses) 'a, b, og c'."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ("," if comma else "") + f" {last} " + parts[-1]


_QUOTED = re.compile(r'"([^"\n]+)"|“([^”\n]+)”')


def citat(text: str) -> str:
    """Quotations in the report's prose as Danish writes them: »…« instead of "…" or “…”."""
    return _QUOTED.sub(lambda m: f"»{m.group(1) or m.group(2)}«", text)


# --- dates ---------------------------------------------------------------------------------------

def dato(value: object) -> str:
    """'16. februar 2021' from an ISO string or a date; the value as given when it is no date."""
    if value in (None, ""):
        return ""
    if isinstance(value, date):
        return format_da(value)
    try:
        return format_da(parse_date(value))
    except DateParseError:
        return mask_cpr(str(value))


def period_text(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "uden kendt afgørelsesdato"
    if first == last:
        return f"den {format_da(first)}"
    return f"i perioden fra {format_da(first)} til {format_da(last)}"
