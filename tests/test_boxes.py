"""Nothing leaves its box, and the two columns end together: read off the laid-out page.

A reader holds the page: a quote that runs into the margin, or a confidence tag that
pokes past its table's rule, reads as a printing fault, and a browser's print cuts it
off. So every theme, on A4 and on Letter, lays out the example at its fitted scale, the
example and a long brief at the fit's floor (80%: every line breaks elsewhere, and rules
and borders keep their width), and a brief with an address that has no place to break;
WeasyPrint's boxes are walked, and every run of text and tag must lie
inside its table cell, its column and the page's content box, and every cell inside
its column and the page's content box.

The two-column themes must also end their two columns within a tenth of the page's
height of each other, for the example, a short and a long brief, at the scale the fit
chose: a column left half empty looks like a page left unfinished.
"""

from __future__ import annotations

import copy
import itertools
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_fit import JUDGMENT

from briefing import Builder
from briefing.fitting import FLOOR

THEMES = ("memo", "sheet", "contrast")
TWO_COLUMN = ("sheet", "contrast")
PAPERS = ("a4", "letter")
SLACK = 0.5
"""Points a box may pass its column by: rounding, not ink."""
BALANCE = 0.10
"""Most the two columns' ends may differ by, as a fraction of the page's height."""
PT = 0.75
"""Points per CSS pixel, WeasyPrint's unit."""


# --- the briefs ------------------------------------------------------------------------------


def example_data(example_yaml: Path) -> dict[str, Any]:
    data = yaml.safe_load(example_yaml.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def long_brief(example: dict[str, Any]) -> dict[str, Any]:
    """The example with twice its judgments and one more motive: what the fit shrinks
    (to 80-90%), and heavy at the top, in the left column of a page split by sections."""
    data = copy.deepcopy(example)
    # Each item a copy of its own: YAML would write a repeated one as an alias.
    data["key_judgments"] = [copy.deepcopy(k) for k in data["key_judgments"] * 2]
    data["motives"] = [copy.deepcopy(m) for m in data["motives"] + data["motives"][:1]]
    return data


def short_brief(example: dict[str, Any]) -> dict[str, Any]:
    """Three judgments and one motive against one strength and one question."""
    data = {key: copy.deepcopy(example[key]) for key in ("piece", "meta", "bluf")}
    data["key_judgments"] = [
        {"text": JUDGMENT.format(i=i), "confidence": "moderate"} for i in range(3)]
    data["motives"] = copy.deepcopy(example["motives"][:1])
    data["critique"] = {"strengths": [{"point": "It quotes its source verbatim."}]}
    data["watch"] = [{"kind": "question", "text": "Who wrote it, and when?"}]
    return data


ADDRESS = "https://archive.example.org/" + "2016063012" * 6
"""An address with no place to break a line, or to hyphenate: it must break anywhere
rather than run out of its column."""


def with_addresses(example: dict[str, Any]) -> dict[str, Any]:
    """The example with ADDRESS in a judgment, a motive (a table's narrow cell in the memo
    and the sheet) and the critique (the right column of a two-column page)."""
    data = copy.deepcopy(example)
    data["key_judgments"][0]["text"] += f" See {ADDRESS}."
    data["motives"][0]["motive"] += f" ({ADDRESS})"
    data["critique"]["strengths"][0]["point"] += f" See {ADDRESS}."
    return data


BRIEFS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "the example": copy.deepcopy, "a long brief": long_brief, "a short brief": short_brief,
    "a brief with long addresses": with_addresses,
}


@dataclass(frozen=True)
class Page:
    """One brief laid out in one theme on one paper, and at what scale."""

    label: str
    document: Any
    scale: float


@pytest.fixture(scope="module")
def lay_out(
    tmp_path_factory: pytest.TempPathFactory, example_yaml: Path
) -> Callable[[str, str, str, float | None], Page]:
    """`lay_out(brief, theme, paper, scale)`: laid out once a module, fitted if no scale."""
    folder = tmp_path_factory.mktemp("boxes")
    shutil.copytree(example_yaml.parent / "sources", folder / "sources")
    example = example_data(example_yaml)
    builders: dict[str, Builder] = {}
    done: dict[tuple[str, str, str, float | None], Page] = {}

    def get(brief: str, theme: str, paper: str, scale: float | None) -> Page:
        key = (brief, theme, paper, scale)
        if key not in done:
            data = BRIEFS[brief](example)
            data.setdefault("design", {})["paper"] = paper
            path = folder / f"{brief.replace(' ', '-')}-{paper}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
            builder = builders.setdefault(theme, Builder(out=folder / "out", theme=theme))
            checked = builder.check(path)
            label = f"{brief} in {theme} on {paper}"
            if scale is None:
                fitted = builder.fit(checked)
                done[key] = Page(f"{label} (fitted at {fitted.scale:.0%})",
                                 fitted.document, fitted.scale)
            else:
                done[key] = Page(f"{label} at {scale:.0%}",
                                 at_scale(builder, checked, theme, scale), scale)
        return done[key]

    return get


def at_scale(builder: Builder, checked: Any, theme: str, scale: float) -> Any:
    """The brief laid out at `scale` with briefing's fonts and stylesheet, not fitted."""
    from weasyprint import CSS, HTML

    renderer = builder.renderer(theme)
    layout = builder.layout
    parsed = HTML(string=renderer.render(checked.brief, standalone=False),
                  url_fetcher=layout.fetcher, base_url=layout.base_url)
    sheets = [layout.font_css, CSS(string=renderer.stylesheet(), font_config=layout.font_config,
                                   url_fetcher=layout.fetcher, base_url=layout.base_url),
              CSS(string=f":root {{ --scale: {scale} !important; }}")]
    return parsed.render(font_config=layout.font_config, stylesheets=sheets)


# --- walking the boxes -----------------------------------------------------------------------


def walk(box: Any, ancestors: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every box under `box`, with its ancestors, outermost first."""
    yield box, ancestors
    for child in getattr(box, "children", ()):
        yield from walk(child, (*ancestors, box))


def text_of(box: Any) -> str:
    return " ".join("".join(getattr(b, "text", "") for b, _ in walk(box)).split())


def is_layout(box: Any) -> bool:
    """The box of the two-column page's container (partials/two-column.html.j2)."""
    element = getattr(box, "element", None)
    return (element is not None and element.get("data-layout") == "two-column"
            and getattr(box, "element_tag", None) == element.tag)


def content_span(box: Any) -> tuple[float, float]:
    left = float(box.content_box_x())
    return left, left + float(box.width)


def column_of(ancestors: tuple[Any, ...]) -> Any | None:
    """The column a box is in: a column of the two-column page (a column box of CSS
    columns, or a child of the page's container however it is laid out), if any."""
    for parent, box in itertools.pairwise(ancestors):
        if is_layout(parent) or getattr(box, "is_column", False):
            return box
    return None


def drawn(box: Any) -> bool:
    """A box whose ink a reader sees: a run of text, a tag or other inline box with a
    border or background, a replaced box (an image, the QR code), a table cell."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return bool(box.text.strip())
    return isinstance(box, (boxes.InlineBox, boxes.AtomicInlineLevelBox, boxes.TableCellBox))


def escapes(page: Page) -> list[str]:
    """What runs past its table cell, its column or the page's content box, in words."""
    from weasyprint.formatting_structure import boxes

    found = []
    for number, laid_out in enumerate(page.document.pages, 1):
        page_box = laid_out._page_box
        for box, ancestors in walk(page_box):
            if not drawn(box):
                continue
            left = float(box.border_box_x())
            right = left + float(box.border_width())
            column = column_of(ancestors)
            areas = [("the page's margin", content_span(page_box))]
            if column is not None:
                areas.append(("its column", content_span(column)))
            cell = next((a for a in reversed(ancestors) if isinstance(a, boxes.TableCellBox)),
                        None)
            if cell is not None:
                # Into the cell's padding, a table's gutter, is fine; into the next, not.
                start = float(cell.padding_box_x())
                areas.append(("its table cell", (start, start + float(cell.padding_width()))))
            for name, (start, end) in areas:
                over = max(start - left, right - end) * PT
                if over > SLACK:
                    side = "right" if right > end else "left"
                    found.append(f"{page.label}, page {number}: {text_of(box)[:60]!r} "
                                 f"runs {over:.1f} pt past {name} on the {side}")
                    break
    return found


def column_ends(page: Page) -> list[float]:
    """How far down each column of the two-column page its last line or row reaches."""
    from weasyprint.formatting_structure import boxes

    page_box = page.document.pages[0]._page_box
    container = next(box for box, _ in walk(page_box) if is_layout(box))
    ends = []
    for column in container.children:
        bottoms = [float(b.border_box_y() + b.border_height()) for b, _ in walk(column)
                   if isinstance(b, (boxes.LineBox, boxes.TableRowBox)) and text_of(b)]
        if bottoms:
            ends.append(max(bottoms))
    return ends


# --- the tests -------------------------------------------------------------------------------


CASES = [(theme, paper) for theme in THEMES for paper in PAPERS]
LAYOUTS = [("the example", None), ("the example", FLOOR), ("a long brief", FLOOR),
           ("a brief with long addresses", None)]


@pytest.mark.parametrize("brief, scale", LAYOUTS)
@pytest.mark.parametrize("theme, paper", CASES)
def test_nothing_runs_past_its_column_or_the_margin(
    theme: str, paper: str, brief: str, scale: float | None,
    lay_out: Callable[[str, str, str, float | None], Page],
) -> None:
    page = lay_out(brief, theme, paper, scale)
    assert escapes(page) == []


@pytest.mark.parametrize("brief", ["the example", "a short brief", "a long brief"])
@pytest.mark.parametrize("theme, paper", [(t, p) for t in TWO_COLUMN for p in PAPERS])
def test_the_two_columns_end_together(
    theme: str, paper: str, brief: str,
    lay_out: Callable[[str, str, str, float | None], Page],
) -> None:
    page = lay_out(brief, theme, paper, None)
    assert len(page.document.pages) == 1, page.label
    ends = column_ends(page)
    assert len(ends) == 2, f"{page.label}: {len(ends)} columns of text, not two"
    height = float(page.document.pages[0]._page_box.margin_height())
    gap = abs(ends[0] - ends[1]) / height
    longer = "left" if ends[0] > ends[1] else "right"
    assert gap <= BALANCE, (
        f"{page.label}: the {longer} column ends {gap:.0%} of the page lower than the "
        f"other ({abs(ends[0] - ends[1]) * PT:.0f} pt); at most {BALANCE:.0%}")


def test_the_check_finds_a_quote_that_runs_into_the_margin(
    lay_out: Callable[[str, str, str, float | None], Page],
) -> None:
    """A check of the check: a box moved past the margin is found, and said in words."""
    page = lay_out("the example", "memo", "a4", FLOOR)
    box = next(b for b, _ in walk(page.document.pages[0]._page_box)
               if getattr(b, "element_tag", None) == "q")
    saved = box.position_x
    try:
        box.translate(dx=600)
        found = escapes(page)
    finally:
        box.translate(dx=saved - box.position_x)
    assert any("past the page's margin on the right" in line for line in found), found
