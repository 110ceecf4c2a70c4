"""Markdown through markdown-it-py: the text a reader sees, one paragraph per block.

Headings, paragraphs, list items and block quotes each become a paragraph; the
markup inside them (emphasis, links, inline code ticks, images) is dropped and only
the words are kept, so quotations can be checked against what the piece says, not
how it was typed. Raw HTML is left out: it is layout, not the article's text.

What the file declares: YAML front matter (`title`, `author`/`authors`, `date`,
`description`), when it opens with one; else the first level-1 heading is the
headline; the first lines (`front`) complete the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from briefing.draft.reading.front import front
from briefing.draft.reading.piece import About, Piece, Source
from briefing.draft.reading.text import decode

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
MAX_FRONT_MATTER = 64 * 1024
"""The longest front matter read; a real one is a few lines."""

BLOCKS = frozenset({"paragraph_open", "heading_open"})
"""The tokens that open a block of text (list items and quotes hold paragraphs)."""


def read(source: Source) -> Piece:
    """The piece in a Markdown file: its blocks as paragraphs, and its front matter."""
    from markdown_it import MarkdownIt

    raw = decode(source)
    declared, body = _front_matter(raw)
    tokens = MarkdownIt("commonmark").parse(body)
    paragraphs: list[str] = []
    headline = None
    for at, token in enumerate(tokens):
        if token.type in ("fence", "code_block"):  # text the piece shows, kept as it is
            paragraphs.append(token.content.strip())
            continue
        if token.type not in BLOCKS or at + 1 == len(tokens):
            continue
        text = " ".join(_words(tokens[at + 1].children or []).split())
        if text and token.tag == "h1" and headline is None:
            headline = text
        paragraphs.append(text)
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    text = "\n\n".join(paragraphs)
    if headline and not declared.headline:
        declared = About(headline=headline, dek=declared.dek, authors=declared.authors,
                         published=declared.published)
    return Piece(text, "markdown", front(text, declared))


def _words(children: list[Any]) -> str:
    """The words of an inline token's children, markup dropped."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _front_matter(raw: str) -> tuple[About, str]:
    """What YAML front matter declares, and the text after it."""
    import yaml

    match = FRONT_MATTER.match(raw)
    if match is None or len(match["yaml"]) > MAX_FRONT_MATTER:
        return About(), raw
    try:
        data = yaml.safe_load(match["yaml"])
    except yaml.YAMLError:
        return About(), raw  # not front matter after all: a rule and some text
    if not isinstance(data, dict):
        return About(), raw
    authors = data.get("authors", data.get("author"))
    if isinstance(authors, str):
        authors = [authors]
    names = tuple(str(name).strip() for name in authors or () if isinstance(name, str | int)
                  and str(name).strip()) if isinstance(authors, list) else ()
    published = data.get("date")
    if isinstance(published, dt.datetime):
        published = published.date()
    if isinstance(published, str):
        published = _day(published)
    return About(headline=_string(data.get("title")), dek=_string(data.get("description")),
                 authors=names,
                 published=published if isinstance(published, dt.date) else None,
                 ), raw[match.end():]


def _string(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
