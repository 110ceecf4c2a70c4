"""Fitting to one page, and type in Latin, Cyrillic and Arabic scripts."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing import Builder

# A judgment of about forty words.
JUDGMENT = (
    "Judgment {i}: the analyst judges that the development described in the piece will "
    "shape the conduct of the regional powers over the coming months, because each of "
    "them reads the same events as a test of its resolve and of the balance of forces."
)


def judgments(count: int, repeat: int = 1) -> list[dict[str, str]]:
    return [
        {"text": " ".join([JUDGMENT.format(i=i)] * repeat), "confidence": "moderate"}
        for i in range(count)
    ]


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def declared_scale(html: Path) -> float:
    found = re.findall(r":root \{ --scale: ([0-9.]+); \}", html.read_text(encoding="utf-8"))
    assert len(found) == 1
    return float(found[0])


@pytest.fixture(scope="module")
def builder(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """One builder for the module, as the CLI uses one for many briefs."""
    return Builder(out=tmp_path_factory.mktemp("fit-out"), formats=("html", "pdf"))


def test_example_fits_on_one_page(example_build: Path) -> None:
    assert pages(example_build / "fpif-russia-assad.pdf") == 1


def test_short_brief_is_not_shrunk(
    tmp_path: Path, write_brief: Callable[..., Path], builder: Builder
) -> None:
    result = builder.build(write_brief(tmp_path, stem="short"))
    assert result.scale == 1.0
    assert not result.skipped
    assert pages(builder.out / "short.pdf") == 1
    assert declared_scale(builder.out / "short.html") == 1.0


def test_overlong_brief_is_shrunk_to_fit(
    tmp_path: Path, write_brief: Callable[..., Path], builder: Builder, pdf: Any
) -> None:
    path = write_brief(tmp_path, stem="long", key_judgments=judgments(18))
    result = builder.build(path)
    assert result.scale is not None
    assert 0.8 <= result.scale < 1
    assert result.passes <= 5
    assert pages(builder.out / "long.pdf") == 1
    # Nothing was cut to make it fit: the last judgment is still there.
    assert "Judgment 17:" in pdf.text(builder.out / "long.pdf")
    # The HTML carries the scale the PDF was laid out at.
    assert declared_scale(builder.out / "long.html") == pytest.approx(result.scale, abs=5e-4)


def test_shrunk_brief_reports_its_scale(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, stem="long", key_judgments=judgments(18))
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 0, result.output
    fitted = re.search(r"fitted at (\d+)%", result.stdout)
    assert fitted, result.stdout
    assert 80 <= int(fitted.group(1)) < 100
    assert pages(in_tmp / "out" / "long.pdf") == 1


def test_brief_that_cannot_fit_is_refused(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, stem="huge", key_judgments=judgments(60, repeat=2))
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 2
    message = result.stderr
    assert "does not fit on one page" in message
    over = re.search(r"(\d+)% of a page over", message)
    assert over, message
    assert int(over.group(1)) > 100  # 120 judgments' worth is well over two pages
    assert "key judgments" in message
    assert "huge.yaml" in message
    assert "Traceback" not in result.output
    assert not (in_tmp / "out" / "huge.pdf").exists()
    assert not (in_tmp / "out" / "huge.html").exists()


def test_longest_section_is_named_first(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    many = [{"kind": "question", "text": JUDGMENT.format(i=i)} for i in range(40)]
    path = write_brief(in_tmp, stem="watchful", watch=many)
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 2
    longest = re.search(r"the longest sections are (\w[\w ]*) \(", result.stderr)
    assert longest, result.stderr
    assert longest.group(1) == "watch"


NAMES = {
    "cyrillic": "Владимир Путин",
    "arabic": "بشار الأسد",
    "latin": "Łukasz Żółć",
}


@pytest.fixture(scope="module")
def names_pdf(
    tmp_path_factory: pytest.TempPathFactory, write_brief: Callable[..., Path]
) -> Path:
    folder = tmp_path_factory.mktemp("names")
    path = write_brief(
        folder,
        stem="names",
        piece={"author": NAMES["latin"]},
        bluf=f"Moscow under {NAMES['cyrillic']} stood by {NAMES['arabic']} to the end.",
        motives=[
            {"actor": name, "motive": "Keep power.", "basis": "inferred", "confidence": "low"}
            for name in NAMES.values()
        ],
    )
    out = folder / "out"
    Builder(out=out, formats=("pdf",)).build(path)
    return out / "names.pdf"


def test_latin_and_cyrillic_names_are_in_the_pdf_text(names_pdf: Path, pdf: Any) -> None:
    text = pdf.text(names_pdf)
    assert NAMES["latin"] in text
    assert NAMES["cyrillic"] in text
    assert "�" not in text


def test_names_in_any_script_use_only_the_brief_fonts(names_pdf: Path, pdf: Any) -> None:
    fonts = pdf.fonts(names_pdf)
    assert [name for name, _ in fonts if not pdf.is_brief_font(name)] == []
    assert [name for name, embedded in fonts if not embedded] == []
    families = {pdf.family(name) for name, _ in fonts}
    assert any(f == "Brief-Arabic" or f.startswith("Brief-Arabic-") for f in families), families
    assert pages(names_pdf) == 1


def test_arabic_only_brief_uses_the_arabic_regular_face(
    tmp_path: Path, write_brief: Callable[..., Path], pdf: Any
) -> None:
    path = write_brief(
        tmp_path,
        key_judgments=[{"text": f"{NAMES['arabic']} فقد السلطة.", "confidence": "high"}],
    )
    Builder(out=tmp_path / "out", formats=("pdf",)).build(path)
    families = {pdf.family(name) for name, _ in pdf.fonts(tmp_path / "out" / "brief.pdf")}
    assert "Brief-Arabic" in families
    assert all(pdf.is_brief_font(f) for f in families)


def test_glyphs_missing_from_the_brief_fonts_never_fall_back_to_host_fonts(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result], pdf: Any
) -> None:
    """Thai and a heart are in common host fonts (Noto Sans Thai, DejaVu), not in ours."""
    path = write_brief(in_tmp, bluf="A visit to กรุงเทพ was planned \u2665 in the summer.")
    result = run_cli("build", path.name, "--out", "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert "warning" in result.stderr.lower()
    fonts = pdf.fonts(in_tmp / "out" / "brief.pdf")
    assert fonts
    assert [name for name, _ in fonts if not pdf.is_brief_font(name)] == []


@pytest.mark.parametrize(
    ("name", "ours"),
    [
        ("/ABCDEF+Brief-Serif", True),
        ("/ABCDEF+Brief-Sans-Bold-Italic", True),
        ("/QWERTY+Brief-Arabic-Bold", True),
        ("Brief-Serif", True),
        ("/ABCDEF+DejaVuSans", False),
        ("/ABCDEF+NotoSansThai-Regular", False),
        ("/ABCDEF+Brief-Serifish", False),
        ("/Helvetica", False),
    ],
)
def test_font_name_check_itself(name: str, ours: bool, pdf: Any) -> None:
    """The helper the font tests rely on tells our faces from any other."""
    assert pdf.is_brief_font(name) is ours


def test_a_broken_fit_file_is_named(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    """A templates/fit.toml that holds no coefficients: exit 2, naming the file."""
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "fit.toml").write_text("text = 'many'\n", encoding="utf-8")
    path = write_brief(in_tmp, stem="brief")
    result = run_cli("build", path.name, "--out", "out", "--format", "pdf")
    assert result.exit_code == 2, result.output
    assert "fit.toml: error: not a theme's fit coefficients: missing 'margins'" in result.stderr, (
        result.stderr)
    assert "Traceback" not in result.output
    assert not (in_tmp / "out" / "brief.pdf").exists()


def test_a_growth_out_of_range_is_named_with_its_line(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    """A fit.toml whose `growth` no page could have: exit 2 at its line."""
    own = (Path(__file__).parent.parent / "briefing" / "themes" / "memo" / "fit.toml")
    text = own.read_text(encoding="utf-8").replace("growth = 0.95", "growth = 7")
    assert "growth = 7" in text
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "fit.toml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("growth = 7") + 1
    path = write_brief(in_tmp, stem="brief")
    result = run_cli("build", path.name, "--out", "out", "--format", "pdf")
    assert result.exit_code == 2, result.output
    assert (f"fit.toml:{line}:1: error: not a theme's fit coefficients: growth = 7 is not "
            "between 0 and 2") in result.stderr, result.stderr
    assert not (in_tmp / "out" / "brief.pdf").exists()


def test_the_guess_starts_from_the_theme_s_own_type_size() -> None:
    """The contrast theme's type starts at --size-factor 1.1: the first guess must know
    it, or every contrast brief is guessed some 10% too large (and takes more passes)."""
    from briefing import estimate
    from briefing.model import Design
    from briefing.render import BASE_SIZE, Renderer

    sizes = {t: estimate.theme_size(Renderer(None, t).stylesheet())
             for t in ("memo", "sheet", "contrast")}
    assert sizes == {"memo": 1.0, "sheet": 1.0, "contrast": 1.1}
    assert estimate.theme_size(":root { --base: 1.25; --size-factor: var(--base); }") == 1.25
    assert estimate.theme_size(":root { --size-factor: calc(1 + 0.1); }") == 1.0  # not a number
    assert estimate.theme_size("p { --size-factor: 2; }") == 1.0  # not the root's
    # A brief's own font size replaces the theme's, as on the page.
    assert estimate.Design.of(Design(font_size=11), 1.1).size == 11 / BASE_SIZE
    assert estimate.Design.of(Design(), 1.1).size == 1.1


def test_a_contrast_brief_fits_alike_whether_its_size_is_stated_or_the_theme_s(
    builder: Builder, example_yaml: Path, example_data: dict[str, Any]
) -> None:
    """The same page (font_size 10.56 pt is the contrast theme's own 1.1 x 9.6 pt) gets
    the same first guess, so the same passes and scale."""
    import yaml

    fitted = []
    for stated in (False, True):
        data = {**example_data, "design": {"theme": "contrast"}}
        if stated:
            data["design"]["font_size"] = 10.56
        path = example_yaml.with_name(f"contrast-{stated}.yaml")
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        result = builder.fit(builder.check(path))
        fitted.append((result.scale, result.passes))
    assert fitted[0] == fitted[1]
