"""Candidate unsupported claims: sentences that assert something strongly and say
nothing of where it comes from.

"The line will almost certainly never carry the passengers its planners promised",
with no "according to" and no "said" in the sentence, is the author's own claim;
whether the piece backs it up elsewhere is for the analyst to judge, so each one
found is drafted as a REVIEW item of `critique.unsupported_claims`, to confirm or
delete. Words inside quotation marks are a speaker's, not the piece's: not looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.draft.attributions import Attribution
from briefing.draft.paragraphs import holds, paragraphs, sentences

STRONG = re.compile(
    r"\b(?:will almost certainly|almost certainly|all but certain|certainly|for good|"
    r"inevitabl[ey]|everyone knows|everybody knows|no one (?:doubts|can deny)|"
    r"there is no (?:doubt|question)|no doubt|without (?:a )?doubt|undoubtedly|"
    r"unquestionably|beyond (?:any )?doubt|it is clear that|clearly|obviously|of course|"
    r"always|never|nobody can|(?:is|are) bound to|guaranteed|the only way)\b",
    re.I,
)
"""Words that assert without allowing doubt: a claim that needs support."""
MAX_CLAIMS = 8
"""At most this many are drafted: a review list, not an index of the piece."""


@dataclass(frozen=True)
class Claim:
    """A sentence of the piece that asserts strongly with no source, and the words that do."""

    exact: str
    marker: str


def find_claims(text: str, masked: str, stops: list[int], attributions: list[Attribution],
                body: int = 0) -> list[Claim]:
    """The sentences after `body` (the headline's end) that assert with STRONG words,
    outside quotations, and hold no attribution."""
    found: list[Claim] = []
    starts = sorted(a.start for a in attributions)
    for span in paragraphs(text):
        if span[0] < body:
            continue
        for start, end in sentences(masked, stops, span):
            strong = STRONG.search(masked, start, end)
            if strong is None or holds(starts, start, end):
                continue
            found.append(Claim(" ".join(text[start:end].split()), strong.group()))
            if len(found) == MAX_CLAIMS:
                return found
    return found
