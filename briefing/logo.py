"""The brief's logo (`design.logo`): found, checked and read in the check stage.

A logo is a file beside the brief or in the templates folder, never an address: a
build reads nothing from the network, and a brief is shared input, so it may not pull
a file from elsewhere on the disk into the page either. The logo travels in the HTML
as a `data:` URI, so that the saved HTML stays one file; the layout engine reads it
from there (briefing.fetcher serves the data URIs of images and nothing else).

An SVG is a document in its own right, which may point at other files or addresses; the
engine would try to fetch them, and a browser showing the HTML would not. One that
points outside itself is refused here, naming what it points at, so that the page
shows the same logo everywhere and nothing outside gets in.

Every problem is reported at the line and column of `logo:`, with what to do about it:
first the name and the file, then the content, by a check for each kind of file
(`CHECKS`).
"""

from __future__ import annotations

import base64
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import InputError
from briefing.model import Brief
from briefing.positions import YamlDocument

if TYPE_CHECKING:
    from xml.etree import ElementTree

MAX_BYTES = 512 * 1024
"""The largest logo file: a masthead's logo is a small picture, and its bytes go into
every HTML and PDF made."""
MAX_PIXELS = 2048
"""The most pixels a PNG logo may have a side: a logo printed 2 cm wide is sharp at 300."""
MAX_RATIO = 10
"""How many times wider than tall (or taller than wide) a logo may be: beyond it, at the
masthead's size, it would print as a line."""
DEFAULT_ALT = "Logo"
"""The logo's text for readers who cannot see it, unless `design.logo_alt` says better."""
MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}

SVG = "{http://www.w3.org/2000/svg}"
EMBEDDED = re.compile(r"data:image/(png|jpeg);base64,", re.I)
"""The only references an SVG logo may hold besides `#id`: raster images inside it."""
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]+:|^//", re.I)
"""A web address or other URL: a scheme of two letters or more (`C:` is a drive)."""


@dataclass(frozen=True)
class Logo:
    """A checked logo: its file, bytes and media type, and its alternative text."""

    path: Path
    data: bytes
    media_type: str
    alt: str

    @property
    def data_uri(self) -> str:
        """The logo as a `data:` URI, for the HTML's `<img src>`."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


class LogoError(Exception):
    """What is wrong with a logo, and how to fix it; reported at `design.logo`."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def read_logo(doc: YamlDocument, brief: Brief, templates_dir: Path | None) -> Logo | None:
    """The brief's logo, checked; None if it has none. Raises InputError at `logo:`."""
    name = brief.design.logo
    if name is None:
        return None
    try:
        path = _find(name, doc.file.parent, templates_dir)
        data = _read(name, path)
        CHECKS[path.suffix.lower()](name, data)
    except LogoError as problem:
        raise InputError([doc.diagnostic(("design", "logo"), problem.message, problem.hint)]
                         ) from None
    return Logo(path, data, MEDIA_TYPES[path.suffix.lower()],
                brief.design.logo_alt or DEFAULT_ALT)


def _find(name: str, brief_folder: Path, templates_dir: Path | None) -> Path:
    """The logo's file: beside the brief, else in the templates folder."""
    if _SCHEME.match(name):
        raise LogoError(
            f"the logo must be a file, not an address: '{name}'",
            "save the image beside the brief (or in the templates folder) and write its "
            "file name, like 'logo: unit-logo.svg'; a build never downloads anything",
        )
    if Path(name).suffix.lower() not in MEDIA_TYPES:
        raise LogoError(
            f"the logo must be an SVG or PNG file; got '{name}'",
            "export the logo as SVG (sharp at any size) or PNG, and name that file",
        )
    folders = [brief_folder, *([templates_dir] if templates_dir else [])]
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            if not any(candidate.resolve().is_relative_to(f.resolve()) for f in folders):
                raise LogoError(
                    f"the logo '{name}' is outside the brief's folder and the templates "
                    "folder", "copy the logo beside the brief (or into the templates "
                    "folder) and write its file name",
                )
            return candidate
    looked = " and ".join(str(f / name) for f in folders)
    raise LogoError(
        f"the logo '{name}' was not found (looked in {looked})",
        "give its path relative to the YAML file (or put it in the templates folder), "
        "or remove 'logo:'",
    )


def _read(name: str, path: Path) -> bytes:
    """The logo's bytes, if there are not too many of them."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LogoError(
                f"the logo '{name}' is {math.ceil(size / 1024)} KiB, more than a logo may "
                f"be ({MAX_BYTES // 1024} KiB)",
                f"export it smaller: an SVG, or a PNG of at most {MAX_PIXELS} pixels a side",
            )
        return path.read_bytes()
    except OSError as exc:
        raise LogoError(f"cannot read the logo '{path}': {exc.strerror}",
                        "check that the file can be read, or remove 'logo:'") from None


def _check_png(name: str, data: bytes) -> None:
    """A PNG image that decodes, of a sane size."""
    from PIL import Image  # only briefs with a PNG logo pay for the import

    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            width, height = image.size
            image.verify()
    except Exception:  # Pillow says "damaged" in many ways; the user needs one of them.
        raise LogoError(f"the logo '{name}' is not a readable PNG image",
                        "export it as PNG again, or use an SVG") from None
    if max(width, height) > MAX_PIXELS:
        raise LogoError(
            f"the logo '{name}' is {width} by {height} pixels, more than {MAX_PIXELS} a side",
            "scale it down: 600 pixels wide prints sharp at the masthead's size",
        )
    _check_ratio(name, width, height)


def _check_svg(name: str, data: bytes) -> None:
    """An SVG image with a size, that refers to nothing outside itself."""
    hint = "open it in a drawing program and save it again as plain SVG"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise LogoError(f"the logo '{name}' is not UTF-8 text, as an SVG file is",
                        hint + ", in UTF-8") from None
    if b"<!ENTITY" in data:
        # Entities can expand to gigabytes or read files; a logo has no use for them.
        raise LogoError(f"the logo '{name}' declares XML entities, which a logo may not",
                        hint)
    from xml.etree import ElementTree  # here: most briefs have no logo, fewer an SVG one

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise LogoError(f"the logo '{name}' is not well-formed SVG: {exc}", hint) from None
    if root.tag != f"{SVG}svg":
        raise LogoError(
            f"the logo '{name}' is not an SVG image: its outer element is "
            f"<{root.tag.rpartition('}')[2]}>, not <svg> in the SVG namespace",
            hint + ' (its first element is <svg xmlns="http://www.w3.org/2000/svg" ...>)',
        )
    for element in root.iter():
        if outside := _outside_reference(element):
            raise LogoError(
                f"the logo '{name}' refers to something outside it: '{outside[:80]}' "
                f"(in <{str(element.tag).rpartition('}')[2]}>)",
                "a logo must hold everything it shows: embed that image in the SVG or "
                "remove it, and save the SVG again",
            )
    width, height = _svg_size(root)
    if width is None or height is None:
        raise LogoError(f"the logo '{name}' has no size: its <svg> has neither a viewBox "
                        "nor a width and height", hint + ", with a viewBox (most programs "
                        "write one)")
    _check_ratio(name, width, height)


def _outside_reference(element: ElementTree.Element) -> str | None:
    """The first reference of `element` to anything but itself: a link, url() or @import."""
    for key, value in element.attrib.items():
        target = value.strip()
        if key.rpartition("}")[2] in ("href", "src") and target and not (
            target.startswith("#") or EMBEDDED.match(target)
        ):
            return target
        if found := _outside_in_css(value):
            return found
    if str(element.tag) == f"{SVG}style":
        return _outside_in_css(element.text or "")
    return None


def _outside_in_css(text: str) -> str | None:
    """A url() of `text` that is not `#id`, or an @import."""
    if "@import" in text.lower():
        return "@import"
    for target in _URL.findall(text):
        if not target.startswith("#"):
            return f"url({target})"
    return None


def _svg_size(root: ElementTree.Element) -> tuple[float | None, float | None]:
    """The SVG's width and height, from its viewBox, else its width and height."""
    box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
    if len(box) == 4:
        return _positive(box[2]), _positive(box[3])
    return _positive(root.get("width")), _positive(root.get("height"))


def _positive(text: str | None) -> float | None:
    """A positive, finite number at the start of `text` ('120', '4.5cm'), else None."""
    found = re.match(r"\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)", text or "", re.I)
    value = float(found.group(1)) if found else 0.0
    return value if 0 < value < math.inf else None


def _check_ratio(name: str, width: float, height: float) -> None:
    ratio = max(width / height, height / width)
    if ratio > MAX_RATIO:
        shape = "wide" if width > height else "tall"
        raise LogoError(
            f"the logo '{name}' is {ratio:.0f} times as {shape} as it is "
            f"{'tall' if shape == 'wide' else 'wide'}, more than {MAX_RATIO}",
            "crop it to the mark itself; the masthead prints a logo a few lines high",
        )


CHECKS: dict[str, Callable[[str, bytes], None]] = {".png": _check_png, ".svg": _check_svg}
"""The check of a logo's content, by its file's suffix (see MEDIA_TYPES)."""
