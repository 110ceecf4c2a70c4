"""The Word brief (`--format docx`): an editable .docx of the same brief, on one page.

It is made from the validated brief and the PDF's fitted scale, never from the HTML:
Word needs structure (headings, lists, tables), which the model has and the HTML only
shows. `writer` lays the sections out in Word's terms, `reference` reads the office's
reference document (the styles, page and header the brief takes), `styles` names the
styles it must hold, `package` makes the zip's bytes reproducible. python-docx is
imported only when a Word brief is made.
"""

from __future__ import annotations

from pathlib import Path

from briefing.model import Brief

SAFETY = 0.95
"""The Word brief's scale is the PDF's times this: Word and LibreOffice set the same
words in a little more height than WeasyPrint does (see docs/word.md for how it was
measured), and the brief must stay on one page there too."""


def docx_bytes(brief: Brief, *, scale: float, templates_dir: Path | None, theme: str,
               draft: bool = False) -> bytes:
    """The Word brief of `brief` at the PDF's `scale`, on the reference document of
    `theme` (or the user's, in `templates_dir`)."""
    from briefing.word import reference, writer

    found = reference.read(reference.find(templates_dir, theme))
    return writer.docx_bytes(brief, found, scale=scale * SAFETY, draft=draft)
