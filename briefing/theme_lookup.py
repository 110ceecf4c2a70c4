"""Find a theme's templates: the user's folder first, then the theme's, then the base.

A theme is a folder of `briefing/themes/` with a `theme.toml` (its description) and the
templates it changes, usually `brief.css`; everything else comes from the base templates.
A file of the user's folder is used only at the path of a template it replaces, or when
another of the user's templates includes it; `unused_overrides` names the others, which
would otherwise be ignored without a word.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from briefing.errors import Diagnostic, Location, Severity, UsageError
from briefing.suggest import did_you_mean

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
THEMES = Path(__file__).parent / "themes"
DEFAULT_THEME = "memo"
ENTRY = "brief.html.j2"
STYLESHEET = "brief.css"
TEMPLATE_SUFFIXES = (".j2", ".css")
"""The files of a templates folder that are templates; the others (images, fonts, notes)
are assets a template may name in a way no search finds."""


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


def built_in_names() -> set[str]:
    """The path of every template of the base and of every theme, as a user's folder
    would hold it: `brief.css`, `partials/bluf.html.j2`."""
    roots = [PACKAGE_TEMPLATES, *(t.folder for t in themes().values())]
    return {
        path.relative_to(root).as_posix()
        for root in roots
        for path in root.rglob("*")
        if path.is_file() and path.name != "theme.toml" and "__pycache__" not in path.parts
    }


def unused_overrides(user_dir: Path) -> list[Diagnostic]:
    """A warning for each template of `user_dir` that replaces no built-in one and that
    none of the folder's other templates names: a file at the wrong path, never read."""
    known = built_in_names()
    mine = {
        path.relative_to(user_dir).as_posix(): path
        for path in sorted(user_dir.rglob("*"))
        if path.is_file() and path.suffix in TEMPLATE_SUFFIXES
    }
    texts = {name: path.read_text(encoding="utf-8", errors="replace")
             for name, path in mine.items()}
    return [
        _overrides_nothing(user_dir, path, closest_template(name, known))
        for name, path in mine.items()
        if name not in known and not _named(name, [t for n, t in texts.items() if n != name])
    ]


def _named(name: str, texts: list[str]) -> bool:
    """Whether one of `texts` names the template `name`, as `{% include "name" %}` does:
    in quotes, whole (`"partials/bluf.html.j2"` does not name `bluf.html.j2`)."""
    return any(f'"{name}"' in text or f"'{name}'" in text for text in texts)


def closest_template(name: str, known: set[str]) -> str | None:
    """The built-in template `name` was most likely meant to replace: one of the same
    file name in another folder, else the closest path, else the closest file name."""
    file_name = PurePosixPath(name).name
    same_name = sorted(k for k in known if PurePosixPath(k).name == file_name)
    if same_name:
        return same_name[0]
    by_file_name = {PurePosixPath(k).name: k for k in sorted(known)}
    close = did_you_mean(file_name, by_file_name)
    return did_you_mean(name, known) or (by_file_name[close] if close else None)


def _overrides_nothing(user_dir: Path, path: Path, meant: str | None) -> Diagnostic:
    return Diagnostic(
        Location(path),
        "this file replaces no built-in template and no template includes it: it is "
        "never used",
        f"did you mean {user_dir / meant}? move it there" if meant else
        "put it at the path of the built-in template it replaces (`briefing theme eject "
        "memo DIR` copies them all to DIR), or include it from one of your templates",
        severity=Severity.WARNING,
    )
