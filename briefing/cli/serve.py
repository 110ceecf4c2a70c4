"""`briefing serve`: the live preview, a thin client of the build pipeline."""

from __future__ import annotations

from pathlib import Path

import click

from briefing.cli.command import Command
from briefing.cli.engine_log import route_engine_warnings
from briefing.errors import BriefingError


@click.command(cls=Command)
@click.argument(
    "path", required=False, default=Path("content"), type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on: loopback only, unless --allow-remote.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
    help="Port to listen on; 0 picks a free one.",
)
@click.option(
    "--templates", "templates_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of templates that take precedence, file by file, over the built-in ones "
    "[default: ./templates whenever it exists].",
)
@click.option(
    "--allow-remote", is_flag=True,
    help="Allow a --host other than loopback (anyone who reaches it sees the briefs, the "
    "texts they quote and the templates).",
)
def serve(
    path: Path, host: str, port: int, templates_dir: Path | None, allow_remote: bool
) -> None:
    """Preview the briefs at PATH in the browser, rebuilt on every save.

    PATH is a brief (.yaml) or a folder of them (default: content). Open the address
    it prints: the page reloads when the brief, the text it quotes or a template is
    saved, and shows errors, warnings and whether the brief fits on one page. Exit
    status: 0 when stopped with Ctrl+C, 2 for a refused --host, 1 when it cannot listen.
    """
    from briefing.serve import PreviewServer, refuse_host

    reason = refuse_host(host, allow_remote)
    if reason:
        raise click.BadParameter(reason, param_hint="'--host'")
    route_engine_warnings()
    server = PreviewServer(
        path, host=host, port=port, templates_dir=templates_dir, allow_remote=allow_remote
    )
    try:
        server.bind()
    except OSError as exc:
        raise BriefingError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}",
            "is another program using the port? choose another with --port, "
            "or --port 0 for any free one",
        ) from None
    click.echo(f"Serving {server.url} (Ctrl+C to stop)")
    try:
        server.start()
        server.wait()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        server.stop(timeout=1.0)
