"""The sources of a draft: one per speaker the attributions name, met once or often.

Attributions name the same speaker in many ways ("Sir Tony Brenton ... told Reuters",
"Brenton said", "he said", "those sources said"); `Sources` folds them into one
DraftSource each, with a short id (`ids`), and guesses its kind and hand, keeping
the words each guess rests on for the YAML's comments.

A group the piece speaks for ("critics say", "supporters argue", "according to
brokers") is a source: the piece relies on it for a claim. It is drafted `named:
false`, since the piece names no one in it, with an `anonymity` that asks the
analyst whether the piece says who they are (so that rule SO001, an anonymous source
whose anonymity is not discussed, is answered, and DR001 flags the question); its
kind is what its members are ("ministers": official, "farmers": participant), else
`other`. "The government says" is the government's, an official source, named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from briefing.draft.attributions import Attribution
from briefing.draft.ids import source_id
from briefing.draft.speakers import (
    AGENCIES,
    COMPANY_WORDS,
    bare_name,
    is_body,
    noun_of,
    outlet_name,
    paper_core,
)
from briefing.model import Hand, SourceKind
from briefing.words import ID_LENGTH, slugify


@dataclass
class DraftSource:
    """A source drafted from one or more attributions, for the analyst to review.

    `why_kind` and `why_hand` say what the guesses of `kind` and `hand` rest on, for the
    YAML's comments; a `provisional` source was only introduced ("Ana Ruiz is the
    ministry's spokeswoman") and is dropped unless something is then attributed to it.
    """

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
    why_kind: str | None = None
    why_hand: str | None = None
    provisional: bool = False


_EXPERT = re.compile(
    r"\b(?:analyst|professor|researcher|fellow|economist|scholar|expert|historian|lecturer|"
    r"universit|institute|think tank|scientist|specialist|consultant|hydrologist|"
    r"engineer|political scientist|author of)", re.I,
)
_OFFICIAL = re.compile(
    r"\b(?:minister|ministers|ministry|president|spokes(?:man|woman|person)|officials?|"
    r"ambassador|envoy|secretary|senator|governor|mayor|general|commander|government|"
    r"department|police|prosecutor|kremlin|white house|pentagon|lawmakers?|deputy|"
    r"chancellor|council|authority|agency|embassy|negotiator|commissioner|MP|head of|"
    r"chief of|"
    r"director of)\b", re.I,
)
_PARTICIPANT = re.compile(
    r"\b(?:witness|resident|survivor|protest[eo]r|fighter|soldier|victim|villager|"
    r"farmer|shopkeeper|owner|worker|baker|driver|nurse|teacher|parent|mother|father|"
    r"eyewitness|who lives|who saw|who was there|refugee|patient|student|who runs|"
    r"who works|who has worked|whose (?:house|home|shop|farm)|shop|commut|pharmacist|"
    r"electrician|miner|docker|crane|operator who|voted|rally|queu|waiting|farms\b|"
    r"grower|who grows|cleaner|rider|cook|waiter|waitress|porter|labou?rer|cashier|carer|"
    r"caregiver|who takes)", re.I,
)
_NOT_OFFICIAL = re.compile(
    r"\b(?:company|union|party|campaign|association|federation|institute|foundation|"
    r"alliance|coalition|operator|delegation|board|executive|owner)\b", re.I)
"""The bodies and roles of ROLE_NOUN that are not the state's."""
_PARTY = re.compile(
    r"\b(?:union|unions|trade union|association|federation|cooperative|co-operative|"
    r"alliance|campaign|campaigners|protest group|residents' group|growers|owners)\b"
    r"(?!['\u2019]s? (?:minist|government))", re.I)
"""The bodies that are parties to what a piece reports, not the state: a union, an
employers' or growers' association, a campaign; they and the people who speak for them
("the union's chief negotiator") are participants."""
_STATE = re.compile(r"\b(?:ministry|minister|government|state|police|council|authority|"
                    r"agency|department|parliament|mayor|governor)\b", re.I)
_KINDS: dict[str, tuple[SourceKind, str]] = {
    "outlet": (SourceKind.NEWS_REPORT, "a news outlet"),
    "unnamed": (SourceKind.UNNAMED_SOURCES, "the piece does not name them"),
    "anaphor": (SourceKind.UNNAMED_SOURCES, "the piece does not name them"),
    "document": (SourceKind.DOCUMENT, "a document"),
    "data": (SourceKind.DATA, "figures or data"),
}
"""The kinds of speaker whose kind of source needs no other clue."""


def _clue(pattern: re.Pattern[str], *phrases: str | None) -> str | None:
    """The first of `phrases` in which `pattern` finds a word, quoted for a comment."""
    found = next((p for p in phrases if p and pattern.search(p)), None)
    return None if found is None else f'"{found}"'


def guess_kind(attribution: Attribution) -> tuple[SourceKind, str]:
    """The sort of source an attribution points to, and the words the guess rests on."""
    kind = attribution.kind
    if kind in _KINDS:
        guessed, why = _KINDS[kind]
        return guessed, why if kind in ("outlet",) else f'{why}: "{attribution.speaker}"'
    phrases = (attribution.description, attribution.speaker)
    words = " ".join(p for p in phrases if p)
    official = _clue(_OFFICIAL, *phrases)
    if official and re.search(r"\b(?:former|ex-|retired)\b", words, re.I):
        return SourceKind.EXPERT, f"{official}: a former official"
    if expert := _clue(_EXPERT, *phrases):
        return SourceKind.EXPERT, expert
    if (party := _clue(_PARTY, *phrases)) and not _STATE.search(words):
        return SourceKind.PARTICIPANT, f"{party}: a party to the events"
    if official:
        return SourceKind.OFFICIAL, official
    if kind == "role" and not _NOT_OFFICIAL.search(attribution.speaker):
        return SourceKind.OFFICIAL, f'"{attribution.speaker}"'
    if participant := _clue(_PARTICIPANT, *phrases):
        return SourceKind.PARTICIPANT, participant
    if attribution.verb.startswith("report"):
        return SourceKind.NEWS_REPORT, f'"{attribution.verb}"'
    return SourceKind.OTHER, "nothing in the piece says more"


def _is_person(source: DraftSource) -> bool:
    return source.person


def _is_body(source: DraftSource) -> bool:
    return not source.person and source.via != source.who  # a body, not an outlet


def _anyone(source: DraftSource) -> bool:
    return True


_PRONOUNS: dict[str, Callable[[DraftSource], bool]] = {
    "he": _is_person, "she": _is_person, "it": _is_body,
}
"""Which sources met before each pronoun may stand for; "they", any."""
_AGENCY = re.compile(r"^the (?:news )?agency$", re.I)
_SPOKESPERSON = re.compile(
    r"^(?:a|an|the)\s+(?:(?P<of>[\w'\u2019 -]+?)\s+spokes(?:man|woman|person)|"
    r"spokes(?:man|woman|person)\s+(?:for|of|at)\s+the\s+(?P<for>[\w'\u2019 -]+))$", re.I)
"""An unnamed spokesperson of a body: the body's voice, not a source of their own."""


class Sources:
    """The sources drafted so far, found by name, in the order they are met."""

    def __init__(self) -> None:
        self.items: list[DraftSource] = []
        self.by_key: dict[str, DraftSource] = {}
        self.recent: list[DraftSource] = []  # as last pointed to, latest last

    @property
    def kept(self) -> list[DraftSource]:
        """The sources a draft lists: all but those only introduced."""
        return [s for s in self.items if not s.provisional]

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
            source_id("outlet", name), name, True, SourceKind.NEWS_REPORT, Hand.SECOND,
            via=name, why_kind="a news outlet", why_hand="the piece relays its reporting"))
        _note(source, matched)
        return source

    def _pointed(self, source: DraftSource, a: Attribution) -> DraftSource:
        if not a.intro:
            source.provisional = False
        if source in self.recent:
            self.recent.remove(source)
        self.recent.append(source)
        return source

    def _antecedent(self, a: Attribution) -> DraftSource | None:
        """What a pronoun or an anaphor points back to, if anything met before fits."""
        word = a.speaker.lower()
        if a.kind == "pronoun":
            fits = _PRONOUNS.get(word, _anyone)
            return next((s for s in reversed(self.recent) if fits(s)), None)
        if _AGENCY.match(a.speaker):
            return next((s for s in reversed(self.recent) if s.who in AGENCIES
                         or "agency" in s.who.lower()), None)
        noun = noun_of(a.speaker)
        return next((s for s in reversed(self.items) if s.noun and s.noun == noun), None)

    def knows_body(self, speaker: str) -> bool:
        """Whether a body met before is what "the council" (`speaker`) points back to."""
        return self._body(speaker) is not None

    def _body(self, speaker: str) -> DraftSource | None:
        """The body met before that "the council" points back to ("the town council")."""
        bare = re.fullmatch(r"the\s+(\w+)", speaker.strip(), re.I)
        if bare is None:
            return None
        noun = re.compile(rf"\b{re.escape(bare.group(1))}\b", re.I)
        ends = re.compile(rf"\b{re.escape(bare.group(1))}$", re.I)
        return next((s for s in reversed(self.recent) if s.via != s.who and (
            ends.search(s.who) or (not s.person and noun.search(s.who)))), None)

    def _spoken_for(self, speaker: str) -> DraftSource | None:
        """The body met before that an unnamed spokesperson speaks for ("a spokesman for
        the authority", "a ministry spokesperson"), if any."""
        found = _SPOKESPERSON.match(speaker.strip())
        if found is None:
            return None
        body = (found["of"] or found["for"]).split()[-1]
        return self._body(f"the {body}")

    def add(self, a: Attribution, relayed: str | None) -> DraftSource | None:
        """The source `a` points to, made or found, or None for a pronoun with no antecedent."""
        if a.kind in ("pronoun", "anaphor"):
            earlier = self._antecedent(a)
            if earlier is not None:
                _note(earlier, a.matched)
                if a.via:  # "He told Bloomberg"
                    if earlier.via is None:
                        earlier.via, earlier.hand = a.via, Hand.SECOND
                        earlier.why_hand = f"relayed through {a.via}"
                    self.outlet(a.via, a.matched)
                return self._pointed(earlier, a)
            if a.kind == "pronoun":
                return None
        if a.kind in ("role", "unnamed") and (body := self._spoken_for(a.speaker)):
            _note(body, a.matched)  # "a spokesman for the authority": the authority's voice
            return self._pointed(body, a)
        if a.kind == "role" and (body := self._body(a.speaker)) is not None:
            _note(body, a.matched)
            return self._pointed(body, a)
        if a.kind == "outlet":
            return self._pointed(self.outlet(outlet_name(a.speaker) or a.speaker, a.matched), a)
        source = self._find(a)
        if source is None:
            source = self._new(self._key(a), self._draft(a))
        elif a.description and source.person and (
                not source.described or source.kind is SourceKind.OTHER):
            # met again with a description ("Petrov, the ministry's spokesman, said")
            fuller = replace(a, speaker=source.who if not source.described else a.speaker)
            kind, why = guess_kind(fuller)
            if not source.described:
                source.who, source.described = fuller.who, True
            if source.kind is SourceKind.OTHER:
                source.kind, source.why_kind = kind, why
        via = a.via or relayed
        if via and source.via is None:
            source.via, source.hand = via, Hand.SECOND
            source.why_hand = f"relayed through {via}"
        _note(source, a.matched)
        if a.via:
            self.outlet(a.via, a.matched)
        return self._pointed(source, a)

    def _draft(self, a: Attribution) -> DraftSource:
        """A new source for the speaker of `a`."""
        named = a.kind not in ("unnamed", "anaphor", "group")
        anonymity = None
        if a.kind == "group":
            anonymity = (f'REVIEW: the piece speaks for "{a.speaker}" and names none of them: '
                         "does it say who they are?")
        elif not named:
            anonymity = (f'REVIEW: the piece says "{a.reason}"' if a.reason
                         else "REVIEW: does the piece say why?")
        kind, why = guess_kind(a)
        if a.kind == "group":
            kind, why = self._group_kind(a)
        # one unnamed person ("a former engineer at the board") is whom "she said" may mean
        person = (a.kind == "name" and not is_body(a.speaker)) or (
            a.kind == "unnamed" and re.match(r"(?:a|an|one)\s", a.speaker, re.I) is not None)
        return DraftSource(
            source_id(a.kind, a.speaker, a.description), a.who, named, kind, Hand.FIRST,
            anonymity=anonymity, person=person,
            noun=noun_of(a.speaker) if a.kind not in ("name", "role") else None,
            described=a.description is not None, why_kind=why, provisional=a.intro)

    @staticmethod
    def _group_kind(a: Attribution) -> tuple[SourceKind, str]:
        """A group's kind, from what its members are ("ministers": official)."""
        kind, why = guess_kind(replace(a, kind="name"))
        if kind is SourceKind.OTHER:
            return kind, f'a group the piece does not name: "{a.speaker}"'
        return kind, why

    def _key(self, a: Attribution) -> str:
        if a.kind == "name":
            return "name:" + slugify(bare_name(a.speaker), 200)
        if a.kind in ("document", "data") and (core := paper_core(a.speaker)):
            return f"{a.kind}:" + slugify(core, 200)  # "inspection reports", met again
        return f"{a.kind}:" + slugify(a.speaker, 200)

    def _find(self, a: Attribution) -> DraftSource | None:
        found = self.by_key.get(self._key(a))
        if found or a.kind != "name":
            return found
        key = self._key(a)
        same = [s for k, s in self.by_key.items() if k.startswith("name:") and not s.person
                and (_short_for(k[5:], key[5:]) or _short_for(key[5:], k[5:]))]
        if same:  # a company met again in short, or in full: "Mirren Gateway (Holdings)"
            return same[-1]
        bare = bare_name(a.speaker).split()
        if len(bare) == 1:  # a surname met again: "Brenton said"
            people = [s for k, s in self.by_key.items()
                      if k.startswith("name:") and k[5:].split("-")[-1] == slugify(bare[0])]
            return people[-1] if people else None
        return None


def _short_for(longer: str, shorter: str) -> bool:
    """Whether slug `shorter` is slug `longer` without the words of a company's name
    after it ("mirren-gateway" for "mirren-gateway-holdings")."""
    if not longer.startswith(shorter + "-"):
        return False
    return all(w in COMPANY_WORDS for w in longer[len(shorter) + 1:].split("-"))


def _note(source: DraftSource, matched: str) -> None:
    if matched not in source.matched:
        source.matched.append(matched)
