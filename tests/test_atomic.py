"""Nothing is lost: a killed, failed or doubled build never leaves a broken output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from briefing.output import STALE, write_atomic


def build_command(brief: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "briefing", "build", str(brief), "--out", str(out), "--force"]


def outputs(out: Path) -> tuple[bytes, bytes]:
    return (out / "brief.pdf").read_bytes(), (out / "brief.html").read_bytes()


def test_killed_builds_leave_the_old_or_the_new_output(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    out = tmp_path / "out"
    brief = write_brief(tmp_path, bluf="The first version of the bottom line.")
    subprocess.run(build_command(brief, out), check=True, capture_output=True)
    old = outputs(out)
    write_brief(tmp_path, bluf="The second version of the bottom line, a little longer.")
    started = time.monotonic()
    subprocess.run(build_command(brief, out), check=True, capture_output=True)
    new = outputs(out)
    duration = time.monotonic() - started
    assert old != new

    # Kill builds at points spread over a whole build; after each, every output must be
    # one of the two complete versions, whole.
    seen = set()
    for step in range(1, 9):
        write_brief(tmp_path, bluf="The first version of the bottom line."
                    if step % 2 else "The second version of the bottom line, a little longer.")
        process = subprocess.Popen(build_command(brief, out), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(duration * step / 8)
        process.send_signal(signal.SIGKILL)
        process.wait()
        pdf, html = outputs(out)
        assert pdf in (old[0], new[0])
        assert html in (old[1], new[1])
        assert len(pypdf.PdfReader(out / "brief.pdf").pages) == 1
        seen.add(pdf)
    assert seen  # the loop looked at real files


def test_two_builds_at_once_never_mix(tmp_path: Path, write_brief: Callable[..., Path]) -> None:
    out = tmp_path / "out"
    first = write_brief(tmp_path / "a", bluf="The bottom line of version A.")
    second = write_brief(tmp_path / "b", bluf="The bottom line of version B, which differs.")
    results = {}
    for brief in (first, second):
        subprocess.run(build_command(brief, out), check=True, capture_output=True)
        results[brief] = outputs(out)
    for _ in range(3):
        processes = [subprocess.Popen(build_command(b, out), stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE) for b in (first, second)]
        for process in processes:
            assert process.wait() == 0
        pdf, html = outputs(out)
        assert pdf in (results[first][0], results[second][0])
        assert html in (results[first][1], results[second][1])
    assert not list(out.glob(".*.tmp"))


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    write_atomic(target, b"data")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_stale_temporaries_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    stale = tmp_path / ".brief.pdf.abc123.tmp"
    fresh = tmp_path / ".brief.pdf.def456.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - STALE - 60
    os.utime(stale, (old, old))
    write_atomic(target, b"data")
    assert not stale.exists()
    assert fresh.exists()  # it may be a build running right now
