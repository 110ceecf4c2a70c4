"""Handlers for values of the wrong kind: empty, not one of the choices, the wrong type.

Each says what the field expects and what was given, as the YAML reads it (a bare
`no` is false, `1984` a number), and how to write what was meant.
"""

from __future__ import annotations

import re

from pydantic_core import ErrorDetails

from briefing.errors import Diagnostic
from briefing.model import Credibility
from briefing.model_types import annotation_at, enum_of, is_list, model_at
from briefing.positions import FieldPath, YamlDocument
from briefing.suggest import did_you_mean
from briefing.validate.describe import (
    block_data,
    expected,
    field_help,
    first_key,
    given,
    key_of,
    noun,
    required,
    required_at,
    where,
)
from briefing.validate.type_hints import type_hint

_SYNONYMS = {
    "first-hand": "first", "firsthand": "first", "1st": "first", "direct": "first",
    "second-hand": "second", "secondhand": "second", "2nd": "second", "indirect": "second",
    "medium": "moderate", "med": "moderate", "mid": "moderate", "middle": "moderate",
    "op-ed": "opinion", "oped": "opinion", "column": "opinion", "commentary": "opinion",
    "newspaper": "news report", "news": "news report", "media": "news report",
    "anonymous": "unnamed sources", "unnamed": "unnamed sources",
    "government": "official", "question?": "question",
}
"""Words an analyst may write for a choice, by the choice the brief spells otherwise."""


def empty(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """Any error whose value is empty (`key:` alone), and `too_short` for a blank one.

    Shows: tests/broken/empty-value.yaml, tests/broken/empty-text.yaml,
    tests/broken/type-empty-section.yaml, tests/broken/key-judgments-empty-list.yaml
    """
    path: FieldPath = tuple(err["loc"])
    key = key_of(path)
    model = model_at(path)
    about = field_help(path)
    wanted = expected(path)
    if is_list(annotation_at(path)) and model is not None:
        hint = f"add items below '{key}:', indented, each starting with " \
            f"'- {first_key(model)}:'"
    elif model is not None:
        keys = ", ".join(f"{k}:" for k in required(model))
        hint = f"add its keys ({keys} ...) on the lines below '{key}:', indented"
    elif key == "-":
        hint = "write the value after the '- ', or delete the empty item"
    else:
        hint = f"write {'the text' if wanted == 'text' else 'the value'} after '{key}:'"
        if about and enum_of(annotation_at(path)) is None:
            hint += f" ({about[:1].lower()}{about[1:].rstrip('.')})"
    if not required_at(path):
        hint += f", or leave out '{key}:' altogether"
    if isinstance(block_data(doc, path), list) and model is not None:
        message = f"{where(path)} must have at least one {noun(model)}; got an empty list"
    else:
        message = f"{where(path)} is empty; it must be {wanted}"
    # An empty value has no place of its own: point at its key.
    return doc.diagnostic(path, message, hint, key=path not in doc.raw)


def too_short(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`string_too_short`, `too_short`: a blank text or an empty list is empty.

    Shows: tests/broken/empty-text.yaml, tests/broken/key-judgments-empty-list.yaml
    """
    value = err.get("input")
    blank = value.strip() == "" if isinstance(value, str) else not value
    return empty(doc, err) if blank else not_valid(doc, err)


def enum(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`enum`: not one of the choices; the choice meant, or what the choices mean.

    Shows: tests/broken/enum-confidence.yaml, tests/broken/enum-genre.yaml,
    tests/broken/enum-genre-synonym.yaml, tests/broken/enum-hand.yaml,
    tests/broken/enum-credibility-grade.yaml, tests/broken/enum-credibility-range.yaml,
    tests/broken/enum-reliability.yaml, tests/broken/enum-likelihood.yaml
    """
    path: FieldPath = tuple(err["loc"])
    value = err.get("input")
    kind = enum_of(annotation_at(path))
    options = err.get("ctx", {}).get("expected", "")
    names = [str(m.value) for m in kind] if kind else [
        o.strip(" '") for o in options.replace(" or ", ",").split(",")]
    if isinstance(value, str):
        got = repr(value)
        text = value.strip().lower()
        close = did_you_mean(value, names)
        if close is None and _SYNONYMS.get(text) in names:
            close = _SYNONYMS[text]
        if close is None:
            close = next((c for c in names if text and (text in c or c in text)), None)
    else:
        got = given(doc, path, value)
        close = did_you_mean(str(value), names) if isinstance(value, int | float) else None
    hint = f"did you mean '{close}'?" if close else None
    if kind is Credibility and isinstance(value, str) and re.fullmatch(
            r"[A-Fa-f][1-6]", value.strip()):
        hint = (f"'{value.strip()}' is a whole grade: write reliability: "
                f"{value.strip()[0].upper()} and credibility: {value.strip()[1]}")
    elif isinstance(value, list):
        hint = "choose one of them: a single value, not a list"
    elif hint is None and kind is not None and hasattr(next(iter(kind)), "meaning"):
        hint = "the grades: " + ", ".join(
            f"{m.value} = {getattr(m, 'meaning', '')}" for m in kind)
    elif hint is None:
        hint = "use one of the values listed, spelt as shown"
    return doc.diagnostic(path, f"{where(path)} must be {options}; got {got}", hint)


def wrong_type(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`string_type`, `list_type`, `model_type`, `bool_parsing`, ...: a value of another type.

    The hint comes from the table in type_hints.py, by error and kind of value given.
    Shows: tests/broken/type-number-for-text.yaml, tests/broken/type-text-for-bool.yaml
    """
    path: FieldPath = tuple(err["loc"])
    value = err.get("input")
    return doc.diagnostic(path, f"{where(path)} must be {expected(path)}; got "
                          f"{given(doc, path, value)}",
                          type_hint(doc, path, value, err["type"]))


def too_long(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`string_too_long`: over a field's limit of characters.

    Shows: no case in tests/broken/ yet.
    """
    path: FieldPath = tuple(err["loc"])
    limit = err.get("ctx", {}).get("max_length")
    return doc.diagnostic(
        path, f"{where(path)} must be at most {limit} characters long; got "
        f"{len(str(err.get('input')))}", "shorten it",
    )


def value_error(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`value_error`: the model's own checks, whose reason is already in plain words.

    Shows: no case in tests/broken/ yet.
    """
    path: FieldPath = tuple(err["loc"])
    reason = str(err.get("ctx", {}).get("error", err["msg"]))
    return doc.diagnostic(path, f"{where(path)} is not valid: {reason}; got "
                          f"{given(doc, path, err.get('input'))}",
                          f"see '{path[-1]}' in docs/format.md")


def not_valid(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """Any other error (a number out of range, say): pydantic's words, lower-cased.

    Shows: no case in tests/broken/ yet.
    """
    path: FieldPath = tuple(err["loc"])
    message = err["msg"][:1].lower() + err["msg"][1:]
    return doc.diagnostic(path, f"{where(path)} is not valid: {message}; got "
                          f"{given(doc, path, err.get('input'))}",
                          f"see '{path[-1]}' in docs/format.md")

