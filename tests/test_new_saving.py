"""`briefing new --from`: the piece saved beside the brief, and what its file declares put
in `piece`, read back exactly as the file said it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

import briefing.draft as draft
from briefing import check
from briefing.cli import cli
from briefing.draft import reading, saving
from briefing.draft.reading import About, Piece, Source
from briefing.loader import load
from briefing.validate import validate

TEXT = ("Talks fail in the capital\n\n"
        "\u201cWe came with an offer and we leave with nothing,\u201d Ana Ruiz said.\n")


def new(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["new", *args], input=stdin, catch_exceptions=False)


@pytest.fixture
def as_page(monkeypatch: pytest.MonkeyPatch) -> Callable[[About], None]:
    """Make every file read as a web page that declares `about`, with TEXT as its text."""
    def install(about: About) -> None:
        def read(source: Source) -> Piece:
            return Piece(TEXT, "html", about)
        monkeypatch.setattr(draft, "read_source", read)
        monkeypatch.setitem(reading.NAMES, "html", "web page")
    return install


HOSTILE = [
    'Talks: "fail" # at dawn', "- not a list item", "{{ not a template }}", "'single'",
    "yes", "null", "2026-03-02", "a #b: c", "\u201ccurly\u201d & *alias !tag",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_what_the_file_declares_reads_back_exactly(
    value: str, as_page: Callable[[About], None], in_tmp: Path
) -> None:
    as_page(About(headline=value, dek=value, authors=(value, "Tom Lee"), outlet=value,
                  published_note=value, url="https://example.org/a?b=1#c", genre="opinion"))
    Path("page.html").write_text("<html></html>", encoding="utf-8")
    assert new("talks", "--from", "page.html").exit_code == 0
    piece = yaml.safe_load(Path("content/talks.yaml").read_text(encoding="utf-8"))["piece"]
    assert piece["headline"] == piece["dek"] == piece["outlet"] == value
    assert piece["author"] == f"{value} and Tom Lee"
    assert piece["published_note"] == value and "published" not in piece
    assert piece["url"] == "https://example.org/a?b=1#c" and piece["genre"] == "opinion"


def test_found_values_are_marked_for_review_in_comments_only(
    as_page: Callable[[About], None], in_tmp: Path
) -> None:
    as_page(About(headline="Talks fail", authors=("Ana Ruiz",), outlet="The Daily Example",
                  published=dt.date(2026, 3, 2)))
    Path("page.html").write_text("<html></html>", encoding="utf-8")
    assert new("talks", "--from", "page.html").exit_code == 0
    text = Path("content/talks.yaml").read_text(encoding="utf-8")
    for line in ("headline: Talks fail", "outlet: The Daily Example", "author: Ana Ruiz",
                 "published: 2026-03-02"):
        assert f"  {line}" in text
        assert "# REVIEW: found in the web page" in next(
            t for t in text.splitlines() if t.startswith(f"  {line}"))
    brief = validate(load(Path("content/talks.yaml")))
    assert brief.piece.published == dt.date(2026, 3, 2)
    placeholders = {f.message.split("'")[1] for f in check(Path("content/talks.yaml")).findings
                    if f.code == "DR001"}
    assert not {p for p in placeholders if p.startswith("piece.")} - {"piece.genre"}


def test_what_the_file_cannot_honestly_give_is_left_out(
    as_page: Callable[[About], None], in_tmp: Path
) -> None:
    as_page(About(headline="   ", url="file:///etc/passwd", genre="gossip",
                  outlet="x" * 5000))
    Path("page.html").write_text("<html></html>", encoding="utf-8")
    assert new("talks", "--from", "page.html").exit_code == 0
    piece = yaml.safe_load(Path("content/talks.yaml").read_text(encoding="utf-8"))["piece"]
    assert "url" not in piece and piece["genre"] == "news"
    assert piece["outlet"].startswith("REVIEW") and piece["headline"] == "Talks fail in the capital"


def test_the_page_is_copied_beside_its_text(
    as_page: Callable[[About], None], in_tmp: Path
) -> None:
    as_page(About())
    Path("saved page.htm").write_bytes(b"<html><p>the page, byte for byte</p></html>")
    result = new("talks", "--from", "saved page.htm")
    assert result.exit_code == 0, result.output
    assert ("saved the piece's text as content/sources/talks.txt and "
            "content/sources/talks.htm\n") in result.stdout
    folder = Path("content/sources")
    assert sorted(p.name for p in folder.iterdir()) == ["talks.htm", "talks.txt"]
    assert (folder / "talks.htm").read_bytes() == Path("saved page.htm").read_bytes()
    assert (folder / "talks.txt").read_text(encoding="utf-8") == TEXT
    brief = validate(load(Path("content/talks.yaml")))
    assert str(brief.piece.source_text) == "sources/talks.txt"
    assert "(the text of the web page sources/talks.htm)" in Path(
        "content/talks.yaml").read_text(encoding="utf-8")
    assert not [f for f in check(Path("content/talks.yaml")).findings if f.code == "QU001"]


def test_a_page_with_another_suffix_is_copied_with_its_kind_s(
    as_page: Callable[[About], None], in_tmp: Path
) -> None:
    as_page(About())
    Path("article.txt").write_bytes(b"<html></html>")
    assert new("talks", "--from", "article.txt").exit_code == 0
    assert Path("content/sources/talks.html").read_bytes() == b"<html></html>"


def test_standard_input_is_read_with_a_dash(in_tmp: Path) -> None:
    result = new("talks", "--from", "-", stdin=TEXT)
    assert result.exit_code == 0, result.output
    assert Path("content/sources/talks.txt").read_text(encoding="utf-8") == TEXT
    brief = validate(load(Path("content/talks.yaml")))
    assert brief.piece.headline == "Talks fail in the capital"
    assert brief.quotes[0].exact.startswith("We came with an offer")


def test_a_text_already_in_its_place_is_used_where_it_is(in_tmp: Path) -> None:
    folder = Path("content/sources")
    folder.mkdir(parents=True)
    (folder / "talks.txt").write_text(TEXT, encoding="utf-8")
    assert new("talks", "--from", "content/sources/talks.txt").exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["talks.txt"]
    assert str(validate(load(Path("content/talks.yaml"))).piece.source_text) == (
        "sources/talks.txt")


def test_another_file_in_the_text_s_place_stops_the_draft(in_tmp: Path) -> None:
    folder = Path("content/sources")
    folder.mkdir(parents=True)
    (folder / "talks.txt").write_text("another piece\n", encoding="utf-8")
    Path("piece.txt").write_text(TEXT, encoding="utf-8")
    result = new("talks", "--from", "piece.txt")
    assert result.exit_code == 2
    assert "content/sources/talks.txt already exists" in result.stderr
    assert (folder / "talks.txt").read_text(encoding="utf-8") == "another piece\n"
    assert not Path("content/talks.yaml").exists()


def test_a_failed_write_takes_back_the_files_written_before_it(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = saving.write_atomic

    def failing(path: Path, data: bytes) -> None:
        if path.suffix == ".yaml":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(saving, "write_atomic", failing)
    Path("piece.txt").write_text(TEXT, encoding="utf-8")
    result = new("talks", "--from", "piece.txt")
    assert result.exit_code == 1
    assert "cannot write content/talks.yaml: No space left on device" in result.stderr
    assert not list(Path("content").rglob("*.*"))


def test_a_piece_s_own_words_read_back_exactly_whatever_they_hold(in_tmp: Path) -> None:
    headline = 'Talks: "fail" # at dawn {{ x }}'
    quoted = "We said: no - {{ never }} # and #not, 'ever': yes"
    Path("piece.txt").write_text(
        f"{headline}\n\n\u201c{quoted},\u201d Ana Ruiz, the minister, said on Monday.\n",
        encoding="utf-8")
    assert new("talks", "--from", "piece.txt").exit_code == 0
    brief = validate(load(Path("content/talks.yaml")))
    assert brief.piece.headline == headline
    assert [q.exact for q in brief.quotes] == [quoted]
    assert not [f for f in check(Path("content/talks.yaml")).findings if f.code == "QU001"]
