"""Find templates: the user's folder first, file by file, then the package's defaults."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import jinja2

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
ENTRY = "brief.html.j2"
STYLESHEET = "brief.css"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def search_path(user_dir: Path | None) -> list[Path]:
    """Folders searched for templates, first match wins."""
    return [user_dir, PACKAGE_TEMPLATES] if user_dir else [PACKAGE_TEMPLATES]


def default_user_dir() -> Path | None:
    """`./templates` when it exists, so a checkout's own overrides apply by default."""
    here = Path("templates")
    return here if here.is_dir() else None


def environment(user_dir: Path | None) -> jinja2.Environment:
    """A Jinja environment that escapes every value and refuses undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(user_dir)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["longdate"] = longdate
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (compiling them costs more than rendering).

    Entries are keyed by each template's source, so an edited template is compiled anew.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = Path(base) / "briefing" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time
    return jinja2.FileSystemBytecodeCache(str(folder))


def longdate(value: dt.date) -> str:
    """`2015-10-07` as `7 October 2015`, the same on every machine (no locale)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def files(user_dir: Path | None) -> Iterator[tuple[str, Path]]:
    """Each template name with the file that serves it, overrides first."""
    seen: set[str] = set()
    for root in search_path(user_dir):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            if name not in seen:
                seen.add(name)
                yield name, path


def fingerprint(user_dir: Path | None) -> str:
    """A hash of every template in effect, to tell when a brief must be rebuilt."""
    digest = hashlib.sha256()
    for name, path in files(user_dir):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
