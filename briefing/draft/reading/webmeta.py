"""What a web page says of its article: headline, dek, byline, date, outlet, address, genre.

News sites say it several times over, not always alike: JSON-LD for search engines
(`NewsArticle`, `OpinionNewsArticle`..., alone, in a list or in an `@graph`),
OpenGraph and other `<meta>` tags for social networks, `<time datetime>` and a
visible byline for readers. Each field has a table of small extractors, tried in
this order, the first that finds a value winning:

1. JSON-LD, the most deliberate statement (typed, one value per field);
2. OpenGraph and `<meta>` (`og:*`, `article:*`, `name=author`, Dublin Core...);
3. what a reader sees: `<h1>`, the byline ("By Ana Ruiz and Tom Lee"), `<time>`,
   the kicker ("Opinion"), the `<title>`.

The genre is the one exception: a section or kicker ("Editorial", "Analysis") says
more than a schema.org type (an editorial is an `OpinionNewsArticle` too), so it
comes first; a plain `NewsArticle` says "news" only when nothing else says more.
A description is taken for the dek only when it reads as a standfirst, not as the
first words of the body cut short, nor as the site's blurb.

trafilatura's own metadata is not used: it takes a date from anything that looks
like one (a copyright line, a comment's date) and a name from the comments'
authors, where a field not found must stay unfound for the analyst to fill in.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.draft.reading.piece import About

if TYPE_CHECKING:
    from lxml.html import HtmlElement

ARTICLE_TYPES = {"article", "newsarticle", "opinionnewsarticle", "reportagenewsarticle",
                 "analysisnewsarticle", "backgroundnewsarticle", "reviewnewsarticle",
                 "askpublicnewsarticle", "blogposting", "socialmediaposting", "report",
                 "scholarlyarticle", "techarticle", "liveblogposting"}
"""schema.org types (lower-cased) of the object that describes the article itself."""

TYPE_GENRES = {"opinionnewsarticle": "opinion", "analysisnewsarticle": "analysis",
               "backgroundnewsarticle": "analysis", "reportagenewsarticle": "news"}
"""The genre a schema.org type states outright."""

LABEL_GENRES = {"opinion": "opinion", "op-ed": "opinion", "oped": "opinion",
                "comment": "opinion", "commentary": "opinion", "column": "opinion",
                "guest essay": "opinion", "viewpoint": "opinion", "editorial": "editorial",
                "our view": "editorial", "analysis": "analysis", "news analysis": "analysis",
                "interview": "interview", "interviews": "interview", "q&a": "interview",
                "editorials": "editorial", "opinions": "opinion", "the interview": "interview"}
"""What a section, kicker or URL segment says of the genre (lower-cased labels)."""

KICKER = re.compile(r"\b(kicker|eyebrow|rubric|overline|flag|label|section|category|"
                    r"genre|article-type|content-type)\b", re.I)
BYLINE = re.compile(r"\b(by|byline|by-line|author|authors|contributor|writer)", re.I)
STANDFIRST = re.compile(r"\b(standfirst|dek|subhead|subheadline|subtitle|sub-title|"
                        r"summary|lede|intro|strapline|description)\b", re.I)
SITE_BLURB = re.compile(r"^(read|get|find|discover|follow|stay|all|your)\b.{0,40}\b(latest|news|"
                        r"updates|stories)\b|\blatest news\b|\bbreaking news\b", re.I)
"""A site's blurb, which pages with no standfirst of their own put in their description."""
MAX_BYLINE = 160
"""The longest text taken for a byline; longer is an author's biography, or a whole box."""
MAX_DATELINE = 40
"""The longest line taken for a bare date in a page's header."""
MAX_DEK = 400
"""The longest description taken for a standfirst; longer ones are the article's start."""
NOT_A_NAME = re.compile(r"\b(staff|reporter|correspondent|editor|writer|bureau|news|"
                        r"desk|agency|press|service|wire|team|contributors?)\b", re.I)
PLACE = re.compile(r"\s+in\s+[A-Z].*$")
"""Where a byline says its author wrote from: "Ana Ruiz in Kovar"."""
NAME = re.compile(r"^[A-ZÀ-Þ][\w'\u2019.-]*"  # a capital, then more words (a "de" or "van")
                  r"(?:\s+(?:[a-zà-ÿ]{1,3}\s+)?[A-ZÀ-Þ][\w'\u2019.-]*){1,4}$")
HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+", re.I)
SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
TITLE_SEPARATORS = (" | ", " \u2013 ", " \u2014 ", " - ", " :: ", " \u00b7 ")

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = "(" + "|".join(rf"{m}|{m[:3]}\.?" for m in MONTHS) + r"|sept\.?)"
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T\s].*)?$")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class When:
    """A date as far as the page gives it: a whole date, or a note ("March 2026")."""

    date: dt.date | None = None
    note: str | None = None


@dataclass
class Page:
    """The page's tree and what the extractors share: its JSON-LD and its <meta> tags."""

    tree: HtmlElement
    address: str | None = None
    articles: list[dict[str, Any]] = field(default_factory=list)
    others: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    marked: list[tuple[HtmlElement, str]] | None = None


def about(tree: HtmlElement, address: str | None = None) -> About:
    """What the page says of its article; `address` is where an archive says it came from."""
    page = Page(tree, address)
    _read_jsonld(page)
    _read_meta(page)
    outlet = _first(page, OUTLET)
    headline = _first(page, HEADLINE)
    when = _first(page, PUBLISHED) or When()
    url = _first(page, URL)
    return About(
        headline=_unsuffixed(headline, outlet) if headline else None,
        dek=_first(page, DEK),
        authors=_first(page, AUTHORS) or (),
        published=when.date, published_note=when.note,
        outlet=outlet, url=url, genre=_genre(page, url),
    )


def _first(page: Page, extractors: tuple[Callable[[Page], Any], ...]) -> Any:
    for extract in extractors:
        value = extract(page)
        if value:
            return value
    return None


# --- gathering: JSON-LD and <meta> -----------------------------------------------------


def _read_jsonld(page: Page) -> None:
    """The page's JSON-LD objects, the article's apart from the others (publisher...)."""
    for script in page.tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)  # raw line breaks: common
        except ValueError:  # a broken block is skipped, as search engines skip it
            continue
        for thing in _things(data):
            types = {t.lower() for t in _strings(thing.get("@type"))}
            (page.articles if types & ARTICLE_TYPES else page.others).append(thing)


def _things(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every typed object in a JSON-LD value: itself, its list items, its @graph."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _things(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        yield from _things(data.get("@graph"), depth + 1)
        if isinstance(data.get("mainEntity"), dict):
            yield from _things(data["mainEntity"], depth + 1)


def _strings(value: Any) -> list[str]:
    """A JSON-LD value that may be a string or a list of them, as a list of strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _read_meta(page: Page) -> None:
    """The page's <meta> tags, by property or name (lower-cased), the first of each."""
    for tag in page.tree.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = _clean(tag.get("content"))
        if key and content and key not in page.meta:
            page.meta[key] = content


def _clean(text: str | None) -> str | None:
    """`text` with its spaces folded and its entities decoded (JSON-LD and a CMS's
    double-encoded tags carry "&#8217;"), None when empty."""
    folded = _SPACE.sub(" ", html.unescape(text) if text and "&" in text else text or "").strip()
    return folded or None


def _article_value(page: Page, key: str) -> Any:
    for thing in page.articles:
        if thing.get(key):
            return thing[key]
    return None


def _meta(*keys: str) -> Callable[[Page], str | None]:
    """An extractor of the first of the <meta> tags `keys` the page has."""
    def extract(page: Page) -> str | None:
        return next((page.meta[k] for k in keys if k in page.meta), None)
    return extract


def _visible(page: Page, pattern: re.Pattern[str]) -> Iterator[HtmlElement]:
    """Elements whose class, id, rel or itemprop matches `pattern`, in page order."""
    if page.marked is None:  # gathered once: a long page has tens of thousands of elements
        page.marked = [(element, marks) for element in page.tree.iter()
                       if isinstance(element.tag, str)
                       and element.tag not in ("meta", "script", "link")
                       and (marks := _marks(element))]
    return (element for element, marks in page.marked if pattern.search(marks))


def _marks(element: HtmlElement) -> str:
    """The element's class, id, rel and itemprop, the parts of a BEM name
    ("story__summary", "article-dek") taken as words."""
    marks = " ".join(element.get(a) or "" for a in ("class", "id", "rel", "itemprop"))
    return marks.replace("_", " ").strip()


def _text_of(element: HtmlElement) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


# --- headline ------------------------------------------------------------------------


def _jsonld_headline(page: Page) -> str | None:
    value = _article_value(page, "headline") or _article_value(page, "name")
    return _clean(value) if isinstance(value, str) else None


def _h1(page: Page) -> str | None:
    return next((text for h1 in page.tree.iter("h1") if (text := _text_of(h1))), None)


def _title(page: Page) -> str | None:
    return next((_clean(t.text_content()) for t in page.tree.iter("title")), None)


def _unsuffixed(headline: str, outlet: str | None) -> str:
    """The headline without the " | Site Name" a page's title adds."""
    for separator in TITLE_SEPARATORS:
        head, found, tail = headline.rpartition(separator)
        if not found or not head:
            continue
        if (outlet and tail.strip().lower() == outlet.lower()) or separator == " | ":
            return _unsuffixed(head.strip(), outlet)
    return headline


HEADLINE = (_jsonld_headline, _meta("og:title", "twitter:title", "dc.title"), _h1, _title)


# --- dek -----------------------------------------------------------------------------


def _jsonld_description(page: Page) -> str | None:
    value = _article_value(page, "description") or _article_value(page, "alternativeHeadline")
    return _standfirst(page, value if isinstance(value, str) else None)


def _meta_description(page: Page) -> str | None:
    return _standfirst(page, _meta("og:description", "twitter:description",
                                   "description")(page))


def _visible_standfirst(page: Page) -> str | None:
    for element in _visible(page, STANDFIRST):
        if element.tag in ("p", "h2", "div", "span") and len(text := _text_of(element)) > 20:
            return text
    return None


def _standfirst(page: Page, text: str | None) -> str | None:
    """`text` when it reads as a standfirst, not an excerpt cut from the article's start."""
    text = _clean(text)
    if (not text or text.endswith(("...", "\u2026")) or len(text) > MAX_DEK
            or SITE_BLURB.search(text)):
        return None
    start = text[:60]
    for paragraph in page.tree.iter("p"):
        words = _text_of(paragraph)
        if start in words and len(words) > len(text) + 20:
            return None  # the first words of a longer paragraph of the body: an excerpt
    return text





DEK = (_jsonld_description, _meta_description, _visible_standfirst)


# --- authors -------------------------------------------------------------------------


def _jsonld_authors(page: Page) -> tuple[str, ...]:
    found: list[str] = []
    authors = _article_value(page, "author")
    for author in authors if isinstance(authors, list) else [authors]:
        if isinstance(author, str):
            found.extend(_names(_clean(author) or ""))
        elif isinstance(author, dict) and "organization" not in str(author.get("@type")).lower():
            found.extend(_names(_clean(str(author.get("name") or "")) or ""))
    return tuple(found)


def _meta_authors(page: Page) -> tuple[str, ...]:
    value = _meta("author", "article:author", "dc.creator", "parsely-author",
                  "sailthru.author")(page)
    if not value or value.startswith(("http://", "https://")):
        return ()
    return tuple(_names(value))


def _byline(page: Page) -> tuple[str, ...]:
    """The names of the visible byline: "By Ana Ruiz and Tom Lee, Reuters"."""
    for element in _visible(page, BYLINE):
        text = _text_of(element)
        if len(text) <= MAX_BYLINE and (names := _names(text)):
            return tuple(names)
    for element in page.tree.iter("p", "span", "div"):  # an unmarked "By ..." line
        if _by(element) and not any(_by(child) for child in element):  # the innermost
            return tuple(_names(_text_of(element)))
    return ()


def _by(element: HtmlElement) -> bool:
    """Whether the element reads as a byline: a short "By Name..." with a name in it."""
    if not (element.text or "").lstrip()[:3].lower().startswith("by"):
        return False  # decided without the text of all that the element holds
    text = _text_of(element)
    return text.lower().startswith("by ") and len(text) <= MAX_BYLINE and bool(_names(text))


def _names(text: str) -> list[str]:
    """The people's names in a byline, without "By", roles, outlets or places."""
    text = re.sub(r"^\s*(?:(?:written|words|text|story|reporting|reported|interview|"
                  r"interviewed|analysis|photos?)\s+)?by[:\s]+", "", text.strip(), flags=re.I)
    text = re.split("\\s+[|\u00b7\u2022]\\s+|\\s+[\u2013\u2014-]\\s+|"
                      r"\bupdated\b|\bpublished\b", text, flags=re.I)[0]
    names: list[str] = []
    for part in SPLIT_NAMES.split(text):
        part = PLACE.sub("", HONORIFIC.sub("", part.strip(" .")))
        if part.isupper():  # "By ANA RUIZ": a byline set in capitals
            part = part.title()
        if NAME.match(part) and not NOT_A_NAME.search(part) and part not in names:
            names.append(part)
    return names


AUTHORS = (_jsonld_authors, _meta_authors, _byline)


# --- date published --------------------------------------------------------------------


def _when(text: str | None) -> When | None:
    """A date written as ISO ("2026-03-02T09:00Z", "2026-03") or in words."""
    if not text:
        return None
    iso = _ISO.match(text)
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
        return _dated(year, month, day)
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        words = pattern.search(text)
        if words:
            parts = dict(zip(order, words.groups(), strict=True))
            return _dated(int(parts["y"]), _month(parts["m"]), int(parts["d"]))
    month_year = _MONTH_YEAR.search(text)
    if month_year:
        return _dated(int(month_year.group(2)), _month(month_year.group(1)), None)
    return None


def is_dateline(text: str) -> bool:
    """Whether `text` is only a date ("Friday, January 9, 2026"), as a page's header has."""
    return len(text) <= MAX_DATELINE and _when(text) is not None and not re.search(
        r"[.;!?]\s+\w", text)


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")[:3]
    return next((i for i, m in enumerate(MONTHS, 1) if m.startswith(word)), None)


def _dated(year: int | None, month: int | None, day: int | None) -> When | None:
    if year is None or not 1900 <= year <= 2100:
        return None
    if month is None:
        return When(note=str(year))
    if not 1 <= month <= 12:
        return None
    if day is None:
        return When(note=f"{MONTHS[month - 1].capitalize()} {year}")
    try:
        return When(date=dt.date(year, month, day))
    except ValueError:
        return None


def _jsonld_published(page: Page) -> When | None:
    value = _article_value(page, "datePublished") or _article_value(page, "dateCreated")
    return _when(value) if isinstance(value, str) else None


def _meta_published(page: Page) -> When | None:
    return _when(_meta("article:published_time", "og:published_time", "datepublished",
                       "pubdate", "publishdate", "date", "dc.date", "dc.date.issued",
                       "dcterms.created")(page))


def _time_element(page: Page) -> When | None:
    """The first <time> of the page (its datetime, else its words) that reads as a date."""
    for element in page.tree.iter("time"):
        when = _when(element.get("datetime")) or _when(_text_of(element))
        if when:
            return when
    return None


def _visible_date(page: Page) -> When | None:
    for element in _visible(page, re.compile(r"\b(date|dateline|published|timestamp)",
                                             re.I)):
        if (when := _when(_text_of(element))) is not None:
            return when
    return None


PUBLISHED = (_jsonld_published, _meta_published, _time_element, _visible_date)


# --- outlet and address --------------------------------------------------------------


def _jsonld_publisher(page: Page) -> str | None:
    publisher = _article_value(page, "publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict):
        name = publisher.get("name")
        if not name and publisher.get("@id"):  # a reference to an object of the @graph
            name = next((o.get("name") for o in page.others
                         if o.get("@id") == publisher["@id"]), None)
        return _clean(name) if isinstance(name, str) else None
    return None


def _title_suffix(page: Page) -> str | None:
    title = _title(page)
    if title and " | " in title:
        return title.rpartition(" | ")[2].strip() or None
    return None


OUTLET = (_jsonld_publisher, _meta("og:site_name", "application-name", "publisher",
                                   "dc.publisher"), _title_suffix)


def _web(url: Any) -> str | None:
    """`url` when it is an http(s) address, else None (a file: or javascript: one)."""
    if isinstance(url, str) and re.match(r"^https?://[^\s/]+", url.strip(), re.I):
        return url.strip()
    return None


def _canonical(page: Page) -> str | None:
    for link in page.tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return _web(link.get("href"))
    return None


def _jsonld_url(page: Page) -> str | None:
    entity = _article_value(page, "mainEntityOfPage")
    if isinstance(entity, dict):
        entity = entity.get("@id")
    return _web(_article_value(page, "url")) or _web(entity)


URL = (_canonical, lambda page: _web(page.meta.get("og:url")), _jsonld_url,
       lambda page: _web(page.address))


# --- genre ---------------------------------------------------------------------------


def _type_genre(page: Page) -> str | None:
    for thing in page.articles:
        for kind in _strings(thing.get("@type")):
            if kind.lower() in TYPE_GENRES:
                return TYPE_GENRES[kind.lower()]
    return None


def _section_genre(page: Page) -> str | None:
    sections = _strings(_article_value(page, "articleSection"))
    sections += [page.meta[k] for k in ("article:section", "section") if k in page.meta]
    return next((LABEL_GENRES[s.lower()] for s in sections if s.lower() in LABEL_GENRES), None)


def _kicker_genre(page: Page) -> str | None:
    for element in _visible(page, KICKER):
        label = _text_of(element).lower().rstrip(":")
        if label in LABEL_GENRES:
            return LABEL_GENRES[label]
    return None


def _url_genre(url: str | None) -> str | None:
    path = re.sub(r"^https?://[^/]+", "", url or "").lower()
    for segment in re.split(r"[/?#]", path):
        label = segment.replace("-", " ") if segment != "op-ed" else segment
        if label in LABEL_GENRES:
            return LABEL_GENRES[label]
    return None


def _news_type(page: Page) -> str | None:
    kinds = {k.lower() for thing in page.articles for k in _strings(thing.get("@type"))}
    return "news" if "newsarticle" in kinds else None


def _genre(page: Page, url: str | None) -> str | None:
    """The genre the page states: its section or kicker (the most specific: an
    "Editorial" is an OpinionNewsArticle), its type, its address; "news" for a plain
    NewsArticle; None when it does not say."""
    clues: tuple[Callable[[], str | None], ...] = (
        lambda: _section_genre(page), lambda: _kicker_genre(page),
        lambda: _type_genre(page), lambda: _url_genre(url),
        lambda: _news_type(page))
    return next((genre for clue in clues if (genre := clue())), None)
