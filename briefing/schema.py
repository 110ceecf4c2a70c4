"""The JSON Schema of a brief, for editors that complete and check YAML as it is typed."""

from __future__ import annotations

import json
from typing import Any

from briefing.model import Brief

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/brief.schema.json"
"""The first line of a brief in content/, which points YAML editors at the schema."""


def json_schema() -> dict[str, Any]:
    """The schema, generated from the content model, with every field described."""
    schema = Brief.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def json_text() -> str:
    """The schema as the text kept in schema/brief.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
