"""Write output files atomically: a reader sees the old file or the new, never half."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

STALE = 600
"""Seconds after which a temporary file is taken as left by a killed build."""


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: os.umask can only be read by setting it


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would.
        Path(tmp).chmod(0o666 & ~_UMASK)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(path: Path) -> None:
    """Remove temporary files of `path` that a killed build left behind.

    Only old ones: a fresh one may belong to a build that is running right now.
    """
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - tmp.stat().st_mtime > STALE:
                tmp.unlink()
        except FileNotFoundError:  # another build removed or renamed it first
            pass
