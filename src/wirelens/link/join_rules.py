"""When two appearances of a quote may join one trace: the context a word match needs.

Shared words alone over-join on real news. Reading the joins made over 924 PolNeAR election
articles (2016) found these wrong classes, each with a fictional fixture in
``tests/fixtures/traces``:

- **generic short phrases across unrelated stories**: ``former secretary of state``, ``right to
  bear arms``, ``the past eight years``, ``bad things are going to happen`` - said by different
  people, or by nobody named, weeks or months apart;
- **different speakers with common words, weeks apart**: ``will not be the next president``
  (a pundit) and ``won't consider a nominee, leaving that choice to the next president``
  (senators, months earlier);
- **different figures**: two polls' ``52 percent of primary voters`` and ``61 percent``.

So a word match (:mod:`wirelens.link.traces`) is allowed by the context of the two appearances:

- in one article or one wire-copy group: as before (the speaker a signal only: another
  speaker needs the stronger match);
- more than :data:`WINDOW_DAYS` days apart: at least :data:`SHORT` shared words, and never
  when both name a speaker and the names differ (a candidate's ``temporary ban`` months later
  is a new statement of a policy, not the old quote travelling);
- a **short** statement (fewer than :data:`SHORT` content words, ``not`` aside) whose
  speakers are not known to agree: only within :data:`NEAR_DAYS` days, on the stronger match
  when both are named and differ (the speaker stays a signal, not a requirement: a copy of the
  same days may credit the wrong person);
- otherwise as before: the usual match when the speakers agree or one is unnamed, the stronger
  when both are named and differ (an undated article counts as near: aggregators drop dates).
- never when both give figures and share none (``52 percent`` is not ``61 percent``).

Every rule reads the two appearances alone (their speakers, days, articles and copy groups),
never the rest of the corpus, so that linking in batches gives what linking at once gives.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import Enum
from functools import lru_cache

from wirelens.link.appearances import QuoteRow

__all__ = ["NEAR_DAYS", "SHORT", "WINDOW_DAYS", "Join", "join", "speakers_agree"]

#: A statement with fewer content words than this (``not`` aside) is short: generic enough
#: (``the next president``) to need a named speaker or nearness in time to join.
SHORT = 6
#: Days within which a short statement joins without a named speaker in common.
NEAR_DAYS = 2
#: Days within which a longer statement joins without a named speaker in common.
WINDOW_DAYS = 31


class Join(Enum):
    """Which word match two appearances need: the usual, the stronger, or none at all."""

    USUAL = "usual"
    STRONG = "strong"
    #: far apart in time: at least :data:`SHORT` shared words, whoever the speakers
    LONG = "long"
    NEVER = "never"


@lru_cache(maxsize=65_536)
def _names(speaker: str) -> tuple[str, ...]:
    """A speaker's words, lower case and accents gone (``Calderón`` is ``calderon``)."""
    folded = unicodedata.normalize("NFKD", speaker.lower())
    return tuple("".join(c for c in folded if not unicodedata.combining(c)).split())


def speakers_agree(a: QuoteRow, b: QuoteRow) -> bool | None:
    """True when both name the same speaker (surnames equal, accents aside, or one's surname
    among the other's words: ``Tax Policy Center`` and ``Tax Policy Center at the Urban
    Institute``), False when both name someone and they differ, None when one names nobody."""
    if a.surname is None or b.surname is None:
        return None
    left, right = _names(a.speaker or ""), _names(b.speaker or "")
    if not left or not right:
        return None
    return left[-1] == right[-1] or left[-1] in right or right[-1] in left


@lru_cache(maxsize=65_536)
def _ordinal(day: str) -> int | None:
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def _days(a: QuoteRow, b: QuoteRow) -> int | None:
    first, second = _ordinal(a.day or ""), _ordinal(b.day or "")
    return None if first is None or second is None else abs(first - second)


def _figures(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if w[0].isdigit())


def join(a: QuoteRow, b: QuoteRow, smaller: frozenset[str], larger: frozenset[str]) -> Join:
    """The match two appearances need, given the content words of the smaller statement and
    of the larger (see the module docstring)."""
    figures, others = _figures(smaller), _figures(larger)
    if figures and others and not figures & others:
        return Join.NEVER
    agree = speakers_agree(a, b)
    together = a.article_id == b.article_id or (a.group is not None and a.group == b.group)
    if together:
        return Join.STRONG if agree is False else Join.USUAL
    days = _days(a, b)
    if days is not None and days > WINDOW_DAYS:
        return Join.LONG if agree is not False else Join.NEVER
    if agree:
        return Join.USUAL
    short = len(smaller - {"not"}) < SHORT
    if short and (days is None or days > NEAR_DAYS):
        return Join.NEVER
    return Join.STRONG if agree is False else Join.USUAL
