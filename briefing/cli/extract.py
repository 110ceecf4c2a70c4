"""`briefing extract`: the brief a PDF carries, written back as `build` expects it."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.cli.command import Command, warn


@click.command(cls=Command)
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out", "out", default=Path(), show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the brief to, and its text at the path the brief names.",
)
@click.option("--force", is_flag=True, help="Overwrite files that are already there.")
def extract(pdf: Path, out: Path, force: bool) -> None:
    """Write back the brief a PDF carries: its YAML file as it was written, comments and
    all, and the piece's text at the path the YAML names (if the PDF carries it).

    `briefing build` on what it wrote gives the same PDF again. Never overwrites a file
    without --force. Exit status: 0 written, 2 a PDF that carries no brief (or a damaged
    or altered one) or a file already there, 1 when a file cannot be written.
    """
    from briefing.extract import read_record, write_record

    record = read_record(pdf)
    written = write_record(record, out, force=force)
    click.echo(f"wrote {', '.join(map(str, written))}")
    if record.text_name is not None and record.text is None:
        warn(f"this PDF does not carry the piece's text ({record.text_name}): put it at "
             f"{out / record.text_name} before building (it was built with "
             "`design.attach: brief`)")
