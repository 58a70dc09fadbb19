"""Interview transcripts: question-and-answer turns, each its own speaker's words.

A Q&A passage ("Q: ... / A: ...", or "Reyes: ... / Whitlock: ..." turns) marks who speaks
with a label, not with quotation marks or a reporting verb. Read sentence by sentence, an
unmarked reply was merged into the interviewer's turn or cut to its first sentence (issue 15).
Here every turn of a passage is one attribution covering its whole paragraph: a named turn
is its name's (a person, or a name in capitals), an answer ("A:") is the interviewee's (the
first person the article names before the passage), and an unnamed question ("Q:") is no
attribution: it is the interviewer asking, not a statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from wirelens.attribute.cues_table import SPEAKER_LABELS
from wirelens.attribute.found import Found
from wirelens.attribute.quotes import paragraphs
from wirelens.attribute.spans import trim

__all__ = ["interview_turns"]

_TURN = re.compile(
    r"(?P<label>Q|A|Question|Answer|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})"
    r"(?P<mark>\s*:|(?<=^[QA])\.)\s+(?=\S)"
)
#: Fewest words of a turn: a tally line ('Clinton: 2,316.') is a listing, not a reply.
_MIN_TURN_WORDS = 3
#: Fewest named turns that make a transcript without Q:/A: labels.
_MIN_NAMED_TURNS = 4
_QUESTIONS = frozenset({"q", "question"})
_ANSWERS = frozenset({"a", "answer"})


@dataclass(frozen=True)
class _Turn:
    """One labelled paragraph of a transcript."""

    label: tuple[int, int]
    mark: tuple[int, int]
    content: tuple[int, int]
    name: str

    @property
    def kind(self) -> str:
        low = self.name.lower()
        return "question" if low in _QUESTIONS else "answer" if low in _ANSWERS else "name"


def _turns(text: str) -> list[_Turn]:
    out = []
    for start, end in paragraphs(text):
        m = _TURN.match(text, start, end)
        if m is None or m["label"].lower() in SPEAKER_LABELS - _QUESTIONS - _ANSWERS:
            continue
        content = trim(text, m.end(), end)
        if len(text[content[0] : content[1]].split()) >= _MIN_TURN_WORDS:  # not 'Clinton: 2,316.'
            label = (m.start("label"), m.end("label"))
            out.append(_Turn(label, (m.start("mark"), m.end("mark")), content, m["label"]))
    return out


def _is_passage(turns: list[_Turn]) -> bool:
    """Questions and answers, or two names taking turns: a transcript, not a listing."""
    kinds = [t.kind for t in turns]
    if kinds.count("question") >= 2 and kinds.count("answer") >= 2:
        return True
    names = [t.name for t in turns if t.kind == "name"]
    # a list of people with a topic each ('Jeb Bush: Student loans') names each once; in a
    # transcript the same people speak again
    again = len(names) > len(set(names)) and len(names) >= _MIN_NAMED_TURNS
    return again and len(set(names)) >= 2 and any(a != b for a, b in pairwise(names))


def _interviewee(doc: Any, before: int) -> tuple[int, int] | None:
    """The first person the article names before the passage: who the interview is with."""
    person = next((e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= before), None)
    return (person.start_char, person.end_char) if person is not None else None


def _person_label(doc: Any, turn: _Turn) -> bool:
    """A name turn's label is a person: in capitals ('CLINTON:'), tagged PERSON, or the
    surname of a person the article names ('Whitlock:' after 'Dana Whitlock')."""
    if turn.kind != "name" or turn.name.isupper():
        return True
    start, end = turn.label
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    tagged = any(e.start_char <= start and end <= e.end_char for e in people)
    return tagged or any(e.text.split()[-1] == turn.name for e in people if len(e.text.split()) > 1)


def interview_turns(text: str, doc: Any, founds: list[Found]) -> list[Found]:
    """``founds`` with the turns of any Q&A passage replacing what overlaps them."""
    turns = [t for t in _turns(text) if _person_label(doc, t)]
    if not _is_passage(turns):
        return founds
    interviewee = _interviewee(doc, turns[0].label[0])
    starts = [s.start_char for s in doc.sents]
    added: list[Found] = []
    for turn in turns:
        source = turn.label if turn.kind == "name" else interviewee
        if turn.kind == "question" or source is None:
            continue
        sentence = max(sum(1 for s in starts if s <= turn.label[0]) - 1, 0)
        found = Found(
            kind="direct",
            content=turn.content,
            sentence=sentence,
            cue=turn.mark if turn.kind == "name" else (turn.label[0], turn.mark[1]),
            cue_lemma=":",
            source=source,
            confidence=0.6,
            rule="interview_turn",
        )
        added.append(found)
    spans = [(t.label[0], t.content[1]) for t in turns]
    kept = [f for f in founds if not any(s <= f.content[0] < e for s, e in spans)]
    return sorted(kept + added, key=lambda f: f.content[0])
