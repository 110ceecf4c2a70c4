"""Which kind of file a piece is, told from its first bytes, not its name.

A page saved as `article.txt`, a PDF mailed as `brief` with no suffix, a Word file
renamed: the bytes say what they are. The suffix only settles what the bytes cannot
(Markdown and plain text are both text). Each test is a small function in DETECTORS,
tried in order; the first that names a kind wins, and text is the fallback.

Some kinds are recognised only to be refused with a useful message (a legacy .doc,
an image, a plain zip): a detector raises the InputError itself, since telling the
user "this is a .doc, save it as .docx" beats "not UTF-8 text".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing.draft.reading import archive
from briefing.draft.reading.piece import Source

Detector = Callable[[Source], str | None]

HEAD = 1024
"""How far into a file a PDF's `%PDF-` marker may stand (as PDF readers allow)."""

SAMPLE = 8192
"""How much of a file is looked at to tell binary data from text."""

REFUSED: dict[bytes, tuple[str, str]] = {
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": (
        "is an old Word (.doc) file, or an Office file locked with a password: it cannot "
        "be read", "open it in Word or LibreOffice (with its password, if it has one) and "
        "save it as .docx without a password (File > Save As), then try again"),
    b"{\\rtf": ("is an RTF file, which cannot be read",
                "open it in your word processor and save it as .docx or plain text (.txt)"),
    b"\x89PNG": ("is an image (PNG), not an article's text",
                 "if it is a scan, run OCR on it, or paste the article's text into a .txt file"),
    b"\xff\xd8\xff": ("is an image (JPEG), not an article's text",
                      "if it is a scan, run OCR on it, or paste the article's text into a "
                      ".txt file"),
    b"GIF8": ("is an image (GIF), not an article's text",
              "paste the article's text into a .txt file"),
    b"\x1f\x8b": ("is a compressed (gzip) file", "unpack it and give --from the file inside"),
}
"""Magic numbers of files that are not articles: what to say, what to do."""

ODF_TEXT = b"application/vnd.oasis.opendocument.text"
"""An OpenDocument text's `mimetype` member (a master document adds `-master`)."""

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

_ATX_HEADING = re.compile(r"#{1,6} \S")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?:.*\n){0,40}?(?:title|author|date):", re.IGNORECASE)


def _pdf(source: Source) -> str | None:
    return "pdf" if b"%PDF-" in source.data[:HEAD] else None


def _refused(source: Source) -> str | None:
    for magic, (problem, hint) in REFUSED.items():
        if source.data.startswith(magic):
            raise source.error(problem, hint)
    return None


def _zip(source: Source) -> str | None:
    if not source.data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return None
    members = set(archive.names(source))
    if "word/document.xml" in members:
        return "docx"
    if "mimetype" in members and "content.xml" in members:
        declared = archive.unpack_one(source, "mimetype").strip()
        if declared.startswith(ODF_TEXT):
            return "odt"
        what = declared.decode("ascii", "replace")
        raise source.error(f"is an OpenDocument file but not a text document ({what})",
                           "open it in LibreOffice and save the article as .odt, .docx or .txt")
    raise source.error("is a zip archive, not a Word (.docx) or OpenDocument (.odt) file",
                       "unpack it and give --from the article inside")


def _binary(source: Source) -> str | None:
    sample = source.data[:SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text: the text reader says so
        return None
    if b"\x00" in sample:
        raise source.error("holds binary data, not an article's text",
                           "give --from the article itself: a saved web page, a PDF, a Word "
                           "or OpenDocument file, Markdown or plain text")
    return None


def _markdown(source: Source) -> str | None:
    if source.suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    head = source.data[:SAMPLE].decode("utf-8-sig", "replace").replace("\r\n", "\n")
    first = head.lstrip("\n").partition("\n")[0]
    if _ATX_HEADING.match(first) or _FRONT_MATTER.match(head):
        return "markdown"
    return None


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


DETECTORS: list[Detector] = [
    _pdf,
    _refused,
    _zip,
    _mhtml,
    _html,
    _binary,
    _web_by_name,  # last of those told by content, see its docstring
    _markdown,
    _text,
]
"""The tests, in the order they are tried."""


def kind_of(source: Source) -> str:
    """The kind of file `source` is: a key of READERS; InputError for a kind refused."""
    for detect in DETECTORS:
        kind = detect(source)
        if kind is not None:
            return kind
    return "text"
