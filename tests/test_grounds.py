"""Key judgments show their grounds: the marks of their sources, which the sourcing
table's rows carry too, and the words of the quotes they cite; the HTML and the PDF
link them to the rows and quotes they stand for.

Each theme builds one brief, once a module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from pypdf import PdfReader

from briefing import Builder

THEMES = ("memo", "sheet", "contrast")

SOURCES = [
    {"id": "wire", "who": "The Wire Agency", "named": True, "kind": "news report",
     "hand": "second", "reliability": "B", "credibility": 2, "supports": "The timeline."},
    {"id": "insider", "who": "An Unnamed Insider", "named": False, "anonymity": "Not given.",
     "kind": "unnamed sources", "hand": "first", "reliability": "F", "credibility": 3,
     "supports": "The motive.",
     "quotes": [{"exact": "we never planned to stay", "id": "stay"}]},
    {"id": "expert", "who": "Professor Ada Expert", "named": True, "kind": "expert",
     "hand": "first", "reliability": "A", "credibility": 2, "supports": "The history."},
]
JUDGMENTS = [
    {"text": "The first judgment rests on two sources.", "confidence": "high",
     "sources": ["wire", "expert"]},
    {"text": "The second judgment rests on the insider and two quotes.",
     "confidence": "moderate", "sources": ["insider"], "quotes": ["stay", "banked"]},
    {"text": "The third judgment rests on nothing named.", "confidence": "low"},
]
BANK = [{"exact": "the words kept in the bank", "id": "banked"}]
"""A quote of the quote bank: printed nowhere else, so only in the judgment citing it."""


class Built(NamedTuple):
    """One brief built to HTML and PDF."""

    html: str
    text: str
    pdf: Path


def brief_with(write_brief: Callable[..., Path], folder: Path, stem: str,
               **design: Any) -> Path:
    """A brief whose judgments cite the three sources and two quotes above."""
    return write_brief(folder, stem, sourcing=SOURCES, key_judgments=JUDGMENTS,
                       quotes=BANK, design=design)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory,
          write_brief: Callable[..., Path]) -> Callable[..., Built]:
    """`built(stem, **design)`: the HTML and the PDF's text and path, built once."""
    folder = tmp_path_factory.mktemp("grounds")
    cache: dict[str, Built] = {}

    def make(stem: str, **design: Any) -> Built:
        if stem not in cache:
            path = brief_with(write_brief, folder, stem, **design)
            Builder(out=folder / "out", formats=("html", "pdf"), force=True).build(path)
            out = folder / "out" / stem
            pdf = out.with_suffix(".pdf")
            cache[stem] = Built(out.with_suffix(".html").read_text(encoding="utf-8"),
                                pdf_text(pdf), pdf)
        return cache[stem]

    return make


def pdf_text(path: Path) -> str:
    """The PDF's text, spaces folded."""
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def judgment_items(html: str) -> list[str]:
    """The HTML of each key judgment's list item."""
    section = re.search(r'<section class="judgments".*?</section>', html, re.DOTALL)
    assert section
    return re.findall(r"<li>(.*?)</li>", section.group(0), re.DOTALL)


def plain(html: str) -> str:
    """The text of an HTML fragment, tags removed and spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.mark.parametrize("theme", THEMES)
def test_each_judgment_prints_the_marks_the_sourcing_table_carries(
    theme: str, built: Callable[..., Built]
) -> None:
    text = built(theme, theme=theme).text
    # In the judgments: each mark after the text of the judgment resting on it.
    assert re.search(r"two sources\. \[1\]\s?\[3\]", text), text
    assert re.search(r"two quotes\. \[2\]", text), text
    assert not re.search(r"nothing named\. \[", text)
    # In the table: the same mark before each source's name.
    for mark, source in enumerate(SOURCES, 1):
        assert re.search(rf"\[{mark}\] (B2 |F3 |A2 )?{source['who']}", text), (mark, text)


@pytest.mark.parametrize("theme", THEMES)
def test_the_html_links_each_mark_to_its_source_row(
    theme: str, built: Callable[..., Built]
) -> None:
    html = built(theme, theme=theme).html
    for source in SOURCES:
        assert html.count(f'id="source-{source["id"]}"') == 1
    first, second, third = judgment_items(html)
    assert re.findall(r'<a class="mark" href="#source-([a-z-]+)"[^>]*>\[(\d)\]</a>', first) == [
        ("wire", "1"), ("expert", "3")]
    assert re.findall(r'href="#source-([a-z-]+)"', second) == ["insider"]
    assert "href=" not in third


@pytest.mark.parametrize("theme", THEMES)
def test_a_judgment_prints_the_quotes_it_cites(
    theme: str, built: Callable[..., Built]
) -> None:
    html, text, _ = built(theme, theme=theme)
    assert re.search(r"two quotes\. \[2\] “we never planned to stay” “the words kept in the "
                     r"bank”", text), text
    second = judgment_items(html)[1]
    # The quote the sourcing table prints links to it there; the banked one has no
    # other place on the page.
    assert '<a href="#quote-stay"><q class="quote">we never planned to stay</q></a>' in second
    assert '<q class="quote">the words kept in the bank</q>' in second
    assert 'href="#quote-banked"' not in html
    assert html.count('id="quote-stay"') == 1  # where the table prints it


def test_the_pdf_links_marks_and_quotes_to_their_places(
    built: Callable[..., Built]
) -> None:
    reader = PdfReader(built("memo", theme="memo").pdf)
    dests = [str(annot.get_object().get("/Dest")) for annot in reader.pages[0]["/Annots"]
             if "/Dest" in annot.get_object()]
    assert {"source-wire", "source-insider", "source-expert", "quote-stay"} <= set(dests)
    named = reader.trailer["/Root"]["/Names"]["/Dests"]["/Names"][::2]
    assert {"source-wire", "source-insider", "source-expert", "quote-stay"} <= set(named)


@pytest.mark.parametrize("theme", THEMES)
def test_without_the_sourcing_table_a_judgment_names_its_sources(
    theme: str, built: Callable[..., Built]
) -> None:
    html, text, _ = built(f"hidden-{theme}", theme=theme, show={"sourcing": False})
    assert "two sources. [The Wire Agency; Professor Ada Expert]" in text, text
    assert "[An Unnamed Insider] “we never planned to stay” “the words kept in the bank”" in text
    assert "[1]" not in text and 'class="mark"' not in html
    # Nothing links to the table that is not there, nor to the quotes it would print.
    assert "#source-" not in html and "#quote-" not in html
    assert plain(judgment_items(html)[0]).startswith(
        "The first judgment rests on two sources. [The Wire Agency; Professor Ada Expert]")
