"""What a person's or organisation's name looks like in news copy, apart from who it is.

Gender from honorifics, first names and gendered role nouns; honorifics and nicknames taken
out of a canonical name ("Ayatollah Ali Khamenei" -> "Ali Khamenei", Robert "Bobby" Lanford ->
Robert Lanford); where a name the NER cut short really ends; a surname misspelt by one letter.
:mod:`wirelens.attribute.speakers` decides who a mention is; this module only reads names.
"""

from __future__ import annotations

import re
from typing import Any

from wirelens.attribute.cues_table import HONORIFICS
from wirelens.attribute.names_table import FEMALE, FEMALE_TITLES, MALE, MALE_TITLES
from wirelens.attribute.speaker_words import GENDERED_ROLES

__all__ = [
    "clean_name",
    "misspelt",
    "name_gender",
    "name_run",
    "person_run",
    "proper",
    "role_gender",
    "strip_honorifics",
    "titled",
]


def name_gender(mention: str, name: str) -> str | None:
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


def titled(ent: Any) -> str | None:
    """The gender an honorific just before (or inside) a PERSON entity states ("Mrs. Trump")."""
    before = ent.doc[ent.start - 1].text if ent.start > 0 else ""
    return name_gender(f"{before} {ent.text}", "")


def role_gender(ent: Any) -> str | None:
    """The gender a role noun the sentence gives a PERSON entity states: "His wife, Celia
    Harwood", "Hope Hicks, a campaign spokeswoman", "actress Jane Roe"."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ in {"appos", "compound"} and c.i < ent.start]
    nouns += [c for c in root.children if c.dep_ == "appos" and c.i >= ent.end]
    if root.dep_ == "appos":
        nouns.append(root.head)
    for noun in nouns:
        gender = GENDERED_ROLES.get(noun.lower_) or GENDERED_ROLES.get(noun.lower_.rstrip("s"))
        if gender:
            return gender
    return None


def misspelt(surname: str, name: str) -> bool:
    """Whether a lone surname is ``name``'s surname with one letter wrong, missing or extra
    ("Wines" for Leslie Wimes, "McLenney" for Tyresha McClenney): a typo in the copy, not
    another person. Five letters or more, same first letter."""
    a, b = surname.lower(), name.rsplit(maxsplit=1)[-1].lower()
    if len(surname.split()) != 1 or min(len(a), len(b)) < 5 or a == b or a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return len(long_) - len(short) == 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    )


def name_run(ent: Any) -> int:
    """Where an organisation's name really ends when the NER cut it short: the capitalised
    proper nouns right after it in the same compound ("USA" of "a USA TODAY analysis",
    "Reuters" of "the Reuters/Ipsos poll")."""
    doc, i = ent.doc, ent.end
    end = int(ent.end_char)
    while i < len(doc):
        token = doc[i]
        if token.text == "/" and i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN":
            i += 1
            continue
        if token.pos_ != "PROPN" or token.dep_ != "compound" or not token.text[0].isupper():
            break
        end = int(token.idx) + len(token.text)
        i += 1
    return end


def proper(mention: str) -> bool:
    """Whether a mention is itself a name, every word capitalised ("USA Today", "Islamic
    State", "The Miami Herald"), short of a clause."""
    words = mention.removeprefix("the ").removeprefix("The ").split()
    small = {"of", "for", "and", "on", "the", "&"}
    return 0 < len(words) <= 6 and all(w[0].isupper() or w in small for w in words)


def strip_honorifics(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading honorifics/titles ("Ayatollah", "Dr.") from the name proper."""
    titles: list[str] = []
    while len(words) > 1 and words[0].lower().strip(",") in HONORIFICS:
        titles.append(words.pop(0))
    return titles, words


#: A nickname in quotation marks inside a name: Robert "Bobby" Lanford.
_NICKNAME = re.compile(r"\s+[\"“][A-Z][\w.-]{0,15}[\"”]\s+")
#: The rest of a name the NER cut at a nickname's opening mark: Marcia "|Cia" Price.
_NICKNAME_TAIL = re.compile(r"[A-Z][\w.-]{0,15}[\"”]\s+[A-Z][\w'-]+")


def person_run(text: str, ent: Any) -> int:
    """Where a PERSON entity's name ends, past a nickname the NER stopped at."""
    if ent.text.endswith(('"', "“")):
        tail = _NICKNAME_TAIL.match(text, ent.end_char)
        if tail:
            return tail.end()
    return int(ent.end_char)


def clean_name(text: str) -> str:
    text = _NICKNAME.sub(" ", text)
    words = text.replace("’s", "").replace("'s", "").split()
    _, words = strip_honorifics(words)
    # "U.S." keeps its dots; a sentence's full stop after "Trump." does not stay
    return " ".join(w.strip(",") if w.count(".") > 1 else w.strip(",.") for w in words)
