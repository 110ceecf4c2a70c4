"""Lay the HTML out with WeasyPrint and fit it to one page.

The templates size type and spacing from the CSS custom property `--scale`. The HTML
is parsed once; each pass, at the scale briefing.fitting picks, sets `--scale`,
substitutes the page's root variables into the theme's stylesheet (see
briefing.variables) and lays the parsed document out again, so fitting never re-runs
the rest of the pipeline.
"""

from __future__ import annotations

import os
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from briefing import doctor, fonts

# Before WeasyPrint loads: fontconfig then knows the bundled fonts and no others, so
# no glyph ever falls back to a font of the host.
os.environ["FONTCONFIG_FILE"] = str(fonts.FONTS_DIR / "fonts.conf")

# Without libharfbuzz-subset WeasyPrint warns, on loading, that it will need it, in words
# meant for its own users; briefing does not (see briefing.pdf), and says so in one line.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
    from weasyprint import CSS, HTML, Document
    from weasyprint.text.fonts import FontConfiguration

from briefing.errors import DoesNotFitError, Overflow
from briefing.fetcher import AssetFetcher
from briefing.fitting import FILLED, FLOOR, LIMIT, Search
from briefing.variables import RootVariables


@dataclass(frozen=True)
class Fitted:
    """A document laid out on one page, and how it got there."""

    document: Document
    scale: float
    passes: int


class Layout:
    """Lays out briefs; the font configuration and font files are shared between them."""

    def __init__(self, asset_dirs: tuple[Path, ...] = ()) -> None:
        # Relative URLs in templates (a logo, say) resolve in the first template folder.
        self.base_url = (asset_dirs[0] if asset_dirs else fonts.FONTS_DIR).resolve().as_uri() + "/"
        self.fetcher = AssetFetcher((fonts.FONTS_DIR, *asset_dirs))
        doctor.note_missing()
        self.font_config = FontConfiguration()
        self.font_css = CSS(
            string=fonts.linked_css(), font_config=self.font_config, url_fetcher=self.fetcher
        )
        self._sheets: dict[str, CSS] = {}

    def fit(self, html: str, file: Path, stylesheet: str = "",
            guess: Callable[[Element], float] | None = None, filled: float = FILLED
            ) -> Fitted:
        """Lay `html` out on one page, shrinking it as little as needed, down to FLOOR.

        The first pass is at the scale `guess` gives for the parsed page (see
        briefing.estimate), else at full size; briefing.fitting picks the next, if any,
        taking a fitted page that fills `filled` of it.
        Raises DoesNotFitError naming the overflow and the longest sections when even
        FLOOR takes more than one page.
        """
        page = self.page(html, stylesheet)
        search: Search[Document] = Search(filled)
        first = guess(page.html.etree_element) if guess is not None else 1.0
        scale: float | None = min(1.0, max(FLOOR, round(first, 3)))
        while scale is not None:
            document = self.lay_out(page, scale)
            search.record(scale, pages_used(document), document)
            scale = search.next_scale()
        if search.best is None:
            raise overflow_error(file, document, search.tried[-1][1])
        return Fitted(search.best[0], search.best[1], len(search.tried))

    def _sheet(self, text: str) -> CSS:
        """The stylesheet `text`, parsed once: briefs of a batch share their scales."""
        if text not in self._sheets:
            if len(self._sheets) >= SHEETS_KEPT:
                del self._sheets[next(iter(self._sheets))]
            self._sheets[text] = CSS(string=text, font_config=self.font_config,
                                     url_fetcher=self.fetcher, base_url=self.base_url)
        return self._sheets[text]

    def page(self, html: str, stylesheet: str = "") -> Page:
        """`html` parsed, to be laid out with `stylesheet` as its theme at any scale."""
        parsed = HTML(string=html, url_fetcher=self.fetcher, base_url=self.base_url)
        return Page(parsed, page_variables(parsed, stylesheet), stylesheet)

    def lay_out(self, page: Page, scale: float) -> Document:
        """One layout pass: `page` at `scale`."""
        value = f"{scale:.3f}"
        theme = self._sheet(page.variables.substitute(page.stylesheet, {"--scale": value}))
        # Given as user stylesheets; `!important` lets the scale win over the page's own
        # for the variables left to WeasyPrint.
        sheet = CSS(string=f":root {{ --scale: {value} !important; }}")
        return page.html.render(
            font_config=self.font_config, stylesheets=[self.font_css, theme, sheet],
            pdf_tags=True,
        )


SHEETS_KEPT = 32
"""Parsed stylesheets kept for reuse, one per theme, design and scale met."""


@dataclass(frozen=True)
class Page:
    """A parsed page and its theme's stylesheet, ready to be laid out at any scale."""

    html: HTML
    variables: RootVariables
    stylesheet: str


def page_variables(parsed: HTML, stylesheet: str) -> RootVariables:
    """The custom properties of a page laid out with `stylesheet` as its theme."""
    styles, inline, linked = [], [], False
    for element in parsed.etree_element.iter():
        if element.tag == "style":
            styles.append(element.text or "")
        elif element.tag == "link" and "stylesheet" in element.get("rel", "").lower():
            linked = True
        if "style" in element.attrib:
            inline.append(element.get("style"))
    return RootVariables.of_page(stylesheet, styles, inline, linked)


def _boxes(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def pages_used(document: Document) -> float:
    """How many pages the content fills, as a fraction: 1.4 is 40% over one page."""
    last = document.pages[-1]._page_box
    top = last.content_box_y()
    bottom = max(
        (b.position_y + b.margin_height() for b in _boxes(last) if b is not last), default=top
    )
    return float(len(document.pages) - 1 + max(0.0, float(bottom - top)) / float(last.height))


def section_heights(document: Document) -> dict[str, float]:
    """Height of each `data-section` of the brief, in pages, summed over all pages."""
    heights: dict[str, float] = defaultdict(float)
    for page in document.pages:
        box = page._page_box
        seen: dict[int, tuple[str, float]] = {}
        for child in _boxes(box):
            element = getattr(child, "element", None)
            name = element.get("data-section") if element is not None else None
            if name and child.element_tag == "section":
                height = child.margin_height() / box.height
                if height > seen.get(id(element), ("", 0.0))[1]:
                    seen[id(element)] = (name, height)
        for name, height in seen.values():
            heights[name] += height
    return dict(heights)


def overflow_error(file: Path, document: Document, need: float) -> DoesNotFitError:
    """The error for a brief that does not fit: by how much, and what to shorten."""
    sections = sorted(section_heights(document).items(), key=lambda item: -item[1])
    return DoesNotFitError(file, Overflow(need, LIMIT, FLOOR, sections[:3]))
