"""The JSONL reader's byte-level prefilter (``json_reader.may_need_masking``): a line it passes as plain is read
without ``normalise_raw``/``mask_raw``, so for such a line those two must change nothing; every line that may
hold a CPR number, an escape, a number with an exponent or a character above U+00FF goes the careful way."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_record
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.readers import read_cases
from audit.readers.common import mask_raw, normalise_raw
from audit.readers.json_reader import may_need_masking

SAMPLE = Path(__file__).resolve().parent.parent / "sample_cases"

# texts made of the pieces a CPR number or its disguises are built from
_PIECES = st.sampled_from(["0", "1", "3", "9", "01", "0101", "90", "1234", "-", " ", "\u00a0", "\u2013", "\u00ad",
                           "e", "E", ".", "æ", "ø", "Å", "a", "\u0301", "\u0661", "\uff11", "\ud83d", "x"])
_TEXT = st.lists(_PIECES, max_size=12).map("".join)
_NUMBER = st.one_of(st.integers(min_value=0, max_value=10**11), st.floats(allow_nan=False, allow_infinity=False))
_VALUE = st.recursive(st.one_of(_TEXT, _NUMBER, st.booleans(), st.none()),
                      lambda inner: st.one_of(st.lists(inner, max_size=3),
                                              st.dictionaries(_TEXT, inner, max_size=3)), max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_TEXT, _VALUE, max_size=4), st.booleans(), st.one_of(st.none(), _TEXT))
def test_a_line_passed_as_plain_is_unchanged_by_masking_and_normalising(record, ascii_only, cpr):
    if cpr is not None:
        record["cpr"] = cpr
    try:
        line = json.dumps(record, ensure_ascii=ascii_only).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate cannot be written raw; as \ud83d it is an escape
        line = json.dumps(record).encode("utf-8")
    decoded = json.loads(line)
    if not may_need_masking(line, decoded):
        fixed, bad = normalise_raw(decoded)
        assert bad == [] and fixed == decoded and mask_raw(fixed) == decoded


def test_lines_that_may_hold_a_cpr_number_are_flagged():
    for text in ("010190-1234", "0101901234", "010190 1234", "010190\u00a01234", "010190\u20131234",
                 "\\u0030101901234", "\u0660\u0661\u0660\u0661\u0669\u0660-1234"):
        assert may_need_masking(json.dumps({"note": text}, ensure_ascii=False).encode()), text
    for number in ("101901234", "1.01e9", "1.01E+9"):
        assert may_need_masking(b'{"afg\\u00f8relse": {"l\xc3\xa6ngde_m\xc3\xa5neder": ' + number.encode() + b"}}")
        assert may_need_masking(b'{"x": ' + number.encode() + b"}"), number
    # the record's own cpr field is kept as given, so it alone does not make the line careful ...
    rec = make_record("PK-1", cpr="010190-1234")
    assert not may_need_masking(json.dumps(rec, ensure_ascii=False).encode(), rec)
    # ... but the same number anywhere else does, and so does any \u escape (here "ø" written as \u00f8)
    assert may_need_masking(json.dumps(rec).encode(), rec)
    rec["hændelser"][0]["note"] = "010190-1234"
    assert may_need_masking(json.dumps(rec, ensure_ascii=False).encode(), rec)


def test_plain_lines_are_read_exactly_as_the_careful_way_reads_them(tmp_path, monkeypatch):
    """The sample cases, and the same records with CPR numbers in their texts, through both ways."""
    import audit.readers.json_reader as jr

    records = [json.loads(x) for x in (SAMPLE / "skovbjerg.jsonl").read_text(encoding="utf-8").splitlines() if x]
    with_cpr = []
    for i, rec in enumerate(records):
        rec = json.loads(json.dumps(rec))
        rec["sagsnummer"] += "-K"  # not a duplicate of the original
        rec["hændelser"][0]["note"] = f"cpr 0101{i:02d}-1234 i teksten" if i % 2 else "ren tekst æøå"
        with_cpr.append(rec)
    f = tmp_path / "sager.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=i % 3 == 0) + "\n" for i, r in enumerate(records + with_cpr)),
                 encoding="utf-8")
    fast = [(r.case, r.issues) for r in read_cases(f)]
    monkeypatch.setattr(jr, "may_need_masking", lambda line, record=None: True)  # everything the careful way
    careful = [(r.case, r.issues) for r in read_cases(f)]
    assert fast == careful
    assert sum(c is not None for c, _ in fast) == len(records) * 2
    assert not any("0101" in str(c.model_dump()) for c, _ in fast if c is not None)


# bytes that make up CPR numbers, exponents, escapes and high UTF-8 bytes, and the separators between them
_BYTES = st.lists(st.sampled_from([b"0", b"1", b"9", b"000000", b"1234", b"-", b" ", b".", b"e", b"E", b"\\", b"u",
                                   b'"', b":", b"a", b"\xc3\xa6", b"\xc4", b"\xe2\x80\x93", b"\xff"]),
                  max_size=30).map(b"".join)


@settings(max_examples=1500, deadline=None)
@given(_BYTES)
def test_the_prefilter_gives_what_its_pattern_gives(line):
    """``may_need_masking`` tests the bytes by classes first and searches ``_MAY_NEED_MASKING`` only around
    runs of digits: the answer is the one a search of the whole line gives."""
    from audit.readers.json_reader import _MAY_NEED_MASKING

    assert may_need_masking(line) == (_MAY_NEED_MASKING.search(line) is not None)


def test_the_prefilter_around_digit_runs():
    from audit.readers.json_reader import _MAY_NEED_MASKING

    for line in (b"123456", b"1234567890", b"123456-1234", b"x123456" + b" " * 14 + b"1234", b"123456" + b" " * 15
                 + b"1234", b"12345678", b"123456789", b"1234567-1234", b"a 0000001 b 123456 c 7890", b"1.5e3"):
        assert may_need_masking(line) == (_MAY_NEED_MASKING.search(line) is not None), line
