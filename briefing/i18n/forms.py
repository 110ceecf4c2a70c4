"""What a language writes its own way, from CLDR through Babel: dates, direction, quotes.

A brief dated 2026-11-25 says "25 November 2026" in English, "25 novembre 2026" in
French, "25. November 2026" in German: CLDR's long date of each language (English keeps
the day before the month, as the brief always printed it). Babel does not carry CLDR's
quotation delimiters, so they are written out here from CLDR's tables (`QUOTES`), with
French's narrow no-break spaces inside its guillemets, which CLDR leaves to the
typesetter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

ENGLISH_DATE = "d MMMM y"
"""The date of a brief in plain `en`: the day first, as the English pages always had it
(CLDR's `en` is `MMMM d, y`, which `en-US` still gets)."""

NNBSP = "\u202f"
"""The narrow no-break space French sets inside « »."""

QUOTES: dict[str, tuple[str, str, str, str]] = {
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "fr": ("\u00ab" + NNBSP, NNBSP + "\u00bb", "\u201c", "\u201d"),
    "de": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "es": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "it": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "pt": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "nl": ("\u2018", "\u2019", "\u201c", "\u201d"),
    "pl": ("\u201e", "\u201d", "\u00ab", "\u00bb"),
    "ru": ("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "uk": ("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "ar": ("\u201d", "\u201c", "\u2019", "\u2018"),
    "he": ("\u201d", "\u201d", "\u2019", "\u2019"),
    "fa": ("\u00ab", "\u00bb", "\u2039", "\u203a"),
}
"""CLDR's quotation marks (start, end, alternate start, alternate end) by language; a
language not listed takes English's. Arabic's and Hebrew's read from the right: CLDR
gives the glyph that stands on each side of the words as they are read."""


@dataclass(frozen=True)
class Forms:
    """How one language writes dates and quotation marks, and which way it runs."""

    tag: str
    """The brief's language tag, as `meta.language` gives it (BCP 47)."""
    locale: Locale

    @property
    def direction(self) -> str:
        """`rtl` for a language written right to left (Arabic, Hebrew, Persian), else `ltr`."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def quotes(self) -> tuple[str, str, str, str]:
        """Quotation marks: start, end, and the alternate pair for a quote in a quote."""
        return QUOTES.get(self.locale.language, QUOTES["en"])

    def date(self, value: dt.date) -> str:
        """`value` in the language's long form: "25 novembre 2026"."""
        if str(self.locale) == "en":
            return format_date(value, ENGLISH_DATE, locale=self.locale)
        return format_date(value, "long", locale=self.locale)

    def quoted(self, text: str) -> str:
        """`text` between the language's quotation marks."""
        start, end, _, _ = self.quotes
        return f"{start}{text}{end}"

    def quotes_css(self) -> str:
        """The CSS `quotes` value that sets the language's marks around a <q>."""
        return " ".join(f'"{_css_string(mark)}"' for mark in self.quotes)


def _css_string(text: str) -> str:
    """`text` inside a double-quoted CSS string (non-ASCII marks written as escapes)."""
    return "".join(c if c.isascii() and c not in '"\\' else f"\\{ord(c):x} " for c in text)


@cache
def forms(tag: str) -> Forms:
    """The forms of the language `tag`; a tag CLDR does not know writes as English."""
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    return Forms(tag, locale)
