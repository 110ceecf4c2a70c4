"""Direct quotations: the words in quote marks, of English and of other languages.

They are found first, because everything else is looked for outside them: an
attribution inside a quotation ("he said they told Reuters") is the speaker's
words, not the piece's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from briefing.draft.paragraphs import paragraphs
from briefing.words import word_count

MIN_QUOTE_WORDS = 3
"""Fewer words in quote marks are scare quotes or titles, not quotations."""


@dataclass(frozen=True)
class Quotation:
    """Words in quote marks: `text[start:end]` is the quotation, its marks included.

    `exact` is the quoted words as they stand (without a trailing comma, which belongs
    to the sentence around the quote), with runs of whitespace folded to one space.
    """

    exact: str
    start: int
    end: int


_CLOSERS: dict[str, str] = {
    "\u201c": "\u201d",  # “ ”: English
    "\u201e": "\u201c\u201d",  # „ “ or „ ”: German, and Polish or Czech
    "\u00ab": "\u00bb",  # « »: French, Italian, Russian
    "\u300c": "\u300d",  # 「」: Japanese and Chinese
    "\u2018": "\u2019",  # curly single quotes: British, and quotes within quotes
    '"': '"',  # straight quotes, as typed
}
"""The marks that open a quotation, each with the marks that may close it."""
_PUNCTUATION = ".,;:!?)]\u2014\u2013\u2026\u201d\u00bb"


def _opens(para: str, at: int) -> bool:
    """Whether the mark at `at` opens a quotation (not an apostrophe or inch mark)."""
    mark = para[at]
    after = para[at + 1] if at + 1 < len(para) else " "
    if mark == "\u2018":  # opens after a space or at the start, before a word
        before = para[at - 1] if at else " "
        return (before.isspace() or before in "([\u2014\u201c") and not after.isspace()
    if mark == '"':
        return not after.isspace()
    return True


_LOWER_NEXT = re.compile(r"\s+[a-z]")


def _closes(para: str, at: int, opening: str, last_apostrophe: int) -> bool:
    """Whether the mark at `at` closes the quotation opened by `opening`
    (`last_apostrophe`: where the paragraph's last right single quote stands)."""
    mark = para[at]
    if mark not in _CLOSERS[opening]:
        return False
    before = para[at - 1] if at else " "
    after = para[at + 1] if at + 1 < len(para) else " "
    if opening == '"':
        return not before.isspace()
    if mark == "\u2019":
        # an apostrophe stands inside a word (don't) or after a plural (the miners' union)
        if before.isspace() or not (after.isspace() or after in _PUNCTUATION):
            return False
        plural = before == "s" and _LOWER_NEXT.match(para, at + 1) is not None
        return not (plural and at < last_apostrophe)
    return True


def _quote_spans(para: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quotation in one paragraph, its marks included.

    A quotation with no closing mark runs to the paragraph's end (`closed` is false),
    as English prints a quotation that goes on in the next paragraph. Quote marks
    inside a quotation are the speaker's, and are skipped with it.
    """
    last_apostrophe = para.rfind("\u2019")
    closers: dict[str, list[int]] = {}  # where each opening mark's quotation may close

    def closing_after(opening: str, at: int) -> int:
        if opening not in closers:
            closers[opening] = [k for k, ch in enumerate(para) if ch in _CLOSERS[opening]
                                and _closes(para, k, opening, last_apostrophe)]
        found = closers[opening]
        k = bisect.bisect_right(found, at)
        return found[k] if k < len(found) else -1

    spans: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(para):
        opening = para[i]
        if opening not in _CLOSERS or not _opens(para, i):
            i += 1
            continue
        closing = closing_after(opening, i)
        again = -1 if opening in "\u2018\"" else para.find(opening, i + 1)
        if closing == -1 or (again != -1 and again < closing):
            if again == -1:  # a quote continued in the next paragraph has no closing mark
                spans.append((i, len(para), False))
                break
            i = again  # a quotation left open: the next one starts there
            continue
        spans.append((i, closing + 1, True))
        i = closing + 1
    return spans


def find_quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[Quotation]:
    """Every direct quotation: words in quote marks (see _CLOSERS), `min_words` or more.

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


def mask_quotations(text: str, quotations: list[Quotation]) -> str:
    """`text` with its quotations masked (see `mask`), each that ends a sentence ("...
    the forecasts we had.” Professor Ott") keeping a full stop in place of its last mark,
    so that the sentence after it is a sentence of its own."""
    masked = list(mask(text, [(q.start, q.end) for q in quotations]))
    for q in quotations:
        closing = text[q.end - 1]
        if q.exact[-1:] in (".", "!", "?") and closing in _CLOSING_MARKS:
            masked[q.end - 1] = "."
    return "".join(masked)


_CLOSING_MARKS = frozenset("".join(_CLOSERS.values()))


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span blanked out by NUL characters, offsets unchanged.

    Attributions are looked for in the masked text, so never inside a quotation: a NUL
    is no word and it ends a clause; and what they find still points into `text`.
    """
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "\0" * (end - start)
    return "".join(chars)

