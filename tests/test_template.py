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
from audit.readers.mapping import COLUMNS, DISPLAY_HEADERS, SHEETS
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
        assert [c.value for c in ws[1]] == [DISPLAY_HEADERS[sheet][c] for c in COLUMNS[sheet]]
        assert ws.freeze_panes == "A2"


def test_guide_explains_every_column(wb):
    ws = wb[SHEET_GUIDE]
    rows = {(r[0], r[1], r[6]) for r in ws.iter_rows(values_only=True) if r[0] in SHEETS}
    for sheet in SHEETS:
        for col in COLUMNS[sheet]:  # the header as the template writes it, and the format's name
            assert (sheet, DISPLAY_HEADERS[sheet][col], col) in rows, (sheet, col)
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


JA_NEJ = ("Ja", "Nej")
CODED = {
    "Sager": {"civilstand": ("Gift", "Ugift"),
              "ydelse": ("Kontanthjælp", "Uddannelseshjælp", "Selvforsørgelses- og hjemrejseydelse",
                         "Overgangsydelse"),
              "afgørelse_tilbud_art": ("Tilbud", "Daglige samtaler", "Dagligt fremmøde", "Program", "Andet"),
              "afgørelse_vægt_på": ("Tidligere sanktioner", "Tidligere manglende vilje", "Adfærd", "Samlet billede",
                                    "Andet"),
              "afgørelse_klagevejledning": JA_NEJ, "afgørelse_vilje_vurderet": JA_NEJ,
              "afgørelse_skriftlig": JA_NEJ, "afgørelse_forholdt_til_målgruppe": JA_NEJ,
              "afgørelse_forholdt_til_13_8": JA_NEJ},
    "Hændelser": {"type": ("Visitation", "Jobsamtale", "Vejledning", "Sanktion", "Skærpet vejledning",
                           "Tilsidesættelse", "Partshøring", "Kontaktforsøg", "Sagsoplysning",
                           "Vurdering efter § 13, stk. 8"),
                  "målgruppe": ("Jobparat", "Aktivitetsparat"), "paragraf": m.SANCTION_PARAGRAPHS,
                  "art": ("Afslået arbejde", "Udeblevet fra jobsamtale", "Udeblevet fra opfølgningssamtale",
                          "Ikke booket samtale", "Ikke meldt syg", "Udeblevet fra sygeopfølgning",
                          "Udeblevet fra program", "Afvist tilbud", "Udeblevet fra tilbud", "Ikke søgt job",
                          "Ikke registreret CV", "Ikke aktivt jobsøgende", "Andet"),
                  "former": ("Gennemgået", "Udleveret", "Sendt", "Tilgængeliggjort"),
                  "elementer": ("Konsekvens", "Kun fremmødedage", "Lukning af kalendermåned", "Ægtefælle"),
                  "rimelig_grund": ("Ja", "Nej", "Ukendt"),
                  "kanal": ("Brev", "Digital post", "E-mail", "SMS", "Telefon", "Hjemmebesøg", "Tilbudssted",
                            "Mentor", "Støtteperson", "Værge", "Behandlingssted", "Familie", "Fremmøde"),
                  "fremmer_rådighed": JA_NEJ, "første": JA_NEJ, "mødt": JA_NEJ, "opnået": JA_NEJ,
                  "samtykke": JA_NEJ, "skriftlig": JA_NEJ, "ægtefælle_vejledt": JA_NEJ},
    "Vurderinger": {"punkt": known_item_ids(), "svar": ("Ja", "Nej", "Ved ikke", "Ikke relevant"),
                    "virkning": ("Ændres", "Hjemvises", "Kritik", "Bemærkning")},
}


def test_drop_downs_on_every_coded_column(wb):
    for sheet in SHEETS:
        ws = wb[sheet]
        dvs = _validations(ws)
        for col, doc in DOCS[sheet].items():
            letter = column_letter(COLUMNS[sheet].index(col))
            if doc.codes:
                assert letter in dvs, (sheet, col)
                assert len(_list_values(wb, dvs[letter])) == len(doc.codes), (sheet, col)
            else:
                assert letter not in dvs, (sheet, col)
        for col, codes in CODED[sheet].items():
            letter = column_letter(COLUMNS[sheet].index(col))
            assert _list_values(wb, dvs[letter]) == list(codes), (sheet, col)
    # the words named in issue 14 and written as a caseworker would
    words = {v for ws in (wb["Sager"], wb["Hændelser"]) for f in _validations(ws).values()
             for v in _list_values(wb, f)}
    assert {"Udeblevet fra opfølgningssamtale", "Daglige samtaler", "Tidligere sanktioner", "Ja", "Nej"} <= words
    # every boolean decision column has the ja/nej list
    ws = wb["Sager"]
    dvs = _validations(ws)
    from audit.readers.parse import BOOL_FIELDS
    for col in COLUMNS["Sager"]:
        if col.removeprefix("afgørelse_") in BOOL_FIELDS:
            assert _list_values(wb, dvs[column_letter(COLUMNS["Sager"].index(col))]) == ["Ja", "Nej"]
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
    assert header.index("Forholdt til § 13, stk. 8") == header.index("Forholdt til målgruppe") + 1
    guide = {r[6]: " ".join(str(v) for v in r if v) for r in wb[SHEET_GUIDE].iter_rows(values_only=True)
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


# -- the template in the user's language (issue 14, Deliver 3) ----------------------------------------

def test_headers_and_drop_down_lists_are_words_not_codes(wb):
    for sheet in SHEETS:
        ws = wb[sheet]
        for cell in ws[1]:
            assert "_" not in cell.value and cell.value[0].isupper(), (sheet, cell.value)
        punkt = column_letter(COLUMNS[sheet].index("punkt")) if "punkt" in COLUMNS[sheet] else None
        for letter, formula in _validations(ws).items():
            if letter == punkt:  # the checklist's item ids (see the Vejledning sheet)
                continue
            for v in _list_values(wb, formula):
                assert "_" not in v and v[0] == v[0].upper(), (sheet, letter, v)
    # the example case is written with the same words
    row = {h.value: c.value for h, c in zip(wb["Sager"][1], wb["Sager"][2], strict=True)}
    assert row["Tilbud: art"] == "Daglige samtaler" and row["Lagt vægt på"] == "Tidligere sanktioner, Adfærd"
    assert row["Klagevejledning"] == "Ja" and row["Længde (måneder)"] == 2


def _real(template_file, tmp_path, name, change=None):
    """The template with its example turned into a 'real' case (another municipality), optionally changed."""
    book = openpyxl.load_workbook(template_file)
    for sheet in SHEETS:
        ws = book[sheet]
        kommune = [c.value for c in ws[1]].index("Kommune") + 1
        for r in range(2, ws.max_row + 1):
            ws.cell(row=r, column=kommune, value="Prøvested Kommune")
        if change:
            change(sheet, ws)
    out = tmp_path / name
    book.save(out)
    return out


def _expected():
    case, issues = parse_record({**EXAMPLE_CASE, "kommune": "Prøvested Kommune"}, lambda p: Place("x"))
    assert issues == []
    return case.model_dump(exclude={"origin"})


def test_filled_with_the_drop_down_words_audits_without_any_message(template_file, tmp_path):
    from audit.readers.codes import DISPLAY

    chosen = {("Hændelser", "Art"): "Udeblevet fra opfølgningssamtale", ("Sager", "Tilbud: art"): "Dagligt fremmøde",
              ("Sager", "Lagt vægt på"): "Tidligere sanktioner, Samlet billede"}

    def change(sheet, ws):
        header = [c.value for c in ws[1]]
        for (s, h), word in chosen.items():
            if s == sheet:
                for r in range(2, ws.max_row + 1):
                    if ws.cell(row=r, column=header.index(h) + 1).value:
                        ws.cell(row=r, column=header.index(h) + 1, value=word)

    res = list(read_cases([str(_real(template_file, tmp_path, "ord.xlsx", change))]))
    (r,) = res
    assert r.issues == [] and r.case is not None
    assert r.case.decision.offer.kind == "dagligt_fremmøde"
    assert r.case.decision.weighted == ("tidligere_sanktioner", "samlet_billede")
    assert {e.kind for e in r.case.events if e.type == "tilsidesættelse"} == {"udeblevet_opfølgningssamtale"}
    assert "Udeblevet fra opfølgningssamtale" in DISPLAY[m.BREACH_KINDS].values()
    # unchanged, the words read back as exactly the example's codes
    (r,) = list(read_cases([str(_real(template_file, tmp_path, "uændret.xlsx"))]))
    assert r.issues == [] and r.case.model_dump(exclude={"origin"}) == _expected()


def test_codes_with_spaces_instead_of_underscores_give_warnings_not_errors(template_file, tmp_path):
    from audit.readers.codes import DISPLAY

    codes_by_word = {w: c for table in DISPLAY.values() for c, w in table.items()}

    def change(sheet, ws):
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.value in codes_by_word:  # one word (may hold a comma: "Vurdering efter § 13, stk. 8")
                    cell.value = codes_by_word[cell.value].replace("_", " ")
                elif isinstance(cell.value, str):
                    parts = [p.strip() for p in cell.value.split(",")]
                    if all(p in codes_by_word for p in parts):
                        cell.value = ", ".join(codes_by_word[p].replace("_", " ") for p in parts)

    (r,) = list(read_cases([str(_real(template_file, tmp_path, "koder.xlsx", change))]))
    assert r.case is not None and not [i for i in r.issues if i.severity == "fejl"]
    warned = {i.value for i in r.issues}
    assert {i.code for i in r.issues} == {"kode_fortolket"} and "vejledning skærpet" in warned
    assert "vurdering 13 8" in warned and "tidligere sanktioner, adfærd" not in warned  # the words: silent
    assert r.case.model_dump(exclude={"origin"}) == _expected()


def test_canonical_headers_and_codes_still_read(template_file, tmp_path):
    from audit.readers.codes import DISPLAY

    codes_by_word = {w: c for table in DISPLAY.values() for c, w in table.items()}

    def change(sheet, ws):
        for j, col in enumerate(COLUMNS[sheet], start=1):
            ws.cell(row=1, column=j, value=col)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.value in codes_by_word:
                    cell.value = codes_by_word[cell.value]
                elif isinstance(cell.value, str) and all(p.strip() in codes_by_word for p in cell.value.split(",")):
                    cell.value = ", ".join(codes_by_word[p.strip()] for p in cell.value.split(","))

    (r,) = list(read_cases([str(_real(template_file, tmp_path, "kanonisk.xlsx", change))]))
    assert r.issues == [] and r.case.model_dump(exclude={"origin"}) == _expected()


def test_example_case_with_danish_template_round_trips_through_validate_and_run(template_file, tmp_path):
    """Only the eksempelsag warning: no other advarsel and no fejl from the Danish headers and words."""
    res = runner.invoke(app, ["validate", str(template_file)])
    assert res.exit_code == 0 and "opdigtede eksempel" in res.output, res.output
    assert res.output.count("ADVARSEL") == 1 and "0 fejl og 1 advarsel" in res.output
    res = runner.invoke(app, ["run", str(template_file), "--out", str(tmp_path / "r")])
    assert res.exit_code == 0 and "opdigtede eksempel" in res.output, res.output
    assert res.output.count("ADVARSEL") == 1 and "(0 fejl, 1 advarsel)" in res.output
