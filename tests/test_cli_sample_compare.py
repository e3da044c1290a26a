"""CLI: audit sample, audit check and audit compare (typer's CliRunner)."""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import date

import pytest
from resultbuilder import complete
from test_gate import PASSING, failing_draft, kritik_draft
from typer.testing import CliRunner

from audit.cli.main import app  # registers every command
from audit.tilsyn.sampling import draw_sample, load_sample_keys, population_row

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def make_case(i: int, worker: str | None, decided: str, group: str = "jobparat") -> dict:
    raw = copy.deepcopy(PASSING)
    raw["sagsnummer"] = f"NH-2024-{i:04d}"
    if worker is None:
        raw.pop("sagsbehandler")
    else:
        raw["sagsbehandler"] = worker
    raw["afgørelse"]["dato"] = decided
    raw["hændelser"][0]["målgruppe"] = group
    return raw


@pytest.fixture
def cases_file(tmp_path):
    rows = []
    for i in range(1, 13):
        worker = ["ABC", "DEF", "GHI"][i % 3] if i != 12 else None
        month = 1 + (i % 6)  # January to June 2024
        rows.append(make_case(i, worker, f"2024-{month:02d}-10", "aktivitetsparat" if i % 4 == 0 else "jobparat"))
    f = tmp_path / "sager.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return f


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))


# -- audit sample -----------------------------------------------------------------------------

def test_sample_one_per_caseworker_in_a_quarter(cases_file, tmp_path):
    out = tmp_path / "ud"
    res = invoke("sample", cases_file, "--out", out, "--per", "sagsbehandler", "--fra", "2024-01-01",
                 "--til", "31-03-2024", "--seed", "2024-Q1", "--reserver", "1")
    assert res.exit_code == 0, res.output
    assert "Seed: 2024-Q1" in res.output
    rows = read_csv(out / "stikproeve.csv")
    strata = sorted(r["stratum"] for r in rows)
    log = json.loads((out / "stikproeve-log.json").read_text(encoding="utf-8"))
    sizes = {s["stratum"]: s["antal"] for s in log["strata"]}
    assert strata == sorted(sizes)  # one per caseworker present in the window
    assert all(r["rang"] == "1" for r in rows)
    assert all("2024-01-01" <= r["afgoerelse_dato"] <= "2024-03-31" for r in rows)
    assert log["vindue"] == {"fra": "2024-01-01", "til": "2024-03-31"}
    assert log["seed"] == "2024-Q1"
    assert log["population"]["ulaeselige_poster"] == 0
    # the same draw from the library: the CLI adds nothing of its own
    from audit.readers import read_cases
    pop = [population_row(r.case) for r in read_cases([str(cases_file)]) if r.case]
    lib = draw_sample(pop, seed="2024-Q1", per="sagsbehandler", reserver=1,
                      fra=date(2024, 1, 1), til=date(2024, 3, 31))
    assert load_sample_keys(out / "stikproeve.csv") == set(lib.selected_keys)
    assert {(r["kommune"], r["sagsnummer"]) for r in read_csv(out / "reserver.csv")} == {
        c.key for c in lib.spares}
    assert (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8") == ""


def test_sample_prints_the_run_command_that_audits_exactly_the_sample(cases_file, tmp_path):
    import shlex

    out = tmp_path / "tilsyn med mellemrum"
    res = invoke("sample", cases_file, "--out", out, "--n", "4", "--seed", "x")
    assert res.exit_code == 0, res.output
    line = [x for x in res.output.splitlines() if x.startswith("Gennemgå stikprøven med: ")]
    assert len(line) == 1, res.output
    words = shlex.split(line[0].split(": ", 1)[1])
    assert words[:2] == ["audit", "run"] and "--stikproeve" in words
    run = invoke(*words[1:])
    assert run.exit_code == 0, run.output
    audited = [json.loads(x) for x in (out / "resultater" / "resultater.jsonl").read_text(encoding="utf-8")
               .splitlines()]
    assert sorted(r["sagsnummer"] for r in audited) == sorted(r["sagsnummer"] for r in read_csv(out / "stikproeve.csv"))
    assert (out / "resultater" / "rapporter" / "samlet.html").is_file()


def test_sample_is_reproducible_and_seed_matters(cases_file, tmp_path):
    a = invoke("sample", cases_file, "--out", tmp_path / "a", "--n", "4", "--seed", "x")
    b = invoke("sample", cases_file, "--out", tmp_path / "b", "--n", "4", "--seed", "x")
    c = invoke("sample", cases_file, "--out", tmp_path / "c", "--n", "4", "--seed", "y")
    assert a.exit_code == b.exit_code == c.exit_code == 0
    ka, kb, kc = (load_sample_keys(tmp_path / d / "stikproeve.csv") for d in "abc")
    assert ka == kb and len(ka) == 4
    assert ka != kc


def test_sample_default_seed_is_today_and_printed(cases_file, tmp_path):
    res = invoke("sample", cases_file, "--out", tmp_path / "ud", "--andel", "0.25")
    assert res.exit_code == 0, res.output
    today = date.today().isoformat()
    assert f"Seed: {today}" in res.output and "dagens dato" in res.output
    log = json.loads((tmp_path / "ud" / "stikproeve-log.json").read_text(encoding="utf-8"))
    assert log["seed"] == today
    assert log["antal_udtrukket"] == 3  # ceil(0.25 * 12)


def test_sample_by_maalgruppe(cases_file, tmp_path):
    res = invoke("sample", cases_file, "--out", tmp_path / "ud", "--per", "målgruppe", "--seed", "s",
                 "--min-per", "2", "--quiet")
    assert res.exit_code == 0, res.output
    assert res.output == ""  # --quiet
    log = json.loads((tmp_path / "ud" / "stikproeve-log.json").read_text(encoding="utf-8"))
    assert {s["stratum"]: (s["antal"], s["udtrukket"]) for s in log["strata"]} == {
        "aktivitetsparat": (3, 2), "jobparat": (9, 2)}


def test_sample_unreadable_record_is_reported_and_excluded(cases_file, tmp_path):
    bad = copy.deepcopy(PASSING)
    bad["sagsnummer"] = "NH-BAD"
    bad["afgørelse"]["dato"] = "31-02-2024"
    with open(cases_file, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(bad, ensure_ascii=False) + "\n")
    out = tmp_path / "ud"
    res = invoke("sample", cases_file, "--out", out, "--n", "3", "--seed", "s")
    assert res.exit_code == 1
    assert "1 post eller fil kunne ikke læses" in " ".join(res.output.split())
    assert "linje 13" in res.output or "række 13" in res.output
    log = json.loads((out / "stikproeve-log.json").read_text(encoding="utf-8"))
    assert log["population"]["antal"] == 12
    assert log["population"]["ulaeselige_poster"] == 1
    assert any("kunne ikke læses" in w for w in log["advarsler"])
    problems = [json.loads(x) for x in (out / "indlaesningsfejl.jsonl").read_text(encoding="utf-8").splitlines()]
    assert problems and problems[0]["alvor"] == "fejl"
    assert ("Nordhavn Kommune", "NH-BAD") not in load_sample_keys(out / "stikproeve.csv")


@pytest.mark.parametrize("args, fragment", [
    (["--n", "2", "--andel", "0.1"], "ikke begge"),
    ([], "angiv --n"),
    (["--per", "farve"], "--per skal være"),
    (["--n", "2", "--fra", "i går"], "--fra"),
    (["--n", "2", "--seed", " "], "tomt"),
])
def test_sample_usage_errors(cases_file, tmp_path, args, fragment):
    res = invoke("sample", cases_file, "--out", tmp_path / "ud", *args)
    assert res.exit_code == 2
    assert fragment in res.output
    assert not (tmp_path / "ud" / "stikproeve.csv").exists()


def test_sample_help_is_danish_with_example():
    res = invoke("sample", "--help")
    assert res.exit_code == 0
    assert "Eksempel" in res.output and "stikproeve.csv" in res.output


# -- audit check ------------------------------------------------------------------------------

def write_json(tmp_path, name, data):
    f = tmp_path / name
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return f


def test_check_go(tmp_path):
    res = invoke("check", write_json(tmp_path, "kladde.json", PASSING))
    assert res.exit_code == 0, res.output
    assert "GO" in res.output and "NO-GO" not in res.output


def test_check_no_go_shows_items_and_recommendations(tmp_path):
    res = invoke("check", write_json(tmp_path, "kladde.json", failing_draft()))
    assert res.exit_code == 1, res.output
    out = " ".join(res.output.split())
    assert "NO-GO" in out
    assert "Har kommunen partshørt?" in out
    assert "14. februar 2024" in out
    assert "Ankestyrelsen anbefaler" in out
    assert "Kommunen skal sikre, at kommunen overholder forvaltningslovens regler om partshøring." in out
    assert "Bør rettes" in out


def test_check_json_no_go(tmp_path):
    res = invoke("check", write_json(tmp_path, "kladde.json", failing_draft()), "--json")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["go"] is False and data["samlet"] == "aendres" and data["kritik"] == "ingen"
    assert [m["id"] for m in data["mangler"]] == ["partshoering", "tilbud"]
    assert all(m["skal_goeres"] for m in data["mangler"])
    assert data["boer_rettes"][0]["id"] == "laengde"


def test_check_json_go_with_kritik(tmp_path):
    res = invoke("check", write_json(tmp_path, "kladde.json", kritik_draft()), "--json")
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["go"] is True and data["kritik"] == "kritik" and data["mangler"] == []


def test_check_missing_date_means_today(tmp_path):
    raw = copy.deepcopy(PASSING)
    del raw["afgørelse"]["dato"]
    res = invoke("check", write_json(tmp_path, "kladde.json", raw), "--json")
    assert res.exit_code in (0, 1)
    data = json.loads(res.output)
    assert data["dato_antaget"] is True
    assert data["afgoerelse_dato"] == date.today().isoformat()


def test_check_two_cases_is_refused(tmp_path):
    other = copy.deepcopy(PASSING)
    other["sagsnummer"] = "NH-2"
    res = invoke("check", write_json(tmp_path, "kladder.json", [PASSING, other]))
    assert res.exit_code == 2
    out = " ".join(res.output.split())
    assert "indeholder 2 sager" in out and "--sag NR" in out
    assert f"{PASSING['sagsnummer']}, NH-2" in out


def test_check_sag_picks_one_case_of_several(tmp_path):
    failing = failing_draft()
    failing["sagsnummer"] = "NH-2"
    f = write_json(tmp_path, "kladder.json", [PASSING, failing])
    res = invoke("check", f, "--sag", "NH-2")
    assert res.exit_code == 1, res.output
    out = " ".join(res.output.split())
    assert "NO-GO" in out and "Sag NH-2" in out and "Har kommunen partshørt?" in out
    res = invoke("check", f, "--sag", f" {PASSING['sagsnummer'].lower()} ", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["go"] is True
    res = invoke("check", f, "--sag", "NH-999")
    assert res.exit_code == 2
    out = " ".join(res.output.split())
    assert "ingen sag med sagsnummer 'NH-999'" in out and "NH-2" in out


def test_check_unreadable(tmp_path):
    f = tmp_path / "kladde.json"
    f.write_text("{ikke json", encoding="utf-8")
    res = invoke("check", f)
    assert res.exit_code == 2
    res = invoke("check", f, "--json")
    assert res.exit_code == 2
    assert json.loads(res.output)["laesbar"] is False
    res = invoke("check", tmp_path / "findes-ikke.json")
    assert res.exit_code == 2


def test_check_never_shows_cpr(tmp_path):
    raw = failing_draft()
    raw["cpr"] = "010190-1234"
    raw["afgørelse"]["begrundelse"] = "Borger 010190-1234 er jobparat."
    res = invoke("check", write_json(tmp_path, "kladde.json", raw))
    assert "010190-1234" not in res.output and "0101901234" not in res.output


# -- audit compare ----------------------------------------------------------------------------

def result(sag, samlet="i_overensstemmelse", kritik="ingen", **answers):
    return complete({"sagsnummer": sag, "kommune": "Nordhavn Kommune", "samlet": samlet, "kritik": kritik,
                     "punkter": [{"id": i, "svar": s} for i, s in answers.items()], "version": "0.1.0"})


def write_run(folder, rows):
    folder.mkdir(parents=True)
    (folder / "resultater.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def test_compare_same(tmp_path):
    rows = [result("1", partshoering="ja"), result("2", "aendres", partshoering="nej")]
    res = invoke("compare", write_run(tmp_path / "a", rows), write_run(tmp_path / "b", rows))
    assert res.exit_code == 0
    assert "Ingen forskelle" in res.output


def test_compare_differences_table_and_json(tmp_path):
    a = write_run(tmp_path / "a", [result("1", partshoering="ja"), result("2", partshoering="ja")])
    b = write_run(tmp_path / "b", [result("1", "aendres", partshoering="nej"), result("3")])
    res = invoke("compare", a, b)
    assert res.exit_code == 1
    out = " ".join(res.output.split())
    assert "i overensstemmelse → ændres" in out
    assert "Partshøring" in out and "partshoering" not in out and "ja → nej" in out
    assert "sammenlignes sag for sag" in out
    assert "Kun i A" in out and "Kun i B" in out
    res = invoke("compare", a, b, "--json")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["samlet_aendret"][0]["samlet"] == {"fra": "i_overensstemmelse", "til": "aendres"}
    assert data["kun_i_a"] == [{"kommune": "Nordhavn Kommune", "sagsnummer": "2"}]
    assert data["kun_i_b"] == [{"kommune": "Nordhavn Kommune", "sagsnummer": "3"}]
    assert data["pr_punkt"] == {"partshoering": {"i_alt": 1, "ja -> nej": 1}}


def test_compare_missing_folder_is_exit_2_in_danish(tmp_path):
    a = write_run(tmp_path / "a", [result("1")])
    res = invoke("compare", a, tmp_path / "mangler")
    assert res.exit_code == 2
    assert "findes ikke" in res.output
    (tmp_path / "tom").mkdir()
    res = invoke("compare", a, tmp_path / "tom")
    assert res.exit_code == 2
    assert "resultater.jsonl" in res.output


# -- progress bars ----------------------------------------------------------------------------

def test_progress_hidden_when_not_a_terminal_or_quiet():
    from rich.console import Console

    from audit.progress import progress

    buf = io.StringIO()
    plain = Console(file=buf, force_terminal=False)
    assert list(progress(range(5), 5, "Læser", False, console=plain)) == [0, 1, 2, 3, 4]
    assert buf.getvalue() == ""
    term = Console(file=buf, force_terminal=True)
    assert list(progress(range(5), 5, "Læser", True, console=term)) == [0, 1, 2, 3, 4]
    assert buf.getvalue() == ""
    # default console: stderr is not a terminal under pytest, so nothing is drawn and items pass through
    assert list(progress(iter("abc"), None, "Læser")) == ["a", "b", "c"]


def test_progress_shown_on_a_terminal():
    from rich.console import Console

    from audit.progress import progress

    buf = io.StringIO()
    term = Console(file=buf, force_terminal=True, width=80)
    assert list(progress(range(3), 3, "Gennemgår sager", False, console=term)) == [0, 1, 2]
    assert "Gennemgår sager" in buf.getvalue()
    buf2 = io.StringIO()
    term2 = Console(file=buf2, force_terminal=True, width=80)
    assert list(progress(iter(range(4)), None, "Læser", False, console=term2)) == [0, 1, 2, 3]
    assert "Læser" in buf2.getvalue()


def test_unusable_mapping_is_a_usage_error(cases_file, tmp_path):
    missing = tmp_path / "kolonner.toml"
    res = invoke("sample", cases_file, "--out", tmp_path / "ud", "--n", "2", "--mapping", missing)
    assert res.exit_code == 2
    assert not (tmp_path / "ud").exists()
    draft = write_json(tmp_path, "kladde.json", PASSING)
    assert invoke("check", draft, "--mapping", missing).exit_code == 2
    res = invoke("check", draft, "--mapping", missing, "--json")
    assert res.exit_code == 2 and json.loads(res.output)["laesbar"] is False


@pytest.mark.parametrize("share", ["0.25", "0,25", "25%", " 25 % "])
def test_sample_andel_accepts_danish_forms(cases_file, tmp_path, share):
    res = invoke("sample", cases_file, "--out", tmp_path / "ud", "--andel", share, "--seed", "s")
    assert res.exit_code == 0, res.output
    log = json.loads((tmp_path / "ud" / "stikproeve-log.json").read_text(encoding="utf-8"))
    assert log["metode"]["andel"] == 0.25 and log["antal_udtrukket"] == 3


def test_sample_andel_nonsense(cases_file, tmp_path):
    res = invoke("sample", cases_file, "--out", tmp_path / "ud", "--andel", "ti procent")
    assert res.exit_code == 2 and "--andel skal være" in res.output
