"""gennemgang.xlsx: the reviewer's workbook written by audit run, and read back with --vurderinger.

Expected verdicts are reasoned from the checklist (checklists/las-40a-2020.yaml, samlet_vurdering and the
items' maader) and sample_cases/FORVENTET.md, not taken from a run:
- NH-2021-0112 holds on every point (FORVENTET). A reviewer's Nej on partshoering without a virkning takes the
  item's most serious consequence (its only way, mangler: nej/aendres; README "Sådan tilsidesætter du"),
  and nej/aendres gives samlet = aendres.
- NH-2022-0561 is changed only because of vejledning_35_2 (FORVENTET: nej vejledning_35_2, nothing else nej
  or ved ikke). A reviewer's Ja there leaves no failed point: i_overensstemmelse, kritik ingen.
- NH-2022-0688's own vurderinger give begrundelse nej with kritik (FORVENTET); a workbook Ja on the same item
  wins (the chosen rule) and leaves no failed point: i_overensstemmelse, kritik ingen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from audit.cli.main import app
from audit.contract import Answer, Consequence
from audit.tilsyn.gennemgang import (
    GENNEMGANG_FILE,
    HEADERS,
    HELP_SHEET,
    read_review_book,
    write_for_run,
    write_workbook,
)

ROOT = Path(__file__).resolve().parents[1]
NORDHAVN = ROOT / "sample_cases" / "nordhavn.json"
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def items_per_case() -> int:
    from audit.rules.checklist import load_checklist

    return len(load_checklist("las-40a-2020").items)


def results(folder: Path) -> dict[str, dict]:
    out = {}
    for line in (folder / "resultater.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out[d["sagsnummer"]] = d
    return out


@pytest.fixture(scope="module")
def run1(tmp_path_factory):
    out = tmp_path_factory.mktemp("r1")
    res = invoke("run", NORDHAVN, "--out", out, "--quiet")
    assert res.exit_code == 0, res.output
    return out


def sheet_rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    return rows[0], rows[1:]


def col(name: str) -> int:
    return HEADERS.index(name)


# --- the workbook's structure --------------------------------------------------------------------------------

def test_workbook_written_beside_results_with_one_row_per_case_and_item(run1):
    wb = load_workbook(run1 / GENNEMGANG_FILE)
    assert wb.sheetnames == [HELP_SHEET, "Nordhavn Kommune"]
    ws = wb["Nordhavn Kommune"]
    header, rows = sheet_rows(ws)
    assert header[:2] == ("Kommune", "Sagsnummer")
    for h in ("Dit svar", "Din virkning", "Bemærkning", "Initialer", "Spørgsmål", "Beregnet svar", "Begrundelse",
              "Datoer", "Samlet vurdering", "Målgruppe", "Sagsbehandler", "Enhed", "Punkt-id"):
        assert h in header
    res = results(run1)
    assessed = [r for r in res.values() if r["punkter"]]
    assert len(rows) == len(assessed) * items_per_case()  # NH-2019-0874 (outside the rule set) has no items
    pairs = {(r[col("Sagsnummer")], r[col("Punkt-id")]) for r in rows}
    assert len(pairs) == len(rows)
    assert "NH-2019-0874" not in {r[col("Sagsnummer")] for r in rows}


def test_frozen_header_filter_and_drop_downs(run1):
    ws = load_workbook(run1 / GENNEMGANG_FILE)["Nordhavn Kommune"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:R{ws.max_row}"
    found = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    svar = "ABCDEFGHIJKLMNOPQR"[col("Dit svar")]
    virk = "ABCDEFGHIJKLMNOPQR"[col("Din virkning")]
    assert found['"Ja,Nej,Ved ikke,Ikke relevant"'] == f"{svar}2:{svar}{ws.max_row}"
    assert found['"Ændres,Hjemvises,Kritik,Bemærkning"'] == f"{virk}2:{virk}{ws.max_row}"
    assert [a.label for a in Answer] == ["Ja", "Nej", "Ved ikke", "Ikke relevant"]
    assert [c.label for c in Consequence] == ["Ændres", "Hjemvises", "Kritik", "Bemærkning"]


def test_failed_items_first_within_each_case_and_highlighted(run1):
    ws = load_workbook(run1 / GENNEMGANG_FILE)["Nordhavn Kommune"]
    by_case: dict[str, list] = {}
    for row in ws.iter_rows(min_row=2):
        by_case.setdefault(row[col("Sagsnummer")].value, []).append(row)
    # FORVENTET: NH-2021-0733 has nej on forudgaaende_sanktion, vejledning_35_2, ny_tilsidesaettelse
    rows = by_case["NH-2021-0733"]
    answers = [r[col("Beregnet svar")].value for r in rows]
    first = {r[col("Punkt-id")].value for r in rows[:3]}
    assert first == {"forudgaaende_sanktion", "vejledning_35_2", "ny_tilsidesaettelse"}
    assert answers[:3] == ["Nej", "Nej", "Nej"]
    assert all(a not in ("Nej", "Ved ikke") for a in answers[3:])
    for r in rows[:3]:
        assert r[0].fill.fgColor.rgb.endswith("F8D7DA")
        assert r[col("Begrundelse")].fill.fgColor.rgb.endswith("F8D7DA")
    assert rows[3][0].fill.fill_type is None
    # a case with nothing failed keeps the checklist order and has no highlighted row
    ok = by_case["NH-2021-0112"]
    assert ok[0][col("Punkt-id")].value == "maalgruppe"
    assert all(r[0].fill.fill_type is None for r in ok)


def test_an_applied_review_is_shown_as_such(run1):
    """NH-2022-0688 carries its own vurdering (begrundelse nej): the workbook shows the computed answer as
    computed and the reviewer's answer in the reviewer columns, so it survives a round trip."""
    ws = load_workbook(run1 / GENNEMGANG_FILE)["Nordhavn Kommune"]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True)
               if r[col("Sagsnummer")] == "NH-2022-0688" and r[col("Punkt-id")] == "begrundelse")
    assert row[col("Beregnet svar")] == "Ja"
    assert row[col("Dit svar")] == "Nej"
    assert row[col("Din virkning")] == "Kritik"


def test_continuation_sheet_when_a_sheet_is_full(run1, tmp_path):
    n = items_per_case()
    s = write_workbook(run1 / "resultater.jsonl", tmp_path / "g.xlsx", max_rows=1 + 2 * n)
    assert s.sheets[:2] == ["Nordhavn Kommune", "Nordhavn Kommune (2)"]
    wb = load_workbook(tmp_path / "g.xlsx")
    assert wb["Nordhavn Kommune"].max_row == 1 + 2 * n
    assert sum(ws.max_row - 1 for ws in wb.worksheets[1:]) == s.rows


def test_policy_large_runs_need_the_option(run1, tmp_path):
    import shutil

    shutil.copy(run1 / "resultater.jsonl", tmp_path / "resultater.jsonl")
    written, notice = write_for_run(tmp_path, 18, limit=10)
    assert written is None and "--gennemgang" in notice and not (tmp_path / GENNEMGANG_FILE).exists()
    written, notice = write_for_run(tmp_path, 18, limit=10, always=True)
    assert written is not None and notice is None and (tmp_path / GENNEMGANG_FILE).is_file()
    assert write_for_run(tmp_path, 1, never=True) == (None, None)


def test_ingen_gennemgang_skips_the_workbook(tmp_path):
    res = invoke("run", NORDHAVN, "--out", tmp_path, "--quiet", "--ingen-gennemgang")
    assert res.exit_code == 0
    assert not (tmp_path / GENNEMGANG_FILE).exists()


# --- reading it back ---------------------------------------------------------------------------------------

def fill(src: Path, dst: Path, answers: dict[tuple[str, str], dict[str, object]]) -> Path:
    """Fill reviewer cells as a reviewer would in Excel (openpyxl, normal mode)."""
    wb = load_workbook(src)
    ws = wb["Nordhavn Kommune"]
    done = set()
    for row in ws.iter_rows(min_row=2):
        key = (row[col("Sagsnummer")].value, row[col("Punkt-id")].value)
        if key in answers:
            for name, value in answers[key].items():
                row[col(name)].value = value
            done.add(key)
    assert done == set(answers)
    wb.save(dst)
    return dst


def test_round_trip_two_rows_change_the_verdicts(run1, tmp_path):
    before = results(run1)
    assert before["NH-2021-0112"]["samlet"] == "i_overensstemmelse"
    assert before["NH-2022-0561"]["samlet"] == "aendres"
    book = fill(run1 / GENNEMGANG_FILE, tmp_path / "udfyldt.xlsx", {
        ("NH-2021-0112", "partshoering"): {"Dit svar": "Nej", "Bemærkning": "Partshøringen er ikke i akterne",
                                           "Initialer": "MLK"},
        ("NH-2022-0561", "vejledning_35_2"): {"Dit svar": "Ja", "Bemærkning": "Vejledningen ligger i akterne",
                                              "Initialer": "MLK"},
    })
    out = tmp_path / "r2"
    res = invoke("run", NORDHAVN, "--vurderinger", book, "--out", out, "--quiet")
    assert res.exit_code == 0, res.output
    after = results(out)
    a = after["NH-2021-0112"]
    assert a["samlet"] == "aendres"
    p = next(x for x in a["punkter"] if x["id"] == "partshoering")
    assert (p["svar"], p["kilde"], p["virkning"]) == ("nej", "vurdering", "aendres")
    assert p["beregnet"]["svar"] == "ja"
    assert p["vurdering"] == {"af": "MLK", "bemaerkning": "Partshøringen er ikke i akterne"}
    b = after["NH-2022-0561"]
    assert (b["samlet"], b["kritik"]) == ("i_overensstemmelse", "ingen")
    q = next(x for x in b["punkter"] if x["id"] == "vejledning_35_2")
    assert (q["svar"], q["kilde"], q["beregnet"]["svar"]) == ("ja", "vurdering", "nej")
    # every other case is as before
    for nr in set(before) - {"NH-2021-0112", "NH-2022-0561"}:
        assert after[nr]["samlet"] == before[nr]["samlet"], nr

    cmp = invoke("compare", run1, out)
    assert cmp.exit_code == 1
    text = " ".join(cmp.output.split())
    assert "NH-2021-0112" in text and "NH-2022-0561" in text
    data = json.loads(invoke("compare", run1, out, "--json").output)
    changed = {c["sagsnummer"]: c["samlet"] for c in data["samlet_aendret"]}
    assert changed == {"NH-2021-0112": {"fra": "i_overensstemmelse", "til": "aendres"},
                       "NH-2022-0561": {"fra": "aendres", "til": "i_overensstemmelse"}}


def test_workbook_of_a_reviewed_run_reads_back_to_the_same_results(run1, tmp_path):
    """The reviewer columns of R1's workbook hold NH-2022-0688's own vurdering: read back, nothing changes,
    and no conflict is warned (the two agree)."""
    out = tmp_path / "r2"
    res = invoke("run", NORDHAVN, "--vurderinger", run1 / GENNEMGANG_FILE, "--out", out, "--quiet")
    assert res.exit_code == 0, res.output
    before, after = results(run1), results(out)
    assert {k: (v["samlet"], v["kritik"]) for k, v in before.items()} == \
        {k: (v["samlet"], v["kritik"]) for k, v in after.items()}
    issues = (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8")
    assert "vurdering_erstattet" not in issues


def test_workbook_wins_over_the_cases_own_vurdering_with_a_warning(run1, tmp_path):
    book = fill(run1 / GENNEMGANG_FILE, tmp_path / "u.xlsx",
                {("NH-2022-0688", "begrundelse"): {"Dit svar": "Ja", "Din virkning": None}})
    out = tmp_path / "r2"
    res = invoke("run", NORDHAVN, "--vurderinger", book, "--out", out, "--quiet")
    assert res.exit_code == 0
    r = results(out)["NH-2022-0688"]
    assert (r["samlet"], r["kritik"]) == ("i_overensstemmelse", "ingen")
    issues = [json.loads(x) for x in (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8").splitlines()]
    warned = [i for i in issues if i["kode"] == "vurdering_erstattet"]
    assert len(warned) == 1 and warned[0]["alvor"] == "advarsel" and warned[0]["ark"] == "Nordhavn Kommune"
    assert "gælder" in warned[0]["besked"]


def test_bad_rows_are_located_errors_and_their_case_is_not_audited(run1, tmp_path):
    book = fill(run1 / GENNEMGANG_FILE, tmp_path / "bad.xlsx", {
        ("NH-2021-0112", "partshoering"): {"Dit svar": "Måske"},
        ("NH-2022-0561", "vejledning_35_2"): {"Din virkning": "Kritik"},
        ("NH-2022-0415", "oplysning"): {"Dit svar": "nej", "Din virkning": "Ændres"},
    })
    parsed = read_review_book(book)
    errors = [i for i in parsed.issues if i.severity == "fejl"]
    assert {(i.case_number, i.code, i.column) for i in errors} == {
        ("NH-2021-0112", "ukendt_kode", "Dit svar"), ("NH-2022-0561", "mangler_felt", "Dit svar")}
    for i in errors:
        assert i.sheet == "Nordhavn Kommune" and i.row >= 2 and i.file.endswith("bad.xlsx")
        assert "Dit svar" in i.line() and f"række {i.row}" in i.line()
    # the row's place is the row of that case and item in the sheet
    ws = load_workbook(book)["Nordhavn Kommune"]
    e = next(i for i in errors if i.case_number == "NH-2021-0112")
    assert ws.cell(e.row, col("Punkt-id") + 1).value == "partshoering"
    assert "Tilladt er: Ja, Nej, Ved ikke, Ikke relevant" in e.message
    # "nej" (lower case) is read as Nej without a warning; the third row is used
    assert parsed.for_case("Nordhavn Kommune", "NH-2022-0415")["oplysning"].answer == "nej"

    out = tmp_path / "r2"
    res = invoke("run", NORDHAVN, "--vurderinger", book, "--out", out, "--quiet")
    assert res.exit_code == 1
    after = results(out)
    assert "NH-2021-0112" not in after and "NH-2022-0561" not in after  # not audited: never silently computed
    assert after["NH-2022-0415"]["samlet"] == "aendres"  # oplysning nej/aendres (the reviewer's virkning)
    assert len(after) == len(results(run1)) - 2


def test_row_for_a_vanished_case_or_item_is_warned(run1, tmp_path):
    wb = load_workbook(run1 / GENNEMGANG_FILE)
    ws = wb["Nordhavn Kommune"]
    ws.cell(2, col("Sagsnummer") + 1).value = "NH-1999-0001"
    ws.cell(2, col("Dit svar") + 1).value = "Nej"
    ws.cell(3, col("Punkt-id") + 1).value = "gammelt_punkt"
    ws.cell(3, col("Dit svar") + 1).value = "Ja"
    wb.save(tmp_path / "v.xlsx")
    out = tmp_path / "r2"
    res = invoke("run", NORDHAVN, "--vurderinger", tmp_path / "v.xlsx", "--out", out, "--quiet")
    assert res.exit_code == 0  # warnings only
    issues = [json.loads(x) for x in (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8").splitlines()]
    vanished = [i for i in issues if i["kode"] == "ukendt_sag"]
    assert [(i["sagsnummer"], i["række"], i["alvor"]) for i in vanished] == [("NH-1999-0001", 2, "advarsel")]
    item = [i for i in issues if i["kode"] == "ukendt_punkt"]
    assert [(i["række"], i["alvor"], i["kolonne"]) for i in item] == [(3, "advarsel", "Punkt-id")]


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="the monkeypatched threshold reaches the workers only when they are forked")
def test_reviewed_run_with_two_workers_writes_the_same_files_as_one_process(run1, tmp_path, monkeypatch):
    """--vurderinger with --jobs 2: the workbook travels to the workers, which merge it into their cases; the
    files are the same, byte for byte, as with --jobs 1 (a changed verdict, the warned conflict with a case's
    own vurdering, a case blocked by a bad row, and a row for a vanished case, each in its place)."""
    import audit.parallel as parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)  # the 18 sample cases are far below the threshold
    monkeypatch.setattr(parallel, "CHUNK_LINES", 4)
    used: list[str] = []
    real = parallel._read_jsonl_parallel

    def spy(pool, path, *args):
        used.append(path.name)
        return real(pool, path, *args)

    monkeypatch.setattr(parallel, "_read_jsonl_parallel", spy)
    records = json.loads(NORDHAVN.read_text(encoding="utf-8"))["sager"]
    jsonl = tmp_path / "sager.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    book = fill(run1 / GENNEMGANG_FILE, tmp_path / "u.xlsx", {
        ("NH-2021-0112", "partshoering"): {"Dit svar": "Nej", "Initialer": "MLK"},  # first line: main process
        ("NH-2022-0561", "vejledning_35_2"): {"Dit svar": "Ja", "Initialer": "MLK"},
        ("NH-2022-0688", "begrundelse"): {"Dit svar": "Ja"},  # differs from the case's own vurdering: advarsel
        ("NH-2022-0415", "oplysning"): {"Dit svar": "Måske"},  # a fejl: the case is not audited
    })
    wb = load_workbook(book)
    ws = wb["Nordhavn Kommune"]
    last = ws.max_row
    ws.cell(last, col("Sagsnummer") + 1).value = "NH-1999-0001"  # a case not in the input: advarsel
    ws.cell(last, col("Dit svar") + 1).value = "Nej"
    wb.save(book)

    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        res = invoke("run", jsonl, "--vurderinger", book, "--out", out, "--quiet", "--jobs", jobs,
                     "--ingen-gennemgang")
        assert res.exit_code == 1, res.output  # the blocked case is a fejl
        run = json.loads((out / "koersel.json").read_text(encoding="utf-8"))
        run.pop("tidspunkt")
        run.pop("version")
        outputs[jobs] = ((out / "resultater.jsonl").read_bytes(), (out / "indlaesningsfejl.jsonl").read_bytes(),
                         run)
    assert used == ["sager.jsonl"]  # --jobs 2 really read the file in the workers (once: --jobs 1 did not)
    assert outputs["1"] == outputs["2"]
    after = results(tmp_path / "j2")
    assert after["NH-2021-0112"]["samlet"] == "aendres"
    assert (after["NH-2022-0561"]["samlet"], after["NH-2022-0561"]["kritik"]) == ("i_overensstemmelse", "ingen")
    assert (after["NH-2022-0688"]["samlet"], after["NH-2022-0688"]["kritik"]) == ("i_overensstemmelse", "ingen")
    assert "NH-2022-0415" not in after and len(after) == len(records) - 1
    issues = [json.loads(x) for x in (tmp_path / "j2" / "indlaesningsfejl.jsonl").read_text().splitlines()]
    review_codes = {"ukendt_kode", "ugyldig_vurdering", "vurdering_erstattet", "ukendt_sag"}
    # the workbook's own problems first, then each case's in input order (NH-2022-0415 is the 2nd record,
    # NH-2022-0688 the 11th), the unused rows last: as runner.run_audit writes them in one process
    assert [(i["kode"], i.get("sagsnummer")) for i in issues if i["kode"] in review_codes] == [
        ("ukendt_kode", "NH-2022-0415"), ("ugyldig_vurdering", "NH-2022-0415"),
        ("vurdering_erstattet", "NH-2022-0688"), ("ukendt_sag", "NH-1999-0001")]


def test_not_a_workbook_is_a_usage_error(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    res = invoke("run", NORDHAVN, "--vurderinger", bad, "--out", tmp_path / "o")
    assert res.exit_code == 2
    assert "kan ikke læses som Excel-arbejdsbog" in " ".join(res.output.split())
    assert not (tmp_path / "o" / "resultater.jsonl").exists()


def test_bilag_and_kapitel_5_state_what_the_reviewer_changed(run1, tmp_path):
    """Expected sentences from the rules: kritik is weighed only when the decision is in accordance
    (checklist samlet_vurdering); NH-2022-0688's own vurdering (begrundelse nej/kritik, computed ja) leaves it
    in accordance but gives kritik where the computed answers give none (FORVENTET: kritik); confirming
    partshoering (computed ja) changes nothing in NH-2022-0207 (in accordance, no kritik) nor in NH-2021-0733
    (ændres for other points, FORVENTET)."""
    book = fill(run1 / GENNEMGANG_FILE, tmp_path / "u.xlsx", {
        ("NH-2021-0112", "partshoering"): {"Dit svar": "Nej", "Bemærkning": "Ikke i akterne", "Initialer": "MLK"},
        ("NH-2022-0207", "partshoering"): {"Dit svar": "Ja", "Initialer": "AB"},
        ("NH-2021-0733", "partshoering"): {"Dit svar": "Ja", "Initialer": "CD"},
    })
    out = tmp_path / "r2"
    assert invoke("run", NORDHAVN, "--vurderinger", book, "--out", out, "--quiet", "--report").exit_code == 0
    bilag = " ".join(next((out / "rapporter").glob("*/bilag.html")).read_text(encoding="utf-8").split())
    assert ("5.2 Har kommunen partshørt?: ændret fra Ja til Nej af MLK (»Ikke i akterne«). Uden vurderingerne "
            "ville den samlede vurdering være: I overensstemmelse; med dem: Ændres.") in bilag
    # a change of kritik alone is stated as such (it used to read "ændrer ikke den samlede vurdering" only)
    assert ("af afgørelsen«). Vurderingerne ændrer ikke den samlede vurdering, men de ændrer kritikken: uden dem "
            "ville der hverken blive udtalt kritik eller givet en bemærkning; med dem ville der blive udtalt "
            "kritik.") in bilag
    assert "af afgørelsen«). Vurderingerne ændrer ikke den samlede vurdering." not in bilag
    # the other side: nothing changed, in a case in accordance and in one that is changed anyway
    assert ("bekræftet (Ja) af AB. Vurderingerne ændrer hverken den samlede vurdering eller kritikken.") in bilag
    assert "bekræftet (Ja) af CD. Vurderingerne ændrer ikke den samlede vurdering." in bilag
    assert bilag.count("men de ændrer kritikken") == 1
    rapport = " ".join(next((out / "rapporter").glob("*/rapport.html")).read_text(encoding="utf-8").split())
    assert "Uden vurderingen: I overensstemmelse; med vurderingen: Ændres." in rapport
    assert ("Ingen ændring af den samlede vurdering (I overensstemmelse), men af kritikken: uden vurderingen ville "
            "der hverken blive udtalt kritik eller givet en bemærkning; med vurderingen ville der blive udtalt "
            "kritik.") in rapport
    assert "AB</td> <td class=\"venstre\">Ingen ændring af den samlede vurdering (I overensstemmelse) eller af " \
        "kritikken.</td>" in rapport
    assert "CD</td> <td class=\"venstre\">Ingen ændring af den samlede vurdering (Ændres).</td>" in rapport
    assert rapport.count("men af kritikken") == 1


def test_effect_of_a_review_on_kritik_and_remark_both_ways():
    """effect_text over the four outcomes; kritik and bemærkning are the two degrees of analyseskema 5.5."""
    from audit.contract import Criticism, Verdict
    from audit.reporting.overrides import Override, effect_text

    def o(verdict, without, criticism=Criticism.NONE, criticism_without=None):
        return Override("S-1", "K", "begrundelse", "4.1", "?", Answer.JA, "", Answer.NEJ, "", "", verdict, without,
                        criticism, criticism_without)

    up = Verdict.UPHELD
    assert effect_text(o(up, up, Criticism.NONE, Criticism.CRITICISM), plural=True) == (
        "Vurderingerne ændrer ikke den samlede vurdering, men de ændrer kritikken: uden dem ville der blive udtalt "
        "kritik; med dem ville der hverken blive udtalt kritik eller givet en bemærkning.")
    assert effect_text(o(up, up, Criticism.REMARK, Criticism.CRITICISM)) == (
        "Ingen ændring af den samlede vurdering (I overensstemmelse), men af kritikken: uden vurderingen ville der "
        "blive udtalt kritik; med vurderingen ville der blive givet en bemærkning.")
    assert effect_text(o(up, up, Criticism.REMARK, Criticism.REMARK), plural=True) == \
        "Vurderingerne ændrer hverken den samlede vurdering eller kritikken."
    # the kritik of the computed answers unknown (the recorded kritik does not follow from the answers)
    assert effect_text(o(up, up, Criticism.REMARK, None)) == \
        "Ingen ændring af den samlede vurdering (I overensstemmelse)."
    # the verdict itself changed: kritik is not weighed beside a changed decision
    assert effect_text(o(Verdict.CHANGED, up, Criticism.NONE, Criticism.CRITICISM), plural=True) == \
        "Uden vurderingerne ville den samlede vurdering være: I overensstemmelse; med dem: Ændres."
    # not derivable
    assert effect_text(o(up, None), plural=True) == ""
    assert effect_text(o(up, None)) == "Samlet vurdering: I overensstemmelse."
