"""Find a theme's templates: the user's folder first, then the theme's, then the base.

A theme is a folder of `briefing/themes/` with a `theme.toml` (its description) and the
templates it changes, usually `brief.css`; everything else comes from the base templates.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.errors import UsageError
from briefing.suggest import did_you_mean

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
THEMES = Path(__file__).parent / "themes"
DEFAULT_THEME = "memo"
ENTRY = "brief.html.j2"
STYLESHEET = "brief.css"


@dataclass(frozen=True)
class Theme:
    """A built-in look: a name, a one-line description, and its folder of templates."""

    name: str
    description: str
    folder: Path


@cache
def themes() -> dict[str, Theme]:
    """The built-in themes, by name."""
    found = {}
    # The default first, then the others by name.
    for toml in sorted(THEMES.glob("*/theme.toml"), key=lambda t: (t.parent.name != DEFAULT_THEME,
                                                                    t.parent.name)):
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        found[toml.parent.name] = Theme(toml.parent.name, str(data["description"]), toml.parent)
    return found


class UnknownThemeError(UsageError):
    """A theme name that no built-in theme has."""

    def __init__(self, name: str) -> None:
        known = list(themes())
        close = did_you_mean(name, known)
        super().__init__(f"there is no theme '{name}'", (
            f"did you mean '{close}'? " if close else "") + (
            f"the themes are: {', '.join(known)} (see `briefing themes`)"))


def theme(name: str) -> Theme:
    """The built-in theme `name`; raise UnknownThemeError, with a suggestion, if there is none."""
    try:
        return themes()[name]
    except KeyError:
        raise UnknownThemeError(name) from None


def search_path(user_dir: Path | None, theme_name: str = DEFAULT_THEME) -> list[Path]:
    """Folders searched for templates, first match wins: the user's, the theme's, the base."""
    folders = [theme(theme_name).folder, PACKAGE_TEMPLATES]
    return [user_dir, *folders] if user_dir else folders


def default_user_dir() -> Path | None:
    """`./templates` when it exists, so a checkout's own overrides apply by default."""
    here = Path("templates")
    return here if here.is_dir() else None


def files(
    user_dir: Path | None, theme_name: str = DEFAULT_THEME
) -> Iterator[tuple[str, Path]]:
    """Each template name with the file that serves it, overrides first."""
    seen: set[str] = set()
    for root in search_path(user_dir, theme_name):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            if name not in seen:
                seen.add(name)
                yield name, path


def fingerprint(user_dir: Path | None, theme_name: str = DEFAULT_THEME) -> str:
    """A hash of every template in effect, to tell when a brief must be rebuilt."""
    digest = hashlib.sha256()
    for name, path in files(user_dir, theme_name):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
