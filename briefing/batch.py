"""Build many briefs in one call, in worker processes that each keep their engines warm."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from briefing.build import Builder, Result
from briefing.errors import BriefingError, unexpected


@dataclass(frozen=True)
class Outcome:
    """What became of one brief: its result, or the error that stopped it."""

    path: Path
    result: Result | None = None
    error: BriefingError | None = None
    traceback: str | None = None
    """The traceback of an unexpected failure (a bug), for --debug."""


def build_one(builder: Builder, path: Path) -> Outcome:
    """Build `path`, turning every failure into an Outcome: one failing brief must not
    stop the others, and an unexpected exception may not cross processes whole."""
    try:
        return Outcome(path, builder.build(path))
    except BriefingError as exc:
        return Outcome(path, error=exc)
    except Exception as exc:
        return Outcome(
            path,
            error=unexpected(exc, path),
            traceback=traceback.format_exc(),
        )


_worker: Builder | None = None


def _start_worker(settings: dict[str, object]) -> None:
    global _worker
    _worker = Builder(**settings)  # type: ignore[arg-type]


def _work(path: Path) -> Outcome:
    assert _worker is not None
    return build_one(_worker, path)


def default_jobs() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build_all(builder: Builder, paths: list[Path], jobs: int) -> Iterator[Outcome]:
    """Build every brief of `paths`, `jobs` at a time, yielding outcomes as they finish."""
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            yield build_one(builder, path)
        return
    # Imported here: a build of one brief, the common case, does not pay for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    settings = {f.name: getattr(builder, f.name) for f in fields(builder) if f.init}
    # fork: workers start at once, with the parent's imports, and WeasyPrint is loaded
    # after the fork, in each worker, never in the parent.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, context, initializer=_start_worker,
                             initargs=(settings,)) as pool:
        futures = [pool.submit(_work, path) for path in paths]
        for future in as_completed(futures):
            yield future.result()
