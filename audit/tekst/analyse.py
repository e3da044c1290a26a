"""Which required elements a letter's text contains, sentence by sentence (see ``moenstre`` for the patterns).

For each element the answer is one of

* ``ja``: a sentence states it (quoted, with the other sentences that also state it);
* ``usikker``: a sentence touches it without stating all of it, or one sentence states it and another
  denies it; the sentence is quoted and a jurist decides - never a silent yes;
* ``nej``: no sentence states it; where a sentence denies it, or uses a wording Ankestyrelsen has judged
  insufficient (E11), that sentence is quoted with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import yaml

from audit.tekst import moenstre as p
from audit.tekst.normalise import match_form, sentences

FOUND, UNSURE, MISSING = "ja", "usikker", "nej"
STATUS_WORDS = {FOUND: "fundet", UNSURE: "usikker", MISSING: "ikke fundet"}
TYPES = tuple(p.PATTERNS)


@dataclass(frozen=True)
class ElementSpec:
    id: str
    name: str
    hjemmel: str
    law: str
    recommendations: tuple[tuple[str, str], ...]  # (id, verbatim text)


@dataclass(frozen=True)
class TypeSpec:
    id: str
    name: str
    hjemmel: str
    elements: tuple[ElementSpec, ...]


@dataclass
class ElementResult:
    spec: ElementSpec
    status: str
    quote: str | None = None
    reason: str = ""
    also: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.status == FOUND

    def to_dict(self) -> dict:
        return {
            "id": self.spec.id, "navn": self.spec.name, "fundet": self.status,
            "citat": self.quote if self.quote is not None else "ikke fundet", "andre_citater": self.also,
            "begrundelse": self.reason, "hjemmel": self.spec.hjemmel, "lovtekst": self.spec.law,
            "anbefalinger": [{"id": i, "tekst": t} for i, t in self.spec.recommendations] if not self.found else [],
        }


@dataclass
class Analysis:
    type: TypeSpec
    type_reason: str
    elements: list[ElementResult]
    sentence_count: int

    @property
    def complete(self) -> bool:
        return all(e.found for e in self.elements)

    def element(self, element_id: str) -> ElementResult:
        return next(e for e in self.elements if e.spec.id == element_id)

    def missing(self) -> list[ElementResult]:
        return [e for e in self.elements if not e.found]


@cache
def type_specs() -> dict[str, TypeSpec]:
    """The element definitions of the checklist file (``tekstkontrol``), with the recommendations verbatim."""
    from audit.rules.checklist import load_checklist

    checklist = load_checklist("las-40a-2020")
    data = yaml.safe_load(checklist.path.read_text(encoding="utf-8"))["tekstkontrol"]["typer"]
    out: dict[str, TypeSpec] = {}
    for type_id, t in data.items():
        elements = []
        for eid, e in t["elementer"].items():
            recs = tuple((r, checklist.recommendations[r].text) for r in e.get("anbefalinger", ()))
            elements.append(ElementSpec(eid, e["navn"], e["hjemmel"], " ".join(str(e["lovtekst"]).split()), recs))
        if set(p.PATTERNS[type_id]) != {e.id for e in elements}:
            raise ValueError(f"tekstkontrol '{type_id}': elementerne i tjeklisten og mønstrene er ikke de samme")
        out[type_id] = TypeSpec(type_id, t["navn"], t["hjemmel"], tuple(elements))
    return out


def detect_type(text: str) -> tuple[str, str]:
    """The kind of letter and why, from the whole text: a § 40 a decision, § 35 stk. 2 guidance about the
    skærpet sanction, or § 35 stk. 1 guidance about rights and duties."""
    t = match_form(text)
    if re.search(p.DECISION_40A, t):
        return "afgørelse_40a", "Teksten træffer afgørelse om skærpet rådighedssanktion."
    rights = re.search(r"rettigheder og pligter|dine pligter|pligter som modtager", t)
    if re.search(p.SHARPENED, t) and not rights:
        return "vejledning_35_2", "Teksten vejleder om skærpet rådighedssanktion."
    if rights or re.search(r"pligt\w* til at stå til rådighed", t):
        return "vejledning_35_1", "Teksten vejleder om rettigheder og pligter."
    return "vejledning_35_2", ("Typen kunne ikke afgøres ud fra teksten; den er læst som vejledning efter "
                               "§ 35, stk. 2 (vælg en anden med --type).")


def analyse(text: str, type_id: str | None = None) -> Analysis:
    """Analyse a letter's text. ``type_id`` forces the kind of letter; otherwise it is detected."""
    if type_id is None:
        type_id, why = detect_type(text)
    else:
        why = "Typen er valgt af brugeren."
    spec = type_specs()[type_id]
    sents = sentences(text)
    forms = [match_form(s) for s in sents]
    results = []
    for el in spec.elements:
        pattern = p.PATTERNS[type_id][el.id]
        if pattern.dokument:
            results.append(_citations(el, sents, forms))
        else:
            results.append(_element(el, pattern, sents, forms))
    return Analysis(spec, why, results, len(sents))


def _element(el: ElementSpec, pattern: p.Pattern, sents: list[str], forms: list[str]) -> ElementResult:
    full: list[int] = []
    denied: list[tuple[int, str]] = []
    for i, f in enumerate(forms):
        if any(p.all_match(groups, f) for groups in pattern.fuld):
            neg = p.negated(pattern, f)
            if neg:
                denied.append((i, neg))
            else:
                full.append(i)
        elif pattern.modsat or pattern.paastand:
            neg = p.negated(pattern, f) if _touches(pattern, f) else None
            if neg:
                denied.append((i, neg))
    if full and denied:
        i, neg = denied[0]
        return ElementResult(el, UNSURE, sents[full[0]],
                             f"Én sætning siger det, men en anden siger det modsatte (»{neg}«): »{sents[i]}«. "
                             "Teksten er modstridende og skal læses af en jurist.",
                             [sents[j] for j in full[1:]])
    if full:
        return ElementResult(el, FOUND, sents[full[0]], "Sætningen siger det udtrykkeligt.",
                             [sents[j] for j in full[1:]])
    if denied:
        i, neg = denied[0]
        return ElementResult(el, MISSING, sents[i],
                             f"Sætningen siger det modsatte (»{neg}«), så den vejleder ikke om elementet.")
    for groups, why in pattern.utilstraekkelig:
        for i, f in enumerate(forms):
            if p.all_match(groups, f):
                return ElementResult(el, MISSING, sents[i], why)
    for groups, why in pattern.delvis:
        for i, f in enumerate(forms):
            if p.all_match(groups, f):
                if pattern.naeste_saetning and i + 1 < len(forms) and p.all_match(pattern.naeste_saetning,
                                                                                 forms[i + 1]):
                    return ElementResult(el, FOUND, sents[i] + " " + sents[i + 1],
                                         "De to sætninger siger det tilsammen.")
                return ElementResult(el, UNSURE, sents[i], why)
    return ElementResult(el, MISSING, None, "Ingen sætning i teksten siger det.")


def _touches(pattern: p.Pattern, form: str) -> bool:
    """A sentence that matches one of the element's partial patterns (so a denial in it is about the element)."""
    return any(p.all_match(groups, form) for groups, _ in pattern.delvis) or \
        any(p.all_match(groups[:1], form) and len(groups) > 1 and p.all_match(groups[1:2], form)
            for groups in pattern.fuld)


def _citations(el: ElementSpec, sents: list[str], forms: list[str]) -> ElementResult:
    """§ 40 a, stk. 1, 2 and 7 cited anywhere in the text ("§ 40 a, stk. 1 og 2" cites both)."""
    wanted = {1, 2, 7}
    seen: dict[int, int] = {}
    for i, f in enumerate(forms):
        for m in p.STK_CITATION.finditer(f):
            for n in re.findall(r"\d+", m.group(1)):
                seen.setdefault(int(n), i)
    got = wanted & set(seen)
    quotes = [sents[i] for i in sorted({seen[n] for n in got})]
    if got == wanted:
        return ElementResult(el, FOUND, quotes[0], "§ 40 a, stk. 1, 2 og 7 er nævnt.", quotes[1:])
    missing = ", ".join(f"stk. {n}" for n in sorted(wanted - got))
    return ElementResult(el, MISSING, quotes[0] if quotes else None,
                         f"Teksten nævner ikke § 40 a, {missing}.", quotes[1:])
