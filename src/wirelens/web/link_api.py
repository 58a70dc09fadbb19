"""The JSON API for linking's results: ``/api/stories``, ``/api/copy-groups``, ``/api/traces``.

Each is a paged list (``limit`` up to :data:`~wirelens.web.schemas.MAX_PAGE`, ``offset``, and
the ``total``) and a record by id; an unknown id is a 404 ``{"error", "status"}``. A story id
that a later link run merged into another story answers 308, with ``Location`` the story that
holds its articles now (:mod:`wirelens.link.story_moves`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from wirelens.errors import NotFoundError
from wirelens.link.provenance import Trace
from wirelens.link.story_moves import moved_to
from wirelens.web import linked
from wirelens.web.api import ERRORS, Limit, Offset, store_of
from wirelens.web.link_schemas import (
    CopyGroupDetail,
    CopyGroupPage,
    CopyGroupSummary,
    StoryDetail,
    StoryMoved,
    StoryPage,
    StorySummary,
    TraceDetail,
    TracePage,
    TraceSummary,
)

__all__ = ["Ident", "router", "trace_detail"]

router = APIRouter(prefix="/api", tags=["linking"], responses=ERRORS)

#: A stored row id (the bound keeps it inside a 64-bit integer on every backend).
Ident = Annotated[int, Path(ge=0, le=2**62, description="the record's id")]


@router.get("/stories", response_model=StoryPage, summary="Stories, newest first")
def stories(request: Request, limit: Limit = 20, offset: Offset = 0) -> StoryPage:
    items, total = linked.story_page(store_of(request), limit=limit, offset=offset)
    return StoryPage(
        items=[StorySummary(**i) for i in items], limit=limit, offset=offset, total=total
    )


#: The answer for a story id merged into another story since it was cited.
MOVED: dict[int | str, dict[str, Any]] = {
    308: {
        "model": StoryMoved,
        "description": "the story was merged into another by a later link run: Location is "
        "the story that holds its articles now",
        "headers": {
            "Location": {"description": "the story's new URL", "schema": {"type": "string"}}
        },
    }
}


@router.get("/stories/{story_id}", response_model=StoryDetail, summary="One story", responses=MOVED)
def story(request: Request, story_id: Ident) -> StoryDetail | JSONResponse:
    store = store_of(request)
    try:
        return StoryDetail.model_validate(linked.story(store, story_id))
    except NotFoundError:
        target = moved_to(store, story_id)
        if target is None:
            raise
    location = f"{request.scope.get('root_path', '')}/api/stories/{target}"
    moved = StoryMoved(id=story_id, moved_to=target, location=location)
    return JSONResponse(moved.model_dump(), status_code=308, headers={"Location": location})


@router.get("/copy-groups", response_model=CopyGroupPage, summary="Copy groups, largest first")
def copy_groups(request: Request, limit: Limit = 20, offset: Offset = 0) -> CopyGroupPage:
    items, total = linked.group_page(store_of(request), limit=limit, offset=offset)
    return CopyGroupPage(
        items=[CopyGroupSummary.model_validate(i) for i in items],
        limit=limit,
        offset=offset,
        total=total,
    )


@router.get(
    "/copy-groups/{group_id}",
    response_model=CopyGroupDetail,
    summary="One copy group: origin, reason, each member's changes",
)
def copy_group(request: Request, group_id: Ident) -> CopyGroupDetail:
    return CopyGroupDetail.model_validate(linked.group(store_of(request), group_id))


@router.get("/traces", response_model=TracePage, summary="Quote traces, most repeated first")
def traces(request: Request, limit: Limit = 20, offset: Offset = 0) -> TracePage:
    items, total = linked.trace_page(store_of(request), limit=limit, offset=offset)
    return TracePage(
        items=[TraceSummary.model_validate(i) for i in items],
        limit=limit,
        offset=offset,
        total=total,
    )


def trace_detail(found: Trace) -> TraceDetail:
    """A stored trace as its API record (``outlet`` falls back to the wire agency)."""
    appearances = []
    for appearance in found.appearances:
        record = asdict(appearance)
        record["outlet"] = appearance.outlet or appearance.agency
        record["chain"] = list(appearance.chain)
        appearances.append(record)
    return TraceDetail.model_validate(
        {
            "id": found.id,
            "speaker": found.speaker,
            "quote": found.quote,
            "appearances": appearances,
        }
    )


@router.get(
    "/traces/{trace_id}",
    response_model=TraceDetail,
    summary="One quote trace: first appearance, repetitions in time order, wording changes",
)
def trace(request: Request, trace_id: Ident) -> TraceDetail:
    return trace_detail(linked.trace(store_of(request), trace_id))
