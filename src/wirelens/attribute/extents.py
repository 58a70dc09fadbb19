"""Where a verb attribution's content and cue begin and end.

The content of a reporting verb is the clause (or object) it governs, cut where it would run
into the cue or the speaker, into a second attribution (", calling it ...") or a closing aside
(", which ..."); a stance verb's object takes the complements after it ("compared X to Y").
The cue is the verb group and its entourage as PolNeAR's guidelines draw it.
"""

from __future__ import annotations

import itertools

from wirelens.attribute.clauses import feeling, light_speech, made_clear, put_it
from wirelens.attribute.constructions import passive_preposition
from wirelens.attribute.cue_verbs import (
    controller_of,
    is_cue,
    is_participle,
    own_subject,
    participle_cue,
    reports,
    subject_of,
)
from wirelens.attribute.cues_table import MEDIUM_NOUNS, OUTER_FIRST_VERBS, WRITTEN_MEDIA
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.spans import (
    GAP,
    SUBJECTS,
    TIME_ENTS,
    Token,
    is_infinitive,
    span,
    trim,
    verb_group,
)

__all__ = [
    "clause_span",
    "cue_extent",
    "cut_aside",
    "is_medium",
    "medium_before",
    "object_between",
    "object_tail",
    "seen_as",
]


#: Subordinating words that open a condition or reason belonging to the reported clause.
_CLAUSE_MARKS = frozenset({"if", "unless", "because", "although", "while", "when", "since", "as"})


#: Complements of a stance verb that belong to its content after the object.
_OBJECT_TAIL = frozenset({"prep", "npadvmod", "dative", "oprd", "acomp"})


_TAIL_PREPOSITIONS = frozenset(
    {"to", "for", "of", "as", "over", "in", "about", "against", "from", "on", "with", "into"}
)


#: Prepositions that link a cue to its content and belong to the cue ("called for").
_CUE_PREPOSITIONS = frozenset({"for", "on", "about", "of", "against", "at"})
#: How such a preposition hangs on the cue.
_LINKS = frozenset({"prep", "mark", "prt"})


def clause_span(text: str, verb: Token, clause: Token) -> tuple[int, int]:
    """The clause's extent, cut where it would run into the cue or the speaker."""
    tokens = _clause_tokens(verb, clause)
    if not tokens:
        return clause.idx, clause.idx
    # keep the contiguous run that contains the clause head
    run = [t for t in tokens if abs(t.i - clause.i) <= len(tokens)]
    first, last = run[0], run[-1]
    for a, b in itertools.pairwise(run):
        if b.i != a.i + 1 and b.i > clause.i:
            last = a
            break
    last = cut_aside(first, last)
    start, end = trim(text, *span(first, last))
    if clause.dep_ in {"dobj", "pobj"}:
        end = object_tail(text, verb, clause, end)
    return start, _joined_end(text, verb, clause, start, end)


def _clause_tokens(verb: Token, clause: Token) -> list[Token]:
    """The clause's tokens on its side of the verb, without the speaker, cut before a second
    attribution ("... and repeated that ...", ", calling them boring")."""
    tokens = sorted(clause.subtree, key=lambda t: t.i)  # non-projective parses come unsorted
    if clause.i > verb.i:
        tokens = [t for t in tokens if t.i > verb.i]
    else:
        tokens = [t for t in tokens if t.i < verb.i]
    subject = subject_of(verb)
    if subject is not None:
        sub = {t.i for t in subject.subtree} - {t.i for t in verb.subtree}
        tokens = [t for t in tokens if t.i not in sub]
    for t in list(tokens):
        if t.dep_ == "conj" and reports(t) and t.i > clause.i and not own_subject(t):
            cut = min([t.left_edge.i] + [c.i for c in t.head.children if c.dep_ == "cc"])
            tokens = [u for u in tokens if u.i < cut]
        elif participle_cue(t) and t.i > clause.i:
            # "he would release them Friday, calling them boring": a second attribution
            tokens = [u for u in tokens if u.i < t.left_edge.i - 1]
    return tokens


def _joined_end(text: str, verb: Token, clause: Token, start: int, end: int) -> int:
    """The content's end taken over a second clause the parser split off, right after it."""
    for child in verb.children:
        # a parse that split one clause in two; not a relay like "..., Times of Israel reported"
        more = child.dep_ == "ccomp" and child.i > clause.i
        more = more and not (is_cue(child) and own_subject(child))
        # "..., while acknowledging that ...": a participle cue is an attribution of its own
        joined = child.dep_ == "advcl" and child.i > clause.i
        joined = joined and child.left_edge.lower_ in _CLAUSE_MARKS
        if more or (joined and not (is_participle(child) and is_cue(child))):
            between = text[end : child.left_edge.idx]
            if GAP.fullmatch(between):
                end = trim(text, start, child.right_edge.idx + len(child.right_edge))[1]
    return end


def cut_aside(first: Token, last: Token) -> Token:
    """The content's last token before a closing aside: ", which ...", ", conceding ...".

    A non-restrictive relative clause ("which", "who") set off by a comma at the end of the
    reported clause is the writer's comment, not part of what was reported.
    """
    doc = first.doc
    for i in range(first.i + 1, last.i):
        if doc[i].text != ",":
            continue
        node = doc[i + 1]
        while node.head.i > i and node.head.i != node.i:
            node = node.head
        aside = node.dep_ == "relcl" and doc[i + 1].lower_ in {"which", "who", "whose"}
        if aside and node.right_edge.i >= last.i - 1 and node.head.i < i:
            return doc[i - 1]
    return last


def object_tail(text: str, verb: Token, obj: Token, end: int) -> int:
    """Extend an object's content over the verb's complements that follow it.

    "compared abortion to the Holocaust", "accused the government of selling arms",
    "described the field as all very good": what the stance is about runs to the end of the
    verb phrase, not just the object noun phrase. A comma, a new clause or a relative clause
    ends it.
    """
    for child in sorted(verb.children, key=lambda c: c.i):
        if child.i <= obj.right_edge.i or child.dep_ not in _OBJECT_TAIL:
            continue
        if child.dep_ == "prep" and child.lower_ not in _TAIL_PREPOSITIONS:
            break
        if any(t.ent_type_ in TIME_ENTS for t in child.subtree) or is_medium(child):
            break  # "in a tweet Sunday", "last week": when and where it was said
        gap = text[end : child.left_edge.idx]
        if gap.strip(" \u00a0“\"‘'`"):
            break  # only spaces and opening quote marks between: 'calling it "absurd"'
        end = trim(text, end, child.right_edge.idx + len(child.right_edge))[1]
    return end


def is_medium(prep: Token) -> bool:
    """ "in a tweet", "on CNN's New Day", "in an interview": the channel, not the content."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return any(lemma_of(o) in MEDIUM_NOUNS or o.ent_type_ == "ORG" for o in objects)


def cue_extent(
    text: str, verb: Token, prep: Token | None, content: tuple[int, int], subject: Token | None
) -> tuple[int, int]:
    """The cue phrase as PolNeAR's guidelines draw it: the verb group and its entourage.

    That is the auxiliaries and adverbs before the verb ("has repeatedly called"), the verbs it
    hangs from ("tended to support", "went on to say", "began by saying") and a preposition
    linking it to its content ("called for", "talked about"). Time and place after the verb
    ("said Tuesday in a statement") stay out: annotators disagree on them, and the verb alone
    is what they agree on most.
    """
    start, end = verb_group(verb, prep)
    second = made_clear(verb) or put_it(verb)  # the second word of a two-word speech act
    if second is not None:
        end = max(end, second.idx + len(second))  # "made it clear", "as X put it"
    start = _outer_start(verb, subject, start)
    end = medium_before(text, verb, end, content[0])
    end = passive_preposition(text, verb, end)
    noun = feeling(verb) or light_speech(verb)  # "expressed concern about", "made the case"
    if noun is not None and noun.idx < content[0]:
        last = prep if prep is not None and prep.i == noun.i + 1 else noun
        end = max(end, last.idx + len(last))
    return start, _content_preposition(text, verb, content, end)


def _outer_start(verb: Token, subject: Token | None, start: int) -> int:
    """The cue's start taken back over the verbs it hangs from: "tended to support", "went on
    to say", "began by saying"; not over a subject or an outer verb of its own."""
    node = verb
    for _ in range(3):
        head = node.head
        if node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "by":
            head = head.head
        elif node.dep_ == "advcl" and is_infinitive(node) and node.i - head.i <= 3:
            pass  # "went on to say"
        elif node.dep_ != "xcomp":
            break
        if head.i >= node.i or head.pos_ not in {"VERB", "AUX"} or node.i - head.i > 4:
            break
        if subject is not None and head.i < subject.i < node.i:
            break
        if controller_of(node) is not None or lemma_of(head) in OUTER_FIRST_VERBS:
            break  # "asked them to support", "refused to endorse": two attributions
        node = head
        start = min(start, verb_group(node)[0])
    return start


def _content_preposition(text: str, verb: Token, content: tuple[int, int], end: int) -> int:
    """The cue's end over a preposition that opens the content right after it: "called for
    talks", not "said about 3,000 people"."""
    if content[0] < end or text[end : content[0]].strip():
        return end
    span = verb.doc.char_span(content[0], content[1], alignment_mode="expand")
    first = span[0] if span is not None and len(span) else None
    if first is not None and first.lower_ in _CUE_PREPOSITIONS and first.dep_ in _LINKS:
        return int(first.idx + len(first))
    return end


def medium_before(text: str, verb: Token, end: int, content: int) -> int:
    """ "said in a statement that ...": a medium between the verb and its content is cue."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.idx < end:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj" and lemma_of(c) in WRITTEN_MEDIA]
        if not objects or text[end : prep.idx].strip():
            return end  # only "in a statement" right after the verb
        stop: int = objects[0].idx + len(objects[0])
        if stop <= content and not text[stop:content].strip():
            return stop
    return end


def seen_as(verb: Token) -> tuple[Token, Token] | None:
    """ "Four in 10 voters see the campaign as most unfair": the object, and the last word of
    the "as" phrase right after it, however the parser hung that phrase on the verb."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.right_edge.i + 1 >= len(verb.doc):
        return None
    node = verb.doc[obj.right_edge.i + 1]
    if node.lower_ != "as":
        return None
    while node.head.i not in {verb.i, node.i}:
        node = node.head
    if node.head.i != verb.i or any(c.dep_ in SUBJECTS for c in node.children):
        return None  # "would see declines as investors decide ...": "as" opens a clause
    return obj, max((t for t in node.subtree if not t.is_punct), key=lambda t: t.i)


def object_between(verb: Token, clause: Token) -> bool:
    """Whether an object stands between a verb and its clause ("called on X to ...")."""
    between = verb.doc[verb.i + 1 : clause.i]
    return any(t.dep_ in {"dobj", "pobj", "dative"} for t in between)
