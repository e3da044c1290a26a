"""The rule registry, the case context the tests share, and the one applicability step.

- ``@rule("vejledning_35_1")`` registers an item's legal test under a name. A checklist item uses the
  test named by its ``regel`` (default: its id), so a rule set can add an item that reuses a test under a
  new id, or drop one, without touching the engine; ``check_checklist`` rejects a checklist that names a
  test that does not exist.
- A test is ``fn(ctx, item, scope) -> Outcome``: it states what it found (the ways it failed, the named
  dates it used, and ``Note``s carrying the facts the wording needs) and no Danish prose; the wording is
  in ``audit.rules.wording``, keyed by the same names.
- ``APPLICABILITY`` holds the predicates for the checklist's ``gælder`` values (alle / aktivitetsparat /
  gift). The engine applies the item's predicate before its test: ``Scope`` says whether the item applies
  (if not, the answer is ikke_relevant), which sanctioned breaches it covers, and any way the
  applicability itself fails (målgruppe or civilstand unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from audit.model import Case
from audit.rules.chain import Chain, SanctionedBreach, compute_chain
from audit.rules.checklist import Checklist, ChecklistError, Item


@dataclass(slots=True)
class Note:
    """One thing a test found, named for the wording (``audit.rules.wording``), with the facts it needs.
    (Not frozen: a frozen dataclass pays for ``object.__setattr__`` on every one of the ~25 notes of a case;
    nothing changes a note's key once made.)"""

    key: str
    facts: dict[str, Any] = field(default_factory=dict)


def note(key: str, **facts: Any) -> Note:
    return Note(key, facts)


@dataclass(slots=True)
class Outcome:
    """What one item's test concluded, before the checklist adds answer, consequence and recommendations.

    No ways: ``ja`` (or ``ikke_relevant`` when ``not_relevant``); otherwise the checklist's ways give the
    answer (nej beats ved_ikke) and the consequence.
    """

    ways: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    dates: dict[str, date | None] = field(default_factory=dict)
    per_breach: dict[str, str] = field(default_factory=dict)  # "forudgående"/"ny" -> ja/nej/ved_ikke
    prior_failed: bool = False  # the failure lies (also) in the prior sanction
    not_relevant: bool = False

    def fail(self, way: str, key: str | None = None, **facts: Any) -> None:
        """Record a way of failing and the note that explains it (by default named like the way)."""
        self.ways.append(way)
        self.notes.append(Note(key or way, facts))

    def say(self, key: str, **facts: Any) -> None:
        self.notes.append(Note(key, facts))


def found(key: str, ways: tuple[str, ...] | list[str] = (), dates: dict[str, date | None] | None = None,
          **facts: Any) -> Outcome:
    """An outcome with one note: ``found("ingen_sanktion", ["ingen_sanktion"], {"afgoerelse": D})``."""
    return Outcome(ways=list(ways), notes=[Note(key, facts)], dates=dict(dates or {}))


# The parameters in force on a date, per rule set object and date (both immutable; the rule set is kept
# here so its id is not reused): cases decided the same day share them. Emptied at 4,096 entries.
_PARAMS: dict[tuple[int, date], tuple[Checklist, dict[str, int]]] = {}


def _parameters_on(checklist: Checklist, on: date) -> dict[str, int]:
    hit = _PARAMS.get((id(checklist), on))
    if hit is None or hit[0] is not checklist:
        if len(_PARAMS) >= 4096:
            _PARAMS.clear()
        hit = _PARAMS[(id(checklist), on)] = (checklist, checklist.parameters_on(on))
    return dict(hit[1])  # (a copy: a test may not change the shared values)


class Context:
    """The case, its chain of events and the parameters in force at the decision date, shared by the tests."""

    def __init__(self, case: Case, checklist: Checklist):
        self.case = case
        self.checklist = checklist
        self.chain: Chain = compute_chain(case)
        self.dec = case.decision
        self.D = case.decision.date
        self.params = _parameters_on(checklist, self.D)
        self.tg_at_decision, self.visitation = self.chain.target_group_at(self.D)
        # the chain's sanctioned breaches, made once per case (not once per item that runs over them)
        self.sanctioned: tuple[SanctionedBreach, ...] = tuple(self.chain.sanctioned_breaches)


# --- the registry ------------------------------------------------------------------------------------------

Test = Callable[[Context, Item, "Scope"], Outcome]
RULES: dict[str, Test] = {}
NEEDS: dict[str, tuple[str, ...]] = {}  # rule -> the item keys (legal constants) its test reads


def rule(name: str, needs: tuple[str, ...] = ()) -> Callable[[Test], Test]:
    """Register a test under ``name`` (the ``regel`` of the checklist items that use it); ``needs`` names
    the constants the item must give it (checked when a checklist is loaded)."""
    def register(fn: Test) -> Test:
        if name in RULES and RULES[name] is not fn:
            raise ValueError(f"rule {name!r} registered twice")
        RULES[name] = fn
        NEEDS[name] = needs
        return fn
    return register


def rules() -> dict[str, Test]:
    """Every registered test (importing ``audit.rules.items`` registers them)."""
    import audit.rules.items  # noqa: F401  (registers the tests)

    return RULES


# The ways an applicability predicate can give: an item with that ``gælder`` must define them.
APPLICABILITY_WAYS = {"alle": (), "aktivitetsparat": ("maalgruppe_ukendt",), "gift": ("civilstand_ukendt",)}


def check_checklist(checklist: Checklist) -> None:
    """Every item's test exists and the item defines the ways its test and its applicability can give."""
    known = rules()
    for item in checklist.items:
        where = f"{checklist.path.name}, punkt {item.id}"
        if item.applies not in APPLICABILITY:
            raise ChecklistError(f"{where}: 'gælder' skal være en af {', '.join(APPLICABILITY)}")
        if item.rule not in known:
            raise ChecklistError(f"{where}: reglen '{item.rule}' findes ikke (kendte regler: "
                                 f"{', '.join(sorted(known))})")
        absent = [k for k in NEEDS[item.rule] if k not in item.constants]
        if absent:
            raise ChecklistError(f"{where}: reglen '{item.rule}' kræver feltet {', '.join(absent)}")
        missing = [w for w in APPLICABILITY_WAYS[item.applies] if w not in item.ways]
        if missing:
            raise ChecklistError(f"{where}: 'gælder: {item.applies}' kræver måden {', '.join(missing)} under "
                                 "'maader'")


# --- applicability -----------------------------------------------------------------------------------------

@dataclass(slots=True)
class Scope:
    """The applicability step's answer for one item.

    ``applies`` False: the item is ikke_relevant (``notes`` and ``dates`` explain why). Otherwise the test
    runs over ``breaches`` (the sanctioned breaches the item covers), and ``ways``/``notes`` are added before
    the test's own; ``run_test`` False when the applicability alone decides (civilstand unknown). A scope
    depends on the case only and is read, never changed: the engine asks each predicate once per case and
    gives every item with that ``gælder`` the same scope.
    """

    applies: bool = True
    breaches: list[SanctionedBreach] = field(default_factory=list)
    ways: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    dates: dict[str, date | None] = field(default_factory=dict)
    run_test: bool = True


def applies_to_all(ctx: Context) -> Scope:
    return Scope(breaches=list(ctx.sanctioned))


def applies_if_aktivitetsparat(ctx: Context) -> Scope:
    """§ 35 stk. 7 / § 13 stk. 8: each sanctioned breach of a citizen who was aktivitetsparat at the breach
    or when the sanction on it was decided (rules.md, personlig_kontakt)."""
    sbs = ctx.sanctioned
    if not sbs:
        if ctx.tg_at_decision == "jobparat":
            return Scope(applies=False, notes=[note("jobparat_ingen_tilsidesaettelser")])
        return Scope(breaches=[])  # the test answers that there is nothing to assess
    covered, notes, unknown = [], [], False
    for sb in sbs:
        tg, _ = ctx.chain.target_group_at(sb.date)
        tg_sanction, _ = ctx.chain.target_group_at(sb.sanction_date)
        if tg is None and tg_sanction is None:
            unknown = True
            notes.append(note("maalgruppe_ukendt_ved", brud=sb))
        elif "aktivitetsparat" in (tg, tg_sanction):
            if tg != "aktivitetsparat":
                notes.append(note("aktivitetsparat_ved_sanktion", brud=sb, maalgruppe=tg))
            covered.append(sb)
        else:
            notes.append(note("jobparat_ved", brud=sb))
    if not covered and not unknown:
        return Scope(applies=False, notes=[note("kun_aktivitetsparate"), *notes],
                     dates={f"tilsidesaettelse_{sb.label}": sb.date for sb in sbs})
    return Scope(breaches=covered, ways=["maalgruppe_ukendt"] if unknown else [], notes=notes)


def applies_if_married(ctx: Context) -> Scope:
    status = ctx.case.marital_status
    if status is None:
        return Scope(ways=["civilstand_ukendt"], notes=[note("civilstand_ukendt")], run_test=False)
    if status == "ugift":
        return Scope(applies=False, notes=[note("ugift")])
    return Scope(breaches=list(ctx.sanctioned))


APPLICABILITY: dict[str, Callable[[Context], Scope]] = {
    "alle": applies_to_all,
    "aktivitetsparat": applies_if_aktivitetsparat,
    "gift": applies_if_married,
}
