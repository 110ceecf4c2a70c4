"""Make each theme's reference document, briefing/themes/<theme>/reference.docx.

Run from the checkout after changing a look: `python tools/make_reference_docx.py`.
Each is python-docx's own default template with its text removed and every style of
`briefing.word.styles` set to the theme's look, its sizes the theme's stylesheet's at
full scale (the Word brief scales them as the PDF's fit does). Fonts are ones every
Word and LibreOffice installation has: Times New Roman and Arial, which LibreOffice
sets in Liberation Serif and Liberation Sans, drawn to the same widths, so that a line
breaks at the same word on either. The files are committed: building a brief needs no
script, and an office edits its copy (`briefing theme eject`) in Word or LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefing.word import styles  # noqa: E402
from briefing.word.ooxml import borders, child, element, put  # noqa: E402
from briefing.word.package import reproducible  # noqa: E402

SERIF, SANS = "Times New Roman", "Arial"
LINE = 1.15
"""Word's single line spacing, as a multiple of the type size (Arial's and Times New
Roman's): a stylesheet's line-height of 1.32 is Word's multiple 1.32 / 1.15."""
DATE = dt.date(2026, 1, 1)
"""The date of the files' zip entries, so that running the script again changes no byte."""


@dataclass(frozen=True)
class Look:
    """A theme's look, from its stylesheet (brief.css) at --scale 1."""

    body: str
    heading: str
    size: float
    line_height: float
    small: float
    tiny: float
    h1: float
    h2: float
    h3: float
    accent: str
    ink: str
    muted: str
    rule: str
    wash: str
    margins: tuple[float, float, float]
    """Top, sides, bottom, in millimetres."""
    bluf: float


LOOKS = {
    "memo": Look(SERIF, SANS, 9.6, 1.32, 8.2, 7.0, 16, 8.6, 8.2, "1D3F66", "1A1A1A",
                 "555555", "B9C2CC", "EEF2F6", (13, 15, 12), 10.4),
    "sheet": Look(SANS, SANS, 9.6, 1.27, 8.3, 6.9, 15, 7.8, 6.9, "0B5061", "111111",
                  "4A4A4A", "9AA5AB", "EEF1F2", (11, 12, 10), 10.0),
    "contrast": Look(SANS, SANS, 10.56, 1.42, 9.9, 8.7, 17, 10.6, 9.9, "000000", "000000",
                     "000000", "000000", "FFFFFF", (11, 12, 10), 11.0),
}


def set_font(style: BaseStyle, name: str) -> None:
    """Set the style's font for every script, over the theme fonts the template names
    (a theme font named on the same element would win over the font's own name)."""
    fonts = element("w:rFonts")
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), name)
    put(style.element.get_or_add_rPr(), fonts)


def spaced(style: BaseStyle, points: float) -> None:
    """Letter-space the style's text by `points`."""
    put(style.element.get_or_add_rPr(), element("w:spacing", val=str(round(points * 20))))


def paragraph_xml(style: BaseStyle, made: Any) -> None:
    """Put `made` (shading, borders) in the style's paragraph properties."""
    put(style.element.get_or_add_pPr(), made)


def style_of(document: docx.document.Document, item: styles.Style) -> BaseStyle:
    """The template's style of that name, added if it has none."""
    kind = {styles.Kind.PARAGRAPH: WD_STYLE_TYPE.PARAGRAPH,
            styles.Kind.CHARACTER: WD_STYLE_TYPE.CHARACTER,
            styles.Kind.TABLE: WD_STYLE_TYPE.TABLE}[item.kind]
    if item.name in [s.name for s in document.styles]:
        return document.styles[item.name]
    made = document.styles.add_style(item.name, kind)
    made.quick_style = True
    return made


def paragraph(document: docx.document.Document, item: styles.Style, look: Look, *,
              font: str | None = None, size: float | None = None, bold: bool = False,
              colour: str | None = None, before: float = 0, after: float = 0,
              line: float | None = None, caps: bool = False, keep: bool = False
              ) -> BaseStyle:
    """Set a paragraph style: font, size, colour, spacing before and after (points)."""
    style = style_of(document, item)
    if item is not styles.BODY:
        style.base_style = document.styles["Normal"]
    set_font(style, font or look.body)
    style.font.size = Pt(size or look.size)
    style.font.bold = bold
    style.font.italic = False
    style.font.all_caps = caps
    style.font.color.rgb = RGBColor.from_string(colour or look.ink)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = (line or look.line_height) / LINE
    fmt.keep_with_next = keep
    return style


def character(document: docx.document.Document, item: styles.Style, *,
              italic: bool = False, bold: bool = False, colour: str | None = None,
              caps: bool = False, size: float | None = None, font: str | None = None
              ) -> BaseStyle:
    style = style_of(document, item)
    style.font.italic = italic or None
    style.font.bold = bold or None
    style.font.all_caps = caps or None
    if colour:
        style.font.color.rgb = RGBColor.from_string(colour)
    if size:
        style.font.size = Pt(size)
    if font:
        set_font(style, font)
    return style


def table_style(document: docx.document.Document, look: Look) -> None:
    """Rules under every row (the header row's text has a paragraph style of its own:
    LibreOffice ignores a table style's formatting of the first row)."""
    style = style_of(document, styles.TABLE)
    style.base_style = document.styles["Normal Table"]
    tblpr = child(style.element, "w:tblPr")
    put(tblpr, borders("w:tblBorders", {
        "top": (0, "auto"), "left": (0, "auto"), "bottom": (0.4, look.rule),
        "right": (0, "auto"), "insideH": (0.4, look.rule), "insideV": (0, "auto")}))
    margins = element("w:tblCellMar")
    for side, twips in (("top", 20), ("left", 0), ("bottom", 20), ("right", 80)):
        margins.append(element(f"w:{side}", w=str(twips), type="dxa"))
    put(tblpr, margins)


def make(theme: str, look: Look) -> bytes:
    """The reference document of `theme`."""
    document = docx.Document()
    # The template's thumbnail is a picture of its own sample page: not this document's.
    rels = document.part.package.rels
    for rid in [r.rId for r in rels.values() if r.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        del rels[rid]
    body = document.element.body
    for item in list(body):
        if item.tag != qn("w:sectPr"):
            body.remove(item)
    section = document.sections[0]
    top, side, bottom = look.margins
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin = section.right_margin = Mm(side)
    section.header_distance = section.footer_distance = Mm(5)
    section.gutter = 0

    paragraph(document, styles.BODY, look, after=0)
    document.styles["Normal"].paragraph_format.widow_control = True
    paragraph(document, styles.TITLE, look, font=look.heading, size=look.h1, bold=True,
              colour=look.accent if theme == "memo" else look.ink, before=2, after=3,
              line=1.15, keep=True)
    h2 = paragraph(document, styles.SECTION, look, font=look.heading, size=look.h2,
                   bold=True, colour=look.accent, before=7, after=4, line=1.2, caps=True,
                   keep=True)
    spaced(h2, 0.5)
    rule = look.accent if theme != "memo" else look.rule
    paragraph_xml(h2, borders("w:pBdr", {
        ("top" if theme != "memo" else "bottom"): (1.6 if theme != "memo" else 0.6, rule)}))
    paragraph(document, styles.SUBSECTION, look, font=look.heading, size=look.h3,
              bold=True, colour=look.accent if theme == "memo" else look.ink, before=3,
              after=1, line=1.2, caps=theme == "sheet", keep=True)
    for item in (styles.BULLET, styles.NUMBERED):
        paragraph(document, item, look, after=1.6)
    for item in (styles.HEADER, styles.FOOTER):
        banner = paragraph(document, item, look, font=look.heading, size=look.small,
                           bold=True, line=1.15, caps=True)
        banner.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        spaced(banner, 0.6)
    kicker = paragraph(document, styles.KICKER, look, font=look.heading, size=look.small,
                       colour="FFFFFF" if theme == "memo" else look.ink, line=1.2,
                       caps=theme != "memo", after=2)
    spaced(kicker, 0.6)
    if theme == "memo":
        paragraph_xml(kicker, element("w:shd", val="clear", color="auto", fill=look.accent))
    paragraph(document, styles.CITATION, look, colour=look.muted, after=2)
    bluf = paragraph(document, styles.BLUF, look, size=look.bluf, line=1.3, before=5,
                     after=2)
    if theme == "contrast":
        paragraph_xml(bluf, borders("w:pBdr", {
            "top": (2.4, look.ink), "left": (2.4, look.ink), "bottom": (2.4, look.ink),
            "right": (2.4, look.ink)}))
    else:
        paragraph_xml(bluf, borders("w:pBdr", {"left": (3, look.accent)}))
        paragraph_xml(bluf, element("w:shd", val="clear", color="auto", fill=look.wash))
    paragraph(document, styles.CELL, look, line=1.28)
    paragraph(document, styles.HEAD_CELL, look, font=look.heading, size=look.tiny, bold=True,
              colour=look.muted, line=1.28, caps=True, keep=True)
    paragraph(document, styles.LEGEND, look, font=look.heading, size=look.tiny,
              colour=look.muted, before=6)
    table_style(document, look)
    character(document, styles.QUOTE, italic=True)
    character(document, styles.CONFIDENCE, bold=True, caps=True, colour=look.accent,
              size=look.tiny, font=look.heading)
    character(document, styles.LIKELIHOOD, caps=True, colour=look.accent, size=look.tiny,
              font=look.heading)
    character(document, styles.LABEL, bold=True, colour=look.accent, font=look.heading)
    character(document, styles.MUTED, colour=look.muted)
    character(document, styles.MARK, colour=look.accent, font=look.heading)
    character(document, styles.STRONG, bold=True)
    character(document, styles.LINK, colour=look.accent)

    props = document.core_properties
    props.title = f"briefing: the {theme} theme's reference document"
    props.author = props.last_modified_by = "briefing"
    props.subject = props.keywords = props.comments = props.category = ""
    props.created = props.modified = dt.datetime(DATE.year, DATE.month, DATE.day)
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return reproducible(out.getvalue(), DATE)


def main() -> None:
    for theme, look in LOOKS.items():
        target = REPO / "briefing" / "themes" / theme / "reference.docx"
        target.write_bytes(make(theme, look))
        print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
