"""Measure each theme's fit coefficients (its fit.toml), which briefing.estimate uses
to guess the scale a brief fits at. Run from the checkout:
`python tools/measure_fit.py [--briefs N] [--write] [THEME...]`.

Lays out N generated briefs (tests/fit_corpus.py, numbered from 1000 so that none is one
of the test corpus's) at a few scales each, keeps every pass whose content fits on one
page, and fits the coefficients of briefing.estimate's model to them by least squares,
per theme. Prints each theme's coefficients and how far the model is off (leave-one-out
would be fairer; the test corpus, which the fit never sees, is the honest check: see
tests/test_fit_corpus.py). With --write, the themes' fit.toml files are rewritten.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import fit_corpus  # noqa: E402

from briefing import estimate  # noqa: E402
from briefing.build import Builder  # noqa: E402
from briefing.layout import pages_used  # noqa: E402

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
    return (builder.theme_of(checked), estimate.Design.of(checked.brief.design), html,
            renderer.stylesheet())


def measure(count: int, themes: list[str]) -> tuple[dict[str, list[Sample]],
                                                    dict[str, tuple[float, float, float, float]]]:
    """Samples per theme, and each theme's page margins (mm) as laid out."""
    samples: dict[str, list[Sample]] = {theme: [] for theme in themes}
    margins: dict[str, tuple[float, float, float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(fit_corpus.CONTENT / "sources", folder / "sources")
        builder = Builder(out=folder / "out", formats=("pdf",), force=True)
        layout = builder.layout
        for index in range(FIRST, FIRST + count):
            _example, data = fit_corpus.brief(index)
            if data["design"]["theme"] not in themes:
                continue
            path = folder / f"{index}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            theme, design, html, stylesheet = design_of(builder, path)
            page = layout.page(html, stylesheet)
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
    )


def write(theme: str, calibration: estimate.Calibration) -> None:
    folder = fit_corpus.REPO / "briefing" / "themes" / theme
    (folder / estimate.NAME).write_text(table(calibration), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--briefs", type=int, default=120)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("themes", nargs="*", default=list(fit_corpus.THEMES))
    args = parser.parse_args()
    samples, margins = measure(args.briefs, args.themes)
    for theme in args.themes:
        calibration = fit(samples[theme], margins[theme])
        errors = [abs(e) for e in error(calibration, samples[theme])]
        print(f"{theme}: {len(errors)} samples; model off by {statistics.median(errors):.1%} "
              f"(median), {max(errors):.1%} (most)")
        print(table(calibration))
        if args.write:
            write(theme, calibration)


if __name__ == "__main__":
    main()
