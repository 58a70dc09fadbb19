"""Character spans of tokens and phrases: the small helpers every attribution rule shares.

spaCy ships no type stubs, so tokens and sentence spans are typed ``Any`` (``Token``, ``Sent``).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "GAP",
    "SUBJECTS",
    "TIME_ENTS",
    "Sent",
    "Token",
    "doc_text",
    "is_infinitive",
    "marks",
    "np_span",
    "span",
    "strip_stop",
    "trim",
    "verb_group",
    "with_text",
    "words_of",
]

#: What may stand between a quote and its cue, or between two pieces of one parsed clause:
#: commas, colons, semicolons, dashes and spaces only.
GAP = re.compile(r"[\s,:;—–-]*")

Token = Any  # spaCy Token
Sent = Any  # spaCy Span

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Entity types of when something was said ("on Tuesday", "last week"), never what.
TIME_ENTS = frozenset({"DATE", "TIME"})
#: Dependents that belong to the cue: "has said", "also said", "did not deny".
_VERB_GROUP = frozenset({"aux", "auxpass", "neg", "advmod"})
#: Wh-adverbs before a verb: they open its clause and stay out of the verb group.
_NOT_IN_GROUP = frozenset({"when", "where", "why", "how"})
#: Adverbs after a verb that say how it was said, as the annotators' cues keep them.
_MANNER_WORDS = frozenset({"twice", "instead", "again"})
_NOT_MANNER = frozenset({"only", "early", "likely", "reportedly", "allegedly", "apparently"})
#: Words that, after a comma inside a mention, open a relay phrase ("X, quoted by Y,").
_RELAY_OPENERS = frozenset({"quoted", "according", "citing", "as"})
#: Modifiers after a comma that place a speaker in passing (cut from the mention).
_INCIDENTAL = frozenset({"acl", "advcl"})
_DASHES = frozenset({"—", "–", "--"})
_EDGE = " ,;:-—–"


def with_text(doc: Any, text: str) -> Any:
    """``doc`` parsed from a recased copy of ``text`` (same length), answering ``text``."""
    doc.user_data["wirelens.text"] = text
    return doc


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per document: spaCy rebuilds it from tokens on every call."""
    text = doc.user_data.get("wirelens.text")
    if text is None:
        text = doc.user_data["wirelens.text"] = doc.text
    return str(text)


def span(first: Token, last: Token) -> tuple[int, int]:
    """Character offsets from the start of ``first`` to the end of ``last``."""
    return first.idx, last.idx + len(last.text)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and separating punctuation from both edges of a span."""
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1].isspace()):
        end -= 1
    return start, end


def strip_stop(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the sentence's final stop: it ends the sentence, not the reported words."""
    while end > start and text[end - 1] in ".!?":
        end -= 1
    return start, end


def is_infinitive(tok: Token) -> bool:
    """Whether ``tok`` is a "to" infinitive ("vowed to resign", "a plan to build")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def words_of(head: Token) -> str:
    """The text of a phrase ("Six in 10": a poll's subject has letters only in its phrase)."""
    return "".join(t.text for t in head.subtree) if head.is_digit else str(head.text)


def np_span(text: str, head: Token) -> tuple[int, int]:
    """The noun phrase under ``head``: its subtree, cut before an inserted relay phrase.

    "Sunita Rao, quoted by the daily Lokvarta," is the speaker Sunita Rao; the relay phrase is a
    hop of the chain, found separately.
    """
    tokens = _np_tokens(head)
    for i, tok in enumerate(tokens[1:], start=1):
        if tok.lower_ in _RELAY_OPENERS and tokens[i - 1].is_punct and tok.i > head.i:
            tokens = tokens[: i - 1]
            break
        # "Sanders, celebrating a win,": a participle after the comma places the speaker in
        # passing and is not part of the mention (an age, an apposition or a who-clause that
        # says who the speaker is stays, as PolNeAR's annotators keep them)
        if tokens[i - 1].text == "," and tok.i > head.i and _incidental(tok, head):
            tokens = tokens[: i - 1]
            break
    for i, tok in enumerate(tokens):
        # "WASHINGTON (AP) — Donald Trump": a dateline the raw text still carries
        if tok.text in _DASHES and i + 1 < len(tokens) and tok.i < head.i:
            before = tokens[:i]
            if any(t.text == ")" or (t.is_upper and len(t) > 2) for t in before):
                tokens = tokens[i + 1 :]
                break
    return trim(text, *span(tokens[0], tokens[-1]))


def _np_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase under ``head``, in text order."""
    tokens = sorted(head.subtree, key=lambda t: t.i)  # non-projective parses come unsorted
    if head.dep_ not in SUBJECTS:
        return tokens
    if head.i < head.head.i:
        # "A union representing flight attendants endorsed Clinton ..., another example of
        # ...": an apposition parsed across its own verb is not part of the subject
        tokens = [t for t in tokens if t.i < head.head.i]
    # "the state news agency MNA" is parsed as two subjects side by side: keep both
    for sibling in head.head.children:
        if sibling.dep_ == head.dep_ and sibling.left_edge.i == tokens[-1].i + 1:
            tokens += sorted(sibling.subtree, key=lambda t: t.i)
        elif sibling.dep_ == head.dep_ and sibling.right_edge.i == tokens[0].i - 1:
            tokens = sorted(sibling.subtree, key=lambda t: t.i) + tokens
    return tokens


def _incidental(tok: Token, head: Token) -> bool:
    """Whether the phrase starting at ``tok`` is a passing description of ``head``."""
    node = tok
    while node.head.i not in (head.i, node.i) and node.i > head.i:
        node = node.head
    return node.head.i == head.i and node.dep_ in _INCIDENTAL


def verb_group(verb: Token, prep: Token | None = None) -> tuple[int, int]:
    """The verb group: auxiliaries, negation and adverbs right before it, particle after.

    "to portray" keeps its "to" (PolNeAR's cues do), "then said" its "then" (as PolNeAR's
    annotators mostly do); "when asked" drops the wh-word that opens a clause.
    """
    first = verb
    lefts = sorted((c for c in verb.children if c.i < verb.i), key=lambda c: -c.i)
    for child in lefts:
        in_group = child.dep_ in _VERB_GROUP and child.lower_ not in _NOT_IN_GROUP
        if child.i == first.i - 1 and in_group:
            first = child
        else:
            break
    last = verb
    for child in verb.children:
        if child.dep_ == "prt" and child.i == last.i + 1:
            last = child
    manner = _manner_after(verb, last, prep)
    if manner is not None:
        last = manner
    if prep is not None and prep.i == last.i + 1:
        last = prep
    return span(first, last)


def _manner_after(verb: Token, last: Token, prep: Token | None) -> Token | None:
    """A manner adverb right after the verb: "asks rhetorically", "spoke briefly about" (train:
    annotators take it 14 times in 19 when it ends in -ly, and always before the verb's
    preposition)."""
    if last.i + 1 >= len(last.doc):
        return None
    nxt = last.doc[last.i + 1]
    if nxt.dep_ != "advmod" or nxt.pos_ != "ADV" or nxt.head.i != verb.i:
        return None
    if prep is not None and prep.i == nxt.i + 1:
        return nxt
    manner = nxt.lower_.endswith("ly") and nxt.lower_ not in _NOT_MANNER
    return nxt if manner or nxt.lower_ in _MANNER_WORDS else None


def marks(tok: Token) -> set[str]:
    """The subordinating words that open a clause: {"as"} for "as X noted", {"that"} ..."""
    return {c.lower_ for c in tok.children if c.dep_ == "mark"}
