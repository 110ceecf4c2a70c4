"""Explain a YAML syntax error the way a person can act on: where, why, and the fix.

PyYAML's own messages ("mapping values are not allowed here", "could not find
expected ':'") name the parser's state, often a line after the mistake. These
functions look at the lines around the place it gives and name the likely cause:
a tab, a missing space after a colon, an unquoted ': ' in a value, an unclosed quote,
a key or list item out of line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from briefing.errors import Diagnostic
from briefing.positions import YamlDocument

_GENERIC_HINT = (
    "check the indentation (spaces only, keys of a block lined up) and that every "
    "'key: value' has a space after the colon; put values that contain ': ' or start "
    "with a special character ([ { & * ! | > ' \" % @ `) in quotes"
)
_KEY_LINE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>.*))?$")
_NO_SPACE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<rest>[^\s].*)$")


def syntax_diagnostic(doc: YamlDocument, exc: yaml.MarkedYAMLError) -> Diagnostic:
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


def _mapping_values(doc: YamlDocument, line: int, column: int, at: _At) -> Diagnostic:
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


def _block_mapping(doc: YamlDocument, line: int, column: int, at: _At) -> Diagnostic:
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
    doc: YamlDocument, line: int, column: int, ctx_line: int, ctx_column: int, at: _At
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
