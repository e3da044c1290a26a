"""The checklist file is the whole rule set: items found through the rule registry, applicability applied
by one generic step, parameters with dated values, and Danish errors for a checklist that names an
unknown test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from casebuilder import D, aktivitetsparat, base

from audit.readers.parse import Place, parse_record
from audit.resources import checklists_dir
from audit.rules import wording
from audit.rules.checklist import ChecklistError, load_checklist, load_checklist_file, parse_checklist
from audit.rules.engine import evaluate
from audit.rules.registry import rules

SOURCE = checklists_dir() / "las-40a-2020.yaml"


def raw_checklist() -> dict:
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "regelsaet.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def case_of(raw: dict):
    case, issues = parse_record(raw, lambda path: Place("test.json"))
    assert case is not None, [i.line() for i in issues]
    return case


def item_of(data: dict, item_id: str) -> dict:
    return next(p for p in data["punkter"] if p["id"] == item_id)


def answers(result) -> dict[str, str]:
    return {p.id: p.answer.value for p in result.items}


def test_a_rule_set_can_drop_an_item_and_add_one_that_reuses_a_test(tmp_path):
    data = raw_checklist()
    data["punkter"] = [p for p in data["punkter"] if p["id"] != "kun_fremmoede_oplyst"]
    copy = {**item_of(data, "klagevejledning"), "id": "klagevejledning_kopi", "regel": "klagevejledning",
            "nummer": "5.4 b"}
    data["punkter"].append(copy)
    cl = load_checklist_file(write(tmp_path, data))

    for raw in (base(), _without_appeal_guidance(base())):
        result = evaluate(case_of(raw), cl)
        ids = [p.id for p in result.items]
        assert "kun_fremmoede_oplyst" not in ids
        assert ids[-1] == "klagevejledning_kopi"
        new, old = result.item("klagevejledning_kopi"), result.item("klagevejledning")
        assert (new.answer, new.reason, new.ways, new.consequence) == (old.answer, old.reason, old.ways,
                                                                      old.consequence)
        assert new.number == "5.4 b"
    # The standard rule set still has the dropped item; the base case answers it ja.
    assert evaluate(case_of(base())).item("kun_fremmoede_oplyst").answer == "ja"


def _without_appeal_guidance(raw: dict) -> dict:
    raw["afgørelse"]["klagevejledning"] = False
    return raw


def test_a_missing_item_leaves_its_facts_unknown_without_crashing(tmp_path):
    data = raw_checklist()
    gone = {"oplysning", "rimelig_grund", "vurdering_13_8", "begrundelse", "tilbud", "forudgaaende_sanktion",
            "vejledning_35_1", "partshoering", "personlig_kontakt"}
    data["punkter"] = [p for p in data["punkter"] if p["id"] not in gone]
    cl = load_checklist_file(write(tmp_path, data))
    result = evaluate(case_of(base()), cl)
    assert not gone & {p.id for p in result.items}
    facts = result.facts
    assert facts.relevant_circumstances is None and facts.target_group_considered is None
    assert facts.prior_sanction_correct is None and facts.same_day is None
    assert result.verdict == "i_overensstemmelse"


def _dated(data: dict, name: str, values: dict) -> dict:
    data["parametre"][name]["værdier"] = values
    return data


def test_parameter_resolved_for_the_decision_date(tmp_path):
    # The base case: guidance reviewed 1 September 2021, the prior breach 4 October, the new one 8 November.
    # With re-guidance every month from 1 November 2021, the new breach (decision 25 November) is too late.
    data = _dated(raw_checklist(), "genvejledning_maaneder",
                  {date(2020, 1, 1): {"værdi": 6}, date(2021, 11, 1): {"værdi": 1, "reference": "Tænkt lovændring"}})
    cl = load_checklist_file(write(tmp_path, data))
    assert cl.parameter("genvejledning_maaneder", on=date(2021, 10, 31)) == 6
    assert cl.parameter("genvejledning_maaneder", on=date(2021, 11, 1)) == 1
    assert cl.parameter("genvejledning_maaneder", on=date(2030, 1, 1)) == 1
    assert cl.parameters["genvejledning_maaneder"] == 1  # the latest value
    assert cl.parameter_defs["genvejledning_maaneder"].values[1].reference.source == "Tænkt lovændring"

    after = evaluate(case_of(base()), cl)
    assert after.parameters["genvejledning_maaneder"] == 1
    assert after.item("vejledning_35_1").answer == "nej"
    assert "genvejledning_mangler" in after.item("vejledning_35_1").ways

    raw = base()
    raw["afgørelse"]["dato"] = "2021-10-30"  # before the change: the old value applies
    raw["afgørelse"]["vedrører"] = None
    before = evaluate(case_of(raw), cl)
    assert before.parameters["genvejledning_maaneder"] == 6
    assert "genvejledning_mangler" not in before.item("vejledning_35_1").ways


def test_standard_parameters_in_the_result_are_plain_numbers():
    result = evaluate(case_of(base()))
    assert result.parameters == {"frist_sendt_dage": 7, "genvejledning_maaneder": 6, "foraeldelse_maaneder": 6,
                                 "proportionalitet_maaneder": 6}
    assert result.item("vejledning_35_1").reason.count("inden for 7 dage") == 1


def test_parameter_without_a_value_from_the_start_of_the_rule_set_is_rejected(tmp_path):
    data = _dated(raw_checklist(), "frist_sendt_dage", {date(2021, 1, 1): {"værdi": 7}})
    with pytest.raises(ChecklistError, match="frist_sendt_dage: der skal være en værdi fra regelsættets gyldig_fra"):
        load_checklist_file(write(tmp_path, data))


def test_applicability_gift_gives_ikke_relevant_for_an_unmarried_citizen(tmp_path):
    data = raw_checklist()
    item_of(data, "klagevejledning")["gælder"] = "gift"
    item_of(data, "klagevejledning")["maader"]["civilstand_ukendt"] = {"svar": "ved_ikke", "virkning": "kritik"}
    cl = load_checklist_file(write(tmp_path, data))
    unmarried = evaluate(case_of(base()), cl).item("klagevejledning")
    assert (unmarried.answer, unmarried.reason) == ("ikke_relevant", "Borgeren er ugift.")
    raw = base()
    raw["civilstand"] = "gift"
    assert evaluate(case_of(raw), cl).item("klagevejledning").answer == "ja"
    raw.pop("civilstand")
    unknown = evaluate(case_of(raw), cl).item("klagevejledning")
    assert (unknown.answer, unknown.ways, unknown.consequence) == ("ved_ikke", ["civilstand_ukendt"], "kritik")


def test_applicability_aktivitetsparat_for_a_jobparat_citizen(tmp_path):
    result = evaluate(case_of(base()))
    for item_id in ("personlig_kontakt", "vurdering_13_8"):
        p = result.item(item_id)
        assert p.answer == "ikke_relevant"
        assert p.reason.startswith("Punktet gælder kun aktivitetsparate borgere. Ved tilsidesættelsen den 4. "
                                   "oktober 2021")
    assert evaluate(case_of(aktivitetsparat(base()))).item("personlig_kontakt").answer == "ja"

    # The same applicability step serves any item: the partshøring test limited to aktivitetsparate.
    data = raw_checklist()
    item_of(data, "partshoering")["gælder"] = "aktivitetsparat"
    item_of(data, "partshoering")["maader"]["maalgruppe_ukendt"] = {"svar": "ved_ikke", "virkning": "aendres"}
    cl = load_checklist_file(write(tmp_path, data))
    assert evaluate(case_of(base()), cl).item("partshoering").answer == "ikke_relevant"
    assert evaluate(case_of(aktivitetsparat(base())), cl).item("partshoering").answer == "ja"


def test_applicability_that_can_fail_needs_its_way(tmp_path):
    data = raw_checklist()
    item_of(data, "laengde")["gælder"] = "gift"
    with pytest.raises(ChecklistError, match="'gælder: gift' kræver måden civilstand_ukendt"):
        load_checklist_file(write(tmp_path, data))
    item_of(data, "laengde")["gælder"] = "alle_gifte"
    with pytest.raises(ChecklistError, match="'gælder' skal være en af alle, aktivitetsparat, gift"):
        load_checklist_file(write(tmp_path, data))


def test_unknown_rule_gives_a_danish_error(tmp_path):
    data = raw_checklist()
    item_of(data, "lukning")["regel"] = "lukning_af_sagen"
    with pytest.raises(ChecklistError, match="punkt lukning: reglen 'lukning_af_sagen' findes ikke"):
        parse_checklist(data, tmp_path / "forkert.yaml")


def test_an_item_id_without_a_rule_and_no_regel_is_rejected(tmp_path):
    data = raw_checklist()
    data["punkter"].append({**item_of(data, "lukning"), "id": "nyt_punkt"})
    with pytest.raises(ChecklistError, match="punkt nyt_punkt: reglen 'nyt_punkt' findes ikke"):
        parse_checklist(data, tmp_path / "forkert.yaml")


def test_a_rule_needs_its_constants(tmp_path):
    data = raw_checklist()
    del item_of(data, "personlig_kontakt")["kanaler"]
    with pytest.raises(ChecklistError, match="reglen 'personlig_kontakt' kræver feltet kanaler"):
        parse_checklist(data, tmp_path / "forkert.yaml")


def test_duplicate_item_ids_are_rejected(tmp_path):
    data = raw_checklist()
    data["punkter"].append(item_of(data, "lukning"))
    with pytest.raises(ChecklistError, match="punkterne lukning er defineret mere end én gang"):
        parse_checklist(data, tmp_path / "forkert.yaml")


def test_every_rule_has_wording_and_every_standard_item_a_rule():
    assert wording.check_wording() == []
    assert {i.rule for i in load_checklist("las-40a-2020").items} <= set(rules())


def test_constants_come_from_the_checklist(tmp_path):
    data = raw_checklist()
    item_of(data, "laengde")["tilladte_maaneder"] = [1, 2, 3, 4]
    item_of(data, "vejledning_35_2")["elementer"]["ægtefælle"]["kort"] = "ægtefællen (nr. 4)"
    cl = load_checklist_file(write(tmp_path, data))
    raw = base()
    raw["afgørelse"]["længde_måneder"] = 5
    for e in raw["hændelser"]:
        if e["type"] == "vejledning_skærpet":
            e["elementer"] = ["konsekvens", "kun_fremmødedage", "lukning_kalendermåned"]
    result = evaluate(case_of(raw), cl)
    assert "loven tillader 1, 2, 3 eller 4 måneder" in result.item("laengde").reason
    assert "Vejledningen mangler: ægtefællen (nr. 4)." in result.item("vejledning_35_2").reason
    raw["afgørelse"]["længde_måneder"] = 4
    assert evaluate(case_of(raw), cl).item("laengde").answer == "ja"
    assert evaluate(case_of(raw)).item("laengde").answer == "nej"
    assert D == "2021-11-25"
