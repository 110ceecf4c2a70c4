"""Load a brief's YAML, keeping the line and column of every key and value.

The YAML is read event by event rather than through PyYAML's composer, for three
reasons: every key and value keeps its place in the file; a key given twice, an alias
or a foreign tag is noted where it stands and loading goes on, so that every problem
of a file is reported in one run; and aliases are never expanded (no "billion laughs").

Loading is the first stage: it returns what it found, problems included, and raises
nothing; validation, the next stage, reports those problems with its own.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import Diagnostic, Location, excerpt
from briefing.positions import FieldPath, YamlDocument
from briefing.suggest import did_you_mean
from briefing.syntax import syntax_diagnostic

try:  # libyaml is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
} | {"!"}


# --- reading the file ------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (a Word .docx or OpenDocument file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Word or Excel file (.doc, .xls)"),
    (b"{\\rtf", "a rich-text (RTF) document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)


MAX_BYTES = 512 * 1024
"""Largest brief file read: a hundred times a full one-page brief."""
MAX_DEPTH = 12
"""Deepest nesting read: a brief itself goes five levels deep."""


def load(file: Path) -> YamlDocument:
    """Read and parse a YAML brief, keeping the place of every part and every problem."""
    try:
        size = file.stat().st_size if file.is_file() else 0
        if size > MAX_BYTES:
            return _unread(file, Diagnostic(
                Location(file), f"the file is {size / 1024:.0f} KiB, more than a brief can "
                f"be ({MAX_BYTES // 1024} KiB)",
                "a one-page brief is a few KiB of YAML: check that this is the right file",
            ))
        raw = file.read_bytes()
    except FileNotFoundError:
        return _unread(file, Diagnostic(Location(file), "file not found", _missing_hint(file)))
    except IsADirectoryError:
        return _unread(file, Diagnostic(
            Location(file), "this is a folder, not a brief", "give the path of a .yaml file"
        ))
    except PermissionError:
        return _unread(file, Diagnostic(
            Location(file), "cannot read the file: permission denied",
            "check that you may read it (its permissions), or copy it somewhere you can",
        ))
    except OSError as exc:
        return _unread(file, Diagnostic(Location(file), f"cannot read the file: {exc.strerror}"))
    text = _decode(file, raw)
    if isinstance(text, YamlDocument):
        return text
    doc = parse(file, text)
    doc.on_disk = raw
    return doc


def _unread(file: Path, problem: Diagnostic, text: str = "") -> YamlDocument:
    """A file that could not be read as YAML at all: only its problem is known."""
    return YamlDocument(file, text, None, problems=[problem], complete=False)


def _missing_hint(file: Path) -> str:
    hint = "check the path and its spelling"
    try:
        names = [p.name for p in file.parent.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return hint
    close = did_you_mean(file.name, names)
    if close:
        return f"did you mean '{file.parent / close}'? " + hint
    return hint


def _decode(file: Path, raw: bytes) -> str | YamlDocument:
    """The file's text, or an unread document saying why it is not UTF-8 text."""
    not_text = "a brief is a plain-text YAML file (.yaml); check that you gave the right file"
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return _unread(file, Diagnostic(
                Location(file), f"this is not a YAML brief: it is {what}", not_text
            ))
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            return _unread(file, Diagnostic(
                Location(file),
                f"the file is saved as {name} text (it starts with a {name} byte-order "
                "mark), not as UTF-8",
                "save it again choosing the UTF-8 encoding (in most editors: Save As, "
                "then Encoding: UTF-8)",
            ))
    if b"\x00" in raw[:8192]:
        return _unread(file, Diagnostic(
            Location(file), "this is not a text file: it contains NUL bytes, as binary files do",
            not_text,
        ))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(codecs.BOM_UTF8) else 0)
        return _unread(file, _not_utf8(file, raw, start))


def _not_utf8(file: Path, raw: bytes, start: int) -> Diagnostic:
    before = raw[:start].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    bad = raw[start]
    guess = raw[start:start + 1].decode("cp1252", errors="replace")
    shown = f" ('{guess}' in the Windows-1252 / Latin-1 encoding)" if guess.isprintable() else ""
    text = raw.decode("utf-8", errors="replace")
    return Diagnostic(
        Location(file, line, column),
        f"the file is not UTF-8 text: byte 0x{bad:02X}{shown} cannot be read as UTF-8 "
        f"(byte {start} of the file)",
        "save the file again choosing the UTF-8 encoding (in most editors: Save As, "
        "then Encoding: UTF-8)",
        excerpt(text.splitlines(), line, column),
    )


# --- parsing ---------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def parse(file: Path, text: str) -> YamlDocument:
    """Parse YAML text into a YamlDocument, noting every problem in it."""
    doc = YamlDocument(file, text, None)
    if control := _control_characters(doc):
        doc.problems, doc.complete = control, False
        return doc
    loader = SafeLoader(text)
    try:
        doc.data = _Reader(loader, doc).document()
    except yaml.MarkedYAMLError as exc:
        doc.data, doc.complete = None, False
        doc.problems = [syntax_diagnostic(doc, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a mark
        doc.data, doc.complete = None, False
        doc.problems = [Diagnostic(Location(file), f"YAML error: {exc}")]
    finally:
        loader.dispose()
    return doc


def _control_characters(doc: YamlDocument) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for number, line in enumerate(doc.lines, 1):
        for match in _CONTROL.finditer(line):
            code = ord(match.group())
            found.append(doc.at(
                number, match.start() + 1,
                f"the file contains an invisible control character (U+{code:04X}) that YAML "
                "does not allow",
                "delete it: place the cursor just after the caret and press Backspace (such "
                "characters often come with text copied from a PDF or a web page)",
            ))
    if len(found) > 10:
        rest = len(found) - 10
        found = [*found[:10], Diagnostic(
            Location(doc.file), f"... and {rest} more control characters",
            "if the file is not a text file at all, check that you gave the right file",
        )]
    return found


class _Reader:
    """Builds plain data from the parser's events, noting where each part stands."""

    def __init__(self, loader: SafeLoader, doc: YamlDocument) -> None:
        self.loader = loader
        self.doc = doc
        self.anchors: dict[str, tuple[int, int]] = {}

    def document(self) -> Any:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        data = self.node(())
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            self.problem(
                _place(loader.peek_event()),
                "a second YAML document starts here: a line '---' divides a file into "
                "several documents, and a brief is one",
                "remove the '---' line (use a comment, '# ...', to divide the brief), "
                "or put the second brief in a file of its own",
            )
        return data

    def problem(self, place: tuple[int, int], message: str, hint: str | None = None) -> None:
        self.doc.problems.append(self.doc.at(*place, message, hint))

    def node(self, path: FieldPath) -> Any:
        if len(path) >= MAX_DEPTH:
            # Deeper than any brief goes: a hostile or mangled file. Skipped without
            # recursing, so that no depth can exhaust the stack.
            self.problem(
                _place(self.loader.peek_event()),
                f"the brief nests more than {MAX_DEPTH} levels deep here",
                "a brief needs at most five levels; check the indentation of this part",
            )
            self.skip()
            self.doc.ignored.add(path)
            return None
        event: Any = self.loader.get_event()
        place = _place(event)
        if isinstance(event, yaml.AliasEvent):
            self.alias(event)
            self.doc.ignored.add(path)
            self.doc.values.setdefault(path, place)
            return None
        if event.anchor is not None:
            self.anchors[event.anchor] = place
        self.doc.values[path] = place
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, path)
        if event.tag not in (None, *_STANDARD_TAGS):
            self.foreign_tag(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not self.loader.check_event(yaml.SequenceEndEvent):
                items.append(self.node((*path, len(items))))
            self.loader.get_event()
            return items
        return self.mapping(path)

    def mapping(self, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, tuple[int, int]] = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            event: Any = self.loader.peek_event()
            place = _place(event)
            if isinstance(event, yaml.AliasEvent):
                self.loader.get_event()
                self.alias(event)
                self.skip()
                continue
            if not isinstance(event, yaml.ScalarEvent):
                self.problem(
                    place, "a key must be a plain word, not a list or a block of keys",
                    "write 'key: value'; if this is text, put it in quotes",
                )
                self.skip()
                self.skip()
                continue
            self.loader.get_event()
            key = event.value
            if key == "" and event.style in (None, ""):
                self.problem(
                    place, "a ':' with no key before it",
                    "write the key before the colon, as in 'title: ...', or put text that "
                    "starts with ':' in quotes",
                )
                self.skip()
                continue
            if key in result:
                line = first[key][0]
                block = _dotted(path)
                self.problem(
                    place,
                    f"the key '{key}' appears twice in '{block}' (first at line {line})"
                    if path else f"the key '{key}' appears twice at the top level "
                    f"(first at line {line})",
                    f"keep one '{key}:' and delete the other, merging what they hold "
                    "(a key may appear only once in a block)",
                )
                self.skip()
                continue
            if key == "<<" and event.style in (None, ""):
                self.problem(
                    place, "'<<' merges the keys of another block into this one; merge keys "
                    "and aliases (<<, &name, *name) are not allowed in a brief",
                    "write out the keys of this block in full, and delete the '<<:' line",
                )
                self.doc.ignored.add((*path, key))
                self.skip()
                continue
            child = (*path, key)
            first[key] = self.doc.keys[child] = place
            result[key] = self.node(child)
        self.loader.get_event()
        return result

    def scalar(self, event: Any, path: FieldPath) -> Any:
        if event.value or event.style not in (None, ""):
            self.doc.raw[path] = event.value  # an empty plain value has no text
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        elif tag not in _STANDARD_TAGS:
            self.foreign_tag(event, path)
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            # A value YAML recognises but cannot make, like the date 2024-13-01: keep the
            # text, and let validation say what is wrong with it where it matters.
            return event.value
        return value

    def alias(self, event: Any) -> None:
        anchor = self.anchors.get(event.anchor or "")
        where = f" (its anchor '&{event.anchor}' is at line {anchor[0]})" if anchor else ""
        self.problem(
            _place(event),
            f"'*{event.anchor}' is a YAML alias{where}; anchors and aliases (&name, *name) "
            "are not allowed in a brief",
            "write the value out in full here; if the text is meant to start with '*', "
            "put the whole value in quotes",
        )

    def foreign_tag(self, event: Any, path: FieldPath) -> None:
        tag = str(getattr(event, "tag", "")).replace("tag:yaml.org,2002:", "!!")
        self.problem(
            _place(event),
            f"the YAML tag '{tag}' is not allowed in a brief",
            "remove the tag (the word starting with '!'); if the text is meant to start "
            "with '!', put the whole value in quotes",
        )
        self.doc.ignored.add(path)

    def skip(self) -> None:
        """Consume one node's events without keeping anything of it."""
        depth = 0
        while True:
            event = self.loader.get_event()
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                depth += 1
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                depth -= 1
            if depth == 0:
                return


def _place(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _dotted(path: FieldPath) -> str:
    return ".".join(str(p) for p in path)

