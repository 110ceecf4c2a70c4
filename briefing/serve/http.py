"""The HTTP side of the preview: a loopback web server with an event stream.

It knows nothing of briefs. An `App` answers each GET with a status, a type and a
body; `/events` is a stream of Server-Sent Events fed by a `Broadcast`, which is all a
page needs to reload itself. Python's own server is enough for one person's browser,
and adds no dependency.
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import json
import queue
import socket
import socketserver
import threading
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

from briefing.errors import render

LOOPBACK_NAMES = ("localhost",)

Response = tuple[int, str, bytes]
"""Status, content type and body."""
Events = queue.SimpleQueue[str | None]
"""One event stream's queue: the data of each event, then None when the server stops."""


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


def names_loopback(header: str | None) -> bool:
    """True when a Host header names a loopback host (or there is none).

    A web page can point a name of its own at 127.0.0.1 (DNS rebinding) and read the
    answers; asking for the host by name stops it.
    """
    if not header:
        return True
    name = header[1 : header.find("]")] if header.startswith("[") else header.split(":")[0]
    return is_loopback(name)


class App(Protocol):
    """What the server asks of the application it serves."""

    keepalive: float
    """Seconds between comments on an idle event stream, so that proxies keep it."""

    def respond(self, path: str) -> Response:
        """The answer to a GET of `path` (any path but `/events`)."""

    def host_allowed(self, header: str | None) -> bool:
        """Whether to answer a request with this Host header."""

    def subscribe(self) -> Events:
        """A queue of the events sent from now on."""

    def unsubscribe(self, events: Events) -> None:
        """Stop sending to `events`."""

    def log(self, message: str) -> None:
        """Tell the terminal."""


class Broadcast:
    """Sends each event to every open event stream."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: set[Events] = set()
        self._closed = False

    def subscribe(self) -> Events:
        """A queue that receives every event sent from now on (None at once if closed)."""
        events: Events = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                events.put(None)
            self._queues.add(events)
        return events

    def unsubscribe(self, events: Events) -> None:
        """Stop sending to `events`."""
        with self._lock:
            self._queues.discard(events)

    def send(self, data: str) -> None:
        """Send `data` to every stream."""
        with self._lock:
            for events in self._queues:
                events.put(data)

    def close(self) -> None:
        """End every stream, and those opened from now on."""
        with self._lock:
            self._closed = True
            for events in self._queues:
                events.put(None)


class Server(http.server.ThreadingHTTPServer):
    """A threading HTTP server for `app`, IPv6 too, that does not look up its own name."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: App) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.app = app
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host's name up (getfqdn), which can be slow.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "briefing-serve"
    timeout = 60

    def do_GET(self) -> None:
        app = cast(Server, self.server).app
        if not app.host_allowed(self.headers.get("Host")):
            self._send(*text(403, "this preview answers only to localhost"))
            return
        path = urlsplit(self.path).path
        if path == "/events":
            self._events(app)
            return
        try:
            response = app.respond(path)
        except Exception as exc:
            app.log(render("", "error", f"unexpected failure serving {path} ({name(exc)})"))
            response = text(500, f"unexpected failure ({name(exc)}); see the terminal")
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

    def _events(self, app: App) -> None:
        events = app.subscribe()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                try:
                    data = events.get(timeout=app.keepalive)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    continue
                if data is None:
                    break
                self.wfile.write(f"data: {data}\n\n".encode())
        except OSError:
            pass  # the page went away
        finally:
            app.unsubscribe(events)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows rebuilds and errors, not every request."""


def name(exc: BaseException) -> str:
    """An exception as `Type: message`, for the terminal."""
    return f"{type(exc).__name__}: {exc}"


def json_response(data: Any) -> Response:
    """200 with `data` as JSON."""
    return 200, "application/json", json.dumps(data).encode("utf-8")


def text(status: int, message: str) -> Response:
    """`status` with a line of plain text."""
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8")


def not_found() -> Response:
    """404, saying what is served."""
    return text(404, "not found: the preview serves / and the briefs it lists")
