"""What this machine has and lacks to build briefs, and the command that fixes each gap."""

from __future__ import annotations

import ctypes
import importlib.metadata
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass

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

    @property
    def ok(self) -> bool:
        """Whether the machine has it, recent enough."""
        return self.found is not None and "too old" not in self.found


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
        Probe("HarfBuzz subset (fast PDF font embedding)",
              "found" if _library("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib")
              else None,
              f"{APT} libharfbuzz-subset0", required=False),
        Probe("Fontconfig (font lookup)",
              _version(("libfontconfig.so.1", "libfontconfig.1.dylib"), _fontconfig),
              f"{APT} libfontconfig1"),
    ]


def probes() -> list[Probe]:
    """Everything `briefing` needs, looked up without loading the PDF engine."""
    python = platform.python_version()
    return [
        Probe("Python 3.11 or later", python if sys.version_info >= (3, 11) else None,
              f"{APT} python3 (3.11 or later)"),
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
            lines.append(f"        fix: {probe.fix}")
    gaps = [p for p in found if not p.ok and p.required]
    if gaps:
        lines.append(f"\n{len(gaps)} thing(s) missing: PDF briefs cannot be built until fixed "
                     "(HTML briefs can: briefing build --format html).")
    elif any(not p.ok for p in found):
        lines.append("\nBriefs can be built; the optional gap above makes PDFs slower to write.")
    else:
        lines.append("\nEverything briefing needs is here.")
    return "\n".join(lines)
