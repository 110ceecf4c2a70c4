"""Run Python as on a machine that lacks a system library.

    python tests/hidden_library.py [--bare] LIBRARY (-m MODULE | -c CODE) [ARGS...]

Every attempt to load a library whose file name contains LIBRARY (`harfbuzz-subset`,
`pango-1.0`) fails as if it were not installed: through ctypes, as briefing.doctor looks
libraries up, and through cffi, as WeasyPrint loads them (weasyprint/text/ffi.py).

--bare stands in for a fresh machine's Python, to be run with `python -S`: the package
`briefing` is found without running its __init__.py, so that only the modules a command
imports itself are loaded.
"""

from __future__ import annotations

import ctypes
import runpy
import sys
import types
from pathlib import Path
from typing import Any


def hide(library: str) -> None:
    """Make every load of a library named like `library` fail, in this process."""
    real_cdll = ctypes.CDLL

    def cdll(name: Any, *args: Any, **kwargs: Any) -> ctypes.CDLL:
        if isinstance(name, str) and library in name:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        return real_cdll(name, *args, **kwargs)

    ctypes.CDLL = cdll  # type: ignore[misc]
    try:
        import cffi
    except ImportError:  # a bare Python has no cffi, and then no WeasyPrint either
        return
    real_dlopen = cffi.FFI.dlopen

    def dlopen(self: Any, name: Any, flags: int = 0) -> Any:
        if isinstance(name, str) and library in name:
            raise OSError(f"cannot load library '{name}': No such file or directory")
        return real_dlopen(self, name, flags)

    cffi.FFI.dlopen = dlopen  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    bare = argv[:1] == ["--bare"]
    if bare:
        argv = argv[1:]
        sys.path.insert(0, str(Path.cwd()))
        package = types.ModuleType("briefing")
        package.__path__ = [str(Path.cwd() / "briefing")]
        sys.modules["briefing"] = package
    library, mode, target, *rest = argv
    hide(library)
    if mode == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
    else:
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
