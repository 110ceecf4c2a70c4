"""One "did you mean" for keys, values, ids, themes and file names."""

from __future__ import annotations

from pathlib import Path

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



def test_the_suggestion_is_made_in_every_place_that_guesses() -> None:
    """Keys, enum values, ids, themes and file names all ask did_you_mean."""
    import ast

    package = Path(__file__).resolve().parent.parent / "briefing"
    users = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        if "did_you_mean" in names:
            users.add(path.relative_to(package).as_posix())
        assert "get_close_matches" not in path.read_text(encoding="utf-8") or \
            path.name == "suggest.py", f"{path.name} guesses on its own: use did_you_mean"
    assert {"loader.py", "theme_lookup.py", "rules.py", "validate/keys.py",
            "validate/values.py"} <= users
