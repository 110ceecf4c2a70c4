"""The pipeline: load, validate, check, render, lay out, write."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import theme_lookup
from briefing.errors import BriefingError, Diagnostic, InputError, Severity
from briefing.loader import load
from briefing.model import Brief
from briefing.output import write_atomic
from briefing.quotes import read_piece_text
from briefing.render import Renderer
from briefing.rules import check_brief
from briefing.validate import validate
from briefing.version import __version__

if TYPE_CHECKING:
    from briefing.layout import Layout

FORMATS = ("html", "pdf")
"""What `build` writes unless told otherwise."""
ALL_FORMATS = ("html", "pdf", "png")
STAMPS = ".briefing"
"""Folder in the output folder that records the inputs each brief was built from."""


@dataclass(frozen=True)
class Result:
    """What building one brief did."""

    brief_file: Path
    outputs: list[Path]
    skipped: bool = False
    scale: float | None = None
    passes: int = 0
    warnings: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Checked:
    """A valid brief, what `briefing check` found in it, and a hash of its inputs."""

    brief: Brief
    findings: list[Diagnostic]
    inputs: str

    def problems(self, *, strict: bool = False) -> list[Diagnostic]:
        """The findings that stop a build: errors, and warnings too if `strict`."""
        return [f for f in self.findings if strict or f.severity is Severity.ERROR]


def check(path: Path, *, today: dt.date | None = None) -> Checked:
    """Load, validate and check a brief; raise InputError if it is not a valid brief."""
    doc = load(path)
    brief = validate(doc)
    piece_text = read_piece_text(doc, brief)
    digest = hashlib.sha256(doc.text.encode())
    if piece_text is not None:
        digest.update(b"\0source\0" + piece_text.text.encode())
    return Checked(brief, check_brief(doc, brief, piece_text, today), digest.hexdigest())


@dataclass
class Builder:
    """Builds briefs into `out`, reusing templates and fonts from one brief to the next."""

    out: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    templates_dir: Path | None = None
    force: bool = False
    strict: bool = False
    theme: str | None = None
    """A theme for every brief, over each brief's own `design.theme`."""
    _renderers: dict[str, Renderer] = field(default_factory=dict, init=False, repr=False)
    _layout: Layout | None = field(default=None, init=False, repr=False)

    def renderer(self, theme: str) -> Renderer:
        """The Jinja renderer of `theme`, made on first use."""
        if theme not in self._renderers:
            self._renderers[theme] = Renderer(self.templates_dir, theme)
        return self._renderers[theme]

    @property
    def layout(self) -> Layout:
        """The layout engine, imported only when a PDF is asked for (it is slow to load)."""
        if self._layout is None:
            folders = (self.templates_dir,) if self.templates_dir else ()
            self._layout = load_layout_engine((*folders, theme_lookup.THEMES,
                                               theme_lookup.PACKAGE_TEMPLATES))
        return self._layout

    def build(self, path: Path) -> Result:
        """Build one brief; skip it when its inputs match those of its last build.

        Raises InputError when the brief is invalid or breaks a rule of `briefing check`
        (an error, or with `strict` a warning); other warnings come back in the result.
        """
        checked = check(path)
        if problems := checked.problems(strict=self.strict):
            raise InputError(problems)
        brief, inputs = checked.brief, checked.inputs
        warnings = [f for f in checked.findings if f not in problems]
        theme = self.theme or brief.design.theme
        renderer = self.renderer(theme)
        stem = path.stem
        outputs = [self.out / f"{stem}.{fmt}" for fmt in self.formats]
        stamp_file = self.out / STAMPS / f"{stem}.json"
        stamp = json.dumps(
            {
                "brief": inputs,
                "theme": theme,
                "templates": theme_lookup.fingerprint(self.templates_dir, theme),
                "package": package_fingerprint(),
                "formats": list(self.formats),
            },
            sort_keys=True,
        )
        if (
            not self.force
            and all(p.is_file() for p in outputs)
            and stamp_file.is_file()
            and stamp_file.read_text(encoding="utf-8") == stamp
        ):
            return Result(path, outputs, skipped=True, warnings=warnings)

        written: dict[Path, bytes] = {}
        scale, passes = 1.0, 0
        if "pdf" in self.formats or "png" in self.formats:
            fitted = self.layout.fit(
                renderer.render(brief, standalone=False), path, renderer.stylesheet()
            )
            scale, passes = fitted.scale, fitted.passes
            from briefing.pdf import pdf_bytes

            pdf = pdf_bytes(fitted.document)
            if "pdf" in self.formats:
                written[self.out / f"{stem}.pdf"] = pdf
            if "png" in self.formats:
                from briefing.png import png_bytes

                written[self.out / f"{stem}.png"] = png_bytes(pdf)
        if "html" in self.formats:
            html = renderer.render(brief, scale=scale)
            written[self.out / f"{stem}.html"] = html.encode("utf-8")
        # Everything is made before anything is written: a failure leaves old outputs as
        # they were, and the stamp goes last so an interrupted build is redone.
        for target, data in written.items():
            write_atomic(target, data)
        write_atomic(stamp_file, stamp.encode())
        return Result(path, outputs, scale=scale, passes=passes, warnings=warnings)


def load_layout_engine(asset_dirs: tuple[Path, ...]) -> Layout:
    """Import WeasyPrint, or explain which system library is missing and what to run."""
    from briefing.doctor import missing_libraries

    # Looked up first: WeasyPrint, missing one, prints a banner and fails with a raw
    # OSError; this names the library and the command that installs it.
    if missing := missing_libraries():
        raise BriefingError(
            "the PDF engine cannot start: missing "
            + "; ".join(f"{probe.name} (fix: {probe.fix})" for probe in missing),
            "run `briefing doctor` for a full report; HTML briefs still build "
            "with --format html",
        )
    try:
        from briefing.layout import Layout
    except (OSError, ImportError) as exc:
        raise BriefingError(
            f"the PDF engine cannot start: {exc}",
            "run `briefing doctor` to see what is missing and the command that "
            "installs it (HTML briefs still build: --format html)",
        ) from None
    return Layout(asset_dirs)


def briefs_in(paths: Iterable[Path]) -> list[Path]:
    """The brief files named by `paths`: files as given, folders by their *.yaml."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        else:
            found.append(path)
    return found


@cache
def package_fingerprint() -> str:
    """A hash of the installed package's own files: code, templates and fonts."""
    root = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for file in sorted(root.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(root).as_posix().encode() + file.read_bytes())
    return digest.hexdigest()
