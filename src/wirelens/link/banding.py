"""LSH banding as SQL inside the store: candidate pairs from a group-by on (band, band_hash).

Two articles are candidates when they share a bucket, i.e. the same ``band_hash`` in the same
``band``. The join never emits all pairs of a bucket - 5,000 identical copies would make 12.5
million - but a *star*: each pending member is paired with the bucket's leader, the smallest
key (``signatures.key``, given in signing order) among the members already linked (so a new
article meets an existing group) or, when none is, among all members; in one run keys follow
article ids, so that is the smallest article id. Band rows name articles by that integer key
and only the final pairs are turned back into article ids. Pairs per bucket are linear in its
size; across the bands, buckets differ, so a copy meets several leaders. Everything is one
statement in SQL that SQLite, PostgreSQL and Spark SQL all run, so the index never has to fit
in memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from wirelens.link.db import run
from wirelens.store.base import Store

__all__ = ["CANDIDATES_SQL", "SCAN_SQL", "candidate_pairs"]

#: Above this share of pending articles, one scan of the band index beats looking up each
#: pending article's buckets.
SCAN_SHARE = 0.05

#: (leader, member) keys for every pending article; ``signatures.linked = 0`` marks pending.
#: Starts from the pending articles' own bands: for a few new articles in a large corpus.
_CANDIDATE_KEYS = """
WITH touched AS (
    SELECT DISTINCT b.band, b.band_hash
    FROM signatures s JOIN bands b ON b.key = s.key
    WHERE s.linked = 0
),
buckets AS (
    SELECT b.band, b.band_hash,
           min(CASE WHEN s.linked = 1 THEN b.key END) AS old_leader,
           min(b.key) AS any_leader
    FROM touched t
    JOIN bands b ON b.band = t.band AND b.band_hash = t.band_hash
    JOIN signatures s ON s.key = b.key
    GROUP BY b.band, b.band_hash
    HAVING count(*) > 1
)
SELECT DISTINCT coalesce(k.old_leader, k.any_leader) AS leader, b.key AS member
FROM buckets k
JOIN bands b ON b.band = k.band AND b.band_hash = k.band_hash
JOIN signatures s ON s.key = b.key
WHERE s.linked = 0 AND b.key <> coalesce(k.old_leader, k.any_leader)
"""


#: The same pairs from one pass over the band index (a streaming group-by on the covering
#: index ``bands_bucket``): only members of buckets with two or more articles are looked up.
#: For a first run or a large batch, where nearly every bucket is touched anyway.
_SCAN_KEYS = """
WITH buckets AS (
    SELECT band, band_hash FROM bands GROUP BY band, band_hash HAVING count(*) > 1
),
members AS (
    SELECT b.band, b.band_hash, b.key, s.linked
    FROM buckets k
    JOIN bands b ON b.band = k.band AND b.band_hash = k.band_hash
    JOIN signatures s ON s.key = b.key
),
leaders AS (
    SELECT band, band_hash,
           coalesce(min(CASE WHEN linked = 1 THEN key END), min(key)) AS leader
    FROM members GROUP BY band, band_hash
)
SELECT DISTINCT l.leader, m.key AS member
FROM leaders l
JOIN members m ON m.band = l.band AND m.band_hash = l.band_hash
WHERE m.linked = 0 AND m.key <> l.leader
"""

#: Key pairs back to article ids (only the candidates are looked up).
_AS_IDS = """
SELECT a.article_id AS leader, b.article_id AS member FROM ({pairs}) p
JOIN signatures a ON a.key = p.leader JOIN signatures b ON b.key = p.member
"""

CANDIDATES_SQL = _AS_IDS.format(pairs=_CANDIDATE_KEYS)
SCAN_SQL = _AS_IDS.format(pairs=_SCAN_KEYS)


def candidate_pairs(
    store: Store, pending_share: float = 1.0, chunk: int = 20_000
) -> Iterator[list[tuple[str, str]]]:
    """Candidate (leader, member) pairs of pending articles, streamed in chunks.

    ``pending_share`` (pending / signed articles) picks the plan: a scan of the band index for
    large batches, the pending articles' own buckets for small ones. Both give the same pairs.
    """
    cursor = run(store, SCAN_SQL if pending_share >= SCAN_SHARE else CANDIDATES_SQL)
    while rows := cursor.fetchmany(chunk):
        yield [(str(a), str(b)) for a, b in rows]
