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
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "fpif-russia-assad.yaml"
BRIEFING = [sys.executable, "-m", "briefing"]
"""This checkout's briefing, whatever the console script of the environment points at
(run from the repository, or with PYTHONPATH set to it)."""
FONTS_CONF = REPO / "briefing" / "fonts" / "fonts.conf"
ENGINE_BATCH = REPO / "benchmarks" / "engine_batch.py"
COLD_TARGET = 1.10
"""A cold build to PDF may take this much longer than the engine alone on its final page."""
BATCH_TARGET = 1.10
"""A batch in one process may take this much longer than the engine writing the same
final page as many times in one process."""
BATCH_BRIEFS = 20
"""Briefs in that batch (the issue's figure), whatever --batch says: it sets the size of
the batches timed against separate calls and watched for memory."""
MORE_BRIEFS = 72
"""Briefs the generator of the fit corpus makes after the corpus's own, fitted too: most
of the fit was tuned by watching the corpus alone, so these show how far its figures
hold."""
HTML_TARGET = 0.25
"""Seconds a cold HTML-only build of the example may take."""
SERVE_TARGET = 0.5
"""Seconds from saving a brief to the preview showing its fitted page."""
WORD_TARGET = 0.2
"""Seconds the Word brief may add to a PDF build."""


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def sh(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    subprocess.run(args, check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


Commands = dict[str, tuple[list[str], dict[str, str] | None]]
"""Commands by name, each with the environment it runs in (None: this one's)."""


def interleaved_medians(commands: Commands, runs: int) -> dict[str, float]:
    """The median time of each command, all run in turn `runs` times: a noisy moment of
    the machine then slows each of them alike, and their ratios hold."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (args, env) in commands.items():
            started = time.perf_counter()
            sh(*args, env=env)
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(seconds) for name, seconds in times.items()}


@dataclass(frozen=True)
class Page:
    """The example's final page as files for the engine alone."""

    html: Path
    stylesheets: list[Path]
    base_url: str
    scale: float
    variant: str | None
    """The PDF variant WeasyPrint is asked for (briefing's `design.pdf`), None for plain."""
    attachments: list[Path]
    """The files the brief's PDF carries (its YAML, the piece's text)."""

    def spec(self, folder: Path) -> Path:
        """The page as `folder`/page.json, for benchmarks/engine_batch.py."""
        path = folder / "page.json"
        path.write_text(json.dumps({
            "html": str(self.html), "stylesheets": [str(s) for s in self.stylesheets],
            "base_url": self.base_url, "variant": self.variant,
            "attachments": [str(a) for a in self.attachments],
        }), encoding="utf-8")
        return path


def fitted_page(folder: Path) -> Page:
    """The HTML, stylesheets and carried files that briefing's last layout pass gives the
    engine.

    The same markup, the bundled TrueType fonts by file URL, the theme's stylesheet with
    its root variables substituted at the fitted scale, all as user stylesheets: what
    `Layout.lay_out` passes to WeasyPrint, so that the engine lays out the same page;
    and the same PDF asked of it: the variant of the brief's standard and its carried
    files, as briefing.pdf writes them.
    """
    sys.path.insert(0, str(REPO))
    from briefing import fonts
    from briefing.build import Builder, check

    # WeasyPrint by way of briefing.layout, which first points fontconfig at the bundled fonts.
    from briefing.layout import page_variables
    from briefing.model import PdfStandard
    from briefing.pdf import ARCHIVAL

    builder = Builder(out=folder / "out", formats=("pdf",), force=True)
    checked = check(EXAMPLE)
    renderer = builder.renderer(builder.theme or checked.brief.design.theme)
    html, stylesheet = renderer.render(checked.brief, standalone=False), renderer.stylesheet()
    layout = builder.layout
    from weasyprint import HTML  # loaded by now, after fontconfig was pointed at the fonts

    scale = builder.fit(checked).scale  # the scale a build ends at, guess and all
    value = f"{scale:.3f}"
    variables = page_variables(HTML(string=html, base_url=layout.base_url), stylesheet)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "page.html": html,
        "fonts.css": fonts.linked_css(),
        "theme.css": variables.substitute(stylesheet, {"--scale": value}),
        "scale.css": f":root {{ --scale: {value} !important; }}",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    attachments = []
    for item in checked.carried:
        attached = folder / "carried" / item.name
        attached.parent.mkdir(parents=True, exist_ok=True)
        attached.write_bytes(item.data)
        attachments.append(attached)
    sheets = [folder / name for name in ("fonts.css", "theme.css", "scale.css")]
    variant = None if checked.brief.design.pdf is PdfStandard.PLAIN else ARCHIVAL
    return Page(folder / "page.html", sheets, layout.base_url, scale, variant, attachments)


def engine_command(page: Page, pdf: Path, *, same_pdf: bool = True) -> list[str]:
    """`python -m weasyprint` writing `page` to `pdf` with the options briefing uses (run
    it with FONTCONFIG_FILE=FONTS_CONF, as briefing runs the engine); without
    `same_pdf`, a plain tagged PDF, carrying nothing."""
    sheets = [arg for sheet in page.stylesheets for arg in ("--stylesheet", str(sheet))]
    record: list[str] = []
    if same_pdf:
        record += ["--pdf-variant", page.variant] if page.variant else []
        for attached in page.attachments:
            record += ["--attachment", str(attached), "--attachment-relationship", "Source"]
    return [sys.executable, "-m", "weasyprint", str(page.html), str(pdf), "--pdf-tags",
            "--base-url", page.base_url, *sheets, *record]


def page_text(pdf: Path) -> str:
    """The text of a PDF's pages, as PDFium reads it, spaces normalised."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in document)
    finally:
        document.close()


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

- **briefing against WeasyPrint.** The baseline is the engine alone laying out the
  same final page from the same font files into the same PDF: `python -m weasyprint`
  on the HTML that briefing's last layout pass gives the engine, with the bundled
  TrueType fonts linked by file URL and the theme's stylesheet with its root variables
  substituted at the fitted scale, as the same user stylesheets, with `--pdf-tags`,
  the brief's PDF variant (`--pdf-variant pdf/a-3b`) and the files its PDF carries
  (`--attachment`, relationship Source), and FONTCONFIG_FILE pointing at
  briefing/fonts/fonts.conf. The row "same page text" checks that the two PDFs carry
  the same text, so that it is the same work. The engine subsets its fonts with
  libharfbuzz-subset0, as users' WeasyPrint does; without it, it falls back to
  fontTools, most of a second slower per PDF (a cold ratio of 0.66 on 2026-12-02,
  before it was installed), so the steps measured against the engine refuse to run
  without it. briefing's run adds its own start-up
  (see the floor below), YAML, validation, the checks, Jinja, and every layout pass
  before the last one: a brief that is not accepted at its first pass is laid out
  again at a better scale (the rows "layout passes" say how many passes the example
  takes). One difference is left: the engine subsets the fonts with
  libharfbuzz-subset, briefing with its own subsetter (briefing/pdf.py, for the same
  bytes on every machine), some 10-20 ms more per PDF.
- **The old readings of that ratio.** Until 2026-12-01 the engine was asked for a
  plain tagged PDF, carrying nothing, while briefing wrote PDF/A-3b with the brief's
  YAML and text attached: not the same PDF. The row "the engine writing a plain
  tagged PDF instead" keeps that figure. Before that, the baseline was the engine on
  the self-contained HTML that briefing saves, which must decode the WOFF2 fonts
  inside it, loads the host's font configuration and resolves every `var()` itself;
  its ratio, 0.59, read as briefing being faster than the engine alone; it is not.
- **The start-up floor** is what a cold build cannot avoid with these libraries:
  Python, click, Jinja, PyYAML and pydantic imported, and the brief's validator built
  by pydantic, told first that there are no plugins, as the command line tells it
  (until 2026-12-02 the floor and the build also paid for pydantic's looking for
  them: importlib.metadata imported, some 15 ms). It is timed in turn with the build
  and with Python alone (until 2026-12-02, before the build: the difference, "of which
  above the start-up floor", was then as noisy as the machine); that difference is what
  briefing's own code, the checks, the render and the writing add to it
  (docs/architecture.md, "What start-up costs", says what was trimmed). The HTML-only
  target is a time, not a ratio, so it is met or not by the machine and the moment:
  on an Intel Xeon later on 2026-12-02 the floor was 132 and 135 ms and the build
  0.16 s in two runs an hour apart (met); on an AMD EPYC earlier that day the
  floor alone was 150, 294 and 288 ms within 25 minutes, the build 0.18, 0.31 and
  0.33 s; on the Intel machine of 2026-12-01 the build took 0.29 to 0.36 s. briefing's
  own part stays some 25 to 40 ms above the floor; at a slow machine's slower moments
  the floor alone is over 0.25 s, and going below it would take dropping pydantic (or
  Jinja) from the build.
- **A batch in one process** (`--jobs 1`, PDF only) is compared with the engine
  writing the same final page as many times in one Python process
  (benchmarks/engine_batch.py): Python and WeasyPrint imported once, one font
  configuration and the stylesheets parsed once for every page, each page parsed,
  laid out and written as a new document, with the same PDF options as above. What
  briefing adds per brief is the check, the render, its layout passes before the last
  and its subsetter.
- **One call against separate calls.** The target compares one `briefing build`
  call as a user makes it (by default one worker per core) with one call per brief.
  Each separate call pays Python's start-up, WeasyPrint's import and its font set-up
  (about 1.1 s here); one call pays them once per worker, and uses every core.
- **One process (`--jobs 1`)** shows the start-up saving alone: what remains per
  brief is the work itself (check, render, each layout pass, the PDF), so start-up
  saved can give at most (start-up + one brief's work) / one brief's work, however
  many briefs there are; the rest of the gain comes from the second core. On a
  machine shared with other work, `--jobs 2` gains less.
- **What made a pass cheaper.** WeasyPrint resolves CSS variables (`var()`) anew for
  each element on each pass; the themes size everything from `--k`. Substituting
  the root variables into the stylesheet first (briefing/variables.py) cut a pass by
  about a third, with the same PDF bytes.
- **The fit corpus** is tests/fit_corpus.py: 36 briefs from the three examples, in
  every theme, on A4 and Letter, from half a page to a quarter more than fits at full
  size. Each is fitted as `briefing build` fits it (the first pass at the scale guessed
  from its text, briefing/estimate.py), then the largest scale at which it fits is
  found by bisection. docs/fitting.md says why the guess is seldom close enough to be
  taken at once, so that a brief that must shrink takes two passes or more. The
  generator's next 72 briefs are fitted the same way and reported beside the targets,
  not held to them: most of the fit was tuned by watching the corpus alone, so they
  show how far its figures hold (docs/fitting.md).
- **The preview** is timed as a user sees it (benchmarks/preview.py): from the save
  to the first page shown (checked and rendered at once, at the last layout's scale),
  and to the fitted page (laid out in the background as the PDF is, then shown at the
  scale found), each read when the preview's event stream says the page changed, as
  a browser's page is told. Both include the watcher's poll (up to 0.1 s); the second
  every layout pass. A save after a pause is laid out at once; one that follows
  another within 0.2 s waits for the inputs to rest that long, so that an editor that
  saves on every keystroke does not start a layout each time. Until 2026-12-01 every
  save waited those 0.2 s, and the measure polled the page itself from the process
  that runs the preview, which slowed its layout; the preview now runs as a user runs
  it, `briefing serve` in a process of its own (served from the bench's process, the
  requests that read the page took turns with the layout: 0.6 to 0.75 s).
- **Memory** is measured as the peak resident size of the whole process tree.
- **The Word brief** is made from the brief and the scale the PDF was fitted at, so
  its cost is that of writing the .docx alone (python-docx, the reference document
  read and checked, the zip rewritten for the same bytes), measured in one process
  against drawing the PDF of the same fitted page; the fit itself is shared. That
  cost is what it adds to a build.
"""


class Bench:
    def __init__(self, repeat: int, batch: int) -> None:
        self.repeat = repeat
        self.batch = batch
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.step = ""
        self.tmp = Path(tempfile.mkdtemp(prefix="briefing-bench-"))

    def row(self, what: str, figure: str, target: str, ok: bool | None) -> None:
        verdict = "" if ok is None else ("met" if ok else "NOT met")
        self.rows.append((self.step, what, figure, target, verdict))
        print(f"{what:58} {figure:>24}  {target:>12}  {verdict}", flush=True)

    def engine_env(self) -> dict[str, str]:
        """The environment the engine runs in: fontconfig given the bundled fonts only."""
        return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}

    def cold_pdf(self) -> None:
        """A cold `briefing build` to PDF against the engine alone on the same final page."""
        out = self.tmp / "cold"
        cmd = [*BRIEFING, "build", str(EXAMPLE), "--out", str(out), "--force", "--format",
               "pdf"]
        page = fitted_page(self.tmp / "page")
        medians = interleaved_medians({
            "ours": (cmd, None),
            "engine": (engine_command(page, self.tmp / "engine.pdf"), self.engine_env()),
            "plain": (engine_command(page, self.tmp / "plain.pdf", same_pdf=False),
                      self.engine_env()),
        }, self.repeat)
        ours, theirs, bare = medians["ours"], medians["engine"], medians["plain"]
        same = page_text(out / "fpif-russia-assad.pdf") == page_text(self.tmp / "engine.pdf")
        ratio = ours / theirs
        self.row("cold build of the example to PDF (briefing build --format pdf)",
                 f"{ours:.2f} s", "", None)
        self.row(f"python -m weasyprint: the same page (scale {page.scale:.2f}), fonts, "
                 "stylesheet, PDF", f"{theirs:.2f} s", "", None)
        self.row("  same page text in both PDFs", "yes" if same else "NO: not the same work",
                 "yes", same)
        self.row("  ratio briefing / weasyprint", f"{ratio:.2f}", f"<= {COLD_TARGET}",
                 ratio <= COLD_TARGET)
        self.row("  the engine writing a plain tagged PDF instead (no PDF/A, nothing "
                 "carried)", f"{bare:.2f} s (ratio {ours / bare:.2f})", "", None)

    def cold_html(self) -> None:
        """A cold HTML-only build, timed in turn with Python alone and the start-up floor
        (what any cold build pays before briefing's own work: Python, the libraries a
        build cannot do without, and the brief's validator built)."""
        # As the command line loads them: pydantic told first that there are no plugins.
        code = ("from briefing.pydantic_plugins import load_no_pydantic_plugins; "
                "load_no_pydantic_plugins(); "
                "import click, jinja2, jinja2.ext, yaml; from briefing.model import Brief; "
                "Brief.model_rebuild(force=True)")
        build = [*BRIEFING, "build", str(EXAMPLE), "--out", str(self.tmp / "html"), "--force",
                 "--format", "html"]
        medians = interleaved_medians({
            "python": ([sys.executable, "-c", "pass"], None),
            "floor": ([sys.executable, "-c", code], None),
            "build": (build, None),
        }, self.repeat)
        seconds = medians["build"]
        self.row("start-up: Python alone", f"{medians['python'] * 1000:.0f} ms", "", None)
        self.row("start-up floor: Python, click, Jinja, PyYAML, pydantic and the brief's "
                 "validator", f"{medians['floor'] * 1000:.0f} ms", "", None)
        self.row("cold HTML-only build of the example", f"{seconds:.2f} s",
                 f"< {HTML_TARGET} s", seconds < HTML_TARGET)
        self.row("  of which above the start-up floor",
                 f"{(seconds - medians['floor']) * 1000:.0f} ms", "", None)

    def batch_builds(self) -> None:
        folder = self.tmp / "many"
        briefs = generated_briefs(folder, self.batch)
        out = self.tmp / "many-out"
        cores = os.cpu_count() or 1
        n = len(briefs)

        def call(*more: str) -> Callable[[], None]:
            return lambda: sh(*BRIEFING, "build", str(folder), "--out", str(out), "--force",
                              *more)

        started = time.perf_counter()
        for brief in briefs:
            sh(*BRIEFING, "build", str(brief), "--out", str(out), "--force")
        separate = time.perf_counter() - started
        runs = max(1, self.repeat // 3)
        default = median_time(call(), runs)
        one = median_time(call("--jobs", "1"), runs)
        two = default if cores == 2 else median_time(call("--jobs", "2"), runs)
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

    def engine_batch(self) -> None:
        """BATCH_BRIEFS briefs to PDF in one process against the engine writing their final
        page as many times in one process (benchmarks/engine_batch.py)."""
        n = min(BATCH_BRIEFS, self.batch)
        folder = self.tmp / "batch"
        generated_briefs(folder, n)
        page = fitted_page(self.tmp / "batch-page")
        spec = page.spec(self.tmp / "batch-page")
        medians = interleaved_medians({
            "ours": ([*BRIEFING, "build", str(folder), "--out", str(self.tmp / "batch-out"),
                      "--force", "--jobs", "1", "--format", "pdf"], None),
            "engine": ([sys.executable, str(ENGINE_BATCH), str(spec), str(n),
                        str(self.tmp / "batch-engine")], self.engine_env()),
        }, max(1, self.repeat // 2))
        mine, theirs = medians["ours"], medians["engine"]
        self.row(f"one process, {n} briefs to PDF (briefing build --jobs 1 --format pdf)",
                 f"{mine:.1f} s", "", None)
        self.row(f"the engine writing their final page {n} times in one process",
                 f"{theirs:.1f} s", "", None)
        self.row("  ratio briefing / weasyprint, one process", f"{mine / theirs:.2f}",
                 f"<= {BATCH_TARGET}", mine / theirs <= BATCH_TARGET)

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

    def corpus(self) -> None:
        """Passes over the fit corpus (tests/fit_corpus.py), and how far each brief's
        scale is below the largest at which it fits (by bisection); then the same over
        the generator's next briefs, which the fit's rules were not tuned on."""
        sys.path[:0] = [str(REPO), str(REPO / "tests")]
        import fit_corpus  # type: ignore[import-not-found]  # tests/, on the path above

        paths = fit_corpus.write(self.tmp / "corpus", fit_corpus.SIZE + MORE_BRIEFS)
        self.fit_rows("fit corpus", paths[:fit_corpus.SIZE], targets=True)
        self.fit_rows(f"fit corpus's next {MORE_BRIEFS} (not held to the targets)",
                      paths[fit_corpus.SIZE:], targets=False)

    def fit_rows(self, name: str, paths: list[Path], targets: bool) -> None:
        """The rows of `corpus` for the briefs at `paths`: held to issue 16's targets, or
        reported beside them. A brief that cannot fit at all is counted apart."""
        import fit_corpus  # type: ignore[import-not-found]  # on the path (corpus)

        from briefing.build import Builder
        from briefing.errors import DoesNotFitError

        builder = Builder(out=self.tmp / "corpus-out", formats=("pdf",), force=True)
        fits, unfit = [], 0
        for path in paths:
            try:
                fitted = builder.fit(builder.check(path))
            except DoesNotFitError:
                unfit += 1
                continue
            best = (fit_corpus.largest_fitting_scale(builder, path, fitted.scale)
                    if fitted.scale < 1 else 1.0)
            fits.append((fitted.passes, fitted.scale, best))
        passes = [p for p, _, _ in fits]
        shrunk = [p for p, scale, _ in fits if scale < 1]
        gap = max(1 - scale / best for _, scale, best in fits)
        median = statistics.median(passes)

        def held(met: bool) -> bool | None:
            return met if targets else None

        if unfit:
            self.row(f"{name}: briefs that cannot fit at all, left out", str(unfit), "", None)
        self.row(f"{name}: {len(fits)} briefs, {len(shrunk)} shrunk, passes median / mean",
                 f"{median:g} / {statistics.mean(passes):.2f}", "median <= 1.2",
                 held(median <= 1.2))
        self.row("  passes at most", str(max(passes)), "<= 3", held(max(passes) <= 3))
        self.row("  shrunk briefs: passes median / mean, fitted in one pass",
                 f"{statistics.median(shrunk):g} / {statistics.mean(shrunk):.2f}, "
                 f"{sum(p == 1 for p in shrunk)} of {len(shrunk)}", "", None)
        self.row("  most below the largest scale that fits", f"{gap:.1%}", "<= 2%",
                 held(gap <= 0.02))

    def word(self) -> None:
        """The Word brief's cost next to the PDF's, both made from the same fitted page."""
        sys.path.insert(0, str(REPO))
        from briefing.build import Builder
        from briefing.word import docx_bytes

        builder = Builder(out=self.tmp / "word", formats=("pdf", "docx"), force=True)
        checked = builder.check(EXAMPLE)
        fitted = builder.fit(checked)
        theme = builder.theme_of(checked)
        repeat = max(5, self.repeat)
        pdf = median_time(lambda: builder.pdf(fitted), repeat)
        word = median_time(lambda: docx_bytes(checked.brief, scale=fitted.scale,
                                              templates_dir=None, theme=theme), repeat)
        self.row("PDF of the example's fitted page", f"{pdf * 1000:.0f} ms", "", None)
        self.row("Word brief (.docx) of the same brief and scale: what it adds to a build",
                 f"{word * 1000:.0f} ms", f"<= {WORD_TARGET} s", word <= WORD_TARGET)
        self.row("  ratio Word / PDF", f"{word / pdf:.2f}", "", None)

    def make_nothing_changed(self) -> None:
        sh("make", "-s", "brief", cwd=REPO)
        seconds = median_time(lambda: sh("make", "-s", "brief", cwd=REPO), self.repeat)
        self.row("second `make brief`, nothing changed", f"{seconds * 1000:.0f} ms", "< 0.2 s",
                 seconds < 0.2)

    def serve(self) -> None:
        from preview import measure_save_to_preview  # benchmarks/preview.py, beside this file

        runs = [measure_save_to_preview(EXAMPLE, self.tmp / "serve") for _ in range(5)]
        first = statistics.median(run.first_page for run in runs)
        fitted = statistics.median(run.fitted_page for run in runs)
        self.row("serve: save to the first page shown (HTML at the last scale)",
                 f"{first * 1000:.0f} ms", "", None)
        self.row("serve: save to the fitted page (laid out as the PDF)",
                 f"{fitted * 1000:.0f} ms", f"< {SERVE_TARGET} s", fitted < SERVE_TARGET)

    def machine(self) -> str:
        cpu = platform.machine()
        with contextlib.suppress(OSError):
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu += ", " + line.split(":", 1)[1].strip()
                    break
        return (f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
                f"Python {platform.python_version()}")

    def results(self, previous: str | None = None, only: list[str] | None = None) -> str:
        """RESULTS.md: every row, or with `only`, the rows of those steps measured anew
        and the others kept from `previous` with the date they were measured."""
        today = dt.date.today().isoformat()
        rows: list[tuple[str, ...]] = [(a, b, c, d, today) for _step, a, b, c, d in self.rows]
        header = [f"Made by `make bench` on {today}: {self.machine()}; medians of "
                  f"{self.repeat} runs where repeated. Machines here are noisy: read the "
                  "ratios, which are measured in the same run, before the seconds."]
        if only and previous:
            header, rows = self.merged(previous, only, rows)
        lines = [
            "# Benchmark results",
            "",
            *header,
            "",
            "| measure | figure | target | | measured |",
            "|---|---:|---:|---|---|",
            *[f"| {' | '.join(row)} |" for row in rows],
            "",
            NOTES,
        ]
        return "\n".join(lines)

    def merged(self, previous: str, only: list[str], new: list[tuple[str, ...]]
               ) -> tuple[list[str], list[tuple[str, ...]]]:
        """The header and rows of `previous`, with the rows of the steps `only` replaced."""
        made = re.search(r"on (\d{4}-\d\d-\d\d)", previous)
        when = made.group(1) if made else "an earlier day"
        lines = previous.splitlines()
        made_by = next((line for line in lines if line.startswith("Made by")), "")
        # A day's date cannot tell the rows measured again apart: the header names them,
        # a line for each partial run, that of the same steps replaced.
        again = [line for line in lines if (m := AGAIN.match(line))
                 and not set(m.group(1).split(", ")) <= set(only)]
        repeat = "" if self.repeat == DEFAULT_REPEAT else f" --repeat {self.repeat}"
        again.append(f"- The rows of {', '.join(only)} were measured again after it, by "
                     f"`python benchmarks/run.py --only {','.join(only)}{repeat} --write` "
                     f"(medians of {self.repeat}), on {self.machine()}.")
        header = [made_by, "", *again]
        rows: list[tuple[str, ...]] = []
        placed = False
        for line in lines:
            # "| a |   b |": one space each side is the table's; more is the label's indent.
            cells = [c[1:-1] if len(c) > 1 else c.strip() for c in line.split("|")[1:-1]]
            if not line.startswith("| ") or len(cells) < 4 or cells[0] == "measure":
                continue
            if any(re.match(owned, cells[0].strip()) for step in only for owned in OWNED[step]):
                if not placed:
                    rows += new
                    placed = True
                continue
            rows.append((*cells[:4], cells[4] if len(cells) > 4 else when))
        return header, rows if placed else rows + new


ENGINE_STEPS = ("cold", "batch-ratio")
"""The steps measured against the engine alone, which need it as fast as users have it."""
DEFAULT_REPEAT = 5
"""Runs per median, unless --repeat says."""
AGAIN = re.compile(r"^- The rows of ([\w, -]+) were measured again after it")
"""A header line of a partial run, and the steps it measured."""
OWNED = {
    "html": ("start-up", "cold HTML-only build", "of which above the start-up floor"),
    "cold": ("cold build of the example to PDF", "python -m weasyprint", "same page text",
             r"ratio briefing / weasyprint$", "the engine writing a plain"),
    "passes": ("layout passes",),
    "corpus": ("fit corpus", "passes at most", "shrunk briefs", "most below the largest"),
    "word": ("PDF of the example's fitted page", "Word brief", "ratio Word / PDF"),
    "make": ("second `make brief`",),
    "serve": ("serve:",),
    "batch-ratio": ("one process, ", "the engine writing their final page",
                    "ratio briefing / weasyprint, one"),
    "batch": (r"\d+ briefs", "speed-up", "peak memory", "growth per extra brief"),
}
"""The rows each step writes, as patterns of how their labels start (old labels
included), so that a partial run replaces just those."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="runs per median")
    parser.add_argument("--batch", type=int, default=100, help="briefs in the batch tests")
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    parser.add_argument("--only", type=lambda text: text.split(","), default=None,
                        help=f"only these steps, comma-separated, of: {', '.join(OWNED)} "
                        "(with --write, the other rows of RESULTS.md are kept, with their "
                        "date)")
    args = parser.parse_args()
    # Every `python -m briefing` below runs this checkout, wherever the command is run from.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    bench = Bench(args.repeat, args.batch)
    steps = {"html": bench.cold_html, "cold": bench.cold_pdf,
             "passes": bench.passes, "corpus": bench.corpus, "word": bench.word,
             "make": bench.make_nothing_changed, "serve": bench.serve,
             "batch-ratio": bench.engine_batch, "batch": bench.batch_builds}
    only = args.only or list(steps)
    if unknown := set(only) - set(steps):
        parser.error(f"unknown step(s) {', '.join(sorted(unknown))}: choose from "
                     f"{', '.join(steps)}")
    if engine_steps := [step for step in ENGINE_STEPS if step in only]:
        sys.path.insert(0, str(REPO))
        from briefing.doctor import harfbuzz_subset

        subset = harfbuzz_subset()
        if not subset.ok:
            rest = ",".join(step for step in only if step not in ENGINE_STEPS)
            parser.error(
                f"{subset.name} is missing: without it WeasyPrint subsets the fonts with "
                "fontTools, most of a second slower per PDF here, and "
                f"{' and '.join(engine_steps)}, measured against the engine, would compare "
                f"briefing with a slower one than users have. Install it: {subset.fix}"
                + (f"; or measure the other steps alone: --only {rest}" if rest else ""))
    try:
        for name, step in steps.items():
            if name in only:
                bench.step = name
                step()
    finally:
        shutil.rmtree(bench.tmp, ignore_errors=True)
    if args.write:
        results = REPO / "benchmarks" / "RESULTS.md"
        previous = results.read_text(encoding="utf-8") if results.is_file() else None
        results.write_text(bench.results(previous, args.only), encoding="utf-8")


if __name__ == "__main__":
    main()
