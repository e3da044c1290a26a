"""Dates: reading the formats the case format allows, Danish display, calendar-month arithmetic."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, datetime, timedelta

MONTHS_DA = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]
_MONTH_INDEX = {name: i + 1 for i, name in enumerate(MONTHS_DA)}
# common abbreviations seen in exports ("28. mar. 2022")
_MONTH_INDEX.update({name[:3]: i + 1 for i, name in enumerate(MONTHS_DA)})
_MONTH_INDEX.update({"sept": 9, "febr": 2, "aug": 8, "okt": 10, "nov": 11, "dec": 12})

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_TEXT = re.compile(r"^(\d{1,2})\.?\s*([a-zæøå]+)\.?\s+(\d{4})$")

EXCEL_EPOCH = date(1899, 12, 30)

ACCEPTED_FORMATS_DA = "ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ, DD.MM.ÅÅÅÅ, DD/MM/ÅÅÅÅ eller '28. marts 2022'"


class DateParseError(ValueError):
    """A value that is not a date in one of the accepted forms (message in Danish)."""


def parse_date(value: object, *, allow_serial: bool = False) -> date:
    """Read one date. Raises DateParseError with a Danish message.

    ``allow_serial`` accepts Excel serial numbers (days since 1899-12-30), which appear when a
    cell lost its date format; only the Excel reader sets it.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise DateParseError("er ikke en dato")
    if isinstance(value, (int, float)):
        if allow_serial and 1 <= value < 2958466:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise DateParseError(f"er ikke en dato (forventet {ACCEPTED_FORMATS_DA})")
    if not isinstance(value, str):
        raise DateParseError(f"er ikke en dato (forventet {ACCEPTED_FORMATS_DA})")
    text = value.strip().lower()
    m = _ISO.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DMY.match(text)
        if m:
            d, mo, y = (int(g) for g in m.groups())
        else:
            m = _TEXT.match(text)
            if not m or m.group(2) not in _MONTH_INDEX:
                raise DateParseError(f"er ikke en dato (forventet {ACCEPTED_FORMATS_DA})")
            d, mo, y = int(m.group(1)), _MONTH_INDEX[m.group(2)], int(m.group(3))
    try:
        return date(y, mo, d)
    except ValueError:
        raise DateParseError("er en dato, der ikke findes i kalenderen") from None


@functools.lru_cache(maxsize=8192)
def format_da(d: date | None) -> str:
    """'16. februar 2021' (the report's form). Cached (a date is immutable; the cache holds at most 8,192
    dates, some twenty years of days): the reasons write the same few dates of a case many times."""
    if d is None:
        return "(ingen dato)"
    return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"


@functools.lru_cache(maxsize=8192)
def iso_date(d: date) -> str:
    """``d.isoformat()``, cached like ``format_da`` (the results write each date of a case several times)."""
    return d.isoformat()


@functools.lru_cache(maxsize=8192)
def add_months(d: date, months: int) -> date:
    """Calendar-month arithmetic: the same day number ``months`` later, or the month's last day
    when that day does not exist (31 August + 6 months = 28/29 February)."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last))


def month_arithmetic_note(start: date, months: int) -> str:
    """A Danish sentence that states the date used, for reasons shown to reviewers."""
    end = add_months(start, months)
    if end.day != start.day:
        return (f"{months} måneder efter {format_da(start)} er {format_da(end)} "
                f"(måneden har ikke den {start.day}., så månedens sidste dag bruges)")
    return f"{months} måneder efter {format_da(start)} er {format_da(end)}"


# --- the Danish calendar: weekends and public holidays (helligdage) -------------------------------------------
# The public holidays come from the ``holidays`` library (Denmark, public holidays only, Danish names); it
# knows that store bededag was abolished from 2024. Grundlovsdag, juleaftensdag and nytårsaftensdag are not
# helligdage and count as working days here.

WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@functools.lru_cache(maxsize=64)
def _danish_holidays(year: int) -> dict[date, str]:
    import holidays  # imported on first use: reading a case file never needs it

    return dict(holidays.country_holidays("DK", years=year, language="da"))


def holiday_name_da(d: date) -> str | None:
    """The Danish name of the public holiday on ``d`` as written in running text ("anden påskedag",
    "Kristi himmelfartsdag"), or None."""
    name = _danish_holidays(d.year).get(d)
    if name is None:
        return None
    return name if name.startswith("Kristi") else name[:1].lower() + name[1:]


def is_working_day(d: date) -> bool:
    """Monday to Friday and not a Danish public holiday."""
    return d.weekday() < 5 and holiday_name_da(d) is None


def first_working_day_after(d: date) -> date:
    """The first working day after ``d`` (the day after Friday + weekend + holiday Monday is Tuesday)."""
    nxt = d + timedelta(days=1)
    while not is_working_day(nxt):
        nxt += timedelta(days=1)
    return nxt


def format_day_da(d: date) -> str:
    """'lørdag den 1. oktober 2022'; a public holiday first: 'anden påskedag, mandag den 10. april 2023'."""
    text = f"{WEEKDAYS_DA[d.weekday()]} den {format_da(d)}"
    name = holiday_name_da(d)
    return f"{name}, {text}" if name else text
