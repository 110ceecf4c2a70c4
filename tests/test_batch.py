"""Many briefs in one call: all built, in parallel, one failure does not stop the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from briefing.cli import cli


@pytest.fixture
def folder(tmp_path: Path, write_brief: Callable[..., Path]) -> Path:
    briefs = tmp_path / "briefs"
    for i in range(4):
        write_brief(briefs, stem=f"brief-{i}", bluf=f"Bottom line number {i}.")
    return briefs


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_builds_in_one_call(folder: Path, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "--jobs", jobs])
    assert result.exit_code == 0, result.output
    for i in range(4):
        reader = pypdf.PdfReader(out / f"brief-{i}.pdf")
        assert f"Bottom line number {i}." in reader.pages[0].extract_text()
        assert (out / f"brief-{i}.html").is_file()
    assert "4 briefs: 4 built" in result.stderr

    again = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "--jobs", jobs])
    assert again.exit_code == 0
    assert "4 briefs: 4 up to date" in again.stderr


def test_one_failing_brief_does_not_stop_the_others(folder: Path, tmp_path: Path) -> None:
    (folder / "brief-1.yaml").write_text("piece: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "--jobs", "2",
                                      "--format", "html"])
    assert result.exit_code == 2
    assert "brief-1.yaml:" in result.stderr
    assert sorted(p.name for p in out.glob("*.html")) == [
        "brief-0.html", "brief-2.html", "brief-3.html"]
    assert "4 briefs: 3 built, 1 failed" in result.stderr


def test_plain_lines_when_not_on_a_terminal(folder: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"),
                                      "--format", "html", "--jobs", "2"])
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and all(": wrote " in line for line in lines)
    assert "Building" not in result.output  # no progress bar in a log
