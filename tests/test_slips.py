"""The small slips a careful reader notices, each fixed and held by a test.

Counts said in words ("1 error", not "1 error(s)"), the dek apart from the headline,
dates and grades never broken across lines, a label before every comment of the
critique, no hyphenation of short words, the preview's banner above the page and its
index by title, and a warning for a template that overrides nothing.
"""

from __future__ import annotations

import itertools
import re
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes

from briefing import Builder
from briefing.layout import Fitted
from briefing.serve import BANNER_ID, PreviewServer
from briefing.serve.pages import static
from briefing.wording import plural

THEMES = ("memo", "sheet", "contrast")


def pdf_text(path: Path) -> str:
    """The PDF's text, as a reader copies it, whitespace folded to single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())

# --- counts ----------------------------------------------------------------------------


def test_counts_are_said_in_words() -> None:
    assert [plural(n, "error") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert plural(3, "pass") == "3 passes"
    assert plural(2, "analysis", "analyses") == "2 analyses"


def test_check_says_one_error_not_error_s(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, key_judgments=[{"text": "The test judgment holds."}])
    result = run_cli("check", path.name)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines()[-1] == "1 error, 0 warnings"
    assert "(s)" not in result.output


def test_new_says_one_quote_not_quote_s(in_tmp: Path, run_cli: Callable[..., Result]) -> None:
    piece = in_tmp / "piece.txt"
    piece.write_text('He said "this is the one quote of the piece, said here" to a reporter.\n',
                     encoding="utf-8")
    result = run_cli("new", "one-quote", "--from", piece.name)
    assert result.exit_code == 0, result.output
    assert ": 1 quote and 0 draft sources to review;" in result.stdout


# --- the masthead: dek, dates, grades ---------------------------------------------------


def laid_out(builder: Builder, path: Path) -> Fitted:
    """The brief at `path` laid out on its page, as `build` lays it out."""
    return builder.fit(builder.check(path))


def elements_by_line(fitted: Fitted, css_class: str) -> list[tuple[Any, list[int]]]:
    """Each element of `css_class` (or, for "<tag>", of that tag) on the page, with the
    ids of the lines it is set on."""
    found: dict[int, tuple[Any, list[int]]] = {}

    def wanted(element: Any) -> bool:
        if css_class.startswith("<"):
            return bool(element.tag == css_class.strip("<>"))
        return css_class in (element.get("class") or "").split()

    def walk(box: boxes.Box, line: int | None) -> None:
        element = getattr(box, "element", None)
        if isinstance(box, boxes.InlineBlockBox) and element is not None and wanted(element):
            # A box of its own (a tag in a table cell): its lines are those inside it.
            lines = found.setdefault(id(element), (element, []))[1]
            lines += [id(b) for b in _descendants(box) if isinstance(b, boxes.LineBox)]
            return
        if isinstance(box, boxes.LineBox):
            line = id(box)
        if line is not None and element is not None and wanted(element):
            lines = found.setdefault(id(element), (element, []))[1]
            if line not in lines:
                lines.append(line)
        for child in getattr(box, "children", []):
            walk(child, line)

    walk(fitted.document.pages[0]._page_box, None)
    return list(found.values())


def _descendants(box: boxes.Box) -> list[boxes.Box]:
    found = []
    for child in getattr(box, "children", []):
        found += [child, *_descendants(child)]
    return found


def text_of(element: Any) -> str:
    return "".join(element.itertext())


@pytest.mark.parametrize("theme", THEMES)
def test_the_dek_is_a_line_of_its_own_under_the_headline(
    theme: str, in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, piece={"dek": "By bombing rebels, Russia makes extremists."},
                       design={"theme": theme})
    assert run_cli("build", path.name, "--out", "out", "--format", "html").exit_code == 0
    page = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    assert "”, By bombing" not in page and "”</cite>, " not in page
    fitted = laid_out(Builder(), path)
    (dek, dek_lines), = elements_by_line(fitted, "dek")
    assert text_of(dek) == "By bombing rebels, Russia makes extremists."
    (headline, headline_lines), = elements_by_line(fitted, "<cite>")
    assert text_of(headline) == "“A test headline”"
    assert not set(headline_lines) & set(dek_lines), f"{theme}: the dek runs on after the headline"


def test_a_date_is_never_broken_across_lines(
    in_tmp: Path, write_brief: Callable[..., Path]
) -> None:
    """Names of every length before it: the date moves to the next line whole."""
    builder = Builder()
    reached_the_end_of_a_line = False
    for n in range(0, 40):
        path = write_brief(in_tmp, f"brief-{n}", piece={
            "published": "2026-03-14", "author": "Jane " + "w" * n,
            "outlet": "The Test Gazette " * 4})
        fitted = laid_out(builder, path)
        for element, lines in elements_by_line(fitted, "date"):
            assert len(lines) == 1, f"{text_of(element)!r} broken over lines with {n}"
        (_, published), = elements_by_line(fitted, "published")
        reached_the_end_of_a_line |= len(published) == 2  # "published" | "14 March 2026"
    assert reached_the_end_of_a_line, "no name put the date at the end of a line: widen it"


@pytest.mark.parametrize("theme", THEMES)
def test_dates_grades_and_tags_are_set_on_one_line(
    theme: str, example_yaml: Path
) -> None:
    fitted = laid_out(Builder(theme=theme), example_yaml)
    for css_class in ("date", "grade", "tag"):
        found = list(elements_by_line(fitted, css_class))
        assert found, f"{theme}: no .{css_class} on the page"
        for element, lines in found:
            assert len(lines) == 1, f"{theme}: {text_of(element)!r} is broken over lines"


# --- the critique ------------------------------------------------------------------------


def test_every_comment_after_a_quote_is_labelled(example_build: Path) -> None:
    """The reader tells the piece's words from the analyst's: a label before each comment."""
    # A word hyphenated at the end of a line is read whole.
    text = re.sub(r"(\w)\u2010 (\w)", r"\1\2", pdf_text(example_build / "fpif-russia-assad.pdf"))
    for said in ("“naval base in Tartarus” In fact: Tartus",
                 "“it is just adding more fuel to the Islamic extremist fire” Problem: Causal",
                 "“The average Westerner can be forgiven” Effect: Presents the conclusion"):
        assert said in text, said


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_labels_the_critique_alike(
    theme: str, example_yaml: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("build", example_yaml, "--theme", theme, "--out", tmp_path, "--format",
                     "html")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "fpif-russia-assad.html").read_text(encoding="utf-8")
    for label in ("In fact:", "Problem:", "Effect:"):
        assert re.search(rf'</q> <span class="fix">{label}</span> \w', page), (theme, label)


# --- hyphenation -------------------------------------------------------------------------

SHORT_WORDS = " ".join(["People hidden behind simple market action often differ."] * 9)
"""Words of 5 and 6 letters that the dictionary would split ("peo-ple", "hid-den")."""


def hyphenated_words(pdf: Path) -> list[tuple[str, str]]:
    """Each word the layout split at a line's end with a hyphen: its two parts."""
    lines = (PdfReader(pdf).pages[0].extract_text() or "").splitlines()
    split = []
    for line, following in itertools.pairwise(lines):
        # WeasyPrint's hyphen is U+2010: a hyphen-minus at a line's end is the text's own.
        head, tail = re.search(r"(\w*)\u2010$", line), re.match(r"\w*", following)
        if head and tail:
            split.append((head[1], tail[0]))
    return split


@pytest.mark.parametrize("theme", THEMES)
def test_only_words_of_seven_letters_or_more_are_hyphenated(
    theme: str, example_yaml: Path, tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    short = write_brief(tmp_path, "short-words", bluf=SHORT_WORDS,
                        key_judgments=[{"text": SHORT_WORDS, "confidence": "high"}])
    builder = Builder(out=tmp_path / "out", formats=("pdf",), theme=theme)
    found = []
    for path in (example_yaml, short):
        builder.build(path)
        found += hyphenated_words(tmp_path / "out" / f"{path.stem}.pdf")
    assert found, f"{theme}: nothing is hyphenated, so nothing is tested"
    for head, tail in found:
        assert len(head + tail) >= 7 and len(head) >= 3 and len(tail) >= 3, (
            f"{theme}: {head}-{tail} is split")


# --- the preview ---------------------------------------------------------------------------


@pytest.fixture
def serve(in_tmp: Path) -> Iterator[Callable[[], PreviewServer]]:
    """`serve()`: the preview of ./content on a free port (no layout), stopped after."""
    servers: list[PreviewServer] = []

    def start() -> PreviewServer:
        server = PreviewServer(Path("content"), port=0, fit=False)
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def fetch(server: PreviewServer, path: str) -> str:
    """The text of the page at `path`, as a browser gets it."""
    with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=10) as reply:
        return str(reply.read().decode())


def test_the_preview_banner_is_above_the_page_not_over_it(
    serve: Callable[[], PreviewServer], write_brief: Callable[..., Path]
) -> None:
    write_brief(Path("content"), bluf=" ".join(["This bottom line runs on"] * 12) + ".")
    page = fetch(serve(), "/brief/brief")
    assert f'id="{BANNER_ID}"' in page and "BR001 warning" in page
    # Laid out as a browser shows it (media screen, on one long sheet, as a browser's
    # window scrolls): the banner ends before the page begins.
    window = CSS(string="@page { size: 300mm 2000mm !important; margin: 0 !important }")
    document = HTML(string=page, media_type="screen").render(stylesheets=[window])
    assert len(document.pages) == 1
    found = {}
    for box in document.pages[0]._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and element.get("id") == BANNER_ID:
            found.setdefault("banner", box)
        elif element is not None and element.tag == "main":
            found.setdefault("page", box)
    banner, brief = found["banner"], found["page"]
    assert banner.position_y + banner.margin_height() <= brief.position_y, (
        "the banner covers the top of the page")
    assert "fixed" not in static("banner.css") and "absolute" not in static(
        "banner.css").split("#briefing-preview button")[0]


def test_the_preview_index_lists_briefs_by_title(
    serve: Callable[[], PreviewServer], write_brief: Callable[..., Path]
) -> None:
    write_brief(Path("content"), "russia", meta={"title": "Why Russia backs Assad"})
    broken = write_brief(Path("content"), "broken")
    broken.write_text(broken.read_text(encoding="utf-8").replace("bluf: ", "bluf: [", 1),
                      encoding="utf-8")
    index = fetch(serve(), "/")
    assert '<a href="/brief/russia">Why Russia backs Assad</a>' in index
    assert "content/russia.yaml" in index  # the file, beside the title
    assert '<a href="/brief/broken">broken.yaml</a>' in index
    assert re.search(r"broken\.yaml</small> \u2014 has errors \(1 error\)", index), index


# --- a template that replaces nothing ------------------------------------------------------


def test_a_template_at_a_path_that_replaces_nothing_is_named_with_the_right_path(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)
    (in_tmp / "templates" / "partials").mkdir(parents=True)
    (in_tmp / "templates" / "bluf.html.j2").write_text("<p>mine</p>", encoding="utf-8")
    (in_tmp / "templates" / "README.md").write_text("Notes, not a template.", encoding="utf-8")
    # A new section, included by the user's own brief.html.j2, is used: no warning.
    (in_tmp / "templates" / "partials" / "glance.html.j2").write_text("", encoding="utf-8")
    (in_tmp / "templates" / "brief.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block body %}{% include "partials/glance.html.j2" %}'
        '{% include "partials/bluf.html.j2" %}{% endblock %}', encoding="utf-8")
    result = run_cli("build", path.name, "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "templates/bluf.html.j2: warning: this file replaces no built-in template and no "
        "template includes it: it is never used",
        "  hint: did you mean templates/partials/bluf.html.j2? move it there",
    ]
    assert "mine" not in (in_tmp / "build" / "brief.html").read_text(encoding="utf-8")


def test_the_preview_names_a_template_that_replaces_nothing_once(
    in_tmp: Path, write_brief: Callable[..., Path]
) -> None:
    write_brief(Path("content"))
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "sourcing.html.j2").write_text("", encoding="utf-8")
    said: list[str] = []
    server = PreviewServer(Path("content"), port=0, fit=False, log=said.append)
    server.start()
    try:
        (in_tmp / "templates" / "brief.css").write_text(
            '{% include "base.css" %}', encoding="utf-8")
        deadline = time.monotonic() + 5
        while not any("templates changed" in line for line in said):
            assert time.monotonic() < deadline, said
            time.sleep(0.02)
    finally:
        server.stop()
    warned = [line for line in said if "warning" in line]
    assert warned == ["templates/sourcing.html.j2: warning: this file replaces no built-in "
                      "template and no template includes it: it is never used\n"
                      "  hint: did you mean templates/partials/sourcing.html.j2? move it there"]
