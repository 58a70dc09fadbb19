"""The verb rules as a table: when a cue verb makes an attribution, and which.

Every verb that may open an attribution (:func:`cue_verbs.opens_attribution`) becomes a
:class:`Case` and goes through :data:`RULES` in order. Each rule has a name, a phase and the
scopes it applies in (:mod:`wirelens.scope`); it skips, changes the case (who the subject is,
what the content head or span is, which kind) and lets the next rule run, or ends the case:
with no attribution (a veto) or with one found by another construction (a hedge, an unheld
passive). A case that no rule ends becomes a :class:`Found`.

The phases run in order (:class:`Phase`): vetoes on the verb alone; the subject (the asker,
the agent of a passive; hedges and hearsay held by nobody); the content (which clause or
object, vetoes on it, its span); the kind (quote marks, views, parenthetical tags, quote
tags); the speaker fallbacks (a subject caught inside the content, sourceless attributions).
A rule that reads the scope is two rules, one per scope, so that the table says what each
scope holds.

``case.trace`` lists the rules that applied; ``Found.rule`` records the construction the
content and kind rules settled on (``verb.ccomp``, ``verb.seen_as``, ``verb.parenthetical``,
``verb.quote_tag`` ...), the key of the confidence table and what ``--explain`` shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, IntEnum

from wirelens.attribute.clauses import content_head
from wirelens.attribute.constructions import hedge, unheld_passive
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
    DESIRE_VERBS,
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
from wirelens.attribute.extents import clause_span, cue_extent, object_between, seen_as
from wirelens.attribute.found import Found
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.quote_tags import leading_quote, near_quote, tags_lead
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

__all__ = ["RULES", "Case", "Phase", "Rule", "Step", "decide", "verb_found"]


class Phase(IntEnum):
    """The phases of the table, in the order they run."""

    #: the verb alone says it attributes nothing ("an opportunity to bash X")
    VETO = 1
    #: who holds the verb: the asker, the agent of a passive; hearsay and hedges held by nobody
    SUBJECT = 2
    #: which clause or object is the content, and its span
    CONTENT = 3
    #: which kind of verb attribution: quote marks (direct, mixed, indirect), a view ("see X
    #: as Y"), a tag inside its clause, a tag next to its quote; recorded as ``Found.rule``
    KIND = 4
    #: a subject that is no speaker; attributions without a source
    SPEAKER = 5


class Step(Enum):
    """What a rule did with a case."""

    #: the rule does not apply; the next one runs
    SKIP = "skip"
    #: the rule changed the case; the next one runs
    APPLY = "apply"
    #: the rule decided: ``Case.result`` is the answer (None: no attribution)
    END = "end"


@dataclass
class Case:
    """One cue verb on its way through the table, and what the rules found so far."""

    sent: Sent
    index: int
    verb: Token
    quotes: list[QuoteSpan]
    scope: Scope
    text: str
    lemma: str
    #: who holds the verb; rules replace it (the agent of a passive, the asker) or drop it
    subject: Token | None
    #: a question put to the subject ("X was asked ...", "Asked if ...")
    asked: bool
    #: the subject of a passive cue ("X was criticized"), unless X is quoted by someone
    passive: Token | None = None
    #: the clause or object the verb governs, and a preposition that belongs to the cue
    clause: Token | None = None
    prep: Token | None = None
    #: "see X as Y": the object X and the last word of the "as" phrase
    seen: tuple[Token, Token] | None = None
    content: tuple[int, int] | None = None
    more: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "indirect"
    balanced: bool = True
    #: the construction recorded on the attribution (``Found.rule``), set by the content and
    #: kind rules: ``verb.<dep of the content head>``, ``verb.seen_as``,
    #: ``verb.parenthetical``; ``verb.quote_tag`` when no rule gave a content head
    rule: str = "verb.quote_tag"
    #: what a rule that ended the case decided (None: no attribution)
    result: Found | None = None
    #: the names of the rules that applied or decided, in order
    trace: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, sent: Sent, index: int, verb: Token, quotes: list[QuoteSpan], scope: Scope) -> Case:
        """A fresh case for ``verb``, the ``index``-th sentence ``sent`` of its document."""
        subject = subject_of(verb)
        return cls(
            sent=sent,
            index=index,
            verb=verb,
            quotes=quotes,
            scope=scope,
            text=doc_text(sent.doc),
            lemma=cue_lemma(verb),
            subject=subject,
            asked=is_asked(verb, subject),
        )

    @property
    def head(self) -> Token | None:
        """The content head: the object of a view ("see X as Y"), else the clause."""
        return self.seen[0] if self.seen is not None else self.clause

    @property
    def reports_clause(self) -> bool:
        """Whether the verb reports a clause or an infinitive ("said that", "vowed to")."""
        return self.clause is not None and self.clause.dep_ in {"ccomp", "xcomp"}


@dataclass(frozen=True)
class Rule:
    """A named rule of the table: the phase it belongs to, the scopes it applies in, and what
    it does to a case (its docstring says why)."""

    name: str
    phase: Phase
    scopes: frozenset[Scope]
    apply: Callable[[Case], Step]


_BOTH = frozenset(Scope)
_SPEECH = frozenset({Scope.SPEECH})
_STANCE = frozenset({Scope.STANCE})


def _end_if(condition: bool) -> Step:
    return Step.END if condition else Step.SKIP


# -- veto ---------------------------------------------------------------------------------


def _desire(case: Case) -> Step:
    """Desire and intention ("hoped that ...", "sought a subsidy", "decided to wait":
    :data:`cues_table.DESIRE_VERBS`) say what someone wants, not what they said."""
    return _end_if(lemma_of(case.verb) in DESIRE_VERBS)


def _act_not_done(case: Case) -> Step:
    """ "no guarantee he would name X", "an opportunity to bash X", "ways to express it": an
    act not done."""
    verb = case.verb
    unreal = verb.dep_ == "acl" and verb.tag_ == "VB"
    return _end_if(unreal or (verb.dep_ in {"acl", "relcl"} and is_infinitive(verb)))


def _who_someone_is(case: Case) -> Step:
    """ "Canova, who is challenging Wasserman Schultz": who someone is, not a stance taken."""
    return _end_if(case.verb.dep_ == "relcl" and case.verb.tag_ == "VBG")


def _quoted_as_saying(case: Case) -> Step:
    """ "was quoted by Y as saying ...": the words are the inner verb's."""
    verb = case.verb
    return _end_if(any(quoted_as(c) for p in verb.children if p.lower_ == "as" for c in p.children))


# -- subject ------------------------------------------------------------------------------


def _asker(case: Case) -> Step:
    """ "X was asked about Y", "Asked if ..., X said": the asker (often unnamed) asked Y."""
    if not case.asked:
        return Step.SKIP
    case.subject = agent_of(case.verb)
    return Step.APPLY


def _asked(case: Case) -> Step:
    """A question put to someone is no speech of theirs (the stance scope keeps the asker)."""
    return _end_if(case.asked)


def _addressed(case: Case) -> Step:
    """ "the navy had been asked to ...": the navy is addressed, not speaking."""
    subject = case.subject
    passive = subject is not None and subject.dep_ == "nsubjpass"
    return _end_if(not case.asked and passive and case.lemma in ADDRESSED_VERBS)


def _raising_inner_cue(case: Case) -> Step:
    """ "seemed to confirm the critiques": the inner verb's attribution, its cue over both."""
    verb = case.verb
    return _end_if(
        case.lemma in RAISING_VERBS
        and any(c.dep_ == "xcomp" and c.i == verb.i + 2 and is_cue(c) for c in verb.children)
    )


def _raised(case: Case) -> bool:
    """ "Coal use appears to have declined", "Clinton is expected to win"."""
    subject = case.subject
    expected = case.lemma == "expect" and subject is not None and subject.dep_ == "nsubjpass"
    return case.lemma in RAISING_VERBS or expected


def _hedge(case: Case) -> Step:
    """A judgement with no named holder (:func:`constructions.hedge`): its subject belongs to
    the content."""
    if not _raised(case):
        return Step.SKIP
    case.result = hedge(case.text, case.index, case.verb, case.subject)
    return Step.END


def _no_hedge(case: Case) -> Step:
    """The speech scope leaves judgements with no named holder out."""
    return _end_if(_raised(case))


def _hearsay(case: Case) -> Step:
    """ "Priebus was said to be furious": hearsay from nobody named, in either scope; the
    subject is what is said about, never the speaker."""
    verb, subject = case.verb, case.subject
    if subject is None or subject.dep_ != "nsubjpass" or case.lemma not in HEARSAY_PASSIVES:
        return Step.SKIP
    if not any(c.dep_ == "xcomp" and c.i > verb.i and is_infinitive(c) for c in verb.children):
        return Step.SKIP
    case.result = hedge(case.text, case.index, verb, subject)
    return Step.END


def _passive_agent(case: Case) -> Step:
    """ "remarks by X were interpreted by some as a threat": the agent holds the view. Not in
    "X was quoted by Y as saying" (X speaks, Y is a hop) nor for passives whose subject still
    speaks ("was reported to have"), unless "by X" reports it ("first reported by Politico").
    """
    subject = case.subject
    if subject is None or subject.dep_ != "nsubjpass" or quoted_as(case.verb):
        return Step.SKIP
    case.passive = subject
    if case.lemma not in SPEAKING_PASSIVES or reported_by(case.verb):
        case.subject = agent_of(case.verb)
    return Step.APPLY


# -- content ------------------------------------------------------------------------------


def _content_head(case: Case) -> Step:
    """The clause or object the verb governs (:func:`clauses.content_head`; in the stance
    scope a speech verb's object is its content too: "denounced the attacks")."""
    case.clause, case.prep = content_head(case.verb, case.scope)
    return Step.APPLY


def _tagged_quote(case: Case) -> Step:
    """'"A," X said on the show "B."': the tag's quote is what is said, not a title after
    the verb (:func:`quote_tags.tags_lead`)."""
    verb, clause, lemma = case.verb, case.clause, case.lemma
    speaks = lemma in SPEECH_VERBS or lemma in QUOTE_TAG_VERBS
    if clause is None or clause.i <= verb.i or not speaks:
        return Step.SKIP
    lead = leading_quote(case.text, case.quotes, verb, case.subject)
    if lead is None or not tags_lead(case.text, case.quotes, lead, verb, clause):
        return Step.SKIP
    case.clause = None
    return Step.APPLY


def _preposition_only(case: Case) -> Step:
    """ "spoke about the plan" is a stance; "spoke at a rally" is none."""
    return _end_if(case.lemma in PREPOSITION_ONLY_VERBS and case.prep is None)


def _no_statement(case: Case) -> Step:
    """ "continues to trail", "continue her momentum": a quote-tag verb without a reported
    clause states nothing (it may still tag a quote)."""
    clause = case.clause
    if case.lemma not in QUOTE_TAG_VERBS or clause is None or clause.dep_ == "ccomp":
        return Step.SKIP
    case.clause = None
    return Step.APPLY


def _passive_content(case: Case) -> Step:
    """ "X was criticized by Y": the passive subject is what the agent's stance is about."""
    if case.passive is None or case.subject is None or case.clause is not None:
        return Step.SKIP
    case.clause = case.passive
    return Step.APPLY


def _unheld(case: Case) -> Step:
    """ "The plan was announced": a stance taken by nobody named
    (:func:`constructions.unheld_passive`)."""
    passive = case.passive
    if passive is None or case.subject is not None or case.clause is not None:
        return Step.SKIP
    if case.lemma in NOT_UNHELD_PASSIVES or is_asked(case.verb, passive):
        return Step.SKIP
    case.result = unheld_passive(case.text, case.index, case.verb, passive)
    return Step.END


def _inner_cue(case: Case) -> bool:
    """ "went on to say", "tended to support": the inner verb is the cue. Not a request
    ("asked them to support", "called on X to attack"), nor a verb that comes first
    (:data:`cues_table.OUTER_FIRST_VERBS`)."""
    clause, lemma = case.clause, case.lemma
    if clause is None or clause.dep_ != "xcomp" or not is_cue(clause):
        return False
    if lemma in ADDRESSED_VERBS or object_between(case.verb, clause):
        return False
    return lemma not in OUTER_FIRST_VERBS


def _inner_stance(case: Case) -> Step:
    """The inner verb's attribution, found when the table reaches it."""
    return _end_if(_inner_cue(case))


def _inner_speech(case: Case) -> Step:
    """The inner verb's attribution when it is a speech verb ("went on to say"); "tried to
    stop" stays the outer verb's."""
    clause = case.clause
    return _end_if(_inner_cue(case) and clause is not None and lemma_of(clause) in SPEECH_VERBS)


def _view(case: Case) -> Step:
    """ "voters see him as honest": a view, of the object as what the "as" phrase says."""
    if case.lemma != "see":
        return Step.SKIP
    case.seen = seen_as(case.verb)
    return Step.SKIP if case.seen is None else Step.APPLY


def _thought_without_clause(case: Case) -> Step:
    """ "knew the area", "saw the crowd": a thought verb with no reported clause reports
    nothing."""
    lemma, clause = case.lemma, case.clause
    thought = lemma in THOUGHT_VERBS and lemma not in SPEECH_VERBS | STANCE_VERBS
    no_clause = clause is None or clause.dep_ != "ccomp"
    return _end_if(thought and case.seen is None and no_clause)


def _positions(case: Case) -> Step:
    """Positions and stances ("backed the plan") count only in the stance scope; in speech a
    stance verb must report a clause ("fears that ...")."""
    speech = case.lemma in SPEECH_VERBS or case.lemma in QUOTE_TAG_VERBS
    return _end_if(not speech and not case.reports_clause)


def _clause_span(case: Case) -> Step:
    """The content head's span (:func:`extents.clause_span`). Who is asked is part of what is
    asked ("asked the congregation to stand"; "on" in "called on the governor to resign"
    belongs to the cue); a clause inside one quote is that quote; a quote closing just after
    the clause is part of it."""
    node, text, verb = case.head, case.text, case.verb
    if node is None:
        return Step.SKIP
    content = clause_span(text, verb, node)
    if node.dep_ in {"xcomp", "advcl"} and is_infinitive(node):
        who = addressee_before(verb, node, PREPOSITION_VERBS.get(case.lemma, frozenset()))
        if who is not None:
            content = (who.left_edge.idx, content[1])
            case.prep = who.head if who.dep_ == "pobj" else case.prep
    quotes = case.quotes
    holder = next((q for q in quotes if q.start <= content[0] and content[1] <= q.end), None)
    if holder is not None:
        content = (holder.start, holder.end)
    for q in quotes:
        if content[0] <= q.start < content[1] < q.end <= content[1] + 3:
            content = (content[0], q.end)
    case.content = content
    case.rule = f"verb.{node.dep_}"
    return Step.APPLY


# -- kind ---------------------------------------------------------------------------------


def _quoted_clause(case: Case) -> Step:
    """Quote marks inside the clause's span: one quote that is the whole span makes a direct
    attribution (the content is the quote), others a mixed one."""
    content = case.content
    if case.head is None or content is None:
        return Step.SKIP
    inner = [q for q in case.quotes if content[0] <= q.start and q.end <= content[1] + 1]
    if not inner:
        return Step.SKIP
    whole = inner[0].start <= content[0] + 1 and inner[-1].end >= content[1] - 1
    case.kind = "direct" if whole and len(inner) == 1 else "mixed"
    if case.kind == "direct":
        case.content = (inner[0].start, inner[0].end)
    case.balanced = all(q.balanced for q in inner)
    return Step.APPLY


def _seen_as(case: Case) -> Step:
    """A view ("see the campaign as most unfair") runs to the end of its "as" phrase, however
    the parser hung that phrase."""
    content, seen = case.content, case.seen
    if seen is None or content is None:
        return Step.SKIP
    case.content = (content[0], max(content[1], seen[1].idx + len(seen[1])))
    case.rule = "verb.seen_as"
    return Step.APPLY


def _parenthetical(case: Case) -> Step:
    """ "That, the commission said, would help": a tag set inside the clause it reports; the
    content is the pieces around it (:func:`tags.parenthetical`)."""
    if case.head is not None or case.lemma not in SPEECH_VERBS:
        return Step.SKIP
    pieces = parenthetical(case.text, case.verb)
    if pieces is None:
        return Step.SKIP
    content = case.content = pieces[0]
    case.more = pieces[1:]
    touched = [q for q in case.quotes if content[0] <= q.end and q.start <= pieces[-1][1]]
    case.kind = "mixed" if touched else "indirect"
    case.balanced = all(q.balanced for q in touched)
    case.rule = "verb.parenthetical"
    return Step.APPLY


def _quote_tag(case: Case) -> Step:
    """'"A," X said', 'X said: "A"': a speech verb with no content of its own tags the quote
    next to it (:func:`quote_tags.near_quote`)."""
    content, lemma = case.content, case.lemma
    if content is not None and content[0] < content[1]:
        return Step.SKIP
    if lemma not in SPEECH_VERBS and lemma not in QUOTE_TAG_VERBS:
        return Step.SKIP
    quote = near_quote(case.quotes, case.sent, case.verb)
    if quote is None:
        return Step.SKIP
    case.content, case.kind, case.balanced = (quote.start, quote.end), "direct", quote.balanced
    return Step.APPLY


def _too_short(case: Case) -> Step:
    """No content, or under three characters that are no answer ("said no")."""
    content = case.content
    if content is None:
        return Step.END
    answer = case.text[content[0] : content[1]].lower() in ANSWERS
    return _end_if(content[1] - content[0] < 3 and not answer)


# -- speaker ------------------------------------------------------------------------------


def _subject_in_content(case: Case) -> Step:
    """'X riffed on it, telling the crowd, "Some people ..."': the parser hung the
    participle inside the quote; the speaker is the subject of the clause before it."""
    subject, content = case.subject, case.content
    if subject is None or content is None or not content[0] <= subject.idx < content[1]:
        return Step.SKIP
    root = case.sent.root
    subject = subject_of(root) if root.i < case.verb.i and root.idx < content[0] else None
    if subject is not None and content[0] <= subject.idx < content[1]:
        subject = None
    case.subject = subject
    return Step.APPLY


def _no_speaker(case: Case) -> Step:
    """No speaker and no quote of its own: nothing to attribute."""
    return _end_if(case.subject is None and case.kind != "direct")


def _sourceless(case: Case) -> Step:
    """A reported clause with nobody reporting it ("It was announced that ...": PolNeAR's
    attributions without a source), but not an infinitive with no holder ("it is too early to
    say whether ...") nor "no way of knowing what ..."."""
    if case.subject is not None or case.kind == "direct":
        return Step.SKIP
    head, verb = case.head, case.verb
    reported = case.asked or (head is not None and head.dep_ == "ccomp")
    return _end_if(not reported or is_infinitive(verb) or verb.dep_ == "pcomp")


def _tag_only(case: Case) -> Step:
    """A verb past the speech scope's :func:`_positions` only as a quote tag ("continued the
    tradition" is none) attributes only a quote."""
    tag = case.lemma not in SPEECH_VERBS and not case.reports_clause
    return _end_if(tag and case.kind != "direct")


#: The verb rules in the order they run. A rule applies only in its scopes; the first one
#: that ends a case decides it, and a case no rule ends becomes a :class:`Found` (:func:`_found`).
RULES: tuple[Rule, ...] = (
    Rule("veto.desire", Phase.VETO, _SPEECH, _desire),
    Rule("veto.act_not_done", Phase.VETO, _BOTH, _act_not_done),
    Rule("veto.who_someone_is", Phase.VETO, _STANCE, _who_someone_is),
    Rule("veto.quoted_as_saying", Phase.VETO, _BOTH, _quoted_as_saying),
    Rule("subject.asker", Phase.SUBJECT, _STANCE, _asker),
    Rule("subject.asked", Phase.SUBJECT, _SPEECH, _asked),
    Rule("subject.addressed", Phase.SUBJECT, _BOTH, _addressed),
    Rule("subject.raising_inner_cue", Phase.SUBJECT, _BOTH, _raising_inner_cue),
    Rule("subject.hedge", Phase.SUBJECT, _STANCE, _hedge),
    Rule("subject.no_hedge", Phase.SUBJECT, _SPEECH, _no_hedge),
    Rule("subject.hearsay", Phase.SUBJECT, _BOTH, _hearsay),
    Rule("subject.passive_agent", Phase.SUBJECT, _BOTH, _passive_agent),
    Rule("content.head", Phase.CONTENT, _BOTH, _content_head),
    Rule("content.tagged_quote", Phase.CONTENT, _BOTH, _tagged_quote),
    Rule("content.preposition_only", Phase.CONTENT, _BOTH, _preposition_only),
    Rule("content.no_statement", Phase.CONTENT, _BOTH, _no_statement),
    Rule("content.passive_subject", Phase.CONTENT, _STANCE, _passive_content),
    Rule("content.unheld_passive", Phase.CONTENT, _STANCE, _unheld),
    Rule("content.inner_cue", Phase.CONTENT, _STANCE, _inner_stance),
    Rule("content.inner_speech_cue", Phase.CONTENT, _SPEECH, _inner_speech),
    Rule("content.view", Phase.CONTENT, _BOTH, _view),
    Rule("content.thought_without_clause", Phase.CONTENT, _BOTH, _thought_without_clause),
    Rule("content.positions", Phase.CONTENT, _SPEECH, _positions),
    Rule("content.clause_span", Phase.CONTENT, _BOTH, _clause_span),
    Rule("kind.quoted_clause", Phase.KIND, _BOTH, _quoted_clause),
    Rule("kind.seen_as", Phase.KIND, _BOTH, _seen_as),
    Rule("kind.parenthetical", Phase.KIND, _BOTH, _parenthetical),
    Rule("kind.quote_tag", Phase.KIND, _BOTH, _quote_tag),
    Rule("kind.too_short", Phase.KIND, _BOTH, _too_short),
    Rule("speaker.subject_in_content", Phase.SPEAKER, _BOTH, _subject_in_content),
    Rule("speaker.none", Phase.SPEAKER, _SPEECH, _no_speaker),
    Rule("speaker.sourceless", Phase.SPEAKER, _STANCE, _sourceless),
    Rule("speaker.tag_only", Phase.SPEAKER, _SPEECH, _tag_only),
)


def verb_found(
    sent: Sent, index: int, verb: Token, quotes: list[QuoteSpan], scope: Scope
) -> Found | None:
    """The attribution a cue ``verb`` makes in the ``index``-th sentence ``sent``, if any."""
    return decide(Case.of(sent, index, verb, quotes, scope))


def decide(case: Case) -> Found | None:
    """Run :data:`RULES` on ``case``; ``case.trace`` records the rules that applied, the last
    one the rule that decided when a rule ended the case."""
    for rule in RULES:
        if case.scope not in rule.scopes:
            continue
        step = rule.apply(case)
        if step is Step.SKIP:
            continue
        case.trace.append(rule.name)
        if step is Step.END:
            return case.result
    return _found(case)


def _found(case: Case) -> Found:
    """The attribution of a case no rule ended: its cue phrase, content, speaker mention."""
    text, verb, content = case.text, case.verb, case.content
    assert content is not None, "kind.too_short ends every case without content"
    cue = cue_extent(text, verb, case.prep, content, case.subject)
    if content[0] < cue[1] <= content[1] and content[0] >= cue[0]:
        content = trim(text, cue[1], content[1])  # "called for" took the content's "for"
    found = Found(
        kind=case.kind, content=content, sentence=case.index, cue=cue, cue_lemma=case.lemma
    )
    found.rule = case.rule
    subject = case.subject
    if subject is not None and any(ch.isalpha() for ch in words_of(subject)):
        found.source = np_span(text, subject)
        found.source_head = subject
        relative = relative_subject(verb)
        if relative is not None:
            # "voters who said ...": the mention is "who", the speaker its antecedent
            cut = [t for t in subject.subtree if t.i < relative.i]
            found.antecedent = trim(text, *span(cut[0], cut[-1])) if cut else found.source
            found.source = span(relative, relative)
    found.more = case.more
    found.addressee = addressee_of(text, verb)
    found.confidence = (0.9 if subject is not None else 0.6) * (1.0 if case.balanced else 0.6)
    return found
