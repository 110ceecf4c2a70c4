"""PDF through pypdfium2: the text of its pages, joined back into paragraphs.

A PDF holds positioned lines, not paragraphs: every line ends in a break, words
are split by hyphenation, and each page repeats a running header, a footer and its
number. The reader takes each page's lines with their geometry from PDFium and
rebuilds what the author wrote:

- **furniture**: a line at the top or bottom of a page (one of its two outermost)
  is dropped when it is a page number ("3", "Page 3 of 7", "3/7"), a web address or
  file path (a browser's footer), a date-and-time stamp (a browser's header), the
  document's own title repeated, a copyright notice, a site's masthead (the outlet
  of the title, with its menu), or when it comes back at the top or bottom of
  other pages once its digits are ignored (a running header or footer);
- **paragraphs**: a line starts a new paragraph when the gap above it is wider than
  the body's line spacing, when its size differs from the line before (a heading),
  when it is indented against the column, or when the line before ends a sentence
  well short of the column's right edge;
- **hyphenation** is undone by a rule that takes the document as its own
  dictionary, since a PDF does not tell a word processor's hyphen from a compound's
  (both are drawn as "-"; PDFium reports either as "\x02" at a line end): a hyphen
  ending a line before a lower-case letter is removed when the document spells the
  joined word elsewhere ("government"); it is kept when the document spells the
  hyphenated form elsewhere ("cost-cutting"), or when both halves are words of its
  own ("well-" + "known"); otherwise a half is no word ("gov-" + "ernment"), so it
  is hyphenation, and joined. A capital or digit after the hyphen keeps it.

The document information gives the title (a browser's "Headline | Outlet" split
in two), the author, and the creation date; a running header that opens with a
name gives the outlet when nothing else does; the creation date is only trusted
when a browser did not make the file (then it is the day it was printed) and the
first lines give none (`front`). Reading order is PDFium's, which is the order
text was laid out: right for a single column, the layout of most articles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from briefing.draft.reading.front import OUTLET_NAME, PARTS, front
from briefing.draft.reading.limits import MAX_PAGES, MAX_TEXT_CHARS
from briefing.draft.reading.piece import About, Piece, Source
from briefing.draft.reading.properties import author, headline_and_outlet

TAIL = 2048
"""How near the end of a whole PDF its `%%EOF` marker stands."""

OUTER = 2
"""How many lines at each end of a page may be headers or footers."""

HYPHENS = frozenset("-\ufffe\u00ad\x02")
"""What ends a line broken at a hyphen, as PDFium reports it."""

CONTROLS = re.compile(r"[\x00\x01\x03-\x09\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters a text layer may hold, which are no part of the text."""

MIN_TEXT = 40
"""A PDF with fewer letters than this in all has no text layer worth the name."""

PAGE_NUMBER = re.compile(r"^[\s\-\u2013\u2014]*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?"
                         r"[\s\-\u2013\u2014]*$", re.IGNORECASE)
ADDRESS = re.compile(r"^(?:https?://|file:/|www\.)\S*(?:\s+\d{1,4}\s*/\s*\d{1,4})?$",
                     re.IGNORECASE)
STAMP = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b",
                   re.IGNORECASE)
"""A browser's header opens with the date and time of printing: "12/1/26, 10:52 AM"."""

COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)|copyright\b)", re.IGNORECASE)

MASTHEAD_WORDS = 12
"""A masthead is the outlet's name and a few menu entries, no more."""

BROWSERS = ("skia", "chrom", "mozilla", "firefox", "cairo", "webkit", "safari", "quartz")
"""Words in a Producer or Creator that mean a browser printed the file."""



@dataclass(frozen=True)
class Line:
    """A line of a page: its text and its box (PDF points, y upwards)."""

    text: str
    left: float
    right: float
    bottom: float
    size: float
    page: int


def read(source: Source) -> Piece:
    """The piece in a PDF: its paragraphs, and what its information and first lines say."""
    import pypdfium2

    if b"%%EOF" not in source.data[-TAIL:]:
        raise source.error("is cut short: the end of the PDF is missing (it may not have "
                           "finished downloading)", "download or save the PDF again")
    try:
        document = pypdfium2.PdfDocument(source.data)
    except pypdfium2.PdfiumError as exc:
        raise _unopenable(source, exc) from None
    try:
        pages = _pages(source, document)
        info = document.get_metadata_dict(skip_empty=True)
    except pypdfium2.PdfiumError:
        raise source.error("is damaged: PDFium cannot read its pages",
                           "open it in a PDF viewer and save or print it to PDF again") from None
    finally:
        document.close()
    if sum(ch.isalnum() for page in pages for line in page for ch in line.text) < MIN_TEXT:
        raise source.error("has no text layer: it is a scan or a picture of the page, so "
                           "there is no text to read",
                           "run OCR on it (for example `ocrmypdf in.pdf out.pdf`) and give "
                           "--from the result, or paste the article's text into a .txt file")
    title = _title(info)
    lines = _without_furniture(pages, *title)
    text = "\n\n".join(_paragraphs(lines))
    about = front(text, _about(info, title), _made(info))
    header = _running_name(pages)
    if about.outlet is None and header and header not in about.authors:
        about = replace(about, outlet=header)
    return Piece(text, "pdf", about)


def _unopenable(source: Source, exc: Any) -> Exception:
    import pypdfium2.raw as pdfium

    if getattr(exc, "err_code", None) == pdfium.FPDF_ERR_PASSWORD:
        return source.error("is protected by a password, so its text cannot be read",
                            "open it with its password and print or save it as a PDF "
                            "without one, or paste the article's text into a .txt file")
    return source.error("is damaged or not really a PDF: it cannot be opened",
                        "open it in a PDF viewer and save or print it to PDF again")


def _pages(source: Source, document: Any) -> list[list[Line]]:
    count = len(document)
    if count > MAX_PAGES:
        raise source.error(f"has {count:,} pages, more than the {MAX_PAGES} read",
                           "save only the article's pages as a PDF (print a page range) "
                           "and try again")
    pages: list[list[Line]] = []
    chars = 0
    for number in range(count):
        page = document[number]
        try:
            textpage = page.get_textpage()
            chars += textpage.count_chars()
            if chars > MAX_TEXT_CHARS:  # counted before a character is read
                textpage.close()
                raise source.error(f"holds more than {MAX_TEXT_CHARS:,} characters of text, "
                                   "far more than an article",
                                   "save only the article's pages as a PDF and try again")
            pages.append(_lines(textpage, number))
        finally:
            page.close()
    return pages


def _lines(textpage: Any, page: int) -> list[Line]:
    """The page's lines, in PDFium's order, each with its box."""
    import pypdfium2.raw as pdfium

    count = textpage.count_chars()
    units = [pdfium.FPDFText_GetUnicode(textpage, i) for i in range(count)]
    # One character per index, so that a place in `text` is a character's box: control
    # characters (but line breaks and "\x02", a hyphen) count as spaces, and UTF-16
    # surrogates are paired only in each line's text (`_clean`).
    text = CONTROLS.sub(" ", "".join(chr(unit) if unit < 0x110000 else "\ufffd"
                                     for unit in units))
    lines: list[Line] = []
    # PDFium ends a line with a break, or with a hyphen ("\x02") and no break at all.
    for match in re.finditer(r"[^\r\n\x02\ufffe]+[\x02\ufffe]?", text):
        start = match.start()
        stripped = match[0].strip()
        if not stripped:
            continue
        first = start + len(match[0]) - len(match[0].lstrip())
        last = start + len(match[0].rstrip()) - 1
        left, bottom, _, top = textpage.get_charbox(first, loose=True)
        _, _, right, _ = textpage.get_charbox(last, loose=True)
        lines.append(Line(_clean(stripped), left, right, bottom, top - bottom, page))
    textpage.close()
    return lines


def _clean(text: str) -> str:
    """A line's text with its spaces folded and its UTF-16 surrogates paired."""
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return " ".join(text.split())


def _furniture_key(text: str) -> str:
    """A line as it repeats from page to page: its digits, case and spacing ignored."""
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _without_furniture(pages: list[list[Line]], title: str | None,
                       outlet: str | None) -> list[Line]:
    """All body lines, in order: headers, footers and page numbers dropped."""
    def outer(page: list[Line]) -> list[Line]:
        by_height = sorted(page, key=lambda line: -line.bottom)
        return by_height[:OUTER] + by_height[-OUTER:] if len(page) > 2 * OUTER else by_height
    repeats = Counter(key for page in pages for key in {_furniture_key(line.text)
                                                        for line in outer(page)})
    wanted_title = _furniture_key(title) if title else None
    body: list[Line] = []
    for page in pages:
        margins = {id(line) for line in outer(page)}
        for line in page:
            key = _furniture_key(line.text)
            if id(line) in margins and (
                    (len(pages) > 1 and repeats[key] > 1 and repeats[key] * 2 >= len(pages))
                    or key == wanted_title or _furniture(line.text, outlet)):
                continue
            body.append(line)
    return body


def _running_name(pages: list[list[Line]]) -> str | None:
    """The name a running header opens with ("Calloway Review \u00b7 Briefing notes"), if any.

    A word processor's running header most often names the publication or body that
    issues the document; the name is taken only when nothing else names an outlet.
    """
    tops = [max(page, key=lambda line: line.bottom) for page in pages if page]
    if len(tops) < 2 or len({_furniture_key(line.text) for line in tops}) > 1:
        return None
    name = PARTS.split(tops[0].text)[0].strip()
    if _furniture(name, None) or len(name.split()) < 2 or not OUTLET_NAME.match(name):
        return None
    return name


def _furniture(text: str, outlet: str | None) -> bool:
    """Whether a line at a page's top or bottom is furniture by what it says."""
    if PAGE_NUMBER.match(text) or ADDRESS.match(text) or STAMP.match(text):
        return True
    if COPYRIGHT.match(text) and len(text.split()) <= 2 * MASTHEAD_WORDS:
        return True
    return bool(outlet and text.startswith(outlet) and text[-1] not in ".!?\u201d\""
                and len(text.split()) <= MASTHEAD_WORDS)


def _paragraphs(lines: list[Line]) -> list[str]:
    """The lines joined into paragraphs (see the module's docstring for the rules)."""
    if not lines:
        return []
    spacing = _spacing(lines)
    column_left = Counter(round(line.left) for line in lines).most_common(1)[0][0]
    column_right = sorted(line.right for line in lines)[int(len(lines) * 0.9)]
    words = _vocabulary(lines)
    paragraphs: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        if previous is None or _starts_paragraph(previous, line, spacing, column_left,
                                                 column_right):
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
        previous = line
    return [_join(parts, words) for parts in paragraphs]


def _spacing(lines: list[Line]) -> float:
    """The usual distance from one baseline to the next, as a multiple of the text's size."""
    ratios = Counter(round((before.bottom - after.bottom) / after.size, 1)
                     for before, after in itertools.pairwise(lines)
                     if before.page == after.page and before.bottom > after.bottom
                     and abs(before.size - after.size) < 0.5 and after.size > 0)
    return ratios.most_common(1)[0][0] if ratios else 1.2


def _starts_paragraph(before: Line, line: Line, spacing: float, left: float,
                      right: float) -> bool:
    size_changed = abs(before.size - line.size) > 0.15 * max(before.size, line.size)
    indented = line.left - left > line.size * 0.8 and before.left - left <= line.size * 0.8
    ended_short = (before.text[-1] in ".!?\u201d\"':" and
                   before.right < right - 0.15 * (right - left))
    if line.page != before.page:
        return size_changed or indented or ended_short
    gap = before.bottom - line.bottom
    return (size_changed or indented or ended_short or gap > spacing * line.size * 1.3
            or gap < 0)


def _vocabulary(lines: list[Line]) -> Counter[str]:
    """The words of the document, lower-cased, but the halves of words split at a line end."""
    words: Counter[str] = Counter()
    split_before = False
    for line in lines:
        inner = line.text.split()
        split_after = line.text[-1] in HYPHENS
        inner = inner[int(split_before):len(inner) - int(split_after)]
        words.update(word.strip(".,;:!?()\"'\u201c\u201d\u2018\u2019").lower() for word in inner)
        split_before = split_after
    return words


def _join(parts: list[str], words: Counter[str]) -> str:
    """The lines of one paragraph as one line, hyphenation undone."""
    text = parts[0]
    for part in parts[1:]:
        if text[-1] in HYPHENS:
            text = text[:-1] + (part if _hyphenated(text[:-1], part, words) else f"-{part}")
        else:
            text = f"{text} {part}"
    return text


def _hyphenated(text: str, part: str, words: Counter[str]) -> bool:
    """Whether a hyphen between `text` and `part` split a word (rather than joining two)."""
    head = re.search(r"([^\W\d_]+)$", text)
    tail = re.match(r"([^\W\d_]+)", part)
    if head is None or tail is None or not tail[1][0].islower():
        return False
    first, second = head[1].lower(), tail[1].lower()
    if words[first + second]:
        return True
    # The document spells the compound, or both halves are its words: a real hyphen.
    return not (words[f"{first}-{second}"] or (words[first] and words[second]))


def _title(info: dict[str, str]) -> tuple[str | None, str | None]:
    """The headline and outlet in the document's Title ("Headline | Outlet")."""
    return headline_and_outlet(info.get("Title"))


def _about(info: dict[str, str], title: tuple[str | None, str | None]) -> About:
    """What the document information says of the piece."""
    name = author(info.get("Author"))
    return About(headline=title[0], outlet=title[1], authors=(name,) if name else ())


def _made(info: dict[str, str]) -> dt.date | None:
    """The day the file was made, unless a browser made it (then it is a printing date)."""
    maker = f"{info.get('Producer', '')} {info.get('Creator', '')}".lower()
    if any(name in maker for name in BROWSERS):
        return None
    return _date(info.get("CreationDate", ""))


def _date(value: str) -> dt.date | None:
    """The day of a PDF date ("D:20260302101500Z"), when it is a sane one."""
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value)
    if match is None:
        return None
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return day if dt.date(1995, 1, 1) <= day <= dt.date.today() else None
