"""Draft a brief from a piece, for `briefing new SLUG [--from ARTICLE]`.

One module per step, each working on the output of the one before:

- `reading`: the file becomes a Piece, plain text with a blank line between
  paragraphs and what the file declares of it (headline, byline, date...); one
  reader per kind of file, told by its bytes, so nothing after reading knows kinds;
- `saving`: the text goes to sources/SLUG.txt, the file itself beside it;
- `quotations`: the words in quote marks, of English and of other languages;
- `attributions` (with `speakers`, who the words name): who said or reported what,
  found outside the quotations; `introductions`, who speaks with no verb of saying;
- `sources`: the attributions folded into one draft source per speaker (`ids`);
- `claims`: sentences that assert strongly and name no source, for the critique;
- `analysis`: the steps above in order, each quotation tied to its speaker;
- `skeleton`: the commented YAML of the brief, every guess marked REVIEW.

The analysis is rules of thumb on English news prose, in pure functions; only
`draft_brief` touches files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from briefing.draft.analysis import Analysis, analyse
from briefing.draft.reading import NAMES, STDIN, Piece, load_source, read_piece, read_source
from briefing.draft.saving import Saving, plan, write
from briefing.draft.skeleton import draft_yaml, relative_source
from briefing.errors import BriefingError, UsageError
from briefing.loader import parse
from briefing.output import write_atomic
from briefing.validate import validate
from briefing.words import ID, slugify

__all__ = ["Analysis", "Drafted", "Piece", "analyse", "draft_brief", "draft_yaml", "read_piece"]


@dataclass(frozen=True)
class Drafted:
    """A brief written by `draft_brief`, what was found in its piece and where the piece
    was saved (both None without one)."""

    path: Path
    analysis: Analysis | None
    saved: Saving | None = None


def draft_brief(slug: str, directory: Path, article: Path | str | None = None,
                today: dt.date | None = None) -> Drafted:
    """Write `directory`/SLUG.yaml, a skeleton that validates, drafted from `article` if given.

    `article` is a file of any kind `reading` knows, or "-" for standard input; its
    text is saved as `directory`/sources/SLUG.txt and the file itself copied beside it
    (see `saving`). Never overwrites a file. Raises UsageError for a SLUG that is not a
    file stem or a file already there, InputError for an article that cannot be read,
    BriefingError when a file cannot be written.
    """
    target = directory / f"{slug}.yaml"
    if not ID.match(slug):
        example = slugify(slug.removesuffix(".yaml"), 80)
        raise UsageError(
            f"'{slug}' is not a valid name for a brief: use lower-case letters, digits and "
            "dashes, starting with a letter or digit",
            f"for example: briefing new {example}" if example else None,
        )
    for taken in (target, target.with_suffix(".yml")):  # both would build to SLUG.pdf
        if taken.exists() or taken.is_symlink():
            raise UsageError(f"{taken} already exists", "pick another SLUG, or delete the "
                             "file first if you mean to start it again")
    if article is None:
        yaml_text = draft_yaml(slug, today=today or dt.date.today())
        return _write(target, yaml_text, None, None)
    source = load_source(article)
    piece = read_source(source)
    given = None if str(article) == STDIN else Path(article)
    saving = plan(slug, directory, source, piece, given)
    analysis = analyse(piece.text)
    origin = None
    if saving.original is not None:
        origin = (NAMES[piece.kind], relative_source(saving.original, directory))
    yaml_text = draft_yaml(slug, piece.text, relative_source(saving.text, directory),
                           today or dt.date.today(), analysis, piece.about, origin)
    return _write(target, yaml_text, analysis, saving)


def _write(target: Path, yaml_text: str, analysis: Analysis | None,
           saving: Saving | None) -> Drafted:
    validate(parse(target, yaml_text))  # a draft that does not validate is a bug
    if saving is not None:
        write(saving, target, yaml_text.encode("utf-8"))
        return Drafted(target, analysis, saving)
    try:
        write_atomic(target, yaml_text.encode("utf-8"))
    except OSError as exc:
        raise BriefingError(f"cannot write {target}: {exc.strerror or exc}") from None
    return Drafted(target, analysis)
