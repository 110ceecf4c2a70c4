"""The `briefing` command line: one module per command, each a thin client of the pipeline.

Commands parse their arguments, call `briefing.build.Builder` (or the stage they
stand for) and print what came back. Errors are raised, never printed here: the one
handler in `command.Command` turns them into messages and exit codes, for every
command alike.
"""

from __future__ import annotations

import click

from briefing.cli.build import build
from briefing.cli.check import check
from briefing.cli.command import Group
from briefing.cli.doctor import doctor
from briefing.cli.extract import extract
from briefing.cli.languages import languages
from briefing.cli.new import new
from briefing.cli.pack import pack
from briefing.cli.schema import schema
from briefing.cli.serve import serve
from briefing.cli.themes import list_themes, theme
from briefing.version import __version__


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """Turn YAML summaries of articles into one-page briefs (HTML and PDF)."""


for _command in (build, check, extract, new, pack, serve, schema, list_themes, theme, languages,
                 doctor):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the `briefing` console script."""
    cli()
