"""Headline casing: what the parser is shown for a Title Case or ALL CAPS line.

spaCy's small model reads "Super PAC Blasts Trump For Skipping Debate" as a string of proper
nouns, so the cue verb is lost. Before parsing, such a line is recased word by word - a word
keeps its capital only where the rest of the document writes it capitalised inside a sentence
("Trump", "PAC") - and every replacement has the same length, so offsets into the original
text hold. Only the parser sees the recased text; spans are cut from the original.
"""

from __future__ import annotations

import re

__all__ = ["recase"]

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: A capitalised word inside a sentence: after a lowercase word or a comma, not a full stop.
_INSIDE = re.compile(r"(?<=[a-z,;] )([A-Z][\w'’.-]*)")
_SMALL = frozenset({"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by"})
#: Short capitalised words that are shouted words, not acronyms.
_NOT_ACRONYMS = frozenset({"THE", "AND", "FOR"})


def _shouted(words: list[str]) -> bool:
    """Title Case (most longer words capitalised) or ALL CAPS."""
    long = [w for w in words if w.lower() not in _SMALL]
    if len(long) < 3:
        return False
    capital = sum(1 for w in long if w[0].isupper())
    return capital >= 0.8 * len(long)


def recase(text: str) -> str:
    """``text`` with its shouted lines in sentence case, as far as the document tells."""
    lines = text.split("\n")
    shouted = [i for i, line in enumerate(lines) if _shouted(_WORD.findall(line))]
    if not shouted:
        return text
    keep = set(_INSIDE.findall("\n".join(line for i, line in enumerate(lines) if i not in shouted)))
    for i in shouted:
        lines[i] = _WORD.sub(lambda m: _word(m, keep), lines[i])
    out = "\n".join(lines)
    return out if len(out) == len(text) else text


def _word(match: re.Match[str], keep: set[str]) -> str:
    word = match.group()
    first = match.start() == 0 or not match.string[: match.start()].strip()
    if word in keep:
        return word
    if word.isupper() and len(word) > 1:
        title = word[0] + word[1:].lower()
        if title in keep:
            return title
        if len(word) <= 4 and word not in _NOT_ACRONYMS:
            return word  # an acronym: "GOP", "FBI"
    new = word.lower()
    if first:
        new = word[0] + new[1:]
    return new if len(new) == len(word) else word
