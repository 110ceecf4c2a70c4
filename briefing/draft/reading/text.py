"""Plain text: UTF-8, with or without a byte-order mark, any line endings.

A text declares nothing of itself, so what it says of its piece is read from its
first lines (`front`): the headline, the byline, the date.
"""

from __future__ import annotations

from briefing.draft.reading.front import front
from briefing.draft.reading.piece import Piece, Source


def decode(source: Source) -> str:
    """The text of `source`, with lines ending in "\\n"; InputError when not UTF-8."""
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise source.error(f"not UTF-8 text (byte {exc.start} cannot be read)",
                           "save it as UTF-8 and try again") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(source: Source) -> Piece:
    """A plain-text piece, as it stands, with what its first lines tell of it."""
    text = decode(source)
    return Piece(text, "text", front(text))
