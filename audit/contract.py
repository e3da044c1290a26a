"""The result contract: what the engine emits and every consumer reads (``resultater.jsonl``).

One place for:
- the codes of the result file (answer, verdict, consequence, kritik, source) as enums that carry
  their Danish labels, so no other module keeps its own dictionary of Danish words for them;
- the typed records ``CaseResult`` and ``ItemResult`` (msgspec structs: they encode at about the cost
  of ``json.loads`` and generate the JSON Schema in ``docs/resultat-skema.json``);
- ``decide_verdict``: the one function that turns a case's final answers into ``samlet`` and
  ``kritik``. The precedence itself is data in the checklist file (``samlet_vurdering``); the default
  below is the one of the analyseskema (questions 4.5.1 and 5.5) for a rule set that gives none.

Attribute names are English (code); the file's keys are the Danish ASCII names (``rename`` below).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import msgspec


class Answer(enum.StrEnum):
    JA = "ja"
    NEJ = "nej"
    VED_IKKE = "ved_ikke"
    IKKE_RELEVANT = "ikke_relevant"

    @property
    def label(self) -> str:
        """'Ja', 'Nej', 'Ved ikke', 'Ikke relevant'."""
        return _ANSWER_LABELS[self]

    @property
    def failed(self) -> bool:
        return self in (Answer.NEJ, Answer.VED_IKKE)


_ANSWER_LABELS = {Answer.JA: "Ja", Answer.NEJ: "Nej", Answer.VED_IKKE: "Ved ikke",
                  Answer.IKKE_RELEVANT: "Ikke relevant"}


class Verdict(enum.StrEnum):
    """``samlet``: the overall verdict (analyseskema question 4.5.1)."""

    UPHELD = "i_overensstemmelse"
    CHANGED = "aendres"
    REMANDED = "hjemvises"
    OUTSIDE = "uden_for_regelsaet"

    @property
    def label(self) -> str:
        """Short form for tables: 'I overensstemmelse', 'Ændres', ..."""
        return _VERDICT_TEXT[self][0]

    @property
    def phrase(self) -> str:
        """What the decision is or would be: 'ville blive ændret, hvis det var en klagesag'."""
        return _VERDICT_TEXT[self][1]

    @property
    def answer_4_5_1(self) -> str:
        """The answer to analyseskema question 4.5.1 as the report's Tabel 2.1 and 1.1 word it."""
        return _VERDICT_TEXT[self][2]

    @property
    def assessed(self) -> bool:
        return self is not Verdict.OUTSIDE


_VERDICT_TEXT = {
    Verdict.UPHELD: ("I overensstemmelse", "i overensstemmelse med regler og praksis",
                     "Ja, afgørelsen er i overensstemmelse med regler og praksis"),
    Verdict.CHANGED: ("Ændres", "ville blive ændret, hvis det var en klagesag",
                      "Nej, afgørelsen ville blive ændret, hvis det var en klagesag"),
    Verdict.REMANDED: ("Hjemvises", "ville blive hjemvist, fordi der mangler væsentlige oplysninger",
                       "Nej, sagen ville blive hjemvist, hvis det var en klagesag, fordi der mangler "
                       "væsentlige oplysninger"),
    Verdict.OUTSIDE: ("Uden for regelsættet", "uden for regelsættet (afgørelsen er truffet før regelsættet "
                      "trådte i kraft)", "Ikke vurderet: afgørelsen ligger uden for regelsættet"),
}
ASSESSED_VERDICTS = (Verdict.UPHELD, Verdict.CHANGED, Verdict.REMANDED)


class Consequence(enum.StrEnum):
    """``virkning``: what a nej (or a ved_ikke) on an item leads to."""

    CHANGED = "aendres"
    REMANDED = "hjemvises"
    CRITICISM = "kritik"
    REMARK = "bemaerkning"

    @property
    def label(self) -> str:
        return _CONSEQUENCE_LABELS[self]

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_CONSEQUENCE_LABELS = {Consequence.CHANGED: "Ændres", Consequence.REMANDED: "Hjemvises",
                       Consequence.CRITICISM: "Kritik", Consequence.REMARK: "Bemærkning"}
_SEVERITY = {Consequence.CHANGED: 4, Consequence.REMANDED: 3, Consequence.CRITICISM: 2, Consequence.REMARK: 1}


def worst(consequences: Iterable[Consequence | str | None]) -> Consequence | None:
    """The most serious consequence of several (ændres > hjemvises > kritik > bemærkning)."""
    cs = [Consequence(c) for c in consequences if c]
    return max(cs, key=lambda c: c.severity) if cs else None


class Criticism(enum.StrEnum):
    """``kritik``: the lesser finding of a decision in accordance (analyseskema question 5.5)."""

    CRITICISM = "kritik"
    REMARK = "bemaerkning"
    NONE = "ingen"

    @property
    def label(self) -> str:
        return _CRITICISM_LABELS[self]


_CRITICISM_LABELS = {Criticism.CRITICISM: "Kritik", Criticism.REMARK: "Bemærkning", Criticism.NONE: "Ingen"}


class Source(enum.StrEnum):
    """``kilde`` of an answer: computed from the case's facts, or a reviewer's answer."""

    COMPUTED = "beregnet"
    REVIEW = "vurdering"

    @property
    def label(self) -> str:
        return "Beregnet" if self is Source.COMPUTED else "Vurdering"


def label(code: object) -> str:
    """The Danish words (lower case, for running text) for any code of the result file.

    'aendres' -> 'ændres', 'ved_ikke' -> 'ved ikke'; None -> '(mangler)'; an unknown code is shown as is.
    """
    if code is None:
        return "(mangler)"
    for enum_type in (Verdict, Answer, Consequence, Criticism, Source):
        try:
            return enum_type(str(code)).label.lower()
        except ValueError:
            continue
    return str(code)


# --- the records -----------------------------------------------------------------------------------------

class _Record(msgspec.Struct, kw_only=True, omit_defaults=False):
    def to_dict(self) -> dict:
        """Plain JSON-ready dict with the file's keys (what ``resultater.jsonl`` holds)."""
        return msgspec.to_builtins(self)


class Computed(_Record, kw_only=True):
    """The computed answer that a reviewer's answer replaced."""

    answer: Answer = msgspec.field(name="svar")
    reason: str = msgspec.field(name="begrundelse")
    consequence: Consequence | None = msgspec.field(name="virkning")


class ReviewInfo(_Record, kw_only=True):
    by: str | None = msgspec.field(name="af")
    remark: str | None = msgspec.field(name="bemaerkning")


class ItemResult(_Record, kw_only=True):
    """One checklist item's answer for one case.

    ``number``, ``question``, ``short`` and ``hjemmel`` are the item's text in the rule set, the same in every
    case: a line of ``resultater.jsonl`` leaves them out (``encode_line``; the run writes them once, in
    ``regelsaet.json``) and ``audit.results_file`` puts them back on reading, so every reader sees them.
    Lines written before carry them inline and are read as they are. ``UNSET`` only between the two.
    """

    id: str
    number: str | msgspec.UnsetType = msgspec.field(name="nummer", default=msgspec.UNSET)
    question: str | msgspec.UnsetType = msgspec.field(name="spoergsmaal", default=msgspec.UNSET)
    short: str | msgspec.UnsetType = msgspec.field(name="kort", default=msgspec.UNSET)
    answer: Answer = msgspec.field(name="svar")
    source: Source = msgspec.field(name="kilde", default=Source.COMPUTED)
    reason: str = msgspec.field(name="begrundelse")
    hjemmel: str | msgspec.UnsetType = msgspec.UNSET
    dates: list[str] = msgspec.field(name="datoer", default_factory=list)
    consequence: Consequence | None = msgspec.field(name="virkning", default=None)
    ways: list[str] = msgspec.field(name="maader", default_factory=list)
    recommendations: list[str] = msgspec.field(name="anbefalinger", default_factory=list)
    advisory: bool = msgspec.field(name="vejledende", default=False)
    computed: Computed | None = msgspec.field(name="beregnet", default=None)
    review: ReviewInfo | None = msgspec.field(name="vurdering", default=None)

    @property
    def failed(self) -> bool:
        return self.answer.failed


class SourceRef(_Record, kw_only=True):
    file: str | None = msgspec.field(name="fil", default=None)
    sheet: str | None = msgspec.field(name="ark", default=None)
    row: int | None = msgspec.field(name="raekke", default=None)


class ChainDates(_Record, kw_only=True):
    """The chain of events the engine used (rules.md), as ISO dates."""

    decision: str = msgspec.field(name="afgoerelse")
    prior_sanction: str | None = msgspec.field(name="forudgaaende_sanktion", default=None)
    sharpened_guidance: str | None = msgspec.field(name="vejledning_skaerpet", default=None)
    new_breach: str | None = msgspec.field(name="ny_tilsidesaettelse", default=None)
    prior_breach: str | None = msgspec.field(name="tidligere_tilsidesaettelse", default=None)


class TimelineEvent(_Record, kw_only=True, omit_defaults=True):
    """One event of the case as the timeline draws it (audit/reporting/timeline.py): its type (the case
    format's code), date and the few coded fields the drawing needs; never free text. Keys without a value
    are left out, so an event costs a few dozen bytes."""

    type: str
    date: str = msgspec.field(name="dato")
    target_group: str | None = msgspec.field(name="maalgruppe", default=None)  # visitation
    reasonable_cause: str | None = msgspec.field(name="rimelig_grund", default=None)  # tilsidesættelse
    concerns: str | None = msgspec.field(name="vedroerer", default=None)  # the breach it concerns
    paragraph: str | None = msgspec.field(name="paragraf", default=None)  # sanktion
    channel: str | None = msgspec.field(name="kanal", default=None)  # kontaktforsøg
    reached: bool | None = msgspec.field(name="opnaaet", default=None)  # kontaktforsøg
    written: bool | None = msgspec.field(name="skriftlig", default=None)  # vejledning_skærpet


# Records whose keys without a value are left out of the file (the schema requires only their own required keys).
SPARSE_RECORDS = ("TimelineEvent",)


class Facts(_Record, kw_only=True):
    """Per-case facts that the report's tables count (no law here)."""

    weighted: list[str] = msgspec.field(name="vaegt_paa", default_factory=list)
    length_months: int | None = msgspec.field(name="laengde_maaneder", default=None)
    length_reasoned: bool = msgspec.field(name="laengde_begrundet", default=False)
    unwillingness_assessed: bool = msgspec.field(name="vilje_vurderet", default=False)
    relevant_circumstances: Answer | None = msgspec.field(name="relevante_forhold", default=None)
    target_group_considered: Answer | None = msgspec.field(name="hensyn_til_maalgruppe", default=None)
    # aktivitetsparat at the decision only: do the reasons relate to the § 13, stk. 8 assessment?
    reasons_related_13_8: Answer | None = msgspec.field(name="begrundelse_forholdt_13_8", default=None)
    prior_sanction_correct: str | None = msgspec.field(name="forudgaaende_sanktion_korrekt", default=None)
    offer_given: bool = msgspec.field(name="tilbud_givet", default=False)
    same_day: Answer | None = msgspec.field(name="samme_dag", default=None)


class CaseResult(_Record, kw_only=True):
    """One line of ``resultater.jsonl``: one case, its answers and its verdict."""

    case_number: str = msgspec.field(name="sagsnummer")
    municipality: str = msgspec.field(name="kommune")
    unit: str | None = msgspec.field(name="enhed", default=None)
    caseworker: str | None = msgspec.field(name="sagsbehandler", default=None)
    citizen_id: str | None = msgspec.field(name="borger_id", default=None)
    marital_status: str | None = msgspec.field(name="civilstand", default=None)
    benefit: str | None = msgspec.field(name="ydelse", default=None)
    decision_date: str = msgspec.field(name="afgoerelse_dato")
    effective_from: str | None = msgspec.field(name="virkning_fra", default=None)  # afgørelse.virkning_fra
    origin: SourceRef = msgspec.field(name="kilde", default_factory=SourceRef)
    version: str
    target_group: str | None = msgspec.field(name="maalgruppe", default=None)
    rule_set: str | None = msgspec.field(name="regelsaet", default=None)
    verdict: Verdict = msgspec.field(name="samlet")
    criticism: Criticism = msgspec.field(name="kritik", default=Criticism.NONE)
    verdict_reason: str = msgspec.field(name="samlet_begrundelse")
    chain: ChainDates | None = msgspec.field(name="kaede", default=None)
    facts: Facts | None = msgspec.field(name="fakta", default=None)
    items: list[ItemResult] = msgspec.field(name="punkter", default_factory=list)
    parameters: dict[str, int] = msgspec.field(name="parametre", default_factory=dict)
    # the events the engine considered (on or before the decision), in its order: the timeline's data
    events: list[TimelineEvent] = msgspec.field(name="haendelser", default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.municipality, self.case_number)

    def item(self, item_id: str) -> ItemResult | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(CaseResult)


# The item keys of the rule set's text: written once per run (``regelsaet.json``), not in every line.
ITEM_TEXT_KEYS = ("nummer", "spoergsmaal", "kort", "hjemmel")
_NO_TEXT = dict.fromkeys(("number", "question", "short", "hjemmel"), msgspec.UNSET)


def encode_line(result: CaseResult) -> bytes:
    """One line of ``resultater.jsonl`` (UTF-8 JSON, no ASCII escaping, newline-terminated), without the
    items' rule-set text (``ITEM_TEXT_KEYS``; ``audit.results_file`` re-attaches it on reading)."""
    replace = msgspec.structs.replace
    slim = replace(result, items=[replace(it, **_NO_TEXT) for it in result.items])
    return _ENCODER.encode(slim) + b"\n"


def encode_line_with_text(result: CaseResult) -> bytes:
    """A line in the form written before the rule-set text moved to ``regelsaet.json`` (the text inline)."""
    return _ENCODER.encode(result) + b"\n"


def decode_line(line: bytes | str) -> CaseResult:
    """One line of ``resultater.jsonl`` as it stands: the items' rule-set text is ``UNSET`` unless the line
    holds it (``audit.results_file`` re-attaches it). Raises ``msgspec.ValidationError``/``DecodeError``."""
    return _DECODER.decode(line)


def from_dict(data: dict) -> CaseResult:
    """A result from its plain-dict form (as ``to_dict`` gives); validates like ``decode_line``."""
    return msgspec.convert(data, CaseResult)


def json_schema() -> dict:
    """The JSON Schema of one line of ``resultater.jsonl`` (written to ``docs/resultat-skema.json``)."""
    schema = msgspec.json.schema(CaseResult)
    # The engine writes every key of every record: the published schema requires them all and nothing
    # else, so a file (or a test fixture) that drifts from the contract is caught.
    for definition in schema["$defs"].values():
        if definition.get("type") == "object":
            if definition.get("title") not in SPARSE_RECORDS:
                definition["required"] = list(definition["properties"])
            definition["additionalProperties"] = False
    # An item's rule-set text is left out of the line (in regelsaet.json) or, in lines written before, all there.
    item = schema["$defs"]["ItemResult"]
    item["required"] = [k for k in item["required"] if k not in ITEM_TEXT_KEYS]
    item["dependentRequired"] = {k: [o for o in ITEM_TEXT_KEYS if o != k] for k in ITEM_TEXT_KEYS}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "resultater.jsonl: én linje pr. sag", **schema}


if __name__ == "__main__":  # python -m audit.contract > docs/resultat-skema.json
    import json
    import sys

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


# --- the verdict -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class VerdictRule:
    """One step of the precedence: the verdict (or kritik) given when an answer matches one condition."""

    outcome: str  # a Verdict or Criticism code
    when: tuple[tuple[Answer, Consequence], ...]  # (answer, consequence) pairs that trigger it
    binding_only: bool = True  # advisory items do not count


@dataclass(frozen=True)
class VerdictPrecedence:
    """The verdict rule as data (checklist key ``samlet_vurdering``): the first matching step wins."""

    verdict: tuple[VerdictRule, ...]
    default_verdict: Verdict
    criticism: tuple[VerdictRule, ...]
    default_criticism: Criticism


DEFAULT_PRECEDENCE = VerdictPrecedence(
    verdict=(
        VerdictRule(Verdict.CHANGED, ((Answer.NEJ, Consequence.CHANGED),)),
        VerdictRule(Verdict.REMANDED, ((Answer.NEJ, Consequence.REMANDED), (Answer.VED_IKKE, Consequence.CHANGED),
                                       (Answer.VED_IKKE, Consequence.REMANDED))),
    ),
    default_verdict=Verdict.UPHELD,
    criticism=(
        VerdictRule(Criticism.CRITICISM, ((Answer.NEJ, Consequence.CRITICISM),), binding_only=False),
        VerdictRule(Criticism.REMARK, ((Answer.NEJ, Consequence.REMARK),), binding_only=False),
    ),
    default_criticism=Criticism.NONE,
)


@dataclass(frozen=True)
class Decision:
    """``decide_verdict``'s answer: the verdict, kritik and the item ids that decided each."""

    verdict: Verdict
    criticism: Criticism
    decisive: tuple[str, ...]  # the items that decided the verdict (empty when in accordance)
    criticised: tuple[str, ...]  # the items behind kritik / bemærkning


# The answers a precedence's steps name (what an item's answer must be to match any step), per precedence
# object: a rule set's precedence lives as long as the program, so the few of them are kept (at most 64).
_RULE_ANSWERS: dict[int, tuple[VerdictPrecedence, frozenset]] = {}


def _rule_answers(precedence: VerdictPrecedence) -> frozenset:
    hit = _RULE_ANSWERS.get(id(precedence))
    if hit is not None and hit[0] is precedence:
        return hit[1]
    answers = frozenset(a for rule in (*precedence.verdict, *precedence.criticism) for a, _ in rule.when)
    if len(_RULE_ANSWERS) >= 64:
        _RULE_ANSWERS.clear()
    _RULE_ANSWERS[id(precedence)] = (precedence, answers)
    return answers


def decide_verdict(items: Sequence[ItemResult] | Sequence[tuple[str, str | None, str | None, bool]],
                   precedence: VerdictPrecedence = DEFAULT_PRECEDENCE) -> Decision:
    """The verdict and kritik from the final answers (rules.md 'The verdict'; analyseskema 4.5.1 and 5.5).

    ``items`` are ItemResults or plain (id, svar, virkning, vejledende) tuples (for results read from a
    file written by hand). Unknown codes never match a step.
    """
    rows = [(it.id, it.answer, it.consequence, it.advisory) if isinstance(it, ItemResult) else it for it in items]
    answers = _rule_answers(precedence)
    norm = []
    for item_id, ans, cons, advisory in rows:
        if type(ans) is Answer:  # (an ItemResult's answer; a plain row's code is read below)
            a = ans
        else:
            try:
                a = Answer(ans) if ans is not None else None
            except ValueError:
                a = None
        if a not in answers:  # an answer no step names matches no step: the item cannot count
            continue
        if cons is None or type(cons) is Consequence:
            c = cons
        else:
            try:
                c = Consequence(cons)
            except ValueError:
                c = None
        norm.append((item_id, a, c, bool(advisory)))

    def matching(rule: VerdictRule) -> tuple[str, ...]:
        return tuple(i for i, a, c, adv in norm if not (rule.binding_only and adv) and (a, c) in rule.when)

    verdict, decisive = precedence.default_verdict, ()
    for rule in precedence.verdict:
        hit = matching(rule)
        if hit:
            verdict, decisive = Verdict(rule.outcome), hit
            break
    criticism, criticised = precedence.default_criticism, ()
    if verdict is Verdict.UPHELD:
        for rule in precedence.criticism:
            hit = matching(rule)
            if hit:
                criticism, criticised = Criticism(rule.outcome), hit
                break
    return Decision(verdict, criticism, decisive, criticised)


def verdict_reason(decision: Decision, names: dict[str, str] | None = None) -> str:
    """The Danish sentence that states the verdict and names the items that decided it by their Danish
    titles (``names`` maps an item id to its title; by default the titles of audit/reporting/labels.py),
    separated by semicolons, since a title may hold a comma ('§ 35, stk. 2')."""
    def listed(ids: Sequence[str]) -> str:
        if names:
            return "; ".join(names.get(i, i) for i in ids)
        from audit.reporting.labels import items_label  # the labels import this module

        return items_label(ids)

    if decision.verdict is Verdict.CHANGED:
        return f"Afgørelsen ville blive ændret, fordi disse betingelser ikke er opfyldt: {listed(decision.decisive)}."
    if decision.verdict is Verdict.REMANDED:
        return f"Sagen ville blive hjemvist, fordi der mangler væsentlige oplysninger om: {listed(decision.decisive)}."
    base = f"Afgørelsen er {Verdict.UPHELD.phrase}"
    if decision.criticism is Criticism.CRITICISM:
        return f"{base}, men der ville blive udtalt kritik vedrørende: {listed(decision.criticised)}."
    if decision.criticism is Criticism.REMARK:
        return f"{base}, men der ville blive givet en bemærkning vedrørende: {listed(decision.criticised)}."
    return f"{base}."
