"""Before/after check of the checklist engine: the same cases must give the same results.

Take a snapshot with the engine as it is, change the engine, then compare:

    python scripts/compare_engine_output.py snapshot /tmp/engine-before.json    # before the change
    python scripts/compare_engine_output.py compare /tmp/engine-before.json     # after the change

The snapshot holds the cases themselves (so ``compare`` re-evaluates exactly the same cases, whatever
the generators do later) and ``evaluate(case).to_dict()`` for each. The cases are: every bundled sample
case (``sample_cases/``), ``--fuzz`` cases drawn from the hypothesis strategy of
``tests/test_engine_fuzz.py`` and ``--mutants`` cases made by changing the compliant base case of
``tests/casebuilder.py`` a few facts at a time (closer to the interesting branches than random cases).
Results must be identical except ``version``. ``compare`` prints the first differences and exits 1 when
any case differs.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from audit import model as m  # noqa: E402
from audit.readers import read_cases  # noqa: E402
from audit.readers.parse import Place, parse_record  # noqa: E402
from audit.rules.engine import evaluate  # noqa: E402

IGNORED = ("version",)


# --- the cases ---------------------------------------------------------------------------------------------

def sample_cases() -> list[m.Case]:
    return [rr.case for rr in read_cases([str(ROOT / "sample_cases")]) if rr.case is not None]


def fuzz_cases(n: int) -> list[m.Case]:
    """``n`` cases from the fuzz test's strategy (derandomized: the same cases for the same strategy)."""
    if n <= 0:
        return []
    from hypothesis import HealthCheck, Phase, given, settings
    from test_engine_fuzz import cases

    out: list[m.Case] = []

    @settings(max_examples=n, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def collect(case):
        out.append(case)

    collect()
    return out


def _shift(v: str, days: int) -> str:
    return (date.fromisoformat(v) + timedelta(days=days)).isoformat()


def _mutate(rng: random.Random, raw: dict) -> None:
    """One random change of a fact in a raw record (case format)."""
    from casebuilder import B1, B2, S1

    evs = raw["hændelser"]
    dec = raw["afgørelse"]
    near = [B1, S1, B2, raw["afgørelse"]["dato"]]

    def some_day() -> str:
        return _shift(rng.choice(near), rng.randint(-40, 40))

    kind = rng.randrange(12)
    if kind == 0 and evs:
        evs.pop(rng.randrange(len(evs)))
    elif kind == 1 and evs:
        ev = rng.choice(evs)
        key = rng.choice([k for k in ("dato", "vedrører", "svar_dato") if k in ev])
        ev[key] = _shift(ev[key], rng.choice([-200, -40, -10, -1, 1, 5, 10, 40, 200]))
    elif kind == 2:
        key = rng.choice(["vedrører", "virkning_fra", "længde_måneder", "længde_begrundelse", "vilje_vurderet",
                          "vægt_på", "begrundelse", "forholdt_til_målgruppe", "henvist_regler", "tilbud",
                          "lukning_ved_udeblivelse", "ægtefælle_afgørelse", "fremmøde_oplyst", "klagevejledning",
                          "skriftlig"])
        values = {
            "vedrører": [None, B1, B2, some_day()], "virkning_fra": [None, some_day(), dec["dato"]],
            "længde_måneder": [None, 0, 1, 3, 4], "længde_begrundelse": [None, "", "Begrundet."],
            "vægt_på": [[], ["adfærd"]],
            "begrundelse": [None, "", "Du er aktivitetsparat.", "Du er jobparat, jf. § 13, stk. 8.",
                            "Begrundelse uden målgruppe."],
            "tilbud": [None, {}, {"art": "tilbud"}, {"startdato": some_day()},
                       {"art": rng.choice(m.OFFER_KINDS), "startdato": some_day()}],
        }.get(key, [None, True, False])
        dec[key] = rng.choice(values)
        if dec[key] is None:
            del dec[key]
    elif kind == 3:
        raw["civilstand"] = rng.choice([None, "gift", "ugift"])
        if raw["civilstand"] is None:
            del raw["civilstand"]
    elif kind == 4:
        evs.append({"type": "kontaktforsøg", "dato": _shift(rng.choice([B1, B2]), rng.randint(0, 15)),
                    "vedrører": rng.choice([B1, B2]), "kanal": rng.choice(m.CONTACT_CHANNELS),
                    "opnået": rng.choice([None, False, True]), "samtykke": rng.choice([None, False, True])})
    elif kind == 5:
        b = rng.choice([B1, B2])
        ev = {"type": "partshøring", "dato": _shift(b, rng.randint(0, 10)), "vedrører": b,
              "svar": rng.choice([None, "Jeg var syg.", "Min søn var syg, spørg lægen 0101901234."])}
        if rng.random() < 0.5:
            ev["svar_dato"] = _shift(ev["dato"], rng.randint(0, 5))
        evs.append(ev)
    elif kind == 6:
        b = rng.choice([B1, B2])
        evs.append({"type": rng.choice(["sagsoplysning", "vurdering_13_8"]), "dato": _shift(b, rng.randint(0, 14)),
                    "vedrører": b, "kilde": rng.choice([None, "lægen"]),
                    "andre_forhold": rng.choice([None, "Ingen"]), "fremmer_rådighed": rng.choice([None, "ja", "nej"])})
    elif kind == 7:
        evs.append({"type": "sanktion", "dato": some_day(), "paragraf": rng.choice((None,) + m.SANCTION_PARAGRAPHS),
                    "vedrører": rng.choice([None, B1, B2, some_day()])})
    elif kind == 8:
        evs.append({"type": "vejledning_skærpet", "dato": some_day(), "skriftlig": rng.choice([None, True, False]),
                    "elementer": rng.sample(m.SHARPENED_ELEMENTS, rng.randint(0, 4)),
                    "ægtefælle_vejledt": rng.choice([None, True, False])})
    elif kind == 9:
        evs.append({"type": "tilsidesættelse", "dato": some_day(), "art": rng.choice(m.BREACH_KINDS),
                    "rimelig_grund": rng.choice(m.YES_NO_UNKNOWN), "forklaring": rng.choice([None, "Jeg var syg"])})
    elif kind == 10:
        for ev in evs:
            if ev["type"] == "tilsidesættelse":
                ev["rimelig_grund"] = rng.choice(m.YES_NO_UNKNOWN)
                ev["art"] = rng.choice(["udeblevet_jobsamtale", "udeblevet_tilbud"])
            elif ev["type"] == "sanktion":
                ev["paragraf"] = rng.choice(m.SANCTION_PARAGRAPHS)
            elif ev["type"] == "vejledning_skærpet":
                ev["elementer"] = rng.sample(m.SHARPENED_ELEMENTS, rng.randint(2, 4))
    else:
        evs.append({"type": rng.choice(["visitation", "jobsamtale", "vejledning"]), "dato": some_day(),
                    "målgruppe": rng.choice(m.TARGET_GROUPS), "første": rng.choice([None, True]),
                    "former": rng.sample(m.GUIDANCE_FORMS, rng.randint(1, 3))})
        ev = evs[-1]
        for k in [k for k in ev if k not in m.EVENT_FIELDS[ev["type"]] + m.COMMON_EVENT_FIELDS]:
            del ev[k]


def mutant_cases(n: int, seed: int = 40) -> list[m.Case]:
    """``n`` readable cases: the casebuilder base case (jobparat or aktivitetsparat) changed 1-5 times."""
    import casebuilder as cb

    rng = random.Random(seed)
    out: list[m.Case] = []
    attempts = 0
    while len(out) < n and attempts < 20 * n:
        attempts += 1
        raw = cb.base()
        if rng.random() < 0.5:
            cb.aktivitetsparat(raw)
        for _ in range(rng.randint(1, 5)):
            _mutate(rng, raw)
        raw["sagsnummer"] = f"MUT-{len(out):05d}"
        clean = json.loads(json.dumps(raw))
        for ev in clean["hændelser"]:
            for k in [k for k, v in ev.items() if v is None]:
                del ev[k]
        case, _issues = parse_record(clean, lambda path: Place("mutant.json"))
        if case is not None:
            out.append(case)
    return out


# --- snapshot and compare ---------------------------------------------------------------------------------

def _dump_case(case: m.Case) -> dict:
    return {"case": case.model_dump(mode="json", by_alias=True),
            "origin": case.origin.model_dump(mode="json") if case.origin else None}


def _load_case(entry: dict) -> m.Case:
    case = m.Case.model_validate(entry["case"])
    if entry["origin"]:
        case = case.model_copy(update={"origin": m.SourceRef.model_validate(entry["origin"])})
    return case


def _result(case: m.Case) -> dict:
    r = evaluate(case).to_dict()
    for k in IGNORED:
        r.pop(k, None)
    return r


def snapshot(path: Path, n_fuzz: int, n_mutants: int) -> None:
    cases = sample_cases() + fuzz_cases(n_fuzz) + mutant_cases(n_mutants)
    entries = [{**_dump_case(c), "result": _result(c)} for c in cases]
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    answers: dict[str, int] = {}
    for e in entries:
        for p in e["result"]["punkter"]:
            answers[p["svar"]] = answers.get(p["svar"], 0) + 1
    print(f"{len(entries)} cases written to {path} (answers over all items: {answers})")


def _diff(a: object, b: object, where: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b), key=str):
            out += _diff(a.get(k, "<missing>"), b.get(k, "<missing>"), f"{where}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [x for i, (p, q) in enumerate(zip(a, b, strict=True)) for x in _diff(p, q, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r} -> {b!r}"]


def compare(path: Path, show: int) -> int:
    entries = json.loads(path.read_text(encoding="utf-8"))
    differing = 0
    for e in entries:
        case = _load_case(e)
        diffs = _diff(e["result"], _result(case))
        if diffs:
            differing += 1
            if differing <= show:
                print(f"--- {case.municipality} | {case.case_number}")
                for line in diffs[:10]:
                    print("   ", line)
    print(f"{len(entries)} cases compared, {differing} differ")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot", help="evaluate the cases with the current engine and save them")
    s.add_argument("file", type=Path)
    s.add_argument("--fuzz", type=int, default=1000, help="cases from the fuzz strategy (default 1000)")
    s.add_argument("--mutants", type=int, default=1500, help="mutated base cases (default 1500)")
    c = sub.add_parser("compare", help="re-evaluate the saved cases and compare with the saved results")
    c.add_argument("file", type=Path)
    c.add_argument("--show", type=int, default=10, help="how many differing cases to print")
    args = ap.parse_args(argv)
    if args.cmd == "snapshot":
        snapshot(copy.copy(args.file), args.fuzz, args.mutants)
        return 0
    return compare(args.file, args.show)


if __name__ == "__main__":
    sys.exit(main())
