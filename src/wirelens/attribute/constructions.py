"""Attributions not built on a reporting verb and its clause.

* "according to X" / "as per X" with no other speaker in the sentence;
* a colon handing over to a quote or, in a headline, to the rest of the line
  ("Blumenthal: "...", "as Tom Ridge put it: "...", "Graham: Trump's Rhetoric Hurts GOP");
* a speech act named by a noun with a possessor ("her attack on the law"; stance scope);
* a stance told by an adjective ("has often been critical of X", "is hopeful that ...";
  stance scope);
* a judgement with no holder ("appears to", "is expected to", "was widely criticized for",
  "is best known as"; stance scope).

Each function returns one :class:`Found` or None; :func:`wirelens.attribute.rules.find` calls
them sentence by sentence.
"""

from __future__ import annotations

from wirelens.attribute.cues_table import PASSIVE_PREPOSITIONS, SPEAKER_LABELS
from wirelens.attribute.found import Found, Relay
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.quotes import QuoteSpan, quote_at
from wirelens.attribute.spans import (
    SUBJECTS,
    Sent,
    Token,
    is_infinitive,
    marks,
    np_span,
    span,
    strip_stop,
    trim,
    verb_group,
)

__all__ = [
    "according_found",
    "colon_found",
    "hedge",
    "noun_found",
    "passive_preposition",
    "stance_adjective",
    "unheld_passive",
]

#: Prepositions after a speech-act noun that introduce what it is about ("attack on X").
_NOUN_PREPOSITIONS = frozenset({"of", "on", "about", "for", "to", "against"})


def according_found(
    text: str, sent: Sent, index: int, relay: Relay, extent: tuple[int, int]
) -> Found | None:
    """``X, according to Y`` with no other speaker: Y is the source of the rest of the sentence."""
    left = trim(text, sent.start_char, extent[0])
    right = trim(text, extent[1], sent.end_char)
    content = left if left[1] - left[0] >= right[1] - right[0] else right
    if content[1] - content[0] < 10:
        return None
    content = strip_stop(text, *content)
    return Found(
        rule="according_to",
        kind="according_to",
        content=content,
        sentence=index,
        cue=relay.cue_span,
        cue_lemma=relay.cue.lower() if relay.relation != "as_per" else "as per",
        source=relay.source,
        confidence=0.8,
    )


#: Subjects that make a colon line a question or subhead, not a speaker's handover.
_WH_SUBJECTS = frozenset({"what", "which", "how", "why", "where", "when"})
#: Letters a colon line needs after its colon to say anything (as a quote needs: quotes.py).
_MIN_LETTERS = 3
#: Entities that can speak in a colon line with no quote after the colon.
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def colon_found(text: str, sent: Sent, index: int, quotes: list[QuoteSpan]) -> Found | None:
    """ "Mark Blumenthal and Jon Cohen: "...", "As Tom Ridge put it: "...": a colon hands over
    to a quote, and what stands before it names who speaks (PolNeAR's cue is the colon, with
    the verb when there is one).
    """
    colon, quote = None, None
    headline = _headline(text, sent)
    for tok in sent:
        if tok.text == ":" and quote_at(quotes, tok.idx) is None:
            nxt = next((q for q in quotes if q.start > tok.idx), None)
            if nxt is not None and not text[tok.idx + 1 : nxt.start].strip():
                colon, quote = tok, nxt
                break
            if headline and colon is None:
                colon = tok  # "Graham: Trump's Rhetoric Destroying GOP's Chance"
    if colon is None:
        return None
    tokens = [t for t in sent if not t.is_space and t.i <= colon.i]
    if len(tokens) < 2 or len(tokens) > 25:
        return None
    verbs = [t for t in tokens if t.pos_ in {"VERB", "AUX"} and t.dep_ != "aux"]
    if verbs:
        verb = verbs[-1]
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None or subject.lower_ in _WH_SUBJECTS:
            return None  # "What changes: a smaller menu": a subhead asks, nobody speaks
        source, cue = np_span(text, subject), (verb_group(verb)[0], colon.idx + 1)
    else:
        words = [t for t in tokens[:-1] if not t.is_punct]
        labels = {t.lower_ for t in words} & SPEAKER_LABELS
        named = any(t.pos_ == "PROPN" for t in words) or all(t.text[:1].isupper() for t in words)
        if not words or labels or not named or len(words) > 8:
            return None  # "Update:", "Watch:": a label, not a speaker; "—:" names no one
        source = trim(text, *span(words[0], words[-1]))
        cue = (colon.idx, colon.idx + 1)
    rest = trim(text, colon.idx + 1, sent.end_char)
    if quote is None:
        line = text[rest[0] : rest[1]]
        if len(line.split()) < 3 or sum(ch.isalpha() for ch in line) < _MIN_LETTERS:
            return None  # 'Mayor: ‘ " ?': marks are not words, there is nothing said
        if sent.start_char > 0 and not any(t.ent_type_ in _SPEAKER_ENTS for t in tokens):
            return None  # a subhead or listing line in the body ("Menu changes: ..."): no one

        quote = QuoteSpan(rest[0], rest[0], rest[0], rest[0])  # no quote: the line is content
    content, kind = (quote.start, quote.end), "direct"
    if any(ch.isalpha() for ch in text[quote.end : rest[1]]):
        # "Ryan: 'Anti-Semitic Images' Have 'No Place In A Campaign'": the line is the content
        end = strip_stop(text, *rest)[1]
        inside = any(rest[0] <= q.start and q.end <= rest[1] for q in quotes)
        content, kind = (rest[0], end), "mixed" if inside else "indirect"
    return Found(
        rule="colon",
        kind=kind,
        content=content,
        sentence=index,
        cue=cue,
        cue_lemma=":",
        source=source,
        confidence=0.6 * (1.0 if quote.balanced else 0.6),
    )


def _headline(text: str, sent: Sent) -> bool:
    """Whether ``sent`` is a whole short line with no final stop: a headline."""
    start, end = sent.start_char, sent.end_char
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    whole = not text[line_start:start].strip() and not text[end:line_end].strip()
    return whole and not line.endswith(".") and len(line.split()) <= 20


def noun_found(text: str, index: int, noun: Token) -> Found | None:
    """ "Trump's proposal to ban ...", "her attack on the law", "his claim that ...": a
    speech act named by a noun, its holder the possessor (stance scope only).
    """
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        holder = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if holder is None:
        return None  # measured on train: holderless speech-act nouns are mostly not attributions
    content: tuple[int, int] | None = None
    cue_end = noun
    for child in noun.children:
        if child.i <= noun.i:
            continue
        that = "that" in marks(child)
        if child.dep_ in {"acl", "ccomp"} and (is_infinitive(child) or that):
            content = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
            break
        if child.dep_ == "prep" and child.lower_ in _NOUN_PREPOSITIONS and child.i == noun.i + 1:
            obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:
                content = (obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
                cue_end = child
                break
    if content is None:
        return None
    content = trim(text, *content)
    first = noun
    for left in sorted((c for c in noun.children if c.i < noun.i), key=lambda c: -c.i):
        if left.dep_ == "amod" and left.i == first.i - 1:
            first = left  # "controversial proposal"
    source = trim(text, *span(holder.left_edge, holder.right_edge))
    return Found(
        rule="cue_noun",
        kind="indirect",
        content=content,
        sentence=index,
        cue=span(first, cue_end),
        cue_lemma=lemma_of(noun),
        source=source,
        source_head=holder,
        confidence=0.5,
    )


def hedge(text: str, index: int, verb: Token, subject: Token | None) -> Found | None:
    """ "Coal use appears to have declined", "Clinton is expected to win", "Priebus was said to
    be furious": a judgement or hearsay with no named holder. The subject belongs to the
    content, not the source. (Judgements count only in the stance scope; the caller decides.)
    """
    if subject is None:
        return None
    if verb.tag_ == "VBG" and subject.head.i != verb.i:
        return None  # "X denied Y, appearing to rely on Z": the subject is another verb's
    complement = next(
        (
            c
            for c in verb.children
            if c.dep_ in {"xcomp", "acomp", "attr", "ccomp"} and c.i > verb.i
        ),
        None,
    )
    if complement is None:
        return None  # "she appeared on television": an action, not a judgement
    start = subject.left_edge.idx
    end = trim(text, start, complement.right_edge.idx + len(complement.right_edge))[1]
    end = strip_stop(text, start, end)[1]
    cue = verb_group(verb)
    if not (start < cue[0] and cue[1] < end):
        return None
    return Found(
        rule="hedge",
        kind="indirect",
        content=(start, end),
        sentence=index,
        cue=cue,
        cue_lemma=lemma_of(verb),
        confidence=0.5,
    )


def unheld_passive(text: str, index: int, verb: Token, subject: Token) -> Found | None:
    """ "Mr. Sanders has been criticized for ...", "The plan was announced": a stance taken by
    nobody named (stance scope only).

    PolNeAR's annotators take the whole clause as the content when something follows the verb
    and the subject alone when nothing does; "as" ("was widely viewed as") joins the cue.
    """
    start, end = verb_group(verb)
    after = [c for c in verb.children if c.i > verb.i and c.dep_ not in {"punct", "cc", "conj"}]
    cue_end = passive_preposition(text, verb, end, held=False)
    if after:
        last = max(after, key=lambda c: c.right_edge.i).right_edge
        content = trim(text, subject.left_edge.idx, last.idx + len(last))
    else:
        content = np_span(text, subject)
    if content[1] - content[0] < 2:
        return None
    return Found(
        rule="unheld_passive",
        kind="indirect",
        content=content,
        sentence=index,
        cue=(start, cue_end),
        cue_lemma=lemma_of(verb),
        confidence=0.4,
    )


def passive_preposition(text: str, verb: Token, end: int, *, held: bool = True) -> int:
    """Where the cue of a passive ends: "is best known for", "was suspected of" keep their
    preposition (train: 7 of 7 for the listed verbs; "criticized for", "charged with" go both
    ways and stay out), and a stance held by nobody its "as" ("was widely viewed as")."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return end
    allowed = PASSIVE_PREPOSITIONS.get(lemma_of(verb), frozenset())
    if not held:
        allowed |= {"as"}
    for prep in verb.children:
        linked = prep.dep_ == "prep" and prep.lower_ in allowed and prep.idx >= end
        if linked and not text[end : prep.idx].strip():
            stop: int = prep.idx + len(prep)
            return stop
    return end


#: Adjectives that state a stance, with their complement ("critical of X", "hopeful that ..."),
#: each kept at >= .5 cue precision on PolNeAR train ("quick to" was 0 of 5).
_STANCE_ADJECTIVES = frozenset(
    {"critical", "aware", "eager", "hopeful", "convinced", "optimistic", "skeptical"}
)
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re", "’re", "am"})


def stance_adjective(text: str, index: int, adj: Token) -> Found | None:
    """ "Cruz has been acutely aware that ...", "his website has often been critical of X"."""
    head = adj.head
    if adj.dep_ != "acomp" or adj.lower_ not in _STANCE_ADJECTIVES or head.lower_ not in _BE:
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    content: tuple[int, int] | None = None
    cue_end: Token = adj
    for child in adj.children:
        if child.i <= adj.i:
            continue
        if child.dep_ == "prep" and child.i == adj.i + 1 and child.lower_ in {"of", "about"}:
            obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:
                content = (obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
                cue_end = child
                break
        if child.dep_ in {"ccomp", "xcomp"}:
            content = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
            break
    if content is None:
        return None
    return Found(
        rule="stance_adjective",
        kind="indirect",
        content=trim(text, *content),
        sentence=index,
        cue=(verb_group(head)[0], cue_end.idx + len(cue_end)),
        cue_lemma=adj.lower_,
        source=np_span(text, subject),
        source_head=subject,
        confidence=0.5,
    )
