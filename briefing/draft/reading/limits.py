"""Bounds on what a reader takes in from a file, which is untrusted.

A saved page, a PDF or a Word file may be crafted to exhaust memory or time: a
zip of a few kilobytes that unpacks to gigabytes, a PDF of ten thousand pages, a
text of a million paragraphs. Every reader stays within these, and says so when a
file goes past one. The figures are generous for any article or report: the
longest long-read runs to some 20,000 words, about 150 KB of text.
"""

from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest file `--from` reads: 50 MiB (a saved page with its images inlined)."""

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""The most a reader unpacks from an archive (.docx, .odt, .mhtml) in all: 100 MiB."""

MAX_RATIO = 100
"""The most an archive member may grow when unpacked; more is a zip bomb."""

MAX_TEXT_CHARS = 2_000_000
"""The longest text a piece may have: 2 million characters, some 300,000 words."""

MAX_PAGE_TEXT_CHARS = 1_000_000
"""The most text a web page may hold, menus and comments included, for its article to be
looked for: extraction time grows faster than the page (some 2 s for this much)."""

MAX_PAGE_ELEMENTS = 40_000
"""The most elements a web page may have: a news page has a few thousand, and looking for
the article in this many takes some 4 s."""

MAX_PAGES = 500
"""The most pages of a PDF that are read."""


def too_big() -> tuple[str, str]:
    """The message and hint for a file over MAX_FILE_BYTES."""
    return (f"is over {MAX_FILE_BYTES // (1024 * 1024)} MiB, the most `briefing new` reads",
            "save only the article (its text, or the page without its media) and try again")

MAX_MEMBERS = 10_000
"""The most members an archive may list; a Word file has a few dozen."""
