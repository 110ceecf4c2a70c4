"""Read the lines around a YAML syntax error: keys, indentation, tabs and quotes.

PyYAML reports where its parser gave up, often a line after the mistake; these find
the mistake itself: the tab, the key without a space after its colon, the quote that
was opened and never closed, the indentations a line could have meant.
"""

from __future__ import annotations

import re

from briefing.syntax.case import Located

KEY_LINE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>.*))?$")
"""A line `key: value` (or `- key: value`), the value optional."""
NO_SPACE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<rest>[^\s].*)$")
"""A line `key:value`, with no space after the colon."""


def tabs(lines: list[str]) -> list[tuple[int, int]]:
    """(line, column) of each line whose indentation holds a tab."""
    found = []
    for number, line in enumerate(lines, 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            found.append((number, indent.index("\t") + 1))
    return found


def tab(lines: list[str], first: int, last: int) -> tuple[int, int] | None:
    """The first tab in the indentation of lines first..last."""
    for number, column in tabs(lines):
        if first <= number <= last:
            return number, column
    return None


def numbers(found: list[int]) -> str:
    """Line numbers as a message lists them: '3, 5 and 8', at most eight."""
    shown = [str(n) for n in found[:8]] + (["..."] if len(found) > 8 else [])
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


def spaces(count: int) -> str:
    """'1 space', '4 spaces'."""
    return "1 space" if count == 1 else f"{count} spaces"


def quote(value: str) -> str:
    """`value` as a YAML quoted string: double quotes unless it holds some."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quoted_line(line: str) -> str:
    """`line` (a `key: value`) with its value in quotes."""
    match = KEY_LINE.match(line.rstrip())
    if not match or not match.group("value"):
        return "'key: \"...\"'"
    value = match.group("value").strip()
    return f"{match.group('key')}: {quote(value)}"


def indent(line: str) -> int:
    """The spaces `line` starts with."""
    return len(line) - len(line.lstrip(" "))


def content(line: str) -> bool:
    """Whether `line` holds more than blanks or a comment."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def missing_space(lines: list[str], first: int, last: int) -> Located | None:
    """The first line in first..last with `key:value` (no space after the colon)."""
    for number in range(first, last + 1):
        line = lines[number - 1] if number <= len(lines) else ""
        match = NO_SPACE.match(line.rstrip())
        if match and not match.group("rest").startswith("//"):
            key, rest = match.group("key"), match.group("rest")
            return (
                number, match.end("key") + 1,
                f"no space after the colon in '{key}:{rest}'",
                f"write '{key}: {rest}': YAML needs a space after the colon of a key",
            )
    return None


def unclosed_above(lines: list[str], line: int, column: int) -> Located | None:
    """A quote opened on an earlier line and closed only by the quote before `column`.

    An unclosed quote swallows the lines below it up to the next quote of its kind; the
    error then shows up there, far from the mistake.
    """
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    before = text[: column - 1].rstrip()
    if not before or before[-1] not in "'\"":
        return None
    mark = before[-1]
    if _quotes(before, mark) % 2 == 0:
        return None
    for number in range(line - 1, 0, -1):
        opened = _opens_quote(lines[number - 1], mark)
        if opened is not None:
            return (
                number, opened,
                f"the quote {mark} opened here is not closed on its line, so YAML reads on "
                f"up to the next {mark}, on line {line}",
                f"add the closing {mark} at the end of the value on line {number}",
            )
    return None


def _quotes(text: str, mark: str) -> int:
    if mark == '"':
        return len(re.findall(r'(?<!\\)"', text))
    return text.count("'")


def _opens_quote(line: str, mark: str) -> int | None:
    """The column of a quote that starts a value on `line` and is not closed on it."""
    for match in re.finditer(r"(?:^|[:\-\[{,])\s*(" + mark + ")", line):
        rest = line[match.end(1):]
        closing = re.search(r'(?<!\\)"', rest) if mark == '"' else re.search(
            r"'(?!')", rest.replace("''", "  "))
        if closing is None:
            return match.start(1) + 1
    return None


def levels(lines: list[str], line: int) -> list[tuple[int, str]]:
    """The indentations open at `line` (nearest first), each with a key that has it."""
    found: list[tuple[int, str]] = []
    limit: int | None = None
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if not content(text):
            continue
        width = indent(text)
        match = KEY_LINE.match(text.rstrip())
        if match:
            width = len(match.group("indent"))
        if limit is None or width < limit:
            word = f"'{match.group('key')}' (line {number})" if match else f"line {number}"
            found.append((width, word))
            limit = width
        if width == 0:
            break
    return found
