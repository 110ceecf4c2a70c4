"""`briefing themes` and `briefing theme eject`: the built-in looks, and a copy to edit."""

from __future__ import annotations

from pathlib import Path

import click

from briefing import theme_lookup
from briefing.cli.command import Command, Group
from briefing.errors import UsageError


@click.command("themes", cls=Command)
def list_themes() -> None:
    """List the built-in themes, with a line on each."""
    for theme in theme_lookup.themes().values():
        mark = " (default)" if theme.name == theme_lookup.DEFAULT_THEME else ""
        click.echo(f"{theme.name:10} {theme.description}{mark}")


@click.group(cls=Group)
def theme() -> None:
    """Work with themes: `briefing theme eject NAME` copies one to start from."""


@theme.command()
@click.argument("name", type=click.Choice(sorted(theme_lookup.themes())))
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path),
                default=Path("templates"))
@click.option("--force", is_flag=True, help="Overwrite files that are already there.")
def eject(name: str, folder: Path, force: bool) -> None:
    """Copy every template of theme NAME into FOLDER (default: ./templates) to edit.

    Files in ./templates take precedence over the built-in ones, file by file, so
    after ejecting, edit what you want to change and delete the rest.
    """
    from briefing.output import write_atomic

    chosen = [(rel, path) for rel, path in theme_lookup.files(None, name)
              if rel != "theme.toml"]
    clashes = [rel for rel, _ in chosen if (folder / rel).exists()]
    if clashes and not force:
        raise UsageError(
            f"{folder} already has {', '.join(clashes[:5])}"
            f"{' ...' if len(clashes) > 5 else ''}; nothing was copied",
            "eject into another folder, or add --force to overwrite them",
        )
    for rel, source in chosen:
        write_atomic(folder / rel, source.read_bytes())
    click.echo(f"copied {len(chosen)} files of the {name} theme into {folder}/; "
               "edit them, and delete those you leave as they are")
