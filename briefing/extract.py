"""The brief a PDF carries, read back: for `briefing extract` and `briefing check PDF`.

The PDF is untrusted: anyone can send one. So it is read within bounds (its size, the
number of files it carries, each file's size, counted while it is unpacked, so that a
small stream that inflates to gigabytes stops at the bound), and the names of the files
it carries decide nothing outside the folder written to: a name with `..`, an absolute
path, a drive, a backslash, or a folder that is a link to elsewhere is refused.
Only two files are ever written: the brief's YAML, and the text at the path it names.
"""

from __future__ import annotations

import re
import tempfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from briefing.errors import Diagnostic, InputError, Location, Severity, UsageError
from briefing.output import write_atomic
from briefing.record import Carried

MAX_PDF_BYTES = 50 * 1024 * 1024
"""The largest PDF read: 50 MiB (a brief's PDF is some 100 KB; a pack of fifty, 5 MB)."""
MAX_CARRIED_BYTES = 8 * 1024 * 1024
"""The most one carried file may hold, unpacked: 8 MiB (a long-read's text is 150 KB)."""
MAX_CARRIED = 32
"""The most files a PDF may carry for its brief to be read: a brief's PDF carries two."""
MAX_NAME = 255
"""The longest name of a carried file."""
BRIEF_SUFFIXES = (".yaml", ".yml")
UNSAFE_NAME = re.compile(r"[\\:\x00-\x1f]")
"""Backslashes (a Windows path), colons (a drive, a link like file:), control characters."""
NO_BRIEF_HINT = ("it was built with `design.attach: none` or `text`, or by another program: "
                 "the brief can only be had back from its YAML file")


@dataclass(frozen=True)
class Record:
    """What a PDF carries of its brief: the YAML, and the piece's text if it carries it."""

    pdf: Path
    brief: Carried
    text: Carried | None
    text_name: str | None
    """The path of the piece's text the YAML names, carried or not."""


def read_record(pdf: Path) -> Record:
    """The brief `pdf` carries; InputError (exit 2) when it carries none or is not a PDF."""
    files = _carried_files(pdf)
    briefs = [f for f in files if f.name.lower().endswith(BRIEF_SUFFIXES)]
    if not briefs:
        raise InputError.at(pdf, "this PDF carries no brief (no YAML file is attached to it)",
                            NO_BRIEF_HINT)
    if len(briefs) > 1:
        raise InputError.at(pdf, "this PDF carries more than one brief: "
                            + ", ".join(b.name for b in briefs),
                            "it is not a brief's PDF (a pack carries none): extract them "
                            "from each brief's own PDF")
    brief = briefs[0]
    text_name = _named_text(brief.data)
    text = next((f for f in files if text_name is not None and f.name == text_name), None)
    return Record(pdf, brief, text, text_name)


def write_record(record: Record, out: Path, *, force: bool = False) -> list[Path]:
    """Write the brief and its text into `out` as `build` expects them; the paths written.

    Nothing is written unless every file can be: none outside `out`, none over an
    existing file without `force`.
    """
    files = [record.brief, *([record.text] if record.text else [])]
    targets = [(_inside(out, f.name, record.pdf), f) for f in files]
    if not force and (there := [t for t, _ in targets if t.exists() or t.is_symlink()]):
        raise UsageError(f"{', '.join(map(str, there))} already there",
                         "give another --out folder, or --force to overwrite")
    for target, carried in targets:
        write_atomic(target, carried.data)
    return [t for t, _ in targets]


def check_record(pdf: Path, templates_dir: Path | None = None) -> list[Diagnostic]:
    """What `briefing check` finds in the brief `pdf` carries, placed at `pdf[name]:line`.

    A brief whose text the PDF does not carry is checked without it, and says so.
    """
    from briefing.build import check

    record = read_record(pdf)
    label = Path(f"{pdf}[{record.brief.name}]")
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as folder:
        missing: list[Diagnostic] = []
        if record.text_name is not None and record.text is None:
            missing.append(Diagnostic(
                Location(label), f"this PDF does not carry the piece's text "
                f"({record.text_name}): the brief's quotes were not checked against it",
                "it was built with `design.attach: brief`; check the brief beside its text "
                "to check its quotes", severity=Severity.WARNING))
        try:
            written = write_record(_without_text_name(record) if missing else record,
                                   Path(folder))
            findings = check(written[0], templates_dir=templates_dir).findings
        except InputError as exc:
            raise InputError([_relabel(d, Path(folder), pdf) for d in exc.diagnostics]
                             ) from None
    return missing + [_relabel(d, Path(folder), pdf) for d in findings]


def _without_text_name(record: Record) -> Record:
    """The record with its YAML's `source_text` line commented out: the quotes are then
    checked against nothing, and every other line keeps its number."""
    lines = record.brief.data.decode("utf-8", "replace").splitlines(keepends=True)
    kept = [f"# {line}" if re.match(r"\s+source_text\s*:", line) else line for line in lines]
    return replace(record, brief=replace(record.brief, data="".join(kept).encode()),
                   text=None)


def _relabel(diagnostic: Diagnostic, folder: Path, pdf: Path) -> Diagnostic:
    """The diagnostic placed in the PDF (`report.pdf[brief.yaml]:12:3`), not the temporary
    folder it was checked in."""
    try:
        name = diagnostic.location.file.relative_to(folder).as_posix()
    except ValueError:
        return diagnostic
    return replace(diagnostic, location=replace(diagnostic.location, file=Path(f"{pdf}[{name}]")))


def _named_text(data: bytes) -> str | None:
    """The `piece.source_text` the YAML names, if it can be read; None otherwise (then
    `check` says what is wrong with the YAML)."""
    try:
        loaded = yaml.safe_load(data)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    piece = loaded.get("piece") if isinstance(loaded, dict) else None
    value = piece.get("source_text") if isinstance(piece, dict) else None
    return PurePosixPath(value).as_posix() if isinstance(value, str) and value else None


def _inside(out: Path, name: str, pdf: Path) -> Path:
    """Where the carried file `name` goes in `out`; InputError for a name that would put
    it anywhere else."""
    parts = PurePosixPath(name).parts
    if (not parts or len(name) > MAX_NAME or UNSAFE_NAME.search(name) or name.startswith("/")
            or ".." in parts or PurePosixPath(name).as_posix() != name):
        raise InputError.at(pdf, f"this PDF carries a file named {name!r}, which is not a "
                            f"plain path inside {out}; nothing was written",
                            "a brief's PDF names its files by plain relative paths: this one "
                            "was altered, or made by another program")
    target = out.joinpath(*parts)
    root = out.resolve()
    if not target.parent.resolve().is_relative_to(root):
        raise InputError.at(pdf, f"{target.parent} leads outside {out} (a link); nothing "
                            "was written", "give an --out folder without links in it")
    return target


def _carried_files(pdf: Path) -> list[Carried]:
    """Every file `pdf` carries, read within the bounds."""
    from pypdf import PdfReader

    try:
        size = pdf.stat().st_size
    except FileNotFoundError:
        raise InputError.at(pdf, "file not found", "check the path and its spelling") from None
    except OSError as exc:
        raise InputError.at(pdf, f"cannot read the file: {exc.strerror}") from None
    if size > MAX_PDF_BYTES:
        raise InputError.at(pdf, f"the file is {size // (1024 * 1024)} MiB, more than a "
                            f"brief's PDF can be ({MAX_PDF_BYTES // (1024 * 1024)} MiB)",
                            "check that this is a brief's PDF")
    with pdf.open("rb") as handle:
        if not handle.read(5).startswith(b"%PDF"):
            raise InputError.at(pdf, "this is not a PDF", "give the PDF of a brief")
    try:
        reader = PdfReader(pdf, strict=False)
        if reader.is_encrypted:
            raise InputError.at(pdf, "this PDF is encrypted: what it carries cannot be read",
                                "ask its sender for the PDF as briefing wrote it")
        return _files_of(reader, pdf)
    except InputError:
        raise
    except Exception:  # an untrusted file may break the parser anywhere
        raise InputError.at(pdf, "this PDF is damaged: what it carries cannot be read",
                            "ask its sender for the PDF again") from None


def _files_of(reader: Any, pdf: Path) -> list[Carried]:
    """The files in the PDF's name tree of embedded files (the first MAX_CARRIED)."""
    names = reader.trailer["/Root"].get("/Names")
    tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
    found: list[Carried] = []
    todo, seen = ([tree.get_object()] if tree is not None else []), 0
    while todo:
        node = todo.pop()
        seen += 1
        if seen > MAX_CARRIED * 4:
            break  # a name tree that loops, or goes on and on
        todo += [kid.get_object() for kid in node.get("/Kids", [])]
        pairs = list(node.get("/Names", []))
        for spec in pairs[1::2]:
            if len(found) == MAX_CARRIED:
                raise InputError.at(pdf, f"this PDF carries more than {MAX_CARRIED} files",
                                    "it is not a brief's PDF, which carries two")
            found.append(_read_carried(spec.get_object(), pdf))
    return found


def _read_carried(spec: Any, pdf: Path) -> Carried:
    """One embedded file, unpacked within MAX_CARRIED_BYTES."""
    name = str(spec.get("/UF") or spec.get("/F") or "")
    embedded = spec.get("/EF")
    stream = embedded.get_object().get("/F") if embedded is not None else None
    if stream is None:
        raise InputError.at(pdf, f"this PDF names a file it does not hold ({name!r}): a "
                            "link to elsewhere, which is never followed",
                            "a brief's PDF holds its files; this one was made by another "
                            "program")
    stream = stream.get_object()
    filters = stream.get("/Filter")
    filters = [] if filters is None else [filters] if isinstance(filters, str) else list(filters)
    raw: bytes = stream._data  # the stream as stored: pypdf's get_data would unpack it all
    if filters == ["/FlateDecode"]:
        inflater = zlib.decompressobj()
        data = inflater.decompress(raw, MAX_CARRIED_BYTES + 1)
    elif not filters:
        data = raw
    else:
        raise InputError.at(pdf, f"the file {name!r} in this PDF is stored in a way briefing "
                            f"does not read ({', '.join(map(str, filters))})",
                            "a brief's PDF stores its files compressed with Flate")
    if len(data) > MAX_CARRIED_BYTES:
        raise InputError.at(pdf, f"the file {name!r} in this PDF is over "
                            f"{MAX_CARRIED_BYTES // (1024 * 1024)} MiB unpacked, more than a "
                            "brief or a piece's text can be; nothing was written",
                            "it is not a brief's PDF, or it was altered")
    return Carried(name, data, str(spec.get("/Desc") or ""))
