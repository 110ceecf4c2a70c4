"""Who a speaker is, from the words that name them: a person, an outlet, a role,
unnamed sources, a document or data.

The vocabularies here (news outlets, titles, the nouns of unnamed sources and of
roles) are what the attributions and the drafted sources both judge words by;
`classify` is the one place that says what kind of speaker some words name.
"""

from __future__ import annotations

import re

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
"""The news outlets known by name, each with the ways a piece writes it."""
AGENCIES = frozenset(["Reuters", "Associated Press", "AFP", "Bloomberg", "Interfax", "TASS",
                      "RIA Novosti", "Xinhua", "Kyodo", "Yonhap"])
"""The outlets of OUTLETS that are news agencies: what "the agency said" may point back to."""
_OUTLET_NAMES = list(OUTLETS)
_OUTLET = re.compile(
    r"^(?:[Tt]he\s+)?(?:"
    + "|".join(f"(?P<o{i}>{pattern})" for i, pattern in enumerate(OUTLETS.values()))
    + r")$"
)
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
"""The capitals a name starts with, for a character class: ASCII and Latin-1."""
OUTLET_AHEAD = re.compile(
    r"^\s*(?:[Tt]he\s+)?(?:" + "|".join(OUTLETS.values()) + r")\b(?!['\u2019]s)"
)
"""An outlet at the start of some words, not its possessive ("told Reuters", not
"told Reuters' editor")."""
DESCRIBED_OUTLET = re.compile(
    r"^\s*(?:the\s+)?(?:[a-z-]+\s+){0,2}(?:broadcaster|newspaper|daily|weekly|radio|"
    r"television|TV|channel|news agency|news site|news website|magazine)\s+"
    rf"(?P<name>[{UPPER}][\w&'\u2019-]*(?:\s+[{UPPER}][\w&'\u2019-]*){{0,3}})"
    r"(?!['\u2019]s)"
)
"""An outlet the vocabulary does not know, told by what it is ("told the regional
broadcaster NRK")."""

NAME_WORD = rf"(?:[{UPPER}][\w'\u2019.-]*|[a-z]{{1,3}}-[{UPPER}][\w'\u2019-]*)"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|bin|ibn|al|el|la|le|du|dos|das|y)"
_NAME = re.compile(
    rf"^(?:[Tt]he\s+)?{NAME_WORD}(?:\s+(?:(?:{_PARTICLE}|of|for|and|on|&)\s+(?:the\s+)?)?"
    rf"{NAME_WORD}){{0,5}}$"
)
"""A capitalised name, a person's ("Ana de la Cruz") or a body's ("Royal College of
Midwives", "Institute for Digital Rights")."""


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


NOT_NAMES = _word_set(
    """a about after all also an and another any as asked at because before both but by
    despite during each earlier either even every few for from he her here his however i
    if in instead it its last later many meanwhile more most much my neither no nor not now
    of on once one only or other others our over several she since so some speaking still
    such than that the their them then there these they this those though thus to today
    tomorrow under until we what when where whether which while who why with yesterday yet
    you monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december"""
)
"""Capitalised words that start a sentence, not a name ("Yesterday Ruiz said")."""
_UNNAMED_NOUN = (
    r"officials?|sources?|diplomats?|people|persons?|insiders?|aides?|advis[eo]rs?|officers?|"
    r"analysts|experts|observers|critics|residents|witnesses|authorities|"
    r"individuals?|members?|staffers?|employees?|someone|managers?|workers?|engineers?|"
    r"drivers?|nurses?|doctors?|teachers?|soldiers?|guards?|miners?|dockers?|farmers?|"
    r"residents?|police officers?|negotiators?|midwi(?:fe|ves)|paramedics?|pilots?|clerks?|"
    r"planners?|inspectors?|technicians?|controllers?"
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
    r"^(?:(?:one|some|two|three|several|many|most|all) of )?"
    r"(?:the|those|these|that|this|the same)\s+"
    r"(?P<noun>officials?|sources?|diplomats?|people|persons?|aides?|insiders?|agency|"
    r"reports?|memos?|stud(?:y|ies)|surveys?|polls?|statements?|documents?|letters?|figures|"
    r"data)$",
    re.I,
)
_GROUP_NOUN = (
    r"supporters|opponents|critics|residents|farmers|employers|economists|analysts|experts|"
    r"observers|brokers|traders|investors|ministers|campaigners|activists|scientists|"
    r"doctors|lawyers|groups|unions|shopkeepers|drivers|workers|miners|dockers|parents|"
    r"teachers|villagers|locals|forecasters|environmentalists|businesses|landlords|tenants|"
    r"commuters|passengers|users|voters|lawmakers|legislators|governments|countries|"
    r"leaders|researchers|forwarders|agents|hauliers|carriers|retailers|growers|fishermen|"
    r"midwives|nurses|patients|pensioners|economists|bankers|executives"
)
_GROUP = re.compile(
    r"^(?:(?:the|some|many|other|most|local|several)\s+)?(?:[\w'\u2019-]+\s+){0,2}?"
    rf"(?P<noun>{_GROUP_NOUN})"
    r"(?:\s+(?:of|in|at|from|for|on|across|along|working|who|close to|around)\b.*)?$",
    re.I | re.S,
)
"""A group the piece speaks for without naming anyone in it ("critics say")."""
ROLE_NOUN = (
    r"ministry|department|government|police|army|military|agency|office|embassy|"
    r"spokes(?:man|woman|person)|company|council|commission|authority|mayor|governor|"
    r"president|prime minister|minister|secretary|court|prosecutors?|regulator|union|"
    r"party|campaign|ambassador|envoy|commander|chief|head|director|board|delegation|"
    r"association|federation|institute|foundation|alliance|coalition|operator|service|"
    r"negotiator|MP|lawmaker|senator|representative|executive|trust|chamber|inspectorate|"
    r"watchdog|"
    r"White House|Kremlin|Pentagon|State Department|Foreign Office"
)
_ROLE = re.compile(
    rf"^(?:(?:the|a|an|[{UPPER}][\w-]*['\u2019]s)\s+)(?:(?!(?:the|a|an)\s)[\w'\u2019.-]+\s+)"
    rf"{{0,4}}?(?:{ROLE_NOUN})(?:\s+(?:of|for|at|in|to)\s+.+)?$|^(?:Police|Prosecutors)$",
    re.S | re.I,
)
ORG_WORDS = _word_set(
    """party union institute association federation ministry department agency office
    council commission committee authority bank group company corporation construction
    engineering minerals mining energy airlines motors industries holdings partners fund
    foundation university college school hospital court police army navy church league
    alliance coalition network service services lines airways shipping logistics systems
    technologies labs media pharmaceuticals ltd inc corp co plc gmbh sa ag"""
)
"""Words that make a capitalised name a body's, not a person's ("Green Party")."""
COMPANY_WORDS = _word_set(
    """group holdings mining minerals energy motors industries airlines airways lines
    shipping logistics ltd inc corp co plc gmbh sa ag corporation company construction
    engineering pharmaceuticals technologies systems partners"""
)
"""Words that make a body's name a company's ("Mirren Gateway Holdings"): what "the
company" may stand for, and what a company's name may be met again without."""
_PAPER = re.compile(
    r"^(?:(?:a|an|the|[\w'\u2019-]+['\u2019]s)\s+)?(?:[\w'\u2019-]+\s+){0,4}?"
    r"(?:(?P<data>figures|data|statistics|estimates?|census|polls?|surveys?)|"
    r"(?P<document>reports?|statements?|documents?|stud(?:y|ies)|memos?|letters?|filings?|"
    r"assessments?|analysis|briefing|transcripts?|ruling|indictment|complaint|papers?|"
    r"agreement|decree|contracts?|audits?|accounts|budgets?|invoices?|draft|minutes|records|"
    r"emails|messages|cables))\b"
    r"(?:\s+(?:by|from|of|on|in|for|published|released|issued|seen|obtained|compiled|"
    r"prepared|commissioned|presented|sent|written|leaked|dated|shared)\b.*)?$",
    re.I | re.S,
)
_TITLES = _word_set(
    """sir dame lord lady dr mr mrs ms miss prof professor president vice prime minister
    secretary senator sen rep representative gov governor mayor general gen col colonel
    lt sgt capt captain admiral adm ambassador judge justice chancellor king queen prince
    princess sheikh rev father pope deputy chief foreign interior defence defense finance
    economy health state commander chairman chairwoman chair spokesman spokeswoman
    spokesperson mp mep councillor councilor alderman leader opposition local the"""
)
ABBREVIATIONS = _word_set(
    "mr mrs ms dr st gen col lt sgt capt prof sen rep gov jr sr rev no vs etc inc corp co "
    "ltd jan feb mar apr aug sept sep oct nov dec fig approx"
)
"""Words whose dot does not end a sentence, titles most of them ("Gen. Ruiz said")."""


def outlet_name(head: str) -> str | None:
    """The outlet's name in OUTLETS if `head` names one ("the AP" -> "Associated Press")."""
    found = _OUTLET.match(head)
    return _OUTLET_NAMES[int(found.lastgroup[1:])] if found and found.lastgroup else None


def classify(head: str) -> str | None:
    """What kind of speaker `head` names (see Attribution.kind), or None if it names none."""
    head = head.strip()
    if not head or "\0" in head or len(head) > 160:
        return None
    if head.lower() in ("he", "she", "they", "it"):
        return "pronoun"
    if outlet_name(head):
        return "outlet"
    if _ANAPHOR.match(head):
        return "anaphor"
    if _GROUP.match(head) and not re.search(rf"\b[{UPPER}][a-z]+\s+[{UPPER}][a-z]+", head):
        return "group"
    if _UNNAMED.match(head) and not re.search(rf"\b[{UPPER}][a-z]+\s+[{UPPER}][a-z]+", head):
        return "unnamed"
    if paper := _PAPER.match(head):
        return "data" if paper.group("data") else "document"
    if _ROLE.match(head):
        return "role"
    if _NAME.match(head):
        words = head.split()
        if words[0].lower() == "the" and len(words) > 1:  # "the International Monetary Fund"
            words = words[1:]
        if words[0].lower() in NOT_NAMES or (len(words) == 1 and len(head) < 2):
            return None
        return "name"
    return None


def paper_core(speaker: str) -> str | None:
    """The words that name a document or data set, without an article or what follows
    the noun ("Inspection reports from March 2024" -> "inspection reports"), when they
    are two words or more: what a paper met again is known by."""
    found = _PAPER.match(speaker.strip())
    if found is None:
        return None
    noun_end = found.end("data") if found.group("data") else found.end("document")
    words = speaker.strip()[:noun_end].split()
    if words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    return " ".join(words).lower() if len(words) >= 2 else None


def noun_of(speaker: str) -> str | None:
    """The noun, singular, of unnamed sources, a group, a paper or an anaphor ("those
    officials" -> "official", "a report by the audit office" -> "report")."""
    found = (_ANAPHOR.match(speaker) or _GROUP.match(speaker) or _UNNAMED.match(speaker)
             or _PAPER.match(speaker))
    if found is None:
        return None
    noun = found.group("noun") if "noun" in found.re.groupindex else (
        found.group("data") or found.group("document"))
    noun = noun.lower()
    plurals = ("data", "figures", "statistics", "news", "minutes", "records", "emails",
               "messages", "cables")
    return noun if noun in plurals else noun.rstrip("s")


def is_body(name: str) -> bool:
    """Whether a capitalised name is a body's (a party, a company, an acronym), not a person's.

    Titles before a person's name are not the name ("Local MP Gareth Lloyd")."""
    words = bare_name(name).split()
    return any(w.lower().strip(".,") in ORG_WORDS for w in words) or any(
        len(w) >= 2 and w.isupper() for w in words)


def bare_name(name: str) -> str:
    """A person's name without the titles before it: 'Sir Tony Brenton' -> 'Tony Brenton'."""
    words = name.split()
    last_title = -1
    for i, word in enumerate(words[:-1]):
        if word.lower().strip(".") in _TITLES:
            last_title = i
    return " ".join(words[last_title + 1:])


def capital(text: str) -> str:
    """`text` with its first letter upper-case; unlike str.capitalize, the rest is kept."""
    return text[:1].upper() + text[1:]

