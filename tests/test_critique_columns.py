"""The memo's critique in two columns that end level, and none left empty.

Read off the laid-out page, as a reader sees it: a column left blank beside the other
looks like a page left unfinished, and a critique of one block set in half the page
wastes the other half.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing import Builder
from briefing.critique_columns import KINDS, columns
from briefing.model import Critique

LINE = 12.0
"""A line of the critique's small type and its gap, in CSS pixels: what a split found
from the blocks' lengths may miss the best one by."""


def critique_of(example: dict[str, Any], *kinds: str) -> dict[str, Any]:
    """The example's critique with only the blocks `kinds`."""
    return {kind: copy.deepcopy(example["critique"][kind]) for kind in kinds}


SHAPES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "the example's": lambda example: copy.deepcopy(example["critique"]),
    "no strengths, no errors": lambda example: critique_of(
        example, "unsupported_claims", "missing_perspectives", "rhetoric"),
    "strengths only": lambda example: critique_of(example, "strengths"),
    "missing perspectives only": lambda example: critique_of(example, "missing_perspectives"),
    "long strengths": lambda example: {
        **copy.deepcopy(example["critique"]),
        # Each a copy of its own: YAML would write a repeated one as an alias.
        "strengths": [copy.deepcopy(s) for s in example["critique"]["strengths"] * 3]},
}


def walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from walk(child)


def classes(box: Any) -> list[str]:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) != element.tag:
        return []
    return (element.get("class") or "").split()


def laid_out_columns(document: Any) -> list[list[Any]]:
    """The boxes of the critique's blocks, column by column (left first)."""
    page = document.pages[0]._page_box
    return [[block for block in walk(column) if "block" in classes(block)]
            for column in walk(page) if "column" in classes(column)]


@pytest.fixture(scope="module")
def fitted(tmp_path_factory: pytest.TempPathFactory, example_yaml: Path
           ) -> Callable[[str], tuple[Any, float]]:
    """`fitted(shape)`: the example with a critique of that shape, fitted in the memo:
    its document and the width of the page's content box."""
    folder = tmp_path_factory.mktemp("critique")
    (folder / "sources").symlink_to(example_yaml.parent / "sources")
    example = yaml.safe_load(example_yaml.read_text(encoding="utf-8"))
    builder = Builder(out=folder / "out", theme="memo")

    def fit(shape: str) -> tuple[Any, float]:
        data = copy.deepcopy(example)
        data["critique"] = SHAPES[shape](example)
        path = folder / f"{shape.replace(' ', '-')}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        document = builder.fit(builder.check(path)).document
        return document, float(document.pages[0]._page_box.width)

    return fit


@pytest.mark.parametrize("shape", list(SHAPES))
def test_no_column_is_left_empty(shape: str, fitted: Callable[[str], tuple[Any, float]]
                                 ) -> None:
    document, _ = fitted(shape)
    laid_out = laid_out_columns(document)
    blocks = sum(len(column) for column in laid_out)
    assert len(laid_out) == min(2, blocks), [len(column) for column in laid_out]
    assert all(laid_out), "a column with no block"


@pytest.mark.parametrize("shape", ["strengths only", "missing perspectives only"])
def test_a_critique_of_one_block_runs_across_the_page(
    shape: str, fitted: Callable[[str], tuple[Any, float]]
) -> None:
    document, width = fitted(shape)
    [[block]] = laid_out_columns(document)
    assert float(block.width) > 0.9 * width, (float(block.width), width)


@pytest.mark.parametrize("shape", ["the example's", "no strengths, no errors",
                                   "long strengths"])
def test_the_columns_are_cut_where_they_end_most_level(
    shape: str, fitted: Callable[[str], tuple[Any, float]]
) -> None:
    """No other cut between the blocks, kept in their order, would have made the longer
    column shorter by more than a line (each block as tall as it was laid out)."""
    document, _ = fitted(shape)
    laid_out = laid_out_columns(document)
    heights = [float(block.margin_height()) for column in laid_out for block in column]
    cut = len(laid_out[0])
    longest = {n: max(sum(heights[:n]), sum(heights[n:])) for n in range(1, len(heights))}
    assert longest[cut] <= min(longest.values()) + LINE, (cut, longest)


def test_the_blocks_keep_their_order_and_a_tie_goes_left() -> None:
    same = {"point": "x" * 100}
    critique = Critique.model_validate({"strengths": [same], "missing_perspectives": [
        {"who": "x" * 50, "why": "x" * 50}]})
    assert columns(critique) == [["strengths"], ["missing_perspectives"]]
    assert columns(Critique()) == []
    every = Critique.model_validate({
        "strengths": [same], "factual_errors": [{"claim": {"exact": "x"}, "correction": "y"}],
        "unsupported_claims": [{"claim": {"exact": "x"}, "issue": "y"}],
        "missing_perspectives": [{"who": "x", "why": "y"}],
        "rhetoric": [{"device": "x", "quote": {"exact": "y"}, "effect": "z"}]})
    split = columns(every)
    assert [kind for column in split for kind in column] == list(KINDS)
    assert split[0] == ["strengths", "factual_errors"]  # the long strength weighs most
