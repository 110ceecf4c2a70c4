"""Loading YAML: positions of keys and values, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import Diagnostic, InputError, Location
from briefing.loader import load
from briefing.validate import validate

TEXT = """\
# a comment line
piece:
  headline: A headline
  outlet: An outlet
  genre: news
meta:
  title:   Spaced title
  analyst: An analyst
  prepared: 2024-01-02
bluf: >-
  The bottom line.
key_judgments:
  - text: First.
    confidence: high
  - text: Second.
    confidence: low
"""


def write(tmp_path: Path, text: str | bytes, name: str = "brief.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def only_diagnostic(exc: pytest.ExceptionInfo[InputError]) -> str:
    assert len(exc.value.diagnostics) == 1, exc.value.format()
    return exc.value.format()


def diagnostic_with(exc: pytest.ExceptionInfo[InputError], text: str) -> Diagnostic:
    """The one diagnostic whose message contains `text`."""
    found = [d for d in exc.value.diagnostics if text in d.message]
    assert len(found) == 1, exc.value.format()
    return found[0]


def test_data_is_loaded(tmp_path: Path) -> None:
    doc = load(write(tmp_path, TEXT))
    assert doc.data["meta"]["title"] == "Spaced title"
    assert doc.data["key_judgments"][1] == {"text": "Second.", "confidence": "low"}
    assert validate(doc).bluf == "The bottom line."


def test_positions_of_values(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    doc = load(path)
    assert doc.locate(("meta", "title")) == Location(path, 7, 12)
    assert doc.locate(("piece", "genre")) == Location(path, 5, 10)
    assert doc.locate(("key_judgments", 1, "confidence")) == Location(path, 16, 17)
    assert doc.locate(("key_judgments", 1)) == Location(path, 15, 5)
    assert doc.locate(("bluf",)) == Location(path, 10, 7)


def test_positions_of_keys(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    doc = load(path)
    assert doc.locate(("meta", "title"), key=True) == Location(path, 7, 3)
    assert doc.locate(("meta",), key=True) == Location(path, 6, 1)
    assert doc.locate(("key_judgments", 0, "confidence"), key=True) == Location(path, 14, 5)


def test_unknown_path_falls_back_to_nearest_parent(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    doc = load(path)
    assert doc.locate(("meta", "nothing", "deeper")) == doc.locate(("meta",))
    assert doc.locate(("key_judgments", 7)) == doc.locate(("key_judgments",))


def test_location_formats_as_file_line_col(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT)
    assert str(load(path).locate(("meta", "title"))) == f"{path}:7:12"


def test_yaml_syntax_error_has_place(tmp_path: Path) -> None:
    path = write(tmp_path, "piece:\n  headline: A\n outlet: B\n")
    with pytest.raises(InputError) as exc:
        validate(load(path))
    message = only_diagnostic(exc)
    assert "YAML syntax error" in message
    location = exc.value.diagnostics[0].location
    assert location.file == path
    assert location.line == 3
    assert message.startswith(f"{path}:3:{location.column}: error: ")


def test_tab_indentation_is_a_located_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "piece:\n\theadline: A\n")
    with pytest.raises(InputError) as exc:
        validate(load(path))
    assert "YAML syntax error" in only_diagnostic(exc)
    assert exc.value.diagnostics[0].location.line == 2


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "bluf: one\nmeta:\n  title: a\n  title: b\n")
    with pytest.raises(InputError) as exc:
        validate(load(path))
    diag = diagnostic_with(exc, "twice")
    assert "the key 'title' appears twice in 'meta' (first at line 3)" in diag.message
    assert diag.location == Location(path, 4, 3)
    assert f"{path}:4:3: error: " in exc.value.format()


def test_every_duplicate_key_is_reported_with_the_rest(tmp_path: Path) -> None:
    text = TEXT.replace("  title:   Spaced title\n", "  title: A\n  title: B\n").replace(
        "genre: news", "genre: newz"
    ) + "key_judgments: []\n"
    path = write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        validate(load(path))
    places = [(d.location.line, d.message.split(" (")[0]) for d in exc.value.diagnostics]
    assert places == [
        (5, "'piece.genre' must be 'news', 'analysis', 'opinion', 'editorial', 'feature', "
            "'interview', 'report' or 'other'; got 'newz'"),
        (8, "the key 'title' appears twice in 'meta'"),
        (18, "the key 'key_judgments' appears twice at the top level"),
    ], exc.value.format()


def test_aliases_are_refused_where_they_are_used(tmp_path: Path) -> None:
    path = write(tmp_path, "bluf: &b The bottom line.\nmeta:\n  title: *b\n")
    with pytest.raises(InputError) as exc:
        validate(load(path))
    diag = diagnostic_with(exc, "aliases")
    # At the alias (*b), not at the anchor (&b); the anchor is named in the message.
    assert diag.location == Location(path, 3, 10)
    assert "'*b' is a YAML alias (its anchor '&b' is at line 1)" in diag.message
    assert "  3 |   title: *b\n" in diag.format()
    # Nothing more is said of the aliased value: it is not also "empty".
    assert not any("meta.title" in d.message for d in exc.value.diagnostics)


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "base: &b {x: 1}\nmeta:\n  <<: *b\n")
    with pytest.raises(InputError) as exc:
        validate(load(path))
    diag = diagnostic_with(exc, "aliases")
    assert diag.location == Location(path, 3, 3)
    assert "merge" in diag.message
    # The keys the merge was to bring are not reported missing one by one.
    assert not any("missing in 'meta'" in d.message for d in exc.value.diagnostics)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    with pytest.raises(InputError) as exc:
        validate(load(write(tmp_path, "\n".join(lines) + "\n")))
    aliases = [d for d in exc.value.diagnostics if "aliases" in d.message]
    assert len(aliases) == 8 * 9  # each use reported once, none expanded


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "bluf: !!python/object:os.system echo\n")
    with pytest.raises(InputError) as exc:
        validate(load(path))
    diag = diagnostic_with(exc, "tag")
    assert "the YAML tag '!!python/object:os.system' is not allowed" in diag.message
    assert f"{path}:1:7: error: " in exc.value.format()


def test_python_tags_on_collections_build_no_objects(tmp_path: Path) -> None:
    path = write(tmp_path, "bluf: !!python/object/apply:os.system ['echo hi']\nx: 1\n")
    try:
        data = load(path).data
    except InputError:
        return  # refused: fine
    assert data == {"bluf": ["echo hi"], "x": 1}  # plain data, nothing constructed or run


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("- piece\n- meta\n", "a list"),
        ("just some words\n", "a single value"),
        ("42\n", "a single value"),
    ],
)
def test_not_a_brief(tmp_path: Path, text: str, kind: str) -> None:
    path = write(tmp_path, text)
    doc = load(path)
    with pytest.raises(InputError) as exc:
        validate(doc)
    message = only_diagnostic(exc)
    assert f"the file is {kind}, not a brief" in message
    assert str(path) in message


def test_non_utf8_bytes_are_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "bluf: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        validate(load(path))
    message = only_diagnostic(exc)
    # Placed at the byte that cannot be read, which is shown as Windows-1252 would.
    assert message.startswith(f"{path}:1:10: error: the file is not UTF-8 text: byte 0xE9 ")
    assert "('é' in the Windows-1252 / Latin-1 encoding)" in message
    assert "hint: save the file again choosing the UTF-8 encoding" in message


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(InputError) as exc:
        validate(load(path))
    message = only_diagnostic(exc)
    assert message.startswith(f"{path}: error: ")
    assert "not found" in message


def test_directory_is_not_a_brief(tmp_path: Path) -> None:
    folder = tmp_path / "briefs.yaml"
    folder.mkdir()
    with pytest.raises(InputError) as exc:
        validate(load(folder))
    message = only_diagnostic(exc)
    assert message.startswith(f"{folder}: error: ")
    assert "folder" in message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    doc = load(path)
    assert not doc.text.startswith("\ufeff")
    assert validate(doc).meta.title == "Spaced title"
    assert doc.locate(("meta", "title")) == Location(path, 7, 12)


def test_crlf_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT.replace("\n", "\r\n").encode("utf-8"))
    doc = load(path)
    brief = validate(doc)
    assert brief.meta.title == "Spaced title"
    assert brief.bluf == "The bottom line."
    assert "\r" not in brief.key_judgments[0].text
    assert doc.locate(("key_judgments", 1, "confidence")) == Location(path, 16, 17)


def test_non_ascii_text_survives(tmp_path: Path) -> None:
    text = TEXT.replace("An analyst", "Łukasz Żółć").replace("A headline", "Путин и Асад")
    brief = validate(load(write(tmp_path, text)))
    assert brief.meta.analyst == "Łukasz Żółć"
    assert brief.piece.headline == "Путин и Асад"
