"""The roles a text gives people, and descriptions resolved through them.

"France's president Emmanuel Macron" gives Emmanuel Macron the role head *president* and the
role word *france*; a later "the French president" is resolved by its head noun (*president*,
which must be one of a person's role heads) and ranked by how many of its modifiers (*french* ->
*france*) that person's role words share, then by nearness. Role heads are the nouns the
sentence attaches to the name itself: a title ("Sen.", "President"), a compound noun ("panel
Chairman Rep. Jason Chaffetz": *chairman*, *congressman*, not *panel*), an apposition ("Adam
Schiff, the top Democrat on ...": *democrat*; "The minister of the economy, Mr. Guajardo
Villarreal": *minister*), or the complement of "is"/"was" ("Florent Groberg is a former U.S.
Army captain and Medal of Honor winner": *captain*, *winner*). Their modifiers are role words.
Abbreviated titles and near-synonyms map to one word ("Sen." and "senator", "Justice" and
"judge"); adjectives of place map to their place ("French" and "France"). Relative clauses are
left out: "who helmed the DNC" gives no role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wirelens.attribute.speaker_words import PERSON_ROLES

__all__ = ["RoleIndex", "description_words", "noun_form", "role_word"]

#: Titles and near-synonyms as one role word.
_SYNONYMS = {
    "sen": "senator",
    "sens": "senator",
    "rep": "congressman",
    "reps": "congressman",
    "representative": "congressman",
    "congresswoman": "congressman",
    "lawmaker": "congressman",
    "gov": "governor",
    "justice": "judge",
    "dr": "doctor",
    "physician": "doctor",
    "gen": "general",
    "lt": "general",
    "attorney": "lawyer",
    "advisor": "adviser",
    "pres": "president",
    "premier": "prime",
    "gop": "republican",
    "french": "france",
    "british": "britain",
    "german": "germany",
    "russian": "russia",
    "chinese": "china",
    "american": "america",
    "mexican": "mexico",
    "iranian": "iran",
    "israeli": "israel",
    "italian": "italy",
    "canadian": "canada",
    "indian": "india",
    "japanese": "japan",
}
#: Words a description may carry that say nothing about which person it is.
_EMPTY = frozenset(
    "the a an this that his her its their our former current then longtime new top".split()  # noqa: SIM905
)
#: Heads that name no role: every person is one ("the man", "the woman", "a source").
_NO_ROLE = frozenset(
    "man woman men women person people source sources official officials group one".split()  # noqa: SIM905
)
#: Forms of "be" whose complement gives the subject a role ("Jane Roe is a retired judge").
_COPULAS = frozenset({"is", "was", "'s", "’s"})
#: Dependents of a name that carry its role (relative clauses do not).
_ROLE_DEPS = frozenset({"compound", "amod", "nmod", "appos", "npadvmod", "poss", "prep", "pobj"})


def role_word(word: str) -> str:
    """One normal form per role word: lower case, no dots or possessive, synonyms merged."""
    low = word.lower().replace("’", "'").removesuffix("'s").strip(".,")
    return _SYNONYMS.get(low, low)


def noun_form(token: Any) -> str:
    """A noun's singular, lower-cased ("officials" -> "official"); the pipeline runs no
    lemmatizer, and a plain plural ``s`` is all that role and voice nouns need."""
    low = str(token.text).lower()
    if token.tag_ in {"NNS", "NNPS"} and low.endswith("s") and not low.endswith("ss"):
        return low[:-1]
    return low


def _subtree_words(token: Any, skip: range) -> list[str]:
    words = (role_word(t.text) for t in token.subtree if t.i not in skip)
    return [w for w in words if w.isalpha()]


def _of_head(span: Any) -> Any:
    """The description's head noun: the parser's, unless a person role before "of" heads it
    ("Member of House panel says": a title-case headline parsed "panel" as the head; "Medal
    of Honor winner" keeps "winner")."""
    root = span.root
    if role_word(noun_form(root)) in PERSON_ROLES:
        return root
    for tok in span:
        after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        person = role_word(noun_form(tok)) in PERSON_ROLES
        if tok.i < root.i and person and after is not None and after.lower_ == "of":
            return tok
    return root


def description_words(span: Any) -> tuple[str, set[str]] | None:
    """A description's head role word and its other content words, or None if it has none.

    Only a common-noun head counts ("the senator", "Senator from Texas", "Former White House
    Doctor" in a headline); prepositional tails ("from Texas") count as modifiers.
    """
    root = _of_head(span)
    head = role_word(noun_form(root))
    noun = root.pos_ in {"NOUN", "PROPN"} or head in _TITLE_WORDS  # recased "Retired general"
    if not noun or head in _NO_ROLE or not head.isalpha():
        return None
    mods = {role_word(t.text) for t in span if t.i != root.i} - _EMPTY
    mods = {m for m in mods if m.isalpha()}
    return head, mods - {head}


@dataclass
class _Occurrence:
    start: int
    name: str
    #: the nouns that say what the person is ("president", "senator")
    heads: frozenset[str]
    #: every role word, heads and their modifiers ("norland", "top", "committee")
    words: frozenset[str]
    kind: str = "person"
    #: whether the text gave the role to the name itself (not learned from a description)
    given: bool = True


class RoleIndex:
    """Every named person's role words in one document, in text order."""

    def __init__(self) -> None:
        self._seen: list[_Occurrence] = []

    def __len__(self) -> int:
        return len(self._seen)

    def rewind(self, size: int) -> None:
        """Forget what was recorded after the index had ``size`` occurrences."""
        del self._seen[size:]

    def add(self, ent: Any, name: str) -> None:
        """Record the role words the sentence gives a PERSON entity (a spaCy span)."""
        inside = range(ent.start, ent.end)
        heads: list[str] = []
        words: list[str] = []
        root = ent.root
        for child in root.children:
            if child.i not in inside and child.dep_ in _ROLE_DEPS and child.dep_ != "poss":
                words += _subtree_words(child, inside)
                if child.dep_ in {"compound", "appos"} and child.pos_ in {"NOUN", "PROPN"}:
                    heads.append(role_word(noun_form(child)))
        if root.dep_ == "appos":  # "The minister of the economy, Mr. Guajardo Villarreal"
            head = root.head
            heads.append(role_word(noun_form(head)))
            for child in head.children:
                if child.i < root.i and child.dep_ in _ROLE_DEPS and child.i not in inside:
                    words += _subtree_words(child, inside)
        if root.dep_ == "nsubj" and root.head.lower_ in _COPULAS:  # "X is a former captain"
            for attr in (c for c in root.head.children if c.dep_ == "attr"):
                for noun in (attr, *(c for c in attr.children if c.dep_ == "conj")):
                    heads.append(role_word(noun_form(noun)))
                    words += _subtree_words(noun, inside)
        heads += [role_word(t.text) for t in ent if role_word(t.text) in _TITLE_WORDS]
        heads = [w for w in heads if w.isalpha()]
        if heads:
            found = frozenset(heads + [w for w in words if w.isalpha()])
            self._seen.append(_Occurrence(ent.start_char, name, frozenset(heads), found))

    def add_words(self, start: int, name: str, words: set[str], kind: str = "person") -> None:
        """Role words learned another way: a description already resolved to ``name``, the
        voice noun of an organisation ("A Bloomberg poll": a later "the poll" is Bloomberg)."""
        if words:
            roles = frozenset(words)
            self._seen.append(_Occurrence(start, name, roles, roles, kind, given=False))

    def roles_of(self, name: str, given: bool = False) -> tuple[frozenset[str], frozenset[str]]:
        """Every role head and role word the text has given ``name`` (or a person of its
        surname) so far; with ``given``, only those it gave that very name ("Justice Frank
        Nervo"), not roles learned from descriptions resolved to it."""
        heads: set[str] = set()
        words: set[str] = set()
        for occ in self._seen:
            same = occ.name.split()[-1:] == name.split()[-1:]  # "De Blasio", "Bill de Blasio"
            same = occ.name == name and occ.given if given else same
            if same and occ.kind == "person":
                heads |= occ.heads
                words |= occ.words
        own = {role_word(w) for w in name.split()}  # a surname mention "Trump" is no role
        return frozenset(heads - own), frozenset(words - own)

    def find(
        self, head: str, mods: set[str], position: int, forward_only: bool = False
    ) -> tuple[str, str] | None:
        """Who a description denotes (name and kind): its head among their role words, most
        modifiers shared, nearest before ``position``; else the first such one after it."""
        best: tuple[int, int, _Occurrence] | None = None
        later: _Occurrence | None = None
        for occ in self._seen:
            if head not in occ.heads:
                continue
            if occ.start >= position:
                later = later or occ
                continue
            rank = (len(mods & occ.words), occ.start, occ)
            if best is None or rank[:2] > best[:2]:
                best = rank
        chosen = later if forward_only or best is None else best[2]
        return (chosen.name, chosen.kind) if chosen else None


#: Title words a name itself may carry ("Sen. Lindsey Graham", "President Obama").
_TITLE_WORDS = frozenset(
    "senator congressman governor judge doctor general president mayor chairman secretary".split()  # noqa: SIM905
)
