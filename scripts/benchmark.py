"""Speed and memory benchmark for `audit run` (not a test; numbers go in the README).

Generates N synthetic cases (JSONL, and optionally one .xlsx) from the engine's test template, then runs
the audit pipeline in a subprocess and reports cases per second and peak resident memory.

    python scripts/benchmark.py --n 20000            # JSONL
    python scripts/benchmark.py --n 5000 --xlsx      # Excel workbook
"""

from __future__ import annotations

import argparse
import copy
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from casebuilder import BASE  # noqa: E402


def shifted(i: int) -> dict:
    """Case i: the base case moved i % 500 days later, with a few varied facts."""
    raw = copy.deepcopy(BASE)
    delta = timedelta(days=i % 500)

    def mv(v):
        return (date.fromisoformat(v) + delta).isoformat() if isinstance(v, str) and len(v) == 10 else v

    for ev in raw["hændelser"]:
        for k in ("dato", "vedrører", "svar_dato"):
            if k in ev:
                ev[k] = mv(ev[k])
    for k in ("dato", "vedrører", "virkning_fra"):
        raw["afgørelse"][k] = mv(raw["afgørelse"][k])
    raw["afgørelse"]["tilbud"]["startdato"] = mv(raw["afgørelse"]["tilbud"]["startdato"])
    raw["sagsnummer"] = f"BENCH-{i:07d}"
    raw["kommune"] = f"Kommune {i % 7}"
    raw["sagsbehandler"] = f"S{i % 40:02d}"
    if i % 3 == 0:
        raw["afgørelse"]["længde_begrundelse"] = None
    if i % 5 == 0:
        raw["hændelser"] = [e for e in raw["hændelser"] if e["type"] != "vejledning_skærpet"]
    return raw


def write_jsonl(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(shifted(i), ensure_ascii=False) + "\n")


def write_xlsx(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    cases = wb.create_sheet("Sager")
    events = wb.create_sheet("Hændelser")
    dec_fields = list(BASE["afgørelse"].keys())
    ev_fields = sorted({k for e in BASE["hændelser"] for k in e} - {"type", "dato"})
    cases.append(["sagsnummer", "kommune", "sagsbehandler", "civilstand"]
                 + [f"afgørelse_{k}" for k in dec_fields if k != "tilbud"]
                 + ["afgørelse_tilbud_art", "afgørelse_tilbud_startdato"])
    events.append(["sagsnummer", "kommune", "type", "dato"] + ev_fields)

    def cell(v):
        if isinstance(v, bool):
            return "ja" if v else "nej"
        if isinstance(v, list):
            return ", ".join(v)
        return v

    for i in range(n):
        raw = shifted(i)
        dec = raw["afgørelse"]
        cases.append([raw["sagsnummer"], raw["kommune"], raw["sagsbehandler"], raw["civilstand"]]
                     + [cell(dec[k]) for k in dec_fields if k != "tilbud"]
                     + [dec["tilbud"]["art"], dec["tilbud"]["startdato"]])
        for ev in raw["hændelser"]:
            events.append([raw["sagsnummer"], raw["kommune"], ev["type"], ev["dato"]]
                          + [cell(ev.get(k)) for k in ev_fields])
    wb.save(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--xlsx", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / ("bench.xlsx" if args.xlsx else "bench.jsonl")
        t0 = time.perf_counter()
        (write_xlsx if args.xlsx else write_jsonl)(src, args.n)
        gen = time.perf_counter() - t0
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "audit.cli.main", "run", str(src), "--out",
                               str(Path(tmp) / "out"), "--quiet"], cwd=ROOT)
        elapsed = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = src.stat().st_size / 1e6
        lines = sum(1 for _ in open(Path(tmp) / "out" / "resultater.jsonl", encoding="utf-8"))
        print(f"input: {src.suffix} {args.n} sager, {size_mb:.1f} MB (genereret på {gen:.1f} s)")
        print(f"audit run: {elapsed:.1f} s, {args.n / elapsed:.0f} sager/s, maks. RSS {peak_mb:.0f} MB, "
              f"{lines} resultater, exitkode {proc.returncode}")


if __name__ == "__main__":
    main()
