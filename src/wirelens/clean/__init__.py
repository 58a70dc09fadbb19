"""Cleaning: a :class:`~wirelens.model.Document` in, a described ``Article`` out.

HTML goes through trafilatura first (:mod:`wirelens.clean.markup`: main text plus what the markup
says about the page); then HTML text and scraped text share one news pass
(:mod:`wirelens.clean.news`) that keeps boilerplate as typed parts, and the metadata merge
(:mod:`wirelens.meta`). ``Article.text`` is the text the pass ran on, so part offsets index it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import msgspec

from wirelens.clean.news import NewsText, split_news
from wirelens.errors import EmptyArticleError
from wirelens.meta import Found, Hints, describe
from wirelens.model import Article, Document, content_id

if TYPE_CHECKING:
    from wirelens.readers.context import ErrorHandler

__all__ = ["clean", "clean_each"]


def _normalise(text: str) -> str:
    """One newline convention and no byte-order mark, so offsets mean the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


_TEXT_FIELDS = ("content", "source", "url", "title", "published", "outlet", "encoding", "fetched")


def _without_nuls(document: Document) -> Document:
    """``document`` with every NUL character removed from its text.

    A NUL is never news (a scraper's or a decoder's leftover), and PostgreSQL refuses it in any
    text value: one in a title (a JSON line's ``"\\u0000"``, a web ingest's field) failed the
    write of its whole batch and stopped the ingest. Removed before anything computes offsets
    or the content id, so both backends store the same article. Found by fuzzing the web
    ingest on PostgreSQL.
    """
    changed: dict[str, object] = {}
    for name in _TEXT_FIELDS:
        value = getattr(document, name)
        if value and "\x00" in value:
            changed[name] = value.replace("\x00", "")
    if any("\x00" in author for author in document.authors):
        changed["authors"] = tuple(a.replace("\x00", "") for a in document.authors)
    return msgspec.structs.replace(document, **changed) if changed else document


def _hints(document: Document) -> tuple[str, Hints, tuple[tuple[str, str], ...]]:
    """The text to clean, what markup says about it, and the captions and pull quotes it marks
    (nothing, for scraped text)."""
    if document.kind != "html":
        return _normalise(document.content), Hints(), ()
    from wirelens.clean.markup import extract_html

    extract = extract_html(document.content, document.url)
    hints = Hints(
        title=extract.title,
        authors=tuple(extract.authors),
        published=extract.published,
        sitename=extract.sitename,
        canonical_url=extract.canonical_url,
        language=extract.language,
        section=extract.section,
    )
    return _normalise(extract.text), hints, extract.marked


def _found(news: NewsText) -> Found:
    byline = news.byline
    return Found(
        headline=news.headline,
        section=news.section,
        byline_authors=byline.authors if byline else (),
        byline_agency=byline.agency if byline else None,
        dateline=news.dateline,
        signoff_agencies=tuple(news.signoff_agencies),
        disclaimer_agencies=tuple(news.disclaimer_agencies),
        outlets=tuple(news.outlets),
    )


def clean(document: Document) -> Article:
    """Clean one document: body apart from typed boilerplate parts, plus its metadata.

    Raises :class:`EmptyArticleError` when no body text is left (an empty page, a page of
    boilerplate only, markup with no text): such an article is not a record.
    """
    document = _without_nuls(document)
    text, hints, marked = _hints(document)
    news = split_news(
        text,
        title=document.title or hints.title,
        infer_headline=document.kind != "html",
        marked=marked,
    )
    body = news.body
    if not body.strip():
        found = "only boilerplate" if text.strip() else "no text"
        raise EmptyArticleError(
            f"{document.source}: no article body ({found} found in the {document.kind})"
        )
    meta = describe(document, hints, _found(news), text=text, body=body)
    return Article(
        id=content_id(text),
        body=body,
        text=text,
        parts=tuple(news.parts),
        title=meta.title,
        section=meta.section,
        outlet=meta.outlet,
        authors=meta.authors,
        agency=meta.agency,
        dateline=meta.dateline,
        credits=tuple(news.credits),
        published=meta.published,
        language=meta.language,
        url=document.url,
        canonical_url=meta.canonical_url,
        source=document.source,
    )


def clean_each(
    documents: Iterable[Document], on_error: ErrorHandler | None = None
) -> Iterator[Article]:
    """Clean documents in turn; one with an empty body goes to ``on_error`` and is skipped.

    Without ``on_error``, or when the source held just that one document, the
    :class:`EmptyArticleError` is raised instead: one bad page read alone is an error (one
    line, exit 2 in the CLI), one among many is a warning and the rest are read.
    """
    held: tuple[str, EmptyArticleError] | None = None  # the first document's error, until a second
    for index, document in enumerate(documents):
        if held is not None and on_error is not None:
            on_error(*held)
            held = None
        try:
            article = clean(document)
        except EmptyArticleError as exc:
            if on_error is None:
                raise
            if index == 0:
                held = (document.source, exc)
            else:
                on_error(document.source, exc)
            continue
        yield article
    if held is not None:
        raise held[1]
