"""The `briefing` command line: one module per command, each a thin client of the pipeline.

Commands parse their arguments, call `briefing.build.Builder` (or the stage they
stand for) and print what came back. Errors are raised, never printed here: the one
handler in `command.Command` turns them into messages and exit codes, for every
command alike.
"""

from __future__ import annotations

import click

from briefing.cli.command import Group
from briefing.pydantic_plugins import load_no_pydantic_plugins
from briefing.version import __version__

COMMANDS = {
    "build": "briefing.cli.build:build",
    "check": "briefing.cli.check:check",
    "extract": "briefing.cli.extract:extract",
    "new": "briefing.cli.new:new",
    "pack": "briefing.cli.pack:pack",
    "serve": "briefing.cli.serve:serve",
    "schema": "briefing.cli.schema:schema",
    "themes": "briefing.cli.themes:list_themes",
    "theme": "briefing.cli.themes:theme",
    "languages": "briefing.cli.languages:languages",
    "doctor": "briefing.cli.doctor:doctor",
}
"""Each command and where it is defined: a command's module is imported when the
command runs (or `--help` lists it), so that `briefing build` pays for no other."""


@click.group(cls=Group, commands_from=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """Turn YAML summaries of articles into one-page briefs (HTML and PDF)."""


def main() -> None:
    """Entry point of the `briefing` console script."""
    load_no_pydantic_plugins()
    cli()
