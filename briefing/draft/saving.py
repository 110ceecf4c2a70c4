"""Saving the piece beside the brief: its text, and the file it came from.

A brief checks every quote against the piece's text, so the text a reader took out
of a page, a PDF or a Word file is saved as `sources/SLUG.txt` in the brief's folder
and `piece.source_text` points at it; the file as it came is copied beside it
(`sources/SLUG.pdf`, ...), so that what the text was taken from travels with the
brief. A plain-text piece is its own text: it is saved once. Nothing is written
until every target is known to be free, and `write` takes back what it wrote when a
later file fails, so a refused draft leaves no file behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.draft.reading import Piece, Source
from briefing.errors import BriefingError, UsageError
from briefing.output import write_atomic

FOLDER = "sources"
"""The folder, beside the brief, that holds the pieces' texts and their files."""

SUFFIXES: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm", ".xhtml"),
    "mhtml": (".mhtml", ".mht"),
    "pdf": (".pdf",),
    "docx": (".docx",),
    "odt": (".odt",),
    "markdown": (".md", ".markdown"),
}
"""The suffixes a copy of each kind of file may keep; the first is given to one that
has none of them (a page saved as `article.txt`, standard input). Plain text has no
entry: its text is the file."""


@dataclass(frozen=True)
class Saving:
    """The files a draft writes besides its YAML: the text, and the original's copy."""

    text: Path
    text_bytes: bytes | None  # None: the text is already there, as the piece itself
    original: Path | None = None
    original_bytes: bytes = b""

    @property
    def files(self) -> list[tuple[Path, bytes]]:
        """Each file to write, with its bytes, in the order they are written."""
        planned = [(self.text, self.text_bytes)] if self.text_bytes is not None else []
        if self.original is not None:
            planned.append((self.original, self.original_bytes))
        return planned


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def plan(slug: str, directory: Path, source: Source, piece: Piece,
         given: Path | None) -> Saving:
    """Where the piece of `source` goes for the brief `directory`/SLUG.yaml.

    `given` is the path `--from` named (None for standard input): a file already at
    its target is used where it is, not copied onto itself. Raises UsageError when a
    target holds another file.
    """
    folder = directory / FOLDER
    text_path = folder / f"{slug}.txt"
    text = piece.text  # a plain-text piece is kept as it came; an extracted one ends a line
    if piece.kind != "text" and not text.endswith("\n"):
        text += "\n"
    text_bytes: bytes | None = text.encode("utf-8")
    original = None
    suffixes = SUFFIXES.get(piece.kind)
    if suffixes is not None:
        suffix = source.suffix if source.suffix in suffixes else suffixes[0]
        original = folder / f"{slug}{suffix}"
    if given is not None and _same_file(given, text_path):
        text_bytes = None  # the piece is already the brief's source text
    if given is not None and original is not None and _same_file(given, original):
        original = None
    saving = Saving(text_path, text_bytes, original, source.data)
    for path, _ in saving.files:
        if path.exists() or path.is_symlink():
            raise UsageError(
                f"{path} already exists",
                "pick another SLUG, or move that file away if it belongs to no brief",
            )
    return saving


def write(saving: Saving, then: Path, then_bytes: bytes) -> None:
    """Write the saving's files, then `then` (the YAML); undo them if a write fails."""
    written: list[Path] = []
    try:
        for path, data in [*saving.files, (then, then_bytes)]:
            write_atomic(path, data)
            written.append(path)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        failed = next(p for p, _ in [*saving.files, (then, b"")] if p not in written)
        raise BriefingError(f"cannot write {failed}: {exc.strerror or exc}") from None
