"""The JSONL reader's fast path (``audit.readers.fast``): a clean line decoded by msgspec gives exactly what the
careful path (``json.loads`` + ``parse_record``) gives for it, and every line with anything unusual is left to
the careful path (``fast_line`` returns None), so its located Danish messages are unchanged."""

from __future__ import annotations

import copy
import json
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from casebuilder import BASE
from conftest import make_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from test_fuzz_input import json_values

import audit.readers.json_reader as jr
from audit import model as m
from audit.readers import read_cases
from audit.readers.common import Pending
from audit.readers.fast import decode, fast_line
from audit.rules.checklist import known_item_ids

SAMPLE = Path(__file__).resolve().parent.parent / "sample_cases"
FILE = "sager.jsonl"


@contextmanager
def careful_only():
    with mock.patch.object(jr, "fast_line", lambda *a: None):
        yield


def careful(line: bytes, lineno: int = 1):
    with careful_only():
        return jr.jsonl_line(line, lineno, FILE, {}, jr._Loader())


def same(a: object, b: object) -> bool:
    """Equal as values and as pydantic objects: same class, same fields set (``==`` ignores that), recursively."""
    if isinstance(a, BaseModel) or isinstance(b, BaseModel):
        return (type(a) is type(b) and a.model_fields_set == b.model_fields_set  # type: ignore[union-attr]
                and a.__dict__.keys() == b.__dict__.keys()
                and all(same(a.__dict__[k], b.__dict__[k]) for k in a.__dict__))
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def check_line(line: bytes, lineno: int = 3) -> bool:
    """Fast and careful agree on ``line``; True when the fast path read it."""
    fast = fast_line(line, lineno, FILE)
    slow = careful(line, lineno)
    if fast is None:
        return False
    assert isinstance(slow, Pending) and slow.case is not None
    assert fast.issues == slow.issues == []
    assert same(fast.case, slow.case)
    assert (fast.origin, fast.key, fast.key_place, fast.key_text) == (slow.origin, slow.key, slow.key_place,
                                                                      slow.key_text)
    return True


def line_of(rec: object, *, ascii_only: bool = False) -> bytes:
    try:
        return (json.dumps(rec, ensure_ascii=ascii_only) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate can only be written as an escape
        return (json.dumps(rec) + "\n").encode("utf-8")


def sample_records() -> list[dict]:
    out = []
    for f in sorted(SAMPLE.glob("*.jsonl")):
        out += [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    for f in sorted(SAMPLE.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        data = data["sager"] if isinstance(data, dict) and "sager" in data else data
        out += data if isinstance(data, list) else [data]
    return out


def test_every_sample_case_is_read_alike_and_most_take_the_fast_path():
    recs = sample_records()
    assert len(recs) > 20
    fast = sum(check_line(line_of(r)) for r in recs)
    # the sample cases are written to be clean, apart from a few showing a problem on purpose
    assert fast >= len(recs) * 0.7, (fast, len(recs))


def test_a_run_over_the_sample_folder_is_the_same_with_and_without_the_fast_path(tmp_path):
    f = tmp_path / "alle.jsonl"
    f.write_bytes(b"".join(line_of(r) for r in sample_records()))
    fast = list(read_cases(f))
    with careful_only():
        slow = list(read_cases(f))
    assert len(fast) == len(slow)
    for a, b in zip(fast, slow, strict=True):
        assert a.issues == b.issues and a.origin == b.origin and same(a.case, b.case)


def test_the_worker_processes_use_the_same_function():
    from audit import parallel

    assert "jsonl_line" in parallel._work.__code__.co_names  # the per-line function that holds the fast path


# -- generated clean records -----------------------------------------------------------------------------

_WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzæøåÆØÅ .,-'§()0123"), min_size=1, max_size=40).filter(
    lambda s: s.strip() != "")
_DAY = st.integers(0, 3000).map(lambda n: (date(2018, 1, 1) + timedelta(days=n)).isoformat())
_BOOL = st.one_of(st.booleans(), st.none())


def _codes(allowed):
    return st.lists(st.sampled_from(allowed), max_size=4)


@st.composite
def clean_records(draw, i=st.integers(0, 10**6)):
    rec = copy.deepcopy(BASE)
    rec["sagsnummer"] = f"G-{draw(i)}"
    for key in ("enhed", "sagsbehandler", "borger_id", "cpr"):
        choice = draw(st.sampled_from(["absent", "null", "text"]))
        if choice == "absent":
            rec.pop(key, None)
        else:
            rec[key] = None if choice == "null" else draw(_WORDS.filter(lambda s: not any(c.isdigit() for c in s)))
    rec["civilstand"] = draw(st.one_of(st.none(), st.sampled_from(m.MARITAL_STATUSES)))
    rec["ydelse"] = draw(st.sampled_from(m.BENEFITS))
    for ev in rec["hændelser"]:
        ev["dato"] = ev["dato"] if draw(st.booleans()) else draw(_DAY)
        if draw(st.booleans()):
            ev["note"] = draw(st.one_of(st.none(), _WORDS))
        if ev["type"] == "vejledning":
            ev["former"] = draw(_codes(m.GUIDANCE_FORMS))
        if ev["type"] == "jobsamtale":
            ev["første"], ev["mødt"] = draw(_BOOL), draw(_BOOL)
        if ev["type"] == "partshøring" and draw(st.booleans()):
            ev["svar"] = draw(st.one_of(st.none(), _WORDS))
            ev["svar_dato"] = draw(st.one_of(st.none(), _DAY))
    rec["hændelser"].append({"type": "kontaktforsøg", "dato": draw(_DAY), "vedrører": draw(_DAY),
                             "kanal": draw(st.sampled_from(m.CONTACT_CHANNELS)), "opnået": draw(_BOOL)})
    rec["hændelser"].append({"type": "vurdering_13_8", "dato": draw(_DAY),
                             "fremmer_rådighed": draw(st.sampled_from(m.YES_NO)), "andre_forhold": draw(_WORDS)})
    dec = rec["afgørelse"]
    dec["længde_måneder"] = draw(st.one_of(st.none(), st.integers(0, 9)))
    dec["vægt_på"] = draw(_codes(m.WEIGHTED_CIRCUMSTANCES))
    for key in ("vilje_vurderet", "forholdt_til_13_8", "klagevejledning", "ægtefælle_afgørelse"):
        dec[key] = draw(_BOOL)
    dec["tilbud"] = draw(st.one_of(st.none(), st.fixed_dictionaries(
        {"art": st.sampled_from(m.OFFER_KINDS)}, optional={"startdato": _DAY})))
    items = sorted(known_item_ids())
    rec["vurderinger"] = draw(st.dictionaries(st.sampled_from(items), st.fixed_dictionaries(
        {"svar": st.sampled_from(m.ANSWERS)},
        optional={"bemærkning": _WORDS, "af": st.sampled_from(["MLK", "AB"]),
                  "virkning": st.sampled_from(m.CONSEQUENCES)}), max_size=3))
    return rec


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clean_records(), st.booleans())
def test_generated_clean_records_are_read_alike(rec, ascii_only):
    check_line(line_of(rec, ascii_only=ascii_only))


@st.composite
def fuzzed_records(draw):
    """A clean record with one value anywhere replaced by any JSON value (test_fuzz_input's values: texts with
    CPR numbers, 'ja', impossible dates, lone surrogates, numbers, nulls, lists, objects)."""
    rec = draw(clean_records())
    objects = [rec, rec["afgørelse"], *rec["hændelser"], *rec["vurderinger"].values()]
    target = draw(st.sampled_from(objects))
    key = draw(st.one_of(st.sampled_from(sorted(target)), st.sampled_from(["note", "dato", "type", "kanal", "x"])))
    target[key] = draw(json_values)
    return rec


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzed_records())
def test_fuzzed_records_are_read_alike_or_left_to_the_careful_path(rec):
    check_line(line_of(rec))


def test_clean_generated_lines_do_take_the_fast_path():
    """So that the fast path cannot silently stop being used: every line of the benchmark's generator and
    of the engine tests' base case with its usual variations is read by it."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        import benchmark
    finally:
        sys.path.pop(0)
    lines = [line_of(benchmark.shifted(i)) for i in range(300)]
    lines += [line_of(make_record(f"PK-{i}")) for i in range(20)]
    lines += [line_of(copy.deepcopy(BASE), ascii_only=False)]
    counted = sum(check_line(line) for line in lines)
    assert counted == len(lines)
    calls = []
    with mock.patch.object(jr, "fast_line", lambda *a: calls.append(a) or fast_line(*a)):
        jr.jsonl_line(lines[0], 1, FILE, {}, jr._Loader())
    assert len(calls) == 1  # jsonl_line asks the fast path first ...
    assert jr.jsonl_line(lines[0], 1, FILE, {"sagsnr": "sagsnummer"}, jr._Loader()).case is not None
    with mock.patch.object(jr, "fast_line", lambda *a: calls.append(a)):
        jr.jsonl_line(lines[0], 1, FILE, {"sagsnr": "sagsnummer"}, jr._Loader())
    assert len(calls) == 1  # ... but not in a run whose mapping file renames JSON keys


# -- everything unusual goes the careful way ------------------------------------------------------------

def _base() -> dict:
    rec = copy.deepcopy(BASE)
    rec["vurderinger"] = {"begrundelse": {"svar": "ja", "af": "MLK"}}
    return rec


def _event(rec: dict, etype: str) -> dict:
    return next(e for e in rec["hændelser"] if e["type"] == etype)


def _set(path: tuple, value: object):
    def change(rec: dict) -> None:
        target = rec
        for p in path[:-1]:
            target = _event(target, p) if p in m.EVENT_TYPES else target[p]
        target[path[-1]] = value
    return change


def _delete(path: tuple):
    def change(rec: dict) -> None:
        target = rec
        for p in path[:-1]:
            target = _event(target, p) if p in m.EVENT_TYPES else target[p]
        del target[path[-1]]
    return change


# (what is unusual, how it is made, the code of the issue the careful path gives; None: it gives none but
# changes the value, so the careful path must read it)
UNUSUAL = [
    ("synonym code", _set(("tilsidesættelse", "art"), "afslået tilbud"), "kode_fortolket"),
    ("uppercase code", _set(("civilstand",), "Ugift"), None),  # the template's word, read without a warning
    ("normalised code", _set(("ydelse",), "Kontant-hjælp"), "kode_fortolket"),
    ("code with extra space", _set(("visitation", "målgruppe"), " jobparat"), None),
    ("paragraph written loosely", _set(("sanktion", "paragraf"), "36"), None),  # read as "§ 36" silently
    ("unknown code", _set(("tilsidesættelse", "rimelig_grund"), "måske"), "ukendt_kode"),
    ("unknown key", _set(("journalnr",), "J-1"), "ukendt_felt"),
    ("unknown key in afgørelse", _set(("afgørelse", "bilag"), "x"), "ukendt_felt"),
    ("key of another event type", _set(("visitation", "kanal"), "brev"), "ukendt_felt"),
    ("wrong type: number as text", _set(("sagsbehandler",), 17), None),
    ("wrong type: text as number", _set(("afgørelse", "længde_måneder"), "2"), None),
    ("wrong type: float months", _set(("afgørelse", "længde_måneder"), 2.0), None),
    ("wrong type: fractional months", _set(("afgørelse", "længde_måneder"), 2.5), "ugyldig_laengde"),
    ("boolean given as 'ja'", _set(("afgørelse", "klagevejledning"), "ja"), None),
    ("boolean given as 1", _set(("afgørelse", "skriftlig"), 1), None),
    ("boolean that is no boolean", _set(("afgørelse", "skriftlig"), "måske"), "ugyldig_ja_nej"),
    ("text given as true", _set(("enhed",), True), "ugyldig_tekst"),
    ("date in Danish form", _set(("afgørelse", "dato"), "25-11-2021"), None),
    ("date with a time", _set(("afgørelse", "virkning_fra"), "2021-12-01T00:00"), None),
    ("date that does not exist", _set(("afgørelse", "dato"), "2021-02-30"), "ugyldig_dato"),
    ("impossible date: svar before partshøring", _set(("partshøring", "svar_dato"), "2021-10-01"),
     "svar_foer_partshoering"),
    ("impossible date: before the breach", _set(("partshøring", "vedrører"), "2021-10-06"),
     "foer_tilsidesaettelsen"),
    ("fremmøde not reached", lambda r: r["hændelser"].append(
        {"type": "kontaktforsøg", "dato": "2021-10-06", "vedrører": "2021-10-04", "kanal": "fremmøde",
         "opnået": False}), "fremmoede_ikke_opnaaet"),
    ("non-NFC text", _set(("enhed",), "Team Syd\u0301"), None),
    ("decomposed å in a key", lambda r: r.update({"ha\u030andelser": r.pop("hændelser")}), None),
    ("missing sagsnummer", _delete(("sagsnummer",)), "mangler_felt"),
    ("blank kommune", _set(("kommune",), "  "), "mangler_felt"),
    ("missing afgørelse dato", _delete(("afgørelse", "dato")), "mangler_felt"),
    ("missing hændelser", _delete(("hændelser",)), "mangler_felt"),
    ("null hændelser", _set(("hændelser",), None), "mangler_felt"),
    ("visitation without målgruppe", _delete(("visitation", "målgruppe")), "mangler_felt"),
    ("event without dato", _delete(("jobsamtale", "dato")), "mangler_felt"),
    ("review without svar", _set(("vurderinger",), {"begrundelse": {"af": "MLK"}}), "mangler_felt"),
    ("review of an unknown item", _set(("vurderinger",), {"findes_ikke": {"svar": "ja"}}), "ukendt_punkt"),
    ("review answer synonym", _set(("vurderinger",), {"begrundelse": {"svar": "uvist"}}), "kode_fortolket"),
    ("empty text", _set(("enhed",), ""), None),
    ("blank text", _set(("afgørelse", "begrundelse"), "   "), None),
    ("overlong text", _set(("afgørelse", "begrundelse"), "a" * 20_001), "lang_tekst"),
    ("surrounding spaces in sagsnummer", _set(("sagsnummer",), " TEST-1 "), None),
    ("empty offer", _set(("afgørelse", "tilbud"), {}), None),
    ("the template's example case", lambda r: r.update(sagsnummer="EKS-2024-0001", kommune="Eksempel Kommune"),
     "eksempelsag"),
    ("CPR number in a note", _set(("jobsamtale", "note"), "cpr 010190-1234"), None),
    ("escape in a text", None, None),  # written below: "\\u00e6" for æ
    ("null afgørelse", _set(("afgørelse",), None), "mangler_felt"),
    ("list where an object belongs", _set(("afgørelse", "tilbud"), ["program"]), "ugyldig_tilbud"),
    ("number too large", _set(("afgørelse", "længde_måneder"), 10**30), None),
]


@pytest.mark.parametrize(("what", "change", "code"), UNUSUAL, ids=[u[0] for u in UNUSUAL])
def test_an_unusual_record_goes_the_careful_way(what, change, code):
    rec = _base()
    assert check_line(line_of(rec))  # the unchanged record is read the fast way ...
    if change is None:
        line = line_of(rec, ascii_only=True)
    else:
        change(rec)
        line = line_of(rec)
    assert fast_line(line, 3, FILE) is None  # ... the changed one is not
    slow = careful(line, 3)
    assert jr.jsonl_line(line, 3, FILE, {}, jr._Loader()) == slow  # the same result, the same messages
    if code is not None:
        assert code in [i.code for i in slow.issues], [i.message for i in slow.issues]


DUPLICATED = [
    b'{"sagsnummer": "D-1", "sagsnummer": "D-2", ',
    b'{"sagsnummer": "D-1", "enhed": "A", "enhed" : "B", ',
    b'{"sagsnummer": "D-1", "enhed": "A", "enhed"\t:\n"B", ',
]


@pytest.mark.parametrize("start", DUPLICATED)
def test_a_duplicate_key_is_still_reported(start):
    rec = _base()
    rec.pop("sagsnummer")
    rec.pop("enhed")
    line = start + line_of(rec)[1:]
    assert fast_line(line, 3, FILE) is None
    slow = careful(line, 3)
    assert "dobbelt_noegle" in [i.code for i in slow.issues]
    assert jr.jsonl_line(line, 3, FILE, {}, jr._Loader()) == slow


@st.composite
def duplicated_lines(draw):
    """A clean record with one key, at any depth, written twice (with any value the second time)."""
    rec = draw(clean_records())
    objects = [rec, rec["afgørelse"], *rec["hændelser"], *rec["vurderinger"].values()]
    if isinstance(rec["afgørelse"].get("tilbud"), dict):
        objects.append(rec["afgørelse"]["tilbud"])
    target = draw(st.sampled_from([o for o in objects if o]))
    key = draw(st.sampled_from(sorted(target)))
    marker = "__DUP__"
    target[marker] = draw(st.one_of(st.just(target[key]), st.none(), st.booleans()))
    space = draw(st.sampled_from(["", " ", "\t", "\n ", "\r\n"]))
    text = json.dumps(rec, ensure_ascii=False)
    return text.replace(json.dumps(marker) + ": ", json.dumps(key, ensure_ascii=False) + space + ":" + space,
                        1).encode() + b"\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(duplicated_lines())
def test_any_duplicated_key_at_any_depth_goes_the_careful_way(line):
    assert fast_line(line, 3, FILE) is None
    assert "dobbelt_noegle" in [i.code for i in careful(line).issues]


def test_a_quote_before_a_colon_in_a_text_only_makes_the_line_careful():
    rec = _base()
    rec["afgørelse"]["begrundelse"] = 'Han sagde "nej": det er noteret.'
    line = line_of(rec)
    assert decode(line) is None  # the key count is ambiguous: careful path
    assert careful(line).issues == [] and careful(line).case is not None


def test_the_literal_codes_are_the_careful_paths_exact_codes():
    """Every code the structures accept is one the careful path reads 'præcis', without a warning (the
    paragraphs go through their own normalisation there)."""
    for ptype in m.SANCTION_PARAGRAPHS:
        rec = _base()
        _event(rec, "sanktion")["paragraf"] = ptype
        assert check_line(line_of(rec)), ptype
    for kind in m.BREACH_KINDS:
        rec = _base()
        _event(rec, "tilsidesættelse")["art"] = kind
        assert check_line(line_of(rec)), kind
    for channel in m.CONTACT_CHANNELS:
        rec = _base()
        rec["hændelser"].append({"type": "kontaktforsøg", "dato": "2021-10-06", "vedrører": "2021-10-04",
                                 "kanal": channel, "opnået": True, "samtykke": False})
        assert check_line(line_of(rec)), channel
