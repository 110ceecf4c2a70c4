"""What every command shares: `--debug`, and the one place errors become exit codes.

Commands raise `BriefingError` (exit 1) or `InputError` (exit 2) and never exit on
their own; `Command.invoke` prints them, with colour on a terminal. Anything else is
a bug: one line saying so, or its traceback with `--debug`.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import click

from briefing.errors import BriefingError, UsageError, render, unexpected
from briefing.lasting import lasting_imports

DEBUG = "briefing.debug"
"""Key of the `--debug` flag in the click context's `meta`."""


def debugging(ctx: click.Context | None = None) -> bool:
    """Whether `--debug` was given to the running command."""
    ctx = ctx or click.get_current_context()
    return bool(ctx.meta.get(DEBUG))


def colour(stream: Any = None) -> bool:
    """Whether to colour messages: on a terminal, unless NO_COLOR is set."""
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _remember_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[DEBUG] = True


class Command(click.Command):
    """A command with `--debug` and the error handler."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(click.Option(
            ["--debug"], is_flag=True, expose_value=False, is_eager=True,
            callback=_remember_debug, help="Show the traceback of an unexpected error.",
        ))

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; report errors as messages and exit codes."""
        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            click.echo(exc.format(colour=colour()), err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if debugging(ctx):
                raise
            click.echo(unexpected(exc).format(colour=colour()), err=True)
            ctx.exit(1)


class Group(click.Group):
    """A group whose commands and subgroups all have `--debug` and the error handler.

    `commands_from` names commands by where they are defined ("module:name"), to be
    imported only when one of them is asked for.
    """

    command_class = Command
    group_class = type

    def __init__(self, *args: Any, commands_from: dict[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands_from = commands_from or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, the ones not imported yet included."""
        return sorted({*super().list_commands(ctx), *self.commands_from})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command `cmd_name`, its module imported on first use."""
        if cmd_name not in self.commands and cmd_name in self.commands_from:
            module, _, name = self.commands_from[cmd_name].partition(":")
            with lasting_imports():
                command = getattr(import_module(module), name)
            assert isinstance(command, click.Command), self.commands_from[cmd_name]
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command `args` start with; for a misspelt one, click's "Did you mean",
        from every command's name (click's own looks at the imported ones only)."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand:
            raise click.exceptions.NoSuchCommand(
                args[0], possibilities=self.list_commands(ctx), ctx=ctx) from None


def brief_paths(paths: tuple[Path, ...]) -> list[Path]:
    """The brief files named on the command line; an error when there are none."""
    from briefing.build import briefs_in  # the pipeline, only for commands that read briefs

    found = briefs_in(paths)
    if not found:
        raise UsageError(
            f"no briefs (*.yaml) in {', '.join(map(str, paths))}",
            "give .yaml files or folders that hold them",
        )
    return found


def warn(message: str) -> None:
    """Print one warning line on standard error."""
    click.echo(render("", "warning", message, colour=colour()), err=True)
