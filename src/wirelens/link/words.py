"""The words of a quote, as quote matching sees them: statements, content words and word diffs.

A quote is cut into **statements** (its sentences), because copies quote a sentence at a time:
the wire's ``"We will not tolerate further delays at the docks. Every day the cranes stand still
costs our farmers,"`` is two quotes in the aggregator that carries it. Each statement is compared
on its **content words**: lower case, punctuation gone, a light suffix strip (``delays`` ->
``delay``), and pronouns, auxiliaries and reporting verbs dropped, so that the direct ``"We will
not tolerate delays"`` and the indirect ``the government would not tolerate delays`` share
``not tolerate delay``. Negation is kept: ``will accept`` and ``will not accept`` differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

__all__ = ["Statement", "containment", "content_words", "statements", "word_diff", "words"]

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"'”’]?\s+(?=[\"'“‘(]?[A-Z0-9])")
_QUOTE_MARKS = "\"'“”‘’«»„‚‹›`"
_NEGATIONS = {"not", "no", "never", "cannot", "nor", "without"}
_CONTRACTIONS = {
    "won't": "will not",
    "can't": "can not",
    "shan't": "shall not",
    "cannot": "can not",
}

#: Words that carry no statement of their own: a direct quote reworded as indirect changes
#: exactly these ("we will" -> "the government would"), so they never make two quotes differ.
_STOP_WORDS = """
    a an the this that these those there here it its it's i me my mine we us our ours you your
    yours he him his she her hers they them their theirs who whom whose which what when where why
    how one ones someone something anyone anything everyone everything and or but if then than so
    as of in on at to for from by with about into onto over under after before between through
    during until up down out off again also just only very too more most further much many some
    any all both each every other such own same is am are was were be been being have has had
    having do does did doing will would shall should can could may might must said says say
    saying told tell tells added adds add stated according claimed insisted noted warned
    government minister official officials spokesman spokeswoman spokesperson mr mrs ms dr
    going get got let make made now still even while because since though although whether
"""
_STOP = frozenset(_STOP_WORDS.split())


def _opens(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens the text or a sentence (quote marks aside)."""
    i = start - 1
    while i >= 0 and text[i] in _QUOTE_MARKS + " \n\t(":
        i -= 1
    return i < 0 or text[i] in ".!?:;"


@lru_cache(maxsize=65_536)
def _tokens(text: str) -> tuple[tuple[str, int, int, bool], ...]:
    """``(word, start, end, is_name)`` for every word, contractions opened (``won't`` is
    ``will`` and ``not`` over one span). A name is a capitalised word that does not open a
    sentence (``Vesthavn``, ``Friday``, ``Barack Obama``): it says what a statement is about,
    not what it says, so it never makes two statements one."""
    folded = text.replace("’", "'").replace("‘", "'")
    out: list[tuple[str, int, int, bool]] = []
    for match in _WORD.finditer(folded.lower()):
        word, start, end = match.group(), match.start(), match.end()
        original = folded[start:end]
        name = original[0].isupper() and not original.isupper() and not _opens(folded, start)
        if word in _CONTRACTIONS:
            out += [(w, start, end, False) for w in _CONTRACTIONS[word].split()]
        elif word.endswith("n't"):
            out += [(word[:-3], start, end, False), ("not", start, end, False)]
        elif word.endswith("'s"):
            out.append((word[:-2], start, end, name))
        else:
            out.append((word, start, end, name))
    return tuple(out)


def words(text: str) -> list[str]:
    """Every word of ``text`` in lower case, contractions opened, punctuation and case gone."""
    return [token[0] for token in _tokens(text)]


def _stem(word: str) -> str:
    """A light suffix strip, enough to meet ``delays``/``delay`` and ``tolerated``/``tolerate``."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith(("ed", "es")) and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """The content words of ``text`` (stemmed; negation kept as ``not``; names left out)."""
    out = set()
    for word, _, _, name in _tokens(text):
        if word in _NEGATIONS:
            out.add("not")
        elif not name and word not in _STOP and len(word) > 1:
            out.add(_stem(word))
    return frozenset(out)


@dataclass(frozen=True)
class Statement:
    """One sentence of a quote: where it sits in the quote text and its content words."""

    start: int
    end: int
    text: str
    content: frozenset[str]


def statements(quote: str) -> list[Statement]:
    """The sentences of a quote, quote marks and an indirect ``that`` taken off the edges."""
    out: list[Statement] = []
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(quote)] + [len(quote)]
    for end in bounds:
        piece = quote[start:end]
        lead = len(piece) - len(piece.lstrip(_QUOTE_MARKS + " \n\t"))
        text = piece.strip(_QUOTE_MARKS + " \n\t,")
        if text.lower().startswith("that "):
            lead, text = lead + 5, text[5:]
        if text:
            out.append(Statement(start + lead, start + lead + len(text), text, content_words(text)))
        start = end
    return out


def containment(a: frozenset[str], b: frozenset[str]) -> tuple[int, float]:
    """Shared content words and the share of the smaller set they cover (truncation-proof)."""
    shared = len(a & b)
    smaller = min(len(a), len(b))
    return shared, (shared / smaller if smaller else 0.0)


def _region(first: list[str], here: list[str]) -> tuple[int, int]:
    """The span of ``here`` aligned with ``first``: its words outside it belong to no match."""
    blocks = [
        b
        for b in SequenceMatcher(None, first, here, autojunk=False).get_matching_blocks()
        if b.size and (b.size > 1 or here[b.b] not in _STOP)
    ]
    if not blocks:
        return 0, len(here)
    return blocks[0].b, blocks[-1].b + blocks[-1].size


def aligned(first: str, here: str) -> str:
    """The part of ``here`` that renders ``first`` (its own text, case and names kept): a
    longer quote's other clauses left out."""
    tokens = _tokens(here)
    start, end = _region(words(first), [t[0] for t in tokens])
    if start >= end:
        return here
    return here[tokens[start][1] : tokens[end - 1][2]]


def word_diff(first: str, here: str) -> dict[str, Any]:
    """Word diff of one appearance against the first: changes, and words cut at either edge.

    ``changes`` lists ``{"op": "replace"|"insert"|"delete", "first": ..., "here": ...}`` inside
    the aligned region; words of the first appearance missing before or after it are counted in
    ``cut_before``/``cut_after`` (a truncation or a partial quote, not a change of wording).
    """
    first_words = words(first)
    here_words = words(here)
    start, end = _region(first_words, here_words)
    here_words = here_words[start:end]
    ops = SequenceMatcher(None, first_words, here_words, autojunk=False).get_opcodes()
    cut_before = cut_after = 0
    if ops and ops[0][0] == "delete":
        cut_before = ops[0][2] - ops[0][1]
        ops = ops[1:]
    if ops and ops[-1][0] == "delete":
        cut_after = ops[-1][2] - ops[-1][1]
        ops = ops[:-1]
    changes = [
        {
            "op": tag,
            "first": " ".join(first_words[i1:i2]),
            "here": " ".join(here_words[j1:j2]),
        }
        for tag, i1, i2, j1, j2 in ops
        if tag != "equal"
    ]
    return {"changes": changes, "cut_before": cut_before, "cut_after": cut_after}
