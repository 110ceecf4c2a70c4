"""`briefing schema`: the JSON Schema of a brief, for editors."""

from __future__ import annotations

import click

from briefing.cli.command import Command


@click.command(cls=Command)
def schema() -> None:
    """Print the JSON Schema of a brief (kept in schema/brief.schema.json).

    Editors with a YAML language server use it to complete and check a brief as it
    is typed: start the YAML with `# yaml-language-server: $schema=PATH`.
    """
    from briefing.schema import json_text

    click.echo(json_text(), nl=False)
