"""The boxes around an article that trafilatura sometimes keeps, taken out before it looks.

trafilatura leaves out most of a page's furniture by itself, but a site's own
names for its appeals ("member-box", "newsletter-cta", "donate") are many, and a
box of two short paragraphs under the article reads to it like the article's end.
Elements whose class or id names such a box are removed from the tree first,
unless they hold a good part of the page's text (a wrapper of the whole article
whose class happens to say "has-comments" is not a box).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

CLUTTER = re.compile(
    r"\b(newsletters?|subscribe|subscription|signup|sign-up|membership|member|members|"
    r"donate|donation|paywall|promo|promotion|cookies?|consent|gdpr|share|sharing|"
    r"social|sharedaddy|related|relatedposts|read-next|more-stories|most-read|"
    r"comments?|respond|advert|advertisement|ad-slot|adslot|sponsored|tags|topics|"
    r"author-bio|bio|pullquote|pull-quote|outbrain|taboola|recirculation|"
    r"breadcrumbs?)\b", re.I)
"""Words a class or id uses for a box that is not the article."""

MOST_OF_THE_PAGE = 0.3
"""An element holding more than this share of the page's text is kept, whatever its name."""


def unclutter(tree: HtmlElement) -> None:
    """Remove from `tree` the boxes CLUTTER names, except those holding much of the text."""
    body = tree.find("body")
    total = len(body.text_content()) if body is not None else 0
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "article"):
            continue
        marks = " ".join(element.get(a) or "" for a in ("class", "id")).replace("_", " ")
        if marks.strip() and CLUTTER.search(marks):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None and len(element.text_content()) <= (
                MOST_OF_THE_PAGE * total):
            element.drop_tree()
