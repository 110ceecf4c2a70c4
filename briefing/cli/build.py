"""`briefing build`: briefs to HTML, PDF, PNG and Word, many at once, with a progress bar."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from briefing import theme_lookup
from briefing.build import ALL_FORMATS, FORMATS, Builder
from briefing.cli.command import Command, brief_paths, colour, debugging
from briefing.cli.engine_log import route_engine_warnings
from briefing.cli.options import templates_option, theme_option
from briefing.theme_lookup import default_user_dir
from briefing.wording import plural


def _formats(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
             ) -> tuple[str, ...]:
    # "--format docx --format pdf" means both, as "--format docx,pdf" does.
    parts = (part.strip().lower() for value in values for part in value.split(","))
    chosen = tuple(dict.fromkeys(part for part in parts if part))
    unknown = [f for f in chosen if f not in ALL_FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from "
            f"{', '.join(ALL_FORMATS)}, separated by commas (for example: --format html,pdf)"
        )
    return chosen


@click.command(cls=Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", "out", default=Path("build"), show_default=True,
    type=click.Path(file_okay=False, path_type=Path), help="Folder to write the briefs to.",
)
@click.option(
    "--format", "formats", default=[",".join(FORMATS)], show_default=True, multiple=True,
    callback=_formats, help="Outputs to write, separated by commas or given again: html, "
    "pdf, png (an image of the page), docx (an editable Word file).",
)
@theme_option("Theme for every brief, over each brief's design.theme (see `briefing themes`).")
@templates_option("Folder of templates that take precedence, file by file, over the built-in "
                  "ones")
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@click.option("--strict", is_flag=True, help="Refuse to build on warnings of the checks too.")
@click.option(
    "--draft", is_flag=True,
    help="Build briefs that still hold REVIEW placeholders (printed as warnings), marked "
    "DRAFT on the page and in the PDF's title and keywords.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None,
    help="Briefs built at once, in worker processes [default: the number of cores].",
)
def build(
    paths: tuple[Path, ...], out: Path, formats: tuple[str, ...], theme: str | None,
    templates_dir: Path | None, force: bool, strict: bool, draft: bool, jobs: int | None,
) -> None:
    """Build each brief PATH (a .yaml file, or a folder of them) into OUT/<name>.html and .pdf.

    Runs the checks of `briefing check` first: errors stop the build of that brief,
    warnings are printed. A REVIEW placeholder left by `briefing new` is an error, unless
    --draft. A brief whose inputs did not change since its last build is skipped
    (--force rebuilds it); one failing brief does not stop the others.
    Exit status: 0 when every brief was built, 2 when an input is invalid, 1 for any
    other failure.
    """
    from briefing.batch import build_all, default_jobs

    route_engine_warnings()
    if {"pdf", "png", "docx"} & set(formats):
        from briefing.doctor import note_missing

        note_missing()  # here, once: the worker processes of a batch stay quiet
    debug = debugging()
    user_dir = templates_dir or default_user_dir()
    builder = Builder(out, formats, user_dir, force, strict, theme, draft)
    briefs = brief_paths(paths)
    painted = colour()
    for unused in theme_lookup.unused_overrides(user_dir) if user_dir else []:
        click.echo(unused.format(colour=painted), err=True)
    started = time.monotonic()
    outcomes = build_all(builder, briefs, jobs or default_jobs())
    counts = {"built": 0, "up to date": 0, "failed": 0}
    status = 0
    show_bar = len(briefs) > 1 and sys.stderr.isatty() and not debug
    held: list[tuple[str, bool]] = []  # lines kept back while the progress bar is drawn

    def say(text: str, err: bool = False) -> None:
        if show_bar:
            held.append((text, err))
        else:
            click.echo(text, err=err)

    with click.progressbar(outcomes, length=len(briefs), label="Building", file=sys.stderr,
                           hidden=not show_bar) as bar:
        for outcome in bar:
            if outcome.error is not None:
                status = max(status, outcome.error.exit_code)
                counts["failed"] += 1
                if debug and outcome.traceback:
                    say(outcome.traceback, err=True)
                say(outcome.error.format(colour=painted), err=True)
                continue
            result = outcome.result
            assert result is not None
            for warning in result.warnings:
                say(warning.format(colour=painted), err=True)
            if result.skipped:
                counts["up to date"] += 1
                say(f"{result.brief_file}: up to date ({', '.join(map(str, result.outputs))})")
            else:
                counts["built"] += 1
                fit = f", fitted at {result.scale:.0%}" if result.scale and result.scale < 1 else ""
                say(f"{result.brief_file}: wrote {', '.join(map(str, result.outputs))}{fit}")
    for text, err in held:
        click.echo(text, err=err)
    if len(briefs) > 1:
        summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        took = time.monotonic() - started
        click.echo(f"{plural(len(briefs), 'brief')}: {summary} ({took:.1f} s)", err=True)
    sys.exit(status)
