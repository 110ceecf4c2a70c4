"""Which kind of file a piece is, told from its first bytes, not its name.

A page saved as `article.txt`, a PDF mailed as `brief` with no suffix, a Word file
renamed: the bytes say what they are. The suffix only settles what the bytes cannot
(Markdown and plain text are both text). Each test is a small function in DETECTORS,
tried in order; the first that names a kind wins, and text is the fallback.
"""

from __future__ import annotations

from collections.abc import Callable

from briefing.draft.reading.piece import Source

Detector = Callable[[Source], str | None]


def _text(source: Source) -> str | None:
    return "text"


DETECTORS: list[Detector] = [_text]
"""The tests, in the order they are tried."""


def kind_of(source: Source) -> str:
    """The kind of file `source` is: a key of READERS."""
    for detect in DETECTORS:
        kind = detect(source)
        if kind is not None:
            return kind
    return "text"
