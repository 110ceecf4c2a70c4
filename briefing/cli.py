"""The `briefing` command line: a thin shell over `briefing.build`."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import click

from briefing import __version__
from briefing.build import FORMATS, Builder, briefs_in
from briefing.errors import BriefingError
from briefing.templates import default_user_dir


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}, "
            "separated by commas (for example: --format html,pdf)"
        )
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """Turn YAML summaries of articles into one-page briefs (HTML and PDF)."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", "out", default=Path("build"), show_default=True,
    type=click.Path(file_okay=False, path_type=Path), help="Folder to write the briefs to.",
)
@click.option(
    "--format", "formats", default=",".join(FORMATS), show_default=True, callback=_formats,
    help="Outputs to write, separated by commas.",
)
@click.option(
    "--templates", "templates_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of templates that take precedence, file by file, over the built-in ones "
    "[default: ./templates if it exists].",
)
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
def build(
    paths: tuple[Path, ...], out: Path, formats: tuple[str, ...],
    templates_dir: Path | None, force: bool, debug: bool,
) -> None:
    """Build each brief PATH (a .yaml file, or a folder of them) into OUT/<name>.html and .pdf.

    Exit status: 0 when every brief was built, 2 when an input is invalid, 1 for any
    other failure.
    """
    _route_engine_warnings()
    builder = Builder(out, formats, templates_dir or default_user_dir(), force)
    status = 0
    for path in briefs_in(paths):
        try:
            result = builder.build(path)
        except BriefingError as exc:
            click.echo(exc.format(), err=True)
            status = max(status, exc.exit_code)
            continue
        except Exception as exc:
            if debug:
                traceback.print_exc()
            click.echo(
                f"{path}: error: unexpected failure ({type(exc).__name__}: {exc}); "
                "run again with --debug for details, and report it if it persists",
                err=True,
            )
            status = 1 if status != 2 else 2
            continue
        if result.skipped:
            click.echo(f"{path}: up to date ({', '.join(map(str, result.outputs))})")
        else:
            fit = f", fitted at {result.scale:.0%}" if result.scale and result.scale < 1 else ""
            click.echo(f"{path}: wrote {', '.join(map(str, result.outputs))}{fit}")
    sys.exit(status)


def _route_engine_warnings() -> None:
    """Show the layout engine's own problems as one-line warnings, not log records."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("warning: layout: %(message)s"))
    handler.setLevel(logging.WARNING)
    engine = logging.getLogger("weasyprint")
    engine.addHandler(handler)
    engine.propagate = False


def main() -> None:
    """Entry point of the `briefing` console script."""
    cli()
