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


def test_a_device_or_fifo_is_never_replaced(tmp_path):
    """Moving the finished file into place would replace a FIFO (or a device such as /dev/full, when run as
    root) with a regular file: such a target is refused before anything is written, and left as it was; a
    regular file and a missing one are written as before."""
    import os
    import stat

    import pytest

    from audit.io_utils import atomic_write_text

    fifo = tmp_path / "resultater.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as err:
        atomic_write_text(fifo, "x")
    assert "ikke en almindelig fil" in err.value.strerror
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["resultater.jsonl"]  # no temporary file left behind
    regular = tmp_path / "koersel.json"
    atomic_write_text(regular, "a")
    atomic_write_text(regular, "b")
    assert regular.read_text(encoding="utf-8") == "b"
