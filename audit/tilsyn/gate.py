"""The pre-decision gate (``audit check``): audit ONE draft § 40 a decision before it is sent.

go     = the engine's samlet is ``i_overensstemmelse`` (a kritik or bemærkning still goes, but its
         items are listed as "bør rettes");
no-go  = anything else; the items that decide it are listed with what must be done before sending,
         taken from the items' recommendations (Ankestyrelsen's own words), each text once.

A draft's decision date may lie in the future. If it is missing, the draft is assessed as if the
decision were made today, and the output says so.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from audit.contract import (
    DEFAULT_PRECEDENCE,
    CaseResult,
    Criticism,
    ItemResult,
    Verdict,
    VerdictPrecedence,
    decide_verdict,
)
from audit.issues import Issue
from audit.model import Case
from audit.privacy import mask_cpr
from audit.rules.checklist import Checklist, ChecklistError, load_checklist


@dataclass(frozen=True)
class ToDo:
    """One thing to do before sending: a recommendation, quoted verbatim, with its source."""

    id: str
    text: str
    source: str
    own: bool = False  # the tool's own recommendation rather than Ankestyrelsen's

    def to_dict(self) -> dict:
        return {"id": self.id, "tekst": self.text, "kilde": self.source}


@dataclass
class GateItem:
    item: ItemResult
    todo: list[ToDo] = field(default_factory=list)  # new texts for this item (deduplicated across items)
    see_also: list[str] = field(default_factory=list)  # ids already listed at an earlier item
    recommendation_ids: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def number(self) -> str:
        return self.item.number

    @property
    def question(self) -> str:
        return self.item.question or self.item.id

    @property
    def short(self) -> str:
        return self.item.short

    @property
    def answer(self):
        return self.item.answer

    @property
    def reason(self) -> str:
        return self.item.reason

    @property
    def consequence(self):
        return self.item.consequence

    @property
    def hjemmel(self) -> str:
        return self.item.hjemmel

    @property
    def advisory(self) -> bool:
        return self.item.advisory

    @property
    def source(self):
        return self.item.source

    def to_dict(self) -> dict:
        return {
            "id": self.id, "nummer": self.number, "spoergsmaal": self.question, "svar": self.answer,
            "begrundelse": self.reason, "virkning": self.consequence, "hjemmel": self.hjemmel,
            "kilde": self.source, "skal_goeres": [t.text for t in self.todo],
            "anbefalinger": [t.to_dict() for t in self.todo], "se_ogsaa": list(self.see_also),
        }


@dataclass
class GateResult:
    go: bool
    result: CaseResult
    date_assumed: bool
    blocking: list[GateItem]
    should_fix: list[GateItem]

    @property
    def samlet(self) -> Verdict:
        return self.result.verdict

    @property
    def kritik(self) -> Criticism:
        return self.result.criticism

    def to_dict(self, warnings: list[Issue] = ()) -> dict:
        r = self.result
        return {
            "go": self.go, "samlet": r.verdict, "kritik": r.criticism,
            "samlet_begrundelse": r.verdict_reason,
            "sagsnummer": r.case_number, "kommune": r.municipality,
            "afgoerelse_dato": r.decision_date, "dato_antaget": self.date_assumed,
            "regelsaet": r.rule_set, "maalgruppe": r.target_group,
            "mangler": [i.to_dict() for i in self.blocking],
            "boer_rettes": [i.to_dict() for i in self.should_fix],
            "advarsler": [w.to_dict() for w in warnings],
        }


def classify(item: ItemResult, precedence: VerdictPrecedence | None = None) -> str | None:
    """'mangler' (decides a no-go), 'boer_rettes' (kritik, bemærkning, or advisory) or None (fine).

    An item is 'mangler' when it alone would keep the decision from being in accordance: the verdict
    rule (``decide_verdict``, with the rule set's precedence) over that item gives another verdict.
    """
    if not item.failed:
        return None
    decision = decide_verdict([item], precedence or DEFAULT_PRECEDENCE)
    return "mangler" if decision.verdict is not Verdict.UPHELD else "boer_rettes"


def _checklist(result: CaseResult) -> Checklist | None:
    if not result.rule_set:
        return None
    try:
        return load_checklist(result.rule_set)
    except (ChecklistError, FileNotFoundError):
        return None


def assess(case: Case, *, date_assumed: bool = False,
           evaluate: Callable[[Case], CaseResult] | None = None) -> GateResult:
    """Run the engine on the draft and sort its failing items (see the module docstring)."""
    if evaluate is None:
        from audit.rules.engine import evaluate
    result = evaluate(case)
    checklist = _checklist(result)
    precedence = checklist.precedence if checklist is not None else None
    blocking: list[GateItem] = []
    should_fix: list[GateItem] = []
    for p in result.items:
        group = classify(p, precedence)
        if group is None:
            continue
        item = GateItem(p, recommendation_ids=list(p.recommendations))
        if not item.recommendation_ids and checklist is not None:
            try:
                item.recommendation_ids = list(checklist.item(item.id).recommendations)
            except KeyError:
                pass
        (blocking if group == "mangler" else should_fix).append(item)
    _attach_todo(blocking + should_fix, checklist)
    return GateResult(go=result.verdict is Verdict.UPHELD, result=result, date_assumed=date_assumed,
                      blocking=blocking, should_fix=should_fix)


def text_identity(text: str) -> str:
    """Ankestyrelsen repeats a recommendation in several boxes, sometimes with a comma more or less:
    texts equal apart from case, punctuation and spacing count as one. Any other difference (a word,
    a number such as "stk. 1" / "stk. 2") keeps them apart."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _attach_todo(items: list[GateItem], checklist: Checklist | None) -> None:
    """Each recommendation text is given once, at the first item (blocking items first) that needs it;
    a later item that needs it again refers to it (``see_also``)."""
    shown: dict[str, str] = {}  # text identity -> id of the recommendation shown
    for item in items:
        for rid in item.recommendation_ids:
            rec = checklist.recommendations.get(rid) if checklist is not None else None
            if rec is None:
                continue
            ident = text_identity(rec.text)
            if ident in shown:
                if shown[ident] not in item.see_also and all(t.id != shown[ident] for t in item.todo):
                    item.see_also.append(shown[ident])
                continue
            shown[ident] = rid
            item.todo.append(ToDo(id=rid, text=rec.text, source=rec.source, own=rec.box == "egen"))


# -- reading one draft ---------------------------------------------------------------------------

@dataclass
class Draft:
    case: Case | None
    issues: list[Issue]
    records: int
    date_assumed: bool = False


def _is_missing_decision_date(issue: Issue) -> bool:
    return issue.blocking and issue.code == "mangler_felt" and (issue.field or "").replace(" ", "") in (
        "afgørelse.dato", "afgørelse_dato", "afgoerelse_dato", "afgoerelse.dato")


def load_draft(path: str, mapping: str | None = None, *, today: date | None = None) -> Draft:
    """Read the draft file. ``records`` is how many records it holds (the gate takes exactly one).

    A draft whose only blocking problem is a missing decision date is read again from a temporary
    copy with ``today`` filled in (JSON: ``afgørelse.dato``; Excel: the cell the problem points to),
    so that the same reader, mapping and checks apply; locations in messages name the user's file.
    Raises ``MappingError`` for an unusable mapping file."""
    from audit.readers import read_cases

    results = list(read_cases([path], mapping_file=mapping))
    issues = [i for r in results for i in r.issues]
    records = [r for r in results if r.case is not None or any(i.blocking for i in r.issues)]
    cases = [r.case for r in results if r.case is not None]
    draft = Draft(case=cases[0] if len(cases) == 1 and len(records) == 1 else None, issues=issues,
                  records=len(records))
    if draft.case is None and len(records) == 1:
        blocking = [i for i in issues if i.blocking]
        if blocking and all(_is_missing_decision_date(i) for i in blocking):
            refilled = _read_with_date(path, mapping, blocking[0], today or date.today())
            if refilled is not None:
                case, new_issues = refilled
                return Draft(case=case, issues=new_issues, records=1, date_assumed=case is not None)
    return draft


def _read_with_date(path: str, mapping: str | None, issue: Issue,
                    today: date) -> tuple[Case | None, list[Issue]] | None:
    from audit.readers import read_cases

    src = Path(path)
    with tempfile.TemporaryDirectory(prefix="audit-check-") as tmp:
        copy = Path(tmp) / src.name
        if not _write_with_date(src, copy, mapping, issue, today):
            return None
        results = list(read_cases([str(copy)], mapping_file=mapping))
    tmp_name = mask_cpr(str(copy))
    shown = issue.file  # how the reader names the user's file
    fixed = [dataclasses.replace(i, file=shown) if i.file == tmp_name else i
             for r in results for i in r.issues]
    cases = [r.case for r in results if r.case is not None]
    if len(cases) != 1:
        return None
    case = cases[0]
    if case.origin is not None:
        case = case.model_copy(update={"origin": case.origin.model_copy(update={"file": shown})})
    return case, fixed


def _write_with_date(src: Path, dst: Path, mapping: str | None, issue: Issue, today: date) -> bool:
    suffix = src.suffix.lower()
    try:
        if suffix == ".xlsx":
            from openpyxl import load_workbook
            from openpyxl.utils import column_index_from_string

            if not issue.sheet or issue.row is None or not issue.column:
                return False
            letter = issue.column.split()[0]
            wb = load_workbook(src)
            if issue.sheet not in wb.sheetnames:
                return False
            wb[issue.sheet].cell(row=issue.row, column=column_index_from_string(letter)).value = today
            wb.save(dst)
            return True
        if suffix not in (".json", ".jsonl"):
            return False
        text = src.read_text(encoding="utf-8-sig")
        if suffix == ".jsonl":
            lines = [line for line in text.splitlines() if line.strip()]
            if len(lines) != 1:
                return False
            data = json.loads(lines[0])
            record = data
        else:
            data = json.loads(text)
            record = data
            if isinstance(record, dict) and isinstance(record.get("sager"), list):
                record = record["sager"]
            if isinstance(record, list):
                if len(record) != 1:
                    return False
                record = record[0]
        decision = _decision_of(record, mapping)
        if decision is None:
            return False
        decision["dato"] = today.isoformat()
        dst.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
        return True
    except (OSError, ValueError, KeyError, UnicodeDecodeError):
        return False
    except Exception:  # noqa: BLE001 - e.g. openpyxl on a damaged workbook; the first reading stands
        return False


def _decision_of(record: object, mapping: str | None) -> dict | None:
    """The decision object of a raw JSON record, also when the mapping renames its key."""
    if not isinstance(record, dict):
        return None
    keys: dict[str, str] = {}
    if mapping:
        from audit.readers.mapping import load_mapping, norm_header

        keys = load_mapping(mapping).json_keys()
        canon = {k: keys.get(norm_header(k), k) for k in record}
    else:
        canon = {k: k for k in record}
    for k, c in canon.items():
        if c == "afgørelse" and isinstance(record[k], dict):
            return record[k]
    return None
