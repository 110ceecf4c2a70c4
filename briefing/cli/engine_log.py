"""The layout engine's own warnings, shown as one-line warnings instead of log records."""

from __future__ import annotations

import logging

from briefing.cli.command import warn


class _EchoHandler(logging.Handler):
    """Print log records as one-line warnings on the current standard error, once each."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        # Each fitting pass parses the stylesheet anew, and would repeat its warnings.
        self.seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.seen:
            self.seen.add(message)
            warn(f"layout: {message}")


def route_engine_warnings() -> None:
    """Show WeasyPrint's problems as one-line warnings, once each, on standard error."""
    engine = logging.getLogger("weasyprint")
    if not any(isinstance(h, _EchoHandler) for h in engine.handlers):
        engine.addHandler(_EchoHandler(logging.WARNING))
        engine.propagate = False
