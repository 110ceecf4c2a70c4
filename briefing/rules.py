"""Hold a valid brief to the standards of the trade (docs/rules.md lists the rules).

Each rule has a stable code, a severity and a fix. Errors stop a build; warnings are
printed and the build goes on (`--strict` makes them errors).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from briefing import theme_lookup
from briefing.errors import Diagnostic, Severity
from briefing.i18n.vocabulary import SENTENCE, vocabulary
from briefing.inline import to_plain
from briefing.model import Brief, Likelihood
from briefing.positions import FieldPath, YamlDocument
from briefing.quotes import Missing, PieceText, Reason, normalise
from briefing.suggest import did_you_mean
from briefing.validate.describe import where
from briefing.words import word_count

PLACEHOLDER = "DR001"
"""The code of a REVIEW placeholder: `briefing build --draft` lets a brief keep them."""
DRAFT_ADVICE = "; meanwhile `briefing build --draft` prints the brief as a draft"
"""How a placeholder's hint ends, except in a draft, which has taken the advice."""
BLUF_WORDS = 40
PAGE_WORDS = 450
"""Prose a one-page brief holds once headings and tables take their room."""


@dataclass(frozen=True)
class Rule:
    """A standard a brief is held to."""

    code: str
    name: str
    severity: Severity
    summary: str


RULES = {
    rule.code: rule
    for rule in (
        Rule("BR001", "bluf-too-long", Severity.WARNING,
             f"The bottom line is over {BLUF_WORDS} words."),
        Rule("BR002", "too-long-for-one-page", Severity.WARNING,
             f"The prose is over about {PAGE_WORDS} words, more than fits one page."),
        Rule("JU001", "judgment-without-confidence", Severity.ERROR,
             "A key judgment has no confidence level."),
        Rule("JU002", "confidence-and-likelihood-in-one-sentence", Severity.ERROR,
             "A sentence has both a confidence level and a likelihood term."),
        Rule("JU003", "mixed-likelihood-rows", Severity.ERROR,
             "The brief mixes the two rows of likelihood terms (likely / probable)."),
        Rule("MO001", "motive-without-evidence", Severity.WARNING,
             "A motive has no quote from the piece to show it."),
        Rule("SO001", "anonymity-not-discussed", Severity.WARNING,
             "An anonymous source, and the brief does not say why it is unnamed."),
        Rule("QU001", "quote-not-in-source", Severity.ERROR,
             "A quote is not found in the piece's source text."),
        Rule("ID001", "unknown-id", Severity.ERROR,
             "A reference to a source or quote id that does not exist."),
        Rule("ID002", "duplicate-id", Severity.ERROR,
             "Two sources, or two quotes, have the same id."),
        Rule("DA001", "date-in-future", Severity.ERROR,
             "A date is later than today."),
        Rule("DA002", "prepared-before-published", Severity.ERROR,
             "The brief is dated before the piece it briefs."),
        Rule("DE001", "unknown-theme", Severity.ERROR,
             "design.theme names a theme that does not exist."),
        Rule("DR001", "review-placeholder", Severity.ERROR,
             "A value still holds a REVIEW placeholder of `briefing new`."),
    )
}


class _Context:
    """What the rules look at: the brief, its YAML document and the text of its piece."""

    def __init__(self, doc: YamlDocument, brief: Brief, piece_text: PieceText | None,
                 today: dt.date) -> None:
        self.doc, self.brief, self.piece_text, self.today = doc, brief, piece_text, today
        # The ICD 203 words as the brief's language writes them (briefing.i18n.vocabulary).
        self.vocabulary = vocabulary(brief.meta.language)

    def finding(self, code: str, path: FieldPath, message: str, hint: str) -> Diagnostic:
        return self.doc.diagnostic(path, message, hint, code=code, severity=RULES[code].severity)


Check = Callable[[_Context], Iterator[Diagnostic]]
_CHECKS: list[Check] = []


def _check(function: Check) -> Check:
    _CHECKS.append(function)
    return function


def check_brief(doc: YamlDocument, brief: Brief, piece_text: PieceText | None,
                today: dt.date | None = None) -> list[Diagnostic]:
    """Every finding of every rule on `brief`, in the order of the file."""
    context = _Context(doc, brief, piece_text, today or dt.date.today())
    found = [f for check in _CHECKS for f in check(context)]
    return sorted(found, key=lambda f: (f.location.line or 0, f.location.column or 0, f.code or ""))


def prose(brief: Brief) -> Iterator[tuple[FieldPath, str]]:
    """Every piece of the analyst's prose in the brief, with its path, as the reader
    sees it: without its inline markup (a link's address is not words of the page)."""
    for path, text in _marked_up_prose(brief):
        yield path, to_plain(text)


def _marked_up_prose(brief: Brief) -> Iterator[tuple[FieldPath, str]]:
    """The prose as typed, with its inline Markdown."""
    yield ("bluf",), brief.bluf
    for i, kj in enumerate(brief.key_judgments):
        yield ("key_judgments", i, "text"), kj.text
    for i, m in enumerate(brief.motives):
        yield ("motives", i, "motive"), m.motive
    for i, s in enumerate(brief.sourcing):
        yield ("sourcing", i, "supports"), s.supports
    c = brief.critique
    for i, st in enumerate(c.strengths):
        yield ("critique", "strengths", i, "point"), st.point
    for i, e in enumerate(c.factual_errors):
        yield ("critique", "factual_errors", i, "correction"), e.correction
    for i, u in enumerate(c.unsupported_claims):
        yield ("critique", "unsupported_claims", i, "issue"), u.issue
    for i, mp in enumerate(c.missing_perspectives):
        yield ("critique", "missing_perspectives", i, "why"), mp.why
    for i, r in enumerate(c.rhetoric):
        yield ("critique", "rhetoric", i, "effect"), r.effect
    for i, w in enumerate(brief.watch):
        yield ("watch", i, "text"), w.text


@_check
def _bluf_length(ctx: _Context) -> Iterator[Diagnostic]:
    count = word_count(to_plain(ctx.brief.bluf))
    if count > BLUF_WORDS:
        yield ctx.finding("BR001", ("bluf",), f"the bottom line has {count} words",
                          f"cut it to {BLUF_WORDS} words or fewer: the conclusion, and why")


@_check
def _page_length(ctx: _Context) -> Iterator[Diagnostic]:
    total = sum(word_count(text) for _, text in prose(ctx.brief))
    # The quote bank is working material, not printed: it does not take room on the page.
    total += sum(word_count(q.exact) for path, q in ctx.brief.all_quotes() if path[0] != "quotes")
    if total > PAGE_WORDS:
        yield ctx.finding("BR002", (), f"the brief has about {total} words of prose and quotes",
                          f"a one-page brief holds about {PAGE_WORDS}; shorten the longest "
                          "sections, or the build will shrink the type or fail")


@_check
def _confidence_given(ctx: _Context) -> Iterator[Diagnostic]:
    for i, kj in enumerate(ctx.brief.key_judgments):
        if kj.confidence is None:
            yield ctx.finding("JU001", ("key_judgments", i), f"key judgment {i + 1} has no "
                              "confidence level", "add 'confidence: low', 'moderate' or 'high'")




@_check
def _confidence_with_likelihood(ctx: _Context) -> Iterator[Diagnostic]:
    words = ctx.vocabulary
    for path, text in prose(ctx.brief):
        for sentence in SENTENCE.split(text):
            conf = words.confidence.search(sentence)
            term = words.likelihood_pattern.search(sentence)
            if conf and term:
                yield ctx.finding(
                    "JU002", path,
                    f"'{conf.group(0)}' and '{term.group(0)}' stand in the same sentence",
                    "ICD 203 keeps them apart: give the likelihood in the sentence and the "
                    "confidence in its own field or sentence",
                )


@_check
def _likelihood_rows(ctx: _Context) -> Iterator[Diagnostic]:
    words = ctx.vocabulary
    used: list[tuple[FieldPath, Likelihood]] = []
    for i, kj in enumerate(ctx.brief.key_judgments):
        if kj.likelihood is not None:
            used.append((("key_judgments", i, "likelihood"), kj.likelihood))
    pattern = words.likelihood_pattern
    for path, text in prose(ctx.brief):
        used += [(path, words.term(m.group(1))) for m in pattern.finditer(text)]
    rows = Counter(term.row for _, term in used)
    if len(rows) < 2:
        return
    major = rows.most_common(1)[0][0]
    example = next(term for _, term in used if term.row == major)
    for path, term in used:
        if term.row != major:
            yield ctx.finding(
                "JU003", path,
                f"'{words.word(term)}' is from the other row of likelihood terms than "
                f"'{words.word(example)}'",
                f"use one row in a brief: replace it with '{words.word(term.in_row(major))}'",
            )


@_check
def _motive_evidence(ctx: _Context) -> Iterator[Diagnostic]:
    for i, m in enumerate(ctx.brief.motives):
        if not m.evidence:
            yield ctx.finding("MO001", ("motives", i), f"the motive of {m.actor} has no evidence",
                              "quote the words of the piece that show it under 'evidence:'")


@_check
def _anonymity(ctx: _Context) -> Iterator[Diagnostic]:
    for i, s in enumerate(ctx.brief.sourcing):
        if not s.named and not s.anonymity:
            yield ctx.finding(
                "SO001", ("sourcing", i, "named"), f"'{s.who}' is anonymous and the brief does "
                "not say why", "add 'anonymity:' with the piece's reason, or that it gives none",
            )


@_check
def _quotes_found(ctx: _Context) -> Iterator[Diagnostic]:
    if ctx.piece_text is None:
        return
    for path, quote in ctx.brief.all_quotes():
        missing = ctx.piece_text.missing(quote.exact)
        if missing is not None:
            yield ctx.finding(
                "QU001", (*path, "exact"),
                f"quote not found in {ctx.piece_text.path.name}: \"{_shorten(quote.exact)}\"",
                _QUOTE_HINTS[missing.reason](ctx.piece_text, missing),
            )


def _misquoted(text: PieceText, missing: Missing) -> str:
    words = "" if missing.alone else f'the words "{_shorten(missing.part)}" are not in the piece; '
    return (f"{words}the closest passage is \"{text.closest(missing.part)}\"; copy the words "
            "exactly as they stand in the piece")


def _out_of_order(_text: PieceText, missing: Missing) -> str:
    return (f"\"{_shorten(missing.part)}\" is in the piece, but not after "
            f"\"{_shorten(missing.after or '')}\" in the same paragraph; the parts of a quote "
            "around \"...\" must stand in the piece's order, within one paragraph")


def _across_paragraphs(_text: PieceText, missing: Missing) -> str:
    return ("the words run over a paragraph break of the piece; a quote stands within one "
            "paragraph: quote each paragraph's words apart")


_QUOTE_HINTS: dict[Reason, Callable[[PieceText, Missing], str]] = {
    Reason.MISQUOTED: _misquoted,
    Reason.OUT_OF_ORDER: _out_of_order,
    Reason.ACROSS_PARAGRAPHS: _across_paragraphs,
}
"""The hint of QU001 for each reason a quote is not found."""


def _shorten(text: str, limit: int = 80) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@_check
def _ids(ctx: _Context) -> Iterator[Diagnostic]:
    brief = ctx.brief
    sources: dict[str, FieldPath] = {}
    for i, s in enumerate(brief.sourcing):
        if s.id in sources:
            yield _duplicate(ctx, "source", s.id, ("sourcing", i, "id"), sources[s.id])
        sources.setdefault(s.id, ("sourcing", i, "id"))
    quotes: dict[str, FieldPath] = {}
    for path, q in brief.all_quotes():
        if q.id is None:
            continue
        if q.id in quotes:
            yield _duplicate(ctx, "quote", q.id, (*path, "id"), quotes[q.id])
        quotes.setdefault(q.id, (*path, "id"))
    for i, kj in enumerate(brief.key_judgments):
        for j, ref in enumerate(kj.sources):
            if ref not in sources:
                yield _unknown(ctx, "source", ref, ("key_judgments", i, "sources", j), sources)
        for j, ref in enumerate(kj.quotes):
            if ref not in quotes:
                yield _unknown(ctx, "quote", ref, ("key_judgments", i, "quotes", j), quotes)
    for path, q in brief.all_quotes():
        if q.source is not None and q.source not in sources:
            yield _unknown(ctx, "source", q.source, (*path, "source"), sources)


def _duplicate(ctx: _Context, kind: str, ident: str, path: FieldPath,
               first: FieldPath) -> Diagnostic:
    line = ctx.doc.locate(first).line
    return ctx.finding("ID002", path, f"the {kind} id '{ident}' is used twice",
                       f"the first is on line {line}; give each {kind} its own id")


def _unknown(ctx: _Context, kind: str, ref: str, path: FieldPath,
             known: dict[str, FieldPath]) -> Diagnostic:
    close = did_you_mean(ref, known)
    hint = f"did you mean '{close}'?" if close else (
        f"known {kind} ids: {', '.join(known)}" if known else f"no {kind} has an id yet")
    return ctx.finding("ID001", path, f"no {kind} has the id '{ref}'", hint)


@_check
def _dates(ctx: _Context) -> Iterator[Diagnostic]:
    piece, meta = ctx.brief.piece, ctx.brief.meta
    for path, value in ((("piece", "published"), piece.published),
                        (("meta", "prepared"), meta.prepared)):
        if value is not None and value > ctx.today:
            yield ctx.finding("DA001", path, f"{value.isoformat()} is in the future",
                              f"today is {ctx.today.isoformat()}; check the year and month")
    if piece.published is not None and meta.prepared < piece.published:
        yield ctx.finding(
            "DA002", ("meta", "prepared"),
            f"the brief is dated {meta.prepared.isoformat()}, before the piece "
            f"({piece.published.isoformat()})",
            "check both dates: a brief is prepared after the piece is published",
        )


@_check
def _theme(ctx: _Context) -> Iterator[Diagnostic]:
    name = ctx.brief.design.theme
    try:
        theme_lookup.theme(name)
    except theme_lookup.UnknownThemeError as exc:
        yield ctx.finding("DE001", ("design", "theme"), exc.message, exc.hint or "")


# The skeleton's placeholders start with the word; one pasted into a sentence keeps its
# colon. Capitals only: "review" is a word an analyst writes.
_REVIEW = re.compile(r"^\s*REVIEW\b|\bREVIEW:")


def _strings(data: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string value of the loaded YAML, with its path (keys are not values)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


@_check
def _review_placeholders(ctx: _Context) -> Iterator[Diagnostic]:
    # The YAML's data rather than the brief's fields: a placeholder in any field counts,
    # and comments (`# REVIEW: drafted from ...`) are not in it.
    for path, text in _strings(ctx.doc.data):
        if not _REVIEW.search(text):
            continue
        yield ctx.finding(
            PLACEHOLDER, path, f"{where(path)} still holds a placeholder: \"{_shorten(text)}\"",
            f"replace it with what it asks for{_or_delete(path)}{DRAFT_ADVICE}",
        )


def _or_delete(path: FieldPath) -> str:
    """A placeholder in a list's item can go with its item: say which one."""
    last = max((i for i, part in enumerate(path) if isinstance(part, int)), default=None)
    if last is None:
        return ""
    return f", or delete the item {where(path[: last + 1])}"
