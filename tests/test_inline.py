"""The analyst's prose takes a little inline Markdown; the piece's quoted words do not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import Result

from briefing.loader import load
from briefing.render import Renderer
from briefing.theme_lookup import themes
from briefing.validate import validate


def marked(name: str) -> str:
    """Prose with emphasis on a word that names its field, to find it on the page."""
    return f"The *{name}* field."


PROSE: dict[str, Any] = {
    "piece": {"published_note": marked("note")},
    "bluf": marked("bluf"),
    "key_judgments": [{"text": marked("judgment"), "confidence": "high"}],
    "motives": [{"actor": "An actor", "motive": marked("motive"), "basis": "stated",
                 "confidence": "high",
                 "evidence": [{"exact": "*as typed*", "context": marked("context")}]}],
    "sourcing": [{"id": "s1", "who": "A source", "named": False, "anonymity": marked("anonymity"),
                  "kind": "other", "hand": "first", "reliability": "F", "credibility": 6,
                  "supports": marked("supports")}],
    "critique": {
        "strengths": [{"point": marked("point")}],
        "factual_errors": [{"claim": {"exact": "a claim"}, "correction": marked("correction")}],
        "unsupported_claims": [{"claim": {"exact": "a claim"}, "issue": marked("issue")}],
        "missing_perspectives": [{"who": "Someone", "why": marked("why")}],
        "rhetoric": [{"device": "A device", "quote": {"exact": "a claim"},
                      "effect": marked("effect")}],
    },
    "watch": [{"text": marked("watch")}],
}
FIELDS = ("note", "bluf", "judgment", "motive", "context", "anonymity", "supports", "point",
          "correction", "issue", "why", "effect", "watch")


@pytest.mark.parametrize("theme", sorted(themes()))
def test_every_prose_field_prints_its_emphasis_in_every_theme(
    tmp_path: Path, write_brief: Callable[..., Path], theme: str
) -> None:
    brief = validate(load(write_brief(tmp_path, **PROSE)))
    html = Renderer(theme=theme).render(brief)
    missing = [name for name in FIELDS if f"The <em>{name}</em> field." not in html]
    assert missing == []
    # A quote is the piece's own words: printed as typed, asterisks and all.
    assert "*as typed*" in html and "<em>as typed</em>" not in html


def test_markup_prints_as_emphasis_strong_code_and_a_clickable_link(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(
        in_tmp,
        bluf="It is *real*, **decisive**, `#hashtag` and [in the report](https://example.org/r).",
        key_judgments=[{"text": "Write to [the desk](mailto:desk@example.org).",
                        "confidence": "low"}],
    )
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 0, result.output
    html = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    assert ("It is <em>real</em>, <strong>decisive</strong>, <code>#hashtag</code> and "
            '<a href="https://example.org/r">in the report</a>.') in html
    reader = pypdf.PdfReader(in_tmp / "out" / "brief.pdf")
    text = " ".join(reader.pages[0].extract_text().split())
    assert "It is real, decisive, #hashtag and in the report." in text
    assert "*" not in text and "](" not in text
    uris = [annot.get_object()["/A"]["/URI"] for annot in reader.pages[0]["/Annots"]]
    assert uris == ["https://example.org/r", "mailto:desk@example.org"]
    # The PDF's subject is the bottom line as the reader sees it, without the markup.
    assert reader.metadata is not None
    assert reader.metadata.subject == "It is real, decisive, #hashtag and in the report."


def test_word_counts_leave_out_markup_and_addresses(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    address = "https://example.org/" + "/".join(["long-word"] * 40)
    path = write_brief(in_tmp, bluf=f"The **bottom line** cites [a report]({address}).")
    result = run_cli("check", path.name)
    assert result.exit_code == 0, result.output
    assert "BR001" not in result.output + result.stderr

    long = " ".join(["*word*"] * 41)
    result = run_cli("check", write_brief(in_tmp, "long", bluf=long).name)
    assert "the bottom line has 41 words" in result.output


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("5* hotels and 4* ones", "5* hotels and 4* ones"),
        ("snake_case_name", "snake_case_name"),
        (r"a literal \*star\*", "a literal *star*"),
        ("*unclosed emphasis", "*unclosed emphasis"),
        ("![a picture](https://example.org/p.png)", "![a picture](https://example.org/p.png)"),
        ("[no address]()", "[no address]()"),
        ("[relative](notes.html)", "[relative](notes.html)"),
        ("<https://example.org>", "&lt;https://example.org&gt;"),
        ("https://example.org", "https://example.org"),
        ("R&amp;D &lt;b&gt;", "R&amp;amp;D &amp;lt;b&amp;gt;"),
    ],
)
def test_what_is_not_the_markup_prints_as_typed(
    tmp_path: Path, write_brief: Callable[..., Path], typed: str, shown: str
) -> None:
    brief = validate(load(write_brief(tmp_path, bluf=typed)))
    html = Renderer().render(brief)
    assert f"<p>{shown}</p>" in html
