"""Impossible dates are input errors (rules.md revision 2, "Impossible dates are input errors", change 10).

A partshøring answered before it was sent; a partshøring, kontaktforsøg, sagsoplysning or vurdering_13_8
dated before the breach it names (vedrører); a kontaktforsøg by fremmøde that was not reached. Each is a
located ``fejl`` (file, sheet, row, column or JSON path) naming both dates in Danish; the record is not
audited, the other records are. The day before is an error; the same day and the day after are not.

The base record (tests/conftest.py) has breaches on 10 January and 14 February 2024; the new events below
concern the breach of 14 February 2024 and are appended as the record's 8th event.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import make_record
from test_readers_excel import sheets_for
from typer.testing import CliRunner

import audit.cli.main  # noqa: F401  (registers every command)
from audit.cli.app import app
from audit.readers import read_cases
from audit.readers.excel_reader import column_letter
from audit.readers.mapping import EVENT_COLUMNS

runner = CliRunner()
BREACH = "2024-02-14"
CPR = "010190-1234"


def hearing(day: str) -> dict:
    return {"type": "partshøring", "dato": day, "vedrører": BREACH}


def attempt(day: str) -> dict:
    return {"type": "kontaktforsøg", "dato": day, "vedrører": BREACH, "kanal": "telefon", "opnået": False}


def inquiry(day: str) -> dict:
    return {"type": "sagsoplysning", "dato": day, "vedrører": BREACH, "kilde": "borger", "resultat": "Oplyst."}


def assessment(day: str) -> dict:
    return {"type": "vurdering_13_8", "dato": day, "vedrører": BREACH, "andre_forhold": "Ingen.",
            "fremmer_rådighed": "ja"}


def answered(day: str) -> dict:
    """A hearing sent on 15 February 2024 and answered on ``day``."""
    return {"type": "partshøring", "dato": "2024-02-15", "vedrører": BREACH, "svar_dato": day,
            "svar": "Jeg var syg."}


# (name, event for a day, the day before / same day / day after, the field that is located, the two dates)
BEFORE_BREACH = [
    ("partshøring", hearing, "dato", "partshøringen"),
    ("kontaktforsøg", attempt, "dato", "kontaktforsøget"),
    ("sagsoplysning", inquiry, "dato", "sagsoplysningen"),
    ("vurdering_13_8", assessment, "dato", "vurderingen efter § 13, stk. 8,"),
]
DAYS = {"dagen_foer": "2024-02-13", "samme_dag": "2024-02-14", "dagen_efter": "2024-02-15"}


def bad_record(event: dict, number: str = "PK-BAD") -> dict:
    rec = make_record(number, cpr=CPR)
    rec["hændelser"].append(event)
    return rec


def write_and_read(tmp_path, records: list[dict], fmt: str):
    """Write ``records`` as .json (a list), .jsonl or .xlsx and read them back."""
    if fmt == "json":
        f = tmp_path / "sager.json"
        f.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    elif fmt == "jsonl":
        f = tmp_path / "sager.jsonl"
        f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    else:
        from conftest import xlsx_bytes_to

        sheets = sheets_for(records)
        # real Excel dates for the events' own dates, as an export would write them
        header = sheets["Hændelser"][0]
        for row in sheets["Hændelser"][1:]:
            for name in ("dato", "vedrører", "svar_dato"):
                i = header.index(name)
                if isinstance(row[i], str):
                    row[i] = dt.datetime.fromisoformat(row[i])
        f = xlsx_bytes_to(tmp_path / "sager.xlsx", sheets)
    return f, list(read_cases([str(f)]))


def the_one_error(res, number: str = "PK-BAD"):
    (bad,) = [r for r in res if r.issues]
    assert bad.case is None, "a record with an impossible date is not audited"
    (issue,) = bad.issues
    assert issue.severity == "fejl" and issue.case_number == number
    return issue


def assert_located(issue, f, fmt: str, field: str) -> None:
    """Where the user finds it: the JSON path, the JSONL line, or the Excel sheet, row and column."""
    assert issue.file == str(f)
    if fmt == "json":
        assert issue.field == f"[1].hændelser[8].{field}"
    elif fmt == "jsonl":
        assert issue.row == 1 and issue.field == f"hændelser[8].{field}"
    else:
        # header in row 1, the bad record's 8 events in rows 2-9
        assert issue.sheet == "Hændelser" and issue.row == 9
        assert issue.column == f"{column_letter(EVENT_COLUMNS.index(field))} ({field})"


FORMATS = ("json", "jsonl", "xlsx")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("kind", "make", "field", "name"), BEFORE_BREACH, ids=[b[0] for b in BEFORE_BREACH])
def test_event_dated_the_day_before_its_breach_is_an_error(tmp_path, fmt, kind, make, field, name):
    f, res = write_and_read(tmp_path, [bad_record(make(DAYS["dagen_foer"])), make_record("PK-OK")], fmt)
    issue = the_one_error(res)
    assert issue.code == "foer_tilsidesaettelsen"
    assert_located(issue, f, fmt, field)
    assert issue.message.startswith(f"{name} er dateret 13. februar 2024 (dato)")
    assert "tilsidesættelsen den 14. februar 2024 (vedrører)" in issue.message
    assert [r.case.case_number for r in res if r.case is not None] == ["PK-OK"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("day", ["samme_dag", "dagen_efter"])
@pytest.mark.parametrize(("kind", "make", "field", "name"), BEFORE_BREACH, ids=[b[0] for b in BEFORE_BREACH])
def test_event_on_or_after_its_breach_is_read(tmp_path, fmt, day, kind, make, field, name):
    _, res = write_and_read(tmp_path, [bad_record(make(DAYS[day]), "PK-1"), make_record("PK-OK")], fmt)
    assert [i.line() for r in res for i in r.issues] == []
    assert [r.case.case_number for r in res] == ["PK-1", "PK-OK"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_answer_the_day_before_the_hearing_is_an_error(tmp_path, fmt):
    f, res = write_and_read(tmp_path, [bad_record(answered("2024-02-14")), make_record("PK-OK")], fmt)
    issue = the_one_error(res)
    assert issue.code == "svar_foer_partshoering"
    assert_located(issue, f, fmt, "svar_dato")
    assert "svar er dateret 14. februar 2024 (svar_dato)" in issue.message
    assert "partshøringen den 15. februar 2024 (dato)" in issue.message


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("day", ["2024-02-15", "2024-02-16"], ids=["samme_dag", "dagen_efter"])
def test_answer_on_or_after_the_hearing_is_read(tmp_path, fmt, day):
    _, res = write_and_read(tmp_path, [bad_record(answered(day), "PK-1")], fmt)
    assert [i.line() for r in res for i in r.issues] == []
    assert res[0].case is not None and res[0].case.events[-1].answer_date == dt.date.fromisoformat(day)


@pytest.mark.parametrize("fmt", FORMATS)
def test_fremmoede_not_reached_is_an_error(tmp_path, fmt):
    event = {"type": "kontaktforsøg", "dato": "2024-02-16", "vedrører": BREACH, "kanal": "fremmøde",
             "opnået": False}
    f, res = write_and_read(tmp_path, [bad_record(event), make_record("PK-OK")], fmt)
    issue = the_one_error(res)
    assert issue.code == "fremmoede_ikke_opnaaet"
    assert_located(issue, f, fmt, "opnået")
    assert "kontaktforsøget den 16. februar 2024 har kanal 'fremmøde'" in issue.message
    assert "'opnået' er nej" in issue.message


@pytest.mark.parametrize(("channel", "reached"), [("fremmøde", True), ("fremmøde", None), ("telefon", False)])
def test_fremmoede_reached_or_other_channels_are_read(tmp_path, channel, reached):
    event = {"type": "kontaktforsøg", "dato": "2024-02-16", "vedrører": BREACH, "kanal": channel}
    if reached is not None:
        event["opnået"] = reached
    _, res = write_and_read(tmp_path, [bad_record(event, "PK-1")], "json")
    assert [i.line() for r in res for i in r.issues] == [] and res[0].case is not None


def test_every_impossible_date_of_a_record_is_reported(tmp_path):
    rec = bad_record(hearing("2024-02-13"))
    rec["hændelser"].append(answered("2024-02-14"))
    rec["hændelser"].append({"type": "kontaktforsøg", "dato": "2024-02-16", "vedrører": BREACH,
                             "kanal": "fremmøde", "opnået": False})
    _, res = write_and_read(tmp_path, [rec], "jsonl")
    assert [i.code for i in res[0].issues] == ["foer_tilsidesaettelsen", "svar_foer_partshoering",
                                               "fremmoede_ikke_opnaaet"]
    assert res[0].case is None


def test_a_sanction_before_its_breach_is_not_an_input_error(tmp_path):
    """That makes the prior sanction wrong (forudgaaende_sanktion), which the audit must say."""
    rec = make_record("PK-1")
    rec["hændelser"].append({"type": "sanktion", "dato": "2024-02-13", "paragraf": "§ 36", "vedrører": BREACH})
    _, res = write_and_read(tmp_path, [rec], "json")
    assert [i.line() for r in res for i in r.issues] == [] and res[0].case is not None


def test_an_event_naming_no_breach_is_not_checked(tmp_path):
    _, res = write_and_read(tmp_path, [bad_record({"type": "partshøring", "dato": "2024-02-13"}, "PK-1")], "json")
    assert [i.line() for r in res for i in r.issues] == [] and res[0].case is not None


# -- the command line ---------------------------------------------------------------------------------

def test_validate_reports_the_impossible_date_located_in_danish_without_cpr(tmp_path):
    f, _ = write_and_read(tmp_path, [bad_record(attempt("2024-02-13")), make_record("PK-OK")], "xlsx")
    res = runner.invoke(app, ["validate", str(f)], catch_exceptions=False)
    assert res.exit_code == 1
    col = column_letter(EVENT_COLUMNS.index("dato"))
    (line,) = [x for x in res.output.splitlines() if x.startswith("FEJL:")]
    assert line.startswith(f"FEJL: {f}, ark 'Hændelser', række 9, kolonne {col} (dato) [sag PK-BAD]: "
                           "kontaktforsøget er dateret 13. februar 2024 (dato), men vedrører tilsidesættelsen "
                           "den 14. februar 2024 (vedrører)")
    assert "1 sag kan læses, 1 kan ikke læses; 1 fejl" in res.output
    assert CPR not in res.output


def test_run_audits_the_other_cases_and_exits_1(tmp_path):
    f, _ = write_and_read(tmp_path, [make_record("PK-1"), bad_record(answered("2024-02-14")),
                                     make_record("PK-2")], "jsonl")
    out = tmp_path / "res"
    res = runner.invoke(app, ["run", str(f), "--out", str(out), "--quiet"])
    assert res.exit_code == 1
    results = [json.loads(x) for x in (out / "resultater.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["sagsnummer"] for r in results] == ["PK-1", "PK-2"]
    problems_text = (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8")
    problems = [json.loads(x) for x in problems_text.splitlines()]
    (p,) = [p for p in problems if p["alvor"] == "fejl"]
    assert p["sagsnummer"] == "PK-BAD" and p["kode"] == "svar_foer_partshoering" and p["række"] == 2
    assert p["felt"] == "hændelser[8].svar_dato"
    assert "14. februar 2024" in p["besked"] and "15. februar 2024" in p["besked"]
    assert CPR not in res.output + problems_text
