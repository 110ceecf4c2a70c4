"""The one-page fit over a corpus of briefs of every length, theme and paper.

Passes are counted, never timed (tests/fit_corpus.py makes the corpus; `make bench`
reports the same figures in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import fit_corpus
import pytest

from briefing import Builder
from briefing.fitting import CLOSE


@dataclass(frozen=True)
class Fit:
    path: Path
    scale: float
    passes: int


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return fit_corpus.write(tmp_path_factory.mktemp("fit-corpus"))


def fit_all(paths: list[Path], out: Path) -> dict[str, Fit]:
    builder = Builder(out=out, formats=("pdf",), force=True)
    fits = {}
    for path in paths:
        fitted = builder.fit(builder.check(path))
        fits[path.name] = Fit(path, fitted.scale, fitted.passes)
    return fits


@pytest.fixture(scope="module")
def fits(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Fit]:
    return fit_all(corpus, tmp_path_factory.mktemp("fit-out"))


def test_the_corpus_is_varied(fits: dict[str, Fit]) -> None:
    """At least 30 briefs, from full size to near the floor, in every theme and paper."""
    assert len(fits) >= 30
    scales = [f.scale for f in fits.values()]
    assert sum(s == 1.0 for s in scales) >= 5
    assert sum(s < 0.9 for s in scales) >= 5
    assert sum(0.9 <= s < 1.0 for s in scales) >= 5


def test_passes_stay_as_few_as_measured(fits: dict[str, Fit]) -> None:
    """The figures of benchmarks/RESULTS.md, as a floor for changes to the fit: on this
    corpus the median is 1 and none takes more than 3 (issue 16's targets), and the
    passes average 1.61."""
    passes = [f.passes for f in fits.values()]
    assert statistics.median(passes) <= 1.2, sorted(passes)
    assert statistics.mean(passes) <= 1.65, sorted(passes)
    assert max(passes) <= 3, sorted(passes)


def test_no_scale_is_more_than_two_percent_below_the_best(
    fits: dict[str, Fit], tmp_path: Path
) -> None:
    builder = Builder(out=tmp_path, formats=("pdf",))
    worst = {}
    for name, fit in fits.items():
        if fit.scale < 1.0:
            best = fit_corpus.largest_fitting_scale(builder, fit.path, fit.scale)
            worst[name] = (fit.scale, best)
    below = {name: pair for name, pair in worst.items() if pair[0] < CLOSE * pair[1]}
    assert not below, below


def test_the_scale_does_not_depend_on_what_was_built_before(
    corpus: list[Path], fits: dict[str, Fit], tmp_path: Path
) -> None:
    """Fitted in the other order, by another builder: every brief gets the same scale."""
    again = fit_all(list(reversed(corpus)), tmp_path)
    assert {n: f.scale for n, f in again.items()} == {n: f.scale for n, f in fits.items()}
