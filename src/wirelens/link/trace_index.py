"""The stored statement index that makes quote tracing incremental.

Every attribution the traces step has read is kept in ``trace_seen``; the content words of its
statements are kept in ``trace_words`` (an inverted index: word -> attribution) with their
document frequencies in ``trace_df``. A link run then reads only what is new:

1. :func:`pending` - the attributions not yet seen (an anti-join in SQL);
2. :func:`neighbours` - the seen attributions that share enough *key* words (those in at most
   :data:`KEY_DF` attributions) with a new statement to possibly match it: the index answers
   this, the corpus is never read;
3. :func:`closure` - the stored traces those neighbours belong to, and every member of them,
   and again for their members' other traces, until closed: so the traces recomputed hold every
   statement of every attribution they read, and no trace outside them changes;
4. :func:`remember` - the new attributions indexed and marked seen.

The work per run grows with the new attributions and the traces they touch, not with the
corpus (see ``bench/traces_speed.py --batches``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from wirelens.link.db import query, run_many
from wirelens.store.base import Store

__all__ = ["KEY_DF", "NEIGHBOURS", "closure", "is_empty", "neighbours", "pending", "remember"]

#: A word stored for more attributions than this is too common to find neighbours by (the
#: statement's rarer words find them); it bounds the index rows one statement reads.
KEY_DF = 400
#: Seen attributions a new statement pulls into the recomputation: those sharing most key words.
NEIGHBOURS = 50
#: Most parameters in one ``IN (...)`` list.
_CHUNK = 500


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _in(store: Store, sql: str, items: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (ending in ``IN``) for every chunk of ``items``."""
    out: list[tuple[Any, ...]] = []
    for chunk in _chunks(sorted(set(items))):
        out += query(store, f"{sql} ({','.join('?' * len(chunk))})", chunk)
    return out


def is_empty(store: Store) -> bool:
    """Whether no attribution has been indexed yet (a store from before this index, or new)."""
    return not query(store, "SELECT 1 FROM trace_seen LIMIT 1")


def pending(store: Store) -> list[int]:
    """Attributions the traces step has not read yet, in id order."""
    return [
        int(r[0])
        for r in query(
            store,
            "SELECT t.id FROM attributions t LEFT JOIN trace_seen s ON s.attribution_id = t.id "
            "WHERE s.attribution_id IS NULL ORDER BY t.id",
        )
    ]


def neighbours(store: Store, statements: Sequence[frozenset[str]], least: int) -> set[int]:
    """Seen attributions that may match one of these statements (content words each).

    A seen attribution is kept for a statement when the key words they share, plus the
    statement's common words and its negation (which the index cannot check), reach ``least``
    (the fewest shared words a match needs); the :data:`NEIGHBOURS` sharing most are kept.
    """
    every = {w for words in statements for w in words if w != "not"}
    df = dict(_in(store, "SELECT word, df FROM trace_df WHERE word IN", every))
    keys = {w for w in every if 0 < df.get(w, 0) <= KEY_DF}
    postings: dict[str, list[int]] = {}
    for word, aid in _in(store, "SELECT word, attribution_id FROM trace_words WHERE word IN", keys):
        postings.setdefault(word, []).append(int(aid))
    out: set[int] = set()
    for words in statements:
        hits: Counter[int] = Counter()
        for word in sorted(words & keys):
            hits.update(postings.get(word, ()))
        unchecked = sum(1 for w in words if w == "not" or df.get(w, 0) > KEY_DF)
        need = max(1, least - unchecked)
        out |= {aid for aid, n in hits.most_common(NEIGHBOURS) if n >= need}
    return out


def closure(store: Store, seeds: set[int]) -> tuple[set[int], set[int]]:
    """The stored traces holding ``seeds`` and all their members, closed over shared members:
    ``(attributions, trace ids)``."""
    attributions, traces = set(seeds), set[int]()
    frontier = set(seeds)
    while frontier:
        sql = "SELECT DISTINCT trace_id FROM trace_members WHERE attribution_id IN"
        found = {int(r[0]) for r in _in(store, sql, frontier)}
        fresh = found - traces
        traces |= fresh
        members = {
            int(r[0])
            for r in _in(store, "SELECT attribution_id FROM trace_members WHERE trace_id IN", fresh)
        }
        frontier = members - attributions
        attributions |= frontier
    return attributions, traces


def remember(store: Store, words: dict[int, set[str]]) -> None:
    """Index the content words of these newly read attributions and mark them seen."""
    run_many(
        store,
        "INSERT INTO trace_words(word, attribution_id) VALUES (?, ?)",
        sorted((w, aid) for aid, ws in words.items() for w in ws),
    )
    df: Counter[str] = Counter(w for ws in words.values() for w in ws)
    run_many(
        store,
        "INSERT INTO trace_df(word, df) VALUES (?, ?) "
        "ON CONFLICT (word) DO UPDATE SET df = trace_df.df + excluded.df",
        sorted(df.items()),
    )
    run_many(store, "INSERT INTO trace_seen(attribution_id) VALUES (?)", [(a,) for a in words])
