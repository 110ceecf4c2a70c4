"""Word (.docx) through python-docx: paragraphs and tables in order, then footnotes.

The file is a zip, so `archive` unpacks it within bounds first and python-docx
opens only the checked copy. python-docx reads the body and the core properties
but not footnotes, so those are read from word/footnotes.xml (safely, by `archive`)
and put after the body, one paragraph each, as a reader finds them at the foot of
the page.

What the file declares: the headline from the first paragraph in the Title style,
else the core title; the dek from a Subtitle paragraph; the author and date from
the core properties, except what a program writes by itself: "python-docx" (its
template also says it was made on 2013-12-23), "Microsoft Office User" and the
like are nobody's byline. The first lines (`front`) complete the rest, and beat the
core created date, which is when the file was begun, not when the piece came out.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from briefing.draft.reading import archive
from briefing.draft.reading.front import front
from briefing.draft.reading.limits import MAX_TEXT_CHARS
from briefing.draft.reading.piece import About, Piece, Source
from briefing.draft.reading.properties import author, headline_and_outlet

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


TEMPLATE_DAYS = frozenset({dt.date(2013, 12, 23)})
"""Created dates of templates (python-docx's default): not the piece's date."""

XML_MEMBER = re.compile(r".*\.(?:xml|rels)$", re.IGNORECASE)


def read(source: Source) -> Piece:
    """The piece in a Word file: its paragraphs, what its styles and properties say."""
    import docx

    checked = archive.unpack(source)
    for name, data in checked.members.items():
        if XML_MEMBER.match(name):
            archive.parse_xml(source, data, name)  # refuses DTDs before python-docx parses
    try:
        document = docx.Document(checked.repacked())
        blocks = list(_blocks(document))
        about, made = _about(document, blocks)
    except Exception:  # python-docx raises many kinds on a damaged part; all mean the same
        raise source.error("is damaged or not really a Word file: it cannot be read",
                           "open it in Word or LibreOffice and save it as .docx again, or "
                           "save it as plain text (.txt)") from None
    paragraphs = [text for _, text in blocks] + _footnotes(checked)
    text = "\n\n".join(paragraphs)
    if len(text) > MAX_TEXT_CHARS:
        raise source.error(f"holds more than {MAX_TEXT_CHARS:,} characters of text, far "
                           "more than an article", "save only the article and try again")
    if not text.strip():
        raise source.error("has no text in it", "check that it is the right file")
    return Piece(text, "docx", front(text, about, made))


def _blocks(document: Any) -> Iterator[tuple[str, str]]:
    """(style name, text) of each paragraph of the body, a table row as one paragraph."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    yield "Table", " | ".join(cells)
        else:
            text = " ".join(block.text.split())
            if text:
                yield (block.style.name if block.style is not None else ""), text


def _about(document: Any, blocks: list[tuple[str, str]]) -> tuple[About, dt.date | None]:
    """What the styles and core properties say of the piece, and the day it was made."""
    core = document.core_properties
    headline = next((text for style, text in blocks if style == "Title"), None)
    dek = next((text for style, text in blocks if style == "Subtitle"), None)
    names = author(core.author) or ""
    authors = tuple(name.strip() for name in re.split(r";|\s+and\s+", names) if name.strip())
    made = core.created.date() if core.created else None
    titled, outlet = headline_and_outlet(core.title)
    about = About(headline=headline or titled, dek=dek, authors=authors,
                  outlet=None if headline else outlet)
    return about, None if made in TEMPLATE_DAYS else made


def _footnotes(checked: archive.Archive) -> list[str]:
    """The footnotes' texts, in the order they are numbered."""
    root = checked.xml("word/footnotes.xml")
    if root is None:
        return []
    notes: list[str] = []
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(" ".join(_text(p) for p in note.iter(f"{W}p")).split())
        if text:
            notes.append(f"[{len(notes) + 1}] {text}")
    return notes


def _text(paragraph: ET.Element) -> str:
    return "".join(node.text or "" if node.tag == f"{W}t" else " "
                   for node in paragraph.iter() if node.tag in (f"{W}t", f"{W}tab"))
