"""The message catalogs: found on the template search path, checked, compiled when read.

A language is a gettext catalog, `locale/<lang>/LC_MESSAGES/briefing.po`, in the
user's templates folder, a theme's folder or the package (`briefing/locale`), looked
up in that order like every template file. A catalog of the user's for a shipped
language overrides the messages it gives and falls back to the shipped one for the
rest, so a user can change one label without copying the catalog. The .po text is
read with Babel's reader and compiled in memory (no .mo files to keep in step), once
per process for each file as it stands.

A catalog that cannot be read, or whose translation leaves out or adds a placeholder
(`%(analyst)s`), is refused with its file and line: printed, it would lose the
analyst's name or stop the render.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from briefing import theme_lookup
from briefing.errors import Diagnostic, InputError, Location, excerpt

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
                 theme_name: str = theme_lookup.DEFAULT_THEME) -> NullTranslations:
    """The messages for `tag`: its catalogs chained, first found first; the templates'
    English words when no catalog serves it."""
    chain: NullTranslations = NullTranslations()
    for path in reversed(files_for(tag, user_dir, theme_name)):
        stat = path.stat()
        compiled = _compiled(path, stat.st_mtime_ns, stat.st_size)
        # A fresh object for each chain: the cached one must not carry another's fallback.
        link = Translations(io.BytesIO(compiled), domain=DOMAIN)
        link.add_fallback(chain)
        chain = link
    return chain


@cache
def _compiled(path: Path, _mtime: int, _size: int) -> bytes:
    """The catalog at `path` as .mo bytes, after `read` checked it."""
    out = io.BytesIO()
    write_mo(out, read(path))
    return out.getvalue()


def read(path: Path) -> Catalog:
    """The catalog at `path`; InputError, at its file and line, if it is broken."""
    text = path.read_bytes()
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
        try:
            locale = Locale.parse(self.code)
        except (UnknownLocaleError, ValueError):
            return self.code
        english, own = locale.get_display_name("en"), locale.get_display_name(locale)
        return f"{english} ({own})" if english and own and own != english else (english or "")

    @property
    def direction(self) -> str:
        """`rtl` or `ltr`, from CLDR."""
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
