"""Which named body "the union" or "the company" stands for.

News prose names a body once, often without saying that it said anything ("The
strike, called by the Harbour and Transport Workers' Union, ..."), and then quotes it
by its noun ("The union said"). When no source drafted before fits ("the union" of
`Sources`), the body is the last one the piece named before the attribution whose
name ends in that noun ("... Workers' Union"), or, for a firm, the last company it
named ("Ostrava Mining Group"): one source, under its name, not two.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.draft.attributions import Attribution
from briefing.draft.speakers import COMPANY_WORDS, NAME_WORD, is_body

_BARE = re.compile(
    r"^the\s+(?P<noun>union|company|firm|group|operator|authority|council|board|"
    r"association|federation|institute|ministry|party|agency|commission|alliance|"
    r"inspectorate|regulator|bank|trust|foundation|chamber|department|service)$",
    re.I,
)
_FIRMS = frozenset(
    ["company", "firm", "group", "operator"]
)
"""The nouns that stand for a business, whatever its name ends in."""
_BODY_NAME = re.compile(
    rf"(?<![\w'\u2019-]){NAME_WORD}(?:\s+(?:(?:and|of|for|on|&)\s+)?{NAME_WORD})*"
)


def _fits(noun: str, name: str) -> bool:
    words = [w.lower().strip(".,'\u2019") for w in name.split()]
    if noun in _FIRMS:
        return any(w in COMPANY_WORDS for w in words)
    return words[-1].rstrip("s") == noun.rstrip("s") and len(words) > 1


def named_before(text: str, a: Attribution) -> Attribution | None:
    """`a` ("The union said") as the body the piece named before it, if one fits."""
    bare = _BARE.match(a.speaker.strip())
    if bare is None:
        return None
    noun = bare.group("noun").lower()
    found = None
    for match in _BODY_NAME.finditer(text, 0, a.start):
        name = re.sub(r"^(?:The|A|An)\s+", "", " ".join(match.group().split()))
        if _fits(noun, name) and is_body(name):
            found = name
    if found is None:
        return None
    return replace(a, speaker=found, kind="name")
