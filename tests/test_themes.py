"""The built-in themes: each prints the example on one page of A4 and of US Letter, honours
the design options, and is made for print (no heading left at the foot of a column,
nothing in the margins, colours that read in grey scale; the contrast theme black on white).

Builds are shared: each theme and paper is built once a module (about a second each).
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from PIL import Image, ImageChops
from pypdf import PdfReader

from briefing import Builder, theme_lookup
from briefing.build import Result as BuildResult

THEMES = ("memo", "sheet", "contrast")
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
"""Width and height of each paper, in points."""
CASES = [(theme, paper) for theme in THEMES for paper in PAPERS]
HEADINGS = (
    "Bottom line", "Key judgments", "What drives the actors and the author",
    "Who and what the piece relies on", "What holds up, and what does not",
    "Open questions and indicators",
)
"""The sections of the example that every theme prints."""
MIN_SCALE = 0.83
"""The example must fit with room to spare above the 80% floor of the one-page fit.

It was 0.85 until the page printed more (each judgment's source marks, the dek on a
line of its own, the critique's labels): contrast on Letter now fits at 0.839, where
the largest scale that fits is about 0.855. Closing that gap is the fit's accuracy,
measured in benchmarks, not this test's."""
BANNER = "UNCLASSIFIED // FOR TRAINING"
ACCENT = "#8a1c1c"
URL = "https://fpif.org/russia-will-regret-support-assad-regime/"


def near(image: Image.Image, colour: str, tolerance: int = 12) -> int:
    """How many pixels of `image` are within `tolerance` of `colour` in every channel."""
    target = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    red, green, blue = ImageChops.difference(
        image.convert("RGB"), Image.new("RGB", image.size, target)).split()
    furthest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return furthest.point(lambda v: 255 if v <= tolerance else 0).histogram()[255]


def pdf_text(path: Path) -> str:
    """All text of the PDF, whitespace folded to single spaces."""
    pages = PdfReader(path).pages
    return " ".join(" ".join(page.extract_text() or "" for page in pages).split())


def squashed(text: str) -> str:
    """Text compared as words: no case, spaces or hyphens (lines may break in a word)."""
    return re.sub(r"[\s\u00ad\u2010-]", "", unicodedata.normalize("NFKC", text)).lower()


# --- building --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """One brief built by one theme: the build's result and its outputs."""

    result: BuildResult
    out: Path
    stem: str

    @property
    def pdf(self) -> Path:
        return self.out / f"{self.stem}.pdf"

    @property
    def png(self) -> Path:
        return self.out / f"{self.stem}.png"

    @property
    def html(self) -> str:
        return (self.out / f"{self.stem}.html").read_text(encoding="utf-8")

    @property
    def text(self) -> str:
        return pdf_text(self.pdf)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, example_yaml: Path) -> Path:
    """A folder with the example's source texts, where variants of the example are written."""
    here = tmp_path_factory.mktemp("themes")
    shutil.copytree(example_yaml.parent / "sources", here / "sources")
    return here


@pytest.fixture(scope="module")
def example(example_yaml: Path) -> dict[str, Any]:
    data = yaml.safe_load(example_yaml.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def build(folder: Path, example: dict[str, Any]) -> Callable[..., Built]:
    """`build(stem, design=None, theme=None, ...)`: the example with `design`, built once."""
    cache: dict[str, Built] = {}

    def make(
        stem: str, design: dict[str, Any] | None = None, theme: str | None = None,
        formats: tuple[str, ...] = ("html", "pdf", "png"), templates_dir: Path | None = None,
        data: dict[str, Any] | None = None,
    ) -> Built:
        if stem not in cache:
            brief = dict(data or example)
            if design is not None:
                brief["design"] = design
            path = folder / f"{stem}.yaml"
            path.write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
            out = folder / "out"
            builder = Builder(out=out, formats=formats, templates_dir=templates_dir,
                              force=True, theme=theme)
            cache[stem] = Built(builder.build(path), out, stem)
        return cache[stem]

    return make


@pytest.fixture(scope="module")
def example_in(build: Callable[..., Built]) -> Callable[[str, str], Built]:
    """`example_in(theme, paper)`: the example brief in that theme, on that paper."""
    return lambda theme, paper: build(f"{theme}-{paper}", {"theme": theme, "paper": paper})


def other_font(theme: str) -> str:
    """The body type that is not the theme's own: memo is serif, sheet and contrast sans."""
    return "sans" if theme == "memo" else "serif"


@pytest.fixture(scope="module")
def with_options(build: Callable[..., Built]) -> Callable[[str], Built]:
    """The example with every design option that shows, in `theme`, on US Letter.

    Without its sources: at 11 pt, with the banner twice and the QR code, the example
    would not fit on one page of Letter in the memo.
    """
    return lambda theme: build(f"options-{theme}", {
        "theme": theme, "paper": "letter", "accent": ACCENT, "font": other_font(theme),
        "font_size": 11, "density": "compact", "banner": BANNER,
        "show": {"qr": True, "sourcing": False},
    })


@pytest.fixture(scope="module")
def with_less(build: Callable[..., Built]) -> Callable[[str], Built]:
    """The example with sources, footer, date and address left out, in `theme`."""
    return lambda theme: build(f"less-{theme}", {
        "theme": theme,
        "show": {"sourcing": False, "footer": False, "date": False, "url": False},
    })


# --- the list of themes, and choosing one --------------------------------------------------


def test_briefing_themes_lists_the_three(run_cli: Callable[..., Result]) -> None:
    result = run_cli("themes")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["memo", "contrast", "sheet"]
    assert lines[0].endswith("(default)")
    for line, name in zip(lines, ("memo", "contrast", "sheet"), strict=True):
        description = line[len(name):].strip()
        assert len(description) > 30, line
        assert description == (
            theme_lookup.theme(name).description + (" (default)" if name == "memo" else "")
        )


def test_theme_option_overrides_design_theme(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, design={"theme": "contrast"})
    own = run_cli("build", path.name, "--out", "own", "--format", "html")
    over = run_cli("build", path.name, "--out", "over", "--format", "html", "--theme", "sheet")
    assert own.exit_code == 0 and over.exit_code == 0, own.output + over.output
    own_html = (in_tmp / "own" / "brief.html").read_text(encoding="utf-8")
    over_html = (in_tmp / "over" / "brief.html").read_text(encoding="utf-8")
    sheet, contrast = r'class="sheet( one-column)?"', r'class="columns-2( one-column)?"'
    assert re.search(contrast, own_html) and not re.search(sheet, own_html)
    assert re.search(sheet, over_html) and not re.search(contrast, over_html)


@pytest.mark.parametrize("theme, grid", [("sheet", "sheet"), ("contrast", "columns-2")])
def test_two_column_themes_use_one_column_when_the_right_one_is_empty(
    theme: str, grid: str, in_tmp: Path, write_brief: Callable[..., Path],
    run_cli: Callable[..., Result], example_in: Callable[[str, str], Built],
) -> None:
    path = write_brief(in_tmp, design={"theme": theme})  # no critique, no watch list
    assert run_cli("build", path.name, "--out", "out", "--format", "html").exit_code == 0
    assert f'class="{grid} one-column"' in (in_tmp / "out" / "brief.html").read_text("utf-8")
    assert f'class="{grid}"' in example_in(theme, "a4").html


def test_unknown_theme_is_an_error_with_a_suggestion(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, design={"theme": "sheeet"})
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 2
    assert "DE001" in result.stderr
    assert "there is no theme 'sheeet'" in result.stderr
    assert "did you mean 'sheet'?" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (in_tmp / "out").exists()


def test_ejected_sheet_builds_the_same_page_as_the_sheet_theme(
    tmp_path: Path, run_cli: Callable[..., Result], build: Callable[..., Built],
    example_in: Callable[[str, str], Built],
) -> None:
    ejected = tmp_path / "my-sheet"
    result = run_cli("theme", "eject", "sheet", str(ejected))
    assert result.exit_code == 0, result.output
    for name, _source in theme_lookup.files(None, "sheet"):
        # Every template is copied; the theme's description is not a template.
        assert (ejected / name).is_file() == (name != "theme.toml"), name
    # A memo brief (no design block), built with the ejected folder first.
    mine = build("ejected", None, formats=("html", "pdf"), templates_dir=ejected)
    assert 'class="sheet"' in mine.html
    assert mine.text == build("sheet-default", {"theme": "sheet"}).text
    assert mine.text == build("sheet-option", None, theme="sheet").text


# --- every theme on every paper ------------------------------------------------------------


@pytest.mark.parametrize("theme, paper", CASES)
def test_example_fits_one_page_of_its_paper(
    theme: str, paper: str, example_in: Callable[[str, str], Built]
) -> None:
    built = example_in(theme, paper)
    reader = PdfReader(built.pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    width, height = PAPERS[paper]
    assert abs(float(box.width) - width) <= 1 and abs(float(box.height) - height) <= 1
    assert built.result.scale is not None and built.result.scale >= MIN_SCALE, (
        f"{theme} on {paper} fitted at {built.result.scale}: too close to the floor"
    )
    # Each pass is a full layout: the fit's guess must land in few of them. Contrast on
    # Letter takes 4 (its balanced columns fill by jumps; docs/fitting.md).
    assert built.result.passes <= 4, f"{theme} on {paper}: {built.result.passes} passes"


@pytest.mark.parametrize("theme, paper", CASES)
def test_example_prints_bottom_line_and_every_heading(
    theme: str, paper: str, example_in: Callable[[str, str], Built], example: dict[str, Any]
) -> None:
    built = example_in(theme, paper)
    text = squashed(built.text)
    assert squashed(" ".join(example["bluf"].split()[:8])) in text
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[23]>(.*?)</h[23]>", built.html)]
    assert set(HEADINGS) <= set(headings)
    for heading in headings:
        assert squashed(heading) in text, f"{theme}: heading {heading!r} not in the PDF"
    assert squashed(URL) in text  # the address, printed as text


@pytest.mark.parametrize("theme, paper", CASES)
def test_nothing_is_printed_in_the_margins(
    theme: str, paper: str, example_in: Callable[[str, str], Built]
) -> None:
    """Text past the page area (below its foot, or beside it) would show in the margins."""
    image = Image.open(example_in(theme, paper).png).convert("L")
    width, height = image.size
    band = round(5 / 25.4 * width / (PAPERS[paper][0] / 72))  # 5 mm, in pixels
    for name, box in {
        "bottom": (0, height - band, width, height), "top": (0, 0, width, band // 2),
        "left": (0, 0, band, height), "right": (width - band, 0, width, height),
    }.items():
        darkest = image.crop(box).getextrema()[0]
        assert darkest > 245, f"{theme} on {paper}: something is printed in the {name} margin"


# --- print details -------------------------------------------------------------------------


def _line_boxes(box: Any, heading: str | None = None) -> Iterator[tuple[Any, str | None]]:
    """Every line box under `box`, with the heading (h1-h3) it belongs to, if any."""
    tag = getattr(box, "element_tag", None)
    if tag in ("h1", "h2", "h3"):
        heading = tag
    if type(box).__name__ == "LineBox":
        yield box, heading
        return
    for child in getattr(box, "children", ()):
        yield from _line_boxes(child, heading)


@pytest.mark.parametrize("theme", THEMES)
def test_headings_stay_with_what_follows_and_text_stays_on_the_page(
    theme: str, folder: Path, example_in: Callable[[str, str], Built]
) -> None:
    """A heading pushed to the foot of a page goes over with its first lines, and no line
    is ever laid out below the page area.

    The example is laid out at full size, then again with space added above a heading, so
    that it ends just above the foot of the page and what follows it no longer fits under
    it. As a check of the check, the same layout with the theme's
    `break-after: avoid` undone must leave the heading alone there. (The heading is one
    that WeasyPrint would leave alone: in the contrast theme it keeps the motives' list
    with its heading even without the rule, so there the critique's heading is pushed.)
    """
    from weasyprint import CSS, HTML

    from briefing.build import check
    from briefing.layout import Layout
    from briefing.render import Renderer

    brief = check(folder / f"{example_in(theme, 'a4').stem}.yaml").brief
    renderer = Renderer(None, theme)
    layout = Layout((theme_lookup.THEMES, theme_lookup.PACKAGE_TEMPLATES))
    parsed = HTML(string=renderer.render(brief, standalone=False), url_fetcher=layout.fetcher,
                  base_url=layout.base_url)
    heading = {"contrast": "What holds up, and what does not"}.get(
        theme, "What drives the actors and the author")

    def lay_out(extra: str = "") -> list[Any]:
        sheet = CSS(string=renderer.stylesheet() + extra, font_config=layout.font_config)
        return list(parsed.render(font_config=layout.font_config,
                                  stylesheets=[layout.font_css, sheet]).pages)

    def foot(page: Any) -> float:
        return float(page._page_box.content_box_y() + page._page_box.height)

    def alone(pages: list[Any]) -> list[int]:
        """The pages at whose foot (of a column) the heading is left alone."""
        found = []
        for number, page in enumerate(pages, 1):
            lines = [(line, h) for line, h in _line_boxes(page._page_box) if _text(line).strip()]
            for line, _h in lines:
                assert line.position_y + line.height <= foot(page) + 0.5, (
                    f"{theme}: {_text(line)!r} is below the foot of page {number}")
            for line, h in lines:
                if h != "h2" or _text(line).strip().lower() != heading.lower():
                    continue
                left, right = line.position_x, line.position_x + line.width
                if not any(other_h is None and other.position_y > line.position_y
                           and other.position_x < right and other.position_x + other.width > left
                           for other, other_h in lines):
                    found.append(number)
        return found

    first = lay_out()[0]
    box = next(b for b in _descendants(first._page_box)
               if getattr(b, "element_tag", None) == "h2" and b.element.text == heading)
    push = foot(first) - (box.border_box_y() + box.border_height() + box.margin_bottom) - 1
    # The space goes just above the heading, in its own section: in the columns of a
    # two-column page, space under the bottom line would move the heading by more or
    # less than itself, as the text above it flows from one column into the next.
    section = next(element.get("data-section") for element in parsed.etree_element.iter()
                   if box.element in list(element))
    spacer = (f'[data-section="{section}"]::before {{ content: ""; display: block; '
              f'height: {push:.2f}px; }}')
    undone = "h2 { break-after: auto !important; }"
    assert alone(lay_out(spacer + undone)) == [1], "the test no longer puts the heading there"
    assert alone(lay_out(spacer)) == [], f"{theme}: a heading is left alone at a page's foot"


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _text(box: Any) -> str:
    return "".join(getattr(b, "text", "") for b in _descendants(box))


@pytest.mark.parametrize("theme", THEMES)
def test_print_rules_in_every_stylesheet(theme: str) -> None:
    from briefing.render import Renderer

    text = Renderer(None, theme).stylesheet()  # the theme's brief.css, includes resolved
    html_rule = re.search(r"^html \{(.*?)^\}", text, re.MULTILINE | re.DOTALL)
    assert html_rule, "no html rule"
    for declaration in ("hyphens: auto", "orphans: 2", "widows: 2"):
        assert declaration in html_rule.group(1), f"{theme}: html has no {declaration}"
    h2 = re.search(r"^h2 \{(.*?)^\}", text, re.MULTILINE | re.DOTALL)
    assert h2 and "break-after: avoid" in h2.group(1)
    # Every size follows the fit: the theme's factor --k is built from --size-factor and
    # --scale, and the body's size, type and spacing follow the design block.
    assert "--k: calc(var(--size-factor) * var(--scale))" in text
    assert "font-family: var(--body)" in html_rule.group(1)
    assert "var(--density)" in html_rule.group(1)
    for size in re.findall(r"font-size:\s*([^;]+);", text):
        assert "var(--" in size, f"{theme}: a font size that the fit cannot shrink: {size}"


def _root_colours(css: str) -> dict[str, str]:
    """The stylesheet's custom properties set to a colour on :root (every :root block)."""
    roots = re.findall(r":root \{(.*?)\}", css, re.DOTALL)
    assert roots
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;", "".join(roots)))


def _text_colours(css: str) -> list[str]:
    """Every `color:` of the stylesheet's print rules, custom properties resolved."""
    named = _root_colours(css)
    printed = css.split("@media screen")[0]
    found = []
    for value in re.findall(r"(?<![\w-])color:\s*([^;]+);", printed):
        value = value.strip()
        variable = re.fullmatch(r"var\((--[\w-]+)\)", value)
        found.append(named.get(variable.group(1), value) if variable else value)
    return found


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of `colour` (#rgb or #rrggbb) on white."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("theme", THEMES)
def test_text_colours_read_in_grey_scale(theme: str) -> None:
    """Luminance contrast is what grey scale keeps: every text colour has enough of it.

    (White text is set only on a dark ground: the banner, a tag of high confidence.)
    """
    from briefing.render import Renderer

    text = Renderer(None, theme).stylesheet()  # the theme's brief.css, includes resolved
    colours = [c for c in _text_colours(text) if c != "white"]
    assert colours
    least = 7.0 if theme == "contrast" else 4.5
    for colour in colours:
        assert colour.startswith("#"), f"{theme}: a text colour that is not #rgb: {colour}"
        assert contrast_on_white(colour) >= least, f"{theme}: {colour} is too light"


def test_contrast_theme_is_black_on_white(example_in: Callable[[str, str], Built]) -> None:
    css = (theme_lookup.theme("contrast").folder / "brief.css").read_text(encoding="utf-8")
    printed = css.split("@media screen")[0]
    colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{3,6}\b", printed)}
    assert colours <= {"#000", "#fff", "#000000", "#ffffff"}, colours
    assert "var(--accent)" not in css
    assert not re.search(r"(?<![\w-])color:\s*white", printed)
    # No text lighter than #595959 (7:1 on white): here, every text is black.
    for colour in _text_colours(css):
        assert contrast_on_white(colour) >= contrast_on_white("#595959")
    # The page holds no colour at all: every pixel is a grey, from the black of the text.
    red, green, blue = Image.open(example_in("contrast", "a4").png).convert("RGB").split()
    for one, other in ((red, green), (green, blue), (red, blue)):
        assert ImageChops.difference(one, other).getextrema()[1] <= 8, "a coloured pixel"


# --- the design options --------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_design_options_change_the_page(
    theme: str, with_options: Callable[[str], Built], pdf: Any
) -> None:
    built = with_options(theme)
    html = built.html
    assert len(PdfReader(built.pdf).pages) == 1
    # The design block reaches the page, after the theme's stylesheet.
    for declaration in ("size: letter;", f"--accent: {ACCENT};",
                        f"--body: var(--{other_font(theme)});", "--size-factor: 1.1458;",
                        "--density: 0.85;"):
        assert declaration in html
    # The banner is the first and the last line of the page.
    text = built.text
    assert text.count(BANNER) == 2, text[:200]
    assert squashed("Who and what the piece relies on") not in squashed(text)
    assert 'class="sourcing"' not in html
    # The QR code of the piece's address.
    assert re.search(r'<div class="qr"[^>]*><svg', html)
    assert squashed(URL) in squashed(text)
    # The body type: memo's serif body turns sans, the others' sans body turns serif.
    families = {pdf.family(name).split("-")[1] for name, _ in pdf.fonts(built.pdf)}
    assert ("Serif" in families) == (other_font(theme) == "serif"), families


@pytest.mark.parametrize("theme", THEMES)
def test_accent_colour_is_printed_except_in_contrast(
    theme: str, with_options: Callable[[str], Built]
) -> None:
    accent = near(Image.open(with_options(theme).png), ACCENT)
    if theme == "contrast":
        assert accent == 0  # black on white whatever the accent
    else:
        assert accent > 1000, f"{theme}: the accent colour is hardly printed ({accent} px)"


@pytest.mark.parametrize("theme", THEMES)
def test_show_flags_leave_parts_out(
    theme: str, with_less: Callable[[str], Built], example_in: Callable[[str, str], Built]
) -> None:
    full, less = squashed(example_in(theme, "a4").text), squashed(with_less(theme).text)
    # The sources' names stay, in the key judgments that rest on them; what the table
    # says of them goes.
    for gone in ("Who and what the piece relies on", "Prepared by", "25 November 2026", URL,
                 "Russia will back Assad for years."):
        assert squashed(gone) in full, gone
        assert squashed(gone) not in less, f"{theme}: {gone!r} is still printed"
    for kept in ("Key judgments", "What holds up, and what does not", "Bottom line"):
        assert squashed(kept) in less


def _content_bottom(png: Path) -> int:
    """The lowest row of the page image with anything printed on it."""
    image = Image.open(png).convert("L").point(lambda v: 255 if v < 200 else 0)
    box = image.getbbox()
    assert box
    return box[3]


@pytest.mark.parametrize("theme", THEMES)
def test_font_size_and_density_change_the_page(
    theme: str, build: Callable[..., Built], write_brief: Callable[..., Path], folder: Path
) -> None:
    """A small brief (that fits at full size) runs longer at 12 pt, and longer when airy."""
    data = yaml.safe_load(write_brief(folder / "small").read_text(encoding="utf-8"))
    bottoms = {}
    for name, design in {
        "normal": {}, "size-12": {"font_size": 12}, "airy": {"density": "airy"},
        "compact": {"density": "compact"},
    }.items():
        built = build(f"small-{theme}-{name}", {"theme": theme, **design},
                      formats=("pdf", "png"), data=data)
        assert built.result.scale == 1.0
        bottoms[name] = _content_bottom(built.png)
    assert bottoms["size-12"] > bottoms["normal"] * 1.1
    assert bottoms["airy"] > bottoms["normal"] > bottoms["compact"]
