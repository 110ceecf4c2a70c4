"""Substitute the page's CSS custom properties before layout.

WeasyPrint resolves each `var()` anew for every element on every layout pass, which
costs about a third of a pass: the themes size everything from `--k`. A custom
property set only by `:root` rules holds one value throughout the document, so its
uses can be replaced by that value once per pass, in the stylesheet's text, before
the layout engine parses it. Anything that could make a value differ from element to
element (the property set on another selector, in a `style` attribute, inside a
conditional rule, or by a stylesheet we cannot read) leaves that property to
WeasyPrint. One difference remains, for broken CSS only: a declaration that its
substituted value makes invalid is dropped when parsed, so an earlier declaration
applies, where WeasyPrint would use the property's inherited or initial value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import tinycss2
from tinycss2 import ast

Nodes = list[Any]
"""tinycss2 component values (tokens and blocks)."""

# Cascade ranks of the origins that set custom properties here: author declarations
# beat user ones (the theme is given as a user stylesheet), !important reverses that.
USER, AUTHOR, AUTHOR_IMPORTANT, USER_IMPORTANT = range(4)


class RootVariables:
    """The custom properties that hold one value in the whole document."""

    def __init__(self) -> None:
        # name -> (cascade rank and order, value as text)
        self._declared: dict[str, tuple[tuple[int, int], str]] = {}
        self._varies: set[str] = set()
        self._opaque = False
        self._order = 0

    @classmethod
    def of_page(cls, theme: str, styles: Iterable[str], inline: Iterable[str],
                linked: bool) -> RootVariables:
        """The variables of a page: its theme (a user stylesheet), its `<style>`
        elements, its `style` attributes, and whether it links stylesheets we cannot see.
        """
        variables = _of_theme(theme).copy()
        for text in styles:
            variables.add_stylesheet(text, author=True)
        for text in inline:
            variables.add_inline(text)
        variables._opaque |= linked
        return variables

    def add_stylesheet(self, css: str, *, author: bool) -> None:
        """Record the custom properties `css` sets, and where."""
        for rule in _rules(css):
            if rule.type == "at-rule":
                # An imported sheet is unseen; a conditional rule may or may not apply.
                self._opaque |= rule.lower_at_keyword == "import"
                self._varies.update(_custom_properties(rule.content))
            elif tinycss2.serialize(rule.prelude).strip() != ":root":
                self._varies.update(_custom_properties(rule.content))
            elif _nests(rule):
                self._opaque = True  # nested rules under :root: too rare to untangle
            else:
                for decl in _declarations(rule.content):
                    if decl.name.startswith("--"):
                        self._declare(decl.name, _rank(author, decl.important), decl.value)

    def copy(self) -> RootVariables:
        """A copy, to add to without changing this one."""
        twin = RootVariables()
        twin._declared, twin._varies = dict(self._declared), set(self._varies)
        twin._opaque, twin._order = self._opaque, self._order
        return twin

    def add_inline(self, declarations: str) -> None:
        """Record a `style` attribute: what it sets varies from element to element."""
        self._varies.update(_custom_properties(tinycss2.parse_component_value_list(declarations)))

    def substitute(self, css: str, overrides: dict[str, str] | None = None) -> str:
        """`css` with every `var()` of a root-only property replaced by its value.

        `overrides` set properties above everything else, as `briefing` sets `--scale`.
        """
        if self._opaque:
            return css
        declared = {name: value for name, (_, value) in self._declared.items()}
        declared.update(overrides or {})
        return _substituted(css, tuple(sorted(declared.items())), frozenset(self._varies))

    def number(self, name: str) -> float | None:
        """The value of the root-only property `name` when it is a plain number (as a
        theme's `--size-factor`); None when it is anything else, varies or is unset."""
        if self._opaque:
            return None
        declared = {key: _trimmed(tinycss2.parse_component_value_list(text))
                    for key, (_, text) in self._declared.items()}
        nodes = _Resolver(declared, frozenset(self._varies)).value(name)
        if nodes is not None and len(nodes) == 1 and nodes[0].type == "number":
            return float(nodes[0].value)
        return None

    def _declare(self, name: str, rank: int, value: Nodes) -> None:
        self._order += 1
        key = (rank, self._order)
        if name not in self._declared or key > self._declared[name][0]:
            self._declared[name] = (key, tinycss2.serialize(value))


class _Resolver:
    """Values of root-only variables, substituted recursively; None when unknown."""

    def __init__(self, declared: dict[str, Nodes], varies: frozenset[str]) -> None:
        self.declared = declared
        self.varies = varies
        self._done: dict[str, Nodes | None] = {}
        self._busy: set[str] = set()

    def value(self, name: str) -> Nodes | None:
        if name in self._done:
            return self._done[name]
        if name in self.varies or name not in self.declared or name in self._busy:
            return None  # varies, undeclared, or part of a cycle: WeasyPrint decides
        self._busy.add(name)
        result = self.nodes(self.declared[name])
        self._busy.discard(name)
        self._done[name] = result
        return result

    def nodes(self, nodes: Sequence[Any]) -> Nodes | None:
        """`nodes` with their `var()`s replaced, or None if one cannot be."""
        out: Nodes = []
        for node in nodes:
            if node.type == "function" and node.lower_name == "var":
                replaced = self._var(node.arguments)
                if replaced is None:
                    return None
                out += replaced
            elif node.type == "function":
                arguments = self.nodes(node.arguments)
                if arguments is None:
                    return None
                out.append(ast.FunctionBlock(node.source_line, node.source_column,
                                             node.name, arguments))
            elif node.type in ("() block", "[] block", "{} block"):
                content = self.nodes(node.content)
                if content is None:
                    return None
                out.append(type(node)(node.source_line, node.source_column, content))
            else:
                out.append(node)
        return out

    def _var(self, arguments: Sequence[Any]) -> Nodes | None:
        parts = [a for a in arguments if a.type not in ("whitespace", "comment")]
        if not parts or parts[0].type != "ident" or not parts[0].value.startswith("--"):
            return None
        name = parts[0].value
        if (value := self.value(name)) is not None:
            return value
        comma = next((i for i, a in enumerate(arguments) if a == ","), None)
        if name in self.declared or name in self.varies or comma is None:
            return None
        return self.nodes(arguments[comma + 1:])  # never set anywhere: the fallback


@lru_cache(maxsize=16)
def _of_theme(css: str) -> RootVariables:
    """The variables a theme's stylesheet sets, read once: every brief of a batch that
    has the theme shares them (`of_page` adds each page's own to a copy)."""
    variables = RootVariables()
    variables.add_stylesheet(css, author=False)
    return variables


def theme_number(css: str, name: str) -> float | None:
    """The number a theme's stylesheet sets the custom property `name` to (see
    RootVariables.number)."""
    return _of_theme(css).number(name)


@lru_cache(maxsize=64)
def _substituted(css: str, declared: tuple[tuple[str, str], ...], varies: frozenset[str]) -> str:
    # Cached: the briefs of a batch share their theme, design and, often, scales.
    values = _Resolver(
        {name: _trimmed(tinycss2.parse_component_value_list(text)) for name, text in declared},
        varies,
    )
    return _rewrite(_rules(css), values)


@lru_cache(maxsize=16)
def _rules(css: str) -> list[Any]:
    """The rules of a stylesheet; parsed once, as every pass rewrites the same theme."""
    return [r for r in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
            if r.type != "error"]


def _contents(content: Sequence[Any] | None) -> list[Any]:
    """Declarations and nested rules of a block, as WeasyPrint reads them."""
    if content is None:
        return []
    return [item for item in tinycss2.parse_blocks_contents(content, skip_comments=True,
                                                            skip_whitespace=True)
            if item.type != "error"]


def _declarations(content: Sequence[Any] | None) -> list[Any]:
    return [d for d in _contents(content) if d.type == "declaration"]


def _nests(rule: Any) -> bool:
    return any(item.type != "declaration" for item in _contents(rule.content))


def _custom_properties(content: Sequence[Any] | None) -> set[str]:
    """Names of the custom properties a block sets, nested rules included."""
    names: set[str] = set()
    for item in _contents(content):
        if item.type == "declaration":
            if item.name.startswith("--"):
                names.add(item.name)
        else:
            names |= _custom_properties(item.content)
    return names


def _trimmed(value: Sequence[Any]) -> Nodes:
    """A custom property's value without the white space around it, as CSS stores it."""
    nodes = list(value)
    while nodes and nodes[0].type == "whitespace":
        nodes.pop(0)
    while nodes and nodes[-1].type == "whitespace":
        nodes.pop()
    return nodes


def _rank(author: bool, important: bool) -> int:
    if important:
        return AUTHOR_IMPORTANT if author else USER_IMPORTANT
    return AUTHOR if author else USER


def _rewrite(rules: Sequence[Any], values: _Resolver) -> str:
    """The rules as text, their declarations' `var()`s substituted where possible.

    Each rule and declaration is written at its line and column in the original, so
    that WeasyPrint's warnings about the stylesheet point where they did before.
    """
    out = _Text()
    for rule in rules:
        _write_rule(out, rule, values)
    return "".join(out.parts)


def _write_rule(out: _Text, rule: Any, values: _Resolver) -> None:
    out.move(rule.source_line, rule.source_column)
    if rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
        out.write(f"@media{tinycss2.serialize(rule.prelude)}{{")
        for nested in tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                               skip_whitespace=True):
            if nested.type != "error":
                _write_rule(out, nested, values)
        out.write("}")
    elif rule.type != "qualified-rule" or _nests(rule):
        out.write(str(rule.serialize()))  # @page, @font-face, nested rules: as written
    else:
        out.write(f"{tinycss2.serialize(rule.prelude)}{{")
        for decl in _declarations(rule.content):
            value = decl.value
            if not decl.name.startswith("--"):
                substituted = values.nodes(decl.value)
                value = decl.value if substituted is None else substituted
            important = " !important" if decl.important else ""
            out.move(decl.source_line, decl.source_column)
            out.write(f"{decl.name}: {tinycss2.serialize(value).strip()}{important};")
        out.write(" }")


class _Text:
    """Text written at given lines and columns, as far as what came before allows."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.line, self.column = 1, 1

    def move(self, line: int, column: int) -> None:
        if line > self.line:
            self.parts.append("\n" * (line - self.line))
            self.line, self.column = line, 1
        if line == self.line and column > self.column:
            self.parts.append(" " * (column - self.column))
            self.column = column

    def write(self, text: str) -> None:
        self.parts.append(text)
        lines = text.count("\n")
        self.line += lines
        self.column = len(text) - text.rfind("\n") if lines else self.column + len(text)
