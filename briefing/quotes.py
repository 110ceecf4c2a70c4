"""The piece's own text, read from the file a brief names, and its quotes looked up in it.

"Source" means three things in this trade; in the code, the piece's text is the
`PieceText` (the YAML key stays `piece.source_text`), the YAML file is the brief's
file, and a `Source` is one of the brief's cited sources (see briefing.model).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import InputError
from briefing.model import Brief
from briefing.positions import YamlDocument

# Editors and outlets differ in their quote marks and spacing around the same words;
# the brief is faithful if only these differ (a dash is a word's own, so it counts).
_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys(["\u2018", "\u2019", "\u201a", "\u2032"], "'"),  # curly single, prime
        **dict.fromkeys(["\u201c", "\u201d", "\u201e", "\u2033"], '"'),  # curly double
        "\u00a0": " ",  # no-break space
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold whitespace and typographic quotes, so that only the words count."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


@dataclass(frozen=True)
class PieceText:
    """The full text of the piece a brief is about, normalised for quote look-up."""

    path: Path
    text: str

    @property
    def normalised(self) -> str:
        """The text with whitespace and quote marks folded."""
        return normalise(self.text)

    def closest(self, quote: str) -> str:
        """The passage of the text most like `quote`, for an error message."""
        words = self.normalised.split(" ")
        size = max(1, len(normalise(quote).split(" ")))
        best, best_ratio = "", -1.0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(normalise(quote).lower())
        for start in range(0, max(1, len(words) - size + 1)):
            window = " ".join(words[start : start + size])
            matcher.set_seq1(window.lower())
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
        return best


def piece_text_path(brief_file: Path, brief: Brief) -> Path | None:
    """Where the piece's source text is: its path is relative to the brief's YAML file."""
    if brief.piece.source_text is None:
        return None
    return brief_file.parent / brief.piece.source_text


def read_piece_text(doc: YamlDocument, brief: Brief) -> PieceText | None:
    """Read the piece's source text named in the brief, if any."""
    path = piece_text_path(doc.file, brief)
    if path is None:
        return None
    try:
        return PieceText(path, path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        message = f"the source text '{brief.piece.source_text}' was not found (looked in {path})"
    except UnicodeDecodeError:
        message = f"the source text '{path}' is not UTF-8 text"
    except OSError as exc:
        message = f"cannot read the source text '{path}': {exc.strerror}"
    raise InputError(
        [
            doc.diagnostic(
                ("piece", "source_text"),
                message,
                "give its path relative to the YAML file, or remove 'source_text'",
            )
        ]
    )
