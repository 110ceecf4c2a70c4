"""Noticing saves by polling: each file's signature, compared tick by tick.

Polling a few dozen files ten times a second costs little and needs no platform API
(inotify, FSEvents) nor any dependency. A signature is a file's mtime, size and inode,
and while the file is recent a hash of its content too: two saves within one tick of
a coarse file-system clock, with the same size, would otherwise look the same.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from pathlib import Path

from briefing.build import briefs_in

RACY_SECONDS = 2.0
"""A file changed this recently is compared by content too."""

Signature = tuple[int, int, int, str] | None
"""What the watcher compares: mtime, size, inode and (for a recent change) a hash."""


def signature(path: Path, now: float) -> Signature:
    """The file's signature, or None when it does not exist."""
    try:
        stat = path.stat()
    except OSError:
        return None
    digest = ""
    if now - stat.st_mtime < RACY_SECONDS:
        with contextlib.suppress(OSError):
            digest = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, digest)


def changed(old: Signature, new: Signature) -> bool:
    """True when a file changed between two signatures (a hash counts only if both have one)."""
    if old is None or new is None:
        return old != new
    return old[:3] != new[:3] or bool(old[3] and new[3] and old[3] != new[3])


def signatures(paths: Iterable[Path], now: float) -> dict[Path, Signature]:
    """The signature of each of `paths`."""
    return {path: signature(path, now) for path in paths}


def any_changed(old: dict[Path, Signature] | None, new: dict[Path, Signature]) -> bool:
    """True when a file came, went or changed between two sets of signatures."""
    if old is None or old.keys() != new.keys():
        return True
    return any(changed(old[path], sig) for path, sig in new.items())


def files_below(folders: Iterable[Path]) -> list[Path]:
    """Every file in `folders` and their subfolders: a template added is noticed too."""
    return [
        path for folder in folders if folder.is_dir()
        for path in sorted(folder.rglob("*")) if path.is_file()
    ]


def briefs_at(root: Path, folder: bool) -> dict[str, Path]:
    """The briefs to serve, by stem (the first of two files with one stem wins).

    `folder` says whether `root` was a folder when the preview started: one that is
    gone for a moment (renamed by a tool, say) serves no briefs until it is back.
    """
    if folder and not root.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in briefs_in([root]) if folder else [root]:
        if path.stem and path.stem.isprintable():
            found.setdefault(path.stem, path)
    return found
