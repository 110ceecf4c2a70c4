"""The analysis of a piece: its length, its quotations, and who said each of them.

It runs the other modules in order (quotations, attributions, sources) and ties
each quotation to its speaker; what it learns is an Analysis, which the skeleton
writes out.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace

from briefing.draft.attributions import (
    Attribution,
    find_attributions,
    is_interview,
    is_stop,
    stops_of,
)
from briefing.draft.bodies import named_before
from briefing.draft.claims import Claim, find_claims
from briefing.draft.interviews import find_answers
from briefing.draft.introductions import FullNames, find_introductions
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
    at = [a.start for a in attributions]  # in the order of the text
    for i, (start, end) in enumerate(spans):
        mine = attributions[bisect.bisect_left(at, start):bisect.bisect_left(at, end)]
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
    masked = mask_quotations(text, marked)
    headline = _headline(text)
    body = headline[1] if headline else 0
    stops = stops_of(masked)
    attributions = find_attributions(text, marked, body)
    names = FullNames(text)
    answers = find_answers(text, attributions)
    attributions = sorted(
        attributions + find_introductions(text, masked, stops, marked, attributions, names)
        + answers, key=lambda a: a.start)
    attributions = [_in_full(names, a) for a in attributions]
    starts = [start for start, _ in paragraphs(text)]

    def paragraph_of(at: int) -> int:
        return bisect.bisect_right(starts, at) - 1

    relayed = _relayed_paragraphs(text, attributions)
    sources = Sources()
    resolved: dict[int, DraftSource | None] = {}
    by_paragraph: dict[int, list[Attribution]] = {}
    for a in attributions:
        named = (named_before(text, a) if a.kind == "role" and not sources.knows_body(a.speaker)
                 else None)
        resolved[id(a)] = sources.add(named or a, relayed.get(paragraph_of(a.start)))
        by_paragraph.setdefault(paragraph_of(a.start), []).append(a)
    at = [a.start for a in attributions]

    banked: dict[str, DraftQuote] = {}
    previous: tuple[Quotation, Attribution] | None = None
    for q in marked:
        here = paragraph_of(q.start)
        mine = by_paragraph.get(here, [])
        if word_count(q.exact) < MIN_QUOTE_WORDS:
            said = _said_before(q, mine, masked)
            if said is None:
                continue  # scare quotes, or a title
            linked: Attribution | None = said
        else:
            linked = _link(q, mine, masked)
        if linked is None:  # then the paragraph's speaker, the last named before it
            linked = next((a for a in reversed(mine) if a.end <= q.start), None)
        if linked is None and previous is not None:
            prev_q, prev_a = previous
            others = bisect.bisect_left(at, q.start) - bisect.bisect_left(at, prev_q.end)
            alone = others == int(prev_q.end <= prev_a.start < q.start)
            if alone and 0 <= here - paragraph_of(prev_q.start) <= 1:
                linked = _going_on(q, prev_a, masked, resolved.get(id(prev_a)))
        previous = (q, linked) if linked else None
        context, source_id = None, None
        if linked is not None:
            source = resolved.get(id(linked))
            source_id = source.id if source else None
            if source is not None:
                source.provisional = False  # a quotation is attributed to it: it is kept
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


def _in_full(names: FullNames, a: Attribution) -> Attribution:
    """`a` with its speaker's full name when it gives a surname the piece gave in full
    before ("Vahl told reporters", after "Prime Minister Oskar Vahl")."""
    if a.kind != "name" or " " in a.speaker:
        return a
    full = names.before(a.speaker, a.start)
    return replace(a, speaker=full) if full else a


def _sentence(masked: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around `masked[start:end]`, within its paragraph."""
    left = max(masked.rfind(ch, 0, start) for ch in ".!?\n")
    rights = [i for i in (masked.find(ch, end) for ch in ".!?\n") if i != -1]
    return left + 1, min(rights, default=len(masked))


def _going_on(q: Quotation, previous: Attribution, masked: str,
              speaker: DraftSource | None) -> Attribution | None:
    """The previous quotation's speaker, for `q` that goes on from it (in the same
    paragraph or the next, with no attribution between), unless `q`'s sentence names
    another person, who would be the one speaking."""
    start, end = _sentence(masked, q.start, q.end)
    who = speaker.who if speaker else previous.speaker
    for name in _NAMES.finditer(masked, start, end):
        if name.group() not in who and classify(name.group()) == "name":
            return None
    return previous


_CAPITAL_NEXT = re.compile(rf"\s*[{UPPER}]")
_NAMES = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})+")
"""Two or more capitalised words: a person's name, or a body's."""


def _said_before(q: Quotation, mine: list[Attribution], masked: str) -> Attribution | None:
    """The attribution that reports a short quotation in its own sentence ("X called the
    walkout “reckless”", "said it had “serious doubts”"): one with a verb, before it
    with no sentence's end between. A word or two in quote marks with no such speaker is
    a scare quote or a title, not a quotation."""
    for a in reversed(mine):
        if a.end <= q.start and a.verb and not a.intro:
            gap = range(a.end, q.start)
            if not any(masked[i] in ".!?;" and is_stop(masked, i) for i in gap):
                return a
            return None
    return None


def _link(q: Quotation, mine: list[Attribution], masked: str) -> Attribution | None:
    """The attribution among its paragraph's, `mine`, that says who spoke quotation `q`:
    right after it, or before it in the same sentence ("X said: '...'")."""
    # a quotation that ends its sentence ("...we had.” Professor Ott") is not spoken by
    # the subject of the next one
    ended = masked[q.end - 1] == "." and _CAPITAL_NEXT.match(masked, q.end) is not None
    after = None if ended else next(
        (a for a in mine if a.start >= q.end
         and re.fullmatch(r"[\s,]*" if not (is_interview(a.verb) or a.verb == ":")
                          else r"[\s,:]*",
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
