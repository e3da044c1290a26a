"""The Danish calendar in audit.dates (rules.md revision 2, change 8: a § 40 a offer may start on the first
working day after a virkning_fra on a Saturday, Sunday or public holiday, vejledningen 2020 line 2648)."""

from __future__ import annotations

from datetime import date

import pytest

from audit.dates import first_working_day_after, format_day_da, holiday_name_da, is_working_day


def test_store_bededag_2023_is_a_holiday_but_not_in_2024():
    # Store bededag was abolished from 2024 (the library knows it; no hand-written list).
    assert holiday_name_da(date(2023, 5, 5)) == "store bededag"
    assert not is_working_day(date(2023, 5, 5))
    assert holiday_name_da(date(2024, 4, 26)) is None  # the fourth Friday after Easter 2024
    assert is_working_day(date(2024, 4, 26))


@pytest.mark.parametrize("day,name", [
    (date(2023, 4, 6), "skærtorsdag"),
    (date(2023, 4, 7), "langfredag"),
    (date(2023, 4, 9), "påskedag"),
    (date(2023, 4, 10), "anden påskedag"),
    (date(2023, 5, 18), "Kristi himmelfartsdag"),
    (date(2023, 5, 29), "anden pinsedag"),
    (date(2022, 12, 25), "juledag"),
    (date(2022, 12, 26), "anden juledag"),
    (date(2023, 1, 1), "nytårsdag"),
])
def test_danish_names_of_public_holidays(day, name):
    assert holiday_name_da(day) == name
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2023, 6, 5), date(2023, 12, 24), date(2023, 12, 31)])
def test_grundlovsdag_juleaften_nytaarsaften_are_not_public_holidays(day):
    assert holiday_name_da(day) is None


def test_weekend_is_not_a_working_day():
    assert not is_working_day(date(2022, 10, 1))  # Saturday
    assert not is_working_day(date(2022, 10, 2))  # Sunday
    assert is_working_day(date(2022, 10, 3))  # Monday
    assert first_working_day_after(date(2022, 10, 1)) == date(2022, 10, 3)
    assert first_working_day_after(date(2022, 10, 2)) == date(2022, 10, 3)


def test_first_working_day_after_a_working_day_is_the_next_day():
    assert first_working_day_after(date(2022, 10, 3)) == date(2022, 10, 4)


def test_first_working_day_after_easter_2023():
    # Langfredag 7 April, Saturday, påskedag 9 April and anden påskedag Monday 10 April: Tuesday 11 April.
    for day in (date(2023, 4, 6), date(2023, 4, 7), date(2023, 4, 8), date(2023, 4, 9), date(2023, 4, 10)):
        assert first_working_day_after(day) == date(2023, 4, 11), day


def test_first_working_day_after_christmas_2022():
    # Juledag Sunday 25 December, anden juledag Monday 26 December: Tuesday 27 December.
    assert first_working_day_after(date(2022, 12, 24)) == date(2022, 12, 27)


def test_format_day_names_weekday_and_holiday():
    assert format_day_da(date(2022, 10, 1)) == "lørdag den 1. oktober 2022"
    assert format_day_da(date(2023, 4, 10)) == "anden påskedag, mandag den 10. april 2023"
    assert format_day_da(date(2023, 5, 5)) == "store bededag, fredag den 5. maj 2023"
    assert format_day_da(date(2024, 5, 3)) == "fredag den 3. maj 2024"
