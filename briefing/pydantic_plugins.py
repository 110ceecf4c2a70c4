"""The command line loads no pydantic plugins, and does not look for any.

At the first validator it builds, pydantic looks for plugins in the metadata of every
package installed beside it: it imports `importlib.metadata` to do so (some 15 ms, in
a cold HTML build of about 200), then imports each plugin it finds (logfire's brings
some 600 modules). A plugin may watch a validation or fail it, and a brief must
validate the same whatever else is installed. So `briefing`, which owns its process,
tells pydantic there are none before anything is imported: as its documented
`PYDANTIC_DISABLE_PLUGINS=__all__` does, and without the import. The Python API
leaves pydantic as it finds it: a program that imports briefing may rely on plugins.

How: pydantic asks `pydantic.plugin._loader.get_plugins()`, imported when it is first
needed; a module of that name, holding a `get_plugins` that returns none, is put in
its place. A pydantic that asks that module for anything else (a later version)
gets its own loader back, which the environment variable keeps from loading any.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"
"""The module pydantic finds its plugins with (pydantic 2.4 and later)."""


def _none(*_args: object, **_kwargs: object) -> tuple[()]:
    return ()


def _real_loader(name: str) -> Any:
    if name.startswith("__"):  # the import system asks whether it is a package
        raise AttributeError(name)
    # Something besides get_plugins was asked for: pydantic's own loader takes over.
    sys.modules.pop(LOADER, None)
    return getattr(importlib.import_module(LOADER), name)


def load_no_pydantic_plugins() -> None:
    """Keep pydantic from looking for plugins, and from loading any, in this process."""
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    if LOADER in sys.modules:
        return
    loader = types.ModuleType(LOADER, "No pydantic plugins: see briefing.pydantic_plugins.")
    loader.__dict__.update(get_plugins=_none, __getattr__=_real_loader)
    sys.modules[LOADER] = loader
