"""audit validate: one line per problem, a count, --json, exit codes, usage errors."""

from __future__ import annotations

import json

from conftest import make_record
from typer.testing import CliRunner

import audit.cli.main  # noqa: F401  (registers every command)
from audit.cli.app import app

runner = CliRunner()


def validate(*args):
    return runner.invoke(app, ["validate", *[str(a) for a in args]], catch_exceptions=False)


def test_valid_input_exits_0(write_json):
    res = validate(write_json("s.json", [make_record("A"), make_record("B")]))
    assert res.exit_code == 0
    assert "2 sager kan læses, 0 kan ikke læses; 0 fejl og 0 advarsler." in res.output
    assert "Ingen fejl: input følger sagsformatet." in res.output


def test_warnings_only_exit_0_but_are_printed(write_json):
    res = validate(write_json("s.json", make_record(ukendt="x")))
    assert res.exit_code == 0
    assert "ADVARSEL:" in res.output and "ukendt felt 'ukendt'" in res.output
    assert "0 fejl og 1 advarsel." in res.output and "se advarslerne" in res.output


def test_errors_exit_1_with_one_line_each(write_jsonl):
    f = write_jsonl("s.jsonl", [make_record("A"), make_record("B", afgørelse={"dato": "31-02-2022"}),
                                "ikke json"])
    res = validate(f)
    assert res.exit_code == 1
    lines = [x for x in res.output.splitlines() if x.startswith("FEJL:")]
    assert len(lines) == 2
    assert lines[0].startswith(f"FEJL: {f}, linje 2, felt afgørelse.dato [sag B]: ")
    assert "linje 3" in lines[1]
    assert "1 sag kan læses, 2 kan ikke læses; 2 fejl og 0 advarsler." in res.output
    assert "Ingen fejl" not in res.output


def test_file_level_problems_are_not_counted_as_records(tmp_path, write_json):
    (tmp_path / "noter.txt").write_text("ikke sager", encoding="utf-8")
    res = validate(write_json("s.json", make_record()), tmp_path / "noter.txt")
    assert res.exit_code == 1
    assert "1 sag kan læses, 0 kan ikke læses; 1 fejl" in res.output
    assert "filtypen '.txt' kan ikke læses" in res.output


def test_missing_path_is_a_usage_error(tmp_path, write_json):
    res = validate(write_json("s.json", make_record()), tmp_path / "mangler.json")
    assert res.exit_code == 2
    assert "mangler.json' findes ikke" in " ".join(res.output.split())


def test_json_output(write_json):
    f = write_json("s.json", [make_record("A", afgørelse=None), make_record("B", ukendt=1)])
    res = validate(f, "--json")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert [d["alvor"] for d in data] == ["fejl", "advarsel"]
    assert set(data[0]) == {"alvor", "kode", "fil", "ark", "række", "kolonne", "felt", "sagsnummer", "kommune",
                            "værdi", "besked"}
    assert data[0]["felt"] == "[1].afgørelse" and data[0]["sagsnummer"] == "A" and data[0]["fil"] == str(f)


def test_json_output_when_all_is_well(write_json):
    res = validate(write_json("s.json", make_record()), "--json")
    assert res.exit_code == 0 and json.loads(res.output) == []


def test_markup_in_data_is_printed_literally(write_json):
    rec = make_record()
    rec["[bold red]felt[/]"] = "x"
    res = validate(write_json("s.json", rec))
    assert res.exit_code == 0
    assert "ukendt felt '[bold red]felt[/]'" in res.output


def test_excel_locations(write_xlsx):
    from test_readers_excel import sheets_for

    sheets = sheets_for([make_record()])
    sheets["Hændelser"][3][3] = "i morgen"  # the date of the third event (row 4)
    f = write_xlsx("s.xlsx", sheets)
    res = validate(f)
    assert res.exit_code == 1
    assert f"FEJL: {f}, ark 'Hændelser', række 4, kolonne D (dato) [sag PK-2024-0001]: 'dato' er ikke en dato" \
        in res.output


def test_invalid_mapping_is_a_usage_error(tmp_path, write_json):
    f = write_json("s.json", make_record())
    m = tmp_path / "m.toml"
    m.write_text('sagsnumer = "X"\n', encoding="utf-8")
    res = validate(f, "--mapping", m)
    out = " ".join(res.output.split())  # the error console wraps long lines
    assert res.exit_code == 2
    assert out.startswith("Fejl:") and "er ikke et feltnavn i sagsformatet" in out
    assert "Mente du 'sagsnummer'" in out and "Traceback" not in out
    res = validate(f, "--mapping", tmp_path / "nej.yaml", "--json")
    assert res.exit_code == 2 and "findes ikke" in " ".join(res.output.split())


def test_valid_mapping_is_used(tmp_path, write_json):
    rec = make_record()
    rec["Sags-ID"] = rec.pop("sagsnummer")
    f = write_json("s.json", rec)
    m = tmp_path / "m.yml"
    m.write_text("sagsnummer: Sags-ID\n", encoding="utf-8")
    assert validate(f).exit_code == 1
    assert validate(f, "--mapping", m).exit_code == 0


def test_help_is_danish_with_example():
    res = runner.invoke(app, ["validate", "--help"], catch_exceptions=False)
    assert res.exit_code == 0
    assert "Kontrollér, at input følger sagsformatet" in res.output
    assert "Eksempel" in res.output and "audit validate" in res.output
