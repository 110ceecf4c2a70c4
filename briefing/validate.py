"""Validate loaded YAML into the model, mapping every error back to its line."""

from __future__ import annotations

import difflib
from enum import Enum
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefing.errors import Diagnostic, InputError
from briefing.loader import Document, FieldPath
from briefing.model import Brief


def validate(doc: Document) -> Brief:
    """Build the Brief from `doc`, or raise InputError listing every problem."""
    if not isinstance(doc.data, dict):
        kind = {type(None): "empty", list: "a list"}.get(type(doc.data), "a single value")
        raise InputError(
            [
                doc.diagnostic(
                    (),
                    f"the file is {kind}, not a brief",
                    "a brief is a set of keys starting with 'piece:', 'meta:' and 'bluf:'; "
                    "run 'briefing --help' or see docs/format.md",
                )
            ]
        )
    try:
        return Brief.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError([_diagnostic(doc, err) for err in exc.errors()]) from None


def _diagnostic(doc: Document, err: ErrorDetails) -> Diagnostic:
    path: FieldPath = tuple(err["loc"])
    where = ".".join(str(p) for p in path) or "the brief"
    kind = err["type"]
    given = err.get("input")
    if kind == "missing":
        field = _field_info(path)
        return doc.diagnostic(
            path[:-1],
            f"'{path[-1]}' is missing in '{'.'.join(map(str, path[:-1])) or 'the brief'}'",
            f"add '{path[-1]}:' ({field})" if field else f"add '{path[-1]}:'",
            key=True,
        )
    if kind == "extra_forbidden":
        allowed = _allowed_keys(path[:-1])
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
        hint = (hint + " " if hint else "") + f"allowed here: {', '.join(allowed)}"
        block = ".".join(str(p) for p in path[:-1]) or "the top level"
        return doc.diagnostic(path, f"unknown key '{path[-1]}' in '{block}'", hint, key=True)
    if kind == "enum":
        options = err.get("ctx", {}).get("expected", "")
        choices = [o.strip(" '") for o in options.replace(" or ", ",").split(",")]
        close = difflib.get_close_matches(str(given), choices, n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
        return doc.diagnostic(path, f"'{where}' must be {options}; got {given!r}", hint)
    return doc.diagnostic(path, f"'{where}': {err['msg'][:1].lower()}{err['msg'][1:]}",
                          f"got {_show(given)}")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _model_at(path: FieldPath) -> type[BaseModel] | None:
    model: type[BaseModel] = Brief
    for part in path:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        found = _submodel(info.annotation)
        if found is None:
            return None
        model = found
    return model


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation) if get_origin(annotation) else ():
        found = _submodel(arg)
        if found:
            return found
    return None


def _allowed_keys(path: FieldPath) -> list[str]:
    model = _model_at(path)
    return list(model.model_fields) if model else []


def _field_info(path: FieldPath) -> str | None:
    model = _model_at(path[:-1])
    if model is None or not isinstance(path[-1], str):
        return None
    info = model.model_fields.get(path[-1])
    if info is None:
        return None
    enum = _enum_of(info.annotation)
    if enum:
        return "one of: " + ", ".join(str(m.value) for m in enum)
    return info.description


def _enum_of(annotation: Any) -> type[Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for arg in get_args(annotation):
        found = _enum_of(arg)
        if found:
            return found
    return None
