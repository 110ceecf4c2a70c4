"""The reference document: the Word file whose styles, page and header the brief takes.

It is found like every template file: `reference.docx` in the user's templates folder,
else the theme's, so an office puts its own letterhead and styles there (`briefing
theme eject` copies the theme's to start from). It is read as untrusted input: it must
be a Word file of reasonable size that defines every style of `styles.ALL`, or the
build stops with an error that names the file and what is wrong.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import theme_lookup
from briefing.errors import InputError
from briefing.word import styles
from briefing.wording import plural

if TYPE_CHECKING:
    from docx.document import Document

NAME = "reference.docx"
MAX_BYTES = 20 * 1024 * 1024
"""The largest reference document read: 20 MiB, room for a letterhead's images."""
MAX_UNPACKED = 100 * 1024 * 1024
"""The most it may unpack to: 100 MiB; more is a zip bomb, not a template."""
RESTYLE_HINT = ("start again from the theme's own (`briefing theme eject THEME DIR` "
                "copies it), and change its styles rather than delete them")


@dataclass(frozen=True)
class Reference:
    """A reference document's file and bytes, read once per build."""

    path: Path
    data: bytes

    def open(self) -> Document:
        """A new document on the reference's styles, page and header (each brief its own)."""
        import docx

        return docx.Document(io.BytesIO(self.data))


def find(user_dir: Path | None, theme: str) -> Path:
    """The reference document in effect: the first `reference.docx` on the search path."""
    for folder in theme_lookup.search_path(user_dir, theme):
        if (folder / NAME).is_file():
            return folder / NAME
    raise InputError.at(theme_lookup.theme(theme).folder / NAME,
                        f"the {theme} theme has no {NAME}",
                        "reinstall briefing, or put a reference.docx in your templates folder")


_READ: dict[tuple[Path, int, int], Reference] = {}
"""The references read and found good, by file, time of change and size: a build of
many briefs reads and checks each once."""


def read(path: Path) -> Reference:
    """Read and check the reference document at `path`; raise InputError naming what is
    wrong with it: not a Word file, too big, or lacking a style the brief needs."""
    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _READ:
        if len(_READ) >= len(theme_lookup.themes()) + 1:
            _READ.clear()  # a theme's each and the user's: more are old versions of them
        _READ[key] = _checked(path)
    return _READ[key]


def _checked(path: Path) -> Reference:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InputError.at(path, f"this reference document is over {MAX_BYTES >> 20} MiB",
                            "remove large images from it, or " + RESTYLE_HINT)
    not_word = ("this is not a Word file (.docx): the Word brief takes its styles from it",
                "save it from Word or LibreOffice as a Word document (.docx), or "
                + RESTYLE_HINT)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise InputError.at(path, *not_word)
    except zipfile.BadZipFile:
        raise InputError.at(path, *not_word) from None
    if unpacked > MAX_UNPACKED:
        raise InputError.at(path, f"this reference document unpacks to over "
                            f"{MAX_UNPACKED >> 20} MiB", RESTYLE_HINT)
    reference = Reference(path, data)
    try:
        document = reference.open()
    except Exception as exc:  # python-docx raises anything from KeyError to lxml's errors
        raise InputError.at(path, f"{not_word[0]} ({exc})", not_word[1]) from None
    _check_styles(path, document)
    return reference


def _check_styles(path: Path, document: Document) -> None:
    """Every style of `styles.ALL` is there, and of the kind the brief uses it as."""
    from docx.enum.style import WD_STYLE_TYPE

    kinds = {WD_STYLE_TYPE.PARAGRAPH: styles.Kind.PARAGRAPH,
             WD_STYLE_TYPE.CHARACTER: styles.Kind.CHARACTER,
             WD_STYLE_TYPE.TABLE: styles.Kind.TABLE}
    defined = {style.name: kinds.get(style.type) for style in document.styles}
    missing = [s for s in styles.ALL if s.name not in defined]
    wrong = [s for s in styles.ALL if s.name in defined and defined[s.name] is not s.kind]
    if missing:
        named = "; ".join(f"'{s.name}' ({s.kind} style, for {s.role})" for s in missing)
        raise InputError.at(
            path, f"this reference document lacks {plural(len(missing), 'style')} the "
            f"brief needs: {named}",
            "add each in Word (Home > Styles > Create a Style) or LibreOffice (Styles > New "
            "Style), with that exact name; or " + RESTYLE_HINT)
    if wrong:
        named = "; ".join(f"'{s.name}' must be a {s.kind} style (for {s.role})"
                          for s in wrong)
        raise InputError.at(path, f"in this reference document, {named}", RESTYLE_HINT)
