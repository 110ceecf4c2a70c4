"""Web pages in: a page saved from a browser (.html, "Web page, complete", .mhtml) gives
the article's paragraphs and what the page says of it, with nothing of the page's
furniture, nothing fetched and nothing read but the file named."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.draft.reading import Source, html, load_source, read_piece, read_source, webmeta
from briefing.draft.reading.piece import Piece
from briefing.draft.reading.sniffing import kind_of
from briefing.errors import InputError

ARTICLES = Path(__file__).resolve().parent / "articles"
PAGES = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".html", ".htm", ".mhtml"))
BODY_PARAGRAPHS = ("p", "h2")
"""The blocks of a corpus page's body: its paragraphs and subheads."""


def expected(page: Path) -> dict[str, Any]:
    data = yaml.safe_load(page.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def markup_of(page: Path) -> str:
    """The page's HTML as a browser would decode it (from its archive, for .mhtml)."""
    data = page.read_bytes()
    if page.suffix == ".mhtml":
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        part = next(p for p in message.walk() if p.get_content_type() == "text/html")
        data = part.get_payload(decode=True)
        assert isinstance(data, bytes)
    return html.decode(data)


def body_paragraphs(page: Path) -> list[str]:
    """The paragraphs of the article as its markup has them: the <p> and <h2> (without a
    class of their own: standfirst, byline, bio...) of the element with the most <p>."""
    tree = html.parse(markup_of(page))
    body = max(tree.iter(), key=lambda e: sum(1 for c in e if c.tag == "p"))
    return [" ".join(child.text_content().split()) for child in body
            if child.tag in BODY_PARAGRAPHS and not child.get("class")]


def blocks_of(piece: Piece) -> list[str]:
    """The paragraphs of the piece's text, which ends in a newline."""
    assert piece.text.endswith("\n") and not piece.text.endswith("\n\n")
    return piece.text[:-1].split("\n\n")


@pytest.fixture(scope="module", params=PAGES, ids=[p.name for p in PAGES])
def page(request: pytest.FixtureRequest) -> tuple[Path, Piece]:
    path: Path = request.param
    return path, read_piece(path)


def test_the_corpus_has_a_page_of_each_kind() -> None:
    assert len(PAGES) >= 7
    assert {p.suffix for p in PAGES} == {".html", ".mhtml"}
    for path in PAGES:
        assert path.with_suffix(".expected.yaml").is_file(), path


# --- the corpus: text ------------------------------------------------------------------


def test_the_text_is_the_articles_paragraphs_a_blank_line_apart(
    page: tuple[Path, Piece],
) -> None:
    path, piece = page
    blocks = blocks_of(piece)
    paragraphs = body_paragraphs(path)
    assert len(paragraphs) >= 6, path
    missing = [p for p in paragraphs if p not in blocks]
    assert not missing, f"{path.name}: not a paragraph of the text: {missing}"
    assert blocks[0] == piece.about.headline  # the piece begins with its headline
    assert all(block.strip() == block and "\n" not in block for block in blocks)


def test_no_boilerplate_reaches_the_text(page: tuple[Path, Piece]) -> None:
    path, piece = page
    boilerplate = expected(path).get("not_in_text") or []
    assert boilerplate, path
    assert [b for b in boilerplate if b in piece.text] == []


def test_every_quotation_is_in_the_text_as_the_page_has_it(page: tuple[Path, Piece]) -> None:
    path, piece = page
    for quote in expected(path)["quotes"]:
        assert quote["starts"] in piece.text, quote
    assert "&ldquo;" not in piece.text and "&#8220;" not in piece.text


ABOUT: dict[str, Callable[[Any], Any]] = {
    "headline": lambda about: about.headline,
    "dek": lambda about: about.dek,
    "author": lambda about: " and ".join(about.authors) or None,
    "published": lambda about: about.published,
    "published_note": lambda about: about.published_note,
    "outlet": lambda about: about.outlet,
    "url": lambda about: about.url,
    "genre": lambda about: about.genre,
}
"""Each metadata field of an expected.yaml, as the reader's About holds it."""


def test_every_metadata_field_is_found(page: tuple[Path, Piece]) -> None:
    path, piece = page
    fields = expected(path)["metadata"]
    found = {name: ABOUT[name](piece.about) for name in fields}
    assert found == fields


def test_a_date_known_in_part_is_a_note_not_a_date() -> None:
    about = read_piece(ARTICLES / "lindqvist-gas-analysis.html").about
    assert about.published is None and about.published_note == "April 2026"


def test_lists_tables_line_breaks_and_block_quotes_become_paragraphs() -> None:
    page = ("<html><body><article><h1>Budget in figures</h1>"
            f"{ARTICLE_BODY}<p>Harbour Road<br>Veldmark</p>"
            "<ul><li>Schools: up 4 per cent</li><li>Roads: down 2 per cent</li></ul>"
            "<table><tr><th>Year</th><th>Deficit</th></tr><tr><td>2025</td><td>3.1%</td></tr>"
            "</table><blockquote><p>\u201cWe will balance the books,\u201d the minister "
            "said.</p></blockquote></article></body></html>")
    blocks = blocks_of(read_source(Source("page.html", page.encode(), ".html")))
    for block in ("Harbour Road Veldmark", "Schools: up 4 per cent", "Roads: down 2 per cent",
                  "Year | Deficit", "2025 | 3.1%",
                  "\u201cWe will balance the books,\u201d the minister said."):
        assert block in blocks, block


# --- metadata from small pages ----------------------------------------------------------


def page_about(head: str, body: str = "") -> Any:
    """What webmeta finds in a page of `head` and `body` markup."""
    return webmeta.about(html.parse(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_json_ld_wins_over_opengraph_which_wins_over_the_byline() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "From '
            'JSON-LD", "author": {"@type": "Person", "name": "Ana Ruiz"}}</script>'
            '<meta property="og:title" content="From OpenGraph">'
            '<meta name="author" content="Tom Lee">')
    about = page_about(head, "<h1>From the page</h1><p class=byline>By Eva Holm</p>")
    assert (about.headline, about.authors) == ("From JSON-LD", ("Ana Ruiz",))
    about = page_about(head.split("</script>")[1], "<h1>From the page</h1>")
    assert (about.headline, about.authors) == ("From OpenGraph", ("Tom Lee",))
    about = page_about("", "<h1>From the page</h1><p class=byline>By Eva Holm</p>")
    assert (about.headline, about.authors) == ("From the page", ("Eva Holm",))


@pytest.mark.parametrize(("byline", "names"), [
    ("By Ana Ruiz and Tom Lee", ("Ana Ruiz", "Tom Lee")),
    ("By ANA RUIZ", ("Ana Ruiz",)),
    ("By Ana Ruiz, Tom Lee and Eva Holm, Reuters", ("Ana Ruiz", "Tom Lee", "Eva Holm")),
    ("By Ana Ruiz, Staff Reporter | Updated 3 March", ("Ana Ruiz",)),
    ("Words by Prof. Sanne van Dijk", ("Sanne van Dijk",)),
    ("By Ana Ruiz in Kovar and Tom Lee in Prague", ("Ana Ruiz", "Tom Lee")),
    ("By Ana Ruiz & Tom Lee, Associated Press", ("Ana Ruiz", "Tom Lee")),
])
def test_a_byline_gives_names_only(byline: str, names: tuple[str, ...]) -> None:
    assert page_about("", f'<div class="article-byline">{byline}</div>').authors == names


def test_json_ld_in_a_list_and_a_graph_with_an_organisation_author() -> None:
    head = ('<script type="application/ld+json">[{"@type": "WebPage"}, {"@graph": ['
            '{"@type": "Organization", "@id": "#o", "name": "The Gazette"},'
            '{"@type": ["OpinionNewsArticle"], "headline": "A view", "publisher": {"@id": "#o"},'
            '"author": [{"@type": "Organization", "name": "The Gazette"},'
            '{"@type": "Person", "name": "Ines Moreau"}], "datePublished": "2026-03"}]}]'
            '</script>')
    about = page_about(head)
    assert (about.headline, about.outlet, about.authors, about.genre) == (
        "A view", "The Gazette", ("Ines Moreau",), "opinion")
    assert (about.published, about.published_note) == (None, "March 2026")


def test_json_ld_as_cms_write_it_entities_and_line_breaks_in_strings() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Mayor\u2019s plan &#8216;dead&#8217; \n after vote", "author": {"name": '
            '"Se&aacute;n O&#8217;Neill"}}</script>')
    about = page_about(head)
    assert about.headline == "Mayor\u2019s plan \u2018dead\u2019 after vote"
    assert about.authors == ("Se\u00e1n O\u2019Neill",)


@pytest.mark.parametrize(("markup", "genre"), [
    ('<link rel=canonical href="https://x.example/opinion/2026/a-view">', "opinion"),
    ('<link rel=canonical href="https://x.example/news/op-ed/a-view">', "opinion"),
    ('<meta property="article:section" content="Analysis">', "analysis"),
    ('<script type="application/ld+json">{"@type": "OpinionNewsArticle", '
     '"articleSection": "Editorial"}</script>', "editorial"),
    ('<script type="application/ld+json">{"@type": "NewsArticle"}</script>', "news"),
    ('<script type="application/ld+json">{"@type": "BlogPosting"}</script>', None),
    ('<link rel=canonical href="https://x.example/world/opinion-polls-tighten">', None),
])
def test_the_genre_is_what_the_page_says(markup: str, genre: str | None) -> None:
    assert page_about(markup).genre == genre


@pytest.mark.parametrize(("words", "when"), [
    ("Published 3 March 2026", (dt.date(2026, 3, 3), None)),
    ("Sept. 14, 2026, 9:02 a.m. ET", (dt.date(2026, 9, 14), None)),
    ("Updated: Mar 2026", (None, "March 2026")),
    ("Mayor 2026 election", (None, None)),
    ("31 February 2026", (None, None)),
])
def test_a_date_in_words(words: str, when: tuple[dt.date | None, str | None]) -> None:
    about = page_about("", f'<span class="date">{words}</span>')
    assert (about.published, about.published_note) == when


def test_an_op_ed_kicker_says_opinion() -> None:
    assert page_about("", '<span class="kicker">Op-Ed</span><h1>A view</h1>').genre == "opinion"


@pytest.mark.parametrize(("head", "url"), [
    ('<link rel="canonical" href="https://x.example/a">', "https://x.example/a"),
    ('<meta property="og:url" content="http://x.example/b">', "http://x.example/b"),
    ('<link rel="canonical" href="file:///etc/passwd">', None),
    ('<link rel="canonical" href="javascript:alert(1)">', None),
    ('<link rel="canonical" href="/relative/path">', None),
])
def test_only_a_web_address_is_the_pieces_url(head: str, url: str | None) -> None:
    assert page_about(head).url == url


@pytest.mark.parametrize(("title", "headline"), [
    ("Talks fail | The Daily Example", "Talks fail"),
    ("Talks fail - The Daily Example", "Talks fail"),
    ("Talks fail — The Daily Example", "Talks fail"),
    ("Talks fail - and then resume", "Talks fail - and then resume"),
])
def test_the_site_name_is_cut_from_the_title(title: str, headline: str) -> None:
    head = f'<title>{title}</title><meta property="og:site_name" content="The Daily Example">'
    assert page_about(head).headline == headline


@pytest.mark.parametrize("description", [
    "Read the latest news from Stanmere and the valley",
    "The council met on Monday and voted, after a long debate that went on...",
])
def test_a_description_that_is_no_standfirst_is_no_dek(description: str) -> None:
    head = f'<meta name="description" content="{description}">'
    body = ("<p>The council met on Monday and voted, after a long debate that went on well "
            "into the night, to close the library.</p>")
    assert page_about(head, body).dek is None


# --- charsets -------------------------------------------------------------------------


PARAGRAPH_0 = ("Paragraph 0 of the article says what happened in the town on Monday, with "
               "enough words to be read as an article and not as a menu.")
ARTICLE_BODY = "".join(
    f"<p>Paragraph {n} of the article says what happened in the town on Monday, with "
    f"enough words to be read as an article and not as a menu.</p>" for n in range(6))


@pytest.mark.parametrize(("data", "word"), [
    ("<html><head><meta charset=windows-1252><title>Caf\u00e9</title></head><body>"
     f"<article><h1>Caf\u00e9 \u2013 news</h1>{ARTICLE_BODY}</article></body></html>"
     .encode("cp1252"), "Caf\u00e9 \u2013 news"),
    ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
     f"</head><body><article><h1>\u041c\u0438\u0440</h1>{ARTICLE_BODY}</article></body></html>"
     .encode("koi8-r"), "\u041c\u0438\u0440"),
    ("\ufeff<!doctype html><html><body><article><h1>Na\u00efve</h1>"
     f"{ARTICLE_BODY}</article></body></html>".encode("utf-16-le"), "Na\u00efve"),
    (f"<html><body><article><h1>Caf\u00e9 \u00e0 Paris</h1>{ARTICLE_BODY}</article></body>"
     "</html>".encode("cp1252"), "Caf\u00e9 \u00e0 Paris"),  # undeclared, not UTF-8
    (f'<?xml version="1.0" encoding="iso-8859-1"?><html xmlns="http://www.w3.org/1999/xhtml">'
     f"<body><article><h1>S\u00e3o Tom\u00e9</h1>{ARTICLE_BODY}</article></body></html>"
     .encode("latin-1"), "S\u00e3o Tom\u00e9"),
], ids=["meta-charset", "http-equiv", "utf16-bom", "undeclared", "xhtml"])
def test_the_charset_is_the_one_the_page_gives(data: bytes, word: str) -> None:
    piece = read_source(Source("page.html", data, ".html"))
    assert piece.about.headline == word
    assert piece.text.startswith(word + "\n\n")


def test_the_pages_own_quotation_marks_and_entities_are_kept_decoded() -> None:
    text = read_piece(ARTICLES / "chronicle-pension-editorial.html").text
    assert "\u201cnobody\u2019s pension will go down\u201d" in text  # &ldquo; &rsquo;
    assert "\u201ca cut by stealth\u201d" in text  # &#8220; &#8221;
    assert "H\u00e9l\u00e8ne Roussel" in text and "\u00a3400" in text  # raw cp1252, &pound;
    wire = read_piece(ARTICLES / "cpa-tailings-wire.html").text
    assert '"We saw the water turn grey' in wire  # straight quotes stay straight


# --- sniffing -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "suffix"), [("page.txt", ".txt"), ("page", "")])
def test_a_page_is_known_by_its_bytes_not_its_name(
    name: str, suffix: str, tmp_path: Path
) -> None:
    for corpus_page, kind in ((ARTICLES / "courier-port-strike.html", "html"),
                              (ARTICLES / "northline-cameras.mhtml", "mhtml")):
        path = tmp_path / name
        path.write_bytes(corpus_page.read_bytes())
        assert kind_of(load_source(path)) == kind
        assert read_piece(path).about.headline == read_piece(corpus_page).about.headline


@pytest.mark.parametrize(("start", "kind"), [
    (b"<!DOCTYPE html><html>", "html"),
    (b" " * 5000 + b"\r\n<html><body>", "html"),
    (b"\xef\xbb\xbf\n  <!-- saved from url=(0014)about:internet -->\n<html>", "html"),
    (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML'
     b' 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml">', "html"),
    (b"<HTML><HEAD><TITLE>x</TITLE>", "html"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b",
     "mhtml"),
    (b"Talks fail\n\nThe <html> tag is not news.\n", "text"),
    (b"Subject: talks\nFrom: desk\n\nTalks fail.\n", "text"),
])
def test_sniffing_by_content(start: bytes, kind: str) -> None:
    assert kind_of(Source("piece", start)) == kind


def test_a_file_named_html_is_a_page_unless_it_holds_no_markup() -> None:
    text = b"Talks fail\n\nNo markup in this text at all.\n"
    assert kind_of(Source("piece.html", text, ".html")) == "text"
    assert kind_of(Source("piece.html", b"Talks <b>fail</b>\n", ".html")) == "html"
    with pytest.raises(InputError, match="binary data"):
        kind_of(Source("piece.html", bytes(range(256)), ".html"))


# --- hostile and bad pages ----------------------------------------------------------------


SECRET = "TOP-SECRET-7731"


def hostile_page(secret: Path) -> str:
    """A page that names a local file in every way HTML and XML allow."""
    url = secret.as_uri()
    return (f'<!DOCTYPE html [<!ENTITY leak SYSTEM "{url}"><!ENTITY pw SYSTEM '
            f'"file:///etc/passwd"><!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">'
            f' %remote;]>\n<html><head><link rel="stylesheet" href="{url}">'
            f'<script src="{url}"></script><base href="file:///etc/"></head><body><article>'
            f"<h1>Hostile page</h1><p>Entity: &leak; and &pw;.</p>"
            f'<iframe src="{url}"></iframe><img src="{url}"><object data="{url}"></object>'
            f'<iframe src="file:///etc/passwd"></iframe>'
            f"<xi:include href=\"{url}\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"></xi:include>"
            f'{ARTICLE_BODY}<embed src="http://127.0.0.1:9/"></article></body></html>')


def test_no_entity_frame_image_or_style_of_the_page_is_ever_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    page = tmp_path / "hostile.html"
    page.write_text(hostile_page(secret), encoding="utf-8")

    def no_network(*args: object) -> None:
        raise AssertionError("reading a page tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    piece = read_piece(page)
    everything = piece.text + repr(piece.about)
    assert SECRET not in everything and "root:" not in everything
    assert "/etc/passwd" not in everything and "ENTITY" not in everything
    assert piece.about.headline == "Hostile page" and "Paragraph 5 of" in piece.text
    assert "]>" not in piece.text and "%remote;" not in piece.text  # nothing of the DTD
    assert PARAGRAPH_0 in blocks_of(piece)  # and the page read as it would be
    assert "]>" not in html.parse(page.read_text(encoding="utf-8")).text_content()


def test_the_files_folder_of_a_complete_page_is_never_read(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes((ARTICLES / "gazette-maternity-saved.html").read_bytes()
                     .replace(b"gazette-maternity-saved_files", b"saved_files"))
    folder = tmp_path / "saved_files"
    folder.mkdir()
    for name in ("ad-frame.html", "main.8c1d.css", "app.js.download"):
        (folder / name).write_text(f"<p>{SECRET} in {name}</p>", encoding="utf-8")
    piece = read_piece(page)
    assert SECRET not in piece.text
    assert piece.text == read_piece(ARTICLES / "gazette-maternity-saved.html").text


def refused(run_cli: Callable[..., Result], name: str, data: bytes) -> Result:
    """`briefing new x --from NAME` on a file of `data`: exit 2, the file named, no YAML."""
    Path(name).write_bytes(data)
    result = run_cli("new", "x", "--from", name)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{name}: error: ")
    assert "Traceback" not in result.output
    assert not Path("content").exists()
    return result


NO_ARTICLE_PAGES = {
    "nav-only": b"<!doctype html><html><head><title>Home | The Gazette</title></head><body>"
                b"<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>"
                b"<div class=cookie-banner>We use cookies. <button>Accept all</button></div>"
                b"<footer>&copy; 2026 The Gazette</footer></body></html>",
    "empty": b"<html><body></body></html>",
    "only-a-script": b"<html><head><script>window.location='https://x.example'</script>"
                     b"</head></html>",
}


@pytest.mark.parametrize("markup", list(NO_ARTICLE_PAGES.values()), ids=list(NO_ARTICLE_PAGES))
def test_a_page_with_no_article_is_refused_saying_what_to_do(
    markup: bytes, in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    result = refused(run_cli, "front.html", markup)
    assert "no article found in the page" in result.stderr
    assert "save the article's own page" in result.stderr and ".txt" in result.stderr


def test_a_stray_control_character_deep_in_a_page_is_dropped() -> None:
    style = "<style>" + "p { margin: 0 }\n" * 500 + "</style>"  # past what is sniffed
    page = (f"<html><head>{style}</head><body><article><h1>Nul</h1>{ARTICLE_BODY}"
            "<p>Last\x00 words\x01.</p></article></body></html>").encode()
    piece = read_source(Source("page.html", page, ".html"))
    assert blocks_of(piece)[-1] == "Last words." and "</" not in piece.text


@pytest.mark.parametrize("name", ["page.html", "page.htm", "archive.mhtml"])
def test_binary_data_named_as_a_page_is_refused(
    name: str, in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    garbage = bytes(range(256)) * 64
    result = refused(run_cli, name, garbage)
    assert re.search(r"binary data|no page in it", result.stderr)
    assert "not UTF-8" not in result.stderr


@pytest.mark.parametrize(("markup", "what"), [
    ("<html><body><article><h1>Long</h1>" + "<p><i>a</i></p>" * 21_000 + "</article></body></html>",
     "42,004 elements, more than the 40,000 read"),
    ("<html><body><article><h1>Long</h1>" + "<p>" + "word " * 201_000 + "</p></article></body>"
     "</html>", "characters of text, more than the 1,000,000 read"),
], ids=["elements", "text"])
def test_a_page_too_big_to_search_in_time_is_refused(
    markup: str, what: str, in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    result = refused(run_cli, "long.html", markup.encode())
    assert "is too big a page to look for an article in" in result.stderr
    assert what in result.stderr and "copy the article's text into a .txt" in result.stderr


def test_inline_data_does_not_count_as_text_and_markup_heavy_paragraphs_are_quick() -> None:
    import time

    script = "<script>" + "var data = 1;" * 100_000 + "</script>"  # a framework's state
    bold = "<p>" + "<b>x</b> " * 10_000 + "</p>"
    page = (f"<html><body>{script}<article><h1>Heavy</h1>{bold}{ARTICLE_BODY}</article>"
            "</body></html>")
    start = time.perf_counter()
    piece = read_source(Source("heavy.html", page.encode(), ".html"))
    assert time.perf_counter() - start < 5
    assert PARAGRAPH_0 in blocks_of(piece) and "x x x" in piece.text


def word_archive(page: str, location: str) -> bytes:
    """A page as Word saves it as a "Web archive" (.mht): windows-1252, quoted-printable."""
    import quopri

    body = quopri.encodestring(page.encode("cp1252")).decode("ascii")
    return ("MIME-Version: 1.0\r\nContent-Type: multipart/related; "
            'boundary="----=_NextPart_01DC0A1B.5E3F2C40"\r\n\r\n'
            "This document is a Single File Web Page, also known as a Web Archive file.\r\n"
            "\r\n------=_NextPart_01DC0A1B.5E3F2C40\r\n"
            f"Content-Location: {location}\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            'Content-Type: text/html; charset="windows-1252"\r\n\r\n'
            f"{body}\r\n\r\n------=_NextPart_01DC0A1B.5E3F2C40\r\n"
            "Content-Location: file:///C:/Users/ana/Documents/brief_files/image001.png\r\n"
            "Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\n"
            "iVBORw0KGgo=\r\n\r\n------=_NextPart_01DC0A1B.5E3F2C40--\r\n").encode("ascii")


@pytest.mark.parametrize(("location", "url"), [
    ("https://gazette.example/2026/talks-fail", "https://gazette.example/2026/talks-fail"),
    ("file:///C:/Users/ana/Documents/brief.htm", None),
])
def test_a_word_web_archive_is_read_in_its_parts_charset(location: str, url: str | None) -> None:
    page = ("<html><head><title>Talks fail</title></head><body><article>"
            f"<h1>Caf\u00e9 talks fail \u2013 again</h1>{ARTICLE_BODY}"
            "<p>\u201cWe came with an offer,\u201d said Ana Ru\u00edz.</p></article></body></html>")
    piece = read_source(Source("brief.mht", word_archive(page, location), ".mht"))
    assert piece.kind == "mhtml" and piece.about.headline == "Caf\u00e9 talks fail \u2013 again"
    assert "\u201cWe came with an offer,\u201d said Ana Ru\u00edz." in blocks_of(piece)
    assert piece.about.url == url  # where the page came from, when it is on the web


def test_a_page_with_its_images_inlined_is_read(tmp_path: Path) -> None:
    image = "data:image/jpeg;base64," + "QUJD" * 2_000_000  # 8 MB, as SingleFile saves
    page = tmp_path / "single.html"
    page.write_text(f"<html><body><article><h1>Inlined</h1><img src=\"{image}\">"
                    f"{ARTICLE_BODY}</article></body></html>", encoding="utf-8")
    piece = read_piece(page)
    assert PARAGRAPH_0 in blocks_of(piece) and "QUJD" not in piece.text


def test_a_web_archive_without_a_page_is_refused(
    in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    archive = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
               b"--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               b"iVBORw0KGgo=\r\n--b--\r\n")
    result = refused(run_cli, "saved.mht", archive)
    assert "web archive with no page in it" in result.stderr


def test_the_errors_are_input_errors_naming_the_file() -> None:
    with pytest.raises(InputError) as caught:
        read_source(Source("front.html", NO_ARTICLE_PAGES["nav-only"], ".html"))
    assert caught.value.exit_code == 2 and "front.html" in str(caught.value.diagnostics[0])


# --- the whole path -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["courier-port-strike.html", "northline-cameras.mhtml",
                                  "aldenburg-drought-interview.html"])  # ": " and quotes
def test_briefing_new_from_a_page_takes_its_headline(
    name: str, in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    page = in_tmp / name
    page.write_bytes((ARTICLES / name).read_bytes())
    result = run_cli("new", "piece", "--from", name)
    assert result.exit_code == 0, result.output
    brief = yaml.safe_load(Path("content/piece.yaml").read_text(encoding="utf-8"))
    assert brief["piece"]["headline"] == expected(ARTICLES / name)["metadata"]["headline"]
    assert brief["quotes"], "the page's quotations are banked"


def test_a_page_on_standard_input_is_known_by_its_bytes(in_tmp: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    page = (ARTICLES / "northline-cameras.mhtml").read_bytes()
    result = CliRunner().invoke(cli, ["new", "piece", "--from", "-"], input=page)
    assert result.exit_code == 0, result.output
    brief = yaml.safe_load(Path("content/piece.yaml").read_text(encoding="utf-8"))
    assert brief["piece"]["headline"] == expected(ARTICLES / "northline-cameras.mhtml")[
        "metadata"]["headline"]


def test_reading_a_page_is_quick() -> None:
    import time

    read_piece(ARTICLES / "courier-port-strike.html")  # trafilatura imported
    start = time.perf_counter()
    for path in PAGES:
        read_piece(path)
    assert (time.perf_counter() - start) / len(PAGES) < 1.0
    assert dt.date(2026, 3, 4) == read_piece(ARTICLES / "courier-port-strike.html").about.published


# --- whatever the bytes, a piece or a message ------------------------------------------------


COURIER = (ARTICLES / "courier-port-strike.html").read_bytes()


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(0, len(COURIER)), junk=st.binary(max_size=64),
       at=st.integers(0, len(COURIER)))
def test_a_truncated_or_corrupted_page_gives_a_piece_or_a_message(
    cut: int, junk: bytes, at: int
) -> None:
    data = COURIER[:cut]
    data = data[:at] + junk + data[at:]
    try:
        piece = read_source(Source("page.html", data, ".html"))
    except InputError as error:
        assert error.exit_code == 2 and error.diagnostics[0].hint
    else:  # a cut before any markup leaves text, the text reader's to read
        assert piece.kind == "text" or len(piece.text.split()) >= html.MIN_ARTICLE_WORDS
