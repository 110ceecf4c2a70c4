"""The message catalogs: found on the template search path, checked, compiled when read.

A language is a gettext catalog, `locale/<lang>/LC_MESSAGES/briefing.po`, in the
user's templates folder, a theme's folder or the package (`briefing/locale`), looked
up in that order like every template file. A catalog of the user's for a shipped
language overrides the messages it gives and falls back to the shipped one for the
rest, so a user can change one label without copying the catalog. The .po text is
read with Babel's reader and compiled (no .mo files to keep in step), once for each
text a file has held: the compiled catalog is kept in the disk cache
(briefing.disk_cache), keyed by the text, and read back with the standard library's
gettext. A brief in a language whose catalogs are all compiled already so needs no
Babel at all: importing it and compiling costs more than rendering the page.

A catalog that cannot be read, or whose translation leaves out or adds a placeholder
(`%(analyst)s`), is refused with its file and line: printed, it would lose the
analyst's name or stop the render.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import disk_cache, theme_lookup
from briefing.errors import Diagnostic, InputError, Location, excerpt
from briefing.output import write_atomic
from briefing.version import __version__

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

PACKAGE_LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "briefing"
SOURCE_LANGUAGE = "en"
"""The templates' own words are English: English needs no catalog to print them, but
ships one, complete, to be the model of a new language."""
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_STRING = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(rf"\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}"
                   rf"|{_STRING})?\s*")
"""A line of a .po file: a comment, a keyword and its string, a string that continues
the one before, or nothing. Babel's reader passes over some broken lines (a string
left open), so every line is held to this first."""


def catalog_file(locale_dir: Path, language: str) -> Path:
    """Where the catalog of `language` stands in a `locale` folder."""
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def locale_dirs(user_dir: Path | None, theme_name: str) -> list[Path]:
    """The `locale` folders searched, first match wins: the user's, the theme's, the
    package's."""
    folders = [p / "locale" for p in theme_lookup.search_path(user_dir, theme_name)
               if p != theme_lookup.PACKAGE_TEMPLATES]
    return [*folders, PACKAGE_LOCALE]


def candidates(tag: str) -> list[str]:
    """The catalog names a BCP 47 tag may be served by, most precise first:
    `pt-BR` by `pt_BR`, then `pt`."""
    parts = tag.split("-")
    names = ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]
    # A region is written upper-case in catalog names (pt_BR), whatever the tag's case.
    return list(dict.fromkeys(
        [n if "_" not in n else n.split("_")[0] + "_" + n.split("_", 1)[1].upper()
         for n in names] + names))


def files_for(tag: str, user_dir: Path | None, theme_name: str) -> list[Path]:
    """The catalogs that serve `tag`, the one that wins first (several when the user's
    overrides a shipped one)."""
    for name in candidates(tag):
        found = [f for d in locale_dirs(user_dir, theme_name)
                 if (f := catalog_file(d, name)).is_file()]
        if found:
            return found
    return []


def translations(tag: str, user_dir: Path | None = None,
                 theme_name: str = theme_lookup.DEFAULT_THEME) -> gettext.NullTranslations:
    """The messages for `tag`: its catalogs chained, first found first; the templates'
    English words when no catalog serves it."""
    chain = gettext.NullTranslations()
    for path in reversed(files_for(tag, user_dir, theme_name)):
        # A fresh object for each chain: a shared one must not carry another's fallback.
        link = gettext.GNUTranslations(io.BytesIO(compiled(path)))
        link.add_fallback(chain)
        chain = link
    return chain


CACHE_VERSION = 1
"""Part of every cache key: raise it when `read` checks more, so that a catalog
compiled before is checked again."""


def compiled(path: Path) -> bytes:
    """The catalog at `path` as .mo bytes, after `read` checked it; compiled once for
    each text it has held, in this process and, through the disk cache, in every later
    one."""
    text = path.read_bytes()
    key = hashlib.sha256(f"{CACHE_VERSION} {__version__}\0".encode() + text).hexdigest()
    if key not in _COMPILED:
        _COMPILED[key] = _kept_or_compiled(path, text, key)
    return _COMPILED[key]


_COMPILED: dict[str, bytes] = {}
"""The catalogs compiled in this process, by cache key."""


def _kept_or_compiled(path: Path, text: bytes, key: str) -> bytes:
    folder = disk_cache.folder("catalogs")
    kept = folder / f"{key}.mo" if folder else None
    if kept is not None and kept.is_file():
        data = kept.read_bytes()
        try:
            gettext.GNUTranslations(io.BytesIO(data))
            return data
        except (OSError, ValueError, IndexError, struct.error):
            pass  # damaged since it was written: compiled again, and replaced
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, _parse(path, text))
    if kept is not None:
        # A cache that cannot be written costs a compile next time, nothing else.
        with contextlib.suppress(OSError):
            write_atomic(kept, out.getvalue())
    return out.getvalue()


def read(path: Path) -> Catalog:
    """The catalog at `path`; InputError, at its file and line, if it is broken."""
    return _parse(path, path.read_bytes())


def _parse(path: Path, text: bytes) -> Catalog:
    """The catalog `text`, read from `path`, checked."""
    from babel.messages.pofile import PoFileError, read_po

    for number, line in enumerate(text.decode("utf-8", errors="replace").splitlines(), 1):
        if not _LINE.fullmatch(line):
            raise _broken(path, text, number, "this line of the catalog cannot be read: "
                          "a text left without its closing double quote, or a line that "
                          "is not msgid, msgstr or msgctxt",
                          'write `msgid "..."`, `msgstr "..."` or a "..." that continues '
                          "the text above, each text in double quotes, a quote inside "
                          'written \\"') from None
    try:
        catalog = read_po(io.BytesIO(text), abort_invalid=True)
    except PoFileError as exc:
        lineno: int | None = getattr(exc, "lineno", None)
        raise _broken(path, text, lineno, f"this catalog cannot be read: {exc}",
                      "each message is a msgid line and a msgstr line, each text in "
                      'double quotes ("..."); compare with the shipped catalog of the '
                      "language (`briefing languages` says where it is)") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise _broken(path, text, None, f"this catalog cannot be read: {exc}",
                      "save it as UTF-8 text") from None
    problems = [d for message in catalog if message.id
                for d in _placeholder_problems(path, text, message)]
    if problems:
        raise InputError(problems)
    return catalog


def _texts(value: object) -> list[str]:
    """A message's text, or its texts (singular and plural), as a list."""
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    return [str(value)] if value else []


def _placeholder_problems(path: Path, text: bytes, message: Message) -> Iterator[Diagnostic]:
    """A diagnostic for each translation that drops or invents a placeholder."""
    ids = _texts(message.id)
    strings = _texts(message.string)
    wanted = {name for i in ids for name in PLACEHOLDER.findall(i)}
    for string in strings:
        if not string:
            continue  # untranslated: the English words print
        have = set(PLACEHOLDER.findall(string))
        for name in sorted(wanted - have):
            yield _diagnostic(path, text, message.lineno,
                              f"the translation of '{ids[0]}' leaves out %({name})s",
                              f"put %({name})s in the msgstr where the value belongs; "
                              "without it the page would not print it")
        for name in sorted(have - wanted):
            yield _diagnostic(path, text, message.lineno,
                              f"the translation of '{ids[0]}' has %({name})s, which its "
                              "msgid does not", f"the placeholders of this message are: "
                              f"{', '.join(f'%({n})s' for n in sorted(wanted)) or 'none'}")


def _diagnostic(path: Path, text: bytes, line: int | None, message: str,
                hint: str) -> Diagnostic:
    lines = text.decode("utf-8", errors="replace").splitlines()
    return Diagnostic(Location(path, line, 1 if line else None), message, hint,
                      excerpt(lines, line or 0, 1) if line else None)


def _broken(path: Path, text: bytes, line: int | None, message: str, hint: str) -> InputError:
    return InputError([_diagnostic(path, text, line, message, hint)])


@dataclass(frozen=True)
class Available:
    """A language a brief can be written in, and the catalog that serves it."""

    code: str
    path: Path
    where: str
    """"yours", "theme <name>" or "shipped"."""

    @property
    def name(self) -> str:
        """The language's name in English and in itself: "French (français)"."""
        from babel import Locale, UnknownLocaleError

        try:
            locale = Locale.parse(self.code)
        except (UnknownLocaleError, ValueError):
            return self.code
        english, own = locale.get_display_name("en"), locale.get_display_name(locale)
        return f"{english} ({own})" if english and own and own != english else (english or "")

    @property
    def direction(self) -> str:
        """`rtl` or `ltr`, from CLDR."""
        from babel import Locale, UnknownLocaleError

        try:
            order = Locale.parse(self.code).character_order
        except (UnknownLocaleError, ValueError):
            return "ltr"
        return "rtl" if order == "right-to-left" else "ltr"


def available(user_dir: Path | None, theme_name: str = theme_lookup.DEFAULT_THEME
              ) -> list[Available]:
    """Every language with a catalog, by code; the catalog found first for each."""
    found: dict[str, Available] = {}
    for folder in locale_dirs(user_dir, theme_name):
        where = ("shipped" if folder == PACKAGE_LOCALE else
                 "yours" if user_dir and folder == user_dir / "locale" else f"theme {theme_name}")
        for path in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            code = path.parent.parent.name
            found.setdefault(code, Available(code, path, where))
    return sorted(found.values(), key=lambda a: a.code)
