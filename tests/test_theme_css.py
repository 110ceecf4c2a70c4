"""Themes hold only what they change.

Every rule the built-in themes share lives in one base stylesheet, `base.css`, which each
theme's `brief.css` includes; the sheet and the contrast theme draw their page with one
partial, `partials/two-column.html.j2`. These tests fail when a theme repeats what the
base holds, when every theme repeats the same rule, or when a two-column theme stops
drawing its page from the shared partial; and they check that a user's copy of one of
these files, or of a whole theme, still builds the theme's own page, byte for byte.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
import pytest
import tinycss2
import tinycss2.color3
from click.testing import Result
from pypdf import PdfReader
from test_customising import assert_built, do, pixels_near

from briefing import Builder, render, theme_lookup

THEMES = tuple(theme_lookup.themes())
TWO_COLUMN = ("sheet", "contrast")
"""The themes whose page is the two-column partial."""
BASE = "base.css"
PAGE = "partials/two-column.html.j2"

Declaration = tuple[str, str, str, str]
"""Where a declaration applies: its `@media` (or ""), one selector, the property, the value."""


# --- reading stylesheets -------------------------------------------------------------------


def _text(nodes: Sequence[Any]) -> str:
    return " ".join(tinycss2.serialize(nodes).split())


def _selectors(prelude: Sequence[Any]) -> list[str]:
    """The selectors of a rule's list, each on its own: `th, td` is `th` and `td`."""
    parts: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [_text(part) for part in parts]


def declarations(css: str, media: str = "") -> Iterator[Declaration]:
    """Every declaration of `css`, once for each selector of its rule.

    Selectors are taken one by one so that grouping them differently hides nothing.
    """
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "media":
            yield from declarations(tinycss2.serialize(rule.content), _text(rule.prelude))
            continue
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
        elif rule.type == "at-rule" and rule.content is not None:
            selectors = [f"@{rule.lower_at_keyword} {_text(rule.prelude)}".strip()]
        else:
            continue
        for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                   skip_whitespace=True):
            if item.type == "declaration":
                value = _text(item.value) + (" !important" if item.important else "")
                for selector in selectors:
                    yield media, selector, item.name, value


def environment(theme: str) -> jinja2.Environment:
    return render.environment(None, theme)


def base_css(theme: str) -> str:
    """The base stylesheet as the theme's stylesheet includes it."""
    return environment(theme).get_template(BASE).render()


def layer(theme: str) -> str:
    """The theme's own stylesheet: its `brief.css` without what base.css gives it."""
    env = environment(theme)
    css = env.get_template(theme_lookup.STYLESHEET).render()
    base = base_css(theme)
    assert base in css, f"{theme}'s {theme_lookup.STYLESHEET} does not include {BASE}"
    css = css.replace(base, "", 1)
    # What the base's macros write (the screen preview) is the base's too.
    module = env.get_template(BASE).module
    for macro in vars(module).values():
        if isinstance(macro, jinja2.runtime.Macro):
            css = css.replace(str(macro()), "", 1)
    return css


# --- the stylesheets -----------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_a_theme_repeats_nothing_of_the_base(theme: str) -> None:
    repeated = set(declarations(layer(theme))) & set(declarations(base_css(theme)))
    assert not repeated, f"{theme} repeats what {BASE} says: {sorted(repeated)}"


def test_what_every_theme_says_is_said_once_in_the_base() -> None:
    every = set.intersection(*(set(declarations(layer(theme))) for theme in THEMES))
    assert not every, f"every theme says this, which belongs in {BASE}: {sorted(every)}"


def test_the_base_sets_no_colour() -> None:
    """A theme's colours are its own, so that changing them changes that theme only."""
    coloured = [
        declaration for declaration in declarations(base_css(theme_lookup.DEFAULT_THEME))
        for token in tinycss2.parse_component_value_list(declaration[3])
        if tinycss2.color3.parse_color(token) not in (None, "currentColor")
    ]
    assert not coloured, coloured


# --- the two-column page -------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_the_two_column_themes_draw_their_page_from_the_one_partial(
    theme: str, tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    """A user's copy of the partial is the whole page of both two-column themes."""
    mine = tmp_path / "mine"
    (mine / "partials").mkdir(parents=True)
    (mine / PAGE).write_text('<p class="mine">My own page</p>\n', encoding="utf-8")
    brief = write_brief(tmp_path / "in", design={"theme": theme})
    out = tmp_path / "out"
    Builder(out=out, formats=("html", "pdf"), templates_dir=mine).build(brief)
    page = (out / "brief.html").read_text(encoding="utf-8").split("<main", 1)[1]
    text = " ".join((PdfReader(out / "brief.pdf").pages[0].extract_text() or "").split())
    if theme in TWO_COLUMN:
        # Nothing on the page comes from elsewhere: no section, no grid of the theme's own.
        assert 'class="mine"' in page and "My own page" in text
        assert "data-section" not in page and "<div" not in page
    else:
        assert 'class="mine"' not in page and "My own page" not in text


# --- a user's copies -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def builtin_pdf(
    example_yaml: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], bytes]:
    """`builtin_pdf(theme)`: the example's PDF in the built-in theme, built once."""
    built: dict[str, bytes] = {}

    def get(theme: str) -> bytes:
        if theme not in built:
            out = tmp_path_factory.mktemp(f"builtin-{theme}")
            Builder(out=out, formats=("pdf",), theme=theme, force=True).build(example_yaml)
            built[theme] = (out / f"{example_yaml.stem}.pdf").read_bytes()
        return built[theme]

    return get


def build_example(example_yaml: Path, out: Path, theme: str, folder: Path) -> Path:
    """The example built in `theme` with the user's templates `folder` first; its PDF."""
    Builder(out=out, formats=("pdf",), theme=theme, templates_dir=folder,
            force=True).build(example_yaml)
    pdf = out / f"{example_yaml.stem}.pdf"
    assert len(PdfReader(pdf).pages) == 1
    return pdf


@pytest.mark.parametrize("theme, name", [(theme, theme_lookup.STYLESHEET) for theme in THEMES]
                         + [(theme, PAGE) for theme in TWO_COLUMN])
def test_a_copy_of_one_file_alone_builds_the_same_page(
    theme: str, name: str, example_yaml: Path, tmp_path: Path,
    builtin_pdf: Callable[[str], bytes],
) -> None:
    """The copy still finds the rest (base.css, the partials) in briefing."""
    mine = tmp_path / "mine"
    (mine / name).parent.mkdir(parents=True)
    shutil.copy(dict(theme_lookup.files(None, theme))[name], mine / name)
    pdf = build_example(example_yaml, tmp_path / "out", theme, mine)
    assert pdf.read_bytes() == builtin_pdf(theme)


@pytest.mark.parametrize("theme", THEMES)
def test_an_ejected_theme_is_whole(
    theme: str, example_yaml: Path, tmp_path: Path, run_cli: Callable[..., Result],
    builtin_pdf: Callable[[str], bytes],
) -> None:
    """With another theme behind the copy, the example is still the ejected theme's page."""
    ejected = tmp_path / "ejected"
    assert run_cli("theme", "eject", theme, ejected).exit_code == 0
    other = next(name for name in THEMES if name != theme)
    pdf = build_example(example_yaml, tmp_path / "out", other, ejected)
    assert pdf.read_bytes() == builtin_pdf(theme)


@pytest.fixture
def start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_yaml: Path) -> Path:
    """A fresh folder with the example brief as `brief.yaml`, and the working directory."""
    shutil.copy(example_yaml, tmp_path / "brief.yaml")
    shutil.copytree(example_yaml.parent / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_colours_of_one_theme(start: Path, run_cli: Callable[..., Result]) -> None:
    """docs/customising.md, "In one theme", done word for word."""
    done = do("In one theme", start, run_cli)
    assert_built(done)
    html = done.html()
    assert 'class="sheet"' in html and "--accent: #6b2d5c;" in html
    assert "#0b5061" not in html  # the sheet's own accent is gone
    # The sheet's accent is in its rules, headings and labels: fewer pixels than the memo's.
    assert pixels_near(done.pdf(), "#6b2d5c") > 200
    assert pixels_near(done.pdf(), "#0b5061") == 0
    # Without the folder, a brief keeps its theme's colours.
    assert run_cli("build", "brief.yaml", "--out", "memo", "--format", "html").exit_code == 0
    memo = (start / "memo" / "brief.html").read_text(encoding="utf-8")
    assert "--accent: #1d3f66;" in memo and "#6b2d5c" not in memo
