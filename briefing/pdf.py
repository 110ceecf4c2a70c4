"""Write a laid-out brief as a tagged PDF, with the same bytes on every machine.

WeasyPrint subsets each embedded font with libharfbuzz-subset when the system has it,
and with fontTools when not. The two make different bytes, and fontTools stamps the
current time into each font, so a PDF would depend on the machine and the clock.
briefing subsets the fonts itself instead (`subset_truetype`): it keeps the outlines
of the glyphs the page uses and empties the others, leaving every glyph at its number,
as WeasyPrint's own subsetters do. That is a few milliseconds of byte copying per font,
needs no library, and never looks at the clock.

The PDF is also a record (docs/record.md): it claims PDF/A-3b by default, or PDF/UA-1
with it, and carries the brief's YAML and the piece's text as associated files, dated
from the brief, so that it stays byte-reproducible and the brief can be had back.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import warnings
from collections.abc import Iterable
from functools import partial
from typing import Any
from xml.etree import ElementTree

from briefing.model import PdfStandard
from briefing.record import RELATIONSHIP, Carried

# As in briefing.layout: WeasyPrint's warning about libharfbuzz-subset is not for briefing.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
    import pydyf
    from weasyprint import Attachment, Document
    from weasyprint.pdf import fonts as engine_fonts

TRUETYPE = (b"\x00\x01\x00\x00", b"true")
"""How a TrueType font file starts (a collection, or CFF outlines, starts otherwise)."""
DROPPED = frozenset(
    (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GDEF", b"GPOS", b"GSUB", b"JSTF",
     b"LTSH", b"PCLT", b"SVG ")
)
"""Tables a PDF reader never uses: shaping was done by the layout engine. WeasyPrint's
subsetters drop the same ones, GDEF aside."""
# Composite glyph flags (OpenType `glyf` table).
ARGS_ARE_WORDS, HAS_SCALE, MORE_COMPONENTS, HAS_XY_SCALE, HAS_2X2 = 0x1, 0x8, 0x20, 0x40, 0x80


ARCHIVAL = "pdf/a-3b"
"""WeasyPrint's variant for PDF/A-3b: sRGB output intent, XMP identification, fonts
embedded, and attachments as associated files (the PDF/A part that allows them)."""
XMP_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFUA_ID = "http://www.aiim.org/pdfua/ns/id/"
PDFA_EXTENSION = "{http://www.aiim.org/pdfa/ns/extension/}"
PDFA_SCHEMA = "{http://www.aiim.org/pdfa/ns/schema#}"
PDFA_PROPERTY = "{http://www.aiim.org/pdfa/ns/property#}"
for _prefix, _uri in (("pdfuaid", PDFUA_ID), ("pdfaExtension", PDFA_EXTENSION[1:-1]),
                      ("pdfaSchema", PDFA_SCHEMA[1:-1]), ("pdfaProperty", PDFA_PROPERTY[1:-1])):
    ElementTree.register_namespace(_prefix, _uri)


def pdf_bytes(document: Document, *, standard: PdfStandard = PdfStandard.PDF_A_3B,
              carried: Iterable[Carried] = (), dated: dt.datetime | None = None,
              labels: Iterable[tuple[int, str]] = ()) -> bytes:
    """The PDF of `document`, tagged for screen readers, claiming `standard`, carrying
    the `carried` files as associated files of relationship Source, dated `dated`;
    `labels` number its pages (from page index, in style: `r` i, ii; `D` 1, 2).

    Title, author, subject, keywords, language and date come from the HTML's <head>
    (see templates/base.html.j2); nothing comes from the clock or from the machine's
    libraries, so the same brief always gives the same bytes. `pdf/ua-1` claims
    PDF/A-3b too: WeasyPrint writes one variant, and the UA identification is added
    to its XMP (`_claim_ua`); the page is tagged the same whatever the standard.
    """
    when = dated or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    attachments = [
        Attachment(file_obj=io.BytesIO(item.data), name=item.name, description=item.description,
                   created=when, modified=when, relationship=RELATIONSHIP)
        for item in carried
    ]
    finish = partial(_finish, ua=standard is PdfStandard.PDF_UA_1, labels=tuple(labels))
    if standard is PdfStandard.PLAIN:
        data = document.write_pdf(pdf_tags=True, attachments=attachments, finisher=finish)
    else:
        # pdf_identifier: an ID hashed from the content, the same for the same bytes.
        data = document.write_pdf(pdf_variant=ARCHIVAL, pdf_tags=True, attachments=attachments,
                                  pdf_identifier=True, finisher=finish)
    assert isinstance(data, bytes)
    return data


def _finish(_document: Document, pdf: Any, *, ua: bool,
            labels: tuple[tuple[int, str], ...]) -> None:
    """The last touches before the PDF is written: its associated files, its page
    labels, and the claim of PDF/UA-1 when `ua`."""
    _associate(pdf)
    if labels:
        numbers = pydyf.Array()
        for start, style in labels:
            numbers += [start, pydyf.Dictionary({"S": f"/{style}"})]
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": numbers})
    if ua:
        _claim_ua(pdf)


def _associate(pdf: Any) -> None:
    """List each attachment once in the catalog's /AF, with relationship Source.

    WeasyPrint does this for PDF/A-3 only, and lists each file twice; a plain PDF's
    carried files are associated files too.
    """
    specs: list[Any] = [o for o in pdf.objects
                        if isinstance(o, dict) and o.get("Type") == "/Filespec"]
    for spec in specs:
        spec["AFRelationship"] = f"/{RELATIONSHIP}"
    if specs:
        pdf.catalog["AF"] = pydyf.Array([spec.reference for spec in specs])
    else:
        pdf.catalog.pop("AF", None)


def _claim_ua(pdf: Any) -> None:
    """Add PDF/UA-1's identification (pdfuaid:part 1) to the XMP WeasyPrint wrote for
    PDF/A-3b: one file claims both. PDF/A allows in the XMP only the schemas it lists
    or describes, so the pdfuaid schema is described too (a PDF/A extension schema).
    Its tagging is that of every brief's PDF."""
    number = int(pdf.catalog["Metadata"].split()[0])
    stream = pdf.objects[number]
    packet = b"".join(p if isinstance(p, bytes) else str(p).encode() for p in stream.stream)
    start, end = packet.index(b"<rdf:RDF"), packet.index(b"</rdf:RDF>") + len(b"</rdf:RDF>")
    rdf = ElementTree.fromstring(packet[start:end])
    description = rdf.find(f"{XMP_RDF}Description")
    assert description is not None, "WeasyPrint's XMP starts with its identification"
    description.set(f"{{{PDFUA_ID}}}part", "1")
    rdf.append(_ua_schema())
    claimed = ElementTree.tostring(rdf, encoding="unicode").encode()
    stream.stream = [packet[:start] + claimed + packet[end:]]


def _ua_schema() -> ElementTree.Element:
    """The PDF/A extension schema that describes pdfuaid:part (ISO 14289-1, 5)."""
    sub = ElementTree.SubElement
    description = ElementTree.Element(f"{XMP_RDF}Description", {f"{XMP_RDF}about": ""})
    bag = sub(sub(description, f"{PDFA_EXTENSION}schemas"), f"{XMP_RDF}Bag")
    schema = sub(bag, f"{XMP_RDF}li", {f"{XMP_RDF}parseType": "Resource"})
    for name, text in (("schema", "PDF/UA Universal Accessibility Schema"),
                       ("namespaceURI", PDFUA_ID), ("prefix", "pdfuaid")):
        sub(schema, f"{PDFA_SCHEMA}{name}").text = text
    properties = sub(sub(schema, f"{PDFA_SCHEMA}property"), f"{XMP_RDF}Seq")
    part = sub(properties, f"{XMP_RDF}li", {f"{XMP_RDF}parseType": "Resource"})
    for name, text in (("name", "part"), ("valueType", "Integer"), ("category", "internal"),
                       ("description", "Indicates which part of ISO 14289 is followed")):
        sub(part, f"{PDFA_PROPERTY}{name}").text = text
    return description


def _components(glyph: bytes) -> list[int]:
    """The glyphs a composite glyph is drawn from (none for a simple one)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph)[0] >= 0:
        return []
    found, at = [], 10
    while at + 4 <= len(glyph):
        flags, component = struct.unpack_from(">HH", glyph, at)
        found.append(component)
        at += 4 + (4 if flags & ARGS_ARE_WORDS else 2)
        at += 2 if flags & HAS_SCALE else 4 if flags & HAS_XY_SCALE else 8 if flags & HAS_2X2 else 0
        if not flags & MORE_COMPONENTS:
            break
    return found


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return int(sum(struct.unpack(f">{len(padded) // 4}L", padded))) & 0xFFFFFFFF


def subset_truetype(font: bytes, used: Iterable[int]) -> bytes | None:
    """`font` with only the outlines of glyphs `used`, .notdef and their components.

    Glyphs keep their numbers, so the PDF's glyph codes, widths and text mapping stay
    as WeasyPrint wrote them. None for what is not a single TrueType font.
    """
    if font[:4] not in TRUETYPE:
        return None
    (count,) = struct.unpack_from(">H", font, 4)
    tables = {}
    for i in range(count):
        tag, _sum, offset, length = struct.unpack_from(">4sLLL", font, 12 + 16 * i)
        tables[tag] = font[offset : offset + length]
    if not {b"head", b"maxp", b"loca", b"glyf"} <= tables.keys():
        return None
    head, glyf = tables[b"head"], tables[b"glyf"]
    (glyphs,) = struct.unpack_from(">H", tables[b"maxp"], 4)
    long = struct.unpack_from(">h", head, 50)[0] == 1
    offsets = struct.unpack_from(f">{glyphs + 1}{'L' if long else 'H'}", tables[b"loca"])
    if not long:
        offsets = tuple(2 * o for o in offsets)

    keep, todo = set(), [0, *used]
    while todo:
        gid = todo.pop()
        if gid < glyphs and gid not in keep:
            keep.add(gid)
            todo += _components(glyf[offsets[gid] : offsets[gid + 1]])

    pieces, loca, size = [], [0], 0
    for gid in range(glyphs):
        if gid in keep:
            piece = glyf[offsets[gid] : offsets[gid + 1]]
            piece += b"\0" * (-len(piece) % 4)
            pieces.append(piece)
            size += len(piece)
        loca.append(size)
    tables[b"glyf"] = b"".join(pieces)
    tables[b"loca"] = struct.pack(f">{glyphs + 1}L", *loca)
    if b"hmtx" in tables and b"hhea" in tables:
        tables[b"hmtx"] = _metrics(tables[b"hmtx"], tables[b"hhea"], keep, glyphs)
    # checkSumAdjustment is zero while checksums are summed; long offsets in `loca`.
    tables[b"head"] = head[:8] + b"\0\0\0\0" + head[12:50] + b"\0\1" + head[52:]
    for tag in DROPPED & tables.keys():
        del tables[tag]
    return _sfnt(font[:4], tables)


def _metrics(hmtx: bytes, hhea: bytes, keep: set[int], glyphs: int) -> bytes:
    """`hmtx` with zeros for the glyphs not kept: the PDF carries its own widths, and
    runs of zeros compress to nothing."""
    (full,) = struct.unpack_from(">H", hhea, 34)
    out = bytearray(len(hmtx))
    for gid in keep:
        at, size = (4 * gid, 4) if gid < full else (4 * full + 2 * (gid - full), 2)
        if gid < glyphs and at + size <= len(hmtx):
            out[at : at + size] = hmtx[at : at + size]
    return bytes(out)


def _sfnt(version: bytes, tables: dict[bytes, bytes]) -> bytes:
    """A font file of `tables`, in tag order, with its checksums."""
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = version + struct.pack(">HHHH", count, power * 16, power.bit_length() - 1,
                                   (count - power) * 16)
    directory, body = [], []
    offset = len(header) + 16 * count
    head_at = 0
    for tag in sorted(tables):
        data = tables[tag]
        if tag == b"head":
            head_at = offset
        directory.append(struct.pack(">4sLLL", tag, _checksum(data), offset, len(data)))
        body.append(data + b"\0" * (-len(data) % 4))
        offset += len(body[-1])
    font = bytearray(header + b"".join(directory) + b"".join(body))
    struct.pack_into(">L", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def _subset(self: Any, to_unicode: dict[int, str], hinting: bool) -> None:
    """Replaces WeasyPrint's Font.subset: same job, same result on every machine.

    A font that is not plain TrueType (a template's own CFF font, say) is embedded
    whole: bigger, but the same everywhere too.
    """
    if to_unicode:
        subset = subset_truetype(self.file_content, to_unicode)
        if subset is not None:
            self.file_content = subset


# WeasyPrint 70 has no option to choose the subsetter; Font.subset is the one place where
# it picks HarfBuzz or fontTools (tests/test_reproducible.py fails if that changes).
engine_fonts.Font.subset = _subset
