"""Forgiving coded values (issue 14, Deliver 2): a coded value is matched the way headers are (case, spaces/-/_,
æ/ø/å written ae/oe/aa) and through a small table of synonyms per field. A value read that way is accepted with
one ``advarsel`` naming what it was read as; an unknown value is one ``fejl`` per cell with the nearest allowed
values as a suggestion; every message names the column (Excel) or key (JSON) as the user's file spells it.

The expected readings come from the case format's code lists (audit.model) and the issue's examples, not from
running the reader."""

from __future__ import annotations

import copy

import pytest
from conftest import make_record
from test_readers_excel import cases_of, issues_of, results, sheets_for

from audit import model as m
from audit.readers.codes import SYNONYMS, match_code, norm_name
from audit.readers.mapping import REVIEW_COLUMNS, norm_header

EXTRA_EVENTS = [
    {"type": "vejledning_skærpet", "dato": "2023-09-14", "skriftlig": True, "elementer": ["konsekvens"]},
    {"type": "kontaktforsøg", "dato": "2024-02-15", "vedrører": "2024-02-14", "kanal": "telefon", "opnået": True},
    {"type": "vurdering_13_8", "dato": "2024-02-16", "vedrører": "2024-02-14", "fremmer_rådighed": "ja"},
]


def full_record() -> dict:
    rec = make_record()
    rec["hændelser"] += copy.deepcopy(EXTRA_EVENTS)
    rec["afgørelse"]["vægt_på"] = ["adfærd"]
    return rec


def ev(i):
    def set_(rec, key, value):
        rec["hændelser"][i][key] = value
    return set_


def top(rec, key, value):
    rec[key] = value


def dec(rec, key, value):
    rec["afgørelse"][key] = value


def offer(rec, key, value):
    rec["afgørelse"]["tilbud"][key] = value


# field, where it is set, the JSON key as named in messages, the Excel header as named in messages, read back
FIELDS = {
    "målgruppe": (ev(0), "målgruppe", "målgruppe", lambda c: c.events[0].target_group),
    "type": (ev(1), "type", "type", lambda c: c.events[1].type),
    "former": (ev(2), "former", "former", lambda c: c.events[2].forms),
    "art": (ev(3), "art", "art", lambda c: c.events[3].kind),
    "rimelig_grund": (ev(3), "rimelig_grund", "rimelig_grund", lambda c: c.events[3].reasonable_cause),
    "elementer": (ev(7), "elementer", "elementer", lambda c: c.events[7].elements),
    "kanal": (ev(8), "kanal", "kanal", lambda c: c.events[8].channel),
    "fremmer_rådighed": (ev(9), "fremmer_rådighed", "fremmer_rådighed", lambda c: c.events[9].promotes_availability),
    "civilstand": (top, "civilstand", "civilstand", lambda c: c.marital_status),
    "vægt_på": (dec, "afgørelse.vægt_på", "afgørelse_vægt_på", lambda c: c.decision.weighted),
    "tilbud_art": (offer, "afgørelse.tilbud.art", "afgørelse_tilbud_art", lambda c: c.decision.offer.kind),
}

# (field, written, read as, how): how is None for the code itself, else "normaliseret" or "synonym"
READINGS = [
    ("målgruppe", "jobparat", "jobparat", None),
    ("målgruppe", "Jobparat", "jobparat", None),  # case only: the old rule, silent
    ("målgruppe", "job-parat", "jobparat", "normaliseret"),
    ("målgruppe", "jobparate", "jobparat", "synonym"),
    ("type", "jobsamtale", "jobsamtale", None),
    ("type", "Job samtale", "jobsamtale", "normaliseret"),
    ("former", ["gennemgaaet", "udleveret"], ("gennemgået", "udleveret"), "normaliseret"),
    ("former", ["mundtligt gennemgået"], ("gennemgået",), "synonym"),
    ("art", "udeblevet_tilbud", "udeblevet_tilbud", None),
    ("art", "Udeblevet tilbud", "udeblevet_tilbud", "normaliseret"),
    ("art", "Udeblevet fra tilbud", "udeblevet_tilbud", None),  # the template's own word: silent
    ("art", "udeblevet-fra-tilbud", "udeblevet_tilbud", "normaliseret"),
    ("art", "afslået tilbud", "afvist_tilbud", "synonym"),
    ("rimelig_grund", "Ved ikke", "ukendt", "synonym"),
    ("elementer", ["kun-fremmødedage", "konsekvens"], ("kun_fremmødedage", "konsekvens"), "normaliseret"),
    ("elementer", ["Kun fremmødedage", "Konsekvens"], ("kun_fremmødedage", "konsekvens"), None),
    ("kanal", "Digital post", "digital_post", None),
    ("kanal", "Digital-post", "digital_post", "normaliseret"),
    ("kanal", "e-Boks", "digital_post", "synonym"),
    ("kanal", "mail", "e-mail", "synonym"),
    ("fremmer_rådighed", "NEJ", "nej", None),
    ("civilstand", "registreret partnerskab", "gift", "synonym"),
    ("vægt_på", ["tidligere sanktioner"], ("tidligere_sanktioner",), None),
    ("vægt_på", ["tidligere  sanktioner."], ("tidligere_sanktioner",), "normaliseret"),
    ("vægt_på", ["Tidligere-sanktioner", "adfaerd"], ("tidligere_sanktioner", "adfærd"), "normaliseret"),
    ("tilbud_art", "daglige samtaler", "daglige_samtaler", None),
    ("tilbud_art", "daglige-samtaler", "daglige_samtaler", "normaliseret"),
    ("tilbud_art", "Daglig samtale", "daglige_samtaler", "synonym"),
]

# (field, written, a suggestion the message must make)
UNKNOWN = [
    ("målgruppe", "jobparrat", "jobparat"),
    ("art", "udeblevet tilbut", "udeblevet_tilbud"),
    ("kanal", "telefonn", "telefon"),
    ("vægt_på", ["tidligere sanktionerr"], "tidligere_sanktioner"),
    ("tilbud_art", "daglig samtaler", "daglige_samtaler"),
    ("civilstand", "gigt", "gift"),
]


def written_in_json(field, written):
    rec = full_record()
    set_, key = FIELDS[field][0], field if field != "tilbud_art" else "art"
    set_(rec, key, written)
    return rec


def read_json(write_json, rec):
    return results(write_json("s.json", rec))


def read_xlsx(write_xlsx, rec):
    return results(write_xlsx("s.xlsx", sheets_for([rec])))


READERS = {"json": (read_json, "write_json", 1), "xlsx": (read_xlsx, "write_xlsx", 2)}


def test_the_base_record_has_no_issues(write_json, write_xlsx):
    for fmt, (read, _fixture, _) in READERS.items():
        res = read(write_json if fmt == "json" else write_xlsx, full_record())
        assert issues_of(res) == [], fmt
        assert len(cases_of(res)) == 1


@pytest.mark.parametrize("fmt", list(READERS))
@pytest.mark.parametrize(("field", "written", "expected", "how"), READINGS)
def test_reading(fmt, field, written, expected, how, request):
    read, fixture, name_at = READERS[fmt]
    res = read(request.getfixturevalue(fixture), written_in_json(field, written))
    (case,) = cases_of(res)
    assert FIELDS[field][3](case) == expected
    issues = issues_of(res)
    if how is None:
        assert issues == []
        return
    (issue,) = issues
    assert (issue.severity, issue.code) == ("advarsel", "kode_fortolket")
    column = FIELDS[field][name_at]
    assert issue.message.startswith(f"'{column}': ")
    pairs = zip(written, expected, strict=True) if isinstance(expected, tuple) else [(written, expected)]
    read_as = [(w, code) for w, code in pairs if w != code]
    assert read_as and all(f"'{w}' er læst som '{code}'" in issue.message for w, code in read_as)
    assert issue.message.count("er læst som") == len(read_as)
    assert ("et andet ord for det samme" in issue.message) == (how == "synonym")


@pytest.mark.parametrize("fmt", list(READERS))
@pytest.mark.parametrize(("field", "written", "suggestion"), UNKNOWN)
def test_unknown_value_is_one_error_with_a_suggestion(fmt, field, written, suggestion, request):
    read, fixture, name_at = READERS[fmt]
    res = read(request.getfixturevalue(fixture), written_in_json(field, written))
    assert cases_of(res) == []
    (issue,) = issues_of(res)  # one error for the cell, nothing more (the issue: "jobparrat" gave two)
    assert (issue.severity, issue.code) == ("fejl", "ukendt_kode")
    assert issue.message.startswith(f"'{FIELDS[field][name_at]}': ")
    assert f"Mente du '{suggestion}'" in issue.message


def test_excel_message_names_the_header_as_the_file_spells_it(write_xlsx):
    rec = written_in_json("vægt_på", ["tidligere-sanktioner"])
    sheets = sheets_for([rec])
    header = sheets["Sager"][0]
    header[header.index("afgørelse_vægt_på")] = "Afgørelse vægt på"
    (issue,) = issues_of(results(write_xlsx("h.xlsx", sheets)))
    assert issue.message.startswith("'Afgørelse vægt på': 'tidligere-sanktioner' er læst som 'tidligere_sanktioner'")
    assert issue.column.endswith("(Afgørelse vægt på)")
    rec = written_in_json("tilbud_art", "tilbud efter kapitel 99")
    (issue,) = issues_of(results(write_xlsx("u.xlsx", sheets_for([rec]))))
    assert issue.message.startswith("'afgørelse_tilbud_art': værdien kendes ikke.")
    assert "art'" not in issue.message.replace("afgørelse_tilbud_art'", "")


def test_a_list_cell_with_two_unknown_items_is_one_error(write_xlsx, write_json):
    rec = written_in_json("vægt_på", ["tidligere sanktionerr", "adfærd", "noget helt andet"])
    for res in (results(write_json("s.json", rec)), results(write_xlsx("s.xlsx", sheets_for([rec])))):
        (issue,) = issues_of(res)
        assert issue.code == "ukendt_kode" and "2 af værdierne kendes ikke" in issue.message
        assert "Mente du 'tidligere_sanktioner'?" in issue.message


def test_a_list_cell_with_an_unknown_and_a_normalised_item_is_only_the_error(write_json):
    rec = written_in_json("former", ["gennemgaaet", "sendt pr. due"])
    (issue,) = issues_of(results(write_json("s.json", rec)))
    assert (issue.severity, issue.code) == ("fejl", "ukendt_kode")


def test_reviews_answers_and_consequences(write_xlsx, write_json):
    # "Ikke relevant" and "ændres" are the template's words (silent); the others are other spellings
    rows = [["PK-2024-0001", None, "begrundelse", "ved-ikke", None, None, "Hjemvist"],
            ["PK-2024-0001", None, "rimelig_grund", "Ikke relevant"],
            ["PK-2024-0001", None, "klagevejledning", "ja", None, None, "ændres"]]
    sheets = sheets_for([full_record()])
    sheets["Vurderinger"] = [list(REVIEW_COLUMNS), *rows]
    res = results(write_xlsx("v.xlsx", sheets))
    (case,) = cases_of(res)
    assert case.reviews["begrundelse"].answer == "ved_ikke"
    assert case.reviews["begrundelse"].consequence == "hjemvises"
    assert case.reviews["rimelig_grund"].answer == "ikke_relevant"
    assert case.reviews["klagevejledning"].consequence == "aendres"
    got = sorted((i.severity, i.row, i.message.split(":")[0]) for i in issues_of(res))
    assert got == [("advarsel", 2, "'svar'"), ("advarsel", 2, "'virkning'")]
    rec = full_record()
    rec["vurderinger"] = {"begrundelse": {"svar": "nej tak"}}
    (issue,) = issues_of(results(write_json("r.json", rec)))
    assert issue.code == "ukendt_kode" and issue.message.startswith("'svar': ")
    assert "Mente du 'nej'?" in issue.message


def test_jobparrat_is_no_synonym_and_no_code_is_taken_for_another():
    assert match_code("jobparrat", m.TARGET_GROUPS).code is None
    assert match_code("jobparrat", m.TARGET_GROUPS).suggestions == ("jobparat",)
    for allowed, table in SYNONYMS.items():
        assert set(table.values()) <= set(allowed), table
        forms = [norm_name(a) for a in allowed]
        assert len(set(forms)) == len(forms), allowed  # two codes never fold to one
        assert not {norm_name(k) for k in table} & set(forms), allowed  # a synonym never shadows a code


def test_headers_and_values_share_one_normaliser():
    assert norm_header("Afgørelse vægt-på") == norm_name("afgoerelse_vaegt_paa") == "afgoerelsevaegtpaa"


def test_a_huge_unknown_value_gets_no_slow_suggestion(write_json):
    rec = written_in_json("målgruppe", "jobparrat" * 100_000)
    (issue,) = issues_of(results(write_json("s.json", rec)))
    assert issue.code == "ukendt_kode" and "Mente du" not in issue.message
