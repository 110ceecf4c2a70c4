"""`briefing serve`: a live preview of briefs in the browser, remade on every save.

A client of the build pipeline: every page, fit and PDF is made by
`briefing.build.Builder`, so the preview shows what `briefing build` writes; serving
and watching need nothing beyond Python's standard library.
A save is shown in two steps:

1. the brief is checked and rendered with Jinja (a few milliseconds, and no import
   of the layout engine): its page is published, its version goes up, and every
   open page of it is told to reload (Server-Sent Events on `/events`);
2. once the inputs have rested for a moment, the brief is laid out on one page (the
   slow part), and the page is published again with the scale the layout found, or
   with a banner saying that it does not fit.

Routes: `/` lists the briefs; `/brief/<stem>` is the preview page; `/pdf/<stem>` the
PDF, laid out on demand; `/status/<stem>` (and `/status`) a JSON summary for tools
and tests; `/events` the event stream. Nothing else is served.

The parts: `server` (the threads and routes), `http` (the web server and event
stream, which know nothing of briefs), `watch` (polling the files), `state` (each
brief's page, and the layout queue), `entry` (what is known of a brief), `pages`
(the HTML around the brief; its script and stylesheets are files of `static/`).
"""

from briefing.serve.http import is_loopback, refuse_host
from briefing.serve.pages import BANNER_ID
from briefing.serve.server import PreviewServer

__all__ = ["BANNER_ID", "PreviewServer", "is_loopback", "refuse_host"]
