"""MinHash signatures and their LSH bands, written to the store for articles not yet signed.

Only the bands are kept (``bands(band, band_hash, article_id)``): the band join in
:mod:`wirelens.link.banding` needs nothing else, and 42 integers per article are cheaper to keep
than the signature. Articles are read and signed in batches of ``LinkOptions.batch``, so memory
stays flat however large the corpus is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

import numpy as np
import numpy.typing as npt

from wirelens.link.db import query, run_many, transaction
from wirelens.link.options import LinkOptions
from wirelens.link.shingles import shingle_hashes
from wirelens.store.base import Store

__all__ = [
    "BandRow",
    "SignatureRow",
    "band_hashes",
    "minhash",
    "minhash_many",
    "sign",
    "sign_new",
    "write_signatures",
]

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
    permuted in one matrix product and each set's minimum taken with ``minimum.reduceat``.
    """
    a, b = _permutations(options.num_perm, options.seed)
    out = np.empty((len(sets), options.num_perm), dtype=np.uint32)
    start = 0
    while start < len(sets):
        stop, size = start, 0
        while stop < len(sets) and (stop == start or size + len(sets[stop]) <= _BLOCK):
            size += len(sets[stop])
            stop += 1
        block = sets[start:stop]
        values = _fmix32(np.concatenate(block))
        with np.errstate(over="ignore"):
            permuted = values[:, None] * a[None, :] + b[None, :]
        offsets = np.cumsum([0] + [len(x) for x in block[:-1]])
        out[start:stop] = np.minimum.reduceat(permuted, offsets, axis=0)
        start = stop
    return out


def band_hashes(values: npt.NDArray[np.uint32], options: LinkOptions) -> list[int]:
    """One non-negative 63-bit hash per band of ``rows`` MinHash values."""
    bands = values[: options.bands * options.rows].astype(np.uint64).reshape(options.bands, -1)
    with np.errstate(over="ignore"):
        mixed = (bands * _band_mixers(options.rows)).sum(axis=1, dtype=np.uint64)
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    return [int(h) for h in mixed & _MASK63]


#: A signed article as the ``signatures`` table keeps it: (article_id, shingles, component).
SignatureRow = tuple[str, int, str]
#: One LSH band of a signed article as the ``bands`` table keeps it: (band, band_hash, article_id).
BandRow = tuple[int, int, str]


def sign(
    bodies: Iterable[tuple[str, str | None]], options: LinkOptions
) -> tuple[list[SignatureRow], list[BandRow]]:
    """Signature and band rows of ``(article_id, body)`` pairs, touching no store.

    Pure, so any runner computes the same rows: :func:`sign_new` here, the Spark runner's
    link-signatures stage there. Articles with fewer than ``min_shingles`` shingles get a
    signature row (they are signed) but no bands. Bands come sorted in index order.
    """
    sets = {article_id: shingle_hashes(body or "", options.shingle) for article_id, body in bodies}
    signed = [(a, len(s), options.component) for a, s in sets.items()]
    kept = [a for a, s in sets.items() if len(s) >= options.min_shingles]
    if not kept:
        return signed, []
    values = minhash_many([sets[a] for a in kept], options)
    banded = sorted(  # in index order: neighbouring inserts touch the same pages
        (band, value, article_id)
        for row, article_id in enumerate(kept)
        for band, value in enumerate(band_hashes(values[row], options))
    )
    return signed, banded


def write_signatures(
    store: Store, signed: Sequence[SignatureRow], banded: Sequence[BandRow]
) -> None:
    """Store signature rows (pending: ``linked = 0``) and their bands in one transaction."""
    with transaction(store):
        run_many(
            store,
            "INSERT INTO signatures(article_id, shingles, linked, component) VALUES (?, ?, 0, ?)",
            signed,
        )
        run_many(store, "INSERT INTO bands(band, band_hash, article_id) VALUES (?,?,?)", banded)


def sign_new(
    store: Store, options: LinkOptions, progress: Callable[[int], None] | None = None
) -> int:
    """Sign every article without a signature; returns how many were signed.

    Each batch commits on its own: an interrupted run keeps its work, and the next run signs
    only what is missing.
    """
    done, last = 0, ""
    while True:
        # keyset paging on the primary key: each batch starts where the last one ended
        rows = query(
            store,
            "SELECT a.id, a.body FROM articles a LEFT JOIN signatures s ON s.article_id = a.id "
            "WHERE a.id > ? AND s.article_id IS NULL ORDER BY a.id LIMIT ?",
            (last, options.batch),
        )
        if not rows:
            return done
        last = rows[-1][0]
        write_signatures(store, *sign(rows, options))
        done += len(rows)
        if progress:
            progress(done)
