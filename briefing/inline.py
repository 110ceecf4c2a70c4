"""The analyst's prose may carry a little inline Markdown: emphasis, strong, code, links.

A brief is shared, untrusted input, so the subset is small and closed: markdown-it-py
with every rule off but emphasis (`*a*`, `**a**`, `_a_`), code spans (`` `a` ``),
backslash escapes (`\\*`) and inline links (`[text](https://...)`), raw HTML off, and
links only to http, https and mailto addresses. Whatever is not that markup (HTML, a
`javascript:` link, an image `![...](...)`, an autolink, an entity) prints exactly as typed.

The HTML is written here from markdown-it's tokens, each kind by its own handler, and
every piece of text goes through markupsafe's escaping, so the one way to get a tag
onto the page is a handler below. `to_plain` is the same text without the markup: what
the rules count and read, and what the PDF's metadata says.

This module imports nothing from the rest of the package: the rules (stage 3) and the
templates (stage 4) both use it. markdown-it is imported the first time a text holds a
character that can start markup (most prose holds none): a build pays for it only then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

RULES = ("emphasis", "backticks", "escape", "link")
"""markdown-it's inline rules that are on; every other rule is off."""

MARKUP = re.compile(r"[*_`\[\\\r\0]")
"""A character that can start markup under RULES (or that markdown-it normalises): a
text without one is all text, as typed."""

LINK = re.compile(r"(?:https?://[^\s/?#]|mailto:[^\s])", re.IGNORECASE)
"""The addresses a link may go to: a web page (with a host) or an e-mail address."""


def allowed_link(url: str) -> bool:
    """Whether a link may go to `url` (as markdown-it normalised it)."""
    return LINK.match(url) is not None


def _image_as_typed(state: StateInline, silent: bool) -> bool:
    """`![text](address)` is an image: kept as typed text, so the link rule never sees it."""
    start = state.pos
    if not state.src.startswith("![", start):
        return False
    from markdown_it.rules_inline.link import link

    state.pos += 1
    if not link(state, True):  # silent: only moves past the brackets if they are a link
        state.pos = start
        return False
    if not silent:
        state.push("text", "", 0).content = state.src[start : state.pos]
    return True


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(list(RULES))
    parser.inline.ruler.before("link", "image_as_typed", _image_as_typed)
    # markdown-it's own check refuses only a few schemes: it lets relative paths, ftp:
    # and data: images through. This one lets through only what LINK allows.
    parser.validateLink = allowed_link  # type: ignore[method-assign]
    return parser


def _tokens(text: str) -> list[Token]:
    """The inline tokens of `text`: text, emphasis, code and links."""
    from markdown_it.token import Token

    found: list[Token] = []
    opened: list[bool] = []
    for token in (t for block in _parser().parseInline(text) for t in block.children or []):
        # markdown-it still makes a link of `[a]()`, its empty address refused: as typed.
        if token.type == "link_open":
            opened.append(allowed_link(str(token.attrGet("href") or "")))
            if not opened[-1]:
                token = Token("text", "", 0, content="[")
        elif token.type == "link_close" and not opened.pop():
            token = Token("text", "", 0, content="]()")
        found.append(token)
    return found


Write = Callable[["Token"], str]


def _text(token: Token) -> str:
    return str(escape(token.content))


def _tag(name: str) -> Write:
    return lambda _token: f"<{name}>"


def _code(token: Token) -> str:
    return f"<code>{escape(token.content)}</code>"


def _link(token: Token) -> str:
    return f'<a href="{escape(token.attrGet("href"))}">'


HTML: dict[str, Write] = {
    "text": _text,
    "em_open": _tag("em"),
    "em_close": _tag("/em"),
    "strong_open": _tag("strong"),
    "strong_close": _tag("/strong"),
    "code_inline": _code,
    "link_open": _link,
    "link_close": _tag("/a"),
    "softbreak": lambda _token: "\n",
    "hardbreak": lambda _token: "<br>",
}
"""The HTML of each kind of token; any other kind prints its text, escaped."""


@lru_cache(maxsize=4096)
def to_html(text: str) -> Markup:
    """`text` as HTML: its inline markup as tags, everything else escaped."""
    if not MARKUP.search(text):
        return escape(text)
    return Markup(
        "".join(HTML.get(token.type, _text)(token) for token in _tokens(text))
    )


PLAIN: dict[str, Write] = {
    "softbreak": lambda _token: " ",
    "hardbreak": lambda _token: " ",
}
"""The plain text of the tokens that are not their text (a tag's and a link's is empty)."""


@lru_cache(maxsize=4096)
def to_plain(text: str) -> str:
    """`text` without its inline markup: the words a reader sees on the page."""
    if not MARKUP.search(text):
        return text
    return "".join(PLAIN.get(t.type, _content)(t) for t in _tokens(text))


def _content(token: Token) -> str:
    return token.content
