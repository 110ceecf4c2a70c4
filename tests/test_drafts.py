"""Drafts cannot be printed by mistake: REVIEW placeholders stop a build, unless --draft,
which marks the page and the PDF's metadata DRAFT."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing import Builder
from briefing.layout import Fitted
from briefing.serve import PreviewServer

SKELETON_FIELDS = {
    "piece.headline", "piece.outlet", "meta.title", "meta.analyst", "bluf",
    "key_judgments.0.text", "motives.0.actor", "motives.0.motive", "sourcing.0.who",
    "sourcing.0.supports", "critique.missing_perspectives.0.who",
    "critique.missing_perspectives.0.why", "watch.0.text",
}
"""Every value of a plain `briefing new` skeleton that says REVIEW."""
FINDING = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<col>\d+): DR001 (?P<severity>\w+): "
                     r"'(?P<path>[^']+)' still holds a placeholder", re.M)


@pytest.fixture
def skeleton(in_tmp: Path, run_cli: Callable[..., Result]) -> Path:
    """A fresh `briefing new draft`, as its writer left it."""
    assert run_cli("new", "draft").exit_code == 0
    return Path("content/draft.yaml")


def findings(output: str) -> list[re.Match[str]]:
    return list(FINDING.finditer(output))


# --- briefing check --------------------------------------------------------------------


def test_check_reports_each_placeholder_at_its_value(
    skeleton: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("check", skeleton)
    assert result.exit_code == 1
    found = findings(result.stdout)
    assert {m["path"] for m in found} == SKELETON_FIELDS
    assert len(found) == len(SKELETON_FIELDS)
    lines = skeleton.read_text(encoding="utf-8").splitlines()
    for match in found:
        assert match["file"] == str(skeleton) and match["severity"] == "error"
        value = lines[int(match["line"]) - 1][int(match["col"]) - 1:]
        assert value.lstrip("'\"").startswith("REVIEW"), match.group(0)
    assert "replace it with what it asks for, or delete the item 'watch.0'" in result.stdout
    assert "`briefing build --draft`" in result.stdout


def test_comments_and_guessed_values_are_not_placeholders(
    in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    Path("piece.txt").write_text(
        "Talks fail in the capital\n\n"
        "\u201cWe came with an offer and we leave with nothing,\u201d officials said.\n",
        encoding="utf-8",
    )
    assert run_cli("new", "talks", "--from", "piece.txt").exit_code == 0
    text = Path("content/talks.yaml").read_text(encoding="utf-8")
    assert "# REVIEW: drafted from" in text and "# REVIEW: the text's first line" in text

    found = {m["path"]: m for m in findings(run_cli("check", "content/talks.yaml").stdout)}
    assert "piece.headline" not in found  # guessed, and only its comment says REVIEW
    assert "sourcing.0.anonymity" in found  # a question the drafting asks in a value
    for match in found.values():
        line = text.splitlines()[int(match["line"]) - 1]
        assert not line.lstrip().startswith("#")


def test_every_string_counts_and_only_the_placeholder_word(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    brief = write_brief(
        Path(),
        piece={"outlet": "The New York Review of Books"},
        meta={"keywords": ["Syria", "REVIEW"]},
        key_judgments=[
            {"text": "Moscow backs Assad. REVIEW: check the date of the lease.",
             "confidence": "high"},
            {"text": "Reviewers will review it; a REVIEWED text is no placeholder.",
             "confidence": "high"},
        ],
    )
    result = run_cli("check", brief)
    assert {m["path"] for m in findings(result.stdout)} == {
        "meta.keywords.1", "key_judgments.0.text",
    }


# --- briefing build, with and without --draft ----------------------------------------------


def test_build_refuses_a_brief_with_placeholders(
    skeleton: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("build", skeleton, "--out", "out", "--format", "html")
    assert result.exit_code == 2
    assert {m["path"] for m in findings(result.stderr)} == SKELETON_FIELDS
    assert "hint: replace it with what it asks for" in result.stderr
    assert "--draft" in result.stderr
    assert not Path("out/draft.html").exists()


def test_a_draft_builds_marked_draft_on_the_page_and_in_the_pdf(
    skeleton: Path, run_cli: Callable[..., Result], pdf: Any
) -> None:
    result = run_cli("build", skeleton, "--out", "out", "--draft")
    assert result.exit_code == 0, result.output
    warned = findings(result.stderr)
    assert {m["path"] for m in warned} == SKELETON_FIELDS
    assert {m["severity"] for m in warned} == {"warning"}
    assert "--draft" not in result.stderr  # the advice is taken: not given again

    reader = PdfReader("out/draft.pdf")
    assert len(reader.pages) == 1
    assert reader.metadata is not None
    assert reader.metadata.title == "DRAFT: REVIEW: the title of the brief"
    assert str(reader.metadata["/Keywords"]).split(", ")[0] == "DRAFT"
    assert "DRAFT" in pdf.text(Path("out/draft.pdf"))
    page = Path("out/draft.html").read_text(encoding="utf-8")
    assert '<p class="draft-mark">DRAFT</p>' in page
    assert "<title>DRAFT: " in page


def test_strict_does_not_refuse_a_drafts_placeholders_but_its_other_warnings(
    skeleton: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("build", skeleton, "--out", "out", "--format", "html", "--draft",
                     "--strict")
    assert result.exit_code == 2
    assert "MO001 warning: the motive of" in result.stderr  # the skeleton's motive
    assert "DR001" not in result.stderr


def test_a_finished_brief_says_draft_only_when_built_as_one(
    in_tmp: Path, example_yaml: Path, run_cli: Callable[..., Result], pdf: Any
) -> None:
    shutil.copytree(example_yaml.parent, "content")
    brief = Path("content") / example_yaml.name
    out = Path("out") / f"{brief.stem}.pdf"

    assert run_cli("build", brief, "--out", "out").exit_code == 0
    final = PdfReader(out).metadata
    assert final is not None and final.title is not None
    assert not final.title.startswith("DRAFT") and "DRAFT" not in str(final["/Keywords"])
    assert "DRAFT" not in pdf.text(out)

    # The same brief as a draft is another output: built, not "up to date"; and back.
    drafted = run_cli("build", brief, "--out", "out", "--draft")
    assert "wrote" in drafted.stdout, drafted.output
    assert (PdfReader(out).metadata or {}).get("/Title") == f"DRAFT: {final.title}"
    again = run_cli("build", brief, "--out", "out")
    assert "wrote" in again.stdout, again.output
    assert run_cli("build", brief, "--out", "out").stdout.count("up to date") == 1


def test_the_mark_takes_no_room_and_stays_on_the_page(example_yaml: Path) -> None:
    def fitted(draft: bool) -> Fitted:
        builder = Builder(formats=("pdf",), draft=draft)
        return builder.fit(builder.check(example_yaml))

    final, draft = fitted(False), fitted(True)
    assert draft.scale == final.scale and len(draft.document.pages) == 1
    page = draft.document.pages[0]._page_box
    # The outermost box of the mark: its lines and text are boxes of the same element.
    mark = next(box for box in boxes(page) if box.element_tag == "p"
                and box.element.get("class") == "draft-mark")
    assert mark.position_x >= 0 and mark.position_x + mark.margin_width() <= page.margin_width()
    assert mark.position_y >= 0 and mark.position_y + mark.margin_height() <= page.margin_height()


def boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from boxes(child)


# --- briefing serve ----------------------------------------------------------------------


@contextlib.contextmanager
def previewing(folder: Path) -> Iterator[Callable[[str], str]]:
    """`briefing serve FOLDER` running: yields get(path), the text it answers."""
    server = PreviewServer(folder, port=0, fit=False)
    server.start()

    def get(path: str) -> str:
        with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=10) as reply:
            return str(reply.read().decode())

    try:
        yield get
    finally:
        server.stop()


def test_a_preview_is_a_draft(skeleton: Path) -> None:
    with previewing(skeleton.parent) as get:
        status = json.loads(get("/status/draft"))
        assert status["ok"] and not status["errors"]
        assert {m["path"] for m in findings("\n".join(status["warnings"]))} == SKELETON_FIELDS
        assert '<p class="draft-mark">DRAFT</p>' in get("/brief/draft")


def test_a_brief_drafted_from_a_saved_page_previews_like_any_other(
    in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    page = Path(__file__).parent / "articles" / "courier-port-strike.html"
    assert run_cli("new", "strike", "--from", page).exit_code == 0
    with previewing(Path("content")) as get:
        status = json.loads(get("/status/strike"))
        assert status["ok"] and not status["errors"]
        warned = {m["path"] for m in findings("\n".join(status["warnings"]))}
        assert warned and all(not p.startswith("piece.") for p in warned)
        assert not [w for w in status["warnings"] if "QU001" in w]  # quotes found in the text
        page_html = get("/brief/strike")
        assert "Dockworkers walk out at Veldmark as pay talks collapse" in page_html
        assert "The Harbour Courier" in page_html
