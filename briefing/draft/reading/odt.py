"""OpenDocument text (.odt): content.xml and meta.xml, read straight from the zip.

No library is needed: an .odt is a zip (unpacked within bounds by `archive`) whose
content.xml holds the text as headings, paragraphs, lists, tables and notes, and
whose meta.xml holds the title, creator and date. Both are parsed by `archive`,
which refuses any DTD, so no entity is ever expanded. Notes (footnotes, endnotes)
go after the body, one paragraph each; tracked deletions and comments are not part
of the text a reader sees, so they are left out.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from briefing.draft.reading import archive
from briefing.draft.reading.front import front
from briefing.draft.reading.limits import MAX_TEXT_CHARS
from briefing.draft.reading.piece import About, Piece, Source
from briefing.draft.reading.properties import author, headline_and_outlet

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"

BLOCKS = frozenset({f"{TEXT}p", f"{TEXT}h"})
SKIPPED = frozenset({f"{TEXT}tracked-changes", f"{OFFICE}annotation", f"{TEXT}note",
                     f"{OFFICE}forms", f"{TEXT}sequence-decls", f"{TEXT}table-of-content"})
"""What is not part of the running text (notes are gathered apart, at the end)."""


def read(source: Source) -> Piece:
    """The piece in an OpenDocument text: its paragraphs, and what meta.xml says."""
    checked = archive.unpack(source)
    content = checked.xml("content.xml")
    if content is None:
        raise source.error("has no content.xml: it is not a complete OpenDocument file",
                           "open it in LibreOffice and save it as .odt again")
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise source.error("holds no text document", "check that it is the right file")
    titles = _title_styles(content)
    blocks = list(_blocks(body, titles))
    notes = [f"[{number}] {text}" for number, text in enumerate(_notes(body), start=1)]
    text = "\n\n".join([text for _, text in blocks] + notes)
    if len(text) > MAX_TEXT_CHARS:
        raise source.error(f"holds more than {MAX_TEXT_CHARS:,} characters of text, far "
                           "more than an article", "save only the article and try again")
    if not text.strip():
        raise source.error("has no text in it", "check that it is the right file")
    headline = next((text for style, text in blocks if style == "Title"), None)
    dek = next((text for style, text in blocks if style == "Subtitle"), None)
    meta, made = _meta(checked.xml("meta.xml"))
    about = About(headline=headline or meta.headline, dek=dek, authors=meta.authors,
                  outlet=None if headline else meta.outlet)
    return Piece(text, "odt", front(text, about, made))


def _title_styles(content: ET.Element) -> dict[str, str]:
    """Automatic paragraph styles ("P1") that are the Title or Subtitle style underneath."""
    found = {"Title": "Title", "Subtitle": "Subtitle"}
    for style in content.iter(f"{STYLE}style"):
        parent = style.get(f"{STYLE}parent-style-name")
        name = style.get(f"{STYLE}name")
        if name and parent in found:
            found[name] = found[parent]
    return found


def _blocks(element: ET.Element, titles: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(Title, Subtitle or "", text) of each paragraph or heading; a table row is one."""
    for child in element:
        if child.tag in SKIPPED:
            continue
        if child.tag in BLOCKS:
            text = " ".join(_text(child).split())
            if text:
                yield titles.get(child.get(f"{TEXT}style-name", ""), ""), text
        elif child.tag == f"{TABLE}table-row":
            cells = [" ".join(" ".join(_text(p) for p in cell.iter() if p.tag in BLOCKS)
                              .split()) for cell in child if cell.tag == f"{TABLE}table-cell"]
            if any(cells):
                yield "", " | ".join(cell for cell in cells if cell)
        else:  # lists, sections, tables, frames: what they hold, in order
            yield from _blocks(child, titles)


def _text(element: ET.Element) -> str:
    """The text of a paragraph as displayed: spaces and tabs spelled out, notes left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            spaces = child.get(f"{TEXT}c", "1")
            parts.append(" " * (min(int(spaces), 100) if spaces.isdigit() else 1))
        elif child.tag in (f"{TEXT}tab", f"{TEXT}line-break"):
            parts.append(" ")
        elif child.tag not in SKIPPED:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _notes(body: ET.Element) -> Iterator[str]:
    for note in body.iter(f"{TEXT}note"):
        content = note.find(f"{TEXT}note-body")
        if content is not None:
            text = " ".join(" ".join(_text(p) for p in content.iter() if p.tag in BLOCKS)
                            .split())
            if text:
                yield text


def _meta(meta: ET.Element | None) -> tuple[About, dt.date | None]:
    """What meta.xml says of the piece, and the day the file was made."""
    if meta is None:
        return About(), None
    title, outlet = headline_and_outlet(meta.findtext(f".//{DC}title"))
    creator = author(meta.findtext(f".//{DC}creator") or
                     meta.findtext(f".//{META}initial-creator"))
    made = meta.findtext(f".//{META}creation-date") or meta.findtext(f".//{DC}date") or ""
    return (About(headline=title, outlet=outlet, authors=(creator,) if creator else ()),
            _day(made))


def _day(value: str) -> dt.date | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
