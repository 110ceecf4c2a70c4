"""The Word brief in a real word processor: LibreOffice lays it out on exactly one page.

For every theme, on A4 and on US Letter, the example brief is built to PDF and Word, and
a brief at the fit's floor (the example with judgments added until the PDF is set at
nearly the smallest scale) too; LibreOffice (Debian's `libreoffice-writer-nogui`, which
`.ci/run` installs) converts every Word file to PDF in one run, headless, from a fresh
profile. Each must be one page of the brief's paper and carry the words of briefing's
own PDF (at least 98% of them either way, measured as tests/test_chromium.py measures).

Without LibreOffice the tests are skipped, except where the environment variable CI is
set: there they fail, because CI must run them.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import host_programs
import pytest
import yaml
from pypdf import PdfReader
from test_chromium import PAPERS, SIZE_SLACK, pdf_text, rejoin, words

from briefing import Builder, theme_lookup

TIMEOUT = 240
"""Seconds LibreOffice may take to convert every file of the module (some 2 s each)."""
WORD_OVERLAP = 0.98
THEMES = list(theme_lookup.themes())
CASES = [(theme, paper, "example") for theme in THEMES for paper in PAPERS]
FLOOR_CASES = [(theme, "a4", "floor") for theme in THEMES]
LANGUAGES = {"fr": "valmorin-maternite.yaml", "he": "givat-shaked-water.yaml"}
"""The examples in another language, one of them right to left, by the kind of case."""
LANGUAGE_CASES = [(theme, "a4", language) for theme in THEMES for language in LANGUAGES]
FLOOR_SCALE = 0.83
"""A brief whose PDF is set at this scale or less is at the fit's floor (0.8) or next to it."""
EXTRA = ("The analyst judges that the dispute will shape the conduct of the regional powers "
         "over the coming months, as each reads it as a test of resolve.")
FLOOR_EXTRA = {"memo": 4, "sheet": 16, "contrast": 4}
"""Judgments added to the example to bring each theme's PDF to the fit's floor."""


@dataclass(frozen=True)
class Converted:
    """One brief built to PDF and Word, and LibreOffice's PDF of the Word file."""

    pdf: Path
    docx: Path
    office_pdf: Path
    scale: float


def brief_data(example: dict[str, Any], theme: str, paper: str, kind: str,
               content: Path) -> dict[str, Any]:
    if kind in LANGUAGES:
        example = yaml.safe_load((content / LANGUAGES[kind]).read_text(encoding="utf-8"))
    data = copy.deepcopy(example)
    data["design"] = {**data.get("design", {}), "theme": theme, "paper": paper}
    if kind == "floor":
        data["key_judgments"] += [{"text": f"{EXTRA} ({i})", "confidence": "moderate"}
                                  for i in range(FLOOR_EXTRA[theme])]
    return data


@pytest.fixture(scope="module")
def soffice(require: Callable[[bool, str, str], None]) -> str:
    """The LibreOffice executable: skip without it, but fail on CI, which must have it."""
    found = shutil.which("soffice")
    require(found is not None, "LibreOffice (it lays out the Word briefs)",
            "sudo apt-get install -y libreoffice-writer-nogui")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def converted(soffice: str, example_yaml: Path, tmp_path_factory: pytest.TempPathFactory
              ) -> dict[tuple[str, str, str], Converted]:
    """Every case built, and all its Word files converted by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("word-pages")
    content = folder / "content"
    shutil.copytree(example_yaml.parent, content)
    example = yaml.safe_load(example_yaml.read_text(encoding="utf-8"))
    builder = Builder(out=folder / "out", formats=("pdf", "docx"), force=True)
    built: dict[tuple[str, str, str], tuple[Path, float]] = {}
    for theme, paper, kind in CASES + FLOOR_CASES + LANGUAGE_CASES:
        path = content / f"{theme}-{paper}-{kind}.yaml"
        path.write_text(yaml.safe_dump(brief_data(example, theme, paper, kind, content),
                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = builder.build(path)
        built[theme, paper, kind] = (path, result.scale or 1.0)
    office = folder / "office"
    command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(office),
               *(str(builder.out / f"{path.stem}.docx") for path, _ in built.values())]
    returncode, err = host_programs.run(command, TIMEOUT,
                                        "LibreOffice did not convert the Word briefs")
    assert returncode == 0, err[-2000:]
    return {case: Converted(builder.out / f"{path.stem}.pdf", builder.out / f"{path.stem}.docx",
                            office / f"{path.stem}.pdf", scale)
            for case, (path, scale) in built.items()}


@pytest.mark.parametrize("theme, paper, kind", CASES + FLOOR_CASES + LANGUAGE_CASES)
def test_libreoffice_lays_the_word_brief_out_on_one_page_of_its_paper(
    theme: str, paper: str, kind: str, converted: dict[tuple[str, str, str], Converted]
) -> None:
    case = converted[theme, paper, kind]
    if kind == "floor":
        assert case.scale <= FLOOR_SCALE, f"{theme}: the PDF is at {case.scale}, not the floor"
    assert case.office_pdf.is_file(), f"LibreOffice wrote no PDF of {case.docx}"
    pages = PdfReader(case.office_pdf).pages
    assert len(pages) == 1, (f"{theme}/{paper} ({kind}, PDF at {case.scale:.0%}): LibreOffice "
                             f"sets the Word brief on {len(pages)} pages; beyond page 1: "
                             f"{' '.join((pages[1].extract_text() or '').split())[:160]!r}")
    want = PAPERS[paper]
    got = (float(pages[0].mediabox.width), float(pages[0].mediabox.height))
    assert abs(got[0] - want[0]) <= SIZE_SLACK and abs(got[1] - want[1]) <= SIZE_SLACK, (
        f"{theme}: LibreOffice's page is {got[0]:.1f} x {got[1]:.1f} pt, not {paper}")


@pytest.mark.parametrize("theme, paper, kind", CASES)
def test_the_word_brief_prints_the_words_of_the_pdf(
    theme: str, paper: str, kind: str, converted: dict[tuple[str, str, str], Converted]
) -> None:
    case = converted[theme, paper, kind]
    a = set(words(pdf_text(case.pdf)))
    b = set(rejoin(words(pdf_text(case.office_pdf)), a))
    shared = len(a & b)
    assert shared / len(a) >= WORD_OVERLAP and shared / len(b) >= WORD_OVERLAP, (
        f"{theme}/{paper}: of {len(a)} words in briefing's PDF and {len(b)} in LibreOffice's "
        f"PDF of the Word brief, {shared} are in both; only in briefing's PDF: "
        f"{sorted(a - b)[:30]}; only in LibreOffice's: {sorted(b - a)[:30]}"
    )
