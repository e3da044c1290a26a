"""``audit run`` as a library function: read, audit, write ``resultater.jsonl`` and
``indlaesningsfejl.jsonl`` (and ``koersel.json`` with what the run was), streaming case by case."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from audit import __version__
from audit.contract import encode_line
from audit.io_utils import atomic_open, atomic_write_text
from audit.issues import Issue
from audit.results_file import RESULTS_FILE
from audit.rules.checklist import Checklist, checklist_for, load_checklist
from audit.rules.engine import evaluate
from audit.tilsyn.sampling import normalize_key

ISSUES_FILE = "indlaesningsfejl.jsonl"
RUN_FILE = "koersel.json"


@dataclass
class RunSummary:
    cases: int = 0
    not_read: int = 0
    errors: int = 0
    warnings: int = 0
    skipped_by_sample: int = 0
    missing_from_sample: list[tuple[str, str]] = field(default_factory=list)
    verdicts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    failures: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    issues_preview: list[Issue] = field(default_factory=list)
    rule_sets: set[str] = field(default_factory=set)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors or self.not_read or self.missing_from_sample else 0


def run_audit(paths: list[str], out_dir: str | Path, *, mapping_file: str | None = None,
              regelsaet: str | None = None, sample_keys: set[tuple[str, str]] | None = None,
              sample_info: dict | None = None, wrap: Callable[[Iterable], Iterable] | None = None,
              preview_issues: int = 50) -> RunSummary:
    """Audit every readable case under ``paths``; write the run's files into ``out_dir``."""
    from audit.readers import read_cases

    out = Path(out_dir)
    forced: Checklist | None = load_checklist(regelsaet) if regelsaet else None
    summary = RunSummary()
    seen_sample: set[tuple[str, str]] = set()
    records = read_cases(paths, mapping_file)
    if wrap is not None:
        records = wrap(records)
    with atomic_open(out / RESULTS_FILE) as res_fh, atomic_open(out / ISSUES_FILE) as iss_fh:
        for rr in records:
            for issue in rr.issues:
                iss_fh.write(json.dumps(issue.to_dict(), ensure_ascii=False) + "\n")
                if issue.severity == "fejl":
                    summary.errors += 1
                else:
                    summary.warnings += 1
                if len(summary.issues_preview) < preview_issues:
                    summary.issues_preview.append(issue)
            if rr.case is None:
                if any(i.severity == "fejl" for i in rr.issues):
                    summary.not_read += 1
                continue
            case = rr.case
            if sample_keys is not None:
                key = normalize_key(*case.key)
                if key not in sample_keys:
                    summary.skipped_by_sample += 1
                    continue
                seen_sample.add(key)
            checklist = forced or checklist_for(case.decision.date)
            result = evaluate(case, checklist)
            res_fh.write(encode_line(result).decode("utf-8"))
            summary.cases += 1
            if result.rule_set:
                summary.rule_sets.add(result.rule_set)
            summary.verdicts[case.municipality][result.verdict.value] += 1
            for p in result.items:
                if p.answer.failed and not p.advisory:
                    summary.failures[case.municipality][p.id] += 1
    if sample_keys is not None:
        summary.missing_from_sample = sorted(sample_keys - seen_sample)
    run_info = {
        "version": __version__,
        "tidspunkt": datetime.now().astimezone().isoformat(timespec="seconds"),
        "input": [str(p) for p in paths],
        "mapping": mapping_file,
        "regelsaet": sorted(summary.rule_sets) or ([regelsaet] if regelsaet else []),
        "sager": summary.cases,
        "ikke_indlaest": summary.not_read,
        "fejl": summary.errors,
        "advarsler": summary.warnings,
        "stikproeve": sample_info,
        "uden_for_stikproeve": summary.skipped_by_sample,
        "stikproeve_ikke_fundet": [list(k) for k in summary.missing_from_sample],
        "parametre": {cl_id: load_checklist(cl_id).parameters for cl_id in sorted(summary.rule_sets)},
    }
    atomic_write_text(out / RUN_FILE, json.dumps(run_info, ensure_ascii=False, indent=2) + "\n")
    return summary
