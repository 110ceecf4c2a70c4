"""Load a brief's YAML, keeping the line and column of every key and value."""

from __future__ import annotations

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


@dataclass
class Document:
    """A loaded YAML brief: its data and where each part of it stands."""

    file: Path
    text: str
    data: Any
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set, repr=False)

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


def load(file: Path) -> Document:
    """Read and parse a YAML brief; raise InputError with the place of any problem."""
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise InputError.at(file, "file not found", "check the path and its spelling") from None
    except IsADirectoryError:
        raise InputError.at(
            file, "this is a folder, not a brief", "give the path of a .yaml file"
        ) from None
    except OSError as exc:
        raise InputError.at(file, f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.at(
            file,
            f"the file is not UTF-8 text (byte {exc.start} cannot be read)",
            "save it as UTF-8 in your editor",
        ) from None
    return parse(file, text)


def parse(file: Path, text: str) -> Document:
    """Parse YAML text into a Document."""
    doc = Document(file, text, None)
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        doc.data = _construct(loader, node, (), doc) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            [
                Diagnostic(
                    Location(file, line, col),
                    f"YAML syntax error: {problem}",
                    "check the indentation and that every 'key: value' has a space after "
                    "the colon; quote values that contain ': ' or start with a special "
                    "character",
                    excerpt(doc.lines, line, col),
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.at(file, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    return doc


def _construct(loader: SafeLoader, node: yaml.Node, path: FieldPath, doc: Document) -> Any:
    if id(node) in doc.seen:
        # A node met twice is an alias; expanding aliases is how "billion laughs" inputs
        # blow up, and a brief has no need of them.
        raise yaml.MarkedYAMLError(
            problem="anchors and aliases (&name, *name) are not allowed in a brief; "
            "write the value out in full",
            problem_mark=node.start_mark,
        )
    doc.seen.add(id(node))
    doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.MarkedYAMLError(
                    problem="a key must be a plain word", problem_mark=key_node.start_mark
                )
            if key in result:
                raise yaml.MarkedYAMLError(
                    problem=f"the key '{key}' appears twice in the same block",
                    problem_mark=key_node.start_mark,
                )
            child = (*path, str(key))
            doc.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _construct(loader, value_node, child, doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, (*path, i), doc) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # a value YAML recognises but cannot make, like 2024-13-01
        raise yaml.MarkedYAMLError(
            problem=f"cannot read {node.value!r}: {exc}", problem_mark=node.start_mark
        ) from None
