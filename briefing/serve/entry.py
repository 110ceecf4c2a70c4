"""What the preview knows of each brief: the values the pipeline gave, and the page made
of them.

Plain data, shared by the state that fills it and the pages that show it, so that
neither has to import the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import Diagnostic, Overflow
from briefing.serve.watch import Signature

if TYPE_CHECKING:
    from briefing.build import Checked
    from briefing.layout import Fitted


@dataclass(frozen=True)
class FitStatus:
    """What the one-page layout found for a brief."""

    state: str = "pending"
    """`pending`, `fits`, `overflow`, `failed`, `skipped` (the brief cannot be rendered)
    or `off` (the server was started without the layout)."""
    scale: float | None = None
    passes: int = 0
    overflow: Overflow | None = None
    message: str | None = None
    """Why the layout failed, for `failed`."""

    def describe(self) -> str:
        """One line for the banner and the terminal."""
        if self.state == "fits" and self.scale is not None:
            if self.scale >= 1:
                return "fits on one page at full size"
            return f"fits on one page at {self.scale:.0%}"
        if self.state == "overflow":
            return f"does not fit: {self.overflow_text}"
        if self.state == "failed":
            return f"the one-page check failed: {self.message}"
        if self.state == "pending":
            return "checking whether it fits on one page\u2026"
        if self.state == "off":
            return "the one-page check is off"
        return "not laid out: the brief has errors"

    @property
    def overflow_text(self) -> str | None:
        """By how much the brief overflows and what to shorten, in the words of `build`."""
        over = self.overflow
        return None if over is None else f"{over.measure()}; {over.advice()}"

    def as_json(self) -> dict[str, Any]:
        """The status as a JSON object."""
        return {
            "state": self.state,
            "scale": self.scale,
            "passes": self.passes,
            "overflow": self.overflow_text,
        }


@dataclass(eq=False)
class Entry:
    """One brief being previewed, and what was last published for it."""

    stem: str
    path: Path
    watched: dict[Path, Signature] = field(default_factory=dict)
    """The signature of each input file, as last read."""
    source: Path | None = None
    """The piece text the brief names, watched with it."""
    generation: int = 0
    """Goes up when the inputs change; a layout of an older generation is dropped."""
    version: int = 0
    """Goes up with every page published: what a page compares to know it is stale."""
    checked: Checked | None = None
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    fit: FitStatus = FitStatus()
    scale: float = 1.0
    """The scale `body` was rendered at: the last one the layout found."""
    body: str | None = None
    """The brief's HTML, or None when it could not be made (the page lists the errors)."""
    page: bytes = b""
    fitted: Fitted | None = None
    fitted_generation: int = -1

    def status(self) -> dict[str, Any]:
        """The brief's state as a JSON object, for tools and tests."""
        return {
            "stem": self.stem,
            "file": str(self.path),
            "version": self.version,
            "ok": not self.errors,
            "errors": [d.line() for d in self.errors],
            "warnings": [d.line() for d in self.warnings],
            "fit": self.fit.as_json(),
        }
