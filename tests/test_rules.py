"""`briefing check`: each rule fires where it should, and only there."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefing.build import check
from briefing.cli import cli
from briefing.rules import RULES

REPO = Path(__file__).parent.parent
TODAY = dt.date(2026, 11, 25)
SOURCE = "The minister said the plan would work. Critics called it a gamble with public money."


def codes(path: Path) -> list[str]:
    return [f.code or "" for f in check(path, today=TODAY).findings]


def motive(**fields: Any) -> dict[str, Any]:
    return {"actor": "The minister", "motive": "Stay in office.", "basis": "stated",
            "confidence": "high", "evidence": [{"exact": "the plan would work"}], **fields}


def source(**fields: Any) -> dict[str, Any]:
    return {"id": "minister", "who": "The minister", "named": True, "kind": "official",
            "hand": "first", "reliability": "B", "credibility": 2, "supports": "The plan.",
            **fields}


@pytest.fixture
def make(tmp_path: Path, write_brief: Callable[..., Path]) -> Callable[..., Path]:
    """`make(stem="brief", **change)`: a brief with no findings, changed by `change`."""
    (tmp_path / "piece.txt").write_text(SOURCE, encoding="utf-8")
    clean = {
        "piece": {"source_text": "piece.txt", "published": "2015-10-01"},
        "motives": [motive()],
        "sourcing": [source()],
    }

    def write(stem: str = "brief", **change: Any) -> Path:
        return write_brief(tmp_path, stem, **{**clean, **change})

    return write


def test_a_clean_brief_has_no_findings(
    make: Callable[..., Path]
) -> None:
    assert codes(make()) == []


def test_example_brief_is_clean() -> None:
    assert codes(REPO / "content" / "fpif-russia-assad.yaml") == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"bluf": "word " * 41}, "BR001"),
        ({"key_judgments": [{"text": "word " * 60, "confidence": "low"} for _ in range(9)]},
         "BR002"),
        ({"key_judgments": [{"text": "A judgment."}]}, "JU001"),
        ({"key_judgments": [{"text": "We judge with high confidence that it is likely to fail.",
                             "confidence": "high"}]}, "JU002"),
        ({"key_judgments": [{"text": "It will fail.", "confidence": "high",
                             "likelihood": "likely"},
                            {"text": "It will pass.", "confidence": "low",
                             "likelihood": "improbable"}]}, "JU003"),
        ({"motives": [motive(evidence=[])]}, "MO001"),
        ({"sourcing": [source(named=False)]}, "SO001"),
        ({"motives": [motive(evidence=[{"exact": "the plan will work"}])]}, "QU001"),
        ({"key_judgments": [{"text": "J.", "confidence": "low", "sources": ["ministre"]}]},
         "ID001"),
        ({"key_judgments": [{"text": "J.", "confidence": "low", "quotes": ["q9"]}]}, "ID001"),
        ({"motives": [motive(evidence=[{"exact": "the plan would work", "source": "nobody"}])]},
         "ID001"),
        ({"sourcing": [source(), source()]}, "ID002"),
        ({"quotes": [{"id": "q1", "exact": "the plan"}, {"id": "q1", "exact": "a gamble"}]},
         "ID002"),
        ({"piece": {"source_text": "piece.txt", "published": "2027-01-01"}}, "DA001"),
        ({"meta": {"title": "T", "analyst": "A", "prepared": "2026-12-01"}}, "DA001"),
        ({"meta": {"title": "T", "analyst": "A", "prepared": "2015-09-01"}}, "DA002"),
    ],
)
def test_each_rule_fires(
    make: Callable[..., Path], change: dict[str, Any], code: str
) -> None:
    assert code in codes(make(**change))


def test_findings_point_at_the_offending_line(
    make: Callable[..., Path]
) -> None:
    path = make(motives=[motive(evidence=[{"exact": "no such words"}])])
    (finding,) = check(path, today=TODAY).findings
    line = path.read_text(encoding="utf-8").splitlines()[(finding.location.line or 0) - 1]
    assert "no such words" in line
    assert finding.hint and finding.hint.startswith("the closest passage is")


def test_likelihood_row_hint_names_the_counterpart(
    make: Callable[..., Path]
) -> None:
    kjs = [{"text": "A.", "confidence": "high", "likelihood": "likely"},
           {"text": "B.", "confidence": "high", "likelihood": "very likely"},
           {"text": "C.", "confidence": "low", "likelihood": "highly improbable"}]
    (finding,) = check(make(key_judgments=kjs), today=TODAY).findings
    assert finding.code == "JU003"
    assert "'very unlikely'" in (finding.hint or "")


def test_confidence_and_likelihood_in_separate_sentences_pass(
    make: Callable[..., Path]
) -> None:
    kjs = [{"text": "It is likely to fail. We hold this with moderate confidence.",
            "confidence": "moderate"}]
    assert "JU002" not in codes(make(key_judgments=kjs))


def test_anonymity_explained_passes(
    make: Callable[..., Path]
) -> None:
    explained = [source(named=False, anonymity="Not authorised to speak.")]
    assert codes(make(sourcing=explained)) == []


# The command line


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["check", *args])


def test_check_exit_codes_and_lines(
    tmp_path: Path, make: Callable[..., Path]
) -> None:
    good = make("good")
    assert run(str(good)).exit_code == 0

    warned = make("warned", motives=[motive(evidence=[])])
    result = run(str(warned))
    assert result.exit_code == 0
    assert f"{warned}:" in result.stdout and " MO001 warning: " in result.stdout
    assert run("--strict", str(warned)).exit_code == 1

    bad = make("bad", key_judgments=[{"text": "J."}])
    result = run(str(bad))
    assert result.exit_code == 1
    assert " JU001 error: key judgment 1 has no confidence level" in result.stdout

    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("piece: [\n", encoding="utf-8")
    assert run(str(invalid), str(bad)).exit_code == 2


def test_check_json_for_ci(
    make: Callable[..., Path]
) -> None:
    bad = make(key_judgments=[{"text": "J."}],
                      motives=[motive(evidence=[])])
    result = run("--format", "json", str(bad))
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert {f["code"] for f in found} == {"JU001", "MO001"}
    assert {f["severity"] for f in found} == {"error", "warning"}
    assert all(f["file"] == str(bad) and f["line"] > 0 and f["hint"] for f in found)


def test_build_refuses_on_errors_and_prints_warnings(
    tmp_path: Path, make: Callable[..., Path]
) -> None:
    out = tmp_path / "out"
    bad = make("bad", key_judgments=[{"text": "J."}])
    result = CliRunner().invoke(cli, ["build", str(bad), "--out", str(out), "--format", "html"])
    assert result.exit_code == 2
    assert "JU001 error" in result.stderr
    assert not (out / "bad.html").exists()

    warned = make("warned", motives=[motive(evidence=[])])
    args = ["build", str(warned), "--out", str(out), "--format", "html"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "MO001 warning" in result.stderr
    assert (out / "warned.html").exists()
    strict = CliRunner().invoke(cli, [*args, "--strict", "--force"])
    assert strict.exit_code == 2


def test_every_rule_is_documented() -> None:
    doc = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| {rule.code} | {rule.name} | {rule.severity.value} |" in doc
