"""The skeleton: the commented YAML of a new brief, filled from an Analysis if any.

Written line by line rather than dumped, so that every field can carry its comment and
every guess its REVIEW mark; `scalar` keeps each value a string that reads back as
written. The result must validate as it stands (`draft_brief` checks that it does).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import yaml

from briefing.draft.analysis import WORDS_PER_MINUTE, Analysis, analyse
from briefing.draft.reading import About
from briefing.draft.sources import DraftSource
from briefing.model import MAX_TEXT, Genre, Hand, SourceKind
from briefing.schema import SCHEMA_LINE

GENRES = frozenset(genre.value for genre in Genre)
DEFAULT_GENRE = "news"
"""The genre a draft writes, for review, when the piece does not state one: most pieces
a reader brings are news reports, and the analyst is asked to check it."""
URL = re.compile(r"https?://\S+")
"""What `piece.url` accepts (the model's pattern)."""


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
        if comment:  # words of the piece may be in it: a line break would end the comment
            line = f"{line:<{self.COLUMN - 1}} # {' '.join(comment.split())}"
        self.lines.append(line.rstrip())

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def draft_yaml(slug: str, article_text: str | None = None, article_path: str | None = None,
               today: dt.date | None = None, analysis: Analysis | None = None,
               about: About | None = None, origin: tuple[str, str] | None = None) -> str:
    """The commented YAML of a new brief, filled from `article_text` when it is given.

    `article_path` is the path of the piece's text relative to the YAML file's folder
    (see `relative_source`); `about` is what the file declares of the piece, and
    `origin` is that file's kind and path, as ("web page", "sources/x.html"). The result
    validates as a brief; every value to replace says REVIEW, and every value found has
    a REVIEW comment.
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
        if analysis.claims:
            out(f"# {_count(len(analysis.claims), 'sentence')} may be unsupported claims "
                "(in `critique:`): confirm or delete each.")
    out()
    _piece(out, slug, analysis, article_path, about, origin)
    _meta(out, today)
    _judgments(out, analysis)
    _motives(out)
    _sourcing(out, analysis)
    _critique(out, analysis)
    _watch(out)
    _quotes(out, analysis)
    return out.text()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def authors(names: tuple[str, ...]) -> str | None:
    """Authors as `piece.author` prints them: "Ana Ruiz", "A and B", "A, B and C"."""
    if not names:
        return None
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _fits(value: str | None) -> str | None:
    """`value` with its whitespace folded, or None when it cannot be a brief's text."""
    if value is None:
        return None
    folded = " ".join(value.split())
    return folded if 0 < len(folded) <= MAX_TEXT else None


def _piece(out: _Lines, slug: str, analysis: Analysis | None, path: str | None,
           about: About | None, origin: tuple[str, str] | None) -> None:
    about = about or About()
    found = f"REVIEW: found in the {origin[0]}" if origin else "REVIEW: the text's first lines"
    out("piece:", "the piece being briefed")
    headline = _fits(about.headline)
    if headline:
        out(f"  headline: {scalar(headline)}", found)
    elif analysis is not None and analysis.headline:
        out(f"  headline: {scalar(analysis.headline)}", "REVIEW: the text's first line")
    else:
        out(f"  headline: {scalar('REVIEW: the headline, as published')}")
    if dek := _fits(about.dek):
        out(f"  dek: {scalar(dek)}", found)
    else:
        out("  # dek: the subtitle or standfirst, if any")
    if outlet := _fits(about.outlet):
        out(f"  outlet: {scalar(outlet)}", found)
    else:
        out(f"  outlet: {scalar('REVIEW: where it was published')}")
    url = about.url if about.url and URL.fullmatch(about.url) else None
    if url:
        out(f"  url: {scalar(url)}", found)
    else:
        out("  # url: https://...", "where it can be read")
    author = _fits(authors(about.authors))
    if author:
        out(f"  author: {scalar(author)}", found)
    else:
        out("  # author: ...", "author and published: leave out when unknown,")
    if about.published:
        out(f"  published: {about.published.isoformat()}", found)
    elif note := _fits(about.published_note):
        out(f"  published_note: {scalar(note)}", found)
    else:
        out("  # published: YYYY-MM-DD", 'and the brief says "not stated"')
        out("  # published_note: what is known of the date when it is not stated")
    if about.genre in GENRES:
        out(f"  genre: {about.genre}", f"{found}; or news, analysis, opinion,")
    else:
        out(f"  genre: {DEFAULT_GENRE}", "REVIEW: news, analysis, opinion, editorial,")
    out("", "feature, interview, report or other")
    if path is not None:
        out(f"  source_text: {scalar(path)}", "every quote is checked against it")
        if origin:
            out("", f"(the text of the {origin[0]} {origin[1]})")
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
    out(f"    kind: {scalar(source.kind.value)}",
        f"guessed: {source.why_kind}" if source.why_kind else "guessed")
    hand = source.why_hand
    if hand is None and source.via:
        hand = ("the piece relays its reporting" if source.via == source.who
                else f"relayed through {source.via}")
    if hand is None and source.matched:
        hand = "guessed: the piece names no go-between"
    out(f"    hand: {source.hand.value}", hand)
    out("    reliability: F", "cannot be judged: grade it")
    out("    credibility: 6", "cannot be judged: grade it")
    out(f"    supports: {scalar('REVIEW: what does it support?')}")


def _critique(out: _Lines, analysis: Analysis | None) -> None:
    out("# What holds up and what does not; each quote must be the piece's exact words.")
    out("critique:")
    out("  strengths: []", "- {point: ..., quote: {exact: ...}}")
    out("  factual_errors: []", "- {claim: {exact: ...}, correction: ...}")
    if analysis is None or not analysis.claims:
        out("  unsupported_claims: []", "- {claim: {exact: ...}, issue: ...}")
    else:
        out("  # Drafted: sentences that assert strongly and name no source. Keep the ones")
        out("  # the piece does not back up, saying what is missing; delete the others.")
        out("  unsupported_claims:")
        for claim in analysis.claims:
            out("    - claim:")
            out(f"        exact: {scalar(claim.exact)}")
            issue = (f'REVIEW: "{claim.marker}", and no source in the sentence: does the '
                     "piece back it up? Say what is missing, or delete this item")
            out(f"      issue: {scalar(issue)}")
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
