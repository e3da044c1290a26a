"""CPR numbers never leave the tool: every text that may reach a user passes through ``mask_cpr``."""

from __future__ import annotations

import re

# ddmmyy-xxxx or ddmmyyxxxx, also with a space; not part of a longer digit run.
CPR_PATTERN = re.compile(r"(?<![\d])(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?![\d])")
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
