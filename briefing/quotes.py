"""The piece's own text, read from the file a brief names, and its quotes looked up in it.

"Source" means three things in this trade; in the code, the piece's text is the
`PieceText` (the YAML key stays `piece.source_text`), the YAML file is the brief's
file, and a `Source` is one of the brief's cited sources (see briefing.model).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path

from briefing.errors import InputError
from briefing.model import Brief
from briefing.positions import YamlDocument

# Editors and outlets differ in their quote marks and spacing around the same words;
# the brief is faithful if only these differ (a dash is a word's own, so it counts).
# Languages differ in them too: guillemets (French, Russian, Arabic), low-high marks
# (German), Hebrew's geresh and gershayim, which Hebrew typists use as quote marks.
_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys(["\u2018", "\u2019", "\u201a", "\u201b", "\u2032", "\u2039", "\u203a",
                         "\u05f3"], "'"),  # curly single, prime, single guillemets, geresh
        **dict.fromkeys(["\u201c", "\u201d", "\u201e", "\u201f", "\u2033", "\u00ab", "\u00bb",
                         "\u05f4"], '"'),  # curly double, guillemets, gershayim
        **dict.fromkeys(["\u00a0", "\u202f", "\u2009"], " "),  # no-break, narrow, thin space
    }
)
_INSIDE_GUILLEMETS = re.compile(r"(?<=[\u00ab\u2039])\s+|\s+(?=[\u00bb\u203a])")
"""The space French sets inside its guillemets ("« oui »"), which others leave out."""
_SPACE = re.compile(r"\s+")
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
"""Paragraphs are separated by a blank line (or a line of spaces only)."""
OMISSION = re.compile(r"\s*(?:\[\s*(?:\u2026|\.(?:\s?\.){2,})\s*\]|\u2026|\.(?:\s?\.){2,})\s*")
"""How a quote marks words left out: "...", ". . .", "…", or any of them in brackets."""
_EDGE = re.compile(r"^\W+|\W+$")
"""Punctuation and quote marks at either end of a passage."""


def normalise(text: str) -> str:
    """Fold whitespace and typographic quotes, so that only the words count."""
    return _SPACE.sub(" ", _tight(text).translate(_TYPOGRAPHIC)).strip()


def _tight(text: str) -> str:
    """`text` without the space inside its guillemets: "« oui »" as "«oui»"."""
    return _INSIDE_GUILLEMETS.sub("", text)


def quote_parts(exact: str) -> list[str]:
    """The runs of words of a quote between its marks of omission, normalised."""
    parts = [part for part in (normalise(p) for p in OMISSION.split(exact)) if part]
    return parts or [normalise(exact)]


class Reason(Enum):
    """Why a quote is not in the piece."""

    MISQUOTED = "misquoted"
    """The words are not in the piece: a word differs, or is left out without "..."."""
    OUT_OF_ORDER = "out of order"
    """A part stands in the piece, but not after the part before it in one paragraph."""
    ACROSS_PARAGRAPHS = "across paragraphs"
    """The words run over a paragraph break of the piece."""


@dataclass(frozen=True)
class Missing:
    """The first part of a quote that is not where it must be, and why."""

    reason: Reason
    part: str
    """The part's words, normalised (the whole quote if it leaves nothing out)."""
    after: str | None
    """The part it must follow in the same paragraph; None for the first part."""
    alone: bool
    """The quote leaves nothing out: the part is the whole quote."""


@dataclass(frozen=True)
class PieceText:
    """The full text of the piece a brief is about, normalised for quote look-up."""

    path: Path
    text: str
    on_disk: bytes = field(default=b"", repr=False)
    """The file's bytes as they were read, which the PDF carries byte for byte."""

    @cached_property
    def normalised(self) -> str:
        """The text with whitespace and quote marks folded."""
        return normalise(self.text)

    @cached_property
    def paragraphs(self) -> list[str]:
        """The paragraphs of the text, each normalised."""
        return [" ".join(words) for words in self._folded]

    @cached_property
    def _words(self) -> list[list[str]]:
        """Each paragraph's words as they stand in the text."""
        return [words for block in _PARAGRAPH.split(self.text)
                if (words := _tight(block).split())]

    @cached_property
    def _folded(self) -> list[list[str]]:
        """Each paragraph's words with their quote marks folded, as `normalise` does."""
        return [[word.translate(_TYPOGRAPHIC) for word in words] for words in self._words]

    def missing(self, exact: str) -> Missing | None:
        """Why the quote `exact` is not in the text, or None if it is.

        A quote is found when each of its parts (see `quote_parts`) stands in one
        paragraph, in order: its words may leave some out, never run over a break.
        """
        parts = quote_parts(exact)
        found = 0  # the most parts found in order in one paragraph
        for paragraph in self.paragraphs:
            found = max(found, _parts_in_order(parts, paragraph))
            if found == len(parts):
                return None
        part = parts[found]
        if found and any(part in paragraph for paragraph in self.paragraphs):
            reason = Reason.OUT_OF_ORDER
        elif part in self.normalised:
            reason = Reason.ACROSS_PARAGRAPHS
        else:
            reason = Reason.MISQUOTED
        return Missing(reason, part, parts[found - 1] if found else None, len(parts) == 1)

    def closest(self, quote: str) -> str:
        """The passage of one paragraph most like `quote`, in whole words, for a message.

        Passages as many words long as the quote are compared first. The best one is
        then fitted to the quote word by word: it runs from the source's word that
        matches the quote's first one to the word matching its last, so that a word
        the quote leaves out, adds or changes neither cuts the passage short nor pads
        it. Punctuation and quote marks at either end are left out: the message sets
        the passage in quote marks of its own.
        """
        if not self._words:
            return ""
        target = normalise(quote)
        size = max(1, target.count(" ") + 1)
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target.lower())
        best, at = -1.0, (0, 0)
        for paragraph, words in enumerate(self._folded):
            for start in range(max(1, len(words) - size + 1)):
                matcher.set_seq1(" ".join(words[start : start + size]).lower())
                if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                    continue
                ratio = matcher.ratio()
                if ratio > best:
                    best, at = ratio, (paragraph, start)
        words = self._words[at[0]]
        first, last = _fitted(target.split(" "), words, at[1], size)
        passage = " ".join(words[first:last])
        return _EDGE.sub("", passage) or passage


def _fitted(quote: list[str], words: list[str], start: int, size: int) -> tuple[int, int]:
    """Where the passage of `words` most like `quote` begins and ends, near `start`.

    The quote's words are matched with the paragraph's a few words either side of the
    window; a quote's words that match none at its ends stand for as many of the
    paragraph's (a changed word at the end of a quote is still shown).
    """
    reach = min(5, max(2, size // 4))
    low, high = max(0, start - reach), min(len(words), start + size + reach)
    blocks = difflib.SequenceMatcher(
        None, [_key(w) for w in quote], [_key(w) for w in words[low:high]], autojunk=False
    ).get_matching_blocks()[:-1]
    if not blocks:
        return start, min(len(words), start + size)
    head, tail = blocks[0], blocks[-1]
    first = low + head.b - head.a
    last = low + tail.b + tail.size + len(quote) - tail.a - tail.size
    return max(0, first), min(len(words), last)


def _key(word: str) -> str:
    """A word as the fitting compares it: its letters, in lower case."""
    return (_EDGE.sub("", word) or word).translate(_TYPOGRAPHIC).lower()


def _parts_in_order(parts: list[str], paragraph: str) -> int:
    """How many of `parts`, from the first, stand in `paragraph` one after the other."""
    position = 0
    for count, part in enumerate(parts):
        found = paragraph.find(part, position)
        if found < 0:
            return count
        position = found + len(part)
    return len(parts)


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
        data = path.read_bytes()
        # as read_text would: the BOM dropped, every line end made "\n"
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        return PieceText(path, text, data)
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
