"""Reading PDFs, Word, OpenDocument and Markdown files, and refusing hostile ones.

The corpus files (tests/articles, made by make_documents.py from sources/) are read
as a user's file would be: each paragraph of the article must come out whole, with
no line break or hyphen left where the document wrapped a line, and none of the
page furniture (running headers, footers, page numbers); what the file says of
its piece must be found. Bad and hostile files go through the CLI as a user would
give them: exit 2, one message naming the file and what to do, nothing written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from briefing.draft import reading
from briefing.draft.reading import limits, read_piece

ARTICLES = Path(__file__).resolve().parent / "articles"
sys.path.insert(0, str(ARTICLES))
from make_documents import SOURCES, paragraphs  # noqa: E402

DOCUMENTS = sorted(path for path in ARTICLES.iterdir()
                   if (SOURCES / f"{path.stem}.txt").is_file() and path.suffix != ".yaml")

NOT_IN_THE_FILE = {
    ("water-board", "genre"): "no kicker says so: news is the reader's inference",
}
"""Expected metadata a careful reader infers but the file does not state as such."""


def _expected(document: Path) -> dict[str, object]:
    data = yaml.safe_load((ARTICLES / f"{document.stem}.expected.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_document_of_the_corpus_has_its_source_and_expectations() -> None:
    kinds = {path.suffix for path in DOCUMENTS}
    assert kinds == {".pdf", ".docx", ".odt", ".md"}
    assert len(DOCUMENTS) >= 7
    for document in DOCUMENTS:
        assert (ARTICLES / f"{document.stem}.expected.yaml").is_file(), document


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_paragraphs_come_out_whole(document: Path) -> None:
    piece = read_piece(document)
    found = piece.text.split("\n\n")
    for paragraph in paragraphs(SOURCES / f"{document.stem}.txt"):
        assert paragraph in found, f"{document.name}: not one paragraph: {paragraph[:70]}"
    for block in found:
        assert "\n" not in block, f"{document.name}: a line break inside: {block[:70]}"
        assert not re.search(r"[^\W\d_]- [a-z]", block), f"a hyphen left at a line end: {block}"
        assert "\u00ad" not in block and "\x02" not in block and "\ufffe" not in block


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_no_page_furniture_and_every_quotation_intact(document: Path) -> None:
    piece = read_piece(document)
    expected = _expected(document)
    for furniture in expected.get("not_in_text", []):  # type: ignore[attr-defined]
        assert furniture not in piece.text, f"{document.name}: {furniture!r} left in"
    for block in piece.text.split("\n\n"):
        assert not re.fullmatch(r"(?:page\s+)?\d+(?:\s*(?:/|of)\s*\d+)?", block, re.I), block
    for quote in expected["quotes"]:  # type: ignore[attr-defined]
        assert quote["starts"] in piece.text, f"{document.name}: {quote['starts']!r}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_what_the_file_says_of_its_piece_is_found(document: Path) -> None:
    about = read_piece(document).about
    found = {"headline": about.headline, "dek": about.dek, "outlet": about.outlet,
             "url": about.url, "genre": about.genre, "published": about.published,
             "published_note": about.published_note,
             "author": " and ".join(about.authors) or None}
    metadata = _expected(document)["metadata"]
    assert isinstance(metadata, dict)
    for field, value in metadata.items():
        if (document.stem, field) in NOT_IN_THE_FILE:
            continue
        assert found[field] == value, f"{document.name}: {field}"


def test_running_headers_and_page_numbers_repeat_on_every_page_and_are_dropped() -> None:
    from pypdf import PdfReader

    pdf = ARTICLES / "harbour-strike.pdf"
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) >= 3
    assert all(f"{number}/{len(pages)}" in text for number, text in enumerate(pages, 1))
    text = read_piece(pdf).text
    assert not re.search(rf"\b\d/{len(pages)}\b", text)


# --- PDFs built line by line, to pin the rules of joining ---------------------------------


def _pdf(pages: list[list[tuple[float, float, str]]], info: str = "") -> bytes:
    """A PDF whose pages show each (x, y, text) in Helvetica 11, with a text layer."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        stream = "".join(
            f"BT /F1 11 Tf {x} {y} Td ({text.replace('(', '[').replace(')', ']')}) Tj ET\n"
            for x, y, text in lines).encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}"
                       "endstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents "
                       f"{len(objects)} 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    if info:
        objects.append(f"<< {info} >>")
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"/Info {len(objects)} 0 R " if info else ""
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _column(y: float, *lines: str, step: float = 14, x: float = 72) -> list[
        tuple[float, float, str]]:
    return [(x, y - step * at, text) for at, text in enumerate(lines)]


def _read(tmp_path: Path, data: bytes, name: str = "piece.pdf") -> reading.Piece:
    path = tmp_path / name
    path.write_bytes(data)
    return read_piece(path)


def test_line_end_hyphens_are_undone_only_where_they_split_a_word(tmp_path: Path) -> None:
    body = _column(700, "The well-known author said the gov-",
                   "ernment would act, and the well-",
                   "known critics of the plan said it was known as a",
                   "cost-cutting exercise, the cost-",
                   "cutting kind that is well understood in",
                   "the city, and the in-",
                   "formation was shared.")
    text = _read(tmp_path, _pdf([body])).text
    assert "the government would act" in text
    assert "the information was shared" in text  # "formation" is only this half
    assert "the well-known critics" in text  # both halves are words of its own
    assert "the cost-cutting kind" in text  # the document spells the compound
    assert "wellknown" not in text and "costcutting" not in text


def test_gaps_indents_and_short_lines_start_paragraphs(tmp_path: Path) -> None:
    body = (_column(700, "The first paragraph runs over two lines of the",
                    "column and stops here.")
            + _column(650, "A second one follows a wider gap than the lines",
                      "of a paragraph leave between them.")
            + [(90, 600, "A third is indented, with no gap at all above it, and it")]
            + _column(586, "goes on to end the paragraph.")
            + _column(572, "A fourth starts after a short line ending a sentence."))
    found = _read(tmp_path, _pdf([body])).text.split("\n\n")
    assert found == [
        "The first paragraph runs over two lines of the column and stops here.",
        "A second one follows a wider gap than the lines of a paragraph leave between them.",
        "A third is indented, with no gap at all above it, and it goes on to end the "
        "paragraph.",
        "A fourth starts after a short line ending a sentence.",
    ]


def test_a_paragraph_runs_on_across_a_page_break_past_headers_and_footers(
        tmp_path: Path) -> None:
    def page(number: int, *lines: str) -> list[tuple[float, float, str]]:
        return [(72, 800, f"The Harbour Gazette - Thursday edition {number}"),
                *_column(700, *lines), (290, 40, f"Page {number} of 2")]
    pages = [page(1, "Dockworkers said on Tuesday that the strike would go on until",
                  "the operator made them a new offer, and that the pickets would"),
             page(2, "stay at all four gates of the port through the weekend.")]
    text = _read(tmp_path, _pdf(pages)).text
    assert text == ("Dockworkers said on Tuesday that the strike would go on until the "
                    "operator made them a new offer, and that the pickets would stay at all "
                    "four gates of the port through the weekend.")


def test_the_document_information_gives_headline_outlet_and_author(tmp_path: Path) -> None:
    body = _column(700, "Ports reopen after the strike",
                   "Dockworkers went back to work on Friday after the union accepted",
                   "the operator's offer of a rise of five per cent over two years.")
    info = ("/Title (Ports reopen after the strike | The Harbour Gazette) "
            "/Author (Ana Ruiz) /Producer (LibreOffice 7.4) /CreationDate (D:20260302101500Z)")
    about = _read(tmp_path, _pdf([body], info)).about
    assert about.headline == "Ports reopen after the strike"
    assert about.outlet == "The Harbour Gazette"
    assert about.authors == ("Ana Ruiz",)
    assert about.published == dt.date(2026, 3, 2)


# --- the first lines of a plain text ------------------------------------------------------


def test_plain_text_declares_its_kicker_byline_and_date_in_its_first_lines(
        tmp_path: Path) -> None:
    text = ("Opinion\nThe river always wins\nWhy the valley floods, and what it costs.\n"
            "By Ana Ruiz and Tom Lee, Chief Correspondents | 2 March 2026\n\n"
            "KESSEL, Norland — The river rose again on Tuesday, as it does every spring, "
            "and once again the town was not ready for it when it came.\n")
    piece = _read(tmp_path, text.encode(), "piece.txt")
    assert piece.text == text  # the text itself is left as it stands
    about = piece.about
    assert (about.genre, about.headline, about.dek, about.authors, about.published) == (
        "opinion", "The river always wins", "Why the valley floods, and what it costs.",
        ("Ana Ruiz", "Tom Lee"), dt.date(2026, 3, 2))


@pytest.mark.parametrize(("lines", "authors", "published"), [
    ("By Ana Ruiz in Kessel, March 2, 2026", ("Ana Ruiz",), dt.date(2026, 3, 2)),
    ("Analysis \u00b7 By Ana Ruiz & Tom Lee \u00b7 2026-03-02", ("Ana Ruiz", "Tom Lee"),
     dt.date(2026, 3, 2)),
    ("By ANA RUIZ\nUpdated March 9, 2026\nPublished Monday, March 2, 2026 at 10:30 GMT",
     ("Ana Ruiz",), dt.date(2026, 3, 2)),
    ("Written by Ana Ruiz for The Norland Herald\nUpdated 9 March 2026", ("Ana Ruiz",), None),
])
def test_bylines_and_date_lines_as_sites_write_them(tmp_path: Path, lines: str,
                                                    authors: tuple[str, ...],
                                                    published: dt.date | None) -> None:
    text = f"Talks fail in Vell\n{lines}\n\nThe talks failed on Monday.\n"
    about = _read(tmp_path, text.encode(), "piece.txt").about
    assert (about.headline, about.authors, about.published) == (
        "Talks fail in Vell", authors, published)


def test_a_date_known_to_the_month_is_a_note(tmp_path: Path) -> None:
    about = _read(tmp_path, b"Talks fail\nBy Ana Ruiz\nMarch 2026\n\nThe talks failed.\n",
                  "piece.txt").about
    assert (about.published, about.published_note) == (None, "March 2026")


def test_headline_comes_from_the_first_lines_into_the_draft(
        tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli("new", "brief", "--from", ARTICLES / "grain-reserve.pdf",
                     "--dir", tmp_path / "content")
    assert result.exit_code == 0, result.output
    brief = (tmp_path / "content" / "brief.yaml").read_text("utf-8")
    assert "headline: Why the national grain reserve is running low" in brief


# --- sniffing by content ------------------------------------------------------------------


@pytest.mark.parametrize(("document", "name", "kind"), [
    ("tram-fares.pdf", "article.txt", "pdf"),
    ("water-board.docx", "statement", "docx"),
    ("clinic-closures.odt", "interview.doc.txt", "odt"),
    ("fishing-quota.md", "notes.txt", "markdown"),
])
def test_the_kind_is_told_by_content_not_by_name(tmp_path: Path, document: str, name: str,
                                                  kind: str) -> None:
    piece = _read(tmp_path, (ARTICLES / document).read_bytes(), name)
    assert piece.kind == kind
    assert piece.about.headline == read_piece(ARTICLES / document).about.headline


def test_standard_input_is_read_by_content(tmp_path: Path,
                                           run_cli: Callable[..., Result]) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    data = (ARTICLES / "water-board.docx").read_bytes()
    result = CliRunner().invoke(cli, ["new", "brief", "--from", "-", "--dir",
                                      str(tmp_path / "content")], input=data)
    assert result.exit_code == 0, result.output
    brief = (tmp_path / "content" / "brief.yaml").read_text("utf-8")
    assert "headline: Lake Orun water board admits pipe failures" in brief


# --- hostile and bad files, through the CLI -----------------------------------------------


def _refused(run_cli: Callable[..., Result], tmp_path: Path, path: Path,
             *words: str) -> str:
    """Run `briefing new` on `path`: exit 2, one error naming the file, nothing written."""
    content = tmp_path / "content"
    result = run_cli("new", "brief", "--from", path, "--dir", content)
    message = result.stderr
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Traceback" not in message
    assert message.count("error:") == 1, message
    assert str(path) in message and "hint:" in message, message
    for word in words:
        assert word in message, message
    assert not content.exists() or not any(content.iterdir())
    return message


def _docx_with(member: str, data: bytes, tmp_path: Path, name: str = "bad.docx",
               base: str = "press-statement.docx") -> Path:
    """A copy of a corpus file with `member` replaced by `data`."""
    path = tmp_path / name
    with zipfile.ZipFile(ARTICLES / base) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            out.writestr(info, data if info.filename == member else source.read(info))
    return path


def test_binary_data(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(bytes(range(256)) * 40)
    _refused(run_cli, tmp_path, path, "binary data")


def test_truncated_pdf(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = tmp_path / "cut.pdf"
    data = (ARTICLES / "tram-fares.pdf").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(run_cli, tmp_path, path, "cut short", "again")


def test_corrupt_pdf(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(32, 127)) * 200 + b"\n%%EOF\n")
    _refused(run_cli, tmp_path, path, "damaged")


def test_encrypted_pdf(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(ARTICLES / "tram-fares.pdf").pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    _refused(run_cli, tmp_path, path, "password")


def test_scanned_pdf(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    from PIL import Image, ImageDraw

    scan = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(scan)
    for line in range(30):
        draw.rectangle((80, 100 + 30 * line, 770, 112 + 30 * line), fill="black")
    path = tmp_path / "scan.pdf"
    scan.save(path, "PDF", resolution=100)
    _refused(run_cli, tmp_path, path, "no text layer", "OCR")


def _bomb(path: Path, members: int, size: int) -> None:
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        for number in range(members):
            name = "word/document.xml" if number == 0 else f"word/media/fill{number}.bin"
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with out.open(info, "w", force_zip64=True) as member:
                for _ in range(size // len(zeros)):
                    member.write(zeros)


@pytest.mark.parametrize(("members", "size"), [(1, 400 * 1024 * 1024), (4, 20 * 1024 * 1024)],
                         ids=["over the total", "over the ratio"])
def test_zip_bomb_disguised_as_docx(tmp_path: Path, run_cli: Callable[..., Result],
                                    members: int, size: int) -> None:
    path = tmp_path / "report.docx"
    _bomb(path, members, size)
    assert path.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    try:
        _refused(run_cli, tmp_path, path, "zip bomb")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 5, elapsed
    # Bounded by the file read (load_source reserves MAX_FILE_BYTES), never by what the
    # archive would unpack to.
    assert peak < limits.MAX_FILE_BYTES + 16 * 1024 * 1024 < members * size, peak


XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE doc [<!ENTITY secret SYSTEM "{uri}">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.parametrize(("base", "member", "name"), [
    ("press-statement.docx", "word/document.xml", "statement.docx"),
    ("clinic-closures.odt", "content.xml", "interview.odt"),
])
def test_external_entities_are_never_resolved(tmp_path: Path, run_cli: Callable[..., Result],
                                              base: str, member: str, name: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    path = _docx_with(member, XXE.format(uri=secret.as_uri()).encode(), tmp_path, name, base)
    message = _refused(run_cli, tmp_path, path, "DTD")
    assert "TOP-SECRET-MARKER" not in message


def test_file_over_the_size_limit(tmp_path: Path, run_cli: Callable[..., Result],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 10_000)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10_000)
    _refused(run_cli, tmp_path, ARTICLES / "harbour-strike.pdf", "MiB")


def test_old_word_file(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = tmp_path / "statement.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    _refused(run_cli, tmp_path, path, ".doc", "save it as .docx")


def test_plain_zip(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = tmp_path / "article.docx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("article.txt", "The text of the article.")
    _refused(run_cli, tmp_path, path, "zip archive", "not a Word")


def test_damaged_docx(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    path = tmp_path / "cut.docx"
    data = (ARTICLES / "water-board.docx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(run_cli, tmp_path, path, "damaged")


def test_pdf_over_the_page_limit(tmp_path: Path, run_cli: Callable[..., Result],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.draft.reading import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    _refused(run_cli, tmp_path, ARTICLES / "harbour-strike.pdf", "3 pages", "page range")


# --- what Word and OpenDocument files hold besides paragraphs -----------------------------


def test_word_tables_are_rows_and_footnotes_come_after_the_body() -> None:
    found = read_piece(ARTICLES / "water-board.docx").text.split("\n\n")
    row = found.index("Quay Street north | 1931 | Critical | Replace within 12 months")
    last = found.index(paragraphs(SOURCES / "water-board.txt")[-1])
    assert row < last
    assert found[last + 1:] == [
        "[1] The Ledger has seen three of the reports, dated 4, 11 and 19 March 2024.",
        "[2] The inquiry was announced in a short statement on the inspectorate's website.",
    ]


def test_python_docx_defaults_are_nobodys_byline() -> None:
    from docx import Document

    core = Document(str(ARTICLES / "press-statement.docx")).core_properties
    assert core.author == "python-docx"  # the file says so; the reader must not believe it
    assert read_piece(ARTICLES / "press-statement.docx").about.authors == ("Mira Kovac",)


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
<text:p>A sentence the author deleted.</text:p></text:deletion></text:changed-region>
</text:tracked-changes>
<text:h text:outline-level="1">Council <text:span>votes</text:span> to close the pool</text:h>
<text:p>The council voted<text:s text:c="2"/>on Monday to close the pool.<text:note
 text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>
<text:p>By seven votes to four.</text:p></text:note-body></text:note><office:annotation>
<dc:creator>Editor</dc:creator><text:p>Check the vote count.</text:p></office:annotation></text:p>
<text:list><text:list-item><text:p>The pool shuts in May.</text:p></text:list-item>
<text:list-item><text:p>Swimmers will use the school's pool.</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Year</text:p></table:table-cell>
<table:table-cell><text:p>Visits</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>2025</text:p></table:table-cell>
<table:table-cell><text:p>41,000</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""

ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>
<dc:title>Council votes to close the pool</dc:title><dc:creator>Ana Ruiz</dc:creator>
<meta:creation-date>2026-03-02T09:00:00</meta:creation-date></office:meta>
</office:document-meta>"""


def test_opendocument_headings_lists_tables_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "pool"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        out.writestr("content.xml", ODT_CONTENT)
        out.writestr("meta.xml", ODT_META)
    piece = read_piece(path)
    assert piece.kind == "odt"
    assert piece.text.split("\n\n") == [
        "Council votes to close the pool", "The council voted on Monday to close the pool.",
        "The pool shuts in May.", "Swimmers will use the school's pool.", "Year | Visits",
        "2025 | 41,000", "[1] By seven votes to four."]
    about = piece.about
    assert (about.headline, about.authors, about.published) == (
        "Council votes to close the pool", ("Ana Ruiz",), dt.date(2026, 3, 2))


@pytest.mark.parametrize(("title", "author", "headline", "outlet", "authors"), [
    ("Talks fail at dawn - The Daily Example", "Ana Ruiz", "Talks fail at dawn",
     "The Daily Example", ("Ana Ruiz",)),
    ("Talks fail at dawn | Example", "Microsoft Office User", "Talks fail at dawn", "Example",
     ()),
    ("Untitled", "python-docx", "Talks fail at dawn", None, ()),  # from the first line
])
def test_a_word_file_s_properties_are_read_as_a_page_s_title_is(
    title: str, author: str, headline: str, outlet: str | None,
    authors: tuple[str, ...], tmp_path: Path,
) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    document.add_heading("Talks fail at dawn", level=1)  # a heading, not the Title style
    document.add_paragraph("The talks failed, officials said on Monday, after a long night.")
    path = tmp_path / "saved.docx"
    document.save(str(path))
    about = read_piece(path).about
    assert (about.headline, about.outlet, about.authors) == (headline, outlet, authors)
