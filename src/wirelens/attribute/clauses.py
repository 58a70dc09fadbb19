"""What a cue verb reports: the head of its content, found in the parse.

A clause ("said that ..."), an infinitive ("vowed to ..."), a question ("asked if ..."), an
object for the verbs whose object is a stance ("denied the report"), or the object of a linking
preposition ("called for talks"), with the parser's known detours: a that-clause hung on the
medium ("said in a statement that ...") or on a feeling noun ("expressed concern that ..."),
"made (it) clear that", a speech act in a light verb's object ("made the case that ...").
:mod:`rules` builds the attribution around what this finds.
"""

from __future__ import annotations

from wirelens.attribute.cues_table import (
    ADDRESSED_VERBS,
    ANSWERS,
    COMPLEMENT_NOUNS,
    LIGHT_SPEECH_ACTS,
    MEDIUM_NOUNS,
    OBJECT_VERBS,
    PREPOSITION_VERBS,
    QUESTION_VERBS,
    SPEECH_MEDIA_OBJECTS,
    SPEECH_VERBS,
    STANCE_VERBS,
)
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.spans import TIME_ENTS, Token, is_infinitive, marks
from wirelens.scope import Scope

__all__ = ["content_head", "feeling", "light_speech", "made_clear", "put_it"]

_IF = frozenset({"if", "whether"})
_FEELING_VERBS = frozenset({"express"})
_FEELING_PREPOSITIONS = frozenset({"about", "at", "for", "over", "with", "in", "on", "of"})
_LIGHT_VERBS = frozenset(verb for verb, _ in LIGHT_SPEECH_ACTS)
_LIGHT_PREPOSITIONS = frozenset({"about", "of", "for", "on", "against", "with", "at", "over"})
_ADVERBIAL_MARKS = frozenset(
    {"while", "although", "though", "because", "if", "when", "since", "unless", "whereas"}
)


def content_head(verb: Token, scope: Scope = Scope.SPEECH) -> tuple[Token | None, Token | None]:
    """The content head of a cue verb, and a preposition that belongs to the cue if any.

    Preference: a clausal complement ("said that ..."), an infinitive ("vowed to ..."), a direct
    object for verbs that take one ("denied the report"), a prepositional object for verbs
    that take one ("called for talks").
    """
    children = list(verb.children)
    clear = made_clear(verb)
    if clear is not None:
        # "made it clear that ...": the that-clause hangs on "made" or on "clear"
        children = [c for c in children if c.i != clear.i] + list(clear.children)
        for c in children:
            if c.dep_ in {"ccomp", "advcl"} and "that" in marks(c):
                return c, None
    act = light_speech(verb)
    if act is not None:
        return _light_speech_content(act)
    lemma = lemma_of(verb)
    clauses = [c for c in children if c.dep_ == "ccomp" and not _fronted_adverbial(c, verb)]
    clauses = clauses or _clause_after_verb(verb)
    if clauses and all(c.i < verb.i for c in clauses):
        # "While X blames Y, Francis points to Z": the parser hung the sentence's other clause
        # on the verb; a prepositional object after the verb is what it reports
        found = _preposition_object(verb, lemma)
        if found[0] is not None:
            return found
    noun = feeling(verb)
    if noun is not None:
        for c in [*noun.children, *clauses]:
            if c.dep_ in {"acl", "ccomp"} and "that" in marks(c):
                return c, None  # "expressed concern that ..."
            if c.dep_ == "prep" and c.i == noun.i + 1 and c.lower_ in _FEELING_PREPOSITIONS:
                obj = next((o for o in c.children if o.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None:
                    return obj, c  # "expressed concern about the cost"
    answer = [c for c in children if c.lower_ in ANSWERS and c.i == verb.i + 1]
    if verb.i + 2 < len(verb.doc) and verb.nbor(1).lower_ == "the":
        answer += [c for c in children if c.lower_ == "same" and c.i == verb.i + 2]
    if lemma == "say" and answer and not clauses:
        # poll and interview answers: "46 percent said yes", "said so", "said the same"
        return answer[0], None
    if clauses:
        # "In a statement released after X suspended ..., Cruz said he ...": a clause the
        # parser hung before the verb loses to one after it
        after = [c for c in clauses if c.i > verb.i]
        return (after or clauses)[0], None
    for child in children:
        if child.dep_ in {"xcomp", "advcl"} and is_infinitive(child) and child.i > verb.i:
            return child, None
        question = lemma in QUESTION_VERBS and child.dep_ == "advcl" and child.i > verb.i
        if question and marks(child) & _IF:
            return child, None  # "asked workers if they planned ...": the question
        # "said legalizing it could put ...": a clause the parser hung on a gerund
        gerund = child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i == verb.i + 1
        if gerund and lemma in SPEECH_VERBS and any(c.dep_ == "ccomp" for c in child.children):
            return child, None
    # in the stance scope what a speech verb's object names is the stance ("denounced the
    # attacks", "said so"), unless the object is the listener or the medium
    wide = scope == Scope.STANCE and lemma in SPEECH_VERBS and lemma not in SPEECH_MEDIA_OBJECTS
    # "was asked a question about X": once the addressee is the subject, the object is asked
    asked = lemma in QUESTION_VERBS and verb.tag_ == "VBN"
    addressed = lemma in ADDRESSED_VERBS and not asked
    if (not addressed and (wide or lemma in STANCE_VERBS)) or lemma in OBJECT_VERBS:
        for child in children:
            if child.dep_ == "dobj":
                return child, None
            if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i == verb.i + 1:
                return child, None  # "reported spending $6 million", "denied having met"
    return _preposition_object(verb, lemma)


def _preposition_object(verb: Token, lemma: str) -> tuple[Token | None, Token | None]:
    """The object of the verb's linking preposition: "called for talks", "for denying entry"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in PREPOSITION_VERBS.get(lemma, frozenset()):
            for obj in child.children:
                if obj.dep_ in {"pobj", "pcomp"}:
                    return obj, child
    return None, None


def _fronted_adverbial(clause: Token, verb: Token) -> bool:
    """A clause before the verb opened by "while", "although", "if" ... is a circumstance the
    parser took for the complement, never what was said."""
    return clause.i < verb.i and bool(marks(clause) & _ADVERBIAL_MARKS)


def _clause_after_verb(verb: Token) -> list[Token]:
    """A that-clause the parser hung on a phrase after the verb: "said in a statement that
    ...", and for speech verbs "told reporters during a visit to Scotland that ...", unless
    the noun takes a that-clause of its own ("pointed to the fact that ...")."""
    speech = lemma_of(verb) in SPEECH_VERBS
    found = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if lemma_of(obj) in MEDIUM_NOUNS:
                found += [c for c in obj.children if c.dep_ == "acl" and "that" in marks(c)]
            elif speech and prep.lower_ != "as" and lemma_of(obj) not in COMPLEMENT_NOUNS:
                clause = next((c for c in obj.subtree if _hung_that_clause(c)), None)
                found += [clause] if clause is not None else []
    return found


def _hung_that_clause(tok: Token) -> bool:
    """A that-clause with its own subject, on a noun that takes no such clause itself."""
    return (
        tok.dep_ in {"acl", "ccomp", "relcl"}
        and "that" in marks(tok)
        and lemma_of(tok.head) not in COMPLEMENT_NOUNS
        and any(k.dep_ in {"nsubj", "nsubjpass"} for k in tok.children)
    )


def feeling(verb: Token) -> Token | None:
    """The bare noun of "expressed concern", "expressed doubts": part of the cue when a clause
    or a preposition follows it (as PolNeAR marks it); with a determiner or an adjective
    ("expressed a deep regret for") the noun phrase is the content instead.
    """
    if lemma_of(verb) not in _FEELING_VERBS:
        return None
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if noun is None or noun.pos_ != "NOUN" or any(c.i < noun.i for c in noun.children):
        return None
    return noun


def light_speech(tok: Token) -> Token | None:
    """The noun of "made the case", "took issue": a speech act in a light verb's object."""
    lemma = lemma_of(tok)
    if lemma not in _LIGHT_VERBS:
        return None  # asked of every token: the common case returns at once
    return next(
        (
            c
            for c in tok.children
            if c.dep_ == "dobj"
            and 0 < c.i - tok.i <= 5
            and (lemma, lemma_of(c)) in LIGHT_SPEECH_ACTS
        ),
        None,
    )


def _light_speech_content(noun: Token) -> tuple[Token | None, Token | None]:
    """What "made the case that ...", "made no mention of X" report; None without one.

    The preposition may hang on the noun or on the verb ("took issue with X").
    """
    for child in sorted([*noun.children, *noun.head.children], key=lambda c: c.i):
        if child.i <= noun.i:
            continue
        clause = "that" in marks(child) or is_infinitive(child)
        if clause and child.dep_ in {"acl", "ccomp", "relcl"}:
            return child, None  # "made the case that ...", "made the case to grant ..."
        if child.dep_ == "prep" and child.i == noun.i + 1 and child.lower_ in _LIGHT_PREPOSITIONS:
            obj = next((o for o in child.children if o.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None and obj.ent_type_ not in TIME_ENTS:
                return obj, child  # "made no mention of Jeb Bush", not "made remarks on Tuesday"
    return None, None


def made_clear(tok: Token) -> Token | None:
    """The "clear" of "made (it) clear that ...", a speech act in two words."""
    if lemma_of(tok) != "make":
        return None
    return next((c for c in tok.children if c.lower_ == "clear" and c.i - tok.i <= 2), None)


def put_it(tok: Token) -> Token | None:
    """The "it" of "as X put it", a speech tag in two words (train: 7 of 9 are cues; other
    "put it"s are not)."""
    if lemma_of(tok) != "put" or "as" not in marks(tok):
        return None
    return next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
