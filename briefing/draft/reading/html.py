"""Web pages: a page saved from a browser, read for its article and what it says of it.

The article's text is what trafilatura finds (the best measured of the open
extractors at leaving out menus, cookie banners, share bars, related links,
newsletter boxes, comments and footers). It is only ever given a parsed tree, never
an address: trafilatura's fetching is never used. The page is parsed here, by lxml's
HTML parser, which fetches nothing (`no_network`) and loads no DTD; an internal DTD
subset, which the HTML parser would not resolve but would leave as text, is cut out
before parsing, so no entity of it, nor any file it names, can reach the text. The
images, styles and frames a page references (a "Web page, complete" keeps them in a
`NAME_files` folder) are never opened.

The text is the piece as a reader meets it: the headline, the dek, then the body,
a blank line between paragraphs (a list item, a table row, a subhead: one each),
entities decoded and the page's own quotation marks kept. The page's metadata
(headline, byline, date, outlet...) comes from `webmeta`.

A page is untrusted: one too big to search in bounded time is refused (`limits`),
inlined images and stray control characters are dropped before parsing, and inline
markup before extraction, whose time grows with the elements of a paragraph.
"""

from __future__ import annotations

import codecs
import copy
import re
from typing import TYPE_CHECKING, Any

from briefing.draft.reading import clutter, webmeta
from briefing.draft.reading.limits import MAX_PAGE_ELEMENTS, MAX_PAGE_TEXT_CHARS, MAX_TEXT_CHARS
from briefing.draft.reading.piece import Piece, Source

if TYPE_CHECKING:
    from lxml.html import HtmlElement

NO_ARTICLE = ("no article found in the page",
              "save the article's own page (open the article, then File > Save Page As), "
              "or copy the article's text into a .txt file and give --from that file")
NOT_A_PAGE = ("holds binary data, not a web page",
              "save the article again from the browser (File > Save Page As, 'Web Page, "
              "HTML only'), or copy its text into a .txt file and give --from that file")

SNIFF_BYTES = 4096
"""How far into the file a charset declaration is looked for (the HTML standard: 1024)."""

MIN_ARTICLE_WORDS = 40
"""Fewer words than this is no article but what trafilatura falls back on in a page
without one (a front page's menu, a consent box): a brief-sized news item has 100 and more."""

LEAD_BLOCKS = 4
"""How many of the first blocks may be a header's, before the headline: kicker, labels."""

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.()-]+)"""  # <meta charset>, http-equiv
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.-]+)""",     # an XHTML declaration
    re.I)
_WESTERN = {"iso-8859-1", "latin-1", "ascii", "us-ascii", "iso8859-1", "cp1252"}
"""Labels the HTML standard reads as windows-1252, which browsers (and pages) really use."""

_DTD_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.I | re.S)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DATA_URI = re.compile(r"data:[^\"'\s>]{256,}")
_BINARY = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


def decode(data: bytes, charset: str | None = None) -> str:
    """The page's text: by its BOM, else `charset` (the MIME part's), else the charset
    the page declares, else UTF-8 when it is valid, else windows-1252 (the browsers' guess)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _declared(data[:SNIFF_BYTES])
    for label in (charset, declared):
        name = _codec(label)
        if name is not None:
            return data.decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _declared(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", errors="replace")


def _codec(label: str | None) -> str | None:
    """Python's codec for a charset label, None when it names none (or UTF-16 in a
    declaration, which the bytes themselves would have shown by a BOM)."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _WESTERN:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name.startswith("utf-16") else name


def parse(markup: str) -> HtmlElement:
    """The page's tree, parsed with nothing fetched, no DTD loaded, no entity of it kept."""
    import lxml.html

    markup = _XML_DECLARATION.sub("", markup, count=1)  # lxml refuses one in a str
    markup = _DATA_URI.sub("data:,", markup)  # inlined images: megabytes, and no text
    markup = _CONTROL.sub("", markup)  # lxml takes the rest of a page after a NUL for text
    markup = _DTD_SUBSET.sub("<!DOCTYPE html>", markup, count=1)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  collect_ids=False, default_doctype=False)
    return lxml.html.document_fromstring(markup, parser=parser)


def read(source: Source) -> Piece:
    """The article of a saved web page."""
    return read_page(source, source.data)


def read_page(source: Source, data: bytes, charset: str | None = None,
              address: str | None = None, kind: str = "html") -> Piece:
    """The article of the page `data` (from `source`); `charset` and `address` are what
    an archive says of the page (its MIME charset, its Content-Location); `kind` is the
    reader's key."""
    markup = decode(data, charset)
    if _BINARY.search(markup[:SNIFF_BYTES]):
        raise source.error(*NOT_A_PAGE)
    try:
        tree = parse(markup)
    except Exception:  # lxml raises ParserError, ValueError... on what it cannot parse
        raise source.error(*NOT_A_PAGE) from None
    _bounded(source, tree)
    about = webmeta.about(tree, address)
    blocks = _article(tree)
    if sum(len(block.split()) for block in blocks) < MIN_ARTICLE_WORDS:
        raise source.error(*NO_ARTICLE)
    text = "\n\n".join(_lead(about.headline, about.dek, blocks)) + "\n"
    return Piece(text[:MAX_TEXT_CHARS], kind, about)


def _bounded(source: Source, tree: HtmlElement) -> None:
    """Refuse a page too big to look for an article in, in bounded time."""
    elements = chars = 0
    for element in tree.iter():
        elements += 1
        if element.tag not in NOT_TEXT:  # a page's inline data (JSON, code) is no text
            chars += len(element.text or "")
        chars += len(element.tail or "")
    for count, most, what in ((elements, MAX_PAGE_ELEMENTS, "elements"),
                              (chars, MAX_PAGE_TEXT_CHARS, "characters of text")):
        if count > most:
            raise source.error(
                f"is too big a page to look for an article in: {count:,} {what}, "
                f"more than the {most:,} read",
                "copy the article's text into a .txt file and give --from that file")


INLINE = ("b", "strong", "i", "em", "u", "s", "font", "small", "big", "mark", "abbr",
          "sub", "sup", "span", "wbr")
"""Inline markup, which the text does without: its words are kept, its elements go. A
paragraph of thousands of them takes trafilatura seconds, even once they are stripped,
until the tree is parsed again with each run of text whole."""

NOT_TEXT = {"script", "style", "template", "svg", "noscript"}
"""Elements whose content is not text a reader sees."""


def _lead(headline: str | None, dek: str | None, blocks: list[str]) -> list[str]:
    """The piece's paragraphs: its headline, its dek, then its body. When trafilatura took
    the article's header in, what comes before the headline (a kicker, a label) goes,
    and so does a date line after it."""
    if headline in blocks[:LEAD_BLOCKS]:
        blocks = blocks[blocks.index(headline) + 1:]
    if dek and blocks[:1] == [dek]:
        blocks = blocks[1:]
    while blocks and webmeta.is_dateline(blocks[0]):  # "Friday, January 9, 2026"
        blocks = blocks[1:]
    return [line for line in (headline, dek) if line] + blocks


def _article(tree: HtmlElement) -> list[str]:
    """The article's paragraphs as trafilatura finds them, [] when it finds none."""
    import lxml.etree
    import trafilatura

    tree = copy.deepcopy(tree)  # both prune the tree they are given; webmeta reads it too
    clutter.unclutter(tree)
    lxml.etree.strip_tags(tree, *INLINE)
    tree = parse(lxml.etree.tostring(tree, encoding="unicode"))  # one text node, not many
    document: Any = trafilatura.bare_extraction(
        tree,
        include_comments=False, include_tables=True, include_images=False,
        include_links=False, with_metadata=False,
        deduplicate=False)  # its cache spans calls: a page read twice would come out empty
    if document is None or document.body is None:
        return []
    blocks: list[str] = []
    for element in document.body:
        blocks.extend(BLOCKS.get(element.tag, _whole)(element))
    return [block for block in blocks if block]


def _flat(element: Any) -> str:
    """The element's text on one line, spaces folded, a line break (<br>) a space."""
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _whole(element: Any) -> list[str]:
    return [_flat(element)]


def _children(element: Any) -> list[str]:
    """A block of blocks (a list, a blockquote of paragraphs): one paragraph each."""
    inner = [_flat(child) for child in element if child.tag in ("item", "p", "head")]
    return inner or [_flat(element)]


def _rows(element: Any) -> list[str]:
    """A table: one paragraph a row, its cells joined by " | "."""
    return [" | ".join(_flat(cell) for cell in row) for row in element.iter("row")]


BLOCKS = {"list": _children, "quote": _children, "table": _rows}
"""How each kind of block of trafilatura's output becomes paragraphs (else: one, whole)."""
