"""The terminal summary counted while a run writes its results (``reporting.tally``) is the summary of the
results as ``audit report`` reads them; and its counts are the ones stated by hand for small cases."""

from __future__ import annotations

from pathlib import Path

from resultbuilder import fixture_results, result
from rich.console import Console

from audit.reporting.build import load_run
from audit.reporting.tally import SummaryTally, case_tally
from audit.reporting.terminal import summary_tables

ROOT = Path(__file__).resolve().parent.parent


def _text(tables) -> str:
    console = Console(record=True, width=160, color_system=None)
    for t in tables:
        if t is not None:
            console.print(t)
    return console.export_text()


def _from_tallies(results) -> SummaryTally:
    tally = SummaryTally()
    for r in results:
        tally.add_case(case_tally(r))
    return tally


def test_counts_by_hand():
    # Two municipalities; " " as a name is "(kommune ikke oplyst)"; the case outside the rule set counts in
    # "I alt" but not among the failures or the kritik.
    rs = [
        result(sagsnummer="1", kommune="Aby", samlet="aendres", kritik="kritik",
               punkter=[{"id": "partshoering", "svar": "nej"}, {"id": "laengde", "svar": "ved_ikke"}]),
        result(sagsnummer="2", kommune="Aby", samlet="i_overensstemmelse", kritik="bemaerkning",
               punkter=[{"id": "partshoering", "svar": "ja"}, {"id": "laengde", "svar": "ved_ikke"}]),
        result(sagsnummer="3", kommune="Aby", samlet="uden_for_regelsaet",
               punkter=[{"id": "partshoering", "svar": "nej"}]),
        result(sagsnummer="4", kommune=" ", samlet="hjemvises",
               punkter=[{"id": "partshoering", "svar": "ikke_relevant"}]),
    ]
    for tally in (SummaryTally(), _from_tallies(rs)):
        if not len(tally):
            for r in rs:
                tally.add_result(r)
        assert len(tally) == 4
        groups = dict(tally.groups())
        assert list(groups) == ["(kommune ikke oplyst)", "Aby"]
        aby = groups["Aby"]
        assert aby.verdicts == {"aendres": 1, "hjemvises": 0, "i_overensstemmelse": 1, "uden_for_regelsaet": 1}
        assert aby.remarks == 2
        failures = {s.id: (s.failed, s.applicable) for s in aby.failures()}
        assert failures == {"laengde": (2, 2), "partshoering": (1, 2)}
        assert [s.id for s in aby.failures()] == ["laengde", "partshoering"]  # most failed first
        assert groups["(kommune ikke oplyst)"].failures() == []


def test_tally_and_results_give_the_same_summary():
    results = fixture_results()
    assert _text(summary_tables(results)) == _text(summary_tables(_from_tallies(results)))


def test_run_summary_is_the_report_summary(tmp_path, monkeypatch):
    """`audit run` prints, without reading its results back, what `audit report` prints of them (with one
    and with two processes)."""
    from audit.cli import run_cmd
    from audit.runner import run_audit

    for jobs in (1, 2):
        out = tmp_path / f"r{jobs}"
        summary = run_audit([str(ROOT / "sample_cases")], out, jobs=jobs)
        results, _info, problems = load_run(out)
        assert not problems and len(results) == summary.cases > 0
        console = Console(record=True, width=160, color_system=None)
        monkeypatch.setattr(run_cmd, "console", console)
        run_cmd.print_run_summary(summary, out)
        printed = console.export_text()
        expected = _text(summary_tables(results))
        assert "Resultat pr. kommune" in expected and "Hyppigste mangler" in expected
        assert printed.startswith(expected)
