"""Cleaning: a :class:`~wirelens.model.Document` in, a described ``Article`` out.

HTML goes through trafilatura first (:mod:`wirelens.clean.markup`: main text plus what the markup
says about the page); then HTML text and scraped text share one news pass
(:mod:`wirelens.clean.news`) that keeps boilerplate as typed parts, and the metadata merge
(:mod:`wirelens.meta`). ``Article.text`` is the text the pass ran on, so part offsets index it.
"""

from __future__ import annotations

from wirelens.clean.news import NewsText, split_news
from wirelens.meta import Found, Hints, describe
from wirelens.model import Article, Document, content_id

__all__ = ["clean"]


def _normalise(text: str) -> str:
    """One newline convention and no byte-order mark, so offsets mean the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _hints(document: Document) -> tuple[str, Hints]:
    """The text to clean and what markup says about it (nothing, for scraped text)."""
    if document.kind != "html":
        return _normalise(document.content), Hints()
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
    return _normalise(extract.text), hints


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

    Never raises for odd content: a page with no extractable text gives an Article with an
    empty body, and the caller decides whether that is an error.
    """
    text, hints = _hints(document)
    news = split_news(
        text,
        title=document.title or hints.title,
        infer_headline=document.kind != "html",
    )
    body = news.body
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
