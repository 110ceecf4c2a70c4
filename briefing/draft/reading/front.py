"""What a piece's first lines say of it: headline, kicker, byline, date, outlet.

A text, a PDF or a Word file rarely declares its headline or author in a way a
program can read, but its first lines say them to any reader: a short line with no
full stop is the headline; "Analysis" above it is the kind of piece; "By Ana Ruiz"
is the byline; "2 March 2026" the date. Readers call `front` when the file itself
declares nothing; it only reads the text, never changes it (quotations are checked
against the text as it stands).

Each kind of line is a small function in LINES, tried in order on each of the first
lines until the body begins (the first paragraph of sentences longer than any
headline); a short line of no kind (a press office's letterhead) is passed over.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from briefing.draft.reading.piece import About

HEAD_LINES = 10
"""How many lines at the top are looked at; the body has begun by then."""

HEADLINE_WORDS = 25
"""A headline is short: more words than this is the body."""

BODY_CHARS = 320
"""A line this long is the body, which ends the front matter."""

KICKERS: dict[str, str] = {
    "opinion": "opinion", "op-ed": "opinion", "oped": "opinion", "comment": "opinion",
    "commentary": "opinion", "column": "opinion", "editorial": "editorial",
    "analysis": "analysis", "news analysis": "analysis", "interview": "interview",
    "the interview": "interview", "q&a": "interview", "news": "news",
    "breaking news": "news", "explainer": "analysis", "feature": "feature",
    "report": "report", "press release": "other", "statement": "other",
    "media release": "other", "news release": "other",
    **dict.fromkeys(("business", "politics", "world", "national", "local", "economy",
                     "sport", "science", "health", "environment", "technology", "culture",
                     "education", "crime", "uk", "us", "europe"), "news"),
}
"""A kicker line above the headline, lower-cased, and the genre it tells (a news
section's name, "Business", tells news)."""

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_LEAD = r"(?:(?:first\s+)?(?:published|posted|dated|date)(?:\s+on)?:?\s+)?"
DATES = [re.compile(rf"{_LEAD}{_WEEKDAY}{pattern}", re.IGNORECASE) for pattern in (
    rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})",
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})",
)]
"""A full date: "March 2, 2026", "Tuesday 2 March 2026", "2026-03-02"."""

UPDATED = re.compile(r"(?:last\s+)?(?:updated|modified|edited)(?:\s+on)?:?\s+", re.IGNORECASE)
"""What opens the date of a change, which is not the date of publication."""

MONTH_ONLY = re.compile(rf"{_LEAD}{_MONTH}\s+(?P<year>\d{{4}})", re.IGNORECASE)
"""A date known to the month only: "March 2026"."""

_TIME = re.compile(r"^[\s,|·•\u2013\u2014-]*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*"
                   r"(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?[\s.]*$", re.IGNORECASE)
"""What may follow a date on a date line: a time and its zone."""

BYLINE = re.compile(r"^(?:written\s+)?by\s+(?P<names>\S.*)$", re.IGNORECASE)
PARTS = re.compile(r"\s+[|\u00b7\u2022]\s+")
"""What divides the parts of a line of several (kicker, byline, date); not dashes, which
headlines hold."""

SEPARATORS = re.compile(r"\s+[|·•]\s+|\s+[\u2014\u2013]\s+")
"""What divides a byline from the date or outlet on the same line."""

ROLE_WORDS = frozenset((
    "correspondent", "editor", "reporter", "writer", "staff", "chief", "senior", "political",
    "economics", "foreign", "diplomatic", "business", "new", "security", "defence", "defense",
    "health", "science", "columnist", "contributor", "analyst", "director", "officer",
    "spokesperson", "spokesman", "spokeswoman", "head", "press", "office", "secretary",
    "manager", "fellow", "professor", "bureau", "desk", "team", "in", "at", "for",
))
"""Words that make a byline's part a role or a place, not a name."""

OUTLET_LINE = re.compile(r"^(?:published\s+(?:in|by)|first\s+published\s+in|source:|from)\s+"
                         r"(?P<outlet>[A-Z].{1,60})$", re.IGNORECASE)
_FOR_OUTLET = re.compile(r"\s+for\s+(?P<outlet>(?:The\s+)?[A-Z][\w'\u2019&.-]*"
                         r"(?:\s+[A-Z][\w'\u2019&.-]*)*)$")

OUTLET_NAME = re.compile(r"^(?:The\s+)?[A-Z][\w'\u2019&.-]*"
                     r"(?:\s+(?:of\s+|the\s+)?[A-Z][\w'\u2019&.-]*){0,4}$")
"""What names an outlet (in a byline, a letterhead, a running header): a few
capitalised words."""

_NAME_WORD = re.compile(r"(?:[A-Z][\w'\u2019.-]*|de|da|van|von|der|del|la|le|bin|al-\w+)$")


@dataclass
class Front:
    """What the lines read so far have told."""

    about: About = field(default_factory=About)
    headline_at: int | None = None
    dek_at: int | None = None
    dek: str | None = None
    dated_at: int = -1
    byline_at: int = -1
    previous: str | None = None
    """The line before: a press release's letterhead, when the kicker follows it."""


Line = Callable[[Front, int, str], bool]
"""A kind of line: records what the line tells and says True, or says False."""


def front(text: str, about: About | None = None, made: dt.date | None = None) -> About:
    """`about` (what the file declared) completed from the first lines of `text`.

    `made` is the day the file says it was made: the piece's date only when neither
    the file nor its lines give one (a file is often made long after, or before).
    """
    state = Front(about or About())
    declared = state.about
    for index, line in enumerate(_head(text)):
        if len(line) > BODY_CHARS or _body(line):
            break  # the body has begun: the front matter is over
        if line == declared.headline:
            state.headline_at = index
            continue
        for part in PARTS.split(line):  # "Analysis · By Ana Ruiz · 2 March 2026"
            any(kind(state, index, part) for kind in LINES)  # one of no kind is passed over
            state.previous = part
    found = state.about
    if state.dek is not None and state.dek_at is not None and state.dated_at > state.dek_at:
        found = replace(found, dek=found.dek or state.dek)
    # What the file itself declares wins over what its lines suggest.
    found = replace(found, **{name: value for name, value in vars(declared).items() if value})
    if found.published is None and found.published_note is None and made is not None:
        found = replace(found, published=made)
    return found


def _body(line: str) -> bool:
    """Whether `line` is a paragraph of the body: sentences, longer than a headline."""
    return len(line.split()) > HEADLINE_WORDS and line[-1] in ".!?\u201d\"'"


def _head(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line][:HEAD_LINES]


def _kicker(state: Front, index: int, line: str) -> bool:
    genre = KICKERS.get(line.strip(" :|*_").lower())
    if genre is None:
        return False
    if state.about.genre is None:
        state.about = replace(state.about, genre=genre)
    letterhead = state.previous
    if genre == "other" and letterhead and OUTLET_NAME.match(letterhead):
        # "Norland Ports Authority" above "Press release": who issues it, not a headline.
        state.about = replace(state.about, outlet=state.about.outlet or letterhead)
        if state.about.headline == letterhead:
            state.about = replace(state.about, headline=None)
            state.headline_at = None
    return True


def _byline(state: Front, index: int, line: str) -> bool:
    match = BYLINE.match(line)
    if match is None:
        return False
    parts = SEPARATORS.split(match["names"])
    names, outlet = _names(parts[0])
    if not names:
        return False
    about = state.about
    state.about = replace(about, authors=about.authors or names,
                          outlet=about.outlet or outlet)
    state.byline_at = index
    for part in parts[1:]:  # "By Ana Ruiz | The Daily Example"
        if not _date(state, index, part) and state.about.outlet is None and OUTLET_NAME.match(part):
            state.about = replace(state.about, outlet=part)
    for comma in re.finditer(r",\s*", parts[0]):  # "By Ana Ruiz, March 2, 2026"
        if _date(state, index, parts[0][comma.end():]):
            break
    return True


def _names(text: str) -> tuple[tuple[str, ...], str | None]:
    """The authors a byline names ("Ana Ruiz and Tom Lee, Chief Correspondents"), its outlet."""
    outlet = None
    if match := _FOR_OUTLET.search(text):
        outlet, text = match["outlet"], text[:match.start()]
    found: list[str] = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", text.strip().rstrip(".")):
        words = re.split(r"\s+(?:in|at)\s+", part)[0].split()  # "Ana Ruiz in Kessel"
        if not words or len(words) > 4:
            continue
        if any(word.lower().removesuffix("s") in ROLE_WORDS for word in words):
            continue  # "Chief Correspondent", "in Kessel"
        if all(_NAME_WORD.match(word) for word in words) and words[0][0].isupper():
            # A byline set in capitals ("ANA RUIZ") is a name written as names are.
            found.append(" ".join(word.capitalize() if word.isupper() and len(word) > 1
                                  else word for word in words))
    return tuple(found), outlet


def _date(state: Front, index: int, line: str) -> bool:
    if updated := UPDATED.match(line):  # the day it was changed, not the day it came out
        return any(pattern.match(line, updated.end()) for pattern in (*DATES, MONTH_ONLY))
    for pattern in DATES:
        match = pattern.match(line)
        rest = line[match.end():] if match else ""
        if match and (not rest.strip(" .,") or _TIME.match(rest)):
            day = _day(match)
            if day is None:
                return False
            if state.about.published is None:
                state.about = replace(state.about, published=day, published_note=None)
            return True
    match = MONTH_ONLY.match(line)
    if match and not line[match.end():].strip(" .,"):
        if state.about.published is None and state.about.published_note is None:
            note = f"{match['month'].capitalize()} {match['year']}"
            state.about = replace(state.about, published_note=note)
        return True
    return False


def _day(match: re.Match[str]) -> dt.date | None:
    month = match["month"]
    number = int(month) if month.isdigit() else MONTHS[month.lower()]
    try:
        return dt.date(int(match["year"]), number, int(match["day"]))
    except ValueError:
        return None


def _beside_byline(state: Front, index: int, line: str) -> bool:
    """A part of the byline's line that is no date: the outlet ("By Ana Ruiz | The Post")."""
    if state.byline_at != index or not OUTLET_NAME.match(line):
        return False
    if state.about.outlet is None:
        state.about = replace(state.about, outlet=line)
    return True


def _outlet(state: Front, index: int, line: str) -> bool:
    match = OUTLET_LINE.match(line)
    if match is None:
        return False
    if state.about.outlet is None:
        state.about = replace(state.about, outlet=match["outlet"].rstrip(". "))
    return True


def _headline(state: Front, index: int, line: str) -> bool:
    if state.headline_at is not None:
        return False
    if len(line.split()) > HEADLINE_WORDS or line[-1] in ".:;,":
        return False
    state.headline_at = index
    if state.about.headline is None:
        state.about = replace(state.about, headline=line)
    kicker, colon, _ = line.partition(": ")  # "Analysis: Will the levy pay?"
    if colon and kicker.lower() in KICKERS and state.about.genre is None:
        state.about = replace(state.about, genre=KICKERS[kicker.lower()])
    return True


def _dek(state: Front, index: int, line: str) -> bool:
    """The line right after the headline: a dek if a byline or date line follows (`front`)."""
    if state.headline_at != index - 1:
        return False
    state.dek_at = index
    state.dek = line
    return True


def _dated(kind: Line) -> Line:
    """`kind`, noting where the last byline or date line stood (it confirms a dek above)."""
    def noted(state: Front, index: int, line: str) -> bool:
        if not kind(state, index, line):
            return False
        state.dated_at = index
        return True
    return noted


LINES: list[Line] = [
    _kicker,
    _dated(_byline),
    _dated(_date),
    _beside_byline,
    _outlet,
    _headline,
    _dek,
]
"""The kinds of lines the front matter holds, tried in this order on each line."""
