"""Counts in words: "1 error", "2 errors", never "1 error(s)".

Every message that prints a count asks here, so that the command line and the preview
say them alike.
"""

from __future__ import annotations

_SIBILANT = ("s", "x", "z", "ch", "sh")
"""Endings whose plural takes -es: pass, passes."""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`count` and the word in the form it takes: `plural(1, "error")` is "1 error".

    The plural is the word with -s (-es after a hissing sound, as in "passes"), or
    `plural_form` for a word that makes it otherwise ("1 analysis", "2 analyses").
    """
    if count == 1:
        return f"{count} {singular}"
    if plural_form is None:
        plural_form = singular + ("es" if singular.endswith(_SIBILANT) else "s")
    return f"{count} {plural_form}"


def counts(errors: int, warnings: int) -> str:
    """"2 errors, 1 warning", leaving out a count of none; "" when both are 0."""
    parts = [plural(n, what) for n, what in ((errors, "error"), (warnings, "warning")) if n]
    return ", ".join(parts)
