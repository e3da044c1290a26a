from __future__ import annotations

from datetime import date, datetime

import pytest

from audit.dates import DateParseError, add_months, format_da, parse_date
from audit.privacy import contains_cpr, mask_cpr
from audit.readers.parse import Place, parse_record


@pytest.mark.parametrize("text", ["2022-03-28", "28-03-2022", "28.03.2022", "28/03/2022", "28. marts 2022",
                                  "28 marts 2022", "28. mar. 2022", "2022-03-28T10:15", "2022-03-28 10:15:00"])
def test_accepted_date_forms(text):
    assert parse_date(text) == date(2022, 3, 28)


def test_real_dates_and_serials():
    assert parse_date(datetime(2022, 3, 28, 9, 0)) == date(2022, 3, 28)
    assert parse_date(44648, allow_serial=True) == date(2022, 3, 28)
    with pytest.raises(DateParseError):
        parse_date(44648)


@pytest.mark.parametrize("text", ["31-02-2022", "2022-13-01", "28. marts", "i går", "03/28/2022", "", "2022/03/28"])
def test_rejected_date_forms(text):
    with pytest.raises(DateParseError):
        parse_date(text)


def test_add_months_clamps_to_month_end():
    assert add_months(date(2021, 8, 31), 6) == date(2022, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2021, 12, 15), 1) == date(2022, 1, 15)
    assert format_da(date(2022, 1, 3)) == "3. januar 2022"


@pytest.mark.parametrize("text", ["010190-1234", "0101901234", "010190 1234", "320190-1234", "Mit cpr er 010190-1234."])
def test_cpr_masked(text):
    assert "1234" not in mask_cpr(text) and contains_cpr(text)


@pytest.mark.parametrize("text", ["2022-03-28", "tlf. 12345678", "sag 2022-041512", "12345678901"])
def test_not_cpr(text):
    assert mask_cpr(text) == text


@pytest.mark.parametrize("written", ["§ 37a", "37 a", "§37 a", "§ 37 A"])
def test_paragraph_spellings(written):
    raw = {"sagsnummer": "X", "kommune": "K", "hændelser": [
        {"type": "sanktion", "dato": "2021-01-05", "paragraf": written}], "afgørelse": {"dato": "2021-02-01"}}
    case, issues = parse_record(raw, lambda p: Place("x.json"))
    assert case is not None, [i.line() for i in issues]
    assert case.events[0].paragraph == "§ 37 a"
