"""The `briefing` command line: a thin shell over `briefing.build`."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import NoReturn

import click

from briefing import __version__, templates
from briefing.build import ALL_FORMATS, FORMATS, Builder, briefs_in
from briefing.errors import Diagnostic, InputError, Severity
from briefing.templates import default_user_dir


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part))
    unknown = [f for f in chosen if f not in ALL_FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from "
            f"{', '.join(ALL_FORMATS)}, separated by commas (for example: --format html,pdf)"
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
    help="Outputs to write, separated by commas: html, pdf, png (an image of the page).",
)
@click.option(
    "--theme", type=click.Choice(sorted(templates.themes())), default=None,
    help="Theme for every brief, over each brief's design.theme (see `briefing themes`).",
)
@click.option(
    "--templates", "templates_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of templates that take precedence, file by file, over the built-in ones "
    "[default: ./templates if it exists].",
)
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@click.option("--strict", is_flag=True, help="Refuse to build on warnings of the checks too.")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None,
    help="Briefs built at once, in worker processes [default: the number of cores].",
)
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
def build(
    paths: tuple[Path, ...], out: Path, formats: tuple[str, ...], theme: str | None,
    templates_dir: Path | None, force: bool, strict: bool, jobs: int | None, debug: bool,
) -> None:
    """Build each brief PATH (a .yaml file, or a folder of them) into OUT/<name>.html and .pdf.

    Runs the checks of `briefing check` first: errors stop the build of that brief,
    warnings are printed. A brief whose inputs did not change since its last build is
    skipped (--force rebuilds it); one failing brief does not stop the others.
    Exit status: 0 when every brief was built, 2 when an input is invalid, 1 for any
    other failure.
    """
    from briefing.batch import build_all, default_jobs

    _route_engine_warnings()
    builder = Builder(out, formats, templates_dir or default_user_dir(), force, strict, theme)
    briefs = _briefs(paths)
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
            status = max(status, outcome.exit_code)
            if outcome.result is None:
                counts["failed"] += 1
                if debug and outcome.traceback:
                    say(outcome.traceback, err=True)
                say(outcome.error or f"{outcome.path}: error", err=True)
                continue
            result = outcome.result
            for warning in result.warnings:
                say(warning.format(), err=True)
            if result.skipped:
                counts["up to date"] += 1
                say(f"{result.source}: up to date ({', '.join(map(str, result.outputs))})")
            else:
                counts["built"] += 1
                fit = f", fitted at {result.scale:.0%}" if result.scale and result.scale < 1 else ""
                say(f"{result.source}: wrote {', '.join(map(str, result.outputs))}{fit}")
    for text, err in held:
        click.echo(text, err=err)
    if len(briefs) > 1:
        summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        click.echo(f"{len(briefs)} briefs: {summary} ({time.monotonic() - started:.1f} s)",
                   err=True)
    sys.exit(status)


class _EchoHandler(logging.Handler):
    """Print log records as one-line warnings on the current standard error, once each."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        # Each fitting pass parses the stylesheet anew, and would repeat its warnings.
        self.seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.seen:
            self.seen.add(message)
            click.echo(f"warning: layout: {message}", err=True)


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
        _fail(
            f"error: no briefs (*.yaml) in {', '.join(map(str, paths))}; "
            "give .yaml files or folders that hold them"
        )
    return found


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a brief (kept in schema/brief.schema.json).

    Editors with a YAML language server use it to complete and check a brief as it
    is typed: start the YAML with `# yaml-language-server: $schema=PATH`.
    """
    from briefing.schema import json_text

    click.echo(json_text(), nl=False)


@cli.command()
@click.argument("slug")
@click.option(
    "--from", "article", type=click.Path(dir_okay=False, path_type=Path),
    help="The piece's text (UTF-8): fill in its quotations and sources, and point "
    "source_text at it.",
)
@click.option(
    "--dir", "directory", default=Path("content"), show_default=True,
    type=click.Path(file_okay=False, path_type=Path), help="Folder to write the brief to.",
)
def new(slug: str, article: Path | None, directory: Path) -> None:
    """Start a brief: write DIR/SLUG.yaml, a commented skeleton that validates.

    With --from, it drafts from the piece's text its length, every direct quotation
    (the quote bank) and the sources it can tell from attributions, each marked REVIEW.
    Never overwrites a file. Exit status: 0 written, 2 a bad SLUG, an existing file or
    an unreadable text, 1 when the file cannot be written.
    """
    from briefing.draft import draft_brief
    from briefing.errors import BriefingError

    try:
        drafted = draft_brief(slug, directory, article)
    except BriefingError as exc:
        # Until errors are printed in one place: an InputError's text says "error:"
        # already, after the file it is about; a BriefingError's text is the message.
        shown = exc.format() if isinstance(exc, InputError) else f"error: {exc.format()}"
        click.echo(shown, err=True)
        sys.exit(exc.exit_code)
    target, found = drafted.path, ""
    if drafted.analysis is not None:
        found = (f": {len(drafted.analysis.quotes)} quote(s) and "
                 f"{len(drafted.analysis.sources)} draft source(s) to review")
    click.echo(f"wrote {target}{found}; next: replace every REVIEW in it, then "
               f"`briefing check {target}`")


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(2)


@cli.command()
@click.argument(
    "path", required=False, default=Path("content"), type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on: loopback only, unless --allow-remote.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
    help="Port to listen on; 0 picks a free one.",
)
@click.option(
    "--templates", "templates_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of templates that take precedence, file by file, over the built-in ones "
    "[default: ./templates whenever it exists].",
)
@click.option(
    "--allow-remote", is_flag=True,
    help="Allow a --host other than loopback (anyone who reaches it sees the briefs, the "
    "texts they quote and the templates).",
)
def serve(
    path: Path, host: str, port: int, templates_dir: Path | None, allow_remote: bool
) -> None:
    """Preview the briefs at PATH in the browser, rebuilt on every save.

    PATH is a brief (.yaml) or a folder of them (default: content). Open the address
    it prints: the page reloads when the brief, the text it quotes or a template is
    saved, and shows errors, warnings and whether the brief fits on one page. Exit
    status: 0 when stopped with Ctrl+C, 2 for a refused --host, 1 when it cannot listen.
    """
    from briefing.serve import PreviewServer, refuse_host

    reason = refuse_host(host, allow_remote)
    if reason:
        raise click.BadParameter(reason, param_hint="'--host'")
    _route_engine_warnings()
    server = PreviewServer(
        path, host=host, port=port, templates_dir=templates_dir, allow_remote=allow_remote
    )
    try:
        server.bind()
    except OSError as exc:
        click.echo(
            f"error: cannot listen on {host}:{port}: {exc.strerror or exc}\n"
            "  hint: is another program using the port? choose another with --port, "
            "or --port 0 for any free one",
            err=True,
        )
        sys.exit(1)
    click.echo(f"Serving {server.url} (Ctrl+C to stop)")
    try:
        server.start()
        server.wait()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        server.stop(timeout=1.0)


@cli.command("themes")
def list_themes() -> None:
    """List the built-in themes, with a line on each."""
    for theme in templates.themes().values():
        mark = " (default)" if theme.name == templates.DEFAULT_THEME else ""
        click.echo(f"{theme.name:10} {theme.description}{mark}")


@cli.group()
def theme() -> None:
    """Work with themes: `briefing theme eject NAME` copies one to start from."""


@theme.command()
@click.argument("name", type=click.Choice(sorted(templates.themes())))
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path),
                default=Path("templates"))
@click.option("--force", is_flag=True, help="Overwrite files that are already there.")
def eject(name: str, folder: Path, force: bool) -> None:
    """Copy every template of theme NAME into FOLDER (default: ./templates) to edit.

    Files in ./templates take precedence over the built-in ones, file by file, so
    after ejecting, edit what you want to change and delete the rest.
    """
    from briefing.output import write_atomic

    chosen = [(rel, path) for rel, path in templates.files(None, name) if rel != "theme.toml"]
    clashes = [rel for rel, _ in chosen if (folder / rel).exists()]
    if clashes and not force:
        _fail(
            f"error: {folder} already has {', '.join(clashes[:5])}"
            f"{' ...' if len(clashes) > 5 else ''}; nothing was copied\n"
            "  hint: eject into another folder, or add --force to overwrite them"
        )
    for rel, source in chosen:
        write_atomic(folder / rel, source.read_bytes())
    click.echo(f"copied {len(chosen)} files of the {name} theme into {folder}/; "
               "edit them, and delete those you leave as they are")


@cli.command()
def doctor() -> None:
    """Report what this machine has and lacks to build briefs, with the fix for each gap.

    Exit status: 0 when PDF briefs can be built, 1 when something required is missing.
    """
    from briefing.doctor import probes, report

    found = probes()
    click.echo(report(found))
    sys.exit(1 if any(p.required and not p.ok for p in found) else 0)


def _route_engine_warnings() -> None:
    """Show the layout engine's own problems as one-line warnings, not log records."""
    engine = logging.getLogger("weasyprint")
    if not any(isinstance(h, _EchoHandler) for h in engine.handlers):
        engine.addHandler(_EchoHandler(logging.WARNING))
        engine.propagate = False


def main() -> None:
    """Entry point of the `briefing` console script."""
    cli()
