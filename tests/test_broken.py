"""A corpus of broken briefs, each with the messages it must produce.

Every file in tests/broken/ is a realistic mistake, made in an otherwise valid brief.
Its first lines are comments; those of the form `# expect: TEXT` state what
`briefing build FILE` must print on standard error:

- `# expect: LINE:COL: MESSAGE` -> `FILE:LINE:COL: error: MESSAGE` is printed;
- `# expect: ANYTHING ELSE` -> that text is printed somewhere (a hint, say).

Every file must also make the build exit with status 2, without a traceback, naming the
file, and without writing any output. Inputs that cannot carry comments (an empty file,
binary or non-UTF-8 bytes, a missing file, a folder) are tested below the corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefing.cli import cli

BROKEN = Path(__file__).resolve().parent / "broken"
CORPUS = sorted(BROKEN.glob("*.yaml"))
PLACE = re.compile(r"^(\d+):(\d+): (.*)$")


def expectations(path: Path) -> list[str]:
    """The `# expect:` lines at the top of `path`, as texts stderr must contain."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# expect: "):
            text = line.removeprefix("# expect: ")
            place = PLACE.match(text)
            if place:
                line_no, column, message = place.groups()
                text = f"{path.name}:{line_no}:{column}: error: {message}"
            found.append(text)
    return found


def build(path: Path, out: Path) -> Result:
    return CliRunner().invoke(cli, ["build", str(path), "--out", str(out)])


def assert_refused(result: Result, path: Path, out: Path) -> None:
    """Exit status 2, the file named, no traceback, nothing written."""
    assert result.exit_code == 2, result.output
    assert path.name in result.stderr
    assert "Traceback" not in result.output
    assert "unexpected failure" not in result.stderr
    assert not out.exists() or not any(out.rglob("*")), list(out.rglob("*"))


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 45
    for path in CORPUS:
        assert expectations(path), f"{path.name} states no '# expect:' line"


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_broken_brief(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = build(path, out)
    assert_refused(result, path, out)
    for expected in expectations(path):
        assert expected in result.stderr, f"missing: {expected}\n--- stderr:\n{result.stderr}"


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_error_has_place_excerpt_and_hint(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = build(path, tmp_path / "out")
    errors = re.findall(rf"^.*{re.escape(path.name)}:(\d+):(\d+): error: ", result.stderr, re.M)
    assert errors, result.stderr
    # Each error is followed by its line with a caret, and by a hint.
    assert result.stderr.count("  hint: ") >= len(errors), result.stderr
    assert result.stderr.count("^\n") >= len(errors), result.stderr


def test_several_errors_are_all_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = BROKEN / "several-errors.yaml"
    result = build(path, tmp_path / "out")
    lines = [int(n) for n in re.findall(rf"{re.escape(path.name)}:(\d+):\d+: error:",
                                        result.stderr)]
    assert len(lines) == len(expectations(path)) == 6
    assert lines == sorted(lines)  # in the order of the file


# --- inputs that cannot carry comments ---------------------------------------------------


NOT_BRIEFS: list[tuple[str, bytes, list[str]]] = [
    ("empty.yaml", b"", ["empty.yaml:1:1: error: the file is empty, not a brief",
                         "hint: a brief is a set of keys"]),
    ("blank.yaml", b"\n\n   \n", ["the file is empty, not a brief"]),
    ("utf16.yaml", b"\xff\xfe\x00garbage",
     ["utf16.yaml: error: the file is saved as UTF-16 text", "not as UTF-8",
      "hint: save it again choosing the UTF-8 encoding"]),
    ("binary.yaml", b"\x00\x01\x02\x03garbage\xff\xfe",
     ["binary.yaml: error: this is not a text file: it contains NUL bytes",
      "hint: a brief is a plain-text YAML file"]),
    ("latin1.yaml", "piece:\n  headline: Café society\n".encode("latin-1"),
     ["latin1.yaml:2:16: error: the file is not UTF-8 text: byte 0xE9 ('é' in the "
      "Windows-1252 / Latin-1 encoding) cannot be read as UTF-8",
      "   2 |   headline: Caf",
      "hint: save the file again choosing the UTF-8 encoding"]),
    ("report.yaml", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
     ["report.yaml: error: this is not a YAML brief: it is a PDF document"]),
    ("brief.yaml", b"PK\x03\x04\x14\x00\x06\x00",
     ["brief.yaml: error: this is not a YAML brief: it is a zip archive (a Word .docx"]),
    ("control.yaml", b"bluf: a bottom\x07line\n",
     ["control.yaml:1:15: error: the file contains an invisible control character "
      "(U+0007)", "hint: delete it"]),
]


@pytest.mark.parametrize(
    ("name", "content", "expected"), NOT_BRIEFS, ids=[case[0] for case in NOT_BRIEFS]
)
def test_files_that_are_not_briefs(
    name: str, content: bytes, expected: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"
    result = build(path, out)
    assert_refused(result, path, out)
    for text in expected:
        assert text in result.stderr, f"missing: {text}\n--- stderr:\n{result.stderr}"


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "russia-assad.yaml").write_text("bluf: x\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build(Path("russia-asad.yaml"), out)
    assert_refused(result, Path("russia-asad.yaml"), out)
    assert "russia-asad.yaml: error: file not found" in result.stderr
    assert "hint: did you mean 'russia-assad.yaml'?" in result.stderr


def test_missing_file_far_from_any(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = build(tmp_path / "nowhere" / "brief.yaml", tmp_path / "out")
    assert_refused(result, tmp_path / "brief.yaml", tmp_path / "out")
    assert "brief.yaml: error: file not found" in result.stderr
    assert "hint: check the path and its spelling" in result.stderr


def test_folder_without_briefs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "notes.txt").write_text("not a brief\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build(Path("drafts"), out)
    assert_refused(result, Path("drafts"), out)
    assert "no briefs (*.yaml) in drafts" in result.stderr


def test_folder_of_broken_briefs_reports_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name in ("enum-genre.yaml", "duplicate-key.yaml", "syntax-tab-indent.yaml"):
        (folder / name).write_bytes((BROKEN / name).read_bytes())
    out = tmp_path / "out"
    result = build(folder, out)
    assert_refused(result, folder, out)
    for name in ("enum-genre.yaml", "duplicate-key.yaml", "syntax-tab-indent.yaml"):
        for expected in expectations(BROKEN / name):
            assert expected in result.stderr


def test_a_folder_named_like_a_brief(tmp_path: Path) -> None:
    from briefing.errors import InputError
    from briefing.loader import load
    from briefing.validate import validate

    folder = tmp_path / "brief.yaml"
    folder.mkdir()
    with pytest.raises(InputError) as exc:
        validate(load(folder))
    assert exc.value.format() == (
        f"{folder}: error: this is a folder, not a brief\n  hint: give the path of a .yaml file"
    )


# --- tracebacks only with --debug --------------------------------------------------------


def _explode(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("boom")


def test_unexpected_failure_has_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("briefing.build.Builder.build", _explode)
    path = BROKEN / "enum-genre.yaml"
    result = CliRunner().invoke(cli, ["build", str(path), "--out", "out"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{path}: error: unexpected failure (RuntimeError: boom)" in result.stderr
    assert "run again with --debug" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("briefing.build.Builder.build", _explode)
    path = BROKEN / "enum-genre.yaml"
    result = CliRunner().invoke(cli, ["build", str(path), "--out", "out", "--debug"])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: boom" in result.stderr


# --- the same messages without libyaml ---------------------------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_same_messages_with_the_pure_python_parser(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where libyaml is missing, PyYAML's own parser words its errors otherwise."""
    import yaml

    from briefing import loader
    from briefing.errors import InputError
    from briefing.validate import validate

    monkeypatch.setattr(loader, "SafeLoader", yaml.SafeLoader)
    with pytest.raises(InputError) as exc:
        validate(loader.load(path))
    text = exc.value.format().replace(str(path), path.name)
    for expected in expectations(path):
        assert expected in text, f"missing: {expected}\n--- got:\n{text}"


# --- excerpts --------------------------------------------------------------------------


def test_a_long_line_is_cut_around_the_caret(tmp_path: Path) -> None:
    from briefing.errors import InputError
    from briefing.loader import load
    from briefing.validate import validate

    long_text = "word " * 40 + "In short: " + "more " * 40
    path = tmp_path / "long.yaml"
    path.write_text(f"bluf: {long_text}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        validate(load(path))
    [diag] = exc.value.diagnostics
    assert diag.excerpt is not None
    source, caret = diag.excerpt.splitlines()
    assert source.startswith("   1 | ...") and source.endswith("...")
    assert len(source) <= 120
    # The caret still stands under the colon it points at.
    assert source[caret.index("^")] == ":"
