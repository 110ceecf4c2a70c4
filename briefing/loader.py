"""Load a brief's YAML, keeping the line and column of every key and value.

The YAML is read event by event rather than through PyYAML's composer, for three
reasons: every key and value keeps its place in the file; a key given twice, an alias
or a foreign tag is noted where it stands and loading goes on, so that every problem
of a file is reported in one run; and aliases are never expanded (no "billion laughs").
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import Diagnostic, InputError, Location, Severity, excerpt

try:  # libyaml is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
} | {"!"}


@dataclass
class Document:
    """A loaded YAML brief: its data and where each part of it stands."""

    file: Path
    text: str
    data: Any
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    raw: dict[FieldPath, str] = field(default_factory=dict, repr=False)
    """The text of each scalar value as written (`no`, `1984`), before YAML typed it."""
    problems: list[Diagnostic] = field(default_factory=list, repr=False)
    """Problems found while loading (a key given twice, an alias): reported with the rest."""
    ignored: set[FieldPath] = field(default_factory=set, repr=False)
    """Paths whose value was refused while loading; validation says nothing more of them."""

    @property
    def lines(self) -> list[str]:
        """The file's lines, for excerpts."""
        return self.text.splitlines()

    def locate(self, path: FieldPath, *, key: bool = False) -> Location:
        """Where `path` stands; its key if `key`, else its value; else its nearest parent."""
        for end in range(len(path), -1, -1):
            sub = path[:end]
            spot = (self.keys.get(sub) if key else None) or self.values.get(sub)
            if spot:
                return Location(self.file, spot[0], spot[1])
        return Location(self.file, 1, 1)

    def diagnostic(
        self,
        path: FieldPath,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        code: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        """A diagnostic at `path`, with the excerpt of its line."""
        where = self.locate(path, key=key)
        return Diagnostic(
            where, message, hint, excerpt(self.lines, where.line or 1, where.column or 1),
            code, severity,
        )

    def at(self, line: int, column: int, message: str, hint: str | None = None) -> Diagnostic:
        """A diagnostic at a line and column of the file, with the excerpt of its line."""
        return Diagnostic(
            Location(self.file, line, column), message, hint, excerpt(self.lines, line, column)
        )


def by_place(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics in the order of their places in the file (stable otherwise)."""
    return sorted(diagnostics, key=lambda d: (d.location.line or 0, d.location.column or 0))


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


def load(file: Path) -> Document:
    """Read and parse a YAML brief; raise InputError with the place of every problem."""
    try:
        size = file.stat().st_size if file.is_file() else 0
        if size > MAX_BYTES:
            raise InputError.at(
                file, f"the file is {size / 1024:.0f} KiB, more than a brief can be "
                f"({MAX_BYTES // 1024} KiB)",
                "a one-page brief is a few KiB of YAML: check that this is the right file",
            )
        raw = file.read_bytes()
    except FileNotFoundError:
        raise InputError.at(file, "file not found", _missing_hint(file)) from None
    except IsADirectoryError:
        raise InputError.at(
            file, "this is a folder, not a brief", "give the path of a .yaml file"
        ) from None
    except PermissionError:
        raise InputError.at(
            file, "cannot read the file: permission denied",
            "check that you may read it (its permissions), or copy it somewhere you can",
        ) from None
    except OSError as exc:
        raise InputError.at(file, f"cannot read the file: {exc.strerror}") from None
    return parse(file, _decode(file, raw))


def _missing_hint(file: Path) -> str:
    hint = "check the path and its spelling"
    try:
        names = [p.name for p in file.parent.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return hint
    close = difflib.get_close_matches(file.name, names, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{file.parent / close[0]}'? " + hint
    return hint


def _decode(file: Path, raw: bytes) -> str:
    """The file's text; InputError when it is not UTF-8 text."""
    not_text = "a brief is a plain-text YAML file (.yaml); check that you gave the right file"
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise InputError.at(file, f"this is not a YAML brief: it is {what}", not_text)
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            raise InputError.at(
                file,
                f"the file is saved as {name} text (it starts with a {name} byte-order "
                "mark), not as UTF-8",
                "save it again choosing the UTF-8 encoding (in most editors: Save As, "
                "then Encoding: UTF-8)",
            )
    if b"\x00" in raw[:8192]:
        raise InputError.at(
            file, "this is not a text file: it contains NUL bytes, as binary files do",
            not_text,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(codecs.BOM_UTF8) else 0)
        raise InputError([_not_utf8(file, raw, start)]) from None


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


def parse(file: Path, text: str) -> Document:
    """Parse YAML text into a Document; raise InputError listing its problems."""
    doc = Document(file, text, None)
    _refuse_control_characters(doc)
    loader = SafeLoader(text)
    try:
        doc.data = _Reader(loader, doc).document()
    except yaml.MarkedYAMLError as exc:
        raise InputError([syntax_diagnostic(doc, exc)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a mark
        raise InputError.at(file, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    if doc.problems:
        # Report the rest of the file along with what loading found: all errors at once.
        from briefing.validate import problems

        raise InputError(by_place(doc.problems + problems(doc)))
    return doc


def _refuse_control_characters(doc: Document) -> None:
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
    if found:
        if len(found) > 10:
            rest = len(found) - 10
            found = [*found[:10], Diagnostic(
                Location(doc.file), f"... and {rest} more control characters",
                "if the file is not a text file at all, check that you gave the right file",
            )]
        raise InputError(found)


class _Reader:
    """Builds plain data from the parser's events, noting where each part stands."""

    def __init__(self, loader: SafeLoader, doc: Document) -> None:
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


# --- syntax errors in plain words ------------------------------------------------------

_GENERIC_HINT = (
    "check the indentation (spaces only, keys of a block lined up) and that every "
    "'key: value' has a space after the colon; put values that contain ': ' or start "
    "with a special character ([ { & * ! | > ' \" % @ `) in quotes"
)
_KEY_LINE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>.*))?$")
_NO_SPACE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<rest>[^\s].*)$")


def syntax_diagnostic(doc: Document, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """A YAML syntax error said in plain words, at the place to fix."""
    lines = doc.lines
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    ctx = exc.context_mark
    ctx_line, ctx_column = (ctx.line + 1, ctx.column + 1) if ctx else (line, column)

    def at(at_line: int, at_column: int, message: str, hint: str) -> Diagnostic:
        return doc.at(at_line, at_column, f"YAML syntax error: {message}", hint)

    def text(number: int) -> str:
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    found = _tab(lines, min(line, ctx_line), line)
    if found or "tab" in problem or text(line)[column - 1:column] == "\t":
        tab_line, tab_column = found or (line, column)
        others = [n for n, _ in _tabs(lines) if n != tab_line]
        also = (f"; line {others[0]} also starts with a tab" if len(others) == 1 else
                f"; lines {_numbers(others)} also start with tabs" if others else "")
        return at(
            tab_line, tab_column,
            "a tab is used to indent this line; YAML indents with spaces only",
            "replace the tab with spaces, lined up with the keys of the same block (set "
            f"your editor to insert spaces when you press Tab){also}",
        )

    if "quoted scalar" in context and ("escape" in problem or "hex" in problem):
        slash = text(line).rfind("\\", 0, column)
        slash = slash + 1 if slash >= 0 else column
        escape = text(line)[slash - 1:slash + 1]
        return at(
            line, slash,
            f"'{escape}' is not a valid escape: inside double quotes a backslash starts an "
            "escape such as \\n",
            "write each backslash twice (\\\\), or put the value in single quotes instead, "
            "in which a backslash is an ordinary character (for a file path, forward "
            "slashes work too: C:/Users/...)",
        )
    unclosed = _unclosed_above(lines, line, column)
    if unclosed:
        return at(*unclosed)
    if "quoted scalar" in context:
        quote = text(ctx_line)[ctx_column - 1:ctx_column] or '"'
        return at(
            ctx_line, ctx_column,
            f"the quote {quote} opened here is never closed",
            f"add the closing {quote} at the end of the value (on line {ctx_line}), or "
            "remove the opening one",
        )

    if "flow sequence" in context or "flow mapping" in context:
        opener, closer, what = ("[", "]", "list") if "sequence" in context else (
            "{", "}", "block in braces")
        rest = text(ctx_line)[ctx_column:]
        if closer not in rest:
            return at(
                ctx_line, ctx_column,
                f"the {what} opened with '{opener}' here is never closed with '{closer}'",
                f"add '{closer}' at the end of the {what}; if the '{opener}' is part of "
                "a text, put the whole value in quotes",
            )
        return at(
            line, column,
            f"a ',' or '{closer}' is expected here, in the {what} opened at line "
            f"{ctx_line}, column {ctx_column}",
            f"separate the items with ', '; put an item in quotes if it contains ':', ',' "
            f"or brackets; if the '{opener}' is part of a text, put the whole value in quotes",
        )

    if "mapping values are not allowed" in problem:
        return _mapping_values(doc, line, column, at)

    if "could not find expected ':'" in problem:
        no_space = _missing_space(lines, ctx_line, ctx_line)
        if no_space:
            return at(*no_space)
        return at(
            ctx_line, ctx_column,
            "this line has no ':' after its key",
            "write 'key: value'; if the line continues the text of the line above, indent "
            "it more than that line's key, or put the whole text in quotes",
        )

    if "document start" in problem:
        end = next((n for n in range(line, 0, -1)
                    if text(n).startswith(("...", "%"))), line)
        message = "'...' ends the YAML document, and a brief is one document with " \
            "nothing after it" if text(end).startswith("...") else \
            "a line starting with '%' is a YAML directive, which a brief has no use for"
        return at(
            end, 1, message, "delete this line, or put '# ' in front of it to make it a comment"
        )

    if "block collection" in context or "'-' indicator" in problem:
        return _list_item(doc, line, column, ctx_line, ctx_column, at)

    if "block mapping" in context or "expected key" in problem or "<block end>" in problem:
        return _block_mapping(doc, line, column, at)

    first = text(line)[column - 1:column]
    if "alias" in context or "anchor" in context or "tag" in context:
        indicator = text(ctx_line)[ctx_column - 1:ctx_column] or first
        what = {"*": "an alias", "&": "an anchor", "!": "a tag"}.get(indicator, "a YAML marker")
        return at(
            ctx_line, ctx_column,
            f"a value that starts with '{indicator}' is read as {what}",
            "put the whole value in quotes: " + _quoted_line(text(ctx_line)),
        )
    if "cannot start any token" in problem:
        return at(
            line, column,
            f"a value cannot start with '{first}' in YAML",
            "put the whole value in quotes: " + _quoted_line(text(line)),
        )
    if "block scalar" in context:
        return at(
            ctx_line, ctx_column,
            "after '|' or '>' nothing but a comment may follow on the same line",
            "start the text on the next line, indented more than the key; or, if the "
            "value is meant to start with '|' or '>', put it in quotes",
        )
    if "sequence entries are not allowed" in problem:
        return at(
            line, column,
            "a list item ('- ') cannot start on the same line as its key",
            "put each '- item' on a line of its own below the key, indented; or, if the "
            "text is meant to start with '- ', put it in quotes",
        )
    message = problem + (f" ({context})" if context else "")
    return at(line, column, message or "the YAML cannot be read", _GENERIC_HINT)


def _tabs(lines: list[str]) -> list[tuple[int, int]]:
    """(line, column) of each line whose indentation holds a tab."""
    found = []
    for number, line in enumerate(lines, 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            found.append((number, indent.index("\t") + 1))
    return found


def _tab(lines: list[str], first: int, last: int) -> tuple[int, int] | None:
    for number, column in _tabs(lines):
        if first <= number <= last:
            return number, column
    return None


def _numbers(numbers: list[int]) -> str:
    shown = [str(n) for n in numbers[:8]] + (["..."] if len(numbers) > 8 else [])
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


def _quote(value: str) -> str:
    """`value` as a YAML quoted string: double quotes unless it holds some."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quoted_line(line: str) -> str:
    match = _KEY_LINE.match(line.rstrip())
    if not match or not match.group("value"):
        return "'key: \"...\"'"
    value = match.group("value").strip()
    return f"{match.group('key')}: {_quote(value)}"


Located = tuple[int, int, str, str]
_At = Callable[[int, int, str, str], Diagnostic]


def _missing_space(lines: list[str], first: int, last: int) -> Located | None:
    """The first line in first..last with `key:value` (no space after the colon)."""
    for number in range(first, last + 1):
        line = lines[number - 1] if number <= len(lines) else ""
        match = _NO_SPACE.match(line.rstrip())
        if match and not match.group("rest").startswith("//"):
            key, rest = match.group("key"), match.group("rest")
            return (
                number, match.end("key") + 1,
                f"no space after the colon in '{key}:{rest}'",
                f"write '{key}: {rest}': YAML needs a space after the colon of a key",
            )
    return None


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _unclosed_above(lines: list[str], line: int, column: int) -> Located | None:
    """A quote opened on an earlier line and closed only by the quote before `column`.

    An unclosed quote swallows the lines below it up to the next quote of its kind; the
    error then shows up there, far from the mistake.
    """
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    before = text[: column - 1].rstrip()
    if not before or before[-1] not in "'\"":
        return None
    quote = before[-1]
    if _quotes(before, quote) % 2 == 0:
        return None
    for number in range(line - 1, 0, -1):
        opened = _opens_quote(lines[number - 1], quote)
        if opened is not None:
            return (
                number, opened,
                f"the quote {quote} opened here is not closed on its line, so YAML reads on "
                f"up to the next {quote}, on line {line}",
                f"add the closing {quote} at the end of the value on line {number}",
            )
    return None


def _quotes(text: str, quote: str) -> int:
    if quote == '"':
        return len(re.findall(r'(?<!\\)"', text))
    return text.count("'")


def _opens_quote(line: str, quote: str) -> int | None:
    """The column of a quote that starts a value on `line` and is not closed on it."""
    for match in re.finditer(r"(?:^|[:\-\[{,])\s*(" + quote + ")", line):
        rest = line[match.end(1):]
        closing = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(
            r"'(?!')", rest.replace("''", "  "))
        if closing is None:
            return match.start(1) + 1
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _mapping_values(doc: Document, line: int, column: int, at: _At) -> Diagnostic:
    lines = doc.lines
    # The text before the error may be one plain value running over several lines: the
    # mistake is often on its first line (`headline:A` with no space after the colon).
    first = line
    while first > 1 and _content(lines[first - 2]) and ": " not in lines[first - 2] and \
            not lines[first - 2].rstrip().endswith(":"):
        first -= 1
    no_space = _missing_space(lines, first, line)
    if no_space:
        return at(*no_space)
    text = lines[line - 1] if line <= len(lines) else ""
    match = _KEY_LINE.match(text.rstrip())
    if match and match.group("value") and column - 1 > match.end("key"):
        key = match.group("key")
        return at(
            line, column,
            f"the value of '{key}' contains ': ', which YAML reads as the start of "
            "another key",
            f"put the whole value in quotes: {key}: {_quote(match.group('value').strip())}",
        )
    previous = next(
        (n for n in range(line - 1, 0, -1) if _content(lines[n - 1])), None
    )
    if match and previous:
        above = _KEY_LINE.match(lines[previous - 1].rstrip())
        key = match.group("key")
        if above and above.group("value") and _indent(text) > _indent(lines[previous - 1]):
            return at(
                line, _indent(text) + 1,
                f"'{key}' is indented more than '{above.group('key')}' on the line above",
                f"line up '{key}:' with '{above.group('key')}:' (indent it by "
                f"{len(above.group('indent'))} spaces); a key is indented more only when "
                "it belongs to a block opened by a key with nothing after its ':'",
            )
    return at(
        line, column,
        "a ': ' is not allowed here",
        "if it is part of a text, put the whole text in quotes; otherwise check the "
        "indentation of this line and the one above",
    )


def _levels(lines: list[str], line: int) -> list[tuple[int, str]]:
    """The indentations open at `line` (nearest first), each with a key that has it."""
    found: list[tuple[int, str]] = []
    limit: int | None = None
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if not _content(text):
            continue
        indent = _indent(text)
        match = _KEY_LINE.match(text.rstrip())
        if match:
            indent = len(match.group("indent"))
        if limit is None or indent < limit:
            word = f"'{match.group('key')}' (line {number})" if match else f"line {number}"
            found.append((indent, word))
            limit = indent
        if indent == 0:
            break
    return found


def _block_mapping(doc: Document, line: int, column: int, at: _At) -> Diagnostic:
    lines = doc.lines
    text = lines[line - 1] if line <= len(lines) else ""
    before = text[: column - 1].rstrip()
    match = _KEY_LINE.match(text.rstrip())
    value = (match.group("value") or "").strip() if match else ""
    if match and value and before and before[-1] in "'\"]}" and value[0] in "'\"[{":
        key = match.group("key")
        if value[0] == "'":
            return at(
                line, column - 1 if text[column - 2:column - 1] == "'" else column,
                f"the single-quoted value of '{key}' ends at this apostrophe, and more text "
                "follows it",
                "inside single quotes write an apostrophe twice ('It''s'), or put the value "
                f"in double quotes: {key}: {_quote(value)}",
            )
        if value[0] == '"':
            message = f"the quoted value of '{key}' ends at its closing quote, and more " \
                "text follows it"
        else:
            closer, what = ("]", "a list") if value[0] == "[" else ("}", "a block of keys")
            message = f"the value of '{key}' starts with '{value[0]}', so YAML reads {what} " \
                f"up to the '{closer}', and more text follows it"
        return at(line, column, message, f"put the whole value in quotes: {key}: {_quote(value)}")
    indent = _indent(text)
    if text.strip().startswith(":"):
        return at(
            line, indent + 1, "a ':' with no key before it",
            "write the key before the colon, as in 'title: ...'; or, if the line continues "
            "the text above, put the whole text in quotes",
        )
    levels = _levels(lines, line)
    if levels and indent not in [level for level, _ in levels]:
        options = " or ".join(f"{_spaces(level)}, as {word}" for level, word in levels[:2])
        return at(
            line, indent + 1,
            f"this line is indented by {_spaces(indent)}, which lines it up with no key above",
            f"indent it by {options}: keys of the same block start in the same column",
        )
    if match is None and _content(text):
        return at(
            line, column,
            "a key is expected here, but this line has no 'key:'",
            "write 'key: value'; if the line continues the text above, put the whole text "
            "in quotes or use 'key: >-' with the text on the lines below, indented",
        )
    return at(line, column, "a key is expected here", _GENERIC_HINT)


def _list_item(
    doc: Document, line: int, column: int, ctx_line: int, ctx_column: int, at: _At
) -> Diagnostic:
    lines = doc.lines
    text = lines[line - 1] if line <= len(lines) else ""
    stripped = text.lstrip(" ")
    indent = _indent(text)
    if re.match(r"-[^\s-]", stripped):
        return at(
            line, indent + 1,
            "a '-' that starts a list item must be followed by a space",
            f"write '- {stripped[1:].rstrip()}'",
        )
    if stripped.startswith("-"):
        return at(
            line, indent + 1,
            f"this list item's '-' is in column {indent + 1}, but the '-' of the items "
            f"above is in column {ctx_column}",
            f"indent it by {ctx_column - 1} spaces, like the item at line {ctx_line}",
        )
    match = _KEY_LINE.match(text.rstrip())
    item = next(
        (n for n in range(line - 1, 0, -1)
         if lines[n - 1].startswith(" " * (ctx_column - 1) + "-")), None,
    )
    if match and item is not None:
        head = _KEY_LINE.match(lines[item - 1].rstrip())
        key_column = len(head.group("indent")) + 1 if head else ctx_column + 2
        first = f" to line up with '{head.group('key')}:' of the item at line {item}" \
            if head else ""
        return at(
            line, indent + 1,
            f"'{match.group('key')}' is lined up with the '-' of the list, so it is not "
            "part of the item above",
            f"indent '{match.group('key')}:' by {key_column - 1} spaces{first}",
        )
    return at(
        line, indent + 1,
        f"a list item ('- ') is expected here, lined up with the '-' at line {ctx_line}",
        "check the indentation: each item starts with '- ' in the same column",
    )
