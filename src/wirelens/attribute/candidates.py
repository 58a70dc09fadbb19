"""Candidate sentences: the parts of a text that can hold an attribution, found without parsing.

Every rule starts from a trigger that can be seen in the raw text: a word of the cue lexicon
(any inflected form, :mod:`lemmas`), a quote mark, a colon, or a sourcing phrase ("according
to", "citing", "as per"). A sentence with none of them can hold no attribution, so it need
not be parsed - except as context for coreference, which resolves a candidate's pronoun or
surname against earlier sentences. Measured on PolNeAR dev (README, "Candidate-sentence
parsing"), what that context must be is: the headline and lede (where news introduces its
people and their organisations) and, for each surname in a kept sentence, the first sentence
that gives the name in full ("Podesta said" is "John D. Podesta" of paragraph 3). Keeping the
sentence before each candidate as well (:data:`CONTEXT` 1) cost more than it gained. An
interview answer ("Whitlock: Courts. Nobody ...") keeps its whole paragraph, and a quote every
sentence it spans.

The rest is blanked (:func:`blank`): replaced by spaces, line breaks kept, so the text keeps
its length and every offset into it still indexes the original. A blanked stretch becomes a
single whitespace token that the parser never joins to a kept sentence
(:func:`mark_kept_starts`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import Any

from wirelens.attribute.cues_table import (
    CUE_WORDS,
    HONORIFICS,
    LIGHT_SPEECH_ACTS,
    PHRASAL_LEMMAS,
)
from wirelens.attribute.lemmas import forms_of
from wirelens.attribute.quotes import find_quotes

LIGHT_NOUNS = frozenset(noun for _, noun in LIGHT_SPEECH_ACTS)

__all__ = [
    "CONTEXT",
    "blank",
    "kept_ranges",
    "mark_kept_starts",
    "sentences",
]

#: Sentences kept before each candidate sentence, for coreference (measured on PolNeAR dev:
#: see the README, "Candidate-sentence parsing").
CONTEXT = 0
#: Triggers that are no lexicon word: sourcing phrases, refusals and stance adjectives.
_OTHER_TRIGGERS = frozenset(
    {
        *("according", "per", "citing", "quoted", "decline", "refuse"),
        *("critical", "aware", "eager", "hopeful", "convinced", "optimistic", "skeptical"),
    }
)
#: Verb phrases the rules read as a cue: "made clear" (clarify), "as X put it" (say).
_PHRASES = (("make", "clear"), ("put", "it"))
#: Marks that may open or close a quote (straight apostrophes are mostly apostrophes: a
#: single-quoted span is found by :func:`find_quotes` instead), and the colon of "X: ...".
_MARKS = re.compile(r"[\"“”„«»:]|''|``")
_WORD = re.compile(r"[A-Za-z]+")
#: A sentence ends after . ! or ? (and any closing quotes or brackets) before white space.
_END = re.compile(r"[.!?][\"”’')\]]*[ \t]+")
_LINE = re.compile(r"[^\n]+")
#: Lines always kept at the top: the headline and the lede (or the lede and the next).
_LEAD_LINES = 2
_LAST_WORD = re.compile(r"[\w.]+\.$")
#: Abbreviations after which a full stop ends no sentence, besides honorifics and initials.
_ABBREVIATIONS = frozenset(
    {
        *("jr", "sr", "st", "no", "vs", "etc", "inc", "corp", "co", "ltd", "ft", "mt", "ave"),
        *("jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec"),
    }
)
#: Two or more capitalised words in a row: a name, as a lighter pass than NER sees it.
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+)+")


@functools.cache
def _triggers() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Forms that make a sentence a candidate alone, and forms that need a partner word
    ("made the case", "took issue", "went on": a light verb and its noun, both present)."""
    single = frozenset(f for word in CUE_WORDS | _OTHER_TRIGGERS for f in forms_of(word))
    pairs: dict[str, set[str]] = {}
    for verb, noun in [*LIGHT_SPEECH_ACTS, *PHRASAL_LEMMAS, *_PHRASES]:
        noun_forms = forms_of(noun) if noun in LIGHT_NOUNS else {noun}
        for form in forms_of(verb):
            pairs.setdefault(form, set()).update(noun_forms)
    return single, {form: frozenset(nouns) for form, nouns in pairs.items()}


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence: lines, cut after a sentence-final stop that does
    not end an abbreviation or an initial ("Mr. King", "Richard M. Nixon")."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for stop in _END.finditer(text, line.start(), line.end()):
            word = _LAST_WORD.search(text, line.start(), stop.start() + 1)
            if word is not None and _abbreviation(word.group()):
                continue
            out.append((start, stop.end()))
            start = stop.end()
        if start < line.end():
            out.append((start, line.end()))
    return out


def _abbreviation(word: str) -> bool:
    """Whether ``word`` (ending in its full stop) is an initial or a known abbreviation."""
    bare = word.rstrip(".").lower()
    initial = len(bare) == 1 and bare.isalpha()
    return initial or bare in _ABBREVIATIONS or bare in HONORIFICS or "." in bare


def _is_candidate(piece: str) -> bool:
    """Whether a sentence holds a quote mark, a colon or a trigger word.

    A capitalised word inside the sentence is a name or a title ("United States", "State
    Department", "the Debate Commission"), never a cue; headlines are recased before this.
    """
    if _MARKS.search(piece):
        return True
    single, pairs = _triggers()
    words = [m.group() for m in _WORD.finditer(piece)]
    lower = {w.lower() for n, w in enumerate(words) if n == 0 or not w[0].isupper()}
    if not lower.isdisjoint(single):
        return True
    return any(not pairs[w].isdisjoint(lower) for w in lower if w in pairs)


def kept_ranges(text: str, context: int = CONTEXT) -> list[tuple[int, int]]:
    """The character ranges to parse: candidate sentences, the ``context`` sentences before
    each, every sentence inside a quote, and the first paragraph; adjacent ones merged."""
    sents = sentences(text)
    if not sents:
        return []
    keep = [_is_candidate(text[a:b]) for a, b in sents]
    lines = [m.end() for m in itertools.islice(_LINE.finditer(text), _LEAD_LINES)]
    for i, (a, _) in enumerate(sents):
        if a < lines[-1]:
            keep[i] = True  # the headline and lede, where news names its people
    _keep_labelled_paragraphs(text, sents, keep)
    _keep_quoted(text, sents, keep)
    chosen = [False] * len(sents)
    for i, k in enumerate(keep):
        if k:
            for j in range(max(0, i - context), i + 1):
                chosen[j] = True
    _keep_names(text, sents, chosen)
    return _merged(text, [s for s, k in zip(sents, chosen, strict=True) if k])


def _keep_quoted(text: str, sents: list[tuple[int, int]], keep: list[bool]) -> None:
    """Keep every sentence that a quotation overlaps: a quote's attribution may sit anywhere."""
    for quote in find_quotes(text):
        for i, (a, b) in enumerate(sents):
            if a < quote.end and quote.start < b:
                keep[i] = True


def _merged(text: str, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Kept sentences joined into ranges where only white space lies between them."""
    ranges: list[tuple[int, int]] = []
    for a, b in kept:
        if ranges and not text[ranges[-1][1] : a].strip():
            ranges[-1] = (ranges[-1][0], b)
        else:
            ranges.append((a, b))
    return ranges


def _keep_labelled_paragraphs(text: str, sents: list[tuple[int, int]], keep: list[bool]) -> None:
    """Keep the whole paragraph after a colon in its first sentence: an interview answer
    ("Whitlock: Courts. Nobody else ...") or a quote handed over by a colon runs to its end."""
    labelled = False
    for i, (a, _) in enumerate(sents):
        opens = a == 0 or text[a - 1] == "\n"
        if opens:
            labelled = ":" in text[a : sents[i][1]]
        elif labelled:
            keep[i] = True


def _keep_names(text: str, sents: list[tuple[int, int]], chosen: list[bool]) -> None:
    """Also keep the first sentence that gives each name in full, when a word of that name is
    in a kept sentence: "Podesta said" is resolved to the "John D. Podesta" of paragraph 3."""
    kept_words = {
        w for (a, b), k in zip(sents, chosen, strict=True) if k for w in _WORD.findall(text[a:b])
    }
    seen: set[str] = set()
    for i, (a, b) in enumerate(sents):
        for name in _NAME.findall(text, a, b):
            last = name.split()[-1]
            if last in seen:
                continue
            seen.add(last)
            if not chosen[i] and last in kept_words:
                chosen[i] = True


def blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``ranges`` turned to spaces (line breaks kept)."""
    out: list[str] = []
    at = 0
    for a, b in ranges:
        out.append(_spaces(text[at:a]))
        out.append(text[a:b])
        at = b
    out.append(_spaces(text[at:]))
    return "".join(out)


def _spaces(piece: str) -> str:
    return re.sub(r"[^\n]", " ", piece)


def mark_kept_starts(doc: Any, ranges: list[tuple[int, int]]) -> Any:
    """Start a sentence at each kept range and after it, so no parse crosses a blank."""
    bounds = sorted({a for a, _ in ranges} | {b for _, b in ranges})
    for tok in doc[1:]:
        # a boundary between the previous token's start and this one's: a new sentence
        at = bisect.bisect_right(bounds, doc[tok.i - 1].idx)
        if at < len(bounds) and bounds[at] <= tok.idx:
            tok.is_sent_start = True
    return doc
