"""The reports of a run, as a library: ``build_reports(results, out_dir, per=..., pdf=..., run_info=...)``.

Writes, for every municipality in ``results``, ``<out>/<kommune-slug>/rapport.html`` and ``rapport.xlsx``
(and ``rapport.pdf`` with ``pdf=True`` when Chromium is installed), plus ``<out>/samlet.html`` and
``<out>/samlet.xlsx`` over all municipalities. Returns the paths written.

``results`` are ``CaseResult`` records (audit/contract.py); plain dicts in the file's form are accepted
and validated the same way. ``run_info`` is the run's ``koersel.json`` (written by ``audit run``); the keys
used are ``tidspunkt`` (ISO time of the run), ``version``, ``input`` (list of paths), ``regelsaet``,
``ikke_indlaest``, ``fejl``, ``advarsler`` and ``stikproeve`` (``{"fil", "sager", "log":
<stikproeve-log.json>}``). Every key is optional.

Every string of the results is CPR-masked before anything else happens; the model of each report is
built in ``model`` and rendered by ``html``, ``xlsx`` and ``pdf``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from audit.contract import CaseResult, from_dict
from audit.io_utils import atomic_write_text
from audit.privacy import mask_cpr
from audit.results_file import RESULTS_FILE, as_result, read_results

from .common import group_by_municipality
from .model import Warn, build_model, make_context

RUN_FILE = "koersel.json"
REPORT_HTML, REPORT_XLSX, REPORT_PDF = "rapport.html", "rapport.xlsx", "rapport.pdf"
BILAG_HTML, BILAG_PDF = "bilag.html", "bilag.pdf"
SAMLET_HTML, SAMLET_XLSX, SAMLET_PDF = "samlet.html", "samlet.xlsx", "samlet.pdf"
SAMLET_BILAG_HTML, SAMLET_BILAG_PDF = "samlet-bilag.html", "samlet-bilag.pdf"
PER_CHOICES = ("enhed", "sagsbehandler")
REPORT_HEADER = "Gennemgang af afgørelser om skærpet rådighedssanktion"
BILAG_HEADER = "Bilagsrapport: analyseskema for hver sag"

__all__ = ["PER_CHOICES", "RESULTS_FILE", "RUN_FILE", "build_reports", "build_reports_from_run", "check_results",
           "load_run", "mask_deep", "slugify", "unique_slugs"]


def _stderr_warning(message: str) -> None:
    sys.stderr.write(f"Advarsel: {mask_cpr(message)}\n")


# --- input -------------------------------------------------------------------------------------------

def mask_deep(value):
    """Every string inside ``value`` (dicts, lists) with CPR numbers masked."""
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, dict):
        return {k: mask_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_deep(v) for v in value]
    return value


def load_run(run_dir: str | Path) -> tuple[list[CaseResult], dict, list[str]]:
    """Read ``resultater.jsonl`` (and ``koersel.json`` if present) of a run folder.

    Returns (results, run_info, problems). A line that does not follow the result contract is reported
    in ``problems`` with its line number and what is wrong (in Danish) and left out; the rest is read.
    A missing results file raises ``FileNotFoundError``.
    """
    folder = Path(run_dir)
    path = folder / RESULTS_FILE
    read, bad = read_results(path)
    problems = [f"{path.name}, linje {p.line}: {p.message}; linjen er sprunget over" for p in bad]
    run_info: dict = {}
    info_path = folder / RUN_FILE
    if info_path.is_file():
        try:
            loaded = json.loads(info_path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                run_info = loaded
            else:
                problems.append(f"{RUN_FILE} er ikke et JSON-objekt; oplysningerne om kørslen er udeladt")
        except (OSError, json.JSONDecodeError, UnicodeDecodeError):
            problems.append(f"{RUN_FILE} kan ikke læses; oplysningerne om kørslen er udeladt")
    return [r for _, r in read], run_info, problems


def check_results(results: Sequence) -> tuple[list[CaseResult], list[str]]:
    """The usable results (CPR-masked copies) and a Danish message for every record left out."""
    out, problems = [], []
    for i, r in enumerate(results, start=1):
        checked = as_result(r)
        if isinstance(checked, str):
            problems.append(f"resultat nr. {i} {checked} og er udeladt")
            continue
        masked = mask_deep(checked.to_dict())
        if not str(masked.get("sagsnummer") or "").strip():
            problems.append(f"resultat nr. {i} har intet sagsnummer; det vises som '(uden sagsnummer)'")
            masked["sagsnummer"] = "(uden sagsnummer)"
        out.append(from_dict(masked))
    return out, problems


# --- names -------------------------------------------------------------------------------------------

def slugify(name: str) -> str:
    """ASCII folder name: 'Åmose Kommune' -> 'aamose-kommune'."""
    t = unicodedata.normalize("NFC", str(name or "")).lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        t = t.replace(a, b)
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode("ascii")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:80].strip("-") or "kommune-uden-navn"


def unique_slugs(names: Sequence[str]) -> dict[str, str]:
    used: Counter = Counter()
    out = {}
    for name in names:
        base = slugify(name)
        used[base] += 1
        out[name] = base if used[base] == 1 else f"{base}-{used[base]}"
    return out


# --- writing ------------------------------------------------------------------------------------------

def build_reports(results: Sequence[CaseResult | dict], out_dir: str | Path, *, per: str | None = None,
                  pdf: bool = False, run_info: dict | None = None, on_warning: Warn | None = None) -> list[Path]:
    """Write every report of ``results`` into ``out_dir``; return the files written (in order)."""
    from .html import render_report
    from .xlsx import write_workbook

    warn = on_warning or _stderr_warning
    if per not in (None, *PER_CHOICES):
        raise ValueError(f"--per skal være 'enhed' eller 'sagsbehandler', ikke '{per}'")
    usable, problems = check_results(results)
    for p in problems:
        warn(p)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx = make_context(usable, mask_deep(run_info or {}), warn)
    written: list[Path] = []
    html_files: list[tuple[Path, Path, str]] = []  # (html, pdf, running header)
    groups = group_by_municipality(usable)
    slugs = unique_slugs([k for k, _ in groups])
    reserved = {"samlet"}
    for kommune, rows in groups:
        slug = slugs[kommune]
        if slug in reserved:
            slug = f"{slug}-kommune"
        folder = out / slug
        model = build_model(rows, kommune, ctx, per=per)
        html_path, bilag_path = folder / REPORT_HTML, folder / BILAG_HTML
        atomic_write_text(html_path, render_report(model, "rapport"))
        atomic_write_text(bilag_path, render_report(model, "bilag"))
        xlsx_path = folder / REPORT_XLSX
        write_workbook(model, xlsx_path)
        written += [html_path, bilag_path, xlsx_path]
        html_files += [(html_path, folder / REPORT_PDF, f"{kommune} · {REPORT_HEADER}"),
                       (bilag_path, folder / BILAG_PDF, f"{kommune} · {BILAG_HEADER}")]
    model = build_model(usable, "Alle kommuner", ctx, samlet=True)
    html_path, bilag_path, xlsx_path = out / SAMLET_HTML, out / SAMLET_BILAG_HTML, out / SAMLET_XLSX
    atomic_write_text(html_path, render_report(model, "rapport"))
    atomic_write_text(bilag_path, render_report(model, "bilag"))
    write_workbook(model, xlsx_path)
    written += [html_path, bilag_path, xlsx_path]
    html_files += [(html_path, out / SAMLET_PDF, f"Alle kommuner · {REPORT_HEADER}"),
                   (bilag_path, out / SAMLET_BILAG_PDF, f"Alle kommuner · {BILAG_HEADER}")]
    if pdf:
        from .pdf import PdfError, print_pdf

        for src, dst, header in html_files:
            try:
                print_pdf(src, dst, header=mask_cpr(header))
                written.append(dst)
            except PdfError as exc:
                warn(str(exc))
                break
    return written


def build_reports_from_run(run_dir: str | Path, out_dir: str | Path, *, per: str | None = None, pdf: bool = False,
                           on_warning: Warn | None = None) -> list[Path]:
    """``build_reports`` over a run folder's ``resultater.jsonl`` and ``koersel.json``."""
    warn = on_warning or _stderr_warning
    results, run_info, problems = load_run(run_dir)
    for p in problems:
        warn(p)
    return build_reports(results, out_dir, per=per, pdf=pdf, run_info=run_info, on_warning=warn)
