"""How to write what was meant, when a value is of the wrong type: a table of handlers.

The hint depends on what was expected and what was given: a number where text is
expected wants quotes, a text where a list is expected wants brackets. `TYPE_HINTS` is
keyed by both, pydantic's error type and the kind of value given; a handler may still
decline (return None), and then the general hint applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from briefing.model_types import annotation_at, is_list, model_at
from briefing.positions import FieldPath, YamlDocument
from briefing.syntax.lines import quote
from briefing.validate.describe import first_key, flow, key_of, noun, required

TypeHint = Callable[[YamlDocument, FieldPath, Any], str | None]

ANY = "any"
"""In a key of TYPE_HINTS: whatever kind of value was given."""


def value_kind(value: Any) -> str:
    """The kind of value YAML read: 'scalar' (a number, true/false, a date), 'text',
    'list', 'block' or 'other'."""
    if isinstance(value, bool | int | float | dt.date):
        return "scalar"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "block"
    return "other"


def _quote_it(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """Text expected, a number, true/false or a date given: YAML read it so; quote it.

    Shows: tests/broken/type-number-for-text.yaml, tests/broken/type-bool-for-text.yaml,
    tests/broken/type-date-for-text.yaml
    """
    raw = doc.raw.get(path)
    text = raw if raw is not None else str(value)
    why = " (YAML reads yes, no, on, off, true and false as true/false)" \
        if isinstance(value, bool) else ""
    return f"put it in quotes: {key_of(path)}: {quote(text)}{why}"


def _one_text_not_a_list(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """Text expected, a list given (often a text that starts with '[').

    Shows: tests/broken/type-list-for-text.yaml
    """
    joined = ", ".join(flow(v) for v in value)
    return (f"write one text, not a list, as in {key_of(path)}: {quote(joined)}; if the "
            "brackets are part of the text, put the whole text in quotes")


def _text_after_its_key(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """Text expected, a block of keys given (often a text with ': ' in it).

    Shows: tests/broken/type-mapping-for-text.yaml
    """
    key = key_of(path)
    return (f"write the text right after '{key}:'; if it contains ': ', put it in "
            f"quotes; for a long text write '{key}: >-' and the text on the lines "
            "below, indented")


def _true_or_false(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """true or false expected, anything else given.

    Shows: tests/broken/type-text-for-bool.yaml
    """
    key = key_of(path)
    return f"write {key}: true or {key}: false"


def _list_from_text(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """A list expected, a text given: brackets, or one item a line for blocks.

    Shows: tests/broken/type-keywords-as-text.yaml, tests/broken/type-text-for-list.yaml
    """
    key, model = key_of(path), model_at(path)
    if model is None:
        items = [p.strip() for p in value.split(",") if p.strip()]
        return f"write a list in brackets: {key}: [{', '.join(items)}]"
    first = first_key(model)
    return (f"write each {noun(model)} on a line of its own below '{key}:', indented, "
            f"starting with '- {first}:'" + (
                f", as in '- {first}: {quote(value)}'" if first in ("exact", "text") else ""))


def _list_items_start_with_a_dash(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """A list expected, a block of keys given: the '- ' was left out.

    Shows: tests/broken/type-mapping-for-list.yaml
    """
    model = model_at(path)
    first = next(iter(value), first_key(model) if model else "...")
    return (f"a list's items start with '- ': write '- {first}:' and line up the "
            "item's other keys with it")


def _keys_not_text(doc: YamlDocument, path: FieldPath, value: Any) -> str | None:
    """A block of keys expected, a text given: a quote written without 'exact:', say.

    Shows: tests/broken/type-text-for-quote.yaml, tests/broken/type-text-for-quote-list.yaml,
    tests/broken/type-text-for-quote-list-flow.yaml
    """
    key, model = key_of(path), model_at(path)
    if model is None:
        return None
    first = first_key(model)
    if key == "-" and _inline(doc, path):
        return f"write each item as {{{first}: {quote(value)}}}, or on a line of its " \
            f"own as '- {first}: {quote(value)}'"
    if key == "-":
        return f"write it as '- {first}: {quote(value)}'"
    if model.__name__ == "Quote":
        return f"write it as {key}: {{exact: {quote(value)}}}"
    return (f"'{key}' takes keys, not text: write them on the lines below it, indented "
            f"({', '.join(k + ':' for k in required(model))} ...)")


def _keys_not_a_list(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """A block of keys expected, a list given: its keys were written as list items.

    Shows: tests/broken/type-list-for-mapping.yaml
    """
    return (f"'{key_of(path)}' takes keys, not a list: remove the '- ' in front of the keys "
            "below it")


def _keys_not_a_value(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """A block of keys expected, a number, true/false or a date given.

    Shows: no case in tests/broken/ yet.
    """
    return f"'{key_of(path)}' takes keys, written on the lines below it, indented"


def _inline(doc: YamlDocument, path: FieldPath) -> bool:
    """Whether the list item at `path` is written in brackets on its list's line."""
    item, parent = doc.values.get(path), doc.keys.get(path[:-1])
    return bool(item and parent and item[0] == parent[0])


TYPE_HINTS: dict[tuple[str, str], TypeHint] = {
    ("string_type", "scalar"): _quote_it,
    ("path_type", "scalar"): _quote_it,
    ("string_type", "list"): _one_text_not_a_list,
    ("string_type", "block"): _text_after_its_key,
    ("bool_type", ANY): _true_or_false,
    ("bool_parsing", ANY): _true_or_false,
    ("list_type", "text"): _list_from_text,
    ("list_type", "block"): _list_items_start_with_a_dash,
    ("model_type", "text"): _keys_not_text,
    ("model_type", "list"): _keys_not_a_list,
    ("model_type", "scalar"): _keys_not_a_value,
}
"""The hint for a value of the wrong type, by (pydantic error type, kind of value given)."""


def type_hint(doc: YamlDocument, path: FieldPath, value: Any, kind: str) -> str | None:
    """How to write what was meant at `path`, where `value` gave the error `kind`."""
    handler = TYPE_HINTS.get((kind, value_kind(value))) or TYPE_HINTS.get((kind, ANY))
    hint = handler(doc, path, value) if handler else None
    if hint is None and is_list(annotation_at(path)):
        return f"write a list below '{key_of(path)}:', each item starting with '- '"
    return hint
