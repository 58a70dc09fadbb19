"""Datelines: where and when a story was filed, and by which agency.

Recognised forms (the agency and date are optional, the place is not)::

    Tehran [Iran], November 4 (ANI):      NEW DELHI, Nov 4 (PTI)
    Vettur (Kerala) [India], Nov 12 (IANS):
    TEHRAN, Iran (AP) --                  Paris (AFP) -
    WASHINGTON (Reuters) -                LONDON, Nov. 4 --
    KYIV, Ukraine, Nov. 4 (AP) —          ISLAMABAD:

A capitalised phrase at the start of a paragraph is only taken for a dateline when something
strong backs it: an agency in parentheses, a date followed by a separator, or an all-caps place
followed by a separator or a date. That keeps ``President Jane Doe said ...`` out.
"""

from __future__ import annotations

import re

from wirelens.meta.agencies import agency_name, canonical
from wirelens.meta.dates import MONTH_PATTERN
from wirelens.model import Dateline

__all__ = ["parse_dateline"]

_WORD = r"[A-Z][A-Za-z'’.]*(?:-[A-Za-z][A-Za-z'’.]*)*"
_CONNECT = r"(?:de|da|do|des|es|el|al|la|le|du|of|upon|am|on)"
_PLACE = rf"{_WORD}(?:[ ](?:{_CONNECT}[ ])?{_WORD}){{0,3}}"
_REGION = rf"(?!{MONTH_PATTERN}(?:\s|\d))[A-Z][A-Za-z'’.]*(?:[ ][A-Z][A-Za-z'’.]*){{0,2}}"
_DATE = (
    rf"{MONTH_PATTERN}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?"
    rf"|\d{{1,2}}\s+{MONTH_PATTERN}(?:\s+(?:19|20)\d\d)?"
)
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})"
    r"(?:\s*\((?P<state>[A-Z][A-Za-z .]{1,30})\)(?=\s*[\[,]))?"
    r"(?:\s*\[(?P<bracket>[^\]\n]{2,40})\])?"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,?\s*(?P<date>{_DATE}))?"
    r"(?:\s*\((?P<agency>[^()\n]{2,60})\))?"
    r"(?:\s*(?P<sep>:|--|—|–|-(?=\s)))?"
    r"(?=\s+\S)"
)
#: All-caps words that open a paragraph with a colon or dash but are labels, not places.
_LABELS = frozenset(
    {
        "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "ANALYSIS", "OPINION", "EDITORIAL",
        "LIVE", "NOTE", "CORRECTION", "CLARIFICATION", "WHO", "WHAT", "WHEN", "WHERE", "WHY", "HOW",
        "FACT CHECK", "PHOTOS", "VIDEO", "READ", "ALSO READ", "RELATED", "EDITOR'S NOTE", "FILE",
        "Q", "A", "UPDATE 1", "URGENT", "FLASH", "ADVISORY", "DISCLAIMER", "SOURCE", "SOURCES",
    }
)  # fmt: skip
_SMALL = frozenset(
    {"de", "da", "do", "des", "es", "el", "al", "la", "le", "du", "of", "upon", "am"}
)


def _title(words: str) -> str:
    """``NEW DELHI`` -> ``New Delhi``; mixed-case names are kept as written."""
    if not words.isupper():
        return words
    out = []
    for word in words.split(" "):
        low = word.lower()
        out.append(low if low in _SMALL else "-".join(p.capitalize() for p in low.split("-")))
    return " ".join(out)


def _region(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    return _title(value) if len(value.replace(".", "")) > 3 else value


def parse_dateline(paragraph: str) -> tuple[Dateline, int] | None:
    """The dateline at the start of ``paragraph`` and its length in characters, or None.

    ``Dateline.agency`` is canonical when the table knows the agency, else as written;
    ``iso_date`` is left for the caller, which knows the publication date.
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    place, sep, date = match["place"], match["sep"], match["date"]
    caps = (
        place.isupper()
        and len(place) > 2
        and place not in _LABELS
        and not place.startswith(("DEAR ", "ASK "))  # advice columns: 'DEAR ABBY:'
    )
    agency: str | None = None
    if match["agency"] is not None:
        agency = agency_name(match["agency"])
        if agency is None:
            return None
        # 'The World Health Organization (WHO) said': an acronym in parentheses after a name
        # is only a dateline agency with a separator, a date, an all-caps place or a country.
        if not (sep or date or caps or match["bracket"]):
            return None
        if canonical(agency) is None and not (sep or date):
            return None
    elif not ((date and sep) or (caps and (sep or date))):
        return None
    text = match[0].rstrip()
    dateline = Dateline(
        text=text,
        place=_title(place),
        country=_region(match["bracket"] or match["region"] or match["state"]),
        date=" ".join(date.split()) if date else None,
        agency=agency,
    )
    return dateline, len(text)
