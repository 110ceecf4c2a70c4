"""A pack: several briefs in one PDF, behind a cover that lists them (`briefing pack`).

Teams hand over the morning's five briefs, not one. A pack is made of the briefs' own
fitted pages, each laid out as `build` lays it out (its theme, paper and design kept,
no second fit), after a cover whose contents link to each brief's page. Each brief's
page gets one bookmark and a page label (its number in the pack; the cover is i, ii);
the anchors and links of each page are renamed apart, so that a brief's reference
marks lead to its own sources and not to another brief's. Every brief is checked
first: one bad brief stops the pack, with its file and line. The pack's HTML
counterpart is an index page linking to each brief's HTML.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from briefing import theme_lookup
from briefing.errors import InputError, UsageError
from briefing.inline import to_plain
from briefing.model import PdfStandard
from briefing.wording import plural

if TYPE_CHECKING:
    from briefing.build import Builder, Checked
    from briefing.layout import Fitted

TEMPLATE = "pack.html.j2"
BRIEF_ANCHOR = "pack-brief-{}"
"""The anchor of the n-th brief's page, which the cover's contents link to."""


@dataclass(frozen=True)
class Entry:
    """One brief as the contents list it."""

    title: str
    headline: str
    outlet: str
    bluf: str
    href: str
    page: str
    """Its page label in the pack: 1 for the first brief (the cover is i)."""


@dataclass(frozen=True)
class Pack:
    """The briefs of a pack, checked and fitted, in the order given."""

    title: str
    briefs: tuple[tuple[Checked, Fitted], ...]

    @property
    def standard(self) -> PdfStandard:
        """What the pack claims: what every one of its briefs claims (plain if one is)."""
        claimed = {checked.brief.design.pdf for checked, _fitted in self.briefs}
        if PdfStandard.PLAIN in claimed:
            return PdfStandard.PLAIN
        return PdfStandard.PDF_UA_1 if claimed == {PdfStandard.PDF_UA_1} else (
            PdfStandard.PDF_A_3B)


def prepare(builder: Builder, paths: Sequence[Path], title: str | None = None) -> Pack:
    """Check every brief, then fit each; InputError listing every problem of every brief
    if one is not fit to build (nothing is laid out then)."""
    if not paths:
        raise UsageError("no briefs to pack", "give .yaml files or folders that hold them")
    checked, problems = [], []
    for path in paths:
        try:
            one = builder.check(path)
        except InputError as exc:
            problems += exc.diagnostics
            continue
        problems += one.problems(strict=builder.strict)
        checked.append(one)
    if problems:
        raise InputError(problems)
    fitted = [builder.fit(one) for one in checked]
    return Pack(title or default_title(checked), tuple(zip(checked, fitted, strict=True)))


def default_title(checked: Sequence[Checked]) -> str:
    """`5 briefs, 25 November 2026`: the count and the latest day one was prepared."""
    latest = max(one.brief.meta.prepared for one in checked)
    return f"{plural(len(checked), 'brief')}, {latest.isoformat()}"


def pack_pdf(builder: Builder, pack: Pack) -> bytes:
    """The pack as one PDF: the cover, then each brief's own fitted page."""
    from briefing.pdf import pdf_bytes

    cover = _cover_document(builder, pack)
    pages = [_cover_page(page, pack.title if i == 0 else None)
             for i, page in enumerate(cover.pages)]
    for n, (checked, fitted) in enumerate(pack.briefs, start=1):
        pages.append(_brief_page(fitted.document.pages[0], n, checked.brief.meta.title))
    # The pack carries no brief's files: `briefing extract` works on each brief's own PDF.
    return pdf_bytes(cover.copy(pages), standard=pack.standard,
                     labels=((0, "r"), (len(cover.pages), "D")))


def index_html(pack: Pack) -> str:
    """The pack's index page: its title and contents, each brief linked to its HTML."""
    return _render(pack, pdf=False)


def _cover_document(builder: Builder, pack: Pack) -> Any:
    """The cover laid out by the engine that laid out the briefs (its fonts, its files)."""
    from weasyprint import HTML

    layout = builder.layout
    html = HTML(string=_render(pack, pdf=True), url_fetcher=layout.fetcher,
                base_url=layout.base_url)
    return html.render(font_config=layout.font_config, stylesheets=[layout.font_css],
                       pdf_tags=True)


def _render(pack: Pack, *, pdf: bool) -> str:
    """The cover's HTML: for the PDF (`pdf`, its contents link to the pages, numbered as
    their labels are), or as the index page (linking to each brief's HTML)."""
    entries = [
        Entry(checked.brief.meta.title, checked.brief.piece.headline, checked.brief.piece.outlet,
              to_plain(checked.brief.bluf),
              f"#{BRIEF_ANCHOR.format(n)}" if pdf else f"{checked.file.stem}.html",
              str(n))
        for n, (checked, _fitted) in enumerate(pack.briefs, start=1)
    ]
    briefs = [checked.brief for checked, _fitted in pack.briefs]
    languages = {brief.meta.language for brief in briefs}
    return _environment().get_template(TEMPLATE).render(
        title=pack.title, entries=entries, pdf=pdf,
        analysts=list(dict.fromkeys(brief.meta.analyst for brief in briefs)),
        description=f"A pack of {plural(len(briefs), 'brief')}: "
        + "; ".join(brief.meta.title for brief in briefs),
        keywords=list(dict.fromkeys(brief.piece.outlet for brief in briefs)),
        date=max(brief.meta.prepared for brief in briefs).isoformat(),
        language=languages.pop() if len(languages) == 1 else "en",
        paper=briefs[0].design.paper.value,
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(theme_lookup.PACKAGE_TEMPLATES),
                              autoescape=True, undefined=jinja2.StrictUndefined)


def _cover_page(page: Any, title: str | None) -> Any:
    """A cover page with one bookmark (the first page's), leading to the contents."""
    page = copy.copy(page)
    page.bookmarks = [(1, title, (0, 0), "open")] if title else []
    return page


def _brief_page(page: Any, n: int, title: str) -> Any:
    """The n-th brief's page, as laid out, with one bookmark (its title), an anchor for
    the contents to link to, and its own anchors and links renamed apart from the
    other briefs' (they share names such as `source-reuters`)."""
    page = copy.copy(page)
    prefix = f"b{n}-"
    page.bookmarks = [(1, title, (0, 0), "open")]
    page.anchors = {prefix + name: point for name, point in page.anchors.items()}
    page.anchors[BRIEF_ANCHOR.format(n)] = (0, 0, 0, 0)
    page.links = [(kind, prefix + target if kind == "internal" else target, rect, box)
                  for kind, target, rect, box in page.links]
    return page
