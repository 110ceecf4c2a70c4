"""Random and mutated briefs: the only outcomes are a built brief or a clean error (exit 2).

`make test` runs a few hundred derandomised examples, HTML only; `make fuzz` runs
thousands of random ones, PDF included (BRIEFING_FUZZ=1).
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli import cli

REPO = Path(__file__).parent.parent
EXAMPLE = REPO / "content" / "fpif-russia-assad.yaml"
FUZZ = os.environ.get("BRIEFING_FUZZ") == "1"
FORMATS = "html,pdf" if FUZZ else "html"

settings.register_profile(
    "test", max_examples=200, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "1500")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("fuzz" if FUZZ else "test")

EXAMPLE_DATA: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def run_build(text: str | bytes) -> None:
    """Build `text` as a brief; fail the test unless it builds or fails cleanly."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(REPO / "content" / "sources", folder / "sources")
        brief = folder / "brief.yaml"
        if isinstance(text, bytes):
            brief.write_bytes(text)
        else:
            brief.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(
            cli, ["build", str(brief), "--out", str(folder / "out"), "--format", FORMATS]
        )
        output = result.output + (result.stderr or "")
        assert result.exit_code in (0, 2), output
        assert "Traceback" not in output and "unexpected failure" not in output, output
        if result.exit_code == 2:
            assert str(brief) in result.stderr and "error" in result.stderr, output
            assert not (folder / "out" / "brief.html").exists()
        else:
            assert (folder / "out" / "brief.html").is_file()


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=30), st.dates().map(str),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=4),
    max_leaves=12,
)


@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    run_build(text)


@given(st.binary(max_size=200))
def test_random_bytes(data: bytes) -> None:
    run_build(data)


@given(yaml_values)
def test_random_yaml_documents(value: Any) -> None:
    run_build(yaml.safe_dump(value, allow_unicode=True))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


PATHS = _paths(EXAMPLE_DATA)


@st.composite
def mutated_example(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(EXAMPLE_DATA)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]]  # the path may be gone after an earlier deletion
        except (KeyError, IndexError, TypeError):
            continue
        if not isinstance(parent, dict | list):  # an earlier mutation made it a string
            continue
        action = draw(st.sampled_from(["delete", "retype", "replace", "grow"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "retype":
            parent[path[-1]] = draw(yaml_values)
        elif action == "replace":
            parent[path[-1]] = draw(st.text(max_size=60))
        else:
            parent[path[-1]] = draw(st.text(min_size=1, max_size=5)) * draw(st.integers(1, 400))
    return data


@given(mutated_example())
def test_mutated_example(data: dict[str, Any]) -> None:
    run_build(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
