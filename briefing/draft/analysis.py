"""The analysis of a piece: its length, its quotations, and who said each of them.

It runs the other modules in order (quotations, attributions, sources) and ties
each quotation to its speaker; what it learns is an Analysis, which the skeleton
writes out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from briefing.draft.attributions import (
    Attribution,
    find_attributions,
    is_interview,
    is_stop,
    stops_of,
)
from briefing.draft.claims import Claim, find_claims
from briefing.draft.introductions import find_introductions, full_name
from briefing.draft.paragraphs import paragraphs
from briefing.draft.quotations import (
    MIN_QUOTE_WORDS,
    Quotation,
    find_quotations,
    mask_quotations,
)
from briefing.draft.sources import DraftSource, Sources
from briefing.draft.speakers import NAME_WORD, UPPER, classify
from briefing.words import word_count

WORDS_PER_MINUTE = 230
"""Reading speed for the reading time: an adult's silent reading of non-fiction."""


def reading_minutes(words: int, per_minute: int = WORDS_PER_MINUTE) -> int:
    """Minutes to read `words` at `per_minute`, rounded up, at least 1."""
    return max(1, math.ceil(words / per_minute))


@dataclass(frozen=True)
class DraftQuote:
    """A quotation for the quote bank, with its speaker when one was found."""

    id: str
    exact: str
    context: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Analysis:
    """What `briefing new --from` learns from a piece's text."""

    words: int
    minutes: int
    quotes: list[DraftQuote]
    sources: list[DraftSource]
    headline: str | None = None
    claims: list[Claim] = field(default_factory=list)


def _relayed_paragraphs(text: str, attributions: list[Attribution]) -> dict[int, str]:
    """Paragraphs (by index) that a preceding "As Reuters reports:" introduces as quoted.

    The block runs over the next paragraph, and on over each that follows as long as it
    has an attribution of its own: plain text cannot show where a block quote ends.
    """
    spans = paragraphs(text)
    relayed: dict[int, str] = {}
    outlet: str | None = None
    first = -1
    for i, (start, end) in enumerate(spans):
        mine = [a for a in attributions if start <= a.start < end]
        if outlet is not None and (i == first or mine):
            relayed[i] = outlet
        else:
            outlet = None
        intro = [a for a in mine if a.kind == "outlet" and a.via]
        if intro and not text[intro[-1].end:end].strip().strip(":") and text[:end].endswith(":"):
            outlet, first = intro[-1].via, i + 1
    return relayed


def _headline(text: str) -> tuple[str, int] | None:
    """The first line when it reads as a headline (short, with no closing punctuation),
    and where the body after it starts."""
    spans = paragraphs(text)
    if not spans:
        return None
    first = text[spans[0][0]:spans[0][1]]
    if "\n" in first.strip() or not 2 <= word_count(first) <= 16:
        return None
    if first.rstrip()[-1] in ".!:;,\"\u201d\u2019)" or len(spans) < 2:
        return None
    return " ".join(first.split()), spans[1][0]


def analyse(text: str) -> Analysis:
    """Count the words, find the quotations and attributions, and tie them together."""
    words = word_count(text)
    marked = find_quotations(text, min_words=1)
    quotations = [q for q in marked if word_count(q.exact) >= MIN_QUOTE_WORDS]
    masked = mask_quotations(text, marked)
    headline = _headline(text)
    body = headline[1] if headline else 0
    stops = stops_of(masked)
    attributions = find_attributions(text, marked, body)
    attributions = sorted(
        attributions + find_introductions(text, masked, stops, marked, attributions),
        key=lambda a: a.start)
    attributions = [_in_full(text, a) for a in attributions]
    spans = paragraphs(text)

    def paragraph_of(at: int) -> int:
        return next((i for i, (s, e) in enumerate(spans) if s <= at < e), -1)

    relayed = _relayed_paragraphs(text, attributions)
    sources = Sources()
    resolved: dict[int, DraftSource | None] = {}
    for a in attributions:
        resolved[id(a)] = sources.add(a, relayed.get(paragraph_of(a.start)))

    banked: dict[str, DraftQuote] = {}
    previous: tuple[Quotation, Attribution] | None = None
    for q in quotations:
        linked = _link(q, attributions, masked, paragraph_of)
        if linked is None:  # then the paragraph's speaker, the last named before it
            linked = next((a for a in reversed(attributions) if a.end <= q.start
                           and paragraph_of(a.start) == paragraph_of(q.start)), None)
        if linked is None and previous is not None:
            linked = _going_on(q, previous, attributions, masked, paragraph_of,
                               resolved.get(id(previous[1])))
        previous = (q, linked) if linked else None
        context, source_id = None, None
        if linked is not None:
            source = resolved.get(id(linked))
            source_id = source.id if source else None
            if linked.kind in ("pronoun", "anaphor"):
                context = source.who if source else None
            else:
                context = linked.matched
        known = banked.get(q.exact)
        if known is None:
            banked[q.exact] = DraftQuote(f"q{len(banked) + 1}", q.exact, context, source_id)
        elif known.source is None and source_id is not None:
            # a headline's quotation is said again, and attributed, in the body
            banked[q.exact] = replace(known, context=context, source=source_id)
    return Analysis(words, reading_minutes(words), list(banked.values()), sources.kept,
                    headline[0] if headline else None,
                    find_claims(text, masked, stops, attributions, body))


def _in_full(text: str, a: Attribution) -> Attribution:
    """`a` with its speaker's full name when it gives a surname the piece gave in full
    before ("Vahl told reporters", after "Prime Minister Oskar Vahl")."""
    if a.kind != "name" or " " in a.speaker:
        return a
    full = full_name(text, a.speaker, a.start)
    return replace(a, speaker=full) if full else a


def _sentence(masked: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around `masked[start:end]`, within its paragraph."""
    left = max(masked.rfind(ch, 0, start) for ch in ".!?\n")
    rights = [i for i in (masked.find(ch, end) for ch in ".!?\n") if i != -1]
    return left + 1, min(rights, default=len(masked))


def _going_on(q: Quotation, previous: tuple[Quotation, Attribution],
              attributions: list[Attribution], masked: str,
              paragraph_of: Callable[[int], int], speaker: DraftSource | None,
              ) -> Attribution | None:
    """The previous quotation's speaker, when `q` goes on from it with no speaker of its
    own: in the same paragraph or the next, with no other attribution between, and no
    other person named in `q`'s sentence (who would be the one speaking)."""
    prev_q, prev_a = previous
    if any(prev_q.end <= a.start < q.start and a is not prev_a for a in attributions):
        return None
    if not 0 <= paragraph_of(q.start) - paragraph_of(prev_q.start) <= 1:
        return None
    start, end = _sentence(masked, q.start, q.end)
    who = speaker.who if speaker else prev_a.speaker
    for name in _NAMES.finditer(masked, start, end):
        if name.group() not in who and classify(name.group()) == "name":
            return None
    return prev_a


_NAMES = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})+")
"""Two or more capitalised words: a person's name, or a body's."""


def _link(q: Quotation, attributions: list[Attribution], masked: str,
          paragraph_of: Callable[[int], int]) -> Attribution | None:
    """The attribution that says who spoke quotation `q`: right after it, or before it in
    the same sentence ("X said: '...'")."""
    here = paragraph_of(q.start)
    mine = [a for a in attributions if paragraph_of(a.start) == here]
    # a quotation that ends its sentence ("...we had.” Professor Ott") is not spoken by
    # the subject of the next one
    ended = masked[q.end - 1] == "." and re.match(rf"\s*[{UPPER}]", masked[q.end:]) is not None
    after = None if ended else next(
        (a for a in mine if a.start >= q.end
         and re.fullmatch(r"[\s,]*" if not is_interview(a.verb) else r"[\s,:]*",
                          masked[q.end:a.start])), None)
    before = None
    for a in mine:
        if a.end <= q.start:
            gap = masked[a.end:q.start]
            if len(gap) <= 200 and not any(is_stop(masked, a.end + i) and masked[a.end + i]
                                           in ".!?;" for i in range(len(gap))):
                before = a
    if before is not None and re.fullmatch(r"\s*[:,]\s*", masked[before.end:q.start]):
        return before
    return after or before

