"""Every command reports failures the same way: a message, a hint, an exit code.

Errors are raised by the commands and printed by the one handler in
briefing.cli.command; no command shows a traceback unless `--debug` is given.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefing.cli import cli


def _commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], click.Command]]:
    # Through click's own lookup: a command's module is imported when it is asked for.
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


COMMANDS = list(_commands())
NAMES = [" ".join(words) for words, _ in COMMANDS]


def _invoke(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_every_command_is_listed() -> None:
    assert set(NAMES) == {"build", "check", "doctor", "extract", "languages", "new", "pack",
                          "schema", "serve", "theme eject", "themes"}


@pytest.mark.parametrize(("words", "command"), COMMANDS, ids=NAMES)
def test_every_command_takes_debug(words: tuple[str, ...], command: click.Command) -> None:
    result = _invoke(*words, "--help")
    assert result.exit_code == 0
    assert "--debug" in result.output


def _explode(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("boom")


@pytest.mark.parametrize(("words", "command"), COMMANDS, ids=NAMES)
def test_a_bug_in_any_command_is_one_line_without_debug(
    words: tuple[str, ...], command: click.Command, monkeypatch: pytest.MonkeyPatch,
    in_tmp: Path,
) -> None:
    monkeypatch.setattr(command, "callback", _explode)
    args = {"build": ["x.yaml"], "check": ["x.yaml"], "new": ["x"], "theme eject": ["memo"],
            "serve": ["."], "extract": ["x.pdf"], "pack": ["x.yaml", "--out", "x.pdf"]}
    result = _invoke(*words, *args.get(" ".join(words), []))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: unexpected failure (RuntimeError: boom)")
    assert "hint: run again with --debug" in result.stderr

    debug = _invoke(*words, *args.get(" ".join(words), []), "--debug")
    assert debug.exit_code == 1
    assert isinstance(debug.exception, RuntimeError)  # raised whole: Python prints it


def _port_in_use() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


FAILING: dict[str, tuple[Callable[[Path], list[str]], int, str]] = {
    "build": (lambda tmp: ["build", str(tmp / "missing.yaml"), "--out", str(tmp / "out")], 2,
              "missing.yaml: error: file not found"),
    "check": (lambda tmp: ["check", str(tmp)], 2, "error: no briefs (*.yaml) in"),
    "new": (lambda tmp: ["new", "Bad Slug", "--dir", str(tmp)], 2,
            "error: 'Bad Slug' is not a valid name for a brief"),
    "theme eject": (lambda tmp: ["theme", "eject", "memo", str(tmp / "templates")], 2,
                    "already has"),
    "extract": (lambda tmp: ["extract", str(tmp / "missing.pdf")], 2,
                "missing.pdf: error: file not found"),
    "pack": (lambda tmp: ["pack", str(tmp / "missing.yaml"), "--out", str(tmp / "p.pdf")], 2,
             "missing.yaml: error: file not found"),
}


@pytest.mark.parametrize("name", sorted(FAILING))
def test_a_failing_input_gets_a_message_a_hint_and_an_exit_code(
    name: str, in_tmp: Path
) -> None:
    make_args, code, message = FAILING[name]
    if name == "theme eject":
        assert _invoke("theme", "eject", "memo", in_tmp / "templates").exit_code == 0
    result = _invoke(*make_args(in_tmp))
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "\n  hint: " in result.stderr
    assert "Traceback" not in result.output


def test_serve_on_a_port_in_use_says_so(in_tmp: Path, write_brief: Callable[..., Path]) -> None:
    brief = write_brief(in_tmp)
    for port in _port_in_use():
        result = _invoke("serve", brief, "--port", str(port))
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
        assert "hint: is another program using the port?" in result.stderr


def test_messages_are_coloured_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.cli import command

    class Terminal:
        def isatty(self) -> bool:
            return True

    assert command.colour(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not command.colour(Terminal())
    assert not command.colour(object())
