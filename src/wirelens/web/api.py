"""The JSON API under ``/api``: articles, search with facets, attributions, speakers, ingest
(stories, copy groups and quote traces: :mod:`wirelens.web.link_api`).

Every list is paginated (``limit`` up to :data:`MAX_PAGE`, ``offset``); every error is
``{"error": ..., "status": ...}`` with the status the error's class names.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from wirelens.errors import NotFoundError
from wirelens.model import Document, to_dict
from wirelens.store.base import Store
from wirelens.store.fts import MAX_QUERY_CHARS
from wirelens.store.records import QuoteRow
from wirelens.web import loop
from wirelens.web.schemas import (
    MAX_PAGE,
    ArticleDetail,
    ArticlePage,
    ArticleSummary,
    ErrorBody,
    FacetValue,
    IngestRequest,
    IngestResult,
    OutletChain,
    Quote,
    QuotePage,
    SearchHit,
    SearchResult,
    Speaker,
    SpeakerDetail,
    SpeakerPage,
)

__all__ = ["ERRORS", "MAX_OFFSET", "router", "search_page"]

#: Deepest offset accepted: beyond it, narrow the query instead of paging.
MAX_OFFSET = 10_000

#: The error responses every API route documents (the body is always :class:`ErrorBody`).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "bad query (syntax, date, NUL byte)"),
        (404, "no such record"),
        (414, "query string too long"),
        (422, "invalid parameter (e.g. limit over the cap)"),
        (503, "the corpus database cannot be used"),
    )
}
router = APIRouter(prefix="/api", tags=["corpus"], responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, 1..{MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Name = Annotated[str | None, Query(max_length=200)]
Date = Annotated[str | None, Query(max_length=40, description="ISO date, inclusive")]
Syntax = Annotated[str, Query(pattern="^(plain|fts)$", description="plain words or full FTS")]


def store_of(request: Request) -> Store:
    """This thread's read-only connection to the corpus."""
    store: Store = request.app.state.stores.get()
    return store


@router.get("/articles", response_model=ArticlePage, summary="Articles, newest first")
def list_articles(
    request: Request, outlet: Name = None, limit: Limit = 20, offset: Offset = 0
) -> ArticlePage:
    store = store_of(request)
    rows = store.articles(outlet=outlet, limit=limit, offset=offset)
    return ArticlePage(
        items=[ArticleSummary(**row) for row in rows],
        limit=limit,
        offset=offset,
        total=store.count(outlet=outlet),
    )


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article")
async def get_article(
    request: Request, article_id: Annotated[str, Path(max_length=80)]
) -> ArticleDetail:
    analysis = store_of(request).get(article_id)  # a few indexed rows (see web/loop.py)

    def detail() -> ArticleDetail:
        record = to_dict(analysis)
        return ArticleDetail(
            article=record["article"],
            attributions=record["attributions"],
            components=record["components"],
        )

    return await loop.run(detail, inline=loop.short(analysis.article))


def search_page(
    store: Store,
    q: str,
    *,
    syntax: str = "plain",
    filters: dict[str, str | None],
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Ranked hits, facets and the undated count for one search (API and page share it)."""
    hits, facets = store.search_faceted(
        q, syntax=syntax, limit=limit, offset=offset, filters=filters
    )
    dated = filters.get("since") or filters.get("until")
    undated = (
        store.undated(
            q, syntax=syntax, outlet=filters.get("outlet"), speaker=filters.get("speaker")
        )
        if dated
        else 0
    )
    return SearchResult(
        query=q,
        syntax=syntax,
        items=[SearchHit(**hit) for hit in hits],
        facets={
            name: [FacetValue(value=v, count=n) for v, n in values]
            for name, values in facets.items()
        },
        undated_left_out=undated,
        limit=limit,
        offset=offset,
    )


async def searched(
    request: Request,
    q: str,
    *,
    syntax: str,
    filters: dict[str, str | None],
    limit: int,
    offset: int,
) -> SearchResult:
    """:func:`search_page` for a request (the API's and the page's): on the event loop for a
    plain query, whose cost is bounded, in a worker thread for FTS5's own syntax (web/loop.py)."""
    return await loop.run(
        lambda: search_page(
            store_of(request), q, syntax=syntax, filters=filters, limit=limit, offset=offset
        ),
        inline=syntax == "plain",
    )


@router.get("/search", response_model=SearchResult, summary="Full-text search with facets")
async def search(
    request: Request,
    *,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="the query")],
    syntax: Syntax = "plain",
    outlet: Name = None,
    speaker: Name = None,
    since: Date = None,
    until: Date = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchResult:
    filters = {"outlet": outlet, "speaker": speaker, "since": since, "until": until}
    return await searched(request, q, syntax=syntax, filters=filters, limit=limit, offset=offset)


def quote_rows(rows: Sequence[QuoteRow]) -> list[Quote]:
    """Store quote rows as API records."""
    return [Quote.model_validate(row) for row in rows]


@router.get("/attributions", response_model=QuotePage, summary="Attributions, citeable")
def attributions(
    request: Request,
    *,
    speaker: Name = None,
    outlet: Name = None,
    text: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
    syntax: Syntax = "plain",
    limit: Limit = 20,
    offset: Offset = 0,
) -> QuotePage:
    rows = store_of(request).quotes(
        speaker=speaker, outlet=outlet, text=text, syntax=syntax, limit=limit, offset=offset
    )
    return QuotePage(items=quote_rows(rows), limit=limit, offset=offset)


@router.get("/speakers", response_model=SpeakerPage, summary="Speakers, most quoted first")
def speakers(request: Request, limit: Limit = 20, offset: Offset = 0) -> SpeakerPage:
    store = store_of(request)
    rows = store.speakers(limit=limit, offset=offset)
    return SpeakerPage(
        items=[Speaker(**row) for row in rows],
        limit=limit,
        offset=offset,
        total=store.speaker_count(),
    )


@router.get("/speakers/{name}", response_model=SpeakerDetail, summary="One speaker")
def speaker(
    request: Request,
    name: Annotated[str, Path(max_length=200)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> SpeakerDetail:
    store = store_of(request)
    entry = store.speaker(name)
    if entry is None:
        raise NotFoundError(f"no speaker named {name[:80]!r}")
    rows = store.quotes(speaker=entry["name"], limit=limit, offset=offset)
    return SpeakerDetail(
        **{k: entry[k] for k in ("name", "count", "roles", "outlets", "aliases")},
        outlets_chains=[
            OutletChain(outlet=o, chain=c, count=n) for o, c, n in entry["outlets_chains"]
        ],
        months=[FacetValue(value=m, count=n) for m, n in entry["months"]],
        quotes=quote_rows(rows),
        limit=limit,
        offset=offset,
    )


@router.post(
    "/ingest",
    response_model=IngestResult,
    summary="Read, analyse and store documents or URLs (needs WIRELENS_TOKEN)",
    responses={
        401: {"model": ErrorBody, "description": "no token sent"},
        403: {"model": ErrorBody, "description": "wrong token, or ingest disabled"},
        411: {"model": ErrorBody, "description": "no Content-Length"},
        413: {"model": ErrorBody, "description": "body over the cap"},
    },
)
def ingest(request: Request, payload: IngestRequest) -> IngestResult:
    """Token, Content-Length and body size are checked before the body is read. URLs on
    private, loopback or link-local addresses are refused whatever the settings say.

    A ``urls`` entry that is not an http(s) URL is reported in ``failed`` and never read:
    ``read_documents`` would take it as a path on the server (reading its files) or, with a
    newline, as article text; a name over the system's limit raised OSError, a 500. Found
    by fuzzing the ingest body.
    """
    from wirelens.readers import read_documents
    from wirelens.readers.dispatch import is_url
    from wirelens.run import ingest as run_ingest

    documents = [
        Document(
            content=d.content,
            kind="html" if d.kind == "html" else "text",
            source=d.source or f"api:{i}",
            url=d.url,
            title=d.title,
            published=d.published,
            outlet=d.outlet,
        )
        for i, d in enumerate(payload.documents)
    ]
    urls = [u for u in payload.urls if is_url(u) and u.isprintable()]
    failed = [f"{u[:200]!r}: not an http(s) URL" for u in payload.urls if u not in urls]
    sources: list[Any] = [*documents, *urls]
    read = read_documents(
        sources, on_error=lambda name, exc: failed.append(f"{name}: {exc}"), allow_private=False
    )
    stores = request.app.state.stores
    with request.app.state.ingest_lock, stores.writer() as store:
        report = run_ingest(read, store)
    stores.changed()
    return IngestResult(
        read=report.read,
        new=report.new,
        existing=report.existing,
        failed=[*failed, *report.failed],
    )
