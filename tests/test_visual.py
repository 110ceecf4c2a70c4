"""Visual regression: each theme's page, as an image, against its reference in tests/visual/.

The example brief is built with every theme and its page drawn as a PNG at DPI dots per
inch, the way `briefing build --format png` draws it. The image must match
`tests/visual/<theme>.png`: a pixel differs when one of its channels is off by more than
THRESHOLD, and at most TOLERANCE of the pixels may differ. On a mismatch the actual image
and a diff (differences in red over a faded copy of the actual page) are written to the
test's tmp folder, and the assertion message gives their paths.

A change of look that is meant: `make references` (that is,
`pytest tests/test_visual.py --update-references`, or BRIEFING_UPDATE_REFERENCES=1)
writes the references again instead of comparing. See tests/visual/README.md.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from briefing import Builder, theme_lookup
from briefing.png import png_bytes

VISUAL = Path(__file__).resolve().parent / "visual"
DPI = 80
"""Enough to see a moved rule or a changed colour; an A4 page is 662 x 936 pixels."""
THRESHOLD = 32
"""A pixel differs when one of its channels (0-255) is off by more than this."""
TOLERANCE = 0.002
"""The fraction of a page's pixels that may differ: 1,240 pixels of an A4 page, about two
lines of text set differently (five lines hyphenated anew differ by 0.5%). Two builds
differ by 0 pixels here; this is room for anti-aliasing after an update of PDFium."""
QUANTIZE_ERROR = 12
"""References are stored with 256 colours when no channel moves by more than this (a
third of THRESHOLD), which makes them about a third the size; else in full colour."""
THEMES = list(theme_lookup.themes())
UPDATE_ENV = "BRIEFING_UPDATE_REFERENCES"
RTL_EXAMPLE = "givat-shaked-water.yaml"
RTL = "he"
"""The right-to-left example, content/givat-shaked-water.yaml (in Hebrew): each theme has a
reference of it too, `<theme>-he.png`, the page mirrored."""


# --- comparing images ---------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """How an image differs from its reference."""

    size: tuple[int, int]
    expected_size: tuple[int, int]
    differing: int
    """Pixels with a channel off by more than the threshold (all of them if sizes differ)."""
    box: tuple[int, int, int, int] | None
    """The smallest rectangle (left, top, right, bottom) around the differing pixels."""
    mask: Image.Image | None
    """White where the pixels differ (None when the sizes differ)."""

    @property
    def same_size(self) -> bool:
        return self.size == self.expected_size

    @property
    def fraction(self) -> float:
        return self.differing / (self.size[0] * self.size[1])

    def within(self, tolerance: float = TOLERANCE) -> bool:
        return self.same_size and self.fraction <= tolerance

    def describe(self) -> str:
        if not self.same_size:
            return f"the image is {self.size[0]}x{self.size[1]} pixels, the reference " \
                f"{self.expected_size[0]}x{self.expected_size[1]}"
        where = f", within the box (left, top, right, bottom) {self.box}" if self.box else ""
        return (f"{self.differing} pixels ({self.fraction:.3%}) differ by more than "
                f"{THRESHOLD}/255 in a channel{where}")


def compare(actual: Image.Image, expected: Image.Image, threshold: int = THRESHOLD) -> Comparison:
    """Compare two images pixel by pixel."""
    if actual.size != expected.size:
        return Comparison(actual.size, expected.size, actual.size[0] * actual.size[1], None, None)
    difference = ImageChops.difference(actual.convert("RGB"), expected.convert("RGB"))
    over = [band.point(lambda v: 255 if v > threshold else 0) for band in difference.split()]
    mask = ImageChops.lighter(ImageChops.lighter(over[0], over[1]), over[2])
    return Comparison(actual.size, expected.size, mask.histogram()[255], mask.getbbox(), mask)


def diff_image(actual: Image.Image, mask: Image.Image) -> Image.Image:
    """The differences in red over a faded copy of `actual`."""
    faded = Image.blend(actual.convert("RGB"), Image.new("RGB", actual.size, "white"), 0.75)
    faded.paste((255, 0, 0), mask=mask)
    return faded


def assert_looks_like(actual: Image.Image, reference: Path, out: Path, name: str) -> None:
    """Fail unless `actual` matches the image in `reference`, within TOLERANCE.

    On failure, `out/<name>-actual.png` and `out/<name>-diff.png` are written (the diff
    only when the sizes match) and named in the message.
    """
    if not reference.is_file():
        pytest.fail(f"no reference image {reference}: run `make references` to make it, "
                    "look at it, and commit it")
    with Image.open(reference) as stored:
        result = compare(actual, stored)
    if result.within():
        return
    out.mkdir(parents=True, exist_ok=True)
    written = [out / f"{name}-actual.png"]
    actual.save(written[0])
    if result.mask is not None:
        written.append(out / f"{name}-diff.png")
        diff_image(actual, result.mask).save(written[1])
    raise AssertionError(
        f"{name} does not look like its reference {reference}: {result.describe()} "
        f"(tolerance {TOLERANCE:.1%}).\n  see: " + "\n  see: ".join(map(str, written))
        + "\n  if the change is meant, run `make references` and commit the new images "
        "(tests/visual/README.md)"
    )


def save_reference(image: Image.Image, path: Path) -> None:
    """Write `image` as a small PNG: 256 colours when that is faithful enough, else RGB."""
    rgb = image.convert("RGB")
    quantized = rgb.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    extrema = ImageChops.difference(rgb, quantized.convert("RGB")).getextrema()
    faithful = max(high for _low, high in extrema) <= QUANTIZE_ERROR
    path.parent.mkdir(parents=True, exist_ok=True)
    (quantized if faithful else rgb).save(path, format="PNG", optimize=True)


# --- rendering the themes -----------------------------------------------------------------


def render(brief: Path, theme: str, out: Path) -> Image.Image:
    """The brief's page in `theme`, as an RGB image at DPI."""
    result = Builder(out=out, formats=("pdf",), theme=theme, force=True).build(brief)
    pdf = result.outputs[0].read_bytes()
    with Image.open(io.BytesIO(png_bytes(pdf, dpi=DPI))) as image:
        return image.convert("RGB")


def pages_of(brief: Path, label: str, tmp_path_factory: pytest.TempPathFactory
             ) -> Callable[[str], Image.Image]:
    """`get(theme)`: the brief's page in `theme`, rendered once, when first asked for."""
    cache: dict[str, Image.Image] = {}

    def get(theme: str) -> Image.Image:
        if theme not in cache:
            cache[theme] = render(brief, theme, tmp_path_factory.mktemp(f"png-{theme}{label}"))
        return cache[theme]

    return get


@pytest.fixture(scope="session")
def page(
    tmp_path_factory: pytest.TempPathFactory, example_yaml: Path
) -> Callable[[str], Image.Image]:
    """`page(theme)`: the example brief's page in `theme`, rendered once per session."""
    return pages_of(example_yaml, "", tmp_path_factory)


@pytest.fixture(scope="session")
def rtl_page(
    tmp_path_factory: pytest.TempPathFactory, example_yaml: Path
) -> Callable[[str], Image.Image]:
    """`rtl_page(theme)`: the right-to-left example's page in `theme`, rendered once."""
    return pages_of(example_yaml.parent / RTL_EXAMPLE, f"-{RTL}", tmp_path_factory)


@pytest.fixture(scope="session")
def update(request: pytest.FixtureRequest) -> bool:
    """True when the references are to be written rather than compared with."""
    return bool(request.config.getoption("--update-references")) or (
        os.environ.get(UPDATE_ENV, "") not in ("", "0")
    )


# --- the themes against their references ---------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_theme_looks_like_its_reference(
    theme: str, page: Callable[[str], Image.Image], update: bool, tmp_path: Path
) -> None:
    reference = VISUAL / f"{theme}.png"
    if update:
        save_reference(page(theme), reference)
    # After an update too: the stored (possibly 256-colour) image must still match.
    assert_looks_like(page(theme), reference, tmp_path / "visual", theme)


@pytest.mark.parametrize("theme", THEMES)
def test_theme_looks_like_its_reference_right_to_left(
    theme: str, rtl_page: Callable[[str], Image.Image], update: bool, tmp_path: Path
) -> None:
    reference = VISUAL / f"{theme}-{RTL}.png"
    if update:
        save_reference(rtl_page(theme), reference)
    assert_looks_like(rtl_page(theme), reference, tmp_path / "visual", f"{theme}-{RTL}")


def test_every_reference_is_of_a_theme() -> None:
    known = {*THEMES, *(f"{theme}-{RTL}" for theme in THEMES)}
    stale = sorted(p.name for p in VISUAL.glob("*.png") if p.stem not in known)
    assert not stale, f"reference images of no theme in {VISUAL}: {stale}; delete them"


def test_rendering_is_deterministic(
    tmp_path: Path, example_yaml: Path, page: Callable[[str], Image.Image]
) -> None:
    """A second build, with a new layout engine, gives the very same pixels."""
    again = render(example_yaml, THEMES[0], tmp_path)
    result = compare(again, page(THEMES[0]), threshold=0)
    assert result.same_size and result.differing == 0, result.describe()


# --- the comparison itself can fail --------------------------------------------------------


def test_an_image_compares_equal_to_itself(page: Callable[[str], Image.Image]) -> None:
    image = page(THEMES[0])
    result = compare(image, image.copy())
    assert result.within() and result.differing == 0 and result.box is None


def _with_box(image: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """`image` with a magenta box drawn on it: a colour far from anything a theme prints,
    so every pixel of the box differs, whatever was under it."""
    changed = image.copy()
    ImageDraw.Draw(changed).rectangle(box, fill=(255, 0, 255))
    return changed


def test_a_box_drawn_on_the_page_is_caught(
    page: Callable[[str], Image.Image], tmp_path: Path
) -> None:
    image = page(THEMES[0])
    reference = tmp_path / "reference.png"
    image.save(reference)
    changed = _with_box(image, (300, 400, 379, 479))  # 80 x 80 pixels, about 1% of the page
    result = compare(changed, image)
    assert result.differing == 80 * 80 and not result.within()
    assert result.box is not None
    left, top, right, bottom = result.box
    assert left >= 300 and top >= 400 and right <= 380 and bottom <= 480

    out = tmp_path / "failed"
    with pytest.raises(AssertionError) as failure:
        assert_looks_like(changed, reference, out, "boxed")
    message = str(failure.value)
    for name in ("boxed-actual.png", "boxed-diff.png"):
        assert str(out / name) in message
        assert (out / name).is_file()
    with Image.open(out / "boxed-diff.png") as diff:
        assert diff.convert("RGB").getpixel((340, 440)) == (255, 0, 0)  # red where it differs
        assert diff.convert("RGB").getpixel((10, 10)) != (255, 0, 0)


def test_a_change_of_heading_colour_is_caught(
    page: Callable[[str], Image.Image], example_yaml: Path, tmp_path: Path
) -> None:
    """End to end: the theme's own stylesheet with red section headings, through the
    build, is not the theme's page."""
    theme = THEMES[0]
    stylesheet = dict(theme_lookup.files(None, theme))[theme_lookup.STYLESHEET].read_text("utf-8")
    override = tmp_path / "templates"
    override.mkdir()
    (override / theme_lookup.STYLESHEET).write_text(
        stylesheet + "\nh2 { color: #b00020 !important; }\n", encoding="utf-8"
    )
    result = Builder(out=tmp_path / "out", formats=("pdf",), theme=theme,
                     templates_dir=override, force=True).build(example_yaml)
    with Image.open(io.BytesIO(png_bytes(result.outputs[0].read_bytes(), dpi=DPI))) as image:
        changed = compare(image, page(theme))
    assert not changed.within(), changed.describe()


def test_a_speck_within_the_tolerance_passes(page: Callable[[str], Image.Image]) -> None:
    image = page(THEMES[0])
    result = compare(_with_box(image, (300, 400, 309, 409)), image)  # 100 pixels
    assert result.differing == 100 and result.within()


@pytest.mark.parametrize("dx, dy", [(2, 0), (0, 2)])
def test_a_shifted_page_is_caught(page: Callable[[str], Image.Image], dx: int, dy: int) -> None:
    image = page(THEMES[0])
    shifted = Image.new("RGB", image.size, "white")
    shifted.paste(image, (dx, dy))
    result = compare(shifted, image)
    assert not result.within(), result.describe()


def test_a_page_of_another_size_is_caught(page: Callable[[str], Image.Image]) -> None:
    image = page(THEMES[0])
    result = compare(image.crop((0, 0, image.width, image.height - 1)), image)
    assert not result.same_size and not result.within()
    assert "reference" in result.describe()


def test_a_reference_is_saved_small_and_faithful(
    page: Callable[[str], Image.Image], tmp_path: Path
) -> None:
    image = page(THEMES[0])
    path = tmp_path / "saved.png"
    save_reference(image, path)
    with Image.open(path) as saved:
        assert compare(image, saved).differing == 0
    assert path.stat().st_size < 200_000
