"""Template overrides: a folder of templates takes precedence, file by file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

import briefing

PACKAGE_TEMPLATES = Path(briefing.__file__).parent / "templates"
MARKER = "MARKER-7f3a: our own bottom line"
HEADING = "<h2>{{ _(\"Bottom line\") }}</h2>"
"""The bluf partial's heading, as the template writes it (through the catalogs)."""


def override_bluf(folder: Path, text: str | None = None) -> Path:
    """Copy partials/bluf.html.j2 into `folder`, with MARKER in its heading (or `text`)."""
    target = folder / "partials" / "bluf.html.j2"
    target.parent.mkdir(parents=True, exist_ok=True)
    original = (PACKAGE_TEMPLATES / "partials" / "bluf.html.j2").read_text(encoding="utf-8")
    assert HEADING in original
    if text is None:
        text = original.replace(HEADING, f"<h2>{MARKER}</h2>")
    target.write_text(text, encoding="utf-8")
    return target


def section(html: str, name: str) -> str:
    found = re.search(rf'<section class="{name}"[^>]*>.*?</section>', html, re.DOTALL)
    assert found, f"no <section class={name!r}> in the HTML"
    return found.group(0)


@pytest.fixture
def default_html(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> str:
    """The HTML of the small brief with the built-in templates only."""
    path = write_brief(in_tmp / "plain")
    result = run_cli("build", str(path), "--out", "plain-out", "--format", "html")
    assert result.exit_code == 0, result.output
    return (in_tmp / "plain-out" / "brief.html").read_text(encoding="utf-8")


def test_templates_option_overrides_one_partial(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result],
    default_html: str,
) -> None:
    override_bluf(in_tmp / "mine")
    path = write_brief(in_tmp)
    result = run_cli(
        "build", path.name, "--out", "out", "--format", "html", "--templates", "mine"
    )
    assert result.exit_code == 0, result.output
    html = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    bluf = section(html, "bluf")
    assert MARKER in bluf
    assert "Bottom line" not in bluf.replace(MARKER, "")
    assert "The bottom line of this test brief" in bluf
    # Everything else is as the built-in templates make it.
    assert html.replace(MARKER, "Bottom line") == default_html
    for name in ("masthead", "judgments"):
        assert f'class="{name}"' in html


def test_override_reaches_the_pdf(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result], pdf: Any
) -> None:
    override_bluf(in_tmp / "mine")
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--format", "pdf", "--templates", "mine")
    assert result.exit_code == 0, result.output
    text = pdf.text(in_tmp / "out" / "brief.pdf")
    assert "MARKER-7F3A" in text.upper()  # h2 headings are set in capitals


def test_templates_folder_in_working_directory_is_used_by_default(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    override_bluf(in_tmp / "templates")
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    assert MARKER in section((in_tmp / "out" / "brief.html").read_text(encoding="utf-8"), "bluf")


def test_without_templates_folder_the_builtin_ones_are_used(
    default_html: str,
) -> None:
    assert MARKER not in default_html
    assert "<h2>Bottom line</h2>" in section(default_html, "bluf")


def test_changing_an_override_rebuilds(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    override_bluf(in_tmp / "templates")
    path = write_brief(in_tmp)
    assert run_cli("build", path.name, "--out", "out", "--format", "html").exit_code == 0
    assert "up to date" in run_cli("build", path.name, "--out", "out", "--format", "html").stdout
    override_bluf(in_tmp / "templates").write_text(
        '<section class="bluf" data-section="bluf"><h2>Changed heading</h2></section>\n',
        encoding="utf-8",
    )
    result = run_cli("build", path.name, "--out", "out", "--format", "html")
    assert "wrote" in result.stdout
    assert "Changed heading" in (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")


def test_template_syntax_error_names_file_and_line(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    override_bluf(
        in_tmp / "mine",
        '<section class="bluf" data-section="bluf">\n'
        "  <h2>Bottom line</h2>\n"
        "  {% if brief.bluf %}\n"
        "  <p>{{ brief.bluf }</p>\n"
        "</section>\n",
    )
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--templates", "mine")
    assert result.exit_code == 2
    where = re.search(r"(\S*bluf\.html\.j2):(\d+):\d+: error: template error", result.stderr)
    assert where, result.stderr
    assert Path(where.group(1)).resolve() == (in_tmp / "mine" / "partials" / "bluf.html.j2")
    assert int(where.group(2)) == 4
    assert "Traceback" not in result.output
    assert not (in_tmp / "out" / "brief.pdf").exists()
    assert not (in_tmp / "out" / "brief.html").exists()


def test_undefined_variable_in_override_names_the_file(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    override_bluf(
        in_tmp / "mine",
        '<section class="bluf" data-section="bluf">\n'
        "  <h2>Bottom line</h2>\n"
        "  <p>{{ brief.bottom_line }}</p>\n"
        "</section>\n",
    )
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--templates", "mine")
    assert result.exit_code == 2
    where = re.search(r"(\S*bluf\.html\.j2):(\d+):\d+: error: template error", result.stderr)
    assert where, result.stderr
    assert Path(where.group(1)).resolve() == (in_tmp / "mine" / "partials" / "bluf.html.j2")
    assert int(where.group(2)) == 3
    assert "bottom_line" in result.stderr
    assert "Traceback" not in result.output
    assert not (in_tmp / "out").exists() or not list((in_tmp / "out").glob("brief.*"))


def test_undefined_variable_fails_html_only_builds_too(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    override_bluf(in_tmp / "templates", "<p>{{ nowhere_defined }}</p>\n")
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--format", "html")
    assert result.exit_code == 2
    assert "nowhere_defined" in result.stderr
    assert re.search(r"bluf\.html\.j2:1:\d+: error:", result.stderr), result.stderr


def test_missing_included_template_is_an_input_error(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    override_bluf(in_tmp / "mine", '{% include "partials/nonexistent.html.j2" %}\n')
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--format", "html", "--templates", "mine")
    assert result.exit_code == 2
    assert "partials/nonexistent.html.j2" in result.stderr
    assert "Traceback" not in result.output


def test_templates_option_must_name_an_existing_folder(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--templates", "no-such-folder")
    assert result.exit_code == 2
    assert "no-such-folder" in result.stderr
    assert not (in_tmp / "out").exists()
