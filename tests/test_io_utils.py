from __future__ import annotations

import os

import pytest

from audit.io_utils import atomic_open, atomic_write_text, read_jsonl, write_jsonl


def test_atomic_write_replaces_only_when_done(tmp_path):
    target = tmp_path / "a" / "out.txt"
    atomic_write_text(target, "første")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as fh:
            fh.write("halv")
            raise RuntimeError("nedbrud")
    assert target.read_text(encoding="utf-8") == "første"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]   # no temporary file left behind


def test_permissions_follow_umask(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "x.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "x.txt").stat().st_mode & 0o777 == 0o644


def test_jsonl_round_trip(tmp_path):
    rows = [{"a": "æøå"}, {"b": 2}]
    assert write_jsonl(tmp_path / "r.jsonl", rows) == 2
    assert list(read_jsonl(tmp_path / "r.jsonl")) == rows
