"""The optional decision field ``forholdt_til_13_8`` (rules.md revision 2, change 9): read from JSON and
Excel like ``forholdt_til_målgruppe``, optional, and counted in the report apart from Tabel 2.6."""

from __future__ import annotations

from conftest import make_record
from resultbuilder import result
from test_readers_excel import sheets_for

from audit.model import Decision
from audit.readers import read_cases
from audit.readers.excel_reader import column_letter
from audit.readers.mapping import CASE_COLUMNS
from audit.reporting import aggregate as ag
from audit.rules.engine import evaluate


def _decision(**fields) -> dict:
    rec = make_record()
    rec["afgørelse"] = {**rec["afgørelse"], **fields}
    return rec


def test_json_true_false_and_absent(write_json):
    f = write_json("s.json", [_decision(forholdt_til_13_8=True) | {"sagsnummer": "A"},
                              _decision(forholdt_til_13_8="nej") | {"sagsnummer": "B"},
                              _decision() | {"sagsnummer": "C"}])
    res = list(read_cases([str(f)]))
    assert [i for r in res for i in r.issues] == []
    assert [r.case.decision.related_to_13_8 for r in res] == [True, False, None]


def test_json_unreadable_value_is_a_located_error(write_json):
    f = write_json("s.json", _decision(forholdt_til_13_8="måske"))
    (r,) = list(read_cases([str(f)]))
    (issue,) = r.issues
    assert r.case is None and issue.severity == "fejl" and issue.field == "afgørelse.forholdt_til_13_8"
    assert "ja eller nej" in issue.message


def test_excel_column_with_a_loose_header(write_xlsx):
    sheets = sheets_for([_decision(forholdt_til_13_8=False)])
    i = CASE_COLUMNS.index("afgørelse_forholdt_til_13_8")
    sheets["Sager"][0][i] = "Afgoerelse forholdt til 13-8"
    (r,) = list(read_cases([str(write_xlsx("s.xlsx", sheets))]))
    assert r.issues == [] and r.case.decision.related_to_13_8 is False
    sheets["Sager"][1][i] = "kanske"
    (r,) = list(read_cases([str(write_xlsx("t.xlsx", sheets))]))
    (issue,) = r.issues
    assert issue.sheet == "Sager" and issue.row == 2 and issue.column.startswith(column_letter(i) + " ")


def test_older_decisions_without_the_field_still_validate():
    assert Decision.model_validate({"dato": "2024-03-01", "forholdt_til_målgruppe": True}).related_to_13_8 is None


def _aktivitetsparat(**decision) -> dict:
    rec = _decision(**{"vilje_vurderet": True, "vægt_på": ["adfærd"], "henvist_regler": True,
                       "skriftlig": True, "begrundelse": "Du er aktivitetsparat og er udeblevet igen.",
                       **decision})
    rec["hændelser"][0]["målgruppe"] = "aktivitetsparat"
    return rec


def _evaluated(rec: dict):
    from audit.readers.parse import Place, parse_record

    case, issues = parse_record(rec, lambda p: Place("t"))
    assert issues == []
    return evaluate(case)


def test_tabel_2_6_counts_only_the_maalgruppe_and_the_13_8_figure_stands_apart():
    named = _evaluated(_aktivitetsparat())  # names the målgruppe, not § 13, stk. 8
    both = _evaluated(_aktivitetsparat(forholdt_til_13_8=True))
    neither = _evaluated(_aktivitetsparat(forholdt_til_målgruppe=False, forholdt_til_13_8=False))
    assert [r.facts.target_group_considered for r in (named, both, neither)] == ["ja", "ja", "nej"]
    assert [r.facts.reasons_related_13_8 for r in (named, both, neither)] == ["nej", "ja", "nej"]
    jobparat = _evaluated(_decision(forholdt_til_13_8=False, forholdt_til_målgruppe=True, vilje_vurderet=True))
    assert jobparat.facts.reasons_related_13_8 is None
    results = [result(sagsnummer=str(i), maalgruppe=r.target_group,
                      fakta={"vilje_vurderet": True,
                             "hensyn_til_maalgruppe": r.facts.target_group_considered,
                             "begrundelse_forholdt_13_8": r.facts.reasons_related_13_8})
               for i, r in enumerate((named, both, neither, jobparat))]
    t26 = ag.chapter_tables(results, 2024)["2.6"]
    assert t26.value("ja") == 3 and t26.value("nej") == 1  # 'named' counts as hensyn til visitation
    figure = ag.key_figures(results)["5.3/T13-T14"]
    assert (figure.count, figure.base) == (1, 3)  # the jobparat case is not counted
    assert figure.national.text == "0 af 26"
