"""Running the programs a reader has (Chromium, LibreOffice) from the tests.

Both must see the host's own fonts, as a reader's do: importing briefing's layout
engine points FONTCONFIG_FILE at the bundled fonts only (for Chromium, text metrics
follow fontconfig's hinting: a brief measured 1 page with it, 2 without; LibreOffice
finds no Liberation fonts and no bullet). Each runs in a session of its own, so that a
hung program goes with all its helper processes.
"""

from __future__ import annotations

import os
import signal
import subprocess

import pytest


def run(command: list[str], timeout: float, doing: str) -> tuple[int, str]:
    """Run `command`; its exit status and stderr. Fails the test, naming `doing`
    ("Chromium print x.html"), when it takes longer than `timeout` seconds."""
    env = {k: v for k, v in os.environ.items() if k not in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, start_new_session=True)
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{doing}: not done within {timeout} s")
    return process.returncode, err.decode(errors="replace")
