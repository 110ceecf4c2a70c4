"""Handlers for keys: one that is missing, one that the block does not have.

A misspelt key is the commonest mistake in a brief, and pydantic reports it twice (the
unknown key, and the missing one it was meant to be); `guess_key` is what lets
validation say it once, at the misspelt key, with the key that was meant.
"""

from __future__ import annotations

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from briefing.errors import Diagnostic
from briefing.model import Brief
from briefing.model_types import annotation_at, enum_of, model_at, submodels
from briefing.positions import FieldPath, YamlDocument
from briefing.suggest import did_you_mean
from briefing.validate.describe import block_data, describe, dotted, field_help, required_at

_KEY_SYNONYMS = {
    "summary": ["bluf"], "bottom_line": ["bluf"], "bottom-line": ["bluf"], "bl": ["bluf"],
    "judgments": ["key_judgments"], "judgements": ["key_judgments"],
    "key_findings": ["key_judgments"], "findings": ["key_judgments"],
    "sources": ["sourcing"], "source": ["sourcing", "sources"], "title": ["headline"],
    "subtitle": ["dek"], "standfirst": ["dek"], "subheadline": ["dek"],
    "publication": ["outlet"], "publisher": ["outlet"], "newspaper": ["outlet"],
    "link": ["url"], "address": ["url"], "writer": ["author"], "byline": ["author"],
    "date": ["published", "prepared"], "type": ["genre", "kind"], "language": ["language"],
    "quote": ["exact", "quotes"], "words": ["exact"], "analysis": ["critique"],
    "indicators": ["watch"], "questions": ["watch"], "confidence_level": ["confidence"],
    "probability": ["likelihood"], "grade": ["reliability", "credibility"],
}
"""Words an analyst may write for a key, by what the brief calls it."""


def missing(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`missing`: a required key is not there; said at its block, with what to write.

    Shows: tests/broken/missing-top-level-key.yaml, tests/broken/missing-nested-key.yaml,
    tests/broken/missing-key-in-list-item.yaml, tests/broken/missing-section.yaml
    """
    path: FieldPath = tuple(err["loc"])
    block = dotted(path[:-1])
    where = f"in '{block}'" if block else "at the top level of the brief"
    annotation = annotation_at(path)
    what = describe(annotation) if annotation is not None else ""
    about = field_help(path)
    hint = f"add '{path[-1]}:'"
    if what:
        hint += f" with {what}"
    if block:
        hint += f", indented like the other keys of '{block}'"
    if about and enum_of(annotation) is None:
        hint += f"; it is {about[:1].lower()}{about[1:].rstrip('.')}"
    return doc.diagnostic(path[:-1], f"'{path[-1]}' is missing {where}", hint, key=True)


def unknown_key(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`extra_forbidden`: a key the block does not have; the key meant, or where it belongs.

    Shows: tests/broken/unknown-key-top-level.yaml,
    tests/broken/unknown-key-top-level-near-miss.yaml, tests/broken/unknown-key-nested.yaml,
    tests/broken/unknown-key-nested-near-miss.yaml, tests/broken/unknown-key-in-list-item.yaml,
    tests/broken/unknown-key-wrong-block.yaml
    """
    path: FieldPath = tuple(err["loc"])
    key = str(path[-1])
    allowed = allowed_keys(path[:-1])
    close = guess_key(key, allowed)
    block = dotted(path[:-1])
    hint = ""
    if close:
        data = block_data(doc, path[:-1])
        needed = isinstance(data, dict) and close not in data and \
            required_at((*path[:-1], close))
        hint = f"did you mean '{close}'?" + (" It is required and missing." if needed else "")
    elif homes := _homes(key):
        hint = f"'{key}' belongs in {', '.join(homes)}, not here: check its indentation."
    hint += (" Keys" if hint else "keys") + f" allowed here: {', '.join(allowed)}"
    where = f"in '{block}'" if block else "at the top level"
    return doc.diagnostic(path, f"unknown key '{key}' {where}", hint, key=True)


def allowed_keys(path: FieldPath) -> list[str]:
    """The keys of the block at `path`."""
    model = model_at(path) if path else Brief
    return list(model.model_fields) if model else []


def guess_key(key: str, allowed: list[str]) -> str | None:
    """The allowed key meant by `key`: a near miss or a synonym."""
    close = did_you_mean(key, allowed, cutoff=0.75)
    if close:
        return close
    normal = key.strip().lower().replace(" ", "_")
    return next((k for k in _KEY_SYNONYMS.get(normal, []) if k in allowed), None)


def _homes(name: str) -> list[str]:
    """The blocks of the model where a key called `name` belongs."""
    found: list[str] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        if name in model.model_fields:
            found.append(prefix or "the top level")
        for field, sub in submodels(model):
            walk(sub, f"{prefix}.{field}" if prefix else field)

    walk(Brief, "")
    return list(dict.fromkeys(found))
