"""briefing: turn a YAML summary of a written piece into a one-page brief.

The Python API mirrors the command line::

    from briefing import Builder
    Builder(out=Path("build")).build(Path("content/piece.yaml"))
"""

from __future__ import annotations

__version__ = "0.1.0"

from briefing.build import Builder, Result, briefs_in, check
from briefing.errors import BriefingError, Diagnostic, InputError
from briefing.model import Brief

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
