"""The only way the layout engine may read a resource: the fonts, the theme's files, and
images carried in the page itself."""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from briefing.fonts import FONTS_DIR

DATA_IMAGE = re.compile(r"data:(image/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/=\s]*)", re.I)
"""A `data:` URI of an image, as briefing.logo builds them (and an SVG logo may hold)."""


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serve files below the allowed folders and images in data URIs; refuse the rest.

    WeasyPrint's default fetcher reads any local file and any network address; a brief
    is shared input, so nothing outside the theme's own assets may get into a PDF.
    WeasyPrint hands data URIs to the fetcher too: those of images are served, as they
    read nothing outside the page (an SVG logo was checked to refer to nothing else).
    """

    def __init__(self, roots: tuple[Path, ...] = (FONTS_DIR,)) -> None:
        """Allow the files below `roots` (the bundled fonts and the template folders)."""
        super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)
        self._roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Return the file at a `file:` URL inside the roots, or the image of a `data:`
        URI; else raise ValueError."""
        if image := DATA_IMAGE.fullmatch(url):
            try:
                body = base64.b64decode(image.group(2), validate=False)
            except binascii.Error:
                raise ValueError("briefing does not read a damaged data URI") from None
            return URLFetcherResponse(url, body=body,
                                      headers={"Content-Type": image.group(1).lower()})
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"briefing does not fetch {url[:120]!r}: only local theme files")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._roots) or not path.is_file():
            raise ValueError(f"briefing does not read {path}: it is not a theme file")
        return URLFetcherResponse(url, body=path.read_bytes())
