"""The pages the preview serves: the brief with its banner and reload script, the page
of a brief that cannot be shown, and the list of briefs.

The brief's own HTML is the pipeline's, untouched but for the banner added after
`<body>` (above the page, so that it never hides any of it) and the script before
`</body>`; the script and stylesheets are package files (briefing/serve/static/), read
once, so that they can be read and linted as what they are.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from briefing import wording
from briefing.errors import Diagnostic
from briefing.serve.entry import Entry
from briefing.wording import plural

BANNER_ID = "briefing-preview"
"""The id of the banner, as static/banner.css names it."""


@cache
def static(name: str) -> str:
    """The text of a file of static/."""
    return resources.files("briefing.serve").joinpath("static", name).read_text(encoding="utf-8")


def preview_page(entry: Entry) -> str:
    """The page of `entry`: its brief with banner and script, or the list of its errors."""
    script = reload_script(f"/status/{quote(entry.stem)}", entry.version, entry.stem)
    if entry.body is None:
        return error_page(entry, script)
    return inject(entry.body, script, above=banner(entry))


def banner(entry: Entry) -> str:
    """The screen-only banner above the brief: errors, warnings and the one-page status."""
    fit = entry.fit
    shrunk = fit.state == "fits" and fit.scale is not None and fit.scale < 1
    if not (entry.errors or entry.warnings or fit.state in ("overflow", "failed") or shrunk):
        return ""
    if entry.errors:
        kind = "bp-error"
    elif entry.warnings or fit.state in ("overflow", "failed"):
        kind = "bp-warning"
    else:
        kind = "bp-info"
    items = "".join(
        f"<pre>{html.escape(d.format())}</pre>" for d in [*entry.errors, *entry.warnings]
    )
    return (
        f'<div id="{BANNER_ID}" class="{kind}" role="status">'
        f"<style>{static('banner.css')}</style>"
        '<button type="button" title="Hide until the next change" '
        'onclick="this.parentNode.hidden = true">\u00d7</button>'
        f"<p>{html.escape(entry.path.name)}{html.escape(counts(entry.errors, entry.warnings))}"
        f": {html.escape(fit.describe())}</p>{items}</div>\n"
    )


def error_page(entry: Entry, script: str) -> str:
    """The page of a brief that cannot be rendered: its errors, and how it comes back."""
    problems = "\n".join(f"<pre>{html.escape(d.format())}</pre>" for d in entry.errors)
    return standalone(
        f"{entry.stem}: cannot be shown",
        f"<h1>{html.escape(str(entry.path))} cannot be shown</h1>\n{problems}\n"
        "<p>Fix it and save: this page reloads by itself. "
        '<a href="/">All briefs</a></p>',
        script,
    )


def index_page(root: Path, entries: Iterable[Entry], version: int) -> str:
    """The list of briefs, each with its state and links to its preview and PDF."""
    rows = []
    for entry in sorted(entries, key=lambda e: e.stem):
        link = quote(entry.stem)
        if entry.body is None:
            state = f"has errors ({plural(len(entry.errors), 'error')}): cannot be shown"
        else:
            state = entry.fit.describe() + counts(entry.errors, entry.warnings)
        rows.append(
            f'<li><a href="/brief/{link}">{html.escape(listed_as(entry))}</a> '
            f'<small>{html.escape(str(entry.path))}</small> \u2014 {html.escape(state)} '
            f'\u2014 <a href="/pdf/{link}">PDF</a></li>'
        )
    listing = (
        "<ul>" + "\n".join(rows) + "</ul>"
        if rows
        else f"<p>No briefs (*.yaml) in {html.escape(str(root))} yet.</p>"
    )
    return standalone(
        f"Briefs in {root}",
        f"<h1>Briefs in {html.escape(str(root))}</h1>\n{listing}\n"
        "<p><small>The previews reload by themselves when a brief, the text it "
        "quotes or a template is saved.</small></p>",
        reload_script("/status", version, None),
    )


def listed_as(entry: Entry) -> str:
    """What the index calls a brief: its own title, or its file's name when it has none
    yet (it is not valid)."""
    return entry.checked.brief.meta.title if entry.checked else entry.path.name


def standalone(title: str, body: str, script: str) -> str:
    """A page of the preview's own, with its stylesheet."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{static('pages.css')}</style>\n"
        "</head>\n<body>\n"
        f"{body}\n{script}</body>\n</html>\n"
    )


def reload_script(status_url: str, version: int, stem: str | None) -> str:
    """Reload the page when its brief is published again; check once on (re)connecting."""
    call = f"({_js(stem)}, {_js(status_url)}, {version});\n"
    return f"<script>\n{static('preview.js').rstrip()}{call}</script>\n"


def _js(value: str | None) -> str:
    """A JSON literal that is safe inside a <script> element."""
    text = json.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def inject(page: str, extra: str, above: str = "") -> str:
    """`extra` just before `</body>` (or at the end of a page that has none), and `above`
    just after `<body ...>`: in the normal flow before the page, it pushes the page down
    instead of covering any of it."""
    at = page.lower().rfind("</body>")
    page, tail = (page, "") if at < 0 else (page[:at], page[at:])
    opened = _BODY.search(page) if above else None
    if opened is None:
        return page + above + extra + tail
    return f"{page[: opened.end()]}\n{above}{page[opened.end():]}{extra}{tail}"


_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def counts(errors: list[Diagnostic], warnings: list[Diagnostic]) -> str:
    """` (2 errors, 1 warning)`, or nothing."""
    said = wording.counts(len(errors), len(warnings))
    return f" ({said})" if said else ""
