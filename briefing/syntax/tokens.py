"""Explainers for a value the parser cannot read: a tab, a quote, a bracket, a marker.

Each takes a Case and returns its explanation, or None when the case is not its own;
the table in `briefing.syntax` tries them in order. Each names the PyYAML problem it
recognises and the tests/broken/ case that shows it.
"""

from __future__ import annotations

from briefing.errors import Diagnostic
from briefing.syntax.case import Case
from briefing.syntax.lines import numbers, quoted_line, tab, tabs, unclosed_above


def tab_indent(case: Case) -> Diagnostic | None:
    """A tab in the indentation, whatever PyYAML says of it ("found character '\\t'...").

    Shows: tests/broken/syntax-tab-indent.yaml
    """
    found = tab(case.lines, min(case.line, case.ctx_line), case.line)
    if not (found or "tab" in case.problem
            or case.text(case.line)[case.column - 1:case.column] == "\t"):
        return None
    tab_line, tab_column = found or (case.line, case.column)
    others = [n for n, _ in tabs(case.lines) if n != tab_line]
    also = (f"; line {others[0]} also starts with a tab" if len(others) == 1 else
            f"; lines {numbers(others)} also start with tabs" if others else "")
    return case.at(
        tab_line, tab_column,
        "a tab is used to indent this line; YAML indents with spaces only",
        "replace the tab with spaces, lined up with the keys of the same block (set "
        f"your editor to insert spaces when you press Tab){also}",
    )


def bad_escape(case: Case) -> Diagnostic | None:
    """"found unknown escape character" (or a bad hex escape) in a double-quoted scalar.

    Shows: tests/broken/syntax-backslash-in-double-quotes.yaml
    """
    if not ("quoted scalar" in case.context
            and ("escape" in case.problem or "hex" in case.problem)):
        return None
    line = case.text(case.line)
    slash = line.rfind("\\", 0, case.column)
    slash = slash + 1 if slash >= 0 else case.column
    escape = line[slash - 1:slash + 1]
    return case.at(
        case.line, slash,
        f"'{escape}' is not a valid escape: inside double quotes a backslash starts an "
        "escape such as \\n",
        "write each backslash twice (\\\\), or put the value in single quotes instead, "
        "in which a backslash is an ordinary character (for a file path, forward "
        "slashes work too: C:/Users/...)",
    )


def quote_closed_lines_below(case: Case) -> Diagnostic | None:
    """Any problem just after a quote that closes one opened lines above, unclosed there.

    Shows: tests/broken/syntax-unclosed-double-quote.yaml,
    tests/broken/syntax-unclosed-quote-in-list.yaml
    """
    found = unclosed_above(case.lines, case.line, case.column)
    return case.at(*found) if found else None


def quote_never_closed(case: Case) -> Diagnostic | None:
    """"found unexpected end of stream" while scanning a quoted scalar.

    Shows: no case in tests/broken/ yet.
    """
    if "quoted scalar" not in case.context:
        return None
    mark = case.text(case.ctx_line)[case.ctx_column - 1:case.ctx_column] or '"'
    return case.at(
        case.ctx_line, case.ctx_column,
        f"the quote {mark} opened here is never closed",
        f"add the closing {mark} at the end of the value (on line {case.ctx_line}), or "
        "remove the opening one",
    )


def _flow(case: Case) -> tuple[str, str, str] | None:
    """The opener, closer and name of the flow collection the error is in, if any."""
    if "flow sequence" not in case.context and "flow mapping" not in case.context:
        return None
    return ("[", "]", "list") if "sequence" in case.context else ("{", "}", "block in braces")


def bracket_never_closed(case: Case) -> Diagnostic | None:
    """"expected ',' or ']'" in a flow sequence (or mapping) not closed on its line.

    Shows: tests/broken/syntax-flow-list-unclosed.yaml
    """
    flow = _flow(case)
    if flow is None or flow[1] in case.text(case.ctx_line)[case.ctx_column:]:
        return None
    opener, closer, what = flow
    return case.at(
        case.ctx_line, case.ctx_column,
        f"the {what} opened with '{opener}' here is never closed with '{closer}'",
        f"add '{closer}' at the end of the {what}; if the '{opener}' is part of "
        "a text, put the whole value in quotes",
    )


def separator_expected(case: Case) -> Diagnostic | None:
    """"expected ',' or ']'" in a flow sequence (or mapping) closed on its line.

    Shows: tests/broken/syntax-flow-list-missing-comma.yaml
    """
    flow = _flow(case)
    if flow is None:
        return None
    opener, closer, what = flow
    return case.at(
        case.line, case.column,
        f"a ',' or '{closer}' is expected here, in the {what} opened at line "
        f"{case.ctx_line}, column {case.ctx_column}",
        f"separate the items with ', '; put an item in quotes if it contains ':', ',' "
        f"or brackets; if the '{opener}' is part of a text, put the whole value in quotes",
    )


def document_marker(case: Case) -> Diagnostic | None:
    """"expected '<document start>'": a '...' line ends the document, or a '%' directive.

    Shows: no case in tests/broken/ yet (two-documents.yaml is the loader's own).
    """
    if "document start" not in case.problem:
        return None
    end = next((n for n in range(case.line, 0, -1)
                if case.text(n).startswith(("...", "%"))), case.line)
    message = "'...' ends the YAML document, and a brief is one document with " \
        "nothing after it" if case.text(end).startswith("...") else \
        "a line starting with '%' is a YAML directive, which a brief has no use for"
    return case.at(
        end, 1, message, "delete this line, or put '# ' in front of it to make it a comment"
    )


def alias_anchor_or_tag(case: Case) -> Diagnostic | None:
    """A problem "while scanning an alias" (or an anchor, or a tag): a value led by * & !.

    Shows: tests/broken/syntax-value-starts-with-star.yaml
    """
    if not ("alias" in case.context or "anchor" in case.context or "tag" in case.context):
        return None
    first = case.text(case.line)[case.column - 1:case.column]
    indicator = case.text(case.ctx_line)[case.ctx_column - 1:case.ctx_column] or first
    what = {"*": "an alias", "&": "an anchor", "!": "a tag"}.get(indicator, "a YAML marker")
    return case.at(
        case.ctx_line, case.ctx_column,
        f"a value that starts with '{indicator}' is read as {what}",
        "put the whole value in quotes: " + quoted_line(case.text(case.ctx_line)),
    )


def reserved_indicator(case: Case) -> Diagnostic | None:
    """"found character '@' that cannot start any token" (or '`', or '%').

    Shows: tests/broken/syntax-value-starts-with-at.yaml
    """
    if "cannot start any token" not in case.problem:
        return None
    first = case.text(case.line)[case.column - 1:case.column]
    return case.at(
        case.line, case.column,
        f"a value cannot start with '{first}' in YAML",
        "put the whole value in quotes: " + quoted_line(case.text(case.line)),
    )


def text_after_block_indicator(case: Case) -> Diagnostic | None:
    """"expected a comment or a line break" while scanning a block scalar ('|' or '>').

    Shows: tests/broken/syntax-text-after-block-indicator.yaml
    """
    if "block scalar" not in case.context:
        return None
    return case.at(
        case.ctx_line, case.ctx_column,
        "after '|' or '>' nothing but a comment may follow on the same line",
        "start the text on the next line, indented more than the key; or, if the "
        "value is meant to start with '|' or '>', put it in quotes",
    )


def list_item_on_key_line(case: Case) -> Diagnostic | None:
    """"sequence entries are not allowed here": `key: - item`.

    Shows: tests/broken/syntax-list-item-on-key-line.yaml
    """
    if "sequence entries are not allowed" not in case.problem:
        return None
    return case.at(
        case.line, case.column,
        "a list item ('- ') cannot start on the same line as its key",
        "put each '- item' on a line of its own below the key, indented; or, if the "
        "text is meant to start with '- ', put it in quotes",
    )
