"""Explain a YAML syntax error the way a person can act on: where, why, and the fix.

PyYAML's own messages ("mapping values are not allowed here", "could not find
expected ':'") name the parser's state, often a line after the mistake. The explainers
of `EXPLAINERS` look at the lines around the place it gives and name the likely cause:
a tab, a missing space after a colon, an unquoted ': ' in a value, an unclosed quote,
a key or list item out of line. Each names the PyYAML problem it recognises and the
tests/broken/ case that shows it; the first that recognises the error explains it.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from briefing.errors import Diagnostic
from briefing.positions import YamlDocument
from briefing.syntax import blocks, colons, tokens
from briefing.syntax.case import GENERIC_HINT, Case

Explainer = Callable[[Case], Diagnostic | None]

EXPLAINERS: tuple[Explainer, ...] = (
    # Mistakes that PyYAML reports under many names come first: a tab, or a quote left
    # open lines above, confuses whatever the parser does next.
    tokens.tab_indent,
    tokens.bad_escape,
    tokens.quote_closed_lines_below,
    tokens.quote_never_closed,
    tokens.bracket_never_closed,
    tokens.separator_expected,
    colons.no_space_after_colon_above,
    colons.colon_in_value,
    colons.key_overindented,
    colons.colon_not_allowed,
    colons.no_space_after_colon,
    colons.line_without_colon,
    tokens.document_marker,
    blocks.dash_without_space,
    blocks.list_item_misaligned,
    blocks.key_outside_list_item,
    blocks.list_item_expected,
    blocks.apostrophe_in_single_quotes,
    blocks.text_after_closing_quote_or_bracket,
    blocks.colon_without_key,
    blocks.key_dedented,
    blocks.line_without_key,
    blocks.key_expected,
    tokens.alias_anchor_or_tag,
    tokens.reserved_indicator,
    tokens.text_after_block_indicator,
    tokens.list_item_on_key_line,
)
"""The explainers, in the order they are tried."""


def syntax_diagnostic(doc: YamlDocument, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """A YAML syntax error said in plain words, at the place to fix."""
    case = Case.of(doc, exc)
    for explainer in EXPLAINERS:
        found = explainer(case)
        if found is not None:
            return found
    return unexplained(case)


def unexplained(case: Case) -> Diagnostic:
    """Any problem no explainer recognises: PyYAML's words, and the general advice.

    Shows: no case in tests/broken/ yet.
    """
    message = case.problem + (f" ({case.context})" if case.context else "")
    return case.at(case.line, case.column, message or "the YAML cannot be read", GENERIC_HINT)
