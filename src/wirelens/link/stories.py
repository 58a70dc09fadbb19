"""Stories: the articles of the corpus that report the same event, written independently or not.

:func:`update_stories` links every article that is in no story yet, oldest first, in batches of
:data:`BATCH`: the batch is clustered on its own (:func:`~wirelens.link.story_cluster.group_batch`)
and each of its groups joins the stored story it averages closest to, above the threshold and
within the time window, or starts a new story. A story keeps its size and the sum of its
members' vectors (``story_terms``, the :data:`TERMS_KEPT` strongest terms) and the corpus keeps
document frequencies (``story_df``), so linking new articles never re-reads the old ones.

The stored sum has each term's IDF of the day divided out and is weighted again with today's
document frequencies when compared, so early stories, summed when the corpus was small, are not
stuck with that day's IDF; only each member's length normalisation keeps its old weights (the
price of never recomputing the corpus). Stories are never merged or split afterwards, so a
story's id is stable.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from wirelens.errors import StoreError
from wirelens.link.story_cluster import THRESHOLD, WINDOW_DAYS, add, group_batch, mean_similarity
from wirelens.link.story_features import idf, term_counts, weigh
from wirelens.store.base import Store

__all__ = ["BATCH", "TERMS_KEPT", "update_stories"]

#: Articles clustered together in one pass (memory grows with its square).
BATCH = 1000
#: Strongest terms of a story's vector sum kept in the store (an article has about 400).
TERMS_KEPT = 1000
#: Strongest terms of a new group used to find the stories it may join.
PROBE_TERMS = 25
#: Most stories (the latest) a group is compared with.
CANDIDATES = 200
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
    """A story as joining needs it. ``raw`` is its members' vector sum with each term's IDF of
    the day divided out, so that it can be weighted with today's; ``norm`` is that sum's length
    (:meth:`_Linker.weighted`)."""

    id: int
    size: int
    first: str | None
    last: str | None
    title: str | None
    norm: float
    raw: dict[str, float]


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


def _iso(day: float) -> str:
    return date.fromordinal(int(day)).isoformat()


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


def _span(dates: Iterable[str | None]) -> tuple[str | None, str | None]:
    known = sorted(d for d in dates if d)
    return (known[0], known[-1]) if known else (None, None)


class _Linker:
    """Places the groups of one batch into stories, with the batch's document frequencies."""

    def __init__(self, store: Store, df: dict[str, int], n: int) -> None:
        self.store, self.df, self.n = store, df, n

    def idf(self, term: str) -> float:
        return idf(self.df.get(term, 1), self.n)

    def weighted(self, story: _Story) -> dict[str, float]:
        """The story's vector sum under today's document frequencies: today's direction, the
        stored length (a sum of unit vectors is as long as its members are alike)."""
        vector = {term: value * self.idf(term) for term, value in story.raw.items()}
        length = math.sqrt(sum(v * v for v in vector.values()))
        scale = story.norm / length if length else 0.0
        return {term: value * scale for term, value in vector.items()}

    def candidates(self, vector: dict[str, float], days: list[float]) -> list[_Story]:
        """Stored stories sharing a strong term with ``vector``, within the time window."""
        probe = sorted(vector, key=lambda t: -vector[t])[:PROBE_TERMS]
        if not probe:
            return []
        sql = (
            "SELECT id, size, first_published, last_published, title, norm FROM stories "
            "WHERE id IN "
            f"(SELECT story_id FROM story_terms WHERE term IN ({_marks(probe)}))"
        )
        params: list[Any] = list(probe)
        if days:  # a day of slack: stored dates may carry time zones
            sql += " AND (last_published IS NULL OR (last_published >= ? AND first_published <= ?))"
            params += [_iso(min(days) - WINDOW_DAYS - 1), _iso(max(days) + WINDOW_DAYS + 1)]
        sql += " ORDER BY (last_published IS NULL), last_published DESC, id DESC LIMIT ?"
        rows = self.store._execute(sql, [*params, CANDIDATES]).fetchall()
        stories = {
            int(row[0]): _Story(int(row[0]), int(row[1]), row[2], row[3], row[4], float(row[5]), {})
            for row in rows
            if _overlaps(days, _day(row[2]), _day(row[3]))
        }
        if stories:
            ids = list(stories)
            for story_id, term, weight, df in self.store._execute(
                "SELECT t.story_id, t.term, t.weight, d.df FROM story_terms t "
                f"JOIN story_df d ON d.term = t.term WHERE t.story_id IN ({_marks(ids)})",
                ids,
            ):
                stories[int(story_id)].raw[term] = float(weight)
                self.df.setdefault(term, int(df))
        return list(stories.values())

    def closest(self, vector: dict[str, float], size: int, days: list[float]) -> _Story | None:
        """The candidate story whose members ``vector``'s members average closest to, if that
        mean reaches the threshold."""
        best, best_score = None, THRESHOLD
        for story in self.candidates(vector, days):
            score = mean_similarity(vector, size, self.weighted(story), story.size)
            if score >= best_score:
                best, best_score = story, score
        return best

    def place(self, group: _Group) -> None:
        """Join the group to the closest story or start a story; record the members."""
        days = [d for d in map(_day, group.published) if d is not None]
        first, last = _span(group.published)
        group_story = _Story(0, len(group.ids), first, last, _earliest_title(group), 0.0, {})
        story = self.closest(group.total, len(group.ids), days)
        if story is None:
            story, vector = self._create(group_story), dict(group.total)
        else:
            vector = self.weighted(story)
            add(vector, group.total)
            _absorb(story, group_story)
        story.norm = math.sqrt(sum(v * v for v in vector.values()))
        story.raw = {term: value / self.idf(term) for term, value in vector.items()}
        self._save(story)
        rows = []
        for article_id, member in zip(group.ids, group.vectors, strict=True):
            dot = sum(v * (vector.get(t, 0.0) - v) for t, v in member.items())
            rows.append(
                (article_id, story.id, round(dot / (story.size - 1), 4) if story.size > 1 else None)
            )
        self.store._executemany(
            "INSERT INTO story_members(article_id, story_id, similarity) VALUES (?, ?, ?)", rows
        )

    def _create(self, story: _Story) -> _Story:
        row = self.store._execute(
            "INSERT INTO stories(title, first_published, last_published, size) "
            "VALUES (?, ?, ?, ?) RETURNING id",
            (story.title, story.first, story.last, story.size),
        ).fetchone()
        story.id = int(row[0])
        return story

    def _save(self, story: _Story) -> None:
        self.store._execute(
            "UPDATE stories SET title = ?, size = ?, norm = ?, first_published = ?, "
            "last_published = ? WHERE id = ?",
            (story.title, story.size, story.norm, story.first, story.last, story.id),
        )
        self.store._execute("DELETE FROM story_terms WHERE story_id = ?", (story.id,))
        strength = {term: value * self.idf(term) for term, value in story.raw.items()}
        kept = sorted(story.raw, key=lambda t: -strength[t])[:TERMS_KEPT]
        self.store._executemany(
            "INSERT INTO story_terms(story_id, term, weight) VALUES (?, ?, ?)",
            [(story.id, term, story.raw[term]) for term in kept],
        )


def _absorb(story: _Story, other: _Story) -> None:
    """Add ``other``'s size and dates into ``story``; the earliest title wins."""
    story.size += other.size
    if other.first is not None and (story.first is None or other.first < story.first):
        story.title = other.title or story.title
    elif story.title is None:
        story.title = other.title
    story.first, story.last = _span([story.first, story.last, other.first, other.last])


def _earliest_title(group: _Group) -> str | None:
    order = sorted(
        range(len(group.ids)), key=lambda i: (group.published[i] is None, group.published[i] or "")
    )
    return next((group.titles[i] for i in order if group.titles[i]), None)


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
    linker = _Linker(store, df, n)
    for group in groups:
        linker.place(group)


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
