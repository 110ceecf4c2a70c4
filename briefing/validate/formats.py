"""Handlers for text written in a format: dates, web addresses, language tags and ids.

A value in the wrong format is usually the right value written another way ('30 June
2016', 'English', 'fpif.org/...'); the hint offers it written the brief's way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pydantic_core import ErrorDetails

from briefing.errors import Diagnostic
from briefing.positions import FieldPath, YamlDocument
from briefing.validate.describe import EXAMPLE_DATE, expected, given, where

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}

_LANGUAGES = {
    "english": "en", "french": "fr", "francais": "fr", "français": "fr", "german": "de",
    "deutsch": "de", "spanish": "es", "español": "es", "espanol": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "russian": "ru", "ukrainian": "uk", "polish": "pl",
    "arabic": "ar", "chinese": "zh", "japanese": "ja", "korean": "ko", "turkish": "tr",
    "persian": "fa", "farsi": "fa", "hebrew": "he", "hindi": "hi", "urdu": "ur",
    "swedish": "sv", "greek": "el", "czech": "cs", "romanian": "ro", "hungarian": "hu",
}


def date(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`date_type`, `date_parsing`, `date_from_datetime_inexact`, ...: not a YYYY-MM-DD date.

    Shows: tests/broken/date-as-word.yaml, tests/broken/date-impossible.yaml,
    tests/broken/date-in-words.yaml, tests/broken/date-with-time.yaml,
    tests/broken/date-year-only.yaml
    """
    path: FieldPath = tuple(err["loc"])
    value = err.get("input")
    got = given(doc, path, value)
    wanted = f"a date written YYYY-MM-DD, like {EXAMPLE_DATE}"
    unknown = (
        "if the exact date is not known, leave out 'published:' and say what is known in "
        "'published_note:'" if path == ("piece", "published") else None
    )
    if isinstance(value, dt.datetime):
        return doc.diagnostic(
            path, f"{where(path)} must be a date without a time; got {got}",
            f"write the date only: {path[-1]}: {value.date().isoformat()}",
        )
    text = str(value).strip() if isinstance(value, str) else None
    if text and (parts := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)):
        year, month = int(parts.group(1)), int(parts.group(2))
        if not 1 <= month <= 12:
            why = f"there is no month {month}"
        else:
            last = calendar.monthrange(year, month)[1]
            why = f"{calendar.month_name[month]} {year} has {last} days"
        return doc.diagnostic(
            path, f"{where(path)} is not a real date: got {text!r}, but {why}",
            "correct the date; it is written YYYY-MM-DD (year, month, day)",
        )
    guesses = _guess_dates(text) if text else []
    if guesses:
        hint = f"write it as YYYY-MM-DD: did you mean {' or '.join(guesses)}?"
    elif isinstance(value, int) and 1000 <= value <= 9999 and unknown:
        hint = f"a full date is needed; {unknown} (like 'published_note: {value}')"
    else:
        hint = unknown or f"write the date as YYYY-MM-DD, like {path[-1]}: {EXAMPLE_DATE}"
    return doc.diagnostic(path, f"{where(path)} must be {wanted}; got {got}", hint)


def _guess_dates(text: str) -> list[str]:
    """YYYY-MM-DD readings of a date written another way ('30 June 2016', '30/06/2016')."""
    dated = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})[T ]", text)
    if dated:
        try:
            return [dt.date(*(int(p) for p in dated.groups())).isoformat() + " (the date "
                    "alone, without the time)"]
        except ValueError:
            return []
    words = re.findall(r"[A-Za-z]+|\d+", text)
    numbers = [int(w) for w in words if w.isdigit()]
    months = [_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS]
    readings: list[tuple[int, int, int]] = []
    if len(months) == 1 and len(numbers) == 2:
        year = next((n for n in numbers if n > 31), None)
        day = next((n for n in numbers if n <= 31), None)
        if year and day:
            readings.append((year, months[0], day))
    elif not months and len(numbers) == 3:
        a, b, c = numbers
        if a > 31:
            readings.append((a, b, c))
        elif c > 31:
            readings += [(c, b, a), (c, a, b)] if a != b else [(c, b, a)]
    found = []
    for year, month, day in readings:
        try:
            found.append(dt.date(year, month, day).isoformat())
        except ValueError:
            continue
    return list(dict.fromkeys(found))


def pattern(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    """`string_pattern_mismatch`: a web address, language tag or id written otherwise.

    Shows: tests/broken/url-without-scheme.yaml, tests/broken/language-name.yaml,
    tests/broken/id-with-spaces.yaml
    """
    path: FieldPath = tuple(err["loc"])
    text = str(err.get("input"))
    wanted = expected(path)
    hint: str | None = None
    if "web address" in wanted:
        if " " in text.strip():
            hint = "a web address has no spaces; copy it from the browser's address bar"
        else:
            hint = f"did you mean 'https://{text.strip().removeprefix('//')}'? copy the " \
                "full address from the browser's address bar"
    elif "language" in wanted:
        code = _LANGUAGES.get(text.strip().lower())
        if code is None and re.fullmatch(r"[A-Za-z]{2,3}(-\w+)*", text.strip()):
            code = text.strip().split("-")[0].lower() + text.strip()[
                len(text.strip().split("-")[0]):]
        hint = (f"did you mean '{code}'? " if code else "") + \
            "use a BCP 47 language tag: en, fr, de, ar, ru, pt-BR, ..."
    elif "id" in wanted:
        slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
        hint = (f"did you mean '{slug}'? " if slug else "") + \
            "an id is lower-case letters, digits and dashes, with no spaces"
        if path[:1] == ("key_judgments",) or path[-2:-1] == ("sources",):
            hint += "; use the same id as in 'sourcing'"
    got = given(doc, path, err.get("input"))
    return doc.diagnostic(path, f"{where(path)} must be {wanted}; got {got}", hint)
