"""The pages people read: home, search, article, speaker, the API reference, static files.

Rendered on the server from :mod:`wirelens.web.render` templates; they work without JavaScript
and load only ``/static/style.css`` and ``/static/app.js`` (a few lines, keyboard only).
Stories, copy groups and quote traces have their pages in :mod:`wirelens.web.link_pages`;
an article page links to its copy group, its story and each quote's trace.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from wirelens.errors import NotFoundError
from wirelens.store.base import FACET_SCAN
from wirelens.store.fts import MAX_QUERY_CHARS
from wirelens.web import linked, loop
from wirelens.web.api import MAX_OFFSET, Limit, Name, Offset, Syntax, searched, store_of
from wirelens.web.highlight import body_html, speaker_colours
from wirelens.web.pagecache import PageCache
from wirelens.web.render import render
from wirelens.web.schemas import MAX_PAGE

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

_STATIC = {
    name: (files("wirelens.web").joinpath("static", name).read_bytes(), kind)
    for name, kind in (
        ("style.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("favicon.svg", "image/svg+xml"),
    )
}


def _page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(name, max_page=MAX_PAGE, **context))


@router.get("/")
def home(request: Request) -> HTMLResponse:
    store = store_of(request)
    return _page(
        "home.html",
        title="wirelens",
        articles=store.articles(limit=15),
        speakers=store.speakers(limit=12),
        total=store.count(),
        # the home page works on a corpus whose linking tables were dropped, too
        stories=linked.story_page(store, limit=8, offset=0)[0]
        if store.has_table("stories")
        else [],
    )


@router.get("/search")
async def search(
    request: Request,
    *,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    syntax: Syntax = "plain",
    outlet: Name = None,
    speaker: Name = None,
    since: Annotated[str | None, Query(max_length=40)] = None,
    until: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> HTMLResponse:
    cache: PageCache | None = request.app.state.stores.pages
    url = request.url.query
    if cache is not None:
        page, version = cache.get(url)
        if page is not None:
            return HTMLResponse(page, headers={"x-wirelens-cache": "hit"})
    filters = {"outlet": outlet, "speaker": speaker, "since": since, "until": until}
    params = {"q": q, "syntax": syntax, **filters, "limit": limit if limit != 20 else None}
    result = None
    if q.strip():
        result = await searched(
            request, q, syntax=syntax, filters=filters, limit=limit, offset=offset
        )
    html = render(
        "search.html",
        max_page=MAX_PAGE,
        title=f"{q} - search" if q else "search",
        q=q,
        syntax=syntax,
        filters=filters,
        params=params,
        result=result,
        limit=limit,
        offset=offset,
        max_offset=MAX_OFFSET,
        facet_scan=f"{FACET_SCAN:,}",
    )
    if cache is None:
        return HTMLResponse(html)
    cache.put(url, html, version)
    return HTMLResponse(html, headers={"x-wirelens-cache": "miss"})


@router.get("/articles")
def articles(
    request: Request, outlet: Name = None, limit: Limit = 50, offset: Offset = 0
) -> HTMLResponse:
    store = store_of(request)
    return _page(
        "articles.html",
        title="articles",
        articles=store.articles(outlet=outlet, limit=limit, offset=offset),
        total=store.count(outlet=outlet),
        params={"outlet": outlet, "limit": limit if limit != 50 else None},
        limit=limit,
        offset=offset,
        outlet=outlet,
    )


@router.get("/articles/{article_id}")
async def article(
    request: Request, article_id: Annotated[str, Path(max_length=80)]
) -> HTMLResponse:
    # reading it is a few indexed rows; rendering costs in proportion to its text
    store = store_of(request)
    analysis = store.get(article_id)
    a = analysis.article
    links = linked.article_links(store, a.id)

    def page() -> HTMLResponse:
        return _page(
            "article.html",
            title=a.title or a.id,
            a=a,
            body=body_html(a.body, analysis.attributions),
            attributions=analysis.attributions,
            colours=speaker_colours(analysis.attributions),
            links=links,
        )

    return await loop.run(page, inline=loop.short(a))


@router.get("/speakers")
def speakers(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    store = store_of(request)
    return _page(
        "speakers.html",
        title="speakers",
        speakers=store.speakers(limit=limit, offset=offset),
        total=store.speaker_count(),
        params={"limit": limit if limit != 50 else None},
        limit=limit,
        offset=offset,
    )


@router.get("/speakers/{name:path}")
def speaker(
    request: Request,
    name: Annotated[str, Path(max_length=200)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    store = store_of(request)
    entry = store.speaker(name)
    if entry is None:
        raise NotFoundError(f"no speaker named {name[:80]!r}")
    quotes = store.quotes(speaker=entry["name"], limit=limit, offset=offset)
    return _page(
        "speaker.html",
        title=entry["name"],
        s=entry,
        quotes=quotes,
        traces=linked.speaker_traces(store, entry["aliases"]),
        bars=_bars(entry["months"]),
        params={"limit": limit if limit != 50 else None},
        limit=limit,
        offset=offset,
    )


def _bars(months: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Months as SVG bar geometry (no inline styles: the CSP forbids them)."""
    top = max((n for _, n in months), default=1)
    width = 28
    return [
        {"x": i * width, "h": max(2, round(100 * n / top)), "month": m, "count": n, "w": width - 4}
        for i, (m, n) in enumerate(months[-36:])
    ]


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "parameters": op.get("parameters", []),
            "body": "requestBody" in op,
            "responses": sorted(op.get("responses", {})),
        }
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return _page("docs.html", title="API", operations=operations, info=schema["info"])


@router.get("/favicon.ico")
def favicon() -> Response:
    return static("favicon.svg")


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name not in _STATIC:
        raise NotFoundError(f"no static file {name[:80]!r}")
    content, kind = _STATIC[name]
    return Response(content, media_type=kind, headers={"cache-control": "public, max-age=3600"})
