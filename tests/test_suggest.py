"""One "did you mean" for keys, values, ids, themes and file names."""

from __future__ import annotations

from briefing.suggest import did_you_mean


def test_a_near_miss_is_found() -> None:
    assert did_you_mean("hgih", ["low", "moderate", "high"]) == "high"


def test_case_and_spaces_are_ignored_and_the_choice_is_given_as_written() -> None:
    assert did_you_mean(" Stated ", ["stated", "inferred"]) == "stated"
    assert did_you_mean("b", ["A", "B", "C"]) == "B"
    assert did_you_mean("SHET", ["memo", "sheet"]) == "sheet"


def test_nothing_close_gives_none() -> None:
    assert did_you_mean("zebra", ["low", "moderate", "high"]) is None
    assert did_you_mean("x", []) is None


def test_the_cutoff_is_the_similarity_needed() -> None:
    assert did_you_mean("publshed", ["published"], cutoff=0.75) == "published"
    assert did_you_mean("notes", ["dek", "outlet", "url"], cutoff=0.75) is None

