"""The `briefing` command line: a thin shell over `briefing.build`."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from pathlib import Path

import click

from briefing import __version__
from briefing.build import FORMATS, Builder, briefs_in
from briefing.errors import BriefingError, Diagnostic, InputError, Severity
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
@click.option("--strict", is_flag=True, help="Refuse to build on warnings of the checks too.")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
def build(
    paths: tuple[Path, ...], out: Path, formats: tuple[str, ...],
    templates_dir: Path | None, force: bool, strict: bool, debug: bool,
) -> None:
    """Build each brief PATH (a .yaml file, or a folder of them) into OUT/<name>.html and .pdf.

    Runs the checks of `briefing check` first: errors stop the build of that brief,
    warnings are printed. Exit status: 0 when every brief was built, 2 when an input
    is invalid, 1 for any other failure.
    """
    _route_engine_warnings()
    builder = Builder(out, formats, templates_dir or default_user_dir(), force, strict)
    status = 0
    for path in _briefs(paths):
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
            status = max(status, 1)
            continue
        for warning in result.warnings:
            click.echo(warning.format(), err=True)
        if result.skipped:
            click.echo(f"{path}: up to date ({', '.join(map(str, result.outputs))})")
        else:
            fit = f", fitted at {result.scale:.0%}" if result.scale and result.scale < 1 else ""
            click.echo(f"{path}: wrote {', '.join(map(str, result.outputs))}{fit}")
    sys.exit(status)


class _EchoHandler(logging.Handler):
    """Print log records as one-line warnings on the current standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: layout: {record.getMessage()}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="One line per finding, or a JSON list for CI.",
)
def check(paths: tuple[Path, ...], strict: bool, output: str) -> None:
    """Validate each brief PATH and hold it to the standards of analytic briefs.

    Prints one line per finding, `file:line:col: CODE severity: message (fix)`; the
    rules are listed in docs/rules.md. Exit status: 0 clean (or warnings only),
    1 when a rule reports an error (or, with --strict, a warning), 2 when a brief is
    not valid at all.
    """
    from briefing.build import check as check_one

    found: list[Diagnostic] = []
    status = 0
    for path in _briefs(paths):
        try:
            checked = check_one(path)
        except InputError as exc:
            found += exc.diagnostics
            status = 2
            continue
        found += checked.findings
        if checked.problems(strict=strict) and status == 0:
            status = 1
    if output == "json":
        click.echo(json.dumps([d.as_json() for d in found], indent=2))
    else:
        for diagnostic in found:
            click.echo(diagnostic.line() if diagnostic.code else diagnostic.format())
        errors = sum(d.severity is Severity.ERROR for d in found)
        click.echo(f"{errors} error(s), {len(found) - errors} warning(s)", err=True)
    sys.exit(status)


def _briefs(paths: tuple[Path, ...]) -> list[Path]:
    found = briefs_in(paths)
    if not found:
        click.echo(
            f"error: no briefs (*.yaml) in {', '.join(map(str, paths))}; "
            "give .yaml files or folders that hold them",
            err=True,
        )
        sys.exit(2)
    return found


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a brief (kept in schema/brief.schema.json).

    Editors with a YAML language server use it to complete and check a brief as it
    is typed: start the YAML with `# yaml-language-server: $schema=PATH`.
    """
    from briefing.schema import json_text

    click.echo(json_text(), nl=False)


def _route_engine_warnings() -> None:
    """Show the layout engine's own problems as one-line warnings, not log records."""
    engine = logging.getLogger("weasyprint")
    if not any(isinstance(h, _EchoHandler) for h in engine.handlers):
        engine.addHandler(_EchoHandler(logging.WARNING))
        engine.propagate = False


def main() -> None:
    """Entry point of the `briefing` console script."""
    cli()
