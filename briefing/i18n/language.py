"""One language as the outputs print it: its messages, its terms, its forms.

The HTML page (through Jinja's i18n extension) and the Word brief (in Python) print
the same words from the same catalogs: both ask a `Language`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from gettext import NullTranslations
from pathlib import Path

from briefing import theme_lookup
from briefing.i18n import catalogs, forms, terms


@dataclass(frozen=True)
class Language:
    """The words and forms of one language, from its catalogs and CLDR."""

    forms: forms.Forms
    messages: NullTranslations

    @property
    def direction(self) -> str:
        """`rtl` or `ltr`."""
        return self.forms.direction

    def gettext(self, msgid: str, **values: str) -> str:
        """The translation of `msgid`, its placeholders (`%(name)s`) filled with `values`."""
        text = str(self.messages.gettext(msgid))
        return text % values if values else text

    def term(self, member: Enum) -> str:
        """The words for an enumeration's member: "confiance modérée"."""
        return str(self.messages.pgettext(*terms.term(member)))

    def date(self, value: dt.date) -> str:
        """`value` in the language's long form."""
        return self.forms.date(value)

    def quoted(self, text: str) -> str:
        """`text` between the language's quotation marks."""
        return self.forms.quoted(text)


def language(tag: str, user_dir: Path | None = None,
             theme_name: str = theme_lookup.DEFAULT_THEME) -> Language:
    """The language `tag` (BCP 47), with the catalogs found for it on the search path."""
    return Language(forms.forms(tag), catalogs.translations(tag, user_dir, theme_name))
