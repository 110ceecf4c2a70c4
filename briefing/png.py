"""Render the laid-out page as a PNG image, for quick looks and for documentation."""

from __future__ import annotations

import io

DPI = 110
"""Sharp enough to read on a screen; an A4 page is then 910 x 1286 pixels."""


def png_bytes(pdf: bytes, dpi: int = DPI) -> bytes:
    """The first page of `pdf` as a PNG image.

    PDFium draws the PDF itself, so the image is exactly the page that prints.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
