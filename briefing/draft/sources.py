"""The sources of a draft: one per speaker the attributions name, met once or often.

Attributions name the same speaker in many ways ("Sir Tony Brenton ... told Reuters",
"Brenton said", "he said", "those sources said"); `Sources` folds them into one
DraftSource each, with an id that validates, and guesses its kind and hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from briefing.draft.attributions import Attribution
from briefing.draft.speakers import bare_name, noun_of, outlet_name
from briefing.model import Hand, SourceKind
from briefing.words import ID_LENGTH, slugify


@dataclass
class DraftSource:
    """A source drafted from one or more attributions, for the analyst to review."""

    id: str
    who: str
    named: bool
    kind: SourceKind
    hand: Hand
    via: str | None = None
    anonymity: str | None = None
    matched: list[str] = field(default_factory=list)
    person: bool = False
    noun: str | None = None
    described: bool = False


_EXPERT = re.compile(
    r"\b(?:analyst|professor|researcher|fellow|economist|scholar|expert|historian|lecturer|"
    r"universit|institute|think tank|scientist|specialist|consultant|hydrologist|"
    r"political scientist|author of)", re.I,
)
_OFFICIAL = re.compile(
    r"\b(?:minister|ministry|president|spokes(?:man|woman|person)|officials?|ambassador|"
    r"envoy|secretary|senator|governor|mayor|general|commander|government|department|"
    r"police|prosecutor|kremlin|white house|pentagon|lawmaker|deputy|chancellor|council|"
    r"authority|agency|embassy|head of|chief of|director of)\b", re.I,
)
_PARTICIPANT = re.compile(
    r"\b(?:witness|resident|survivor|protest[eo]r|fighter|soldier|victim|villager|"
    r"farmer|shopkeeper|owner|worker|baker|driver|nurse|teacher|parent|mother|father|"
    r"eyewitness|who lives|who saw|who was there|refugee|patient|student)", re.I,
)


def guess_kind(attribution: Attribution) -> SourceKind:
    """The sort of source an attribution points to, from its words alone."""
    kind = attribution.kind
    if kind == "outlet":
        return SourceKind.NEWS_REPORT
    if kind in ("unnamed", "anaphor"):
        return SourceKind.UNNAMED_SOURCES
    if kind == "document":
        return SourceKind.DOCUMENT
    if kind == "data":
        return SourceKind.DATA
    words = f"{attribution.speaker} {attribution.description or ''}"
    if _OFFICIAL.search(words) and re.search(r"\b(?:former|ex-|retired)\b", words, re.I):
        return SourceKind.EXPERT
    if _EXPERT.search(words):
        return SourceKind.EXPERT
    if _OFFICIAL.search(words) or kind == "role":
        return SourceKind.OFFICIAL
    if _PARTICIPANT.search(words):
        return SourceKind.PARTICIPANT
    if attribution.verb.startswith("report"):
        return SourceKind.NEWS_REPORT
    return SourceKind.OTHER


class Sources:
    """The sources drafted so far, found by name, in the order they are met."""

    def __init__(self) -> None:
        self.items: list[DraftSource] = []
        self.by_key: dict[str, DraftSource] = {}

    def _new(self, key: str, source: DraftSource) -> DraftSource:
        ident = slugify(source.id) or "source"
        base, n = ident, 2
        while any(s.id == ident for s in self.items):
            suffix = f"-{n}"
            ident = base[: ID_LENGTH - len(suffix)].rstrip("-") + suffix
            n += 1
        source.id = ident
        self.items.append(source)
        self.by_key[key] = source
        return source

    def outlet(self, name: str, matched: str) -> DraftSource:
        key = f"outlet:{name}"
        source = self.by_key.get(key) or self._new(key, DraftSource(
            name, name, True, SourceKind.NEWS_REPORT, Hand.SECOND, via=name))
        _note(source, matched)
        return source

    def add(self, a: Attribution, relayed: str | None) -> DraftSource | None:
        """The source `a` points to, made or found, or None for a pronoun with no antecedent."""
        if a.kind == "pronoun":
            people = [s for s in self.items if s.person or a.speaker.lower() == "they"]
            return people[-1] if people else None
        if a.kind == "outlet":
            return self.outlet(outlet_name(a.speaker) or a.speaker, a.matched)
        noun = noun_of(a.speaker) if a.kind in ("anaphor", "unnamed") else None
        if a.kind == "anaphor":
            earlier = [s for s in self.items if s.noun and s.noun == noun]
            if earlier:
                _note(earlier[-1], a.matched)
                return earlier[-1]
        source = self._find(a)
        if source is None:
            named = a.kind not in ("unnamed", "anaphor")
            anonymity = None
            if not named:
                anonymity = (f'REVIEW: the piece says "{a.reason}"' if a.reason
                             else "REVIEW: does the piece say why?")
            ident = bare_name(a.speaker) if a.kind == "name" else re.sub(
                r"^(?:the|a|an)\s+", "", a.speaker, flags=re.I)
            source = self._new(self._key(a), DraftSource(
                ident, a.who, named, guess_kind(a), Hand.FIRST,
                anonymity=anonymity, person=a.kind == "name", noun=noun,
                described=a.description is not None))
        elif a.description and not source.described and source.person:
            # met again with a description ("Petrov, the ministry's spokesman, said")
            fuller = replace(a, speaker=source.who)
            source.who, source.described = fuller.who, True
            if source.kind is SourceKind.OTHER:
                source.kind = guess_kind(fuller)
        via = a.via or relayed
        if via and source.via is None:
            source.via, source.hand = via, Hand.SECOND
        _note(source, a.matched)
        if a.via:
            self.outlet(a.via, a.matched)
        return source

    def _key(self, a: Attribution) -> str:
        if a.kind == "name":
            return "name:" + slugify(bare_name(a.speaker), 200)
        return f"{a.kind}:" + slugify(a.speaker, 200)

    def _find(self, a: Attribution) -> DraftSource | None:
        found = self.by_key.get(self._key(a))
        if found or a.kind != "name":
            return found
        bare = bare_name(a.speaker).split()
        if len(bare) == 1:  # a surname met again: "Brenton said"
            people = [s for k, s in self.by_key.items()
                      if k.startswith("name:") and k[5:].split("-")[-1] == slugify(bare[0])]
            return people[-1] if people else None
        return None


def _note(source: DraftSource, matched: str) -> None:
    if matched not in source.matched:
        source.matched.append(matched)

