"""Format checks for the bundled sample cases in ``sample_cases/`` (without the checklist engine).

The cases and their intended results are written by ``scripts/build_sample_cases.py``; these tests check
that the committed files load in all three formats, follow the canonical layout, parse cleanly with the
project's own record parser, match the build script (and the script is deterministic), and that
``forventet.yaml`` covers exactly the cases, is internally consistent, and that every CPR number in
the examples is an impossible one.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
import yaml

from audit.privacy import CPR_PATTERN
from audit.readers.parse import Place, parse_record
from audit.rules.checklist import known_item_ids

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_cases"
KOMMUNER = {"nordhavn.json": "Nordhavn Kommune", "skovbjerg.jsonl": "Skovbjerg Kommune",
            "aamose.xlsx": "Åmose Kommune"}
TEXT_OUTPUTS = ("nordhavn.json", "skovbjerg.jsonl", "forventet.yaml", "FORVENTET.md")
VERDICTS = {"i_overensstemmelse", "aendres", "hjemvises", "uden_for_regelsaet"}
CRITICISMS = {"kritik", "bemaerkning", "ingen"}
# Items whose failure can never change the verdict (consequence kritik/bemaerkning, or advisory).
SOFT_ITEMS = {"laengde", "lukning", "aegtefaelle", "begrundelse", "klagevejledning", "kun_fremmoede_oplyst"}
KRITIK_ITEMS = {"laengde", "lukning", "aegtefaelle", "begrundelse", "klagevejledning"}
SOFT_UNKNOWN = {"aegtefaelle", "proportionalitet"}
ALWAYS_SOFT = SOFT_ITEMS - {"laengde"}  # laengde outside 1-3 months is aendres
BENEFITS = {"kontanthjælp", "uddannelseshjælp", "selvforsørgelses- og hjemrejseydelse", "overgangsydelse"}


def _load_builder():
    path = ROOT / "scripts" / "build_sample_cases.py"
    spec = importlib.util.spec_from_file_location("build_sample_cases", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is created
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


def _locator(path: tuple) -> Place:
    return Place(file="test")


# -- reading the three formats ------------------------------------------------------------------

def _json_records() -> list[dict]:
    data = json.loads((SAMPLES / "nordhavn.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and list(data) == ["sager"]
    assert isinstance(data["sager"], list)
    return data["sager"]


def _jsonl_records() -> list[dict]:
    lines = (SAMPLES / "skovbjerg.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) == len(lines), "skovbjerg.jsonl må ikke have tomme linjer"
    return records


def _rows(ws) -> tuple[list[str], list[dict]]:
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    return header, [dict(zip(header, r, strict=True)) for r in rows[1:]]


def _xlsx_records(path: Path = SAMPLES / "aamose.xlsx") -> list[dict]:
    """A minimal reader of the canonical Excel layout (case-format.md), for the round-trip check."""
    wb = openpyxl.load_workbook(path)
    _, sager = _rows(wb["Sager"])
    _, events = _rows(wb["Hændelser"])
    _, reviews = _rows(wb["Vurderinger"])
    records: dict[tuple[str, str], dict] = {}
    for row in sager:
        rec: dict = {"hændelser": [], "afgørelse": {}}
        offer: dict = {}
        for col, value in row.items():
            if value is None:
                continue
            if col.startswith("afgørelse_tilbud_"):
                offer[col[len("afgørelse_tilbud_"):]] = value
            elif col.startswith("afgørelse_"):
                rec["afgørelse"][col[len("afgørelse_"):]] = value
            else:
                rec[col] = value
        if offer:
            rec["afgørelse"]["tilbud"] = offer
        records[(rec["kommune"], rec["sagsnummer"])] = rec
    for row in events:
        ev = {k: v for k, v in row.items() if v is not None and k not in ("sagsnummer", "kommune")}
        records[(row["kommune"], row["sagsnummer"])]["hændelser"].append(ev)
    for row in reviews:
        body = {k: row[k] for k in ("svar", "bemærkning", "af") if row[k] is not None}
        records[(row["kommune"], row["sagsnummer"])].setdefault("vurderinger", {})[row["punkt"]] = body
    return list(records.values())


def _all_records() -> list[dict]:
    return _json_records() + _jsonl_records() + _xlsx_records()


def _key(rec: dict) -> str:
    return f"{rec['kommune']}|{rec['sagsnummer']}"


def _expected() -> dict:
    return yaml.safe_load((SAMPLES / "forventet.yaml").read_text(encoding="utf-8"))


# -- files and layout ---------------------------------------------------------------------------

def test_each_file_holds_one_municipality():
    for name, records in (("nordhavn.json", _json_records()), ("skovbjerg.jsonl", _jsonl_records()),
                          ("aamose.xlsx", _xlsx_records())):
        assert records, name
        assert {r["kommune"] for r in records} == {KOMMUNER[name]}, name


def test_workbook_has_the_canonical_layout():
    wb = openpyxl.load_workbook(SAMPLES / "aamose.xlsx")
    assert wb.sheetnames == ["Sager", "Hændelser", "Vurderinger"]
    sager_header, sager = _rows(wb["Sager"])
    assert sager_header[:8] == ["sagsnummer", "kommune", "enhed", "sagsbehandler", "borger_id", "cpr",
                                "civilstand", "ydelse"]
    assert all(h.startswith("afgørelse_") for h in sager_header[8:])
    assert {"afgørelse_dato", "afgørelse_tilbud_art", "afgørelse_tilbud_startdato"} <= set(sager_header)
    ev_header, events = _rows(wb["Hændelser"])
    assert ev_header[:4] == ["sagsnummer", "kommune", "type", "dato"]
    assert set(ev_header) == set(builder.EVENT_COLUMNS)
    rv_header, reviews = _rows(wb["Vurderinger"])
    assert rv_header == ["sagsnummer", "kommune", "punkt", "svar", "bemærkning", "af"]
    assert reviews, "mindst én sag skal have en vurdering i arket Vurderinger"
    assert len(sager) >= 8 and len(events) > len(sager)


def test_workbook_dates_are_real_excel_dates_and_booleans_are_ja_nej():
    wb = openpyxl.load_workbook(SAMPLES / "aamose.xlsx")
    date_cols = {"dato", "vedrører", "svar_dato", "afgørelse_dato", "afgørelse_vedrører",
                 "afgørelse_virkning_fra", "afgørelse_tilbud_startdato"}
    bool_cols = {"første", "mødt", "skriftlig", "ægtefælle_vejledt", "opnået", "samtykke",
                 "afgørelse_vilje_vurderet", "afgørelse_henvist_regler", "afgørelse_lukning_ved_udeblivelse",
                 "afgørelse_ægtefælle_afgørelse", "afgørelse_fremmøde_oplyst", "afgørelse_klagevejledning",
                 "afgørelse_skriftlig", "afgørelse_forholdt_til_målgruppe"}
    n_dates = 0
    for ws in (wb["Sager"], wb["Hændelser"]):
        header = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            for col, cell in zip(header, row, strict=True):
                if cell.value is None:
                    continue
                if col in date_cols:
                    assert isinstance(cell.value, dt.datetime), (ws.title, col, cell.coordinate)
                    assert cell.number_format == "DD-MM-YYYY", (ws.title, col, cell.coordinate)
                    n_dates += 1
                elif col in bool_cols:
                    assert cell.value in ("ja", "nej"), (ws.title, col, cell.coordinate)
                else:
                    assert not isinstance(cell.value, (bool, dt.datetime)), (ws.title, col, cell.coordinate)
    assert n_dates > 100


def test_every_record_parses_without_any_issue():
    records = _all_records()
    for rec in records:
        case, issues = parse_record(rec, _locator, allow_serial=True)
        assert case is not None and issues == [], (_key(rec), [i.message for i in issues])


def test_workbook_round_trips_to_the_build_script_data():
    source = {s.key: s.case for s in builder.aamose()}
    read = {_key(r): r for r in _xlsx_records()}
    assert set(read) == set(source)
    for key, rec in read.items():
        from_xlsx, _ = parse_record(rec, _locator, allow_serial=True)
        from_source, _ = parse_record(source[key], _locator)
        assert from_xlsx == from_source, key
        assert from_xlsx.cpr == from_source.cpr  # excluded from serialisation, but compared here


def test_json_files_match_the_build_script_data():
    assert _json_records() == [s.case for s in builder.nordhavn()]
    assert _jsonl_records() == [s.case for s in builder.skovbjerg()]


# -- expected results ------------------------------------------------------------------------------

def test_every_case_has_an_expected_result_and_vice_versa():
    keys = [_key(r) for r in _all_records()]
    assert sorted(keys) == sorted(_expected())


def test_case_numbers_are_unique_within_each_municipality():
    counts = Counter((r["kommune"], r["sagsnummer"]) for r in _all_records())
    assert [k for k, n in counts.items() if n > 1] == []


def test_expected_entries_are_well_formed():
    order = list(known_item_ids())
    decision_dates = {_key(r): r["afgørelse"]["dato"] for r in _all_records()}
    for key, exp in _expected().items():
        assert set(exp) == {"samlet", "kritik", "nej", "ved_ikke", "ikke_relevant", "note", "punkter"}, key
        assert exp["samlet"] in VERDICTS and exp["kritik"] in CRITICISMS, key
        assert exp["note"].strip(), key
        lists = exp["nej"] + exp["ved_ikke"] + exp["ikke_relevant"]
        assert set(lists) <= set(known_item_ids()), key
        assert len(lists) == len(set(lists)), f"{key}: et punkt står på flere lister"
        for name in ("nej", "ved_ikke", "ikke_relevant"):
            assert exp[name] == sorted(exp[name], key=order.index), key
        d = decision_dates[key]
        d = d.date() if isinstance(d, dt.datetime) else dt.date.fromisoformat(d)
        if exp["samlet"] == "uden_for_regelsaet":
            assert d < dt.date(2020, 1, 1) and lists == [] and exp["kritik"] == "ingen", key
        else:
            assert d >= dt.date(2020, 1, 1), key


def test_expected_verdicts_are_consistent_with_their_failed_items():
    """A sanity check of forventet.yaml itself (rules.md 'The verdict'), not of the engine."""
    for key, exp in _expected().items():
        nej, ved_ikke = set(exp["nej"]), set(exp["ved_ikke"])
        if exp["samlet"] != "i_overensstemmelse":
            assert exp["kritik"] == "ingen", key
        if exp["samlet"] == "i_overensstemmelse":
            assert nej <= SOFT_ITEMS and ved_ikke <= SOFT_UNKNOWN, key
            if exp["kritik"] == "kritik":
                assert nej & KRITIK_ITEMS, key
            elif exp["kritik"] == "bemaerkning":
                assert nej == {"kun_fremmoede_oplyst"}, key
            else:
                assert nej == set(), key
        elif exp["samlet"] in ("aendres", "hjemvises"):
            assert (nej - ALWAYS_SOFT) or (ved_ikke - SOFT_UNKNOWN), key


def test_the_set_covers_what_the_reports_need():
    records = _all_records()
    expected = _expected()
    assert len(records) >= 24
    assert {r["kommune"] for r in records} == set(KOMMUNER.values())
    groups = {ev["målgruppe"] for r in records for ev in r["hændelser"] if ev["type"] == "visitation"}
    assert groups == {"jobparat", "aktivitetsparat"}
    assert {"gift", "ugift"} <= {r.get("civilstand") for r in records}
    assert {r["ydelse"] for r in records} == BENEFITS
    verdicts = Counter(e["samlet"] for e in expected.values())
    assert verdicts["uden_for_regelsaet"] == 1
    assert verdicts["aendres"] and verdicts["hjemvises"]
    assert {"kritik", "bemaerkning"} <= {e["kritik"] for e in expected.values()}
    clean = [k for k, e in expected.items() if e["samlet"] == "i_overensstemmelse" and e["kritik"] == "ingen"
             and not e["nej"] and not e["ved_ikke"]]
    assert len(clean) >= 8
    assert any(r.get("vurderinger") for r in records)


def test_forventet_md_describes_every_case():
    text = (SAMPLES / "FORVENTET.md").read_text(encoding="utf-8")
    for rec in _all_records():
        assert f"| {rec['sagsnummer']} |" in text, rec["sagsnummer"]
    assert "32-39" in text  # the documented test range of CPR numbers


# -- CPR numbers --------------------------------------------------------------------------------------

def possible_cprs(text: str) -> list[str]:
    """CPR-like numbers in ``text`` whose day could exist (01-31, or 61-91 for replacement numbers)."""
    out = []
    for m in CPR_PATTERN.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91):
            out.append(m.group(0))
    return out


def cpr_like(text: str) -> list[str]:
    return [m.group(0) for m in CPR_PATTERN.finditer(text) if 1 <= int(m.group(2)) <= 12]


def test_cpr_checker_tells_possible_from_impossible_days():
    assert possible_cprs("CPR 010190-1234 og 6101901234") == ["010190-1234", "6101901234"]
    assert possible_cprs("CPR 320190-1234, 000190-1234 og 450190 1234") == []
    assert cpr_like("320190-1234 og 2022-03-28 og SKB 21/08812") == ["320190-1234"]


def _strings(obj: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(obj, str):
        return [(path, obj)]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in _strings(v, path + (k,))]
    if isinstance(obj, list):
        return [s for i, v in enumerate(obj) for s in _strings(v, path + (i,))]
    return []


def test_every_cpr_number_in_the_examples_has_an_impossible_day():
    strings = _strings(_json_records() + _jsonl_records())
    wb = openpyxl.load_workbook(SAMPLES / "aamose.xlsx")
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2, values_only=True):
            strings += [((ws.title, col), v) for col, v in zip(header, row, strict=True) if isinstance(v, str)]
    for name in ("forventet.yaml", "FORVENTET.md"):
        strings.append(((name,), (SAMPLES / name).read_text(encoding="utf-8")))
    found = [(p, c) for p, s in strings for c in cpr_like(s)]
    assert [(p, c) for p, s in strings for c in possible_cprs(s)] == []
    in_cpr_field = [c for p, c in found if p[-1] == "cpr"]
    in_free_text = [c for p, c in found if p[-1] == "note"]
    n_cases = len(_all_records())
    assert len(in_cpr_field) >= n_cases // 4, "omkring en tredjedel af sagerne skal have et CPR-nummer"
    assert in_free_text, "mindst ét fiktivt CPR-nummer skal stå i fri tekst"


# -- the build script --------------------------------------------------------------------------------

def test_build_is_deterministic_and_the_committed_files_are_current(tmp_path):
    first = builder.build(tmp_path / "a")
    builder.build(tmp_path / "b")
    assert sorted(p.name for p in first) == sorted(list(TEXT_OUTPUTS) + ["aamose.xlsx"])
    for name in TEXT_OUTPUTS:
        a = (tmp_path / "a" / name).read_bytes()
        assert a == (tmp_path / "b" / name).read_bytes(), name
        assert a == (SAMPLES / name).read_bytes(), f"{name} er forældet: kør scripts/build_sample_cases.py"
    built = _xlsx_records(tmp_path / "a" / "aamose.xlsx")
    assert built == _xlsx_records(tmp_path / "b" / "aamose.xlsx") == _xlsx_records()


def test_build_writes_only_into_the_given_folder(tmp_path):
    out = tmp_path / "ny" / "mappe"
    written = builder.build(out)
    assert all(p.parent == out for p in written)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)


@pytest.mark.parametrize("iso, text", [("2021-02-16", "16. februar 2021"), ("2023-12-01", "1. december 2023")])
def test_danish_dates_in_case_texts(iso, text):
    assert builder.da(iso) == text
