"""What a language writes its own way, from CLDR through Babel: dates, direction, quotes.

A brief dated 2026-11-25 says "25 November 2026" in English, "25 novembre 2026" in
French, "25. November 2026" in German: CLDR's long date of each language (English keeps
the day before the month, as the brief always printed it). Babel does not carry CLDR's
quotation delimiters, so they are written out here from CLDR's tables (`QUOTES`), with
French's narrow no-break spaces inside its guillemets, which CLDR leaves to the
typesetter.

Plain `en`, the templates' own language and the brief's default, is written out here
too (`ENGLISH`): its forms are fixed, so an English brief does not import Babel nor
load CLDR's data, which costs more than rendering the page; a test holds them to
CLDR's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

ENGLISH_DATE = "d MMMM y"
"""The date of a brief in plain `en`: the day first, as the English pages always had it
(CLDR's `en` is `MMMM d, y`, which `en-US` still gets)."""
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")
"""CLDR's English month names (`MMMM`), for `ENGLISH_DATE` without Babel."""

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
    locale: Locale | None
    """CLDR's data for the language; None for plain English (`ENGLISH`)."""

    @property
    def direction(self) -> str:
        """`rtl` for a language written right to left (Arabic, Hebrew, Persian), else `ltr`."""
        if self.locale is None:
            return "ltr"
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def quotes(self) -> tuple[str, str, str, str]:
        """Quotation marks: start, end, and the alternate pair for a quote in a quote."""
        language = self.locale.language if self.locale is not None else "en"
        return QUOTES.get(language, QUOTES["en"])

    def date(self, value: dt.date) -> str:
        """`value` in the language's long form: "25 novembre 2026"."""
        if self.locale is None:
            return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
        from babel.dates import format_date

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


ENGLISH = Forms("en", None)
"""Plain English's forms, without CLDR: the day before the month (`ENGLISH_DATE`),
left to right, English quotation marks."""


@cache
def forms(tag: str) -> Forms:
    """The forms of the language `tag`; a tag CLDR does not know writes as English."""
    if tag == ENGLISH.tag:
        return ENGLISH
    from babel import Locale, UnknownLocaleError

    try:
        return Forms(tag, Locale.parse(tag, sep="-"))
    except (UnknownLocaleError, ValueError):
        return Forms(tag, None)
