"""Stories: the articles of the corpus that report the same event, written independently or not.

:func:`update_stories` links every article that is in no story yet, oldest first, in batches of
:data:`BATCH`: the batch is clustered on its own (:func:`~wirelens.link.story_cluster.group_batch`)
and each of its groups joins the stored story it averages closest to, above the threshold and
within the time window, or starts a new story. A story keeps its size and the sum of its
members' vectors (``story_terms``, the :data:`TERMS_KEPT` strongest terms) and the corpus keeps
document frequencies (``story_df``), so linking new articles never re-reads the old ones.

Weights of old members were set with the document frequencies of their day; they are not
re-weighted when the corpus grows (the price of never recomputing the corpus).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wirelens.errors import StoreError
from wirelens.link.story_cluster import THRESHOLD, WINDOW_DAYS, add, group_batch, mean_similarity
from wirelens.link.story_features import term_counts, weigh
from wirelens.store.base import Store

__all__ = ["BATCH", "TERMS_KEPT", "update_stories"]

#: Articles clustered together in one pass (memory grows with its square).
BATCH = 1000
#: Strongest terms of a story's vector sum kept in the store.
TERMS_KEPT = 300
#: Strongest terms of a new group used to find the stories it may join.
PROBE_TERMS = 25
#: Most parameters in one ``IN (...)`` list.
_IN_CHUNK = 500


@dataclass
class _Group:
    """Articles that go to one story: their ids, vectors, dates and titles."""

    ids: list[str] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)
    published: list[str | None] = field(default_factory=list)
    titles: list[str | None] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)


@dataclass
class _Story:
    """A stored story as far as joining needs it."""

    id: int
    size: int
    first: str | None
    last: str | None
    total: dict[str, float]


def _day(published: str | None) -> float | None:
    """Days since year 1 (fractional), or None when there is no usable date."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.fromisoformat(published.strip()[:10])
        except ValueError:
            return None
    return moment.toordinal() + (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" * len(items))


def _unlinked(store: Store) -> list[tuple[str, str | None, str, str | None]]:
    """Up to :data:`BATCH` articles in no story: dated ones first, oldest first."""
    return list(
        store._execute(
            "SELECT a.id, a.title, a.body, a.published FROM articles a "
            "LEFT JOIN story_members m ON m.article_id = a.id WHERE m.article_id IS NULL "
            "ORDER BY (a.published IS NULL), a.published, a.ingested_at, a.id LIMIT ?",
            (BATCH,),
        )
    )


def _document_frequencies(store: Store, counts: list[Counter[str]]) -> tuple[dict[str, int], int]:
    """Add the batch to ``story_df`` and return the frequencies of its terms and the corpus size."""
    batch_df: Counter[str] = Counter()
    for terms in counts:
        batch_df.update(terms.keys())
    store._executemany(
        "INSERT INTO story_df(term, df) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET df = story_df.df + excluded.df",
        sorted(batch_df.items()),
    )
    df: dict[str, int] = {}
    for chunk in _chunks(sorted(batch_df)):
        df.update(
            store._execute(f"SELECT term, df FROM story_df WHERE term IN ({_marks(chunk)})", chunk)
        )
    linked = int(store._execute("SELECT count(*) FROM story_members").fetchone()[0])
    return df, linked + len(counts)


def _overlaps(days: list[float], start: float | None, end: float | None) -> bool:
    """Whether dated articles fall within the window around a story (unknown dates: yes)."""
    if not days or start is None or end is None:
        return True
    return min(days) <= end + WINDOW_DAYS and max(days) >= start - WINDOW_DAYS


def _candidates(store: Store, group: _Group) -> list[_Story]:
    """Stored stories sharing a strong term with the group, within the time window."""
    probe = sorted(group.total, key=lambda t: -group.total[t])[:PROBE_TERMS]
    if not probe:
        return []
    rows = store._execute(
        "SELECT s.id, s.size, s.first_published, s.last_published FROM stories s WHERE s.id IN "
        f"(SELECT story_id FROM story_terms WHERE term IN ({_marks(probe)}))",
        probe,
    ).fetchall()
    days = [d for d in map(_day, group.published) if d is not None]
    stories: list[_Story] = []
    for story_id, size, first, last in rows:
        if not _overlaps(days, _day(first), _day(last)):
            continue
        stories.append(_Story(int(story_id), int(size), first, last, {}))
    if stories:
        ids = [s.id for s in stories]
        by_id = {s.id: s for s in stories}
        for story_id, term, weight in store._execute(
            f"SELECT story_id, term, weight FROM story_terms WHERE story_id IN ({_marks(ids)})",
            ids,
        ):
            by_id[int(story_id)].total[term] = float(weight)
    return stories


def _span(dates: Iterable[str | None]) -> tuple[str | None, str | None]:
    known = sorted(d for d in dates if d)
    return (known[0], known[-1]) if known else (None, None)


def _earliest_title(group: _Group) -> str | None:
    order = sorted(
        range(len(group.ids)), key=lambda i: (group.published[i] is None, group.published[i] or "")
    )
    return next((group.titles[i] for i in order if group.titles[i]), None)


def _save_terms(store: Store, story_id: int, total: dict[str, float]) -> None:
    store._execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
    kept = sorted(total.items(), key=lambda item: -item[1])[:TERMS_KEPT]
    store._executemany(
        "INSERT INTO story_terms(story_id, term, weight) VALUES (?, ?, ?)",
        [(story_id, term, weight) for term, weight in kept],
    )


def _place(store: Store, group: _Group) -> int:
    """Join the group to the closest stored story above the threshold, or start a story."""
    size = len(group.ids)
    best, best_score = None, THRESHOLD
    for story in _candidates(store, group):
        score = mean_similarity(group.total, size, story.total, story.size)
        if score >= best_score:
            best, best_score = story, score
    first, last = _span(group.published)
    if best is None:
        row = store._execute(
            "INSERT INTO stories(title, first_published, last_published, size) "
            "VALUES (?, ?, ?, ?) RETURNING id",
            (_earliest_title(group), first, last, size),
        ).fetchone()
        story_id, total, members = int(row[0]), dict(group.total), size
    else:
        story_id, total, members = best.id, best.total, best.size + size
        add(total, group.total)
        new_first, new_last = _span([best.first, best.last, first, last])
        if first is not None and (best.first is None or first < best.first):
            store._execute(
                "UPDATE stories SET title = COALESCE(?, title) WHERE id = ?",
                (_earliest_title(group), story_id),
            )
        store._execute(
            "UPDATE stories SET size = ?, first_published = ?, last_published = ? WHERE id = ?",
            (members, new_first, new_last, story_id),
        )
    _save_terms(store, story_id, total)
    rows = []
    for article_id, vector in zip(group.ids, group.vectors, strict=True):
        others = members - 1
        dot = sum(v * (total.get(t, 0.0) - v) for t, v in vector.items())
        rows.append((article_id, story_id, round(dot / others, 4) if others else None))
    store._executemany(
        "INSERT INTO story_members(article_id, story_id, similarity) VALUES (?, ?, ?)", rows
    )
    return story_id


def _link_batch(store: Store, batch: list[tuple[str, str | None, str, str | None]]) -> None:
    counts = [term_counts(title, body) for _, title, body, _ in batch]
    df, n = _document_frequencies(store, counts)
    vectors = [weigh(c, df, n) for c in counts]
    days = [_day(published) for *_, published in batch]
    groups: list[_Group] = []
    for indices in group_batch(vectors, days):
        group = _Group()
        for i in indices:
            article_id, title, _, published = batch[i]
            group.ids.append(article_id)
            group.vectors.append(vectors[i])
            group.published.append(published)
            group.titles.append(title)
            add(group.total, vectors[i])
        groups.append(group)
    groups.sort(key=lambda g: _span(g.published)[0] or "\uffff")
    for group in groups:
        _place(store, group)


def update_stories(store: Store) -> int:
    """Put every article that is in no story yet into one; return how many were placed.

    Each batch commits on its own, so an interrupted run keeps what it linked and the next run
    goes on from there.
    """
    placed = 0
    while batch := _unlinked(store):
        try:
            with store._transaction():
                _link_batch(store, batch)
        except store._errors as exc:
            raise StoreError(f"cannot link stories in {store.name}: {exc}") from exc
        placed += len(batch)
    return placed
