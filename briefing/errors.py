"""Errors a user can act on: what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class Severity(StrEnum):
    """How much a problem matters: errors stop a build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column count from 1."""

    file: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return str(self.file)
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input, with its place and, if known, its fix.

    Problems found by `briefing check` also carry the code of the rule they break.
    """

    location: Location
    message: str
    hint: str | None = None
    excerpt: str | None = None
    code: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def label(self) -> str:
        """`error`, or `QU001 error` for a rule's finding."""
        return f"{self.code} {self.severity}" if self.code else str(self.severity)

    def format(self) -> str:
        """Render as `file:line:col: error: message`, then the excerpt and hint."""
        text = f"{self.location}: {self.label}: {self.message}"
        if self.excerpt:
            text += "\n" + self.excerpt
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def line(self) -> str:
        """Render on one line, as linters do: `file:line:col: CODE severity: message (hint)`."""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.location}: {self.label}: {self.message}{hint}"

    def as_json(self) -> dict[str, Any]:
        """The problem as a JSON object."""
        return {
            "file": str(self.location.file),
            "line": self.location.line,
            "column": self.location.column,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
        }


class BriefingError(Exception):
    """Base of the errors `briefing` reports to its user; exit code 1."""

    exit_code = 1

    def format(self) -> str:
        """The message as printed to the user."""
        return str(self)


class InputError(BriefingError):
    """An input (brief, source text, template) is invalid; exit code 2."""

    exit_code = 2

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics

    @classmethod
    def at(cls, file: Path, message: str, hint: str | None = None) -> InputError:
        """An error about a whole file, not a place in it."""
        return cls([Diagnostic(Location(file), message, hint)])


EXCERPT_WIDTH = 100
"""Longest source line an excerpt shows whole; longer ones are cut around the caret."""


def excerpt(lines: list[str], line: int, column: int) -> str:
    """The source line at `line` with a caret under `column`, as compilers show it.

    A tab counts as one column, as it does in YAML's marks; a line longer than
    EXCERPT_WIDTH is cut to the part around the caret, with '...' where it was cut.
    """
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1].rstrip("\r\n").expandtabs(1)
    column = max(1, min(column, len(text) + 1))
    if len(text) > EXCERPT_WIDTH:
        start = max(0, min(column - 1 - EXCERPT_WIDTH // 3, len(text) - EXCERPT_WIDTH))
        end = start + EXCERPT_WIDTH
        shown = ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")
        column = column - start + (3 if start else 0)
        text = shown
    gutter = f"{line:>4} | "
    return f"{gutter}{text}\n{' ' * (len(gutter) - 2)}| {' ' * (column - 1)}^"
