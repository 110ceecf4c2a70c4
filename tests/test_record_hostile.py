"""Hostile PDFs given to `extract` and `check`: nothing written outside --out, bounded
reads, exit 2 with a message, never a traceback (briefing/extract.py)."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from briefing.extract import MAX_CARRIED, MAX_CARRIED_BYTES

BRIEF = yaml.safe_dump({
    "piece": {"headline": "A headline", "outlet": "The Gazette", "genre": "news",
              "source_text": "piece.txt"},
    "meta": {"title": "A brief", "analyst": "An analyst", "prepared": "2024-01-02"},
    "bluf": "The bottom line.",
    "key_judgments": [{"text": "It holds.", "confidence": "high"}],
}).encode()


def carrying(path: Path, files: list[tuple[str, bytes | StreamObject]]) -> Path:
    """Write a one-page PDF carrying `files` (name, bytes or a ready stream) to `path`."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    names = ArrayObject()
    for name, data in files:
        if isinstance(data, bytes):
            stream: StreamObject = DecodedStreamObject()
            stream.set_data(data)
        else:
            stream = data
        stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
        spec = DictionaryObject({
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject(name),
            NameObject("/UF"): TextStringObject(name),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(stream)}),
        })
        names += [TextStringObject(name), writer._add_object(spec)]
    tree = DictionaryObject({NameObject("/Names"): names})
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/EmbeddedFiles"): writer._add_object(tree)})
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def flate_bomb(size: int) -> StreamObject:
    """A stream of a few kilobytes that inflates to `size` bytes."""
    stream = StreamObject()
    stream._data = zlib.compress(b"\0" * size, 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream[NameObject("/Length")] = NumberObject(len(stream._data))
    return stream


def everything_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, Path]:
    """An --out folder inside a folder that must stay as it is."""
    out = tmp_path / "work" / "out"
    out.mkdir(parents=True)
    return tmp_path, out


def _refused(result: Result) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "\n  hint: " in result.output


@pytest.mark.parametrize("name", [
    "../brief.yaml", "../../etc/brief.yaml", "/tmp/brief.yaml", "sub/../../brief.yaml",
    "C:\\brief.yaml", "..\\brief.yaml", "file:brief.yaml", "./brief.yaml", "a//brief.yaml",
])
def test_a_brief_named_outside_the_folder_writes_nothing(
    name: str, sandbox: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    root, out = sandbox
    pdf = carrying(root / "hostile.pdf", [(name, BRIEF)])
    before = everything_in(root)
    result = run_cli("extract", pdf, "--out", out)
    _refused(result)
    assert "nothing was written" in result.stderr
    assert everything_in(root) == before


@pytest.mark.parametrize("text_name", ["../piece.txt", "/tmp/piece.txt", "a/../../piece.txt"])
def test_a_text_named_outside_the_folder_writes_nothing(
    text_name: str, sandbox: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    root, out = sandbox
    brief = BRIEF.replace(b"source_text: piece.txt", f"source_text: {text_name}".encode())
    pdf = carrying(root / "hostile.pdf", [("brief.yaml", brief), (text_name, b"words")])
    before = everything_in(root)
    _refused(run_cli("extract", pdf, "--out", out))
    assert everything_in(root) == before  # not even the brief


def test_a_folder_that_links_elsewhere_is_not_followed(
    sandbox: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    root, out = sandbox
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (out / "sources").symlink_to(elsewhere)
    brief = BRIEF.replace(b"source_text: piece.txt", b"source_text: sources/piece.txt")
    pdf = carrying(root / "hostile.pdf", [("brief.yaml", brief), ("sources/piece.txt", b"x")])
    result = run_cli("extract", pdf, "--out", out)
    _refused(result)
    assert "(a link)" in result.stderr
    assert list(elsewhere.iterdir()) == [] and not (out / "brief.yaml").exists()


def test_a_file_over_the_limit_is_refused_while_it_is_unpacked(
    sandbox: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    root, out = sandbox
    bomb = flate_bomb(MAX_CARRIED_BYTES + 1)
    pdf = carrying(root / "bomb.pdf", [("brief.yaml", bomb)])
    assert pdf.stat().st_size < 100_000
    for args in (("extract", pdf, "--out", out), ("check", pdf)):
        result = run_cli(*args)
        _refused(result)
        assert "over 8 MiB unpacked" in result.output
    assert everything_in(out) == []


def test_too_many_files_are_refused(
    sandbox: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    root, out = sandbox
    pdf = carrying(root / "many.pdf", [(f"f{i}.txt", b"x") for i in range(MAX_CARRIED + 1)])
    result = run_cli("extract", pdf, "--out", out)
    _refused(result)
    assert f"more than {MAX_CARRIED} files" in result.stderr


def test_a_file_named_but_not_held_is_a_link_never_followed(
    sandbox: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    root, out = sandbox
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    spec = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Filespec"),
        NameObject("/F"): TextStringObject("https://example.org/brief.yaml"),
    }))
    writer._root_object[NameObject("/Names")] = DictionaryObject({
        NameObject("/EmbeddedFiles"): writer._add_object(DictionaryObject({
            NameObject("/Names"): ArrayObject([TextStringObject("brief.yaml"), spec])}))})
    with (root / "link.pdf").open("wb") as handle:
        writer.write(handle)
    result = run_cli("extract", root / "link.pdf", "--out", out)
    _refused(result)
    assert "never followed" in result.stderr


@pytest.mark.parametrize(("content", "said"), [
    (b"%PDF-1.7\n garbage that is no PDF at all", "this PDF is damaged"),
    (b"not a PDF", "this is not a PDF"),
])
def test_what_is_not_a_readable_pdf_is_said_so(
    content: bytes, said: str, sandbox: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    root, out = sandbox
    (root / "bad.pdf").write_bytes(content)
    for args in (("extract", root / "bad.pdf", "--out", out), ("check", root / "bad.pdf")):
        result = run_cli(*args)
        _refused(result)
        assert said in result.output


def test_a_pdf_carrying_a_fine_brief_extracts(
    sandbox: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    root, out = sandbox
    pdf = carrying(root / "fine.pdf", [("brief.yaml", BRIEF), ("piece.txt", b"It holds.")])
    result = run_cli("extract", pdf, "--out", out)
    assert result.exit_code == 0, result.output
    assert everything_in(out) == ["brief.yaml", "piece.txt"]
    assert (out / "brief.yaml").read_bytes() == BRIEF


def test_the_limits_are_the_ones_documented(repo: Path) -> None:
    from briefing import extract

    record = (repo / "docs" / "record.md").read_text(encoding="utf-8")
    mib = 1024 * 1024
    for said in (f"| the PDF file | {extract.MAX_PDF_BYTES // mib} MiB |",
                 f"stops here) | {extract.MAX_CARRIED_BYTES // mib} MiB |",
                 f"| files carried | {extract.MAX_CARRIED} |",
                 f"| a carried file's name | {extract.MAX_NAME} characters"):
        assert said in record, said
