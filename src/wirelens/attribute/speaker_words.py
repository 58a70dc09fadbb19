"""The words speaker resolution reads: role nouns, document nouns, relatives, group nouns.

Kept apart from :mod:`speakers` so the resolver reads as rules, not lists. Every list is about
English news usage; none is a claim about any person.
"""

from __future__ import annotations

__all__ = [
    "DEFINITE",
    "DOCUMENT_VERBS",
    "GENDERED_ROLES",
    "ISSUED",
    "KIN",
    "ORG_CLASSES",
    "ORG_NOUNS",
    "ORG_OF_PERSON",
    "ORG_VOICES",
    "OWN_WORDS",
    "PERSON_ROLES",
    "RELATIVES",
    "ROLE_WORDS",
    "SAME_DOCUMENT",
    "STATUS_NOUNS",
    "VOICE_NOUNS",
]

ROLE_WORDS = frozenset(
    [
        "minister",
        "president",
        "leader",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officials",
        "secretary",
        "chief",
        "director",
        "governor",
        "mayor",
        "senator",
        "ambassador",
        "commissioner",
        "chairman",
        "chairwoman",
        "chair",
        "premier",
        "chancellor",
        "adviser",
        "advisor",
        "analyst",
        "expert",
        "doctor",
        "professor",
        "economist",
        "lawyer",
        "police",
        "officer",
        "general",
        "commander",
        "manager",
        "executive",
        "ceo",
        "founder",
        "head",
        "envoy",
        "negotiator",
        "diplomat",
    ]
)


#: Role heads (as :func:`roles.role_word` gives them) by which news copy refers back to the
#: person an article is about, often without having given that role by name: "the Republican
#: nominee", "the former secretary of State", "the New York businessman", "the actress".
#: Roles that anonymous sources hold ("the spokesman", "the official", "the analyst") are not
#: here: a definite one of those refers back to an unnamed "a spokesman" as often as not.
STATUS_NOUNS = frozenset(
    """candidate nominee frontrunner front-runner businessman businesswoman mogul billionaire
    developer actress actor star singer comedian host anchor columnist commentator pundit
    senator congressman governor mayor president secretary minister chancellor lawmaker
    chairman chairwoman winner veteran captain strategist lady mother father""".split()  # noqa: SIM905
)

#: Role heads only a person holds (a headline's "Former DNC chairman", "Member of House panel"
#: is a person; "A new poll" is not).
PERSON_ROLES = ROLE_WORDS - {"police", "official", "officials", "head"} | STATUS_NOUNS | {"member"}

#: Nouns through which an organisation speaks: "figures from X", "a spokesman for X".
VOICE_NOUNS = frozenset(
    [
        "figures",
        "data",
        "report",
        "statement",
        "study",
        "survey",
        "poll",
        "estimates",
        "statistics",
        "numbers",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "release",
        "notice",
        "analysis",
        "review",
        "ad",
        "tweet",
        "brief",
        "letter",
        "memo",
        "book",
        "memoir",
        "account",
        "ruling",
        "records",
        "record",
        "filings",
        "filing",
        "email",
        "document",
        "page",
        "piece",
        "feature",
        "article",
        "story",
        "column",
        # singular forms, as noun_form gives them
        "figure",
        "estimate",
        "statistic",
        "number",
    ]
)

#: Documents a speaker issues: "the statement said" with no statement mentioned before is the
#: latest speaker's ("The campaign responded that ... '...,' the statement said").
ISSUED = frozenset("statement email letter memo release tweet".split())  # noqa: SIM905

#: Nouns a later "the piece", "the book" may use for a document the text introduced with
#: another ("The Washington Post ran a feature ..." ... "The piece"; "Mariano wrote a memoir").
_ARTICLES = frozenset("piece feature article story column report".split())  # noqa: SIM905
_BOOKS = frozenset({"book", "memoir"})
SAME_DOCUMENT = {noun: kind for kind in (_ARTICLES, _BOOKS) for noun in kind}

#: Verbs that issue a document the text later calls by a noun of another form: "The appeals
#: court ruled that ..." ... "'...,' said the ruling" (the pipeline runs no lemmatizer).
DOCUMENT_VERBS = {
    "ruling": frozenset({"rule", "rules", "ruled"}),
    "decision": frozenset({"decide", "decides", "decided"}),
    "analysis": frozenset({"analyze", "analyzed", "analyse", "analysed"}),
    "statement": frozenset({"state", "states", "stated"}),
}

#: Relatives: "X's wife" is not X, but another person of X's surname.
KIN = {
    "wife": "female",
    "ex-wife": "female",
    "widow": "female",
    "mother": "female",
    "daughter": "female",
    "sister": "female",
    "niece": "female",
    "husband": "male",
    "ex-husband": "male",
    "widower": "male",
    "father": "male",
    "son": "male",
    "brother": "male",
    "nephew": "male",
}
#: Role nouns that say a person's gender when the text gives them to a name ("Hope Hicks, a
#: campaign spokeswoman"; "actress Jane Roe"): relatives, and nouns marked -woman/-man/-ess.
#: "chairman" and "actor" are left out: news copy uses them for women too.
GENDERED_ROLES = {
    **KIN,
    "spokeswoman": "female",
    "businesswoman": "female",
    "congresswoman": "female",
    "chairwoman": "female",
    "councilwoman": "female",
    "anchorwoman": "female",
    "actress": "female",
    "heiress": "female",
    "lady": "female",
    "duchess": "female",
    "spokesman": "male",
    "businessman": "male",
    "councilman": "male",
    "anchorman": "male",
}
#: Groups that speak for a named person as an organisation: "the Obama administration".
ORG_OF_PERSON = {
    "campaign": "campaign",
    "camp": "campaign",
    "aide": "campaign",
    "aides": "campaign",
    "staff": "campaign",
    "team": "campaign",
    "operative": "campaign",
    "administration": "administration",
    "government": "administration",
}
#: What a person owns that speaks for them: "her submission to the court", "his website".
OWN_WORDS = frozenset(
    "submission website commentary remarks comments testimony complaint filing post".split()  # noqa: SIM905
)
#: Words of an organisation's name that a generic noun may stand for ("the agency").
ORG_CLASSES = {
    "agency": {"agency", "department", "administration", "bureau", "service", "commission"},
    "department": {"department", "agency"},
    "union": {"union", "association", "federation", "guild"},
    "panel": {"panel", "committee", "subcommittee", "commission"},
    "committee": {"committee", "panel", "subcommittee"},
    "bloc": {"union", "bloc", "alliance"},
    "newspaper": {"times", "post", "journal", "herald", "tribune", "gazette"},
    "paper": {"times", "post", "journal", "herald", "tribune", "gazette"},
    "fund": {"fund"},
    "court": {"court"},
    "council": {"council"},
}
#: Generic nouns an organisation's name may modify: "the Future45 group", "the Gallup
#: organization" (the organisation is the name, not "Future45 group").
ORG_NOUNS = frozenset(
    "group organization organisation pac network company firm outfit coalition".split()  # noqa: SIM905
)
#: People who speak for the organisation their compound names: "administration officials".
ORG_VOICES = frozenset({"official", "spokesman", "spokeswoman", "spokesperson"})
RELATIVES = frozenset({"who", "which", "that"})
DEFINITE = frozenset({"the", "this", "that"})
