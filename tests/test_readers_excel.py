"""audit.readers: Excel input (python-calamine), header matching, joins, locations, column mapping."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_record

from audit.model import COMMON_EVENT_FIELDS, EVENT_FIELDS
from audit.readers import MappingError, read_cases
from audit.readers.excel_reader import column_letter
from audit.readers.mapping import (
    CASE_COLUMNS,
    COLUMNS,
    EVENT_COLUMNS,
    REVIEW_COLUMNS,
    SHEETS,
    load_mapping,
    norm_header,
)
from audit.readers.parse import DECISION_FIELDS


def cell(value):
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (list, tuple)):
        return ", ".join(value)
    return value


def sheets_for(records: list[dict], *, with_kommune_on_events: bool = True) -> dict[str, list[list]]:
    """Records in the canonical Excel layout (dates as ISO text)."""
    ev_cols = [c for c in EVENT_COLUMNS if with_kommune_on_events or c != "kommune"]
    sager = [list(CASE_COLUMNS)]
    events = [ev_cols]
    for rec in records:
        row = {k: v for k, v in rec.items() if k in CASE_COLUMNS}
        for k, v in (rec.get("afgørelse") or {}).items():
            if k == "tilbud":
                row.update({f"afgørelse_tilbud_{ok}": ov for ok, ov in v.items()})
            else:
                row[f"afgørelse_{k}"] = v
        sager.append([cell(row.get(c)) for c in CASE_COLUMNS])
        for ev in rec["hændelser"]:
            full = {"sagsnummer": rec["sagsnummer"], "kommune": rec["kommune"], **ev}
            events.append([cell(full.get(c)) for c in ev_cols])
    return {"Sager": sager, "Hændelser": events}


def results(*paths, mapping=None):
    return list(read_cases([str(p) for p in paths], mapping_file=str(mapping) if mapping else None))


def issues_of(res):
    return [i for r in res for i in r.issues]


def cases_of(res):
    return [r.case for r in res if r.case is not None]


def col(name: str, columns=CASE_COLUMNS) -> str:
    return column_letter(list(columns).index(name))


# -- the column lists ------------------------------------------------------------------------------

def test_columns_cover_the_model():
    event_fields = {f for fs in EVENT_FIELDS.values() for f in fs} | set(COMMON_EVENT_FIELDS)
    assert event_fields | {"sagsnummer", "kommune"} == set(EVENT_COLUMNS)
    decision = {c.removeprefix("afgørelse_") for c in CASE_COLUMNS if c.startswith("afgørelse_")}
    assert decision == (set(DECISION_FIELDS) - {"tilbud"}) | {"tilbud_art", "tilbud_startdato"}
    assert "punkt" in REVIEW_COLUMNS
    for sheet in SHEETS:  # no two columns of a sheet normalise to the same header
        assert len({norm_header(c) for c in COLUMNS[sheet]}) == len(COLUMNS[sheet])


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


# -- reading -----------------------------------------------------------------------------------------

def test_reads_records_with_events_and_origins(write_xlsx):
    f = write_xlsx("sager.xlsx", sheets_for([make_record("A-1"), make_record("A-2")]))
    res = results(f)
    assert issues_of(res) == []
    a1, a2 = cases_of(res)
    assert (a1.case_number, a2.case_number) == ("A-1", "A-2")
    assert (a1.origin.sheet, a1.origin.row, a2.origin.row) == ("Sager", 2, 3)
    assert [e.origin.row for e in a1.events] == list(range(2, 9))
    assert [e.origin.row for e in a2.events] == list(range(9, 16))
    assert a1.events[2].forms == ("gennemgået", "udleveret")
    assert a1.events[1].first is True
    assert a1.decision.offer.kind == "daglige_samtaler"
    assert a1.decision.offer.start_date == dt.date(2024, 3, 7)
    assert a1.decision.length_months == 2


def test_same_case_as_from_json(write_xlsx, write_json):
    rec = make_record()
    (from_xlsx,) = cases_of(results(write_xlsx("s.xlsx", sheets_for([rec]))))
    (from_json,) = cases_of(results(write_json("s.json", rec)))
    assert from_xlsx.model_dump() == from_json.model_dump()


def test_real_dates_serials_and_text_dates(write_xlsx):
    sheets = sheets_for([make_record()])
    header = sheets["Sager"][0]
    row = sheets["Sager"][1]
    row[header.index("afgørelse_dato")] = dt.datetime(2024, 3, 1, 0, 0)
    row[header.index("afgørelse_virkning_fra")] = 45358  # serial for 2024-03-07 in a cell without date format
    row[header.index("afgørelse_tilbud_startdato")] = "7. marts 2024"
    sheets["Hændelser"][1][EVENT_COLUMNS.index("dato")] = dt.date(2023, 9, 1)
    (case,) = cases_of(results(write_xlsx("d.xlsx", sheets)))
    assert case.decision.date == dt.date(2024, 3, 1)
    assert case.decision.effective_from == dt.date(2024, 3, 7)
    assert case.decision.offer.start_date == dt.date(2024, 3, 7)
    assert case.events[0].date == dt.date(2023, 9, 1)


def test_booleans_and_numbers(write_xlsx):
    sheets = sheets_for([make_record()])
    header = sheets["Sager"][0]
    row = sheets["Sager"][1]
    row[header.index("afgørelse_klagevejledning")] = "x"
    row[header.index("afgørelse_skriftlig")] = 1
    row[header.index("afgørelse_henvist_regler")] = "NEJ"
    row[header.index("afgørelse_længde_måneder")] = 3.0
    (case,) = cases_of(results(write_xlsx("b.xlsx", sheets)))
    d = case.decision
    assert (d.appeal_guidance, d.written, d.rules_cited, d.length_months) == (True, True, False, 3)


def test_numeric_case_numbers_join(write_xlsx):
    rec = make_record()
    sheets = sheets_for([rec])
    sheets["Sager"][1][0] = 12345
    for row in sheets["Hændelser"][1:]:
        row[0] = 12345.0
    (case,) = cases_of(results(write_xlsx("n.xlsx", sheets)))
    assert case.case_number == "12345" and len(case.events) == 7


def test_header_matching_is_forgiving(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Sager"][0] = [h.upper().replace("_", " ").replace("Ø", "OE") for h in sheets["Sager"][0]]
    sheets["Hændelser"][0] = [h.replace("å", "aa").replace("_", "-") for h in sheets["Hændelser"][0]]
    sheets = {"SAGER": sheets["Sager"], "haendelser": sheets["Hændelser"]}
    res = results(write_xlsx("h.xlsx", sheets))
    assert issues_of(res) == []
    (case,) = cases_of(res)
    assert case.events[0].target_group == "jobparat" and case.decision.length_months == 2


def test_header_row_need_not_be_row_one(write_xlsx):
    sheets = sheets_for([make_record(afgørelse={"dato": "31-02-2024"})])
    sheets["Sager"] = [[], [], *sheets["Sager"]]  # header in row 3, the record in row 4
    (issue,) = issues_of(results(write_xlsx("r.xlsx", sheets)))
    assert issue.row == 4 and issue.sheet == "Sager"
    assert issue.column == f"{col('afgørelse_dato')} (afgørelse_dato)"


def test_error_location_is_what_excel_shows(write_xlsx):
    rec = make_record()
    rec["hændelser"][4]["kanal"] = "brevdue"  # not a field of partshøring: warning
    rec["hændelser"][5]["paragraf"] = "§ 99"
    sheets = sheets_for([rec])
    res = results(write_xlsx("loc.xlsx", sheets))
    assert cases_of(res) == []
    by_code = {i.code: i for i in issues_of(res)}
    bad = by_code["ukendt_kode"]
    assert (bad.sheet, bad.row, bad.field) == ("Hændelser", 7, "paragraf")
    assert bad.column == f"{col('paragraf', EVENT_COLUMNS)} (paragraf)"
    assert bad.case_number == "PK-2024-0001" and bad.value == "§ 99"
    assert "Hændelser" in bad.line() and "række 7" in bad.line()
    warn = by_code["ukendt_felt"]
    assert (warn.severity, warn.row, warn.field) == ("advarsel", 6, "kanal")


def test_missing_decision_is_located_at_the_record_row(write_xlsx):
    sheets = sheets_for([make_record()])
    header = sheets["Sager"][0]
    sheets["Sager"][1] = [v if not h.startswith("afgørelse_") else None
                          for h, v in zip(header, sheets["Sager"][1], strict=True)]
    res = results(write_xlsx("m.xlsx", sheets))
    (issue,) = issues_of(res)
    assert (issue.code, issue.sheet, issue.row) == ("mangler_felt", "Sager", 2)
    assert "afgørelse" in issue.message


def test_event_without_matching_record_is_an_error_not_dropped(write_xlsx):
    sheets = sheets_for([make_record("A-1")])
    sheets["Hændelser"].append(["A-9", "Prøvested Kommune", "visitation", "2024-01-01", "jobparat"])
    res = results(write_xlsx("o.xlsx", sheets))
    assert len(cases_of(res)) == 1
    (issue,) = issues_of(res)
    assert (issue.code, issue.severity, issue.sheet, issue.row) == ("uden_sag", "fejl", "Hændelser", 9)
    assert "A-9" in issue.message and "findes ikke i arket 'Sager'" in issue.message
    assert issue.column == "A (sagsnummer)"


def test_event_without_case_number_is_an_error(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Hændelser"].append([None, None, "visitation", "2024-01-01", "jobparat"])
    (issue,) = issues_of(results(write_xlsx("o.xlsx", sheets)))
    assert (issue.code, issue.row) == ("mangler_sagsnummer", 9)


def test_municipality_column_disambiguates(write_xlsx):
    a, b = make_record("S-1", "Nord Kommune"), make_record("S-1", "Syd Kommune")
    b["hændelser"] = b["hændelser"][:3]
    res = results(write_xlsx("k.xlsx", sheets_for([a, b])))
    assert issues_of(res) == []
    ca, cb = cases_of(res)
    assert (len(ca.events), len(cb.events)) == (7, 3)


def test_ambiguous_case_number_without_municipality_is_an_error(write_xlsx):
    a, b = make_record("S-1", "Nord Kommune"), make_record("S-1", "Syd Kommune")
    res = results(write_xlsx("k.xlsx", sheets_for([a, b], with_kommune_on_events=False)))
    assert cases_of(res) == []
    amb = [i for i in issues_of(res) if i.code == "tvetydigt_sagsnummer"]
    assert len(amb) == 2 * 14  # every event row, reported on both records
    assert {i.municipality for i in amb} == {"Nord Kommune", "Syd Kommune"}
    assert "tilføj kolonnen 'kommune'" in amb[0].message
    assert all(i.sheet == "Hændelser" and i.severity == "fejl" for i in amb)


def test_unique_case_number_needs_no_municipality(write_xlsx):
    res = results(write_xlsx("u.xlsx", sheets_for([make_record("U-1"), make_record("U-2")],
                                                 with_kommune_on_events=False)))
    assert issues_of(res) == [] and [len(c.events) for c in cases_of(res)] == [7, 7]


def test_record_without_events_is_warned(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Hændelser"] = sheets["Hændelser"][:1]
    res = results(write_xlsx("e.xlsx", sheets))
    (issue,) = issues_of(res)
    assert (issue.severity, issue.code, issue.row) == ("advarsel", "ingen_haendelser", 2)
    assert len(cases_of(res)) == 1


def test_unknown_column_is_warned_once_per_file(write_xlsx):
    sheets = sheets_for([make_record("A"), make_record("B"), make_record("C")])
    sheets["Sager"][0].append("Intern bemærkning")
    for row in sheets["Sager"][1:]:
        row.append("noget")
    sheets["Hændelser"][0].append("punkt")  # a column of another sheet
    res = results(write_xlsx("u.xlsx", sheets))
    warns = issues_of(res)
    assert [(i.severity, i.code, i.sheet) for i in warns] == [
        ("advarsel", "ukendt_kolonne", "Sager"), ("advarsel", "ukendt_kolonne", "Hændelser")]
    assert warns[0].column == f"{column_letter(len(CASE_COLUMNS))} (Intern bemærkning)"
    assert "hører til arket 'Vurderinger'" in warns[1].message
    assert len(cases_of(res)) == 3


def test_values_without_header_are_warned(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Sager"][1] += [None, "løs værdi"]
    (issue,) = issues_of(results(write_xlsx("h.xlsx", sheets)))
    assert (issue.code, issue.severity, issue.row) == ("kolonne_uden_overskrift", "advarsel", 2)
    assert issue.column == column_letter(len(CASE_COLUMNS) + 1)


def test_duplicated_column_is_an_error(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Sager"][0].append("Sagsnummer")
    (issue,) = issues_of(results(write_xlsx("d.xlsx", sheets)))
    assert (issue.code, issue.severity, issue.field) == ("dobbelt_kolonne", "fejl", "sagsnummer")


@pytest.mark.parametrize("sheet,column", [("Sager", "sagsnummer"), ("Hændelser", "type")])
def test_missing_required_column(write_xlsx, sheet, column):
    sheets = sheets_for([make_record()])
    j = sheets[sheet][0].index(column)
    sheets[sheet][0][j] = "noget andet"
    res = results(write_xlsx("c.xlsx", sheets))
    assert cases_of(res) == []
    errors = [i for i in issues_of(res) if i.severity == "fejl"]
    assert [(i.code, i.sheet) for i in errors] == [("mangler_kolonne", sheet)]
    assert repr(column) in errors[0].message


@pytest.mark.parametrize("keep", [["Sager"], ["Hændelser"], ["Andet"]])
def test_missing_sheets(write_xlsx, keep):
    sheets = sheets_for([make_record()])
    sheets["Andet"] = [["x"]]
    res = results(write_xlsx("s.xlsx", {k: sheets[k] for k in keep}))
    (issue,) = issues_of(res)
    assert issue.code == "mangler_ark" and issue.severity == "fejl"
    for needed in ("Sager", "Hændelser"):
        assert (f"'{needed}'" in issue.message.split("(den har")[0]) == (needed not in keep)


def test_empty_events_sheet_is_an_error(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Hændelser"] = []
    res = results(write_xlsx("s.xlsx", sheets))
    assert [(i.code, i.sheet) for i in issues_of(res)] == [("tomt_ark", "Hændelser")]
    assert cases_of(res) == []


# -- Vurderinger -------------------------------------------------------------------------------------

def with_reviews(rows):
    sheets = sheets_for([make_record()])
    sheets["Vurderinger"] = [list(REVIEW_COLUMNS), *rows]
    return sheets


def test_reviews_are_joined(write_xlsx):
    sheets = with_reviews([["PK-2024-0001", "Prøvested Kommune", "begrundelse", "nej", "Mangler", "MAMC",
                            "kritik"],
                           ["PK-2024-0001", None, "Rimelig grund", "ja"]])
    (case,) = cases_of(results(write_xlsx("v.xlsx", sheets)))
    assert set(case.reviews) == {"begrundelse", "rimelig_grund"}
    r = case.reviews["begrundelse"]
    assert (r.answer, r.remark, r.by, r.consequence) == ("nej", "Mangler", "MAMC", "kritik")


def test_review_problems(write_xlsx):
    sheets = with_reviews([["PK-2024-0001", None, "begrundelse", "nej"],
                           ["PK-2024-0001", None, "begrundelse", "ja"],
                           ["PK-2024-0001", None, "ikke_et_punkt", "ja"],
                           ["PK-2024-0001", None, "laengde", "måske"],
                           ["PK-2024-0001", None, None, "ja"]])
    res = results(write_xlsx("v.xlsx", sheets))
    assert cases_of(res) == []
    got = sorted((i.code, i.row) for i in issues_of(res))
    assert got == [("dobbelt_vurdering", 3), ("mangler_felt", 6), ("ukendt_kode", 5), ("ukendt_punkt", 4)]
    assert all(i.sheet == "Vurderinger" for i in issues_of(res))


# -- mapping -----------------------------------------------------------------------------------------

def renamed(sheets, renames: dict[str, dict[str, str]], sheet_names: dict[str, str] | None = None):
    out = {}
    for name, rows in sheets.items():
        header = [renames.get(name, {}).get(h, h) for h in rows[0]]
        out[(sheet_names or {}).get(name, name)] = [header, *rows[1:]]
    return out


def test_toml_mapping(tmp_path, write_xlsx):
    sheets = renamed(sheets_for([make_record()]),
                     {"Sager": {"sagsnummer": "Sags-ID", "afgørelse_dato": "Afgjort"},
                      "Hændelser": {"sagsnummer": "Sags-ID", "dato": "Hvornår"}},
                     {"Sager": "Afgørelser", "Hændelser": "Forløb"})
    f = write_xlsx("m.xlsx", sheets)
    m = tmp_path / "kolonner.toml"
    m.write_text('sagsnummer = "Sags-ID"\n"afgørelse_dato" = "Afgjort"\n[Haendelser]\ndato = ["Hændelsesdato", '
                 '"Hvornår"]\n[ark]\nSager = "Afgørelser"\n"Hændelser" = "Forløb"\n', encoding="utf-8")
    res = results(f, mapping=m)
    assert issues_of(res) == []
    (case,) = cases_of(res)
    assert case.decision.date == dt.date(2024, 3, 1) and case.origin.sheet == "Afgørelser"
    # without the mapping: a located error, not a crash
    res = results(f)
    assert [i.code for i in issues_of(res)] == ["mangler_ark"]


def test_yaml_mapping(tmp_path, write_xlsx):
    sheets = renamed(sheets_for([make_record()]), {"Sager": {"kommune": "Myndighed"}})
    f = write_xlsx("m.xlsx", sheets)
    m = tmp_path / "kolonner.yaml"
    m.write_text("kommune: Myndighed\n", encoding="utf-8")
    res = results(f, mapping=m)
    assert issues_of(res) == [] and cases_of(res)[0].municipality == "Prøvested Kommune"


@pytest.mark.parametrize("name,text,fragment", [
    ("m.toml", 'sagsnumer = "X"\n', "Mente du 'sagsnummer'"),
    ("m.toml", "sagsnummer = X\n", "ikke gyldig TOML (linje 1"),
    ("m.toml", 'sagsnummer = "A"\nkommune = "a"\n', "både"),
    ("m.toml", "sagsnummer = 5.5\n", "skal være en overskrift"),
    ("m.toml", "sagsnummer = [true]\n", "ikke-tom tekst"),
    ("m.toml", 'sagsnummer = ["  "]\n', "ikke-tom tekst"),
    ("m.toml", '["Hændelser"]\n"afgørelse_dato" = "X"\n', "ikke en kolonne i arket 'Hændelser'"),
    ("m.toml", 'afgørelse_dato = "X"\n', "skal et navn med æ, ø eller å også stå i anførselstegn"),
    ("m.toml", '[ark]\nKladder = "X"\n', "ikke findes i formatet"),
    ("m.toml", '[noget]\nx = "y"\n', "afsnittet 'noget' kendes ikke"),
    ("m.toml", "", "tom"),
    ("m.yaml", "sagsnummer: [\n", "ikke gyldig YAML (linje"),
    ("m.yaml", "- a\n- b\n", "linjer på formen"),
    ("m.json", "{}", "TOML (.toml) eller YAML"),
])
def test_invalid_mapping_is_a_usage_error(tmp_path, name, text, fragment):
    m = tmp_path / name
    m.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as exc:
        load_mapping(m)
    assert fragment in str(exc.value)
    assert exc.value.exit_code == 2
    # raised when read_cases is called, before any input is read
    with pytest.raises(MappingError):
        read_cases([str(tmp_path / "findes-ikke.json")], mapping_file=str(m))


def test_missing_mapping_file(tmp_path):
    with pytest.raises(MappingError, match="findes ikke"):
        load_mapping(tmp_path / "nej.toml")


def test_valid_mapping_is_not_an_error(tmp_path):
    m = tmp_path / "m.toml"
    m.write_text('sagsnummer = "Sags-ID"\n[Sager]\nkommune = "K"\n', encoding="utf-8")
    mapping = load_mapping(m)
    assert mapping.columns_for("Sager")[norm_header("K")] == "kommune"
    assert norm_header("K") not in mapping.columns_for("Hændelser")
    assert mapping.columns_for("Hændelser")[norm_header("Sags-ID")] == "sagsnummer"


def test_empty_optional_reviews_sheet_is_fine(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Vurderinger"] = []
    res = results(write_xlsx("v.xlsx", sheets))
    assert issues_of(res) == [] and len(cases_of(res)) == 1


def test_reviews_sheet_without_required_columns_is_an_error(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Vurderinger"] = [["sagsnummer", "kommentar"], ["PK-2024-0001", "x"]]
    res = results(write_xlsx("v.xlsx", sheets))
    assert ("mangler_kolonne", "fejl", "Vurderinger") in {(i.code, i.severity, i.sheet) for i in issues_of(res)}


def test_sheet_without_records_is_warned(write_xlsx):
    sheets = sheets_for([])
    res = results(write_xlsx("t.xlsx", sheets))
    assert [(i.severity, i.code) for i in issues_of(res)] == [("advarsel", "ingen_sager")]


def test_row_with_values_only_in_unknown_columns_is_not_a_record(write_xlsx):
    sheets = sheets_for([make_record()])
    sheets["Sager"][0].append("Kommentar")
    sheets["Sager"].append([None] * len(CASE_COLUMNS) + ["husk at tjekke"])
    res = results(write_xlsx("k.xlsx", sheets))
    assert len(cases_of(res)) == 1
    assert [(i.severity, i.code) for i in issues_of(res)] == [("advarsel", "ukendt_kolonne")]
