"""Validation errors point at the line and column of the problem and say how to fix it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from briefing.errors import InputError
from briefing.loader import load
from briefing.validate import validate

GOOD = """\
piece:
  headline: A headline
  outlet: An outlet
  genre: news
meta:
  title: A title
  analyst: An analyst
  prepared: 2024-01-02
bluf: The bottom line.
key_judgments:
  - text: First.
    confidence: high
  - text: Second.
    confidence: low
"""


def errors_of(tmp_path: Path, text: str) -> tuple[Path, InputError]:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        validate(load(path))
    return path, exc.value


def test_good_brief_validates(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert [kj.text for kj in validate(load(path)).key_judgments] == ["First.", "Second."]


def test_error_is_mapped_to_its_line_and_column(tmp_path: Path) -> None:
    text = GOOD.replace("    confidence: low", "    confidence: 42")
    path, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert (diag.location.file, diag.location.line, diag.location.column) == (path, 14, 17)
    assert "key_judgments.1.confidence" in diag.message
    formatted = exc.format()
    assert formatted.startswith(f"{path}:14:17: error: ")
    # The excerpt shows the offending line with a caret under the column.
    assert "  14 |     confidence: 42\n" in formatted
    caret_line = formatted.splitlines()[2]
    assert caret_line.endswith("^")
    assert caret_line.index("^") == formatted.splitlines()[1].index("42")


def test_wrong_type_is_mapped_to_its_value(tmp_path: Path) -> None:
    text = GOOD.replace("  title: A title", "  title: [not, a, string]")
    path, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert (diag.location.file, diag.location.line, diag.location.column) == (path, 6, 10)
    assert "meta.title" in diag.message


def test_missing_field_names_the_key_and_a_hint(tmp_path: Path) -> None:
    text = GOOD.replace("  analyst: An analyst\n", "")
    path, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert diag.location.file == path
    assert "'analyst' is missing in 'meta'" in diag.message
    assert diag.hint is not None
    assert "add 'analyst:'" in diag.hint
    # Placed at the block the key belongs in.
    assert (diag.location.line, diag.location.column) == (5, 1)
    assert "hint: add 'analyst:'" in exc.format()


def test_missing_enum_field_hint_lists_choices(tmp_path: Path) -> None:
    text = GOOD.replace("  genre: news\n", "")
    _, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert "'genre' is missing in 'piece'" in diag.message
    assert diag.hint is not None
    for choice in ("news", "analysis", "opinion"):
        assert choice in diag.hint


def test_missing_top_level_section(tmp_path: Path) -> None:
    text = GOOD.replace("bluf: The bottom line.\n", "")
    _, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert "'bluf' is missing" in diag.message
    assert diag.hint is not None
    assert "add 'bluf:'" in diag.hint


def test_unknown_key_near_miss_gets_did_you_mean(tmp_path: Path) -> None:
    text = GOOD.replace("  headline: A headline", "  headline: A headline\n  headlin: B")
    path, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert diag.location.file == path
    assert "unknown key 'headlin'" in diag.message
    assert diag.hint is not None
    assert "did you mean 'headline'?" in diag.hint
    assert (diag.location.line, diag.location.column) == (3, 3)


def test_unknown_key_far_from_any_lists_allowed_keys(tmp_path: Path) -> None:
    text = GOOD.replace("  title: A title", "  title: A title\n  zzzzzz: 1")
    _, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert diag.hint is not None
    assert "did you mean" not in diag.hint
    assert "allowed here: title, analyst, prepared" in diag.hint


def test_unknown_key_in_nested_list_item(tmp_path: Path) -> None:
    text = GOOD.replace("    confidence: low", "    confidence: low\n    sorces: [a]")
    _, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert diag.location.line == 15
    assert diag.hint is not None
    assert "did you mean 'sources'?" in diag.hint


def test_unknown_key_message_names_the_block_it_is_in(tmp_path: Path) -> None:
    text = GOOD.replace("  headline: A headline", "  headline: A headline\n  headlin: B")
    _, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert "'piece.headlin'" not in diag.message
    assert "in 'piece'" in diag.message


def test_bad_enum_value_gets_did_you_mean(tmp_path: Path) -> None:
    text = GOOD.replace("    confidence: high", "    confidence: hgih")
    path, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert diag.hint == "did you mean 'high'?"
    assert "'low', 'moderate' or 'high'" in diag.message
    assert "'hgih'" in diag.message
    assert (diag.location.line, diag.location.column) == (12, 17)
    assert f"{path}:12:17: error:" in exc.format()


def test_enum_value_far_from_any_gets_no_guess(tmp_path: Path) -> None:
    text = GOOD.replace("  genre: news", "  genre: zzzz")
    _, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert "did you mean" not in (diag.hint or "")
    assert "'opinion'" in diag.message


def test_all_errors_are_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("  headline: A headline", "  headlin: A headline").replace(
        "    confidence: low", "    confidence: hgih"
    )
    path, exc = errors_of(tmp_path, text)
    # The misspelt key is said once (not also as "'headline' is missing"); the enum once.
    assert len(exc.diagnostics) == 2, exc.format()
    assert [d.location.line for d in exc.diagnostics] == [2, 14]
    formatted = exc.format()
    assert f"{path}:2:3: error: unknown key 'headlin'" in formatted
    assert "hint: did you mean 'headline'? It is required and missing." in formatted
    assert f"{path}:14:17: error:" in formatted


def test_two_errors_give_two_diagnostics(tmp_path: Path) -> None:
    text = GOOD.replace("    confidence: high", "    confidence: hgih").replace(
        "  genre: news", "  genre: opinon"
    )
    path, exc = errors_of(tmp_path, text)
    assert len(exc.diagnostics) == 2, exc.format()
    assert [(d.location.line, d.hint) for d in exc.diagnostics] == [
        (4, "did you mean 'opinion'?"),
        (12, "did you mean 'high'?"),
    ]
    assert exc.format().count(f"{path}:") == 2


def test_all_errors_reach_the_command_line(
    in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    text = GOOD.replace("    confidence: high", "    confidence: hgih").replace(
        "  genre: news", "  genre: opinon"
    )
    (in_tmp / "two.yaml").write_text(text, encoding="utf-8")
    result = run_cli("build", "two.yaml", "--out", "out")
    assert result.exit_code == 2
    assert "two.yaml:4:10: error:" in result.stderr
    assert "two.yaml:12:17: error:" in result.stderr
    assert "Traceback" not in result.output
    assert not (in_tmp / "out" / "two.pdf").exists()


def test_impossible_date_is_a_located_input_error(
    in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    (in_tmp / "date.yaml").write_text(
        GOOD.replace("prepared: 2024-01-02", "prepared: 2024-13-01"), encoding="utf-8"
    )
    result = run_cli("build", "date.yaml", "--out", "out")
    assert result.exit_code == 2
    assert "date.yaml:8:" in result.stderr
    assert "unexpected failure" not in result.stderr


@pytest.mark.parametrize("written", ["2", '"2"'])
def test_credibility_may_be_written_with_or_without_quotes(tmp_path: Path, written: str) -> None:
    text = GOOD + (
        "sourcing:\n"
        "  - id: reuters\n"
        "    who: Reuters\n"
        "    named: true\n"
        "    kind: news report\n"
        "    hand: second\n"
        "    reliability: B\n"
        f"    credibility: {written}\n"
        "    supports: The facts.\n"
    )
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    assert validate(load(path)).sourcing[0].grade == "B2"


def test_bad_credibility_is_mapped_to_its_line(tmp_path: Path) -> None:
    text = GOOD + (
        "sourcing:\n"
        "  - id: reuters\n"
        "    who: Reuters\n"
        "    named: true\n"
        "    kind: news report\n"
        "    hand: second\n"
        "    reliability: B\n"
        "    credibility: 9\n"
        "    supports: The facts.\n"
    )
    path, exc = errors_of(tmp_path, text)
    [diag] = exc.diagnostics
    assert (diag.location.file, diag.location.line, diag.location.column) == (path, 22, 18)
    assert "sourcing.0.credibility" in diag.message
