"""Imports whose objects live until the process ends, kept out of the collector's way.

Importing a command's modules, or the layout engine, makes hundreds of thousands of
objects (modules, classes, functions, the model's validators) that are never garbage.
Python's cyclic garbage collector would walk them again and again while they are
made, and then at every full collection for as long as the process runs: in a cold
PDF build that was some 300 collections, over 100 ms. `lasting_imports` pauses the
collector while they are imported and then freezes them (`gc.freeze`), so that no
later collection walks them. Garbage made afterwards is collected as ever, so the
memory of a batch stays flat, and forked workers share the frozen objects' pages
instead of copying them.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def lasting_imports() -> Iterator[None]:
    """Import what lives until exit: the collector paused, what was made then frozen.

    Frozen only when a module was imported: what is alive when the block finds its
    modules imported already (a second Builder's engine, say) is the running program's,
    and some of it is garbage still to collect.
    """
    enabled = gc.isenabled()
    loaded = len(sys.modules)
    gc.disable()
    try:
        yield
    finally:
        if len(sys.modules) > loaded:
            gc.freeze()
        if enabled:
            gc.enable()
