"""The page and the styles a brief sets on its copy of the reference document.

The reference gives the look; the brief gives its paper, its margins if it sets them,
its body font and accent if it sets them, its banner, and the scale the PDF was fitted
at, by which every size of the brief's styles is multiplied: the reference holds
them at full scale, so that an office restyles it at the sizes it sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.model import Brief, Paper
from briefing.word import styles
from briefing.word.ooxml import element, put

if TYPE_CHECKING:
    from docx.document import Document

PAPER_MM = {Paper.A4: (210.0, 297.0), Paper.LETTER: (215.9, 279.4)}
SERIF, SANS = "Times New Roman", "Arial"
"""The fonts of `design.font`: in every Word, and as Liberation Serif and Sans (the
same widths) in every LibreOffice."""


def size_factor(brief: Brief) -> float:
    """The brief's `design.font_size` as a factor of the themes' body size."""
    from briefing.render import BASE_SIZE

    size = brief.design.font_size
    return size / BASE_SIZE if size is not None else 1.0


def clear_body(document: Document) -> None:
    """Remove the reference's own text (its sample paragraphs), keeping its page setup."""
    from docx.oxml.ns import qn

    body = document.element.body
    for item in list(body):
        if item.tag != qn("w:sectPr"):
            body.remove(item)


def page(document: Document, brief: Brief) -> None:
    """The brief's paper, and its margins when it gives them (else the reference's)."""
    from docx.shared import Mm

    width, height = PAPER_MM[brief.design.paper]
    for section in document.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        if brief.design.margins is not None:
            margin = Mm(brief.design.margins)
            section.top_margin = section.bottom_margin = margin
            section.left_margin = section.right_margin = margin
            section.header_distance = section.footer_distance = Mm(
                min(5.0, brief.design.margins * 0.4))


def scaled(document: Document, factor: float, density: float) -> None:
    """Every size of the brief's styles times `factor`, their spacing times `density` too.

    The reference holds the sizes at full scale; the Word brief takes the PDF's fit.
    """
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for item in styles.ALL:
        style: Any = document.styles[item.name]
        if item.kind is styles.Kind.TABLE:
            for size in style.element.iter(qn("w:sz")):
                size.set(qn("w:val"), str(max(2, round(int(size.get(qn("w:val"))) * factor))))
            continue
        if style.font.size is not None:
            style.font.size = Pt(round(style.font.size.pt * factor * 2) / 2)
            # The size of complex scripts (Arabic) too, the same as the others'.
            put(style.element.get_or_add_rPr(), element("w:szCs", val=str(
                round(style.font.size.pt * 2))))
        if item.kind is not styles.Kind.PARAGRAPH:
            continue
        fmt = style.paragraph_format
        for name in ("space_before", "space_after"):
            value = getattr(fmt, name)
            if value is not None:
                setattr(fmt, name, Pt(round(value.pt * factor * density, 1)))
        if isinstance(fmt.line_spacing, float):
            fmt.line_spacing = round(fmt.line_spacing * density, 3)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for size in defaults.iter(qn("w:sz")):
            size.set(qn("w:val"), str(max(2, round(int(size.get(qn("w:val"))) * factor))))


def design(document: Document, brief: Brief) -> None:
    """The brief's own design choices over the reference's: its body font and accent."""
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    chosen = brief.design
    if chosen.font is not None:
        family = SERIF if chosen.font.value == "serif" else SANS
        for item in (styles.BODY, styles.BLUF, styles.CELL, styles.CITATION, styles.BULLET,
                     styles.NUMBERED):
            fonts = element("w:rFonts")
            for script in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(qn(f"w:{script}"), family)
            put(document.styles[item.name].element.get_or_add_rPr(), fonts)
    if chosen.accent is not None:
        accent = RGBColor.from_string(chosen.accent[1:].upper())
        for item in (styles.SECTION, styles.LABEL, styles.MARK, styles.LINK):
            document.styles[item.name].font.color.rgb = accent
    language = element("w:lang", val=brief.meta.language)
    normal = document.styles[styles.BODY.name].element.get_or_add_rPr()
    put(normal, language)


def direction(document: Document, way: str) -> None:
    """A right-to-left brief's paragraphs and sections set right to left (`w:bidi`):
    every paragraph style inherits it from the body's; tables follow (`Writer.table`)."""
    if way != "rtl":
        return
    for style in document.styles:
        if style.type is not None and int(style.type) == PARAGRAPH_STYLE:
            put(style.element.get_or_add_pPr(), element("w:bidi"))
    from docx.oxml.ns import qn

    after = {qn(f"w:{tag}") for tag in ("rtlGutter", "docGrid", "printerSettings",
                                         "sectPrChange")}  # what follows w:bidi
    for section in document.sections:
        sect = section._sectPr
        at = next((i for i, item in enumerate(sect) if item.tag in after), len(sect))
        sect.insert(at, element("w:bidi"))


PARAGRAPH_STYLE = 1
"""python-docx's WD_STYLE_TYPE.PARAGRAPH, without importing its enum for one number."""


def banners(document: Document, brief: Brief, draft: bool) -> None:
    """The banner (`design.banner`) at the top and the foot of every page; DRAFT on top."""
    top = [text for text in ("DRAFT" if draft else "", brief.design.banner or "") if text]
    if not top:
        return
    for section in document.sections:
        for part, style, words in ((section.header, styles.HEADER, top),
                                   (section.footer, styles.FOOTER,
                                    [brief.design.banner] if brief.design.banner else [])):
            if not words:
                continue
            first = part.paragraphs[0] if part.paragraphs and not part.paragraphs[0].text \
                else part.add_paragraph()
            first.style = document.styles[style.name]
            first.add_run(" // ".join(words))
