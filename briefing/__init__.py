"""briefing: turn a YAML summary of a written piece into a one-page brief.

The Python API mirrors the command line::

    from briefing import Builder
    Builder(out=Path("build")).build(Path("content/piece.yaml"))

Names are imported on first use, so that `import briefing` (and `python -m
briefing.doctor`, which a fresh machine runs before anything is installed) costs
nothing and no module of the package ever has to import this one.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from briefing.version import __version__

if TYPE_CHECKING:
    from briefing.build import Builder, Result, briefs_in, check
    from briefing.errors import BriefingError, Diagnostic, InputError
    from briefing.model import Brief

_HOMES = {
    "Brief": "briefing.model",
    "BriefingError": "briefing.errors",
    "Builder": "briefing.build",
    "Diagnostic": "briefing.errors",
    "InputError": "briefing.errors",
    "Result": "briefing.build",
    "briefs_in": "briefing.build",
    "check": "briefing.build",
}

__all__ = [
    "Brief",
    "BriefingError",
    "Builder",
    "Diagnostic",
    "InputError",
    "Result",
    "__version__",
    "briefs_in",
    "check",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first asked for."""
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
