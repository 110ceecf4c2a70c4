"""Which kind of file a piece is, told from its first bytes, not its name.

A page saved as `article.txt`, a PDF mailed as `brief` with no suffix, a Word file
renamed: the bytes say what they are. The suffix only settles what the bytes cannot
(Markdown and plain text are both text). Each test is a small function in DETECTORS,
tried in order; the first that names a kind wins, and text is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing.draft.reading.piece import Source

Detector = Callable[[Source], str | None]


HEAD_BYTES = 4096
"""How much of the start of a file the detectors look at."""

_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*"  # whitespace, comments, an XML declaration
    rb"<(?:!doctype\s+html|html|head|body|meta|title|base|link|style|script|"
    rb"article|main|header|nav|section|div|p|h1|table)\b",
    re.I | re.S)
_MIME_HEADERS = re.compile(rb"^(?:[A-Za-z][A-Za-z0-9-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+",
                           re.M)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SPACE = re.compile(rb"\s*")


def _html(source: Source) -> str | None:
    """A web page: markup from its first bytes on (after a BOM, spaces, comments)."""
    start = _SPACE.match(source.data)
    head = source.data[start.end() if start else 0:][:HEAD_BYTES]
    if head.startswith(_UTF16_BOMS):  # a page saved as UTF-16: look at its characters
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    return "html" if _HTML_START.match(head) else None


def _mhtml(source: Source) -> str | None:
    """A single-file web archive: MIME headers, `multipart/related` among them."""
    head = source.data[:HEAD_BYTES].replace(b"\r\n", b"\n")
    headers = _MIME_HEADERS.match(head)
    if headers and b"multipart/related" in headers.group(0).lower():
        return "mhtml"
    return None


def _web_by_name(source: Source) -> str | None:
    """A file named as a web page or archive that its bytes do not show to be anything
    else: its reader says what is wrong with it better than the text reader would. It
    must stay the last test before text, after those of every kind told by content."""
    if b"<" not in source.data[:HEAD_BYTES]:  # text with no markup, whatever its name
        return None
    return NAMED.get(source.suffix)


NAMED = {".html": "html", ".htm": "html", ".xhtml": "html", ".mhtml": "mhtml", ".mht": "mhtml"}
"""The kinds of web files known by their suffix, when their bytes do not tell."""


def _text(source: Source) -> str | None:
    return "text"


DETECTORS: list[Detector] = [_mhtml, _html, _web_by_name, _text]
"""The tests, in the order they are tried."""


def kind_of(source: Source) -> str:
    """The kind of file `source` is: a key of READERS."""
    for detect in DETECTORS:
        kind = detect(source)
        if kind is not None:
            return kind
    return "text"
