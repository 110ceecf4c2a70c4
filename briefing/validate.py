"""Validate loaded YAML into the model, mapping every error back to its line.

pydantic finds every problem of a brief in one pass; each is said here in plain words:
where it is (the field's path, and its line and column), what was expected, what was
given, and how to fix it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefing.errors import Diagnostic, InputError
from briefing.model import Brief, Credibility, Identifier
from briefing.positions import FieldPath, YamlDocument, by_place

_EXAMPLE_DATE = "2024-01-02"


def validate(doc: YamlDocument) -> Brief:
    """Build the Brief from `doc`, or raise InputError listing every problem.

    The problems loading found come first in the file's order with validation's own,
    so that one run reports them all.
    """
    if not doc.complete:
        raise InputError(doc.problems)
    if not isinstance(doc.data, dict):
        raise InputError(by_place([*doc.problems, _not_a_brief(doc)]))
    try:
        brief = Brief.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(by_place(doc.problems + _diagnostics(doc, exc))) from None
    if doc.problems:
        raise InputError(by_place(doc.problems))
    return brief


def _not_a_brief(doc: YamlDocument) -> Diagnostic:
    data = doc.data
    hint = (
        "a brief is a set of keys, one per line, starting with 'piece:', 'meta:', "
        "'bluf:' and 'key_judgments:'; see docs/format.md, or content/ for an example"
    )
    if data is None:
        comments = any(line.strip() for line in doc.lines)
        what = "empty, not a brief" + (" (it holds only comments)" if comments else "")
    elif isinstance(data, list):
        what = "a list, not a brief"
        if any(isinstance(item, dict) for item in data):
            hint = (
                "the top-level lines start with '- ', which makes the file a list; remove "
                "the '- ' (and the indentation after it) so that 'piece:', 'meta:' and the "
                "other keys start at the beginning of their lines"
            )
    else:
        what = f"a single value, not a brief: {_given(doc, (), data)}"
        if isinstance(data, str) and len(data) > 80:
            hint += "; if this is the text of the piece, save it as a .txt file and name it " \
                "in the brief as 'source_text:' under 'piece:'"
    return doc.diagnostic((), f"the file is {what}", hint)


def _diagnostics(doc: YamlDocument, exc: ValidationError) -> list[Diagnostic]:
    errors = [
        err for err in exc.errors()
        if not any(tuple(err["loc"])[: len(p)] == p for p in doc.ignored)
    ]
    # A misspelt key gives two errors: the unknown key, and the missing one it was meant
    # to be. Say it once, at the misspelt key.
    guessed = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            path = tuple(err["loc"])
            close = _guess_key(str(path[-1]), _allowed_keys(path[:-1]))
            if close:
                guessed.add((*path[:-1], close))
    found = []
    for err in errors:
        path = tuple(err["loc"])
        if err["type"] == "missing" and (path in guessed or (*path[:-1], "<<") in doc.ignored):
            continue
        found.append(_diagnostic(doc, err))
    return found


def _diagnostic(doc: YamlDocument, err: ErrorDetails) -> Diagnostic:
    path: FieldPath = tuple(err["loc"])
    kind = err["type"]
    given = err.get("input")
    if kind == "missing":
        return _missing(doc, path)
    if kind == "extra_forbidden":
        return _unknown_key(doc, path)
    where = f"'{_dotted(path)}'"
    expected = _expected(path)
    got = _given(doc, path, given)
    blank = given.strip() == "" if isinstance(given, str) else not given
    if given is None or (kind in ("string_too_short", "too_short") and blank):
        return _empty(doc, path, expected)
    if kind == "enum":
        return _enum(doc, path, err, given)
    if kind.startswith("date") or kind.startswith("datetime"):
        return _date(doc, path, given, got)
    if kind == "string_pattern_mismatch":
        return _pattern(doc, path, str(given), got)
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return doc.diagnostic(
            path, f"{where} must be at most {limit} characters long; got {len(str(given))}",
            "shorten it",
        )
    if kind in _TYPE_ERRORS:
        return doc.diagnostic(path, f"{where} must be {expected}; got {got}",
                              _type_hint(doc, path, given, kind))
    if kind == "value_error":  # raised by the model's own checks, already in plain words
        reason = str(err.get("ctx", {}).get("error", err["msg"]))
        return doc.diagnostic(path, f"{where} is not valid: {reason}; got {got}",
                              f"see '{path[-1]}' in docs/format.md")
    # A constraint this module has no words of its own for: pydantic's, lower-cased.
    message = err["msg"][:1].lower() + err["msg"][1:]
    return doc.diagnostic(path, f"{where} is not valid: {message}; got {got}",
                          f"see '{path[-1]}' in docs/format.md")


_TYPE_ERRORS = {
    "string_type", "list_type", "model_type", "dict_type", "bool_type", "bool_parsing",
    "path_type", "int_type", "int_parsing", "int_from_float", "float_type", "float_parsing",
}


# --- the parts of a message ------------------------------------------------------------


def _dotted(path: FieldPath) -> str:
    return ".".join(str(p) for p in path)


def _given(doc: YamlDocument, path: FieldPath, value: Any) -> str:
    """What was given, in words: its YAML type and, briefly, the value as written."""
    raw = doc.raw.get(path)
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{raw or str(value).lower()}, which YAML reads as true/false"
    if isinstance(value, int | float):
        return f"the number {raw or value}"
    if isinstance(value, dt.date):
        return f"the date {raw or value}"
    if isinstance(value, str):
        return f"the text {_short(value)!r}"
    if isinstance(value, list):
        if not value:
            return "an empty list"
        if all(not isinstance(v, list | dict) for v in value):
            return f"a list: {_short(_flow(value))}"
        return f"a list of {len(value)} item{'s' if len(value) > 1 else ''}"
    if isinstance(value, dict):
        keys = ", ".join(f"{k}:" for k in value)
        return f"a block of keys ({_short(keys)})" if value else "an empty block {}"
    return _short(repr(value))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _key_of(path: FieldPath) -> str:
    """The key to write in the YAML for `path` ('- ' for a list item)."""
    return f"{path[-1]}" if path and isinstance(path[-1], str) else "-"


def _quote(value: str) -> str:
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _close(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to `word`, ignoring case, if one is close enough."""
    lowered = {c.lower(): c for c in choices}
    if word.strip().lower() in lowered:
        return lowered[word.strip().lower()]
    found = difflib.get_close_matches(word.strip().lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[found[0]] if found else None


# --- the model, in words ---------------------------------------------------------------

_NOUNS = {
    "KeyJudgment": "key judgment", "Rhetoric": "rhetorical device", "Watch": "watch item",
    "Source": "source", "Quote": "quote",
}


def _noun(model: type[BaseModel]) -> str:
    name = model.__name__
    return _NOUNS.get(name) or re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _first_key(model: type[BaseModel]) -> str:
    return next((n for n, f in model.model_fields.items() if f.is_required()),
                next(iter(model.model_fields)))


def _required(model: type[BaseModel]) -> list[str]:
    return [n for n, f in model.model_fields.items() if f.is_required()]


def _strip(annotation: Any) -> tuple[Any, list[Any]]:
    """The annotation without `| None` and `Annotated`, and the Annotated metadata."""
    metadata: list[Any] = []
    while True:
        if get_origin(annotation) is Annotated:
            args = get_args(annotation)
            annotation, metadata = args[0], metadata + list(args[1:])
            continue
        args = get_args(annotation)
        if args and type(None) in args and get_origin(annotation) is not list:
            rest = [a for a in args if a is not type(None)]
            if len(rest) == 1:
                annotation = rest[0]
                continue
        return annotation, metadata


def _annotation_at(path: FieldPath) -> Any:
    """The type the model expects at `path`, or None."""
    annotation: Any = Brief
    for part in path:
        annotation, _ = _strip(annotation)
        if isinstance(part, int):
            if get_origin(annotation) is not list:
                return None
            annotation = get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(part)
            if info is None:
                return None
            # pydantic keeps the constraints of a plain `Annotated` field apart.
            annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata \
                else info.annotation
        else:
            return None
    return annotation


def _model_at(path: FieldPath) -> type[BaseModel] | None:
    found, _ = _strip(_annotation_at(path))
    if isinstance(found, type) and issubclass(found, BaseModel):
        return found
    if get_origin(found) is list:
        item, _ = _strip(get_args(found)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def _enum_of(annotation: Any) -> type[Enum] | None:
    found, _ = _strip(annotation)
    return found if isinstance(found, type) and issubclass(found, Enum) else None


def _choices(enum: type[Enum]) -> str:
    names = [f"'{m.value}'" if isinstance(m.value, str) else str(m.value) for m in enum]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def _pattern_of(metadata: list[Any]) -> str | None:
    return next((getattr(m, "pattern", None) for m in metadata
                 if getattr(m, "pattern", None)), None)


def _describe(annotation: Any, *, plural: bool = False) -> str:
    """What a value of `annotation` is, in words: 'text', 'a date like 2024-01-02'."""
    base, metadata = _strip(annotation)
    pattern = _pattern_of(metadata)
    if annotation == Identifier or (
            base is str and pattern == _pattern_of(list(get_args(Identifier)[1:]))):
        return "ids (lower-case letters, digits and dashes)" if plural else \
            "an id (lower-case letters, digits and dashes, like 'reuters')"
    if base is str and pattern and "http" in pattern:
        return "web addresses" if plural else \
            "a web address starting with http:// or https://"
    if base is str and pattern:
        return "language tags" if plural else "a language tag like 'en' or 'fr'"
    if base is str:
        return "texts" if plural else "text"
    if base is dt.date:
        return "dates" if plural else f"a date written YYYY-MM-DD, like {_EXAMPLE_DATE}"
    if base is bool:
        return "true or false"
    if base is int:
        return "whole numbers" if plural else "a whole number"
    if base is float:
        return "numbers" if plural else "a number"
    if isinstance(base, type) and issubclass(base, Path):
        return "file paths" if plural else "the path of a text file (like sources/piece.txt)"
    enum = _enum_of(base)
    if enum is not None:
        return f"one of {_choices(enum)}"
    if get_origin(base) is list:
        item = get_args(base)[0]
        item_base, _ = _strip(item)
        if item_base is str and item != Identifier:
            return "a list of texts, like [one, two]"
        if item == Identifier:
            return "a list of ids, like [reuters, ap]"
        return f"a list of {_describe(item, plural=True)}"
    if isinstance(base, type) and issubclass(base, BaseModel):
        noun, first = _noun(base), _first_key(base)
        if plural:
            return f"{noun}s (each with '{first}:')"
        if base is Brief:
            return "a brief"
        keys = ", ".join(f"{k}:" for k in _required(base)) or f"{first}:"
        if base.__name__ == "Quote":
            return "a quote (a block with 'exact:')"
        return f"a block of keys ({keys} ...)"
    return "something else"


def _expected(path: FieldPath) -> str:
    annotation = _annotation_at(path)
    return _describe(annotation) if annotation is not None else "something else"


def _field_help(path: FieldPath) -> str | None:
    model = _model_at(path[:-1]) if len(path) > 0 else None
    if model is None or not isinstance(path[-1], str):
        return None
    info = model.model_fields.get(path[-1])
    return info.description if info else None


def _required_at(path: FieldPath) -> bool:
    model = _model_at(path[:-1]) if path else None
    if model is None or not isinstance(path[-1], str):
        return True
    info = model.model_fields.get(path[-1])
    return bool(info and info.is_required())


# --- each kind of error ----------------------------------------------------------------


def _missing(doc: YamlDocument, path: FieldPath) -> Diagnostic:
    block = _dotted(path[:-1])
    where = f"in '{block}'" if block else "at the top level of the brief"
    annotation = _annotation_at(path)
    what = _describe(annotation) if annotation is not None else ""
    about = _field_help(path)
    hint = f"add '{path[-1]}:'"
    if what:
        hint += f" with {what}"
    if block:
        hint += f", indented like the other keys of '{block}'"
    if about and _enum_of(annotation) is None:
        hint += f"; it is {about[:1].lower()}{about[1:].rstrip('.')}"
    return doc.diagnostic(path[:-1], f"'{path[-1]}' is missing {where}", hint, key=True)


def _homes(name: str) -> list[str]:
    """The blocks of the model where a key called `name` belongs."""
    found: list[str] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        if name in model.model_fields:
            found.append(prefix or "the top level")
        for field, info in model.model_fields.items():
            base, _ = _strip(info.annotation)
            if get_origin(base) is list:
                base, _ = _strip(get_args(base)[0])
            if isinstance(base, type) and issubclass(base, BaseModel):
                walk(base, f"{prefix}.{field}" if prefix else field)

    walk(Brief, "")
    return list(dict.fromkeys(found))


def _allowed_keys(path: FieldPath) -> list[str]:
    model = _model_at(path) if path else Brief
    return list(model.model_fields) if model else []


_KEY_SYNONYMS = {
    "summary": ["bluf"], "bottom_line": ["bluf"], "bottom-line": ["bluf"], "bl": ["bluf"],
    "judgments": ["key_judgments"], "judgements": ["key_judgments"],
    "key_findings": ["key_judgments"], "findings": ["key_judgments"],
    "sources": ["sourcing"], "source": ["sourcing", "sources"], "title": ["headline"],
    "subtitle": ["dek"], "standfirst": ["dek"], "subheadline": ["dek"],
    "publication": ["outlet"], "publisher": ["outlet"], "newspaper": ["outlet"],
    "link": ["url"], "address": ["url"], "writer": ["author"], "byline": ["author"],
    "date": ["published", "prepared"], "type": ["genre", "kind"], "language": ["language"],
    "quote": ["exact", "quotes"], "words": ["exact"], "analysis": ["critique"],
    "indicators": ["watch"], "questions": ["watch"], "confidence_level": ["confidence"],
    "probability": ["likelihood"], "grade": ["reliability", "credibility"],
}


def _unknown_key(doc: YamlDocument, path: FieldPath) -> Diagnostic:
    key = str(path[-1])
    allowed = _allowed_keys(path[:-1])
    close = _guess_key(key, allowed)
    block = _dotted(path[:-1])
    hint = ""
    if close:
        data = _block_data(doc, path[:-1])
        needed = isinstance(data, dict) and close not in data and \
            _required_at((*path[:-1], close))
        hint = f"did you mean '{close}'?" + (" It is required and missing." if needed else "")
    elif homes := _homes(key):
        hint = f"'{key}' belongs in {', '.join(homes)}, not here: check its indentation."
    hint += (" Keys" if hint else "keys") + f" allowed here: {', '.join(allowed)}"
    where = f"in '{block}'" if block else "at the top level"
    return doc.diagnostic(path, f"unknown key '{key}' {where}", hint, key=True)


def _guess_key(key: str, allowed: list[str]) -> str | None:
    """The allowed key meant by `key`: a near miss or a synonym."""
    close = _close(key, allowed, cutoff=0.75)
    if close:
        return close
    normal = key.strip().lower().replace(" ", "_")
    return next((k for k in _KEY_SYNONYMS.get(normal, []) if k in allowed), None)


def _block_data(doc: YamlDocument, path: FieldPath) -> Any:
    data = doc.data
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_SYNONYMS = {
    "first-hand": "first", "firsthand": "first", "1st": "first", "direct": "first",
    "second-hand": "second", "secondhand": "second", "2nd": "second", "indirect": "second",
    "medium": "moderate", "med": "moderate", "mid": "moderate", "middle": "moderate",
    "op-ed": "opinion", "oped": "opinion", "column": "opinion", "commentary": "opinion",
    "newspaper": "news report", "news": "news report", "media": "news report",
    "anonymous": "unnamed sources", "unnamed": "unnamed sources",
    "government": "official", "question?": "question",
}


def _enum(doc: YamlDocument, path: FieldPath, err: ErrorDetails, given: Any) -> Diagnostic:
    enum = _enum_of(_annotation_at(path))
    options = err.get("ctx", {}).get("expected", "")
    choices = [str(m.value) for m in enum] if enum else [
        o.strip(" '") for o in options.replace(" or ", ",").split(",")]
    where = f"'{_dotted(path)}'"
    if isinstance(given, str):
        got = repr(given)
        text = given.strip().lower()
        close = _close(given, choices)
        if close is None and _SYNONYMS.get(text) in choices:
            close = _SYNONYMS[text]
        if close is None:
            close = next((c for c in choices if text and (text in c or c in text)), None)
    else:
        got = _given(doc, path, given)
        close = _close(str(given), choices) if isinstance(given, int | float) else None
    hint = f"did you mean '{close}'?" if close else None
    if enum is Credibility and isinstance(given, str) and re.fullmatch(
            r"[A-Fa-f][1-6]", given.strip()):
        hint = (f"'{given.strip()}' is a whole grade: write reliability: "
                f"{given.strip()[0].upper()} and credibility: {given.strip()[1]}")
    elif isinstance(given, list):
        hint = "choose one of them: a single value, not a list"
    elif hint is None and enum is not None and hasattr(next(iter(enum)), "meaning"):
        hint = "the grades: " + ", ".join(
            f"{m.value} = {getattr(m, 'meaning', '')}" for m in enum)
    elif hint is None:
        hint = "use one of the values listed, spelt as shown"
    return doc.diagnostic(path, f"{where} must be {options}; got {got}", hint)


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}


def _date(doc: YamlDocument, path: FieldPath, given: Any, got: str) -> Diagnostic:
    where = f"'{_dotted(path)}'"
    expected = f"a date written YYYY-MM-DD, like {_EXAMPLE_DATE}"
    unknown = (
        "if the exact date is not known, leave out 'published:' and say what is known in "
        "'published_note:'" if path == ("piece", "published") else None
    )
    if isinstance(given, dt.datetime):
        return doc.diagnostic(
            path, f"{where} must be a date without a time; got {got}",
            f"write the date only: {path[-1]}: {given.date().isoformat()}",
        )
    text = str(given).strip() if isinstance(given, str) else None
    if text and (parts := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)):
        year, month = int(parts.group(1)), int(parts.group(2))
        if not 1 <= month <= 12:
            why = f"there is no month {month}"
        else:
            last = calendar.monthrange(year, month)[1]
            why = f"{calendar.month_name[month]} {year} has {last} days"
        return doc.diagnostic(
            path, f"{where} is not a real date: got {text!r}, but {why}",
            "correct the date; it is written YYYY-MM-DD (year, month, day)",
        )
    guesses = _guess_dates(text) if text else []
    if guesses:
        hint = f"write it as YYYY-MM-DD: did you mean {' or '.join(guesses)}?"
    elif isinstance(given, int) and 1000 <= given <= 9999 and unknown:
        hint = f"a full date is needed; {unknown} (like 'published_note: {given}')"
    else:
        hint = unknown or f"write the date as YYYY-MM-DD, like {path[-1]}: {_EXAMPLE_DATE}"
    return doc.diagnostic(path, f"{where} must be {expected}; got {got}", hint)


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


_LANGUAGES = {
    "english": "en", "french": "fr", "francais": "fr", "français": "fr", "german": "de",
    "deutsch": "de", "spanish": "es", "español": "es", "espanol": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "russian": "ru", "ukrainian": "uk", "polish": "pl",
    "arabic": "ar", "chinese": "zh", "japanese": "ja", "korean": "ko", "turkish": "tr",
    "persian": "fa", "farsi": "fa", "hebrew": "he", "hindi": "hi", "urdu": "ur",
    "swedish": "sv", "greek": "el", "czech": "cs", "romanian": "ro", "hungarian": "hu",
}


def _pattern(doc: YamlDocument, path: FieldPath, given: str, got: str) -> Diagnostic:
    where = f"'{_dotted(path)}'"
    expected = _expected(path)
    hint: str | None = None
    if "web address" in expected:
        if " " in given.strip():
            hint = "a web address has no spaces; copy it from the browser's address bar"
        else:
            hint = f"did you mean 'https://{given.strip().removeprefix('//')}'? copy the " \
                "full address from the browser's address bar"
    elif "language" in expected:
        code = _LANGUAGES.get(given.strip().lower())
        if code is None and re.fullmatch(r"[A-Za-z]{2,3}(-\w+)*", given.strip()):
            code = given.strip().split("-")[0].lower() + given.strip()[
                len(given.strip().split("-")[0]):]
        hint = (f"did you mean '{code}'? " if code else "") + \
            "use a BCP 47 language tag: en, fr, de, ar, ru, pt-BR, ..."
    elif "id" in expected:
        slug = re.sub(r"[^a-z0-9]+", "-", given.lower()).strip("-")[:40]
        hint = (f"did you mean '{slug}'? " if slug else "") + \
            "an id is lower-case letters, digits and dashes, with no spaces"
        if path[:1] == ("key_judgments",) or path[-2:-1] == ("sources",):
            hint += "; use the same id as in 'sourcing'"
    return doc.diagnostic(path, f"{where} must be {expected}; got {got}", hint)


def _empty(doc: YamlDocument, path: FieldPath, expected: str) -> Diagnostic:
    where = f"'{_dotted(path)}'"
    key = _key_of(path)
    model = _model_at(path)
    is_list = get_origin(_strip(_annotation_at(path))[0]) is list
    about = _field_help(path)
    if is_list and model is not None:
        hint = f"add items below '{key}:', indented, each starting with " \
            f"'- {_first_key(model)}:'"
    elif model is not None:
        keys = ", ".join(f"{k}:" for k in _required(model))
        hint = f"add its keys ({keys} ...) on the lines below '{key}:', indented"
    elif key == "-":
        hint = "write the value after the '- ', or delete the empty item"
    else:
        hint = f"write {'the text' if expected == 'text' else 'the value'} after '{key}:'"
        if about and _enum_of(_annotation_at(path)) is None:
            hint += f" ({about[:1].lower()}{about[1:].rstrip('.')})"
    if not _required_at(path):
        hint += f", or leave out '{key}:' altogether"
    empty_list = isinstance(_block_data(doc, path), list)
    if empty_list and model is not None:
        noun = _noun(model)
        message = f"{where} must have at least one {noun}; got an empty list"
    else:
        message = f"{where} is empty; it must be {expected}"
    # An empty value has no place of its own: point at its key.
    return doc.diagnostic(path, message, hint, key=path not in doc.raw)


def _inline(doc: YamlDocument, path: FieldPath) -> bool:
    """Whether the list item at `path` is written in brackets on its list's line."""
    item, parent = doc.values.get(path), doc.keys.get(path[:-1])
    return bool(item and parent and item[0] == parent[0])


def _type_hint(doc: YamlDocument, path: FieldPath, given: Any, kind: str) -> str | None:
    key = _key_of(path)
    raw = doc.raw.get(path)
    base, _ = _strip(_annotation_at(path))
    model = _model_at(path)
    is_list = get_origin(base) is list
    if kind in ("string_type", "path_type") and isinstance(given, bool | int | float | dt.date):
        text = raw if raw is not None else str(given)
        why = " (YAML reads yes, no, on, off, true and false as true/false)" \
            if isinstance(given, bool) else ""
        return f"put it in quotes: {key}: {_quote(text)}{why}"
    if kind == "string_type" and isinstance(given, list):
        joined = ", ".join(_flow(v) for v in given)
        return (f"write one text, not a list, as in {key}: {_quote(joined)}; if the "
                "brackets are part of the text, put the whole text in quotes")
    if kind == "string_type" and isinstance(given, dict):
        return (f"write the text right after '{key}:'; if it contains ': ', put it in "
                f"quotes; for a long text write '{key}: >-' and the text on the lines "
                "below, indented")
    if kind in ("bool_type", "bool_parsing"):
        return f"write {key}: true or {key}: false"
    if kind == "list_type" and isinstance(given, str) and model is None:
        items = [p.strip() for p in given.split(",") if p.strip()]
        return f"write a list in brackets: {key}: [{', '.join(items)}]"
    if kind == "list_type" and isinstance(given, str) and model is not None:
        first = _first_key(model)
        return (f"write each {_noun(model)} on a line of its own below '{key}:', indented, "
                f"starting with '- {first}:'" + (
                    f", as in '- {first}: {_quote(given)}'" if first in ("exact", "text")
                    else ""))
    if kind == "list_type" and isinstance(given, dict):
        first = next(iter(given), _first_key(model) if model else "...")
        return (f"a list's items start with '- ': write '- {first}:' and line up the "
                "item's other keys with it")
    if kind == "model_type" and model is not None and isinstance(given, str):
        first = _first_key(model)
        if key == "-" and _inline(doc, path):
            return f"write each item as {{{first}: {_quote(given)}}}, or on a line of its " \
                f"own as '- {first}: {_quote(given)}'"
        if key == "-":
            return f"write it as '- {first}: {_quote(given)}'"
        if model.__name__ == "Quote":
            return f"write it as {key}: {{exact: {_quote(given)}}}"
        return (f"'{key}' takes keys, not text: write them on the lines below it, indented "
                f"({', '.join(k + ':' for k in _required(model))} ...)")
    if kind == "model_type" and isinstance(given, list):
        return (f"'{key}' takes keys, not a list: remove the '- ' in front of the keys "
                "below it")
    if kind == "model_type" and isinstance(given, bool | int | float | dt.date):
        return f"'{key}' takes keys, written on the lines below it, indented"
    if is_list:
        return f"write a list below '{key}:', each item starting with '- '"
    return None
