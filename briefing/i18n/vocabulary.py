"""The ICD 203 words of a language, as `briefing check` looks for them in the prose.

The rules that keep confidence and likelihood apart (JU002) and a brief to one row of
likelihood terms (JU003) read the analyst's sentences, which are in the brief's
language: a French brief says "très probable", not "very likely". The words are the
shipped catalog's translations of the terms (briefing.i18n.terms), so the rules and
the page agree; English, and a language without a catalog, keep the English words.
Sentences end at the script's own marks too (Arabic's question mark, the ideographic
full stop).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from briefing.i18n import terms
from briefing.model import Confidence, Likelihood
from briefing.theme_lookup import DEFAULT_THEME

SENTENCE = re.compile(r"(?<=[.!?\u061f\u06d4\u0964])\s+|(?<=[\u3002\uff01\uff1f])")
"""Where a sentence ends: after . ! ? (and the Arabic question mark, the Urdu full stop,
the Devanagari danda) and a space; after an ideographic full stop or a full-width ! or ?,
with no space."""

_ENGLISH_CONFIDENCE = (r"\b(" + "|".join(c.value for c in Confidence)
                       + r")(?:ly)?[ -]confiden(?:ce|t)\b")


@dataclass(frozen=True)
class Vocabulary:
    """A language's likelihood terms and confidence phrases, and how to find them."""

    likelihood: dict[str, Likelihood]
    """Each term as the language writes it (lower case), and the term it stands for."""
    confidence: re.Pattern[str]

    @cached_property
    def likelihood_pattern(self) -> re.Pattern[str]:
        """Any of the terms, as whole words (the longest first: "very likely" before
        "likely"); made once, as every sentence of every brief is searched with it."""
        words = sorted(self.likelihood, key=len, reverse=True)
        return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)

    def word(self, term: Likelihood) -> str:
        """The language's word for `term`."""
        return next(w for w, t in self.likelihood.items() if t is term)

    def term(self, found: str) -> Likelihood:
        """The term that `found`, a match of `likelihood_pattern`, stands for."""
        return self.likelihood[found.lower()]


ENGLISH = Vocabulary({t.value: t for t in Likelihood}, re.compile(_ENGLISH_CONFIDENCE, re.I))


@cache
def vocabulary(language: str) -> Vocabulary:
    """The words of `language` (a BCP 47 tag), from its shipped catalog."""
    # Babel only for a brief in another language: checking an English brief needs none.
    if language.split("-")[0] == "en":
        return ENGLISH
    from briefing.i18n import catalogs

    if not catalogs.files_for(language, None, DEFAULT_THEME):
        return ENGLISH
    messages = catalogs.translations(language)
    likelihood = {str(messages.pgettext(*terms.term(t))).lower(): t for t in Likelihood}
    phrases = [str(messages.pgettext(*terms.term(c))) for c in Confidence]
    confidence = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, phrases)) + r")(?!\w)", re.I)
    return Vocabulary(likelihood, confidence)
