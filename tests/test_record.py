"""The PDF as a record: what it carries, the standards it claims, and getting the brief back.

No validator of record (veraPDF) runs here: these tests check with pypdf the structure
each claim rests on (docs/record.md lists what is checked and what is not).
"""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pypdf import PdfReader

from briefing import Builder

STEM = "fpif-russia-assad"
TEXT = "sources/fpif-russia-assad.txt"
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def xmp(path: Path) -> str:
    """The PDF's XMP metadata packet, as text."""
    metadata = PdfReader(path).trailer["/Root"]["/Metadata"].get_object()
    return str(metadata.get_data().decode())


def associated(path: Path) -> dict[str, dict[str, Any]]:
    """The catalog's associated files (/AF), by name: relationship, bytes, dates."""
    reader = PdfReader(path)
    found: dict[str, dict[str, Any]] = {}
    for ref in reader.trailer["/Root"].get("/AF", []):
        spec = ref.get_object()
        stream = spec["/EF"]["/F"].get_object()
        assert str(spec["/UF"]) not in found, "each file is listed once"
        found[str(spec["/UF"])] = {
            "relationship": str(spec["/AFRelationship"]),
            "data": stream.get_data(),
            "dates": (str(stream["/Params"]["/CreationDate"]),
                      str(stream["/Params"]["/ModDate"])),
        }
    return found


def elements(reader: PdfReader) -> Iterator[Any]:
    """The elements of the PDF's structure tree, in reading order (depth first)."""
    def walk(node: Any) -> Iterator[Any]:
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            element = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(element, dict) and "/S" in element:
                yield element
                yield from walk(element)

    yield from walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object())


def structure(path: Path) -> list[tuple[str, str]]:
    """The PDF's structure tree in reading order: (tag, alternative text) of each element."""
    return [(str(e["/S"]), str(e.get("/Alt", ""))) for e in elements(PdfReader(path))]


@pytest.fixture(scope="module")
def example_pdf(example_build: Path) -> Path:
    return example_build / f"{STEM}.pdf"


@pytest.fixture(scope="module")
def accessible(tmp_path_factory: pytest.TempPathFactory,
               write_brief: Callable[..., Path]) -> dict[str, Path]:
    """A brief with a logo, a QR code and both tables, as pdf/ua-1, in every theme."""
    folder = tmp_path_factory.mktemp("accessible")
    (folder / "logo.png").write_bytes(PIXEL)
    built = {}
    for theme in ("memo", "sheet", "contrast"):
        brief = write_brief(
            folder, f"ua-{theme}",
            piece={"url": "https://example.org/piece"},
            motives=[{"actor": "The ministry", "motive": "To be seen acting.",
                      "basis": "inferred", "confidence": "moderate"}],
            sourcing=[{"id": "minister", "who": "The minister", "kind": "official",
                       "named": True, "hand": "first", "reliability": "B", "credibility": 2,
                       "supports": "The plan's cost."}],
            critique={"strengths": [{"point": "It names its sources."}]},
            design={"theme": theme, "pdf": "pdf/ua-1", "logo": "logo.png",
                    "logo_alt": "The Unit", "show": {"qr": True}},
        )
        Builder(out=folder / "out", formats=("pdf",)).build(brief)
        built[theme] = folder / "out" / f"ua-{theme}.pdf"
    return built


# --- 1. what the PDF carries ---------------------------------------------------------------


def test_the_pdf_carries_its_yaml_and_text_byte_for_byte(
    example_pdf: Path, example_yaml: Path
) -> None:
    files = associated(example_pdf)
    assert sorted(files) == [f"{STEM}.yaml", TEXT]
    assert files[f"{STEM}.yaml"]["data"] == example_yaml.read_bytes()
    assert b"# yaml-language-server" in files[f"{STEM}.yaml"]["data"]  # its comments too
    assert files[TEXT]["data"] == (example_yaml.parent / TEXT).read_bytes()
    for carried in files.values():
        assert carried["relationship"] == "/Source"
        # The day the brief was prepared (meta.prepared), never the clock.
        assert carried["dates"] == ("D:20261125000000Z", "D:20261125000000Z")


@pytest.mark.parametrize(("attach", "names"), [
    ("brief", ["brief.yaml"]), ("text", ["piece.txt"]), ("none", []),
    ("both", ["brief.yaml", "piece.txt"]),
])
def test_design_attach_chooses_what_travels(
    attach: str, names: list[str], tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    (tmp_path / "piece.txt").write_text("The piece's own words.\n", encoding="utf-8")
    brief = write_brief(tmp_path, piece={"source_text": "piece.txt"},
                        design={"attach": attach, "pdf": "plain"})
    Builder(out=tmp_path / "out", formats=("pdf",)).build(brief)
    files = associated(tmp_path / "out" / "brief.pdf")
    assert sorted(files) == names
    assert {f["relationship"] for f in files.values()} <= {"/Source"}


# --- 3. the standards claimed ------------------------------------------------------------


def test_the_pdf_claims_pdf_a_3b_by_default(example_pdf: Path, pdf: Any) -> None:
    meta = xmp(example_pdf)
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="B"' in meta
    assert "pdfuaid" not in meta
    reader = PdfReader(example_pdf)
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object()["/N"] == 3  # an RGB profile (sRGB)
    assert "/ID" in reader.trailer
    assert all(embedded for _name, embedded in pdf.fonts(example_pdf))


def test_pdf_ua_1_claims_both_and_has_what_it_needs(accessible: dict[str, Path]) -> None:
    path = accessible["memo"]
    meta = xmp(path)
    assert 'pdfuaid:part="1"' in meta and 'pdfaid:part="3"' in meta
    # PDF/A admits pdfuaid only described by an extension schema.
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in meta
    assert "<pdfaProperty:name>part</pdfaProperty:name>" in meta
    assert "<dc:title>" in meta
    root = PdfReader(path).trailer["/Root"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert root["/MarkInfo"]["/Marked"].value is True
    assert str(root["/Lang"]) == "en"


@pytest.mark.parametrize("theme", ["memo", "sheet", "contrast"])
def test_the_structure_a_screen_reader_follows(theme: str, accessible: dict[str, Path]
                                               ) -> None:
    tags = structure(accessible[theme])
    headings = [tag for tag, _alt in tags if tag in ("/H1", "/H2", "/H3")]
    assert headings[0] == "/H1" and headings.count("/H1") == 1
    assert headings.index("/H2") < headings.index("/H3") if "/H3" in headings else True
    tables = [tag for tag, _alt in tags if tag == "/Table"]
    # memo and sheet set motives and sources as tables, with header cells; contrast as lists.
    assert len(tables) == (0 if theme == "contrast" else 2)
    assert [tag for tag, _alt in tags].count("/TH") >= (0 if theme == "contrast" else 2 * 2)
    figures = [alt for tag, alt in tags if tag == "/Figure"]
    assert figures == ["The Unit", "QR code of the piece's address: https://example.org/piece"]


def headings(path: Path) -> list[tuple[str, str]]:
    """Each heading of the structure tree, in its order, with the text it tags: the
    text of its marked content (MCID) on the page, as a screen reader reads it."""
    reader = PdfReader(path)
    texts: dict[int, str] = defaultdict(str)
    open_marks: list[int | None] = []

    def before(operator: bytes, args: list[Any], _cm: Any, _tm: Any) -> None:
        if operator == b"BDC":
            props = args[1] if len(args) > 1 else None
            open_marks.append(props.get("/MCID") if hasattr(props, "get") else None)
        elif operator == b"BMC":
            open_marks.append(None)
        elif operator == b"EMC" and open_marks:
            open_marks.pop()

    def text(words: str, *_state: Any) -> None:
        mcid = next((m for m in reversed(open_marks) if m is not None), None)
        if mcid is not None:
            texts[int(mcid)] += words

    reader.pages[0].extract_text(visitor_operand_before=before, visitor_text=text)

    def marks(node: Any) -> list[int]:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, int):
            return [node]
        if isinstance(node, dict):
            if "/MCID" in node:
                return [int(node["/MCID"])]
            kids = node.get("/K", [])
            return [m for kid in (kids if isinstance(kids, list) else [kids]) for m in marks(kid)]
        return []

    return [(str(e["/S"]), " ".join("".join(texts[m] for m in marks(e)).split()))
            for e in elements(reader) if str(e["/S"]) in ("/H1", "/H2", "/H3")]


@pytest.fixture(scope="module")
def example_in_themes(example_yaml: Path, tmp_path_factory: pytest.TempPathFactory
                      ) -> dict[str, Path]:
    """The example, every section filled, in each theme."""
    out = tmp_path_factory.mktemp("themes")
    return {theme: Builder(out=out / theme, formats=("pdf",), theme=theme
                           ).build(example_yaml).outputs[0]
            for theme in ("memo", "sheet", "contrast")}


def test_the_two_column_themes_read_in_the_order_of_the_one_column_page(
    example_in_themes: dict[str, Path]
) -> None:
    memo = headings(example_in_themes["memo"])
    assert memo[:3] == [("/H1", "FPIF op-ed: why Russia backs Assad, and why it will regret it"),
                        ("/H2", "BOTTOM LINE"), ("/H2", "KEY JUDGMENTS")]
    assert memo[-1] == ("/H2", "OPEN QUESTIONS AND INDICATORS")
    assert len(memo) == 12  # title, six sections, the critique's five parts
    # Down the left column and on into the right: the same order as the memo's (each
    # theme sets its headings' case its own way).
    for theme in ("sheet", "contrast"):
        read = headings(example_in_themes[theme])
        assert [(tag, words.casefold()) for tag, words in read] == [
            (tag, words.casefold()) for tag, words in memo], theme


def test_plain_claims_nothing_and_still_carries_its_files(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    brief = write_brief(tmp_path, design={"pdf": "plain"})
    Builder(out=tmp_path / "out", formats=("pdf",)).build(brief)
    path = tmp_path / "out" / "brief.pdf"
    root = PdfReader(path).trailer["/Root"]
    assert "/OutputIntents" not in root and "/Metadata" not in root
    assert associated(path)["brief.yaml"]["relationship"] == "/Source"
    assert "/StructTreeRoot" in root  # tagged all the same


def test_each_standard_gives_the_same_bytes_twice(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    for standard in ("pdf/a-3b", "pdf/ua-1", "plain"):
        brief = write_brief(tmp_path, standard.replace("/", "-"), design={"pdf": standard})
        made = [Builder(out=tmp_path / out, formats=("pdf",)).build(brief) for out in "ab"]
        assert made[0].outputs[0].read_bytes() == made[1].outputs[0].read_bytes()


# --- 2. extract and check PDF --------------------------------------------------------------


def test_extract_then_build_gives_the_very_same_pdf(
    example_pdf: Path, tmp_path: Path, run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = run_cli("extract", example_pdf, "--out", tmp_path / "back")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path / "back").as_posix()
                  for p in (tmp_path / "back").rglob("*") if p.is_file()) == [
        f"{STEM}.yaml", TEXT]
    monkeypatch.chdir(tmp_path)  # no ./templates: the build is the example's own
    built = run_cli("build", f"back/{STEM}.yaml", "--out", "again", "--format", "pdf")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "again" / f"{STEM}.pdf").read_bytes() == example_pdf.read_bytes()


def test_extract_never_overwrites_without_force(
    example_pdf: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / f"{STEM}.yaml").write_text("# mine\n", encoding="utf-8")
    refused = run_cli("extract", example_pdf, "--out", tmp_path)
    assert refused.exit_code == 2
    assert "already there" in refused.stderr and "--force" in refused.stderr
    assert (tmp_path / f"{STEM}.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (tmp_path / "sources").exists()  # nothing written, not even the text
    forced = run_cli("extract", example_pdf, "--out", tmp_path, "--force")
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / f"{STEM}.yaml").read_bytes().startswith(b"# yaml-language-server")


def test_a_pdf_without_a_brief_says_so(
    tmp_path: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    brief = write_brief(tmp_path, design={"attach": "none"})
    Builder(out=tmp_path / "out", formats=("pdf",)).build(brief)
    for command in ("extract", "check"):
        result = run_cli(command, tmp_path / "out" / "brief.pdf", "--out", tmp_path / "x"
                         ) if command == "extract" else run_cli(command, tmp_path / "out"
                                                                / "brief.pdf")
        assert result.exit_code == 2, result.output
        assert "this PDF carries no brief" in result.output
        assert "design.attach: none" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists()


def test_check_pdf_checks_the_brief_inside(
    example_pdf: Path, run_cli: Callable[..., Result]
) -> None:
    clean = run_cli("check", example_pdf)
    assert clean.exit_code == 0, clean.output
    assert "0 errors" in clean.stderr


def test_check_pdf_reads_the_text_the_pdf_carries(
    tmp_path: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "piece.txt").write_text("The mayor said nothing of note.\n", encoding="utf-8")
    brief = write_brief(tmp_path, piece={"source_text": "piece.txt"},
                        quotes=[{"id": "q1", "exact": "nothing of note", "context": "The mayor"}])
    Builder(out=tmp_path / "out", formats=("pdf",)).build(brief)
    built = tmp_path / "out" / "brief.pdf"
    assert run_cli("check", built).exit_code == 0
    # The text is changed in the PDF's folder, not in the PDF: check reads the PDF's own.
    (tmp_path / "piece.txt").write_text("Something else.\n", encoding="utf-8")
    assert run_cli("check", built).exit_code == 0
    assert run_cli("check", brief).exit_code != 0


def test_check_pdf_says_when_the_text_did_not_travel(
    tmp_path: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "piece.txt").write_text("The mayor said nothing of note.\n", encoding="utf-8")
    brief = write_brief(tmp_path, piece={"source_text": "piece.txt"},
                        design={"attach": "brief"})
    Builder(out=tmp_path / "out", formats=("pdf",)).build(brief)
    result = run_cli("check", tmp_path / "out" / "brief.pdf")
    assert result.exit_code == 0, result.output
    assert "does not carry the piece's text (piece.txt)" in result.stdout
    assert f"{tmp_path / 'out' / 'brief.pdf'}[brief.yaml]" in result.stdout
    extracted = run_cli("extract", tmp_path / "out" / "brief.pdf", "--out", tmp_path / "x")
    assert extracted.exit_code == 0
    assert "does not carry the piece's text (piece.txt)" in extracted.stderr
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["brief.yaml"]
