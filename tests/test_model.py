"""The content model: what a brief may and may not contain."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from briefing.loader import load
from briefing.model import (
    LIKELIHOOD_ROWS,
    Brief,
    Confidence,
    Credibility,
    Genre,
    KeyJudgment,
    Likelihood,
    Motive,
    Piece,
    Quote,
    Reliability,
    Source,
    Strength,
)
from briefing.validate import validate

MINIMAL: dict[str, Any] = {
    "piece": {"headline": "A headline", "outlet": "An outlet", "genre": "news"},
    "meta": {"title": "A title", "analyst": "An analyst", "prepared": "2024-01-02"},
    "bluf": "The bottom line.",
    "key_judgments": [{"text": "A judgment.", "confidence": "high"}],
}

SOURCE: dict[str, Any] = {
    "id": "reuters",
    "who": "Reuters",
    "named": True,
    "kind": "news report",
    "hand": "second",
    "reliability": "B",
    "credibility": 2,
    "supports": "The facts.",
}


def brief(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


def test_minimal_brief_is_valid() -> None:
    b = Brief.model_validate(MINIMAL)
    assert b.piece.genre is Genre.NEWS
    assert b.meta.prepared == dt.date(2024, 1, 2)
    assert b.meta.language == "en"
    assert b.key_judgments[0].confidence is Confidence.HIGH


@pytest.mark.parametrize(
    "where",
    ["top", "piece", "meta", "judgment"],
)
def test_unknown_keys_are_rejected(where: str) -> None:
    data = brief()
    target = {
        "top": data,
        "piece": data["piece"],
        "meta": data["meta"],
        "judgment": data["key_judgments"][0],
    }[where]
    target["colour"] = "blue"
    with pytest.raises(ValidationError) as info:
        Brief.model_validate(data)
    errors = info.value.errors()
    assert [e["type"] for e in errors] == ["extra_forbidden"]
    assert errors[0]["loc"][-1] == "colour"


def test_unknown_key_in_a_quote_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        Quote.model_validate({"exact": "words", "page": 3})
    assert info.value.errors()[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize("value", ["low", "moderate", "high"])
def test_confidence_accepts_icd_203_terms(value: str) -> None:
    kj = KeyJudgment.model_validate({"text": "x", "confidence": value})
    assert kj.confidence == Confidence(value)


@pytest.mark.parametrize("value", ["medium", "High", "certain", "", 3])
def test_confidence_rejects_other_values(value: Any) -> None:
    with pytest.raises(ValidationError):
        KeyJudgment.model_validate({"text": "x", "confidence": value})


@pytest.mark.parametrize(
    "value",
    ["news", "analysis", "opinion", "editorial", "feature", "interview", "report", "other"],
)
def test_genre_accepts_its_values(value: str) -> None:
    assert Piece.model_validate({"headline": "h", "outlet": "o", "genre": value}).genre == value


@pytest.mark.parametrize("value", ["blog", "op-ed", "Opinion"])
def test_genre_rejects_other_values(value: str) -> None:
    with pytest.raises(ValidationError):
        Piece.model_validate({"headline": "h", "outlet": "o", "genre": value})


@pytest.mark.parametrize("value", list("ABCDEF"))
def test_reliability_accepts_a_to_f(value: str) -> None:
    assert Source.model_validate({**SOURCE, "reliability": value}).reliability == value


@pytest.mark.parametrize("value", ["G", "a", "AB", "1"])
def test_reliability_rejects_other_values(value: str) -> None:
    with pytest.raises(ValidationError):
        Source.model_validate({**SOURCE, "reliability": value})


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5, 6, "1", "6"])
def test_credibility_accepts_1_to_6(value: int | str) -> None:
    credibility = Source.model_validate({**SOURCE, "credibility": value}).credibility
    assert credibility == Credibility(int(value))


@pytest.mark.parametrize("value", [0, 7, "0", "7", "B", "12", 2.5])
def test_credibility_rejects_other_values(value: Any) -> None:
    with pytest.raises(ValidationError):
        Source.model_validate({**SOURCE, "credibility": value})


def test_source_grade_joins_reliability_and_credibility() -> None:
    source = Source.model_validate(SOURCE)
    assert source.grade == "B2"
    assert Source.model_validate({**SOURCE, "reliability": "F", "credibility": 6}).grade == "F6"


def test_grade_meanings_in_words() -> None:
    assert Reliability.B.meaning == "usually reliable"
    assert Reliability.F.meaning == "reliability cannot be judged"
    assert Credibility(2).meaning == "probably true"
    assert Credibility(6).meaning == "truth cannot be judged"


# ICD 203's two rows of likelihood terms and the probability each stands for.
ICD_203 = [
    ("almost no chance", "remote", "1-5%"),
    ("very unlikely", "highly improbable", "5-20%"),
    ("unlikely", "improbable", "20-45%"),
    ("roughly even chance", "roughly even odds", "45-55%"),
    ("likely", "probable", "55-80%"),
    ("very likely", "highly probable", "80-95%"),
    ("almost certain", "nearly certain", "95-99%"),
]


@pytest.mark.parametrize(("first", "second", "probability"), ICD_203)
def test_likelihood_row_and_probability(first: str, second: str, probability: str) -> None:
    assert Likelihood(first).row == 0
    assert Likelihood(second).row == 1
    assert Likelihood(first).probability == probability
    assert Likelihood(second).probability == probability


def test_every_likelihood_term_has_a_row() -> None:
    """JU003 reads the rows from LIKELIHOOD_ROWS: a new term must be given its place."""
    assert set(LIKELIHOOD_ROWS) == set(Likelihood)
    places = list(LIKELIHOOD_ROWS.values())
    assert len(set(places)) == len(places), "two terms share a row and a probability"
    probabilities = {probability for _, probability in places}
    for row in (0, 1):
        assert {p for r, p in places if r == row} == probabilities, f"row {row} has a gap"


@pytest.mark.parametrize("term", list(Likelihood))
def test_each_term_has_its_counterpart_in_the_other_row(term: Likelihood) -> None:
    other = term.in_row(1 - term.row)
    assert (other.row, other.probability) == (1 - term.row, term.probability)
    assert term.in_row(term.row) is term
    assert {term.value, other.value} in [{first, second} for first, second, _ in ICD_203]


def test_likelihood_is_optional_and_checked() -> None:
    assert KeyJudgment.model_validate({"text": "x", "confidence": "low"}).likelihood is None
    kj = KeyJudgment.model_validate({"text": "x", "confidence": "low", "likelihood": "likely"})
    assert kj.likelihood is Likelihood.LIKELY
    with pytest.raises(ValidationError):
        KeyJudgment.model_validate({"text": "x", "confidence": "low", "likelihood": "maybe"})


def test_author_and_published_are_optional() -> None:
    piece = Piece.model_validate({"headline": "h", "outlet": "o", "genre": "opinion"})
    assert piece.author is None
    assert piece.published is None
    dated = Piece.model_validate(
        {"headline": "h", "outlet": "o", "genre": "opinion", "author": "A. Writer",
         "published": "2016-07-01"}
    )
    assert dated.author == "A. Writer"
    assert dated.published == dt.date(2016, 7, 1)


@pytest.mark.parametrize("field", ["headline", "outlet", "genre"])
def test_piece_requires_headline_outlet_genre(field: str) -> None:
    data = {"headline": "h", "outlet": "o", "genre": "news"}
    del data[field]
    with pytest.raises(ValidationError) as info:
        Piece.model_validate(data)
    assert info.value.errors()[0]["type"] == "missing"
    assert info.value.errors()[0]["loc"] == (field,)


def test_blank_text_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Brief.model_validate(brief(bluf="   "))


def test_at_least_one_key_judgment() -> None:
    with pytest.raises(ValidationError):
        Brief.model_validate(brief(key_judgments=[]))


def test_quote_is_an_object() -> None:
    motive = {"actor": "Russia", "motive": "Bases.", "basis": "stated", "confidence": "high"}
    ok = Motive.model_validate({**motive, "evidence": [{"exact": "naval base"}]})
    assert ok.evidence == [Quote(exact="naval base")]
    with pytest.raises(ValidationError):
        Motive.model_validate({**motive, "evidence": ["naval base"]})
    with pytest.raises(ValidationError):
        Strength.model_validate({"point": "Good.", "quote": "naval base"})
    with pytest.raises(ValidationError):
        Source.model_validate({**SOURCE, "quotes": ["a bare string"]})


def test_quotes_lists_every_quote_with_its_path() -> None:
    def q(text: str) -> dict[str, str]:
        return {"exact": text}

    data = brief(
        motives=[
            {"actor": "A", "motive": "m", "basis": "stated", "confidence": "high",
             "evidence": [q("m0e0"), q("m0e1")]},
            {"actor": "B", "motive": "m", "basis": "inferred", "confidence": "low"},
            {"actor": "C", "motive": "m", "basis": "inferred", "confidence": "low",
             "evidence": [q("m2e0")]},
        ],
        sourcing=[{**SOURCE, "quotes": [q("s0q0")]}],
        critique={
            "strengths": [{"point": "p"}, {"point": "p", "quote": q("st1")}],
            "factual_errors": [{"claim": q("fe0"), "correction": "c"}],
            "unsupported_claims": [{"claim": q("uc0"), "issue": "i"}],
            "rhetoric": [{"device": "d", "quote": q("rh0"), "effect": "e"}],
        },
    )
    found = {path: quote.exact for path, quote in Brief.model_validate(data).all_quotes()}
    assert found == {
        ("motives", 0, "evidence", 0): "m0e0",
        ("motives", 0, "evidence", 1): "m0e1",
        ("motives", 2, "evidence", 0): "m2e0",
        ("sourcing", 0, "quotes", 0): "s0q0",
        ("critique", "strengths", 1, "quote"): "st1",
        ("critique", "factual_errors", 0, "claim"): "fe0",
        ("critique", "unsupported_claims", 0, "claim"): "uc0",
        ("critique", "rhetoric", 0, "quote"): "rh0",
    }


def test_quote_paths_point_into_the_data() -> None:
    """Each path of Brief.all_quotes() leads, step by step, to that quote in the YAML data."""
    data = brief(
        motives=[{"actor": "A", "motive": "m", "basis": "stated", "confidence": "high",
                  "evidence": [{"exact": "here"}]}],
        critique={"rhetoric": [{"device": "d", "quote": {"exact": "there"}, "effect": "e"}]},
    )
    for path, quote in Brief.model_validate(data).all_quotes():
        node: Any = data
        for part in path:
            node = node[part]
        assert node["exact"] == quote.exact


def test_example_quotes_are_all_listed(example_yaml: Path) -> None:
    b = validate(load(example_yaml))
    listed = b.all_quotes()
    in_file = example_yaml.read_text(encoding="utf-8").count("exact:")
    assert len(listed) == in_file > 0
    assert len({path for path, _ in listed}) == len(listed)


def test_model_is_frozen() -> None:
    b = Brief.model_validate(MINIMAL)
    with pytest.raises(ValidationError):
        b.bluf = "changed"  # type: ignore[misc]
