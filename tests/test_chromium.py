"""The HTML in a real browser: printed by headless Chromium, it is the same one page as the PDF.

For every theme, on A4 and on US Letter, the example brief is built to HTML and PDF, and
the HTML is printed to PDF by Chromium (Debian's `chromium` package, which `.ci/run`
installs), offline, from a fresh profile. Chromium's print must be exactly one page of
the brief's paper, carry the same text as briefing's own PDF: the bottom line, every
heading, and (almost) the same words, and cut nothing off at the page's margin.

Without Chromium the tests are skipped, except where the environment variable CI is set:
there they fail, because CI must run them.
"""

from __future__ import annotations

import ctypes
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import host_programs
import pypdfium2
import pypdfium2.raw as pdfium
import pytest
import yaml
from pypdf import PdfReader

from briefing import Builder, theme_lookup

TIMEOUT = 60
"""Seconds Chromium may take to print one page."""
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
"""Width and height of each paper, in points."""
SIZE_SLACK = 2.0
"""Points by which Chromium's page may differ from the paper (it rounds to its own units)."""
WORD_OVERLAP = 0.95
THEMES = list(theme_lookup.themes())
CASES = [(theme, paper) for theme in THEMES for paper in PAPERS]


def print_to_pdf(chromium: str, html: Path, pdf: Path, profile: Path) -> Path:
    """Print `html` to `pdf` with headless Chromium, offline, from the fresh `profile`."""
    # --virtual-time-budget: print once the page's loads have settled. Without it this
    # Chromium (150) printed some pages while their inline fonts were still loading,
    # their text invisible (one Hebrew page in three, here, on 2026-12-02).
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
        "--virtual-time-budget=10000", f"--print-to-pdf={pdf}", html.resolve().as_uri(),
    ]
    returncode, err = host_programs.run(command, TIMEOUT, f"Chromium did not print {html}")
    if returncode != 0 or not pdf.is_file():
        tail = "\n".join(err.splitlines()[-15:])
        pytest.fail(f"Chromium failed to print {html} (exit {returncode}):\n{tail}")
    return pdf


# --- building and printing each theme and paper --------------------------------------------


@dataclass(frozen=True)
class Printed:
    """One brief in one theme on one paper: briefing's HTML and PDF, and Chromium's print."""

    theme: str
    paper: str
    html: Path
    pdf: Path
    chromium_pdf: Path
    bluf: str


@pytest.fixture(scope="session")
def printed(
    chromium: str, example_yaml: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str, str], Printed]:
    """`printed(theme, paper)`: the example built and printed by Chromium, once a session."""
    cache: dict[tuple[str, str], Printed] = {}

    def get(theme: str, paper: str) -> Printed:
        if (theme, paper) not in cache:
            folder = tmp_path_factory.mktemp(f"chromium-{theme}-{paper}")
            content = folder / "content"
            shutil.copytree(example_yaml.parent, content)
            brief = content / example_yaml.name
            data = yaml.safe_load(brief.read_text(encoding="utf-8"))
            data.setdefault("design", {})["paper"] = paper
            brief.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")
            out = folder / "out"
            Builder(out=out, formats=("html", "pdf"), theme=theme, force=True).build(brief)
            html, pdf = out / f"{brief.stem}.html", out / f"{brief.stem}.pdf"
            profile = folder / "profile"
            profile.mkdir()
            chromium_pdf = print_to_pdf(chromium, html, folder / "chromium.pdf", profile)
            cache[theme, paper] = Printed(theme, paper, html, pdf, chromium_pdf, data["bluf"])
        return cache[theme, paper]

    return get


# --- reading the prints --------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Ligatures spelt out, soft hyphens dropped, every hyphen made '-', case folded."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"[\u2010\u2011]", "-", text).casefold()


def letters(text: str) -> str:
    """Only the letters and digits of `text`: what both engines print, however they space it.

    Chromium's PDF has no space characters: readers guess the spaces from the gaps between
    glyphs, and under some font settings guess some inside words too (`T HE`, `f rom`,
    letter-spaced headings); briefing's PDF hyphenates at the ends of lines, Chromium not.
    """
    return re.sub(r"\W|_", "", _normalise(text))


def words(text: str) -> list[str]:
    """The words of `text`: words hyphenated at a line's end joined, hyphens inside dropped."""
    text = " ".join(_normalise(text).split())
    text = re.sub(r"(\w)- (?=[a-z])", r"\1", text)
    text = re.sub(r"(\w)-(?=\w)", r"\1", text)
    return re.findall(r"\w+", text)


def rejoin(found: list[str], vocabulary: set[str], longest: int = 6) -> list[str]:
    """`found` with runs of up to `longest` pieces joined where together they make a word of
    `vocabulary` and apart do not: `bot t om` -> `bottom`, undoing spaces guessed inside
    words, while `second hand` stays two words."""
    joined: list[str] = []
    i = 0
    while i < len(found):
        for k in range(min(longest, len(found) - i), 0, -1):
            run = found[i : i + k]
            if k == 1 or ("".join(run) in vocabulary
                          and any(piece not in vocabulary for piece in run)):
                joined.append("".join(run))
                i += k
                break
    return joined


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


class _Headings(HTMLParser):
    """Collects the text of h1, h2 and h3 elements."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("h1", "h2", "h3"):
            self._depth += 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3") and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.found[-1] += data


def headings(html: Path) -> list[str]:
    parser = _Headings()
    parser.feed(html.read_text(encoding="utf-8"))
    return [h for h in (" ".join(h.split()) for h in parser.found) if h]


def text_bottom(pdf: Path) -> float:
    """How far down the first page its lowest glyph reaches, in points from the top."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        textpage = page.get_textpage()
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        return float(page.get_size()[1] - min((r[1] for r in rects), default=0.0))
    finally:
        document.close()


CLIP_SLACK = 1.0
"""Points a drawn object may pass its clip by: Chromium rounds both to its pixels (0.75 pt)."""


def _clip_box(item: Any) -> tuple[float, float, float, float] | None:
    """The bounding box of the clip path of the page object `item`, if it has one."""
    clip = pdfium.FPDFPageObj_GetClipPath(item.raw)
    if not clip:
        return None
    xs, ys = [], []
    for path in range(pdfium.FPDFClipPath_CountPaths(clip)):
        for index in range(pdfium.FPDFClipPath_CountPathSegments(clip, path)):
            segment = pdfium.FPDFClipPath_GetPathSegment(clip, path, index)
            x, y = ctypes.c_float(), ctypes.c_float()
            pdfium.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            xs.append(x.value)
            ys.append(y.value)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _ink(item: Any) -> tuple[float, float]:
    """Where the object `item` is drawn, left to right: a stroked path's bounds count half
    its line's width on each side, which its ink does not reach."""
    left, _bottom, right, _top = item.get_bounds()
    if item.type == pdfium.FPDF_PAGEOBJ_PATH:
        fill, stroke, width = ctypes.c_int(), ctypes.c_int(), ctypes.c_float()
        pdfium.FPDFPath_GetDrawMode(item.raw, ctypes.byref(fill), ctypes.byref(stroke))
        if stroke.value and pdfium.FPDFPageObj_GetStrokeWidth(item.raw, ctypes.byref(width)):
            left, right = left + width.value / 2, right - width.value / 2
    return float(left), float(right)


def _words(item: Any, textpage: Any) -> str:
    """The text of the text object `item`, or what kind of shape it is."""
    if item.type != pdfium.FPDF_PAGEOBJ_TEXT:
        return "a line or box" if item.type == pdfium.FPDF_PAGEOBJ_PATH else "an image"
    size = pdfium.FPDFTextObj_GetText(item.raw, textpage.raw, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium.FPDFTextObj_GetText(item.raw, textpage.raw,
                               ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return repr(buffer.raw.decode("utf-16-le", errors="replace").rstrip("\x00"))


def cut_off(pdf: Path) -> list[str]:
    """What the print cuts off at the side of the page: every text or shape that runs past
    its clip path (Chromium clips what it prints to the page area) by more than CLIP_SLACK."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        found = []
        for number, page in enumerate(document, 1):
            height = page.get_size()[1]
            textpage = page.get_textpage()
            for item in page.get_objects():
                clip = _clip_box(item)
                if clip is None:
                    continue
                left, right = _ink(item)
                over = max(clip[0] - left, right - clip[2])
                if over > CLIP_SLACK:
                    side = "right" if right - clip[2] > clip[0] - left else "left"
                    top = height - item.get_bounds()[3]
                    found.append(f"page {number}, {top:.0f} pt from the top: "
                                 f"{_words(item, textpage)} is cut off {over:.1f} pt "
                                 f"on the {side}")
        return found
    finally:
        document.close()


PROBE = "HXHXH"
TALL = 4000.0


def overflow(chromium: str, case: Printed) -> str:
    """What runs over page 1 in Chromium's print, and by how many points.

    The HTML is printed again on a page as wide as the paper and TALL points high, with a
    marker fixed to the foot of the page area: how far down the content reaches, against
    where the page area of the real paper ends (its height less the bottom margin).
    """
    reader = PdfReader(case.chromium_pdf)
    beyond = " ".join(" ".join(p.extract_text() or "" for p in reader.pages[1:]).split())
    beyond = unicodedata.normalize("NFKC", beyond)
    what = (f"Chromium printed {len(reader.pages)} pages; beyond page 1: "
            f"{beyond[:160] + (' ...' if len(beyond) > 160 else '')!r}")

    width, height = PAPERS[case.paper]
    extra = (f"<style>@page {{ size: {width}pt {TALL}pt !important; }}</style>"
             '<div style="position: fixed; bottom: 0; left: 0; margin: 0; '
             f'font: 1pt/1 sans-serif">{PROBE}</div>')
    measure = case.html.with_name("measure.html")
    measure.write_text(case.html.read_text(encoding="utf-8").replace("</body>", extra + "</body>"),
                       encoding="utf-8")
    profile = case.html.with_name("measure-profile")
    profile.mkdir(exist_ok=True)
    pdf = print_to_pdf(chromium, measure, case.html.with_name("measure.pdf"), profile)
    document = pypdfium2.PdfDocument(pdf)
    try:
        textpage = document[0].get_textpage()
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        probe = textpage.search(PROBE).get_next()
        margin = textpage.get_charbox(probe[0])[1] if probe else None
    finally:
        document.close()
    content = [r for r in rects if r[1] > TALL / 2]  # the probe is at the page's foot
    if margin is None or not content:
        return what
    bottom, area = TALL - min(r[1] for r in content), height - margin
    ours = text_bottom(case.pdf)
    return (f"{what}. In Chromium the content runs down to {bottom:.1f} pt from the top of "
            f"the page, and the page area ends at about {area:.1f} pt ({height:.0f} pt paper, "
            f"{margin:.1f} pt bottom margin): {bottom - area:.1f} pt over. In briefing's PDF "
            f"the text ends at {ours:.1f} pt: Chromium's layout of the HTML (at the same "
            f"--scale) is {bottom - ours:.1f} pt longer")


# --- the tests -----------------------------------------------------------------------------


@pytest.mark.parametrize("theme, paper", CASES)
def test_chromium_prints_the_html_on_one_page(
    theme: str, paper: str, chromium: str, printed: Callable[[str, str], Printed]
) -> None:
    case = printed(theme, paper)
    assert len(PdfReader(case.pdf).pages) == 1
    pages = len(PdfReader(case.chromium_pdf).pages)
    assert pages == 1, f"{theme} on {paper}: {overflow(chromium, case)}"


@pytest.mark.parametrize("theme, paper", CASES)
def test_chromium_prints_on_the_paper_of_the_brief(
    theme: str, paper: str, printed: Callable[[str, str], Printed]
) -> None:
    case = printed(theme, paper)
    want = PAPERS[paper]
    for label, pdf in (("briefing's PDF", case.pdf), ("Chromium's print", case.chromium_pdf)):
        for page in PdfReader(pdf).pages:
            got = (float(page.mediabox.width), float(page.mediabox.height))
            assert abs(got[0] - want[0]) <= SIZE_SLACK and abs(got[1] - want[1]) <= SIZE_SLACK, (
                f"{theme}: {label} is {got[0]:.1f} x {got[1]:.1f} pt, not {paper} "
                f"({want[0]:.1f} x {want[1]:.1f} pt)"
            )


@pytest.mark.parametrize("theme, paper", CASES)
def test_chromium_prints_the_same_text_as_the_pdf(
    theme: str, paper: str, printed: Callable[[str, str], Printed]
) -> None:
    case = printed(theme, paper)
    ours, theirs = pdf_text(case.pdf), pdf_text(case.chromium_pdf)
    for name, text in (("briefing's PDF", ours), ("Chromium's print", theirs)):
        assert letters(case.bluf) in letters(text), f"{theme}/{paper}: the BLUF is not in {name}"
        for heading in headings(case.html):
            assert letters(heading) in letters(text), (
                f"{theme}/{paper}: the heading {heading!r} is not in {name}"
            )
    a = set(words(ours))
    b = set(rejoin(words(theirs), a))
    shared = len(a & b)
    assert shared / len(a) > WORD_OVERLAP and shared / len(b) > WORD_OVERLAP, (
        f"{theme}/{paper}: of {len(a)} words in briefing's PDF and {len(b)} in Chromium's "
        f"print, {shared} are in both; only in briefing's PDF: {sorted(a - b)[:30]}; "
        f"only in Chromium's: {sorted(b - a)[:30]}"
    )


@pytest.mark.parametrize("theme, paper", CASES)
def test_chromium_cuts_nothing_off(
    theme: str, paper: str, printed: Callable[[str, str], Printed]
) -> None:
    """Nothing runs past the page's margin in the browser either, where its print cuts it
    off: a confidence tag wider than its table's column, a bullet drawn outside its list."""
    assert cut_off(printed(theme, paper).chromium_pdf) == [], f"{theme} on {paper}"


# --- the text helpers, without a browser ----------------------------------------------------


def test_words_undo_hyphenation_and_ligatures() -> None:
    assert words("the Mediter\u2010\nranean, al-Assad\u2019s \ufb01re") == [
        "the", "mediterranean", "alassad", "s", "fire"]
    assert letters("BOT T OM  LI NE") == letters("Bottom line") == "bottomline"


def test_rejoin_mends_words_split_by_guessed_spaces_only() -> None:
    vocabulary = {"bottom", "line", "second", "hand", "secondhand", "from"}
    found = ["bot", "t", "om", "li", "ne", "second", "hand", "f", "rom"]
    assert rejoin(found, vocabulary) == ["bottom", "line", "second", "hand", "from"]
