"""The same brief gives the same PDF bytes on every machine, with or without the optional
libharfbuzz-subset0, and a build without it says so in one line, with the fix.

WeasyPrint subsets the embedded fonts with that library when it can load it and with
fontTools when not, which gives other bytes, stamped with the time; briefing.pdf
subsets them itself. tests/hidden_library.py runs a build as on a machine without the
library: WeasyPrint's own cffi load of it fails, and so does briefing.doctor's look-up.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from briefing import Builder, fonts
from briefing.pdf import subset_truetype

REPO = Path(__file__).resolve().parent.parent
HIDDEN = Path(__file__).with_name("hidden_library.py")
INSTALL = "sudo apt-get install -y libharfbuzz-subset0"


def run_hidden(library: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python tests/hidden_library.py library *args`, on this checkout's package."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)}
    env.pop("BRIEFING_NOTED", None)
    return subprocess.run([sys.executable, str(HIDDEN), library, *args], capture_output=True,
                          text=True, env=env, timeout=300, check=False)


@pytest.fixture(scope="module")
def hidden_build(example_yaml: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """`briefing build` of the example to PDF, as on a machine without libharfbuzz-subset."""
    out = tmp_path_factory.mktemp("no-hb-subset")
    result = run_hidden("harfbuzz-subset", "-m", "briefing", "build", str(example_yaml),
                        "--out", str(out), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    return result, out / f"{example_yaml.stem}.pdf"


def test_the_library_is_hidden_from_the_engine() -> None:
    result = run_hidden("harfbuzz-subset", "-c",
                        "import weasyprint.text.ffi as ffi; print(ffi.harfbuzz_subset)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_without_harfbuzz_subset_the_pdf_has_the_same_bytes(
    hidden_build: Any, example_build: Path, example_yaml: Path
) -> None:
    _result, pdf = hidden_build
    assert pdf.read_bytes() == (example_build / f"{example_yaml.stem}.pdf").read_bytes()


def test_without_harfbuzz_subset_the_build_says_so_in_one_line(hidden_build: Any) -> None:
    result, _pdf = hidden_build
    about = [line for line in result.stderr.splitlines() if "subset" in line.lower()]
    assert len(about) == 1, result.stderr
    assert about[0].startswith("note: ") and about[0].endswith(INSTALL), about[0]
    assert "PDFs are the same without it" in about[0]
    # Never the engine's own words (it printed them once per font family).
    assert "fontTools" not in result.stderr and "HarfBuzz-Subset" not in result.stderr


def test_the_pdf_depends_neither_on_the_library_nor_on_the_clock(
    tmp_path: Path, write_brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import weasyprint.pdf.fonts

    brief = write_brief(tmp_path, bluf="Officials fled the fire; the office's fighters stayed.")
    Builder(out=tmp_path / "with", formats=("pdf",)).build(brief)
    # The engine as without the library, a day later: fontTools would stamp that day.
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    Builder(out=tmp_path / "without", formats=("pdf",)).build(brief)
    monkeypatch.undo()
    assert (tmp_path / "with" / "brief.pdf").read_bytes() == (
        tmp_path / "without" / "brief.pdf").read_bytes()
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


def _font_files(pdf: Path) -> list[bytes]:
    found = []
    for name, font in PdfReader(pdf).pages[0]["/Resources"]["/Font"].items():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        found.append(descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data())
        assert name
    return found


def test_the_pdf_embeds_only_the_glyphs_it_uses(
    example_build: Path, example_yaml: Path, pdf: Any
) -> None:
    path = example_build / f"{example_yaml.stem}.pdf"
    # Fonts embedded whole make it 730 KB; subset, it is some 55 KB.
    assert path.stat().st_size < 100_000
    for data in _font_files(path):
        font = TTFont(io.BytesIO(data))
        tags = font.keys()
        for tag in tags:
            assert font[tag] is not None  # decompiles the table: a broken one raises
        assert not {"GSUB", "GPOS"} & set(tags)
        drawn = [g for g in font.getGlyphOrder() if font["glyf"][g].numberOfContours != 0]
        assert 0 < len(drawn) < len(font.getGlyphOrder()) / 5
    # Ligatures (fi, ffi) still read as their letters.
    text = pdf.text(path)
    assert "officials" in text.lower() and not set(text) & set("\ufb00\ufb01\ufb02\ufb03\ufb04")


def test_subsetting_keeps_the_parts_of_composite_glyphs() -> None:
    original = (fonts.FONTS_DIR / "NotoSerif-Regular.ttf").read_bytes()
    whole = TTFont(io.BytesIO(original))
    eacute = whole.getGlyphID(whole.getBestCmap()[ord("é")])
    subset = subset_truetype(original, [eacute])
    assert subset is not None
    font = TTFont(io.BytesIO(subset))
    order = font.getGlyphOrder()
    assert len(order) == len(whole.getGlyphOrder())  # every glyph keeps its number
    drawn = {g for g in order if font["glyf"][g].numberOfContours != 0}
    assert drawn - {".notdef"} == {"eacute", "e", "acute"}  # .notdef: empty in this file
    assert font["hmtx"]["e"] == whole["hmtx"]["e"] and font["hmtx"]["x"] == (0, 0)
    assert subset_truetype(subset, [eacute]) == subset


def test_what_is_not_truetype_is_left_whole() -> None:
    woff2 = (fonts.FONTS_DIR / "NotoSerif-Regular.woff2").read_bytes()
    assert subset_truetype(woff2, [1, 2, 3]) is None
