"""What a word is, and what an id is: one definition each, shared by the whole package.

The model's ids, the file stems `briefing new` accepts and the ids it drafts must be
the same pattern, or a draft would not validate; the word counts of the rules and of a
drafted piece must agree, or the limits would mean different things. This module
imports nothing from the rest of the package, so any part of it can use it.
"""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""The pattern of ids and of a brief's file stem: lower-case letters, digits, dashes."""

ID_LENGTH = 40
"""The longest an id may be (a file stem has no limit)."""

ID = re.compile(ID_PATTERN)

_LETTER = (r"[\w\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
           r"\u0900-\u0903\u093a-\u094f]")
r"""A letter, a digit, or a mark written on one: Hebrew's points, Arabic's vowels and shadda,
Devanagari's vowel signs are not `\w` to Python, and would split a word in two."""
WORD = re.compile(rf"{_LETTER}+(?:['\u2019\u05be-]{_LETTER}+)*")
"""A word: a run of letters or digits, joined by apostrophes or hyphens ("don't", "co-op")
or by Hebrew's maqaf."""


def word_count(text: str) -> int:
    """The number of words in `text` (see WORD)."""
    return len(WORD.findall(text))


def slugify(text: str, limit: int = ID_LENGTH) -> str:
    """`text` as an id: ASCII lower-case words joined by dashes, cut at a dash to `limit`.

    Letters with no ASCII form (other scripts) are dropped, so the result may be empty.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")
    while len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[:cut] if cut > 0 else slug[:limit]
    return slug.strip("-")
