"""Explainers for colons: a ': ' where YAML takes none, a key without its ':'.

PyYAML says "mapping values are not allowed here" or "could not find expected ':'" for
several mistakes; each explainer here recognises one of them from the lines around the
error and returns None for the others. They stand in groups, one per PyYAML problem,
tried in order; the last of each group explains whatever the others did not.
"""

from __future__ import annotations

from briefing.errors import Diagnostic
from briefing.syntax.case import Case
from briefing.syntax.lines import KEY_LINE, content, indent, missing_space, quote

# --- "mapping values are not allowed here": a ': ' where YAML takes none ---------------


def _mapping_values(case: Case) -> bool:
    return "mapping values are not allowed" in case.problem


def no_space_after_colon_above(case: Case) -> Diagnostic | None:
    """"mapping values are not allowed" after a `key:value` on this line or above it.

    Shows: no case in tests/broken/ yet.
    """
    if not _mapping_values(case):
        return None
    lines, first = case.lines, case.line
    # The text before the error may be one plain value running over several lines: the
    # mistake is often on its first line (`headline:A` with no space after the colon).
    while first > 1 and content(lines[first - 2]) and ": " not in lines[first - 2] and \
            not lines[first - 2].rstrip().endswith(":"):
        first -= 1
    found = missing_space(lines, first, case.line)
    return case.at(*found) if found else None


def colon_in_value(case: Case) -> Diagnostic | None:
    """"mapping values are not allowed" at a ': ' inside a plain value.

    Shows: tests/broken/syntax-colon-in-value.yaml, tests/broken/syntax-colon-in-list-item.yaml
    """
    match = KEY_LINE.match(case.text(case.line).rstrip())
    if not (_mapping_values(case) and match and match.group("value")
            and case.column - 1 > match.end("key")):
        return None
    key = match.group("key")
    return case.at(
        case.line, case.column,
        f"the value of '{key}' contains ': ', which YAML reads as the start of another key",
        f"put the whole value in quotes: {key}: {quote(match.group('value').strip())}",
    )


def key_overindented(case: Case) -> Diagnostic | None:
    """"mapping values are not allowed" at a key indented more than the one above it.

    Shows: tests/broken/syntax-key-overindented.yaml
    """
    if not _mapping_values(case):
        return None
    text = case.text(case.line)
    match = KEY_LINE.match(text.rstrip())
    previous = next((n for n in range(case.line - 1, 0, -1) if content(case.lines[n - 1])),
                    None)
    if not (match and previous):
        return None
    above_line = case.lines[previous - 1]
    above = KEY_LINE.match(above_line.rstrip())
    if not (above and above.group("value") and indent(text) > indent(above_line)):
        return None
    key, other = match.group("key"), above.group("key")
    return case.at(
        case.line, indent(text) + 1,
        f"'{key}' is indented more than '{other}' on the line above",
        f"line up '{key}:' with '{other}:' (indent it by {len(above.group('indent'))} "
        "spaces); a key is indented more only when it belongs to a block opened by a key "
        "with nothing after its ':'",
    )


def colon_not_allowed(case: Case) -> Diagnostic | None:
    """"mapping values are not allowed", none of the above: the last of its group.

    Shows: no case in tests/broken/ yet.
    """
    if not _mapping_values(case):
        return None
    return case.at(
        case.line, case.column,
        "a ': ' is not allowed here",
        "if it is part of a text, put the whole text in quotes; otherwise check the "
        "indentation of this line and the one above",
    )


# --- "could not find expected ':'": a line that is not `key: value` ---------------------


def _no_colon(case: Case) -> bool:
    return "could not find expected ':'" in case.problem


def no_space_after_colon(case: Case) -> Diagnostic | None:
    """"could not find expected ':'" at a `key:value`, with no space after the colon.

    Shows: tests/broken/syntax-no-space-after-colon.yaml,
    tests/broken/syntax-no-space-after-colon-last-key.yaml
    """
    found = missing_space(case.lines, case.ctx_line, case.ctx_line) if _no_colon(case) \
        else None
    return case.at(*found) if found else None


def line_without_colon(case: Case) -> Diagnostic | None:
    """"could not find expected ':'", none of the above: the last of its group.

    Shows: no case in tests/broken/ yet.
    """
    if not _no_colon(case):
        return None
    return case.at(
        case.ctx_line, case.ctx_column,
        "this line has no ':' after its key",
        "write 'key: value'; if the line continues the text of the line above, indent "
        "it more than that line's key, or put the whole text in quotes",
    )
