"""What a brief's PDF carries inside it: the brief's own YAML and the piece's text.

A PDF outlives the folder it was built from: months later someone must correct the
brief, and the YAML went with the sender's laptop. So the PDF embeds the YAML byte for
byte (its comments too) and the text it quotes, as PDF/A-3 associated files, named as
`build` expects to find them: the YAML by its file name, the text by the path the YAML
gives. `briefing extract` writes them back (briefing.extract); building what it wrote
gives the same PDF bytes. They are dated from the brief, never from the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from briefing.model import Attach, Brief

BRIEF_DESCRIPTION = "The brief this PDF was built from: its YAML file, as written"
TEXT_DESCRIPTION = "The text of the piece the brief quotes (piece.source_text)"
RELATIONSHIP = "Source"
"""How each carried file relates to the PDF (ISO 32000-2, 7.11.3): what it was made from."""


@dataclass(frozen=True)
class Carried:
    """One file a brief's PDF carries: its name is its path relative to the brief's folder."""

    name: str
    data: bytes
    description: str


def carried(brief: Brief, brief_name: str, brief_bytes: bytes, text_bytes: bytes | None
            ) -> tuple[Carried, ...]:
    """The files a brief's PDF carries, as its `design.attach` chooses."""
    attach = brief.design.attach
    found: list[Carried] = []
    if attach in (Attach.BRIEF, Attach.BOTH):
        found.append(Carried(brief_name, brief_bytes, BRIEF_DESCRIPTION))
    if attach in (Attach.TEXT, Attach.BOTH) and text_bytes is not None:
        assert brief.piece.source_text is not None
        found.append(Carried(text_name(brief), text_bytes, TEXT_DESCRIPTION))
    return tuple(found)


def text_name(brief: Brief) -> str:
    """The name the piece's text is carried under: the path the YAML gives, with slashes."""
    assert brief.piece.source_text is not None
    return PurePosixPath(*brief.piece.source_text.parts).as_posix()


def dated(brief: Brief) -> dt.datetime:
    """When the carried files are said to date from: the day the brief was prepared."""
    return dt.datetime.combine(brief.meta.prepared, dt.time(), tzinfo=dt.UTC)
