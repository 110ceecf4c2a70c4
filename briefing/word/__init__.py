"""The Word brief (`--format docx`): an editable .docx of the same brief, on one page.

It is made from the validated brief and the PDF's fitted scale, never from the HTML:
Word needs structure (headings, lists, tables), which the model has and the HTML only
shows. `writer` lays the sections out in Word's terms, `reference` reads the office's
reference document (the styles, page and header the brief takes), `styles` names the
styles it must hold, `setup` sets the brief's paper, scale and design on it,
`properties` its metadata, `prose` turns inline Markdown into runs, `ooxml` holds the
XML python-docx has no API for, and `package` makes the zip's bytes reproducible. python-docx is
imported only when a Word brief is made.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing import theme_lookup
from briefing.logo import Logo
from briefing.model import Brief

SAFETY = 1.0
"""A factor over every theme's `WordLook.scale`, for measuring them
(tools/measure_word_fit.py --raw sets it to 1 / the theme's)."""


@dataclass(frozen=True)
class WordLook:
    """What a theme's `[word]` table (theme.toml) says of its Word brief."""

    scale: float = 0.85
    """The Word brief's scale is the PDF's times this. It is one column in every theme,
    set by Word or LibreOffice: the same words take more height than on the PDF's page
    (two columns in the sheet and the contrast theme), and it must stay on one page
    there too. Each theme's figure is measured with LibreOffice (docs/word.md)."""
    grade_words: bool = False
    """Whether the sourcing table says what each grade means, as the theme's page does."""


@cache
def word_look(theme: str) -> WordLook:
    """The `[word]` table of the theme's theme.toml."""
    toml = theme_lookup.theme(theme).folder / "theme.toml"
    table = tomllib.loads(toml.read_text(encoding="utf-8")).get("word", {})
    return WordLook(float(table.get("scale", WordLook.scale)),
                    bool(table.get("grade_words", WordLook.grade_words)))


def docx_bytes(brief: Brief, *, scale: float, templates_dir: Path | None, theme: str,
               draft: bool = False, logo: Logo | None = None) -> bytes:
    """The Word brief of `brief` at the PDF's `scale`, on the reference document of
    `theme` (or the user's, in `templates_dir`); `logo` is the brief's, as checked."""
    from briefing.word import reference, writer

    found = reference.read(reference.find(templates_dir, theme))
    look = word_look(theme)
    from briefing.i18n.language import language

    spoken = language(brief.meta.language, templates_dir, theme)
    return writer.docx_bytes(brief, found, spoken, scale=scale * look.scale * SAFETY,
                             grade_words=look.grade_words, draft=draft, logo=logo)
