"""Finding attributions in a parsed document: cue, content, speaker mention and relays.

The rules work sentence by sentence on spaCy's dependency parse and on quote marks found at
the character level (:mod:`wirelens.attribute.quotes`):

* a reporting verb (:mod:`cues_table`) with a clausal complement is an indirect attribution
  whose content is the clause (mixed when the clause holds quoted fragments); what each verb
  reports is found by :mod:`clauses`;
* a speech verb next to a quote, or ending a sentence with a colon before one, attributes the
  quote (direct);
* "according to X" / "as per X" attribute the rest of the sentence to X, unless the sentence
  already has a speaker, in which case X becomes a hop of that speaker's sourcing chain;
* "X reported", "citing X", "quoted by X" around another attribution are relays (chain hops,
  :mod:`relays`);
* colons, speech-act nouns, stance adjectives, hedges and passives held by nobody
  (:mod:`constructions`) where no verb attributes;
* a tag set inside the clause it reports ("That, the commission said, would help":
  :mod:`tags`);
* quotes that go on after their tag, and floating quotes (:mod:`continuations`).

The output is :class:`Found` records with character offsets; speaker resolution and chains
are separate steps (:mod:`speakers`, :mod:`chains`).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from wirelens.attribute.backward import reverse_tags
from wirelens.attribute.clauses import content_head, feeling, light_speech, made_clear, put_it
from wirelens.attribute.constructions import (
    according_found,
    colon_found,
    hedge,
    noun_found,
    passive_preposition,
    stance_adjective,
    unheld_passive,
)
from wirelens.attribute.continuations import continuations, join_reopened
from wirelens.attribute.cues_table import (
    ADDRESSED_VERBS,
    ANSWERS,
    CUE_NOUNS,
    DESIRE_VERBS,
    HEARSAY_PASSIVES,
    LIGHT_SPEECH_ACTS,
    MEDIUM_NOUNS,
    NOT_UNHELD_PASSIVES,
    OUTER_FIRST_VERBS,
    PHRASAL_LEMMAS,
    PREPOSITION_ONLY_VERBS,
    PREPOSITION_VERBS,
    QUESTION_VERBS,
    QUOTE_TAG_VERBS,
    RAISING_VERBS,
    SPEAKING_PASSIVES,
    SPEECH_VERBS,
    STANCE_VERBS,
    THOUGHT_VERBS,
    WRITTEN_MEDIA,
)
from wirelens.attribute.found import Found, verb_rule
from wirelens.attribute.interviews import interview_turns
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.quotes import QuoteSpan, find_quotes, quote_at
from wirelens.attribute.relays import (
    bare_relays,
    drop_trailing_relay,
    nest_relays,
    phrase_relays,
    relay_verbs,
)
from wirelens.attribute.spans import (
    SUBJECTS,
    TIME_ENTS,
    Sent,
    Token,
    doc_text,
    is_infinitive,
    np_span,
    span,
    trim,
    verb_group,
    words_of,
)
from wirelens.attribute.tags import parenthetical

__all__ = ["find"]

#: Verbs whose "on X" names a medium ("wrote on X", "posted on the company blog").
_MEDIUM_VERBS = frozenset({"write", "post", "tweet", "say", "announce", "publish", "comment"})
_ON = frozenset({"on"})
_CLOSING = (["”"], ["''"], ['"'], ["’"])
_ANONYMOUS = frozenset({"named", "identified", "quoted"})
_REFUSALS = frozenset({"decline", "refuse"})
_SILENT = frozenset({"say", "comment", "elaborate", "discuss", "answer", "speculate", "confirm"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: How far (characters) a quote may sit from its cue and speaker ("...," Khamenei said).
_QUOTE_REACH = 12
#: What may stand between a quote and its cue: commas, colons, dashes and spaces only.
_GAP = re.compile(r"[\s,:;—–-]*")
#: Subordinating words that open a condition or reason belonging to the reported clause.
_CLAUSE_MARKS = frozenset({"if", "unless", "because", "although", "while", "when", "since", "as"})
#: Complements of a stance verb that belong to its content after the object.
_OBJECT_TAIL = frozenset({"prep", "npadvmod", "dative", "oprd", "acomp"})
_TAIL_PREPOSITIONS = frozenset(
    {"to", "for", "of", "as", "over", "in", "about", "against", "from", "on", "with", "into"}
)
#: Prepositions that link a cue to its content and belong to the cue ("called for").
_CUE_PREPOSITIONS = frozenset({"for", "on", "about", "of", "against", "at"})
#: Dependents of a cue that sit between it and the quote it introduces.
_TAG_PARTS = frozenset({"dobj", "dative", "npadvmod", "prep", "advmod"})


#: Passive verbs whose "as saying" names their subject as the speaker.
_QUOTED_AS = frozenset({"quote", "cite", "report", "hear", "record"})


def _subject(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing through conjuncts, xcomps and participles."""
    node = verb
    for _ in range(4):
        # the subject nearest the verb: "RENO, Nev. (AP) — Donald Trump said" has two
        for child in sorted(node.children, key=lambda c: abs(c.i - node.i)):
            if child.dep_ in SUBJECTS and any(ch.isalpha() for ch in words_of(child)):
                if child.lower_ in _RELATIVE and node.dep_ == "relcl":
                    return node.head
                return child
        controller = _controller(node)
        if controller is not None:
            return controller  # "urged voters to back him": the voters back him
        if node.dep_ in {"conj", "xcomp", "advcl", "acl"} and node.head.i != node.i:
            node = node.head
            if node.pos_ in {"NOUN", "PROPN"} and node.head.i != node.i:
                node = node.head  # "launched strikes claiming ...": the verb over the noun
            elif verb.dep_ == "conj" and not _is_cue(node) and node.dep_ == "ccomp":
                node = node.head  # "said X would ... and repeated": the reporting verb
            elif _participle_cue(verb) and node.dep_ == "ccomp" and _is_cue(node.head):
                node = node.head  # 'told X that Y "...," adding ...': the teller adds
            continue
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ == "VERB":
            node = node.head.head  # "made history by nominating ...": the maker nominates
            continue
        break
    return None


def _quoted_as(verb: Token) -> bool:
    """ "X was quoted by state television as saying ...": the passive subject is the speaker."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or lemma_of(prep.head) not in _QUOTED_AS:
        return False
    return any(c.dep_ == "agent" for c in prep.head.children)  # without "by Y", 'is quoted' cues


def _controller(node: Token) -> Token | None:
    """The object that controls an infinitive: "asked *them* to support", "urged *voters* to"."""
    if node.dep_ != "xcomp" or node.tag_ != "VB":
        return None
    return _addressee_before(node.head, node, _ON)


def _addressee_before(verb: Token, clause: Token, linking: frozenset[str]) -> Token | None:
    """Who is asked, urged or called on, between ``verb`` and the infinitive ``clause``.

    A direct object ("asked the pilots to ...") or the object of a ``linking`` preposition
    ("called on the council to act").
    """
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in linking]
    objects += [o for c in preps for o in c.children if o.dep_ == "pobj"]
    return next((o for o in sorted(objects, key=lambda o: o.i) if verb.i < o.i < clause.i), None)


def _relative_subject(verb: Token) -> Token | None:
    """The relative pronoun subject of a cue in a relative clause ("who said"), if any."""
    node = verb
    while node.dep_ in {"conj", "xcomp"} and node.head.i != node.i:
        node = node.head
    if node.dep_ != "relcl":
        return None
    return next((c for c in node.children if c.dep_ in SUBJECTS and c.lower_ in _RELATIVE), None)


def _clause_span(text: str, verb: Token, clause: Token) -> tuple[int, int]:
    """The clause's extent, cut where it would run into the cue or the speaker."""
    tokens = sorted(clause.subtree, key=lambda t: t.i)  # non-projective parses come unsorted
    if clause.i > verb.i:
        tokens = [t for t in tokens if t.i > verb.i]
    else:
        tokens = [t for t in tokens if t.i < verb.i]
    subject = _subject(verb)
    if subject is not None:
        sub = {t.i for t in subject.subtree} - {t.i for t in verb.subtree}
        tokens = [t for t in tokens if t.i not in sub]
    for t in list(tokens):
        if t.dep_ == "conj" and _reports(t) and t.i > clause.i and not _own_subject(t):
            cut = min([t.left_edge.i] + [c.i for c in t.head.children if c.dep_ == "cc"])
            tokens = [u for u in tokens if u.i < cut]
        elif _participle_cue(t) and t.i > clause.i:
            # "he would release them Friday, calling them boring": a second attribution
            tokens = [u for u in tokens if u.i < t.left_edge.i - 1]
    if not tokens:
        return clause.idx, clause.idx
    # keep the contiguous run that contains the clause head
    run = [t for t in tokens if abs(t.i - clause.i) <= len(tokens)]
    first, last = run[0], run[-1]
    for a, b in itertools.pairwise(run):
        if b.i != a.i + 1 and b.i > clause.i:
            last = a
            break
    last = _cut_aside(first, last)
    start, end = trim(text, *span(first, last))
    if clause.dep_ in {"dobj", "pobj"}:
        end = _object_tail(text, verb, clause, end)
    for child in verb.children:
        # a parse that split one clause in two; not a relay like "..., Times of Israel reported"
        more = child.dep_ == "ccomp" and child.i > clause.i
        more = more and not (_is_cue(child) and _own_subject(child))
        # "..., while acknowledging that ...": a participle cue is an attribution of its own
        joined = child.dep_ == "advcl" and child.i > clause.i
        joined = joined and child.left_edge.lower_ in _CLAUSE_MARKS
        if more or (joined and not (_participle(child) and _is_cue(child))):
            between = text[end : child.left_edge.idx]
            if _GAP.fullmatch(between):
                end = trim(text, start, child.right_edge.idx + len(child.right_edge))[1]
    return start, end


def _participle(tok: Token) -> bool:
    """A present participle hanging on another verb (", adding ...", "telling the crowd")."""
    return tok.tag_ == "VBG" and tok.dep_ in {"advcl", "xcomp", "conj"}


def _participle_cue(tok: Token) -> bool:
    """A speech participle after a comma (", calling it ...", ", saying ..."): an attribution
    of its own, not part of the clause before it."""
    if not _participle(tok) or tok.dep_ == "conj":
        return False
    lemma = _cue_lemma(tok)
    if not (lemma in SPEECH_VERBS or lemma == "call") or not _is_cue(tok):
        return False
    edge = tok.left_edge
    before = [t.text for t in tok.doc[max(0, edge.i - 2) : edge.i]]
    # ', calling ...' or '..."A," adding ...' (the comma inside the closing quote mark)
    return before[-1:] == [","] or (before[:1] == [","] and before[-1:] in _CLOSING)


def _cut_aside(first: Token, last: Token) -> Token:
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


def _object_tail(text: str, verb: Token, obj: Token, end: int) -> int:
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
        if any(t.ent_type_ in TIME_ENTS for t in child.subtree) or _medium(child):
            break  # "in a tweet Sunday", "last week": when and where it was said
        gap = text[end : child.left_edge.idx]
        if gap.strip(" \u00a0“\"‘'`"):
            break  # only spaces and opening quote marks between: 'calling it "absurd"'
        end = trim(text, end, child.right_edge.idx + len(child.right_edge))[1]
    return end


def _medium(prep: Token) -> bool:
    """ "in a tweet", "on CNN's New Day", "in an interview": the channel, not the content."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return any(lemma_of(o) in MEDIUM_NOUNS or o.ent_type_ == "ORG" for o in objects)


def _reports(verb: Token) -> bool:
    """A cue with a reported clause of its own: "... and repeated that Iran ..."."""
    return _is_cue(verb) and any(c.dep_ == "ccomp" for c in verb.children)


def _own_subject(verb: Token) -> bool:
    return any(child.dep_ in SUBJECTS for child in verb.children)


def _cue_extent(
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
        if _controller(node) is not None or lemma_of(head) in OUTER_FIRST_VERBS:
            break  # "asked them to support", "refused to endorse": two attributions
        node = head
        start = min(start, verb_group(node)[0])
    end = _medium_before(text, verb, end, content[0])
    end = passive_preposition(text, verb, end)
    noun = feeling(verb) or light_speech(verb)  # "expressed concern about", "made the case"
    if noun is not None and noun.idx < content[0]:
        last = prep if prep is not None and prep.i == noun.i + 1 else noun
        end = max(end, last.idx + len(last))
    if content[0] >= end and not text[end : content[0]].strip():
        span = verb.doc.char_span(content[0], content[1], alignment_mode="expand")
        first = span[0] if span is not None and len(span) else None
        # "called for talks", not "said about 3,000 people"
        if (
            first is not None
            and first.lower_ in _CUE_PREPOSITIONS
            and first.dep_ in {"prep", "mark", "prt"}
        ):
            end = first.idx + len(first)
    return start, end


def _medium_before(text: str, verb: Token, end: int, content: int) -> int:
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


def _addressee(text: str, verb: Token) -> tuple[int, int, str] | None:
    """``told Al Jazeera`` / ``in an interview with CNN`` / ``in a statement to Reuters``."""
    if lemma_of(verb) == "tell":
        for child in verb.children:
            if child.dep_ in {"dobj", "dative", "iobj"} and child.pos_ in {"PROPN", "NOUN"}:
                start, end = np_span(text, child)
                return start, end, "told"
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "on" and lemma_of(verb) in _MEDIUM_VERBS:
            for target in prep.children:
                if target.dep_ == "pobj" and target.ent_type_ not in TIME_ENTS:
                    start, end = np_span(text, target)
                    return start, end, "on"
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or lemma_of(obj) not in {"interview", "statement", "post"}:
                continue
            for inner in obj.children:
                if inner.dep_ == "prep" and inner.lower_ in {"with", "to", "on"}:
                    for target in inner.children:
                        if target.dep_ == "pobj":
                            start, end = np_span(text, target)
                            return start, end, lemma_of(obj)
    return None


def _declined(tok: Token) -> bool:
    """ "declined to comment", "refused to say whether ...": a refusal is not a statement.

    Nor is a source's request for anonymity ("who asked not to be named").
    """
    lemma = lemma_of(tok)
    if lemma == "ask" and any(
        c.dep_ == "xcomp" and c.lower_ in _ANONYMOUS and any(n.dep_ == "neg" for n in c.children)
        for c in tok.children
    ):
        return True
    if lemma in _REFUSALS:
        return any(c.dep_ == "xcomp" and lemma_of(c) in _SILENT for c in tok.children)
    return lemma in _SILENT and tok.dep_ == "xcomp" and lemma_of(tok.head) in _REFUSALS


def _cue_lemma(tok: Token) -> str:
    """The lexicon lemma of a cue verb; a phrasal verb reads as its own ('went on': continue)."""
    if made_clear(tok) is not None:
        return "clarify"
    act = light_speech(tok)
    if act is not None:
        return LIGHT_SPEECH_ACTS[lemma_of(tok), lemma_of(act)]
    if put_it(tok) is not None:
        return "say"
    lemma = lemma_of(tok)
    for child in tok.children:
        if child.dep_ == "prt" and (lemma, child.lower_) in PHRASAL_LEMMAS:
            return PHRASAL_LEMMAS[(lemma, child.lower_)]
    return lemma


def _is_cue(tok: Token) -> bool:
    lemma = _cue_lemma(tok)
    if tok.lower_ == "citing":  # a relay phrase, handled with "according to"
        return False
    if _declined(tok):
        return False
    cue = lemma in SPEECH_VERBS or lemma in STANCE_VERBS or lemma in THOUGHT_VERBS
    return tok.pos_ == "VERB" and cue


def _opens_attribution(tok: Token, scope: str) -> bool:
    """Whether a verb can open an attribution: a cue, or in the stance scope a refusal
    ("declined to comment", PolNeAR's attribution of the refuser) or ", citing X" (a relay of
    the chain, and also what the speaker cites).
    """
    if _is_cue(tok):
        return scope == "stance" or lemma_of(tok) not in DESIRE_VERBS
    stance = scope == "stance" and tok.pos_ == "VERB"
    return stance and (lemma_of(tok) in _REFUSALS or tok.lower_ == "citing")


def _near_quote(quotes: list[QuoteSpan], sent: Sent, verb: Token) -> QuoteSpan | None:
    """The quote this verb introduces or closes, in the same sentence or just after a colon."""
    best: tuple[int, QuoteSpan] | None = None
    text = doc_text(sent.doc)
    s_start, s_end = sent.start_char, sent.end_char
    colon = sent.text.rstrip().endswith(":")
    subject = _subject(verb)
    lo, hi = verb.idx, verb.idx + len(verb)
    if subject is not None and subject.head.i == verb.i:
        lo = min(lo, subject.left_edge.idx)
        hi = max(hi, subject.right_edge.idx + len(subject.right_edge))
    for child in verb.children:
        # "told Fox News on Sunday, "..."": who was told, when and where belong to the tag
        end = child.right_edge.idx + len(child.right_edge)
        if child.i > verb.i and child.dep_ in _TAG_PARTS and quote_at(quotes, end - 1) is None:
            hi = max(hi, end)
    participle = _participle(verb)
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
        if (
            len(gap) <= _QUOTE_REACH
            and _GAP.fullmatch(gap)
            and (best is None or len(gap) < best[0])
        ):
            best = (len(gap), q)
    return best[1] if best else None


def _leading_quote(
    text: str, quotes: list[QuoteSpan], verb: Token, subject: Token | None
) -> QuoteSpan | None:
    """The quote a tag closes: '"A," X said', '"Why?" asked X' (its words end in , ? or !)."""
    if _participle(verb):
        return None  # '..."A," adding ...': the quote is the main verb's
    lo = verb.idx
    if subject is not None and subject.head.i == verb.i:
        lo = min(lo, subject.left_edge.idx)
    for q in quotes:
        inner = text[q.inner_start : q.inner_end].rstrip()
        if q.end <= lo and not text[q.end : lo].strip() and inner[-1:] in {",", "?", "!"}:
            return q
    return None


def _tags_lead(
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


def _verb_found(
    sent: Sent, index: int, verb: Token, quotes: list[QuoteSpan], scope: str
) -> Found | None:
    unreal = verb.dep_ == "acl" and verb.tag_ == "VB"  # "no guarantee he would name X"
    if unreal or (verb.dep_ in {"acl", "relcl"} and is_infinitive(verb)):
        return None  # "an opportunity to bash X", "ways to express it": an act not done
    if verb.dep_ == "relcl" and verb.tag_ == "VBG" and scope == "stance":
        return None  # "Canova, who is challenging Wasserman Schultz": who someone is
    if any(_quoted_as(c) for p in verb.children if p.lower_ == "as" for c in p.children):
        return None  # "was quoted by Y as saying ...": the words are the inner verb's
    text = doc_text(sent.doc)
    subject = _subject(verb)
    lemma = _cue_lemma(verb)
    asked = _asked(verb, subject)
    if asked and scope == "stance":
        # "X was asked about Y", "Asked if ..., X said": the asker (often unnamed) asked Y
        subject = _agent(verb)
    elif asked or (
        subject is not None and subject.dep_ == "nsubjpass" and lemma in ADDRESSED_VERBS
    ):
        return None  # "the navy had been asked to ...": the navy is addressed, not speaking
    if lemma in RAISING_VERBS and any(
        c.dep_ == "xcomp" and c.i == verb.i + 2 and _is_cue(c) for c in verb.children
    ):
        return None  # "seemed to confirm the critiques": the inner verb's, cue over both
    if lemma in RAISING_VERBS or (
        lemma == "expect" and subject is not None and subject.dep_ == "nsubjpass"
    ):
        return hedge(text, index, verb, subject) if scope == "stance" else None
    if (
        subject is not None
        and subject.dep_ == "nsubjpass"
        and lemma in HEARSAY_PASSIVES
        and any(c.dep_ == "xcomp" and c.i > verb.i and is_infinitive(c) for c in verb.children)
    ):
        # "Priebus was said to be furious": hearsay from nobody named, in either scope; the
        # subject is what is said about, never the speaker
        return hedge(text, index, verb, subject)
    passive = subject if subject is not None and subject.dep_ == "nsubjpass" else None
    if passive is not None and _quoted_as(verb):
        passive = None  # "X was quoted by Y as saying": X speaks, Y is a hop ('quoted by')
    if passive is not None and (lemma not in SPEAKING_PASSIVES or _reported_by(verb)):
        # "remarks by X were interpreted by some as a threat": the agent holds the view
        subject = _agent(verb)
    clause, prep = content_head(verb, scope)
    lead = _leading_quote(text, quotes, verb, subject)
    speaks = lemma in SPEECH_VERBS or lemma in QUOTE_TAG_VERBS
    after = clause if clause is not None and clause.i > verb.i else None
    if lead is not None and speaks and after and _tags_lead(text, quotes, lead, verb, after):
        clause = None  # '"A," X said on the show "B."': the tag's quote, not a title after it
    if lemma in PREPOSITION_ONLY_VERBS and prep is None:
        return None  # "spoke about the plan" is a stance; "spoke at a rally" is none
    if lemma in QUOTE_TAG_VERBS and clause is not None and clause.dep_ != "ccomp":
        clause = None  # "continues to trail", "continue her momentum": no statement
    if passive is not None and subject is not None and clause is None and scope == "stance":
        clause = passive
    unheld = passive is not None and subject is None and clause is None and scope == "stance"
    if unheld and lemma not in NOT_UNHELD_PASSIVES and not _asked(verb, passive):
        return unheld_passive(text, index, verb, passive)
    # positions and stances ("backed the plan") count only in the wider "stance" scope;
    # in "speech" a stance verb must report a clause ("fears that ...")
    inner_cue = clause is not None and clause.dep_ == "xcomp" and _is_cue(clause)
    if clause is not None and (lemma in ADDRESSED_VERBS or _object_between(verb, clause)):
        inner_cue = False  # "asked them to support", "called on X to attack": a request
    if (
        inner_cue
        and lemma not in OUTER_FIRST_VERBS
        and (scope == "stance" or lemma_of(clause) in SPEECH_VERBS)
    ):
        return None  # "went on to say", "tended to support": the inner verb's cue
    reports_clause = clause is not None and clause.dep_ in {"ccomp", "xcomp"}
    seen = _seen_as(verb) if lemma == "see" else None
    if seen is not None:
        clause = seen[0]  # "voters see him as honest": a view, of what as what
    thought = lemma in THOUGHT_VERBS and lemma not in SPEECH_VERBS | STANCE_VERBS
    if thought and seen is None and (clause is None or clause.dep_ != "ccomp"):
        return None  # "knew the area", "saw the crowd": no reported clause, no attribution
    if scope == "speech" and lemma not in SPEECH_VERBS | QUOTE_TAG_VERBS and not reports_clause:
        return None
    content: tuple[int, int] | None = None
    kind = "indirect"
    balanced = True
    if clause is not None:
        content = _clause_span(text, verb, clause)
        if clause.dep_ in {"xcomp", "advcl"} and is_infinitive(clause):
            # "asked the congregation to stand", "called on the governor to resign": who is
            # asked is part of what is asked, and "on" belongs to the cue
            who = _addressee_before(verb, clause, PREPOSITION_VERBS.get(lemma, frozenset()))
            if who is not None:
                content = (who.left_edge.idx, content[1])
                prep = who.head if who.dep_ == "pobj" else prep
        holder = next((q for q in quotes if q.start <= content[0] and content[1] <= q.end), None)
        if holder is not None:
            content = (holder.start, holder.end)
        for q in quotes:
            if content[0] <= q.start < content[1] < q.end <= content[1] + 3:
                content = (content[0], q.end)
        inner = [q for q in quotes if content[0] <= q.start and q.end <= content[1] + 1]
        if inner:
            whole = inner[0].start <= content[0] + 1 and inner[-1].end >= content[1] - 1
            kind = "direct" if whole and len(inner) == 1 else "mixed"
            if kind == "direct":
                content = (inner[0].start, inner[0].end)
            balanced = all(q.balanced for q in inner)
    if seen is not None and content is not None:
        content = (content[0], max(content[1], seen[1].idx + len(seen[1])))
    more: list[tuple[int, int]] = []
    pieces = parenthetical(text, verb) if clause is None and lemma in SPEECH_VERBS else None
    if pieces is not None:
        content, more = pieces[0], pieces[1:]
        touched = [q for q in quotes if content[0] <= q.end and q.start <= pieces[-1][1]]
        kind = "mixed" if touched else "indirect"
        balanced = all(q.balanced for q in touched)
    tags_quote = lemma in SPEECH_VERBS or lemma in QUOTE_TAG_VERBS
    if (content is None or content[0] >= content[1]) and tags_quote:
        quote = _near_quote(quotes, sent, verb)
        if quote is not None:
            content, kind, balanced = (quote.start, quote.end), "direct", quote.balanced
    short = content is not None and text[content[0] : content[1]].lower() in ANSWERS
    if content is None or (content[1] - content[0] < 3 and not short):
        return None
    if subject is not None and content[0] <= subject.idx < content[1]:
        # "X riffed on it, telling the crowd, "Some people ..."": the parser hung the
        # participle inside the quote; the speaker is the subject of the clause before it
        root = sent.root
        subject = _subject(root) if root.i < verb.i and root.idx < content[0] else None
        if subject is not None and content[0] <= subject.idx < content[1]:
            subject = None
    # a reported clause with nobody reporting it is an attribution only in the stance scope
    # ("It was announced that ...": PolNeAR's attributions without a source), but not an
    # infinitive with no holder ("it is too early to say whether ...")
    reported = asked or (clause is not None and clause.dep_ == "ccomp")
    sourceless = scope == "stance" and reported and not is_infinitive(verb)
    sourceless = sourceless and verb.dep_ != "pcomp"  # "no way of knowing what ..."
    if subject is None and kind != "direct" and not sourceless:
        return None
    # past the speech-scope check above only as a quote tag: "continued the tradition" is none
    tag_only = scope == "speech" and lemma not in SPEECH_VERBS and not reports_clause
    if tag_only and kind != "direct":
        return None
    cue = _cue_extent(text, verb, prep, content, subject)
    if content[0] < cue[1] <= content[1] and content[0] >= cue[0]:
        content = trim(text, cue[1], content[1])  # "called for" took the content's "for"
    found = Found(kind=kind, content=content, sentence=index, cue=cue, cue_lemma=lemma)
    dep = clause.dep_ if clause is not None else None
    found.rule = verb_rule(dep, pieces is not None, seen is not None)
    if subject is not None and any(ch.isalpha() for ch in words_of(subject)):
        found.source = np_span(text, subject)
        found.source_head = subject
        relative = _relative_subject(verb)
        if relative is not None:
            # "voters who said ...": the mention is "who", the speaker its antecedent
            cut = [t for t in subject.subtree if t.i < relative.i]
            found.antecedent = trim(text, *span(cut[0], cut[-1])) if cut else found.source
            found.source = span(relative, relative)
    found.more = more
    found.addressee = _addressee(text, verb)
    found.confidence = (0.9 if subject is not None else 0.6) * (1.0 if balanced else 0.6)
    return found


def _seen_as(verb: Token) -> tuple[Token, Token] | None:
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


def _object_between(verb: Token, clause: Token) -> bool:
    """Whether an object stands between a verb and its clause ("called on X to ...")."""
    between = verb.doc[verb.i + 1 : clause.i]
    return any(t.dep_ in {"dobj", "pobj", "dative"} for t in between)


def _reported_by(verb: Token) -> bool:
    """ "The meeting was first reported by Politico": Politico reports the meeting; but in "he
    was quoted by X as saying" or "was reported to have" the subject still speaks.
    """
    return _agent(verb) is not None and not any(c.dep_ in {"xcomp", "advcl"} for c in verb.children)


def _agent(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb."""
    agents = (o for a in verb.children if a.dep_ == "agent" for o in a.children)
    return next((o for o in agents if o.dep_ == "pobj"), None)


def _asked(verb: Token, subject: Token | None) -> bool:
    """ "X was asked ...", "when asked about ...": a question put by someone else."""
    if _cue_lemma(verb) not in QUESTION_VERBS or verb.tag_ != "VBN":
        return False
    if subject is not None and subject.dep_ == "nsubjpass":
        return True
    bare = not any(c.dep_ in SUBJECTS for c in verb.children)
    return (
        bare
        and verb.dep_ in {"advcl", "acl", "pcomp", "ROOT"}
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def find(doc: Any, scope: str = "speech") -> list[Found]:
    """All attributions in a parsed spaCy ``doc``, in text order.

    ``scope`` is ``speech`` (quotes and reported speech or thought) or ``stance`` (also the
    positions people take, "backed the bill", and desire or intention, "sought a subsidy",
    "hoped that ...": :data:`cues_table.DESIRE_VERBS`), PolNeAR's wider definition.
    """
    text = doc_text(doc)
    quotes = find_quotes(text)
    results: list[Found] = []
    sentences = list(doc.sents)
    for index, sent in enumerate(sentences):
        sent_found: list[Found] = []
        verbs: dict[int, Token] = {}
        for tok in sent:
            if not _opens_attribution(tok, scope) or quote_at(quotes, tok.idx) is not None:
                continue
            found = _verb_found(sent, index, tok, quotes, scope)
            if found is not None:
                sent_found.append(found)
                verbs[id(found)] = tok
        sent_found = relay_verbs(text, sent_found, verbs)
        bare_relays(text, sent, sent_found, quotes)
        for relay, extent in phrase_relays(text, sent):
            if quote_at(quotes, extent[0]) is not None:
                continue
            for f in sent_found:
                drop_trailing_relay(text, f, extent)
            owners = [f for f in sent_found if not (f.content[0] <= extent[0] < f.content[1])]
            if owners:
                for f in owners:
                    f.relays.append(relay)
            elif relay.relation in {"according_to", "as_per"}:
                found = according_found(text, sent, index, relay, extent)
                if found is not None:
                    sent_found.append(found)
        if scope == "stance":
            for tok in sent:
                if quote_at(quotes, tok.idx) is not None:
                    continue
                told = None
                if tok.dep_ == "acomp":
                    told = stance_adjective(text, index, tok)  # "is critical of X"
                elif tok.pos_ == "NOUN" and lemma_of(tok) in CUE_NOUNS:
                    told = noun_found(text, index, tok)  # "her attack on X"
                if told is not None:
                    sent_found.append(told)
        if not sent_found:
            colon = colon_found(text, sent, index, quotes)
            if colon is not None:
                sent_found.append(colon)
        results.extend(sent_found)
    results.extend(continuations(text, quotes, results, sentences))
    results = join_reopened(text, quotes, results)
    results.sort(key=lambda f: f.content[0])
    results = interview_turns(text, doc, reverse_tags(text, doc, quotes, _dedupe(results)))
    nest_relays(text, results)
    return results


def _dedupe(founds: list[Found]) -> list[Found]:
    """Keep one attribution per content span (the most confident, with a speaker first)."""
    best: dict[tuple[int, int], Found] = {}
    for f in founds:
        key = f.content
        old = best.get(key)
        if old is None or (f.source is not None, f.confidence) > (
            old.source is not None,
            old.confidence,
        ):
            best[key] = f
    return sorted(best.values(), key=lambda f: f.content[0])
