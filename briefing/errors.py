"""Errors a user can act on: what is wrong, where, and how to fix it.

Errors are values: a message and a hint kept apart, a `Diagnostic` per place in a file,
the numbers of a page that does not fit. Turning them into text ("error: ...", "hint:
...", colour on a terminal) happens here and nowhere else, in `render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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

    def format(self, *, colour: bool = False) -> str:
        """Render as `file:line:col: error: message`, then the excerpt and hint."""
        return render(f"{self.location}: ", self.label, self.message, self.hint,
                      self.excerpt, colour=colour, severity=self.severity)

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
    """Base of the errors `briefing` reports to its user; exit code 1.

    `message` says what is wrong, `hint` what to do about it; neither carries the
    words "error:" or "hint:", which `format` adds. `file` is the input it is about,
    if it is about one.
    """

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None, *, file: Path | None = None
                 ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.file = file

    def format(self, *, colour: bool = False) -> str:
        """The error as printed to the user."""
        place = f"{self.file}: " if self.file else ""
        return render(place, "error", self.message, self.hint, colour=colour)

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross from the worker processes of a batch: keep every attribute.
        return (_rebuild, (type(self), self.__dict__))


def _rebuild(cls: type[BriefingError], state: dict[str, Any]) -> BriefingError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, state.get("message", ""))
    return error


def unexpected(exc: BaseException, file: Path | None = None) -> BriefingError:
    """A bug, said as an error the user can act on: run again with --debug, report it."""
    return BriefingError(
        f"unexpected failure ({type(exc).__name__}: {exc})",
        "run again with --debug for details, and report it if it persists", file=file,
    )


class UsageError(BriefingError):
    """What the command line asks cannot be done as given (no briefs, a file that is
    already there); exit code 2, as for an invalid input."""

    exit_code = 2


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

    def format(self, *, colour: bool = False) -> str:
        """Each diagnostic, with its place, excerpt and hint."""
        return "\n".join(d.format(colour=colour) for d in self.diagnostics)


@dataclass(frozen=True)
class Overflow:
    """How far a brief overflows one page at the smallest scale the fit may use."""

    need: float
    """Pages the content needs at that scale (1.12 is 12% of a page over)."""
    limit: float
    """The part of the page the content may fill."""
    floor: float
    """The smallest scale tried."""
    sections: list[tuple[str, float]] = field(default_factory=list)
    """The longest sections, longest first, with their heights in pages."""

    @property
    def over(self) -> float:
        """How much of a page the content runs over."""
        return self.need - self.limit

    @property
    def cut(self) -> float:
        """The part of the content to cut for it to fit."""
        return 1 - self.limit / self.need

    def measure(self) -> str:
        """By how much it overflows, in words (the build's message and the preview's)."""
        return (
            f"at the smallest readable size ({self.floor:.0%} of normal) it runs "
            f"{self.over:.0%} of a page over (it needs {self.need:.0%} of a page; a brief "
            f"may fill {self.limit:.0%}, leaving room for browsers)"
        )

    def advice(self) -> str:
        """What to shorten, in words."""
        longest = ", ".join(f"{name} ({height:.0%} of a page)"
                            for name, height in self.sections[:3])
        return f"shorten it by about {self.cut:.0%}; the longest sections are {longest}"


class DoesNotFitError(InputError):
    """A brief that does not fit on one page even at the smallest scale; exit code 2."""

    def __init__(self, file: Path, overflow: Overflow) -> None:
        super().__init__([Diagnostic(
            Location(file), f"the brief does not fit on one page: {overflow.measure()}",
            overflow.advice(),
        )])
        self.file = file
        self.overflow = overflow


_COLOURS = {"error": "31", "warning": "33", "hint": "36", "place": "1"}


def _paint(text: str, what: str, colour: bool) -> str:
    return f"\x1b[{_COLOURS[what]}m{text}\x1b[0m" if colour and text else text


def render(
    place: str, label: str, message: str, hint: str | None = None, excerpt: str | None = None,
    *, colour: bool = False, severity: Severity = Severity.ERROR,
) -> str:
    """The one way an error or warning becomes text: `place: label: message`, the
    excerpt, then `  hint: ...`; with `colour`, as a terminal shows it."""
    head = _paint(place.removesuffix(" "), "place", colour) + (" " if place else "")
    text = f"{head}{_paint(label, str(severity), colour)}: {message}"
    if excerpt:
        text += "\n" + excerpt
    if hint:
        text += f"\n  {_paint('hint', 'hint', colour)}: {hint}"
    return text


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
