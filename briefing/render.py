"""Render a brief to HTML through the Jinja templates.

Besides the brief, the templates are given what the brief implies but does not say:
the marks its judgments cite their sources by (briefing.grounds), its logo as a data
URI (briefing.logo: read and checked before, in the check stage), its design as CSS,
and its language (briefing.i18n): the labels through gettext (`_()`, `{% trans %}`),
the model's terms through `term`, dates through `longdate`, the direction of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import jinja2
from markupsafe import Markup

from briefing import critique_columns, disk_cache, fonts, inline, theme_lookup
from briefing.errors import Diagnostic, InputError, Location, excerpt
from briefing.grounds import grounds
from briefing.i18n import bidi, catalogs
from briefing.i18n.language import language as i18n_language
from briefing.logo import Logo
from briefing.model import Brief, Density, Design, Paper


def environment(
    user_dir: Path | None, theme_name: str = theme_lookup.DEFAULT_THEME,
    language: str = catalogs.SOURCE_LANGUAGE,
) -> jinja2.Environment:
    """A Jinja environment that escapes every value and refuses undefined names, and
    prints the labels, terms and dates of `language` (a BCP 47 tag).

    The messages are the environment's globals, not the render's variables, so that
    the macros a template imports (without its context) translate too: hence one
    environment per language.
    """
    lang = i18n_language(language, user_dir, theme_name)
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.FileSystemLoader(
            [str(p) for p in theme_lookup.search_path(user_dir, theme_name)]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    # `{% trans %}` blocks are read as one line, as babel.cfg extracts them.
    env.policies["ext.i18n.trimmed"] = True
    cast(Any, env).install_gettext_translations(lang.messages, newstyle=True)
    env.globals["language"] = lang
    env.filters["longdate"] = lang.date
    env.filters["term"] = lang.term
    # The analyst's words, isolated when they run the other way than the page.
    env.filters["bidi"] = lambda text: bidi.isolate(text, lang.direction)
    env.filters["quoted"] = lambda text: Markup(lang.quoted(bidi.isolate(text, lang.direction)))
    # The analyst's prose, with its inline Markdown as HTML; `plain` for the <head>.
    env.filters["inline"] = lambda text: bidi.isolate(inline.to_html(text), lang.direction)
    env.filters["plain"] = inline.to_plain
    env.globals["critique_columns"] = critique_columns.columns
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (compiling them costs more than rendering).

    Entries are keyed by each template's source, so an edited template is compiled anew.
    """
    found = disk_cache.folder("jinja")
    return jinja2.FileSystemBytecodeCache(str(found)) if found else None


class Renderer:
    """Renders briefs with one template set; parsed templates are reused between briefs."""

    def __init__(
        self, user_dir: Path | None = None, theme: str = theme_lookup.DEFAULT_THEME
    ) -> None:
        self.user_dir = user_dir
        self.theme = theme
        self._envs: dict[str, jinja2.Environment] = {}
        self._stylesheet: str | None = None

    @property
    def env(self) -> jinja2.Environment:
        """The environment of the templates' own language, for the stylesheet."""
        return self.environment(catalogs.SOURCE_LANGUAGE)

    def environment(self, language: str) -> jinja2.Environment:
        """The environment that prints `language`, made the first time it is asked for."""
        if language not in self._envs:
            self._envs[language] = environment(self.user_dir, self.theme, language)
        return self._envs[language]

    def render(self, brief: Brief, *, scale: float = 1.0, standalone: bool = True,
               draft: bool = False, logo: Logo | None = None) -> str:
        """The brief as HTML.

        `standalone` HTML carries its fonts and stylesheet inline: one file to send or
        print. Without, they are left out for the layout engine, which is given them
        parsed once (see `stylesheet`). `scale` is the one-page fit the layout found;
        `logo` the brief's logo, as the check stage read it. A `draft` says DRAFT on the
        page, in its title and in its keywords.
        """
        return self._guarded(
            lambda: self.environment(brief.meta.language).get_template(theme_lookup.ENTRY).render(
                brief=brief,
                draft=draft,
                keywords=keywords(brief, draft=draft),
                grounds=grounds(brief),
                logo=logo,
                standalone=standalone,
                font_faces=fonts.embedded_css() if standalone else "",
                stylesheet=self.stylesheet() if standalone else "",
                design_css=design_css(brief.design),
                qr_code=qr_svg(brief.piece.url) if brief.design.show.qr and brief.piece.url
                else "",
                scale=f"{scale:.3f}",
            )
        )

    def stylesheet(self) -> str:
        """The theme's stylesheet (`brief.css`), the same for every brief."""
        if self._stylesheet is None:
            self._stylesheet = self._guarded(
                lambda: self.env.get_template(theme_lookup.STYLESHEET).render()
            )
        return self._stylesheet

    def _guarded(self, render: Callable[[], str]) -> str:
        """Run `render`, turning template mistakes into errors that name file and line."""
        try:
            return render()
        except jinja2.TemplateSyntaxError as exc:
            raise self._error(
                exc.filename or exc.name, exc.lineno, exc.message or "syntax error"
            ) from None
        except jinja2.TemplateNotFound as exc:
            folders = ", ".join(map(str, theme_lookup.search_path(self.user_dir, self.theme)))
            raise InputError.at(
                self.user_dir or theme_lookup.PACKAGE_TEMPLATES,
                f"template '{exc.name}' not found in {folders}",
                "check the name in the {% include %} or {% extends %} that asks for it",
            ) from None
        except jinja2.UndefinedError as exc:
            filename, line = _template_frame(exc)
            raise self._error(
                filename, line, str(exc.message), "check the variable's name in the template"
            ) from None

    def _error(
        self, filename: str | None, line: int | None, message: str, hint: str | None = None
    ) -> InputError:
        path = Path(filename) if filename else Path("<template>")
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        return InputError(
            [
                Diagnostic(
                    Location(path, line, 1),
                    f"template error: {message}",
                    hint,
                    excerpt(lines, line or 0, 1),
                )
            ]
        )


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a traceback, as Jinja rewrites them."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def keywords(brief: Brief, *, draft: bool = False) -> list[str]:
    """Keywords for the PDF: DRAFT for a draft, the brief's own, then outlet, genre and
    actors."""
    words = ["DRAFT"] if draft else []
    words += [*brief.meta.keywords, brief.piece.outlet, brief.piece.genre.value]
    words += [m.actor for m in brief.motives]
    return list(dict.fromkeys(w.replace(",", " ") for w in words))


def design_css(design: Design) -> str:
    """The brief's own design choices as CSS, set after the theme's stylesheet.

    Every value was validated by the model (a #rrggbb colour, numbers in range,
    enumerations), so none can carry CSS of its own.
    """
    page = [f"size: {'A4' if design.paper is Paper.A4 else 'letter'};"]
    if design.margins is not None:
        page.append(f"margin: {design.margins:g}mm;")
    root = [f"--density: {DENSITY[design.density]};"]
    if design.accent:
        root.append(f"--accent: {design.accent};")
    if design.font:
        root.append(f"--body: var(--{design.font.value});")
    if design.font_size is not None:
        root.append(f"--size-factor: {design.font_size / BASE_SIZE:.4f};")
    return f"@page {{ {' '.join(page)} }}\n:root {{ {' '.join(root)} }}"


BASE_SIZE = 9.6
"""The themes' body size, in points, at --size-factor 1."""
DENSITY = {Density.COMPACT: 0.85, Density.NORMAL: 1, Density.AIRY: 1.2}


def qr_svg(url: str) -> str:
    """A QR code of `url` as inline SVG, for readers of the printed page; its <title> is
    its text for those who cannot see it (the PDF's figure's alternative text)."""
    import segno  # only briefs that ask for a QR code pay for the import

    title = f"QR code of the piece's address: {url}"
    return str(segno.make(url, error="m").svg_inline(scale=2, border=0, dark="#000",
                                                     title=title))
