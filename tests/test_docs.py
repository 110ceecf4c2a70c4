"""The documentation that is generated from the code is current."""

from pathlib import Path

from briefing import reference

REPO = Path(__file__).parent.parent


def test_format_reference_is_current() -> None:
    written = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    assert written == reference.markdown(), (
        "docs/format.md is stale: run `python -m briefing.reference > docs/format.md`"
    )


def test_readme_shows_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make brief" in readme and "make test" in readme
    for package in ("libpango-1.0-0", "libharfbuzz-subset0"):
        assert package in readme
