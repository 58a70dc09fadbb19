"""The cue verb of an attribution: its lexicon lemma, whether it cues, and who holds it.

Everything here reads the dependency parse around one verb: the lemma a phrasal or light
speech act stands for ("went on": continue, "made the case": argue), refusals that are no
statement ("declined to comment"), participles that start an attribution of their own
(", adding ..."), the subject that holds the verb however the parser hung it, the agent of a
passive and the question put to someone ("X was asked ..."). :mod:`verb_rules` asks these
questions in its table's order.
"""

from __future__ import annotations

from wirelens.attribute.clauses import light_speech, made_clear, put_it
from wirelens.attribute.cues_table import (
    LIGHT_SPEECH_ACTS,
    PHRASAL_LEMMAS,
    QUESTION_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    THOUGHT_VERBS,
)
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.spans import SUBJECTS, TIME_ENTS, Token, np_span, words_of
from wirelens.scope import Scope

__all__ = [
    "addressee_before",
    "addressee_of",
    "agent_of",
    "controller_of",
    "cue_lemma",
    "declined",
    "is_asked",
    "is_cue",
    "is_participle",
    "opens_attribution",
    "own_subject",
    "participle_cue",
    "quoted_as",
    "relative_subject",
    "reported_by",
    "reports",
    "subject_of",
]


#: Verbs whose "on X" names a medium ("wrote on X", "posted on the company blog").
_MEDIUM_VERBS = frozenset({"write", "post", "tweet", "say", "announce", "publish", "comment"})


_ON = frozenset({"on"})


_CLOSING = (["”"], ["''"], ['"'], ["’"])


_ANONYMOUS = frozenset({"named", "identified", "quoted"})


_REFUSALS = frozenset({"decline", "refuse"})


_SILENT = frozenset({"say", "comment", "elaborate", "discuss", "answer", "speculate", "confirm"})


_RELATIVE = frozenset({"who", "which", "that", "whom"})


#: Passive verbs whose "as saying" names their subject as the speaker.
_QUOTED_AS = frozenset({"quote", "cite", "report", "hear", "record"})


def cue_lemma(tok: Token) -> str:
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


def is_cue(tok: Token) -> bool:
    lemma = cue_lemma(tok)
    if tok.lower_ == "citing":  # a relay phrase, handled with "according to"
        return False
    if declined(tok):
        return False
    cue = lemma in SPEECH_VERBS or lemma in STANCE_VERBS or lemma in THOUGHT_VERBS
    return tok.pos_ == "VERB" and cue


def declined(tok: Token) -> bool:
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


def opens_attribution(tok: Token, scope: Scope) -> bool:
    """Whether a verb can open an attribution (:mod:`verb_rules` decides whether it does): a
    cue, or in the stance scope a refusal
    ("declined to comment", PolNeAR's attribution of the refuser) or ", citing X" (a relay of
    the chain, and also what the speaker cites). Only a verb can: asked of every token, that
    is tested first (the lemma and phrase lookups cost far more).
    """
    if tok.pos_ != "VERB":
        return False
    if is_cue(tok):
        return True  # desire verbs too: the speech scope vetoes them in verb_rules.RULES
    stance = scope == Scope.STANCE and tok.pos_ == "VERB"
    return stance and (lemma_of(tok) in _REFUSALS or tok.lower_ == "citing")


def is_participle(tok: Token) -> bool:
    """A present participle hanging on another verb (", adding ...", "telling the crowd")."""
    return tok.tag_ == "VBG" and tok.dep_ in {"advcl", "xcomp", "conj"}


def participle_cue(tok: Token) -> bool:
    """A speech participle after a comma (", calling it ...", ", saying ..."): an attribution
    of its own, not part of the clause before it."""
    if not is_participle(tok) or tok.dep_ == "conj":
        return False
    lemma = cue_lemma(tok)
    if not (lemma in SPEECH_VERBS or lemma == "call") or not is_cue(tok):
        return False
    edge = tok.left_edge
    before = [t.text for t in tok.doc[max(0, edge.i - 2) : edge.i]]
    # ', calling ...' or '..."A," adding ...' (the comma inside the closing quote mark)
    return before[-1:] == [","] or (before[:1] == [","] and before[-1:] in _CLOSING)


def reports(verb: Token) -> bool:
    """A cue with a reported clause of its own: "... and repeated that Iran ..."."""
    return is_cue(verb) and any(c.dep_ == "ccomp" for c in verb.children)


def own_subject(verb: Token) -> bool:
    return any(child.dep_ in SUBJECTS for child in verb.children)


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing through conjuncts, xcomps and participles."""
    node = verb
    for _ in range(4):
        subject = _nearest_subject(node)
        if subject is None:
            subject = controller_of(node)  # "urged voters to back him": the voters back him
        if subject is not None:
            return subject
        if node.dep_ in {"conj", "xcomp", "advcl", "acl"} and node.head.i != node.i:
            node = _climb(verb, node.head)
            continue
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ == "VERB":
            node = node.head.head  # "made history by nominating ...": the maker nominates
            continue
        break
    return None


def _nearest_subject(node: Token) -> Token | None:
    """The subject nearest ``node`` ("RENO, Nev. (AP) — Donald Trump said" has two); for
    "who said" in a relative clause, the noun the clause hangs on."""
    for child in sorted(node.children, key=lambda c: abs(c.i - node.i)):
        if child.dep_ in SUBJECTS and any(ch.isalpha() for ch in words_of(child)):
            return node.head if child.lower_ in _RELATIVE and node.dep_ == "relcl" else child
    return None


def _climb(verb: Token, node: Token) -> Token:
    """Where to look for the subject of ``verb`` once it climbed to its head ``node``."""
    if node.pos_ in {"NOUN", "PROPN"} and node.head.i != node.i:
        return node.head  # "launched strikes claiming ...": the verb over the noun
    if verb.dep_ == "conj" and not is_cue(node) and node.dep_ == "ccomp":
        return node.head  # "said X would ... and repeated": the reporting verb
    if participle_cue(verb) and node.dep_ == "ccomp" and is_cue(node.head):
        return node.head  # 'told X that Y "...," adding ...': the teller adds
    return node


def controller_of(node: Token) -> Token | None:
    """The object that controls an infinitive: "asked *them* to support", "urged *voters* to"."""
    if node.dep_ != "xcomp" or node.tag_ != "VB":
        return None
    return addressee_before(node.head, node, _ON)


def addressee_before(verb: Token, clause: Token, linking: frozenset[str]) -> Token | None:
    """Who is asked, urged or called on, between ``verb`` and the infinitive ``clause``.

    A direct object ("asked the pilots to ...") or the object of a ``linking`` preposition
    ("called on the council to act").
    """
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in linking]
    objects += [o for c in preps for o in c.children if o.dep_ == "pobj"]
    return next((o for o in sorted(objects, key=lambda o: o.i) if verb.i < o.i < clause.i), None)


def relative_subject(verb: Token) -> Token | None:
    """The relative pronoun subject of a cue in a relative clause ("who said"), if any."""
    node = verb
    while node.dep_ in {"conj", "xcomp"} and node.head.i != node.i:
        node = node.head
    if node.dep_ != "relcl":
        return None
    return next((c for c in node.children if c.dep_ in SUBJECTS and c.lower_ in _RELATIVE), None)


def quoted_as(verb: Token) -> bool:
    """ "X was quoted by state television as saying ...": the passive subject is the speaker."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or lemma_of(prep.head) not in _QUOTED_AS:
        return False
    return any(c.dep_ == "agent" for c in prep.head.children)  # without "by Y", 'is quoted' cues


def is_asked(verb: Token, subject: Token | None) -> bool:
    """ "X was asked ...", "when asked about ...": a question put by someone else."""
    if cue_lemma(verb) not in QUESTION_VERBS or verb.tag_ != "VBN":
        return False
    if subject is not None and subject.dep_ == "nsubjpass":
        return True
    bare = not any(c.dep_ in SUBJECTS for c in verb.children)
    return (
        bare
        and verb.dep_ in {"advcl", "acl", "pcomp", "ROOT"}
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def agent_of(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb."""
    agents = (o for a in verb.children if a.dep_ == "agent" for o in a.children)
    return next((o for o in agents if o.dep_ == "pobj"), None)


def reported_by(verb: Token) -> bool:
    """ "The meeting was first reported by Politico": Politico reports the meeting; but in "he
    was quoted by X as saying" or "was reported to have" the subject still speaks.
    """
    return agent_of(verb) is not None and not any(
        c.dep_ in {"xcomp", "advcl"} for c in verb.children
    )


def addressee_of(text: str, verb: Token) -> tuple[int, int, str] | None:
    """``told Al Jazeera`` / ``in an interview with CNN`` / ``in a statement to Reuters``."""
    if lemma_of(verb) == "tell":
        for child in verb.children:
            if child.dep_ in {"dobj", "dative", "iobj"} and child.pos_ in {"PROPN", "NOUN"}:
                start, end = np_span(text, child)
                return start, end, "told"
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        found = _on_medium(text, verb, prep) or _in_statement(text, prep)
        if found is not None:
            return found
    return None


def _on_medium(text: str, verb: Token, prep: Token) -> tuple[int, int, str] | None:
    """ "wrote on X", "said on CNN's New Day": where it was said (not "on Tuesday")."""
    if prep.lower_ != "on" or lemma_of(verb) not in _MEDIUM_VERBS:
        return None
    for target in prep.children:
        if target.dep_ == "pobj" and target.ent_type_ not in TIME_ENTS:
            start, end = np_span(text, target)
            return start, end, "on"
    return None


def _in_statement(text: str, prep: Token) -> tuple[int, int, str] | None:
    """ "in an interview with CNN", "in a statement to Reuters", "in a post on X"."""
    if prep.lower_ != "in":
        return None
    for obj in prep.children:
        if obj.dep_ != "pobj" or lemma_of(obj) not in {"interview", "statement", "post"}:
            continue
        for inner in obj.children:
            if inner.dep_ != "prep" or inner.lower_ not in {"with", "to", "on"}:
                continue
            target = next((t for t in inner.children if t.dep_ == "pobj"), None)
            if target is not None:
                start, end = np_span(text, target)
                return start, end, lemma_of(obj)
    return None
