"""Wire and photo agencies: the world's table (``tables/agencies.tsv``) plus strong-pattern guesses.

Agencies sign copy in a handful of fixed places: the dateline (``(ANI)``), the sign-off
(``(PTI)``, ``-- Reuters``), the photo credit (``(Photo/Reuters)``) and the syndication
disclaimer. :func:`canonical` maps a name found there to the agency's canonical short name; an
agency the table does not know is still accepted by :func:`agency_name` when it *looks* like one
(an all-caps acronym, or words ending in "News Agency", "Press", ...) and is kept as written.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["Agency", "agency_name", "canonical", "find_agency", "is_photo_agency"]

_KEY_DOTS = re.compile(r"\.")
_KEY_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
#: An unknown agency is accepted when written as an acronym (``UNB``, ``KUNA``) ...
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")
#: ... or named like one (``Kenya News Agency``, ``Prensa Xyz``, ``Lanka Press Service``).
_AGENCY_WORDS = re.compile(
    r"(?:[A-Z][\w'’&-]*\s+){1,5}(?:News\s+Agency|Press\s+Agency|Press\s+Service|Press|"
    r"News\s+Service|News\s+Network|Information\s+Service|Presse|"
    r"Agency|Wire|Telegraph\s+Agency)"
)
#: Separators between co-signing agencies: ``(ANI/WAM)``, ``(AFP, Reuters)``.
_WORD = re.compile(r"\w[\w.'’&-]*")
_SPLIT = re.compile(r"\s*(?:/|,|&|\band\b)\s*")


class Agency:
    """One row of the table: canonical name, ``news`` or ``photo``, and home country."""

    __slots__ = ("country", "kind", "name")

    def __init__(self, name: str, kind: str, country: str) -> None:
        self.name = name
        self.kind = kind
        self.country = country


def _key(name: str) -> str:
    bare = _KEY_DOTS.sub("", _LEADING_THE.sub("", name.strip()))
    return _KEY_SPACE.sub(" ", bare).strip().casefold()


@cache
def _table() -> dict[str, Agency]:
    """alias key -> Agency, read once from the packaged TSV."""
    table: dict[str, Agency] = {}
    data = resources.files("wirelens").joinpath("tables/agencies.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, aliases, country = [*line.split("\t"), "", "", ""][:4]
        agency = Agency(name, kind, country)
        for alias in (name, *aliases.split("|")):
            if alias.strip():
                table.setdefault(_key(alias), agency)
    return table


def canonical(name: str) -> str | None:
    """The canonical name of a known agency (``Press Trust of India`` -> ``PTI``), else None."""
    agency = _table().get(_key(name))
    return agency.name if agency else None


def is_photo_agency(name: str) -> bool:
    """True for photo-only agencies (Getty Images, EPA): they credit pictures, not stories."""
    agency = _table().get(_key(name))
    return agency is not None and agency.kind == "photo"


def agency_name(written: str) -> str | None:
    """Canonical name of the (first) agency in an agency slot, or the name as written when it
    looks like an agency the table lacks; None when it does not look like an agency at all.

    ``ANI/WAM`` -> ``ANI``; ``With inputs from PTI`` is handled by the caller, not here.
    """
    text = written.strip().strip("()[]").strip()
    if not text or len(text) > 60:
        return None
    known = canonical(text)
    if known:
        return known
    pieces = [p for p in _SPLIT.split(text) if p]
    for piece in pieces:
        known = canonical(piece)
        if known:
            return known
    first = pieces[0] if pieces else text
    if _ACRONYM.fullmatch(first) or _AGENCY_WORDS.fullmatch(first):
        return first
    return None


def find_agency(text: str) -> str | None:
    """The first known agency named anywhere in a short text (a credit, a disclaimer).

    Looks at runs of one to four words so ``Jane Doe/AFP via Getty Images`` gives ``AFP``.
    """
    words = _WORD.findall(text[:400])
    for i in range(len(words)):
        for size in (4, 3, 2, 1):
            chunk = words[i : i + size]
            if len(chunk) < size:
                continue
            name = canonical(" ".join(chunk))
            if name and (size > 1 or _single_ok(words, i)):
                return name
    return None


def _single_ok(words: list[str], i: int) -> bool:
    """A one-word agency name counts when it is an acronym (``AFP``) or is not followed by a
    capitalised word (so the first name ``Petra`` in ``Petra Novak`` is not Jordan's agency)."""
    word = words[i]
    if word.isupper():
        return True
    following = words[i + 1] if i + 1 < len(words) else ""
    return word[:1].isupper() and not following[:1].isupper()
