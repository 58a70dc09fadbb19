"""TODO verb_rules"""

from __future__ import annotations

from wirelens.attribute.clauses import content_head
from wirelens.attribute.constructions import (
    hedge,
    unheld_passive,
)
from wirelens.attribute.cue_verbs import (
    addressee_before,
    addressee_of,
    agent_of,
    cue_lemma,
    is_asked,
    is_cue,
    quoted_as,
    relative_subject,
    reported_by,
    subject_of,
)
from wirelens.attribute.cues_table import (
    ADDRESSED_VERBS,
    ANSWERS,
    HEARSAY_PASSIVES,
    NOT_UNHELD_PASSIVES,
    OUTER_FIRST_VERBS,
    PREPOSITION_ONLY_VERBS,
    PREPOSITION_VERBS,
    QUOTE_TAG_VERBS,
    RAISING_VERBS,
    SPEAKING_PASSIVES,
    SPEECH_VERBS,
    STANCE_VERBS,
    THOUGHT_VERBS,
)
from wirelens.attribute.extents import (
    clause_span,
    cue_extent,
    object_between,
    seen_as,
)
from wirelens.attribute.found import Found, verb_rule
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.quote_tags import (
    leading_quote,
    near_quote,
    tags_lead,
)
from wirelens.attribute.quotes import QuoteSpan
from wirelens.attribute.spans import (
    Sent,
    Token,
    doc_text,
    is_infinitive,
    np_span,
    span,
    trim,
    words_of,
)
from wirelens.attribute.tags import parenthetical
from wirelens.scope import Scope

__all__ = ["verb_found"]


def verb_found(
    sent: Sent, index: int, verb: Token, quotes: list[QuoteSpan], scope: Scope
) -> Found | None:
    unreal = verb.dep_ == "acl" and verb.tag_ == "VB"  # "no guarantee he would name X"
    if unreal or (verb.dep_ in {"acl", "relcl"} and is_infinitive(verb)):
        return None  # "an opportunity to bash X", "ways to express it": an act not done
    if verb.dep_ == "relcl" and verb.tag_ == "VBG" and scope == "stance":
        return None  # "Canova, who is challenging Wasserman Schultz": who someone is
    if any(quoted_as(c) for p in verb.children if p.lower_ == "as" for c in p.children):
        return None  # "was quoted by Y as saying ...": the words are the inner verb's
    text = doc_text(sent.doc)
    subject = subject_of(verb)
    lemma = cue_lemma(verb)
    asked = is_asked(verb, subject)
    if asked and scope == "stance":
        # "X was asked about Y", "Asked if ..., X said": the asker (often unnamed) asked Y
        subject = agent_of(verb)
    elif asked or (
        subject is not None and subject.dep_ == "nsubjpass" and lemma in ADDRESSED_VERBS
    ):
        return None  # "the navy had been asked to ...": the navy is addressed, not speaking
    if lemma in RAISING_VERBS and any(
        c.dep_ == "xcomp" and c.i == verb.i + 2 and is_cue(c) for c in verb.children
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
    if passive is not None and quoted_as(verb):
        passive = None  # "X was quoted by Y as saying": X speaks, Y is a hop ('quoted by')
    if passive is not None and (lemma not in SPEAKING_PASSIVES or reported_by(verb)):
        # "remarks by X were interpreted by some as a threat": the agent holds the view
        subject = agent_of(verb)
    clause, prep = content_head(verb, scope)
    lead = leading_quote(text, quotes, verb, subject)
    speaks = lemma in SPEECH_VERBS or lemma in QUOTE_TAG_VERBS
    after = clause if clause is not None and clause.i > verb.i else None
    if lead is not None and speaks and after and tags_lead(text, quotes, lead, verb, after):
        clause = None  # '"A," X said on the show "B."': the tag's quote, not a title after it
    if lemma in PREPOSITION_ONLY_VERBS and prep is None:
        return None  # "spoke about the plan" is a stance; "spoke at a rally" is none
    if lemma in QUOTE_TAG_VERBS and clause is not None and clause.dep_ != "ccomp":
        clause = None  # "continues to trail", "continue her momentum": no statement
    if passive is not None and subject is not None and clause is None and scope == "stance":
        clause = passive
    unheld = passive is not None and subject is None and clause is None and scope == "stance"
    if unheld and lemma not in NOT_UNHELD_PASSIVES and not is_asked(verb, passive):
        return unheld_passive(text, index, verb, passive)
    # positions and stances ("backed the plan") count only in the wider "stance" scope;
    # in "speech" a stance verb must report a clause ("fears that ...")
    inner_cue = clause is not None and clause.dep_ == "xcomp" and is_cue(clause)
    if clause is not None and (lemma in ADDRESSED_VERBS or object_between(verb, clause)):
        inner_cue = False  # "asked them to support", "called on X to attack": a request
    if (
        inner_cue
        and lemma not in OUTER_FIRST_VERBS
        and (scope == "stance" or lemma_of(clause) in SPEECH_VERBS)
    ):
        return None  # "went on to say", "tended to support": the inner verb's cue
    reports_clause = clause is not None and clause.dep_ in {"ccomp", "xcomp"}
    seen = seen_as(verb) if lemma == "see" else None
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
        content = clause_span(text, verb, clause)
        if clause.dep_ in {"xcomp", "advcl"} and is_infinitive(clause):
            # "asked the congregation to stand", "called on the governor to resign": who is
            # asked is part of what is asked, and "on" belongs to the cue
            who = addressee_before(verb, clause, PREPOSITION_VERBS.get(lemma, frozenset()))
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
        quote = near_quote(quotes, sent, verb)
        if quote is not None:
            content, kind, balanced = (quote.start, quote.end), "direct", quote.balanced
    short = content is not None and text[content[0] : content[1]].lower() in ANSWERS
    if content is None or (content[1] - content[0] < 3 and not short):
        return None
    if subject is not None and content[0] <= subject.idx < content[1]:
        # "X riffed on it, telling the crowd, "Some people ..."": the parser hung the
        # participle inside the quote; the speaker is the subject of the clause before it
        root = sent.root
        subject = subject_of(root) if root.i < verb.i and root.idx < content[0] else None
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
    cue = cue_extent(text, verb, prep, content, subject)
    if content[0] < cue[1] <= content[1] and content[0] >= cue[0]:
        content = trim(text, cue[1], content[1])  # "called for" took the content's "for"
    found = Found(kind=kind, content=content, sentence=index, cue=cue, cue_lemma=lemma)
    dep = clause.dep_ if clause is not None else None
    found.rule = verb_rule(dep, pieces is not None, seen is not None)
    if subject is not None and any(ch.isalpha() for ch in words_of(subject)):
        found.source = np_span(text, subject)
        found.source_head = subject
        relative = relative_subject(verb)
        if relative is not None:
            # "voters who said ...": the mention is "who", the speaker its antecedent
            cut = [t for t in subject.subtree if t.i < relative.i]
            found.antecedent = trim(text, *span(cut[0], cut[-1])) if cut else found.source
            found.source = span(relative, relative)
    found.more = more
    found.addressee = addressee_of(text, verb)
    found.confidence = (0.9 if subject is not None else 0.6) * (1.0 if balanced else 0.6)
    return found
