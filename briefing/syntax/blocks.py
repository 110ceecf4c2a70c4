"""Explainers for lines out of their block: list items and keys out of line.

PyYAML says "expected <block end>" or names the block it was parsing for many
mistakes; each explainer here recognises one of them from the lines around the error
and returns None for the others. They stand in groups, one per PyYAML context, tried in
order; the last of each group explains whatever the others did not.
"""

from __future__ import annotations

import re

from briefing.errors import Diagnostic
from briefing.syntax.case import GENERIC_HINT, Case
from briefing.syntax.lines import KEY_LINE, content, indent, levels, quote, spaces

# --- "while parsing a block collection": a list item out of line ------------------------


def _in_list(case: Case) -> bool:
    return "block collection" in case.context or "'-' indicator" in case.problem


def dash_without_space(case: Case) -> Diagnostic | None:
    """In a block collection, a line `-item`: the '-' needs a space after it.

    Shows: no case in tests/broken/ yet.
    """
    text = case.text(case.line)
    stripped = text.lstrip(" ")
    if not (_in_list(case) and re.match(r"-[^\s-]", stripped)):
        return None
    return case.at(
        case.line, indent(text) + 1,
        "a '-' that starts a list item must be followed by a space",
        f"write '- {stripped[1:].rstrip()}'",
    )


def list_item_misaligned(case: Case) -> Diagnostic | None:
    """"expected <block end>, but found '-'" in a block collection: a '-' out of line.

    Shows: tests/broken/syntax-list-item-misaligned.yaml
    """
    text = case.text(case.line)
    if not (_in_list(case) and text.lstrip(" ").startswith("-")):
        return None
    return case.at(
        case.line, indent(text) + 1,
        f"this list item's '-' is in column {indent(text) + 1}, but the '-' of the items "
        f"above is in column {case.ctx_column}",
        f"indent it by {case.ctx_column - 1} spaces, like the item at line {case.ctx_line}",
    )


def key_outside_list_item(case: Case) -> Diagnostic | None:
    """"expected <block end>" in a block collection, at a key lined up with the '-'.

    Shows: tests/broken/syntax-key-outside-list-item.yaml
    """
    if not _in_list(case):
        return None
    text = case.text(case.line)
    match = KEY_LINE.match(text.rstrip())
    item = next(
        (n for n in range(case.line - 1, 0, -1)
         if case.lines[n - 1].startswith(" " * (case.ctx_column - 1) + "-")), None,
    )
    if not (match and item is not None):
        return None
    head = KEY_LINE.match(case.lines[item - 1].rstrip())
    key_column = len(head.group("indent")) + 1 if head else case.ctx_column + 2
    first = f" to line up with '{head.group('key')}:' of the item at line {item}" \
        if head else ""
    return case.at(
        case.line, indent(text) + 1,
        f"'{match.group('key')}' is lined up with the '-' of the list, so it is not "
        "part of the item above",
        f"indent '{match.group('key')}:' by {key_column - 1} spaces{first}",
    )


def list_item_expected(case: Case) -> Diagnostic | None:
    """In a block collection, none of the above: the last of its group.

    Shows: no case in tests/broken/ yet.
    """
    if not _in_list(case):
        return None
    return case.at(
        case.line, indent(case.text(case.line)) + 1,
        f"a list item ('- ') is expected here, lined up with the '-' at line {case.ctx_line}",
        "check the indentation: each item starts with '- ' in the same column",
    )


# --- "while parsing a block mapping": a line that is no key of its block ----------------


def _in_block(case: Case) -> bool:
    return "block mapping" in case.context or "expected key" in case.problem or \
        "<block end>" in case.problem


def _value_then_text(case: Case) -> tuple[str, str] | None:
    """The key and value of a line whose quoted or bracketed value has text after it."""
    text = case.text(case.line)
    before = text[: case.column - 1].rstrip()
    match = KEY_LINE.match(text.rstrip())
    value = (match.group("value") or "").strip() if match else ""
    if match and value and before and before[-1] in "'\"]}" and value[0] in "'\"[{":
        return match.group("key"), value
    return None


def apostrophe_in_single_quotes(case: Case) -> Diagnostic | None:
    """"expected <block end>" after a single-quoted value that an apostrophe closed early.

    Shows: tests/broken/syntax-apostrophe-in-single-quotes.yaml
    """
    found = _value_then_text(case) if _in_block(case) else None
    if found is None or found[1][0] != "'":
        return None
    key, value = found
    column = case.column
    return case.at(
        case.line, column - 1 if case.text(case.line)[column - 2:column - 1] == "'" else column,
        f"the single-quoted value of '{key}' ends at this apostrophe, and more text "
        "follows it",
        "inside single quotes write an apostrophe twice ('It''s'), or put the value "
        f"in double quotes: {key}: {quote(value)}",
    )


def text_after_closing_quote_or_bracket(case: Case) -> Diagnostic | None:
    """"expected <block end>" after a value in double quotes or brackets, then more text.

    Shows: tests/broken/syntax-text-after-closing-quote.yaml,
    tests/broken/syntax-text-after-brackets.yaml
    """
    found = _value_then_text(case) if _in_block(case) else None
    if found is None:
        return None
    key, value = found
    if value[0] == '"':
        message = f"the quoted value of '{key}' ends at its closing quote, and more " \
            "text follows it"
    else:
        closer, what = ("]", "a list") if value[0] == "[" else ("}", "a block of keys")
        message = f"the value of '{key}' starts with '{value[0]}', so YAML reads {what} " \
            f"up to the '{closer}', and more text follows it"
    return case.at(case.line, case.column, message,
                   f"put the whole value in quotes: {key}: {quote(value)}")


def colon_without_key(case: Case) -> Diagnostic | None:
    """In a block mapping, a line that starts with ':'.

    Shows: no case in tests/broken/ yet.
    """
    text = case.text(case.line)
    if not (_in_block(case) and text.strip().startswith(":")):
        return None
    return case.at(
        case.line, indent(text) + 1, "a ':' with no key before it",
        "write the key before the colon, as in 'title: ...'; or, if the line continues "
        "the text above, put the whole text in quotes",
    )


def key_dedented(case: Case) -> Diagnostic | None:
    """In a block mapping, a line indented like no key above it.

    Shows: tests/broken/syntax-key-dedented.yaml
    """
    if not _in_block(case):
        return None
    width = indent(case.text(case.line))
    open_levels = levels(case.lines, case.line)
    if not open_levels or width in [level for level, _ in open_levels]:
        return None
    options = " or ".join(f"{spaces(level)}, as {word}" for level, word in open_levels[:2])
    return case.at(
        case.line, width + 1,
        f"this line is indented by {spaces(width)}, which lines it up with no key above",
        f"indent it by {options}: keys of the same block start in the same column",
    )


def line_without_key(case: Case) -> Diagnostic | None:
    """In a block mapping, a line of text with no 'key:'.

    Shows: no case in tests/broken/ yet.
    """
    text = case.text(case.line)
    if not (_in_block(case) and KEY_LINE.match(text.rstrip()) is None and content(text)):
        return None
    return case.at(
        case.line, case.column,
        "a key is expected here, but this line has no 'key:'",
        "write 'key: value'; if the line continues the text above, put the whole text "
        "in quotes or use 'key: >-' with the text on the lines below, indented",
    )


def key_expected(case: Case) -> Diagnostic | None:
    """In a block mapping, none of the above: the last of its group.

    Shows: no case in tests/broken/ yet.
    """
    if not _in_block(case):
        return None
    return case.at(case.line, case.column, "a key is expected here", GENERIC_HINT)
