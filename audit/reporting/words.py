"""Danish words for numbers, counts, lists and dates, as the reports write them (plain text, never HTML)."""

from __future__ import annotations

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


def sager(n: int) -> str:
    """'én sag', 'to sager', '14 sager'."""
    return f"{tal(n)} {'sag' if n == 1 else 'sager'}"


def i_ud_af(x: int, n: int) -> str:
    """'i fem ud af otte sager', 'i alle otte sager', 'i ingen af de otte sager', 'i sagen'."""
    if n <= 0:
        return "i ingen sager"
    if n == 1:
        return "i sagen" if x else "ikke i sagen"
    if x == n:
        return f"i alle {tal(n)} sager"
    if x == 0:
        return f"i ingen af de {tal(n)} sager"
    return f"i {tal(x)} ud af {tal(n)} sager"


def ud_af(x: int, n: int) -> str:
    """'fem ud af otte sager' (no preposition)."""
    return f"{tal(x)} ud af {tal(n)} {'sag' if n == 1 else 'sager'}"


def join_da(parts: Sequence[str], last: str = "og", *, comma: bool = False) -> str:
    """'a, b og c'; with ``comma`` (main clauses) 'a, b, og c'."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ("," if comma else "") + f" {last} " + parts[-1]


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
