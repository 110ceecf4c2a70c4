"""Briefs of every length, theme and paper, to measure the one-page fit on.

Made from the three examples of content/ (English, French, Hebrew): each brief keeps,
drops or repeats their items and sets a theme, a paper, a density, a body type and a
size, all drawn from a seeded generator, so that the corpus is the same on every run
and on every machine. Used by tests/test_fit_corpus.py, tools/measure_fit.py and
`make bench`.
"""

from __future__ import annotations

import copy
import random
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from briefing.fitting import LIMIT

if TYPE_CHECKING:
    from briefing import Builder

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
EXAMPLES = {"fpif-russia-assad": 0.95, "valmorin-maternite": 1.1, "givat-shaked-water": 1.3}
"""Each example, and how many times its length a brief of factor 1 has: the English one
overflows most at full size, the Hebrew one least."""
THEMES = {"memo": 0.85, "sheet": 1.25, "contrast": 1.0}
"""Each theme, and how much more than the memo's text it takes to fill its page."""
PAPERS = ("a4", "letter")
SIZE = 36
"""Briefs in the corpus: each example in each theme on each paper, twice over."""

LISTS = ("key_judgments", "motives", "sourcing", "watch")
CRITIQUE = ("strengths", "factual_errors", "unsupported_claims", "missing_perspectives",
            "rhetoric")


def _resized(items: list[Any], factor: float, rng: random.Random) -> list[Any]:
    """`items` cut or repeated to about `factor` times as many, in their order."""
    count = max(1, round(len(items) * factor + rng.uniform(-0.5, 0.5)))
    return [copy.deepcopy(items[i % len(items)]) for i in range(count)]


def _sourcing(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Repeated sources get ids of their own (ids must be unique)."""
    seen: dict[str, int] = {}
    for item in items:
        n = seen[item["id"]] = seen.get(item["id"], 0) + 1
        if n > 1:
            item["id"] = f"{item['id']}-{n}"
    return items


def brief(index: int) -> tuple[str, dict[str, Any]]:
    """The corpus's brief number `index`, as (name of its example, YAML data)."""
    rng = random.Random(index)
    example = list(EXAMPLES)[index % len(EXAMPLES)]
    data = yaml.safe_load((CONTENT / f"{example}.yaml").read_text(encoding="utf-8"))
    theme = list(THEMES)[(index // len(EXAMPLES)) % len(THEMES)]
    # From half a page's worth (fits at full size) to a quarter more (near the fit's floor).
    factor = EXAMPLES[example] * THEMES[theme] * rng.choice(
        (0.55, 0.7, 0.85, 0.95, 1.05, 1.15, 1.2))
    for key in LISTS:
        if key in data:
            data[key] = _resized(data[key], factor * rng.uniform(0.8, 1.2), rng)
    data["sourcing"] = _sourcing(data.get("sourcing", []))
    for key in CRITIQUE:
        if key in data.get("critique", {}):
            data["critique"][key] = _resized(data["critique"][key], factor, rng)
    design = data.setdefault("design", {})
    design["theme"] = theme
    design["paper"] = PAPERS[(index // (len(EXAMPLES) * len(THEMES))) % len(PAPERS)]
    design["density"] = rng.choice(("compact", "normal", "normal", "airy"))
    if rng.random() < 0.3:
        design["font"] = rng.choice(("serif", "sans"))
    if rng.random() < 0.3:
        design["font_size"] = rng.choice((9, 10, 11))
    if rng.random() < 0.2:
        design["banner"] = "UNCLASSIFIED // FOR TRAINING"
    return example, data


def write(folder: Path, count: int = SIZE) -> list[Path]:
    """Write the corpus's first `count` briefs, with the texts they quote, to `folder`."""
    shutil.copytree(CONTENT / "sources", folder / "sources", dirs_exist_ok=True)
    paths = []
    for index in range(count):
        example, data = brief(index)
        path = folder / f"{index:02}-{example}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths.append(path)
    return paths


def largest_fitting_scale(builder: Builder, path: Path, fitted: float) -> float:
    """The largest scale at which the brief fits, by bisection above the one it was fitted
    at, to 0.002 (height grows with the scale)."""
    checked = builder.check(path)
    renderer = builder.renderer(builder.theme_of(checked))
    html = renderer.render(checked.brief, standalone=False, logo=checked.logo)
    layout = builder.layout
    from briefing.layout import pages_used  # the engine, only when this is called

    page = layout.page(html, renderer.stylesheet())

    def fits_at(scale: float) -> bool:
        return pages_used(layout.lay_out(page, scale)) <= LIMIT

    low, high = fitted, 1.0
    if fits_at(high):
        return high
    while high - low > 0.002:
        middle = round((low + high) / 2, 4)
        low, high = (middle, high) if fits_at(middle) else (low, middle)
    return low
