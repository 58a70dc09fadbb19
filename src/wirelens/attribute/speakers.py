"""Who a speaker mention refers to: in-document coreference and canonical names.

A mention is resolved in this order: a named person inside it ("Iran's Supreme Leader
Ayatollah Ali Khamenei" -> Ali Khamenei), a surname alone matched to the fullest name with that
surname in the article ("Khamenei" -> Ali Khamenei), a pronoun to the most recent earlier speaker
or named person ("He added" -> Khamenei), a role noun to the last person who holds that role
("the minister"), an organisation or place named inside it, and otherwise the mention itself.
The canonical name is the fullest form in the article, without honorifics, which go to ``role``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from wirelens.attribute.cues_table import HONORIFICS, PRONOUNS
from wirelens.attribute.names_table import FEMALE, FEMALE_TITLES, MALE, MALE_TITLES
from wirelens.attribute.spans import doc_text
from wirelens.model import Span, Speaker

__all__ = ["Entity", "Resolver"]

_PERSON = "PERSON"
_ORGS = frozenset({"ORG", "NORP", "GPE", "FAC"})
_ROLE_WORDS = frozenset(
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


#: Nouns through which an organisation speaks: "figures from X", "a spokesman for X".
_VOICE_NOUNS = frozenset(
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
    ]
)


@dataclass
class Entity:
    """A person or organisation known in the article, with every form it appeared in."""

    name: str
    kind: str
    position: int
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None


def _gender(mention: str, name: str) -> str | None:
    """``male``/``female`` from an honorific in the mention or a known first name, else None."""
    words = [w.lower() for w in mention.split()]
    if any(w in FEMALE_TITLES for w in words):
        return "female"
    if any(w in MALE_TITLES for w in words):
        return "male"
    first = name.split(maxsplit=1)[0].lower() if name.split() else ""
    if first in FEMALE:
        return "female"
    if first in MALE:
        return "male"
    return None


def _strip_honorifics(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading honorifics/titles ("Ayatollah", "Dr.") from the name proper."""
    titles: list[str] = []
    while len(words) > 1 and words[0].lower().strip(",") in HONORIFICS:
        titles.append(words.pop(0))
    return titles, words


def _clean_name(text: str) -> str:
    words = text.replace("’s", "").replace("'s", "").split()
    _, words = _strip_honorifics(words)
    return " ".join(w.strip(",.") for w in words)


class Resolver:
    """Resolves speaker mentions of one document, remembering earlier speakers."""

    def __init__(self, doc: Any) -> None:
        self._text = doc_text(doc)
        self._people: list[tuple[int, int, str]] = []
        self._orgs: list[tuple[int, int, str]] = []
        for ent in doc.ents:
            name = _clean_name(ent.text)
            if not name:
                continue
            if ent.label_ == _PERSON:
                self._people.append((ent.start_char, ent.end_char, name))
            elif ent.label_ in _ORGS:
                self._orgs.append((ent.start_char, ent.end_char, name.removeprefix("the ")))
        self._speakers: list[Entity] = []

    def canonical(self, name: str) -> str:
        """The fullest name in the document sharing ``name``'s surname (and first name if any)."""
        words = name.split()
        if not words:
            return name
        best = name
        for _, _, other in self._people:
            ow = other.split()
            if ow[-1] != words[-1] or len(ow) <= len(best.split()):
                continue
            if len(words) > 1 and words[0] != ow[0]:
                continue
            best = other
        return best

    def _person_in(self, start: int, end: int) -> tuple[int, int, str] | None:
        for p in self._people:
            if start <= p[0] and p[1] <= end:
                return p
        # a bare surname the NER missed: match it against known names
        text = self._text[start:end].strip()
        if text and text[0].isupper() and " " not in text:
            for p in self._people:
                if p[2].split()[-1] == text:
                    return (start, end, p[2])
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
        titles, _ = _strip_honorifics(mention.split())
        return role.strip(" ,") or (" ".join(titles) or None)

    def _affiliation(self, mention: str) -> str | None:
        for word in mention.replace("’s", "'s").split():
            if word.endswith("'s") and word[0].isupper():
                return word[:-2]
        return None

    def _antecedent(self, position: int, gender: str) -> Entity | None:
        """The latest earlier speaker (else named person) the pronoun can refer to."""
        person = gender in {"male", "female"}

        def fits(entity: Entity) -> bool:
            if person and entity.kind != "person":
                return False
            if not person:
                return entity.kind != "person" or gender == "plural"
            return entity.gender in (None, gender)

        for entity in reversed(self._speakers):
            if entity.position < position and fits(entity):
                return entity
        for start, _, name in reversed(self._people):
            full = self.canonical(name)
            candidate = Entity(full, "person", start, gender=_gender(name, full))
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
        if antecedent is not None:
            speaker = self.resolve(antecedent)
            if speaker is not None:
                start, end = mention
                span = Span(text=self._text[start:end], start=start, end=end)
                return msgspec.structs.replace(speaker, mention=span, resolved="relative")
        start, end = mention
        text = self._text[start:end]
        span = Span(text=text, start=start, end=end)
        low = text.lower()
        if low in PRONOUNS:
            if PRONOUNS[low] in {"self", "other"}:
                return Speaker(mention=span, name=None, kind="unknown", resolved="pronoun")
            entity = self._antecedent(start, PRONOUNS[low])
            if entity is None:
                return Speaker(mention=span, kind="unknown", resolved="pronoun")
            if entity.gender is None and PRONOUNS[low] in {"male", "female"}:
                entity.gender = PRONOUNS[low]
            return self._remember(span, entity, "pronoun")
        person = self._person_in(start, end)
        if person is not None:
            name = self.canonical(person[2])
            entity = Entity(name, "person", start, self._role(text, person[2].split()[0]))
            entity.affiliation = self._affiliation(text)
            entity.gender = _gender(text, name)
            how = "name" if len(person[2].split()) > 1 else "surname"
            return self._remember(span, entity, how)
        head = low.split()[-1] if low.split() else ""
        if head in _ROLE_WORDS and low.startswith(("the ", "this ")):
            for entity in reversed(self._speakers):
                if entity.role and head in entity.role.lower() and entity.position < start:
                    return self._remember(span, entity, "role")
        if head and text.split()[-1].islower():  # "the authority", "council": a role noun
            for o_start, _, o_name in reversed(self._orgs):
                if o_start < start and o_name.lower().split()[-1] == head and o_name.lower() != low:
                    return self._remember(span, Entity(o_name, "org", start), "role")
        org = self._org_in(start, end)
        head_word = low.split(" from ")[0].split(" of ")[0].split()[-1] if low.split() else ""
        if org and (len(org) >= len(text) * 0.5 or head_word in _VOICE_NOUNS):
            name = org  # "the Tea Board", "provisional figures from the Tea Board"
        else:
            name, org = text.removeprefix("the ").removeprefix("The "), None
        kind = "org" if org else "unknown"
        return self._remember(span, Entity(name, kind, start), "mention")

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
        self._speakers.append(
            Entity(
                entity.name, entity.kind, span.start, entity.role, entity.affiliation, entity.gender
            )
        )
        return Speaker(
            mention=span,
            name=entity.name,
            kind=entity.kind,
            role=entity.role,
            affiliation=entity.affiliation,
            resolved=how,
        )
