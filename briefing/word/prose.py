"""The analyst's prose as runs of Word text: its inline Markdown as bold, italic, links.

`briefing.inline` turns the prose into a small closed set of HTML tags (em, strong,
code, a, br), every other character escaped; read back here, each stretch of text
comes out with the marks it carries, so that Word shows what the PDF shows without a
second Markdown parser that could read the prose otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from briefing.inline import to_html


@dataclass(frozen=True)
class Span:
    """A stretch of prose and how it is set."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


class _Reader(HTMLParser):
    """Collects spans from the tags `inline.to_html` writes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.spans: list[Span] = []
        self.open: dict[str, int] = {"strong": 0, "em": 0, "code": 0}
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.open:
            self.open[tag] += 1
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            self.open[tag] = max(0, self.open[tag] - 1)
        elif tag == "a":
            self.href = None

    def handle_data(self, data: str) -> None:
        self.spans.append(Span(data, bold=self.open["strong"] > 0, italic=self.open["em"] > 0,
                               code=self.open["code"] > 0, href=self.href))


def spans(text: str) -> list[Span]:
    """The spans of the prose `text`, in order."""
    reader = _Reader()
    reader.feed(str(to_html(text)))
    reader.close()
    return [span for span in reader.spans if span.text]
