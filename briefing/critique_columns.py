"""Split the critique's blocks over the memo's two columns, so that both end level.

The memo sets the critique in two plain columns (a fixed table: CSS columns would
balance them, at several times the layout's cost). Which block goes in which column
is decided here, before layout, from the length of each block's text: the blocks keep
their order (strengths, factual errors, unsupported claims, missing perspectives,
rhetoric), the first ones down the left column and the rest down the right, cut where
the longer column is shortest. A column that would be empty is left out, and the one
left runs across the page: a critique of one block is not set in half of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from briefing.model import Critique

KINDS = ("strengths", "factual_errors", "unsupported_claims", "missing_perspectives",
         "rhetoric")
"""The critique's blocks, in the order they are read."""
HEADING = 40
"""What a block's heading takes, in characters of its text: a short line and a gap."""
ITEM = 20
"""What each item adds besides its words: the half-filled line it ends on."""


def columns(critique: Critique) -> list[list[str]]:
    """The blocks (as names of KINDS) of each column, left first: one or two columns,
    none empty; no column at all for a critique with nothing in it."""
    kinds = [kind for kind in KINDS if getattr(critique, kind)]
    if not kinds:
        return []
    sizes = [weight(getattr(critique, kind)) for kind in kinds]
    # Cut after the first `cut` blocks; on a tie, the left column takes more.
    cut = min(range(1, len(kinds) + 1),
              key=lambda n: (max(sum(sizes[:n]), sum(sizes[n:])), -n))
    return [column for column in (kinds[:cut], kinds[cut:]) if column]


def weight(items: Iterable[BaseModel]) -> int:
    """How long a block of `items` runs, in characters of text."""
    return HEADING + sum(ITEM + _characters(item) for item in items)


def _characters(value: Any) -> int:
    """Characters of the text in a part of a brief: its strings, however nested."""
    if isinstance(value, str):
        return len(value)
    # Read field by field, not through model_dump(): that would make pydantic build a
    # serializer for each kind of part, at the first brief of every call.
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return sum(_characters(getattr(value, name)) for name in fields)
    if isinstance(value, dict):
        return sum(_characters(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(_characters(v) for v in value)
    return 0
