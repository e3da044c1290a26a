"""``audit run`` as a library function: read, audit, write ``resultater.jsonl`` and
``indlaesningsfejl.jsonl`` (and ``koersel.json`` with what the run was), streaming case by case."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from audit import __version__
from audit.contract import CaseResult, encode_line
from audit.io_utils import atomic_open, atomic_write_text
from audit.issues import Issue
from audit.model import Case
from audit.privacy import safe_path, safe_text
from audit.reporting.tally import CaseTally, SummaryTally, case_tally
from audit.results_file import RESULTS_FILE, write_rule_set_texts
from audit.rules.checklist import checklist_for, load_checklist
from audit.rules.engine import evaluate
from audit.tilsyn.sampling import normalize_key

ISSUES_FILE = "indlaesningsfejl.jsonl"
RUN_FILE = "koersel.json"


@dataclass
class RunSummary:
    cases: int = 0
    not_read: int = 0  # records that could not be read, with 1 for each file rejected whole (so: "mindst")
    files_rejected: int = 0  # files none of whose records was read (how many records they held is unknown)
    errors: int = 0
    warnings: int = 0
    skipped_by_sample: int = 0
    missing_from_sample: list[tuple[str, str]] = field(default_factory=list)
    issues_preview: list[Issue] = field(default_factory=list)
    issues_written: int = 0  # lines in indlaesningsfejl.jsonl (repeated problems collapsed unless --alle)
    rule_sets: set[str] = field(default_factory=set)
    tally: SummaryTally = field(default_factory=SummaryTally)  # what the terminal summary shows, counted here

    @property
    def not_read_text(self) -> str:
        """The count of unreadable records in words: 'mindst N' when a file was rejected whole."""
        return f"mindst {self.not_read}" if self.files_rejected else str(self.not_read)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors or self.not_read or self.missing_from_sample else 0


def run_audit(paths: list[str], out_dir: str | Path, *, mapping_file: str | None = None,
              regelsaet: str | None = None, sample_keys: set[tuple[str, str]] | None = None,
              sample_info: dict | None = None, wrap: Callable[[Iterable], Iterable] | None = None,
              preview_issues: int = 50, show_all: bool = False, jobs: int = 1,
              reviews=None) -> RunSummary:
    """Audit every readable case under ``paths``; write the run's files into ``out_dir``.

    Repeated identical problems are written a few times and then as one summary (``IssueCollapser``), unless
    ``show_all`` (``--alle``); the counts in the summary count every problem. ``jobs`` > 1: large JSONL files
    and spreadsheets are read and audited in that many worker processes (``audit.parallel``); the output is the same."""
    from audit.parallel import read_and_audit
    from audit.readers.collapse import IssueCollapser

    out = Path(out_dir)
    if regelsaet:
        load_checklist(regelsaet)  # an unknown id is a usage error before anything is read
    summary = RunSummary()
    seen_sample: set[tuple[str, str]] = set()
    source = read_and_audit(paths, mapping_file, show_all=show_all, jobs=jobs, regelsaet=regelsaet,
                            sample_keys=sample_keys, reviews=reviews)
    records = wrap(source) if wrap is not None else source
    collapser = IssueCollapser(show_all=show_all)
    reviewed_keys: set[tuple[str, str]] = set()
    # closing(source): on Ctrl-C or an error the worker processes are stopped at once (audit.parallel)
    # resultater.jsonl as bytes: each line is encode_line's UTF-8 as it is (no decoding and re-encoding)
    with closing(source), atomic_open(out / RESULTS_FILE, "wb") as res_fh, \
            atomic_open(out / ISSUES_FILE) as iss_fh:

        def write(shown: Iterable[Issue]) -> None:
            for issue in shown:
                iss_fh.write(_json_line(issue.to_dict()))
                summary.issues_written += 1
                if len(summary.issues_preview) < preview_issues:
                    summary.issues_preview.append(issue)

        def report(issues: Iterable[Issue]) -> None:
            """Count each problem by its severity and write it (collapsed when repeated)."""
            for issue in issues:
                if issue.severity == "fejl":
                    summary.errors += 1
                else:
                    summary.warnings += 1
                write(collapser.add(issue))

        report(reviews.issues if reviews is not None else ())  # the workbook's own problems first
        for rr, ahead in records:
            report(rr.issues)
            if rr.case is None:
                if rr.file_rejected:
                    summary.files_rejected += 1
                    summary.not_read += 1
                elif not rr.file_level and any(i.severity == "fejl" for i in rr.issues):
                    summary.not_read += 1
                continue
            case = rr.case
            if sample_keys is not None:
                key = normalize_key(*case.key)
                if key not in sample_keys:
                    summary.skipped_by_sample += 1
                    continue
                seen_sample.add(key)
            if reviews is not None:
                case, shown = _with_reviews(case, reviews, reviewed_keys, summary)
                report(shown)
                if case is None:
                    continue
            done = ahead if ahead is not None else audited(case, regelsaet)
            if done.line is None:  # a bug met in one case must not stop the run
                summary.not_read += 1
                report([_audit_failure(rr, done.failure or "Exception")])
                continue
            res_fh.write(done.line)
            summary.cases += 1
            summary.tally.add_case(done.tally)
            if done.rule_set:
                summary.rule_sets.add(done.rule_set)
        if reviews is not None:
            from audit.tilsyn.gennemgang import unused_rows

            report(unused_rows(reviews, reviewed_keys))
        write(collapser.finish())
    if sample_keys is not None:
        summary.missing_from_sample = sorted(sample_keys - seen_sample)
    run_info = {
        "version": __version__,
        "tidspunkt": datetime.now().astimezone().isoformat(timespec="seconds"),
        "input": [safe_path(p) for p in paths],
        "mapping": safe_path(mapping_file) if mapping_file else None,
        "regelsaet": sorted(summary.rule_sets) or ([regelsaet] if regelsaet else []),
        "sager": summary.cases,
        "ikke_indlaest": summary.not_read,
        "filer_afvist": summary.files_rejected,
        "fejl": summary.errors,
        "advarsler": summary.warnings,
        "stikproeve": sample_info,
        "uden_for_stikproeve": summary.skipped_by_sample,
        "stikproeve_ikke_fundet": [list(k) for k in summary.missing_from_sample],
        "parametre": {cl_id: load_checklist(cl_id).parameters for cl_id in sorted(summary.rule_sets)},
    }
    atomic_write_text(out / RUN_FILE, _json_text(run_info, indent=2) + "\n")
    write_rule_set_texts(out, summary.rule_sets)  # the items' rule-set text, once (docs/resultat-skema.md)
    return summary


def _json_text(value: object, indent: int | None = None) -> str:
    """JSON that can always be written as UTF-8 and holds no CPR number (the last pass at the boundary)."""
    return safe_text(json.dumps(value, ensure_ascii=False, indent=indent, default=str))


def _json_line(row: dict) -> str:
    return _json_text(row) + "\n"


def _with_reviews(case, reviews, reviewed_keys: set, summary: RunSummary) -> tuple[Case | None, list[Issue]]:
    """The case with a gennemgang.xlsx's answers merged (audit.tilsyn.gennemgang), and the issues to report;
    None when a row of the case in the workbook has a fejl (the case is then not audited, and not read)."""
    from audit.tilsyn.gennemgang import blocked_issue, merge_case_reviews

    key = normalize_key(*case.key)
    reviewed_keys.add(key)
    if key in reviews.blocked:
        summary.not_read += 1
        return None, [blocked_issue(case, reviews)]
    if getattr(case, "review_issues", None) is not None:  # audited in a worker, merged there (audit.parallel)
        conflicts = list(case.review_issues)
    else:
        case, conflicts = merge_case_reviews(case, reviews)
    return case, conflicts


def audit_case(case: Case, regelsaet: str | None = None) -> CaseResult:
    """Audit one case: by the rule set ``regelsaet`` (id) or, without it, the one in force on the decision's
    date. The one place a case is evaluated, in this process and in worker processes alike."""
    checklist = load_checklist(regelsaet) if regelsaet else checklist_for(case.decision.date)
    return evaluate(case, checklist)


@dataclass(frozen=True)
class Audited:
    """One case audited: its ``resultater.jsonl`` line (UTF-8 bytes, as ``encode_line`` gives them), or
    (``line`` None) the name of the exception met."""

    line: bytes | None
    rule_set: str | None = None
    failure: str | None = None
    tally: CaseTally | None = None  # what the run's summary counts of the case (audit.reporting.tally)


def audited(case: Case, regelsaet: str | None = None) -> Audited:
    """``audit_case`` and the result line; an exception becomes ``Audited.failure`` (never raised)."""
    try:
        result = audit_case(case, regelsaet)
        return Audited(encode_line(result), result.rule_set, tally=case_tally(result))
    except Exception as exc:  # noqa: BLE001 - a bug met in one case must not stop the run
        return Audited(None, failure=type(exc).__name__)


def _audit_failure(rr, exc_name: str) -> Issue:
    """A located fejl for a case the engine could not audit (a bug), so the run goes on with the others."""
    o = rr.origin
    case = rr.case
    return Issue(severity="fejl", code="intern_fejl",
                 message=(f"uventet intern fejl under gennemgangen af sagen ({exc_name}); sagen er ikke "
                          "gennemgået, de øvrige er. Kontakt vedligeholderne; ingen persondata er vist"),
                 file=safe_text(o.file) if o else "", sheet=o.sheet if o else None, row=o.row if o else None,
                 case_number=case.case_number if case else None, municipality=case.municipality if case else None)
