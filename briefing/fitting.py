"""Which scale to lay a brief out at next, from the passes made so far.

A pure search, apart from the engine (briefing.layout runs the passes): each pass gives
how much of the page the content fills at a scale, and the search says whether a page
is good enough or which scale to try next. Kept apart so that its rules can be read,
and tested on made-up pages, without laying anything out.

The rules, in the order they apply:
- a page is good when it fits (fills at most LIMIT of one page) and either is at full
  size or fills at least `filled(growth)`, growth being the slowest its theme's fill
  was seen to grow with the scale: then it is less than 2% smaller than the largest
  scale that fits;
- otherwise the next scale is where the content should fill TARGET, with height taken
  to grow as `exponent` says, or as measured between two passes (the closest that
  fitted and did not, once there are both); but when a scale CLOSE to one that did
  not fit should fit too, that one, which settles the search if it does;
- the next scale stays between the largest scale that fitted and the smallest that did
  not; once those are within 2% of each other the fitted one is taken;
- when those two are within 4% (CLOSE ** 2) of each other, some scale between them
  settles the search whether it fits or not: the next one is kept there;
- after a first pass that did not fit, the second is no more than 4% smaller if the
  content could fit there, height growing as FASTEST: if it does fit, the third pass
  settles the search (the rule above);
- after two passes that did not fit, the next is aimed as if height grew only as the
  scale (the largest step), down to the scale CLOSE to the smaller, where a fit ends
  the search; height growing slower than the scale between them, that scale is tried
  if the content could fit there growing as FASTEST;
- a fit and an overflow just over 4% apart, so that no scale to the 0.001 is within
  CLOSE of both: the next is the lowest within CLOSE of the overflow if the growth
  measured says it fits (a fit there settles the search), else the highest within
  CLOSE of the fit (an overflow there settles it);
- after a first pass that fits below the band, the second is no more than 4% larger
  if the content could overflow there, height growing as FASTEST: if it does overflow,
  the third settles the search;
- when nothing has fitted by the last pass allowed, the last pass is at FLOOR, to tell
  a brief that cannot fit from one that needs more passes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Generic, TypeVar

FLOOR = 0.8
"""Smallest scale: 8 pt body text for the default 10 pt, still readable on paper."""
LIMIT = 0.975
"""Most of the page the content may fill. The slack (some 20 pt) is for browsers: they
break lines a little differently (Chromium does not hyphenate), and the HTML must
print on one page too."""
CLOSE = 0.98
"""A fitted scale this close to one that did not fit is taken: a closer one would not
be worth another pass."""
SLOWEST = 0.5
"""The slowest the fill of a nearly full page grows with the scale, as a power of it,
for a theme that does not say (its fit.toml's `growth`): as measured on the two-column
themes, whose balanced columns move by whole blocks. A one-column page grows about as
fast as the scale (tools/measure_fit.py --growth measures it)."""


def filled(growth: float) -> float:
    """The fill from which a fitted page is taken when the fill grows at least as the
    scale ** growth: the largest scale that fits is then less than 2% larger."""
    return float(LIMIT * CLOSE**growth)


FILLED = filled(SLOWEST)
"""The fill from which a fitted page is taken when its theme does not say (96.5%)."""
TARGET = 0.97
"""Fill to aim at: the middle of the band from FILLED to LIMIT."""
EXPONENT = 2.1
"""How height grows with scale near a full page, before two passes measure it: about 2
for wrapped text, whose line count and line height both grow, and a little more where
blocks that may not break move on. Over the passes of tests/fit_corpus.py that ran
between 0.9 and 1.1 pages, the exponent between two passes of one brief was 1.9 to 2.4."""
NEAR = (0.93, 1.03)
"""Pages filled from which the next scale is a small step (see `exponent`)."""
FASTEST = 3.0
"""The fastest height grows with scale near a full page, as a power of it: between two
passes of one brief of tests/fit_corpus.py (and 72 briefs more of its kind) it ran from
0.5 to 3.9, all but a few below 3."""
MAX_PASSES = 5
"""Passes at most: the last, if nothing fitted before, at FLOOR."""

Page = TypeVar("Page")


def exponent(last: tuple[float, float], other: tuple[float, float] | None) -> float:
    """How height grows with scale: measured between two passes (scale, pages filled);
    else 1 from a page within NEAR of a full one (over the percent or two of scale it
    takes, line counts seldom change), and EXPONENT from one further off."""
    measured = growth(last, other)
    if measured is not None:
        return min(4.0, max(1.0, measured))
    return 1.0 if NEAR[0] <= last[1] <= NEAR[1] else EXPONENT


def growth(last: tuple[float, float], other: tuple[float, float] | None) -> float | None:
    """How height grew with scale between two passes, as a power of it; None without
    two passes at different scales."""
    if other is not None:
        (s0, u0), (s1, u1) = other, last
        if s0 != s1 and u0 > 0 and u1 > 0:
            return math.log(u0 / u1) / math.log(s0 / s1)
    return None


def scale_filling(fill: float, last: tuple[float, float], k: float) -> float:
    """The scale at which the content should fill `fill` of the page, from the pass
    `last`, height growing as scale ** k."""
    (scale, used) = last
    return float(scale * (fill / used) ** (1 / k))


@dataclass
class Search(Generic[Page]):
    """The passes made so far, the best page among them, and the next scale to try."""

    filled: float = FILLED
    """A fitted page this full is taken (see `filled`)."""
    tried: list[tuple[float, float]] = field(default_factory=list)
    """(scale, pages filled) of each pass, in order."""
    best: tuple[Page, float] | None = None
    """The page of the largest scale that fitted, and that scale."""

    @property
    def too_big(self) -> float | None:
        """The smallest scale that did not fit."""
        return min((scale for scale, used in self.tried if used > LIMIT), default=None)

    def record(self, scale: float, used: float, page: Page) -> None:
        """Note a pass: at `scale` the content filled `used` pages."""
        self.tried.append((scale, used))
        if used <= LIMIT and (self.best is None or scale > self.best[1]):
            self.best = (page, scale)

    def done(self) -> bool:
        """True when the best page is good enough, or nothing better can be had."""
        scale, used = self.tried[-1]
        if self.best is not None:
            fitted = self.best[1]
            if fitted >= 1.0 or (fitted == scale and used >= self.filled):
                return True
            if self.too_big is not None and fitted >= CLOSE * self.too_big:
                return True
        elif scale <= FLOOR:
            return True  # even the smallest scale overflows: it cannot fit
        return len(self.tried) >= MAX_PASSES

    def next_scale(self) -> float | None:
        """The scale of the next pass, or None when the search is over."""
        if self.done():
            return None
        last, other = self._pair()
        k = exponent(last, other)
        scale = round(scale_filling(TARGET, last, k), 3)
        too_big = self.too_big
        if too_big is not None:
            # The smallest scale that settles it if it fits (CLOSE to one that did not):
            # taken instead when it should fit, as it is likelier to than TARGET's.
            settles = _up(CLOSE * too_big)
            below = round(too_big - 0.002, 3)
            overflows = self.best is None and other is not None  # two, at least
            # Two overflows whose height moved slower than the scale say little of how
            # it moves next (balanced columns about to drop a block): reach as far as
            # the fastest growth allows, as from one pass.
            grew = growth(last, other)
            flat = overflows and grew is not None and grew < 1
            if scale_filling(LIMIT, last, FASTEST if flat else k) >= settles:
                if overflows:
                    # An aim fell short already. The step height growing only as the
                    # scale calls for (the largest) fits likelier.
                    scale = round(scale_filling(TARGET, last, 1.0), 3)
                scale = max(scale, settles)
            scale = min(scale, below)
        if self.best is not None:
            fitted = self.best[1]
            scale = max(scale, round(fitted + 0.002, 3))
            if too_big is not None:
                # Fits: within CLOSE of too_big. Does not: fitted is within CLOSE of it.
                high = min(_down(fitted / CLOSE), below)
                if settles <= high:
                    scale = min(max(scale, settles), high)
                elif round(settles - high, 3) == 0.001:
                    # A step apart, by rounding: each settles it one way (settles if it
                    # fits, high if not); take the one the growth measured says.
                    scale = settles if scale_filling(LIMIT, last, k) >= settles else high
            elif other is None:
                # The rule below, mirrored: if it overflows there, the next pass
                # settles the search. Only where it could overflow, height growing
                # as FASTEST.
                reach = _down(fitted / CLOSE**2)
                if scale_filling(LIMIT, last, FASTEST) < reach < scale:
                    scale = reach
        elif len(self.tried) == MAX_PASSES - 1:
            scale = FLOOR  # the last pass: can it fit at all?
        elif too_big is not None and other is None:
            # If it fits there, the rule above settles the search at the next pass. Only
            # from one pass: two measure how fast height grows, and TARGET's aim uses it.
            sets_up = _up(CLOSE**2 * too_big)
            if scale < sets_up <= scale_filling(LIMIT, last, FASTEST):
                scale = sets_up
        return min(1.0, max(FLOOR, scale))

    def _pair(self) -> tuple[tuple[float, float], tuple[float, float] | None]:
        """The passes to aim from: the fitted and the overflowing ones that are closest,
        once there are both; else the last two."""
        if self.best is not None and self.too_big is not None:
            fills = dict(self.tried)
            return (self.best[1], fills[self.best[1]]), (self.too_big, fills[self.too_big])
        return self.tried[-1], (self.tried[-2] if len(self.tried) > 1 else None)


def _up(scale: float) -> float:
    """`scale` rounded up to the 0.001 the passes are made at."""
    return math.ceil(round(scale * 1000, 6)) / 1000


def _down(scale: float) -> float:
    """`scale` rounded down to the 0.001 the passes are made at."""
    return math.floor(round(scale * 1000, 6)) / 1000
