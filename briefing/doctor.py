"""What this machine has and lacks to build briefs, and the command that fixes each gap.

Standard library only, with briefing.fonts: `make brief` and `make test` run
`python3 -m briefing.doctor --system` with the system's Python, before any package is
installed, to stop at once with the `apt-get install` line when a library is missing.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import os
import platform
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from briefing import fonts

APT = "sudo apt-get install -y"


@dataclass(frozen=True)
class Probe:
    """One thing `briefing` needs, whether it is there, and how to get it."""

    name: str
    found: str | None
    """What was found (a version, a path), or None when it is missing."""
    fix: str
    required: bool = True
    cost: str = ""
    """What doing without it costs, said with the fix."""

    @property
    def ok(self) -> bool:
        """Whether the machine has it, recent enough."""
        return self.found is not None and "too old" not in self.found

    def line(self) -> str:
        """One line for a person: what is missing, what that costs, the command to run."""
        what = "missing" if self.found is None else self.found
        lead = "error" if self.required else "note"
        cost = self.cost or ("PDF briefs cannot be built" if self.required else "")
        return f"{lead}: {self.name}: {what}; {cost}; install it: {self.fix}"


def _library(*names: str) -> ctypes.CDLL | None:
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


def _version(names: tuple[str, ...], read: Callable[[ctypes.CDLL], str]) -> str | None:
    library = _library(*names)
    return None if library is None else read(library)


def _pango(lib: ctypes.CDLL) -> str:
    lib.pango_version_string.restype = ctypes.c_char_p
    version = lib.pango_version_string().decode()
    major, minor = (int(part) for part in version.split(".")[:2])
    return version if (major, minor) >= (1, 44) else f"{version} (too old: 1.44 or later needed)"


def _harfbuzz(lib: ctypes.CDLL) -> str:
    lib.hb_version_string.restype = ctypes.c_char_p
    return str(lib.hb_version_string().decode())


def _fontconfig(lib: ctypes.CDLL) -> str:
    version = int(lib.FcGetVersion())
    return f"{version // 10000}.{version // 100 % 100}.{version % 100}"


def _distribution(name: str) -> str | None:
    # Imported here: it is slow to import, and the quick system check never needs it.
    import importlib.metadata

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _fonts() -> str | None:
    missing = [f.file for f in fonts.FACES
               if not (fonts.FONTS_DIR / f.file).with_suffix(".ttf").is_file()]
    return None if missing else f"{len(fonts.FACES)} faces in {fonts.FONTS_DIR}"


def library_probes() -> list[Probe]:
    """The system libraries the PDF engine loads, looked up without loading it."""
    return [
        Probe("Pango 1.44 or later (text layout)",
              _version(("libpango-1.0.so.0", "libpango-1.0-0", "libpango-1.0.dylib"), _pango),
              f"{APT} libpango-1.0-0"),
        Probe("PangoFT2 (fonts for Pango)",
              "found" if _library("libpangoft2-1.0.so.0", "libpangoft2-1.0.dylib") else None,
              f"{APT} libpangoft2-1.0-0"),
        Probe("HarfBuzz (text shaping)",
              _version(("libharfbuzz.so.0", "libharfbuzz.0.dylib"), _harfbuzz),
              f"{APT} libharfbuzz0b"),
        harfbuzz_subset(),
        Probe("Fontconfig (font lookup)",
              _version(("libfontconfig.so.1", "libfontconfig.1.dylib"), _fontconfig),
              f"{APT} libfontconfig1"),
    ]


def harfbuzz_subset() -> Probe:
    """libharfbuzz-subset: recommended, not needed (briefing.pdf subsets fonts itself)."""
    return Probe("HarfBuzz subset (libharfbuzz-subset0)",
                 "found" if _library("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib")
                 else None,
                 f"{APT} libharfbuzz-subset0", required=False,
                 cost="PDFs are the same without it (briefing subsets its fonts itself), "
                 "but WeasyPrint's next versions will not start without it")


def _venv() -> str | None:
    # Debian ships ensurepip, which `python3 -m venv` needs, in python3-venv.
    return "found" if importlib.util.find_spec("ensurepip") is not None else None


def system_probes() -> list[Probe]:
    """What `make` needs of the system before it installs anything: Python, venv, libraries."""
    return [
        Probe("Python 3.11 or later", _python(), f"{APT} python3 (3.11 or later)",
              cost="briefing cannot be installed"),
        Probe("Python's venv module", _venv(), f"{APT} python3-venv",
              cost="make cannot create .venv"),
        *library_probes(),
    ]


def _python() -> str | None:
    version = platform.python_version()
    return version if sys.version_info >= (3, 11) else None


def probes() -> list[Probe]:
    """Everything `briefing` needs, looked up without loading the PDF engine."""
    return [
        Probe("Python 3.11 or later", _python(), f"{APT} python3 (3.11 or later)"),
        Probe("WeasyPrint 70 (the PDF engine)", _distribution("weasyprint"),
              "pip install 'weasyprint>=70,<71' (or reinstall briefing)"),
        *library_probes(),
        Probe("Bundled fonts (Noto Serif, Sans, Naskh Arabic)", _fonts(),
              "reinstall briefing: pip install --force-reinstall briefing"),
    ]


def missing_libraries() -> list[Probe]:
    """The required system libraries that cannot be loaded."""
    return [p for p in library_probes() if p.required and not p.ok]


def report(found: list[Probe]) -> str:
    """The probes as lines a person reads, with the fix for each gap."""
    lines = []
    for probe in found:
        mark = "ok  " if probe.ok else ("MISSING" if probe.required else "missing")
        lines.append(f"{mark:8}{probe.name}: {probe.found or 'not found'}")
        if not probe.ok:
            if probe.cost and not probe.required:
                lines.append(f"        cost: {probe.cost}")
            lines.append(f"        fix: {probe.fix}")
    gaps = [p for p in found if not p.ok and p.required]
    if gaps:
        lines.append(f"\n{len(gaps)} thing(s) missing: PDF briefs cannot be built until fixed "
                     "(HTML briefs can: briefing build --format html).")
    elif any(not p.ok for p in found):
        lines.append("\nBriefs can be built; the cost of each optional gap is said above.")
    else:
        lines.append("\nEverything briefing needs is here.")
    return "\n".join(lines)


NOTED = "BRIEFING_NOTED"
"""Environment variable naming the notes already printed, so that the processes a build
starts do not print them again."""


def note_missing(stream: TextIO | None = None) -> None:
    """Print a line for each recommended library that is missing, once per build.

    A worker of a pool prints nothing: it would repeat the line once per core.
    """
    mp = sys.modules.get("multiprocessing")
    if mp is not None and mp.parent_process() is not None:
        return
    noted = set(filter(None, os.environ.get(NOTED, "").split(",")))
    for probe in (harfbuzz_subset(),):
        if not probe.ok and probe.name not in noted:
            print(probe.line(), file=stream or sys.stderr)
            noted.add(probe.name)
    if noted:
        os.environ[NOTED] = ",".join(sorted(noted))


def check_system(stream: TextIO) -> int:
    """The quick check `make` runs: 1, with the install line, if a required thing is
    missing; otherwise 0, after a note for each recommended one that is missing."""
    found = system_probes()
    for probe in found:
        if not probe.ok and not probe.required:
            print(probe.line(), file=stream)
    missing = [p for p in found if p.required and not p.ok]
    for probe in missing:
        print(probe.line(), file=stream)
    # Python's own fix says which version, and is not a package name to pass on.
    packages = [p.fix.removeprefix(APT).strip() for p in missing if "(" not in p.fix]
    if len(packages) > 1:
        print(f"all at once: {APT} {' '.join(packages)}", file=stream)
    return 1 if missing else 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m briefing.doctor [--system]`; the exit status is 1 when something is missing."""
    parser = argparse.ArgumentParser(prog="python -m briefing.doctor", description=__doc__)
    parser.add_argument("--system", action="store_true",
                        help="check only the system (Python, venv, libraries), quietly: what "
                        "`make` needs before it installs anything")
    args = parser.parse_args(argv)
    if args.system:
        status = check_system(sys.stderr)
        if status:
            print("(the full report: PYTHONPATH=. python3 -m briefing.doctor)", file=sys.stderr)
        return status
    found = probes()
    print(report(found))
    return 1 if any(p.required and not p.ok for p in found) else 0


if __name__ == "__main__":
    sys.exit(main())
