"""Paragraphs: how every step after reading splits a piece's text.

A reader produces plain text with a blank line between paragraphs; text typed or
pasted with one paragraph a line has no blank lines, and then each line is one.
"""

from __future__ import annotations

import re


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: blocks between blank lines, else single lines."""
    splitter = r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", text) else r"\n"
    spans, start = [], 0
    for gap in [*re.finditer(splitter, text), None]:
        end = gap.start() if gap else len(text)
        block = text[start:end]
        if block.strip():
            left = len(block) - len(block.lstrip())
            spans.append((start + left, start + len(block.rstrip())))
        start = gap.end() if gap else end
    return spans

