"""Text of the other direction, isolated: a Latin name in an Arabic line, and the reverse.

Inside a line, the Unicode bidirectional algorithm orders a run of the other direction
by the words around it, so the punctuation at its ends lands on the wrong side: the
name "Reuters (Osborn and Lowe, 2016)." in an Arabic sentence prints as
"(Reuters (Osborn and Lowe, 2016.". The analyst's texts are set in a <bdi> of their
own direction when it is not the page's (their first strong letter decides, as
`dir="auto"` would: WeasyPrint does not read `dir="auto"`, but does isolate a <bdi>
with a direction). A text of the page's direction is left as it is, so an English
page of English text is the HTML it always was.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

_TAG = re.compile(r"<[^>]*>|&[#\w]+;")
_STRONG = {"L": "ltr", "R": "rtl", "AL": "rtl"}


def direction_of(text: str) -> str | None:
    """`ltr` or `rtl` after the first letter of `text` that has a direction (markup
    skipped); None for text of digits and punctuation only."""
    for char in _TAG.sub("", text):
        found = _STRONG.get(unicodedata.bidirectional(char))
        if found:
            return found
    return None


def isolate(value: object, page: str) -> Markup:
    """`value` (text, or Markup from the Markdown filter) escaped, inside a <bdi> of its
    own direction when that is not `page`'s."""
    html = escape(value)
    direction = direction_of(str(html))
    if direction is None or direction == page:
        return html
    return Markup(f'<bdi dir="{direction}">{html}</bdi>')
