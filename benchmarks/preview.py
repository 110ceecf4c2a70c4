"""How long a save takes to show in `briefing serve`, measured as a user sees it.

Two moments: the first page shown (checked and rendered at once, at the scale of the
last layout), and the fitted page (laid out in the background as the PDF is, then
shown at the scale found: what the PDF will print).

Kept out of the package: it uses only what a user has (a running preview, its HTTP
routes, a file saved), so `make bench` measures the real thing and the preview carries
no code of its own for it. Run alone: `python benchmarks/preview.py [BRIEF]`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
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
    from briefing.serve import PreviewServer

    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(brief.parent, work, ignore=shutil.ignore_patterns("*.html", "*.pdf"))
    copy = work / brief.name
    data = yaml.safe_load(copy.read_text(encoding="utf-8"))
    marker = f"Saved at {time.monotonic_ns()}."
    data["bluf"] = f"{marker} {data['bluf']}"
    edited = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    stem = quote(copy.stem)

    with PreviewServer(copy, port=0, log=lambda _message: None) as server:

        def get(path: str) -> bytes:
            with urllib.request.urlopen(server.url + path.lstrip("/"), timeout=10) as reply:
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
        # Told of each change by the event stream, as the page in a browser is: polling
        # from this process, which runs the server too, would slow its layout.
        with urllib.request.urlopen(server.url + "events", timeout=timeout) as events:
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
