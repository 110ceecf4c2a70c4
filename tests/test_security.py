"""A brief is untrusted input: its text stays text, and nothing outside gets in."""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.fetcher import AssetFetcher
from briefing.fonts import FONTS_DIR
from briefing.inline import to_html, to_plain
from briefing.model import MAX_TEXT

SECRET = "TOP-SECRET-CANARY-7c1e"
HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=file:///etc/passwd>",
    "<link rel=attachment href=file:///etc/passwd>",
    "<base href=http://127.0.0.1:9/>",
    "<style>body{background:url(file:///etc/passwd)}</style>",
    "{{ 7*7 }} {% include 'base.html.j2' %}",
    "</q></td></tr></table><iframe src=javascript:alert(1)>",
    "url(file:///etc/passwd) @import 'http://127.0.0.1:9/x.css';",
    "[link](javascript:alert(1)) <a href=\"javascript:alert(1)\">x</a>",
    "&lt;already escaped&gt; &amp; \"quotes\" 'single'",
]


def hostile(i: int) -> str:
    return f"H{i} {HOSTILE[i % len(HOSTILE)]}"


def hostile_brief(tmp_path: Path) -> dict[str, Any]:
    (tmp_path / "piece.txt").write_text(" ".join(HOSTILE), encoding="utf-8")
    def quote() -> dict[str, str]:
        return {"exact": HOSTILE[0], "context": hostile(1)}

    return {
        "piece": {"headline": hostile(0), "dek": hostile(1), "outlet": hostile(2),
                  "author": hostile(3), "published_note": hostile(4), "genre": "news",
                  "url": "https://example.org/a?b=<script>&c=\"x\"", "source_text": "piece.txt"},
        "meta": {"title": hostile(5), "analyst": hostile(6), "prepared": "2024-01-02",
                 "keywords": [hostile(7)]},
        "bluf": hostile(8),
        "key_judgments": [{"text": hostile(9), "confidence": "low"}],
        "motives": [{"actor": hostile(0), "motive": hostile(1), "basis": "stated",
                     "confidence": "high", "evidence": [quote()]}],
        "sourcing": [{"id": "s1", "who": hostile(2), "named": False, "anonymity": hostile(3),
                      "kind": "other", "hand": "first", "reliability": "F", "credibility": 6,
                      "supports": hostile(4), "quotes": [quote()]}],
        "critique": {
            "strengths": [{"point": hostile(5), "quote": quote()}],
            "factual_errors": [{"claim": quote(), "correction": hostile(6)}],
            "unsupported_claims": [{"claim": quote(), "issue": hostile(7)}],
            "missing_perspectives": [{"who": hostile(8), "why": hostile(9)}],
            "rhetoric": [{"device": hostile(0), "quote": quote(), "effect": hostile(1)}],
        },
        "watch": [{"text": hostile(2), "kind": "question"}],
    }


class Tags(HTMLParser):
    """Collects the tags and link targets of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_style = tag == "style"
        self.links += [v or "" for k, v in attrs if k in ("href", "src")]

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, pypdf.PdfReader, bytes]:
    import yaml

    tmp = tmp_path_factory.mktemp("hostile")
    brief = tmp / "hostile.yaml"
    brief.write_text(yaml.safe_dump(hostile_brief(tmp), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(brief), "--out", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    pdf = (tmp / "out" / "hostile.pdf").read_bytes()
    html = (tmp / "out" / "hostile.html").read_text(encoding="utf-8")
    return html, pypdf.PdfReader(tmp / "out" / "hostile.pdf"), pdf


def test_html_has_only_the_templates_tags(built: tuple[str, pypdf.PdfReader, bytes]) -> None:
    html, _, _ = built
    parsed = Tags()
    parsed.feed(html)
    assert not parsed.tags & {"script", "img", "iframe", "base", "link", "object", "embed"}
    assert html.count("<style") == 3  # fonts, the stylesheet, the fitted scale
    assert all(re.match(r"https?://", link) for link in parsed.links), parsed.links


def test_content_is_printed_as_typed(built: tuple[str, pypdf.PdfReader, bytes]) -> None:
    html, reader, _ = built
    parsed = Tags()
    parsed.feed(html)
    text = "".join(parsed.text)
    for string in HOSTILE:
        assert string in text  # each string survives, as text, exactly as typed
    assert not re.search(r"\b49\b", text)
    pdf_text = " ".join(page.extract_text() for page in reader.pages)
    assert "{{ 7*7 }}" in pdf_text
    assert "<script>alert('x')</script>" in pdf_text


def test_pdf_has_no_attachment_script_or_outside_link(
    built: tuple[str, pypdf.PdfReader, bytes],
) -> None:
    _, reader, raw = built
    # It carries its own brief and text (docs/record.md), and nothing else.
    assert sorted(reader.attachments) == ["hostile.yaml", "piece.txt"]
    assert b"/JavaScript" not in raw and b"/Launch" not in raw
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris and all(u.startswith("https://example.org/") for u in uris), uris
    images = [img for page in reader.pages for img in page.images]
    assert images == []


def test_a_template_cannot_pull_local_files_into_the_pdf(
    tmp_path: Path, write_brief: Callable[..., Path],
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    theme = tmp_path / "theme"
    (theme / "partials").mkdir(parents=True)
    (theme / "partials" / "bluf.html.j2").write_text(
        f'<link rel="attachment" href="{secret.as_uri()}">'
        f'<img src="{secret.as_uri()}"><img src="../secret.txt">'
        f'<img src="http://127.0.0.1:9/x.png">'
        f'<p style="background: url({secret.as_uri()})">{{{{ brief.bluf }}}}</p>',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    brief = write_brief(tmp_path)
    result = CliRunner().invoke(
        cli, ["build", str(brief), "--out", str(out), "--templates", str(theme)]
    )
    assert result.exit_code == 0, result.output
    raw = (out / "brief.pdf").read_bytes()
    reader = pypdf.PdfReader(out / "brief.pdf")
    assert sorted(reader.attachments) == ["brief.yaml"]  # its own brief, nothing pulled in
    assert SECRET.encode() not in raw
    assert all(SECRET.encode() not in data for files in reader.attachments.values()
               for data in files)
    assert "does not" in result.stderr  # the refusals are reported as warnings


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (FONTS_DIR / ".." / ".." / "pyproject.toml").as_uri(),
        FONTS_DIR.as_uri() + "/../../pyproject.toml",
        "http://127.0.0.1:9/font.ttf",
        "https://example.org/font.ttf",
        "ftp://example.org/font.ttf",
        "data:text/plain;base64,SGVsbG8=",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/svg+xml,<svg/>",  # an image, but not as briefing writes one
        "file://evil.example/etc/passwd",
        FONTS_DIR.as_uri(),  # a folder, not a file
    ],
)
def test_fetcher_refuses_everything_but_theme_files(url: str) -> None:
    with pytest.raises(ValueError, match="briefing does not"):
        AssetFetcher().fetch(url)


def test_fetcher_serves_the_bundled_fonts() -> None:
    font = FONTS_DIR / "NotoSerif-Regular.ttf"
    response = AssetFetcher().fetch(font.as_uri())
    assert response.read() == font.read_bytes()


def test_fetcher_refuses_a_symlink_out_of_the_theme(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (theme / "logo.png").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(ValueError):
        AssetFetcher((theme,)).fetch((theme / "logo.png").as_uri())


@pytest.mark.parametrize(
    "text",
    [
        "a:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(400)),
        "bluf: " + "[" * 900 + "]" * 900,
        "bluf: " + "{a: " * 500 + "x" + "}" * 500,
    ],
    ids=["block", "flow-lists", "flow-mappings"],
)
def test_deep_nesting_is_a_clean_error(tmp_path: Path, text: str) -> None:
    brief = tmp_path / "deep.yaml"
    brief.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(brief), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "nest" in result.stderr
    assert "Traceback" not in result.output and "unexpected" not in result.output


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    brief = tmp_path / "huge.yaml"
    brief.write_text("bluf: " + "x" * 600_000, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(brief), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "more than a brief can be (512 KiB)" in result.stderr


# --- the inline Markdown of the prose (briefing/inline.py) --------------------------------

MARKDOWN_HOSTILE = [
    "[x](javascript:alert(1)) [y](JavaScript:alert(1)) [z](java\tscript:alert(1))",
    "[x](file:///etc/passwd) [y](//127.0.0.1:9/x) [z](relative/x.html)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](http://127.0.0.1:9/image.png) ![y](file:///etc/passwd)",
    "<script>alert(1)</script> <b onclick=x>raw</b> <https://127.0.0.1:9/auto>",
    "*unclosed **nested _markers `code [label]( ***",
    "{{ brief.meta.analyst }} {% include 'base.html.j2' %}",
    "[x](vbscript:msgbox) [y](ftp://127.0.0.1:9/x) &lt;b&gt; &#x3C;script&#x3E;",
]
ALLOWED = ["https://example.org/ok", "http://127.0.0.1:9/never-fetched", "mailto:a@example.org"]
"""The only links the markdown brief makes: they are clickable, and never fetched."""


def markdown_brief(tmp_path: Path) -> dict[str, Any]:
    """The hostile brief with the prose fields carrying Markdown-shaped attacks."""
    data = hostile_brief(tmp_path)

    def attack(i: int) -> str:
        return f"M{i} {MARKDOWN_HOSTILE[i % len(MARKDOWN_HOSTILE)]}"

    data["bluf"] = attack(0) + " " + " ".join(f"[ok{i}]({u})" for i, u in enumerate(ALLOWED))
    data["key_judgments"][0]["text"] = attack(1)
    data["motives"][0]["motive"] = attack(2)
    data["sourcing"][0]["supports"] = attack(3)
    data["sourcing"][0]["anonymity"] = attack(4)
    critique = data["critique"]
    critique["strengths"][0]["point"] = attack(5)
    critique["factual_errors"][0]["correction"] = attack(6)
    critique["unsupported_claims"][0]["issue"] = attack(7)
    critique["missing_perspectives"][0]["why"] = attack(0)
    critique["rhetoric"][0]["effect"] = attack(1)
    data["watch"][0]["text"] = attack(2)
    data["motives"][0]["evidence"][0]["context"] = attack(3)
    return data


@pytest.fixture(scope="module")
def built_markdown(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, pypdf.PdfReader, list[str]]:
    """The markdown brief built to HTML and PDF, with every URL the engine was asked for."""
    import yaml

    tmp = tmp_path_factory.mktemp("markdown")
    brief = tmp / "markdown.yaml"
    brief.write_text(yaml.safe_dump(markdown_brief(tmp), allow_unicode=True), encoding="utf-8")
    fetched: list[str] = []
    fetch = AssetFetcher.fetch

    def recording(self: AssetFetcher, url: str, headers: Any = None) -> Any:
        fetched.append(url)
        return fetch(self, url, headers)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AssetFetcher, "fetch", recording)
        result = CliRunner().invoke(cli, ["build", str(brief), "--out", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    html = (tmp / "out" / "markdown.html").read_text(encoding="utf-8")
    return html, pypdf.PdfReader(tmp / "out" / "markdown.pdf"), fetched


def test_markdown_makes_only_its_own_tags_and_allowed_links(
    built_markdown: tuple[str, pypdf.PdfReader, list[str]],
) -> None:
    html, _, _ = built_markdown
    parsed = Tags()
    parsed.feed(html)
    assert not parsed.tags & {"script", "img", "iframe", "base", "link", "object", "b"}
    links = [link for link in parsed.links if link != "https://example.org/a?b=<script>&c=\"x\""]
    assert links == ALLOWED


def test_markdown_attacks_print_as_typed(
    built_markdown: tuple[str, pypdf.PdfReader, list[str]],
) -> None:
    html, reader, _ = built_markdown
    parsed = Tags()
    parsed.feed(html)
    text = "".join(parsed.text)
    for string in MARKDOWN_HOSTILE:
        assert string in text
    pdf_text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "[x](javascript:alert(1))" in pdf_text
    assert "![x](http://127.0.0.1:9/image.png)" in pdf_text
    assert "{{ brief.meta.analyst }}" in pdf_text


def test_markdown_links_are_clickable_and_never_fetched(
    built_markdown: tuple[str, pypdf.PdfReader, list[str]],
) -> None:
    _, reader, fetched = built_markdown
    uris = [str(annot.get_object()["/A"]["/URI"]) for page in reader.pages
            for annot in page.get("/Annots") or [] if "/URI" in annot.get_object()["/A"]]
    assert set(uris) - {"https://example.org/a?b=%3Cscript%3E&c=%22x%22"} == set(ALLOWED)
    assert fetched, "the fonts are fetched through the fetcher"
    assert all(url.startswith(FONTS_DIR.as_uri()) for url in fetched), fetched


@pytest.mark.parametrize(
    "text",
    ["*" * MAX_TEXT, "[" * MAX_TEXT, "*a _" * (MAX_TEXT // 4), "[a](" * (MAX_TEXT // 4),
     "![a](" * (MAX_TEXT // 5), "`a" * (MAX_TEXT // 2), "[x" * (MAX_TEXT // 4) + "]" * 500,
     ("[" * 30 + "a" + "]" * 30 + "(https://a.org)") * (MAX_TEXT // 75)],
    ids=["stars", "brackets", "mixed-emphasis", "open-links", "open-images", "backticks",
         "nested-labels", "deep-links"],
)
def test_long_markdown_is_read_in_bounded_time(text: str) -> None:
    start = time.perf_counter()
    html, plain = to_html(text), to_plain(text)
    assert time.perf_counter() - start < 2  # about 0.05 s; 2 s on a busy machine
    assert "<script" not in html and len(plain) <= len(text)


# --- a logo is untrusted input too ----------------------------------------------------------

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC"
)


def _svg(inside: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'viewBox="0 0 10 10">{inside}</svg>')


HOSTILE_SVG = {
    "file image": ('<image href="file:///etc/passwd" width="10" height="10"/>',
                   "file:///etc/passwd"),
    "web image": ('<image xlink:href="http://127.0.0.1:9/x.png" width="10" height="10"/>',
                  "http://127.0.0.1:9/x.png"),
    "relative image": ('<image href="../secret.png" width="10" height="10"/>', "../secret.png"),
    "other svg": ('<use href="other.svg#mark"/>', "other.svg#mark"),
    "nested svg": ('<image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>',
                   "data:image/svg+xml;base64,PHN2Zy8+"),
    "css url": ('<rect width="10" height="10" style="fill: url(http://127.0.0.1:9/p)"/>',
                "url(http://127.0.0.1:9/p)"),
    "css import": ("<style>@import 'http://127.0.0.1:9/x.css';</style>", "@import"),
    "foreign html": ('<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" '
                     'src="file:///etc/passwd"/></foreignObject>', "file:///etc/passwd"),
}


@pytest.mark.parametrize("inside, named", HOSTILE_SVG.values(), ids=HOSTILE_SVG)
def test_an_svg_logo_that_refers_outside_itself_is_refused(
    inside: str, named: str, in_tmp: Path, write_brief: Callable[..., Path],
) -> None:
    (in_tmp / "logo.svg").write_text(_svg(inside), encoding="utf-8")
    brief = write_brief(in_tmp, design={"logo": "logo.svg"})
    result = CliRunner().invoke(cli, ["build", brief.name, "--out", "out"])
    assert result.exit_code == 2, result.output
    assert f"the logo 'logo.svg' refers to something outside it: '{named}'" in result.stderr
    assert "hint: a logo must hold everything it shows" in result.stderr
    assert not (in_tmp / "out").exists()


def test_an_svg_logo_may_hold_its_own_images_and_gradients(
    in_tmp: Path, write_brief: Callable[..., Path],
) -> None:
    inside = ('<linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient>'
              '<rect width="10" height="10" fill="url(#g)"/><use href="#g"/>'
              '<image width="10" height="10" xlink:href="data:image/png;base64,'
              f'{base64.b64encode(PNG_1PX).decode()}"/>')
    (in_tmp / "logo.svg").write_text(_svg(inside), encoding="utf-8")
    brief = write_brief(in_tmp, design={"logo": "logo.svg"})
    result = CliRunner().invoke(cli, ["build", brief.name, "--out", "out"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_an_svg_that_reaches_the_engine_still_fetches_nothing(
    tmp_path: Path, write_brief: Callable[..., Path],
) -> None:
    """Defence in depth: an SVG as a data URI in a template is laid out, and its
    references to a local image and to the network are refused, as a warning."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG_1PX)
    hostile = _svg(f'<image href="{secret.as_uri()}" width="10" height="10"/>'
                   '<image href="http://127.0.0.1:9/in-svg.png" width="10" height="10"/>'
                   '<rect width="5" height="5"/>')
    theme = tmp_path / "theme"
    (theme / "partials").mkdir(parents=True)
    (theme / "partials" / "bluf.html.j2").write_text(
        '<img alt="x" style="width: 20pt" src="data:image/svg+xml;base64,'
        f'{base64.b64encode(hostile.encode()).decode()}"><p>{{{{ brief.bluf }}}}</p>',
        encoding="utf-8",
    )
    brief = write_brief(tmp_path)
    result = CliRunner().invoke(cli, ["build", str(brief), "--out", str(tmp_path / "out"),
                                      "--templates", str(theme)])
    assert result.exit_code == 0, result.output
    # The SVG was read (its references were asked for), and each was refused.
    assert f"briefing does not read {secret}" in result.stderr
    # (Each warning is shown once a process: the address is this test's own.)
    assert "briefing does not fetch 'http://127.0.0.1:9/in-svg.png'" in result.stderr
    reader = pypdf.PdfReader(tmp_path / "out" / "brief.pdf")
    assert [img for page in reader.pages for img in page.images] == []


@pytest.mark.parametrize("media", ["image/png", "image/svg+xml", "image/jpeg"])
def test_fetcher_serves_images_carried_in_data_uris(media: str) -> None:
    response = AssetFetcher().fetch(f"data:{media};base64,{base64.b64encode(PNG_1PX).decode()}")
    assert response.read() == PNG_1PX
    assert response.content_type == media
