"""`briefing pack`: several briefs in one PDF behind a cover, each still its own one page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing import Builder

STEM = "fpif-russia-assad"


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory, example_yaml: Path,
           write_brief: Callable[..., Path]) -> list[Path]:
    """The example and two small briefs, in other themes and papers, with a source each."""
    folder = tmp_path_factory.mktemp("pack-briefs")  # not the example's: others read it
    source = {"id": "reuters", "who": "Reuters", "kind": "news report", "named": True,
              "hand": "second", "reliability": "B", "credibility": 2,
              "supports": "The figures."}
    return [
        example_yaml,
        write_brief(folder, "sheet-letter", meta={"title": "The sheet brief"},
                    key_judgments=[{"text": "It holds.", "confidence": "high",
                                    "sources": ["reuters"]}],
                    sourcing=[source], design={"theme": "sheet", "paper": "letter"}),
        write_brief(folder, "contrast", meta={"title": "The contrast brief",
                                              "analyst": "Second Analyst"},
                    design={"theme": "contrast", "pdf": "plain"}),
    ]


@pytest.fixture(scope="module")
def packed(briefs: list[Path], tmp_path_factory: pytest.TempPathFactory,
           run_cli: Callable[..., Result]) -> Path:
    out = tmp_path_factory.mktemp("pack") / "morning.pdf"
    result = run_cli("pack", *briefs, "--out", out, "--title", "The morning's briefs",
                     "--html")
    assert result.exit_code == 0, result.output
    assert "3 briefs" in result.stdout
    return out


def test_a_cover_then_each_brief_on_its_own_page(
    packed: Path, briefs: list[Path], tmp_path: Path, pdf: Any
) -> None:
    reader = PdfReader(packed)
    assert len(reader.pages) == 1 + len(briefs)
    cover = reader.pages[0].extract_text()
    assert "The morning's briefs" in cover and "Contents" in cover
    for title in ("FPIF op-ed: why Russia backs Assad", "The sheet brief", "The contrast brief"):
        assert title in cover
    assert "Russia Will Regret Its Support for the Assad Regime" in cover  # the piece
    assert "reads Russia's motives soundly" in cover  # the bottom line
    # Each brief's page is the page `build` makes of it: its paper, its text.
    for page, brief in zip(reader.pages[1:], briefs, strict=True):
        alone = Builder(out=tmp_path, formats=("pdf",)).build(brief).outputs[0]
        (own,) = PdfReader(alone).pages
        assert page.mediabox == own.mediabox
        assert " ".join(page.extract_text().split()) == " ".join(own.extract_text().split())


def test_one_bookmark_per_brief_and_page_labels(packed: Path) -> None:
    reader = PdfReader(packed)
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert outline == [("The morning's briefs", 0),
                       ("FPIF op-ed: why Russia backs Assad, and why it will regret it", 1),
                       ("The sheet brief", 2), ("The contrast brief", 3)]
    assert reader.page_labels == ["i", "1", "2", "3"]


def test_the_contents_link_to_each_briefs_page(packed: Path) -> None:
    reader = PdfReader(packed)
    named = reader.named_destinations
    targets = [reader.get_destination_page_number(named[str(a.get_object()["/Dest"])])
               for a in reader.pages[0]["/Annots"]]
    assert targets == [1, 2, 3]


def test_a_briefs_reference_marks_lead_to_its_own_sources(packed: Path) -> None:
    reader = PdfReader(packed)
    named = reader.named_destinations
    for number, page in enumerate(reader.pages[1:], start=1):
        for annotation in page.get("/Annots", []):
            dest = annotation.get_object().get("/Dest")
            if dest is not None:
                assert reader.get_destination_page_number(named[str(dest)]) == number


def test_the_pack_has_its_own_metadata_and_claims_what_all_its_briefs_do(
    packed: Path
) -> None:
    reader = PdfReader(packed)
    assert reader.metadata.title == "The morning's briefs"
    assert reader.metadata.author == "Analyst (example), Test Analyst, Second Analyst"
    assert reader.metadata["/CreationDate"] == "D:20261125"  # the latest brief's date
    # One brief is plain: the pack claims no standard it cannot claim for every page.
    assert "/OutputIntents" not in reader.trailer["/Root"]
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "/AF" not in reader.trailer["/Root"]  # briefs are extracted from their own PDFs


def test_the_html_index_links_to_each_briefs_html(packed: Path, briefs: list[Path]) -> None:
    index = packed.with_suffix(".html").read_text(encoding="utf-8")
    assert "<h1>The morning&#39;s briefs</h1>" in index
    for brief in briefs:
        assert f'href="{brief.stem}.html"' in index
        assert (packed.parent / f"{brief.stem}.html").read_text(encoding="utf-8").startswith(
            "<!DOCTYPE html>")


def test_the_pack_is_reproducible(
    packed: Path, briefs: list[Path], tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    again = tmp_path / "again.pdf"
    assert run_cli("pack", *briefs, "--out", again, "--title", "The morning's briefs"
                   ).exit_code == 0
    assert again.read_bytes() == packed.read_bytes()


def test_one_bad_brief_stops_the_pack_with_its_file_and_line(
    briefs: list[Path], tmp_path: Path, run_cli: Callable[..., Result],
    write_brief: Callable[..., Path],
) -> None:
    bad = write_brief(tmp_path, "bad", key_judgments=[{"text": "No confidence given."}])
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"the last pack")
    result = run_cli("pack", briefs[1], bad, "--out", out)
    assert result.exit_code == 2, result.output
    assert f"{bad}:" in result.stderr and "JU001" in result.stderr
    assert out.read_bytes() == b"the last pack"  # left whole


def test_the_out_file_must_be_a_pdf(briefs: list[Path], tmp_path: Path,
                                    run_cli: Callable[..., Result]) -> None:
    result = run_cli("pack", briefs[1], "--out", tmp_path / "pack.html")
    assert result.exit_code == 2
    assert "is not a .pdf file" in result.stderr
