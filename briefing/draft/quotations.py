"""Direct quotations: the words in double quotes, curly or straight.

They are found first, because everything else is looked for outside them: an
attribution inside a quotation ("he said they told Reuters") is the speaker's
words, not the piece's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.draft.paragraphs import paragraphs
from briefing.words import word_count

MIN_QUOTE_WORDS = 3
"""Fewer words in quote marks are scare quotes or titles, not quotations."""


@dataclass(frozen=True)
class Quotation:
    """Words in double quotes: `text[start:end]` is the quotation, its marks included.

    `exact` is the quoted words as they stand (without a trailing comma, which belongs
    to the sentence around the quote), with runs of whitespace folded to one space.
    """

    exact: str
    start: int
    end: int


def _quote_spans(para: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quotation in one paragraph, its marks included.

    A quotation with no closing mark runs to the paragraph's end (`closed` is false).
    """
    spans: list[tuple[int, int, bool]] = []
    i = 0
    while (opening := para.find("\u201c", i)) != -1:
        closing = para.find("\u201d", opening + 1)
        again = para.find("\u201c", opening + 1)
        if closing == -1 or (again != -1 and again < closing):
            if again == -1:  # a quote continued in the next paragraph has no closing mark
                spans.append((opening, len(para), False))
                break
            i = again
            continue
        spans.append((opening, closing + 1, True))
        i = closing + 1
    outside = mask(para, [(start, end) for start, end, _ in spans])
    opening = -1
    for match in re.finditer('"', outside):
        at = match.start()
        before = outside[at - 1] if at else " "
        after = outside[at + 1] if at + 1 < len(outside) else " "
        if opening < 0 and not after.isspace():
            opening = at
        elif opening >= 0 and not before.isspace():
            spans.append((opening, at + 1, True))
            opening = -1
    if opening >= 0:
        spans.append((opening, len(para), False))
    return sorted(spans)


def find_quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[Quotation]:
    """Every direct quotation: words in curly or straight double quotes, `min_words` or more.

    Block quotes without quote marks are not quotations; a quotation runs over paragraphs
    only as English prints it, with no closing mark until its last paragraph.
    """
    found: list[Quotation] = []
    for p_start, p_end in paragraphs(text):
        para = text[p_start:p_end]
        for start, end, closed in _quote_spans(para):
            body = para[start + 1 : end - 1 if closed else end].strip().rstrip(",").rstrip()
            if word_count(body) < min_words:
                continue
            found.append(Quotation(" ".join(body.split()), p_start + start, p_start + end))
    return found


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span blanked out by NUL characters, offsets unchanged.

    Attributions are looked for in the masked text, so never inside a quotation: a NUL
    is no word and it ends a clause; and what they find still points into `text`.
    """
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "\0" * (end - start)
    return "".join(chars)

