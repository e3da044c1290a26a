"""Speed and memory benchmark for `audit run` (not a test; the figures go in the README).

Generates N synthetic cases from the engine's test template, as JSON Lines and/or as one .xlsx workbook
(sheets Sager and Hændelser), and measures in one run, for each format:

- the reference: for JSONL a streamed `json.loads` of the file (each line parsed and dropped); for Excel
  python-calamine reading the workbook's sheets into Python
  (`CalamineWorkbook.from_path(...).get_sheet_by_name(n).to_python()` for each sheet);
- `audit run` of the file in a subprocess: wall time, cases/s and peak resident memory (ru_maxrss of the
  process, from os.wait4: with --jobs the largest single process, not the sum of the workers);
- the ratio `audit run` time / reference time (the issue's targets: JSONL <= 8x, Excel <= 5x).

    python scripts/benchmark.py --n 20000              # JSONL
    python scripts/benchmark.py --n 5000 --xlsx        # Excel
    python scripts/benchmark.py --n 5000 --jsonl --xlsx --jobs 2
"""

from __future__ import annotations

import argparse
import copy
import json
import os
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


def reference_jsonl(path: Path) -> float:
    """Seconds to parse every line of the file with json.loads, dropping each object."""
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            json.loads(line)
    return time.perf_counter() - t0


def reference_xlsx(path: Path) -> float:
    """Seconds for python-calamine to read each sheet of the workbook into Python lists."""
    import python_calamine as pc

    t0 = time.perf_counter()
    wb = pc.CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
    wb.close()
    return time.perf_counter() - t0


def audit_run(src: Path, out: Path, jobs: int | None) -> tuple[float, float, int]:
    """`audit run` in a subprocess: (seconds, peak RSS in MB, exit code)."""
    cmd = [sys.executable, "-m", "audit.cli.main", "run", str(src), "--out", str(out), "--quiet"]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode  # ru_maxrss is in KB on Linux


def measure(kind: str, n: int, tmp: Path, jobs: int | None) -> dict:
    src = tmp / ("bench.xlsx" if kind == "xlsx" else "bench.jsonl")
    t0 = time.perf_counter()
    (write_xlsx if kind == "xlsx" else write_jsonl)(src, n)
    generated = time.perf_counter() - t0
    reference = (reference_xlsx if kind == "xlsx" else reference_jsonl)(src)
    out = tmp / f"out-{kind}"
    elapsed, peak_mb, code = audit_run(src, out, jobs)
    lines = sum(1 for _ in open(out / "resultater.jsonl", encoding="utf-8")) if code in (0, 1) else 0
    return {"kind": kind, "n": n, "size_mb": src.stat().st_size / 1e6, "generated": generated,
            "reference": reference, "elapsed": elapsed, "peak_mb": peak_mb, "code": code, "lines": lines}


def table(rows: list[dict], jobs: int | None) -> str:
    head = ["input", "sager", "MB", "reference", "ref. s", "audit run s", "forhold", "sager/s", "maks. RSS MB",
            "resultater", "exitkode"]
    body = []
    for r in rows:
        ref = "json.loads pr. linje" if r["kind"] == "jsonl" else "calamine to_python"
        body.append([r["kind"], str(r["n"]), f"{r['size_mb']:.1f}", ref, f"{r['reference']:.2f}",
                     f"{r['elapsed']:.1f}", f"{r['elapsed'] / r['reference']:.1f}x", f"{r['n'] / r['elapsed']:.0f}",
                     f"{r['peak_mb']:.0f}", str(r["lines"]), str(r["code"])])
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    lines.append(f"--jobs {jobs if jobs is not None else '(ikke angivet: audit runs standard)'}; "
                 f"maskine: {os.cpu_count()} kerner, Python {sys.version.split()[0]}, {date.today().isoformat()}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="antal syntetiske sager (standard 10000)")
    ap.add_argument("--jsonl", action="store_true", help="mål JSON Lines (standard, når --xlsx ikke er givet)")
    ap.add_argument("--xlsx", action="store_true", help="mål en Excel-projektmappe (.xlsx)")
    ap.add_argument("--jobs", type=int, default=None, help="gives videre til 'audit run --jobs' (kun når angivet)")
    args = ap.parse_args()
    kinds = (["jsonl"] if args.jsonl or not args.xlsx else []) + (["xlsx"] if args.xlsx else [])
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(kind, args.n, Path(tmp), args.jobs) for kind in kinds]
    print(table(rows, args.jobs))


if __name__ == "__main__":
    main()
