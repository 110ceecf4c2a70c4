"""The Word brief's document properties: what the PDF's metadata says, from the brief.

Word's File > Info, a records system and a search index read them; the dates are the
brief's own (`meta.prepared`), never the clock's, so that the bytes are reproducible.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from briefing.inline import to_plain
from briefing.model import Brief
from briefing.render import keywords

if TYPE_CHECKING:
    from docx.document import Document


def properties(document: Document, brief: Brief, draft: bool) -> None:
    """The document's properties, as the PDF's: title, author, subject (the BLUF),
    keywords, language, and the date prepared as created and modified."""
    props = document.core_properties
    props.title = ("DRAFT: " if draft else "") + brief.meta.title
    props.author = props.last_modified_by = brief.meta.analyst
    props.subject = to_plain(brief.bluf)
    props.keywords = ", ".join(keywords(brief, draft=draft))
    props.language = brief.meta.language
    props.category = "Analytic brief"
    props.comments = f"On “{brief.piece.headline}”, {brief.piece.outlet}"
    prepared = brief.meta.prepared
    props.created = props.modified = dt.datetime(prepared.year, prepared.month, prepared.day,
                                                 tzinfo=dt.UTC)
    props.revision = 1
    props.identifier = brief.piece.url or ""
    props.version = ""
    props.content_status = "Draft" if draft else ""
