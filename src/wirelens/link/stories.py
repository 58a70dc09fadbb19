"""Stories: the articles of the corpus that report the same event, written independently or not.

:func:`update_stories` links every article that is in no story yet, oldest first, in batches of
:data:`BATCH`. The batch is clustered on its own
(:func:`~wirelens.link.story_cluster.group_batch`) only to find the stored stories its groups
reach (mean similarity at least :data:`REACH`, within the time window); then the batch and the
members of those stories are clustered again together, with the same average linkage and
threshold (:class:`_Local`). So an early decision (two stories that should be one, a story that
took a stray article) is revisited when a new article brings the evidence, and the work stays
bounded by the stories the batch touches (:data:`LOCAL_LIMIT`), never the corpus.

A cluster keeps the id of the stored story most of whose articles it holds (at most one cluster
per id, the largest share first); other clusters are new stories, and a stored story left with
no cluster is removed, its id moved to the story now holding most of its articles
(:mod:`wirelens.link.story_moves`), so a cited id keeps leading to its event. A new story's id
is never a removed one's. Each batch also refreshes a few stale stories (:func:`_refresh`): those
last clustered when the corpus was half its size or less, whose members were weighed with that
day's document frequencies.

A story keeps its size and the sum of its members' vectors (``story_terms``, the
:data:`TERMS_KEPT` strongest terms) and the corpus keeps document frequencies (``story_df``), so
finding the stories a batch reaches reads no article. The stored sum has each term's IDF of the
day divided out and is weighted again with today's document frequencies when compared.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from wirelens.errors import StoreError
from wirelens.link.db import marks
from wirelens.link.story_cluster import WINDOW_DAYS, add, group_batch, mean_similarity
from wirelens.link.story_features import idf, term_counts, weigh
from wirelens.link.story_moves import forget_move, moves_of, record_moves
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
#: Mean similarity between a new group and a stored story at which the story's members are
#: clustered again with the batch (below :data:`THRESHOLD`: a story can reach a new article
#: through its closest members even when its whole mean does not).
REACH = 0.1
#: Most articles (batch and reached stories' members) clustered together for one batch.
LOCAL_LIMIT = 3000
#: Most articles of stale stories (:func:`_refresh`) read again per batch.
REFRESH_LIMIT = 100
#: Most parameters in one ``IN (...)`` list.
_IN_CHUNK = 500
#: A new SQLite story's id: past every stored story and every moved (removed) one.
_NEXT_ID = (
    "SELECT max(n) + 1 FROM (SELECT coalesce(max(id), 0) AS n FROM stories "
    "UNION ALL SELECT coalesce(max(old_id), 0) FROM story_moves)"
)


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
            store._execute(f"SELECT term, df FROM story_df WHERE term IN ({marks(chunk)})", chunk)
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
        from wirelens.store.sqlite import SQLiteStore

        self.store, self.df, self.n = store, df, n
        # SQLite gives a new row the largest id + 1, so the id of a removed story (the
        # latest) would come back naming another event; PostgreSQL's sequence never reuses
        self.pick_id = isinstance(store, SQLiteStore)

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
            f"(SELECT story_id FROM story_terms WHERE term IN ({marks(probe)}))"
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
                f"JOIN story_df d ON d.term = t.term WHERE t.story_id IN ({marks(ids)})",
                ids,
            ):
                stories[int(story_id)].raw[term] = float(weight)
                self.df.setdefault(term, int(df))
        return list(stories.values())

    def record(self, story: _Story, group: _Group, vector: dict[str, float]) -> None:
        """Save ``story`` with ``vector`` as its members' sum and ``group`` as its members."""
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
        values = (story.title, story.first, story.last, story.size)
        if self.pick_id:  # past every stored and every moved id
            sql = (
                "INSERT INTO stories(id, title, first_published, last_published, size) "
                f"VALUES (({_NEXT_ID}), ?, ?, ?, ?) RETURNING id"
            )
        else:
            sql = (
                "INSERT INTO stories(title, first_published, last_published, size) "
                "VALUES (?, ?, ?, ?) RETURNING id"
            )
        story.id = int(self.store._execute(sql, values).fetchone()[0])
        forget_move(self.store, story.id)  # the id names this story now (SQLite: no-op)
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


def _earliest_title(group: _Group) -> str | None:
    order = sorted(
        range(len(group.ids)), key=lambda i: (group.published[i] is None, group.published[i] or "")
    )
    return next((group.titles[i] for i in order if group.titles[i]), None)


def _link_batch(store: Store, batch: list[tuple[str, str | None, str, str | None]]) -> None:
    """Link one batch: find the stored stories its articles reach, then cluster those stories'
    members and the batch again together (:class:`_Local`), so early decisions are revisited."""
    counts = [term_counts(title, body) for _, title, body, _ in batch]
    df, n = _document_frequencies(store, counts)
    local = _Local(_Linker(store, df, n))
    for (article_id, title, _, published), vector in zip(
        batch, (weigh(c, df, n) for c in counts), strict=True
    ):
        local.add(article_id, title, published, vector, None)
    local.reach(group_batch(local.vectors, local.days))
    local.relink()
    _refresh(local.linker)


def _refresh(linker: _Linker) -> None:
    """Cluster again, with the stories they reach, the stories last clustered when the linked
    corpus was half its size or less (the oldest first, up to :data:`REFRESH_LIMIT` articles).

    Their members were weighed with that day's document frequencies; on a corpus that grew
    since, the same words weigh differently and the cut falls elsewhere. A story is refreshed
    each time the corpus doubles, so each article is read again O(log n) times in all.
    """
    stale = linker.store._execute(
        "SELECT s.id, s.size FROM stories s LEFT JOIN story_linked l ON l.story_id = s.id "
        "WHERE COALESCE(l.corpus_size, 0) * 2 <= ? "
        "ORDER BY COALESCE(l.corpus_size, 0), s.id LIMIT ?",
        (linker.n, REFRESH_LIMIT),
    ).fetchall()
    chosen: list[int] = []
    room = REFRESH_LIMIT
    for story_id, size in stale:
        if int(size) <= room or not chosen:
            chosen.append(int(story_id))
            room -= int(size)
    if not chosen:
        return
    local = _Local(linker)
    local._load(chosen)
    groups: dict[int, list[int]] = {}
    for i, article_id in enumerate(local.ids):
        groups.setdefault(local.story_of[article_id], []).append(i)
    local.reach(list(groups.values()))
    local.relink()


class _Local:
    """The articles clustered again for one batch: the batch and the members of the stored
    stories it reaches, with their vectors under today's document frequencies."""

    def __init__(self, linker: _Linker) -> None:
        self.linker = linker
        self.ids: list[str] = []
        self.titles: list[str | None] = []
        self.published: list[str | None] = []
        self.vectors: list[dict[str, float]] = []
        self.days: list[float | None] = []
        self.story_of: dict[str, int] = {}
        self.loaded: set[int] = set()

    def add(
        self,
        article_id: str,
        title: str | None,
        published: str | None,
        vector: dict[str, float],
        story_id: int | None,
    ) -> None:
        self.ids.append(article_id)
        self.titles.append(title)
        self.published.append(published)
        self.vectors.append(vector)
        self.days.append(_day(published))
        if story_id is not None:
            self.story_of[article_id] = story_id

    def reach(self, groups: list[list[int]]) -> None:
        """Add the members of every stored story that a group of the batch averages at least
        :data:`REACH` with (the closest first, up to :data:`LOCAL_LIMIT` articles in all)."""
        scored: dict[int, tuple[float, _Story]] = {}
        for indices in groups:
            total: dict[str, float] = {}
            for i in indices:
                add(total, self.vectors[i])
            days = [d for d in (self.days[i] for i in indices) if d is not None]
            for story in self.linker.candidates(total, days):
                weighted = self.linker.weighted(story)
                score = mean_similarity(total, len(indices), weighted, story.size)
                if story.id in self.loaded:
                    continue
                if score >= REACH and score > scored.get(story.id, (-1.0, story))[0]:
                    scored[story.id] = (score, story)
        room = LOCAL_LIMIT - len(self.ids)
        chosen = []
        for _, story in sorted(scored.values(), key=lambda pair: -pair[0]):
            if story.size <= room:
                chosen.append(story.id)
                room -= story.size
        self._load(chosen)

    def _load(self, story_ids: list[int]) -> None:
        """Read the members of ``story_ids`` and weigh them with today's frequencies."""
        if not story_ids:
            return
        self.loaded.update(story_ids)
        rows = self.linker.store._execute(
            "SELECT m.article_id, m.story_id, a.title, a.body, a.published FROM story_members m "
            f"JOIN articles a ON a.id = m.article_id WHERE m.story_id IN ({marks(story_ids)}) "
            "ORDER BY m.story_id, a.published, a.id",
            story_ids,
        ).fetchall()
        counts = [term_counts(row[2], row[3]) for row in rows]
        missing = sorted({t for c in counts for t in c} - self.linker.df.keys())
        for chunk in _chunks(missing):
            self.linker.df.update(
                self.linker.store._execute(
                    f"SELECT term, df FROM story_df WHERE term IN ({marks(chunk)})", chunk
                )
            )
        for row, terms in zip(rows, counts, strict=True):
            vector = weigh(terms, self.linker.df, self.linker.n)
            self.add(row[0], row[2], row[4], vector, int(row[1]))

    def relink(self) -> None:
        """Cluster the local articles and store the result: a cluster keeps the id of the
        stored story most of whose articles it holds; other clusters are new stories and
        stories left with no cluster are removed, each id moved to the story now holding most
        of its articles (in the batch's transaction, so a move never outlives its story)."""
        clusters = group_batch(self.vectors, self.days)
        clusters.sort(key=lambda c: _span(self.published[i] for i in c)[0] or "\uffff")
        ids = _stable_ids(clusters, self.ids, self.story_of)
        store = self.linker.store
        old = sorted(set(self.story_of.values()))
        for start in range(0, len(old), _IN_CHUNK):
            chunk = old[start : start + _IN_CHUNK]
            store._execute(f"DELETE FROM story_members WHERE story_id IN ({marks(chunk)})", chunk)
        now: dict[str, int] = {}
        for cluster, story_id in zip(clusters, ids, strict=True):
            placed = self._store(cluster, story_id)
            now.update((self.ids[i], placed) for i in cluster)
        gone = sorted(set(old) - set(now.values()))
        for story_id in gone:  # removed after the new stories took ids past theirs
            store._execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
            store._execute("DELETE FROM story_linked WHERE story_id = ?", (story_id,))
            store._execute("DELETE FROM stories WHERE id = ?", (story_id,))
        record_moves(store, moves_of(gone, self.story_of, now))

    def _store(self, cluster: list[int], story_id: int | None) -> int:
        group = _Group()
        for i in cluster:
            group.ids.append(self.ids[i])
            group.vectors.append(self.vectors[i])
            group.published.append(self.published[i])
            group.titles.append(self.titles[i])
            add(group.total, self.vectors[i])
        first, last = _span(group.published)
        story = _Story(0, len(group.ids), first, last, _earliest_title(group), 0.0, {})
        if story_id is None:
            self.linker._create(story)
        else:
            story.id = story_id
        self.linker.record(story, group, group.total)
        self.linker.store._execute("DELETE FROM story_linked WHERE story_id = ?", (story.id,))
        self.linker.store._execute(
            "INSERT INTO story_linked(story_id, corpus_size) VALUES (?, ?)",
            (story.id, self.linker.n),
        )
        return story.id


def _stable_ids(
    clusters: list[list[int]], article_ids: list[str], story_of: dict[str, int]
) -> list[int | None]:
    """For each cluster, the stored story id it keeps (None: a new story). A story's id goes
    to the cluster holding more than half of its articles; at most one cluster per id."""
    sizes = Counter(story_of.values())
    pairs = []
    for position, cluster in enumerate(clusters):
        held = Counter(story_of[article_ids[i]] for i in cluster if article_ids[i] in story_of)
        for story_id, count in held.items():
            if 2 * count > sizes[story_id]:
                pairs.append((-count, story_id, position))
    ids: list[int | None] = [None] * len(clusters)
    used: set[int] = set()
    for _, story_id, position in sorted(pairs):
        if story_id not in used and ids[position] is None:
            ids[position] = story_id
            used.add(story_id)
    return ids


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
