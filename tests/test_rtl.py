"""Right-to-left briefs, where WeasyPrint is known to be weak, tested on purpose.

WeasyPrint documents bidirectional text as partly supported (its issues #106, #1724,
#1711, #2386, #1512). Each test here lays out the Hebrew example
(content/givat-shaked-water.yaml), or a brief made to show one weak spot, and looks at
where the boxes landed: a mirrored page must put first things on the right.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
import yaml

from briefing import Builder, theme_lookup

RTL_EXAMPLE = "givat-shaked-water.yaml"
THEMES = list(theme_lookup.themes())


def walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from walk(child)


def text_of(box: Any) -> str:
    return "".join(getattr(b, "text", "") for b in walk(box))


def elements(page: Any, tag: str, css_class: str | None = None) -> list[Any]:
    """The boxes of `tag` elements (with `css_class`), each element's first box."""
    found, seen = [], set()
    for box in walk(page):
        element = getattr(box, "element", None)
        if element is None or getattr(box, "element_tag", None) != tag or id(element) in seen:
            continue
        if css_class and css_class not in (element.get("class") or "").split():
            continue
        seen.add(id(element))
        found.append(box)
    return found


def right(box: Any) -> float:
    return float(box.border_box_x() + box.border_width())


@pytest.fixture(scope="module")
def laid_out(example_yaml: Path, tmp_path_factory: pytest.TempPathFactory
             ) -> Callable[[str, str], Any]:
    """`laid_out(file, theme)`: the brief `file` of content/ laid out, its page box."""
    cache: dict[tuple[str, str], Any] = {}

    def get(name: str, theme: str) -> Any:
        if (name, theme) not in cache:
            builder = Builder(out=tmp_path_factory.mktemp("rtl"), formats=("pdf",),
                              theme=theme, force=True)
            checked = builder.check(example_yaml.parent / name)
            cache[name, theme] = builder.fit(checked).document.pages[0]._page_box
        return cache[name, theme]

    return get


@pytest.mark.parametrize("theme", THEMES)
def test_the_page_is_mirrored(theme: str, laid_out: Callable[[str, str], Any]) -> None:
    """The masthead's first word (the kicker) at the right, the date at the left."""
    page = laid_out(RTL_EXAMPLE, theme)
    (banner,) = elements(page, "p", "banner")
    spans = [b for b in elements(banner, "span") if text_of(b).strip()]
    assert right(spans[0]) > right(spans[-1]), [text_of(s) for s in spans]


@pytest.mark.parametrize("theme", ["memo", "sheet"])
def test_tables_run_right_to_left(theme: str, laid_out: Callable[[str, str], Any]) -> None:
    """#1711: a table's first column on the right; its head cells set from the right
    (`text-align: start`, #1512)."""
    page = laid_out(RTL_EXAMPLE, theme)
    table = elements(page, "table")[0]
    heads = elements(table, "th")[:2]
    assert heads[0].position_x > heads[1].position_x
    line = next(b for b in walk(heads[0]) if type(b).__name__ == "LineBox")
    ink = [b for b in walk(line) if type(b).__name__ == "TextBox"]
    cell_right = float(heads[0].content_box_x() + heads[0].width)
    assert abs(max(float(b.position_x + b.width) for b in ink) - cell_right) < 1.0


@pytest.mark.parametrize("theme", ["sheet", "contrast"])
def test_columns_run_right_to_left(theme: str, laid_out: Callable[[str, str], Any]) -> None:
    """#2386: the two-column page reads down the right column first, then the left: the
    key judgments (first) right of the watch list (last)."""
    page = laid_out(RTL_EXAMPLE, theme)
    first = elements(page, "section", "judgments")[0]
    last = elements(page, "section", "watch")[0]
    assert first.position_x > last.position_x + 100


def test_the_contrast_column_rule_stands_between_the_columns(
    laid_out: Callable[[str, str], Any]
) -> None:
    """WeasyPrint draws an RTL page's column rule at the edge of a column; the contrast
    theme draws it itself, in the middle of the gap."""
    page = laid_out(RTL_EXAMPLE, "contrast")
    container = next(b for b in walk(page) if getattr(b, "element", None) is not None
                     and b.element.get("data-layout") == "two-column"
                     and b.element_tag == "div")
    rule = next(b for b in walk(container)
                if str(getattr(b, "element_tag", "")).endswith("::before"))
    middle = float(container.content_box_x() + container.width / 2)
    assert abs(float(rule.position_x) - middle) < 2.0
    assert container.style["column_rule_style"] == "none"


@pytest.mark.parametrize("theme", THEMES)
def test_list_numbers_stand_right(theme: str, laid_out: Callable[[str, str], Any]) -> None:
    """The key judgments' numbers (a list's markers, or the sheet's own counter) at the
    right of their text."""
    page = laid_out(RTL_EXAMPLE, theme)
    item = elements(elements(page, "section", "judgments")[0], "li")[0]
    text = elements(item, "span", "text")[0]
    marker = next(b for b in walk(item)
                  if str(getattr(b, "element_tag", "")).endswith(("::marker", "::before")))
    assert marker.position_x >= right(text) - 1, (marker.position_x, right(text))


# --- a mixed-direction line: punctuation at the ends stays where it belongs ----------------


def char_x(pdf: Path, pattern: str) -> list[float]:
    """The left edge of each character of the first match of `pattern` on the page.

    PDFium's text swaps a bracket it takes for mirrored (")" read as "("), so a pattern
    takes either; the positions are the glyphs' own."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        textpage = document[0].get_textpage()
        found = re.search(pattern, textpage.get_text_range())
        assert found, f"{pattern!r} not in the page's text"
        return [textpage.get_charbox(i)[0] for i in range(found.start(), found.end())]
    finally:
        document.close()


def test_a_latin_name_in_a_hebrew_line_keeps_its_brackets_and_full_stop(
    example_yaml: Path, tmp_path: Path
) -> None:
    """#106, #1724: "Reuters (Osborn and Lowe, 2016)." inside a Hebrew line reads left to
    right, its closing bracket and full stop at its right end, not flung to the left."""
    content = tmp_path / "content"
    shutil.copytree(example_yaml.parent, content)
    brief = content / RTL_EXAMPLE
    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    data["sourcing"][0]["who"] = "Reuters (Osborn and Lowe, 2016)."
    brief.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = Builder(out=tmp_path / "out", formats=("html", "pdf"), force=True).build(brief)
    html = next(p for p in result.outputs if p.suffix == ".html").read_text("utf-8")
    assert "<bdi dir=\"ltr\">Reuters (Osborn and Lowe, 2016).</bdi>" in html
    pdf = next(p for p in result.outputs if p.suffix == ".pdf")
    xs = char_x(pdf, r"2016[()]\.")
    assert xs == sorted(xs), xs  # "2016" then ")" then ".", left to right
    xs = char_x(pdf, r"Reuters [()]Osborn")
    assert xs == sorted(xs), xs


def test_an_arabic_name_in_an_english_brief_is_isolated(
    example_yaml: Path, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(example_yaml.parent, content)
    brief = content / example_yaml.name
    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    ministry = "\u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u062f\u0641\u0627\u0639"  # of defence
    data["motives"][0]["actor"] = ministry
    brief.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = Builder(out=tmp_path / "out", formats=("html",), force=True).build(brief)
    html = result.outputs[0].read_text("utf-8")
    assert '<bdi dir="rtl">\u0648\u0632\u0627\u0631\u0629' in html
    assert html.count("<bdi") == 1  # the English text is left as it is


# --- Chromium -----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_chromium_prints_the_right_to_left_html_on_one_page(
    theme: str, chromium: str, example_yaml: Path, tmp_path: Path
) -> None:
    from test_chromium import letters, print_to_pdf

    brief = example_yaml.parent / RTL_EXAMPLE
    out = tmp_path / "out"
    Builder(out=out, formats=("html",), theme=theme, force=True).build(brief)
    profile = tmp_path / "profile"
    profile.mkdir()
    printed = print_to_pdf(chromium, out / f"{brief.stem}.html", tmp_path / "c.pdf", profile)
    document = pypdfium2.PdfDocument(printed)
    try:
        assert len(document) == 1
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    bluf = yaml.safe_load(brief.read_text("utf-8"))["bluf"]
    assert letters(bluf)[:40] in letters(text)
