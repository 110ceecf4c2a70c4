"""Who speaks where no verb of saying says so.

News prose often names a speaker without "said": it introduces them a sentence
before ("Ana Ruiz is the ministry's spokeswoman. “...,” she said."), opens a
quotation with a colon after its subject ("Water Minister Luis Ortega rejected the
charge: “...”"), or, in an interview, labels each answer with the speaker's name
("Szabo: ..."), or, in a headline, names them after the quotation ("'...': Ayla
Demir on the drought"); a group is spoken for by what it thinks ("Shipping analysts
are more relaxed"). Each is an Attribution like those `attributions` finds, so that the
sources and the quotations' speakers come out of them in the same way; an
introduction is marked `intro`, because it names someone without saying that they
said anything.
"""

from __future__ import annotations

import bisect
import re

from briefing.draft.attributions import Attribution, person_of
from briefing.draft.paragraphs import holds, paragraphs, sentences
from briefing.draft.quotations import Quotation
from briefing.draft.speakers import NAME_WORD, UPPER, classify, is_body

_DESCRIBED = rf"(?:[Tt]he|[Aa]n?|[{UPPER}][\w-]*['\u2019]s)\s[^,\0]+"
_INTRO = re.compile(
    rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})"
    rf"(?:,\s+\d{{1,3}},)?(?:,\s+(?P<described>{_DESCRIBED}),)?"
    r"\s+(?P<verb>(?:has |had )?[a-z]+)\b\s*(?P<rest>[^\0]*)$"
)
_INTRO_FLIPPED = re.compile(
    rf"(?P<described>(?:{_DESCRIBED}|(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s[^,\0]+)),\s+"
    r"(?:(?P<more>(?:the|a|an)\s(?:[a-z-]+\s){1,4}))?"
    rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}),"
    r"\s+(?P<verb>(?:has |had )?[a-z]+(?:s|ed))\b\s*(?P<rest>[^\0]*)$"
)
"""A person named after their role: "The transport minister, Daniel Roth, defended it."""
_INTRO_INSIDE = re.compile(
    rf",\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})"
    r"\s+(?P<verb>(?:has |had )?[a-z]+(?:s|ed))\b\s*(?P<rest>[^\0]*)$"
)
_MENTION = re.compile(
    rf"(?<![\w'\u2019-])(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})"
    r"(?:,\s+(?P<described>(?:a|an|the)\s[^,\0]+))?"
)
"""A person named anywhere in a sentence ("For riders like Sofia Brandis, a cleaner..."):
whom a "she said" in the next one may mean."""
"""A person named after a clause: "Walking between the rows, Tobias Wirth does the sums."""
_COPULA = ("is", "was", "has been")
_DOES = re.compile(r"(?:has|had) [a-z]+|[a-z]+(?:s|ed)")
"""A verb in the present or the past ("runs", "has run"), not any word ("herself")."""
_MAX_DOES = 12
"""The most words of what an introduced person does that their description keeps."""
_LABEL = re.compile(rf"(?P<label>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}):\s")
_LEAD = re.compile(r"^(?:(?:[Aa]nd|[Bb]ut|[Yy]et|[Tt]hen|[Ss]o|[Ii]n reply|[Aa]sked why)[\s,]+)+")
_SUBJECT_KINDS = ("name", "role", "unnamed", "group", "outlet", "document", "data")
_DESCRIPTION = re.compile(r"^(?:of|at|from|with)\s")
_MAX_SUBJECT_WORDS = 8


class FullNames:
    """The names a text gives in full, looked up by surname: "Prime Minister Oskar Vahl"
    for "Vahl". Each surname is looked for once per text, however often it is met."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[tuple[int, str]]] = {}

    def before(self, surname: str, at: int) -> str | None:
        """The fullest name ending in `surname` that stands before offset `at`, or None."""
        if surname not in self._found:
            self._found[surname] = self._names_ending(surname)
        names = [name for start, name in self._found[surname] if start < at]
        return max(names, key=len, default=None)

    def _names_ending(self, surname: str) -> list[tuple[int, str]]:
        found = []
        pattern = rf"(?:{NAME_WORD}[ \u00a0]+){{1,4}}{re.escape(surname)}\b"  # within a line
        for match in re.finditer(pattern, self.text):
            words = match.group().split()
            for k in range(len(words) - 1):
                if any(w.endswith(".") and len(w) > 3 for w in words[k:-1]):
                    continue  # a sentence ends there ("in February. Szabo"), not "Dr."
                name = " ".join(words[k:])
                if classify(name) == "name" and not is_body(name):
                    found.append((match.start(), name))
                    break
        return found


def _person(name: str, names: FullNames, at: int) -> bool:
    """Whether `name` names a person: a name, not a body's; one capitalised word only as
    the surname of someone named in full before `at`."""
    if classify(name) != "name" or is_body(name):
        return False
    return " " in name or names.before(name, at) is not None


def _introduction(masked: str, text: str, start: int, end: int,
                  names: FullNames) -> Attribution | None:
    """"Ana Ruiz is the ministry's spokeswoman.": who she is, for a later "she said"."""
    sentence = masked[start:end].rstrip(".!? ")
    found = next((m for m in (_INTRO.match(sentence), _INTRO_FLIPPED.match(sentence),
                              _INTRO_INSIDE.search(sentence))
                  if m and _person(m.group("name"), names, start)), None)
    if found is None:
        mentions = [m for m in _MENTION.finditer(sentence)
                    if _person(m.group("name"), names, start)]
        if not mentions:
            return None
        last = mentions[-1]
        return Attribution(
            matched=" ".join(text[start:end].split()), start=start + last.start("name"),
            end=start + last.end("name"), speaker=" ".join(last.group("name").split()),
            kind="name", verb="", intro=True,
            description=" ".join(last["described"].split()) if last["described"] else None)
    rest = found.group("rest")
    description = found.groupdict().get("described")
    if description and found.groupdict().get("more"):  # "His challenger, the former driver X"
        description = f"{description}, {' '.join(found['more'].split())}"
    verb = found.group("verb")
    if description is None and verb in _COPULA and re.match(r"(?:the|a|an)\s", rest):
        description = " ".join(rest.split())  # "Ana Ruiz is the ministry's spokeswoman"
    elif description is None and _DOES.fullmatch(verb) and found.re is not _INTRO_INSIDE:
        does = rest.split(",")[0].split()
        if len(does) <= _MAX_DOES:
            description = " ".join(["who", verb, *does])  # "who runs the grocery"
    return Attribution(
        matched=" ".join(text[start:end].split()), start=start + found.start("name"),
        end=start + found.end("verb"),
        speaker=" ".join(found.group("name").split()), kind="name", verb=found.group("verb"),
        description=description, intro=True)


def _subject(clause: str) -> tuple[str, str, str | None] | None:
    """The speaker a clause starts with, its kind, and the words that describe it."""
    lead = _LEAD.match(clause)
    if lead:
        clause = clause[lead.end():]
    first, _, others = clause.partition(",")
    words = first.split()
    for n in range(min(len(words), _MAX_SUBJECT_WORDS), 0, -1):
        head = " ".join(words[:n])
        kind = classify(head)
        if kind is not None and kind in _SUBJECT_KINDS:
            if kind == "name" and (split := person_of(head)):  # "Lena Ott of Harlow U..."
                return split[0], kind, " ".join([split[1], *words[n:]])
            described = " ".join(words[n:])
            parts = [described] if _DESCRIPTION.match(described) else []
            following = others.split(",")[0].strip()
            if re.match(r"(?:who|a|an|the)\s", following):
                parts.append(following)
            return head, kind, ", ".join(parts) or None
    return None


def _colon_subject(masked: str, text: str, quote: Quotation, sentence: tuple[int, int],
                   names: FullNames) -> Attribution | None:
    """"Luis Ortega rejected the charge: “...”": the sentence's subject speaks (a sentence
    with no attribution of its own). One capitalised word speaks only as the surname of
    someone named in full before: "Talks: “fail”" is a headline, not a speaker."""
    before = masked[sentence[0]:quote.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = sentence[0] + len(before) - 1
    found = _subject(masked[sentence[0]:colon])
    if found is None:
        return None
    speaker, kind, description = found
    if kind == "name" and " " not in speaker.strip() and names.before(
            speaker.strip(), sentence[0]) is None:
        return None
    return Attribution(
        matched=" ".join(text[sentence[0]:colon].split()), start=sentence[0], end=colon,
        speaker=" ".join(speaker.split()), kind=kind, verb=":",
        description=" ".join(description.split()) if description else None)


def _label(masked: str, text: str, span: tuple[int, int],
           names: FullNames) -> Attribution | None:
    """"Szabo: Everything it cannot remember": an interview's answer, by its speaker."""
    found = _LABEL.match(masked, span[0], span[1])
    if found is None:
        return None
    label = found.group("label")
    full = label if " " in label else names.before(label, len(text))
    if full is None or is_body(full):
        return None
    return Attribution(matched=f"{label}:", start=span[0], end=span[0] + len(label),
                       speaker=" ".join(full.split()), kind="name", verb=":")


_NAMED_AFTER = re.compile(rf"\s*:\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})")


def _named_after(masked: str, quote: Quotation) -> Attribution | None:
    """"'We cannot farm on promises': Ayla Demir on the drought": a headline's quotation,
    then a colon and the person who said it, named in full."""
    found = _NAMED_AFTER.match(masked, quote.end)
    if found is None:
        return None
    name = " ".join(found["name"].split())
    if classify(name) != "name" or is_body(name):
        return None
    return Attribution(matched=name, start=found.start("name"), end=found.end("name"),
                       speaker=name, kind="name", verb=":")


_STANCE = re.compile(
    r"(?:are|were|remain|remained|seem|seemed)\s+(?:(?:more|less|far|much|also|still|"
    r"mostly|largely|deeply|broadly)\s+)*(?:relaxed|cautious|sceptical|skeptical|"
    r"optimistic|pessimistic|unconvinced|doubtful|critical|worried|concerned|"
    r"confident|hopeful|wary|alarmed|angry|furious|unimpressed|supportive)\b|"
    r"(?:have|has)\s+(?:(?:mostly|largely|broadly|long|also)\s+)*(?:backed|welcomed|"
    r"supported|opposed|rejected|criticised|criticized|questioned|doubted)\b"
)
"""What a group is said to think, with no verb of saying: "Shipping analysts are more
relaxed", "Business leaders have mostly backed Stein"."""


def _group_stance(masked: str, text: str, start: int, end: int) -> Attribution | None:
    """A sentence that opens with a group and says what it thinks: the piece speaks for
    that group as it does in "critics say"."""
    sentence = masked[start:end]
    lead = len(sentence) - len(sentence.lstrip())
    for verb in _STANCE.finditer(sentence):
        subject = sentence[lead:verb.start()].strip()
        if subject and classify(subject) == "group" and len(subject.split()) <= 4:
            return Attribution(
                matched=" ".join(text[start + lead:start + verb.end()].split()),
                start=start + lead, end=start + verb.end(), speaker=subject,
                kind="group", verb=verb.group().split()[-1])
        return None
    return None


def find_introductions(text: str, masked: str, stops: list[int], quotations: list[Quotation],
                       taken: list[Attribution], names: FullNames) -> list[Attribution]:
    """The speakers named without a verb of saying, outside the sentences `taken` holds."""
    found: list[Attribution] = []
    starts = sorted(a.start for a in taken)
    quoted = [q.start for q in quotations]  # in the order of the text
    for span in paragraphs(text):
        label = _label(masked, text, span, names)
        if label:
            found.append(label)
        for start, end in sentences(masked, stops, span):
            if holds(starts, start, end):
                continue
            introduced = (_introduction(masked, text, start, end, names)
                          or _group_stance(masked, text, start, end))
            if introduced:
                found.append(introduced)
            first, last = bisect.bisect_left(quoted, start), bisect.bisect_left(quoted, end)
            for quote in quotations[first:last]:
                subject = _colon_subject(masked, text, quote, (start, end), names)
                if subject:
                    found.append(subject)
                elif named := _named_after(masked, quote):
                    found.append(named)
    return found
