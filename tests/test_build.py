"""Building through the command line: outputs, PDF properties, errors, incremental builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pypdf import PdfReader

STEM = "fpif-russia-assad"
OLD = 1_000_000_000  # an mtime (2001) that no write during the test can produce


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory, example_yaml: Path) -> Path:
    """A folder holding a copy of content/ (the example and its source text)."""
    work = tmp_path_factory.mktemp("cli-build")
    shutil.copytree(example_yaml.parent, work / "content")
    return work


@pytest.fixture(scope="module")
def cli_build(workdir: Path, run_cli: Callable[..., Result]) -> tuple[Result, Path]:
    """`briefing build content/fpif-russia-assad.yaml --out out --force`, run once."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(workdir)
        result = run_cli("build", f"content/{STEM}.yaml", "--out", "out", "--force")
    return result, workdir / "out"


@pytest.fixture(scope="module")
def example_pdf(cli_build: tuple[Result, Path]) -> Path:
    return cli_build[1] / f"{STEM}.pdf"


@pytest.fixture(scope="module")
def example_html(cli_build: tuple[Result, Path]) -> str:
    return (cli_build[1] / f"{STEM}.html").read_text(encoding="utf-8")


def age(*paths: Path) -> None:
    """Set the files' mtime far in the past, so that any rewrite shows."""
    for path in paths:
        os.utime(path, (OLD, OLD))


def mtime(path: Path) -> float:
    return path.stat().st_mtime


# --- the example, built once -----------------------------------------------------------


def test_build_exits_0_and_writes_html_and_pdf(cli_build: tuple[Result, Path]) -> None:
    result, out = cli_build
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        f"{STEM}.html",
        f"{STEM}.pdf",
    ]
    assert (out / f"{STEM}.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / f"{STEM}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"content/{STEM}.yaml: wrote" in result.stdout
    assert result.stderr == ""


def test_pdf_has_exactly_one_page(example_pdf: Path) -> None:
    assert len(PdfReader(example_pdf).pages) == 1


def test_pdf_text_has_the_bottom_line(
    example_pdf: Path, example_data: dict[str, Any], pdf: Any
) -> None:
    text = pdf.text(example_pdf)
    assert "bottom line" in text.lower()
    first_words = " ".join(example_data["bluf"].split()[:6])
    assert first_words in text
    assert example_data["meta"]["title"] in text


def test_pdf_text_has_every_key_judgment_and_source_grade(
    example_pdf: Path, example_data: dict[str, Any], pdf: Any
) -> None:
    text = pdf.text(example_pdf)
    for kj in example_data["key_judgments"]:
        assert " ".join(kj["text"].split()[:4]) in text
    for source in example_data["sourcing"]:
        assert f"{source['reliability']}{source['credibility']}" in text


def test_pdf_metadata(example_pdf: Path, example_data: dict[str, Any]) -> None:
    info = PdfReader(example_pdf).metadata
    assert info is not None
    assert info["/Title"] == example_data["meta"]["title"]
    assert info["/Author"] == example_data["meta"]["analyst"]
    assert info["/Subject"] == " ".join(example_data["bluf"].split())
    assert example_data["piece"]["outlet"] in info["/Keywords"]
    assert example_data["piece"]["genre"] in info["/Keywords"]


def test_pdf_dates_come_from_the_brief_not_the_clock(
    example_pdf: Path, example_data: dict[str, Any]
) -> None:
    info = PdfReader(example_pdf).metadata
    assert info is not None
    prepared = str(example_data["meta"]["prepared"]).replace("-", "")
    assert str(info["/CreationDate"]).startswith(f"D:{prepared}")


def test_pdf_language(example_pdf: Path) -> None:
    assert PdfReader(example_pdf).trailer["/Root"]["/Lang"] == "en"


def test_pdf_is_tagged(example_pdf: Path) -> None:
    catalog = PdfReader(example_pdf).trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    tree = catalog["/StructTreeRoot"].get_object()
    assert tree["/Type"] == "/StructTreeRoot"
    assert len(tree["/K"]) > 0


def test_pdf_embeds_only_the_brief_fonts(example_pdf: Path, pdf: Any) -> None:
    fonts = pdf.fonts(example_pdf)
    assert fonts
    strangers = [name for name, _ in fonts if not pdf.is_brief_font(name)]
    assert strangers == []
    assert [name for name, embedded in fonts if not embedded] == []
    families = {pdf.family(name) for name, _ in fonts}
    assert "Brief-Serif" in families
    assert "Brief-Sans" in families


def test_html_is_self_contained(example_html: str) -> None:
    html = example_html
    assert "<link" not in html
    assert 'src="http' not in html
    assert "@import" not in html
    assert "file:" not in html
    assert "@font-face" in html
    assert "data:font/woff2;base64," in html
    urls = re.findall(r"url\(\s*[\"']?([^\"')]*)", html)
    assert urls
    assert all(u.startswith("data:") for u in urls), [u[:40] for u in urls if "data:" not in u]
    assert "@page" in html
    assert "--scale" in html
    assert '<html lang="en" dir="ltr">' in html


def test_html_scale_is_the_one_the_pdf_was_fitted_at(
    cli_build: tuple[Result, Path], example_html: str
) -> None:
    result, _ = cli_build
    fitted = re.search(r"fitted at (\d+)%", result.stdout)
    declared = re.findall(r":root \{ --scale: ([0-9.]+); \}", example_html)
    assert len(declared) == 1
    expected = int(fitted.group(1)) / 100 if fitted else 1.0
    assert float(declared[0]) == pytest.approx(expected, abs=0.006)


def test_example_builds_are_reproducible(
    example_build: Path, cli_build: tuple[Result, Path]
) -> None:
    """The example built twice, into two folders (by the API and by `build --force`)."""
    _, out = cli_build
    for suffix in ("pdf", "html"):
        assert (example_build / f"{STEM}.{suffix}").read_bytes() == (
            out / f"{STEM}.{suffix}"
        ).read_bytes(), suffix


def test_builds_are_reproducible(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(
        in_tmp,
        piece={"author": "\u0141ukasz \u017b\u00f3\u0142\u0107"},
        bluf="A bottom line that names \u0628\u0634\u0627\u0631 \u0627\u0644\u0623\u0633\u062f.",
    )
    for out in ("one", "two"):
        result = run_cli("build", path.name, "--out", out, "--force")
        assert result.exit_code == 0, result.output
    for suffix in ("pdf", "html"):
        one = (in_tmp / "one" / f"brief.{suffix}").read_bytes()
        assert one == (in_tmp / "two" / f"brief.{suffix}").read_bytes(), suffix


# --- formats --------------------------------------------------------------------------


def test_format_html_writes_only_html(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "out" / "brief.html").is_file()
    assert not (in_tmp / "out" / "brief.pdf").exists()
    assert [p.name for p in (in_tmp / "out").glob("*.pdf")] == []


def test_format_pdf_writes_only_pdf(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "out" / "brief.pdf").is_file()
    assert not (in_tmp / "out" / "brief.html").exists()


def test_unknown_format_is_a_usage_error(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)
    result = run_cli("build", path.name, "--out", "out", "--format", "foo")
    assert result.exit_code == 2
    assert "foo" in result.stderr
    assert "html" in result.stderr and "pdf" in result.stderr
    assert not (in_tmp / "out").exists()


# --- errors ---------------------------------------------------------------------------


BROKEN = """\
piece:
  headline: A headline
  outlet: An outlet
  genre: news
meta:
  title: A title
  analyst: An analyst
  prepared: 2024-01-02
bluf: The bottom line.
key_judgments:
  - text: A judgment.
    confidence: hgih
"""


def test_invalid_brief_exits_2_with_place_and_no_traceback(
    in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    (in_tmp / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = run_cli("build", "broken.yaml", "--out", "out")
    assert result.exit_code == 2
    assert "broken.yaml:12:17: error:" in result.stderr
    assert "did you mean 'high'?" in result.stderr
    assert "Traceback" not in result.output
    assert not (in_tmp / "out" / "broken.pdf").exists()
    assert not (in_tmp / "out" / "broken.html").exists()


def test_yaml_syntax_error_exits_2(in_tmp: Path, run_cli: Callable[..., Result]) -> None:
    (in_tmp / "syntax.yaml").write_text("piece: [\nmeta: x\n", encoding="utf-8")
    result = run_cli("build", "syntax.yaml", "--out", "out")
    assert result.exit_code == 2
    assert re.search(r"syntax\.yaml:\d+:\d+: error: YAML syntax error", result.stderr)
    assert "Traceback" not in result.output
    assert not (in_tmp / "out").exists() or not list((in_tmp / "out").iterdir())


def test_missing_brief_file_exits_2(in_tmp: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli("build", "absent.yaml", "--out", "out")
    assert result.exit_code == 2
    assert "absent.yaml" in result.stderr
    assert "not found" in result.stderr
    assert "Traceback" not in result.output


def test_folder_without_briefs_is_an_error(
    in_tmp: Path, run_cli: Callable[..., Result]
) -> None:
    (in_tmp / "empty").mkdir()
    result = run_cli("build", "empty", "--out", "out")
    assert result.exit_code == 2
    assert "empty" in result.stderr
    assert not (in_tmp / "out").exists()


def test_folder_builds_every_brief_in_it(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    folder = in_tmp / "briefs"
    write_brief(folder, stem="one", bluf="First brief.")
    write_brief(folder, stem="two", bluf="Second brief.")
    (folder / "notes.txt").write_text("not a brief", encoding="utf-8")
    result = run_cli("build", "briefs", "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (in_tmp / "out").glob("*.html")) == ["one.html", "two.html"]


def test_one_bad_brief_does_not_stop_the_others(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    good = write_brief(in_tmp, stem="good")
    (in_tmp / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    result = run_cli("build", "bad.yaml", good.name, "--out", "out", "--format", "html")
    assert result.exit_code == 2
    assert "bad.yaml:12:17" in result.stderr
    assert (in_tmp / "out" / "good.html").is_file()
    assert not (in_tmp / "out" / "bad.html").exists()


def test_failed_build_leaves_previous_output_untouched(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)
    assert run_cli("build", path.name, "--out", "out").exit_code == 0
    outputs = [in_tmp / "out" / "brief.html", in_tmp / "out" / "brief.pdf"]
    age(*outputs)
    before = [p.read_bytes() for p in outputs]

    path.write_text(BROKEN, encoding="utf-8")  # the same brief, now broken
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 2
    assert [p.read_bytes() for p in outputs] == before
    assert [mtime(p) for p in outputs] == [OLD, OLD]
    assert sorted(p.name for p in (in_tmp / "out").iterdir() if p.is_file()) == [
        "brief.html",
        "brief.pdf",
    ]  # no temporary files left behind


# --- incremental builds -----------------------------------------------------------------


SOURCE = "The minister said the talks would go on. Nobody believed her.\n"


def test_incremental_builds(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result], pdf: Any
) -> None:
    (in_tmp / "piece.txt").write_text(SOURCE, encoding="utf-8")
    path = write_brief(
        in_tmp,
        piece={"source_text": "piece.txt"},
        critique={"strengths": [{"point": "Clear.", "quote": {"exact": "Nobody believed her"}}]},
    )
    outputs = [in_tmp / "out" / "brief.html", in_tmp / "out" / "brief.pdf"]

    def build(*extra: str) -> Result:
        result = run_cli("build", path.name, "--out", "out", *extra)
        assert result.exit_code == 0, result.output
        return result

    first = build()
    assert "brief.yaml: wrote" in first.stdout
    age(*outputs)
    before = [p.read_bytes() for p in outputs]

    # Nothing changed: nothing written.
    second = build()
    assert "up to date" in second.stdout
    assert "wrote" not in second.stdout
    assert [mtime(p) for p in outputs] == [OLD, OLD]
    assert [p.read_bytes() for p in outputs] == before

    # --force rebuilds, to the same bytes.
    forced = build("--force")
    assert "wrote" in forced.stdout
    assert all(mtime(p) != OLD for p in outputs)
    assert [p.read_bytes() for p in outputs] == before

    # A change to the YAML rebuilds.
    age(*outputs)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "The bottom line of this test brief", "A changed bottom line of this brief"
        ),
        encoding="utf-8",
    )
    changed = build()
    assert "wrote" in changed.stdout
    assert all(mtime(p) != OLD for p in outputs)
    assert "A changed bottom line" in pdf.text(outputs[1])

    # A change to the source text alone rebuilds.
    age(*outputs)
    (in_tmp / "piece.txt").write_text(SOURCE + "A new paragraph.\n", encoding="utf-8")
    assert "wrote" in build().stdout
    assert all(mtime(p) != OLD for p in outputs)

    # And then it is up to date again.
    age(*outputs)
    assert "up to date" in build().stdout
    assert [mtime(p) for p in outputs] == [OLD, OLD]


def test_deleted_output_is_rebuilt(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)
    assert run_cli("build", path.name, "--out", "out").exit_code == 0
    (in_tmp / "out" / "brief.pdf").unlink()
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 0
    assert "wrote" in result.stdout
    assert (in_tmp / "out" / "brief.pdf").is_file()


# --- help and entry points --------------------------------------------------------------


def test_help(run_cli: Callable[..., Result]) -> None:
    top = run_cli("--help")
    assert top.exit_code == 0
    assert "Usage:" in top.stdout
    assert "build" in top.stdout
    sub = run_cli("build", "--help")
    assert sub.exit_code == 0
    for option in ("--out", "--format", "--templates", "--force"):
        assert option in sub.stdout


def test_version(run_cli: Callable[..., Result]) -> None:
    from briefing import __version__

    result = run_cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_python_m_briefing_help(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "--help"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Usage:" in run.stdout
    assert "build" in run.stdout


def test_python_m_briefing_invalid_brief_exits_2(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "broken.yaml", "--out", "out"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 2
    assert "broken.yaml:12:17: error:" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert not (tmp_path / "out").exists()


# --- what the HTML shows ----------------------------------------------------------------


def section(html: str, name: str) -> str:
    found = re.search(rf'<section class="{name}"[^>]*>.*?</section>', html, re.DOTALL)
    assert found, f"no <section class={name!r}> in the HTML"
    return found.group(0)


def test_html_escapes_content(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(
        in_tmp,
        meta={"title": "</title><script>alert(2)</script>"},
        bluf="<script>alert(1)</script> & more",
        key_judgments=[{"text": "Typed as {{ 7*7 }} and {% if true %}x{% endif %}.",
                        "confidence": "low"}],
    )
    result = run_cli("build", path.name, "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    bluf = section(html, "bluf")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in bluf
    judgments = section(html, "judgments")
    assert "{{ 7*7 }}" in judgments
    assert "{% if true %}x{% endif %}" in judgments
    assert "49" not in judgments


def test_optional_fields_left_out_are_said_to_be_unknown(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, stem="unknown")
    dated = write_brief(
        in_tmp, stem="dated", piece={"author": "Jane Writer", "published": "2016-07-01"}
    )
    result = run_cli("build", path.name, dated.name, "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    unknown = (in_tmp / "out" / "unknown.html").read_text(encoding="utf-8")
    assert "author not stated" in unknown
    assert "date not stated" in unknown
    known = (in_tmp / "out" / "dated.html").read_text(encoding="utf-8")
    assert "by Jane Writer" in known
    assert "1 July 2016" in known
    assert "not stated" not in known


def test_brief_language_reaches_html_and_pdf(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp, meta={"language": "fr"})
    result = run_cli("build", path.name, "--out", "out")
    assert result.exit_code == 0, result.output
    html = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in html
    assert PdfReader(in_tmp / "out" / "brief.pdf").trailer["/Root"]["/Lang"] == "fr"


def test_sections_without_content_are_left_out(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)  # no motives, sourcing or watch list
    result = run_cli("build", path.name, "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    for name in ("motives", "sourcing", "watch"):
        assert f'data-section="{name}"' not in html
    for name in ("header", "bluf", "key judgments", "footer"):
        assert f'data-section="{name}"' in html


def test_empty_critique_is_left_out(
    in_tmp: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    path = write_brief(in_tmp)  # no critique
    result = run_cli("build", path.name, "--out", "out", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (in_tmp / "out" / "brief.html").read_text(encoding="utf-8")
    assert 'data-section="critique"' not in html
    assert "What holds up" not in html


def test_format_given_again_adds_to_the_outputs(
    example_yaml: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("build", example_yaml, "--out", tmp_path, "--format", "html",
                     "--format", "png")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "fpif-russia-assad.html", "fpif-russia-assad.png"]
