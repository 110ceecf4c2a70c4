"""The words the page prints for the model's enumerations, as messages of the catalogs.

The YAML keeps its values in English in every language (`confidence: moderate`); what
the page prints for them ("moderate confidence", "confiance modérée") is a message, in
a context of its own, since one English word can be two terms ("improbable" is a
likelihood and a credibility; "other" a genre and a kind of source). The templates ask
through the `term` filter; `briefing.i18n.extract` puts every one of them in the .pot,
since no extractor can find words that stand in the model rather than in a template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any

from briefing.model import (
    Basis,
    Confidence,
    Credibility,
    Genre,
    Hand,
    Likelihood,
    Reliability,
    SourceKind,
    WatchKind,
)


def _value(member: Any) -> str:
    return str(member.value)


def _meaning(member: Any) -> str:
    return str(member.meaning)


TERMS: dict[type[Enum], tuple[str, Callable[[Any], str]]] = {
    Genre: ("genre", lambda g: f"{g.value} piece"),
    Confidence: ("confidence", lambda c: f"{c.value} confidence"),
    Likelihood: ("likelihood", _value),
    Basis: ("basis", _value),
    Hand: ("hand", lambda h: f"{h.value}-hand"),
    SourceKind: ("source kind", _value),
    WatchKind: ("watch kind", _value),
    Reliability: ("reliability", _meaning),
    Credibility: ("credibility", _meaning),
}
"""Each enumeration's message context, and the English words of a member: the msgid."""


def term(member: Enum) -> tuple[str, str]:
    """The message context and the English words for `member`."""
    context, words = TERMS[type(member)]
    return context, words(member)


def messages() -> Iterator[tuple[str, str]]:
    """Every (context, msgid) of the terms, in the order of the model."""
    for enumeration in TERMS:
        for member in enumeration:
            yield term(member)
