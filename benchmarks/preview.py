"""How long a save takes to show in `briefing serve`, measured as a user sees it.

Two moments: the first page shown (checked and rendered at once, at the scale of the
last layout), and the fitted page (laid out in the background as the PDF is, then
shown at the scale found: what the PDF will print).

Kept out of the package: it uses only what a user has (`briefing serve` running in a
process of its own, its HTTP routes, a file saved), so `make bench` measures the real
thing and the preview carries no code of its own for it. The preview runs apart from
this process as it does apart from the browser: served from here, the requests that
read the page would take turns with its layout for Python's interpreter lock, which
the browser's never do (measured: 0.6 to 0.75 s in one process, 0.4 to 0.5 s apart).
Run alone: `python benchmarks/preview.py [BRIEF]`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "fpif-russia-assad.yaml"


@dataclass(frozen=True)
class Shown:
    """Seconds from a save to each page the preview shows."""

    first_page: float
    """To the page checked and rendered, at the scale of the last layout."""
    fitted_page: float
    """To the page laid out on one page, at the scale the PDF is made at."""


def measure_save_to_preview(brief: Path, work: Path, *, timeout: float = 60.0) -> Shown:
    """Seconds from saving a brief to its updated preview being served, then fitted.

    Copies the brief's folder (with its source texts) to `work`, serves the copy on a
    free port, waits for the first one-page layout to end (the state a user saves in),
    then changes the bottom line and, at each event the preview sends its pages,
    reads the page until it shows the change, then until its layout is done (the
    fit's state no longer pending, the page still showing the change).
    """
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(brief.parent, work, ignore=shutil.ignore_patterns("*.html", "*.pdf"))
    copy = work / brief.name
    data = yaml.safe_load(copy.read_text(encoding="utf-8"))
    marker = f"Saved at {time.monotonic_ns()}."
    data["bluf"] = f"{marker} {data['bluf']}"
    edited = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    stem = quote(copy.stem)

    with serving(copy) as url:

        def get(path: str) -> bytes:
            with urllib.request.urlopen(url + path.lstrip("/"), timeout=10) as reply:
                body: bytes = reply.read()
                return body

        def status() -> dict[str, Any]:
            found: dict[str, Any] = json.loads(get(f"/status/{stem}"))
            return found

        def fitting() -> bool:
            return bool(status()["fit"]["state"] == "pending")

        deadline = time.monotonic() + timeout
        while fitting() and time.monotonic() < deadline:
            time.sleep(0.05)
        version = status()["version"]
        # Told of each change by the event stream, as the page in a browser is.
        with urllib.request.urlopen(url + "events", timeout=timeout) as events:
            started = time.perf_counter()
            copy.write_text(edited, encoding="utf-8")
            first: float | None = None
            for line in events:
                if time.monotonic() > deadline:
                    break
                if not line.startswith(b"data:"):
                    continue
                now = status()
                if now["version"] <= version:
                    continue
                version = now["version"]
                shown = marker.encode() in get(f"/brief/{stem}")
                if shown and first is None:
                    first = time.perf_counter() - started
                if shown and now["fit"]["state"] != "pending":
                    return Shown(first or 0.0, time.perf_counter() - started)
    raise TimeoutError(f"the preview of {copy} was not updated within {timeout:.0f} s")


@contextlib.contextmanager
def serving(brief: Path) -> Iterator[str]:
    """`briefing serve BRIEF` on a free port, in a process of its own: its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", str(brief), "--port", "0"],
        cwd=brief.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://\S+/", line)
        if found is None:
            raise RuntimeError(f"briefing serve did not start: {line}{process.stdout.read()}")
        # Its log goes on, and would block the preview once a pipe's worth is unread.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        yield found[0]
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("brief", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--repeat", type=int, default=5, help="runs for the median")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    work = Path(tempfile.mkdtemp(prefix="briefing-preview-bench-"))
    try:
        runs = [measure_save_to_preview(args.brief, work / "content")
                for _ in range(args.repeat)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first = statistics.median(run.first_page for run in runs)
    fitted = statistics.median(run.fitted_page for run in runs)
    print(f"save to the first page shown ({args.brief.name}): {first * 1000:.0f} ms; to the "
          f"fitted page: {fitted * 1000:.0f} ms (medians of {args.repeat}; target for the "
          "fitted page < 500 ms)")


if __name__ == "__main__":
    main()
