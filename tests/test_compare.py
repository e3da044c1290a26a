"""audit.tilsyn.compare: what changed between two runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from audit.contract import label
from audit.tilsyn.compare import CompareError, compare_dirs, load_run

sys.path.insert(0, str(Path(__file__).parent))
from resultbuilder import complete  # noqa: E402


def result(sag, samlet="i_overensstemmelse", kritik="ingen", kommune="Nordhavn Kommune", **answers):
    punkter = [{"id": i, "svar": s, "kilde": "beregnet"} for i, s in answers.items()]
    return complete({"sagsnummer": sag, "kommune": kommune, "samlet": samlet, "kritik": kritik,
                     "regelsaet": "las-40a-2020", "punkter": punkter, "version": "0.1.0"})


def write_run(folder, rows):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "resultater.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return folder


BASE = [
    result("1", partshoering="ja", laengde="ja"),
    result("2", "aendres", partshoering="nej", laengde="ja"),
    result("3", partshoering="ja", laengde="ja"),
    result("4", partshoering="ja"),
]


def test_identical_runs_are_the_same(tmp_path):
    cmp = compare_dirs(write_run(tmp_path / "a", BASE), write_run(tmp_path / "b", list(reversed(BASE))))
    assert cmp.same
    assert cmp.common == 4
    assert cmp.to_dict()["ens"] is True


def test_crafted_differences(tmp_path):
    changed = [
        result("1", "aendres", partshoering="nej", laengde="ja"),          # verdict and one item
        result("2", "aendres", partshoering="nej", laengde="nej"),          # item only
        result("3", "i_overensstemmelse", "kritik", partshoering="ja", laengde="ja"),  # kritik only
        result("5", partshoering="ja"),                                     # new case
        result("4", partshoering="ja", begrundelse="nej", kommune="Sydby Kommune"),  # other municipality
    ]
    cmp = compare_dirs(write_run(tmp_path / "a", BASE), write_run(tmp_path / "b", changed))
    assert not cmp.same
    verdicts = {c.key[1]: c for c in cmp.verdict_changes}
    assert set(verdicts) == {"1", "3"}
    assert (verdicts["1"].samlet.before, verdicts["1"].samlet.after) == ("i_overensstemmelse", "aendres")
    assert verdicts["1"].kritik is None
    assert verdicts["3"].samlet is None
    assert (verdicts["3"].kritik.before, verdicts["3"].kritik.after) == ("ingen", "kritik")

    items = {c.key[1]: c.items for c in cmp.item_changes}
    assert set(items) == {"1", "2"}
    assert (items["1"]["partshoering"].before, items["1"]["partshoering"].after) == ("ja", "nej")
    assert list(items["2"]) == ["laengde"]

    assert cmp.only_a == [("Nordhavn Kommune", "4")]
    assert cmp.only_b == [("Nordhavn Kommune", "5"), ("Sydby Kommune", "4")]
    assert cmp.per_item() == {"laengde": {"i_alt": 1, "ja -> nej": 1},
                              "partshoering": {"i_alt": 1, "ja -> nej": 1}}

    d = cmp.to_dict()
    assert d["ens"] is False
    assert d["antal"] == {"a": 4, "b": 5, "faelles": 3, "samlet_aendret": 2, "punkter_aendret": 2,
                          "kun_i_a": 1, "kun_i_b": 2}
    assert d["samlet_aendret"][0] == {"kommune": "Nordhavn Kommune", "sagsnummer": "1",
                                      "samlet": {"fra": "i_overensstemmelse", "til": "aendres"},
                                      "punkter": {"partshoering": {"fra": "ja", "til": "nej"}}}
    json.dumps(d)  # serialisable


def test_item_present_in_one_run_only(tmp_path):
    a = [result("1", partshoering="ja")]
    b = [result("1", partshoering="ja", proportionalitet="ved_ikke")]
    cmp = compare_dirs(write_run(tmp_path / "a", a), write_run(tmp_path / "b", b))
    ch = cmp.item_changes[0].items["proportionalitet"]
    assert (ch.before, ch.after) == (None, "ved_ikke")
    assert cmp.per_item() == {"proportionalitet": {"i_alt": 1, "(mangler) -> ved_ikke": 1}}


def test_per_item_counts_several_cases(tmp_path):
    a = [result(str(i), partshoering="ja") for i in range(5)]
    b = [result(str(i), partshoering="nej" if i < 3 else ("ved_ikke" if i == 3 else "ja")) for i in range(5)]
    cmp = compare_dirs(write_run(tmp_path / "a", a), write_run(tmp_path / "b", b))
    assert cmp.per_item() == {"partshoering": {"i_alt": 4, "ja -> nej": 3, "ja -> ved_ikke": 1}}


def test_a_file_path_is_accepted(tmp_path):
    folder = write_run(tmp_path / "a", BASE)
    assert compare_dirs(folder / "resultater.jsonl", folder).same


def test_missing_folder(tmp_path):
    with pytest.raises(CompareError, match="findes ikke"):
        load_run(tmp_path / "nej")


def test_folder_without_results(tmp_path):
    (tmp_path / "tom").mkdir()
    with pytest.raises(CompareError, match="ingen resultater.jsonl"):
        load_run(tmp_path / "tom")


def test_invalid_json_line(tmp_path):
    folder = write_run(tmp_path / "a", BASE)
    with open(folder / "resultater.jsonl", "a", encoding="utf-8") as fh:
        fh.write("{ikke json\n")
    with pytest.raises(CompareError, match="linje 5: ikke gyldig JSON"):
        load_run(folder)


def test_record_without_key(tmp_path):
    folder = write_run(tmp_path / "a", [{"samlet": "aendres"}])
    with pytest.raises(CompareError, match="linje 1: følger ikke resultatformatet: feltet 'sagsnummer' mangler"):
        load_run(folder)
    folder = write_run(tmp_path / "b", [result("1", kommune="")])
    with pytest.raises(CompareError, match="linje 1: posten mangler 'kommune' eller 'sagsnummer'"):
        load_run(folder)


def test_a_value_that_breaks_the_contract_stops_with_its_place(tmp_path):
    odd = result("2", partshoering="ja")
    odd["punkter"][0]["svar"] = "måske"
    folder = write_run(tmp_path / "a", [result("1"), odd])
    with pytest.raises(CompareError) as err:
        load_run(folder)
    assert "linje 2: følger ikke resultatformatet: ugyldig værdi 'måske' ved `$.punkter[0].svar`" in str(err.value)
    assert "ja, nej, ved_ikke, ikke_relevant" in str(err.value)


def test_binary_file(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CompareError, match="ikke UTF-8"):
        load_run(f)


def test_duplicate_key_keeps_first_and_warns(tmp_path):
    folder = write_run(tmp_path / "a", [result("1"), result("1", "aendres")])
    run = load_run(folder)
    assert run.results[("Nordhavn Kommune", "1")].verdict == "i_overensstemmelse"
    assert run.warnings and "forekommer igen" in run.warnings[0]


def test_labels():
    assert label("aendres") == "ændres"
    assert label("ved_ikke") == "ved ikke"
    assert label(None) == "(mangler)"
    assert label("noget_nyt") == "noget_nyt"
    assert label("uden_for_regelsaet") == "uden for regelsættet"


def test_compare_json_output_masks_cpr(tmp_path):
    from typer.testing import CliRunner

    from audit.cli.main import app  # registers every command

    a = write_run(tmp_path / "a", [result("010190-1234", partshoering="ja")])
    b = write_run(tmp_path / "b", [result("010190-1234", partshoering="nej")])
    for extra in ([], ["--json"]):
        res = CliRunner().invoke(app, ["compare", str(a), str(b), *extra])
        assert res.exit_code == 1
        assert "010190-1234" not in res.output and "xxxxxx-xxxx" in res.output


def test_compare_cli_stops_with_exit_2_on_a_line_that_breaks_the_contract(tmp_path):
    from typer.testing import CliRunner

    from audit.cli.main import app

    odd = result("1")
    odd["kritik"] = 3
    a = write_run(tmp_path / "a", [result("1")])
    b = write_run(tmp_path / "b", [odd])
    res = CliRunner().invoke(app, ["compare", str(a), str(b)])
    assert res.exit_code == 2
    assert "linje 1: følger ikke resultatformatet: forventede tekst, fandt et heltal ved `$.kritik`" in (
        " ".join(res.output.split()))


def reviewed(sag, item_id, svar, beregnet, af=None, bemaerkning=None, **answers):
    """A result whose ``item_id`` is a reviewer's answer (kilde: vurdering, as --vurderinger writes it)."""
    r = result(sag, **answers)
    for p in r["punkter"]:
        if p["id"] == item_id:
            p.update(svar=svar, kilde="vurdering",
                     beregnet={"svar": beregnet, "begrundelse": "beregnet", "virkning": None},
                     vurdering={"af": af, "bemaerkning": bemaerkning})
    return r


def test_a_changed_answer_from_a_reviewer_is_marked(tmp_path):
    """B's answer to partshoering is a reviewer's (kilde vurdering, af, bemærkning): the changed item carries
    it; laengde changed by computation carries nothing; begrundelse, reviewed but unchanged, is not listed."""
    from typer.testing import CliRunner

    from audit.cli.main import app

    a = write_run(tmp_path / "a", [result("1", partshoering="ja", laengde="ja", begrundelse="ja"),
                                   result("2", partshoering="ja")])
    b = write_run(tmp_path / "b", [
        reviewed("1", "partshoering", "nej", "ja", "MLK", "Ikke i akterne", partshoering="ja", laengde="nej",
                 begrundelse="ja"),
        reviewed("2", "partshoering", "nej", "ja", partshoering="ja"),  # no initials or remark
    ])
    b_rows = [json.loads(x) for x in (b / "resultater.jsonl").read_text(encoding="utf-8").splitlines()]
    for p in b_rows[0]["punkter"]:
        if p["id"] == "begrundelse":
            p.update(kilde="vurdering", beregnet={"svar": "ja", "begrundelse": "", "virkning": None},
                     vurdering={"af": "MLK", "bemaerkning": None})
    write_run(b, b_rows)
    cmp = compare_dirs(a, b)
    changes = {c.key[1]: c for c in cmp.item_changes}
    assert set(changes["1"].items) == {"partshoering", "laengde"}
    assert set(changes["1"].reviewed) == {"partshoering"}
    assert (changes["1"].reviewed["partshoering"].by, changes["1"].reviewed["partshoering"].remark) == \
        ("MLK", "Ikke i akterne")
    d = cmp.to_dict()
    by_case = {c["sagsnummer"]: c["punkter"] for c in d["punkter_aendret"]}
    assert by_case["1"] == {
        "laengde": {"fra": "ja", "til": "nej"},
        "partshoering": {"fra": "ja", "til": "nej", "kilde": "vurdering", "af": "MLK", "bemaerkning": "Ikke i akterne"}}
    assert by_case["2"] == {"partshoering": {"fra": "ja", "til": "nej", "kilde": "vurdering", "af": "",
                                             "bemaerkning": ""}}
    # everything else is as before
    assert cmp.per_item() == {"partshoering": {"i_alt": 2, "ja -> nej": 2}, "laengde": {"i_alt": 1, "ja -> nej": 1}}

    res = CliRunner().invoke(app, ["compare", str(a), str(b)], env={"COLUMNS": "200"})
    assert res.exit_code == 1
    lines = res.output.splitlines()
    (row1,) = [x for x in lines if "Ikke i akterne" in x]
    assert "ja → nej, vurdering af MLK: »Ikke i akterne«" in " ".join(row1.split())
    # the per-case table's row of laengde (changed by computation) is unmarked
    (row_l,) = [x for x in lines if "Sanktionens længde" in x and "ja → nej" in x and "ja → nej:" not in x]
    assert " ".join(row_l.split()) == "│ Nordhavn Kommune │ 1 │ Sanktionens længde │ ja → nej │"
    # the per-item table counts the reviewers' changes among them; laengde, changed by computation, has none
    assert cmp.reviewed_per_item() == {"partshoering": 2}
    assert any(" ".join(x.split()) == "│ Partshøring │ 2 │ ja → nej: 2 (2 ved vurdering) │" for x in lines)
    assert any(" ".join(x.split()) == "│ Sanktionens længde │ 1 │ ja → nej: 1 │" for x in lines)
    assert sum("vurdering af ukendt" in x for x in lines) == 1
    data = json.loads(CliRunner().invoke(app, ["compare", str(a), str(b), "--json"]).output)
    assert data["punkter_aendret"][0]["punkter"]["partshoering"]["af"] == "MLK"
