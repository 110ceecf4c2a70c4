"""Validate loaded YAML into the model, mapping every error back to its line.

pydantic finds every problem of a brief in one pass; each is said here in plain words:
where it is (the field's path, and its line and column), what was expected, what was
given, and how to fix it. `HANDLERS` says which function words which of pydantic's
error types; each names the tests/broken/ cases that show its messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from briefing.errors import Diagnostic, InputError
from briefing.model import Brief
from briefing.positions import YamlDocument, by_place
from briefing.validate import formats, keys, values
from briefing.validate.describe import given

Handler = Callable[[YamlDocument, ErrorDetails], Diagnostic]

_DATE_ERRORS = [kind for kind in get_args(ErrorType) if kind.startswith("date")]
"""pydantic's date and datetime error types (date_type, date_parsing, datetime_type...)."""

_TYPE_ERRORS = [
    "string_type", "list_type", "model_type", "dict_type", "bool_type", "bool_parsing",
    "path_type", "int_type", "int_parsing", "int_from_float", "float_type", "float_parsing",
]

HANDLERS: dict[str, Handler] = {
    "missing": keys.missing,
    "extra_forbidden": keys.unknown_key,
    "string_too_short": values.too_short,
    "too_short": values.too_short,
    "enum": values.enum,
    **dict.fromkeys(_DATE_ERRORS, formats.date),
    "string_pattern_mismatch": formats.pattern,
    "string_too_long": values.too_long,
    **dict.fromkeys(_TYPE_ERRORS, values.wrong_type),
    "value_error": values.value_error,
}
"""The handler of each pydantic error type; any other gets `values.not_valid`."""

_ABOUT_KEYS = ("missing", "extra_forbidden")
"""Errors about a key, not its value: an empty value does not make them 'empty'."""


def validate(doc: YamlDocument) -> Brief:
    """Build the Brief from `doc`, or raise InputError listing every problem.

    The problems loading found come first in the file's order with validation's own,
    so that one run reports them all.
    """
    if not doc.complete:
        raise InputError(doc.problems)
    if not isinstance(doc.data, dict):
        raise InputError(by_place([*doc.problems, _not_a_brief(doc)]))
    try:
        brief = Brief.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(by_place(doc.problems + _diagnostics(doc, exc))) from None
    if doc.problems:
        raise InputError(by_place(doc.problems))
    return brief


def handler_for(err: ErrorDetails) -> Handler:
    """The handler that words `err`."""
    kind = err["type"]
    if kind not in _ABOUT_KEYS and err.get("input") is None:
        return values.empty
    return HANDLERS.get(kind, values.not_valid)


def _diagnostics(doc: YamlDocument, exc: ValidationError) -> list[Diagnostic]:
    errors = [
        err for err in exc.errors()
        if not any(tuple(err["loc"])[: len(p)] == p for p in doc.ignored)
    ]
    # A misspelt key gives two errors: the unknown key, and the missing one it was meant
    # to be. Say it once, at the misspelt key.
    guessed = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            path = tuple(err["loc"])
            close = keys.guess_key(str(path[-1]), keys.allowed_keys(path[:-1]))
            if close:
                guessed.add((*path[:-1], close))
    found = []
    for err in errors:
        path = tuple(err["loc"])
        if err["type"] == "missing" and (path in guessed or (*path[:-1], "<<") in doc.ignored):
            continue
        found.append(handler_for(err)(doc, err))
    return found


def _not_a_brief(doc: YamlDocument) -> Diagnostic:
    """The file is valid YAML but not a set of keys: empty, a list or a single value.

    Shows: tests/broken/not-a-brief-list.yaml, tests/broken/not-a-brief-list-of-keys.yaml,
    tests/broken/not-a-brief-only-comments.yaml, tests/broken/not-a-brief-scalar.yaml,
    tests/broken/not-a-brief-pasted-text.yaml
    """
    data = doc.data
    hint = (
        "a brief is a set of keys, one per line, starting with 'piece:', 'meta:', "
        "'bluf:' and 'key_judgments:'; see docs/format.md, or content/ for an example"
    )
    if data is None:
        comments = any(line.strip() for line in doc.lines)
        what = "empty, not a brief" + (" (it holds only comments)" if comments else "")
    elif isinstance(data, list):
        what = "a list, not a brief"
        if any(isinstance(item, dict) for item in data):
            hint = (
                "the top-level lines start with '- ', which makes the file a list; remove "
                "the '- ' (and the indentation after it) so that 'piece:', 'meta:' and the "
                "other keys start at the beginning of their lines"
            )
    else:
        what = f"a single value, not a brief: {given(doc, (), data)}"
        if isinstance(data, str) and len(data) > 80:
            hint += "; if this is the text of the piece, save it as a .txt file and name it " \
                "in the brief as 'source_text:' under 'piece:'"
    return doc.diagnostic((), f"the file is {what}", hint)
