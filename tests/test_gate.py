"""audit.tilsyn.gate: the pre-decision gate on one draft (engine-level; the CLI is in test_cli_sample_compare)."""

from __future__ import annotations

import copy
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from audit.readers.parse import Place, parse_record
from audit.tilsyn.gate import assess, classify, load_draft, text_identity

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import result  # noqa: E402

# A jobparat citizen, guided, sanctioned once with written § 35 stk. 2 guidance, then a new breach;
# both breaches heard; the draft decision gives an offer from the day it takes effect. Passes.
PASSING = {
    "sagsnummer": "NH-2024-0117", "kommune": "Nordhavn Kommune", "enhed": "Team Syd",
    "sagsbehandler": "ABC", "civilstand": "ugift",
    "hændelser": [
        {"type": "visitation", "dato": "2023-09-01", "målgruppe": "jobparat"},
        {"type": "jobsamtale", "dato": "2023-09-14", "første": True, "mødt": True},
        {"type": "vejledning", "dato": "2023-09-14", "former": ["gennemgået", "udleveret"]},
        {"type": "vejledning", "dato": "2023-09-15", "former": ["sendt"]},
        {"type": "tilsidesættelse", "dato": "2024-01-10", "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
        {"type": "partshøring", "dato": "2024-01-12", "vedrører": "2024-01-10"},
        {"type": "sanktion", "dato": "2024-01-26", "paragraf": "§ 36", "vedrører": "2024-01-10"},
        {"type": "vejledning_skærpet", "dato": "2024-01-26", "skriftlig": True,
         "elementer": ["konsekvens", "kun_fremmødedage", "lukning_kalendermåned", "ægtefælle"]},
        {"type": "vejledning", "dato": "2024-01-26", "former": ["gennemgået", "tilgængeliggjort"]},
        {"type": "tilsidesættelse", "dato": "2024-02-14", "art": "udeblevet_jobsamtale",
         "rimelig_grund": "nej"},
        {"type": "partshøring", "dato": "2024-02-15", "vedrører": "2024-02-14"},
    ],
    "afgørelse": {
        "dato": "2024-03-01", "virkning_fra": "2024-03-07", "længde_måneder": 2,
        "længde_begrundelse": "Anden udeblivelse kort efter vejledningen.",
        "vilje_vurderet": True, "vægt_på": ["tidligere_sanktioner", "adfærd"],
        "begrundelse": "Du er jobparat. Vi lægger vægt på, at du igen er udeblevet.",
        "forholdt_til_målgruppe": True, "henvist_regler": True,
        "tilbud": {"art": "daglige_samtaler", "startdato": "2024-03-07"},
        "lukning_ved_udeblivelse": True, "fremmøde_oplyst": True, "klagevejledning": True, "skriftlig": True,
    },
}


def failing_draft() -> dict:
    """No hearing about the new breach and no offer (both 'ændres'), and no reason for the length
    (kritik)."""
    raw = copy.deepcopy(PASSING)
    raw["hændelser"] = [e for e in raw["hændelser"]
                        if not (e["type"] == "partshøring" and e["dato"] == "2024-02-15")]
    del raw["afgørelse"]["tilbud"]
    del raw["afgørelse"]["længde_begrundelse"]
    return raw


def kritik_draft() -> dict:
    raw = copy.deepcopy(PASSING)
    del raw["afgørelse"]["længde_begrundelse"]
    return raw


def parse(raw):
    case, issues = parse_record(raw, lambda p: Place(file="kladde.json"))
    assert case is not None, [i.line() for i in issues]
    return case


def test_passing_draft_is_go():
    gate = assess(parse(PASSING))
    assert gate.go is True
    assert gate.samlet == "i_overensstemmelse" and gate.kritik == "ingen"
    assert gate.blocking == [] and gate.should_fix == []
    d = gate.to_dict()
    assert d["go"] is True and d["mangler"] == [] and d["samlet"] == "i_overensstemmelse"


def test_failing_draft_is_no_go_with_items_and_what_to_do():
    gate = assess(parse(failing_draft()))
    assert gate.go is False
    assert gate.samlet == "aendres"
    assert [i.id for i in gate.blocking] == ["partshoering", "tilbud"]
    assert [i.id for i in gate.should_fix] == ["laengde"]
    hearing = gate.blocking[0]
    assert hearing.answer == "nej" and hearing.consequence == "aendres"
    assert "14. februar 2024" in hearing.reason  # reason with Danish dates
    assert hearing.todo and all(t.text for t in hearing.todo)
    d = gate.to_dict()
    assert d["go"] is False
    m = d["mangler"][0]
    assert set(m) >= {"id", "spoergsmaal", "svar", "begrundelse", "skal_goeres"}
    assert m["id"] == "partshoering"
    assert m["skal_goeres"] == [t.text for t in hearing.todo]
    json.dumps(d, ensure_ascii=False)


def test_recommendation_texts_are_verbatim_from_the_checklist_and_given_once():
    from audit.rules.checklist import load_checklist

    gate = assess(parse(failing_draft()))
    cl = load_checklist(gate.result.rule_set)
    texts = [t for i in gate.blocking + gate.should_fix for t in i.todo]
    for t in texts:
        assert t.text == cl.recommendations[t.id].text
    identities = [text_identity(t.text) for t in texts]
    assert len(identities) == len(set(identities))


def test_kritik_is_still_go_but_listed():
    gate = assess(parse(kritik_draft()))
    assert gate.go is True
    assert gate.kritik == "kritik"
    assert [i.id for i in gate.should_fix] == ["laengde"]
    assert gate.blocking == []


def test_future_decision_date_is_assessed():
    raw = copy.deepcopy(PASSING)
    raw["afgørelse"]["dato"] = "2099-03-01"
    gate = assess(parse(raw))
    assert gate.result.decision_date == "2099-03-01"
    assert gate.samlet in ("i_overensstemmelse", "aendres", "hjemvises")


def item(**fields):
    return result(punkter=[{"id": "x", **fields}]).items[0]


def test_classify():
    assert classify(item(svar="ja", virkning=None)) is None
    assert classify(item(svar="ikke_relevant")) is None
    assert classify(item(svar="nej", virkning="aendres")) == "mangler"
    assert classify(item(svar="ved_ikke", virkning="hjemvises")) == "mangler"
    assert classify(item(svar="nej", virkning="kritik")) == "boer_rettes"
    assert classify(item(svar="ved_ikke", virkning="aendres", vejledende=True)) == "boer_rettes"


def test_duplicate_texts_are_shown_once_and_referred_to():
    gate = assess(parse(failing_draft()), evaluate=lambda case: result(
        samlet="aendres", kritik="ingen", regelsaet="las-40a-2020", punkter=[
            {"id": "vejledning_35_1", "svar": "nej", "virkning": "aendres", "anbefalinger": ["R2.0.3"]},
            # R2.1.3 has the same text as R2.0.3; R2.0.5 differs only in "stk. 2" and must stay
            {"id": "forudgaaende_sanktion", "svar": "nej", "virkning": "aendres",
             "anbefalinger": ["R2.1.3", "R2.0.5"]},
        ]))
    first, second = gate.blocking
    assert [t.id for t in first.todo] == ["R2.0.3"]
    assert [t.id for t in second.todo] == ["R2.0.5"]
    assert second.see_also == ["R2.0.3"]


def test_text_identity_ignores_only_punctuation_and_case():
    assert text_identity("Som afgørelsen, er gældende.") == text_identity("som afgørelsen er gældende")
    assert text_identity("jf. § 35, stk. 1.") != text_identity("jf. § 35, stk. 2.")


# -- reading the draft --------------------------------------------------------------------------

def write(tmp_path, name, data):
    f = tmp_path / name
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(f)


def test_load_draft_one_case(tmp_path):
    draft = load_draft(write(tmp_path, "kladde.json", PASSING))
    assert draft.case is not None and draft.records == 1 and not draft.date_assumed


def test_load_draft_two_cases_is_refused(tmp_path):
    other = copy.deepcopy(PASSING)
    other["sagsnummer"] = "NH-2"
    draft = load_draft(write(tmp_path, "kladder.json", [PASSING, other]))
    assert draft.case is None and draft.records == 2


@pytest.mark.parametrize("name", ["kladde.json", "kladde.jsonl"])
def test_load_draft_without_date_uses_today(tmp_path, name):
    raw = copy.deepcopy(PASSING)
    del raw["afgørelse"]["dato"]
    f = tmp_path / name
    f.write_text(json.dumps(raw, ensure_ascii=False) + "\n", encoding="utf-8")
    draft = load_draft(str(f), today=date(2024, 3, 1))
    assert draft.case is not None
    assert draft.date_assumed is True
    assert draft.case.decision.date == date(2024, 3, 1)
    assert not any(i.blocking for i in draft.issues)
    assert assess(draft.case, date_assumed=True).to_dict()["dato_antaget"] is True


def test_load_draft_other_errors_are_not_papered_over(tmp_path):
    raw = copy.deepcopy(PASSING)
    del raw["afgørelse"]["dato"]
    raw["hændelser"][0]["målgruppe"] = "ukendt-værdi"
    draft = load_draft(write(tmp_path, "kladde.json", raw), today=date(2024, 3, 1))
    assert draft.case is None and draft.records == 1
    assert any(i.code == "ukendt_kode" for i in draft.issues)


def write_xlsx(tmp_path, raw: dict, name="kladde.xlsx", decision_date=True):
    """The draft as an Excel workbook in the case format (Sager + Hændelser)."""
    from openpyxl import Workbook

    def cell(v):
        if isinstance(v, bool):
            return "ja" if v else "nej"
        if isinstance(v, list):
            return ", ".join(v)
        return v

    wb = Workbook()
    sager = wb.active
    sager.title = "Sager"
    record = {k: v for k, v in raw.items() if k not in ("hændelser", "afgørelse")}
    decision = dict(raw["afgørelse"])
    offer = decision.pop("tilbud", None) or {}
    if not decision_date:
        decision["dato"] = None
    row = {**record, **{f"afgørelse_{k}": cell(v) for k, v in decision.items()},
           **{f"afgørelse_tilbud_{k}": v for k, v in offer.items()}}
    sager.append(list(row))
    sager.append([cell(v) for v in row.values()])
    events = wb.create_sheet("Hændelser")
    columns = ["sagsnummer", "kommune"] + sorted({k for e in raw["hændelser"] for k in e})
    events.append(columns)
    for e in raw["hændelser"]:
        events.append([raw["sagsnummer"], raw["kommune"]] + [cell(e.get(c)) for c in columns[2:]])
    f = tmp_path / name
    wb.save(f)
    return str(f)


def test_load_excel_draft(tmp_path):
    draft = load_draft(write_xlsx(tmp_path, PASSING))
    assert draft.case is not None and not draft.date_assumed
    assert assess(draft.case).go is True


def test_load_excel_draft_without_date_uses_today(tmp_path):
    path = write_xlsx(tmp_path, PASSING, decision_date=False)
    from audit.readers import read_cases

    # the reader alone refuses it: the date is missing
    assert [r.case for r in read_cases([path])] == [None]
    draft = load_draft(path, today=date(2024, 3, 1))
    assert draft.case is not None and draft.date_assumed
    assert draft.case.decision.date == date(2024, 3, 1)
    assert draft.case.origin is not None and draft.case.origin.file.endswith("kladde.xlsx")
    assert "audit-check-" not in draft.case.origin.file
    assert assess(draft.case).go is True


def test_json_draft_without_date_with_a_mapping(tmp_path):
    raw = copy.deepcopy(PASSING)
    decision = raw.pop("afgørelse")
    del decision["dato"]
    raw["Beslutning"] = decision
    mapping = tmp_path / "kolonner.toml"
    mapping.write_text('"afgørelse" = "Beslutning"\n', encoding="utf-8")
    draft = load_draft(write(tmp_path, "kladde.json", raw), str(mapping), today=date(2024, 3, 1))
    assert draft.case is not None and draft.date_assumed
    assert draft.case.decision.date == date(2024, 3, 1)
