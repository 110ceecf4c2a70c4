"""`briefing check`: validate briefs and hold them to the standards of the trade."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from briefing.build import check as check_brief
from briefing.cli.command import Command, brief_paths, colour
from briefing.cli.options import templates_option
from briefing.errors import Diagnostic, InputError, Severity
from briefing.extract import check_record
from briefing.wording import plural


@click.command(cls=Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="One line per finding, or a JSON list for CI.",
)
@templates_option("Folder of templates a brief's logo may be in, as for `build`")
def check(paths: tuple[Path, ...], strict: bool, output: str, templates_dir: Path | None
          ) -> None:
    """Validate each brief PATH and hold it to the standards of analytic briefs.

    A PATH that is a PDF has the brief it carries checked (see `briefing extract`).

    Prints one line per finding, `file:line:col: CODE severity: message (fix)`; the
    rules are listed in docs/rules.md. Exit status: 0 clean (or warnings only),
    1 when a rule reports an error (or, with --strict, a warning), 2 when a brief is
    not valid at all.
    """
    found: list[Diagnostic] = []
    status = 0
    for path in brief_paths(paths):
        try:
            findings = (check_record(path, templates_dir) if path.suffix.lower() == ".pdf"
                        else check_brief(path, templates_dir=templates_dir).findings)
        except InputError as exc:
            found += exc.diagnostics
            status = 2
            continue
        found += findings
        if any(f.severity is Severity.ERROR or strict for f in findings) and status == 0:
            status = 1
    if output == "json":
        click.echo(json.dumps([d.as_json() for d in found], indent=2))
    else:
        painted = colour(sys.stdout)
        for diagnostic in found:
            click.echo(diagnostic.line() if diagnostic.code else
                       diagnostic.format(colour=painted))
        errors = sum(d.severity is Severity.ERROR for d in found)
        click.echo(f"{plural(errors, 'error')}, {plural(len(found) - errors, 'warning')}",
                   err=True)
    sys.exit(status)
