"""Issue 13, Deliver 7: two runs over different cases are compared as two periods side by side, several
runs as a development table and an HTML page with an SVG chart. Expected figures counted by hand from the
runs below."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from typer.testing import CliRunner

from audit.cli.main import app
from audit.tilsyn.compare import compare_dirs
from audit.tilsyn.udvikling import development, pct, period_label, points

sys.path.insert(0, str(Path(__file__).parent))
from idscan import find_internal_names  # noqa: E402
from resultbuilder import complete  # noqa: E402

runner = CliRunner()


def r(sag, dato, samlet="i_overensstemmelse", kritik="ingen", **answers):
    return complete({"sagsnummer": sag, "kommune": "Nordhavn Kommune", "afgoerelse_dato": dato,
                     "samlet": samlet, "kritik": kritik, "regelsaet": "las-40a-2020",
                     "punkter": [{"id": i, "svar": s} for i, s in answers.items()]})


# 1st quarter: 4 cases; 3 in accordance (one with kritik), 1 ændres.
# partshoering fails in A2 and A3 (2 of 4); laengde fails in A2, is not relevant in A4 (1 of 3).
Q1 = [r("A1", "2026-01-10", partshoering="ja", laengde="ja"),
      r("A2", "2026-02-10", "aendres", partshoering="nej", laengde="nej"),
      r("A3", "2026-03-10", kritik="kritik", partshoering="nej", laengde="ja"),
      r("A4", "2026-03-30", partshoering="ja", laengde="ikke_relevant")]
# 2nd quarter: 3 cases; 2 in accordance, 1 hjemvises; partshoering ved_ikke in B2 (1 of 3); laengde 0 of 3.
Q2 = [r("B1", "2026-04-10", partshoering="ja", laengde="ja"),
      r("B2", "2026-05-10", "hjemvises", partshoering="ved_ikke", laengde="ja"),
      r("B3", "2026-06-10", partshoering="ja", laengde="ja")]


def write_run(folder: Path, rows, run_info: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "resultater.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows),
                                             encoding="utf-8")
    if run_info is not None:
        (folder / "koersel.json").write_text(json.dumps(run_info), encoding="utf-8")
    return folder


def test_different_cases_are_compared_as_periods(tmp_path):
    cmp = compare_dirs(write_run(tmp_path / "k1", Q1), write_run(tmp_path / "k2", Q2))
    assert cmp.common == 0 and not cmp.same_cases
    a, b = cmp.periods()
    assert (a.label, b.label) == ("1. kvartal 2026", "2. kvartal 2026")
    assert (a.cases, b.cases) == (4, 3)
    assert [a.verdicts[v] for v in a.verdicts] == [3, 1, 0, 0]  # upheld, ændres, hjemvises, outside
    assert [b.verdicts[v] for v in b.verdicts] == [2, 0, 1, 0]
    assert a.criticism_share(next(iter(a.criticism))) == 25.0
    assert (a.items["partshoering"].failed, a.items["partshoering"].relevant) == (2, 4)
    assert (a.items["laengde"].failed, a.items["laengde"].relevant) == (1, 3)
    assert (b.items["partshoering"].failed, b.items["partshoering"].relevant) == (1, 3)
    assert [s.id for s in a.top_defects()] == ["partshoering", "laengde"]
    assert [s.id for s in b.top_defects()] == ["partshoering"]


def test_same_cases_stay_case_by_case(tmp_path):
    changed = [dict(x) for x in Q1]
    changed[0] = r("A1", "2026-01-10", "aendres", partshoering="nej", laengde="ja")
    cmp = compare_dirs(write_run(tmp_path / "a", Q1), write_run(tmp_path / "b", changed[:2]))
    assert cmp.common == 2 and cmp.overlap == 1.0 and cmp.same_cases
    assert [c.key[1] for c in cmp.verdict_changes] == ["A1"]


def test_overlap_below_half_is_periods(tmp_path):
    # 1 of the 3 cases of the smaller run is in both: 33 % < 50 %
    cmp = compare_dirs(write_run(tmp_path / "a", Q1), write_run(tmp_path / "b", [Q1[0], *Q2[:2]]))
    assert cmp.common == 1 and not cmp.same_cases


def test_cli_prints_both_periods_side_by_side(tmp_path):
    a, b = write_run(tmp_path / "k1", Q1), write_run(tmp_path / "k2", Q2)
    res = runner.invoke(app, ["compare", str(a), str(b)], env={"COLUMNS": "200"})
    assert res.exit_code == 1, res.output
    out = res.output
    assert "sammenlignes som to perioder side om side" in out
    assert "1. kvartal 2026" in out and "2. kvartal 2026" in out
    assert "Kun i A" not in out
    lines = {ln.split("│")[1].strip(): [c.strip() for c in ln.split("│")[2:-1]] for ln in out.splitlines()
             if ln.startswith("│")}
    assert lines["I overensstemmelse"] == ["3", "75 %", "2", "67 %", "−8"]
    assert lines["Ændres"] == ["1", "25 %", "0", "0 %", "−25"]
    assert lines["Hjemvises"] == ["0", "0 %", "1", "33 %", "+33"]
    assert lines["Partshøring"] == ["2 af 4", "50 %", "1 af 3", "33 %", "−17"]
    assert lines["Sanktionens længde"] == ["1 af 3", "33 %", "0 af 3", "0 %", "−33"]
    assert lines["1."] == ["Partshøring: 2 af 4 (50 %)", "Partshøring: 1 af 3 (33 %)"]
    assert not find_internal_names(out)


def test_cli_json_has_both_periods(tmp_path):
    a, b = write_run(tmp_path / "k1", Q1), write_run(tmp_path / "k2", Q2)
    res = runner.invoke(app, ["compare", str(a), str(b), "--json"])
    data = json.loads(res.output)
    assert data["samme_sager"] is False
    pa, pb = data["perioder"]
    assert pa["samlet"]["aendres"] == {"antal": 1, "andel": 25.0}
    assert pb["punkter"]["partshoering"] == {"titel": "Partshøring", "relevant": 3, "fejl": 1, "andel": 33.3,
                                             "vejledende": False}
    assert pa["kritik"]["kritik"]["antal"] == 1


def test_period_label_from_the_sample_window(tmp_path):
    info = {"stikproeve": {"log": {"vindue": {"fra": "2026-07-01", "til": "2026-09-30"}}}}
    a = write_run(tmp_path / "a", Q1, info)
    dev = development([a, write_run(tmp_path / "b", Q2)])
    assert dev.periods[0].label == "3. kvartal 2026"
    assert dev.periods[0].label_from == "stikprøvens periode"


def test_period_labels():
    from datetime import date
    assert period_label(date(2026, 1, 5), date(2026, 3, 31)) == "1. kvartal 2026"
    assert period_label(date(2026, 3, 5), date(2026, 4, 1)) == "5. marts 2026 – 1. april 2026"
    assert period_label(None, None) == "ukendt periode"


def test_same_labels_get_the_folder_name(tmp_path):
    dev = development([write_run(tmp_path / "hold-a", Q1), write_run(tmp_path / "hold-b", Q1)])
    assert [p.label for p in dev.periods] == ["1. kvartal 2026 (hold-a)", "1. kvartal 2026 (hold-b)"]


def test_rounding_and_points():
    assert pct(200 / 3) == "67 %" and pct(12.5) == "13 %" and pct(None) == "-"
    assert points(75.0, 200 / 3) == "−8" and points(0.0, 100 / 3) == "+33" and points(50.0, 50.0) == "0"


def test_udvikling_three_runs_table_html_and_json(tmp_path):
    q3 = [r("C1", "2026-07-10", partshoering="ja", laengde="ja"), r("C2", "2026-08-10", partshoering="ja",
                                                                       laengde="nej")]
    runs = [write_run(tmp_path / "k1", Q1), write_run(tmp_path / "k2", Q2), write_run(tmp_path / "k3", q3)]
    page = tmp_path / "udvikling.html"
    res = runner.invoke(app, ["udvikling", *map(str, runs), "--html", str(page)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    rows = {ln.split("│")[1].strip(): [c.strip() for c in ln.split("│")[2:-1]] for ln in res.output.splitlines()
            if ln.startswith("│")}
    assert rows["Sager"] == ["4", "3", "2"]
    assert rows["I overensstemmelse"] == ["3 (75 %)", "2 (67 %)", "2 (100 %)"]
    # latest period's most failed item first: laengde fails in 1 of 2 in 3rd quarter
    names = list(rows)
    assert names.index("Sanktionens længde") < names.index("Partshøring")
    assert rows["Sanktionens længde"] == ["1 (33 %)", "0 (0 %)", "1 (50 %)"]
    assert not find_internal_names(res.output)
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "<polyline" in html and "3. kvartal 2026" in html
    assert "<link" not in html and "<script" not in html  # self-contained
    visible = html.split("<body>", 1)[1]
    import re
    assert not find_internal_names(re.sub(r"<[^>]+>", " ", visible))
    data = json.loads(runner.invoke(app, ["udvikling", *map(str, runs), "--json"]).output)
    assert [p["sager"] for p in data["perioder"]] == [4, 3, 2]
    assert data["perioder"][2]["punkter"]["laengde"]["andel"] == 50.0


def test_udvikling_needs_two_readable_runs(tmp_path):
    res = runner.invoke(app, ["udvikling", str(write_run(tmp_path / "k1", Q1))])
    assert res.exit_code == 2 and "mindst to" in res.output
    res = runner.invoke(app, ["udvikling", str(write_run(tmp_path / "k1", Q1)), str(tmp_path / "findes-ikke")])
    assert res.exit_code == 2 and "findes ikke" in res.output
