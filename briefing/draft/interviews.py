"""An interview printed as questions and answers, with no names before them.

A page or a document often prints an interview as bold questions and plain answers;
read as text, the bold is gone, and what is left are short paragraphs that end in a
question mark, each followed by the interviewee's answer. Such an answer says who
speaks only by where it stands: each is attributed to the interviewee, the first
person the piece names in full before its first question ("Ayla Demir on the drought
in the Sorel plain"), as a label ("Demir:") would.
"""

from __future__ import annotations

import bisect
import re

from briefing.draft.attributions import Attribution
from briefing.draft.paragraphs import holds, paragraphs
from briefing.draft.speakers import NAME_WORD, classify, is_body
from briefing.words import word_count

MIN_QUESTIONS = 3
"""The fewest questions that make a piece an interview, not an essay's rhetoric."""
MAX_QUESTION_WORDS = 40
"""The most words of a question paragraph: an interviewer's question is short."""
_FULL_NAME = re.compile(rf"(?<![\w'\u2019-]){NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}")


def _question(text: str, span: tuple[int, int]) -> bool:
    block = text[span[0]:span[1]].strip()
    return block.endswith("?") and word_count(block) <= MAX_QUESTION_WORDS


def _interviewee(text: str, end: int) -> str | None:
    """The first person named in full in `text` before `end`."""
    for match in _FULL_NAME.finditer(text, 0, end):
        name = " ".join(match.group().split())
        if classify(name) == "name" and not is_body(name):
            return name
    return None


def find_answers(text: str, taken: list[Attribution]) -> list[Attribution]:
    """The interviewee's answers, one attribution each (at its start, like a label), in
    a piece of unlabelled questions; none in any other. An answer with an attribution
    of its own (a question that says "The ministry says ...") is left to it."""
    spans = paragraphs(text)
    questions = [i for i, span in enumerate(spans) if _question(text, span)]
    if len(questions) < MIN_QUESTIONS or any(
            i + 1 in questions for i in questions):  # questions answered, not a list
        return []
    who = _interviewee(text, spans[questions[0]][0])
    if who is None:
        return []
    starts = sorted(a.start for a in taken)
    labelled = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}:\s")
    found = []
    for i in range(questions[0] + 1, len(spans)):
        start, end = spans[i]
        if i in questions or holds(starts, start, end) or labelled.match(text, start):
            continue
        if i - 1 not in questions and bisect.bisect_left(questions, i) == len(questions):
            break  # past the last answer: the piece's own closing lines
        found.append(Attribution(matched=f"{who}:", start=start, end=start, speaker=who,
                                 kind="name", verb=":"))
    return found
