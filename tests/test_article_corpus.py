"""The corpus of tests/articles/ drafted and scored: the targets of issue 12, point 6.

The scoring is benchmarks/drafting.py's (the rules of tests/articles/README.md), so
that `make bench` prints the very figures asserted here.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from briefing import check
from briefing.draft import draft_brief
from briefing.errors import InputError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def drafting() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_drafting",
                                                  REPO / "benchmarks" / "drafting.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def totals(drafting: ModuleType) -> object:
    return drafting.score_corpus()


def test_the_corpus_has_an_article_for_each_expectation(drafting: ModuleType) -> None:
    pairs = drafting.articles()
    expectations = sorted(drafting.CORPUS.glob(f"*{drafting.EXPECTED}"))
    assert [expected for _, expected in pairs] == expectations
    assert len(pairs) >= 12


@pytest.mark.parametrize("measure", ["sources_p", "sources_r", "speakers_p", "speakers_r"])
def test_sources_and_speakers_reach_the_target(drafting: ModuleType, totals: object,
                                               measure: str) -> None:
    ratio = totals.total(measure)  # type: ignore[attr-defined]
    assert ratio.tries > 0
    assert ratio.value >= drafting.TARGET, drafting.report(totals)


def test_every_metadata_field_is_right(totals: object) -> None:
    wrong = [f"{s.name}: {w}" for s in totals.scores  # type: ignore[attr-defined]
             for w in s.wrong_metadata]
    assert not wrong, "\n".join(wrong)


def test_every_articles_draft_passes_every_check_but_its_placeholders(
    drafting: ModuleType, tmp_path: Path
) -> None:
    for article, _ in drafting.articles():
        drafted = draft_brief(article.stem, tmp_path, article)
        checked = check(drafted.path)
        assert not [f for f in checked.findings if f.code == "QU001"], article.name
        assert not checked.as_draft().problems(), article.name


def test_a_drafted_source_or_speaker_that_is_wrong_lowers_the_score(
    drafting: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "talks.txt").write_text(
        "Talks fail in Vell\n\n\u201cWe came with an offer and we leave with nothing,\u201d "
        "said Jana Novak, the union\u2019s negotiator.\n", encoding="utf-8")
    (tmp_path / "talks.expected.yaml").write_text(
        "metadata:\n  headline: Talks fail in Vell\n  author: null\n"
        "quotes:\n  - starts: We came with an offer\n    speaker: Petrov\n"
        "sources:\n  - key: Petrov\n", encoding="utf-8")
    totals = drafting.score_corpus(tmp_path)
    assert totals.total("sources_p").value == 0 and totals.total("sources_r").value == 0
    assert totals.total("speakers_p").value == 0 and totals.total("speakers_r").value == 0
    assert totals.total("metadata").value == 1
    assert not totals.met
    assert "source not drafted: Petrov" in drafting.report(totals)


def test_a_quotation_pointing_at_a_source_the_draft_lacks_is_said_and_counted_wrong(
    drafting: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "talks.txt").write_text(
        "Talks fail in Vell\n\n\u201cWe came with an offer and we leave with nothing,\u201d "
        "said Jana Novak, the union\u2019s negotiator.\n", encoding="utf-8")
    (tmp_path / "talks.expected.yaml").write_text(
        "quotes:\n  - starts: We came with an offer\n    speaker: Novak\n"
        "sources:\n  - key: Novak\n", encoding="utf-8")
    assert drafting.score_corpus(tmp_path).met
    real = drafting.analyse

    def without_sources(text: str) -> object:
        return dataclasses.replace(real(text), sources=[])

    monkeypatch.setattr(drafting, "analyse", without_sources)
    totals = drafting.score_corpus(tmp_path)
    assert totals.total("speakers_p").value == 0 and not totals.met
    assert "a source the draft does not list" in drafting.report(totals)


def test_a_genre_the_piece_does_not_state_is_scored_as_drafted_and_said_to_be(
    drafting: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "note.txt").write_text("A note\n\nPrices rose, officials said.\n",
                                       encoding="utf-8")
    (tmp_path / "note.expected.yaml").write_text(
        "metadata:\n  genre: news\nsources:\n  - key: officials\n", encoding="utf-8")
    totals = drafting.score_corpus(tmp_path)
    assert totals.met
    assert "note.txt: genre not stated: drafted 'news' for review" in drafting.report(totals)
    (tmp_path / "note.expected.yaml").write_text(
        "metadata:\n  genre: analysis\nsources:\n  - key: officials\n", encoding="utf-8")
    assert not drafting.score_corpus(tmp_path).met


def test_a_document_that_cannot_be_read_is_an_error_not_a_skip(
    drafting: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "memo.docx").write_bytes(b"PK\x03\x04 not a Word file at all \x81")
    (tmp_path / "memo.expected.yaml").write_text("metadata:\n  headline: Memo\n",
                                                 encoding="utf-8")
    with pytest.raises(InputError):
        drafting.score_corpus(tmp_path)


def test_a_text_that_cannot_be_read_is_an_error_not_a_skip(
    drafting: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Not UTF-8 \xff\xfe")
    (tmp_path / "bad.expected.yaml").write_text("metadata: {}\n", encoding="utf-8")
    with pytest.raises(InputError, match="not UTF-8"):
        drafting.score_corpus(tmp_path)
