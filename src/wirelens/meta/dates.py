"""Month names and year inference for dates written without a year (``November 4``).

Datelines give month and day only. The year comes from the article's publication date when
there is one (a December dateline on a January page is last year's), else from another full date
written in the text with the same month; otherwise there is no ISO date: never a guessed year.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["MONTHS", "MONTH_PATTERN", "iso_from_month_day", "month_number"]

#: Month names and the abbreviations newsrooms use (AP style ``Nov.``, ``Sept.``), lower case.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

#: A month name or abbreviation (optionally with a dot), longest first so ``Sept`` beats ``Sep``.
MONTH_PATTERN = (
    r"(?i:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
)
_FULL_DATE = re.compile(
    rf"\b(?P<m1>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_PATTERN})\s+(?P<y2>(?:19|20)\d\d)\b"
)
_DAY_MONTH = re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_PATTERN})")
_MONTH_DAY = re.compile(rf"(?P<m>{MONTH_PATTERN})\s+(?P<d>\d{{1,2}})")
_YEAR_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})")


def month_number(name: str) -> int | None:
    """``Nov.`` -> 11; None for anything that is not a month."""
    return MONTHS.get(name.strip().rstrip(".").casefold())


def _month_day(text: str) -> tuple[int, int] | None:
    match = _MONTH_DAY.search(text) or _DAY_MONTH.search(text)
    if not match:
        return None
    month = month_number(match["m"])
    return (month, int(match["d"])) if month else None


def _year_in_text(month: int, day: int, text: str) -> int | None:
    """The year of a full date in ``text`` on the same day, else the latest in the same month.

    Articles look back more than forward, so among same-month dates the latest year is the
    likeliest year of filing.
    """
    years: list[int] = []
    for match in _FULL_DATE.finditer(text):
        if month_number(match["m1"] or match["m2"]) != month:
            continue
        year = int(match["y1"] or match["y2"])
        if int(match["d1"] or match["d2"]) == day:
            return year
        years.append(year)
    return max(years) if years else None


def iso_from_month_day(written: str, published: str | None, text: str) -> str | None:
    """ISO date for ``written`` (``Nov 4``) with the year from ``published`` or ``text``."""
    found = _month_day(written)
    if found is None:
        return None
    month, day = found
    year: int | None = None
    pub = _YEAR_MONTH.match(published or "")
    if pub:
        year, pub_month = int(pub["y"]), int(pub["m"])
        if month - pub_month > 6:  # a December dateline on a January page
            year -= 1
        elif pub_month - month > 6:  # a January dateline on a December page (time zones)
            year += 1
    else:
        year = _year_in_text(month, day, text)
    if year is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
