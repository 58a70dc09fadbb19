"""Lemmas of the words attribution looks at, without spaCy's lemmatizer.

Every rule compares a token's lemma with a lexicon (:mod:`cues_table`), so the only lemmas that
matter are those of lexicon words. Generating their inflected forms once is exact for them and
lets the pipeline skip the lemmatizer, a third of the parse time on this project's machines.
Words outside the lexicon map to themselves, which no rule matches.
"""

from __future__ import annotations

import functools
from typing import Any

from wirelens.attribute.cues_table import CUE_WORDS, LIGHT_SPEECH_ACTS, PHRASAL_LEMMAS

__all__ = ["forms_of", "lemma"]

#: Irregular forms of lexicon verbs (regular ones are generated).
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "think": ("thought",),
    "know": ("knew", "known"),
    "see": ("saw", "seen"),
    "find": ("found",),
    "swear": ("swore", "sworn"),
    "seek": ("sought",),
    "show": ("shown",),
    "feel": ("felt",),
    "forecast": ("forecast",),
    "understand": ("understood",),
    "hold": ("held",),
    "take": ("took", "taken"),
    "give": ("gave", "given"),
    "forget": ("forgot", "forgotten"),
    "mean": ("meant",),
    "ask": ("asked",),
    "decline": ("declined",),
    "refuse": ("refused",),
    "comment": ("commented",),
    "hear": ("heard",),
    "learn": ("learnt",),
    "go": ("went", "gone"),
    "make": ("made",),
    "cast": ("cast",),
}
#: Other words the rules look up by lemma.
_EXTRA = (
    "interview",
    "statement",
    "post",
    "carry",
    "quote",
    "elaborate",
    "discuss",
    "answer",
    "speculate",
    "confirm",
    "decline",
    "refuse",
    "comment",
)
_VOWELS = set("aeiou")


def _forms(base: str) -> set[str]:
    forms = {base, *_IRREGULAR.get(base, ())}
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(base + "es")
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        forms |= {base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
        last = base[-1]
        if last not in _VOWELS and last not in "wxy" and base[-2:-1] in _VOWELS:
            forms |= {base + last + "ed", base + last + "ing"}  # plan -> planned
    if base.endswith("ie"):
        forms.add(base[:-2] + "ying")
    return forms


@functools.cache
def _table() -> dict[str, str]:
    words = (
        CUE_WORDS  # with cue nouns' plurals: "their claims that ..."
        | {verb for verb, _ in PHRASAL_LEMMAS}
        | {word for pair in LIGHT_SPEECH_ACTS for word in pair}
    )
    table: dict[str, str] = {}
    for base in sorted(words | set(_EXTRA)):
        for form in _forms(base):
            table.setdefault(form, base)
    return table


def lemma(token: Any) -> str:
    """The lowercase lemma of ``token`` if it is a lexicon word, else its lowercase form."""
    form: str = token.lower_
    return _table().get(form, form)


def forms_of(word: str) -> set[str]:
    """Every form of ``word`` that :func:`lemma` maps back to it (its plural or inflections);
    what a cheap pass looks for before parsing."""
    return {form for form in _forms(word) if _table().get(form, form) == word} | {word}
