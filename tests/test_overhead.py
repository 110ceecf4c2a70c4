"""What a build pays besides the engine: what each command imports, and what is made
once per process (or once for good) rather than once per brief.

Counted, never timed: the modules a command leaves in `sys.modules`, in a process of
its own; the reads of the font files; the compiles of a catalog.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import os
import subprocess
import sys
import types
import weakref
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing import disk_cache, fonts
from briefing.build import Builder, folder_fingerprint
from briefing.i18n import catalogs, forms
from briefing.lasting import lasting_imports

REPO = Path(__file__).resolve().parent.parent

_STATE_AFTER = """
import gc, json, runpy, sys
sys.argv = ["briefing", *sys.argv[1:]]
try:
    runpy.run_module("briefing", run_name="__main__")
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps({"modules": sorted(sys.modules), "frozen": gc.get_freeze_count(),
                  "collecting": gc.isenabled()}))
"""


def state_after(*args: str | Path, cache: Path) -> dict[str, Any]:
    """What `briefing ARGS` leaves, run in a process of its own with `cache` as its
    cache folder: the modules loaded, the objects frozen out of the garbage collector's
    reach, whether it collects."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", _STATE_AFTER, *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=180, check=True)
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return found


def modules_after(*args: str | Path, cache: Path) -> set[str]:
    """The modules loaded by `briefing ARGS` (see `state_after`)."""
    return set(state_after(*args, cache=cache)["modules"])


def python_says(code: str, *, cache: Path | None = None, site: Path | None = None) -> str:
    """What `python -c code` prints, run with this checkout (and `site`, if given) on its
    path, `cache` as its cache folder, and PYDANTIC_DISABLE_PLUGINS unset."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, filter(None, [REPO, site])))}
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stdout


def packages(modules: set[str]) -> set[str]:
    """The top-level packages of `modules`."""
    return {name.split(".")[0] for name in modules}


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """An empty cache folder, as a first run on a new machine has."""
    return tmp_path / "cache"


def test_an_html_build_imports_neither_babel_nor_the_engine_nor_other_commands(
    example_yaml: Path, tmp_path: Path, cache: Path
) -> None:
    build = ("build", example_yaml, "--out", tmp_path / "out", "--force", "--format", "html")
    modules_after(*build, cache=cache)  # the first run compiles the catalog, with Babel
    assert list((cache / "briefing" / "catalogs").glob("*.mo"))
    loaded = modules_after(*build, cache=cache)
    assert {"click", "jinja2", "yaml", "pydantic"} <= packages(loaded)
    assert not packages(loaded) & {"babel", "weasyprint", "pydyf", "fontTools", "pypdf",
                                   "docx", "segno", "trafilatura", "pypdfium2", "lxml"}
    others = {"briefing.layout", "briefing.pdf", "briefing.word", "briefing.serve",
              "briefing.draft", "briefing.pack", "briefing.extract", "briefing.doctor",
              "briefing.cli.check", "briefing.cli.new", "briefing.cli.serve",
              "briefing.cli.pack", "briefing.cli.extract", "briefing.cli.doctor",
              "xml.etree.ElementTree"}
    assert not loaded & others, sorted(loaded & others)


def test_a_pdf_build_imports_no_package_that_the_engine_or_an_html_build_does_not(
    example_yaml: Path, tmp_path: Path, cache: Path
) -> None:
    out = tmp_path / "out"
    html = modules_after("build", example_yaml, "--out", out, "--force", "--format", "html",
                         cache=cache)
    pdf = modules_after("build", example_yaml, "--out", out, "--force", "--format", "pdf",
                        cache=cache)
    engine = python_says("import json, sys, weasyprint.__main__; "
                         "print(json.dumps(sorted(sys.modules)))")
    engine_packages = packages(set(json.loads(engine)))
    assert packages(pdf) - packages(html) - engine_packages == set()
    assert "babel" not in packages(pdf)


def test_an_english_brief_has_cldrs_forms_without_babel() -> None:
    from babel import Locale
    from babel.dates import format_date

    english = Locale.parse("en")
    for month in range(1, 13):
        day = dt.date(2026, month, 9)
        assert forms.ENGLISH.date(day) == format_date(day, forms.ENGLISH_DATE, locale=english)
    assert forms.ENGLISH.direction == "ltr" and english.character_order == "left-to-right"
    assert forms.forms("en") is forms.ENGLISH
    assert forms.forms("en-US").date(dt.date(2026, 11, 25)) == "November 25, 2026"


def test_a_catalog_is_compiled_once_for_each_text_it_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from babel.messages import mofile

    compiles: Counter[str] = Counter()
    write_mo = mofile.write_mo

    def counted(out: object, catalog: object, *args: object, **kwargs: object) -> None:
        compiles["fr"] += 1
        write_mo(out, catalog, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mofile, "write_mo", counted)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(catalogs, "_COMPILED", {})
    mine = catalogs.catalog_file(tmp_path / "templates" / "locale", "fr")
    mine.parent.mkdir(parents=True)
    mine.write_text('msgid "Bottom line"\nmsgstr "En bref"\n', encoding="utf-8")

    def bottom_line() -> str:
        return str(catalogs.translations("fr", tmp_path / "templates").gettext("Bottom line"))

    assert bottom_line() == "En bref" and bottom_line() == "En bref"
    assert compiles["fr"] == 2  # the user's catalog and the shipped one, once each
    monkeypatch.setattr(catalogs, "_COMPILED", {})  # as a new process finds it
    assert bottom_line() == "En bref" and compiles["fr"] == 2  # from the disk cache
    mine.write_text('msgid "Bottom line"\nmsgstr "L\'essentiel"\n', encoding="utf-8")
    assert bottom_line() == "L'essentiel" and compiles["fr"] == 3  # the edited one, anew
    for kept in (tmp_path / "cache" / "briefing" / "catalogs").glob("*.mo"):
        kept.write_bytes(b"damaged")
    monkeypatch.setattr(catalogs, "_COMPILED", {})
    assert bottom_line() == "L'essentiel" and compiles["fr"] == 5  # damaged: both anew


def test_a_batch_reads_each_font_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_brief: Callable[..., Path]
) -> None:
    reads: Counter[str] = Counter()
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.resolve().parent == fonts.FONTS_DIR.resolve():
            reads[path.name] += 1
        return read_bytes(path)

    briefs = [write_brief(tmp_path / "content", f"brief-{i}",
                          bluf=f"Brief {i}: the bottom line is short and plain.")
              for i in range(3)]
    monkeypatch.setattr(Path, "read_bytes", counted)
    # As a new process finds it: the fonts not read yet.
    monkeypatch.setattr(fonts, "embedded_css", functools.cache(fonts.embedded_css.__wrapped__))
    builder = Builder(out=tmp_path / "out", formats=("html", "pdf"))
    for brief in briefs:
        builder.build(brief)
    assert reads, "the fonts were not read at all: this test no longer sees them"
    assert max(reads.values()) == 1, reads
    assert {Path(name).suffix for name in reads} == {".woff2", ".ttf"}


def test_the_package_fingerprint_follows_its_files_not_their_caches(tmp_path: Path) -> None:
    root = tmp_path / "package"
    (root / "__pycache__").mkdir(parents=True)
    (root / "module.py").write_text("A = 1\n", encoding="utf-8")
    first = folder_fingerprint(root)
    (root / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"compiled")
    assert folder_fingerprint(root) == first
    (root / "module.py").write_text("A = 22\n", encoding="utf-8")
    assert folder_fingerprint(root) != first


def test_what_a_build_imports_is_frozen_out_of_the_collectors_way(
    example_yaml: Path, tmp_path: Path, cache: Path
) -> None:
    after = state_after("build", example_yaml, "--out", tmp_path / "out", "--force",
                        "--format", "html", cache=cache)
    assert after["collecting"] and after["frozen"] > 10_000


def test_garbage_made_after_lasting_imports_is_still_collected() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the cyclic collector frees it

    was = gc.get_freeze_count()
    try:
        with lasting_imports():
            assert not gc.isenabled()
            kept = [Node() for _ in range(100)]
        assert gc.isenabled() and gc.get_freeze_count() == was  # nothing was imported
        with lasting_imports():
            kept += [Node() for _ in range(100)]
            sys.modules["briefing_test_imported"] = types.ModuleType("briefing_test_imported")
        assert gc.isenabled() and gc.get_freeze_count() >= was + 200
        gc.collect()
        freed = weakref.ref(Node())
        gc.collect()
        assert freed() is None and len(kept) == 200
    finally:
        gc.unfreeze()
        sys.modules.pop("briefing_test_imported", None)


def test_a_themes_variables_are_read_once_and_each_page_adds_its_own_to_a_copy(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import variables

    monkeypatch.setattr(variables, "_of_theme",
                        functools.lru_cache(maxsize=16)(variables._of_theme.__wrapped__))
    reads: Counter[bool] = Counter()
    add = variables.RootVariables.add_stylesheet

    def counted(self: variables.RootVariables, css: str, *, author: bool) -> None:
        reads[author] += 1
        add(self, css, author=author)

    monkeypatch.setattr(variables.RootVariables, "add_stylesheet", counted)
    theme = ":root { --k: 2px; } p { margin: var(--k); }"
    own = variables.RootVariables.of_page(theme, [":root { --k: 3px; }"], [], linked=False)
    plain = variables.RootVariables.of_page(theme, [], [], linked=False)
    assert reads == {False: 1, True: 1}  # the theme once, the first page's <style> once
    assert "margin: 3px" in own.substitute(theme) and "margin: 2px" in plain.substitute(theme)


def test_without_a_cache_folder_a_catalog_is_compiled_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file" / "cache"))  # cannot be made
    monkeypatch.setattr(catalogs, "_COMPILED", {})
    assert disk_cache.folder("catalogs") is None
    assert catalogs.translations("fr").gettext("Bottom line") != "Bottom line"


def _install_a_pydantic_plugin(folder: Path) -> Path:
    """A package with a pydantic plugin, as another tool installed beside briefing would
    have; it writes the file returned when pydantic loads it."""
    marker = folder / "loaded"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "briefing_test_plugin.py").write_text(
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('loaded')\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n", encoding="utf-8")
    info = folder / "briefing_test_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: briefing-test-plugin\n"
                                   "Version: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[pydantic]\nmarker = briefing_test_plugin:plugin\n",
                                           encoding="utf-8")
    return marker


def test_the_command_line_neither_looks_for_pydantic_plugins_nor_loads_one(
    example_yaml: Path, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = _install_a_pydantic_plugin(tmp_path / "site")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "site"))
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    loaded = modules_after("build", example_yaml, "--out", tmp_path / "out", "--force",
                           "--format", "html", cache=cache)
    assert (tmp_path / "out" / "fpif-russia-assad.html").is_file()
    assert not marker.exists()
    assert "importlib.metadata" not in loaded  # what pydantic imports to look for them
    # The Python API leaves pydantic as it finds it: its host may rely on plugins.
    api = (f"from pathlib import Path; from briefing.build import Builder; "
           f"Builder(out=Path({str(tmp_path / 'api')!r}), formats=('html',))"
           f".build(Path({str(example_yaml)!r}))")
    python_says(api, cache=cache, site=tmp_path / "site")
    assert marker.exists()


def test_a_pydantic_that_asks_its_plugin_loader_for_more_gets_its_own_loading_none(
    tmp_path: Path
) -> None:
    # As a later pydantic would: another name from the loader, then its plugins.
    marker = _install_a_pydantic_plugin(tmp_path / "site")
    code = ("import sys; from briefing.pydantic_plugins import load_no_pydantic_plugins; "
            "load_no_pydantic_plugins(); import pydantic.plugin; "
            "stand_in = sys.modules['pydantic.plugin._loader']; "
            "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP; "
            "real = sys.modules['pydantic.plugin._loader']; "
            "print(real is not stand_in, PYDANTIC_ENTRY_POINT_GROUP, list(real.get_plugins()))")
    assert python_says(code, site=tmp_path / "site").split() == ["True", "pydantic", "[]"]
    assert not marker.exists()


def test_a_build_has_pydantic_make_one_validator_the_briefs(
    example_yaml: Path, tmp_path: Path, cache: Path
) -> None:
    # A part validated or dumped on its own would have one built for it besides (some
    # 1-3 ms each, in every call): its default made by calling it, a model_dump().
    code = ("import json, sys; from pathlib import Path; from pydantic import BaseModel; "
            "from briefing.build import Builder; import briefing.model as model; "
            f"Builder(out=Path({str(tmp_path / 'out')!r}), formats=('html',))"
            f".build(Path({str(example_yaml)!r})); "
            "print(json.dumps(sorted(name for name, kind in vars(model).items() "
            "if isinstance(kind, type) and issubclass(kind, BaseModel) "
            "and kind.__pydantic_complete__)))")
    assert json.loads(python_says(code, cache=cache)) == ["Brief"]
    assert "design:" not in example_yaml.read_text(encoding="utf-8")  # a default is made
