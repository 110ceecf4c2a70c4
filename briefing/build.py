"""The pipeline: load, validate, check, render, lay out, write.

`Builder` is the one way through it. `build` composes its steps; `briefing serve`
calls the same steps one by one (render on every save, fit in the background, the PDF
on demand), so a preview is made with the templates, renderer cache and asset folders
of a build, and its bytes are a build's bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import estimate, theme_lookup
from briefing.errors import BriefingError, Diagnostic, InputError, Severity
from briefing.lasting import lasting_imports
from briefing.loader import load
from briefing.logo import Logo, read_logo
from briefing.model import Brief, OutputFormat
from briefing.output import write_atomic
from briefing.quotes import piece_text_path, read_piece_text
from briefing.record import Carried, carried
from briefing.render import Renderer
from briefing.rules import DRAFT_ADVICE, PLACEHOLDER, check_brief
from briefing.validate import validate
from briefing.version import __version__

if TYPE_CHECKING:
    from briefing.layout import Fitted, Layout

FORMATS = ("html", "pdf")
"""What `build` writes unless told otherwise."""
ALL_FORMATS = tuple(f.value for f in OutputFormat)
"""Every output `--format` offers, as the model lists them (a brief's `design.formats`)."""
PAGE_FORMATS = ("pdf", "png", "docx")
"""The outputs made from the fitted page: the PDF, its image, and the Word brief, which
takes the PDF's scale."""
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
    file: Path
    """The brief's YAML file."""
    piece_text: Path | None = None
    """The file of the piece's text it quotes, if it names one."""
    draft: bool = False
    """Checked as a draft (see `as_draft`): its REVIEW placeholders do not stop a build."""
    logo: Logo | None = None
    """Its logo (`design.logo`), read and checked."""
    carried: tuple[Carried, ...] = ()
    """The files its PDF carries (`design.attach`): its YAML and the piece's text, as read."""

    def problems(self, *, strict: bool = False) -> list[Diagnostic]:
        """The findings that stop a build: errors, and warnings too if `strict`.

        A draft's placeholders never do, `strict` or not: a draft is meant to have them.
        """
        return [f for f in self.findings
                if f.severity is Severity.ERROR
                or (strict and not (self.draft and f.code == PLACEHOLDER))]

    def as_draft(self) -> Checked:
        """The brief checked as a draft: its REVIEW placeholders are warnings, not errors."""
        findings = [
            replace(f, severity=Severity.WARNING, hint=(f.hint or "").removesuffix(DRAFT_ADVICE))
            if f.code == PLACEHOLDER else f
            for f in self.findings
        ]
        return replace(self, findings=findings, draft=True)


def check(path: Path, *, today: dt.date | None = None, templates_dir: Path | None = None
          ) -> Checked:
    """Load, validate and check a brief; raise InputError if it is not a valid brief.

    A logo is looked for beside the brief, then in `templates_dir` (by default
    ./templates when it exists, as `briefing build` does).
    """
    doc = load(path)
    brief = validate(doc)
    piece_text = read_piece_text(doc, brief)
    logo = read_logo(doc, brief, templates_dir or theme_lookup.default_user_dir())
    digest = hashlib.sha256(doc.text.encode())
    if piece_text is not None:
        digest.update(b"\0source\0" + piece_text.text.encode())
    if logo is not None:
        digest.update(b"\0logo\0" + logo.data)
    text_file = piece_text_path(path, brief)
    return Checked(brief, check_brief(doc, brief, piece_text, today), digest.hexdigest(),
                   path, text_file, logo=logo,
                   carried=carried(brief, path.name, doc.on_disk,
                                   piece_text.on_disk if piece_text else None))


def named_piece_text(path: Path) -> Path | None:
    """The piece text that the brief at `path` names, even when the brief is not valid.

    For watching: a brief that fails because of its piece text (a quote not found in
    it) is fixed by saving that file, so the file must be known without a valid brief.
    """
    doc = load(path)
    piece = doc.data.get("piece") if doc.complete and isinstance(doc.data, dict) else None
    value = piece.get("source_text") if isinstance(piece, dict) else None
    return path.parent / value if isinstance(value, str) and value else None


def asset_folders(templates_dir: Path | None) -> tuple[Path, ...]:
    """The folders templates and their assets come from: the user's, every theme's, the
    base templates. The same whatever a brief's theme, so that one engine serves all."""
    folders = (templates_dir,) if templates_dir else ()
    return (*folders, theme_lookup.THEMES, theme_lookup.PACKAGE_TEMPLATES)


@dataclass(frozen=True)
class Stamp:
    """What a brief's outputs were made from, kept in OUT/.briefing/<stem>.json."""

    file: Path
    text: str

    def is_current(self) -> bool:
        """True when the last build of the brief recorded these same inputs."""
        return self.file.is_file() and self.file.read_text(encoding="utf-8") == self.text


@dataclass
class Builder:
    """Builds briefs into `out`, reusing templates and fonts from one brief to the next.

    `build` is the whole of it; the steps it is made of (`check`, `render_html`,
    `fit`, `pdf`, `outputs`, `write`) are there for a caller that needs them apart,
    as the live preview does. Each step takes the values of earlier ones only.
    """

    out: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    templates_dir: Path | None = None
    force: bool = False
    strict: bool = False
    theme: str | None = None
    """A theme for every brief, over each brief's own `design.theme`."""
    draft: bool = False
    """Build drafts: REVIEW placeholders are warnings, and the page and the PDF's
    title and keywords say DRAFT."""
    _renderers: dict[str, Renderer] = field(default_factory=dict, init=False, repr=False)
    _layout: Layout | None = field(default=None, init=False, repr=False)

    # --- what the steps share --------------------------------------------------------

    def renderer(self, theme: str) -> Renderer:
        """The Jinja renderer of `theme`, made on first use."""
        if theme not in self._renderers:
            self._renderers[theme] = Renderer(self.templates_dir, theme)
        return self._renderers[theme]

    def forget_templates(self) -> None:
        """Read the templates anew at the next render (after one of them was saved)."""
        self._renderers = {}

    @property
    def asset_folders(self) -> tuple[Path, ...]:
        """The folders the layout engine may read (see `asset_folders`)."""
        return asset_folders(self.templates_dir)

    @property
    def layout(self) -> Layout:
        """The layout engine, imported only when a PDF is asked for (it is slow to load)."""
        if self._layout is None:
            self._layout = load_layout_engine(self.asset_folders)
        return self._layout

    def theme_of(self, checked: Checked) -> str:
        """The theme a brief is made with: the builder's, else the brief's own."""
        return self.theme or checked.brief.design.theme

    # --- the steps -------------------------------------------------------------------

    def check(self, path: Path) -> Checked:
        """Load, validate and check the brief at `path` (raises InputError if invalid)."""
        checked = check(path, templates_dir=self.templates_dir)
        return checked.as_draft() if self.draft else checked

    def render_html(self, checked: Checked, *, scale: float = 1.0, standalone: bool = True
                    ) -> str:
        """The brief as HTML at `scale`: standalone (fonts and stylesheet inline) to save
        or show, else as the layout engine takes it."""
        renderer = self.renderer(self.theme_of(checked))
        return renderer.render(checked.brief, scale=scale, standalone=standalone,
                               draft=self.draft, logo=checked.logo)

    def fit(self, checked: Checked) -> Fitted:
        """The brief laid out on one page; raises DoesNotFitError if it cannot fit."""
        theme = self.theme_of(checked)
        renderer = self.renderer(theme)
        html = renderer.render(checked.brief, standalone=False, draft=self.draft,
                               logo=checked.logo)
        found = estimate.calibration(self.templates_dir, theme)
        stylesheet = renderer.stylesheet()
        return self.layout.fit(html, checked.file, stylesheet,
                               guess=estimate.guess(found, checked.brief.design,
                                                    estimate.theme_size(stylesheet)),
                               filled=estimate.taken_at(found))

    def pdf(self, fitted: Fitted, checked: Checked | None = None) -> bytes:
        """The PDF of a fitted page: claiming the brief's `design.pdf` standard and
        carrying its files (`design.attach`), when `checked` is given."""
        from briefing.pdf import pdf_bytes
        from briefing.record import dated

        if checked is None:
            return pdf_bytes(fitted.document)
        return pdf_bytes(fitted.document, standard=checked.brief.design.pdf,
                         carried=checked.carried, dated=dated(checked.brief))

    def formats_of(self, checked: Checked) -> tuple[str, ...]:
        """The outputs of a brief: the builder's `formats`, then its own `design.formats`."""
        asked = [f.value for f in checked.brief.design.formats]
        return tuple(dict.fromkeys([*self.formats, *asked]))

    def outputs(self, checked: Checked, fitted: Fitted | None) -> dict[Path, bytes]:
        """The bytes of each output file of the brief's formats (`formats_of`); `fitted`
        is needed for PDF, PNG and Word.

        The HTML is rendered at the scale the page was fitted at, so that it prints
        as the PDF does; the Word brief takes that scale too (see briefing.word).
        """
        stem = checked.file.stem
        formats = self.formats_of(checked)
        made: dict[Path, bytes] = {}
        if "pdf" in formats or "png" in formats:
            assert fitted is not None, "a PDF or PNG needs the fitted page"
            pdf = self.pdf(fitted, checked)
            if "pdf" in formats:
                made[self.out / f"{stem}.pdf"] = pdf
            if "png" in formats:
                from briefing.png import png_bytes

                made[self.out / f"{stem}.png"] = png_bytes(pdf)
        if "docx" in formats:
            assert fitted is not None, "a Word brief needs the fitted page's scale"
            from briefing.word import docx_bytes

            made[self.out / f"{stem}.docx"] = docx_bytes(
                checked.brief, scale=fitted.scale, templates_dir=self.templates_dir,
                theme=self.theme_of(checked), draft=self.draft, logo=checked.logo)
        if "html" in formats:
            scale = fitted.scale if fitted is not None else 1.0
            made[self.out / f"{stem}.html"] = self.render_html(checked, scale=scale).encode()
        return made

    def write(self, made: dict[Path, bytes], stamp: Stamp | None = None) -> None:
        """Write the outputs, each atomically, then the stamp that records their inputs.

        The stamp goes last, so that an interrupted build is redone.
        """
        for target, data in made.items():
            write_atomic(target, data)
        if stamp is not None:
            write_atomic(stamp.file, stamp.text.encode())

    def stamp(self, checked: Checked) -> Stamp:
        """What the outputs of `checked` are made from: brief, theme, templates, code,
        and whether they are a draft's."""
        theme = self.theme_of(checked)
        text = json.dumps(
            {
                "brief": checked.inputs,
                "theme": theme,
                "templates": theme_lookup.fingerprint(self.templates_dir, theme),
                "package": package_fingerprint(),
                "formats": list(self.formats_of(checked)),
                "draft": self.draft,
            },
            sort_keys=True,
        )
        return Stamp(self.out / STAMPS / f"{checked.file.stem}.json", text)

    def build(self, path: Path) -> Result:
        """Build one brief; skip it when its inputs match those of its last build.

        Raises InputError when the brief is invalid or breaks a rule of `briefing check`
        (an error, or with `strict` a warning); other warnings come back in the result.
        """
        checked = self.check(path)
        if problems := checked.problems(strict=self.strict):
            raise InputError(problems)
        warnings = [f for f in checked.findings if f not in problems]
        formats = self.formats_of(checked)
        targets = [self.out / f"{path.stem}.{fmt}" for fmt in formats]
        stamp = self.stamp(checked)
        if not self.force and all(p.is_file() for p in targets) and stamp.is_current():
            return Result(path, targets, skipped=True, warnings=warnings)
        needs_page = any(fmt in PAGE_FORMATS for fmt in formats)
        fitted = self.fit(checked) if needs_page else None
        # Everything is made before anything is written: a failure leaves old outputs
        # as they were.
        self.write(self.outputs(checked, fitted), stamp)
        return Result(path, targets, scale=fitted.scale if fitted else 1.0,
                      passes=fitted.passes if fitted else 0, warnings=warnings)


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
        with lasting_imports():
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
    """A hash of the installed package's own files: code, templates, fonts, catalogs."""
    return folder_fingerprint(Path(__file__).parent, __version__)


def folder_fingerprint(root: Path, salt: str = "") -> str:
    """A hash of the files under `root` (`__pycache__` aside): of each one's path, size
    and modification time, as make tells a changed file.

    Not of their bytes: reading the package's 3 MB on every call cost more than all of
    an HTML build's checks, while any edit, checkout or install of a file changes its
    time.
    """
    digest = hashlib.sha256(salt.encode())
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            path = Path(folder, name)
            stat = path.stat()
            digest.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0"
                          f"{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()
