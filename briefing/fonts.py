"""The open fonts shipped with the package, as CSS @font-face rules.

The brief never uses the host's fonts, so that a PDF looks the same everywhere:
the layout engine reads the TrueType files through file URLs, while the saved HTML
carries the same faces inline as WOFF2, so that it stays one self-contained file.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONTS_DIR = Path(__file__).parent / "fonts"


@dataclass(frozen=True)
class Face:
    """One font file and the CSS family, weight and style it serves."""

    family: str
    file: str
    weight: int = 400
    style: str = "normal"


FACES = (
    Face("Brief Serif", "NotoSerif-Regular"),
    Face("Brief Serif", "NotoSerif-Bold", 700),
    Face("Brief Serif", "NotoSerif-Italic", 400, "italic"),
    Face("Brief Serif", "NotoSerif-BoldItalic", 700, "italic"),
    Face("Brief Sans", "NotoSans-Regular"),
    Face("Brief Sans", "NotoSans-Bold", 700),
    Face("Brief Sans", "NotoSans-Italic", 400, "italic"),
    Face("Brief Sans", "NotoSans-BoldItalic", 700, "italic"),
    Face("Brief Arabic", "NotoNaskhArabic-Regular"),
    Face("Brief Arabic", "NotoNaskhArabic-Bold", 700),
    # Hebrew in the serif and the sans of its own: the Latin faces have no Hebrew, and
    # Hebrew has no italics (an italic Hebrew brief is set upright, as print does).
    Face("Brief Hebrew Serif", "NotoSerifHebrew-Regular"),
    Face("Brief Hebrew Serif", "NotoSerifHebrew-Bold", 700),
    Face("Brief Hebrew Sans", "NotoSansHebrew-Regular"),
    Face("Brief Hebrew Sans", "NotoSansHebrew-Bold", 700),
)


def _rule(face: Face, src: str) -> str:
    return (
        f'@font-face {{ font-family: "{face.family}"; src: {src}; '
        f"font-weight: {face.weight}; font-style: {face.style}; }}"
    )


@cache
def linked_css() -> str:
    """@font-face rules pointing at the TrueType files, for the layout engine."""
    return "\n".join(
        _rule(face, f'url("{(FONTS_DIR / face.file).with_suffix(".ttf").as_uri()}")')
        for face in FACES
    )


@cache
def embedded_css() -> str:
    """@font-face rules carrying the WOFF2 files inline, for a self-contained HTML."""
    rules = []
    for face in FACES:
        data = base64.b64encode((FONTS_DIR / face.file).with_suffix(".woff2").read_bytes())
        rules.append(_rule(face, f'url("data:font/woff2;base64,{data.decode()}") format("woff2")'))
    return "\n".join(rules)
