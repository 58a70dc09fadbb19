"""Bylines: ``By Jane Doe``, ``By JANE DOE and JOHN ROE, Associated Press``, ``Jane Doe | Reuters``.

A byline names people and sometimes the agency or outlet they write for. Names are returned
title-cased when the byline shouts them (``JANE DOE`` -> ``Jane Doe``); staff roles
(``Staff Writer``, ``Senior Correspondent``) and the organisation are split off.
"""

from __future__ import annotations

import re

from wirelens.meta.agencies import agency_name, canonical

__all__ = ["Byline", "parse_byline"]

_NAME_WORD = r"(?:[A-Z][A-Za-z'’.-]*|[A-Z]\.|(?:de|van|von|der|al|el|bin|da|di|du|le|la)\b)"
_NAME = rf"[A-Z][A-Za-z'’.-]+(?:\s+{_NAME_WORD}){{1,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*"
#: ``By Jane Doe``, ``Written by ...``, ``Posted by ... on March 3, 2025`` (the date is dropped).
_BY = re.compile(
    rf"(?i:by|written by|words by|reported by|posted by|story by)\s+(?P<names>{_NAMES})"
    r"(?:\s*(?:,|\||-|–|—|/|\bfor\b|\bof\b|\()\s*(?P<org>[A-Z][\w .&'’-]{1,60}?)\)?)?"
    r"(?:\s+(?i:on|updated|published)\b.*)?\s*$"
)
#: ``Jane Doe | Reuters`` / ``Jane Doe, Associated Press``: names, a bar or comma, an agency.
_NAME_ORG = re.compile(rf"(?P<names>{_NAMES})\s*[|,]\s*(?P<org>[A-Z][\w .&'’-]{{1,40}})\s*$")
_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
#: Job titles that follow a name in a byline; they are not part of the name.
_ROLES = re.compile(
    r"(?i:\b(?:senior |chief |special |staff |political |foreign |news |deputy |associate )*"
    r"(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|desk|"
    r"bureau chief|staff)s?\b)"
)


class Byline:
    """Authors (title-cased) and the agency or organisation named beside them."""

    __slots__ = ("agency", "authors", "org")

    def __init__(self, authors: tuple[str, ...], org: str | None, agency: str | None) -> None:
        self.authors = authors
        self.org = org
        self.agency = agency


def _name(text: str) -> str:
    text = " ".join(text.split()).strip(" .,")
    if text.isupper():
        return " ".join(w.capitalize() if len(w) > 1 else w for w in text.split())
    return text


def _authors(names: str) -> tuple[tuple[str, ...], str | None]:
    """Names in a byline, and an agency listed among them (``..., Associated Press``)."""
    out = []
    org: str | None = None
    for raw in _SPLIT.split(names):
        if _ROLES.fullmatch(raw.strip()) or not raw.strip():
            continue
        if canonical(raw.strip()):
            org = org or raw.strip()
            continue
        cleaned = _ROLES.sub("", raw).strip(" ,")
        if len(cleaned.split()) >= 2:
            out.append(_name(cleaned))
    return tuple(out), org


def parse_byline(line: str) -> Byline | None:
    """The byline in one short line, or None when the line is not a byline."""
    line = line.strip()
    if len(line) > 160 or not line:
        return None
    match = _BY.match(line)
    if match is None:
        match = _NAME_ORG.match(line)
        if match is None or not canonical(match["org"].strip()):
            return None
    org = (match["org"] or "").strip() or None
    if org and _ROLES.fullmatch(org):
        org = None
    authors, listed = _authors(match["names"])
    org = org or listed
    if not authors:
        return None
    agency = agency_name(org) if org else None
    if agency is not None and canonical(agency) is None:
        agency = None  # an unknown organisation beside a byline is the outlet, not an agency
    return Byline(authors, org, agency)
