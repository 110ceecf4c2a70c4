"""`briefing new`: a skeleton brief that validates, drafted from the piece's text with --from."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from briefing import check, draft
from briefing.cli import cli
from briefing.draft import analysis, attributions, quotations, reading, skeleton
from briefing.errors import UsageError
from briefing.loader import load
from briefing.model import Brief, Confidence, Hand, Reliability, SourceKind
from briefing.quotes import normalise
from briefing.schema import SCHEMA_LINE
from briefing.validate import validate
from briefing.words import ID, slugify, word_count

REPO = Path(__file__).resolve().parent.parent
FPIF = REPO / "content" / "sources" / "fpif-russia-assad.txt"
KESSEL = Path(__file__).resolve().parent / "articles" / "kessel-flood.txt"
BRENTON = "Russia is not going to part company with Assad until two things happen"


def new(*args: str | Path) -> Result:
    """`briefing new <args>` in-process, in the current folder."""
    return CliRunner().invoke(cli, ["new", *map(str, args)], catch_exceptions=False)


def brief_of(path: Path) -> Brief:
    """The brief at `path`, loaded and validated as `briefing build` does."""
    return validate(load(path))


def drafted(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            slug: str) -> tuple[Result, Path, str]:
    """`briefing new SLUG --from content/sources/<article>` run in a fresh folder."""
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "content" / "sources" / source.name
    article.parent.mkdir(parents=True)
    shutil.copy(source, article)
    result = new(slug, "--from", f"content/sources/{source.name}")
    return result, tmp_path / "content" / f"{slug}.yaml", article.read_text(encoding="utf-8")


def by_id(brief: Brief) -> dict[str, Any]:
    return {s.id: s for s in brief.sourcing}


# --- the skeleton ----------------------------------------------------------------------


def test_skeleton_validates_and_starts_with_the_schema_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = new("my-piece")
    assert result.exit_code == 0, result.output
    path = tmp_path / "content" / "my-piece.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert "wrote content/my-piece.yaml" in result.stdout
    assert "briefing check content/my-piece.yaml" in result.stdout

    brief = brief_of(path)
    assert brief.meta.prepared == dt.date.today()
    assert brief.bluf.startswith("REVIEW")
    assert brief.key_judgments[0].confidence is Confidence.LOW
    assert brief.piece.source_text is None
    assert brief.quotes == []
    assert brief.motives and brief.sourcing and brief.watch  # every section is there
    assert "docs/format.md" in text
    # Its only errors are its REVIEW placeholders, which a draft may keep
    checked = check(path)
    assert {f.code for f in checked.problems()} == {"DR001"}
    assert not checked.as_draft().problems()


def test_skeleton_has_a_comment_for_each_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    new("piece")
    text = (tmp_path / "content" / "piece.yaml").read_text(encoding="utf-8")
    for key in ("piece:", "meta:", "bluf:", "key_judgments:", "motives:", "sourcing:",
                "critique:", "watch:", "quotes:"):
        assert f"\n{key}" in text
    for hint in ("ICD 203", "Admiralty", "source_text", "stated", "indicator"):
        assert hint in text


def test_existing_file_is_refused_and_left_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "content" / "piece.yaml"
    path.parent.mkdir()
    path.write_text("mine: keep me\n", encoding="utf-8")
    result = new("piece")
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "another" in result.stderr
    assert path.read_text(encoding="utf-8") == "mine: keep me\n"
    assert list(path.parent.iterdir()) == [path]


def test_a_yml_file_of_the_same_name_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "piece.yml").write_text("mine: keep me\n", encoding="utf-8")
    result = new("piece")
    assert result.exit_code == 2
    assert "error: content/piece.yml already exists" in result.stderr
    assert not (tmp_path / "content" / "piece.yaml").exists()


@pytest.mark.parametrize(
    "slug", ["Piece", "my piece", "piece.yaml", "-piece", "../piece", "pi\u00e8ce", "a/b", ""]
)
def test_a_slug_that_is_not_a_file_stem_is_refused(
    slug: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = new("--", slug)  # "--": so that "-piece" is not read as an option
    assert result.exit_code == 2
    assert "lower-case letters, digits and dashes" in result.stderr
    assert not list(tmp_path.rglob("*.yaml"))


def test_the_refusal_suggests_a_slug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert "briefing new my-piece" in new("My Piece.yaml").stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.txt", "not found"),
        (lambda folder: _write(folder / "latin1.txt", "caf\xe9 au lait".encode("latin-1")),
         "not UTF-8"),
    ],
)
def test_an_unreadable_article_is_refused(
    make: Any, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    article = make(tmp_path)
    result = new("piece", "--from", article.name)
    assert result.exit_code == 2
    assert message in result.stderr and article.name in result.stderr
    assert not (tmp_path / "content").exists()


def test_a_folder_given_as_the_article_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    result = new("piece", "--from", "texts")
    assert result.exit_code == 2
    assert not (tmp_path / "content").exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_folder_that_cannot_be_made_is_an_error_of_exit_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    result = new("piece", "--dir", "a-file/briefs")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write a-file/briefs/piece.yaml")


# --- the API that `briefing new` calls ------------------------------------------------


def test_draft_brief_writes_the_file_and_says_what_it_found(tmp_path: Path) -> None:
    done = draft.draft_brief("kessel", tmp_path / "briefs", KESSEL, dt.date(2026, 1, 31))
    assert done.path == tmp_path / "briefs" / "kessel.yaml"
    assert done.analysis is not None and len(done.analysis.quotes) == 7
    assert done.saved is not None and done.saved.original is None  # text: saved once
    assert done.saved.text == tmp_path / "briefs" / "sources" / "kessel.txt"
    assert done.saved.text.read_bytes() == KESSEL.read_bytes()
    assert done.path.read_text(encoding="utf-8") == draft.draft_yaml(
        "kessel", KESSEL.read_text(encoding="utf-8"), "sources/kessel.txt",
        dt.date(2026, 1, 31), about=reading.read_piece(KESSEL).about)
    bare = draft.draft_brief("bare", tmp_path)
    assert bare.analysis is None and brief_of(bare.path).piece.source_text is None


def test_draft_brief_keeps_the_message_and_the_hint_apart(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        draft.draft_brief("Bad Slug", tmp_path)
    assert "error" not in caught.value.message and "hint" not in caught.value.message
    assert caught.value.hint == "for example: briefing new bad-slug"
    assert caught.value.exit_code == 2


def test_plain_text_is_read_with_its_byte_order_mark_and_line_ends_undone(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "bom.txt", "\ufeffHeadline\r\n\r\nBody.\r\n".encode())
    piece = reading.read_piece(path)
    assert (piece.text, piece.kind) == ("Headline\n\nBody.\n", "text")
    assert piece.headline == "Headline"  # its first line, read by `front`


def test_an_article_elsewhere_is_saved_in_the_sources_folder_of_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    shutil.copy(FPIF, tmp_path / "texts" / "fpif.txt")
    result = new("fpif", "--from", "texts/fpif.txt", "--dir", "briefs/2026")
    assert result.exit_code == 0, result.output
    path = tmp_path / "briefs" / "2026" / "fpif.yaml"
    assert str(brief_of(path).piece.source_text) == "sources/fpif.txt"
    assert (path.parent / "sources" / "fpif.txt").read_bytes() == FPIF.read_bytes()
    checked = check(path)  # reads the source text through the relative path
    assert not [f for f in checked.findings if f.code == "QU001"]


# --- drafted from the FPIF op-ed -------------------------------------------------------


@pytest.fixture
def fpif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Result, Path, str]:
    return drafted(FPIF, tmp_path, monkeypatch, "fpif")


def test_fpif_word_count_and_reading_time(fpif: tuple[Result, Path, str]) -> None:
    result, path, article = fpif
    assert result.exit_code == 0, result.output
    assert word_count(article) == 335
    assert 330 <= word_count(article) <= 345
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert ("# The piece: 335 words, about 2 minutes to read (at 230 words a minute)."
            in text.splitlines()[:8])
    assert brief_of(path).piece.source_text == Path("sources/fpif.txt")  # saved as SLUG.txt


def test_fpif_quotes_include_brenton_with_his_attribution(
    fpif: tuple[Result, Path, str],
) -> None:
    _, path, _ = fpif
    quotes = brief_of(path).quotes
    brenton = [q for q in quotes if BRENTON in q.exact]
    assert len(brenton) == 1
    assert brenton[0].context is not None and "Tony Brenton" in brenton[0].context
    assert brenton[0].context == (
        "Sir Tony Brenton, Britain\u2019s former ambassador to Russia, told Reuters"
    )
    assert brenton[0].source == "brenton"
    # his quote goes on in the next paragraph, with no attribution of its own
    going_on = [q for q in quotes if q.exact.startswith("Firstly, until they are confident")]
    assert going_on and going_on[0].source == "brenton"
    assert [q.id for q in quotes] == [f"q{i}" for i in range(1, len(quotes) + 1)]
    # the Reuters passage is a block quote without quote marks: not a quotation
    assert not [q for q in quotes if "countenance" in q.exact]


def test_fpif_draft_sources(fpif: tuple[Result, Path, str]) -> None:
    result, path, _ = fpif
    sources = by_id(brief_of(path))
    reuters = sources["reuters"]
    assert reuters.named and reuters.hand is Hand.SECOND
    assert reuters.kind is SourceKind.NEWS_REPORT
    kremlin = next(s for s in sources.values() if "familiar with the Kremlin" in s.who)
    assert not kremlin.named and kremlin.kind is SourceKind.UNNAMED_SOURCES
    assert kremlin.anonymity is not None and kremlin.anonymity.startswith("REVIEW")
    assert kremlin.id == "kremlin-sources"
    brenton = sources["brenton"]
    assert brenton.named and brenton.hand is Hand.SECOND and brenton.kind is SourceKind.EXPERT
    assert brenton.who == "Sir Tony Brenton, Britain\u2019s former ambassador to Russia"
    for source in sources.values():
        assert source.reliability is Reliability.F and source.credibility == 6
        assert source.supports == "REVIEW: what does it support?"
        assert len(source.id) <= 40
    assert len(sources) == 3
    assert "2 quotes and 3 draft sources" in result.stdout


def test_fpif_sources_are_marked_for_review(fpif: tuple[Result, Path, str]) -> None:
    _, path, _ = fpif
    text = path.read_text(encoding="utf-8")
    assert '# REVIEW: drafted from "As Reuters reports"' in text
    assert ('# REVIEW: drafted from "sources familiar with the Kremlin\u2019s thinking say"'
            in text)
    assert '# REVIEW: drafted from "those sources said"' in text
    sourcing = text[text.index("\nsourcing:"):text.index("\ncritique:")]
    assert sourcing.count("# REVIEW: drafted from") >= sourcing.count("- id:") == 3


def test_fpif_draft_quotes_are_verbatim_and_pass_the_checks(
    fpif: tuple[Result, Path, str],
) -> None:
    _, path, article = fpif
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert raw["quotes"]
    for quote in raw["quotes"]:
        assert quote["exact"] in article
    findings = check(path).findings
    assert not [f for f in findings if f.code in ("QU001", "ID001", "ID002")]
    assert not check(path).as_draft().problems()  # no error but its REVIEW placeholders


# --- drafted from a news report of our own ---------------------------------------------


@pytest.fixture
def kessel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Result, Path, str]:
    return drafted(KESSEL, tmp_path, monkeypatch, "kessel")


def test_kessel_quotes_and_their_speakers(kessel: tuple[Result, Path, str]) -> None:
    result, path, article = kessel
    assert result.exit_code == 0, result.output
    speakers = {q.exact: q.source for q in brief_of(path).quotes}
    assert speakers == {
        "We will not let the river take another village": "varga",
        "Every family that leaves tonight will have a bed.": "varga",
        "We saw the numbers on Sunday and nobody wanted to sign the order.": "senior-official",
        "The water came up faster than anyone expected": "ruiz",
        "By noon the bread was floating in the shop.": "ruiz",
        "We are staying until the last house is dry": "holm",  # straight quotes
        "Nobody goes home alone tonight.": "holm",
    }
    # "old wall" is two words in quotes: a scare quote, not a quotation
    assert not [q for q in speakers if "old wall" in q]
    for exact in speakers:
        assert exact in article


def test_kessel_attributions(kessel: tuple[Result, Path, str]) -> None:
    _, path, _ = kessel
    brief = brief_of(path)
    sources = by_id(brief)
    assert list(sources) == [
        "regional-government", "varga", "berg", "officials", "senior-official",
        "ruiz", "associated-press", "holm",
    ]
    named = {ident: s.named for ident, s in sources.items()}
    assert named == {
        "regional-government": True, "varga": True, "berg": True,
        "officials": False, "senior-official": False, "ruiz": True,
        "associated-press": True, "holm": True,
    }
    assert sources["varga"].kind is SourceKind.OFFICIAL
    assert sources["berg"].kind is SourceKind.EXPERT
    assert sources["berg"].who == "Tomas Berg, a hydrologist at the University of Norland"
    assert sources["officials"].kind is SourceKind.UNNAMED_SOURCES
    assert sources["officials"].anonymity == "REVIEW: does the piece say why?"
    official = sources["senior-official"]
    assert official.who == "A senior official"
    assert official.anonymity is not None and "asked not to be named because" in official.anonymity
    assert sources["ruiz"].hand is Hand.SECOND
    assert sources["ruiz"].kind is SourceKind.PARTICIPANT
    assert sources["associated-press"].kind is SourceKind.NEWS_REPORT
    assert sources["varga"].hand is Hand.FIRST
    text = path.read_text(encoding="utf-8")
    for words in ("Governor Elena Varga said", "Varga said", "officials said",
                  "according to Tomas Berg, a hydrologist at the University of Norland",
                  "Ana Ruiz, a baker in the town, told the Associated Press",
                  "said Marek Holm, the head of the volunteer fire brigade"):
        assert f'# REVIEW: drafted from "{words}"' in text
    assert brief.piece.headline == (
        "Floodwaters force thousands from their homes in the Kessel valley"
    )
    assert not check(path).as_draft().problems()


# --- the analysis, function by function ------------------------------------------------


def test_reading_time_rounds_up() -> None:
    assert [analysis.reading_minutes(n) for n in (0, 1, 230, 231, 460, 461)] == [1, 1, 1, 2, 2, 3]


def test_slugify_keeps_ids_valid_and_short() -> None:
    assert slugify("Sources familiar with the Kremlin\u2019s thinking") == (
        "sources-familiar-with-the-kremlin-s"
    )
    assert slugify("Jos\u00e9 \u00c1lvarez") == "jose-alvarez"
    assert slugify("\u0412\u043b\u0430\u0434\u0438\u043c\u0438\u0440") == ""
    long = slugify("word " * 30)
    assert len(long) <= 40 and ID.match(long)


def test_quotations_in_curly_and_straight_quotes() -> None:
    text = (
        "\u201cWe will stay here all winter,\u201d she said. He called it a \u201cfarce\u201d.\n\n"
        '"Nobody told us anything at all," a resident said. A 12" pipe burst.\n\n'
        "\u201cThe first paragraph of a long quote goes on\n\n"
        "\u201cand ends here, in the second one.\u201d\n"
    )
    found = [q.exact for q in quotations.find_quotations(text)]
    assert found == [
        "We will stay here all winter",
        "Nobody told us anything at all",
        "The first paragraph of a long quote goes on",
        "and ends here, in the second one.",
    ]
    for quotation in quotations.find_quotations(text):
        assert quotation.exact in text


def test_a_hard_wrapped_quote_is_folded_and_still_passes_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "piece.txt").write_text(
        "The talks broke down on Friday.\n\n"
        "\u201cWe came with an offer and we leave\nwith nothing,\u201d said Jana Novak,\n"
        "the union\u2019s negotiator.\n",
        encoding="utf-8",
    )
    assert new("talks", "--from", "piece.txt").exit_code == 0
    path = tmp_path / "content" / "talks.yaml"
    (quote,) = brief_of(path).quotes
    assert quote.exact == "We came with an offer and we leave with nothing"
    assert quote.source == "novak"
    assert normalise(quote.exact) in normalise((tmp_path / "piece.txt").read_text("utf-8"))
    assert not [f for f in check(path).findings if f.code == "QU001"]


@pytest.mark.parametrize(
    ("text", "speaker", "kind", "via"),
    [
        ("Prices will rise, officials said.", "officials", "unnamed", None),
        ("Prices will rise, said Maria Lopez, the mayor.", "Maria Lopez", "name", None),
        ("According to Reuters, prices will rise.", "Reuters", "outlet", "Reuters"),
        ("Prices will rise, Lopez told Bloomberg News.", "Lopez", "name", "Bloomberg"),
        ("As the BBC reported, prices will rise.", "the BBC", "outlet", "BBC"),
        ("Prices will rise, according to figures from the ministry.",
         "figures from the ministry", "data", None),
        ("Russia\u2019s foreign minister, Sergei Lavrov, said prices would rise.",
         "Sergei Lavrov", "name", None),
    ],
)
def test_attribution_patterns(text: str, speaker: str, kind: str, via: str | None) -> None:
    (found,) = attributions.find_attributions(text)
    assert (found.speaker, found.kind, found.via) == (speaker, kind, via)
    assert found.matched in text


def test_no_attribution_without_a_speaker() -> None:
    text = "The said agreement was signed. He was told to leave. It says a lot."
    assert [a.kind for a in attributions.find_attributions(text)] == []


@pytest.mark.parametrize(
    "value",
    [
        "REVIEW: what does it support?", "it\u2019s \u201cquoted\u201d: here", "yes", "null",
        "- a list?", "# not a comment", "a #b", "12", "2024-01-02", "'single'", '"double"',
        "trailing space ", "{braces}", "@at", "`tick`", "%percent", "&anchor", "*alias", "!tag",
        "ends with colon:", "x" * 300,
    ],
)
def test_scalars_read_back_as_written(value: str) -> None:
    assert yaml.safe_load(f"key: {skeleton.scalar(value)}  # a comment\n") == {"key": value}


def test_draft_yaml_is_pure_and_dated(tmp_path: Path) -> None:
    day = dt.date(2026, 1, 31)
    article = KESSEL.read_text(encoding="utf-8")
    first = draft.draft_yaml("kessel", article, "kessel-flood.txt", day)
    assert first == draft.draft_yaml("kessel", article, "kessel-flood.txt", day)
    assert "prepared: 2026-01-31" in first
    assert "source_text: kessel-flood.txt" in first
