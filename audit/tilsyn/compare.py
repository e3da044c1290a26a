"""What changed between two runs (``audit compare``): verdicts, item answers, cases only in one run; for
runs over different cases (two quarters' samples), the two periods' figures side by side.

Which of the two a comparison is, is decided by the overlap: when at least half of the cases of the
smaller run are in both runs (``SAME_CASES_OVERLAP``), the runs are over the same cases and compared case
by case; otherwise they are two periods and compared by their figures (audit/tilsyn/udvikling.py). Both
are always in the JSON output; the terminal shows the one that fits and says why.

Both runs are read from their ``resultater.jsonl`` by the shared reader (``audit.results_file``: one
``CaseResult`` per line) and matched by ``(kommune, sagsnummer)``. A line that does not follow the
result contract stops the comparison (``CompareError`` with the line and what is wrong): a comparison
that silently left cases out would report them as missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from audit.contract import Answer, CaseResult, Source
from audit.results_file import RESULTS_FILE, LineProblem, iter_results

SAME_CASES_OVERLAP = 0.5
MISSING = None  # an item present in one run only: its answer in the other is None ("(mangler)")

Key = tuple[str, str]


class CompareError(ValueError):
    """An input that cannot be compared (message in Danish)."""


@dataclass
class LoadedRun:
    path: Path
    results: dict[Key, CaseResult]
    warnings: list[str] = field(default_factory=list)

    @property
    def versions(self) -> set[str]:
        return {r.version for r in self.results.values()}

    @property
    def rule_sets(self) -> set[str]:
        return {r.rule_set for r in self.results.values() if r.rule_set}


def results_path(location: str | Path) -> Path:
    """The ``resultater.jsonl`` of a run folder (or the file itself). Raises CompareError."""
    p = Path(location)
    if not p.exists():
        raise CompareError(f"'{p}' findes ikke")
    if p.is_dir():
        f = p / RESULTS_FILE
        if not f.is_file():
            raise CompareError(
                f"mappen '{p}' indeholder ingen {RESULTS_FILE}; er det en mappe fra audit run?")
        return f
    return p


def load_run(location: str | Path) -> LoadedRun:
    """Read one run. Duplicated keys keep their first record (with a warning). Raises CompareError."""
    path = results_path(location)
    results: dict[Key, CaseResult] = {}
    warnings: list[str] = []
    try:
        read = list(iter_results(path, errors="strict"))
    except OSError as exc:
        raise CompareError(f"'{path}' kan ikke læses ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise CompareError(f"'{path}' er ikke UTF-8-tekst; er det en resultatfil fra audit run?") from None
    for lineno, row in read:
        if isinstance(row, LineProblem):
            raise CompareError(f"'{path}', linje {lineno}: {row.message}")
        if not row.municipality or not row.case_number:
            raise CompareError(f"'{path}', linje {lineno}: posten mangler 'kommune' eller 'sagsnummer'")
        key = row.key
        if key in results:
            warnings.append(f"{path}, linje {lineno}: sag {key[1]} ({key[0]}) forekommer igen; "
                            "den første forekomst sammenlignes")
            continue
        results[key] = row
    return LoadedRun(path=path, results=results, warnings=warnings)


def item_answers(result: CaseResult) -> dict[str, Answer]:
    return {p.id: p.answer for p in result.items}


@dataclass(frozen=True)
class ReviewMark:
    """B's answer to a changed item is a reviewer's (``kilde: vurdering``, e.g. from ``--vurderinger``): by whom
    and why, as the result line holds them (empty when not given)."""

    by: str = ""
    remark: str = ""

    def to_dict(self) -> dict:
        return {"kilde": "vurdering", "af": self.by, "bemaerkning": self.remark}


def review_marks(result: CaseResult) -> dict[str, ReviewMark]:
    """The items of a result answered by a reviewer, with the reviewer's initials and remark."""
    return {p.id: ReviewMark((p.review.by if p.review else None) or "", (p.review.remark if p.review else None) or "")
            for p in result.items if p.source is Source.REVIEW}


@dataclass(frozen=True)
class Change:
    before: object
    after: object

    def to_dict(self) -> dict:
        return {"fra": self.before, "til": self.after}


@dataclass
class CaseChange:
    key: Key
    samlet: Change | None = None
    kritik: Change | None = None
    items: dict[str, Change] = field(default_factory=dict)
    reviewed: dict[str, ReviewMark] = field(default_factory=dict)  # changed items whose B answer is a review

    def to_dict(self) -> dict:
        d: dict[str, object] = {"kommune": self.key[0], "sagsnummer": self.key[1]}
        if self.samlet:
            d["samlet"] = self.samlet.to_dict()
        if self.kritik:
            d["kritik"] = self.kritik.to_dict()
        if self.items:
            d["punkter"] = {i: {**c.to_dict(), **(self.reviewed[i].to_dict() if i in self.reviewed else {})}
                            for i, c in sorted(self.items.items())}
        return d


@dataclass
class Comparison:
    a: LoadedRun
    b: LoadedRun
    verdict_changes: list[CaseChange]
    item_changes: list[CaseChange]
    only_a: list[Key]
    only_b: list[Key]
    common: int

    @property
    def overlap(self) -> float:
        """Share of the smaller run's cases that are in both runs (0 when a run is empty)."""
        smaller = min(len(self.a.results), len(self.b.results))
        return self.common / smaller if smaller else 0.0

    @property
    def same_cases(self) -> bool:
        return self.common > 0 and self.overlap >= SAME_CASES_OVERLAP

    def periods(self):
        """The two runs as periods (audit/tilsyn/udvikling.py), labelled apart."""
        from audit.tilsyn.udvikling import distinct_labels, read_run_info, summarise

        ps = [summarise(r.path.parent, list(r.results.values()), read_run_info(r.path.parent))
              for r in (self.a, self.b)]
        distinct_labels(ps)
        return ps

    @property
    def same(self) -> bool:
        return not (self.verdict_changes or self.item_changes or self.only_a or self.only_b)

    def transitions(self) -> dict[str, Counter]:
        """Per item id: how many cases went from each answer to each other, most changed item first."""
        out: dict[str, Counter] = {}
        for cc in self.item_changes:
            for item_id, ch in cc.items.items():
                out.setdefault(item_id, Counter())[(ch.before, ch.after)] += 1
        for item_id, counter in out.items():  # a stable order: most frequent transition first
            out[item_id] = Counter(dict(sorted(counter.items(),
                                               key=lambda kv: (-kv[1], _code(kv[0][0]), _code(kv[0][1])))))
        return dict(sorted(out.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))

    def reviewed_per_item(self) -> dict[str, int]:
        """Per item id: in how many of the changed cases B's answer is a reviewer's (kilde: vurdering)."""
        out: dict[str, int] = {}
        for cc in self.item_changes:
            for item_id in cc.items:
                if item_id in cc.reviewed:
                    out[item_id] = out.get(item_id, 0) + 1
        return out

    def per_item(self) -> dict[str, dict[str, int]]:
        """As ``transitions``, for JSON: {"i_alt": n, "ja -> nej": k, ...}."""
        out: dict[str, dict[str, int]] = {}
        for item_id, counter in self.transitions().items():
            d = {"i_alt": sum(counter.values())}
            for (before, after), k in counter.items():
                d[f"{_code(before)} -> {_code(after)}"] = k
            out[item_id] = d
        return out

    def to_dict(self) -> dict:
        return {
            "a": str(self.a.path), "b": str(self.b.path),
            "ens": self.same,
            "samme_sager": self.same_cases,
            "overlap": round(self.overlap, 3),
            "perioder": [p.to_dict() for p in self.periods()],
            "antal": {"a": len(self.a.results), "b": len(self.b.results), "faelles": self.common,
                      "samlet_aendret": len(self.verdict_changes), "punkter_aendret": len(self.item_changes),
                      "kun_i_a": len(self.only_a), "kun_i_b": len(self.only_b)},
            "version": {"a": sorted(self.a.versions), "b": sorted(self.b.versions)},
            "regelsaet": {"a": sorted(self.a.rule_sets), "b": sorted(self.b.rule_sets)},
            "samlet_aendret": [c.to_dict() for c in self.verdict_changes],
            "punkter_aendret": [c.to_dict() for c in self.item_changes],
            "kun_i_a": [{"kommune": k, "sagsnummer": s} for k, s in self.only_a],
            "kun_i_b": [{"kommune": k, "sagsnummer": s} for k, s in self.only_b],
            "pr_punkt": self.per_item(),
            "advarsler": self.a.warnings + self.b.warnings,
        }


def _code(value: object) -> str:
    return "(mangler)" if value is None else str(value)


def compare_runs(a: LoadedRun, b: LoadedRun) -> Comparison:
    verdict_changes: list[CaseChange] = []
    item_changes: list[CaseChange] = []
    common = sorted(set(a.results) & set(b.results))
    for key in common:
        ra, rb = a.results[key], b.results[key]
        cc = CaseChange(key=key)
        if ra.verdict is not rb.verdict:
            cc.samlet = Change(ra.verdict, rb.verdict)
        if ra.criticism is not rb.criticism:
            cc.kritik = Change(ra.criticism, rb.criticism)
        ia, ib = item_answers(ra), item_answers(rb)
        for item_id in sorted(set(ia) | set(ib)):
            if ia.get(item_id, MISSING) != ib.get(item_id, MISSING):
                cc.items[item_id] = Change(ia.get(item_id, MISSING), ib.get(item_id, MISSING))
        marks = review_marks(rb) if cc.items else {}
        cc.reviewed = {i: marks[i] for i in cc.items if i in marks}
        if cc.samlet or cc.kritik:
            verdict_changes.append(cc)
        if cc.items:
            item_changes.append(cc)
    return Comparison(
        a=a, b=b, verdict_changes=verdict_changes, item_changes=item_changes,
        only_a=sorted(set(a.results) - set(b.results)), only_b=sorted(set(b.results) - set(a.results)),
        common=len(common),
    )


def compare_dirs(dir_a: str | Path, dir_b: str | Path) -> Comparison:
    return compare_runs(load_run(dir_a), load_run(dir_b))
