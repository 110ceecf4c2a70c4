"""Attributions: the words that say who said or reported what.

A verb of saying or reporting ("said", "told", "according to") is found first, outside
the quotations; its speaker is then looked for in the clause around it, before the verb
("X said", "X, a Y, said") or after it ("said X, a Y", "according to X"). What kind of
speaker the words name is for `speakers.classify` to say.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from briefing.draft.paragraphs import paragraphs
from briefing.draft.quotations import Quotation, find_quotations, mask_quotations
from briefing.draft.speakers import (
    ABBREVIATIONS,
    DESCRIBED_OUTLET,
    NOT_NAMES,
    OUTLET_AHEAD,
    UPPER,
    capital,
    classify,
    is_body,
    outlet_name,
)

_SPEECH = (
    "said|says|say|told|tells|added|adds|stated|explained|noted|warned|argued|argue|argues|"
    "wrote|writes|claimed|insisted(?! on)|acknowledged|confirmed|announced|cautioned|"
    "conceded|declared|urged|accused|rejected|denied|denies|vowed|"
    "apologi[sz]ed|admitted|replied|responded|welcomed|critici[sz]ed|condemned|praised|"
    "called(?! for| on| off| in| up| a | an )|calls(?! for| on)|described|describes|"
    "answers|answered|replies|counters|countered|maintains|maintained|concedes|admits|"
    "notes|insists(?! on)|warns|urges|rejects|confirms|announces|"
    # "Inspection reports from March": the noun, not the verb
    r"reported|reports(?!\s+(?:from|seen|of|by|dated|published)\b|,)|"
    r"report(?!\s+(?:from|seen|of|by|dated|published)\b|,)"
)
_FINDING = ("found|finds|find|showed|shown|shows|show|estimated|estimates|estimate|concluded|"
            "suggests|suggest|expects|rated|rates|ranked|ranks")
"""What a document, a study or data does ("a report found"), and a body that forecasts."""
SAYING: dict[str, tuple[str, str]] = {
    "fr": ("[Ss]elon|[Dd]['\u2019]après",
           "a dit|a déclaré|déclare|a affirmé|affirme|a expliqué|explique|a ajouté|ajoute|"
           "a estimé|estime|a souligné|souligne|a dénoncé|dénonce|reconnaît|a reconnu|"
           "confie|a confié|résume|a résumé|a indiqué|indique|a précisé|précise|"
           "a assuré|a averti"),
    "de": ("[Ll]aut|[Nn]ach Angaben (?:von|des|der)",
           "sagte|sagt|sagten|erklärte|erklärt|betonte|betont|warnte|warnt|meinte|"
           "kritisierte|bestätigte|schrieb|berichtete|berichtet|räumte ein|fügte hinzu|"
           "teilte mit"),
    "es": ("[Ss]egún|[Dd]e acuerdo con",
           "dijo|afirmó|afirma|declaró|declara|explicó|explica|añadió|añade|aseguró|"
           "asegura|señaló|señala|advirtió|indicó|reconoció|criticó|denunció|informó|"
           "escribió"),
}
"""Beside English's: each language's words for "according to", and its verbs of saying,
as a piece in it attributes ("selon l'ARS", "a déclaré Laurent Peyrac", "dijo Ruiz").
The piece's language is not known before it is read, so all are looked for."""
_BY_ELSEWHERE = "|".join(by for by, _ in SAYING.values())
_SAID_ELSEWHERE = "|".join(said for _, said in SAYING.values())
_VERB = re.compile(
    r"\b(?:(?P<by>[Aa]ccording to|reported by|quoted by|cited by|citing|[Ii]n the words of|"
    r"announced by|"
    rf"(?:[Aa]n? )?interview with|{_BY_ELSEWHERE})|"
    rf"(?P<verb>{_SPEECH}|{_FINDING}|{_SAID_ELSEWHERE}))\b"
)
_AUXILIARY = re.compile(
    r"(?<=\w)(?:\s+(?:have|has|had|also|long|already|repeatedly|often|again|publicly|"
    r"privately|previously|since))+\s*$"
)
"""Words between a speaker and the verb ("have warned", "has also said")."""
_PRONOUN_IT = frozenset(["said", "added", "stated", "told", "announced", "warned"])
"""The verbs after which "it" is a body speaking ("it said in a statement"), not any "it"."""
_LEADING = re.compile(r"^(?:(?:[Aa]s|[Aa]nd|[Bb]ut|[Yy]et|[Ss]o|[Mm]eanwhile|[Hh]owever|"
                      r"[Ss]till|[Bb]oth|[Nn]ow)[\s,]+)+")
_REASON = re.compile(
    r"\b(?:who |because |as |since |on (?:the )?condition )[^.;\0]*?"
    r"(?:anonym|not (?:authori[sz]ed|allowed|permitted|to be (?:named|identified))|"
    r"be named|be identified|sensitiv|confidential|private|speak (?:publicly|freely|"
    r"on the record)|(?:speak|talk) to (?:the )?(?:press|media|reporters))[^.;,\0]*",
    re.I,
)


@dataclass(frozen=True)
class Attribution:
    """Words in the piece that say who said or reported something.

    `kind` is what the speaker is: a `name` (a person or body named), an `outlet` (a news
    organisation), `unnamed` sources, a `role` ("the ministry"), a `document` or `data`,
    a `pronoun` (he, she, they) or an `anaphor` ("those sources"), which stand for a
    speaker met before; a `group` the piece speaks for ("critics say"). An `intro`
    only says who someone is ("Ana Ruiz is the ministry's spokeswoman"), for a "she
    said" to point back to. `via` is the outlet the words were told to ("told Reuters").
    """

    matched: str
    start: int
    end: int
    speaker: str
    kind: str
    verb: str
    description: str | None = None
    via: str | None = None
    reason: str | None = None
    described_before: bool = False
    intro: bool = False

    @property
    def who(self) -> str:
        """The speaker with its description, as the piece gives them."""
        speaker = self.speaker if self.kind == "name" else capital(self.speaker)
        if not self.description or (self.reason and self.reason in self.description):
            return speaker
        if self.described_before:
            return f"{capital(self.description)} {speaker}"
        description = re.sub(r"^(?:The|An?|His|Her|Its|Their) ", lambda m: m.group().lower(),
                             self.description)
        return f"{speaker}, {description}"


def is_interview(verb: str) -> bool:
    """Whether the words of an attribution's verb are "an interview with"."""
    return verb.lower().endswith("interview with")


def is_stop(text: str, i: int) -> bool:
    """Whether the character at `i` ends a clause: a sentence end, ; : ( ) a dash, a quote."""
    ch = text[i]
    if ch in ";:()!?\0\u2014\u2013":
        return True
    if ch == "." and (i + 1 == len(text) or text[i + 1].isspace() or text[i + 1] == "\0"):
        word = re.search(r"([\w.]*)$", text[max(0, i - 40):i])
        before = word.group(1).replace(".", "").lower() if word else ""
        return not (before in ABBREVIATIONS or (len(before) == 1 and text[i - 1].isupper()))
    return False


CLAUSE = 400
"""The farthest, in characters, a speaker is looked for from its verb."""


def _clause_start(stops: list[int], floor: int, at: int) -> int:
    """Where the clause that ends at `at` starts: after the last stop before it."""
    k = bisect.bisect_left(stops, at)
    return max(floor, at - CLAUSE, stops[k - 1] + 1 if k else floor)


def _clause_end(stops: list[int], at: int, ceiling: int) -> int:
    """Where the clause that starts at `at` ends: at the first stop from it."""
    k = bisect.bisect_left(stops, at)
    return min(ceiling, at + CLAUSE, stops[k] if k < len(stops) else ceiling)


@dataclass(frozen=True)
class _Head:
    """A speaker found next to a verb: where its words stand, and what kind it is."""

    start: int
    end: int
    text: str
    kind: str
    description: str | None
    reach: int = -1  # where its description ends, when it follows the head
    described_before: bool = False  # "Foreign minister Ana Ruiz", not "Ana Ruiz, a ..."


def _segments(text: str, offset: int) -> list[tuple[int, str]]:
    """The comma-separated parts of `text`, stripped, with their absolute offsets."""
    parts = []
    for m in re.finditer(r"[^,]+", text):
        part = m.group()
        if part.strip():
            parts.append((offset + m.start() + len(part) - len(part.lstrip()), part.strip()))
    return parts


_OF = re.compile(r"^(?P<name>.+?)\s+(?P<where>(?:of|at|from)\s+.+)$", re.S)


def person_of(words: str) -> tuple[str, str] | None:
    """A person's name and the body they are of, in words that name both ("Professor
    Helena Marsh of the Institute for Rural Economics"), else None."""
    of = _OF.match(words)
    if of and classify(of["name"]) == "name" and " " in of["name"] and not is_body(of["name"]):
        return of["name"], of["where"]
    return None


def _head(start: int, text: str, description: str | None) -> _Head | None:
    """The speaker `text` names, or failing that the longest speaker its last words name."""
    lead = _LEADING.match(text)
    if lead:
        start, text = start + lead.end(), text[lead.end():]
    if found := person_of(text):  # "Professor Helena Marsh of the Institute ... argues"
        name, where = found
        where = where if description is None else f"{where}, {description}"
        return _Head(start, start + len(name), name, "name", where)
    kind = classify(text)
    if kind and not _VERB.search(text):  # "reports seen by X show engineers": not one
        return _Head(start, start + len(text), text, kind, description)
    words = list(re.finditer(r"\S+", text))
    for k in range(max(1, len(words) - 8), len(words)):
        tail = text[words[k].start():]
        kind = classify(tail)
        if kind and not _VERB.search(tail):
            # "Britain's foreign minister Ana Ruiz": the words before a name describe it
            before = text[: words[k].start()].strip().rstrip(",").split()
            if (description is None and kind == "name" and 0 < len(before) <= 5
                    and before[0].lower() not in NOT_NAMES):
                return _Head(start + words[k].start(), start + len(text), tail, kind,
                             " ".join(before), described_before=True)
            return _Head(start + words[k].start(), start + len(text), tail, kind, description)
    return None


_RANK = {"name": 0, "outlet": 0, "unnamed": 1, "role": 1, "group": 1, "document": 2, "data": 2}


_COMPOUND = re.compile(r"^(?P<subject>\S+(?:\s+\S+){0,3}?)\s+[a-z]+\b.*\sand$", re.S)
"""A subject, its first verb, and "and" before the verb of saying: "He stood in a field
and said"."""


def _compound_subject(start: int, text: str) -> _Head | None:
    """The subject of a sentence whose verb of saying is its second ("He stood in a
    field in Tavel and said"): a person named in full, or a pronoun."""
    found = _COMPOUND.match(text)
    if found is None:
        return None
    subject = found["subject"]
    kind = classify(subject)
    if kind == "pronoun" or (kind == "name" and " " in subject and not is_body(subject)):
        return _Head(start, start + len(subject), subject, kind, None)
    return None


_DESCRIBES = re.compile(rf"^(?:its|his|her|their|the|a|an|[{UPPER}][\w-]*['\u2019]s)\s")


def _left_head(text: str, offset: int) -> _Head | None:
    """The speaker before a verb: "X said", "X, a Y, said", "Y, X, said"."""
    parts = _segments(text, offset)
    if not parts:
        return None
    if not text.rstrip().endswith(","):
        return _head(*parts[-1], None) or _compound_subject(*parts[-1])
    heads: list[_Head] = []
    if len(parts) >= 2:
        for k in range(len(parts) - 2, max(-1, len(parts) - 5), -1):
            found = _head(*parts[k], ", ".join(p for _, p in parts[k + 1:]))
            if found:
                heads.append(found)
                break
        at, last = parts[-1]
        of = re.match(r"^(?P<name>.+?)\s+(?P<where>(?:of|at|from)\s+.+)$", last)
        whole = classify(last) == "name"
        # the attribution starts at Y when Y describes X ("its chair, Dr Anton Weiss,
        # said"), so that a quotation just before it is X's
        begin = parts[-2][0] if _DESCRIBES.match(parts[-2][1]) else at
        if of and classify(of["name"]) == "name" and (not whole or not is_body(of["name"])):
            # "Y, X of Z, said": a person of a body ("Dr Petra Loos of Westmark University")
            heads.insert(0, _Head(begin, at + len(of.group("name")), of.group("name"), "name",
                                  f"{parts[-2][1]}, {of.group('where')}"))
        elif whole:  # "Y, X, said": X a name, all of it ("Royal College of Midwives")
            heads.insert(0, _Head(begin, at + len(last), last, "name", parts[-2][1]))
    heads = [h for h in heads if h.kind not in ("pronoun", "anaphor") or h.description is None]
    return min(heads, key=lambda h: _RANK.get(h.kind, 3)) if heads else None


_WHEN = re.compile(
    r"\s+(?:on|last|this|in|earlier|late)\s+(?:(?:the\s+)?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|week|month|year|morning|evening|night|January|"
    r"February|March|April|May|June|July|August|September|October|November|December)"
    r"|\d{4})\b.*$", re.S)
"""A time after a speaker ("the fisheries ministry on Monday"): not the speaker's words."""


def _right_head(text: str, offset: int, at_start: bool) -> _Head | None:
    """The speaker after a verb: "said X", "said X, a Y", "according to X"."""
    parts = _segments(text, offset)
    if not parts:
        return None
    start, head = parts[0]
    kind = classify(head)
    if kind is None and (when := _WHEN.search(head)):  # "announced by X on Monday"
        head = head[:when.start()]
        kind = classify(head)
        if kind is not None:
            return _Head(start, start + len(head), head, kind, None, start + len(head))
    if kind is None:
        return None
    if len(parts) > 2 and re.fullmatch(r"\d{1,3}", parts[1][1]):  # "said Camila Soto, 34, ..."
        parts = [parts[0], *parts[2:]]
    if len(parts) > 1 and kind not in ("data", "document"):
        at, nxt = parts[1]
        if kind == "role" and classify(nxt) == "name" and not at_start:
            return _Head(at, at + len(nxt), nxt, "name", head, at + len(nxt), True)
        # "According to X, a Y, ..." is described; in "According to X, prices rose" the
        # words after the comma are the claim
        described = r"^(?:a|an|the|who)\s" if at_start else (
            rf"^(?:a|an|the|who|[{UPPER}][\w-]*['\u2019]s)\b|^[a-z]")
        if re.match(described, nxt) and (not at_start or len(parts) > 2):
            reach = at + len(nxt)
            if (len(parts) > 2 and nxt.startswith("who ") and len(parts[2][1].split()) <= 3
                    and classify(parts[2][1]) == "name"):  # "who gave only her first name, Léa"
                name_at, name = parts[2]
                nxt, reach = f"{nxt}, {name}", name_at + len(name)
            return _Head(start, start + len(head), head, kind, nxt, reach)
    return _Head(start, start + len(head), head, kind, None, start + len(head))


def stops_of(masked: str) -> list[int]:
    """Where each clause of `masked` ends (see is_stop), in order."""
    return [i for i in range(len(masked)) if is_stop(masked, i)]


def find_attributions(text: str, quotations: list[Quotation] | None = None,
                      body: int = 0) -> list[Attribution]:
    """Every attribution found outside the quotations, in the order of the text.

    Before `body` stands the headline, which says in short who says what the body
    attributes in full: only "an interview with X" counts there.
    """
    if quotations is None:
        quotations = find_quotations(text, min_words=1)
    masked = mask_quotations(text, quotations)
    found: list[Attribution] = []
    stops = stops_of(masked)
    for p_start, p_end in paragraphs(text):
        for verb in _VERB.finditer(masked, p_start, p_end):
            if verb.start() < body and not is_interview(verb.group()):
                continue
            attribution = _attribution(masked, text, stops, (p_start, p_end), verb)
            if attribution:
                found.append(attribution)
    return found


def _attribution(masked: str, text: str, stops: list[int], paragraph: tuple[int, int],
                 verb: re.Match[str]) -> Attribution | None:
    v_start, v_end = verb.span()
    left_start = _clause_start(stops, paragraph[0], v_start)
    right_end = _clause_end(stops, v_end, paragraph[1])
    left = masked[left_start:v_start]
    if auxiliary := _AUXILIARY.search(left):  # "Climate scientists have warned"
        left = left[:auxiliary.start()] + " " * len(auxiliary.group())
    right = masked[v_end:right_end]
    head: _Head | None = None
    subject_first = False
    if verb.group("by"):
        head = _right_head(right, v_end, at_start=not left.strip())
    else:
        head = _left_head(left, left_start)
        subject_first = head is not None
        if head is None and (not left.strip() or left.rstrip().endswith(",")) and (
            verb.group("verb") not in ("report", "reports", "say")
        ):
            head = _right_head(right, v_end, at_start=False)
    if head is None or (head.text.lower() == "it" and verb.group() not in _PRONOUN_IT):
        return None
    via = None
    end = v_end
    if subject_first:
        start = head.start
        lead = re.search(r"\b[Aa]s\s+$", masked[left_start:head.start])
        if lead and head.kind == "outlet":
            start = left_start + lead.start()
        if verb.group("verb") in ("told", "tells") and (ahead := OUTLET_AHEAD.match(right)):
            via = outlet_name(ahead.group().strip())
            end = v_end + ahead.end()
        elif verb.group("verb") in ("told", "tells") and (
                described := DESCRIBED_OUTLET.match(right)):
            via = " ".join(described.group("name").split())
            end = v_end + described.end()
    else:
        start, end = v_start, head.reach
    if head.kind == "outlet" and via is None and head.description is None:
        via = outlet_name(head.text)
    reason = _REASON.search(masked, head.start, max(right_end, end))
    return Attribution(
        matched=" ".join(text[start:end].split()),
        start=start,
        end=end,
        speaker=" ".join(head.text.split()),
        kind=head.kind,
        verb=verb.group(),
        description=" ".join(head.description.split()) if head.description else None,
        via=via,
        reason=" ".join(reason.group().split()) if reason else None,
        described_before=head.described_before,
    )

