"""The Word brief (`--format docx`), read back with python-docx as Word would show it.

Its structure (headings, lists, tables with header rows, character styles, the
hyperlink), its properties, the banner and QR code, its paper and scale, its
reproducible bytes, the reference document found and checked like a template, and what
a user sees when something is wrong. LibreOffice's layout of it: tests/test_word_pages.py.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import Result
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor

from briefing import Builder
from briefing.word import word_look

SECTIONS = ["Bottom line", "Key judgments", "What drives the actors and the author",
            "Who and what the piece relies on", "What holds up, and what does not",
            "Open questions and indicators"]
URL = "https://news.example.org/2026/11/harbour-deal"


@pytest.fixture(scope="module")
def example(example_yaml: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[dict[str, Any], Document, Path]:
    """The example brief's data, its Word brief (opened) and the output folder."""
    out = tmp_path_factory.mktemp("word")
    Builder(out=out, formats=("pdf", "docx"), force=True).build(example_yaml)
    data = yaml.safe_load(example_yaml.read_text(encoding="utf-8"))
    return data, docx.Document(str(out / f"{example_yaml.stem}.docx")), out


def styled(document: Document, style: str) -> list[str]:
    """The text of each paragraph of the body in paragraph style `style`."""
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def runs_in(document: Document, style: str) -> list[str]:
    """The text of every run, anywhere in the body and its tables, in character style `style`."""
    ids = {s.style_id: s.name for s in document.styles}
    found = []
    for run in document.element.body.iter(qn("w:r")):
        named = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if named is not None and ids.get(named.get(qn("w:val"))) == style:
            found.append("".join(t.text or "" for t in run.iter(qn("w:t"))))
    return found


def test_title_and_sections_are_word_headings(example: tuple[dict[str, Any], Document, Path]
                                               ) -> None:
    data, document, _out = example
    assert styled(document, "Heading 1") == [data["meta"]["title"]]
    assert styled(document, "Heading 2") == SECTIONS
    assert styled(document, "Heading 3") == ["Strengths", "Factual errors", "Unsupported claims",
                                             "Missing perspectives", "Rhetoric"]


def test_every_section_prints_its_text(example: tuple[dict[str, Any], Document, Path]) -> None:
    data, document, _out = example
    assert styled(document, "Brief Bottom Line") == [" ".join(data["bluf"].split())]
    judgments = styled(document, "List Number")
    assert len(judgments) == len(data["key_judgments"])
    for item, kj in zip(judgments, data["key_judgments"], strict=True):
        assert item.startswith(" ".join(kj["text"].split()))
        assert item.endswith(f"{kj['confidence']} confidence")
    bullets = "\n".join(styled(document, "List Bullet"))
    for watch in data["watch"]:
        assert " ".join(watch["text"].split()) in bullets
    critique = data["critique"]
    for error in critique["factual_errors"]:
        assert f"“{error['claim']['exact']}” In fact: {error['correction']}" in bullets
    legend = styled(document, "Brief Legend")
    assert legend and legend[0].startswith("Prepared by Analyst (example), 25 November 2026.")


def test_motives_and_sources_are_tables_with_repeated_header_rows(
    example: tuple[dict[str, Any], Document, Path]
) -> None:
    data, document, _out = example
    motives, sources = document.tables
    for table, header, rows in ((motives, ["Actor", "Motive", "Evidence in the piece", "Basis"],
                                 data["motives"]),
                                (sources, ["Source", "Supports", "Kind", "Grade"],
                                 data["sourcing"])):
        assert table.style is not None and table.style.name == "Brief Table"
        assert [c.text for c in table.rows[0].cells] == header
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert [r._tr.trPr.find(qn("w:tblHeader")) for r in table.rows[1:]] == [None] * len(rows)
        assert len(table.rows) == len(rows) + 1
    assert [r.cells[0].text for r in motives.rows[1:]] == [m["actor"] for m in data["motives"]]
    assert [r.cells[3].text for r in sources.rows[1:]] == [
        f"{s['reliability']}{s['credibility']}" for s in data["sourcing"]]
    assert sources.rows[1].cells[0].text == f"[1] {data['sourcing'][0]['who']}"


def test_quotes_confidence_and_likelihood_are_character_styles(
    example: tuple[dict[str, Any], Document, Path]
) -> None:
    data, document, _out = example
    quotes = runs_in(document, "Brief Quote")
    for motive in data["motives"]:
        for quote in motive["evidence"]:
            assert f"“{quote['exact']}”" in quotes
    confidence = runs_in(document, "Brief Confidence")
    assert confidence[:3] == [f"{kj['confidence']} confidence" for kj in data["key_judgments"]]
    assert runs_in(document, "Brief Likelihood") == [
        kj["likelihood"] for kj in data["key_judgments"] if "likelihood" in kj]


def test_the_pieces_address_is_a_hyperlink(example: tuple[dict[str, Any], Document, Path]
                                           ) -> None:
    data, document, _out = example
    links = list(document.element.body.iter(qn("w:hyperlink")))
    assert len(links) == 1
    rel = document.part.rels[links[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == data["piece"]["url"]
    assert "".join(t.text for t in links[0].iter(qn("w:t"))) == data["piece"]["url"]


def test_document_properties_come_from_the_brief(example: tuple[dict[str, Any], Document, Path]
                                                 ) -> None:
    data, document, _out = example
    props = document.core_properties
    assert props.title == data["meta"]["title"]
    assert props.author == data["meta"]["analyst"]
    assert props.subject == " ".join(data["bluf"].split())
    assert props.keywords.startswith(data["piece"]["outlet"].replace(",", " "))
    assert "Russia" in props.keywords.split(", ")
    assert props.language == "en"
    midnight = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    assert props.created == props.modified == midnight


def test_two_builds_give_the_same_bytes(example_yaml: Path, tmp_path: Path) -> None:
    made = []
    for name in ("one", "two"):
        Builder(out=tmp_path / name, formats=("docx",), force=True).build(example_yaml)
        made.append((tmp_path / name / f"{example_yaml.stem}.docx").read_bytes())
    assert made[0] == made[1]
    with zipfile.ZipFile(io.BytesIO(made[0])) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
        assert {e.date_time for e in archive.infolist()} == {(2026, 11, 25, 0, 0, 0)}


def brief_with(tmp: Path, write_brief: Callable[..., Path], **design: Any) -> Path:
    return write_brief(tmp, piece={"headline": "Harbour deal", "outlet": "The Gazette",
                                   "genre": "news", "url": URL}, design=design)


def built(path: Path, builder: Builder | None = None) -> Document:
    builder = builder or Builder(out=path.parent / "out", formats=("docx",), force=True)
    builder.build(path)
    return docx.Document(str(builder.out / f"{path.stem}.docx"))


def test_banner_is_in_the_page_header_and_footer_and_draft_on_top(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    path = brief_with(tmp_path, write_brief, banner="UNCLASSIFIED // FOR TRAINING")
    document = built(path, Builder(out=tmp_path / "out", formats=("docx",), draft=True))
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs if p.text] == [
        "DRAFT // UNCLASSIFIED // FOR TRAINING"]
    assert [p.text for p in section.footer.paragraphs if p.text] == [
        "UNCLASSIFIED // FOR TRAINING"]
    assert document.core_properties.title == "DRAFT: A test brief"
    assert document.core_properties.keywords.startswith("DRAFT, ")


def test_qr_code_is_an_image_with_alt_text_only_when_shown(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    shown = built(brief_with(tmp_path / "a", write_brief, show={"qr": True}))
    pictures = shown.inline_shapes
    assert len(pictures) == 1
    described = pictures[0]._inline.docPr
    assert described.get("descr") == f"QR code of the piece's address, {URL}"
    assert built(brief_with(tmp_path / "b", write_brief)).inline_shapes.__len__() == 0


def test_a_png_logo_is_beside_the_title_with_its_alt_text(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (120, 60), "#1d3f66").save(image, format="PNG")
    (tmp_path / "unit.png").write_bytes(image.getvalue())
    document = built(brief_with(tmp_path, write_brief, logo="unit.png",
                                logo_alt="Harbour Analysis Unit"))
    title = styled(document, "Heading 1")
    assert title == [" A test brief"]
    (picture,) = document.inline_shapes
    assert picture._inline.docPr.get("descr") == "Harbour Analysis Unit"
    assert picture.height.mm == pytest.approx(8, abs=0.1)


@pytest.mark.parametrize("paper, size", [("a4", (210, 297)), ("letter", (215.9, 279.4))])
def test_page_is_the_briefs_paper_with_the_themes_or_the_briefs_margins(
    tmp_path: Path, write_brief: Callable[..., Path], paper: str, size: tuple[float, float]
) -> None:
    section = built(brief_with(tmp_path / "t", write_brief, paper=paper)).sections[0]
    def mm(*lengths: Any) -> list[float]:
        return [round(length.mm, 1) for length in lengths]

    assert mm(section.page_width, section.page_height) == list(size)
    assert mm(section.top_margin, section.left_margin) == [13, 15]  # the memo's
    own = built(brief_with(tmp_path / "o", write_brief, paper=paper, margins=20)).sections[0]
    assert mm(own.top_margin, own.left_margin, own.bottom_margin) == [20, 20, 20]


def test_sizes_follow_the_pdfs_fitted_scale(tmp_path: Path, write_brief: Callable[..., Path]
                                            ) -> None:
    long = [{"text": f"Judgment {i}: the analyst judges that the dispute will shape the "
             "conduct of the regional powers over the coming months, as each reads it as a "
             "test of resolve and of the balance of forces in the region.",
             "confidence": "moderate"} for i in range(16)]
    path = write_brief(tmp_path, key_judgments=long)
    builder = Builder(out=tmp_path / "out", formats=("pdf", "docx"), force=True)
    result = builder.build(path)
    assert result.scale is not None and result.scale < 1
    document = docx.Document(str(tmp_path / "out" / "brief.docx"))
    size = document.styles["Normal"].font.size
    assert size is not None
    assert size.pt == pytest.approx(9.6 * result.scale * word_look("memo").scale, abs=0.25)


# --- the command line -----------------------------------------------------------------------


def test_format_docx_writes_the_word_brief(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    write_brief(in_tmp)
    result = run_cli("build", "brief.yaml", "--out", "out", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == [".briefing", "brief.docx"]
    assert "out/brief.docx" in result.stdout


def test_a_brief_can_ask_for_the_word_brief_in_its_design(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    write_brief(in_tmp, design={"formats": ["docx"]})
    result = run_cli("build", "brief.yaml", "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "out" / "brief.html").is_file() and (in_tmp / "out" / "brief.docx").is_file()
    again = run_cli("build", "brief.yaml", "--out", "out", "--format", "html")
    assert "up to date" in again.stdout


def test_an_invalid_brief_writes_no_word_file(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    write_brief(in_tmp, bluf="")
    result = run_cli("build", "brief.yaml", "--out", "out", "--format", "docx")
    assert result.exit_code == 2
    assert not (in_tmp / "out" / "brief.docx").exists()


def test_unknown_format_lists_docx(in_tmp: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli("build", "x.yaml", "--format", "odt")
    assert result.exit_code == 2
    assert "unknown format odt; choose from html, pdf, png, docx" in result.output


# --- the reference document -------------------------------------------------------------------


def eject(run_cli: Callable[..., Result], theme: str = "memo") -> Path:
    result = run_cli("theme", "eject", theme, "templates")
    assert result.exit_code == 0, result.output
    return Path("templates") / "reference.docx"


def test_eject_copies_the_reference_document(in_tmp: Path, run_cli: Callable[..., Result]
                                             ) -> None:
    copied = eject(run_cli, "sheet")
    assert copied.read_bytes() == (Path(__file__).parent.parent / "briefing" / "themes" /
                                   "sheet" / "reference.docx").read_bytes()


def test_a_restyled_reference_in_templates_styles_the_word_brief(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    reference = eject(run_cli)
    office = docx.Document(str(reference))
    office.styles["Heading 2"].font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    office.styles["Heading 2"].font.name = "Georgia"
    office.save(str(reference))
    write_brief(in_tmp)
    result = run_cli("build", "brief.yaml", "--out", "out", "--format", "docx")
    assert result.exit_code == 0, result.output
    heading = docx.Document(str(in_tmp / "out" / "brief.docx")).styles["Heading 2"]
    assert heading.font.color.rgb == RGBColor(0x8B, 0x00, 0x00)
    assert heading.font.name == "Georgia"


def test_a_reference_that_is_not_a_word_file_is_refused_by_name(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "reference.docx").write_text("not a zip", encoding="utf-8")
    write_brief(in_tmp)
    result = run_cli("build", "brief.yaml", "--out", "out", "--format", "docx")
    assert result.exit_code == 2
    assert "templates/reference.docx: error: this is not a Word file (.docx)" in result.stderr
    assert "briefing theme eject" in result.stderr
    assert not (in_tmp / "out" / "brief.docx").exists()


def test_a_reference_without_a_style_the_brief_needs_is_refused_naming_it(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    reference = eject(run_cli)
    office = docx.Document(str(reference))
    office.styles["Brief Quote"].element.getparent().remove(office.styles["Brief Quote"].element)
    office.save(str(reference))
    write_brief(in_tmp)
    result = run_cli("build", "brief.yaml", "--out", "out", "--format", "html,docx")
    assert result.exit_code == 2
    assert ("templates/reference.docx: error: this reference document lacks 1 style the brief "
            "needs: 'Brief Quote' (character style, for the words quoted from the piece)"
            ) in result.stderr
    assert not (in_tmp / "out" / "brief.html").exists()


def test_the_briefs_design_sets_the_body_font_and_the_accent(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    document = built(brief_with(tmp_path, write_brief, font="sans", accent="#7a1f2b"))
    assert document.styles["Normal"].font.name == "Arial"
    assert document.styles["Heading 2"].font.color.rgb == RGBColor(0x7A, 0x1F, 0x2B)
    language = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert language is not None and language.get(qn("w:val")) == "en"


def test_inline_markdown_of_the_prose_is_bold_italic_and_links(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    path = write_brief(tmp_path, bluf="The deal is **done**, say *both* sides "
                       "([statement](https://gov.example.org/deal)).")
    document = built(path)
    bluf = next(p for p in document.paragraphs if p.style is not None
                and p.style.name == "Brief Bottom Line")
    assert [(r.text, r.bold, r.italic) for r in bluf.runs if r.bold or r.italic] == [
        ("done", True, None), ("both", None, True)]
    targets = [document.part.rels[link.get(qn("r:id"))].target_ref
               for link in document.element.body.iter(qn("w:hyperlink"))]
    assert targets == ["https://gov.example.org/deal"]
    assert bluf.text == "The deal is done, say both sides (statement)."


def test_a_style_of_the_wrong_kind_in_the_reference_is_named(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    reference = eject(run_cli)
    office = docx.Document(str(reference))
    office.styles["Brief Quote"].element.set(qn("w:type"), "paragraph")
    office.save(str(reference))
    write_brief(in_tmp)
    result = run_cli("build", "brief.yaml", "--out", "out", "--format", "docx")
    assert result.exit_code == 2
    assert ("in this reference document, 'Brief Quote' must be a character style (for the "
            "words quoted from the piece)") in result.stderr


def test_without_the_sourcing_table_judgments_name_their_sources(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    source = {"id": "port", "who": "The port authority", "named": True, "kind": "official",
              "hand": "first", "reliability": "B", "credibility": 2,
              "supports": "The tonnage figures."}
    judgment = {"text": "The deal holds.", "confidence": "high", "sources": ["port"]}
    shown = built(write_brief(tmp_path / "a", sourcing=[source], key_judgments=[judgment]))
    assert styled(shown, "List Number") == ["The deal holds. [1] high confidence"]
    assert len(shown.tables) == 1
    hidden = built(write_brief(tmp_path / "b", sourcing=[source], key_judgments=[judgment],
                               design={"show": {"sourcing": False}}))
    assert styled(hidden, "List Number") == [
        "The deal holds. [The port authority] high confidence"]
    assert hidden.tables == []
