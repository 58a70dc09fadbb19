"""Reading stories back: the ``stories`` listing and the ``export --what stories`` rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wirelens.link.db import marks
from wirelens.store.base import Store, iso_date

__all__ = ["STORY_KEYS", "list_stories", "story_rows"]

#: The columns of a story row, as every listing reads them (CLI, export, web).
STORY_KEYS = ("id", "title", "first_published", "last_published", "size")
_ARTICLE_KEYS = ("story_id", "id", "title", "outlet", "published", "source", "url", "similarity")


def _members(store: Store, story_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each story's articles, earliest first (undated last)."""
    members: dict[int, list[dict[str, Any]]] = {i: [] for i in story_ids}
    if not story_ids:
        return members
    rows = store._execute(
        "SELECT m.story_id, a.id, a.title, a.outlet, a.published, a.source, a.url, m.similarity "
        "FROM story_members m JOIN articles a ON a.id = m.article_id "
        f"WHERE m.story_id IN ({marks(story_ids)}) "
        "ORDER BY m.story_id, (a.published IS NULL), a.published, a.id",
        story_ids,
    )
    for row in rows:
        article = dict(zip(_ARTICLE_KEYS, row, strict=True))
        members[int(article.pop("story_id"))].append(article)
    return members


def list_stories(
    store: Store, *, since: str | None = None, limit: int = 25, story_id: int | None = None
) -> list[dict[str, Any]]:
    """Stories newest first (by their latest article; undated stories last), with articles.

    ``since`` (an ISO date) keeps the stories with an article published on or after it;
    ``story_id`` keeps the story with that id (none when there is no such story). A ``since``
    that is no date is a QueryError, as for search: before, it was compared as it was (``x``
    listed nothing, silently) and a lone surrogate (a non-UTF-8 argument) raised
    UnicodeEncodeError. Found by fuzzing the commands.
    """
    sql = f"SELECT {', '.join(STORY_KEYS)} FROM stories WHERE 1 = 1"
    params: list[Any] = []
    if since:
        sql += " AND substr(last_published, 1, 10) >= ?"
        params.append(iso_date(since, "since"))
    if story_id is not None:
        sql += " AND id = ?"
        params.append(story_id)
    sql += " ORDER BY (last_published IS NULL), last_published DESC, id DESC LIMIT ?"
    params.append(limit)
    stories = [dict(zip(STORY_KEYS, row, strict=True)) for row in store._execute(sql, params)]
    members = _members(store, [int(s["id"]) for s in stories])
    for story in stories:
        story["articles"] = members[int(story["id"])]
    return stories


def story_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One export row per story: its fields and, aligned, its articles' ids, sources and urls."""
    cursor = store._execute(f"SELECT {', '.join(STORY_KEYS)} FROM stories ORDER BY id")
    stories = [dict(zip(STORY_KEYS, row, strict=True)) for row in cursor.fetchall()]
    for start in range(0, len(stories), 500):
        page = stories[start : start + 500]
        members = _members(store, [int(s["id"]) for s in page])
        for story in page:
            articles = members[int(story["id"])]
            yield {
                "story_id": story["id"],
                "title": story["title"],
                "first_published": story["first_published"],
                "last_published": story["last_published"],
                "size": story["size"],
                "article_ids": [a["id"] for a in articles],
                "sources": [a["source"] or "" for a in articles],
                "urls": [a["url"] or "" for a in articles],
                "outlets": [a["outlet"] or "" for a in articles],
            }
