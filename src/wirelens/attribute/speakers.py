"""Who a speaker mention refers to: in-document coreference and canonical names.

A mention is resolved in this order:

* a pronoun to the most recent compatible earlier speaker or main-clause subject outside
  quotation marks ("Netanyahu ... spoke in English. He said" -> Netanyahu, not the person the
  article quotes most; '"How many times does X have to say it?" he asked' is never X; "in the
  event that Clinton faces Trump, she replied" is not Clinton); gender from honorifics, first
  names and role nouns ("Hope Hicks, a campaign spokeswoman" is no "his"); "it" and "they" to
  organisations and groups only; a relative pronoun ("which", "who") to its antecedent;
* the named person the mention is about: the name holding the mention's syntactic head, else a
  name that is not a possessor, a modifier of a role noun or the object of a preposition
  ("Clinton spokesman Nick Merrill" -> Nick Merrill; "A spokeswoman for X" is not X);
  a document, poll or tweet "by X" speaks for X; "X's wife" is another person of X's surname and
  the noun's gender, if the article names one ("His ex-wife" -> Ivana Trump), never X;
  "the Obama administration", "Clinton aides" are the organisations "Obama administration",
  "Clinton campaign";
* a surname to the fullest name with that surname whose first name and gender fit: "Mrs. Trump"
  is never Donald Trump, "Mr. Obama" never Michelle Obama; among several, the latest speaker;
* a role description to the person the text gives that role (:mod:`roles`: "France's
  president Emmanuel Macron" ... "the French president"; "X is a former captain"), backwards,
  else forwards (a headline's "Lawmaker urges ..." before the lede names him); a status
  description the text gives no one ("the former secretary of State", "the Republican
  candidate") to the person the text is about; a headline or lede description ("A former DNC
  chairman says") to the person the text names next as a subject;
* a document ("the statement", "The email") to whoever issued it, else to the latest speaker;
* an organisation the mention names ("USA Today", "The Iowa Electronic Markets, where ...",
  "the Future45 group") or one named inside it, else the mention itself.

The canonical name is the fullest form in the article, without honorifics, which go to ``role``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import msgspec

from wirelens.attribute.cues_table import PRONOUNS
from wirelens.attribute.names import (
    clean_name,
    misspelt,
    name_gender,
    name_run,
    person_run,
    proper,
    role_gender,
    strip_honorifics,
    titled,
)
from wirelens.attribute.quotes import find_quotes, quote_at
from wirelens.attribute.roles import RoleIndex, description_words, noun_form
from wirelens.attribute.spans import SUBJECTS, doc_text
from wirelens.attribute.speaker_words import (
    DEFINITE,
    DOCUMENT_VERBS,
    GENDERED_ROLES,
    ISSUED,
    KIN,
    ORG_CLASSES,
    ORG_NOUNS,
    ORG_OF_PERSON,
    ORG_VOICES,
    OWN_WORDS,
    PERSON_ROLES,
    RELATIVES,
    ROLE_WORDS,
    SAME_DOCUMENT,
    STATUS_NOUNS,
    VOICE_NOUNS,
)
from wirelens.model import Span, Speaker

__all__ = ["Entity", "Resolver"]

_PERSON = "PERSON"
_ORGS = frozenset({"ORG", "NORP", "GPE", "FAC"})


@dataclass
class Entity:
    """A person or organisation known in the article, with every form it appeared in."""

    name: str
    kind: str
    position: int
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None


#: Clauses whose subject is not the sentence's topic: "in the event that Clinton faces ...",
#: "meaning he had not said that Donald Trump had ...", "a booker who said ...".
_EMBEDDED = frozenset({"advcl", "ccomp", "relcl", "acl", "xcomp", "csubj", "pcomp", "pobj"})


def _main_clause(subject: Any) -> bool:
    """Whether a subject token belongs to its sentence's main clause (or a clause coordinated
    with it): the subject a following "he" or "she" most likely continues. A subject inside a
    subordinate clause ("Asked whether Clinton would win, she replied") is not one."""
    verb = subject.head if subject.dep_ != "appos" else subject.head.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.i > verb.i:
        return True  # "X would win, Y said", or a long first clause the parser hung on a later verb
    return verb.dep_ not in _EMBEDDED


#: How far after a headline or lede description its subject may be named.
_LEDE_REACH = 600


def _lede_end(text: str) -> int:
    """Where the lede ends: the first paragraph after the headline line that reads as prose (15
    words or more; a dateline, byline or time stamp does not)."""
    first = text.find("\n")
    if first < 0:
        return len(text)
    at = first
    for paragraph in re.split(r"(\n\s*\n|\n)", text[first:]):
        at += len(paragraph)
        if len(paragraph.split()) >= 15:
            return at
    return len(text)


#: A time stamp on a line of its own, as in a running "The Latest" story ("2:45 p.m.").
_STAMP = re.compile(r"\n[ \t]*\d{1,2}(:\d{2})?\s*[ap]\.?m\.?[ \t]*\n", re.IGNORECASE)


def _ledes(text: str) -> list[tuple[int, int]]:
    """Every lede: the article's (from the start to :func:`_lede_end`), and the first
    paragraph after each time stamp of a running story, each of which opens an item of its own
    ("2:45 p.m. / Connecticut's tax commissioner says ... / Kevin Sullivan says ...")."""
    ledes = [(0, _lede_end(text))]
    for stamp in _STAMP.finditer(text):
        start = len(text) - len(text[stamp.end() :].lstrip())
        end = text.find("\n", start)
        ledes.append((start, len(text) if end < 0 else end))
    return ledes


def _group_of(ent: Any, name: str, deps: set[str]) -> tuple[str, int] | None:
    """The group that speaks for a name the entity modifies ("the Obama administration",
    "Clinton aides": ``Obama administration``, ``Clinton campaign``) and where it ends."""
    group = ORG_OF_PERSON.get(ent.root.head.lower_)
    if group is None or ent.root.dep_ not in deps:
        return None
    head = ent.root.head
    return f"{name} {group}", int(head.idx) + len(head.text)


def _modal_name(token: Any) -> bool:
    """A surname that is also a modal verb, parsed as one: "Will described Trump as ..." (a
    modal is never followed by a finite verb or a participle)."""
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return bool(token.tag_ == "MD" and after is not None and after.tag_ in {"VBD", "VBZ", "VBN"})


def _issued(token: Any, noun: str) -> bool:
    """Whether a token introduced the document a later "the email" refers to: the noun itself,
    or its verb ("Huma Abedin emailed supporters", "X tweeted")."""
    if token.pos_ == "NOUN":
        return noun_form(token) in SAME_DOCUMENT.get(noun, {noun})
    forms = DOCUMENT_VERBS.get(noun, frozenset()) | {noun + "ed", noun + "d"}
    return bool(token.pos_ == "VERB" and token.lower_ in forms)


class Resolver:
    """Resolves speaker mentions of one document, remembering earlier speakers."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._text = doc_text(doc)
        self._people: list[tuple[int, int, str]] = []
        self._orgs: list[tuple[int, int, str]] = []
        quotes = find_quotes(self._text)
        persons = []
        named = {
            clean_name(e.text).split()[-1]
            for e in doc.ents
            if e.label_ == _PERSON and clean_name(e.text)
        }
        for ent in doc.ents:
            name = clean_name(ent.text)
            if not name:
                continue
            if ent.label_ == _PERSON:
                end = person_run(self._text, ent)
                if end > ent.end_char:  # Marcia "Cia" Price
                    name = clean_name(self._text[ent.start_char : end])
                self._people.append((ent.start_char, end, name))
                persons.append((ent, name))
                group = _group_of(ent, name.split()[-1], {"compound", "poss"})
                if group is not None:  # "the Obama administration"
                    self._orgs.append((ent.start_char, group[1], group[0]))
            elif ent.label_ in _ORGS:
                end = name_run(ent)
                if end > ent.end_char:
                    name = clean_name(self._text[ent.start_char : end])
                # "the Trump campaign's website" with "Trump" taken for an organisation: only a
                # surname of someone the article names ("the Google team" stays Google)
                surname = name in named and len(name.split()) == 1
                group = _group_of(ent, name, {"compound"}) if surname else None
                if group is not None:
                    name, end = group
                self._orgs.append(
                    (ent.start_char, end, name.removeprefix("the ").removeprefix("The "))
                )
        self._speakers: list[Entity] = []
        #: what the text says of each canonical name's gender (honorifics, bound pronouns)
        self._genders: dict[str, str] = {}
        self._roles = RoleIndex()
        #: named people and organisations that are the subject of a clause outside quotes
        self._subjects: list[Entity] = []
        surnames = {p[2].split()[-1] for p in self._people}
        for ent in doc.ents:
            quoted = quote_at(quotes, ent.start_char) is not None
            # "The minister of the economy, Mr. Guajardo Villarreal, argues": the name is an
            # apposition to the subject
            dep = ent.root.head.dep_ if ent.root.dep_ == "appos" else ent.root.dep_
            if dep not in SUBJECTS or quoted or not _main_clause(ent.root):
                continue
            name = clean_name(ent.text)
            if ent.label_ == _PERSON and name:
                full = self.canonical(name, titled(ent), ent.start_char)
                gender = name_gender(ent.text, full)
                self._subjects.append(Entity(full, "person", ent.start_char, gender=gender))
            elif ent.label_ == "ORG" and name and name not in surnames:
                # "The FBI needs to stay out ... unless it wants": "it" is the FBI
                org = name.removeprefix("the ").removeprefix("The ")
                self._subjects.append(Entity(org, "org", ent.start_char))
        for ent, name in persons:  # "Mrs. Celia Harwood", "His wife, Celia Harwood"
            told = (titled(ent) if len(name.split()) > 1 else None) or role_gender(ent)
            if told:
                self._genders.setdefault(self.canonical(name), told)
        for tok in doc:  # a known surname the NER missed, as a subject: "Trump responded"
            if tok.text not in surnames or tok.ent_type_ == _PERSON:
                continue  # (the cheap tests first: most tokens are no surname)
            subject = tok.dep_ in SUBJECTS or _modal_name(tok)
            if subject and quote_at(quotes, tok.idx) is None and _main_clause(tok):
                full = self.canonical(tok.text, None, tok.idx)
                self._subjects.append(Entity(full, "person", tok.idx, gender=name_gender("", full)))
        self._subjects.sort(key=lambda e: e.position)
        self._ledes = _ledes(self._text)
        self._lede_end = self._ledes[0][1]  # the article's own lede
        for ent, name in persons:
            self._roles.add(ent, self.canonical(name, titled(ent), ent.start_char))

    def canonical(self, name: str, gender: str | None = None, position: int | None = None) -> str:
        """The fullest name in the document sharing ``name``'s surname (and first name if any).

        ``gender`` (from an honorific: "Mrs. Trump") rules out names whose first name or known
        gender says otherwise. Among several people of that surname, the latest speaker before
        ``position`` wins, else the one named in full most recently before it, else the one the
        article names most often.
        """
        words = name.split()
        if not words:
            return name
        fuller: list[str] = []
        for _, _, other in self._people:
            ow = other.split()
            if ow[-1] != words[-1] or len(ow) <= len(words):
                continue
            if len(words) > 1 and words[0] != ow[0]:
                continue
            known = self._genders.get(other) or name_gender("", other)
            if gender and known not in (None, gender):
                continue
            fuller.append(other)
        if not fuller:
            near = {o for _, _, o in self._people if len(o.split()) > 1 and misspelt(name, o)}
            return near.pop() if len(near) == 1 else name
        at = len(self._text) if position is None else position
        before = [p[2] for p in self._people if p[2] in fuller and p[0] <= at]
        if not before and at > self._text.find("\n"):
            # in the body a person is named in full before the surname alone: "President
            # Obama" is not the Michelle Obama named later (a headline runs ahead of its lede)
            return name
        if len({f.split()[0] for f in fuller}) > 1:
            if not before:
                return name  # "Obama" before either Barack or Michelle is named: not known
            recent = next(
                (e.name for e in reversed(self._speakers) if e.name in before and e.position < at),
                None,
            )
            first = recent or max(before, key=lambda f: (before.count(f), -before.index(f)))
            fuller = [f for f in fuller if f.split()[0] == first.split()[0]]
        return max(fuller, key=lambda f: len(f.split()))

    def _span(self, start: int, end: int) -> Any:
        """The tokens covering ``start``..``end``, or None when no token does (an empty range,
        or one inside a stretch the candidate pass blanked): callers read its first token and
        its root, which an empty span does not have."""
        span = self._doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def _person_in(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The named person the mention is about (rules in the module docstring)."""
        inside = [p for p in self._people if start <= p[0] and p[1] <= end]
        span = self._span(start, end)
        if inside and span is not None:
            root = span.root
            for p in inside:
                if p[0] <= root.idx < p[1]:
                    return p
            for p in inside:
                if self._about(p):
                    return p
            if noun_form(root) in VOICE_NOUNS:  # "an analysis by Lily Batchelder"
                # not "a page on the Okafor campaign's website": that is the campaign's
                free = [p for p in inside if not self._in_group(p)]
                return free[0] if free else None
            return self._surname_at(start, end, root)
        if inside:
            return inside[0]
        if span is None:
            return None
        root = span.root
        if root.pos_ in {"VERB", "AUX"}:  # a clause for a mention: "Trump demands ..., yet"
            root = next((c for c in root.children if c.dep_ in SUBJECTS), root)
        return self._surname_at(start, end, root)

    def _in_group(self, person: tuple[int, int, str]) -> bool:
        """Whether a name lies inside a longer organisation name ("the Okafor campaign")."""
        return any(
            o[0] <= person[0] and person[1] <= o[1] and o[1] - o[0] > person[1] - person[0]
            for o in self._orgs
        )

    def _surname_at(self, start: int, end: int, root: Any) -> tuple[int, int, str] | None:
        """A known name the NER missed, heading the mention ("Schiff, 56, who"; "Ivanka
        Trump, the ... daughter" tagged as a product): with its first name when it has one."""
        word = root.text
        if not word or not word[0].isupper():
            return None
        first = next(
            (c.text for c in root.children if c.dep_ == "compound" and c.i == root.i - 1), None
        )
        known = [p[2] for p in self._people if p[2].split()[-1] == word]
        known = known or [p[2] for p in self._people if misspelt(word, p[2])]
        if first is not None:
            named = [k for k in known if k.split()[0] == first]
            return (start, end, named[0]) if named else None
        return (start, end, known[0]) if known else None

    def _about(self, person: tuple[int, int, str]) -> bool:
        """Whether a name inside a mention is its subject, not a possessor or a modifier."""
        span = self._span(person[0], person[1])
        if span is None:
            return True
        root = span.root
        after = self._text[person[1] : person[1] + 2]
        if after in {"'s", "’s"} or root.dep_ in {"pobj", "poss"}:
            return False
        # "Clinton spokesman Nick Merrill": Clinton modifies "spokesman", a noun of no name
        return not (root.dep_ == "compound" and not root.head.ent_type_)

    def _authored(self, start: int, end: int) -> bool:
        """Whether the organisation in a document mention is its author: "figures from X",
        "a report by X", "A Bloomberg poll" - not "a report presented to X"."""
        for o_start, o_end, _ in self._orgs:
            if start <= o_start and o_end <= end:
                span = self._span(o_start, o_end)
                if span is None:
                    return True
                root = span.root
                while root.dep_ == "compound" and root.head.i != root.i:
                    root = root.head  # "submitted to the U.S. government": the government's
                return root.dep_ != "pobj" or root.head.lower_ in {"from", "by", "of"}
        return False

    def _authored_next(self, noun: str, end: int) -> str | None:
        """The organisation that authors the next document of this kind after a headline or
        lede ("A new poll shows ..." ... "The latest Reuters/Ipsos opinion poll shows")."""
        if noun not in VOICE_NOUNS:
            return None
        for token in self._doc:
            if token.idx <= end or token.pos_ != "NOUN" or noun_form(token) != noun:
                continue
            if token.idx > end + 2 * _LEDE_REACH:
                break
            left = token.left_edge.idx
            for o_start, o_end, name in self._orgs:
                if left <= o_start and o_end <= token.idx:
                    return name
        return None

    def _org_named(self, span: Any) -> str | None:
        """The organisation a mention names by its head: the head lies inside an organisation
        entity ("The Iowa Electronic Markets, where traders invest in the outcome,"), or is a
        generic noun an organisation's name modifies ("The Future45 group, funded by ...")."""
        root = span.root
        for o_start, o_end, name in self._orgs:
            if o_start <= root.idx < o_end and root.ent_type_ not in {"GPE", "NORP"}:
                return name.removeprefix("The ")
        noun = noun_form(root)
        if noun in ORG_NOUNS or noun in VOICE_NOUNS:  # "A USA TODAY analysis", "FEC records"
            names = [c for c in root.children if c.dep_ == "compound" and c.i < root.i]
            if names and all(c.pos_ == "PROPN" and c.ent_type_ != _PERSON for c in names):
                return self._text[names[0].left_edge.idx : names[-1].idx + len(names[-1].text)]
        return None

    def _org_in(self, start: int, end: int) -> str | None:
        for o in self._orgs:
            if start <= o[0] and o[1] <= end:
                return o[2]
        return None

    def _role(self, mention: str, name: str) -> str | None:
        before = mention.split(name.split(maxsplit=1)[0], maxsplit=1)[0] if name else ""
        words = [w for w in before.replace("’s", "'s").split() if not w.endswith("'s")]
        role = " ".join(w for w in words if w.lower() not in {"the", "a", "an"})
        titles, _ = strip_honorifics(mention.split())
        return role.strip(" ,") or (" ".join(titles) or None)

    def _affiliation(self, mention: str) -> str | None:
        for word in mention.replace("’s", "'s").split():
            if word.endswith("'s") and word[0].isupper():
                return word[:-2]
        return None

    def _antecedent(self, position: int, gender: str) -> Entity | None:
        """The latest earlier speaker or clause subject (else named person) that fits."""
        person = gender in {"male", "female"}

        def fits(entity: Entity) -> bool:
            if person:
                known = entity.gender or self._genders.get(entity.name)
                return entity.kind == "person" and known in (None, gender)
            return entity.kind != "person"  # "it", "they": an organisation or a group

        candidates = [e for e in (*self._speakers, *self._subjects) if e.position < position]
        for entity in sorted(candidates, key=lambda e: e.position, reverse=True):
            if fits(entity):
                return entity
        for start, _, name in reversed(self._people):
            full = self.canonical(name)
            candidate = Entity(full, "person", start, gender=name_gender(name, full))
            if start < position and fits(candidate):
                return candidate
        return None

    def resolve(
        self, mention: tuple[int, int] | None, antecedent: tuple[int, int] | None = None
    ) -> Speaker | None:
        """Resolve a mention span (offsets into the document text) to a Speaker.

        ``antecedent`` is the noun phrase a relative pronoun mention ("who") stands for: the
        speaker is resolved from it, the mention stays the pronoun.
        """
        if mention is None:
            return None
        start, end = mention
        if antecedent is None and self._text[start:end].lower() in RELATIVES:
            antecedent = self._relative_antecedent(start, end)
        if antecedent is not None:
            speaker = self.resolve(self._apposed(antecedent))
            if speaker is not None:
                span = Span(text=self._text[start:end], start=start, end=end)
                return msgspec.structs.replace(speaker, mention=span, resolved="relative")
        text = self._text[start:end]
        span = Span(text=text, start=start, end=end)
        low = text.lower()
        if low in PRONOUNS:
            return self._pronoun(span, PRONOUNS[low])
        if low in {"’s", "'s"}:  # a tag that kept only the clitic of "George Will's call"
            person = next((p for p in self._people if p[0] < start <= p[1]), None)
        else:
            person = self._person_in(start, end)
        if person is not None:
            gender = name_gender(text, "")
            name = self.canonical(person[2], gender, start)
            entity = Entity(name, "person", start, self._role(text, person[2].split()[0]))
            entity.affiliation = self._affiliation(text)
            entity.gender = name_gender(text, name)
            how = "name" if len(person[2].split()) > 1 else "surname"
            return self._remember(span, entity, how)
        found = self._relation(start, end) or self._description(start, end)
        if found is not None:
            return self._remember(span, found, "role")
        head = low.split()[-1] if low.split() else ""
        if head in ROLE_WORDS and low.startswith(("the ", "this ")):
            for entity in reversed(self._speakers):
                if entity.role and head in entity.role.lower() and entity.position < start:
                    return self._remember(span, entity, "role")
        issuer = self._issuer(start, end)
        if issuer is not None:
            return self._remember(span, issuer, "role")
        org_role = self._org_description(start, end)
        if org_role is not None:
            return self._remember(span, Entity(org_role, "org", start), "role")
        root = self._span(start, end)
        if root is not None and start < self._lede_end and root[0].lower_ not in DEFINITE:
            author = self._authored_next(noun_form(root.root), end)
            if author is not None:  # "New Poll Shows ...", "A new poll shows ...": whose poll
                return self._remember(span, Entity(author, "org", start), "role")
        org = self._org_in(start, end)
        head_word = noun_form(root.root) if root is not None else head
        plain = root.root.lower_ if root is not None else head
        voice = head_word in VOICE_NOUNS or plain in VOICE_NOUNS  # "figure(s)"
        named = self._org_named(root) if root is not None else None
        if org and proper(text):
            name = text.removeprefix("the ").removeprefix("The ")  # "USA Today", NER: "USA"
        elif named is not None:
            name = org = named  # "The Iowa Electronic Markets, where traders invest, ..."
        elif org and (len(org) >= len(text) * 0.5 or (voice and self._authored(start, end))):
            name = org  # "the Tea Board", "provisional figures from the Tea Board"
            self._roles.add_words(start, org, {head_word}, "org")
        else:
            name, org = text.removeprefix("the ").removeprefix("The "), None
        kind = "org" if org else "unknown"
        return self._remember(span, Entity(name, kind, start), "mention")

    def name_of(self, mention: tuple[int, int]) -> str | None:
        """The name a mention resolves to, leaving no trace: a chain hop ("her account") is
        named without becoming a speaker that later pronouns and descriptions could find."""
        speakers, genders, roles = len(self._speakers), dict(self._genders), len(self._roles)
        try:
            found = self.resolve(mention)
        finally:
            del self._speakers[speakers:]
            self._genders = genders
            self._roles.rewind(roles)
        return found.name if found is not None else None

    def _pronoun(self, span: Span, gender: str) -> Speaker:
        if gender in {"self", "other"}:
            return Speaker(mention=span, name=None, kind="unknown", resolved="pronoun")
        entity = self._antecedent(span.start, gender)
        if entity is None:
            return Speaker(mention=span, kind="unknown", resolved="pronoun")
        if entity.gender is None and gender in {"male", "female"}:
            entity.gender = gender
            self._genders.setdefault(entity.name, gender)
        return self._remember(span, entity, "pronoun")

    def _relative_antecedent(self, start: int, end: int) -> tuple[int, int] | None:
        """The noun phrase a relative pronoun subject stands for ("the police, which said")."""
        span = self._span(start, end)
        if span is None:
            return None
        if span.root.head.dep_ == "relcl":
            noun = span.root.head.head
        else:  # a misparsed relative clause: the noun right before the pronoun
            before = self._doc[span.start - 1] if span.start > 0 else None
            if before is not None and before.text == "," and span.start > 1:
                before = self._doc[span.start - 2]
            if before is None or before.pos_ not in {"NOUN", "PROPN"}:
                return None
            noun = before
        if noun.dep_ == "appos" and noun.head.i < noun.i:
            noun = noun.head  # "Future45, a super PAC that intends": Future45
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.idx >= start:
            return None
        left = noun.left_edge.idx
        return (left, noun.idx + len(noun.text))

    def _apposed(self, phrase: tuple[int, int]) -> tuple[int, int]:
        """The name a noun phrase is in apposition to ("John Bentel, a tech staffer at the
        State Department who told ...": John Bentel), else the phrase itself."""
        span = self._span(*phrase)
        if span is None or span.root.dep_ != "appos" or span.root.head.i >= span.root.i:
            return phrase
        head = span.root.head
        if head.pos_ != "PROPN":
            return phrase
        return head.left_edge.idx, head.idx + len(head.text)

    def _relation(self, start: int, end: int) -> Entity | None:
        """ "X's wife", "the Obama administration": someone else named through X."""
        span = self._span(start, end)
        if span is None:
            return None
        root = span.root
        noun = noun_form(root)
        owner = next(
            (t for t in root.children if t.dep_ in {"poss", "compound"} and t.i < root.i), None
        )
        if owner is None:
            return None
        named = next((p for p in self._people if p[0] <= owner.idx < p[1]), None)
        if named is not None:
            full = self.canonical(named[2])
        elif owner.text in {p[2].split()[-1] for p in self._people}:
            full = self.canonical(owner.text, None, owner.idx)  # "Trump's campaign", NER: ORG
        elif owner.lower_ in PRONOUNS and PRONOUNS[owner.lower_] in {"male", "female"}:
            entity = self._antecedent(owner.idx, PRONOUNS[owner.lower_])
            full = entity.name if entity is not None else ""
        else:
            return None
        if not full:
            return None
        if noun in VOICE_NOUNS or noun in OWN_WORDS:  # "her account", "His website"
            return Entity(full, "person", start, gender=self._genders.get(full))
        if noun in ORG_OF_PERSON:
            return Entity(f"{full.split()[-1]} {ORG_OF_PERSON[noun]}", "org", start)
        if noun in KIN:
            gender = KIN[noun]
            first = full.split()[0]
            for _, _, other in self._people:
                ow = other.split()
                same = ow[-1] == full.split()[-1] and ow[0] != first and len(ow) > 1
                if same and name_gender("", other) in (None, gender):
                    return Entity(self.canonical(other), "person", start, gender=gender)
        return None

    def _issuer(self, start: int, end: int) -> Entity | None:
        """ "The statement noted ...": who issued the statement the text mentioned before
        ("the Security Council issued a statement") - the subject of the clause it was in."""
        span = self._span(start, end)
        if span is None or span[0].lower_ not in DEFINITE:
            return None
        noun = noun_form(span.root)
        if noun not in VOICE_NOUNS:
            return None
        earlier = [t for t in self._doc[: span.start] if _issued(t, noun)]
        if not earlier:
            return self._last_speaker(start) if noun in ISSUED else None
        verb = earlier[-1]
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None:
            return None
        for e_start, e_end, name in self._orgs:
            if e_start <= subject.idx < e_end:
                return Entity(name, "org", start)
        for e_start, e_end, name in self._people:
            if e_start <= subject.idx < e_end:
                full = self.canonical(name, None, e_start)
                return Entity(full, "person", start, gender=self._genders.get(full))
        # "The appeals court ruled that ...": a subject already resolved as a speaker
        left, right = subject.left_edge.idx, subject.right_edge.idx
        for entity in reversed(self._speakers):
            if left <= entity.position <= right and entity.kind in {"person", "org"}:
                return Entity(entity.name, entity.kind, start, gender=entity.gender)
        return None

    def _last_speaker(self, start: int) -> Entity | None:
        """ "The Trump campaign responded that ... '...,' the statement said": a statement the
        text has not mentioned before is the latest named speaker's."""
        for entity in reversed(self._speakers):
            if entity.position < start and entity.kind in {"person", "org"}:
                return Entity(entity.name, entity.kind, start, gender=entity.gender)
        return None

    def _org_description(self, start: int, end: int) -> str | None:
        """ "The authority", "the appeals court", "the union": the latest organisation before
        (an indefinite "A House panel" in a lede: the first after) whose name holds the noun
        or a word of its kind (a union may be an association)."""
        span = self._span(start, end)
        if span is None or span.root.ent_type_ or not span.root.text.islower():
            return None
        head = noun_form(span.root)
        if head in ORG_VOICES:  # "administration officials", "Police officials"
            compound = [noun_form(c) for c in span.root.children if c.dep_ == "compound"]
            head = compound[-1] if compound else head
        kinds = ORG_CLASSES.get(head, {head})
        low = self._text[start:end].lower().removeprefix("the ")

        def fits(name: str) -> bool:
            words = set(re.findall(r"[a-z]+", name.lower()))
            return bool(words & kinds) and name.lower() != low

        forward = span[0].lower_ in {"a", "an"}
        if not forward:
            known = [(o[0], o[2]) for o in self._orgs]
            known += [(e.position, e.name) for e in self._speakers if e.kind == "org"]
            for o_start, o_name in sorted(known, reverse=True):
                if o_start < start and fits(o_name):
                    return o_name
        headline = start < self._text.find("\n")  # "Flight attendants' union endorses ..."
        if forward or headline or span[0].i == span.root.i:
            return next((o[2] for o in self._orgs if o[0] > end and fits(o[2])), None)
        return None

    def _description(self, start: int, end: int) -> Entity | None:
        """A role description ("the French president") resolved through the roles the text
        gives people; an indefinite one ("a New York judge") only forwards, as in a lede."""
        span = self._span(start, end)
        if span is None:
            return None
        words = description_words(span)
        if words is None or span.root.ent_type_ or span.root.tag_ in {"NNS", "NNPS"}:
            return None  # "The IMF": a name; "Doctors at the clinic": a group, not one person
        head, mods = words
        first = span[0].lower_
        if first in {"a", "an", "another", "some", "one"}:
            found = self._roles.find(head, mods, start, forward_only=True)
        elif first in DEFINITE or span[0].i == span.root.i or self._text[span[0].idx].isupper():
            found = self._roles.find(head, mods, start)
        else:
            return None
        owned = span[0].dep_ == "poss"  # "Obama's former campaign strategist": definite
        if found is None and (first in DEFINITE or owned) and head in STATUS_NOUNS:
            owner = span[0].text if owned else None
            found_person = self._topic_person(start, (head, mods), owner)
            if found_person is not None:
                return found_person
        lede = self._in_lede(start) and first not in DEFINITE
        if found is None and lede and head in PERSON_ROLES:
            return self._introduced_next(end)
        if found is None:
            return None
        name, kind = found
        return Entity(name, kind, start, gender=name_gender("", name) if kind == "person" else None)

    def _in_lede(self, position: int) -> bool:
        return any(start <= position < end for start, end in self._ledes)

    def _introduced_next(self, end: int) -> Entity | None:
        """ "Former DNC chairman calls for ...", "A former Democratic National Committee
        chairman says ...": a headline or lede that describes its subject before naming him
        names him next, as the subject of a clause ("..., said Don Fowler")."""
        for entity in self._subjects:
            if end <= entity.position <= end + _LEDE_REACH and entity.kind == "person":
                return Entity(entity.name, "person", end, gender=entity.gender)
        return None

    def _topic_person(
        self, start: int, description: tuple[str, set[str]], owner: str | None = None
    ) -> Entity | None:
        """ "The former secretary of State began her speech", "the Republican presidential
        candidate said": a status description that the text gives no one by name is the person
        the text is about - the latest speaker or main-clause subject before it whose gender
        fits: first one sharing a modifier with its known roles ("Republican front-runner
        Donald Trump" for "the Republican nominee"), then one the text gives no other role (a
        "Mayor de Blasio" is not "the candidate"), then the one the text has had speak or act
        most often (the person it is about), then the latest. Never the ``owner`` of the
        description ("Obama's strategist" is not Obama)."""
        head, mods = description
        gender = GENDERED_ROLES.get(head)
        seen = [e for e in (*self._speakers, *self._subjects) if e.position < start]
        salience = Counter(e.name for e in seen)
        ranked: list[tuple[int, bool, int, int, Entity]] = []
        for entity in seen:
            known = entity.gender or self._genders.get(entity.name)
            if entity.kind != "person" or (gender and known not in (None, gender)):
                continue
            if owner and owner in entity.name.split():
                continue
            heads, words = self._roles.roles_of(entity.name)
            other_role = bool(heads) and head not in heads and not (mods & words)
            rank = (len(mods & words), not other_role, salience[entity.name], entity.position)
            ranked.append((*rank, entity))
        if not ranked:
            return None
        best = max(ranked, key=lambda r: r[:4])
        if not best[1] and self._roles.roles_of(best[4].name, given=True)[0]:
            # everyone seen holds another role: "Justice Frank Nervo" is no nominee
            unroled = self._unroled_person(start, {e.name for e in seen}, gender)
            if unroled is not None and self._named(unroled, start) >= self._named(best[4], start):
                return unroled
        chosen = best[4]
        return Entity(chosen.name, "person", start, gender=chosen.gender)

    def _named(self, entity: Entity, start: int) -> int:
        """How often the text names the entity's surname before ``start``."""
        return len(re.findall(rf"\b{re.escape(entity.name.split()[-1])}\b", self._text[:start]))

    def _unroled_person(self, start: int, seen: set[str], gender: str | None) -> Entity | None:
        """The person named in full before ``start`` most often, who has neither spoken nor
        been a subject and whom the text gives no role ("Donald Trump's divorce" ... "The GOP
        presidential nominee argued", when the only speaker so far is the judge)."""
        counts: Counter[str] = Counter()
        for p_start, _, name in self._people:
            full = self.canonical(name, None, p_start)
            if p_start < start and len(full.split()) > 1 and full not in seen:
                counts[full] += 1
        for name, _ in counts.most_common():
            known = self._genders.get(name) or name_gender("", name)
            heads, _ = self._roles.roles_of(name, given=True)
            if not heads and (gender is None or known in (None, gender)):
                return Entity(name, "person", start, gender=known)
        return None

    def continue_speaker(self, speaker: Speaker | None) -> Speaker | None:
        """The same speaker again, for a floating quote: no mention of its own."""
        if speaker is None:
            return None
        return Speaker(
            mention=None,
            name=speaker.name,
            kind=speaker.kind,
            role=speaker.role,
            affiliation=speaker.affiliation,
            resolved="continuation",
        )

    def _remember(self, span: Span, entity: Entity, how: str) -> Speaker:
        known = next((e for e in self._speakers if e.name == entity.name), None)
        if known is not None:
            entity.role = entity.role or known.role
            entity.affiliation = entity.affiliation or known.affiliation
        if known is not None:
            entity.gender = entity.gender or known.gender
            known.gender = known.gender or entity.gender
        if entity.gender and entity.kind == "person":
            self._genders.setdefault(entity.name, entity.gender)
        self._speakers.append(
            Entity(
                entity.name, entity.kind, span.start, entity.role, entity.affiliation, entity.gender
            )
        )
        if how in {"role", "name", "surname"}:
            doc_span = self._span(span.start, span.end)
            words = description_words(doc_span) if doc_span is not None else None
            if words is not None:
                self._roles.add_words(span.start, entity.name, {words[0]}, entity.kind)
        return Speaker(
            mention=span,
            name=entity.name,
            kind=entity.kind,
            role=entity.role,
            affiliation=entity.affiliation,
            resolved=how,
        )
