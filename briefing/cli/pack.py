"""`briefing pack`: several briefs in one PDF, behind a cover that lists them."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.cli.command import Command, brief_paths
from briefing.cli.engine_log import route_engine_warnings
from briefing.cli.options import templates_option, theme_option
from briefing.errors import UsageError
from briefing.theme_lookup import default_user_dir


@click.command(cls=Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The pack's PDF file to write (FILE.pdf).")
@click.option("--title", default=None,
              help="The pack's title, on its cover and in its metadata "
              "[default: the number of briefs and the latest date].")
@click.option("--html", is_flag=True,
              help="Also write FILE.html, an index page of the briefs, and each brief's "
              "HTML beside it, which the index links to.")
@theme_option("Theme for every brief, over each brief's design.theme.")
@templates_option("Folder of templates that take precedence over the built-in ones")
@click.option("--strict", is_flag=True, help="Refuse to pack on warnings of the checks too.")
def pack(paths: tuple[Path, ...], out: Path, title: str | None, html: bool,
         theme: str | None, templates_dir: Path | None, strict: bool) -> None:
    """Put the briefs PATH... (.yaml files, or folders of them) in one PDF, in the order
    given: a cover whose contents list each brief (title, piece, bottom line) linked to
    its page, then each brief's own one page, as `build` lays it out.

    Every brief is checked first: one that `build` would refuse stops the pack, with its
    file and line. The PDF has one bookmark per brief and page labels (i for the cover,
    then 1, 2, ...). It is written whole or not at all. Exit status: 0 written, 2 an
    invalid brief, 1 any other failure (a brief that does not fit on its page).
    """
    from briefing.build import Builder
    from briefing.output import write_atomic
    from briefing.pack import index_html, pack_pdf, prepare

    if out.suffix.lower() != ".pdf":
        raise UsageError(f"--out {out} is not a .pdf file", "name the pack's file FILE.pdf")
    route_engine_warnings()
    builder = Builder(out.parent, ("html",) if html else (), templates_dir or default_user_dir(),
                      strict=strict, theme=theme)
    made = prepare(builder, brief_paths(paths), title)
    written: dict[Path, bytes] = {}
    if html:
        written[out.with_suffix(".html")] = index_html(made).encode()
        for checked, fitted in made.briefs:
            written[out.parent / f"{checked.file.stem}.html"] = builder.render_html(
                checked, scale=fitted.scale).encode()
    written[out] = pack_pdf(builder, made)
    for target, data in written.items():
        write_atomic(target, data)
    click.echo(f"wrote {', '.join(map(str, written))}: {len(made.briefs)} briefs, "
               f"{made.title!r}")
