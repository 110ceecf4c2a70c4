"""`briefing serve`: a live preview of briefs in the browser, rebuilt on every save.

Standard library only. A `ThreadingHTTPServer` answers on the loopback interface; a
watcher thread polls the modification times of the briefs, the source texts they
quote and every template in effect; a layout thread fits each brief to one page in
the background. A save is shown in two steps:

1. the brief is checked and rendered with Jinja (a few milliseconds, and no import
   of the layout engine): its page is published, its version goes up, and every
   open page of it is told to reload (Server-Sent Events on `/events`);
2. once the inputs have rested for a moment, the brief is laid out on one page (the
   slow part), and the page is published again with the scale the layout found, or
   with a banner saying that it does not fit.

Routes: `/` lists the briefs; `/brief/<stem>` is the preview page; `/pdf/<stem>` the
PDF, laid out on demand; `/status/<stem>` (and `/status`) a JSON summary for tools
and tests; `/events` the event stream. Nothing else is served: stems are looked up
among the briefs found, never joined to a path.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import http.server
import ipaddress
import json
import queue
import re
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, unquote, urlsplit

from briefing import theme_lookup
from briefing.build import briefs_in, check, load_layout_engine
from briefing.errors import BriefingError, Diagnostic, InputError, Location
from briefing.loader import load
from briefing.quotes import piece_text_path
from briefing.render import Renderer

if TYPE_CHECKING:
    from briefing.layout import Layout
    from briefing.model import Brief

POLL_SECONDS = 0.1
"""How often the watcher looks at the files."""
KEEPALIVE_SECONDS = 15.0
"""How often an idle event stream gets a comment, so that proxies and browsers keep it."""
SETTLE_SECONDS = 0.2
"""How long the inputs must rest before a layout starts: an editor that saves on every
keystroke does not start a layout each time (the HTML is rebuilt on every save)."""
RACY_SECONDS = 2.0
"""A file changed this recently is compared by content too: two saves within one tick
of the file system's clock, with the same size, would otherwise look the same."""
LOOPBACK_NAMES = ("localhost",)
BANNER_ID = "briefing-preview"

Signature = tuple[int, int, int, str] | None
"""What the watcher compares: mtime, size, inode and (for a recent change) a hash."""


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def refuse_host(host: str, allow_remote: bool) -> str | None:
    """Why the preview must not listen on `host`, or None when it may."""
    if allow_remote or is_loopback(host):
        return None
    return (
        f"{host} is not a loopback address: the preview shows files of this machine (the "
        "briefs, the texts they quote, the templates) to anyone who can reach it; use "
        "127.0.0.1, or add --allow-remote if that is what you want"
    )


def signature(path: Path, now: float) -> Signature:
    """The file's signature, or None when it does not exist."""
    try:
        stat = path.stat()
    except OSError:
        return None
    digest = ""
    if now - stat.st_mtime < RACY_SECONDS:
        with contextlib.suppress(OSError):
            digest = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, digest)


def changed(old: Signature, new: Signature) -> bool:
    """True when a file changed between two signatures (a hash counts only if both have one)."""
    if old is None or new is None:
        return old != new
    return old[:3] != new[:3] or bool(old[3] and new[3] and old[3] != new[3])


@dataclass(frozen=True)
class FitStatus:
    """What the one-page layout found for a brief."""

    state: str = "pending"
    """`pending`, `fits`, `overflow`, `failed`, `skipped` (the brief cannot be rendered)
    or `off` (the server was started without the layout)."""
    scale: float | None = None
    passes: int = 0
    overflow: str | None = None
    message: str | None = None

    def describe(self) -> str:
        """One line for the banner and the terminal."""
        if self.state == "fits" and self.scale is not None:
            if self.scale >= 1:
                return "fits on one page at full size"
            return f"fits on one page at {self.scale:.0%}"
        if self.state == "overflow":
            return f"does not fit: {self.overflow}"
        if self.state == "failed":
            return f"the one-page check failed: {self.message}"
        if self.state == "pending":
            return "checking whether it fits on one page\u2026"
        if self.state == "off":
            return "the one-page check is off"
        return "not laid out: the brief has errors"

    def as_json(self) -> dict[str, Any]:
        """The status as a JSON object."""
        return {
            "state": self.state,
            "scale": self.scale,
            "passes": self.passes,
            "overflow": self.overflow,
        }


@dataclass(eq=False)
class _Entry:
    """One brief being previewed, and what was last published for it."""

    stem: str
    path: Path
    watched: dict[Path, Signature] = field(default_factory=dict)
    source: Path | None = None
    generation: int = 0
    """Goes up when the inputs change; a layout of an older generation is dropped."""
    version: int = 0
    """Goes up with every page published: what a page compares to know it is stale."""
    brief: Brief | None = None
    renderer: Renderer | None = None
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    fit: FitStatus = FitStatus()
    scale: float = 1.0
    """The scale `body` was rendered at: the last one the layout found."""
    body: str | None = None
    """The brief's HTML, or None when it could not be made (the page lists the errors)."""
    page: bytes = b""
    document: Any = None
    document_generation: int = -1

    def status(self) -> dict[str, Any]:
        return {
            "stem": self.stem,
            "file": str(self.path),
            "version": self.version,
            "ok": not self.errors,
            "errors": [d.line() for d in self.errors],
            "warnings": [d.line() for d in self.warnings],
            "fit": self.fit.as_json(),
        }


class PreviewServer:
    """The live preview of the briefs at `root` (a brief, or a folder of them).

    `bind()` listens on the socket (port 0: any free port); `start()` binds if needed,
    builds every brief and starts the threads; `stop()` ends them. Also a context
    manager. With `templates_dir` None, `./templates` is used whenever it exists, and
    its appearance is noticed. `fit=False` leaves out the one-page layout (the PDF
    route still lays out).
    """

    def __init__(
        self,
        root: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        templates_dir: Path | None = None,
        fit: bool = True,
        allow_remote: bool = False,
        log: Callable[[str], None] | None = None,
        poll: float = POLL_SECONDS,
        keepalive: float = KEEPALIVE_SECONDS,
        settle: float = SETTLE_SECONDS,
    ) -> None:
        reason = refuse_host(host, allow_remote)
        if reason:
            raise BriefingError(reason)
        self.root = root
        self.folder = root.is_dir()
        self.host, self.port = host, port
        self.templates_dir = templates_dir
        self.fit_enabled = fit
        self.allow_remote = allow_remote
        self.poll, self.keepalive, self.settle = poll, keepalive, settle
        self._log = log or _stderr
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}
        self._epoch = 0
        self._subscribers: set[queue.SimpleQueue[str | None]] = set()
        self._renderers: dict[str, Renderer] = {}  # by theme, made anew when templates change
        self._user_dir: Path | None = None
        self._template_files: dict[str, tuple[Path, Signature]] | None = None
        self._pending: dict[str, float] = {}
        self._wake = threading.Condition()
        self._layout_lock = threading.Lock()
        self._layout: Layout | None = None
        self._layout_key: tuple[Path, ...] = ()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._httpd: _HTTPServer | None = None

    # --- running ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The address of the index page."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def bind(self) -> None:
        """Listen on the socket (raises OSError if the port is taken); `port` is then known.

        Requests wait in the socket's queue until `start()`. Print the address between
        the two: the layout thread, once started, may redirect standard output for a
        moment while it loads the layout engine (see `load_layout_engine`).
        """
        if self._httpd is None:
            self._httpd = _HTTPServer((self.host, self.port), self)
            self.port = self._httpd.server_address[1]

    def start(self) -> None:
        """Bind the socket if needed, build every brief, and serve in background threads."""
        self.bind()
        assert self._httpd is not None
        self._stop.clear()
        try:
            self._tick()
        except BaseException:
            self._httpd.server_close()
            self._httpd = None
            raise
        threads = [
            threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="serve-http"),
            threading.Thread(target=self._watch, name="serve-watch"),
        ]
        if self.fit_enabled:
            threads.append(threading.Thread(target=self._work, name="serve-layout"))
        for thread in threads:
            thread.daemon = True
            thread.start()
        self._threads = threads

    def wait(self) -> None:
        """Block until `stop()` (or Ctrl+C, which raises KeyboardInterrupt here)."""
        while not self._stop.wait(0.5):
            pass

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving; wait up to `timeout` seconds for a layout under way to end."""
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        if self._httpd is not None and self._threads:
            self._httpd.shutdown()  # waits for serve_forever: only if it was started
        with self._lock:
            for subscriber in self._subscribers:
                subscriber.put(None)
        for thread in self._threads:
            thread.join(timeout)
        if self._httpd is not None:
            self._httpd.server_close()
            self._httpd = None
        self._threads = []

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- watching and rebuilding -----------------------------------------------------

    def _watch(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                self._tick()
            except Exception as exc:  # the watcher must outlive any one failure
                self._log(f"error: the preview's watcher failed ({_name(exc)}); it goes on")

    def _tick(self) -> None:
        """Rebuild what changed: every brief when a template did, else the brief itself."""
        now = time.time()
        user_dir = self.templates_dir or theme_lookup.default_user_dir()
        files = {name: (path, signature(path, now)) for name, path in theme_lookup.files(user_dir)}
        old = self._template_files
        templates_changed = (
            old is None
            or user_dir != self._user_dir
            or old.keys() != files.keys()
            or any(old[n][0] != files[n][0] or changed(old[n][1], files[n][1]) for n in files)
        )
        if templates_changed:
            if old is not None:
                self._log("templates changed: rebuilding every brief")
            self._renderers = {}
            self._user_dir = user_dir
        self._template_files = files

        found = self._scan()
        with self._lock:
            for stem in [s for s, e in self._entries.items() if found.get(s) != e.path]:
                del self._entries[stem]
                self._log(f"{self.root}: {stem} is gone")
                self._notify(stem)
            fresh = [
                self._entries.setdefault(stem, _Entry(stem, path))
                for stem, path in found.items()
                if stem not in self._entries
            ]
            entries = list(self._entries.values())
        for entry in entries:
            if (
                templates_changed
                or entry in fresh
                or any(changed(sig, signature(path, now)) for path, sig in entry.watched.items())
            ):
                self._rebuild(entry, quiet=entry in fresh)

    def _renderer(self, theme: str) -> Renderer:
        if theme not in self._renderers:
            self._renderers[theme] = Renderer(self._user_dir, theme)
        return self._renderers[theme]

    def _scan(self) -> dict[str, Path]:
        """The briefs to serve, by stem (the first of two files with one stem wins)."""
        if self.folder:
            paths = briefs_in([self.root]) if self.root.is_dir() else []
        else:
            paths = [self.root]
        found: dict[str, Path] = {}
        for path in paths:
            if path.stem and path.stem.isprintable():
                found.setdefault(path.stem, path)
        return found

    def _rebuild(self, entry: _Entry, *, quiet: bool = False) -> None:
        """The fast path: check and render the brief, publish its page, queue its layout."""
        started = time.perf_counter()
        now = time.time()
        # Signatures are taken before the files are read: a save during the build is
        # seen at the next tick.
        watched = {entry.path: signature(entry.path, now)}
        if entry.source is not None:
            watched[entry.source] = signature(entry.source, now)
        renderer: Renderer | None = None
        brief: Brief | None = None
        body: str | None = None
        errors: list[Diagnostic] = []
        warnings: list[Diagnostic] = []
        source = entry.source
        try:
            checked = check(entry.path)
            brief = checked.brief
            source = piece_text_path(entry.path, brief)
            errors = checked.problems()
            warnings = [f for f in checked.findings if f not in errors]
            renderer = self._renderer(brief.design.theme)
            body = renderer.render(brief, scale=entry.scale)
        except InputError as exc:
            errors = list(exc.diagnostics)
            if brief is None:
                source = _guess_source(entry.path) or entry.source
        except Exception as exc:
            errors = [_unexpected(entry.path, exc)]
            self._log(f"{entry.path}: error: unexpected failure in the preview ({_name(exc)})")
        if source is not None and source not in watched:
            watched[source] = signature(source, now)

        with self._lock:
            if self._entries.get(entry.stem) is not entry:
                return
            entry.watched, entry.source, entry.renderer = watched, source, renderer
            if (
                entry.version
                and body == entry.body
                and errors == entry.errors
                and warnings == entry.warnings
            ):
                return  # saved without a change that shows: no reload
            entry.generation += 1
            entry.brief, entry.renderer, entry.body = brief, renderer, body
            entry.errors, entry.warnings = errors, warnings
            if body is None:
                entry.fit = FitStatus("skipped")
            else:
                entry.fit = FitStatus("pending" if self.fit_enabled else "off")
            self._publish(entry)
        if body is not None and self.fit_enabled:
            self._queue_layout(entry.stem, 0.0 if quiet else self.settle)
        if not quiet:
            took = (time.perf_counter() - started) * 1000
            self._log(f"{entry.path}: updated in {took:.0f} ms" + _counts(errors, warnings))
        for error in errors:
            self._log(error.line())

    # --- laying out ------------------------------------------------------------------

    def _queue_layout(self, stem: str, delay: float) -> None:
        with self._wake:
            self._pending[stem] = time.monotonic() + delay
            self._wake.notify_all()

    def _work(self) -> None:
        while not self._stop.is_set():
            with self._wake:
                if not self._pending:
                    self._wake.wait(0.5)
                    continue
                stem, due = min(self._pending.items(), key=lambda item: item[1])
                delay = due - time.monotonic()
                if delay > 0:
                    self._wake.wait(delay)
                    continue
                del self._pending[stem]
            try:
                self._lay_out(stem)
            except Exception as exc:
                self._log(f"{stem}: error: unexpected failure of the layout ({_name(exc)})")

    def _engine(self) -> Layout:
        """The layout engine for the templates in effect, made on first use."""
        key = tuple(theme_lookup.search_path(self._user_dir))
        if self._layout is None or key != self._layout_key:
            self._layout, self._layout_key = load_layout_engine(key), key
        return self._layout

    def _lay_out(self, stem: str) -> None:
        """The slow path: fit the brief to one page, and publish the page at that scale."""
        with self._lock:
            entry = self._entries.get(stem)
            if entry is None or entry.brief is None or entry.renderer is None:
                return
            generation, brief, renderer = entry.generation, entry.brief, entry.renderer
        started = time.perf_counter()
        document: Any = None
        body: str | None = None
        scale = entry.scale
        try:
            with self._layout_lock:
                fitted = self._engine().fit(
                    renderer.render(brief, standalone=False), entry.path, renderer.stylesheet()
                )
            status = FitStatus("fits", fitted.scale, fitted.passes)
            document, scale = fitted.document, fitted.scale
        except InputError as exc:
            from briefing.layout import FLOOR

            status = FitStatus("overflow", overflow=_overflow_text(exc))
            scale = FLOOR
        except BriefingError as exc:
            reason = exc.format().splitlines()[0].removeprefix("error: ")
            status = FitStatus("failed", message=reason)
        except Exception as exc:
            status = FitStatus("failed", message=f"unexpected failure ({_name(exc)})")
            self._log(f"{entry.path}: error: unexpected failure of the layout ({_name(exc)})")
        if status.state in ("fits", "overflow"):
            try:
                body = renderer.render(brief, scale=scale)
            except Exception as exc:
                self._log(f"{entry.path}: error: cannot render at scale {scale} ({_name(exc)})")
        with self._lock:
            if self._entries.get(stem) is not entry or entry.generation != generation:
                return  # changed meanwhile: a newer layout is queued
            entry.fit = status
            entry.document, entry.document_generation = document, generation
            if body is not None:
                entry.body, entry.scale = body, scale
            self._publish(entry)
        took = time.perf_counter() - started
        passes = f", {status.passes} pass(es)" if status.passes else ""
        self._log(f"{entry.path}: {status.describe()} ({took:.1f} s{passes})")

    def pdf(self, stem: str) -> tuple[int, str, bytes]:
        """The brief's PDF (laid out now unless the last layout is current), or why not."""
        with self._lock:
            entry = self._entries.get(stem)
            if entry is None:
                return _not_found()
            if entry.brief is None or entry.renderer is None or entry.body is None:
                return _text(409, "\n".join(d.format() for d in entry.errors))
            generation, brief, renderer = entry.generation, entry.brief, entry.renderer
            document = entry.document if entry.document_generation == generation else None
        try:
            with self._layout_lock:
                if document is None:
                    html_text = renderer.render(brief, standalone=False)
                    document = self._engine().fit(
                        html_text, entry.path, renderer.stylesheet()
                    ).document
                from briefing.pdf import pdf_bytes

                data = pdf_bytes(document)
        except InputError as exc:
            return _text(409, exc.format())
        except BriefingError as exc:
            return _text(500, exc.format())
        return 200, "application/pdf", data

    # --- publishing ------------------------------------------------------------------

    def _publish(self, entry: _Entry) -> None:
        """Make the entry's page under a new version, and tell the pages (holding the lock)."""
        entry.version += 1
        self._epoch += 1
        entry.page = self._page(entry).encode("utf-8")
        self._notify(entry.stem)

    def _notify(self, stem: str) -> None:
        for subscriber in self._subscribers:
            subscriber.put(stem)

    def subscribe(self) -> queue.SimpleQueue[str | None]:
        """A queue that receives the stem of every brief published from now on."""
        events: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        with self._lock:
            if self._stop.is_set():
                events.put(None)
            self._subscribers.add(events)
        return events

    def unsubscribe(self, events: queue.SimpleQueue[str | None]) -> None:
        """Stop sending events to `events`."""
        with self._lock:
            self._subscribers.discard(events)

    def _page(self, entry: _Entry) -> str:
        script = _reload_script(f"/status/{quote(entry.stem)}", entry.version, entry.stem)
        if entry.body is None:
            return _error_page(entry, script)
        return _inject(entry.body, _banner(entry) + script)

    # --- answering -------------------------------------------------------------------

    def respond(self, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body for a GET of `path` (all but `/events`)."""
        if path == "/":
            with self._lock:
                return 200, "text/html; charset=utf-8", self._index().encode("utf-8")
        if path == "/status":
            with self._lock:
                data = {
                    "version": self._epoch,
                    "briefs": {stem: e.status() for stem, e in self._entries.items()},
                }
            return _json(data)
        match = re.fullmatch(r"/(brief|pdf|status)/([^/]+)", path)
        if match is None:
            return _not_found()
        route, stem = match[1], unquote(match[2])
        if route == "pdf":
            return self.pdf(stem)
        with self._lock:
            entry = self._entries.get(stem)
            if entry is None:
                return _not_found()
            if route == "status":
                return _json(entry.status())
            return 200, "text/html; charset=utf-8", entry.page

    def host_allowed(self, header: str | None) -> bool:
        """Refuse requests for another host name (DNS rebinding) unless remote is allowed."""
        if self.allow_remote or not header:
            return True
        name = header[1 : header.find("]")] if header.startswith("[") else header.split(":")[0]
        return is_loopback(name)

    def _index(self) -> str:
        rows = []
        for stem, entry in sorted(self._entries.items()):
            link = quote(stem)
            if entry.body is None:
                state = f"cannot be shown: {len(entry.errors)} error(s)"
            else:
                state = entry.fit.describe() + _counts(entry.errors, entry.warnings)
            rows.append(
                f'<li><a href="/brief/{link}">{html.escape(stem)}</a> '
                f'<small>{html.escape(str(entry.path))}</small> \u2014 {html.escape(state)} '
                f'\u2014 <a href="/pdf/{link}">PDF</a></li>'
            )
        listing = (
            "<ul>" + "\n".join(rows) + "</ul>"
            if rows
            else f"<p>No briefs (*.yaml) in {html.escape(str(self.root))} yet.</p>"
        )
        return _standalone(
            f"Briefs in {self.root}",
            f"<h1>Briefs in {html.escape(str(self.root))}</h1>\n{listing}\n"
            "<p><small>The previews reload by themselves when a brief, the text it "
            "quotes or a template is saved.</small></p>",
            _reload_script("/status", self._epoch, None),
        )


# --- the HTTP side ---------------------------------------------------------------------


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: PreviewServer) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.preview = preview
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host's name up (getfqdn), which can be slow.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "briefing-serve"
    timeout = 60

    def do_GET(self) -> None:
        preview = cast(_HTTPServer, self.server).preview
        if not preview.host_allowed(self.headers.get("Host")):
            self._send(*_text(403, "this preview answers only to localhost"))
            return
        path = urlsplit(self.path).path
        if path == "/events":
            self._events(preview)
            return
        try:
            response = preview.respond(path)
        except Exception as exc:
            preview._log(f"error: unexpected failure serving {path} ({_name(exc)})")
            response = _text(500, f"unexpected failure ({_name(exc)}); see the terminal")
        self._send(*response)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def _events(self, preview: PreviewServer) -> None:
        events = preview.subscribe()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                try:
                    stem = events.get(timeout=preview.keepalive)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    continue
                if stem is None:
                    break
                self.wfile.write(f"data: {stem}\n\n".encode())
        except OSError:
            pass  # the page went away
        finally:
            preview.unsubscribe(events)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows rebuilds and errors, not every request."""


# --- pages -----------------------------------------------------------------------------

_BANNER_CSS = f"""
#{BANNER_ID} {{ position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647;
  max-height: 40vh; overflow: auto; box-sizing: border-box; margin: 0;
  padding: 8px 44px 8px 14px; text-align: left; color: #1b1b1b; background: #fff6dc;
  border-bottom: 2px solid #d9a400; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }}
#{BANNER_ID}.bp-error {{ background: #fdecea; border-bottom-color: #c62828; }}
#{BANNER_ID}.bp-info {{ background: #eaf2fb; border-bottom-color: #4f7fc4; }}
#{BANNER_ID} p {{ margin: 0 0 4px; font: inherit; font-weight: 600; }}
#{BANNER_ID} pre {{ margin: 4px 0 0; white-space: pre-wrap; color: inherit;
  font: 12px/1.35 ui-monospace, "DejaVu Sans Mono", monospace; }}
#{BANNER_ID} button {{ position: absolute; top: 4px; right: 10px; border: 0;
  background: none; font: 20px/1 sans-serif; cursor: pointer; color: inherit; }}
@media print {{ #{BANNER_ID} {{ display: none !important; }} }}
"""


def _banner(entry: _Entry) -> str:
    """The screen-only banner over the brief: errors, warnings and the one-page status."""
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
        f"<style>{_BANNER_CSS}</style>"
        '<button type="button" title="Hide until the next change" '
        'onclick="this.parentNode.hidden = true">\u00d7</button>'
        f"<p>{html.escape(entry.path.name)}{html.escape(_counts(entry.errors, entry.warnings))}"
        f": {html.escape(fit.describe())}</p>{items}</div>\n"
    )


def _error_page(entry: _Entry, script: str) -> str:
    problems = "\n".join(f"<pre>{html.escape(d.format())}</pre>" for d in entry.errors)
    return _standalone(
        f"{entry.stem}: cannot be shown",
        f"<h1>{html.escape(str(entry.path))} cannot be shown</h1>\n{problems}\n"
        "<p>Fix it and save: this page reloads by itself. "
        '<a href="/">All briefs</a></p>',
        script,
    )


def _standalone(title: str, body: str, script: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>"
        "body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 60em; "
        "padding: 0 1em; color: #1b1b1b; }"
        "pre { white-space: pre-wrap; background: #fdecea; border-left: 4px solid #c62828; "
        "padding: 8px 12px; font: 13px/1.4 ui-monospace, monospace; }"
        "</style>\n</head>\n<body>\n"
        f"{body}\n{script}</body>\n</html>\n"
    )


def _reload_script(status_url: str, version: int, stem: str | None) -> str:
    """Reload the page when its brief is published again; check once on (re)connecting."""
    return (
        "<script>\n(function () {\n"
        f"  var stem = {_js(stem)}, statusUrl = {_js(status_url)}, version = {version};\n"
        "  function checkStale() {\n"
        '    fetch(statusUrl, {cache: "no-store"})\n'
        "      .then(function (r) { return r.ok ? r.json() : null; })\n"
        "      .then(function (s) { if (!s || s.version !== version) location.reload(); })\n"
        "      .catch(function () {});\n"
        "  }\n"
        '  var events = new EventSource("/events");\n'
        "  events.onopen = checkStale;\n"
        "  events.onmessage = function (e) {\n"
        "    if (stem === null || e.data === stem) location.reload();\n"
        "  };\n"
        "})();\n</script>\n"
    )


def _js(value: str | None) -> str:
    """A JSON literal that is safe inside a <script> element."""
    text = json.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _inject(page: str, extra: str) -> str:
    """`extra` just before `</body>`, or at the end of a page that has none."""
    at = page.lower().rfind("</body>")
    return page + extra if at < 0 else page[:at] + extra + page[at:]


# --- helpers ---------------------------------------------------------------------------


def _guess_source(brief_file: Path) -> Path | None:
    """The source text an invalid brief names, if its YAML still loads, to watch it."""
    try:
        data = load(brief_file).data
        value = data["piece"]["source_text"]
    except Exception:
        return None
    return brief_file.parent / value if isinstance(value, str) and value else None


def _overflow_text(exc: InputError) -> str:
    first = exc.diagnostics[0] if exc.diagnostics else None
    if first is None:
        return str(exc)
    message = first.message.removeprefix("the brief does not fit on one page: ")
    return f"{message}; {first.hint}" if first.hint else message


def _unexpected(path: Path, exc: Exception) -> Diagnostic:
    return Diagnostic(
        Location(path),
        f"unexpected failure in the preview ({_name(exc)})",
        "this is a bug in briefing: please report it, with the brief if you can",
    )


def _counts(errors: list[Diagnostic], warnings: list[Diagnostic]) -> str:
    parts = [f"{len(errors)} error(s)"] if errors else []
    parts += [f"{len(warnings)} warning(s)"] if warnings else []
    return f" ({', '.join(parts)})" if parts else ""


def _name(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _json(data: Any) -> tuple[int, str, bytes]:
    return 200, "application/json", json.dumps(data).encode("utf-8")


def _text(status: int, text: str) -> tuple[int, str, bytes]:
    return status, "text/plain; charset=utf-8", (text + "\n").encode("utf-8")


def _not_found() -> tuple[int, str, bytes]:
    return _text(404, "not found: the preview serves / and the briefs it lists")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_save_to_preview(brief: Path, work: Path, *, timeout: float = 60.0) -> float:
    """Seconds from saving a brief to its updated preview being served (for `make bench`).

    Copies the brief's folder (with its source texts) to `work`, serves the copy on a
    free port, waits for the first one-page layout to end (the state a user saves in),
    then changes the bottom line and polls over HTTP until the page shows it.
    """
    import shutil
    import urllib.request

    import yaml

    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(brief.parent, work, ignore=shutil.ignore_patterns("*.html", "*.pdf"))
    copy = work / brief.name
    data = yaml.safe_load(copy.read_text(encoding="utf-8"))
    marker = f"Saved at {time.monotonic_ns()}."
    data["bluf"] = f"{marker} {data['bluf']}"
    edited = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    with PreviewServer(copy, port=0, log=lambda _message: None) as server:

        def get(path: str) -> bytes:
            with urllib.request.urlopen(server.url + path.lstrip("/"), timeout=10) as reply:
                body: bytes = reply.read()
                return body

        def status() -> dict[str, Any]:
            found: dict[str, Any] = json.loads(get(f"/status/{quote(copy.stem)}"))
            return found

        deadline = time.monotonic() + timeout
        while status()["fit"]["state"] == "pending" and time.monotonic() < deadline:
            time.sleep(0.02)
        version = status()["version"]
        started = time.perf_counter()
        copy.write_text(edited, encoding="utf-8")
        while time.monotonic() < deadline:
            if status()["version"] > version and marker.encode() in get(
                f"/brief/{quote(copy.stem)}"
            ):
                return time.perf_counter() - started
            time.sleep(0.005)
    raise BriefingError(f"the preview of {copy} was not updated within {timeout:.0f} s")
