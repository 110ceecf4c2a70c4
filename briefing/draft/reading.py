"""Reading the piece: a file in, its text (and what the file says of it) out.

Everything after reading works on plain text with a blank line between paragraphs
(see `paragraphs`), so a reader for another kind of file only has to produce that
text. Each reader is a function in READERS, chosen by the file's suffix; today there
is one, for UTF-8 plain text, and every file is read with it. A reader for HTML,
PDF or DOCX goes in a module of its own, registered here in READERS and SUFFIXES.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import InputError


@dataclass(frozen=True)
class Piece:
    """A piece's text as a reader found it, with what the file itself tells of it.

    `text` has a blank line between paragraphs. `headline` is the one the file
    declares (an HTML title, a document's properties); plain text declares none, and
    the analysis guesses it from the first line instead.
    """

    text: str
    headline: str | None = None


Reader = Callable[[Path, bytes], Piece]
"""Turns a file's bytes into a Piece; raises InputError when it cannot."""


def read_text(path: Path, data: bytes) -> Piece:
    """A plain-text piece: UTF-8, with or without a byte-order mark."""
    try:
        return Piece(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError.at(path, f"not UTF-8 text (byte {exc.start} cannot be read)",
                            "save it as UTF-8 and try again") from None


READERS: dict[str, Reader] = {"text": read_text}
"""The reader of each kind of file."""

SUFFIXES: dict[str, str] = {}
"""The kind of file each suffix (lower-case, with its dot) stands for; any other is text.

Text is the fallback because a piece saved as .md, .text or with no suffix at all
has always been read as text."""


def kind_of(path: Path) -> str:
    """The kind of file `path` is, by its suffix: a key of READERS."""
    return SUFFIXES.get(path.suffix.lower(), "text")


def read_piece(path: Path) -> Piece:
    """The piece in the file at `path`, read by the reader of its kind."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError.at(path, "file not found", "check the path given to --from") from None
    except OSError as exc:
        raise InputError.at(path, f"cannot read the file: {exc.strerror}") from None
    return READERS[kind_of(path)](path, data)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: blocks between blank lines, else single lines."""
    splitter = r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", text) else r"\n"
    spans, start = [], 0
    for gap in [*re.finditer(splitter, text), None]:
        end = gap.start() if gap else len(text)
        block = text[start:end]
        if block.strip():
            left = len(block) - len(block.lstrip())
            spans.append((start + left, start + len(block.rstrip())))
        start = gap.end() if gap else end
    return spans

