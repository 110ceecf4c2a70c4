"""The only way the layout engine may read a resource: the fonts and the theme's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from briefing.fonts import FONTS_DIR


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serve files below the allowed folders; refuse every other URL.

    WeasyPrint's default fetcher reads any local file and any network address; a brief
    is shared input, so nothing outside the theme's own assets may get into a PDF.
    """

    def __init__(self, roots: tuple[Path, ...] = (FONTS_DIR,)) -> None:
        """Allow the files below `roots` (the bundled fonts and the template folders)."""
        super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)
        self._roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Return the file at a `file:` URL inside the roots, else raise ValueError."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"briefing does not fetch {url!r}: only local theme files")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._roots) or not path.is_file():
            raise ValueError(f"briefing does not read {path}: it is not a theme file")
        return URLFetcherResponse(url, body=path.read_bytes())
