"""The Word styles a brief is written in, by name: what a reference document must hold.

The Word brief sets no font, size or colour on its text: every paragraph and run names
one of these styles, and the reference document (`reference.docx`, see
`briefing.word.reference`) says how each looks. An office restyles the brief by
restyling them, in Word or LibreOffice, and a brief written with its reference document
takes its look without a template language.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a style applies to, as Word's styles pane calls it."""

    PARAGRAPH = "paragraph"
    CHARACTER = "character"
    TABLE = "table"


@dataclass(frozen=True)
class Style:
    """One style the brief uses: its name in the document and what it applies to."""

    name: str
    kind: Kind
    role: str
    """What it styles, for the message when a reference document lacks it."""


TITLE = Style("Heading 1", Kind.PARAGRAPH, "the brief's title")
SECTION = Style("Heading 2", Kind.PARAGRAPH, "each section's heading")
SUBSECTION = Style("Heading 3", Kind.PARAGRAPH, "the headings inside the critique")
BODY = Style("Normal", Kind.PARAGRAPH, "the text")
BULLET = Style("List Bullet", Kind.PARAGRAPH, "the items of a list")
NUMBERED = Style("List Number", Kind.PARAGRAPH, "the key judgments")
HEADER = Style("Header", Kind.PARAGRAPH, "the banner at the top of the page")
FOOTER = Style("Footer", Kind.PARAGRAPH, "the banner at the foot of the page")
KICKER = Style("Brief Kicker", Kind.PARAGRAPH, "the line above the title")
CITATION = Style("Brief Citation", Kind.PARAGRAPH, "the line on the piece under the title")
BLUF = Style("Brief Bottom Line", Kind.PARAGRAPH, "the bottom line")
CELL = Style("Brief Table Text", Kind.PARAGRAPH, "the text in the tables")
HEAD_CELL = Style("Brief Table Heading", Kind.PARAGRAPH, "the header row of the tables")
LEGEND = Style("Brief Legend", Kind.PARAGRAPH, "the legend at the end")
TABLE = Style("Brief Table", Kind.TABLE, "the motives and sourcing tables")
QUOTE = Style("Brief Quote", Kind.CHARACTER, "the words quoted from the piece")
CONFIDENCE = Style("Brief Confidence", Kind.CHARACTER, "the confidence of a judgment")
LIKELIHOOD = Style("Brief Likelihood", Kind.CHARACTER, "the likelihood of a judgment")
LABEL = Style("Brief Label", Kind.CHARACTER, "labels such as 'In fact:'")
MUTED = Style("Brief Muted", Kind.CHARACTER, "what is not known, such as 'none quoted'")
MARK = Style("Brief Mark", Kind.CHARACTER, "a source's reference mark, such as [1]")
STRONG = Style("Strong", Kind.CHARACTER, "bold words: an actor, a grade")
LINK = Style("Hyperlink", Kind.CHARACTER, "the piece's address")

ALL = (TITLE, SECTION, SUBSECTION, BODY, BULLET, NUMBERED, HEADER, FOOTER, KICKER,
       CITATION, BLUF, CELL, HEAD_CELL, LEGEND, TABLE, QUOTE, CONFIDENCE, LIKELIHOOD, LABEL, MUTED,
       MARK, STRONG, LINK)
"""Every style the Word brief names; a reference document must define each."""
