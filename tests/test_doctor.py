"""`briefing doctor`, and what a build says when a system library is missing."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import doctor
from briefing.cli import cli

REPO = Path(__file__).resolve().parent.parent
HIDDEN = Path(__file__).with_name("hidden_library.py")


@pytest.mark.harfbuzz_subset
def test_doctor_reports_a_complete_machine() -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    for line in ("Pango 1.44 or later", "HarfBuzz subset", "WeasyPrint 70", "Bundled fonts"):
        assert line in result.output
    assert "Everything briefing needs is here." in result.output


def hide_library(monkeypatch: pytest.MonkeyPatch, fragment: str) -> None:
    """Fail every ctypes load of a library whose name holds `fragment`, in this test."""
    real = ctypes.CDLL

    def cdll(name: str, *args: object, **kwargs: object) -> ctypes.CDLL:
        if fragment in name:
            raise OSError(f"{name}: cannot open shared object file")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ctypes, "CDLL", cdll)


@pytest.fixture
def no_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    hide_library(monkeypatch, "pango-1.0")


@pytest.mark.usefixtures("no_pango")
def test_doctor_names_the_gap_and_its_fix() -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert "MISSING Pango 1.44 or later (text layout): not found" in result.output
    assert "fix: sudo apt-get install -y libpango-1.0-0" in result.output


@pytest.mark.usefixtures("no_pango")
def test_build_points_to_doctor_instead_of_an_import_error(
    tmp_path: Path, write_brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = write_brief(tmp_path)
    result = CliRunner().invoke(cli, ["build", str(brief), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "the PDF engine cannot start: missing Pango" in result.stderr
    assert "libpango-1.0-0" in result.stderr and "briefing doctor" in result.stderr
    assert "Traceback" not in result.output
    html_only = CliRunner().invoke(
        cli, ["build", str(brief), "--out", str(tmp_path / "out"), "--format", "html"]
    )
    assert html_only.exit_code == 0


# --- the system check that `make brief` and `make test` run first ----------------------------


def bare_python(library: str, *args: str) -> list[str]:
    """A command running Python as a fresh machine has it (no site-packages: -S), with
    `library` hidden and the package `briefing` found without its __init__.py."""
    return [sys.executable, "-S", str(HIDDEN), "--bare", library, *args]


def run(command: list[str], cwd: Path = REPO) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60,
                            check=False)
    return result, time.monotonic() - started


def test_the_system_check_needs_only_the_standard_library() -> None:
    result, _ = run(bare_python("nothing", "-c", "import sys, briefing.doctor; "
                                "print(sorted(m for m in sys.modules if 'briefing' in m))"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["['briefing',", "'briefing.doctor',", "'briefing.fonts']"]


def test_the_system_check_stops_at_once_with_the_install_line() -> None:
    result, seconds = run(bare_python("pango", "-m", "briefing.doctor", "--system"))
    assert result.returncode == 1
    assert seconds < 5
    lines = result.stderr.splitlines()
    assert ("error: Pango 1.44 or later (text layout): missing; PDF briefs cannot be built; "
            "install it: sudo apt-get install -y libpango-1.0-0") in lines
    assert "all at once: sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0" in lines
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_the_system_check_notes_a_missing_recommended_library_and_goes_on() -> None:
    result, _ = run(bare_python("harfbuzz-subset", "-m", "briefing.doctor", "--system"))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "note: HarfBuzz subset (libharfbuzz-subset0): missing; PDFs are the same without it "
        "(briefing subsets its fonts itself), but WeasyPrint's next versions will not start "
        "without it; install it: sudo apt-get install -y libharfbuzz-subset0"]


@pytest.mark.harfbuzz_subset
def test_the_system_check_is_quiet_on_a_complete_machine() -> None:
    result, _ = run(bare_python("nothing", "-m", "briefing.doctor", "--system"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def checkout(folder: Path, require: Callable[[bool, str, str], None]) -> list[str]:
    """A checkout in `folder` as far as the system check goes (the package's __init__.py
    is not needed by it); the `make` arguments that run the check with Pango hidden."""
    require(shutil.which("make") is not None, "make", "sudo apt-get install -y make")
    shutil.copy(REPO / "Makefile", folder)
    shutil.copy(REPO / "pyproject.toml", folder)
    (folder / "briefing").mkdir()
    for module in ("doctor.py", "fonts.py"):
        shutil.copy(REPO / "briefing" / module, folder / "briefing")
    (folder / "briefing" / "__init__.py").touch()
    return [f"PYTHON={' '.join(bare_python('pango'))}"]


@pytest.mark.parametrize("target", ["brief", "test"])
def test_make_checks_the_system_before_it_installs_anything(
    target: str, tmp_path: Path, require: Callable[[bool, str, str], None]
) -> None:
    result, seconds = run(["make", target, *checkout(tmp_path, require)], cwd=tmp_path)
    assert result.returncode != 0
    assert seconds < 10
    assert "install it: sudo apt-get install -y libpango-1.0-0" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_make_checks_the_system_before_a_build_but_not_when_nothing_changed(
    tmp_path: Path, require: Callable[[bool, str, str], None]
) -> None:
    # Installed and built once: a .venv whose Python would fail if run, and a stamp of
    # the last build newer than every input.
    args = checkout(tmp_path, require)
    (tmp_path / "content").mkdir()
    brief = tmp_path / "content" / "piece.yaml"
    brief.write_text("title: a piece\n", encoding="utf-8")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").write_text("#!/bin/sh\nexit 3\n")
    (tmp_path / ".venv" / "bin" / "python").chmod(0o755)
    (tmp_path / "build").mkdir()
    for stamp in (tmp_path / ".venv" / ".installed", tmp_path / "build" / ".made"):
        stamp.touch()
    made = time.time() + 60
    for path in (tmp_path / ".venv" / ".installed", tmp_path / "build" / ".made"):
        os.utime(path, (made, made))

    result, _ = run(["make", "brief", *args], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Briefs are in build/." in result.stdout and "libpango" not in result.stderr

    os.utime(brief, (made + 60, made + 60))  # the brief edited since
    result, seconds = run(["make", "brief", *args], cwd=tmp_path)
    assert result.returncode != 0 and seconds < 10
    assert "install it: sudo apt-get install -y libpango-1.0-0" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "build" / ".made").stat().st_mtime == made


def test_a_build_notes_a_missing_recommended_library_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hide_library(monkeypatch, "harfbuzz-subset")
    monkeypatch.delenv(doctor.NOTED, raising=False)
    doctor.note_missing()
    doctor.note_missing()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].endswith("sudo apt-get install -y libharfbuzz-subset0")
