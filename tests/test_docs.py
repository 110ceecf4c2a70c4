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


def test_schema_file_is_current() -> None:
    from briefing.schema import json_text

    written = (REPO / "schema" / "brief.schema.json").read_text(encoding="utf-8")
    assert written == json_text(), (
        "schema/brief.schema.json is stale: run `briefing schema > schema/brief.schema.json`"
    )


def test_every_brief_points_editors_at_the_schema() -> None:
    from briefing.schema import SCHEMA_LINE

    briefs = sorted((REPO / "content").glob("*.yaml"))
    assert briefs
    for brief in briefs:
        assert brief.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE, brief


def test_every_example_of_the_reference_is_valid() -> None:
    import yaml

    from briefing.model_types import all_models
    from briefing.reference import EXAMPLES

    models = all_models()
    assert sorted(m.__name__ for m in models) == sorted(EXAMPLES)
    for model in models:
        data = yaml.safe_load(EXAMPLES[model.__name__].replace("...", "x"))
        model.model_validate(data)


def test_the_limits_on_a_piece_are_the_ones_documented() -> None:
    from briefing.draft.reading import limits

    authoring = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    mib = 1024 * 1024
    for said in (f"| the file | {limits.MAX_FILE_BYTES // mib} MiB |",
                 f"| {limits.MAX_UNPACKED_BYTES // mib} MiB in all; {limits.MAX_MEMBERS:,} "
                 f"members; no member growing more than {limits.MAX_RATIO} times |",
                 f"| a PDF | {limits.MAX_PAGES} pages |",
                 f"| a web page | {limits.MAX_PAGE_ELEMENTS:,} elements, "
                 f"{limits.MAX_PAGE_TEXT_CHARS:,} characters of text |",
                 f"| the text of a piece | {limits.MAX_TEXT_CHARS:,} characters |"):
        assert said in authoring, f"docs/authoring.md should say {said!r}"
