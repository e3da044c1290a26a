"""audit template / audit.readers.template: the Excel template and its round trip through the reader."""

from __future__ import annotations

import re

import openpyxl
import pytest
from typer.testing import CliRunner

import audit.cli.main  # noqa: F401  (registers every command)
from audit import model as m
from audit.cli.app import app
from audit.readers import read_cases
from audit.readers.excel_reader import column_letter
from audit.readers.mapping import COLUMNS, SHEETS
from audit.readers.parse import Place, parse_record
from audit.readers.template import (
    DOCS,
    EXAMPLE_CASE,
    EXCEL_DATE_FORMAT,
    SHEET_GUIDE,
    SHEET_LISTS,
    TemplateError,
    build_workbook,
    write_template,
)
from audit.rules.checklist import known_item_ids

runner = CliRunner()


@pytest.fixture(scope="module")
def template_file(tmp_path_factory):
    return write_template(tmp_path_factory.mktemp("skabelon") / "skabelon.xlsx")


@pytest.fixture(scope="module")
def wb(template_file):
    return openpyxl.load_workbook(template_file)


def test_round_trip_gives_exactly_the_example_case(template_file):
    res = list(read_cases([str(template_file)]))
    # one warning, that this is the template's fictitious example (issue 14), and nothing else
    (warning,) = [i for r in res for i in r.issues]
    assert (warning.severity, warning.code, warning.sheet, warning.row) == ("advarsel", "eksempelsag", "Sager", 2)
    assert "opdigtede eksempel" in warning.message and "slet" in warning.message
    (r,) = res
    expected, issues = parse_record(EXAMPLE_CASE, lambda p: Place("eksempel"))
    assert [i.code for i in issues] == ["eksempelsag"]
    assert r.case.model_dump() == expected.model_dump()
    assert r.case.origin.sheet == "Sager" and r.case.origin.row == 2
    # the example exercises the format: several event types, an offer, a review
    assert len({e.type for e in r.case.events}) >= 8 and r.case.decision.offer and r.case.reviews


def test_docs_cover_every_column():
    for sheet in SHEETS:
        assert list(DOCS[sheet]) == list(COLUMNS[sheet])
        for col, doc in DOCS[sheet].items():
            assert doc.meaning and doc.fmt and doc.required, (sheet, col)


def test_sheets_and_hidden_lists(wb):
    assert wb.sheetnames == ["Sager", "Hændelser", "Vurderinger", SHEET_GUIDE, SHEET_LISTS]
    assert wb[SHEET_LISTS].sheet_state == "hidden"
    assert all(wb[s].sheet_state == "visible" for s in ("Sager", "Hændelser", "Vurderinger", SHEET_GUIDE))
    for sheet in SHEETS:
        ws = wb[sheet]
        assert [c.value for c in ws[1]] == list(COLUMNS[sheet])
        assert ws.freeze_panes == "A2"


def test_guide_explains_every_column(wb):
    ws = wb[SHEET_GUIDE]
    rows = {(r[0], r[1]) for r in ws.iter_rows(values_only=True) if r[0] in SHEETS}
    for sheet in SHEETS:
        for col in COLUMNS[sheet]:
            assert (sheet, col) in rows, (sheet, col)
    text = " ".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v)
    for etype in m.EVENT_TYPES:
        assert etype in text
    for item in known_item_ids():
        assert item in text
    assert "DD-MM-ÅÅÅÅ" in text and "Påkrævet" in text


def _validations(ws) -> dict[str, str]:
    """column letter -> formula of the list validation covering it from row 2"""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            start = re.match(r"([A-Z]+)2:([A-Z]+)\d+", rng)
            assert start and start.group(1) == start.group(2)
            out[start.group(1)] = dv.formula1
    return out


def _list_values(wb, formula: str) -> list[str]:
    ref = re.fullmatch(r"'?Lister'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", formula)
    assert ref, formula
    ws = wb[SHEET_LISTS]
    return [ws[f"{ref.group(1)}{r}"].value for r in range(int(ref.group(2)), int(ref.group(4)) + 1)]


CODED = {
    "Sager": {"civilstand": m.MARITAL_STATUSES, "ydelse": m.BENEFITS, "afgørelse_tilbud_art": m.OFFER_KINDS,
              "afgørelse_klagevejledning": m.YES_NO, "afgørelse_vilje_vurderet": m.YES_NO,
              "afgørelse_skriftlig": m.YES_NO, "afgørelse_forholdt_til_målgruppe": m.YES_NO,
              "afgørelse_forholdt_til_13_8": m.YES_NO},
    "Hændelser": {"type": m.EVENT_TYPES, "målgruppe": m.TARGET_GROUPS, "paragraf": m.SANCTION_PARAGRAPHS,
                  "art": m.BREACH_KINDS, "rimelig_grund": m.YES_NO_UNKNOWN, "kanal": m.CONTACT_CHANNELS,
                  "fremmer_rådighed": m.YES_NO, "første": m.YES_NO, "mødt": m.YES_NO, "opnået": m.YES_NO,
                  "samtykke": m.YES_NO, "skriftlig": m.YES_NO, "ægtefælle_vejledt": m.YES_NO},
    "Vurderinger": {"punkt": known_item_ids(), "svar": m.ANSWERS, "virkning": m.CONSEQUENCES},
}


def test_drop_downs_on_every_coded_column(wb):
    for sheet in SHEETS:
        ws = wb[sheet]
        dvs = _validations(ws)
        for col, doc in DOCS[sheet].items():
            letter = column_letter(COLUMNS[sheet].index(col))
            if doc.codes:
                assert letter in dvs, (sheet, col)
                assert _list_values(wb, dvs[letter]) == list(doc.codes), (sheet, col)
            else:
                assert letter not in dvs, (sheet, col)
        for col, codes in CODED[sheet].items():
            letter = column_letter(COLUMNS[sheet].index(col))
            assert _list_values(wb, dvs[letter]) == list(codes), (sheet, col)
    # every boolean decision column has the ja/nej list
    ws = wb["Sager"]
    dvs = _validations(ws)
    from audit.readers.parse import BOOL_FIELDS
    for col in COLUMNS["Sager"]:
        if col.removeprefix("afgørelse_") in BOOL_FIELDS:
            assert _list_values(wb, dvs[column_letter(COLUMNS["Sager"].index(col))]) == ["ja", "nej"]
    # free-text columns are not restricted (partshøring's 'svar' is text in Hændelser)
    assert column_letter(COLUMNS["Hændelser"].index("svar")) not in _validations(wb["Hændelser"])


def test_strict_lists_refuse_other_values_and_multi_lists_do_not(wb):
    ws = wb["Hændelser"]
    by_col = {}
    for dv in ws.data_validations.dataValidation:
        by_col[str(dv.sqref).split(":")[0].rstrip("0123456789")] = dv
    assert by_col[column_letter(COLUMNS["Hændelser"].index("kanal"))].showErrorMessage
    assert not by_col[column_letter(COLUMNS["Hændelser"].index("former"))].showErrorMessage


def test_date_columns_are_formatted(wb):
    ws = wb["Hændelser"]
    letter = column_letter(COLUMNS["Hændelser"].index("dato"))
    assert ws.column_dimensions[letter].number_format == EXCEL_DATE_FORMAT
    assert ws[f"{letter}2"].number_format == EXCEL_DATE_FORMAT
    assert ws[f"{letter}2"].is_date
    ws = wb["Sager"]
    for col in ("afgørelse_dato", "afgørelse_virkning_fra", "afgørelse_tilbud_startdato", "afgørelse_vedrører"):
        letter = column_letter(COLUMNS["Sager"].index(col))
        assert ws.column_dimensions[letter].number_format == EXCEL_DATE_FORMAT
        assert ws[f"{letter}2"].is_date and ws[f"{letter}2"].number_format == EXCEL_DATE_FORMAT
    # a text column is not a date column
    assert ws.column_dimensions["A"].number_format != EXCEL_DATE_FORMAT


def test_one_example_case_without_cpr(wb):
    ws = wb["Sager"]
    assert ws.max_row == 2
    cpr = COLUMNS["Sager"].index("cpr") + 1
    assert ws.cell(row=2, column=cpr).value is None
    assert {r[0] for r in wb["Hændelser"].iter_rows(min_row=2, values_only=True)} == {EXAMPLE_CASE["sagsnummer"]}


def test_refuses_to_overwrite(tmp_path):
    f = tmp_path / "findes.xlsx"
    f.write_bytes(b"mine data")
    with pytest.raises(TemplateError, match="findes allerede"):
        write_template(f)
    assert f.read_bytes() == b"mine data"
    write_template(f, overwrite=True)
    assert f.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findes.xlsx"]  # no temporary file left behind


@pytest.mark.parametrize("name", ["skabelon.xls", "skabelon.json", "skabelon"])
def test_needs_xlsx_suffix(tmp_path, name):
    with pytest.raises(TemplateError, match=".xlsx"):
        write_template(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_build_workbook_is_usable_without_writing():
    wb = build_workbook()
    assert "Sager" in wb.sheetnames


# -- CLI -------------------------------------------------------------------------------------------

def test_cli_writes_refuses_and_overwrites(tmp_path):
    f = tmp_path / "ud" / "skabelon.xlsx"
    res = runner.invoke(app, ["template", str(f)], catch_exceptions=False)
    assert res.exit_code == 0 and "Skabelonen er skrevet" in res.output and f.is_file()
    first = f.read_bytes()
    res = runner.invoke(app, ["template", str(f)], catch_exceptions=False)
    assert res.exit_code == 2 and "findes allerede" in res.output and "--overwrite" in res.output
    assert f.read_bytes() == first
    res = runner.invoke(app, ["template", str(f), "--overwrite"], catch_exceptions=False)
    assert res.exit_code == 0
    res = runner.invoke(app, ["validate", str(f)], catch_exceptions=False)
    assert res.exit_code == 0 and "Ingen fejl" in res.output


def test_cli_help_is_danish_with_example():
    res = runner.invoke(app, ["template", "--help"], catch_exceptions=False)
    assert res.exit_code == 0 and "Eksempel" in res.output and "audit template" in res.output


def test_example_case_is_a_model_decision():
    """The example is what a correct case looks like: the checklist finds nothing to remark on."""
    from audit.rules.engine import evaluate

    case, _ = parse_record(EXAMPLE_CASE, lambda p: Place("eksempel"))
    result = evaluate(case).to_dict()
    assert (result["samlet"], result["kritik"]) == ("i_overensstemmelse", "ingen"), [
        (p["id"], p["svar"]) for p in result["punkter"] if p["svar"] != "ja"]


def test_forholdt_til_13_8_column_is_explained_and_round_trips(wb, template_file):
    """rules.md revision 2, change 9: the optional decision column for an aktivitetsparat citizen."""
    header = [c.value for c in wb["Sager"][1]]
    assert header.index("afgørelse_forholdt_til_13_8") == header.index("afgørelse_forholdt_til_målgruppe") + 1
    guide = {r[1]: " ".join(str(v) for v in r if v) for r in wb[SHEET_GUIDE].iter_rows(values_only=True)
             if r[0] == "Sager"}
    text = guide["afgørelse_forholdt_til_13_8"]
    assert "aktivitetsparate" in text and "§ 13, stk. 8" in text and "'13, stk. 8'" in text
    assert "søges" in guide["afgørelse_forholdt_til_målgruppe"]
    (r,) = list(read_cases([str(template_file)]))
    assert r.case.decision.related_to_13_8 is True and EXAMPLE_CASE["afgørelse"]["forholdt_til_13_8"] is True


def test_a_real_case_with_the_example_number_elsewhere_is_not_warned_about():
    raw = {**EXAMPLE_CASE, "kommune": "Prøvested Kommune"}
    case, issues = parse_record(raw, lambda p: Place("sag"))
    assert case is not None and issues == []


def test_validate_and_run_warn_about_the_example_case(template_file, tmp_path):
    from typer.testing import CliRunner

    from audit.cli.app import app

    for args in (["validate", str(template_file)], ["run", str(template_file), "--out", str(tmp_path / "r")]):
        res = CliRunner().invoke(app, args)
        assert "opdigtede eksempel" in res.output, (args, res.output)
