"""MinHash signatures and their LSH bands, written to the store for articles not yet signed.

Only the bands are kept (``bands(band, band_hash, key)``, ``key`` the article's integer
``signatures.key``): the band join in
:mod:`wirelens.link.banding` needs nothing else, and 42 integers per article are cheaper to keep
than the signature. Articles are read and signed in batches of ``LinkOptions.batch``, so memory
stays flat however large the corpus is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from wirelens.link.db import query, run, run_many, transaction
from wirelens.link.options import LinkOptions
from wirelens.link.shingles import shingle_hashes
from wirelens.store.base import Store

__all__ = [
    "BUCKET_INDEX",
    "BandRow",
    "SignatureRow",
    "Signed",
    "band_hashes",
    "band_matrix",
    "minhash",
    "minhash_many",
    "sign",
    "sign_bodies",
    "sign_new",
    "write_signatures",
]

#: The bucket index the band join reads (as migration 0007 makes it); dropped during bulk loads.
BUCKET_INDEX = "CREATE INDEX IF NOT EXISTS bands_bucket ON bands(band, band_hash, key)"
#: Fewest articles to sign for which the bucket index is dropped and rebuilt after signing.
BULK_MIN = 20_000
#: Fewest articles to sign for which worker processes are started (their start costs ~1 s).
POOL_MIN = 10_000

_MASK63 = np.uint64((1 << 63) - 1)


@cache
def _permutations(num_perm: int, seed: int) -> npt.NDArray[np.uint32]:
    from datasketch import MinHash

    return np.asarray(MinHash(num_perm=num_perm, seed=seed).permutations)


@cache
def _band_mixers(rows: int) -> npt.NDArray[np.uint64]:
    """Odd 64-bit multipliers, one per value in a band (fixed: stored hashes depend on them)."""
    rng = np.random.default_rng(20260306)
    return rng.integers(1, 1 << 62, size=rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def minhash(shingles: npt.NDArray[np.uint32], options: LinkOptions) -> npt.NDArray[np.uint32]:
    """The datasketch MinHash values of a set of shingle hashes."""
    from datasketch import MinHash

    sketch = MinHash(
        num_perm=options.num_perm,
        seed=options.seed,
        hashfunc=int,
        permutations=_permutations(options.num_perm, options.seed),
        scheme="affine32",
    )
    sketch.update_batch(shingles)
    return np.asarray(sketch.hashvalues, dtype=np.uint32)


#: MurmurHash3's 32-bit finaliser (shifts and multipliers), as datasketch's affine32 scheme
#: applies it to each input hash before its affine permutations
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)
#: shingles permuted at once (bounds the (shingles x permutations) matrix to ~32 MB)
_BLOCK = 60_000


def _fmix32(values: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    s1, m1, s2, m2, s3 = _FMIX32
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint32(s1))
        values = values * np.uint32(m1)
        values = values ^ (values >> np.uint32(s2))
        values = values * np.uint32(m2)
        return values ^ (values >> np.uint32(s3))


def minhash_many(
    sets: list[npt.NDArray[np.uint32]], options: LinkOptions
) -> npt.NDArray[np.uint32]:
    """MinHash values of many non-empty shingle sets at once, one row per set.

    The same values as :func:`minhash` (datasketch's ``affine32`` scheme with its seeded
    permutations), computed for a whole batch with numpy: every shingle of a block of sets is
    permuted in one matrix product (into one reused buffer: a fresh 30 MB array per block costs
    more in page faults than the arithmetic) and each set's minimum taken with
    ``minimum.reduceat``.
    """
    a, b = _permutations(options.num_perm, options.seed)
    a, b = a.astype(np.uint32), b.astype(np.uint32)
    out = np.empty((len(sets), options.num_perm), dtype=np.uint32)
    longest = max((len(x) for x in sets), default=0)
    buffer = np.empty((max(_BLOCK, longest), options.num_perm), dtype=np.uint32)
    start = 0
    while start < len(sets):
        stop, size = start, 0
        while stop < len(sets) and (stop == start or size + len(sets[stop]) <= _BLOCK):
            size += len(sets[stop])
            stop += 1
        block = sets[start:stop]
        values = _fmix32(np.concatenate(block))
        permuted = buffer[: len(values)]
        np.multiply(values[:, None], a[None, :], out=permuted)
        np.add(permuted, b[None, :], out=permuted)
        offsets = np.cumsum([0] + [len(x) for x in block[:-1]])
        out[start:stop] = np.minimum.reduceat(permuted, offsets, axis=0)
        start = stop
    return out


def band_matrix(values: npt.NDArray[np.uint32], options: LinkOptions) -> npt.NDArray[np.int64]:
    """One non-negative 63-bit hash per band of ``rows`` MinHash values, for a batch.

    ``values`` has one MinHash row per article; the result one row of ``bands`` hashes each.
    """
    rows = np.atleast_2d(values)[:, : options.bands * options.rows].astype(np.uint64)
    bands = rows.reshape(len(rows), options.bands, options.rows)
    with np.errstate(over="ignore"):
        mixed = (bands * _band_mixers(options.rows)).sum(axis=2, dtype=np.uint64)
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    hashes: npt.NDArray[np.int64] = (mixed & _MASK63).astype(np.int64)
    return hashes


def band_hashes(values: npt.NDArray[np.uint32], options: LinkOptions) -> list[int]:
    """One non-negative 63-bit hash per band of one article's ``rows`` MinHash values."""
    return [int(h) for h in band_matrix(values, options)[0]]


def _to_sign(store: Store) -> tuple[int, int]:
    """(articles without a signature, articles with one)."""
    signed = query(store, "SELECT count(*) FROM signatures")[0][0]
    total = query(store, "SELECT count(*) FROM articles")[0][0]
    return total - signed, signed


def _bulk(store: Store, unsigned: int, signed: int) -> bool:
    """Whether to sign without the bucket index and build it afterwards (see ``sign_new``)."""
    if unsigned < BULK_MIN or unsigned < signed:
        return False
    run(store, "DROP INDEX IF EXISTS bands_bucket")
    return True


@dataclass(frozen=True)
class Signed:
    """One batch signed: each article's shingle count, and the band hashes of those kept
    (``min_shingles`` or more), one row each, in the order of ``kept``."""

    shingles: list[int]
    kept: list[int]
    hashes: npt.NDArray[np.int64]


def sign_bodies(bodies: list[str], options: LinkOptions) -> Signed:
    """Shingles, MinHash and band hashes of a batch of bodies (pure: runs in a worker)."""
    sets = [shingle_hashes(body, options.shingle) for body in bodies]
    kept = [i for i, s in enumerate(sets) if len(s) >= options.min_shingles]
    hashes = (
        band_matrix(minhash_many([sets[i] for i in kept], options), options)
        if kept
        else np.zeros((0, options.bands), dtype=np.int64)
    )
    return Signed([len(s) for s in sets], kept, hashes)


def _band_rows(
    keys: list[int], hashes: npt.NDArray[np.int64], ordered: bool
) -> list[tuple[int, int, int]]:
    """(band, band_hash, key) rows of a batch, in bucket-index order when ``ordered``."""
    bands = hashes.shape[1]
    rows = list(
        zip(
            np.tile(np.arange(bands), len(keys)).tolist(),
            hashes.ravel().tolist(),
            np.repeat(np.asarray(keys, dtype=np.int64), bands).tolist(),
            strict=True,
        )
    )
    if ordered:  # in index order: neighbouring inserts touch the same index pages
        rows.sort()
    return rows


def _batches(store: Store, size: int) -> Iterator[list[tuple[str, str]]]:
    """(id, body) of the articles without a signature, in batches, in id order."""
    last = ""
    while True:
        # keyset paging on the primary key: each batch starts where the last one ended
        rows = query(
            store,
            "SELECT a.id, a.body FROM articles a LEFT JOIN signatures s ON s.article_id = a.id "
            "WHERE a.id > ? AND s.article_id IS NULL ORDER BY a.id LIMIT ?",
            (last, size),
        )
        if not rows:
            return
        last = rows[-1][0]
        yield [(str(a), str(b or "")) for a, b in rows]


def _signed_batches(
    store: Store, options: LinkOptions, workers: int
) -> Iterator[tuple[list[str], Signed]]:
    """Each batch's ids with its signatures, computed by ``workers`` processes when above 1.

    The store is read and written by this process only; workers get bodies and return
    numbers. Up to ``2 * workers`` batches are in flight, so reading, signing and writing
    overlap while memory stays a few batches.
    """
    if workers <= 1:
        for rows in _batches(store, options.batch):
            yield [a for a, _ in rows], sign_bodies([b for _, b in rows], options)
        return
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing import get_context

    pending: deque[tuple[list[str], Future[Signed]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        for rows in _batches(store, options.batch):
            ids = [a for a, _ in rows]
            pending.append((ids, pool.submit(sign_bodies, [b for _, b in rows], options)))
            if len(pending) >= 2 * workers:
                ids, future = pending.popleft()
                yield ids, future.result()
        while pending:
            ids, future = pending.popleft()
            yield ids, future.result()


#: A signed article as a runner hands it over: (article_id, shingles, component).
SignatureRow = tuple[str, int, str]
#: One LSH band of a signed article as a runner hands it over: (band, band_hash, article_id);
#: :func:`write_signatures` swaps the article id for the article's integer ``key``.
BandRow = tuple[int, int, str]


def sign(
    bodies: Iterable[tuple[str, str | None]], options: LinkOptions
) -> tuple[list[SignatureRow], list[BandRow]]:
    """Signature and band rows of ``(article_id, body)`` pairs, touching no store.

    Pure, so any runner computes the same rows: :func:`sign_new` here (through
    :func:`sign_bodies`), the Spark runner's link-signatures stage there. Articles with fewer
    than ``min_shingles`` shingles get a signature row (they are signed) but no bands. Bands
    come sorted in index order.
    """
    pairs = list(bodies)
    result = sign_bodies([body or "" for _, body in pairs], options)
    signed = [(a, n, options.component) for (a, _), n in zip(pairs, result.shingles, strict=True)]
    kept = [pairs[i][0] for i in result.kept]
    banded = sorted(
        (band, int(value), article_id)
        for row, article_id in enumerate(kept)
        for band, value in enumerate(result.hashes[row].tolist())
    )
    return signed, banded


def _next_key(store: Store) -> int:
    """The first free article key, inside the caller's transaction.

    Keys are taken as ``max + 1``, so two writers must not interleave: on PostgreSQL (where
    Spark partitions write at once) the transaction first takes a lock on ``signatures`` that
    conflicts only with itself, held to commit; readers go on. SQLite has one writer anyway.
    """
    from wirelens.store.postgres import PostgresStore

    if isinstance(store, PostgresStore):
        run(store, "LOCK TABLE signatures IN SHARE ROW EXCLUSIVE MODE")
    return int(query(store, "SELECT coalesce(max(key), 0) FROM signatures")[0][0]) + 1


def write_signatures(
    store: Store, signed: Sequence[SignatureRow], banded: Sequence[BandRow]
) -> None:
    """Store signature rows (pending: ``linked = 0``) and their bands in one transaction, each
    article under the next integer ``key`` (in the order given)."""
    with transaction(store):
        first = _next_key(store)
        keys = {row[0]: first + n for n, row in enumerate(signed)}
        run_many(
            store,
            "INSERT INTO signatures(key, article_id, shingles, linked, component) "
            "VALUES (?, ?, ?, 0, ?)",
            [(keys[a], a, count, component) for a, count, component in signed],
        )
        run_many(
            store,
            "INSERT INTO bands(band, band_hash, key) VALUES (?,?,?)",
            sorted((band, value, keys[a]) for band, value, a in banded),
        )


def sign_new(
    store: Store, options: LinkOptions, progress: Callable[[int], None] | None = None
) -> int:
    """Sign every article without a signature; returns how many were signed.

    Each batch commits on its own: an interrupted run keeps its work, and the next run signs
    only what is missing. Each signed article gets the next integer ``key``; its band rows
    name that key. When the articles to sign are many (``BULK_MIN``) and at least as many as
    those signed before, the bucket index is dropped first and built once at the end: one
    sort instead of ~42 random index inserts per article, each touching its own page once
    the index outgrows the cache. The index is (re)made at the end of every call, so a run
    interrupted mid-bulk leaves nothing that the next one does not repair. With
    ``options.workers`` above 1 and at least ``POOL_MIN`` articles to sign, the signatures
    are computed in that many worker processes (the same values).
    """
    unsigned, signed = _to_sign(store)
    bulk = bool(unsigned) and _bulk(store, unsigned, signed)
    workers = options.workers if unsigned >= POOL_MIN else 1
    done = 0
    for ids, result in _signed_batches(store, options, workers):
        with transaction(store):
            first = _next_key(store)
            keys = range(first, first + len(ids))
            run_many(
                store,
                "INSERT INTO signatures(key, article_id, shingles, linked, component) "
                "VALUES (?, ?, ?, 0, ?)",
                [
                    (key, article_id, count, options.component)
                    for key, article_id, count in zip(keys, ids, result.shingles, strict=True)
                ],
            )
            if result.kept:
                banded = _band_rows([keys[i] for i in result.kept], result.hashes, not bulk)
                run_many(store, "INSERT INTO bands(band, band_hash, key) VALUES (?,?,?)", banded)
        done += len(ids)
        if progress:
            progress(done)
    run(store, BUCKET_INDEX)
    return done
