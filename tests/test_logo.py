"""A logo (`design.logo`): printed in the masthead of every theme with its alternative
text, carried in the HTML as data, refused with the place and the fix when it is not a
small SVG or PNG file beside the brief or in the templates folder."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

THEMES = ("memo", "sheet", "contrast")
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60">'
       b'<rect width="120" height="60" fill="#1d3f66"/></svg>')


def png(width: int = 120, height: int = 60) -> bytes:
    """A PNG image of that size."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1d3f66").save(buffer, format="PNG")
    return buffer.getvalue()


def svg(inside: str, attributes: str = 'viewBox="0 0 120 60"') -> bytes:
    """An SVG image holding `inside`."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" {attributes}>{inside}</svg>').encode()


def logo_img(html: str) -> dict[str, str]:
    """The attributes of the masthead's logo, or {} if it has none."""
    header = re.search(r"<header.*?</header>", html, re.DOTALL)
    assert header
    found = re.search(r'<img class="logo" src="([^"]*)" alt="([^"]*)">', header.group(0))
    return {"src": found.group(1), "alt": found.group(2)} if found else {}


def alt_texts(pdf: Path) -> list[str]:
    """The alternative texts of the figures in the PDF's tag tree."""
    found: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, DictionaryObject):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, ArrayObject):
            for child in node:
                walk(child)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found


def place_of_logo(brief: Path) -> str:
    """`brief.yaml:line:column` of the value of `logo:`."""
    for number, line in enumerate(brief.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith("logo:"):
            return f"{brief.name}:{number}:{line.index('logo:') + len('logo: ') + 1}"
    raise AssertionError("no logo: line")


# --- printed -------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_an_svg_logo_is_printed_in_the_masthead_with_its_alt_text(
    theme: str, in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    (in_tmp / "unit.svg").write_bytes(SVG)
    brief = write_brief(in_tmp, design={"theme": theme, "logo": "unit.svg",
                                        "logo_alt": "The Analysis Unit"})
    result = run_cli("build", brief.name, "--out", "out", "--format", "html,pdf")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # the engine read the logo without a warning
    img = logo_img((in_tmp / "out" / "brief.html").read_text(encoding="utf-8"))
    # In the HTML as data: the saved page stays one file.
    assert img["src"] == "data:image/svg+xml;base64," + base64.b64encode(SVG).decode()
    assert img["alt"] == "The Analysis Unit"
    assert "The Analysis Unit" in alt_texts(in_tmp / "out" / "brief.pdf")


def test_a_png_logo_in_the_templates_folder_is_found_and_embedded(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    (in_tmp / "house").mkdir()
    (in_tmp / "house" / "unit.png").write_bytes(png())
    brief = write_brief(in_tmp / "content", design={"logo": "unit.png"})
    result = run_cli("build", brief, "--out", "out", "--templates", "house")
    assert result.exit_code == 0, result.output
    img = logo_img((in_tmp / "out" / "brief.html").read_text(encoding="utf-8"))
    assert img["src"].startswith("data:image/png;base64,")
    assert img["alt"] == "Logo"  # without logo_alt
    reader = PdfReader(in_tmp / "out" / "brief.pdf")
    [image] = reader.pages[0].images
    assert image.image is not None and image.image.size == (120, 60)
    assert alt_texts(in_tmp / "out" / "brief.pdf") == ["Logo"]


def test_check_finds_the_logo_where_build_does(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    (in_tmp / "house").mkdir()
    (in_tmp / "house" / "unit.png").write_bytes(png())
    brief = write_brief(in_tmp / "content", design={"logo": "unit.png"})
    assert run_cli("check", brief).exit_code == 2  # not beside the brief, no ./templates
    result = run_cli("check", brief, "--templates", "house")
    assert result.exit_code == 0, result.output


def test_without_a_logo_the_masthead_has_none(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    brief = write_brief(in_tmp)
    assert run_cli("build", brief.name, "--out", "out", "--format", "html").exit_code == 0
    html = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    assert logo_img(html) == {} and '<header class="masthead"' in html


@pytest.mark.parametrize("theme", THEMES)
def test_the_logo_stands_left_of_the_title_and_the_citation(
    theme: str, tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    """Beside the title and the citation, as a column: no line of them runs under it."""
    from briefing import Builder

    (tmp_path / "unit.svg").write_bytes(SVG)
    long_title = "A title long enough to run over two lines of the masthead, " * 2
    brief = write_brief(tmp_path, meta={"title": long_title.strip()},
                        design={"theme": theme, "logo": "unit.svg"})
    builder = Builder(out=tmp_path / "out", formats=("pdf",))
    page = builder.fit(builder.check(brief)).document.pages[0]._page_box
    boxes = list(_descendants(page))
    logo = next(b for b in boxes if getattr(b, "element_tag", None) == "img")
    right = logo.position_x + logo.margin_width()
    assert 20 < logo.height < 60  # a few lines high, in CSS pixels
    lines = [b for b in boxes if type(b).__name__ == "LineBox"
             and getattr(b, "element_tag", None) in ("h1", "p")
             and b.element.get("class") != "banner"
             and logo.position_y <= b.position_y < logo.position_y + logo.height]
    assert lines, "no text beside the logo"
    assert all(line.position_x >= right - 0.5 for line in lines)


def _descendants(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


# --- refused, at its place, with the fix ---------------------------------------------------


def _big_png() -> bytes:
    """A PNG file over 512 KiB: noise does not compress."""
    import random

    noise = random.Random(1).randbytes(600 * 400 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (600, 400), noise).save(buffer, format="PNG")
    return buffer.getvalue()


REFUSED: list[tuple[str, str, bytes | None, str, str]] = [
    ("address", "https://example.org/logo.svg", None,
     "the logo must be a file, not an address: 'https://example.org/logo.svg'",
     "save the image beside the brief"),
    ("jpeg", "logo.jpg", b"\xff\xd8\xff", "the logo must be an SVG or PNG file; got 'logo.jpg'",
     "export the logo as SVG"),
    ("missing", "gone.svg", None, "the logo 'gone.svg' was not found (looked in",
     "give its path relative to the YAML file"),
    ("outside", "../logo.svg", None, "the logo '../logo.svg' is outside the brief's folder",
     "copy the logo beside the brief"),
    ("too big", "big.png", _big_png(), "KiB, more than a logo may be (512 KiB)",
     "export it smaller"),
    ("too many pixels", "huge.png", png(3000, 1000),
     "the logo 'huge.png' is 3000 by 1000 pixels, more than 2048 a side", "scale it down"),
    ("too wide", "strip.png", png(1200, 40), "is 30 times as wide as it is tall, more than 10",
     "crop it"),
    ("damaged png", "broken.png", png()[:40], "the logo 'broken.png' is not a readable PNG image",
     "export it as PNG again"),
    ("not xml", "broken.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
     "the logo 'broken.svg' is not well-formed SVG: mismatched tag", "save it again as plain SVG"),
    ("not svg", "page.svg", b"<html><body/></html>",
     "its outer element is <html>, not <svg> in the SVG namespace", 'xmlns="http://www.w3.org'),
    ("no size", "sizeless.svg", svg("<rect/>", ""), "the logo 'sizeless.svg' has no size",
     "with a viewBox"),
    ("entities", "lol.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
     b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">&a;</svg>',
     "the logo 'lol.svg' declares XML entities", "save it again as plain SVG"),
]


@pytest.mark.parametrize("name, value, content, message, hint", REFUSED,
                         ids=[case[0] for case in REFUSED])
def test_a_logo_that_cannot_be_printed_is_refused_at_its_place(
    name: str, value: str, content: bytes | None, message: str, hint: str, in_tmp: Path,
    write_brief: Callable[..., Path], run_cli: Callable[..., Result],
) -> None:
    content_dir = in_tmp / "content"
    content_dir.mkdir()
    if content is not None:
        (content_dir / value).write_bytes(content)
    (in_tmp / "logo.svg").write_bytes(SVG)  # beside the folder, for "outside"
    brief = write_brief(content_dir, design={"logo": value})
    for command in ("build", "check"):
        result = run_cli(command, brief, *(["--out", "out"] if command == "build" else []))
        assert result.exit_code == 2, (command, result.output)
        output = result.stderr + result.stdout
        place = re.escape(f"{place_of_logo(brief)}: error: ")
        assert re.search(rf"{place}.*{re.escape(message)}", output), output
        assert re.search(rf"hint: .*{re.escape(hint)}", output), output
        assert "Traceback" not in output
    assert not (in_tmp / "out").exists()


def test_a_symlink_out_of_the_brief_folder_is_refused(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    (in_tmp / "private.png").write_bytes(png())
    (in_tmp / "content").mkdir()
    (in_tmp / "content" / "logo.png").symlink_to(in_tmp / "private.png")
    brief = write_brief(in_tmp / "content", design={"logo": "logo.png"})
    result = run_cli("build", brief, "--out", "out")
    assert result.exit_code == 2
    assert "the logo 'logo.png' is outside the brief's folder" in result.stderr


# --- part of the inputs -------------------------------------------------------------------


def test_a_changed_logo_is_built_again_and_the_same_logo_gives_the_same_bytes(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    logo = in_tmp / "unit.png"
    logo.write_bytes(png())
    brief = write_brief(in_tmp, design={"logo": "unit.png"})
    assert run_cli("build", brief.name, "--out", "out").exit_code == 0
    first = (in_tmp / "out" / "brief.pdf").read_bytes()
    assert "up to date" in run_cli("build", brief.name, "--out", "out").stdout
    logo.write_bytes(png(100, 60))
    again = run_cli("build", brief.name, "--out", "out")
    assert again.exit_code == 0 and "up to date" not in again.stdout
    assert (in_tmp / "out" / "brief.pdf").read_bytes() != first
    logo.write_bytes(png())
    assert run_cli("build", brief.name, "--out", "out").exit_code == 0
    assert (in_tmp / "out" / "brief.pdf").read_bytes() == first
