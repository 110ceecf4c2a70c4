"""The words for the model's types and for the values given: the parts of each message.

"a date written YYYY-MM-DD", "an id (lower-case letters, ...)", "the number 1984":
every handler builds its message from these, so that a type is named the same way in
every message about it.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from briefing.model import Brief, Identifier
from briefing.model_types import annotation_at, enum_of, is_model, model_at, strip
from briefing.positions import FieldPath, YamlDocument

EXAMPLE_DATE = "2024-01-02"

_NOUNS = {
    "KeyJudgment": "key judgment", "Rhetoric": "rhetorical device", "Watch": "watch item",
    "Source": "source", "Quote": "quote",
}


def dotted(path: FieldPath) -> str:
    """`path` as the message names it: 'key_judgments.0.confidence'."""
    return ".".join(str(p) for p in path)


def where(path: FieldPath) -> str:
    """`path` quoted, as a message starts."""
    return f"'{dotted(path)}'"


def key_of(path: FieldPath) -> str:
    """The key to write in the YAML for `path` ('-' for a list item)."""
    return f"{path[-1]}" if path and isinstance(path[-1], str) else "-"


# --- what was given --------------------------------------------------------------------


def given(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """What was given, in words: its YAML type and, briefly, the value as written."""
    raw = doc.raw.get(path)
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{raw or str(value).lower()}, which YAML reads as true/false"
    if isinstance(value, int | float):
        return f"the number {raw or value}"
    if isinstance(value, dt.date):
        return f"the date {raw or value}"
    if isinstance(value, str):
        return f"the text {short(value)!r}"
    if isinstance(value, list):
        if not value:
            return "an empty list"
        if all(not isinstance(v, list | dict) for v in value):
            return f"a list: {short(flow(value))}"
        return f"a list of {len(value)} item{'s' if len(value) > 1 else ''}"
    if isinstance(value, dict):
        keys = ", ".join(f"{k}:" for k in value)
        return f"a block of keys ({short(keys)})" if value else "an empty block {}"
    return short(repr(value))


def short(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def flow(value: Any) -> str:
    """`value` in YAML's flow style, as it could be written on one line."""
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def block_data(doc: YamlDocument, path: FieldPath) -> Any:
    """The loaded value at `path`, or None if there is none."""
    data = doc.data
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# --- what is expected ------------------------------------------------------------------


def noun(model: type[BaseModel]) -> str:
    """What one `model` is called: 'key judgment', 'factual error'."""
    name = model.__name__
    return _NOUNS.get(name) or re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def first_key(model: type[BaseModel]) -> str:
    """The key a block of `model` starts with: its first required one."""
    return next((n for n, f in model.model_fields.items() if f.is_required()),
                next(iter(model.model_fields)))


def required(model: type[BaseModel]) -> list[str]:
    """The keys of `model` that must be given."""
    return [n for n, f in model.model_fields.items() if f.is_required()]


def choices(enum: type[Enum]) -> str:
    """The values of `enum`, as a message lists them: "'a', 'b' or 'c'"."""
    names = [f"'{m.value}'" if isinstance(m.value, str) else str(m.value) for m in enum]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def _pattern_of(metadata: list[Any]) -> str | None:
    return next((getattr(m, "pattern", None) for m in metadata
                 if getattr(m, "pattern", None)), None)


def describe(annotation: Any, *, plural: bool = False) -> str:
    """What a value of `annotation` is, in words: 'text', 'a date like 2024-01-02'."""
    base, metadata = strip(annotation)
    pattern = _pattern_of(metadata)
    if annotation == Identifier or (
            base is str and pattern == _pattern_of(list(get_args(Identifier)[1:]))):
        return "ids (lower-case letters, digits and dashes)" if plural else \
            "an id (lower-case letters, digits and dashes, like 'reuters')"
    if base is str and pattern and "http" in pattern:
        return "web addresses" if plural else \
            "a web address starting with http:// or https://"
    if base is str and pattern:
        return "language tags" if plural else "a language tag like 'en' or 'fr'"
    if base is str:
        return "texts" if plural else "text"
    if base is dt.date:
        return "dates" if plural else f"a date written YYYY-MM-DD, like {EXAMPLE_DATE}"
    if base is bool:
        return "true or false"
    if base is int:
        return "whole numbers" if plural else "a whole number"
    if base is float:
        return "numbers" if plural else "a number"
    if isinstance(base, type) and issubclass(base, Path):
        return "file paths" if plural else "the path of a text file (like sources/piece.txt)"
    enum = enum_of(base)
    if enum is not None:
        return f"one of {choices(enum)}"
    if get_origin(base) is list:
        item = get_args(base)[0]
        item_base, _ = strip(item)
        if item_base is str and item != Identifier:
            return "a list of texts, like [one, two]"
        if item == Identifier:
            return "a list of ids, like [reuters, ap]"
        return f"a list of {describe(item, plural=True)}"
    if is_model(base):
        first = first_key(base)
        if plural:
            return f"{noun(base)}s (each with '{first}:')"
        if base is Brief:
            return "a brief"
        keys = ", ".join(f"{k}:" for k in required(base)) or f"{first}:"
        if base.__name__ == "Quote":
            return "a quote (a block with 'exact:')"
        return f"a block of keys ({keys} ...)"
    return "something else"


def expected(path: FieldPath) -> str:
    """What the model expects at `path`, in words."""
    annotation = annotation_at(path)
    return describe(annotation) if annotation is not None else "something else"


def field_help(path: FieldPath) -> str | None:
    """The description of the field at `path`, from the model."""
    model = model_at(path[:-1]) if len(path) > 0 else None
    if model is None or not isinstance(path[-1], str):
        return None
    info = model.model_fields.get(path[-1])
    return info.description if info else None


def required_at(path: FieldPath) -> bool:
    """Whether the field at `path` must be given (a list item always is)."""
    model = model_at(path[:-1]) if path else None
    if model is None or not isinstance(path[-1], str):
        return True
    info = model.model_fields.get(path[-1])
    return bool(info and info.is_required())
