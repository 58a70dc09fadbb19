"""Article metadata: headline, section, outlet, byline, dateline, agency, credits, dates, language.

:func:`describe` merges three sources in a fixed order of trust: what the reader was told
(feed or JSONL fields on the :class:`~wirelens.model.Document`), what the page's markup says
(:class:`~wirelens.clean.markup.HtmlExtract`), and what the news pass read in the text itself
(headline line, blurb, byline, dateline, sign-off, disclaimer). A date is never invented.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from wirelens.meta.dates import iso_from_month_day
from wirelens.meta.language import detect_language
from wirelens.meta.outlet import first_outlet, outlet_from_url
from wirelens.model import Dateline, Document, Published

__all__ = ["Hints", "Meta", "describe"]

#: Confidence given to a date the reader was told (feed entry, JSONL field).
DOCUMENT_DATE_CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class Hints:
    """Metadata from markup (empty for scraped text)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: Published | None = None
    sitename: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Meta:
    """The merged metadata of one article."""

    title: str | None
    section: str | None
    outlet: str | None
    authors: tuple[str, ...]
    agency: str | None
    dateline: Dateline | None
    published: Published | None
    language: str | None
    canonical_url: str | None


@dataclass(frozen=True, slots=True)
class Found:
    """What the news pass read in the text itself."""

    headline: str | None = None
    section: str | None = None
    byline_authors: tuple[str, ...] = ()
    byline_agency: str | None = None
    dateline: Dateline | None = None
    signoff_agencies: tuple[str, ...] = ()
    disclaimer_agencies: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()


def _published(document: Document, hints: Hints) -> Published | None:
    if document.published and document.published.strip():
        return Published(
            value=document.published.strip(),
            source="document",
            confidence=DOCUMENT_DATE_CONFIDENCE,
        )
    return hints.published


def describe(document: Document, hints: Hints, found: Found, *, text: str, body: str) -> Meta:
    """Merge reader, markup and text metadata for one article (reader > markup > text)."""
    published = _published(document, hints)
    dateline = found.dateline
    if dateline is not None and dateline.date and dateline.iso_date is None:
        iso = iso_from_month_day(dateline.date, published.value if published else None, text)
        if iso is not None:
            dateline = msgspec.structs.replace(dateline, iso_date=iso)
    agencies = (
        ([dateline.agency] if dateline and dateline.agency else [])
        + list(found.signoff_agencies)
        + list(found.disclaimer_agencies)
        + ([found.byline_agency] if found.byline_agency else [])
    )
    return Meta(
        title=first_outlet(document.title, hints.title, found.headline),
        section=first_outlet(hints.section, found.section),
        outlet=first_outlet(
            document.outlet,
            hints.sitename,
            *found.outlets,
            outlet_from_url(hints.canonical_url or document.url),
        ),
        authors=document.authors or hints.authors or found.byline_authors,
        agency=agencies[0] if agencies else None,
        dateline=dateline,
        published=published,
        language=hints.language or detect_language(body),
        canonical_url=hints.canonical_url,
    )
