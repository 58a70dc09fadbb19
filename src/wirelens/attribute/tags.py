"""Tags set in the clause they report: "That, the commission said, would help", "As the
Times noted, the fund grew", "..., his aide told the Post" parsed as a second verb.

The parser hangs such a tag inside its head clause, so the head clause, less the tag, is the
content: one piece or two around the tag. :func:`wirelens.attribute.rules.find` asks
:func:`parenthetical` for a speech verb that found no content of its own.
"""

from __future__ import annotations

import re

from wirelens.attribute.spans import Token, marks, span, strip_stop, trim

__all__ = ["parenthetical"]

#: A tag that ends its sentence hands over to no quote, even one opening the next paragraph.
_FULL_STOPS = frozenset({".", "!", "?"})
#: A quote opening right after a tag: '..., he said, "' (the tag introduces it).
_OPENS_QUOTE = re.compile(r"[\s,:]*(?:[“„«\"]|``|'')")


def parenthetical(text: str, verb: Token) -> list[tuple[int, int]] | None:
    """A tag set in its own content: "That, the commission said, would help", "As the Times
    noted, the fund grew".

    The content is what the tag's head clause says without the tag: one piece, or two around
    the tag (PolNeAR marks those as one discontinuous span); None when the verb is no such tag.
    """
    as_tag = _as_tag(verb)
    if as_tag and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text == ":":
        return None  # "as the website notes: "..."": the colon hands over to a quote
    conjoined = _conjoined_tag(verb)
    if not as_tag and (not (conjoined or verb.dep_ == "parataxis") or not _set_off(verb)):
        return None
    edge = max((t for t in verb.subtree if not t.is_space), key=lambda t: t.i)
    if edge.text not in _FULL_STOPS and _OPENS_QUOTE.match(text, edge.idx + len(edge)):
        return None  # 'On CNN Tuesday, he said, "I never ...': the tag hands over to a quote
    inside, tag_end = _tag_tokens(verb)
    tokens = [t for t in sorted(verb.head.subtree, key=lambda t: t.i) if t.i not in inside]
    tokens = [t for t in tokens if not t.is_space]
    sides = [
        [t for t in tokens if t.i < verb.left_edge.i],
        [t for t in tokens if t.i > tag_end],
    ]
    pieces = []
    for side in sides:
        if all(t.is_punct for t in side):
            continue  # "..., as X noted.": nothing of the head clause after the tag
        pieces.append(strip_stop(text, *trim(text, *span(side[0], side[-1]))))
    # one piece is enough for "As X noted, ...", a tag leading its clause ("At times, aides
    # said, the mention could make him fume") and a closing tag parsed as a second verb
    one_piece = as_tag or conjoined or verb.head.i > verb.i
    if not pieces or (len(pieces) < 2 and not one_piece):
        return None
    if any(end - start < 2 for start, end in pieces) or pieces[-1][1] - pieces[-1][0] < 3:
        return None
    return pieces


def _conjoined_tag(verb: Token) -> bool:
    """ "X remains committed to it, his aide, Tad Devine, told the Post": a closing tag the
    parser joined to its clause as a second verb, with no "and" and after a comma."""
    head = verb.head
    if verb.dep_ != "conj" or head.i > verb.i or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children):
        return False
    edge = verb.left_edge
    return bool(edge.i > 0 and verb.doc[edge.i - 1].text == ",")


def _as_tag(verb: Token) -> bool:
    """ "As the Times noted, ...", "..., as Clinton's aides point out"."""
    return verb.dep_ == "advcl" and "as" in marks(verb)


def _tag_tokens(verb: Token) -> tuple[set[int], int]:
    """The token indices of a tag and its last word.

    "..., the airline added, and had passed all checks": the parser hangs the head clause's
    second verb on the tag; it stays with the head clause.
    """
    carried = [c for c in verb.children if c.dep_ in {"conj", "cc"} and c.i > verb.i]
    inside = {t.i for t in verb.subtree} - {t.i for c in carried for t in c.subtree}
    last = max(t.i for t in verb.subtree if t.i in inside and not t.is_punct)
    return inside, last


def _set_off(verb: Token) -> bool:
    """A tag inside its sentence: after its head, or between commas ("It was, he said, ...")."""
    if verb.head.i > verb.i or _conjoined_tag(verb):
        return True
    doc = verb.doc
    left, right = verb.left_edge.i, _tag_tokens(verb)[1]
    before = doc[left].text == "," or (left > 0 and doc[left - 1].text == ",")
    after = doc[right].text == "," or (right + 1 < len(doc) and doc[right + 1].text == ",")
    return bool(before and after)
