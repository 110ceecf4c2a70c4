"""Guess the scale a brief fits at from its text, before laying anything out.

The first layout pass is made at this guess, so that a brief whose guess is good takes
one pass instead of two (one to measure the overflow, one at the scale it calls for).
The guess is a pure function of the page's text and the design: the same brief always
starts, and so ends, at the same scale, whatever was built before.

How much of the page a brief fills is modelled as a sum of what takes height: wrapped
text grows as the square of the scale (more lines, each taller), each block (a list
item, a paragraph, a row) adds a gap that grows with it, a table row is as tall as its
longest cell. Each theme's coefficients are measured on generated briefs by
tools/measure_fit.py and kept in its fit.toml, found on the template search path: a
user's own templates are guessed with their theme's coefficients, or their own. A
wrong guess costs passes, never the result's quality (briefing.fitting refines it).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import model, theme_lookup
from briefing.errors import Diagnostic, InputError, Location
from briefing.fitting import FLOOR, SLOWEST, TARGET, filled
from briefing.render import BASE_SIZE, DENSITY

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element  # the parsed page, which the engine makes

BLOCKS = frozenset({"p", "li", "tr", "h1", "h2", "h3", "dt", "dd", "blockquote", "figure"})
"""Elements that start a block of their own: each adds a gap and a part-filled line."""
PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
"""Width and height, in millimetres."""
FULL_SIZE = 0.97
"""A guess at least this large starts at full size: a brief that may fit unshrunk
should not pay a pass to find it out."""


@dataclass(frozen=True)
class Features:
    """What takes height on the page, counted from its text."""

    text: float
    """Characters of text outside tables."""
    rows: float
    """Characters of the longest cell of each table row, summed over rows."""
    blocks: float
    """Block elements (see BLOCKS)."""


@dataclass(frozen=True)
class Design:
    """The design choices that change how much a text fills the page."""

    paper: str = "a4"
    margins: float | None = None
    """Page margins in mm, when the brief sets them (else the theme's)."""
    size: float = 1.0
    """The type's size factor (CSS --size-factor): design.font_size as a factor of the
    themes' base size, else the theme's own."""
    density: float = 1.0

    @classmethod
    def of(cls, design: model.Design, theme_size: float = 1.0) -> Design:
        """What of a brief's `design` the estimate needs, in a theme whose type starts at
        `theme_size` (see theme_size); design.font_size replaces it, as on the page."""
        size = design.font_size / BASE_SIZE if design.font_size else theme_size
        return cls(design.paper.value, design.margins, size, DENSITY[design.density])


@dataclass(frozen=True)
class Calibration:
    """A theme's coefficients: pages filled, on A4 with its own margins, per unit of
    each feature at scale 1 (see tools/measure_fit.py)."""

    text: float
    rows: float
    blocks: float
    spacing: float
    """Gaps that do not depend on the text (headings, rules, the masthead), per scale."""
    fixed: float
    """What does not scale at all."""
    margins: tuple[float, float, float, float]
    """The theme's page margins (top, right, bottom, left), in mm."""
    growth: float = SLOWEST
    """The slowest the fill of a nearly full page grows with the scale, as a power of it
    (see briefing.fitting.filled): about 1 on a page of one column, less where balanced
    columns move by whole blocks."""

    @classmethod
    def of(cls, numbers: dict[str, float], margins: tuple[float, float, float, float],
           growth: float = SLOWEST) -> Calibration:
        """A calibration from its coefficients by name."""
        return cls(numbers["text"], numbers["rows"], numbers["blocks"], numbers["spacing"],
                   numbers["fixed"], margins, growth)

    def terms(self, features: Features, design: Design) -> tuple[float, float, float]:
        """(a, b, c) of the pages filled at size factor k: a k^2 + b k + c."""
        width, height = self._box(design.paper, design.margins)
        ref_width, ref_height = self._box("a4", None)
        tall = ref_height / height
        wrapped = (self.text * features.text + self.rows * features.rows) * ref_width / width
        grows = (self.blocks * features.blocks + self.spacing) * design.density
        return wrapped * tall, grows * tall, self.fixed * tall

    def _box(self, paper: str, margins: float | None) -> tuple[float, float]:
        """The page's content box, in mm."""
        top, right, bottom, left = (margins,) * 4 if margins is not None else self.margins
        width, height = PAPERS.get(paper, PAPERS["a4"])
        return width - left - right, height - top - bottom


def features(root: Element) -> Features:
    """Count what takes height in the page `root` (the parsed HTML): in its `main`, the
    flow of base.html.j2, as what is outside it (a draft's mark) takes no room."""
    flow = next(root.iter("main"), None)
    body = flow if flow is not None else next(root.iter("body"), root)
    tables = list(body.iter("table"))
    blocks = sum(1 for element in body.iter() if element.tag in BLOCKS)
    rows = sum(
        max((_length(cell) for cell in row if cell.tag in ("td", "th")), default=0)
        for table in tables for row in table.iter("tr")
    )
    text = _length(body) - sum(_length(table) for table in tables)
    return Features(float(text), float(rows), float(blocks))


def _length(element: Element) -> int:
    """Characters of the text in `element`, runs of white space counted as one."""
    return len(" ".join("".join(element.itertext()).split()))


def first_scale(features: Features, calibration: Calibration, design: Design) -> float:
    """The scale at which the text should fill briefing.fitting's TARGET of the page:
    1.0 when it may fit at full size, FLOOR when it would need less."""
    a, b, c = calibration.terms(features, design)
    # The size factor k with a k^2 + b k + c = TARGET (a, b > 0: one positive root).
    if a <= 0:
        return 1.0  # no measure of the text: lay it out at full size first
    if c >= TARGET:
        return FLOOR
    k = (-b + math.sqrt(b * b + 4 * a * (TARGET - c))) / (2 * a)
    scale = k / design.size
    return 1.0 if scale >= FULL_SIZE else round(max(FLOOR, scale), 3)


NAME = "fit.toml"
"""The file of a theme's coefficients, found on the template search path like any
template: a user's templates folder first (`theme eject` copies it), then the theme's."""


def calibration(templates_dir: Path | None, theme: str) -> Calibration | None:
    """The coefficients of the first fit.toml on the template search path, or None."""
    for folder in theme_lookup.search_path(templates_dir, theme):
        if (folder / NAME).is_file():
            return _read(folder / NAME, (folder / NAME).read_text(encoding="utf-8"))
    return None


class _OutOfRangeError(ValueError):
    """A value no page could have, with the key that holds it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@cache
def _read(file: Path, text: str) -> Calibration:
    """The coefficients in `text`, the content of `file`."""
    try:
        table = tomllib.loads(text)
        top, right, bottom, left = (float(m) for m in table["margins"])
        growth = float(table.get("growth", SLOWEST))
        if not 0 < growth <= 2:
            raise _OutOfRangeError("growth", f"growth = {growth:g} is not between 0 and 2")
        return Calibration.of({name: float(table[name]) for name in
                               ("text", "rows", "blocks", "spacing", "fixed")},
                              (top, right, bottom, left), growth)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        # tomllib says where: "... (at line 2, column 8)"; a value out of range is at
        # the line of its key.
        place = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = (int(place[1]), int(place[2])) if place else (None, None)
        if isinstance(exc, _OutOfRangeError) and (
                found := re.search(rf"^{exc.key}\s*=", text, re.MULTILINE)):
            line, column = text.count("\n", 0, found.start()) + 1, 1
        problem = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise InputError([Diagnostic(
            Location(file, line, column), f"not a theme's fit coefficients: {problem}",
            "delete the file, and the theme's own are used (docs/fitting.md says what "
            "it holds and how tools/measure_fit.py measures it)")]) from None


def theme_size(stylesheet: str) -> float:
    """The size factor a theme's type starts at: the --size-factor its stylesheet sets
    on :root (the contrast theme's is 1.1), else 1."""
    from briefing.variables import theme_number  # a CSS parser: only when fitting

    found = theme_number(stylesheet, "--size-factor")
    return found if found is not None and found > 0 else 1.0


def guess(found: Calibration | None, design: model.Design, theme_size: float = 1.0
          ) -> Callable[[Element], float] | None:
    """The first scale to lay out a page with `design` at, in a theme whose type starts
    at `theme_size`, from the parsed page and the theme's calibration; None without
    one (the first pass is then at full size)."""
    if found is None:
        return None
    page = Design.of(design, theme_size)
    return lambda root: first_scale(features(root), found, page)


def taken_at(found: Calibration | None) -> float:
    """The fill from which a fitted page of a theme with calibration `found` is taken."""
    return filled(found.growth if found is not None else SLOWEST)
