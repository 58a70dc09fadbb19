"""Which quote a speech verb tags: the one it introduces or closes, within a few characters.

'"A," X said', 'X said: "A"', '"Why?" asked X': only commas, colons, dashes and spaces may
stand between the quote and the tag (:data:`spans.GAP`).
"""

from __future__ import annotations

from wirelens.attribute.cue_verbs import is_participle, subject_of
from wirelens.attribute.quotes import QuoteSpan, quote_at
from wirelens.attribute.spans import GAP, Sent, Token, doc_text

__all__ = ["leading_quote", "near_quote", "tags_lead"]


#: How far (characters) a quote may sit from its cue and speaker ("...," Khamenei said).
_QUOTE_REACH = 12


#: Dependents of a cue that sit between it and the quote it introduces.
_TAG_PARTS = frozenset({"dobj", "dative", "npadvmod", "prep", "advmod"})


def near_quote(quotes: list[QuoteSpan], sent: Sent, verb: Token) -> QuoteSpan | None:
    """The quote this verb introduces or closes, in the same sentence or just after a colon."""
    best: tuple[int, QuoteSpan] | None = None
    text = doc_text(sent.doc)
    s_start, s_end = sent.start_char, sent.end_char
    colon = sent.text.rstrip().endswith(":")
    subject = subject_of(verb)
    lo, hi = verb.idx, verb.idx + len(verb)
    if subject is not None and subject.head.i == verb.i:
        lo = min(lo, subject.left_edge.idx)
        hi = max(hi, subject.right_edge.idx + len(subject.right_edge))
    for child in verb.children:
        # "told Fox News on Sunday, "..."": who was told, when and where belong to the tag
        end = child.right_edge.idx + len(child.right_edge)
        if child.i > verb.i and child.dep_ in _TAG_PARTS and quote_at(quotes, end - 1) is None:
            hi = max(hi, end)
    participle = is_participle(verb)
    for q in quotes:
        if q.start <= verb.idx < q.end or (participle and q.end <= verb.idx):
            continue  # '"A," adding, "B."': the participle hands over to B only
        in_sentence = q.start < s_end and q.end > s_start
        # a quote right before "X said" counts even when the parser ended the sentence at
        # the quote's closing mark; one after the cue must be in the sentence or follow a colon
        just_before = q.end <= lo and lo - q.end <= _QUOTE_REACH
        if not (in_sentence or just_before or (colon and s_end <= q.start <= s_end + 3)):
            continue
        gap = text[q.end : lo] if q.end <= lo else text[hi : q.start]
        if len(gap) <= _QUOTE_REACH and GAP.fullmatch(gap) and (best is None or len(gap) < best[0]):
            best = (len(gap), q)
    return best[1] if best else None


def leading_quote(
    text: str, quotes: list[QuoteSpan], verb: Token, subject: Token | None
) -> QuoteSpan | None:
    """The quote a tag closes: '"A," X said', '"Why?" asked X' (its words end in , ? or !)."""
    if is_participle(verb):
        return None  # '..."A," adding ...': the quote is the main verb's
    lo = verb.idx
    if subject is not None and subject.head.i == verb.i:
        lo = min(lo, subject.left_edge.idx)
    for q in quotes:
        inner = text[q.inner_start : q.inner_end].rstrip()
        if q.end <= lo and not text[q.end : lo].strip() and inner[-1:] in {",", "?", "!"}:
            return q
    return None


def tags_lead(
    text: str, quotes: list[QuoteSpan], lead: QuoteSpan, verb: Token, clause: Token
) -> bool:
    """Whether a quote right before a speech verb is the one it tags, rather than the
    ``clause`` the verb reports after it.

    Not a quote closing the paragraph before ('...!"' then "Calabrese told the Post he ..."),
    nor a short quoted title ('On "Meet the Press," Issa said Clinton's ...') when the clause
    after the verb is its own, outside quotes.
    """
    if "\n" in text[lead.end : verb.idx]:
        return False
    title = len(text[lead.inner_start : lead.inner_end].split()) <= 4
    own_clause = clause.dep_ == "ccomp" and quote_at(quotes, clause.idx) is None
    return not (title and own_clause)
