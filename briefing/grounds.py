"""What each key judgment rests on, as the page prints it: source marks and quotes.

A judgment names its sources and quotes by id, which mean nothing to a reader. On the
page each source gets a reference mark, [1], [2], in the order of the sourcing table,
whose row carries the same mark; a judgment prints the marks of its sources and the
words of the quotes it cites. The marks are numbered here, once, so that the judgment
and the table agree in every theme and in every override of their templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Brief, KeyJudgment, Quote, Source


@dataclass(frozen=True)
class CitedSource:
    """A source as a judgment cites it: the source and its mark on the page."""

    source: Source
    mark: str


@dataclass(frozen=True)
class CitedQuote:
    """A quote as a judgment cites it, and the anchor of where else the page prints it."""

    quote: Quote
    anchor: str | None


@dataclass(frozen=True)
class Grounds:
    """The marks of a brief's sources, and where its quotes with an id are printed."""

    table: bool
    """Whether the sourcing table is printed: marks point into it; without it, a
    judgment names its sources."""
    _sources: dict[str, CitedSource]
    _quotes: dict[str, CitedQuote]

    def mark(self, source: Source) -> str:
        """The source's reference mark, `[1]`: the same in the judgments and the table."""
        return self._sources[source.id].mark

    def sources(self, judgment: KeyJudgment) -> list[CitedSource]:
        """The sources `judgment` rests on, in the order it names them."""
        return [self._sources[ref] for ref in judgment.sources if ref in self._sources]

    def quotes(self, judgment: KeyJudgment) -> list[CitedQuote]:
        """The quotes `judgment` cites, in the order it names them."""
        return [self._quotes[ref] for ref in judgment.quotes if ref in self._quotes]


def quote_anchor(quote_id: str) -> str:
    """The HTML id of a quote where the page prints it (see partials/macros.html.j2)."""
    return f"quote-{quote_id}"


def grounds(brief: Brief) -> Grounds:
    """The grounds of `brief`'s judgments, as its page prints them."""
    table = brief.design.show.sourcing
    # An id given twice is an error of `briefing check` (ID002); the first one counts.
    sources: dict[str, CitedSource] = {}
    for number, source in enumerate(brief.sourcing, 1):
        sources.setdefault(source.id, CitedSource(source, f"[{number}]"))
    quotes: dict[str, CitedQuote] = {}
    for path, quote in brief.all_quotes():
        if quote.id is not None:
            anchor = quote_anchor(quote.id) if _printed(path, table) else None
            quotes.setdefault(quote.id, CitedQuote(quote, anchor))
    return Grounds(table, sources, quotes)


def _printed(path: tuple[str | int, ...], table: bool) -> bool:
    """Whether the quote at `path` is printed elsewhere on the page, with its anchor.

    The quote bank is never printed; a source's quotes only with the sourcing table.
    """
    return path[0] != "quotes" and (table or path[0] != "sourcing")
