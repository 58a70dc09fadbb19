"""The reporting-cue lexicon, as data.

Each verb lemma is listed with what it can introduce. ``speech`` verbs introduce direct quotes
and reported clauses ("said", "told"); ``thought`` verbs introduce only reported clauses
("believes that ..."), never a free-standing quote, because "I think" inside a quote is not an
attribution of the quote; ``object`` verbs take their content as a direct object ("claiming an
immediate threat", "denied the report"). The sourcing phrases at the end are the links of a
chain: who passed the statement on.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A word table written as prose: one string, split on white space."""
    return frozenset(text.split())


#: Verbs that report speech: they attribute a clause, an object or a quote next to them.
SPEECH_VERBS: frozenset[str] = _words(
    """
    say tell add state note explain write tweet post announce declare claim assert insist
    maintain argue contend suggest warn caution ask urge reply respond answer repeat reiterate
    stress emphasize emphasise acknowledge admit concede confirm deny reveal disclose report
    recall predict promise vow pledge threaten accuse allege charge complain describe conclude
    observe remark comment testify estimate mention point blast slam praise criticize criticise
    question inform advise propose recommend demand agree counter retort quip joke boast lament
    muse hint indicate imply signal tout brag scoff snap shout cry whisper mutter proclaim
    affirm concur dispute rebut reject dismiss hail applaud welcome condemn denounce lambast
    mock blame forecast clarify elaborate specify guarantee assure reassure swear attest
    certify email text boom beam exclaim write wonder yell chant interject retweet reaffirm
    bemoan chide rebuke vouch
    """
)

#: Verbs of stance, judgement and position that news attribution also covers ("endorsed X",
#: "expects that ..."), studied on the PolNeAR training split: kept only where they head an
#: attribution in at least about half of their uses with a subject and a complement (the last
#: six, "balk" to "remember", were added at .43 to 1.0 exact cue precision on train).
STANCE_VERBS: frozenset[str] = _words(
    """
    allude anger assail attribute brush cite compare decline deem defend detail discuss
    doubt echo endorse envision expect express fear highlight interpret list order
    outline plead portray prefer quote rail rebuff refer reference refuse regard remind
    repudiate seem suspect advocate apologize challenge debate nominate
    oppose persuade push seek show thank underscore view worry call appear attack
    bash cheer consider continue decry dislike document hope identify insult judge label liken
    name offer pitch plan protest publish react recognize request rule share side speculate
    talk utter support back want decide ignore read favor aim congratulate disavow target
    project resist contrast speak balk press encourage title intend remember
    """
)

#: Verbs of desire and intention ("hoped that ...", "wanted the county to ...", "sought a
#: meeting", "decided to wait"): what someone wishes or means to do, not what they said. They
#: are stances, in the ``stance`` scope only; the default ``speech`` scope leaves them out even
#: with a reported clause (issue 15: "hoped", "wanted" filled the speech output).
DESIRE_VERBS: frozenset[str] = _words("hope want wish seek decide intend plan aim desire")

#: Verbs of belief and knowledge: an attribution only with a reported clause ("voters believe
#: that ...", "a poll found that ..."), never with an object or a free-standing quote.
THOUGHT_VERBS: frozenset[str] = _words(
    """
    think believe feel know find understand realize realise guess imagine suppose
    reckon learn see sense
    """
)

#: Nouns that name a speech act or a stance; with a possessor ("her attack on ...") they
#: are attributions in the stance scope. "criticism" and "support" are left out: on PolNeAR
#: train their possessed uses ("his support for X") were attributions 1 time in 6 and in 10.
CUE_NOUNS: frozenset[str] = _words(
    """
    endorsement concern claim view belief opinion promise pledge vow warning plea
    demand request argument assertion praise attack remark opposition insistence
    suggestion threat accusation allegation denial admission hope fear wish stance
    """
)

#: Speech acts said with a light verb ("made the case that ...", "made no mention of X",
#: "took issue with Y", "cast doubt on Z", "voiced support for W"), each with the lexicon verb
#: it stands for. On PolNeAR train these are cues when a clause or a linking preposition
#: follows the noun (about half of all uses of "make"; "made his remarks" alone is none).
LIGHT_SPEECH_ACTS: dict[tuple[str, str], str] = {
    **{
        ("make", noun): verb
        for noun, verb in {
            "case": "argue",
            "point": "argue",
            "argument": "argue",
            "statement": "state",
            "comment": "comment",
            "remark": "remark",
            "mention": "mention",
            "allegation": "allege",
            "accusation": "accuse",
            "call": "call",
            "suggestion": "suggest",
            "reference": "refer",
            "promise": "promise",
            "joke": "joke",
            "claim": "claim",
            "threat": "threaten",
            "plea": "plead",
            "prediction": "predict",
            "announcement": "announce",
            "attack": "attack",
        }.items()
    },
    ("take", "issue"): "dispute",
    ("take", "aim"): "attack",
    ("take", "shot"): "attack",
    ("take", "swipe"): "attack",
    ("cast", "doubt"): "doubt",
    ("voice", "support"): "support",
    ("voice", "concern"): "worry",
    ("voice", "opposition"): "oppose",
    ("voice", "doubt"): "doubt",
}

#: Speech verbs whose direct object is a message or a medium, not a stance ("posted a video",
#: "wrote a book", "added a line"): measured on PolNeAR train, their objects are mostly not
#: attributions, while the objects of other speech verbs mostly are.
SPEECH_MEDIA_OBJECTS: frozenset[str] = _words("post maintain email signal add write")

#: Verbs whose content is their direct object when they have no clause ("claiming a threat").
OBJECT_VERBS: frozenset[str] = _words(
    """
    claim deny allege cite describe call announce criticize criticise praise blame urge
    demand propose promise reject dismiss welcome condemn endorse support oppose question
    acknowledge admit confirm predict mock slam blast defend express voice echo outline
    tout quote reference mention highlight discuss repudiate thank challenge nominate
    detail unveil lament accuse
    """
)

#: Verbs whose content may follow a preposition ("referring to X", "called for X").
PREPOSITION_VERBS: dict[str, frozenset[str]] = {
    "refer": frozenset({"to"}),
    "balk": frozenset({"at"}),
    "press": frozenset({"for"}),
    "call": frozenset({"for", "on"}),
    "point": frozenset({"to"}),
    "allude": frozenset({"to"}),
    "rail": frozenset({"against"}),
    "complain": frozenset({"about"}),
    "warn": frozenset({"about", "against", "of"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of"}),
    "ask": frozenset({"about"}),
    "hint": frozenset({"at"}),
    "apologize": frozenset({"for"}),
    "question": frozenset({"about"}),
    "comment": frozenset({"on"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "joke": frozenset({"about"}),
    "vouch": frozenset({"for"}),
    "caution": frozenset({"against"}),
    "push": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "assure": frozenset({"of"}),
    "respond": frozenset({"to"}),
}

#: Passives whose preposition PolNeAR's cues keep: "is known for", "was suspected of".
PASSIVE_PREPOSITIONS: dict[str, frozenset[str]] = {
    "know": frozenset({"for", "as"}),
    "see": frozenset({"as"}),
    "suspect": frozenset({"of"}),
    "persuade": frozenset({"of"}),
    "blame": frozenset({"for"}),
}

#: Passives that PolNeAR train mostly does not mark as a stance held by nobody ("is supposed
#: to", "was found", "were called"); "expected" is a hedge of its own.
NOT_UNHELD_PASSIVES: frozenset[str] = _words(
    """
    expect suppose find believe deny decide attribute write offer publish discuss conclude
    read propose call see consider ask tell
    """
)

#: Verbs whose infinitive is their content even when it is a cue itself: PolNeAR's
#: annotators mark "refused" in "refused to endorse" (train: outer alone 31, one cue over both 7).
OUTER_FIRST_VERBS: frozenset[str] = _words("refuse plan seek want pledge vow promise intend prefer")

#: Verbs whose passive subject is the addressee ("was told", "were urged").
ADDRESSED_VERBS: frozenset[str] = _words("ask tell urge order inform advise warn remind")

#: One-word answers that are a whole content ("46 percent said yes", "said so").
ANSWERS: frozenset[str] = _words("yes no so")

#: Verbs that are cues only with their preposition ("spoke about X"; PolNeAR train: 10 of 11
#: right, against 3 of 17 for "spoke" alone).
PREPOSITION_ONLY_VERBS: frozenset[str] = _words("speak")

#: Verbs whose content can be an embedded question ("asked workers if they planned ...").
QUESTION_VERBS: frozenset[str] = _words("ask wonder question inquire")

#: The channel a statement went through ("in a tweet", "in an interview"), never its content.
MEDIUM_NOUNS: frozenset[str] = _words(
    """
    interview statement tweet post speech broadcast debate letter email appearance video radio
    television conference rally event
    """
)

#: Media that PolNeAR's annotators keep in the cue when the content follows them directly
#: ("said in a statement that ...": 9 cues gained, 2 lost on train; debates, rallies: mostly not).
WRITTEN_MEDIA: frozenset[str] = _words("statement interview email letter tweet post")

#: Words that make "X:" a label ("Update:", "Watch:") rather than a speaker.
SPEAKER_LABELS: frozenset[str] = _words(
    """
    update watch read related breaking video photo source note editor correction exclusive live
    listen see more also analysis opinion poll question answer q a transcript quote day week
    address hours phone telephone tel email website price prices tickets admission cost
    location venue where when date dates contact directions parking menu ingredients serves
    courtesy credit credits subscribe newsletter episode
    """
)

#: Nouns that take a that-clause of their own ("the fact that ...", "reports that ..."): a
#: clause on them after a speech verb is theirs, not the verb's content.
COMPLEMENT_NOUNS: frozenset[str] = CUE_NOUNS | _words(
    "fact possibility sign idea notion news revelation chance report event case rumor"
)

#: Verbs that report a judgement without saying whose: "X seems to ...", "X appears to ...".
RAISING_VERBS: frozenset[str] = frozenset({"seem", "appear"})
#: Passives that pass on hearsay with an infinitive ("was said to be furious", "is reported to
#: have left"): the subject is talked about, and nobody named speaks (train: "said to" 4 of 4).
HEARSAY_PASSIVES: frozenset[str] = frozenset({"say", "report", "rumor", "allege"})

#: Verbs that tag a quote next to them ('"...," he continued') but are no speech verbs.
QUOTE_TAG_VERBS: frozenset[str] = frozenset({"continue"})

#: Passive cues whose subject is still the speaker ("X was quoted as saying").
SPEAKING_PASSIVES: frozenset[str] = frozenset({"quote", "report", "hear", "cite"})

#: Phrasal verbs read as a lexicon lemma: '"...," Trump went on' is "continue".
PHRASAL_LEMMAS: dict[tuple[str, str], str] = {("go", "on"): "continue"}

#: Lemma a cue phrase is reported under, for phrases that are not single verbs.
PHRASE_LEMMAS: dict[str, str] = {
    "according to": "according to",
    "as per": "as per",
    "citing": "cite",
    "quoted by": "quote",
}

#: Verbs that, with a clause of their own, mean "passed on what someone else said".
RELAY_VERBS: frozenset[str] = frozenset({"report", "cite", "quote", "carry", "broadcast"})

#: Every single-word cue of the lexicon (verbs of each class, cue nouns, verbs that take their
#: content through a preposition): what the lemma table inflects and what the cheap
#: candidate pass looks for before parsing.
CUE_WORDS: frozenset[str] = (
    SPEECH_VERBS
    | STANCE_VERBS
    | THOUGHT_VERBS
    | OBJECT_VERBS
    | RELAY_VERBS
    | CUE_NOUNS
    | frozenset(PREPOSITION_VERBS)
)

#: Medium and addressee phrases: the preposition after the cue and the relation it names.
MEDIUM_PREPOSITIONS: dict[str, str] = {
    "on": "on",  # wrote on X, said on state television
    "to": "to",  # in a statement to Reuters
    "with": "interview",  # in an interview with CNN
}

#: Honorifics and titles kept as roles, never as part of a canonical name.
HONORIFICS: frozenset[str] = _words(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame ayatollah sheikh sheik imam rev rev.
    reverend father sister brother lord lady madam mister gen gen. general col col. colonel maj
    maj. major capt capt. captain lt lt. sgt sgt. sen sen. senator rep rep. representative gov
    gov. governor president pres. prime minister chancellor king queen prince princess emir
    sultan judge justice mayor chief secretary ambassador commissioner director officer
    """
)

PRONOUNS: dict[str, str] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "they": "plural",
    "them": "plural",
    "it": "neuter",
    "i": "self",
    "we": "self",
    "you": "other",
}
