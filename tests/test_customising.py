"""docs/customising.md, done word for word: every command run and every edit made.

Each walkthrough of the guide (a `##` or `###` section) is read from the guide itself and
done in a fresh folder that holds the example brief as `brief.yaml`:

- a ```sh block: each line is a command, `briefing ...` (run in-process), `mkdir -p` or
  `cp`; any other command fails the test, so the guide cannot show what is not tried;
- a ```jinja block whose first line is a comment naming a file writes that file;
- a ```diff block edits the file named by its `---` line: the lines marked ` ` and `-`
  must be in the file, once, and become the lines marked ` ` and `+`;
- a ```yaml block whose first line is `# add to brief.yaml` is added to the brief.

The tests then check that the HTML and PDF show what the guide says they show.
"""

from __future__ import annotations

import re
import shlex
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pytest
from click.testing import Result
from PIL import Image, ImageChops
from pypdf import PdfReader

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "customising.md"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
FILE_COMMENT = re.compile(r"^\{#-?\s*(\S+?):?\s")


@dataclass
class Done:
    """What doing a walkthrough left: its folder, and each `briefing` command's result."""

    folder: Path
    runs: list[tuple[list[str], Result]] = field(default_factory=list)

    @property
    def last(self) -> Result:
        return self.runs[-1][1]

    def html(self) -> str:
        return (self.folder / "build" / "brief.html").read_text(encoding="utf-8")

    def pdf(self) -> Path:
        return self.folder / "build" / "brief.pdf"


def section(title: str) -> str:
    """The text of the guide's section `title`, down to the next heading of its level.

    Lines inside code blocks are never headings (a YAML comment starts with `#` too).
    """
    lines = GUIDE.read_text(encoding="utf-8").splitlines(keepends=True)
    fenced, level, found = False, 0, []
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        heading = None if fenced else re.match(r"(#+) (.*)$", line)
        if level and heading and len(heading.group(1)) <= level:
            break
        if level:
            found.append(line)
        elif heading and heading.group(2) == title:
            level = len(heading.group(1))
    assert level, f"docs/customising.md has no section '{title}'"
    return "".join(found)


def do(title: str, folder: Path, run_cli: Callable[..., Result]) -> Done:
    """Do what the section `title` of the guide says, in `folder` (the working directory)."""
    done = Done(folder)
    blocks = BLOCK.findall(section(title))
    assert blocks, f"section '{title}' shows nothing to do"
    for language, body in blocks:
        if language == "sh":
            for line in body.splitlines():
                if line.strip():
                    _command(shlex.split(line), done, run_cli)
        elif language == "diff":
            _patch(body)
        elif language == "jinja":
            target = FILE_COMMENT.match(body)
            assert target, f"a jinja block that names no file:\n{body}"
            Path(target.group(1)).write_text(body, encoding="utf-8")
        elif language == "yaml" and body.startswith("# add to brief.yaml\n"):
            with Path("brief.yaml").open("a", encoding="utf-8") as brief:
                brief.write("\n" + body.split("\n", 1)[1])
    return done


def _command(argv: list[str], done: Done, run_cli: Callable[..., Result]) -> None:
    if argv[0] == "briefing":
        done.runs.append((argv, run_cli(*argv[1:])))
    elif argv[:2] == ["mkdir", "-p"]:
        for name in argv[2:]:
            Path(name).mkdir(parents=True, exist_ok=True)
    elif argv[0] == "cp" and len(argv) == 3:
        source, target = Path(argv[1]), Path(argv[2])
        shutil.copy(source, target / source.name if target.is_dir() else target)
    else:
        pytest.fail(f"docs/customising.md runs {shlex.join(argv)!r}, which this test does not "
                    "know how to do: teach `_command` or show another way")


def _patch(body: str) -> None:
    lines = body.splitlines()
    assert lines[0].startswith("--- ") and lines[1].startswith("+++ "), body
    path = Path(lines[0][4:].strip())
    hunk = lines[2:]
    old = "".join(line[1:] + "\n" for line in hunk if line[:1] in (" ", "-"))
    new = "".join(line[1:] + "\n" for line in hunk if line[:1] in (" ", "+"))
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the diff for {path} does not match it once:\n{old}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_yaml: Path
) -> Path:
    """A fresh folder with the example brief as `brief.yaml`, and the working directory."""
    shutil.copy(example_yaml, tmp_path / "brief.yaml")
    shutil.copytree(example_yaml.parent / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pdf_text(path: Path) -> str:
    """All text of the PDF, whitespace folded to single spaces."""
    pages = PdfReader(path).pages
    return " ".join(" ".join(page.extract_text() or "" for page in pages).split())


def squashed(text: str) -> str:
    """Text compared as words: no case, spaces or hyphens (lines may break in a word)."""
    return re.sub(r"[\s\u00ad\u2010-]", "", unicodedata.normalize("NFKC", text)).lower()


def pixels_near(pdf: Path, colour: str, tolerance: int = 12) -> int:
    """How many pixels of the PDF's page, drawn at 50 dpi, are within `tolerance` of `colour`."""
    target = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=50 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    red, green, blue = ImageChops.difference(image, Image.new("RGB", image.size, target)).split()
    furthest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return furthest.point(lambda v: 255 if v <= tolerance else 0).histogram()[255]


def assert_built(done: Done) -> None:
    for argv, result in done.runs:
        assert result.exit_code == 0, f"{shlex.join(argv)}: {result.output}"
    assert done.pdf().is_file() and (done.folder / "build" / "brief.html").is_file()


# --- the guide as a whole ------------------------------------------------------------------


def test_every_walkthrough_builds_and_is_tested() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    titles = re.findall(r"^## (\d\. .+)$", text, re.MULTILINE)
    assert titles == [
        "1. Change a colour", "2. Replace a partial", "3. Add a section",
        "4. Start from a whole theme", "5. When a template has a mistake",
    ]
    for title in titles:
        assert "briefing build brief.yaml" in section(title), title


def test_the_guide_names_every_theme(run_cli: Callable[..., Result]) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    listed = run_cli("themes").output
    for name in ("memo", "sheet", "contrast"):
        assert f"| `{name}`" in text and name in listed


# --- 1. a colour ---------------------------------------------------------------------------


def test_colour_in_one_brief(start: Path, run_cli: Callable[..., Result]) -> None:
    done = do("In one brief", start, run_cli)
    assert_built(done)
    assert "--accent: #8a1c1c;" in done.html()
    # The banner and headings of the page are drawn in it.
    assert pixels_near(done.pdf(), "#8a1c1c") > 500


def test_colour_in_every_brief(start: Path, run_cli: Callable[..., Result]) -> None:
    done = do("In every brief", start, run_cli)
    assert_built(done)
    assert (start / "templates" / "brief.css").is_file()
    html = done.html()
    assert "--accent: #1f5f3a;" in html
    assert "#1d3f66" not in html  # the memo's own accent is gone
    assert pixels_near(done.pdf(), "#1f5f3a") > 500
    assert pixels_near(done.pdf(), "#1d3f66") == 0


# --- 2. a partial --------------------------------------------------------------------------


def test_replace_a_partial(start: Path, run_cli: Callable[..., Result]) -> None:
    done = do("2. Replace a partial", start, run_cli)
    assert_built(done)
    html = done.html()
    sourcing = re.search(r'<section class="sourcing".*?</section>', html, re.DOTALL)
    assert sourcing, "no sourcing section"
    assert '<ul class="source-list">' in sourcing.group(0)
    assert "<table" not in sourcing.group(0)
    text = squashed(pdf_text(done.pdf()))
    for line in ("B2 Reuters news agency (Osborn and Lowe, 30 June 2016): Russia's terms "
                 "for dropping Assad.",
                 "F3 Sources familiar with the Kremlin's thinking: Russia will back Assad "
                 "for years."):
        assert squashed(line) in text
    assert squashed("news report, second-hand") not in text  # the table's Kind column


# --- 3. a section --------------------------------------------------------------------------


def test_add_a_section(start: Path, run_cli: Callable[..., Result]) -> None:
    done = do("3. Add a section", start, run_cli)
    assert_built(done)
    html = done.html()
    assert ".glance ul {" in html
    order = [html.index(f'class="{name}"') for name in ("bluf", "glance", "judgments")]
    assert order == sorted(order), "the new section is not between bottom line and judgments"
    text = squashed(pdf_text(done.pdf()))
    assert squashed("Sources at a glance B2 Reuters news agency") in text
    assert squashed("F3 Sources familiar with the Kremlin's thinking") in text


# --- 4. a whole theme ----------------------------------------------------------------------


def test_start_from_a_whole_theme(start: Path, run_cli: Callable[..., Result]) -> None:
    done = do("4. Start from a whole theme", start, run_cli)
    assert_built(done)
    assert (start / "templates" / "brief.css").is_file()
    assert (start / "templates" / "partials" / "sourcing.html.j2").is_file()
    ejected = pdf_text(done.pdf())
    # The same brief built with the built-in sheet theme, without the ejected copy.
    shutil.move(start / "templates", start / "ejected")
    result = run_cli("build", "brief.yaml", "--out", "sheet", "--theme", "sheet")
    assert result.exit_code == 0, result.output
    assert ejected == pdf_text(start / "sheet" / "brief.pdf")
    assert 'class="sheet"' in done.html()


def test_eject_does_not_overwrite(start: Path, run_cli: Callable[..., Result]) -> None:
    assert run_cli("theme", "eject", "sheet", "templates").exit_code == 0
    again = run_cli("theme", "eject", "sheet", "templates")
    assert again.exit_code == 2
    assert "--force" in again.output
    assert run_cli("theme", "eject", "sheet", "templates", "--force").exit_code == 0


# --- 5. a mistake --------------------------------------------------------------------------


def test_template_mistake_names_file_and_line(
    start: Path, run_cli: Callable[..., Result]
) -> None:
    done = do("5. When a template has a mistake", start, run_cli)
    assert done.last.exit_code == 2
    message = done.last.stderr
    assert message.startswith(
        "templates/partials/bluf.html.j2:3:1: error: template error: "
    ), message
    assert "bluff" in message
    assert "Traceback" not in message
    assert not done.pdf().exists() and not (start / "build" / "brief.html").exists()
    # The message in the guide is the one the tool prints.
    shown = BLOCK.findall(section("5. When a template has a mistake"))
    text = [body for language, body in shown if language == "text"]
    assert text, "the guide shows no message"
    assert text[0].splitlines()[0] == message.splitlines()[0]
