"""Build the report tests' fixture from the engine (issue 9).

    python scripts/build_results_fixture.py            # writes both files below
    python scripts/build_results_fixture.py --check    # exit 1 if either file differs from a fresh build

The fifteen input cases (four municipalities) are defined in this script, in the canonical case format
(docs/sagsformat.md), and written to ``tests/fixtures/cases_fire_kommuner.json``. That file is generated:
edit the case functions below, not the JSON. The cases are then read with the ordinary reader (so CPR-like
numbers are masked exactly as in ``audit run``), each is audited with ``audit.rules.engine.evaluate``, and
the results are written to ``tests/fixtures/results_fire_kommuner.jsonl`` with ``version`` fixed to
``"fixture"`` and ``kilde.fil`` the repository-relative path of the cases file, so that the fixture only
changes when the engine's output does. Like ``audit run``, the build writes the items' rule-set text once,
in ``tests/fixtures/regelsaet.json`` beside the results (``version`` fixed too), not in every line.

Every case starts from ``compliant()``: a case that is in order on every checklist item (the same chain as
tests/casebuilder.py, placed at the dates of the case), and changes one fact at a time to give the answers
that tests/test_aggregate.py and the report tests count. Each case function's docstring says what it is
meant to produce.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CASES_NAME = "cases_fire_kommuner.json"
RESULTS_NAME = "results_fire_kommuner.jsonl"
RULE_SET_NAME = "regelsaet.json"  # audit.results_file.RULE_SET_FILE: the reader looks for it beside the results
CASES_REL = f"tests/fixtures/{CASES_NAME}"  # kilde.fil in the results
VERSION = "fixture"  # instead of audit.__version__, so a release does not change the fixture

NORDHAVN, BOEGEBY, AABYBRO, AAMOSE = "Nordhavn Kommune", "Bøgeby Kommune", "Aabybro Kommune", "Åmose Kommune"
ALL_ELEMENTS = ["konsekvens", "kun_fremmødedage", "lukning_kalendermåned", "ægtefælle"]


# --- building blocks ---------------------------------------------------------------------------------

def _d(value: str) -> date:
    return date.fromisoformat(value)


def _plus(value: str | date, days: int) -> str:
    base = _d(value) if isinstance(value, str) else value
    return (base + timedelta(days=days)).isoformat()


def compliant(number: str, municipality: str, citizen: str, *, d: str, b1: str | None, s1: str | None, b2: str,
              target_group: str | None = "jobparat", unit: str | None = None, caseworker: str | None = None,
              marital_status: str = "ugift", length: int = 2, weighted: Iterable[str] = ("tidligere_sanktioner",),
              ) -> dict:
    """A case in order on every item: decision ``d`` on the new breach ``b2``, after the prior sanction ``s1``
    (given with written § 35, stk. 2 guidance with all four elements) on the breach ``b1``.

    Guidance under § 35, stk. 1 at the first jobsamtale (sent two days later) and again 30 days before the
    first breach; a hearing the day after each breach; for an aktivitetsparat citizen a home visit and a
    § 13, stk. 8 assessment about the prior breach and contact through the mentor and an assessment about
    the new one. With ``b1``/``s1`` None there is no prior sanction at all.
    """
    first = b1 or b2
    visitation = _plus(first, -200)
    talk = _plus(visitation, 9)
    events: list[dict] = [
        {"type": "visitation", "dato": visitation, "målgruppe": target_group},
        {"type": "jobsamtale", "dato": talk, "første": True, "mødt": True},
        {"type": "vejledning", "dato": talk, "former": ["gennemgået", "udleveret"]},
        {"type": "vejledning", "dato": _plus(talk, 2), "former": ["sendt"]},
        {"type": "vejledning", "dato": _plus(first, -30), "former": ["gennemgået", "tilgængeliggjort"]},
    ]
    if b1 is not None and s1 is not None:
        events += [
            {"type": "tilsidesættelse", "dato": b1, "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
            {"type": "partshøring", "dato": _plus(b1, 1), "vedrører": b1},
            {"type": "sanktion", "dato": s1, "paragraf": "§ 36", "vedrører": b1},
            {"type": "vejledning_skærpet", "dato": s1, "skriftlig": True, "elementer": list(ALL_ELEMENTS)},
        ]
    events += [
        {"type": "tilsidesættelse", "dato": b2, "art": "udeblevet_tilbud", "rimelig_grund": "nej"},
        {"type": "partshøring", "dato": _plus(b2, 1), "vedrører": b2},
    ]
    if target_group == "aktivitetsparat":
        if b1 is not None and s1 is not None:
            events += [
                {"type": "kontaktforsøg", "dato": _plus(b1, 2), "vedrører": b1, "kanal": "hjemmebesøg",
                 "opnået": False},
                {"type": "vurdering_13_8", "dato": min(_plus(b1, 3), s1), "vedrører": b1,
                 "andre_forhold": "Ingen særlige forhold.", "fremmer_rådighed": "ja"},
            ]
        events += [
            {"type": "kontaktforsøg", "dato": _plus(b2, 2), "vedrører": b2, "kanal": "mentor", "opnået": True},
            {"type": "vurdering_13_8", "dato": min(_plus(b2, 3), d), "vedrører": b2,
             "andre_forhold": "Ingen særlige forhold.", "fremmer_rådighed": "ja"},
        ]
    if target_group is None:
        events = [e for e in events if e["type"] != "visitation"]
    if target_group == "aktivitetsparat":
        reasoning = ("Du er aktivitetsparat. Vi har vurderet efter § 13, stk. 8, at sanktionen vil fremme din "
                     "rådighed. Du er udeblevet igen efter den forudgående sanktion.")
    elif target_group == "jobparat":
        reasoning = "Du er jobparat. Du er udeblevet igen efter den forudgående sanktion."
    else:
        reasoning = "Du er udeblevet igen efter den forudgående sanktion."
    effective = _plus(d, 6)
    decision = {
        "dato": d,
        "vedrører": b2,
        "virkning_fra": effective,
        "længde_måneder": length,
        "længde_begrundelse": "Anden tilsidesættelse kort tid efter den forudgående sanktion.",
        "vilje_vurderet": True,
        "vægt_på": list(weighted),
        "begrundelse": reasoning,
        "forholdt_til_målgruppe": True,
        "henvist_regler": True,
        "tilbud": {"art": "daglige_samtaler", "startdato": effective},
        "lukning_ved_udeblivelse": True,
        "fremmøde_oplyst": True,
        "klagevejledning": True,
        "skriftlig": True,
    }
    if marital_status == "gift":
        decision["ægtefælle_afgørelse"] = True
        for e in events:
            if e["type"] == "vejledning_skærpet":
                e["ægtefælle_vejledt"] = True
    case: dict = {"sagsnummer": number, "kommune": municipality}
    if unit is not None:
        case["enhed"] = unit
    if caseworker is not None:
        case["sagsbehandler"] = caseworker
    case.update({"borger_id": citizen, "civilstand": marital_status, "ydelse": "kontanthjælp",
                 "hændelser": events, "afgørelse": decision})
    return case


def drop(case: dict, kind: str, **match) -> dict:
    """Remove the events of ``kind`` whose fields equal ``match`` (all of that kind without ``match``)."""
    before = len(case["hændelser"])
    case["hændelser"] = [e for e in case["hændelser"]
                         if not (e["type"] == kind and all(e.get(k) == v for k, v in match.items()))]
    assert len(case["hændelser"]) < before, f"no {kind} event matching {match}"
    return case


def change(case: dict, kind: str, match: dict, **changes) -> dict:
    hits = [e for e in case["hændelser"] if e["type"] == kind and all(e.get(k) == v for k, v in match.items())]
    assert hits, f"no {kind} event matching {match}"
    for e in hits:
        e.update(changes)
    return case


def add(case: dict, *events: dict) -> dict:
    case["hændelser"].extend(events)
    return case


# --- Nordhavn Kommune: the main municipality (eight cases) -------------------------------------------------

def nh_0101() -> dict:
    """Jobparat, in accordance after review: the explanation of the new breach (a sick child) is not
    investigated in the case, so oplysning is computed nej (hjemvises) and rimelig_grund ved_ikke; reviewer
    MAMC answers ja to both (the explanation was checked by phone and is no reasonable cause)."""
    c = compliant("NH-2022-0101", NORDHAVN, "b-1336", unit="Team Nord", caseworker="ABC", d="2022-03-10",
                  b1="2022-01-03", s1="2022-01-12", b2="2022-02-01", length=2,
                  weighted=("tidligere_sanktioner", "adfærd"))
    change(c, "partshøring", {"vedrører": "2022-02-01"}, svar_dato="2022-02-02",
           svar="Jeg var hjemme med mit syge barn.")
    remark = "Forklaringen er undersøgt telefonisk den 3. marts 2022 og er ikke en rimelig grund."
    c["vurderinger"] = {"rimelig_grund": {"svar": "ja", "bemærkning": remark, "af": "MAMC"},
                        "oplysning": {"svar": "ja", "bemærkning": remark, "af": "MAMC"}}
    return c


def nh_0102() -> dict:
    """Jobparat, in accordance with kritik: the length (3 months) is not reasoned and the reasons do not
    relate to the målgruppe (both kritik)."""
    c = compliant("NH-2022-0102", NORDHAVN, "b-5458", unit="Team Nord", caseworker="ABC", d="2022-01-20",
                  b1="2021-11-22", s1="2021-12-06", b2="2022-01-05", length=3)
    del c["afgørelse"]["længde_begrundelse"]
    c["afgørelse"]["forholdt_til_målgruppe"] = False
    return c


def nh_0415() -> dict:
    """Aktivitetsparat and married (the case of docs/sagsformat.md), ændres: the § 35, stk. 2 guidance lacks
    two elements, there is no § 13, stk. 8 assessment before the prior sanction, no decision about the
    spouse (kritik); reviewer LHON answers nej on begrundelse (computed ja). The remark holds a CPR-like
    number (masked by the reader) and markup that the reports must escape."""
    c = compliant("NH-2022-0415", NORDHAVN, "b-5763", unit="Team Syd", caseworker="DEF", d="2022-03-01",
                  b1="2022-01-10", s1="2022-01-26", b2="2022-02-14", target_group="aktivitetsparat",
                  marital_status="gift", length=3, weighted=("tidligere_sanktioner", "samlet_billede"))
    change(c, "vejledning_skærpet", {}, elementer=["konsekvens", "lukning_kalendermåned"], ægtefælle_vejledt=False)
    drop(c, "vurdering_13_8", vedrører="2022-01-10")
    c["afgørelse"]["ægtefælle_afgørelse"] = False
    c["vurderinger"] = {"begrundelse": {
        "svar": "nej", "af": "LHON",
        "bemærkning": "Hovedhensyn fremgår ikke, og afgørelsen forholder sig ikke til, at borgeren (010190-1234) "
                      "er aktivitetsparat. <script>alert(1)</script> =SUM(A1:A9)"}}
    return c


def nh_0777() -> dict:
    """Jobparat, ændres: § 40 a used without any prior sanction (no § 35, stk. 2 guidance, no new breach
    "på ny"), and the offer starts a week after the decision takes effect."""
    c = compliant("NH-2021-0777", NORDHAVN, "b-6896", unit="Team Syd", caseworker="DEF", d="2021-09-30",
                  b1=None, s1=None, b2="2021-09-20", length=1, weighted=("andet",))
    c["afgørelse"]["virkning_fra"] = "2021-10-04"
    c["afgørelse"]["tilbud"]["startdato"] = "2021-10-11"
    return c


def nh_0230() -> dict:
    """Aktivitetsparat, ændres: only a letter (prior breach) and a phone call (new breach) as contact, no
    § 13, stk. 8 assessments, no hearing about the new breach, and the reasons cite no rules (kritik)."""
    c = compliant("NH-2022-0230", NORDHAVN, "b-426", unit="Team Syd", caseworker="GHI", d="2022-02-28",
                  b1="2021-05-26", s1="2021-05-31", b2="2021-06-02", target_group="aktivitetsparat",
                  length=2, weighted=("adfærd",))
    drop(c, "kontaktforsøg")
    drop(c, "vurdering_13_8")
    drop(c, "partshøring", vedrører="2021-06-02")
    add(c, {"type": "kontaktforsøg", "dato": "2021-05-26", "vedrører": "2021-05-26", "kanal": "brev",
            "opnået": False},
        {"type": "kontaktforsøg", "dato": "2021-06-02", "vedrører": "2021-06-02", "kanal": "telefon",
         "opnået": False})
    c["afgørelse"]["henvist_regler"] = False
    return c


def nh_0301() -> dict:
    """Jobparat, ændres: no assessment of manglende vilje and nothing weighed, no appeal guidance (kritik);
    two absences from a jobsamtale, the first sanctioned under § 37, flag proportionalitet (advisory)."""
    c = compliant("NH-2022-0301", NORDHAVN, "b-8155", unit="Team Nord", caseworker="ABC", d="2021-06-15",
                  b1="2021-03-15", s1="2021-03-25", b2="2021-05-17", length=3, weighted=())
    change(c, "tilsidesættelse", {}, art="udeblevet_jobsamtale")
    change(c, "sanktion", {}, paragraf="§ 37")
    c["afgørelse"]["vilje_vurderet"] = False
    c["afgørelse"]["klagevejledning"] = False
    return c


def nh_0350() -> dict:
    """Aktivitetsparat, hjemvises: the citizen's explanation of the new breach (a sick son) is not
    investigated, the decision does not say when it takes effect, and the prior breach's reasonable cause
    is unknown (so the prior sanction's correctness is ved_ikke)."""
    c = compliant("NH-2022-0350", NORDHAVN, "b-1015", unit="Team Syd", caseworker="GHI", d="2022-06-30",
                  b1="2022-04-20", s1="2022-05-02", b2="2022-06-16", target_group="aktivitetsparat",
                  length=1, weighted=("tidligere_manglende_vilje", "adfærd"))
    change(c, "tilsidesættelse", {"dato": "2022-04-20"}, rimelig_grund="ukendt")
    change(c, "tilsidesættelse", {"dato": "2022-06-16"}, forklaring="Min søn var syg den dag.")
    del c["afgørelse"]["virkning_fra"]
    return c


def nh_hyperlink() -> dict:
    """Jobparat, ændres; a formula as case number and enhed (the reports must keep them inert): no
    documented § 35, stk. 1 guidance at all, a length of 5 months without reasons, and no offer."""
    c = compliant('=HYPERLINK("x")', NORDHAVN, "b-7215", unit="@Team Øst", d="2022-05-02",
                  b1="2022-02-21", s1="2022-03-03", b2="2022-04-11", length=5)
    drop(c, "vejledning")
    del c["afgørelse"]["længde_begrundelse"]
    del c["afgørelse"]["tilbud"]
    return c


# --- the other three municipalities ------------------------------------------------------------------

def bg_0010() -> dict:
    """Jobparat, in accordance, nothing to remark."""
    return compliant("BG-2021-0010", BOEGEBY, "b-5454", unit="Jobcenter", caseworker="XY", d="2021-02-16",
                     b1="2020-12-07", s1="2020-12-17", b2="2021-01-25", length=3)


def bg_0011() -> dict:
    """Aktivitetsparat, ændres: no § 13, stk. 8 assessment before the decision on the new breach; the reasons
    do not relate to the målgruppe (kritik)."""
    c = compliant("BG-2021-0011", BOEGEBY, "b-3127", unit="Jobcenter", caseworker="XY", d="2021-11-08",
                  b1="2021-09-06", s1="2021-09-20", b2="2021-10-18", target_group="aktivitetsparat", length=2)
    drop(c, "vurdering_13_8", vedrører="2021-10-18")
    c["afgørelse"]["forholdt_til_målgruppe"] = False
    return c


def ab_0001() -> dict:
    """No visitation at all, hjemvises: the målgruppe is unknown, so the aktivitetsparat items are ved_ikke."""
    c = compliant("AB-2022-0001", AABYBRO, "b-2293", d="2022-04-04", b1="2022-01-24", s1="2022-02-03",
                  b2="2022-03-14", target_group=None, length=2)
    del c["afgørelse"]["forholdt_til_målgruppe"]
    return c


def ab_2019() -> dict:
    """A decision from 2019, before the rule set took effect: outside the rule set, not assessed."""
    return compliant("AB-2019-0099", AABYBRO, "b-7922", d="2019-11-01", b1="2019-08-05", s1="2019-08-15",
                     b2="2019-10-07", length=2)


def am_0001() -> dict:
    """Jobparat, in accordance with a bemærkning: the decision does not say that help is paid only for
    days of attendance (advisory item)."""
    c = compliant("AM-2022-0001", AAMOSE, "b-7837", d="2022-02-01", b1="2021-11-29", s1="2021-12-09",
                  b2="2022-01-10", length=2, weighted=("tidligere_sanktioner", "adfærd"))
    c["afgørelse"]["fremmøde_oplyst"] = False
    return c


def am_0002() -> dict:
    """Aktivitetsparat, in accordance."""
    return compliant("AM-2022-0002", AAMOSE, "b-7491", d="2022-02-15", b1="2021-12-06", s1="2021-12-16",
                     b2="2022-01-24", target_group="aktivitetsparat", length=1, weighted=("samlet_billede",))


def am_0003() -> dict:
    """Jobparat, ændres: the case itself records a reasonable cause for the new breach (the citizen was in
    hospital, confirmed by the hospital). The explanation holds a CPR-like number (masked by the reader)."""
    c = compliant("AM-2022-0003", AAMOSE, "b-759", d="2022-08-31", b1="2022-06-13", s1="2022-06-23",
                  b2="2022-08-15", length=3)
    change(c, "tilsidesættelse", {"dato": "2022-08-15"}, rimelig_grund="ja",
           forklaring="Jeg var indlagt på sygehuset (CPR 0101901234).")
    add(c, {"type": "sagsoplysning", "dato": "2022-08-22", "vedrører": "2022-08-15", "kilde": "sygehus",
            "resultat": "Indlæggelsen den 15. august 2022 er bekræftet."})
    return c


CASES = (nh_0101, nh_0102, nh_0415, nh_0777, nh_0230, nh_0301, nh_0350, nh_hyperlink,
         bg_0010, bg_0011, ab_0001, ab_2019, am_0001, am_0002, am_0003)


# --- the build -----------------------------------------------------------------------------------------

def build_cases() -> list[dict]:
    return [make() for make in CASES]


def cases_text(cases: list[dict] | None = None) -> str:
    return json.dumps(cases if cases is not None else build_cases(), ensure_ascii=False, indent=2) + "\n"


def audit_cases(cases_file: Path) -> list:
    """Read ``cases_file`` like ``audit run`` does and audit every case (checklist chosen by date).

    Any reading problem (error or warning) stops the build: the fixture's input must be clean.
    """
    from audit.readers import read_cases
    from audit.rules.engine import evaluate

    results = []
    for rr in read_cases([cases_file]):
        if rr.issues:
            raise SystemExit("the fixture's cases are not clean:\n" + "\n".join(i.line() for i in rr.issues))
        result = evaluate(rr.case)
        origin = msgspec.structs.replace(result.origin, file=CASES_REL)
        results.append(msgspec.structs.replace(result, version=VERSION, origin=origin))
    return results


def results_text(cases_file: Path) -> str:
    from audit.contract import encode_line

    return "".join(encode_line(r).decode("utf-8") for r in audit_cases(cases_file))


def rule_set_text(cases_file: Path) -> str:
    """``regelsaet.json`` for the fixture's results, as ``audit run`` writes it (``version`` fixed)."""
    from audit.results_file import rule_set_texts

    texts = msgspec.structs.replace(rule_set_texts(r.rule_set for r in audit_cases(cases_file) if r.rule_set),
                                    version=VERSION)
    return msgspec.json.format(msgspec.json.encode(texts), indent=2).decode("utf-8") + "\n"


def build(out_dir: Path = FIXTURES) -> tuple[Path, Path, Path]:
    """Write the cases file, the results fixture and its ``regelsaet.json`` into ``out_dir``; their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    cases_path = out_dir / CASES_NAME
    results_path = out_dir / RESULTS_NAME
    texts_path = out_dir / RULE_SET_NAME
    cases_path.write_text(cases_text(), encoding="utf-8")
    results_path.write_text(results_text(cases_path), encoding="utf-8")
    texts_path.write_text(rule_set_text(cases_path), encoding="utf-8")
    return cases_path, results_path, texts_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with a fresh build; write nothing")
    args = parser.parse_args(argv)
    if args.check:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            fresh = build(Path(tmp))
            stale = [name for name, path in zip((CASES_NAME, RESULTS_NAME, RULE_SET_NAME), fresh, strict=True)
                     if not (FIXTURES / name).is_file()
                     or (FIXTURES / name).read_text(encoding="utf-8") != path.read_text(encoding="utf-8")]
        for name in stale:
            print(f"tests/fixtures/{name} is out of date: run python scripts/build_results_fixture.py")
        return 1 if stale else 0
    for path in build():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
