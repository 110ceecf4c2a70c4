"""The folder where briefing keeps, between runs, what it would otherwise compile anew.

Every call is a new process: without a cache, each would compile the templates
(Jinja) and the message catalogs again, which costs more than using them. Entries
are keyed by what they were made from, so a stale one is never read, only left
unused. The folder is $XDG_CACHE_HOME/briefing (~/.cache/briefing by default); where
it cannot be made (a read-only home), nothing is kept and everything is compiled.
"""

from __future__ import annotations

import os
from pathlib import Path


def folder(name: str) -> Path | None:
    """The cache folder `name` (made if needed), or None where none can be made."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    found = Path(base) / "briefing" / name
    try:
        found.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return found
