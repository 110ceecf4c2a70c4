"""Draft a brief from a piece's text, for `briefing new SLUG [--from ARTICLE.txt]`.

The analysis is rules of thumb on English news prose, in pure functions: it counts
words, finds the direct quotations (words in double quotes) and the attributions that
say who said or reported what ("X said", "told Reuters", "according to X", "officials
said"), ties each quotation to its speaker, and writes a commented YAML skeleton that
validates, every guess marked REVIEW for the analyst to check.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from briefing.model import Hand, SourceKind
from briefing.schema import SCHEMA_LINE

WORDS_PER_MINUTE = 230
"""Reading speed for the reading time: an adult's silent reading of non-fiction."""

MIN_QUOTE_WORDS = 3
"""Fewer words in quote marks are scare quotes or titles, not quotations."""

ID_LENGTH = 40
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""A brief's file stem, and the pattern of ids: lower-case letters, digits, dashes."""

# --- words -----------------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")


def word_count(text: str) -> int:
    """The number of words: runs of letters or digits, joined by apostrophes or hyphens."""
    return len(_WORD.findall(text))


def reading_minutes(words: int, per_minute: int = WORDS_PER_MINUTE) -> int:
    """Minutes to read `words` at `per_minute`, rounded up, at least 1."""
    return max(1, math.ceil(words / per_minute))


def slugify(text: str, limit: int = ID_LENGTH) -> str:
    """`text` as an id: ASCII lower-case words joined by dashes, cut at a dash to `limit`."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")
    while len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[:cut] if cut > 0 else slug[:limit]
    return slug.strip("-")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: blocks between blank lines, else single lines."""
    splitter = r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", text) else r"\n"
    spans, start = [], 0
    for gap in [*re.finditer(splitter, text), None]:
        end = gap.start() if gap else len(text)
        block = text[start:end]
        if block.strip():
            left = len(block) - len(block.lstrip())
            spans.append((start + left, start + len(block.rstrip())))
        start = gap.end() if gap else end
    return spans


# --- quotations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Quotation:
    """Words in double quotes: `text[start:end]` is the quotation, its marks included.

    `exact` is the quoted words as they stand (without a trailing comma, which belongs
    to the sentence around the quote), with runs of whitespace folded to one space.
    """

    exact: str
    start: int
    end: int


def _quote_spans(para: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quotation in one paragraph, its marks included.

    A quotation with no closing mark runs to the paragraph's end (`closed` is false).
    """
    spans: list[tuple[int, int, bool]] = []
    i = 0
    while (opening := para.find("\u201c", i)) != -1:
        closing = para.find("\u201d", opening + 1)
        again = para.find("\u201c", opening + 1)
        if closing == -1 or (again != -1 and again < closing):
            if again == -1:  # a quote continued in the next paragraph has no closing mark
                spans.append((opening, len(para), False))
                break
            i = again
            continue
        spans.append((opening, closing + 1, True))
        i = closing + 1
    outside = _mask(para, [(start, end) for start, end, _ in spans])
    opening = -1
    for match in re.finditer('"', outside):
        at = match.start()
        before = outside[at - 1] if at else " "
        after = outside[at + 1] if at + 1 < len(outside) else " "
        if opening < 0 and not after.isspace():
            opening = at
        elif opening >= 0 and not before.isspace():
            spans.append((opening, at + 1, True))
            opening = -1
    if opening >= 0:
        spans.append((opening, len(para), False))
    return sorted(spans)


def find_quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[Quotation]:
    """Every direct quotation: words in curly or straight double quotes, `min_words` or more.

    Block quotes without quote marks are not quotations; a quotation runs over paragraphs
    only as English prints it, with no closing mark until its last paragraph.
    """
    found: list[Quotation] = []
    for p_start, p_end in paragraphs(text):
        para = text[p_start:p_end]
        for start, end, closed in _quote_spans(para):
            body = para[start + 1 : end - 1 if closed else end].strip().rstrip(",").rstrip()
            if word_count(body) < min_words:
                continue
            found.append(Quotation(" ".join(body.split()), p_start + start, p_start + end))
    return found


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span blanked out by NUL characters, offsets unchanged."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "\0" * (end - start)
    return "".join(chars)


# --- attributions ----------------------------------------------------------------------

OUTLETS: dict[str, str] = {
    "Reuters": r"Reuters",
    "Associated Press": r"(?:the )?Associated Press|AP",
    "AFP": r"AFP|Agence France-Presse",
    "Bloomberg": r"Bloomberg(?: News)?",
    "New York Times": r"(?:the )?New York Times",
    "Washington Post": r"(?:the )?Washington Post",
    "Wall Street Journal": r"(?:the )?Wall Street Journal",
    "Financial Times": r"(?:the )?Financial Times|FT",
    "Guardian": r"(?:the )?Guardian",
    "BBC": r"(?:the )?BBC",
    "CNN": r"CNN",
    "NBC News": r"NBC(?: News)?",
    "CBS News": r"CBS(?: News)?",
    "ABC News": r"ABC(?: News)?",
    "Fox News": r"Fox News",
    "NPR": r"NPR",
    "Al Jazeera": r"Al Jazeera",
    "Politico": r"Politico",
    "Axios": r"Axios",
    "The Economist": r"(?:the )?Economist",
    "Le Monde": r"Le Monde",
    "Der Spiegel": r"(?:Der )?Spiegel",
    "Interfax": r"Interfax",
    "TASS": r"TASS|Tass",
    "RIA Novosti": r"RIA(?: Novosti)?",
    "Xinhua": r"Xinhua",
    "Kyodo": r"Kyodo(?: News)?",
    "Yonhap": r"Yonhap",
    "Haaretz": r"Haaretz",
    "Deutsche Welle": r"Deutsche Welle|DW",
    "Sky News": r"Sky News",
}
_OUTLET_NAMES = list(OUTLETS)
_OUTLET = re.compile(
    r"^(?:[Tt]he\s+)?(?:"
    + "|".join(f"(?P<o{i}>{pattern})" for i, pattern in enumerate(OUTLETS.values()))
    + r")$"
)
_OUTLET_AHEAD = re.compile(
    r"^\s*(?:[Tt]he\s+)?(?:" + "|".join(OUTLETS.values()) + r")\b(?!['\u2019]s)"
)

_SPEECH = (
    "said|says|say|told|tells|added|adds|stated|explained|noted|warned|argued|wrote|writes|"
    "claimed|insisted|acknowledged|confirmed|announced|cautioned|conceded|declared|"
    "reported|reports|report"
)
_VERB = re.compile(
    rf"\b(?:(?P<by>[Aa]ccording to|reported by|quoted by|cited by)|(?P<verb>{_SPEECH}))\b"
)
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_NAME_WORD = rf"(?:[{_UPPER}][\w'\u2019.-]*|[a-z]{{1,3}}-[{_UPPER}][\w'\u2019-]*)"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|bin|ibn|al|el|la|le|du|dos|das|y)"
_NAME = re.compile(
    rf"^(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,5}}$"
)
def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_NOT_NAMES = _word_set(
    """a about after all also an and another any as asked at because before both but by
    despite during each earlier either even every few for from he her here his however i
    if in instead it its last later many meanwhile more most much my neither no nor not now
    of on once one only or other others our over several she since so some speaking still
    such than that the their them then there these they this those though thus to today
    tomorrow under until we what when where whether which while who why with yesterday yet
    you monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december"""
)
_LEADING = re.compile(r"^(?:(?:[Aa]s|[Aa]nd|[Bb]ut|[Yy]et|[Ss]o|[Mm]eanwhile|[Hh]owever|"
                      r"[Ss]till|[Bb]oth|[Nn]ow)[\s,]+)+")
_UNNAMED_NOUN = (
    r"officials?|sources?|diplomats?|people|persons?|insiders?|aides?|advis[eo]rs?|officers?|"
    r"analysts|experts|observers|critics|residents|witnesses|authorities|"
    r"individuals?|members?|staffers?|employees?|someone"
)
_UNNAMED = re.compile(
    r"^(?:(?:a|an|one|two|three|four|five|six|several|some|many|other|multiple|\d+)\s+)?"
    r"(?:[\w'\u2019.-]+\s+){0,3}?"
    rf"(?P<noun>{_UNNAMED_NOUN})"
    r"(?P<rest>\s+(?:familiar with|close to|with knowledge of|briefed on|in|at|from|of|"
    r"inside|within|involved in|who)\b.*)?$",
    re.I | re.S,
)
_ANAPHOR = re.compile(
    r"^(?:the|those|these|that|this|the same)\s+"
    r"(?P<noun>officials?|sources?|diplomats?|people|persons?|aides?|insiders?)$",
    re.I,
)
_ROLE_NOUN = (
    r"ministry|department|government|police|army|military|agency|office|embassy|"
    r"spokes(?:man|woman|person)|company|council|commission|authority|mayor|governor|"
    r"president|prime minister|minister|secretary|court|prosecutors?|regulator|union|"
    r"party|campaign|ambassador|envoy|commander|chief|head|director|board|"
    r"White House|Kremlin|Pentagon|State Department|Foreign Office"
)
_ROLE = re.compile(
    rf"^(?:(?:the|a|an|[{_UPPER}][\w-]*['\u2019]s)\s+)(?:[\w'\u2019.-]+\s+){{0,4}}?"
    rf"(?:{_ROLE_NOUN})(?:\s+(?:of|for|at|in|to)\s+.+)?$|^(?:Police|Prosecutors)$",
    re.S,
)
_PAPER = re.compile(
    r"^(?:(?:a|an|the|[\w'\u2019-]+['\u2019]s)\s+)?(?:[\w'\u2019-]+\s+){0,3}?"
    r"(?:(?P<data>figures|data|statistics|estimates?|census|poll|survey)|"
    r"(?P<document>report|statement|document|study|memo|letter|filing|assessment|"
    r"analysis|briefing|transcript|ruling|indictment|complaint|paper))\b",
    re.I,
)
_REASON = re.compile(
    r"(?:who |because |as |since |on (?:the )?condition )[^.;\0]*?"
    r"(?:anonym|not (?:authori[sz]ed|allowed|permitted|to be (?:named|identified))|"
    r"be named|be identified|sensitiv|confidential|private|speak (?:publicly|freely|"
    r"on the record))[^.;,\0]*",
    re.I,
)
_TITLES = _word_set(
    """sir dame lord lady dr mr mrs ms miss prof professor president vice prime minister
    secretary senator sen rep representative gov governor mayor general gen col colonel
    lt sgt capt captain admiral adm ambassador judge justice chancellor king queen prince
    princess sheikh rev father pope deputy chief foreign interior defence defense finance
    economy health state commander chairman chairwoman chair spokesman spokeswoman
    spokesperson the"""
)
_ABBREVIATIONS = _word_set(
    "mr mrs ms dr st gen col lt sgt capt prof sen rep gov jr sr rev no vs etc inc corp co "
    "ltd jan feb mar apr aug sept sep oct nov dec fig approx"
)


@dataclass(frozen=True)
class Attribution:
    """Words in the piece that say who said or reported something.

    `kind` is what the speaker is: a `name` (a person or body named), an `outlet` (a news
    organisation), `unnamed` sources, a `role` ("the ministry"), a `document` or `data`,
    a `pronoun` (he, she, they) or an `anaphor` ("those sources"), which stand for a
    speaker met before. `via` is the outlet the words were told to ("told Reuters").
    """

    matched: str
    start: int
    end: int
    speaker: str
    kind: str
    verb: str
    description: str | None = None
    via: str | None = None
    reason: str | None = None
    described_before: bool = False

    @property
    def who(self) -> str:
        """The speaker with its description, as the piece gives them."""
        speaker = self.speaker if self.kind == "name" else _capital(self.speaker)
        if not self.description or (self.reason and self.reason in self.description):
            return speaker
        if self.described_before:
            return f"{_capital(self.description)} {speaker}"
        return f"{speaker}, {self.description}"


def _is_stop(text: str, i: int) -> bool:
    """Whether the character at `i` ends a clause: a sentence end, ; : ( ) a dash, a quote."""
    ch = text[i]
    if ch in ";:()!?\0\u2014\u2013":
        return True
    if ch == "." and (i + 1 == len(text) or text[i + 1].isspace() or text[i + 1] == "\0"):
        word = re.search(r"([\w.]*)$", text[max(0, i - 40):i])
        before = word.group(1).replace(".", "").lower() if word else ""
        return not (before in _ABBREVIATIONS or (len(before) == 1 and text[i - 1].isupper()))
    return False


CLAUSE = 400
"""The farthest, in characters, a speaker is looked for from its verb."""


def _clause_start(stops: list[int], floor: int, at: int) -> int:
    """Where the clause that ends at `at` starts: after the last stop before it."""
    k = bisect.bisect_left(stops, at)
    return max(floor, at - CLAUSE, stops[k - 1] + 1 if k else floor)


def _clause_end(stops: list[int], at: int, ceiling: int) -> int:
    """Where the clause that starts at `at` ends: at the first stop from it."""
    k = bisect.bisect_left(stops, at)
    return min(ceiling, at + CLAUSE, stops[k] if k < len(stops) else ceiling)


def _outlet(head: str) -> str | None:
    """The outlet's name in OUTLETS if `head` names one ("the AP" -> "Associated Press")."""
    found = _OUTLET.match(head)
    return _OUTLET_NAMES[int(found.lastgroup[1:])] if found and found.lastgroup else None


def classify(head: str) -> str | None:
    """What kind of speaker `head` names (see Attribution.kind), or None if it names none."""
    head = head.strip()
    if not head or "\0" in head or len(head) > 160:
        return None
    if head.lower() in ("he", "she", "they"):
        return "pronoun"
    if _outlet(head):
        return "outlet"
    if _ANAPHOR.match(head):
        return "anaphor"
    if _UNNAMED.match(head) and not re.search(rf"\b[{_UPPER}][a-z]+\s+[{_UPPER}][a-z]+", head):
        return "unnamed"
    if paper := _PAPER.match(head):
        return "data" if paper.group("data") else "document"
    if _ROLE.match(head):
        return "role"
    if _NAME.match(head):
        words = head.split()
        if words[0].lower() in _NOT_NAMES or (len(words) == 1 and len(head) < 2):
            return None
        return "name"
    return None


@dataclass(frozen=True)
class _Head:
    """A speaker found next to a verb: where its words stand, and what kind it is."""

    start: int
    end: int
    text: str
    kind: str
    description: str | None
    reach: int = -1  # where its description ends, when it follows the head
    described_before: bool = False  # "Foreign minister Ana Ruiz", not "Ana Ruiz, a ..."


def _segments(text: str, offset: int) -> list[tuple[int, str]]:
    """The comma-separated parts of `text`, stripped, with their absolute offsets."""
    parts = []
    for m in re.finditer(r"[^,]+", text):
        part = m.group()
        if part.strip():
            parts.append((offset + m.start() + len(part) - len(part.lstrip()), part.strip()))
    return parts


def _head(start: int, text: str, description: str | None) -> _Head | None:
    """The speaker `text` names, or failing that the longest speaker its last words name."""
    lead = _LEADING.match(text)
    if lead:
        start, text = start + lead.end(), text[lead.end():]
    kind = classify(text)
    if kind:
        return _Head(start, start + len(text), text, kind, description)
    words = list(re.finditer(r"\S+", text))
    for k in range(max(1, len(words) - 8), len(words)):
        tail = text[words[k].start():]
        kind = classify(tail)
        if kind:
            # "Britain's foreign minister Ana Ruiz": the words before a name describe it
            before = text[: words[k].start()].strip().rstrip(",").split()
            if (description is None and kind == "name" and 0 < len(before) <= 5
                    and before[0].lower() not in _NOT_NAMES):
                return _Head(start + words[k].start(), start + len(text), tail, kind,
                             " ".join(before), described_before=True)
            return _Head(start + words[k].start(), start + len(text), tail, kind, description)
    return None


_RANK = {"name": 0, "outlet": 0, "unnamed": 1, "role": 1, "document": 2, "data": 2}


def _left_head(text: str, offset: int) -> _Head | None:
    """The speaker before a verb: "X said", "X, a Y, said", "Y, X, said"."""
    parts = _segments(text, offset)
    if not parts:
        return None
    if not text.rstrip().endswith(","):
        return _head(*parts[-1], None)
    heads: list[_Head] = []
    if len(parts) >= 2:
        for k in range(len(parts) - 2, max(-1, len(parts) - 5), -1):
            found = _head(*parts[k], ", ".join(p for _, p in parts[k + 1:]))
            if found:
                heads.append(found)
                break
        flipped = _head(*parts[-1], parts[-2][1])
        if flipped:
            heads.append(flipped)
    heads = [h for h in heads if h.kind not in ("pronoun", "anaphor") or h.description is None]
    return min(heads, key=lambda h: _RANK.get(h.kind, 3)) if heads else None


def _right_head(text: str, offset: int, at_start: bool) -> _Head | None:
    """The speaker after a verb: "said X", "said X, a Y", "according to X"."""
    parts = _segments(text, offset)
    if not parts:
        return None
    start, head = parts[0]
    kind = classify(head)
    if kind is None:
        return None
    if len(parts) > 1 and not at_start:
        at, nxt = parts[1]
        if kind == "role" and classify(nxt) == "name":  # "said the ministry's spokesman, X"
            return _Head(at, at + len(nxt), nxt, "name", head, at + len(nxt), True)
        if re.match(rf"^(?:a|an|the|who|[{_UPPER}][\w-]*['\u2019]s)\b|^[a-z]", nxt):
            return _Head(start, start + len(head), head, kind, nxt, at + len(nxt))
    return _Head(start, start + len(head), head, kind, None, start + len(head))


def find_attributions(text: str, quotations: list[Quotation] | None = None) -> list[Attribution]:
    """Every attribution found outside the quotations, in the order of the text."""
    if quotations is None:
        quotations = find_quotations(text, min_words=1)
    masked = _mask(text, [(q.start, q.end) for q in quotations])
    found: list[Attribution] = []
    stops = [i for i in range(len(masked)) if _is_stop(masked, i)]
    for p_start, p_end in paragraphs(text):
        for verb in _VERB.finditer(masked, p_start, p_end):
            attribution = _attribution(masked, text, stops, (p_start, p_end), verb)
            if attribution:
                found.append(attribution)
    return found


def _attribution(masked: str, text: str, stops: list[int], paragraph: tuple[int, int],
                 verb: re.Match[str]) -> Attribution | None:
    v_start, v_end = verb.span()
    left_start = _clause_start(stops, paragraph[0], v_start)
    right_end = _clause_end(stops, v_end, paragraph[1])
    left = masked[left_start:v_start]
    right = masked[v_end:right_end]
    head: _Head | None = None
    subject_first = False
    if verb.group("by"):
        head = _right_head(right, v_end, at_start=not left.strip())
    else:
        head = _left_head(left, left_start)
        subject_first = head is not None
        if head is None and (not left.strip() or left.rstrip().endswith(",")) and (
            verb.group("verb") not in ("report", "reports", "say")
        ):
            head = _right_head(right, v_end, at_start=False)
    if head is None:
        return None
    via = None
    end = v_end
    if subject_first:
        start = head.start
        lead = re.search(r"\b[Aa]s\s+$", masked[left_start:head.start])
        if lead and head.kind == "outlet":
            start = left_start + lead.start()
        if verb.group("verb") in ("told", "tells") and (ahead := _OUTLET_AHEAD.match(right)):
            via = _outlet(ahead.group().strip())
            end = v_end + ahead.end()
    else:
        start, end = v_start, head.reach
    if head.kind == "outlet" and via is None and head.description is None:
        via = _outlet(head.text)
    reason = _REASON.search(masked, head.start, max(right_end, end))
    return Attribution(
        matched=" ".join(text[start:end].split()),
        start=start,
        end=end,
        speaker=" ".join(head.text.split()),
        kind=head.kind,
        verb=verb.group(),
        description=" ".join(head.description.split()) if head.description else None,
        via=via,
        reason=" ".join(reason.group().split()) if reason else None,
        described_before=head.described_before,
    )


# --- the draft: sources and quotes -----------------------------------------------------


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


def _bare_name(name: str) -> str:
    """A person's name without the titles before it: 'Sir Tony Brenton' -> 'Tony Brenton'."""
    words = name.split()
    last_title = -1
    for i, word in enumerate(words[:-1]):
        if word.lower().strip(".") in _TITLES:
            last_title = i
    return " ".join(words[last_title + 1:])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Sources:
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
            return self.outlet(_outlet(a.speaker) or a.speaker, a.matched)
        noun = None
        if a.kind in ("anaphor", "unnamed"):
            m = _ANAPHOR.match(a.speaker) or _UNNAMED.match(a.speaker)
            noun = m.group("noun").lower().rstrip("s") if m else None
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
            ident = _bare_name(a.speaker) if a.kind == "name" else re.sub(
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
            return "name:" + slugify(_bare_name(a.speaker), 200)
        return f"{a.kind}:" + slugify(a.speaker, 200)

    def _find(self, a: Attribution) -> DraftSource | None:
        found = self.by_key.get(self._key(a))
        if found or a.kind != "name":
            return found
        bare = _bare_name(a.speaker).split()
        if len(bare) == 1:  # a surname met again: "Brenton said"
            people = [s for k, s in self.by_key.items()
                      if k.startswith("name:") and k[5:].split("-")[-1] == slugify(bare[0])]
            return people[-1] if people else None
        return None


def _note(source: DraftSource, matched: str) -> None:
    if matched not in source.matched:
        source.matched.append(matched)


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


def _headline(text: str) -> str | None:
    """The first line when it reads as a headline: short, with no closing punctuation."""
    spans = paragraphs(text)
    if not spans:
        return None
    first = text[spans[0][0]:spans[0][1]]
    if "\n" in first.strip() or not 2 <= word_count(first) <= 16:
        return None
    if first.rstrip()[-1] in ".!:;,\"\u201d\u2019)" or len(spans) < 2:
        return None
    return " ".join(first.split())


def analyse(text: str) -> Analysis:
    """Count the words, find the quotations and attributions, and tie them together."""
    words = word_count(text)
    marked = find_quotations(text, min_words=1)
    quotations = [q for q in marked if word_count(q.exact) >= MIN_QUOTE_WORDS]
    masked = _mask(text, [(q.start, q.end) for q in marked])
    attributions = find_attributions(text, marked)
    spans = paragraphs(text)

    def paragraph_of(at: int) -> int:
        return next((i for i, (s, e) in enumerate(spans) if s <= at < e), -1)

    relayed = _relayed_paragraphs(text, attributions)
    sources = _Sources()
    resolved: dict[int, DraftSource | None] = {}
    for a in attributions:
        resolved[a.start] = sources.add(a, relayed.get(paragraph_of(a.start)))

    drafts: list[DraftQuote] = []
    seen: set[str] = set()
    previous: tuple[Quotation, Attribution] | None = None
    for q in quotations:
        linked = _link(q, attributions, masked, paragraph_of)
        if linked is None and previous is not None:
            prev_q, prev_a = previous
            between = [a for a in attributions
                       if prev_q.end <= a.start < q.start and a is not prev_a]
            if not between and 0 <= paragraph_of(q.start) - paragraph_of(prev_q.start) <= 1:
                linked = prev_a
        previous = (q, linked) if linked else None
        if q.exact in seen:
            continue
        seen.add(q.exact)
        context, source_id = None, None
        if linked is not None:
            source = resolved.get(linked.start)
            source_id = source.id if source else None
            if linked.kind in ("pronoun", "anaphor"):
                context = source.who if source else None
            else:
                context = linked.matched
        drafts.append(DraftQuote(f"q{len(drafts) + 1}", q.exact, context, source_id))
    return Analysis(words, reading_minutes(words), drafts, sources.items, _headline(text))


def _link(q: Quotation, attributions: list[Attribution], masked: str,
          paragraph_of: Callable[[int], int]) -> Attribution | None:
    """The attribution that says who spoke quotation `q`: right after it, or before it in
    the same sentence ("X said: '...'")."""
    here = paragraph_of(q.start)
    mine = [a for a in attributions if paragraph_of(a.start) == here]
    after = next((a for a in mine if a.start >= q.end
                  and re.fullmatch(r"[\s,]*", masked[q.end:a.start])), None)
    before = None
    for a in mine:
        if a.end <= q.start:
            gap = masked[a.end:q.start]
            if len(gap) <= 200 and not any(_is_stop(masked, a.end + i) and masked[a.end + i]
                                           in ".!?;" for i in range(len(gap))):
                before = a
    if before is not None and re.fullmatch(r"\s*[:,]\s*", masked[before.end:q.start]):
        return before
    return after or before


# --- the YAML --------------------------------------------------------------------------


def scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same string."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 30)
    text = dumped.removesuffix("\n").removesuffix("\n...").strip()
    if "\n" in text or yaml.safe_load(text) != value:
        text = json.dumps(value, ensure_ascii=False)
    return text


def relative_source(article: Path, yaml_dir: Path) -> str:
    """The path of `article` relative to the folder of the YAML file, with forward slashes."""
    try:  # lexically, not through symlinks: the path the user gave is the one kept
        rel = os.path.relpath(article.absolute(), yaml_dir.absolute())
    except ValueError:  # another drive, on Windows
        rel = str(article.absolute())
    return Path(rel).as_posix()


class _Lines:
    """YAML lines, each with an optional comment in an aligned column."""

    COLUMN = 29

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str = "", comment: str | None = None) -> None:
        if comment:
            line = f"{line:<{self.COLUMN - 1}} # {comment}"
        self.lines.append(line.rstrip())

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def draft_yaml(slug: str, article_text: str | None = None, article_path: str | None = None,
               today: dt.date | None = None, analysis: Analysis | None = None) -> str:
    """The commented YAML of a new brief, filled from `article_text` when it is given.

    `article_path` is the article's path relative to the YAML file's folder (see
    `relative_source`). The result validates as a brief; every value to replace says
    REVIEW.
    """
    today = today or dt.date.today()
    if analysis is None and article_text is not None:
        analysis = analyse(article_text)
    out = _Lines()
    out(SCHEMA_LINE)
    out(f"# A new brief, drafted by `briefing new` on {today.isoformat()}: replace every REVIEW")
    out("# value, check every REVIEW comment, then run `briefing check` on this file.")
    out("# docs/format.md explains each field; docs/authoring.md, the way of work.")
    if analysis is not None:
        minutes = "minute" if analysis.minutes == 1 else "minutes"
        out(f"# The piece: {analysis.words} words, about {analysis.minutes} {minutes} to read "
            f"(at {WORDS_PER_MINUTE} words a minute).")
        out(f"# Found in it by rules of thumb: {_count(len(analysis.quotes), 'quotation')} "
            "(in `quotes:`, at the end)")
        out(f"# and {_count(len(analysis.sources), 'source')} (in `sourcing:`); "
            "check each against the piece.")
    out()
    _piece(out, slug, analysis, article_path)
    _meta(out, today)
    _judgments(out, analysis)
    _motives(out)
    _sourcing(out, analysis)
    _critique(out)
    _watch(out)
    _quotes(out, analysis)
    return out.text()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _piece(out: _Lines, slug: str, analysis: Analysis | None, path: str | None) -> None:
    out("piece:", "the piece being briefed")
    if analysis is not None and analysis.headline:
        out(f"  headline: {scalar(analysis.headline)}", "REVIEW: the text's first line")
    else:
        out(f"  headline: {scalar('REVIEW: the headline, as published')}")
    out("  # dek: the subtitle or standfirst, if any")
    out(f"  outlet: {scalar('REVIEW: where it was published')}")
    out("  # url: https://...", "where it can be read")
    out("  # author: ...", "author and published: leave out when unknown,")
    out("  # published: YYYY-MM-DD", 'and the brief says "not stated"')
    out("  # published_note: what is known of the date when it is not stated")
    out("  genre: news", "REVIEW: news, analysis, opinion, editorial,")
    out("", "feature, interview, report or other")
    if path is not None:
        out(f"  source_text: {scalar(path)}", "every quote is checked against it")
    else:
        out(f"  # source_text: sources/{slug}.txt", "the piece's text (UTF-8), relative to")
        out("", "this file: every quote is checked against it")
    out()


def _meta(out: _Lines, today: dt.date) -> None:
    out("meta:", "the brief itself")
    out(f"  title: {scalar('REVIEW: the title of the brief')}")
    out(f"  analyst: {scalar('REVIEW: your name')}")
    out(f"  prepared: {today.isoformat()}", "the PDF's date comes from here")
    out("  # language: en", "BCP 47 tag of the brief's language")
    out()
    out("# Bottom line up front: the conclusion, and why, in 40 words at most.")
    out(f"bluf: {scalar('REVIEW: the bottom line, in 40 words at most')}")
    out()


def _judgments(out: _Lines, analysis: Analysis | None) -> None:
    source = analysis.sources[0].id if analysis and analysis.sources else "reuters"
    quote = analysis.quotes[0].id if analysis and analysis.quotes else "q1"
    out("# Key judgments, most important first: at least one.")
    out("key_judgments:")
    out(f"  - text: {scalar('REVIEW: a judgment, in one or two sentences')}")
    out("    confidence: low", "ICD 203: low, moderate or high")
    out("    # likelihood: likely", "optional ICD 203 term; one row per brief")
    out("    sources: []", f"ids from sourcing, as [{source}]")
    out("    quotes: []", f"ids of quotes, as [{quote}]")
    out()


def _motives(out: _Lines) -> None:
    out("# What drives the actors, and the author: one entry per actor and motive.")
    out("motives:")
    out(f"  - actor: {scalar('REVIEW: who (a state, a group, a person, the author)')}")
    out(f"    motive: {scalar('REVIEW: what drives them, in a sentence')}")
    out("    basis: inferred", "stated (the piece says so) or inferred")
    out("    evidence: []", "quotes that show it: - exact: the words")
    out("    confidence: low", "ICD 203: low, moderate or high")
    out()


_SOURCE_HELP = (
    "# Each source the piece relies on. kind: official, expert, participant, document,",
    "# data, news report, unnamed sources, author or other; hand: first, or second when",
    "# relayed; reliability (A-F) and credibility (1-6) are Admiralty grades, F and 6",
    "# meaning \"cannot be judged\": grade them yourself.",
)


def _sourcing(out: _Lines, analysis: Analysis | None) -> None:
    for line in _SOURCE_HELP:
        out(line)
    if analysis is not None and analysis.sources:
        out("# Drafted from the attributions in the piece: check every one, merge or delete.")
    out("sourcing:")
    if analysis is None or not analysis.sources:
        _source_entry(out, DraftSource(
            "source-1", "REVIEW: who the source is, as the piece presents it", True,
            SourceKind.OTHER, Hand.FIRST))
    else:
        for source in analysis.sources:
            for matched in source.matched:
                out(f"  # REVIEW: drafted from {json.dumps(matched, ensure_ascii=False)}")
            _source_entry(out, source)
    out()


def _source_entry(out: _Lines, source: DraftSource) -> None:
    out(f"  - id: {source.id}")
    out(f"    who: {scalar(source.who)}")
    out(f"    named: {'true' if source.named else 'false'}")
    if source.anonymity is not None:
        out(f"    anonymity: {scalar(source.anonymity)}")
    out(f"    kind: {scalar(source.kind.value)}", "guessed")
    hand = None
    if source.via:
        hand = ("the piece relays its reporting" if source.via == source.who
                else f"relayed through {source.via}")
    out(f"    hand: {source.hand.value}", hand)
    out("    reliability: F", "cannot be judged: grade it")
    out("    credibility: 6", "cannot be judged: grade it")
    out(f"    supports: {scalar('REVIEW: what does it support?')}")


def _critique(out: _Lines) -> None:
    out("# What holds up and what does not; each quote must be the piece's exact words.")
    out("critique:")
    out("  strengths: []", "- {point: ..., quote: {exact: ...}}")
    out("  factual_errors: []", "- {claim: {exact: ...}, correction: ...}")
    out("  unsupported_claims: []", "- {claim: {exact: ...}, issue: ...}")
    out("  missing_perspectives:")
    out(f"    - who: {scalar('REVIEW: whose perspective is missing')}")
    out(f"      why: {scalar('REVIEW: why it matters to the argument')}")
    out("  rhetoric: []", "- {device: ..., quote: {exact: ...}, effect: ...}")
    out()


def _watch(out: _Lines) -> None:
    out("# Open questions, and indicators that would confirm or refute a judgment.")
    out("watch:")
    out("  - kind: question", "or indicator")
    out(f"    text: {scalar('REVIEW: an open question, or a sign to watch for')}")
    out()


def _quotes(out: _Lines, analysis: Analysis | None) -> None:
    out("# The quote bank: quotes kept for reference and not printed, checked against the")
    out("# source text like every quote. Copy the words you use (not the id) into evidence,")
    out("# sourcing or critique, or point a key judgment at one by its id: quotes: [q1].")
    if analysis is None or not analysis.quotes:
        found = "" if analysis is None else " (none was found in the piece)"
        out("quotes: []", f"briefing new --from fills it{found}")
        return
    out("# Every direct quotation in the piece, with who said it when that could be told.")
    out("quotes:")
    for quote in analysis.quotes:
        out(f"  - id: {quote.id}")
        out(f"    exact: {scalar(quote.exact)}")
        if quote.context:
            out(f"    context: {scalar(quote.context)}")
        if quote.source:
            out(f"    source: {quote.source}")
