"""benchmarks/run.py: its baseline is the same work as a build, and a partial run keeps
the other rows of RESULTS.md with their dates."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The example's final page, as the engine alone is given it."""
    return bench.fitted_page(tmp_path_factory.mktemp("page"))


def test_the_engine_baseline_lays_out_the_same_page_into_the_same_pdf(
    bench: ModuleType, page: Any, tmp_path: Path, example_build: Path, example_yaml: Path
) -> None:
    engine_pdf = tmp_path / "engine.pdf"
    env = {**os.environ, "FONTCONFIG_FILE": str(bench.FONTS_CONF)}
    subprocess.run(bench.engine_command(page, engine_pdf), env=env, check=True,
                   capture_output=True, timeout=120)
    ours = example_build / f"{example_yaml.stem}.pdf"
    assert bench.page_text(ours) and bench.page_text(engine_pdf) == bench.page_text(ours)
    # The same record too: the PDF/A-3b claim and the same files carried.
    mine, theirs = PdfReader(ours), PdfReader(engine_pdf)
    metadata = theirs.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in metadata
    assert sorted(theirs.attachments) == sorted(Path(name).name for name in mine.attachments)


def test_the_batch_baseline_writes_the_same_page_again_in_one_process(
    bench: ModuleType, page: Any, tmp_path: Path, example_build: Path, example_yaml: Path
) -> None:
    env = {**os.environ, "FONTCONFIG_FILE": str(bench.FONTS_CONF)}
    out = tmp_path / "many"
    subprocess.run([sys.executable, str(bench.ENGINE_BATCH), str(page.spec(tmp_path)), "2",
                    str(out)], env=env, check=True, capture_output=True, timeout=240)
    ours = bench.page_text(example_build / f"{example_yaml.stem}.pdf")
    assert [bench.page_text(pdf) for pdf in sorted(out.glob("*.pdf"))] == [ours, ours]


def test_the_preview_is_timed_to_the_first_page_then_to_the_fitted_one(
    tmp_path: Path, example_yaml: Path
) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from preview import measure_save_to_preview
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    shown = measure_save_to_preview(example_yaml, tmp_path / "serve")
    assert 0 < shown.first_page <= shown.fitted_page


def test_a_partial_run_keeps_the_other_rows_with_their_date(bench: ModuleType) -> None:
    previous = "\n".join([
        "# Benchmark results", "",
        "Made by `make bench` on 2026-11-25: 2 cores. Machines here are noisy.", "",
        "| measure | figure | target | |", "|---|---:|---:|---|",
        "| cold HTML-only build of the example | 0.27 s | < 0.3 s | met |",
        "| python -m weasyprint on the HTML briefing produced | 2.63 s |  |  |",
        "|   ratio briefing / weasyprint | 0.59 | <= 1.2 | met |",
        "| 100 briefs in 100 separate calls | 159.4 s |  |  |",
        "|   speed-up of one call | 7.8x | >= 5x | met |",
    ])
    run = bench.Bench(repeat=1, batch=1)
    shutil.rmtree(run.tmp)
    run.step = "cold"
    run.row("  ratio briefing / weasyprint", "1.61", "<= 1.1", False)
    text = run.results(previous, ["cold"])
    rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    assert rows[0] == ("| cold HTML-only build of the example | 0.27 s | < 0.3 s | met "
                       "| 2026-11-25 |")
    assert rows[1].startswith("|   ratio briefing / weasyprint | 1.61 | <= 1.1 | NOT met | ")
    assert rows[2:] == [
        "| 100 briefs in 100 separate calls | 159.4 s |  |  | 2026-11-25 |",
        "|   speed-up of one call | 7.8x | >= 5x | met | 2026-11-25 |",
    ]
    assert "| 0.59 |" not in text
    cold = ("- The rows of cold were measured again after it, by `python benchmarks/run.py "
            "--only cold --repeat 1 --write` (medians of 1)")
    assert sum(line.startswith(cold) for line in text.splitlines()) == 1

    # Another partial run keeps the line of the first; the same steps again replace it.
    run.rows, run.step = [], "make"
    run.row("second `make brief`, nothing changed", "46 ms", "< 0.2 s", True)
    again = run.results(text, ["make"]).splitlines()
    assert sum(line.startswith(cold) for line in again) == 1
    assert sum(line.startswith("- The rows of make were measured again") for line in again) == 1
    run.rows, run.step = [], "cold"
    run.row("  ratio briefing / weasyprint", "1.08", "<= 1.1", True)
    last = run.results("\n".join(again), ["cold"]).splitlines()
    assert sum(line.startswith("- The rows of cold") for line in last) == 1
    assert "|   ratio briefing / weasyprint | 1.08 | <= 1.1 | met " in "\n".join(last)


def test_steps_against_the_engine_refuse_an_engine_slower_than_users_have(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing import doctor

    monkeypatch.setattr(doctor, "_library", lambda *names: None)  # no libharfbuzz-subset
    monkeypatch.setattr(sys, "argv", ["run.py", "--only", "html,cold,passes"])
    # main() sets both for the commands it runs: put back as they were after the test.
    monkeypatch.setenv("PYTHONPATH", os.environ.get("PYTHONPATH", ""))
    monkeypatch.setattr(sys, "path", list(sys.path))
    with pytest.raises(SystemExit) as stopped:
        bench.main()
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "(libharfbuzz-subset0) is missing" in said
    assert "apt-get install -y libharfbuzz-subset0" in said
    assert "--only html,passes" in said
