"""`briefing new`: start a brief, drafted from the piece's text when given."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.cli.command import Command
from briefing.wording import plural


@click.command(cls=Command)
@click.argument("slug")
@click.option(
    "--from", "article", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The piece as you have it: a saved web page (.html, .mhtml), a PDF, a Word or "
    "OpenDocument file, Markdown or text; - reads standard input. Its text is saved in "
    "DIR/sources/SLUG.txt, the file beside it.",
)
@click.option(
    "--dir", "directory", default=Path("content"), show_default=True,
    type=click.Path(file_okay=False, path_type=Path), help="Folder to write the brief to.",
)
def new(slug: str, article: Path | None, directory: Path) -> None:
    """Start a brief: write DIR/SLUG.yaml, a commented skeleton that validates.

    With --from, it drafts from the piece what its file declares (headline, byline,
    date, outlet), its length, every direct quotation (the quote bank) and the sources
    it can tell from attributions, each marked REVIEW. Never overwrites a file. Exit
    status: 0 written, 2 a bad SLUG, an existing file or a piece that cannot be read,
    1 when a file cannot be written.
    """
    from briefing.draft import draft_brief

    drafted = draft_brief(slug, directory, article)
    target, found = drafted.path, ""
    if drafted.analysis is not None:
        found = (f": {plural(len(drafted.analysis.quotes), 'quote')} and "
                 f"{plural(len(drafted.analysis.sources), 'draft source')} to review")
    if drafted.saved is not None and drafted.saved.text_bytes is not None:
        kept = f" and {drafted.saved.original}" if drafted.saved.original else ""
        click.echo(f"saved the piece's text as {drafted.saved.text}{kept}")
    click.echo(f"wrote {target}{found}; next: replace every REVIEW in it, then "
               f"`briefing check {target}`")
