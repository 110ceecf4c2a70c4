"""WordprocessingML that python-docx has no API for: shading, borders, hyperlinks.

Word refuses a file ("unreadable content") whose properties are out of the schema's
order, so every element is put by `put`, at its place in ORDER.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ORDER: dict[str, tuple[str, ...]] = {
    "w:pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange"),
    "w:rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
              "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
              "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
              "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
    "w:tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"),
    "w:trPr": ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter",
               "cantSplit", "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden"),
    "w:tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd",
               "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"),
    "w:style": ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
                "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
                "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr",
                "tcPr", "tblStylePr"),
    "w:tblStylePr": ("pPr", "rPr", "tblPr", "trPr", "tcPr"),
}


def element(tag: str, **attrs: str) -> Any:
    """`<w:tag w:key="value" ...>`."""
    made = OxmlElement(tag)
    for key, value in attrs.items():
        made.set(qn(f"w:{key}"), value)
    return made


def put(parent: Any, child: Any) -> Any:
    """Put `child` in `parent` at its place in the schema, replacing one of the same tag."""
    local = child.tag.rsplit("}", 1)[-1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    order = ORDER[_name(parent)]
    later = {qn(f"w:{tag}") for tag in order[order.index(local) + 1:]}
    for index, sibling in enumerate(parent):
        if sibling.tag in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def child(parent: Any, tag: str) -> Any:
    """The child `<w:tag>` of `parent`, made and put in its place if there is none."""
    found = parent.find(qn(tag))
    return found if found is not None else put(parent, element(tag))


def borders(tag: str, sides: dict[str, tuple[float, str]]) -> Any:
    """A `<w:pBdr>`, `<w:tblBorders>` or `<w:tcBorders>`: a single line of (points,
    colour) on each side named, none where the width is 0."""
    made = element(tag)
    for side, (points, colour) in sides.items():
        made.append(element(f"w:{side}", val="single" if points else "nil",
                            sz=str(round(points * 8)), space="1", color=colour))
    return made


def _name(node: Any) -> str:
    namespace, local = node.tag[1:].split("}")
    assert namespace == qn("w:x")[1:].split("}")[0], node.tag
    return f"w:{local}"
