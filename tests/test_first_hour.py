"""A newcomer's first hour: after `make brief`, how to run `briefing`, and Tab completion.

`make brief` installs `briefing` in `.venv`, which is not on the PATH: the README's
first screen and the last line of `make brief` both say how to run it. The completion
scripts the README shows are the ones the `briefing` program prints.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
WAYS = (".venv/bin/briefing --help", "source .venv/bin/activate", "pipx install .")
"""The three ways to run briefing after `make brief`."""


def first_screen(text: str) -> str:
    """The README up to its first section after "Two commands": what a newcomer reads."""
    start = text.index("## Two commands")
    return text[start : text.index("\n## ", start + 1)]


def test_the_readme_says_how_to_run_briefing_after_make_brief() -> None:
    screen = first_screen(README)
    assert screen.index("make brief") < min(screen.index(way) for way in WAYS)
    for way in WAYS:
        assert way in screen, way


OUTSIDE_MAKE = {key: value for key, value in os.environ.items()
                if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
"""The environment of a user's shell: under `make test`, a make run by a test would
otherwise print "Leaving directory" lines after the user's last line."""


def executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def briefing_program(folder: Path) -> Path:
    """A `briefing` command in `folder`, as the console script runs this checkout."""
    folder.mkdir(parents=True, exist_ok=True)
    # -P: the folder it runs in never shadows the package.
    executable(folder / "briefing", f"#!/bin/sh\nPYTHONPATH={REPO} exec {sys.executable} -P -c "
               "'import sys; sys.argv[0] = \"briefing\"; from briefing.cli import main; main()' "
               '"$@"\n')
    return folder / "briefing"


def test_make_brief_ends_by_saying_how_to_run_briefing(
    tmp_path: Path, write_brief: Callable[..., Path], require: Callable[[bool, str, str], None]
) -> None:
    require(shutil.which("make") is not None, "make", "sudo apt-get install -y make")
    # A checkout whose .venv is installed: the system check and the build are real.
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path)
    (tmp_path / "briefing").mkdir()
    for module in ("doctor.py", "fonts.py"):
        shutil.copy(REPO / "briefing" / module, tmp_path / "briefing")
    (tmp_path / "briefing" / "__init__.py").touch()
    bin_dir = tmp_path / ".venv" / "bin"
    briefing_program(bin_dir)
    executable(bin_dir / "python", f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    (tmp_path / ".venv" / ".installed").touch()
    write_brief(tmp_path / "content")

    for run in ("first", "again, with nothing to build"):
        result = subprocess.run(["make", "brief", f"PYTHON={sys.executable}"], cwd=tmp_path,
                                capture_output=True, text=True, timeout=120, env=OUTSIDE_MAKE)
        assert result.returncode == 0, (run, result.stdout, result.stderr)
        last = result.stdout.strip().splitlines()[-1]
        for way in (".venv/bin/briefing", "source .venv/bin/activate", "pipx install ."):
            assert way in last, (run, last)
    assert (tmp_path / "build" / "brief.pdf").is_file()


# --- shell completion --------------------------------------------------------------------

SHELLS = ("bash", "zsh", "fish")


def completion(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the `briefing` program with `env` added, as a shell's completion does."""
    program = briefing_program(tmp_path / "bin")
    return subprocess.run([str(program)], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("shell", SHELLS)
def test_the_readme_shows_the_completion_line_that_works(shell: str, tmp_path: Path) -> None:
    shown = re.search(rf"_BRIEFING_COMPLETE=({shell}_source) briefing", README)
    assert shown, f"the README shows no completion line for {shell}"
    result = completion(tmp_path, {"_BRIEFING_COMPLETE": shown[1]})
    assert result.returncode == 0, result.stderr
    assert "_BRIEFING_COMPLETE" in result.stdout and "briefing" in result.stdout


def test_bash_completes_commands_and_options(
    tmp_path: Path, require: Callable[[bool, str, str], None]
) -> None:
    """The bash script, sourced as ~/.bashrc would, completes on Tab."""
    require(shutil.which("bash") is not None, "bash", "sudo apt-get install -y bash")
    script = completion(tmp_path, {"_BRIEFING_COMPLETE": "bash_source"}).stdout
    (tmp_path / "complete.bash").write_text(script, encoding="utf-8")
    typed = {"briefing bu": ["build"], "briefing build --fo": ["--force", "--format"]}
    for line, expected in typed.items():
        words = line.split()
        session = (f"source {tmp_path / 'complete.bash'}\n"
                   f"COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}\n"
                   "_briefing_completion briefing\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
        result = subprocess.run(["bash", "--norc", "--noprofile"], input=session,
                                capture_output=True, text=True, timeout=60,
                                env={**os.environ, "PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin"})
        assert sorted(result.stdout.split()) == expected, (line, result.stdout, result.stderr)
