"""Lay the HTML out with WeasyPrint and fit it to one page.

The templates size type and spacing from the CSS custom property `--scale`. The HTML
is parsed once; each pass only sets `--scale` in a small user stylesheet and lays the
parsed document out again, so fitting never re-runs the rest of the pipeline.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import fonts

# Before WeasyPrint loads: fontconfig then knows the bundled fonts and no others, so
# no glyph ever falls back to a font of the host.
os.environ["FONTCONFIG_FILE"] = str(fonts.FONTS_DIR / "fonts.conf")

from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration

from briefing.errors import InputError
from briefing.fetcher import AssetFetcher

FLOOR = 0.8
"""Smallest scale: 8 pt body text for the default 10 pt, still readable on paper."""
MAX_PASSES = 5
SAFETY = 0.985
"""Aim a little below the estimate: page breaks waste some of the space measured."""


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
        self.font_config = FontConfiguration()
        self.font_css = CSS(
            string=fonts.linked_css(), font_config=self.font_config, url_fetcher=self.fetcher
        )

    def fit(self, html: str, file: Path) -> Fitted:
        """Lay `html` out on one page, shrinking it down to FLOOR if needed.

        Raises InputError naming the overflow and the longest sections when even the
        smallest scale takes more than one page.
        """
        parsed = HTML(string=html, url_fetcher=self.fetcher, base_url=self.base_url)
        scale, passes = 1.0, 0
        while True:
            document = self._render(parsed, scale)
            passes += 1
            if len(document.pages) == 1:
                return Fitted(document, scale, passes)
            need = pages_used(document)
            if scale <= FLOOR:
                raise overflow_error(file, document, need)
            # Text fills an area: its height goes roughly with the square of the scale.
            guess = math.floor(scale * SAFETY / math.sqrt(need) * 100) / 100
            last_try = passes >= MAX_PASSES - 1
            scale = FLOOR if last_try else max(FLOOR, min(guess, round(scale - 0.01, 2)))

    def _render(self, parsed: HTML, scale: float) -> Document:
        sheet = CSS(string=f":root {{ --scale: {scale:.3f} !important; }}")
        return parsed.render(
            font_config=self.font_config, stylesheets=[self.font_css, sheet], pdf_tags=True
        )


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
    return float(len(document.pages) - 1 + max(0.0, bottom - top) / last.height)


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


def overflow_error(file: Path, document: Document, need: float) -> InputError:
    """The error for a brief that does not fit: by how much, and what to shorten."""
    sections = sorted(section_heights(document).items(), key=lambda item: -item[1])
    longest = ", ".join(f"{name} ({height:.0%} of a page)" for name, height in sections[:3])
    return InputError.at(
        file,
        f"the brief does not fit on one page: at the smallest readable size "
        f"({FLOOR:.0%} of normal) it runs {need - 1:.0%} of a page over",
        f"shorten it by about {1 - 1 / need:.0%}; the longest sections are {longest}",
    )
