"""CPR numbers never leave the tool: every text that may reach a user passes through ``mask_cpr``.

A CPR number is six digits (ddmmyy) and four digits, written together or separated by a hyphen, any
Unicode dash (en dash, non-breaking hyphen, minus sign, ...) or spaces of any kind (NBSP, thin space).
Numbers count too: ``mask_value`` masks an int or float that reads as a CPR number, also one that lost its
leading zero on the way through a spreadsheet (9 digits).
"""

from __future__ import annotations

import os
import re

# Hyphen-minus and every Unicode "dash punctuation" (Pd), plus the minus signs that are not Pd.
_DASHES = "\\-\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40" \
          "\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\u2212\u2796\u00ad"
# Any whitespace (\s covers NBSP, thin space, narrow NBSP) and the zero-width characters.
_SPACE = r"[\s\u200b\u200c\u200d\u2060\ufeff]"
_SEP = rf"(?:{_SPACE}{{0,3}}[{_DASHES}]{_SPACE}{{0,3}}|{_SPACE}{{1,3}})?"
# ddmmyy, separator, xxxx; not part of a longer digit run.
CPR_PATTERN = re.compile(rf"(?<![\d])(\d{{2}})(\d{{2}})(\d{{2}}){_SEP}(\d{{4}})(?![\d])")
MASK = "xxxxxx-xxxx"


def _looks_like_cpr(m: re.Match[str]) -> bool:
    day, month = int(m.group(1)), int(m.group(2))
    # Real CPR numbers have day 01-31 (+40 for replacement numbers) and month 01-12. Test numbers
    # with impossible days (e.g. 32-39 or 00) are masked as well: anything with a plausible
    # month is treated as personal data, because the cost of a miss is much higher than the cost
    # of masking a harmless number.
    return 1 <= month <= 12 and 0 <= day <= 71


def mask_cpr(text: str) -> str:
    """Replace every CPR-like number in ``text`` by ``xxxxxx-xxxx``."""
    if not text:
        return text
    return CPR_PATTERN.sub(lambda m: MASK if _looks_like_cpr(m) else m.group(0), text)


def contains_cpr(text: str) -> bool:
    return any(_looks_like_cpr(m) for m in CPR_PATTERN.finditer(text or ""))


def number_is_cpr(value: object) -> bool:
    """An int (or whole float) that reads as a CPR number: 10 digits, or 9 when the leading 0 was lost."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float):
        if not value.is_integer():
            return False
        value = int(value)
    if value < 0:
        return False
    digits = str(value)
    return len(digits) in (9, 10) and contains_cpr(digits.zfill(10))


def mask_value(value: object) -> object:
    """``value`` with any CPR number masked: texts through ``mask_cpr``, CPR-like numbers as the mask text."""
    if isinstance(value, str):
        return mask_cpr(value)
    if number_is_cpr(value):
        return MASK
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (a JSON escape such as \\ud83d, or a file name that is not UTF-8) cannot be written as
    UTF-8; each becomes U+FFFD (the replacement character)."""
    return _SURROGATE.sub("\ufffd", text)


def safe_text(text: object) -> str:
    """Text that can always be written as UTF-8 and holds no CPR number."""
    return mask_cpr(without_surrogates(text if isinstance(text, str) else str(text)))


def safe_path(path: str | os.PathLike) -> str:
    """A path as it may be shown or written: undecodable bytes replaced, CPR numbers masked."""
    return safe_text(os.fspath(path) if not isinstance(path, bytes) else os.fsdecode(path))
