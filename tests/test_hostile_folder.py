"""Issue 11, "Done means": one folder that holds every hostile input of the issue beside good files. ``audit run``
on it (the real command, in its own process, under a time limit) audits every good case, names every bad
input in indlaesningsfejl.jsonl, exits 1, and no CPR number reaches any output file or the terminal.

The deep YAML mapping file is a usage error of its own (exit 2, test_hostile_round2), not an input file."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile

import pytest
from conftest import make_record
from test_hostile_round2 import _as_error, _book, _col, _error_in, _patch_sheet

from audit.privacy import contains_cpr

CPR = "010190-1234"
RAW_CPRS = ["0101901234", "2512901234", "101901234", "0202904321", "010190-1234", "020290-4321"]


def _json(folder, name, data):
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _lines(folder, name, lines):
    (folder / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _hostile_folder(tmp_path):
    """Returns (folder, the case numbers that must be audited, file -> codes that must name it)."""
    d = tmp_path / "indsendt"
    d.mkdir()
    good: list[str] = []
    bad: dict[str, set[str]] = {}

    _json(d, "god.json", make_record("GOD-1"))
    good.append("GOD-1")
    _json(d, f"{CPR}.json", make_record("CPRFIL-1"))  # a CPR number in the file name
    good.append("CPRFIL-1")

    surrogate = json.dumps(make_record("S-1"), ensure_ascii=True).replace('"Pr\\u00f8vested Kommune"', '"\\ud83d"')
    _lines(d, "surrogat.jsonl", [surrogate, json.dumps(make_record("S-2"))])
    good.append("S-2")
    bad["surrogat.jsonl"] = {"ugyldigt_tegn"}

    superscript = make_record("E-1")
    superscript["afgørelse"]["længde_måneder"] = "²"
    _lines(d, "laengde.jsonl", [json.dumps(superscript, ensure_ascii=False), json.dumps(make_record("E-2"))])
    good.append("E-2")
    bad["laengde.jsonl"] = {"ugyldig_laengde"}

    (d / "smuk.jsonl").write_text(json.dumps([make_record("P-1"), make_record("P-2")], indent=2, ensure_ascii=False),
                                  encoding="utf-8")
    good += ["P-1", "P-2"]

    a, b = (json.dumps(make_record(n), ensure_ascii=False) for n in ("D-A", "D-B"))
    (d / "dobbelt.json").write_text(f'{{"sager": [{a}], "sager": [{b}]}}', encoding="utf-8")
    good += ["D-A", "D-B"]
    bad["dobbelt.json"] = {"dobbelt_noegle"}

    _json(d, "numerisk.json", make_record("N-1", enhed=2512901234, borger_id=101901234))
    good.append("N-1")
    _json(d, "streger.json", make_record("T-1", enhed="Jobcenter 010190\u20131234",
                                         sagsbehandler="Sagsbehandler 020290\u20114321"))
    good.append("T-1")
    nfd = make_record("NFD-1")
    nfd["hændelser"][2]["former"] = [unicodedata.normalize("NFD", "gennemgået"), "udleveret"]
    _json(d, "nfd.json", {unicodedata.normalize("NFD", k): v for k, v in nfd.items()})
    good.append("NFD-1")

    os.symlink(d / "b.json", d / "a.json")  # a.json -> b.json -> a.json
    os.symlink(d / "a.json", d / "b.json")
    bad["a.json"] = bad["b.json"] = {"laesefejl"}
    os.mkfifo(d / "rør.json")
    bad["rør.json"] = {"laesefejl"}

    big = _book(d, "stor.xlsx", [make_record("X-1")])
    from openpyxl import load_workbook

    wb = load_workbook(big)
    wb["Sager"]["XFD1048576"] = "x"
    wb.save(big)
    bad["stor.xlsx"] = {"for_stort_ark"}

    for tag, error in (("SP", b"#SPILL!"), ("CA", b"#CALC!"), ("RE", b"#REF!"), ("NA", b"#N/A")):
        f = _book(d, f"fejlcelle_{tag}.xlsx", [make_record(f"{tag}-1"), make_record(f"{tag}-2")],
                  lambda s: _error_in(s, "Hændelser", 2, "dato"))
        _patch_sheet(f, 2, _as_error(error))
        good.append(f"{tag}-2")
        bad[f.name] = {"excel_fejl"}

    _book(d, "formel.xlsx", [make_record("FO-1"), make_record("FO-2")],
          lambda s: s["Sager"][1].__setitem__(_col(s, "Sager", "afgørelse_dato"), "=TODAY()"))
    good.append("FO-2")
    bad["formel.xlsx"] = {"formel_uden_vaerdi"}

    _book(d, "dato0.xlsx", [make_record("D0-1"), make_record("D0-2")],
          lambda s: s["Sager"][1].__setitem__(_col(s, "Sager", "afgørelse_dato"), 0))
    good.append("D0-2")
    bad["dato0.xlsx"] = {"umulig_dato"}
    nan = _book(d, "datonan.xlsx", [make_record("DN-1"), make_record("DN-2")],
                lambda s: s["Sager"][1].__setitem__(_col(s, "Sager", "afgørelse_dato"), dt.date(2024, 3, 1)))
    _patch_sheet(nan, 1, lambda x: re.sub(rb"(<c r=\"[A-Z]+2\" [^>]*><v>)45352(</v>)", rb"\1NaN\2", x))
    good.append("DN-2")
    bad["datonan.xlsx"] = {"umulig_dato"}

    def numeric_unit(s):
        s["Sager"][1][_col(s, "Sager", "enhed")] = 2512901234

    _book(d, "numerisk.xlsx", [make_record("XN-1")], numeric_unit)
    good.append("XN-1")

    def many_columns(s):
        s["Sager"][0] += [f"ekstra{i}" for i in range(16_000)]

    _book(d, "kolonner.xlsx", [make_record("K-1")], many_columns)
    good.append("K-1")

    def title_row(s):
        s["Sager"].insert(0, ["Sager fra Prøvested Kommune 2024"])

    _book(d, "titel.xlsx", [make_record("TI-1")], title_row)
    bad["titel.xlsx"] = {"mangler_kolonne"}

    with zipfile.ZipFile(d / "ikke_excel.xlsx", "w") as z:  # a zip file, but no workbook
        z.writestr("noter.txt", "hej")
    bad["ikke_excel.xlsx"] = {"ugyldig_excel"}
    return d, good, bad


def _audit(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "audit", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_run_over_every_hostile_input_beside_good_files(tmp_path):
    folder, good, bad = _hostile_folder(tmp_path)
    out = tmp_path / "ud"
    before = {p.name: (p.read_bytes() if p.is_file() and not p.is_symlink() else None) for p in folder.iterdir()
              if not p.name.startswith("rør")}

    res = _audit("run", folder, "--out", out)  # subprocess.TimeoutExpired fails the test: no hang

    terminal = res.stdout + res.stderr
    assert res.returncode == 1, terminal
    assert "Traceback" not in terminal and "intern fejl" not in terminal
    audited = [json.loads(line)["sagsnummer"] for line in (out / "resultater.jsonl").read_text("utf-8").splitlines()]
    assert sorted(audited) == sorted(good)
    problems = [json.loads(line) for line in (out / "indlaesningsfejl.jsonl").read_text("utf-8").splitlines()]
    named: dict[str, set[str]] = {}
    for p in problems:
        if p["alvor"] == "fejl":
            named.setdefault(os.path.basename(p["fil"]), set()).add(p["kode"])
    for name, codes in bad.items():
        assert codes <= named.get(name, set()), (name, named.get(name))
    assert {os.path.basename(p["fil"]) for p in problems if p["kode"] == "json_ikke_jsonl"} == {"smuk.jsonl"}
    by_file = {name: [p for p in problems if os.path.basename(p["fil"]) == name] for name in named}
    (columns,) = [p for p in problems if os.path.basename(p["fil"]) == "kolonner.xlsx"]  # one warning, not 16,000
    assert columns["besked"].startswith("16.000 ukendte kolonner i arket 'Sager'")
    assert "række 1 ligner en titel" in by_file["titel.xlsx"][0]["besked"]
    (zip_problem,) = by_file["ikke_excel.xlsx"]
    assert "mangler delen '_rels/.rels'" in zip_problem["besked"].split("(teknisk årsag")[0]
    assert "File not found" not in zip_problem["besked"].split("(teknisk årsag")[0]
    # every bad record is counted: 1 surrogate + 1 length + 4 error cells + 1 formula + 2 dates,
    # at least 1 for each file rejected whole (stor, titel, ikke_excel, a, b, rør)
    summary = json.loads((out / "koersel.json").read_text("utf-8"))
    assert (summary["sager"], summary["ikke_indlaest"], summary["filer_afvist"]) == (len(good), 9 + 6, 6)

    outputs = [p.read_text("utf-8") for p in out.rglob("*") if p.is_file() and p.suffix != ".xlsx"] + [terminal]
    from openpyxl import load_workbook  # gennemgang.xlsx: every cell's text

    for book in out.rglob("*.xlsx"):
        outputs.append("\n".join(str(v) for ws in load_workbook(book, read_only=True).worksheets
                                 for row in ws.iter_rows(values_only=True) for v in row if v is not None))
    for text in outputs:
        assert not contains_cpr(text)
        assert not any(c in text for c in RAW_CPRS)
    assert "xxxxxx-xxxx.json" in (out / "koersel.json").read_text("utf-8") or "xxxxxx-xxxx.json" in \
        (out / "indlaesningsfejl.jsonl").read_text("utf-8") + (out / "resultater.jsonl").read_text("utf-8")
    after = {p.name: (p.read_bytes() if p.is_file() and not p.is_symlink() else None) for p in folder.iterdir()
             if not p.name.startswith("rør")}
    assert after == before  # inputs untouched

    val = _audit("validate", folder)
    vterm = val.stdout + val.stderr
    assert val.returncode == 1 and "Traceback" not in vterm
    assert not contains_cpr(vterm) and not any(c in vterm for c in RAW_CPRS)
    assert f"{len(good)} sager kan læses, mindst 15 kan ikke læses" in " ".join(vterm.split())
