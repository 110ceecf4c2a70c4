"""`make bench`: how much `briefing` adds to the layout engine's own time.

Each figure is the median of several runs; ratios compare figures measured in the same
run. Results go to standard output as a table and to benchmarks/RESULTS.md.
Nothing here is asserted: machines are noisy, so the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "fpif-russia-assad.yaml"
BIN = Path(sys.executable).parent
BRIEFING = [str(BIN / "briefing")]


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def sh(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(args, check=True, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def generated_briefs(folder: Path, count: int) -> list[Path]:
    """`count` briefs made from the example, each with its own bottom line."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    shutil.copytree(EXAMPLE.parent / "sources", folder / "sources", dirs_exist_ok=True)
    paths = []
    for i in range(count):
        brief = copy.deepcopy(data)
        brief["bluf"] = f"Brief {i}: " + brief["bluf"]
        path = folder / f"brief-{i:03}.yaml"
        path.write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths.append(path)
    return paths


def child_peak_rss_mb(args: list[str]) -> float:
    """Peak resident memory of a command and its children, in MB (Linux ru_maxrss)."""
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True)
    return int(out.stdout.strip()) / 1024


NOTES = """\
## Reading these numbers

- **briefing against WeasyPrint.** The HTML that briefing saves is self-contained:
  its fonts travel inside it as WOFF2, which `python -m weasyprint` must decode, and
  WeasyPrint then also loads the host's font configuration. briefing lays the same
  page out from the TrueType files and a stylesheet parsed once, so its whole run
  (start-up, YAML, validation, checks, Jinja, two layout passes to fit the page, PDF
  and HTML) comes in under WeasyPrint's single pass on that file.
- **One call against separate calls.** The target compares one `briefing build`
  call as a user makes it (by default one worker per core) with one call per brief.
  Each separate call pays Python's start-up, WeasyPrint's import and its font set-up
  (about 1.1 s here); one call pays them once per worker, and uses every core.
- **One process (`--jobs 1`)** shows the start-up saving alone. What remains per
  brief is the work itself, about 0.35-0.4 s: the example overflows at full size, so
  it is laid out once to measure by how much and once at the estimated scale (two
  passes is the least any brief that must shrink can take), then drawn as a PDF.
  Start-up saved can then give at most about (1.1 + 0.4) / 0.4, some 4x, however
  many briefs there are; the rest of the gain comes from the second core.
- **What made a pass cheaper.** WeasyPrint resolves CSS variables (`var()`) anew for
  each element on each pass; the themes size everything from `--k`. Substituting
  the root variables into the stylesheet first (briefing/variables.py) cut a pass by
  about a third, with the same PDF bytes. Estimating the scale with exponent 1.7
  instead of 2.0 fits the example in two passes instead of three.
- **Memory** is measured as the peak resident size of the whole process tree.
"""


class Bench:
    def __init__(self, repeat: int, batch: int) -> None:
        self.repeat = repeat
        self.batch = batch
        self.rows: list[tuple[str, str, str, str]] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="briefing-bench-"))

    def row(self, what: str, figure: str, target: str, ok: bool | None) -> None:
        verdict = "" if ok is None else ("met" if ok else "NOT met")
        self.rows.append((what, figure, target, verdict))
        print(f"{what:58} {figure:>24}  {target:>12}  {verdict}", flush=True)

    def cold_pdf(self) -> None:
        out = self.tmp / "cold"
        cmd = [*BRIEFING, "build", str(EXAMPLE), "--out", str(out), "--force", "--format",
               "html,pdf"]
        ours = median_time(lambda: sh(*cmd), self.repeat)
        html = out / "fpif-russia-assad.html"
        engine = [str(BIN / "python"), "-m", "weasyprint", str(html), str(self.tmp / "w.pdf")]
        theirs = median_time(lambda: sh(*engine), self.repeat)
        ratio = ours / theirs
        self.row("cold build of the example to PDF (briefing build)", f"{ours:.2f} s", "", None)
        self.row("python -m weasyprint on the HTML briefing produced", f"{theirs:.2f} s", "",
                 None)
        self.row("  ratio briefing / weasyprint", f"{ratio:.2f}", "<= 1.2", ratio <= 1.2)

    def cold_html(self) -> None:
        cmd = [*BRIEFING, "build", str(EXAMPLE), "--out", str(self.tmp / "html"), "--force",
               "--format", "html"]
        seconds = median_time(lambda: sh(*cmd), self.repeat)
        self.row("cold HTML-only build of the example", f"{seconds:.2f} s", "< 0.3 s",
                 seconds < 0.3)

    def batch_builds(self) -> None:
        folder = self.tmp / "many"
        briefs = generated_briefs(folder, self.batch)
        out = self.tmp / "many-out"
        cores = os.cpu_count() or 1
        started = time.perf_counter()
        for brief in briefs:
            sh(*BRIEFING, "build", str(brief), "--out", str(out), "--force")
        separate = time.perf_counter() - started
        runs = max(1, self.repeat // 3)
        default = median_time(
            lambda: sh(*BRIEFING, "build", str(folder), "--out", str(out), "--force"), runs)
        one = median_time(
            lambda: sh(*BRIEFING, "build", str(folder), "--out", str(out), "--force",
                       "--jobs", "1"), runs)
        two = default if cores == 2 else median_time(
            lambda: sh(*BRIEFING, "build", str(folder), "--out", str(out), "--force",
                       "--jobs", "2"), runs)
        n = len(briefs)
        self.row(f"{n} briefs in {n} separate calls", f"{separate:.1f} s", "", None)
        self.row(f"{n} briefs in one call (default: --jobs {cores}, one per core)",
                 f"{default:.1f} s", "", None)
        self.row("  speed-up of one call", f"{separate / default:.1f}x", ">= 5x",
                 separate / default >= 5)
        self.row(f"{n} briefs in one call, one process (--jobs 1)", f"{one:.1f} s", "", None)
        self.row("  speed-up from start-up saved alone", f"{separate / one:.1f}x", "", None)
        self.row(f"{n} briefs, --jobs 2", f"{two:.1f} s", "", None)
        self.row("  speed-up of --jobs 2 over --jobs 1", f"{one / two:.2f}x", ">= 1.7x",
                 one / two >= 1.7)
        peaks = []
        for count in (n // 4, n // 2, n):
            sub = self.tmp / f"mem-{count}"
            sub.mkdir()
            shutil.copytree(folder / "sources", sub / "sources")
            for brief in briefs[:count]:
                shutil.copy(brief, sub)
            peaks.append(child_peak_rss_mb([*BRIEFING, "build", str(sub), "--out",
                                            str(self.tmp / f"mem-out-{count}"), "--jobs", "1"]))
        growth = (peaks[-1] - peaks[0]) / (n - n // 4)
        figure = " / ".join(f"{p:.0f}" for p in peaks) + " MB"
        self.row(f"peak memory, {n // 4} / {n // 2} / {n} briefs in one call", figure, "flat",
                 None)
        self.row("  growth per extra brief", f"{growth * 1024:.0f} KB", "~0", growth < 0.5)

    def passes(self) -> None:
        sys.path.insert(0, str(REPO))
        from briefing.build import Builder

        builder = Builder(out=self.tmp / "passes", formats=("pdf",), force=True)
        example = builder.build(EXAMPLE)
        self.row("layout passes to fit the example", f"{example.passes} (scale "
                 f"{example.scale:.2f})", "<= 3", example.passes <= 3)
        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        kjs = data["key_judgments"]
        data["key_judgments"] = copy.deepcopy(kjs) + copy.deepcopy(kjs)
        long = self.tmp / "passes-src" / "overlong.yaml"
        shutil.copytree(EXAMPLE.parent / "sources", long.parent / "sources")
        long.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        overlong = builder.build(long)
        self.row("layout passes to fit an overlong brief", f"{overlong.passes} (scale "
                 f"{overlong.scale:.2f})", "<= 5", overlong.passes <= 5)

    def make_nothing_changed(self) -> None:
        sh("make", "-s", "brief", cwd=REPO)
        seconds = median_time(lambda: sh("make", "-s", "brief", cwd=REPO), self.repeat)
        self.row("second `make brief`, nothing changed", f"{seconds * 1000:.0f} ms", "< 0.2 s",
                 seconds < 0.2)

    def serve(self) -> None:
        try:
            import preview as serve_module  # benchmarks/preview.py, beside this file
        except ImportError:
            self.row("serve: save to updated preview", "not available", "< 0.3 s", None)
            return
        measure: Any = getattr(serve_module, "measure_save_to_preview", None)
        if measure is None:
            self.row("serve: save to updated preview", "not measured", "< 0.3 s", None)
            return
        seconds = statistics.median(measure(EXAMPLE, self.tmp / "serve") for _ in range(5))
        self.row("serve: save to updated preview (example)", f"{seconds * 1000:.0f} ms",
                 "< 0.3 s", seconds < 0.3)

    def results(self) -> str:
        cpu = platform.machine()
        with contextlib.suppress(OSError):
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu += ", " + line.split(":", 1)[1].strip()
                    break
        lines = [
            "# Benchmark results",
            "",
            f"Made by `make bench` on {dt.date.today().isoformat()}: {os.cpu_count()} cores "
            f"({cpu}), {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}; medians of {self.repeat} runs where repeated. "
            "Machines here are noisy: read the ratios, which are measured in the same run, "
            "before the seconds.",
            "",
            "| measure | figure | target | |",
            "|---|---:|---:|---|",
            *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows],
            "",
            NOTES,
        ]
        return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs per median")
    parser.add_argument("--batch", type=int, default=100, help="briefs in the batch tests")
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = parser.parse_args()
    bench = Bench(args.repeat, args.batch)
    try:
        for step in (bench.cold_html, bench.cold_pdf, bench.passes, bench.make_nothing_changed,
                     bench.serve, bench.batch_builds):
            step()
    finally:
        shutil.rmtree(bench.tmp, ignore_errors=True)
    if args.write:
        (REPO / "benchmarks" / "RESULTS.md").write_text(bench.results(), encoding="utf-8")


if __name__ == "__main__":
    main()
