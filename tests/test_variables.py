"""CSS custom properties substituted before layout: faster, and never a different page.

The oracle is WeasyPrint itself: every brief below is built twice, once as briefing
builds it and once with the substitution turned off, and the two PDFs must be the
same bytes. The cases are the ways a template can make a variable differ from one
element to another, which the substitution must leave to WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tinycss2
from click.testing import Result

from briefing import Builder, theme_lookup
from briefing.render import Renderer, environment
from briefing.variables import RootVariables

MEMO_CSS = (theme_lookup.PACKAGE_TEMPLATES / "brief.css").read_text(encoding="utf-8")
BRIEF_HTML = (theme_lookup.PACKAGE_TEMPLATES / "brief.html.j2").read_text(encoding="utf-8")

EXTRA_CSS = {
    "set on another selector": ".bluf { --accent: #aa0000; --k: 1.4; }",
    "set in a conditional rule": "@media print { :root { --size-factor: 1.2; } }",
    "important beats the design": ":root { --accent: #006600 !important; }",
    "fallbacks and undeclared": (
        "h2 { color: var(--undeclared, #00aa00); } h3 { color: var(--undeclared); }"
    ),
    "a cycle": ":root { --a: var(--b); --b: var(--a); } h1 { color: var(--a, #aa00aa); }",
    "nested rules": ".judgments { li { --k: 1.2; font-size: calc(9pt * var(--k)); } }",
}
EXTRA_HTML = {
    "a style attribute": ('{% include "partials/judgments.html.j2" %}',
                          '<div style="--k: 1.3; --accent: #884400">'
                          '{% include "partials/judgments.html.j2" %}</div>'),
    "a style element": ("{% block body %}",
                        "{% block head %}<style>.motives { --small: 11pt; } "
                        ":root { --ink: #333399; }</style>{% endblock %}\n{% block body %}"),
}
DESIGNS: dict[str, dict[str, Any]] = {
    "plain": {},
    "every design option": {"accent": "#7a1f1f", "font": "sans", "font_size": 10.5,
                            "density": "airy", "paper": "letter"},
}


def build_pdf(brief: Path, out: Path, templates_dir: Path | None, theme: str | None) -> bytes:
    builder = Builder(out=out, formats=("pdf",), templates_dir=templates_dir, theme=theme)
    builder.build(brief)
    return (out / f"{brief.stem}.pdf").read_bytes()


def same_as_unsubstituted(brief: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          templates_dir: Path | None = None, theme: str | None = None) -> bytes:
    """The PDF as briefing builds it, checked against WeasyPrint's own var() handling."""
    substituted = build_pdf(brief, tmp_path / "substituted", templates_dir, theme)
    with monkeypatch.context() as patch:
        patch.setattr(RootVariables, "substitute", lambda self, css, overrides=None: css)
        plain = build_pdf(brief, tmp_path / "plain", templates_dir, theme)
    assert substituted == plain
    return substituted


@pytest.mark.parametrize("theme", sorted(theme_lookup.themes()))
@pytest.mark.parametrize("design", sorted(DESIGNS))
def test_builtin_themes_print_the_same_page(
    theme: str, design: str, example_yaml: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, write_brief: Callable[..., Path],
) -> None:
    brief = example_yaml
    if DESIGNS[design]:
        brief = write_brief(tmp_path / "in", design=DESIGNS[design])
    same_as_unsubstituted(brief, tmp_path, monkeypatch, theme=theme)


@pytest.mark.parametrize("case", sorted(EXTRA_CSS))
def test_variables_a_stylesheet_varies_are_left_to_weasyprint(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    write_brief: Callable[..., Path],
) -> None:
    user = tmp_path / "templates"
    user.mkdir()
    (user / "brief.css").write_text(MEMO_CSS + "\n" + EXTRA_CSS[case], encoding="utf-8")
    brief = write_brief(tmp_path / "in", design={"accent": "#1f5f7a"})
    custom = same_as_unsubstituted(brief, tmp_path, monkeypatch, templates_dir=user)
    # The case changes the page, so the comparison above did compare something.
    assert custom != build_pdf(brief, tmp_path / "memo", None, None)


@pytest.mark.parametrize("case", sorted(EXTRA_HTML))
def test_variables_a_template_sets_are_left_to_weasyprint(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    write_brief: Callable[..., Path],
) -> None:
    old, new = EXTRA_HTML[case]
    assert old in BRIEF_HTML
    user = tmp_path / "templates"
    user.mkdir()
    (user / "brief.html.j2").write_text(BRIEF_HTML.replace(old, new), encoding="utf-8")
    brief = write_brief(tmp_path / "in")
    custom = same_as_unsubstituted(brief, tmp_path, monkeypatch, templates_dir=user)
    assert custom != build_pdf(brief, tmp_path / "memo", None, None)


@pytest.mark.parametrize("theme", sorted(theme_lookup.themes()))
def test_every_var_of_a_builtin_theme_is_substituted(theme: str) -> None:
    """The speed-up is real: outside custom properties, no var() is left to resolve."""
    css = environment(None, theme).get_template(theme_lookup.STYLESHEET).render()
    variables = RootVariables.of_page(css, [], [], linked=False)
    out = variables.substitute(css, {"--scale": "0.9"})
    left = [
        decl.name
        for rule in tinycss2.parse_stylesheet(out, skip_comments=True, skip_whitespace=True)
        if rule.type == "qualified-rule"
        for decl in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
        if decl.type == "declaration" and not decl.name.startswith("--")
        and "var(" in tinycss2.serialize(decl.value)
    ]
    assert css.count("var(") > 20
    assert left == []


def test_a_linked_stylesheet_turns_substitution_off() -> None:
    css = ":root { --k: 2; } h1 { margin: calc(1pt * var(--k)); }"
    assert RootVariables.of_page(css, [], [], linked=True).substitute(css) == css
    imported = '@import "more.css";\n' + css
    assert RootVariables.of_page(imported, [], [], linked=False).substitute(imported) == imported


def test_values_follow_the_cascade() -> None:
    theme = ":root { --a: 1pt; --b: 2pt !important; } p { margin: var(--a) var(--b) var(--c); }"
    page = [":root { --a: 3pt; --b: 4pt; --c: 5pt; }"]
    out = RootVariables.of_page(theme, page, [], linked=False).substitute(theme)
    # The page's <style> beats the theme (a user stylesheet), unless the theme says
    # !important; --c exists only in the page.
    assert "margin: 3pt 2pt 5pt;" in out


def test_a_stylesheet_warning_points_at_its_line_once(
    tmp_path: Path, write_brief: Callable[..., Path], run_cli: Callable[..., Result],
) -> None:
    """The rewritten stylesheet keeps lines and columns, and two passes warn once."""
    user = tmp_path / "templates"
    user.mkdir()
    (user / "brief.css").write_text(MEMO_CSS + "\nh1 {\n  colr: red;\n}\n", encoding="utf-8")
    rendered = Renderer(user).stylesheet().splitlines()
    line = next(i for i, text in enumerate(rendered, 1) if "colr" in text)
    judgments = [{"text": f"Judgment {i} is long and runs on. " * 50, "confidence": "high"}
                 for i in range(3)]
    brief = write_brief(tmp_path / "in", key_judgments=judgments)
    result = run_cli("build", brief, "--out", tmp_path / "out", "--templates", user)
    assert result.exit_code == 0, result.output
    assert "fitted at" in result.output  # more than one pass was laid out
    warnings = [w for w in result.stderr.splitlines() if "colr" in w]
    assert warnings == [f"warning: layout: Ignored `colr: red` at {line}:3, unknown property."]
