"""Linking's results for the pages and the API: stories, copy groups and quote traces.

Lookups by id, paged lists, and what ties one article to them. The shapes come from
:mod:`wirelens.link`'s public read functions - :func:`~wirelens.link.copy_group` for a group
with each member's changes, :func:`~wirelens.link.provenance.find_traces` for a trace with its
appearances in time order - and the few queries linking's CLI has no use for (a story by id,
a page of groups, an article's trace ids) go through :func:`wirelens.link.db.query`, which
turns driver errors into a :class:`~wirelens.errors.StoreError`. Nothing here writes, and no
linking algorithm runs here: the pages show what ``wirelens link`` stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from wirelens.errors import NotFoundError
from wirelens.link import copy_group
from wirelens.link.db import marks, query
from wirelens.link.provenance import Trace, find_traces
from wirelens.link.story_list import STORY_KEYS
from wirelens.store.base import Store

__all__ = [
    "ArticleLinks",
    "GroupOf",
    "article_links",
    "group",
    "group_page",
    "groups_of",
    "speaker_traces",
    "story",
    "story_page",
    "trace",
    "trace_page",
]

_ARTICLE = ("id", "title", "outlet", "published", "source", "url")


def _article(row: Sequence[Any]) -> dict[str, Any]:
    """An article reference from ``id, title, outlet, agency, published, source, url``."""
    aid, title, outlet, agency, published, source, url = row
    return {
        "id": aid,
        "title": title,
        "outlet": outlet or agency,
        "published": published,
        "source": source,
        "url": url,
    }


_ARTICLE_SQL = "a.id, a.title, a.outlet, a.agency, a.published, a.source, a.url"


@dataclass(frozen=True)
class GroupOf:
    """The copy group an article belongs to, and whether it is that group's origin."""

    group: int
    origin_id: str
    size: int

    def is_origin(self, article_id: str) -> bool:
        return article_id == self.origin_id


def groups_of(store: Store, article_ids: Sequence[str]) -> dict[str, GroupOf]:
    """Article id -> its copy group, for those of ``article_ids`` in one."""
    out: dict[str, GroupOf] = {}
    ids = list(dict.fromkeys(article_ids))
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for aid, gid, origin, size in query(
            store,
            "SELECT m.article_id, g.id, g.origin_id, g.size FROM copy_members m "
            f"JOIN copy_groups g ON g.id = m.group_id WHERE m.article_id IN ({marks(part)})",
            part,
        ):
            out[aid] = GroupOf(int(gid), origin, int(size))
    return out


# -- stories ---------------------------------------------------------------------------------


def story_page(store: Store, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Stories newest first (by their latest article, undated last), and how many there are."""
    rows = query(
        store,
        # NULLS LAST rather than (last_published IS NULL): SQLite then walks its index
        f"SELECT {', '.join(STORY_KEYS)} FROM stories "
        "ORDER BY last_published DESC NULLS LAST, id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    total = int(query(store, "SELECT count(*) FROM stories")[0][0])
    return [dict(zip(STORY_KEYS, row, strict=True)) for row in rows], total


def story(store: Store, story_id: int) -> dict[str, Any]:
    """One story with its articles, earliest first (undated last), each with its copy group.

    Raises NotFoundError for an unknown id.
    """
    found = query(store, f"SELECT {', '.join(STORY_KEYS)} FROM stories WHERE id = ?", (story_id,))
    if not found:
        raise NotFoundError(f"no story with id {story_id}")
    head = dict(zip(STORY_KEYS, found[0], strict=True))
    rows = query(
        store,
        f"SELECT {_ARTICLE_SQL}, m.similarity FROM story_members m "
        "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
        "ORDER BY (a.published IS NULL), a.published, a.id",
        (story_id,),
    )
    groups = groups_of(store, [r[0] for r in rows])
    articles = []
    for row in rows:
        article = _article(row[:7])
        member = groups.get(article["id"])
        article["similarity"] = None if row[7] is None else float(row[7])
        article["copy_group"] = member.group if member else None
        article["origin"] = bool(member and member.is_origin(article["id"]))
        articles.append(article)
    return {**head, "articles": articles}


# -- copy groups -----------------------------------------------------------------------------


def group_page(store: Store, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Copy groups, largest first, each with its origin article, and how many there are."""
    rows = query(
        store,
        f"SELECT g.id, g.rule, g.reason, g.size, {_ARTICLE_SQL} FROM copy_groups g "
        "JOIN articles a ON a.id = g.origin_id ORDER BY g.size DESC, g.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    total = int(query(store, "SELECT count(*) FROM copy_groups")[0][0])
    items = [
        {"id": int(gid), "rule": rule, "reason": reason, "size": int(size), "origin": _article(a)}
        for gid, rule, reason, size, *a in rows
    ]
    return items, total


def group(store: Store, group_id: int) -> dict[str, Any]:
    """One copy group as :func:`wirelens.link.copy_group` gives it (origin, reason, members
    with their changes, the origin first), plus ``id``. Raises NotFoundError for an unknown id.
    """
    found = query(store, "SELECT origin_id FROM copy_groups WHERE id = ?", (group_id,))
    if not found:
        raise NotFoundError(f"no copy group with id {group_id}")
    detail = copy_group(store, found[0][0])
    for member in [detail["origin"], *detail["members"]]:
        member["outlet"] = member.get("outlet") or member.get("agency")
    return {"id": int(detail["group"]), **detail}


# -- quote traces ----------------------------------------------------------------------------


def trace_page(store: Store, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Quote traces, most repeated first, each with its first article, and how many there are."""
    rows = query(
        store,
        f"SELECT t.id, t.speaker, t.quote, t.size, {_ARTICLE_SQL} FROM traces t "
        "JOIN articles a ON a.id = t.first_article_id ORDER BY t.size DESC, t.id "
        "LIMIT ? OFFSET ?",
        (limit, offset),
    )
    total = int(query(store, "SELECT count(*) FROM traces")[0][0])
    items = [
        {
            "id": int(tid),
            "speaker": speaker,
            "quote": quote,
            "size": int(size),
            "first": _article(a),
        }
        for tid, speaker, quote, size, *a in rows
    ]
    return items, total


def trace(store: Store, trace_id: int) -> Trace:
    """One quote trace: first appearance, then every repetition in time order.

    Raises NotFoundError for an unknown id.
    """
    found = query(store, "SELECT first_attribution_id FROM traces WHERE id = ?", (trace_id,))
    if found:
        for candidate in find_traces(store, attribution_id=int(found[0][0]), limit=1_000):
            if candidate.id == trace_id:
                return candidate
    raise NotFoundError(f"no quote trace with id {trace_id}")


def speaker_traces(store: Store, names: Sequence[str], *, limit: int = 20) -> list[dict[str, Any]]:
    """The traces first attributed to any of ``names`` (a speaker's aliases), most repeated
    first."""
    if not names:
        return []
    rows = query(
        store,
        "SELECT id, quote, size FROM traces "
        f"WHERE speaker IN ({marks(names)}) ORDER BY size DESC, id LIMIT ?",
        [*names, limit],
    )
    return [{"id": int(i), "quote": q, "size": int(n)} for i, q, n in rows]


# -- one article -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleLinks:
    """What ties one article to linking's results: its copy group, its story, and the traces
    of its quotes (keyed by the quote's span in the body)."""

    group: GroupOf | None = None
    origin: dict[str, Any] | None = None
    story: dict[str, Any] | None = None
    traces: dict[tuple[int, int], list[dict[str, Any]]] = field(default_factory=dict)


def article_links(store: Store, article_id: str) -> ArticleLinks:
    """The copy group (with its origin article), story and quote traces of ``article_id``."""
    member = groups_of(store, [article_id]).get(article_id)
    origin = None
    if member is not None:
        rows = query(
            store, f"SELECT {_ARTICLE_SQL} FROM articles a WHERE a.id = ?", (member.origin_id,)
        )
        origin = _article(rows[0]) if rows else None
    found = query(
        store,
        "SELECT s.id, s.title, s.size FROM story_members m JOIN stories s ON s.id = m.story_id "
        "WHERE m.article_id = ?",
        (article_id,),
    )
    story_ref = (
        {"id": int(found[0][0]), "title": found[0][1], "size": int(found[0][2])} if found else None
    )
    traces: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for start, end, tid, position, size in query(
        store,
        "SELECT t.quote_start, t.quote_end, m.trace_id, m.position, r.size "
        "FROM trace_members m JOIN attributions t ON t.id = m.attribution_id "
        "JOIN traces r ON r.id = m.trace_id WHERE m.article_id = ? "
        "ORDER BY t.quote_start, m.trace_id",
        (article_id,),
    ):
        refs = traces.setdefault((int(start), int(end)), [])
        if all(ref["id"] != int(tid) for ref in refs):
            refs.append({"id": int(tid), "first": int(position) == 0, "size": int(size)})
    return ArticleLinks(member, origin, story_ref, traces)
