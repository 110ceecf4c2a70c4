"""`PreviewServer`: the threads of the preview, and what each route answers.

Three threads: the HTTP server, a watcher that polls the input files and has changed
briefs rebuilt, and (unless `fit=False`) the layout thread of `Previews`. Routes are
matched whole and stems looked up among the briefs found, never joined to a path.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote

from briefing import theme_lookup
from briefing.build import asset_folders
from briefing.errors import BriefingError, InputError, render
from briefing.serve.http import (
    Broadcast,
    Events,
    Response,
    Server,
    json_response,
    name,
    names_loopback,
    not_found,
    refuse_host,
    text,
)
from briefing.serve.pages import index_page
from briefing.serve.state import SETTLE_SECONDS, Previews
from briefing.serve.watch import Signature, any_changed, briefs_at, files_below, signatures

POLL_SECONDS = 0.1
"""How often the watcher looks at the files."""
KEEPALIVE_SECONDS = 15.0
"""How often an idle event stream gets a comment, so that proxies and browsers keep it."""


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
        self.poll, self.keepalive = poll, keepalive
        self._log = log or _stderr
        self._events = Broadcast()
        self._previews = Previews(fit=fit, settle=settle, log=self.log,
                                  notify=lambda stem: self._events.send(stem))
        self._template_files: dict[Path, Signature] | None = None
        self._told_unused: set[Path] = set()
        """Templates already said to replace nothing: each is said once a run."""
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._httpd: Server | None = None

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
            self._httpd = Server((self.host, self.port), self)
            self.port = self._httpd.server_address[1]

    def start(self) -> None:
        """Bind the socket if needed, build every brief, and serve in background threads."""
        self.bind()
        assert self._httpd is not None
        self._stop.clear()
        self._events = Broadcast()
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
            threads.append(threading.Thread(target=self._previews.work, args=(self._stop,),
                                            name="serve-layout"))
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
        self._previews.wake()
        if self._httpd is not None and self._threads:
            self._httpd.shutdown()  # waits for serve_forever: only if it was started
        self._events.close()
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

    def log(self, message: str) -> None:
        """Tell the terminal."""
        self._log(message)

    # --- watching --------------------------------------------------------------------

    def _watch(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                self._tick()
            except Exception as exc:  # the watcher must outlive any one failure
                self.log(render("", "error",
                                f"the preview's watcher failed ({name(exc)}); it goes on"))

    def _tick(self) -> None:
        """Rebuild what changed: every brief when a template did, else the brief itself."""
        now = time.time()
        previews = self._previews
        user_dir = self.templates_dir or theme_lookup.default_user_dir()
        old = self._template_files
        if user_dir != previews.builder.templates_dir:
            old = None
        # Every folder the pipeline reads templates and assets from, whatever the theme.
        files = signatures(files_below(asset_folders(user_dir)), now)
        templates_changed = any_changed(old, files)
        if templates_changed:
            if self._template_files is not None:
                self.log("templates changed: rebuilding every brief")
            previews.use_templates(user_dir)
            self._tell_unused(user_dir)
        self._template_files = files

        fresh = previews.sync(briefs_at(self.root, self.folder), self.root)
        with previews.lock:
            entries = list(previews.entries.values())
        for entry in entries:
            if templates_changed or entry in fresh or previews.stale(entry, now):
                previews.rebuild(entry, quiet=entry in fresh)

    def _tell_unused(self, user_dir: Path | None) -> None:
        """Warn of each template of `user_dir` that replaces nothing, once a run."""
        for unused in theme_lookup.unused_overrides(user_dir) if user_dir else []:
            if unused.location.file not in self._told_unused:
                self._told_unused.add(unused.location.file)
                self.log(unused.format())

    # --- answering -------------------------------------------------------------------

    def subscribe(self) -> Events:
        """A queue that receives the stem of every brief published from now on."""
        return self._events.subscribe()

    def unsubscribe(self, events: Events) -> None:
        """Stop sending events to `events`."""
        self._events.unsubscribe(events)

    def host_allowed(self, header: str | None) -> bool:
        """Refuse requests for another host name (DNS rebinding) unless remote is allowed."""
        return self.allow_remote or names_loopback(header)

    def respond(self, path: str) -> Response:
        """Status, content type and body for a GET of `path` (all but `/events`)."""
        previews = self._previews
        if path == "/":
            with previews.lock:
                page = index_page(self.root, previews.entries.values(), previews.version)
            return 200, "text/html; charset=utf-8", page.encode("utf-8")
        if path == "/status":
            with previews.lock:
                data = {
                    "version": previews.version,
                    "briefs": {stem: e.status() for stem, e in previews.entries.items()},
                }
            return json_response(data)
        match = re.fullmatch(r"/(brief|pdf|status)/([^/]+)", path)
        if match is None:
            return not_found()
        route, stem = match[1], unquote(match[2])
        if route == "pdf":
            return self.pdf(stem)
        with previews.lock:
            entry = previews.entries.get(stem)
            if entry is None:
                return not_found()
            if route == "status":
                return json_response(entry.status())
            return 200, "text/html; charset=utf-8", entry.page

    def pdf(self, stem: str) -> Response:
        """The brief's PDF, as `briefing build` writes it, or why there is none."""
        try:
            data = self._previews.pdf(stem)
        except InputError as exc:
            return text(409, exc.format())
        except BriefingError as exc:
            return text(500, exc.format())
        return not_found() if data is None else (200, "application/pdf", data)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
