"""Reading the piece: a file in, its text and what the file says of it out.

Everything after reading works on plain text with a blank line between paragraphs
(see `briefing.draft.paragraphs`), so a reader only has to produce that text and
whatever metadata its kind of file declares. The kind is told from the file's first
bytes, not its name (`sniffing`); each kind's reader is a module of this package,
imported only when a file of its kind comes (trafilatura, pypdfium2 and python-docx
are slow to import), listed in READERS.

Files come from outside and are untrusted: `limits` bounds what a reader may take
in, and no reader ever fetches anything or reads any file but the one named.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Protocol

from briefing.draft.reading.limits import MAX_FILE_BYTES, too_big
from briefing.draft.reading.piece import About, Piece, Source
from briefing.draft.reading.sniffing import kind_of
from briefing.errors import InputError

__all__ = ["NAMES", "READERS", "STDIN", "About", "Piece", "Source", "load_source", "read_piece",
           "read_source"]

STDIN = "-"
"""The name `--from` gives standard input."""


class Reader(Protocol):
    """A reader module: `read` turns a file into a Piece, or raises InputError."""

    def read(self, source: Source) -> Piece: ...


READERS: dict[str, str] = {
    "text": "text",
    "markdown": "markdown",
    "pdf": "pdf",
    "docx": "docx",
    "odt": "odt",
    "html": "html",
    "mhtml": "mhtml",
}
"""The module (in this package) that reads each kind of file `sniffing` tells."""

NAMES: dict[str, str] = {
    "text": "plain text",
    "markdown": "Markdown",
    "pdf": "PDF",
    "docx": "Word document",
    "odt": "OpenDocument text",
    "html": "web page",
    "mhtml": "web archive (.mhtml)",
}
"""What each kind of file is called in messages."""


def reader_for(kind: str) -> Reader:
    """The reader module of `kind`, imported on first use."""
    module: Reader = importlib.import_module(f"{__name__}.{READERS[kind]}")
    return module


def load_source(path: Path | str) -> Source:
    """The bytes of the file at `path` ("-": standard input), at most MAX_FILE_BYTES."""
    if str(path) == STDIN:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        source = Source("standard input", data)
    else:
        path = Path(path)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise InputError.at(path, "file not found",
                                "check the path given to --from") from None
        except IsADirectoryError:
            raise InputError.at(path, "is a folder, not a file",
                                "give --from the saved page or document itself") from None
        except OSError as exc:
            raise InputError.at(path, f"cannot read the file: {exc.strerror}") from None
        source = Source(str(path), data, path.suffix.lower())
    if len(source.data) > MAX_FILE_BYTES:
        raise source.error(*too_big())
    return source


def read_source(source: Source) -> Piece:
    """The piece in `source`, read by the reader of its kind."""
    kind = kind_of(source)
    return reader_for(kind).read(source)


def read_piece(path: Path | str) -> Piece:
    """The piece in the file at `path` ("-" for standard input)."""
    return read_source(load_source(path))
