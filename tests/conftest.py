"""Shared fixtures: the example brief, a small valid brief, built outputs, PDF helpers."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from briefing import Builder
from briefing.cli import cli

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "fpif-russia-assad.yaml"
BRIEF_FONTS = ("Brief-Serif", "Brief-Sans", "Brief-Arabic", "Brief-Hebrew-Serif",
               "Brief-Hebrew-Sans")

MINIMAL: dict[str, Any] = {
    "piece": {"headline": "A test headline", "outlet": "The Test Gazette", "genre": "news"},
    "meta": {"title": "A test brief", "analyst": "Test Analyst", "prepared": "2024-01-02"},
    "bluf": "The bottom line of this test brief is short and plain.",
    "key_judgments": [{"text": "The test judgment holds.", "confidence": "high"}],
}


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """`base` with `overrides` merged in: mappings merge key by key, anything else replaces."""
    merged = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def write_brief(directory: Path, stem: str = "brief", **overrides: Any) -> Path:
    """Write a small valid brief, merged with `overrides`, to `directory/<stem>.yaml`."""
    data = _merge(MINIMAL, overrides)
    path = Path(directory) / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository's root folder."""
    return REPO


@pytest.fixture(scope="session")
def example_yaml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example brief of content/, with its source texts, copied once per session.

    A copy, so that every test sees the same text even while the repository is edited,
    and so that nothing is ever written next to the real file.
    """
    assert EXAMPLE.is_file(), EXAMPLE
    content = tmp_path_factory.mktemp("example") / "content"
    shutil.copytree(EXAMPLE.parent, content, ignore=shutil.ignore_patterns("*.html", "*.pdf"))
    return content / EXAMPLE.name


@pytest.fixture(scope="session")
def example_data(example_yaml: Path) -> dict[str, Any]:
    """The example brief's YAML as plain data, to compare outputs against."""
    data = yaml.safe_load(example_yaml.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(name="write_brief", scope="session")
def write_brief_fixture() -> Callable[..., Path]:
    """`write_brief(dir, stem="brief", **overrides)` -> path of a small valid brief."""
    return write_brief


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in an empty working folder (no ./templates, nothing of the repo)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory, example_yaml: Path) -> Path:
    """The example brief built once to HTML and PDF; returns the output folder."""
    out = tmp_path_factory.mktemp("example-build")
    Builder(out=out, formats=("html", "pdf")).build(example_yaml)
    assert (out / "fpif-russia-assad.pdf").is_file()
    assert (out / "fpif-russia-assad.html").is_file()
    return out


# --- running the CLI -------------------------------------------------------------------


def run_cli(*args: str | Path) -> Result:
    """`briefing <args>` in-process, stderr kept apart from stdout."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(name="run_cli", scope="session")
def run_cli_fixture() -> Callable[..., Result]:
    """`run_cli(*args)` -> click Result of `briefing <args>`."""
    return run_cli


# --- reading PDFs ----------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    """All text of the PDF, whitespace folded to single spaces."""
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """Every font dictionary in the PDF: its /BaseFont and whether its file is embedded.

    Walks the whole object graph from the catalog, so fonts inside form XObjects,
    annotations or Type0 descendants are found too.
    """
    reader = PdfReader(path)
    found: list[tuple[str, bool]] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer["/Root"]]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        if isinstance(item, dict):
            if "/BaseFont" in item:
                found.append((str(item["/BaseFont"]), _embedded(item)))
            stack.extend(value for key, value in item.items() if key != "/Parent")
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _embedded(font: DictionaryObject) -> bool:
    """True when the font, or its Type0 descendants, carry their font program."""
    if "/DescendantFonts" in font:
        return all(_embedded(d.get_object()) for d in font["/DescendantFonts"])
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def font_family(base_font: str) -> str:
    """`/ABCDEF+Brief-Serif-Bold` -> `Brief-Serif-Bold` (subset tag and slash removed)."""
    return re.sub(r"^/?([A-Z]{6}\+)?", "", base_font)


def is_brief_font(base_font: str) -> bool:
    """True for the package's own faces: Brief-Serif, Brief-Sans, Brief-Arabic (any style)."""
    name = font_family(base_font)
    return any(name == f or name.startswith(f + "-") for f in BRIEF_FONTS)


@pytest.fixture(scope="session")
def pdf() -> Any:
    """PDF helpers: `pdf.text(path)`, `pdf.fonts(path)`, `pdf.is_brief_font(name)`."""

    class Pdf:
        text = staticmethod(pdf_text)
        fonts = staticmethod(pdf_fonts)
        family = staticmethod(font_family)
        is_brief_font = staticmethod(is_brief_font)

    return Pdf


# --- command-line options ----------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-references`: tests/test_visual.py rewrites its reference images."""
    parser.addoption(
        "--update-references", action="store_true", default=False,
        help="rewrite the reference images of tests/visual/ instead of comparing with them "
        "(what `make references` runs; see tests/visual/README.md)",
    )


# --- optional programs and libraries -----------------------------------------------------


def on_ci() -> bool:
    """Whether the environment variable CI is set (to anything but 0, false or no)."""
    import os

    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(found: bool, what: str, install: str) -> None:
    """Skip the test when the optional `what` is missing, saying how to get it; on CI,
    which must run every test, fail instead."""
    if found:
        return
    if on_ci():
        pytest.fail(f"{what} is missing, and CI must run every test: {install} "
                    "(.ci/run installs it)")
    pytest.skip(f"{what} is missing ({install}); this test runs wherever it is, and on CI")


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers for tests that need an optional library."""
    config.addinivalue_line(
        "markers", "harfbuzz_subset: needs the optional libharfbuzz-subset0 (skipped "
        "without it, except on CI)",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked `harfbuzz_subset` is skipped on a machine without the library."""
    if item.get_closest_marker("harfbuzz_subset") is not None:
        from briefing.doctor import harfbuzz_subset

        probe = harfbuzz_subset()
        require(probe.ok, "libharfbuzz-subset0", probe.fix)


@pytest.fixture(name="require", scope="session")
def require_fixture() -> Callable[[bool, str, str], None]:
    """`require(found, what, install)`: skip without an optional program; fail on CI."""
    return require


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable: skip without it, but fail on CI, which must have it."""
    found = shutil.which("chromium")
    require(found is not None, "Chromium (it prints the HTML briefs)",
            "sudo apt-get install -y chromium")
    assert found is not None
    return found
