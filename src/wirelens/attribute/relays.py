"""Relays: who passed words on between the speaker and the reader.

"according to X", "as per X", "citing X", "quoted by X" (phrases), "X reported" around another
attribution (verbs), and "X said Y had claimed ..." (nesting) each become a :class:`Relay` on
an attribution, a hop of its sourcing chain (:mod:`chains` orders them). :func:`rules.find`
calls these sentence by sentence and once over the document.
"""

from __future__ import annotations

from wirelens.attribute.cues_table import RELAY_VERBS, SPEECH_VERBS
from wirelens.attribute.found import Found, Relay
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.quotes import QuoteSpan, quote_at
from wirelens.attribute.spans import SUBJECTS, Sent, Token, np_span, span, trim, verb_group

__all__ = ["bare_relays", "drop_trailing_relay", "nest_relays", "phrase_relays", "relay_verbs"]

#: Mentions that say nothing about the chain ("he said Y had claimed ...").
_PRONOUN_SOURCES = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "which"})


def phrase_relays(text: str, sent: Sent) -> list[tuple[Relay, tuple[int, int]]]:
    """``according to X``, ``as per X``, ``citing X``, ``quoted by X`` with the phrase extent."""
    found: list[tuple[Relay, tuple[int, int]]] = []
    tokens = list(sent)
    for i, tok in enumerate(tokens[:-1]):
        low, nxt = tok.lower_, tokens[i + 1].lower_
        relation = None
        if low == "according" and nxt == "to":
            relation, cue_end = "according_to", tokens[i + 1]
        elif low == "as" and nxt == "per":
            relation, cue_end = "as_per", tokens[i + 1]
        elif low == "citing" or (low == "quoted" and nxt == "by"):
            relation = "citing" if low == "citing" else "quoted_by"
            cue_end = tok if low == "citing" else tokens[i + 1]
        if relation is None:
            continue
        src = _phrase_source(text, sent, tokens, cue_end)
        if src is None:
            continue
        relay = Relay(src, relation, text[tok.idx : cue_end.idx + len(cue_end)], span(tok, cue_end))
        found.append((relay, (tok.idx, src[1])))
    return found


def _phrase_source(
    text: str, sent: Sent, tokens: list[Token], cue_end: Token
) -> tuple[int, int] | None:
    """Who a relay phrase ending at ``cue_end`` names: its object's whole phrase ("according to
    a new Associated Press-GfK poll released Thursday"), else the words after it up to a verb,
    "that" or punctuation; None when only white space follows (a scraped double space is no
    one's name)."""
    obj = next((c for c in cue_end.children if c.dep_ in {"pobj", "dobj"}), None)
    if obj is not None and obj.i > cue_end.i:
        src = trim(text, *span(obj.left_edge, obj.right_edge))
        return src if src[0] < src[1] else None
    j = cue_end.i + 1 - sent.start
    words: list[Token] = []
    while j < len(tokens) and not tokens[j].is_punct and tokens[j].lower_ not in {"that"}:
        if tokens[j].pos_ == "VERB" and words:
            break
        if not tokens[j].is_space:
            words.append(tokens[j])
        j += 1
    return trim(text, *span(words[0], words[-1])) if words else None


def drop_trailing_relay(text: str, f: Found, extent: tuple[int, int]) -> None:
    """ "told her that it was simple, according to an account she gave": not part of the words.

    The parser often hangs a closing "according to X" inside the reported clause; the phrase
    says who relayed the words, so the content ends before it and the phrase joins the chain.
    """
    start, end = f.content
    if not (start < extent[0] < end and not text[extent[1] : end].strip("., ")):
        return
    kept = trim(text, start, extent[0])
    if kept[0] < kept[1]:
        f.content = kept


def relay_verbs(text: str, founds: list[Found], verbs: dict[int, Token]) -> list[Found]:
    """Turn ``X reported`` around another attribution into a hop of that attribution."""
    kept: list[Found] = []
    for f in founds:
        verb = verbs.get(id(f))
        inner = [
            g
            for g in founds
            if g is not f and f.content[0] <= g.content[0] and g.content[1] <= f.content[1] + 2
        ]
        if verb is not None and f.cue_lemma in RELAY_VERBS and inner and f.source and f.cue:
            for g in inner:
                g.relays.append(Relay(f.source, "reported", text[f.cue[0] : f.cue[1]], f.cue))
            if any(_speaks(g) for g in inner):
                continue
        kept.append(f)
    return kept


def _speaks(f: Found) -> bool:
    """Whether an attribution reports someone's words (a quote or a speech verb with its
    speaker), not a stance or a passive with nobody named."""
    return f.source is not None and (f.kind in {"direct", "mixed"} or f.cue_lemma in SPEECH_VERBS)


def bare_relays(text: str, sent: Sent, founds: list[Found], quotes: list[QuoteSpan]) -> None:
    """``..., Times of Israel reported, citing local media``: a relay with no content of its own."""
    cues = {f.cue for f in founds}
    for tok in sent:
        if lemma_of(tok) not in RELAY_VERBS or quote_at(quotes, tok.idx) is not None:
            continue
        subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subject is None or subject.dep_ == "nsubjpass" or verb_group(tok) in cues:
            # "X was quoted by Y": X is who was quoted, never who passed the words on
            continue
        relay = Relay(np_span(text, subject), "reported", tok.text, verb_group(tok))
        for f in founds:
            if not f.content[0] <= tok.idx < f.content[1]:
                f.relays.append(relay)


def nest_relays(text: str, founds: list[Found]) -> None:
    """ "X said Y had claimed ...": Y's words reach the reader through X, a hop of Y's chain."""
    for f in founds:
        if f.cue is None:
            continue
        cue_start, cue_end = f.cue
        outers = [
            g
            for g in founds
            if g is not f
            and g.source
            and g.cue
            and g.content[0] <= cue_start
            and cue_end <= g.extent[1]
        ]
        if not outers:
            continue
        outer = min(outers, key=lambda g: g.extent[1] - g.content[0])
        assert outer.source is not None and outer.cue is not None
        if text[outer.source[0] : outer.source[1]].lower() in _PRONOUN_SOURCES:
            continue  # "he" says nothing about the chain; speakers resolve it elsewhere
        cue = text[outer.cue[0] : outer.cue[1]]
        f.relays.insert(0, Relay(outer.source, "quoted_by", cue, outer.cue))
