"""Where each part of a brief stands in its YAML file: the type several stages share.

The loader fills a `YamlDocument`; validation and the checks read it to put every
problem they find at its file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import Diagnostic, Location, Severity, excerpt

FieldPath = tuple[str | int, ...]
"""The keys and list indexes that lead to a value: ('key_judgments', 0, 'text')."""


@dataclass
class YamlDocument:
    """A brief's YAML as loaded: its data, where each part of it stands, and its problems.

    Not yet a brief: validation makes a `briefing.model.Brief` of it, and WeasyPrint's
    laid-out page (its own `Document`) is another thing again.
    """

    file: Path
    text: str
    data: Any
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    raw: dict[FieldPath, str] = field(default_factory=dict, repr=False)
    """The text of each scalar value as written (`no`, `1984`), before YAML typed it."""
    problems: list[Diagnostic] = field(default_factory=list, repr=False)
    """Problems found while loading (a key given twice, an alias): reported with the rest."""
    ignored: set[FieldPath] = field(default_factory=set, repr=False)
    """Paths whose value was refused while loading; validation says nothing more of them."""
    complete: bool = True
    """False when the file could not be read to its end (unreadable, a syntax error):
    `data` is then not the brief's, and only `problems` are to be reported."""
    on_disk: bytes = field(default=b"", repr=False)
    """The file's bytes as they were read (its BOM and line ends included), which the
    PDF carries; empty for text that was never a file."""

    @property
    def lines(self) -> list[str]:
        """The file's lines, for excerpts."""
        return self.text.splitlines()

    def locate(self, path: FieldPath, *, key: bool = False) -> Location:
        """Where `path` stands; its key if `key`, else its value; else its nearest parent."""
        for end in range(len(path), -1, -1):
            sub = path[:end]
            spot = (self.keys.get(sub) if key else None) or self.values.get(sub)
            if spot:
                return Location(self.file, spot[0], spot[1])
        return Location(self.file, 1, 1)

    def diagnostic(
        self,
        path: FieldPath,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        code: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        """A diagnostic at `path`, with the excerpt of its line."""
        where = self.locate(path, key=key)
        return Diagnostic(
            where, message, hint, excerpt(self.lines, where.line or 1, where.column or 1),
            code, severity,
        )

    def at(self, line: int, column: int, message: str, hint: str | None = None) -> Diagnostic:
        """A diagnostic at a line and column of the file, with the excerpt of its line."""
        return Diagnostic(
            Location(self.file, line, column), message, hint, excerpt(self.lines, line, column)
        )


def by_place(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics in the order of their places in the file (stable otherwise)."""
    return sorted(diagnostics, key=lambda d: (d.location.line or 0, d.location.column or 0))
