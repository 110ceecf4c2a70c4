"""Paragraphs and sentences: how every step after reading splits a piece's text.

A reader produces plain text with a blank line between paragraphs; text typed or
pasted with one paragraph a line has no blank lines, and then each line is one.
Sentences end where `attributions.is_stop` says a full stop, ! or ? ends one (not
"Dr." or "U.S."), so they are split from the stops it found.
"""

from __future__ import annotations

import bisect
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



def holds(starts: list[int], start: int, end: int) -> bool:
    """Whether the sorted offsets `starts` hold one in [start, end)."""
    return bisect.bisect_left(starts, start) < bisect.bisect_left(starts, end)


def sentences(masked: str, stops: list[int], span: tuple[int, int]) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of the paragraph `span`: split after the stops
    (clause ends, in order) that are a . ! or ? of `masked`."""
    start, end = span
    found = []
    for stop in stops[bisect.bisect_left(stops, start):bisect.bisect_left(stops, end)]:
        if masked[stop] in ".!?":
            found.append((start, stop + 1))
            start = stop + 1
            while start < end and masked[start].isspace():
                start += 1
    if start < end:
        found.append((start, end))
    return found
