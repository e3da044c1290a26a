"""audit.readers.csv_reader: encodings, delimiters, the pair sager.csv + haendelser.csv, the long format,
and messages located in the CSV file (file, row as Excel shows it, column as the file spells it)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt

import pytest
from conftest import make_record
from test_readers_excel import sheets_for

from audit.readers import read_cases
from audit.readers.csv_reader import decide_encoding, read_text


def results(*paths):
    return list(read_cases([str(p) for p in paths]))


def issues_of(res):
    return [i for r in res for i in r.issues]


def cases_of(res):
    return [r.case for r in res if r.case is not None]


def write(path, rows, *, encoding="utf-8", delimiter=";", prefix=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as fh:
        fh.write(prefix)
        csv.writer(fh, delimiter=delimiter).writerows([["" if v is None else v for v in r] for r in rows])
    return path


def danish_dates(rows):
    """ISO date text as Danish Excel writes dates in CSV (DD-MM-ÅÅÅÅ)."""
    out = []
    for r in rows:
        new = []
        for v in r:
            try:
                new.append(dt.date.fromisoformat(v).strftime("%d-%m-%Y") if isinstance(v, str) else v)
            except ValueError:
                new.append(v)
        out.append(new)
    return out


def pair(folder, records, *, encoding="utf-8", delimiter=";", events_name="haendelser.csv"):
    s = sheets_for(records)
    write(folder / "sager.csv", danish_dates(s["Sager"]), encoding=encoding, delimiter=delimiter)
    write(folder / events_name, danish_dates(s["Hændelser"]), encoding=encoding, delimiter=delimiter)
    return folder


# -- the encoding decision --------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "expected"), [
    (codecs.BOM_UTF8 + "sagsnummer;kommune\nÅ;Ø".encode(), "utf-8-sig"),
    ("sagsnummer;kommune\nÅ;Ø".encode(), "utf-8"),
    (b"sagsnummer;kommune\nA;B", "utf-8"),
    ("sagsnummer;kommune\nÅ;Ø".encode("cp1252"), "cp1252"),
    ("sagsnummer\tkommune".encode("utf-16"), "utf-16"),
])
def test_encoding_decision(data, expected):
    assert decide_encoding(data) == expected


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_pair_in_each_encoding_and_delimiter(tmp_path, encoding, delimiter):
    rec = make_record("ÅM-1", "Åmose Kommune", sagsbehandler="Søren Ærø")
    folder = pair(tmp_path / "ind", [rec], encoding=encoding, delimiter=delimiter)
    rows, used, sep = read_text(folder / "sager.csv")
    assert (used, sep) == (encoding, delimiter)
    res = results(folder)
    assert not [i for i in issues_of(res) if i.severity == "fejl"]
    (case,) = cases_of(res)
    assert (case.case_number, case.municipality) == ("ÅM-1", "Åmose Kommune")
    assert case.caseworker == "Søren Ærø"
    assert case.decision.date == dt.date.fromisoformat(rec["afgørelse"]["dato"])
    assert len(case.events) == len(rec["hændelser"])
    assert case.origin.file.endswith("sager.csv") and case.origin.sheet is None and case.origin.row == 2
    assert case.events[0].origin.file.endswith("haendelser.csv") and case.events[0].origin.row == 2


def test_pair_with_the_danish_file_name_and_named_by_one_file_is_read_once(tmp_path):
    folder = pair(tmp_path / "ind", [make_record("A"), make_record("B")], events_name="hændelser.csv")
    for args in ([folder], [folder / "hændelser.csv"], [folder / "sager.csv", folder / "hændelser.csv"]):
        res = results(*args)
        assert sorted(c.case_number for c in cases_of(res)) == ["A", "B"], args
        assert not [i for i in issues_of(res) if i.severity == "fejl"], args


def test_csv_in_a_folder_is_read_next_to_other_formats(tmp_path, write_json):
    pair(tmp_path / "ind" / "csv", [make_record("C")])
    write_json("ind/a.json", make_record("J"))
    res = results(tmp_path / "ind")
    assert sorted(c.case_number for c in cases_of(res)) == ["C", "J"]
    assert not issues_of(res)


def test_events_file_without_cases_file_and_cases_without_events_are_errors(tmp_path):
    s = sheets_for([make_record("A")])
    write(tmp_path / "a" / "haendelser.csv", s["Hændelser"])
    write(tmp_path / "b" / "sager.csv", s["Sager"])
    (alone,) = issues_of(results(tmp_path / "a"))
    assert (alone.severity, alone.code) == ("fejl", "mangler_sagsfil") and "sager.csv" in alone.message
    (no_events,) = issues_of(results(tmp_path / "b"))
    assert (no_events.severity, no_events.code) == ("fejl", "mangler_haendelsesfil")
    assert "haendelser.csv" in no_events.message


def test_located_message_names_the_events_file_row_and_column(tmp_path):
    rec = make_record("A")
    folder = pair(tmp_path / "ind", [rec], encoding="cp1252")
    rows = list(csv.reader(open(folder / "haendelser.csv", encoding="cp1252", newline=""), delimiter=";"))
    d = rows[0].index("dato")
    rows[2][d] = "30-02-2024"  # row 3 as Excel shows the file
    write(folder / "haendelser.csv", rows, encoding="cp1252")
    (bad,) = [i for i in issues_of(results(folder)) if i.code == "ugyldig_dato"]
    assert bad.file.endswith("haendelser.csv") and bad.sheet is None
    assert (bad.row, bad.column, bad.case_number) == (3, f"{chr(65 + d)} (dato)", "A")
    assert "haendelser.csv, række 3" in bad.line()


def test_header_as_the_file_spells_it_and_excel_sep_line(tmp_path):
    rec = make_record("A")
    s = sheets_for([rec])
    sager = [["Sagsnummer", "Kommune", *s["Sager"][0][2:]], *s["Sager"][1:]]
    sager[1][sager[0].index("afgørelse_længde_måneder")] = "tre"
    write(tmp_path / "sager.csv", sager, prefix="sep=;\r\n")
    write(tmp_path / "haendelser.csv", s["Hændelser"])
    (bad,) = [i for i in issues_of(results(tmp_path)) if i.code == "ugyldig_laengde"]
    j = sager[0].index("afgørelse_længde_måneder")
    # the sep= line is not a row in Excel: the case is row 2
    assert (bad.row, bad.column) == (2, f"{chr(65 + j)} (afgørelse_længde_måneder)")


def test_quoted_fields_with_delimiter_and_line_break(tmp_path):
    rec = make_record("A")
    rec["afgørelse"]["begrundelse"] = 'Du udeblev; vi har "vurderet",\nat der ikke var rimelig grund.'
    folder = pair(tmp_path, [rec])
    (case,) = cases_of(results(folder))
    assert case.decision.reasoning == rec["afgørelse"]["begrundelse"]


def long_rows(records):
    s = sheets_for(records)
    case_head, *case_rows = s["Sager"]
    ev_head, *ev_rows = s["Hændelser"]
    ev_only = [j for j, h in enumerate(ev_head) if h not in ("sagsnummer", "kommune")]
    by_number = {r[0]: r for r in case_rows}
    return [case_head + [ev_head[j] for j in ev_only]] + [list(by_number[e[0]]) + [e[j] for j in ev_only]
                                                          for e in ev_rows]


def test_long_format_one_row_per_event(tmp_path):
    a, b = make_record("A"), make_record("B")
    rows = long_rows([a, b])
    write(tmp_path / "eksport.csv", danish_dates(rows), encoding="cp1252")
    res = results(tmp_path / "eksport.csv")
    assert not [i for i in issues_of(res) if i.severity == "fejl"]
    cases = {c.case_number: c for c in cases_of(res)}
    assert sorted(cases) == ["A", "B"]
    assert len(cases["A"].events) == len(a["hændelser"]) and len(cases["B"].events) == len(b["hændelser"])
    assert cases["B"].origin.row == 2 + len(a["hændelser"])  # its first row in the file
    assert [e.origin.row for e in cases["A"].events] == list(range(2, 2 + len(a["hændelser"])))


def test_long_format_warns_when_a_case_column_differs_between_the_rows(tmp_path):
    a = make_record("A")
    rows = long_rows([a])
    j = rows[0].index("sagsbehandler")
    rows[2][j] = "En anden"
    write(tmp_path / "eksport.csv", rows)
    res = results(tmp_path / "eksport.csv")
    (case,) = cases_of(res)
    assert case.caseworker == rows[1][j]  # the case's first row counts
    (warn,) = [i for i in issues_of(res) if i.code == "forskellig_sagsoplysning"]
    assert (warn.severity, warn.row, warn.column) == ("advarsel", 3, f"{chr(65 + j)} (sagsbehandler)")
    assert "række 2" in warn.message


def test_binary_file_named_csv_is_a_located_error(tmp_path):
    (tmp_path / "eksport.csv").write_bytes(b"PK\x03\x04\x00\x00binary\x00")
    (bad,) = issues_of(results(tmp_path / "eksport.csv"))
    assert (bad.severity, bad.code) == ("fejl", "ikke_csv") and bad.file.endswith("eksport.csv")


def test_a_data_row_with_a_stray_extra_field_does_not_hide_the_file(tmp_path):
    """One data row with an extra ';felt' made csv.Sniffer give up on ';' (its rows are not all alike), and the
    whole sager.csv was rejected with "mangler kolonnen 'sagsnummer'". The header row decides the delimiter:
    every case is read, and the stray field is reported where it is."""
    recs = [make_record(f"ÅM-{i}", "Åmose Kommune") for i in range(1, 4)]
    folder = pair(tmp_path / "d", recs)
    lines = (folder / "sager.csv").read_text(encoding="utf-8").splitlines()
    lines[2] += ";ekstra"
    (folder / "sager.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = results(folder / "sager.csv")
    assert sorted(c.case_number for c in cases_of(res)) == ["ÅM-1", "ÅM-2", "ÅM-3"]
    assert not any("mangler kolonnen" in i.message for i in issues_of(res))
    (stray,) = issues_of(res)
    assert (stray.severity, stray.row) == ("advarsel", 3) and "ingen overskrift" in stray.message


@pytest.mark.parametrize(("header", "expected"), [
    ('sagsnummer;kommune;"Vurdering § 13, stk. 8"', ";"),  # a quoted comma is part of one header
    ("sagsnummer,kommune,dato", ","),
    ("sagsnummer\tkommune\tdato", "\t"),
])
def test_the_header_row_decides_the_delimiter(tmp_path, header, expected):
    f = tmp_path / "sager.csv"
    f.write_text(header + "\n" + "x" + "\n", encoding="utf-8")
    assert read_text(f)[2] == expected
