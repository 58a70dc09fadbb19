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
corpus (see ``bench/traces_speed.py --batches``). Re-analysis replaces an article's
attributions: the old ones leave ``trace_seen``, ``trace_words`` and the traces by cascade and
the new ones are read as new; ``trace_df`` keeps counting the old ones (it only chooses which
words are rare enough to look up).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from wirelens.link.db import marks, query, run_many
from wirelens.store.base import Store

__all__ = ["KEY_DF", "NEIGHBOURS", "closure", "is_empty", "neighbours", "pending", "remember"]

#: A word stored for more attributions than this is too common to find neighbours by (the
#: statement's rarer words find them); it bounds the index rows one statement reads.
KEY_DF = 400
#: Seen attributions checked for each new statement: those sharing most key words with it.
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
        out += query(store, f"{sql} ({marks(chunk)})", chunk)
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


def neighbours(
    store: Store, statements: Sequence[frozenset[str]], least_shared: int, least: float
) -> set[int]:
    """Seen attributions with a statement that shares enough words with one of these (content
    words each) to possibly match it.

    Found through the key words (those in at most :data:`KEY_DF` attributions): the
    :data:`NEIGHBOURS` sharing most key words with a statement are checked on their stored
    statements, and kept when one shares ``least_shared`` words covering ``least`` of the smaller
    (the matcher's loosest match, passed in by :mod:`wirelens.link.traces`, which decides).
    """
    every = {w for words in statements for w in words if w != "not"}
    df = dict(_in(store, "SELECT word, df FROM trace_df WHERE word IN", every))
    keys = {w for w in every if 0 < df.get(w, 0) <= KEY_DF}
    postings: dict[str, list[int]] = {}
    for word, aid in _in(store, "SELECT word, attribution_id FROM trace_words WHERE word IN", keys):
        postings.setdefault(word, []).append(int(aid))
    wanted: list[tuple[frozenset[str], list[int]]] = []
    for words in statements:
        hits: Counter[int] = Counter()
        for word in sorted(words & keys):
            hits.update(postings.get(word, ()))
        wanted.append((words, [aid for aid, _ in hits.most_common(NEIGHBOURS)]))
    said = {
        int(aid): [frozenset(ws) for ws in json.loads(text)]
        for aid, text in _in(
            store,
            "SELECT attribution_id, statements FROM trace_seen WHERE attribution_id IN",
            {aid for _, aids in wanted for aid in aids},
        )
    }
    out: set[int] = set()
    for words, aids in wanted:
        for aid in aids:
            for other in said.get(aid, ()):
                shared = len(words & other)
                if shared >= least_shared and shared >= least * min(len(words), len(other)):
                    out.add(aid)
                    break
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


def remember(store: Store, said: dict[int, list[frozenset[str]]]) -> None:
    """Index the statements (content words each) of these newly read attributions and mark
    them seen."""
    words = {
        aid: {w for ws in statements for w in ws if w != "not"} for aid, statements in said.items()
    }
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
    run_many(
        store,
        "INSERT INTO trace_seen(attribution_id, statements) VALUES (?, ?)",
        [(aid, json.dumps([sorted(ws) for ws in statements])) for aid, statements in said.items()],
    )
