"""`briefing doctor`, and what a build says when a system library is missing."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli


def test_doctor_reports_a_complete_machine() -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    for line in ("Pango 1.44 or later", "HarfBuzz subset", "WeasyPrint 70", "Bundled fonts"):
        assert line in result.output
    assert "Everything briefing needs is here." in result.output


@pytest.fixture
def no_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ctypes.CDLL

    def cdll(name: str, *args: object, **kwargs: object) -> ctypes.CDLL:
        if "pango-1.0" in name:
            raise OSError(f"{name}: cannot open shared object file")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ctypes, "CDLL", cdll)


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
