"""Walk the content model's types: the one place that reads pydantic's annotations.

The validation messages ask what a path of a brief expects; the field reference
(docs/format.md) lists every part of the brief. Both go through these functions, so
that a new kind of field (a union, a nested list) needs teaching here only.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, TypeGuard, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefing.model import Brief
from briefing.positions import FieldPath


def strip(annotation: Any) -> tuple[Any, list[Any]]:
    """The annotation without `| None` and `Annotated`, and the Annotated metadata."""
    metadata: list[Any] = []
    while True:
        if get_origin(annotation) is Annotated:
            args = get_args(annotation)
            annotation, metadata = args[0], metadata + list(args[1:])
            continue
        args = get_args(annotation)
        if args and type(None) in args and get_origin(annotation) is not list:
            rest = [a for a in args if a is not type(None)]
            if len(rest) == 1:
                annotation = rest[0]
                continue
        return annotation, metadata


def is_model(annotation: Any) -> TypeGuard[type[BaseModel]]:
    """Whether `annotation` is a part of the brief (a block of keys)."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def is_list(annotation: Any) -> bool:
    """Whether `annotation`, stripped, is a list."""
    return get_origin(strip(annotation)[0]) is list


def field_annotation(info: FieldInfo) -> Any:
    """A field's type with its constraints, which pydantic keeps apart for `Annotated`."""
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def annotation_at(path: FieldPath, root: type[BaseModel] = Brief) -> Any:
    """The type the model expects at `path`, or None."""
    annotation: Any = root
    for part in path:
        annotation, _ = strip(annotation)
        if isinstance(part, int):
            if get_origin(annotation) is not list:
                return None
            annotation = get_args(annotation)[0]
        elif is_model(annotation):
            info = annotation.model_fields.get(part)
            if info is None:
                return None
            annotation = field_annotation(info)
        else:
            return None
    return annotation


def model_at(path: FieldPath, root: type[BaseModel] = Brief) -> type[BaseModel] | None:
    """The part of the brief at `path`, or each item's part for a list of them."""
    found, _ = strip(annotation_at(path, root))
    if get_origin(found) is list:
        found, _ = strip(get_args(found)[0])
    return found if is_model(found) else None


def enum_of(annotation: Any) -> type[Enum] | None:
    """The Enum that `annotation` stands for, if it is one."""
    found, _ = strip(annotation)
    return found if isinstance(found, type) and issubclass(found, Enum) else None


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every part of the brief named anywhere in `annotation` (`list[Quote] | None`...)."""
    if is_model(annotation):
        return [annotation]
    return [m for arg in get_args(annotation) for m in models_in(arg)]


def submodels(model: type[BaseModel]) -> Iterator[tuple[str, type[BaseModel]]]:
    """Each field of `model` that holds parts of the brief, with the part."""
    for name, info in model.model_fields.items():
        for sub in models_in(info.annotation):
            yield name, sub


def all_models(root: type[BaseModel] = Brief) -> list[type[BaseModel]]:
    """`root` and every part below it, each once, in the order the fields name them."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model not in seen:
            seen.append(model)
            for _, sub in submodels(model):
                visit(sub)

    visit(root)
    return seen
