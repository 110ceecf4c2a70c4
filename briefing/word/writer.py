"""The brief as a Word document: its sections in Word's own structure.

Each section of the page becomes what Word and screen readers know: the title and the
section headings are Heading 1 and 2 (the navigation pane lists them), lists are Word
lists, the motives and sources are tables whose header row repeats, quotes and the
confidence of a judgment are character styles, the piece's address is a hyperlink.
The words are the page's words, from the same catalogs (briefing.i18n), in the page's
order (partials/*.html.j2): the PDF and the Word brief can be read side by side. No
text carries a font or size of its own; the styles of the reference document
(`reference.py`) set them, scaled by the page's fitted scale (`setup.scaled`), so that
the brief takes one page in Word too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.grounds import Grounds, grounds
from briefing.i18n.language import Language
from briefing.logo import Logo
from briefing.model import Brief, Quote
from briefing.render import DENSITY
from briefing.word import setup, styles
from briefing.word.ooxml import element, put
from briefing.word.properties import properties
from briefing.word.prose import spans
from briefing.word.reference import Reference

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

QR_MM = 16
"""The QR code's side: some 45 pt, as the page prints it at full scale."""
LOGO_MM = 8
"""A logo's height beside the title: a line of the title, or a little more."""
SEP = " · "


@dataclass
class Writer:
    """Writes one brief into a document opened on its reference."""

    brief: Brief
    document: Document
    grounds: Grounds
    draft: bool
    language: Language
    """The brief's language: its labels, terms, dates and quotation marks."""
    grade_words: bool = False
    """Whether the sourcing table says what each grade means (see `WordLook`)."""
    logo: Logo | None = None
    """The brief's logo (`design.logo`): a PNG is set beside the title."""
    ids: dict[str, str] = field(default_factory=dict)
    """Each style's id, by name: set on the XML directly, as python-docx's own lookup
    of a style by name costs more than all the rest of the brief."""

    def __post_init__(self) -> None:
        self.ids = {style.name: style.style_id for style in self.document.styles
                    if style.name is not None}

    def styled(self, item: Any, style: styles.Style) -> None:
        """Give the paragraph or run `item` the style `style`."""
        item.style = self.ids[style.name]

    # --- runs ----------------------------------------------------------------------------

    def text(self, paragraph: Paragraph, text: str, style: styles.Style | None = None) -> None:
        """Plain text, as typed (a name, a quote), in a character style if given."""
        run = paragraph.add_run(text)
        if style is not None:
            self.styled(run._r, style)

    def prose(self, paragraph: Paragraph, text: str) -> None:
        """The analyst's prose, its inline Markdown as bold, italic and links."""
        for span in spans(text):
            if span.href:
                self.link(paragraph, span.text, span.href)
                continue
            run = paragraph.add_run(span.text)
            run.bold = span.bold or None
            run.italic = span.italic or None
            if span.code:
                run.font.name = "Courier New"

    def quote(self, paragraph: Paragraph, quote: Quote) -> None:
        """A quote in its character style, between the language's quotation marks, and its
        context."""
        self.text(paragraph, self.language.quoted(quote.exact), styles.QUOTE)
        if quote.context:
            self.text(paragraph, " (")
            self.prose(paragraph, quote.context)
            self.text(paragraph, ")")

    def link(self, paragraph: Paragraph, text: str, url: str) -> None:
        """`text` as a hyperlink to `url`, in the Hyperlink style."""
        from docx.opc.constants import RELATIONSHIP_TYPE

        rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = element("w:hyperlink")
        hyperlink.set("{http://schemas.openxmlformats.org/officeDocument/2006/"
                      "relationships}id", rel)
        run = paragraph.add_run(text)
        self.styled(run._r, styles.LINK)
        hyperlink.append(run._r)
        paragraph._p.append(hyperlink)

    def paragraph(self, style: styles.Style, text: str = "") -> Paragraph:
        """A new paragraph of the body in `style`."""
        made = self.document.add_paragraph(text)
        self.styled(made._p, style)
        return made

    def heading(self, text: str, style: styles.Style = styles.SECTION) -> None:
        """A heading: a section's (Heading 2) unless told otherwise."""
        self.paragraph(style, text)

    # --- the sections, in the page's order ---------------------------------------------

    def masthead(self) -> None:
        """The kicker line, the title, the piece it is on (partials/header.html.j2)."""
        brief, piece, _ = self.brief, self.brief.piece, self.language.gettext
        kicker = [_("Analytic brief"), self.language.term(piece.genre)]
        if brief.design.show.date:
            kicker.append(self.language.date(brief.meta.prepared))
        self.paragraph(styles.KICKER, SEP.join(kicker))
        title = self.paragraph(styles.TITLE)
        if self.logo is not None and self.logo.media_type == "image/png":
            self.picture(title, self.logo.data, LOGO_MM, "Logo", self.logo.alt)
            self.text(title, " ")
        self.text(title, brief.meta.title)
        line = self.paragraph(styles.CITATION, _("On") + " ")
        self.text(line, self.language.quoted(piece.headline), styles.QUOTE)
        if piece.dek:
            line.add_run().add_break()
            self.text(line, piece.dek)
            line.add_run().add_break()
        else:
            self.text(line, SEP)
        self.text(line, piece.outlet + SEP)
        if piece.author:
            self.text(line, _("by %(author)s", author=piece.author))
        else:
            self.text(line, _("author not stated"), styles.MUTED)
        self.text(line, SEP)
        if piece.published:
            self.text(line, f"{_('published')} {self.language.date(piece.published)}")
        else:
            self.text(line, _("date not stated") + (": " if piece.published_note else ""),
                      styles.MUTED)
            if piece.published_note:
                self.prose(line, piece.published_note)
        if piece.url and brief.design.show.url:
            self.text(line, SEP)
            self.link(line, piece.url, piece.url)
        if piece.url and brief.design.show.qr:
            self.qr(piece.url)

    def qr(self, url: str) -> None:
        """The QR code of the piece's address, as the page shows it, with its alt text."""
        import segno
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        image = io.BytesIO()
        segno.make(url, error="m").save(image, kind="png", scale=8, border=0)
        holder = self.paragraph(styles.BODY)
        holder.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.picture(holder, image.getvalue(), QR_MM, "QR code",
                     f"QR code of the piece's address, {url}")

    def picture(self, paragraph: Paragraph, data: bytes, height_mm: float, name: str,
                alt: str) -> None:
        """The image `data` in `paragraph`, `height_mm` high, with its name and alt text."""
        from docx.shared import Mm

        run = paragraph.add_run()
        run.add_picture(io.BytesIO(data), height=Mm(height_mm))
        for described in run._r.xpath(".//wp:docPr"):
            described.set("name", name)
            described.set("descr", alt)

    def bluf(self) -> None:
        """The bottom line."""
        self.heading(self.language.gettext("Bottom line"))
        self.prose(self.paragraph(styles.BLUF), self.brief.bluf)

    def judgments(self) -> None:
        """Key judgments: each with its sources' marks, cited words, likelihood, confidence."""
        self.heading(self.language.gettext("Key judgments"))
        for kj in self.brief.key_judgments:
            item = self.paragraph(styles.NUMBERED)
            self.prose(item, kj.text)
            cited = self.grounds.sources(kj)
            if cited and self.grounds.table:
                self.text(item, " ")
                self.text(item, "".join(c.mark for c in cited), styles.MARK)
            elif cited:
                self.text(item, " [" + "; ".join(c.source.who for c in cited) + "]")
            for quote in self.grounds.quotes(kj):
                self.text(item, " ")
                self.text(item, self.language.quoted(quote.quote.exact), styles.QUOTE)
            if kj.likelihood:
                self.text(item, " ")
                self.text(item, self.language.term(kj.likelihood), styles.LIKELIHOOD)
            if kj.confidence:
                self.text(item, " ")
                self.text(item, self.language.term(kj.confidence), styles.CONFIDENCE)

    def motives(self) -> None:
        """What drives the actors: a table of actor, motive, evidence and basis."""
        if not self.brief.motives:
            return
        _ = self.language.gettext
        self.heading(_("What drives the actors and the author"))
        table = self.table(_("What drives the actors and the author"),
                           [_("Actor"), _("Motive"), _("Evidence in the piece"), _("Basis")],
                           [17, 34, 31, 18])
        for motive in self.brief.motives:
            actor, what, evidence, basis = self.row(table)
            self.text(actor, motive.actor, styles.STRONG)
            self.prose(what, motive.motive)
            for i, quote in enumerate(motive.evidence):
                if i:
                    self.text(evidence, "; ")
                self.quote(evidence, quote)
            if not motive.evidence:
                self.text(evidence, _("none quoted"), styles.MUTED)
            self.text(basis, self.language.term(motive.basis))
            basis.add_run().add_break()
            self.text(basis, self.language.term(motive.confidence), styles.CONFIDENCE)

    def sourcing(self) -> None:
        """The sources and their grades: a table, unless `design.show.sourcing` is off."""
        if not (self.brief.sourcing and self.brief.design.show.sourcing):
            return
        _, term = self.language.gettext, self.language.term
        self.heading(_("Who and what the piece relies on"))
        # The grade's meaning, when printed, is set under it: its column widens for it.
        widths = [24, 40, 18, 18] if self.grade_words else [25, 47, 20, 8]
        table = self.table(_("Who and what the piece relies on"),
                           [_("Source"), _("Supports"), _("Kind"), _("Grade")], widths)
        for source in self.brief.sourcing:
            who, supports, kind, grade = self.row(table)
            self.text(who, self.grounds.mark(source), styles.MARK)
            self.text(who, f" {source.who}")
            if not source.named:
                who.add_run().add_break()
                self.text(who, _("anonymous") + (": " if source.anonymity else ""), styles.MUTED)
                if source.anonymity:
                    self.prose(who, source.anonymity)
            self.prose(supports, source.supports)
            for quote in source.quotes:
                supports.add_run().add_break()
                self.quote(supports, quote)
            self.text(kind, f"{term(source.kind)}, {term(source.hand)}")
            self.text(grade, source.grade, styles.STRONG)
            if self.grade_words:
                grade.add_run().add_break()
                self.text(grade, f"{term(source.reliability)}; {term(source.credibility)}",
                          styles.MUTED)

    def critique(self) -> None:
        """What holds up and what does not: a Heading 3 and a list per kind."""
        c = self.brief.critique
        if not (c.strengths or c.factual_errors or c.unsupported_claims
                or c.missing_perspectives or c.rhetoric):
            return
        _ = self.language.gettext
        self.heading(_("What holds up, and what does not"))
        blocks: list[tuple[str, list[Callable[[Paragraph], None]]]] = [
            (_("Strengths"), [self._strength(s.point, s.quote) for s in c.strengths]),
            (_("Factual errors"), [self._labelled(e.claim, _("In fact:"), e.correction)
                                   for e in c.factual_errors]),
            (_("Unsupported claims"), [self._labelled(u.claim, _("Problem:"), u.issue)
                                       for u in c.unsupported_claims]),
            (_("Missing perspectives"), [self._named(m.who, None, m.why)
                                         for m in c.missing_perspectives]),
            (_("Rhetoric"), [self._named(r.device, r.quote, r.effect) for r in c.rhetoric]),
        ]
        for title, items in blocks:
            if items:
                self.heading(title, styles.SUBSECTION)
                for write in items:
                    write(self.paragraph(styles.BULLET))

    def _strength(self, point: str, quote: Quote | None) -> Callable[[Paragraph], None]:
        def write(item: Paragraph) -> None:
            self.prose(item, point)
            if quote:
                self.text(item, " ")
                self.quote(item, quote)
        return write

    def _labelled(self, claim: Quote, label: str, text: str) -> Callable[[Paragraph], None]:
        def write(item: Paragraph) -> None:
            self.quote(item, claim)
            self.text(item, " ")
            self.text(item, label, styles.LABEL)
            self.text(item, " ")
            self.prose(item, text)
        return write

    def _named(self, name: str, quote: Quote | None, text: str) -> Callable[[Paragraph], None]:
        def write(item: Paragraph) -> None:
            self.text(item, self.language.gettext("%(name)s:", name=name), styles.STRONG)
            self.text(item, " ")
            if quote:
                self.quote(item, quote)
                self.text(item, " ")
                self.text(item, self.language.gettext("Effect:"), styles.LABEL)
                self.text(item, " ")
            self.prose(item, text)
        return write

    def watch(self) -> None:
        """Open questions and indicators, each labelled with its kind."""
        if not self.brief.watch:
            return
        self.heading(self.language.gettext("Open questions and indicators"))
        for item in self.brief.watch:
            line = self.paragraph(styles.BULLET)
            self.text(line, self.language.term(item.kind), styles.LABEL)
            self.text(line, " ")
            self.prose(line, item.text)

    def legend(self) -> None:
        """Who prepared it and what the terms and grades mean (partials/footer.html.j2)."""
        show, meta = self.brief.design.show, self.brief.meta
        if not show.footer:
            return
        _ = self.language.gettext
        line = self.paragraph(styles.LEGEND)
        if show.prepared_by and show.date:
            # The page's message, its markup around the date dropped.
            prepared = _('Prepared by %(analyst)s, <span class="date">%(date)s</span>.',
                         analyst=meta.analyst, date=self.language.date(meta.prepared))
            self.text(line, re.sub(r"<[^>]+>", "", prepared) + " ")
        elif show.prepared_by:
            self.text(line, _("Prepared by %(analyst)s.", analyst=meta.analyst) + " ")
        self.text(line, _("Confidence and likelihood terms after ICD 203; source grades after "
                          "the Admiralty code (reliability A\u2013F, credibility 1\u20136). "
                          "Quotes are verbatim from the piece."))

    # --- tables --------------------------------------------------------------------------

    def table(self, caption: str, header: list[str], widths: list[int]) -> Table:
        """A table in the brief's table style, its header row repeated on every page."""
        from docx.shared import Emu

        section = self.document.sections[-1]
        assert section.page_width is not None and section.left_margin is not None
        assert section.right_margin is not None
        width = section.page_width - section.left_margin - section.right_margin
        table: Table = self.document.add_table(rows=1, cols=len(header))
        table.style = self.document.styles[styles.TABLE.name]
        table.autofit = False
        tblpr = table._tbl.tblPr
        put(tblpr, element("w:tblCaption", val=caption))
        if self.language.direction == "rtl":  # the first column on the right
            put(tblpr, element("w:bidiVisual"))
        look = element("w:tblLook", val="0420", firstRow="1", lastRow="0", firstColumn="0",
                       lastColumn="0", noHBand="1", noVBand="1")
        put(tblpr, look)
        for column, share in zip(table.columns, widths, strict=True):
            column.width = Emu(width * share // 100)
        head = table.rows[0]
        put(head._tr.get_or_add_trPr(), element("w:tblHeader"))
        for cell, text in zip(head.cells, header, strict=True):
            self.styled(cell.paragraphs[0]._p, styles.HEAD_CELL)
            cell.paragraphs[0].add_run(text)
        for cell, share in zip(head.cells, widths, strict=True):
            cell.width = Emu(width * share // 100)
        return table

    def row(self, table: Table) -> list[Paragraph]:
        """A new row of `table`: the first paragraph of each cell, in the table's text style."""
        row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
        put(row._tr.get_or_add_trPr(), element("w:cantSplit"))
        cells = [cell.paragraphs[0] for cell in row.cells]
        for paragraph in cells:
            self.styled(paragraph._p, styles.CELL)
        return cells

    # --- the whole --------------------------------------------------------------------------

    def write(self) -> None:
        """Every section, in the page's order (brief.html.j2)."""
        for section in (self.masthead, self.bluf, self.judgments, self.motives,
                        self.sourcing, self.critique, self.watch, self.legend):
            section()


def docx_bytes(brief: Brief, reference: Reference, language: Language, *, scale: float,
               grade_words: bool = False, draft: bool = False, logo: Logo | None = None
               ) -> bytes:
    """The Word brief: `brief` on `reference`'s styles, its sizes at `scale`; with
    `grade_words`, the sourcing table says what each grade means; `logo` beside the
    title if it is a PNG."""
    from briefing.word.package import reproducible

    document = reference.open()
    setup.clear_body(document)
    setup.page(document, brief)
    setup.scaled(document, scale * setup.size_factor(brief), DENSITY[brief.design.density])
    setup.design(document, brief)
    setup.banners(document, brief, draft)
    setup.direction(document, language.direction)
    Writer(brief, document, grounds(brief), draft, language, grade_words, logo).write()
    properties(document, brief, draft)
    out = io.BytesIO()
    document.save(out)
    return reproducible(out.getvalue(), brief.meta.prepared)
