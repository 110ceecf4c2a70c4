"""Options several commands share, declared once so they read and behave the same.

Each takes the help its command needs: the folder of templates serves a build for
its templates, a check for its logo, `languages` for its catalogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from briefing import theme_lookup

F = TypeVar("F", bound=Callable[..., Any])


def templates_option(help_text: str) -> Callable[[F], F]:
    """`--templates DIR`, a folder that must exist, passed as `templates_dir`."""
    return click.option(
        "--templates", "templates_dir",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help=f"{help_text} [default: ./templates if it exists].",
    )


def theme_option(help_text: str, default: str | None = None) -> Callable[[F], F]:
    """`--theme NAME`, one of the themes `briefing themes` lists."""
    return click.option("--theme", type=click.Choice(sorted(theme_lookup.themes())),
                        default=default, show_default=default is not None, help=help_text)
