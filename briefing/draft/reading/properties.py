"""What a document's own properties say of its piece: a title, an author.

A PDF's document information, a Word file's core properties and an OpenDocument
file's meta.xml all hold a title and an author, and all are often filled in by a
program rather than a person: "Microsoft Office User", "python-docx", "Untitled",
"Microsoft Word - draft3.docx". A browser that prints a page, or a word processor
that opens one, puts the page's `<title>` there, "Headline | Outlet" and all. The
readers of those kinds share these rules, so that the same property means the same
thing whichever program wrote it.
"""

from __future__ import annotations

import re

PLACEHOLDER_AUTHORS = frozenset({
    "", "python-docx", "microsoft office user", "author", "user", "admin", "administrator",
    "owner", "windows user", "unknown", "office",
})
"""Authors a program fills in by itself: not the piece's author (compared lower-case)."""

UNTITLED = re.compile(r"^(?:untitled|microsoft word - .*|.*\.(?:docx?|odt|pdf|html?|txt))$",
                      re.IGNORECASE)
"""Titles a program fills in by itself: no headline."""

TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014-]\s+")
"""What stands between a headline and its site in a page's title."""

MAX_OUTLET_WORDS = 5
"""A title's last part longer than this is part of the headline, not a site's name."""


def headline_and_outlet(title: str | None) -> tuple[str | None, str | None]:
    """The headline and outlet in a title property ("Headline | Outlet", or just one)."""
    title = " ".join((title or "").split())
    if not title or UNTITLED.match(title):
        return None, None
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and len(parts[-1].split()) <= MAX_OUTLET_WORDS and len(
            parts[0].split()) > 2:
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0], parts[-1]
    return title, None


def author(value: str | None) -> str | None:
    """The author a property names, or None when a program filled it in."""
    name = " ".join((value or "").split())
    return None if name.lower() in PLACEHOLDER_AUTHORS else name
