"""The tables of handlers: each names the error it words and the broken brief that shows it.

validate.HANDLERS (pydantic's error types), validate.type_hints.TYPE_HINTS (a value of
the wrong type) and syntax.EXPLAINERS (PyYAML's syntax errors) are tables of small
functions. Each function's docstring says what it handles and, after "Shows:", the
tests/broken/ cases whose messages it makes; these tests hold the docstrings to that,
and check that each case named does go through its handler.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest
import yaml

from briefing import loader, syntax
from briefing import validate as validation
from briefing.errors import InputError
from briefing.validate import type_hints, values

REPO = Path(__file__).resolve().parent.parent
BROKEN = REPO / "tests" / "broken"
NO_CASE = "no case in tests/broken/ yet"

Handler = Callable[..., Any]


def _handlers() -> dict[str, Handler]:
    found: list[Handler] = [
        *validation.HANDLERS.values(), values.empty, values.not_valid,
        validation._not_a_brief, *type_hints.TYPE_HINTS.values(), *syntax.EXPLAINERS,
        syntax.unexplained,
    ]
    return {f"{f.__module__}.{f.__name__}": f for f in found}


HANDLERS = _handlers()


def shown_by(handler: Handler) -> list[str]:
    """The tests/broken/ files that the handler's docstring names after 'Shows:'."""
    doc = handler.__doc__ or ""
    _, _, shows = doc.partition("Shows:")
    return re.findall(r"tests/broken/([\w.-]+\.yaml)", shows)


@pytest.mark.parametrize("name", sorted(HANDLERS))
def test_every_handler_says_what_shows_it(name: str) -> None:
    handler = HANDLERS[name]
    doc = handler.__doc__ or ""
    assert "Shows:" in doc, f"{name}: its docstring has no 'Shows:' line"
    files = shown_by(handler)
    assert files or NO_CASE in doc.partition("Shows:")[2], (
        f"{name}: name the tests/broken/ case that shows it, or say '{NO_CASE}'")
    for file in files:
        assert (BROKEN / file).is_file(), f"{name} names tests/broken/{file}, which is missing"


def test_every_handler_of_an_error_type_names_one() -> None:
    """A handler's docstring names (at least one of) the error types it is the handler of."""
    kinds: dict[Handler, set[str]] = {}
    for kind, handler in validation.HANDLERS.items():
        kinds.setdefault(handler, set()).add(kind)
    for handler, names in kinds.items():
        assert any(f"`{kind}`" in (handler.__doc__ or "") for kind in names), (
            handler.__name__, sorted(names))


def test_every_syntax_case_is_shown_by_an_explainer() -> None:
    named = {file for f in (*syntax.EXPLAINERS, syntax.unexplained) for file in shown_by(f)}
    cases = {p.name for p in BROKEN.glob("syntax-*.yaml")}
    assert cases <= named, f"no explainer names {sorted(cases - named)}"


def _answered(path: Path, parser: type[Any], monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The handlers that gave an answer (not None) while validating `path`."""
    codes: dict[CodeType, str] = {f.__code__: name for name, f in HANDLERS.items()}
    answered: set[str] = set()

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "return" and arg is not None and frame.f_code in codes:
            answered.add(codes[frame.f_code])

    monkeypatch.setattr(loader, "SafeLoader", parser)
    sys.setprofile(profile)
    try:
        validation.validate(loader.load(path))
    except InputError:
        pass
    finally:
        sys.setprofile(None)
    return answered


SHOWN = sorted((name, file) for name, f in HANDLERS.items() for file in shown_by(f))


@pytest.mark.parametrize("parser", [loader.SafeLoader, yaml.SafeLoader],
                         ids=["default parser", "pure-Python parser"])
@pytest.mark.parametrize(("name", "file"), SHOWN, ids=[f"{n}:{f}" for n, f in SHOWN])
def test_each_case_named_goes_through_its_handler(
    name: str, file: str, parser: type[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert name in _answered(BROKEN / file, parser, monkeypatch)
