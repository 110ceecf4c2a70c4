"""The values reading deals in: a file to read (Source), and what it holds (Piece).

They have a module of their own so that every reader and the package that picks
one can import them without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import InputError


@dataclass(frozen=True)
class About:
    """What a file declares of its piece, each None (or empty) when it does not say.

    `genre` is a value of the model's Genre ("opinion", "news", ...); `published_note`
    is set instead of `published` when only part of the date is known ("March 2026").
    """

    headline: str | None = None
    dek: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    published_note: str | None = None
    outlet: str | None = None
    url: str | None = None
    genre: str | None = None


@dataclass(frozen=True)
class Source:
    """A file to read: its bytes, and the name messages call it by."""

    name: str
    data: bytes
    suffix: str = ""

    def error(self, problem: str, hint: str | None = None) -> InputError:
        """An InputError about this file: what is wrong with it, and what to do."""
        return InputError.at(Path(self.name), problem, hint)


@dataclass(frozen=True)
class Piece:
    """A piece's text as a reader found it, with what the file itself tells of it.

    `text` has a blank line between paragraphs; `kind` is the reader's key in READERS.
    """

    text: str
    kind: str = "text"
    about: About = field(default_factory=About)

    @property
    def headline(self) -> str | None:
        """The headline the file declares, if any."""
        return self.about.headline
