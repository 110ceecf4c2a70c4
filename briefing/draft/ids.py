"""Short, readable ids for drafted sources: what an analyst would type.

An id is how the analyst points at a source from a key judgment (`sources: [ruiz]`),
so it must say who at a glance and be short enough to type: a person's surname, a
body's short name or initials, the publisher and the noun of a document ("audit-
office-report"), the noun of unnamed sources with where they sit ("kremlin-sources").
Cutting the speaker's words at a length limit gives `two-diplomats-involved-in-the`,
which is neither. Uniqueness is the caller's (`Sources` adds -2, -3).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing.draft.speakers import (
    ROLE_NOUN,
    UPPER,
    bare_name,
    is_body,
    noun_of,
    outlet_name,
)
from briefing.words import slugify

_DETERMINERS = frozenset(("a", "an", "the", "one", "two", "three", "four", "five", "six",
                          "several", "some", "many", "other", "multiple", "this", "that",
                          "these", "those"))
_PROPER = re.compile(rf"[{UPPER}][\w\u2019'-]*(?:\s+(?:of|for|and|on|de|du|des|la|le)?\s*"
                     rf"[{UPPER}][\w\u2019'-]*)*")
_WHERE = re.compile(
    rf"(?:(?<![\w'\u2019])(?P<adjective>[a-z]+)(?:['\u2019]s)?\s+)?\b(?P<noun>{ROLE_NOUN})\b",
    re.I)
_POSSESSIVE = re.compile(r"^(?:(?:the|a|an)\s+)?(?P<owner>.+?)['\u2019]s\s+(?P<rest>.*)$", re.I)
_BY = (r"(?:(?:published|released|issued|compiled|prepared|commissioned|produced)\s+)?"
       r"(?:by|from|of)\s+")
"""Who a document or data comes from: "figures published by", "a report by"."""
_MAX_WORDS = 3
"""The most words of a role an id keeps ("regional-government")."""
_INITIALS = 3
"""A body's name of this many capitalised words or more goes by its initials ("imf")."""


def _slug(words: str) -> str:
    return slugify(words)


def body_id(name: str) -> str:
    """A body's id: the acronym it goes by, else its name, else its initials if long."""
    name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.I)
    acronym = next((w for w in name.split() if len(w) >= 2 and w.isupper() and w.isalpha()),
                   None)
    if acronym:
        return acronym.lower()
    words = [w for w in re.split(r"\s+", name) if w]
    if sum(w[:1].isupper() for w in words) >= _INITIALS:
        return "".join(w[0] for w in words if w[:1].isupper()).lower()
    return _slug(name)


def _where(phrase: str) -> str | None:
    """Where some sources sit, from the words after their noun: a body's short name."""
    role = _WHERE.search(phrase)
    for proper in reversed(list(_PROPER.finditer(phrase))):
        if role is None or proper.start() <= role.start("noun") < proper.end():
            return re.sub(r"['\u2019]s$", "", proper.group())
    if role:
        adjective = role.group("adjective")
        keep = adjective and adjective.lower() not in _DETERMINERS and not adjective[0].isupper()
        return f"{adjective} {role.group('noun')}" if keep else role.group("noun")
    return None


def person_id(name: str) -> str:
    """A person's id: the surname, with its particle ("van-dijk")."""
    words = bare_name(name).split()
    if len(words) >= 3 and words[-2].islower():
        return _slug(" ".join(words[-2:]))
    return _slug(words[-1]) if words else ""


def _name(speaker: str, description: str | None) -> str:
    return body_id(speaker) if is_body(speaker) else person_id(speaker)


def _outlet(speaker: str, description: str | None) -> str:
    return _slug(outlet_name(speaker) or speaker)


def _role(speaker: str, description: str | None) -> str:
    bare = re.sub(r"^(?:the|a|an)\s+", "", speaker.strip(), flags=re.I)
    proper = max((m.group() for m in _PROPER.finditer(bare)), key=len, default="")
    if " " in proper or (proper == bare and is_body(bare)):
        return body_id(proper)  # "the opposition Green Party" is a name
    owned = _POSSESSIVE.match(speaker)
    if owned:
        bare = owned.group("rest")
    head = re.split(r"\s+(?:of|for|at|in|to|on)\s+", bare, maxsplit=1)[0]
    return _slug(" ".join(head.split()[-_MAX_WORDS:]))


def _unnamed(speaker: str, description: str | None) -> str:
    noun = noun_of(speaker) or "source"
    words = speaker.split()
    at = next((i for i, w in enumerate(words) if w.lower().rstrip("s") == noun.rstrip("s")),
              len(words) - 1)
    plural = words[at] if at < len(words) else noun
    where = _where(" ".join(words[at + 1:]))
    if where:
        return _slug(f"{where} {plural}")
    before = [w for w in words[:at] if w.lower() not in _DETERMINERS]
    return _slug(" ".join([*before[-1:], plural]))


def _paper(speaker: str, description: str | None) -> str:
    noun = noun_of(speaker) or "document"
    owned = _POSSESSIVE.match(speaker)
    publisher = None
    if owned and noun in owned.group("rest").lower():
        publisher = owned.group("owner")
    else:
        after = re.search(rf"\b{re.escape(noun)}\w*\s+{_BY}(?P<publisher>.+)$", speaker, re.I)
        if after:  # a body's short name, else the last words of who published it
            words = re.sub(r"['\u2019]s?\b", "", after.group("publisher")).split()
            publisher = _where(after.group("publisher")) or " ".join(words[-2:])
    if not publisher:
        return _slug(noun)
    short = body_id(publisher) if publisher[:1].isupper() else _slug(
        " ".join(publisher.split()[-2:]))
    return _slug(f"{short} {noun}")


IDS: dict[str, Callable[[str, str | None], str]] = {
    "name": _name,
    "outlet": _outlet,
    "role": _role,
    "unnamed": _unnamed,
    "anaphor": _unnamed,
    "group": _unnamed,
    "document": _paper,
    "data": _paper,
}
"""How the id of each kind of speaker (Attribution.kind) is made from its words."""


def source_id(kind: str, speaker: str, description: str | None = None) -> str:
    """A short id for the speaker `speaker` of kind `kind`; "source" if nothing is left."""
    make = IDS.get(kind)
    return (make(speaker, description) if make else _slug(speaker)) or "source"
