"""The one "did you mean" of the package: for keys, values, ids, themes and file names.

Every message that guesses what was meant asks here, so that a misspelling is caught
the same way wherever it is made. Standard library only: the loader uses it too, and
it must not pull in the rest of the package.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice closest to `word`, ignoring case and surrounding spaces, if one is close.

    `cutoff` is difflib's similarity ratio (0 to 1) a choice must reach.
    """
    lowered = {choice.lower(): choice for choice in choices}
    wanted = word.strip().lower()
    if wanted in lowered:
        return lowered[wanted]
    found = difflib.get_close_matches(wanted, list(lowered), n=1, cutoff=cutoff)
    return lowered[found[0]] if found else None
