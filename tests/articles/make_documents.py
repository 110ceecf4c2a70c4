"""Make the corpus's PDFs, Word and OpenDocument files from their texts in sources/.

Run once by hand (`python tests/articles/make_documents.py`); the files it makes are
committed, so the tests never need Chromium or LibreOffice. Each source is a text
with YAML front matter saying what to make and what the document shows around the
article (outlet, byline, date, running header); the body is paragraphs between
blank lines, "## " subheadings, "| a | b |" table rows, `*emphasis*`, `[links](url)`
and footnotes (`[^1]` in the text, `[^1]: ...` at the end).

Makers, by the source's `make`:

- `browser-pdf`: an HTML page of a news site, printed by headless Chromium with its
  own header (date, title) and footer (address, page numbers);
- `word-pdf`: a Word file (python-docx: justified, hyphenated through soft hyphens
  as a word processor's hyphenation would, a running header, page numbers in the
  footer) converted to PDF by LibreOffice;
- `lo-docx`, `odt`: a flat OpenDocument text converted by LibreOffice to .docx or
  .odt (Title and Subtitle styles, metadata, tables, real footnotes);
- `docx`: a Word file written by python-docx, with python-docx's own core properties;
- `md`: Markdown with front matter.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking"]
SOFFICE = ["soffice", "--headless", "--norestore"]

_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_EMPHASIS = re.compile(r"\*([^*]+)\*")
_NOTE = re.compile(r"\[\^(\d+)\]")


def load(path: Path) -> tuple[dict[str, Any], list[str], dict[str, str]]:
    """The front matter, the body's blocks, and the footnotes of a source."""
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    meta = yaml.safe_load(head)
    blocks, notes = [], {}
    for chunk in re.split(r"\n\s*\n", body.strip()):
        if chunk.startswith("|"):  # a table: one block a row
            blocks += [" ".join(row.split()) for row in chunk.splitlines()]
            continue
        block = " ".join(chunk.split())
        if match := re.match(r"\[\^(\d+)\]:\s*(.*)", block):
            notes[match[1]] = match[2]
        else:
            blocks.append(block)
    return meta, blocks, notes


def plain(text: str) -> str:
    """A block's text as a reader sees it: markup and footnote marks dropped."""
    return _NOTE.sub("", _EMPHASIS.sub(r"\1", _LINK.sub(r"\1", text)))


def paragraphs(path: Path) -> list[str]:
    """The article's body paragraphs, as a reader of the made document sees them."""
    _, blocks, _ = load(path)
    return [plain(block) for block in blocks if not block.startswith(("## ", "|"))]


# --- browser-pdf -------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: "DejaVu Serif", serif; font-size: 12.5pt; line-height: 1.45;
       margin: 0 auto; max-width: 40em; color: #111; }}
header.site {{ font-family: sans-serif; border-bottom: 2px solid #222; padding: .4em 0;
              display: flex; justify-content: space-between; align-items: baseline; }}
header.site .name {{ font-size: 20pt; font-weight: bold; }}
nav a {{ margin-left: 1em; color: #333; text-decoration: none; font-size: 10pt; }}
.kicker {{ text-transform: uppercase; font-family: sans-serif; font-size: 10pt;
          color: #a00; margin-top: 1.5em; }}
h1 {{ font-size: 24pt; line-height: 1.15; margin: .2em 0; }}
.dek {{ font-size: 14pt; color: #444; }}
.byline {{ font-family: sans-serif; font-size: 10pt; margin: 1em 0 1.5em; }}
h2 {{ font-size: 15pt; margin-top: 1.4em; }}
footer.site {{ font-family: sans-serif; font-size: 9pt; border-top: 1px solid #999;
              margin-top: 2em; padding-top: .5em; }}
</style></head>
<body>
<header class="site"><span class="name">{outlet}</span>
<nav><a href="/news">News</a><a href="/business">Business</a><a href="/opinion">Opinion</a></nav>
</header>
<article>
<div class="kicker">{kicker}</div>
<h1>{headline}</h1>
<p class="dek">{dek}</p>
<p class="byline">By {author} | {date}</p>
{body}
</article>
<footer class="site">&copy; 2026 {outlet}. All rights reserved.</footer>
</body></html>
"""


def _inline_html(text: str) -> str:
    text = html.escape(text, quote=False)
    text = _LINK.sub(r'<a href="\2">\1</a>', text)
    return _EMPHASIS.sub(r"<em>\1</em>", text)


def browser_pdf(source: Path, meta: dict[str, Any], blocks: list[str],
                notes: dict[str, str], out: Path) -> None:
    body = "\n".join(f"<h2>{_inline_html(b[3:])}</h2>" if b.startswith("## ")
                     else f"<p>{_inline_html(b)}</p>" for b in blocks)
    page = PAGE.format(title=html.escape(f"{meta['headline']} | {meta['outlet']}"),
                       outlet=html.escape(meta["outlet"]), kicker=html.escape(meta["kicker"]),
                       headline=html.escape(meta["headline"]), dek=html.escape(meta["dek"]),
                       author=html.escape(meta["author"]), date=html.escape(meta["date"]),
                       body=body)
    with tempfile.TemporaryDirectory() as work:
        page_file = Path(work) / f"{source.stem}.html"
        page_file.write_text(page, encoding="utf-8")
        subprocess.run([*CHROMIUM, f"--print-to-pdf={out}", page_file.as_uri()], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


# --- word-pdf and docx ---------------------------------------------------------------------


def _soft_hyphens(text: str) -> str:
    """`text` with soft hyphens where a word processor's hyphenation may break words."""
    import pyphen

    dictionary = pyphen.Pyphen(lang="en_US")
    return re.sub(r"[A-Za-z]{7,}", lambda m: dictionary.inserted(m[0], hyphen="\u00ad"), text)


def _page_field(paragraph: Any) -> None:
    """A PAGE field in `paragraph`, as Word's page-number button inserts."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = paragraph.add_run()._r
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run.append(element)


def _word(meta: dict[str, Any], blocks: list[str], hyphenate: bool) -> Any:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(11)
    soften = _soft_hyphens if hyphenate else (lambda text: text)
    section = document.sections[0]
    if meta.get("running_header"):
        section.header.paragraphs[0].text = meta["running_header"]
    if meta.get("page_numbers"):
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(footer)
    for line in meta.get("letterhead", []):
        document.add_paragraph(line).runs[0].bold = True
    if meta.get("kicker"):
        document.add_paragraph(meta["kicker"])
    document.add_paragraph(meta["headline"], style="Title")
    for line in meta.get("lines", []):
        document.add_paragraph(line)
    for block in blocks:
        if block.startswith("## "):
            document.add_heading(block[3:], level=2)
            continue
        paragraph = document.add_paragraph()
        if meta.get("justify"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for index, piece in enumerate(re.split(r"\*([^*]+)\*", plain_links(block))):
            run = paragraph.add_run(soften(piece))
            run.italic = index % 2 == 1
    for key in ("author", "title"):
        if key in meta.get("core", {}):
            setattr(document.core_properties, key, meta["core"][key])
    return document


def plain_links(text: str) -> str:
    return _NOTE.sub("", _LINK.sub(r"\1", text))


def word_pdf(source: Path, meta: dict[str, Any], blocks: list[str], notes: dict[str, str],
             out: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        word = Path(work) / f"{source.stem}.docx"
        _word(meta, blocks, hyphenate=True).save(word)
        _soffice(word, "pdf", out)


def word_docx(source: Path, meta: dict[str, Any], blocks: list[str], notes: dict[str, str],
              out: Path) -> None:
    _word(meta, blocks, hyphenate=False).save(out)


def _soffice(made: Path, kind: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as outdir:
        subprocess.run([*SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--convert-to", kind, "--outdir", outdir, str(made)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        shutil.move(Path(outdir) / f"{made.stem}.{kind}", out)


# --- lo-docx and odt: flat OpenDocument, converted by LibreOffice ---------------------------

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{title}</dc:title><meta:initial-creator>{creator}</meta:initial-creator>
<dc:creator>{creator}</dc:creator><meta:creation-date>{created}</meta:creation-date></office:meta>
<office:styles>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
 style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.25cm"/>
</style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
<style:text-properties fo:font-size="24pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard">
<style:text-properties fo:font-size="15pt" fo:font-style="italic"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
 style:parent-style-name="Standard"><style:text-properties fo:font-size="14pt"
 fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/>
</style:style>
</office:automatic-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""


def _inline_odf(text: str, notes: dict[str, str]) -> str:
    def note(match: re.Match[str]) -> str:
        number = match[1]
        return (f'<text:note text:id="ftn{number}" text:note-class="footnote">'
                f"<text:note-citation>{number}</text:note-citation><text:note-body>"
                f'<text:p text:style-name="Standard">{escape(notes[number])}</text:p>'
                "</text:note-body></text:note>")
    text = escape(_LINK.sub(r"\1", text))
    text = _EMPHASIS.sub(r'<text:span text:style-name="T1">\1</text:span>', text)
    return _NOTE.sub(note, text)


def _fodt(meta: dict[str, Any], blocks: list[str], notes: dict[str, str]) -> str:
    parts = [f'<text:p text:style-name="Standard">{escape(line)}</text:p>'
             for line in meta.get("letterhead", [])]
    if meta.get("kicker"):
        parts.append(f'<text:p text:style-name="Standard">{escape(meta["kicker"])}</text:p>')
    parts.append(f'<text:p text:style-name="Title">{escape(meta["headline"])}</text:p>')
    if meta.get("dek"):
        parts.append(f'<text:p text:style-name="Subtitle">{escape(meta["dek"])}</text:p>')
    parts += [f'<text:p text:style-name="Standard">{escape(line)}</text:p>'
              for line in meta.get("lines", [])]
    rows: list[list[str]] = []
    for block in [*blocks, ""]:
        if block.startswith("|"):
            rows.append([cell.strip() for cell in block.strip("|").split("|")])
            continue
        if rows:
            cells = "".join("<table:table-row>" + "".join(
                f'<table:table-cell><text:p text:style-name="Standard">{escape(c)}</text:p>'
                "</table:table-cell>" for c in row) + "</table:table-row>" for row in rows)
            columns = f'<table:table-column table:number-columns-repeated="{len(rows[0])}"/>'
            parts.append(f'<table:table table:name="Table1">{columns}{cells}</table:table>')
            rows = []
        if block.startswith("## "):
            parts.append('<text:h text:style-name="Heading_20_2" text:outline-level="2">'
                         f"{escape(block[3:])}</text:h>")
        elif block:
            parts.append(f'<text:p text:style-name="Text_20_body">{_inline_odf(block, notes)}'
                         "</text:p>")
    core = meta.get("core", {})
    return FODT.format(title=escape(core.get("title", "")),
                       creator=escape(core.get("author", "")),
                       created=core.get("created", "2026-01-01T09:00:00"),
                       body="\n".join(parts))


def _converted(kind: str) -> Callable[..., None]:
    def make(source: Path, meta: dict[str, Any], blocks: list[str], notes: dict[str, str],
             out: Path) -> None:
        with tempfile.TemporaryDirectory() as work:
            flat = Path(work) / f"{source.stem}.fodt"
            flat.write_text(_fodt(meta, blocks, notes), encoding="utf-8")
            _soffice(flat, kind, out)
    return make


# --- md ------------------------------------------------------------------------------------


def markdown(source: Path, meta: dict[str, Any], blocks: list[str], notes: dict[str, str],
             out: Path) -> None:
    front = yaml.safe_dump(meta["front_matter"], allow_unicode=True, sort_keys=False)
    lines = [f"---\n{front}---", f"# {meta['headline']}", *meta.get("lines", []), *blocks]
    out.write_text("\n\n".join(lines) + "\n", encoding="utf-8")


MAKERS: dict[str, tuple[str, Callable[..., None]]] = {
    "browser-pdf": ("pdf", browser_pdf),
    "word-pdf": ("pdf", word_pdf),
    "docx": ("docx", word_docx),
    "lo-docx": ("docx", _converted("docx")),
    "odt": ("odt", _converted("odt")),
    "md": ("md", markdown),
}
"""Each `make` of a source: the suffix of what it makes, and its maker."""


def main(names: list[str]) -> None:
    for source in sorted(SOURCES.glob("*.txt")):
        if names and source.stem not in names:
            continue
        meta, blocks, notes = load(source)
        suffix, maker = MAKERS[meta["make"]]
        out = HERE / f"{source.stem}.{suffix}"
        maker(source, meta, blocks, notes, out)
        print(f"made {out.relative_to(HERE)}")


if __name__ == "__main__":
    main(sys.argv[1:])
