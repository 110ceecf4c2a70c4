"""Measure each theme's fit coefficients (its fit.toml), which briefing.estimate uses
to guess the scale a brief fits at. Run from the checkout:
`python tools/measure_fit.py [--briefs N] [--write] [THEME...]`.

Lays out N generated briefs (tests/fit_corpus.py, numbered from 1000 so that none is one
of the test corpus's) at a few scales each, keeps every pass whose content fits on one
page, and fits the coefficients of briefing.estimate's model to them by least squares,
per theme. Prints each theme's coefficients and how far the model is off (leave-one-out
would be fairer; the test corpus, which the fit never sees, is the honest check: see
tests/test_fit_corpus.py). With --write, the themes' fit.toml files are rewritten.

With --growth N, it also measures each theme's `growth` on N of those briefs that must
shrink: each is laid out every 0.4% of scale down from a full page, which shows how
fast its fill grows with the scale at the slowest, and the fullest page that fitted
more than 2% below the largest scale that fits (see `_growth` and docs/fitting.md).
Without it, the growth already in each fit.toml is kept.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import fit_corpus  # noqa: E402

from briefing import estimate  # noqa: E402
from briefing.build import Builder  # noqa: E402
from briefing.fitting import CLOSE, FLOOR, LIMIT, SLOWEST  # noqa: E402
from briefing.layout import Layout, Page, pages_used  # noqa: E402

FIRST = 1000
SCALES = (1.0, 0.9, 0.8)
PX_PER_MM = 96 / 25.4

Sample = tuple[estimate.Features, estimate.Design, float, float]
"""Features, design, size factor k, pages filled."""


def design_of(builder: Builder, path: Path) -> tuple[str, estimate.Design, str, str]:
    """Theme, estimate's design, HTML and stylesheet of the brief at `path`."""
    checked = builder.check(path)
    renderer = builder.renderer(builder.theme_of(checked))
    html = renderer.render(checked.brief, standalone=False, logo=checked.logo)
    stylesheet = renderer.stylesheet()
    return (builder.theme_of(checked),
            estimate.Design.of(checked.brief.design, estimate.theme_size(stylesheet)), html,
            stylesheet)


def briefs(themes: list[str], stop: int
           ) -> Iterator[tuple[int, str, estimate.Design, Layout, Page]]:
    """The generated briefs of `themes` numbered from FIRST to `stop`, each parsed to be
    laid out: its number, theme, estimate's design, the layout and the page."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(fit_corpus.CONTENT / "sources", folder / "sources")
        builder = Builder(out=folder / "out", formats=("pdf",), force=True)
        for index in range(FIRST, stop):
            _example, data = fit_corpus.brief(index)
            if data["design"]["theme"] not in themes:
                continue
            path = folder / f"{index}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            theme, design, html, stylesheet = design_of(builder, path)
            yield index, theme, design, builder.layout, builder.layout.page(html, stylesheet)


def measure(count: int, themes: list[str]) -> tuple[dict[str, list[Sample]],
                                                    dict[str, tuple[float, float, float, float]]]:
    """Samples per theme, and each theme's page margins (mm) as laid out."""
    samples: dict[str, list[Sample]] = {theme: [] for theme in themes}
    margins: dict[str, tuple[float, float, float, float]] = {}
    for index, theme, design, layout, page in briefs(themes, FIRST + count):
        found = estimate.features(page.html.etree_element)
        for scale in SCALES:
            document = layout.lay_out(page, scale)
            used = pages_used(document)
            if design.margins is None and theme not in margins:
                box = document.pages[0]._page_box
                top, right, bottom, left = (
                    round(float(side) / PX_PER_MM, 2) for side in
                    (box.margin_top, box.margin_right, box.margin_bottom, box.margin_left))
                margins[theme] = (top, right, bottom, left)
            if used <= 1.0:
                samples[theme].append((found, design, scale * design.size, used))
            if used < 0.85:
                break  # smaller scales tell the model nothing more
        print(f"{index}: {theme} {len(samples[theme])} samples", file=sys.stderr)
    return samples, margins


def solve(rows: list[list[float]], values: list[float]) -> list[float]:
    """Least squares: the x minimising |rows x - values|, by the normal equations."""
    n = len(rows[0])
    a = [[sum(r[i] * r[j] for r in rows) for j in range(n)] for i in range(n)]
    b = [sum(r[i] * v for r, v in zip(rows, values, strict=True)) for i in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot], b[col], b[pivot] = a[pivot], a[col], b[pivot], b[col]
        for r in range(n):
            if r != col and a[col][col]:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
                b[r] -= f * b[col]
    return [b[i] / a[i][i] if a[i][i] else 0.0 for i in range(n)]


NAMES = ("text", "rows", "blocks", "spacing", "fixed")
"""The coefficients of briefing.estimate.Calibration, in its order."""


def fit(samples: list[Sample], margins: tuple[float, float, float, float]
        ) -> estimate.Calibration:
    """The coefficients that best fit `samples`: the model is linear in them."""
    units = [estimate.Calibration.of({n: float(n == name) for n in NAMES}, margins)
             for name in NAMES]
    rows = []
    for features, design, k, _used in samples:
        row = []
        for unit in units:
            a, b, c = unit.terms(features, design)
            row.append(a * k * k + b * k + c)
        rows.append(row)
    found = solve(rows, [s[3] for s in samples])
    return estimate.Calibration.of(dict(zip(NAMES, found, strict=True)), margins)


def error(calibration: estimate.Calibration, samples: list[Sample]) -> list[float]:
    """The model's error on each sample, as a fraction of the pages filled."""
    out = []
    for features, design, k, used in samples:
        a, b, c = calibration.terms(features, design)
        out.append((a * k * k + b * k + c - used) / used)
    return out


STEP = 0.004
"""Scale step of the growth's scan."""
LOWEST = 0.85
"""Pages filled less than this tell nothing of the band."""


def largest_fit(layout: Layout, page: Page, fills: dict[float, float]) -> float | None:
    """The largest scale at which `page` fits, to 0.001, from the scan's `fills`."""
    fitted = [s for s, used in fills.items() if used <= LIMIT]
    if not fitted:
        return None
    low = max(fitted)
    high = min((s for s in fills if s > low), default=low)
    while high - low > 0.001:
        middle = round((low + high) / 2, 4)
        low, high = (middle, high) if pages_used(layout.lay_out(page, middle)) <= LIMIT else (
            low, middle)
    return low


def growth(count: int, themes: list[str]) -> dict[str, tuple[float, float, float]]:
    """Each theme's growth for its fit.toml, from `count` briefs of it that shrink: with
    the slowest growth seen between two scales at most 2% apart, and the fullest page
    that fitted more than 2% below its best."""
    fullest = dict.fromkeys(themes, 0.0)
    slowest = dict.fromkeys(themes, math.inf)
    seen = dict.fromkeys(themes, 0)
    for index, theme, _design, layout, page in briefs(themes, FIRST + 50 * count):
        if seen[theme] >= count:
            if all(n >= count for n in seen.values()):
                break
            continue
        fills: dict[float, float] = {}
        scale = 1.0
        while scale >= FLOOR:
            fills[scale] = pages_used(layout.lay_out(page, scale))
            if fills[scale] < LOWEST:
                break
            scale = round(scale - STEP, 3)
        best = largest_fit(layout, page, fills)
        if best is None or best >= 1.0:
            continue  # cannot fit, or not shrunk: nothing to learn
        seen[theme] += 1
        below = [used for s, used in fills.items() if used <= LIMIT and s < CLOSE * best]
        fullest[theme] = max([fullest[theme], *below])
        slowest[theme] = min([slowest[theme], *(
            math.log(fills[s1] / fills[s0]) / math.log(s1 / s0)
            for s0 in fills for s1 in fills
            if s0 < s1 <= s0 / CLOSE and LOWEST <= fills[s0] <= LIMIT)])
        print(f"{index}: {theme} best {best:.3f}, fullest below "
              f"{max(below, default=0):.4f}, slowest {slowest[theme]:.2f}", file=sys.stderr)
    return {theme: (_growth(slowest[theme], fullest[theme]), slowest[theme], fullest[theme])
            for theme in themes}


def _growth(slowest: float, fullest: float) -> float:
    """The growth to write: where the fill grew at least about as fast as the scale
    between any two scales seen (one column), the smaller of that and the growth whose
    band starts above the fullest page seen, rounded down to 0.05 and no more than 1;
    elsewhere (balanced columns, whose fill may even fall) no bound holds, and the
    default, SLOWEST, stays."""
    if slowest < 0.9:
        return SLOWEST
    needed = math.log(LIMIT / fullest) / math.log(1 / CLOSE) if fullest else 1.0
    return min(1.0, math.floor(min(slowest, needed) * 20) / 20)


def table(calibration: estimate.Calibration) -> str:
    """The text of a fit.toml."""
    margins = ", ".join(f"{m:g}" for m in calibration.margins)
    return (
        "# How much of the page a brief fills in this theme, for the first guess at the scale it\n"
        "# fits at (docs/fitting.md). Measured by tools/measure_fit.py; a wrong guess costs\n"
        "# layout passes, never the result. `theme eject` copies it with the theme.\n"
        f"text = {calibration.text:.6g}\n"
        f"rows = {calibration.rows:.6g}\n"
        f"blocks = {calibration.blocks:.6g}\n"
        f"spacing = {calibration.spacing:.6g}\n"
        f"fixed = {calibration.fixed:.6g}\n"
        f"margins = [{margins}]\n"
        "# How fast the fill grows with the scale, at the slowest (tools/measure_fit.py\n"
        "# --growth): a fitted page is taken once it fills 97.5% x 0.98 ** growth of the page.\n"
        f"growth = {calibration.growth:g}\n"
    )


def write(theme: str, calibration: estimate.Calibration) -> None:
    folder = fit_corpus.REPO / "briefing" / "themes" / theme
    (folder / estimate.NAME).write_text(table(calibration), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--briefs", type=int, default=120)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--growth", type=int, default=0, metavar="N",
                        help="measure each theme's growth on N briefs")
    parser.add_argument("themes", nargs="*", default=list(fit_corpus.THEMES))
    args = parser.parse_args()
    samples, margins = measure(args.briefs, args.themes)
    growths = growth(args.growth, args.themes) if args.growth else {}
    for theme in args.themes:
        calibration = fit(samples[theme], margins[theme])
        if theme in growths:
            found, slowest, fullest = growths[theme]
            print(f"{theme}: growth {found:g} (slowest seen {slowest:.2f}; fullest page "
                  f"taken too early {fullest:.2%})")
        else:
            current = estimate.calibration(None, theme)
            found = current.growth if current is not None else SLOWEST
        calibration = dataclasses.replace(calibration, growth=found)
        errors = [abs(e) for e in error(calibration, samples[theme])]
        print(f"{theme}: {len(errors)} samples; model off by {statistics.median(errors):.1%} "
              f"(median), {max(errors):.1%} (most)")
        print(table(calibration))
        if args.write:
            write(theme, calibration)


if __name__ == "__main__":
    main()
