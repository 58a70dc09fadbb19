"""The pages for linking's results: stories, copy groups and quote traces, lists and records.

- a **story**: its articles on a timeline, one lane per copy group (origin marked);
- a **copy group**: the origin, the rule and reason that chose it, each member's changes as
  a readable diff;
- a **quote trace**: the first appearance, every repetition in time order with outlet, date
  and sourcing chain, the wording changes as a word diff, and the trace's provenance graph
  drawn as SVG here on the server (no script, nothing loaded from elsewhere).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from wirelens.errors import NotFoundError
from wirelens.link.story_moves import moved_to
from wirelens.web import linked
from wirelens.web.api import Limit, Offset, store_of
from wirelens.web.link_api import Ident
from wirelens.web.render import render
from wirelens.web.schemas import MAX_PAGE
from wirelens.web.storyview import lanes, timeline
from wirelens.web.tracegraph import layout

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(name, max_page=MAX_PAGE, **context))


def _listing(
    kind: str, title: str, found: tuple[list[dict[str, Any]], int], *, limit: int, offset: int
) -> HTMLResponse:
    items, total = found
    return _page(
        "linked_list.html",
        title=title,
        kind=kind,
        items=items,
        total=total,
        params={"limit": limit if limit != 50 else None},
        limit=limit,
        offset=offset,
    )


@router.get("/stories")
def stories(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    found = linked.story_page(store_of(request), limit=limit, offset=offset)
    return _listing("stories", "Stories", found, limit=limit, offset=offset)


@router.get("/stories/{story_id}")
def story(request: Request, story_id: Ident) -> Response:
    """A story; a story merged into another since (by a later link run) redirects there for
    good (301), so a cited link keeps leading to its event."""
    store = store_of(request)
    try:
        found = linked.story(store, story_id)
    except NotFoundError:
        target = moved_to(store, story_id)
        if target is None:
            raise
        root = request.scope.get("root_path", "")
        return RedirectResponse(f"{root}/stories/{target}", status_code=301)
    story_lanes = lanes(found["articles"])
    return _page(
        "story.html",
        title=found["title"] or f"story {story_id}",
        s=found,
        lanes=story_lanes,
        chart=timeline(story_lanes),
    )


@router.get("/copy-groups")
def copy_groups(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    found = linked.group_page(store_of(request), limit=limit, offset=offset)
    return _listing("copy-groups", "Copy groups", found, limit=limit, offset=offset)


@router.get("/copy-groups/{group_id}")
def copy_group(request: Request, group_id: Ident) -> HTMLResponse:
    found = linked.group(store_of(request), group_id)
    return _page("group.html", title=f"copy group {group_id}", g=found)


@router.get("/traces")
def traces(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    found = linked.trace_page(store_of(request), limit=limit, offset=offset)
    return _listing("traces", "Quote traces", found, limit=limit, offset=offset)


@router.get("/traces/{trace_id}")
def trace(request: Request, trace_id: Ident) -> HTMLResponse:
    store = store_of(request)
    found = linked.trace(store, trace_id)
    groups = linked.groups_of(store, [a.article_id for a in found.appearances])
    outlets = {a.outlet or a.agency or "unknown outlet" for a in found.appearances}
    return _page(
        "trace.html",
        title=f"quote trace {trace_id}",
        t=found,
        graph=layout(found, groups),
        groups=groups,
        outlets=len(outlets),
    )
