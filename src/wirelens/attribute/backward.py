"""Chains that run backwards: a quote between two tags, where one tag is a hop of the other.

Wire copy relays a relay: 'X of Bloomberg News tweeted: "...", Netanyahu said' gives the
words to Netanyahu, the closing tag, and makes the reporter and her outlet hops of his chain;
'X said: "...," the Associated Press reported' keeps X as the speaker and makes the agency a
hop. Read one tag at a time, each of these became a second speaker of the same words (issue
15). :func:`rules.find` calls :func:`reverse_tags` once over the document.
"""

from __future__ import annotations

from typing import Any

from wirelens.attribute.cues_table import RELAY_VERBS
from wirelens.attribute.found import Found, Relay
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.quotes import QuoteSpan
from wirelens.attribute.spans import np_span, verb_group

__all__ = ["reverse_tags"]

#: What may stand between a closing quote mark and the tag that closes it.
_BETWEEN = " \t,"


def reverse_tags(text: str, doc: Any, quotes: list[QuoteSpan], founds: list[Found]) -> list[Found]:
    """Founds with backward chains read: one speaker per doubly tagged quote, the rest hops."""
    founds = _closing_speaker(text, founds)
    return _closing_relays(text, doc, quotes, founds)


def _tag_before(f: Found) -> bool:
    return f.source is not None and f.cue is not None and f.source[1] <= f.content[0]


def _closes(text: str, f: Found, g: Found) -> bool:
    """Whether ``g``'s tag follows ``f``'s quote directly and ``g``'s content takes it in."""
    if g is f or g.source is None or g.cue is None:
        return False
    tag = min(g.source[0], g.cue[0])
    return (
        tag >= f.content[1]
        and not text[f.content[1] : tag].strip(_BETWEEN)
        and g.content[0] <= f.content[0] < g.content[1]
    )


def _closing_speaker(text: str, founds: list[Found]) -> list[Found]:
    """'X tweeted: "...", Y said': Y speaks; X (and X's outlet, 'of Bloomberg News') are hops."""
    dropped: set[int] = set()
    for f in founds:
        if f.kind != "direct" or not _tag_before(f) or id(f) in dropped:
            continue
        assert f.cue is not None
        if ":" not in text[f.cue[1] : f.content[0]]:
            continue  # 'X said "...," she said': one speaker twice, not a relay
        g = next((g for g in founds if _closes(text, f, g) and id(g) not in dropped), None)
        if g is None or g.cue_lemma in RELAY_VERBS:
            continue
        assert f.source is not None and f.cue is not None
        cue = text[f.cue[0] : f.cue[1]]
        hops = [Relay(part, "reported", cue, f.cue) for part in _of_outlet(text, f.source)]
        g.kind, g.content, g.more = "direct", f.content, f.more
        g.relays = hops + [r for r in g.relays if r.source != f.source]
        dropped.add(id(f))
    return [f for f in founds if id(f) not in dropped]


def _of_outlet(text: str, source: tuple[int, int]) -> list[tuple[int, int]]:
    """'Mara Olsen of Bloomberg News' is two hops, the reporter then her outlet."""
    start, end = source
    cut = text.find(" of ", start, end)
    if cut < 0 or not text[cut + 4 : cut + 5].isupper():
        return [source]
    return [(start, cut), (cut + 4, end)]


def _closing_relays(
    text: str, doc: Any, quotes: list[QuoteSpan], founds: list[Found]
) -> list[Found]:
    """'X said: "...," the Associated Press reported': the agency is a hop of X's chain."""
    dropped: set[int] = set()
    for tok in doc:
        if lemma_of(tok) not in RELAY_VERBS or tok.tag_ not in {"VBD", "VBZ", "VBP"}:
            continue
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i > tok.i:
            continue
        source = np_span(text, subject)
        quote = next((q for q in quotes if _right_before(text, q.end, source[0])), None)
        if quote is None:
            continue
        owner = next(
            (f for f in founds if _tag_before(f) and f.content[0] <= quote.start < f.content[1]),
            None,
        )
        if owner is None:
            continue
        cue = verb_group(tok)
        owner.relays.append(Relay(source, "reported", text[cue[0] : cue[1]], cue))
        dropped.update(id(f) for f in founds if f.cue and f.cue[0] <= tok.idx < f.cue[1])
    return [f for f in founds if id(f) not in dropped]


def _right_before(text: str, end: int, start: int) -> bool:
    return end <= start and not text[end:start].strip(_BETWEEN)
