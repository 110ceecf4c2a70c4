"""Quotes must stand verbatim in the piece's source text."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from briefing import check
from briefing.errors import InputError
from briefing.loader import load
from briefing.quotes import PieceText, read_piece_text
from briefing.rules import check_brief
from briefing.validate import validate

SOURCE = (
    "The cat sat on the mat in the morning sun.\n"
    "Dogs bark loudly at night when the moon is full.\n\n"
    "\u201cWe will not leave,\u201d the minister said, and the crowd\u2019s mood turned.\n"
    "Birds sing in the garden long before anyone wakes up.\n"
)


def brief_with_quotes(write_brief: Callable[..., Path], folder: Path, *quotes: str) -> Path:
    (folder / "piece.txt").write_text(SOURCE, encoding="utf-8")
    return write_brief(
        folder,
        piece={"source_text": "piece.txt"},
        motives=[
            {"actor": "The minister", "motive": "Stay.", "basis": "stated",
             "confidence": "high", "evidence": [{"exact": q} for q in quotes]}
        ],
    )


def problems(path: Path) -> list[Any]:
    doc = load(path)
    brief = validate(doc)
    source = read_piece_text(doc, brief)
    assert source is not None
    return [d for d in check_brief(doc, brief, source) if d.code == "QU001"]


@pytest.mark.parametrize(
    "quote",
    [
        "Dogs bark loudly at night",
        "Dogs   bark loudly\n   at night",  # spacing and line breaks differ
        "mat in the morning sun. Dogs bark",  # across a line break of the source
        '"We will not leave," the minister said',  # straight for curly double quotes
        "the crowd's mood turned",  # straight for curly apostrophe
        "\u201cWe will not leave,\u201d",  # curly, as in the source
        "the crowd\u2018s mood",  # a left curly quote for the apostrophe
    ],
)
def test_quote_differing_only_in_spacing_or_quote_marks_is_found(
    tmp_path: Path, write_brief: Callable[..., Path], quote: str
) -> None:
    assert problems(brief_with_quotes(write_brief, tmp_path, quote)) == []


def test_quote_with_different_case_is_not_found(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    assert len(problems(brief_with_quotes(write_brief, tmp_path, "dogs Bark loudly"))) == 1


def test_wrong_quote_names_the_quote_and_the_closest_passage(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    path = brief_with_quotes(
        write_brief, tmp_path, "The cat sat on the mat", "Dogs bark quietly at night"
    )
    [diag] = problems(path)
    assert "quote not found" in diag.message
    assert "piece.txt" in diag.message
    assert '"Dogs bark quietly at night"' in diag.message
    assert diag.hint is not None
    closest = re.search(r'the closest passage is "([^"]*)"', diag.hint)
    assert closest is not None, diag.hint
    assert closest.group(1) == "Dogs bark loudly at night"
    # The diagnostic stands on the line of the wrong quote in the YAML.
    lines = path.read_text(encoding="utf-8").splitlines()
    assert diag.location.line is not None
    assert "Dogs bark quietly at night" in lines[diag.location.line - 1]


def test_closest_passage_in_the_example_source(example_yaml: Path) -> None:
    doc = load(example_yaml)
    brief = validate(doc)
    source = read_piece_text(doc, brief)
    assert source is not None
    assert source.closest("access to the Atlantic") == "access to the Mediterranean"
    assert source.closest("naval base in Tartus") == "naval base in Tartarus"


def test_closest_on_a_short_text() -> None:
    source = PieceText(Path("t.txt"), "One two.")
    assert source.closest("one two three four") == "One two"  # no stray full stop


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        # A word left out: the passage is not cut short of the quote's last word.
        ("Russia is not going to part with Assad",
         "Russia is not going to part company with Assad"),
        # No stray comma nor the piece's own quote mark at the end (the message sets
        # the passage in quote marks of its own), none at the start either.
        ('"Russia is not going to part with Assad until two things happen"',
         "Russia is not going to part company with Assad until two things happen"),
        ("Firstly until they are confident", "Firstly, until they are confident"),
        # A word changed at either end is shown, whole.
        ("access to the Atlantic", "access to the Mediterranean"),
        ("Britain's ambassador to Russia", "Britain\u2019s former ambassador to Russia"),
        # Never over a paragraph break.
        ("the Syrian leader gone. Russia is not", "the Syrian leader gone"),
    ],
)
def test_closest_passage_is_whole_words_without_stray_punctuation(
    example_yaml: Path, quote: str, passage: str
) -> None:
    source = PieceText(example_yaml, (example_yaml.parent / "sources" /
                                      "fpif-russia-assad.txt").read_text(encoding="utf-8"))
    assert source.closest(quote) == passage


@pytest.mark.parametrize(
    "quote",
    [
        "The cat sat ... in the morning sun",
        "The cat sat\u2026Dogs bark",  # a line break of the source is no paragraph break
        "The cat sat [...] the moon is full",
        "The cat sat [\u2026] the mat . . . morning sun",
        '"We will not leave," \u2026 the crowd\'s mood turned',
        "... the minister said",
        "Birds sing in the garden ...",
        "Dogs bark.... the moon is full",
    ],
)
def test_quote_leaving_words_out_is_found(
    tmp_path: Path, write_brief: Callable[..., Path], quote: str
) -> None:
    assert problems(brief_with_quotes(write_brief, tmp_path, quote)) == []


def hint(tmp_path: Path, write_brief: Callable[..., Path], quote: str) -> str:
    [diag] = problems(brief_with_quotes(write_brief, tmp_path, quote))
    assert diag.message == f'quote not found in piece.txt: "{quote}"'
    assert diag.hint is not None
    return diag.hint


def test_parts_of_a_quote_out_of_order_are_named(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    assert hint(tmp_path, write_brief, "Dogs bark loudly ... The cat sat") == (
        '"The cat sat" is in the piece, but not after "Dogs bark loudly" in the same '
        'paragraph; the parts of a quote around "..." must stand in the piece\'s order, '
        "within one paragraph"
    )


def test_parts_of_a_quote_in_two_paragraphs_are_not_found(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    assert hint(tmp_path, write_brief, "The cat sat ... the minister said").startswith(
        '"the minister said" is in the piece, but not after "The cat sat" in the same paragraph'
    )


def test_a_misquoted_part_is_named_with_its_closest_passage(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    assert hint(tmp_path, write_brief, "The cat sat ... Dogs bark quietly at night") == (
        'the words "Dogs bark quietly at night" are not in the piece; the closest passage '
        'is "Dogs bark loudly at night"; copy the words exactly as they stand in the piece'
    )


def test_a_quote_over_a_paragraph_break_is_not_found(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    assert hint(tmp_path, write_brief, 'the moon is full. "We will not leave').startswith(
        "the words run over a paragraph break of the piece"
    )


def test_a_quote_leaving_words_out_prints_as_typed(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = brief_with_quotes(write_brief, in_tmp, "The cat sat \u2026 in the *morning* sun")
    (in_tmp / "piece.txt").write_text(SOURCE.replace("morning", "*morning*"), encoding="utf-8")
    result = run_cli("build", path.name, "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    assert '<q class="quote">The cat sat \u2026 in the *morning* sun</q>' in html


def test_check_and_build_give_the_same_hint_made_once(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = brief_with_quotes(write_brief, in_tmp, "Dogs bark quietly ... the moon is full")
    calls: list[str] = []
    closest = PieceText.closest

    def counted(self: PieceText, quote: str) -> str:
        calls.append(quote)
        return closest(self, quote)

    monkeypatch.setattr(PieceText, "closest", counted)
    checked = run_cli("check", path.name)
    assert calls == ["Dogs bark quietly"]
    built = run_cli("build", path.name, "--out", "out")
    assert calls == ["Dogs bark quietly"] * 2
    expected = ('the words "Dogs bark quietly" are not in the piece; the closest passage is '
                '"Dogs bark loudly"; copy the words exactly as they stand in the piece')
    assert f"hint: {expected}\n" in built.stderr
    assert f"({expected})" in checked.output  # `check` puts the hint on the finding's line


def test_every_wrong_quote_is_reported(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    path = brief_with_quotes(
        write_brief, tmp_path, "Cats sat on the mat", "Dogs bark loudly", "Birds hum"
    )
    found = problems(path)
    named = [re.search(r'"([^"]*)"$', d.message) for d in found]
    assert [m.group(1) if m else d.message for m, d in zip(named, found, strict=True)] == [
        "Cats sat on the mat",
        "Birds hum",
    ]


def test_wrong_quote_fails_the_build(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = brief_with_quotes(write_brief, in_tmp, "Dogs bark quietly at night")
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 2
    assert "quote not found" in result.stderr
    assert "Dogs bark quietly at night" in result.stderr
    assert 'the closest passage is "Dogs bark loudly at night"' in result.stderr
    assert re.search(rf"{re.escape(path.name)}:\d+:\d+: (?:QU001 )?error:", result.stderr)
    assert not (in_tmp / "out").exists() or not list((in_tmp / "out").glob("brief.*"))


def test_missing_source_text_names_the_path(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    path = write_brief(tmp_path, piece={"source_text": "texts/absent.txt"})
    with pytest.raises(InputError) as exc:
        check(path)
    message = exc.value.format()
    assert "texts/absent.txt" in message
    assert str(tmp_path / "texts" / "absent.txt") in message
    assert "not found" in message
    [diag] = exc.value.diagnostics
    lines = path.read_text(encoding="utf-8").splitlines()
    assert diag.location.line is not None
    assert "source_text" in lines[diag.location.line - 1]


def test_source_text_is_relative_to_the_yaml_file(
    tmp_path: Path, write_brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "briefs"
    folder.mkdir()
    path = brief_with_quotes(write_brief, folder, "Dogs bark loudly")
    monkeypatch.chdir(tmp_path)  # not the YAML's folder
    checked = check(path.relative_to(tmp_path))
    assert checked.findings == []
    brief = checked.brief
    assert brief.motives[0].evidence[0].exact == "Dogs bark loudly"


def test_source_text_not_utf8(tmp_path: Path, write_brief: Callable[..., Path]) -> None:
    (tmp_path / "piece.txt").write_bytes("caf\xe9".encode("latin-1"))
    path = write_brief(tmp_path, piece={"source_text": "piece.txt"})
    with pytest.raises(InputError) as exc:
        check(path)
    assert "not UTF-8" in exc.value.format()


def _fold(text: str) -> str:
    """Our own folding of spacing and quote marks, independent of the package's."""
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'),
                            ("\u201d", '"'), ("\u00a0", " ")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def test_every_quote_of_the_example_is_in_its_source(example_yaml: Path) -> None:
    doc = load(example_yaml)
    brief = validate(doc)
    source = read_piece_text(doc, brief)
    assert source is not None
    assert [d for d in check_brief(doc, brief, source) if d.code == "QU001"] == []
    quotes = brief.all_quotes()
    assert len(quotes) >= 10
    text = _fold(source.text)
    missing = [q.exact for _, q in quotes if _fold(q.exact) not in text]
    assert missing == []


def test_the_omission_of_docs_authoring_is_found(example_yaml: Path) -> None:
    source = PieceText(example_yaml, (example_yaml.parent / "sources" /
                                      "fpif-russia-assad.txt").read_text(encoding="utf-8"))
    assert source.missing("Russia is missing the point ... it is just adding more fuel to "
                          "the Islamic extremist fire") is None
