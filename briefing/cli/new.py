"""`briefing new`: start a brief, drafted from the piece's text when given."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.cli.command import Command
from briefing.errors import BriefingError, InputError, UsageError


@click.command(cls=Command)
@click.argument("slug")
@click.option(
    "--from", "article", type=click.Path(dir_okay=False, path_type=Path),
    help="The piece's text (UTF-8): fill in its quotations and sources, and point "
    "source_text at it.",
)
@click.option(
    "--dir", "directory", default=Path("content"), show_default=True,
    type=click.Path(file_okay=False, path_type=Path), help="Folder to write the brief to.",
)
def new(slug: str, article: Path | None, directory: Path) -> None:
    """Start a brief: write DIR/SLUG.yaml, a commented skeleton that validates.

    With --from, it drafts from the piece's text its length, every direct quotation
    (the quote bank) and the sources it can tell from attributions, each marked REVIEW.
    Never overwrites a file. Exit status: 0 written, 2 a bad SLUG, an existing file or
    an unreadable text.
    """
    import datetime as dt

    from briefing import draft
    from briefing.loader import parse
    from briefing.output import write_atomic
    from briefing.validate import validate

    if not draft.SLUG.match(slug):
        hint = draft.slugify(slug.removesuffix(".yaml"), 80)
        raise UsageError(
            f"'{slug}' is not a valid name for a brief: use lower-case letters, digits "
            "and dashes, starting with a letter or digit",
            f"for example: briefing new {hint}" if hint else None,
        )
    target = directory / f"{slug}.yaml"
    for taken in (target, target.with_suffix(".yml")):  # both would build to SLUG.pdf
        if taken.exists() or taken.is_symlink():
            raise UsageError(f"{taken} already exists",
                             "pick another SLUG, or delete the file first if you mean to "
                             "start it again")
    text = source = None
    if article is not None:
        try:
            text = article.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise InputError.at(article, "file not found",
                                "check the path given to --from") from None
        except UnicodeDecodeError as exc:
            raise InputError.at(article, f"not UTF-8 text (byte {exc.start} cannot be read)",
                                "save it as UTF-8 and try again") from None
        except OSError as exc:
            raise InputError.at(article, f"cannot read the file: {exc.strerror}") from None
        source = draft.relative_source(article, directory)
    analysis = draft.analyse(text) if text is not None else None
    yaml_text = draft.draft_yaml(slug, text, source, dt.date.today(), analysis)
    validate(parse(target, yaml_text))  # a draft that does not validate is a bug
    try:
        write_atomic(target, yaml_text.encode("utf-8"))
    except OSError as exc:
        raise BriefingError(f"cannot write {target}: {exc.strerror or exc}") from None
    found = ""
    if analysis is not None:
        found = (f": {len(analysis.quotes)} quote(s) and {len(analysis.sources)} draft "
                 "source(s) to review")
    click.echo(f"wrote {target}{found}; next: replace every REVIEW in it, then "
               f"`briefing check {target}`")
