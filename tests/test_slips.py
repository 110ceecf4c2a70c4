"""The small slips a careful reader notices, each fixed and held by a test.

Counts said in words ("1 error", not "1 error(s)"), the dek apart from the headline,
dates and grades never broken across lines, a label before every comment of the
critique, no hyphenation of short words, the preview's banner above the page and its
index by title, and a warning for a template that overrides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from briefing.wording import plural

# --- counts ----------------------------------------------------------------------------


def test_counts_are_said_in_words() -> None:
    assert [plural(n, "error") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert plural(3, "pass") == "3 passes"
    assert plural(2, "analysis", "analyses") == "2 analyses"


def test_check_says_one_error_not_error_s(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, key_judgments=[{"text": "The test judgment holds."}])
    result = run_cli("check", path.name)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines()[-1] == "1 error, 0 warnings"
    assert "(s)" not in result.output


def test_new_says_one_quote_not_quote_s(in_tmp: Path, run_cli: Callable[..., Result]) -> None:
    piece = in_tmp / "piece.txt"
    piece.write_text('He said "this is the one quote of the piece, said here" to a reporter.\n',
                     encoding="utf-8")
    result = run_cli("new", "one-quote", "--from", piece.name)
    assert result.exit_code == 0, result.output
    assert ": 1 quote and 0 draft sources to review;" in result.stdout
