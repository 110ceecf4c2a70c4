"""`briefing languages`: the languages a brief's `meta.language` can print its page in."""

from __future__ import annotations

from pathlib import Path

import click

from briefing import theme_lookup
from briefing.cli.command import Command
from briefing.cli.options import templates_option, theme_option
from briefing.theme_lookup import default_user_dir


@click.command("languages", cls=Command)
@templates_option("Folder of templates whose locale/ catalogs are counted too")
@theme_option("Theme whose own catalogs are counted too.", default=theme_lookup.DEFAULT_THEME)
def languages(templates_dir: Path | None, theme: str) -> None:
    """List the languages with a catalog of the page's labels: the code to give as
    `meta.language`, the language's name, its direction, and whose catalog serves it.

    A catalog of yours, templates/locale/<code>/LC_MESSAGES/briefing.po, adds a
    language or overrides messages of a shipped one (docs/languages.md).
    """
    from briefing.i18n import catalogs  # Babel, only for this command

    user_dir = templates_dir or default_user_dir()
    for lang in catalogs.available(user_dir, theme):
        where = f"{lang.where}: {lang.path}" if lang.where != "shipped" else lang.where
        click.echo(f"{lang.code:8} {lang.name:34} {lang.direction}  {where}")
