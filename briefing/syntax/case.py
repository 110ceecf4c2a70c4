"""One YAML syntax error and the lines of its file: what every explainer looks at."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from briefing.errors import Diagnostic
from briefing.positions import YamlDocument

GENERIC_HINT = (
    "check the indentation (spaces only, keys of a block lined up) and that every "
    "'key: value' has a space after the colon; put values that contain ': ' or start "
    "with a special character ([ { & * ! | > ' \" % @ `) in quotes"
)
"""The advice when no explainer knows the mistake."""

Located = tuple[int, int, str, str]
"""(line, column, message, hint): an explanation, before it is a Diagnostic."""


@dataclass(frozen=True)
class Case:
    """A syntax error: PyYAML's problem and context, and the places it gives (1-based)."""

    doc: YamlDocument
    problem: str
    context: str
    line: int
    column: int
    ctx_line: int
    ctx_column: int

    @classmethod
    def of(cls, doc: YamlDocument, exc: yaml.MarkedYAMLError) -> Case:
        """The case of `exc`; without a place, the error is at the start of the file."""
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        ctx = exc.context_mark
        ctx_line, ctx_column = (ctx.line + 1, ctx.column + 1) if ctx else (line, column)
        return cls(doc, exc.problem or "", exc.context or "", line, column, ctx_line,
                   ctx_column)

    @property
    def lines(self) -> list[str]:
        """The lines of the file."""
        return self.doc.lines

    def text(self, number: int) -> str:
        """Line `number` of the file, or '' past its end."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def at(self, line: int, column: int, message: str, hint: str) -> Diagnostic:
        """The explanation, as a syntax error at `line`, `column`."""
        return self.doc.at(line, column, f"YAML syntax error: {message}", hint)
