"""Write a laid-out brief as a tagged PDF."""

from __future__ import annotations

from weasyprint import Document


def pdf_bytes(document: Document) -> bytes:
    """The PDF of `document`, tagged for screen readers.

    Title, author, subject, keywords, language and date come from the HTML's <head>
    (see templates/base.html.j2); nothing comes from the clock, so the same brief
    always gives the same bytes.
    """
    data = document.write_pdf(pdf_tags=True)
    assert isinstance(data, bytes)
    return data
