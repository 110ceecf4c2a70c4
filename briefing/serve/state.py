"""The preview's state: each brief's last page, remade by calling the pipeline's steps.

The preview makes nothing itself: a `Builder` checks, renders, fits and draws the PDF,
so that a preview is what `briefing build --draft` makes, with the same templates, renderer
cache and asset folders. A save is shown in two steps: check and render (fast: the
page is published at once), then, once the inputs have rested, the one-page fit in a
thread of its own (slow: the page is published again, at the scale it found).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from briefing.build import Builder, Checked, named_piece_text
from briefing.errors import BriefingError, Diagnostic, DoesNotFitError, InputError, Location
from briefing.serve.entry import Entry, FitStatus
from briefing.serve.http import name
from briefing.serve.pages import counts, preview_page
from briefing.serve.watch import changed, signature, signatures
from briefing.wording import plural

SETTLE_SECONDS = 0.2
"""How long the inputs must rest before a layout starts when they changed again this
soon: an editor that saves on every keystroke does not start a layout each time (the
HTML is rebuilt on every save), while a save after a pause is laid out at once."""


class Previews:
    """The briefs being previewed, by stem; every change of a page is published.

    `lock` guards the entries; `notify(stem)` is called, holding it, for each page
    published, so that a page told to reload finds the new one.
    """

    def __init__(self, *, fit: bool, settle: float, log: Callable[[str], None],
                 notify: Callable[[str], None]) -> None:
        self.fit_enabled, self.settle = fit, settle
        self.log, self.notify = log, notify
        self.lock = threading.Lock()
        self.entries: dict[str, Entry] = {}
        self.version = 0
        """Goes up with every page published, whichever the brief."""
        # A preview is a draft: what is printed from it says so, and its REVIEWs only warn.
        self.builder = Builder(draft=True)
        self._pending: dict[str, float] = {}
        self._changed: dict[str, float] = {}
        """When each brief last changed (time.monotonic), to tell a burst of saves."""
        self._wake = threading.Condition()
        self._layout_lock = threading.Lock()

    def use_templates(self, user_dir: Path | None) -> None:
        """Make pages with the templates of `user_dir` as they are now on disk."""
        if user_dir != self.builder.templates_dir:
            self.builder = Builder(templates_dir=user_dir, draft=True)  # other folders
        else:
            self.builder.forget_templates()

    def sync(self, found: dict[str, Path], root: Path) -> list[Entry]:
        """Forget the briefs of `root` that are gone; return entries for the new ones."""
        with self.lock:
            for stem in [s for s, e in self.entries.items() if found.get(s) != e.path]:
                del self.entries[stem]
                self.log(f"{root}: {stem} is gone")
                self.notify(stem)
            return [
                self.entries.setdefault(stem, Entry(stem, path))
                for stem, path in found.items()
                if stem not in self.entries
            ]

    def stale(self, entry: Entry, now: float) -> bool:
        """True when one of the brief's input files changed since it was last read."""
        return any(changed(sig, signature(path, now)) for path, sig in entry.watched.items())

    def rebuild(self, entry: Entry, *, quiet: bool = False) -> None:
        """The fast path: check and render the brief, publish its page, queue its layout."""
        started = time.perf_counter()
        # Signatures are taken before the files are read: a save during the build is
        # seen at the next tick.
        now = time.time()
        watched = signatures([entry.path, *([entry.source] if entry.source else [])], now)
        builder = self.builder
        checked: Checked | None = None
        body: str | None = None
        errors: list[Diagnostic] = []
        warnings: list[Diagnostic] = []
        source = entry.source
        try:
            checked = builder.check(entry.path)
            source = checked.piece_text
            errors = checked.problems()
            warnings = [f for f in checked.findings if f not in errors]
            body = builder.render_html(checked, scale=entry.scale)
        except InputError as exc:
            errors = list(exc.diagnostics)
            if checked is None:
                source = named_piece_text(entry.path) or entry.source
        except Exception as exc:
            errors = [_unexpected(entry.path, exc)]
            self.log(_failure(f"unexpected failure in the preview ({name(exc)})", entry.path))
        if source is not None and source not in watched:
            watched[source] = signature(source, now)
        if checked is not None and checked.logo is not None:  # a new logo shows on save
            watched.setdefault(checked.logo.path, signature(checked.logo.path, now))

        with self.lock:
            if self.entries.get(entry.stem) is not entry:
                return
            entry.watched, entry.source = watched, source
            if (
                entry.version
                and body == entry.body
                and errors == entry.errors
                and warnings == entry.warnings
            ):
                entry.checked = checked  # the newest, for the next layout
                return  # saved without a change that shows: no reload
            entry.generation += 1
            entry.checked, entry.body = checked, body
            entry.errors, entry.warnings = errors, warnings
            if body is None:
                entry.fit = FitStatus("skipped")
            else:
                entry.fit = FitStatus("pending" if self.fit_enabled else "off")
            self.publish(entry)
        if body is not None and self.fit_enabled:
            self.queue_layout(entry.stem, 0.0 if quiet else self.layout_delay(entry.stem))
        if not quiet:
            took = (time.perf_counter() - started) * 1000
            self.log(f"{entry.path}: updated in {took:.0f} ms" + counts(errors, warnings))
        for error in errors:
            self.log(error.line())

    def publish(self, entry: Entry) -> None:
        """Make the entry's page under a new version, and tell the pages (holding the lock)."""
        entry.version += 1
        self.version += 1
        entry.page = preview_page(entry).encode("utf-8")
        self.notify(entry.stem)

    # --- laying out ------------------------------------------------------------------

    def layout_delay(self, stem: str) -> float:
        """How long to wait before laying out a brief that just changed: nothing after a
        pause, `settle` when it changed `settle` ago or less (saves in a burst)."""
        now = time.monotonic()
        last = self._changed.get(stem)
        self._changed[stem] = now
        return self.settle if last is not None and now - last <= self.settle else 0.0

    def queue_layout(self, stem: str, delay: float) -> None:
        """Lay the brief out in `delay` seconds, unless it is saved again before."""
        with self._wake:
            self._pending[stem] = time.monotonic() + delay
            self._wake.notify_all()

    def wake(self) -> None:
        """Wake the layout thread (to see that it must stop)."""
        with self._wake:
            self._wake.notify_all()

    def work(self, stop: threading.Event) -> None:
        """The layout thread: lay out each brief when it is due, until `stop`."""
        while not stop.is_set():
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
                self.lay_out(stem)
            except Exception as exc:
                self.log(_failure(f"unexpected failure of the layout ({name(exc)})", Path(stem)))

    def lay_out(self, stem: str) -> None:
        """The slow path: fit the brief to one page, and publish the page at that scale."""
        with self.lock:
            entry = self.entries.get(stem)
            if entry is None or entry.checked is None or entry.body is None:
                return
            generation, checked = entry.generation, entry.checked
        builder = self.builder
        started = time.perf_counter()
        fitted = None
        body: str | None = None
        scale = entry.scale
        try:
            with self._layout_lock:
                fitted = builder.fit(checked)
            status = FitStatus("fits", fitted.scale, fitted.passes)
            scale = fitted.scale
        except DoesNotFitError as exc:
            status = FitStatus("overflow", overflow=exc.overflow)
            scale = exc.overflow.floor  # the page shows how it overflows at its smallest
        except BriefingError as exc:
            status = FitStatus("failed", message=_reason(exc))
        except Exception as exc:
            status = FitStatus("failed", message=f"unexpected failure ({name(exc)})")
            self.log(_failure(f"unexpected failure of the layout ({name(exc)})", entry.path))
        if status.state in ("fits", "overflow"):
            try:
                body = builder.render_html(checked, scale=scale)
            except Exception as exc:
                self.log(_failure(f"cannot render at scale {scale} ({name(exc)})", entry.path))
        with self.lock:
            if self.entries.get(stem) is not entry or entry.generation != generation:
                return  # changed meanwhile: a newer layout is queued
            entry.fit = status
            entry.fitted, entry.fitted_generation = fitted, generation
            if body is not None:
                entry.body, entry.scale = body, scale
            self.publish(entry)
        took = time.perf_counter() - started
        passes = f", {plural(status.passes, 'pass')}" if status.passes else ""
        self.log(f"{entry.path}: {status.describe()} ({took:.1f} s{passes})")

    def pdf(self, stem: str) -> bytes | None:
        """The brief's PDF (laid out now unless the last layout is current); None for a
        brief not served. Raises InputError when it cannot be made, and why."""
        with self.lock:
            entry = self.entries.get(stem)
            if entry is None:
                return None
            if entry.checked is None or entry.body is None:
                raise InputError(entry.errors)
            checked = entry.checked
            fitted = entry.fitted if entry.fitted_generation == entry.generation else None
        builder = self.builder
        with self._layout_lock:
            return builder.pdf(fitted or builder.fit(checked), checked)


def _reason(exc: BriefingError) -> str:
    """What went wrong, in a line."""
    if isinstance(exc, InputError) and exc.diagnostics:
        return exc.diagnostics[0].message
    return exc.message


def _unexpected(path: Path, exc: Exception) -> Diagnostic:
    return Diagnostic(
        Location(path),
        f"unexpected failure in the preview ({name(exc)})",
        "this is a bug in briefing: please report it, with the brief if you can",
    )


def _failure(message: str, file: Path) -> str:
    """A failure of the preview for the terminal, worded as every error is."""
    return BriefingError(message, file=file).format()
