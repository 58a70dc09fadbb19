"""MinHash signatures and their LSH bands, written to the store for articles not yet signed.

Only the bands are kept (``bands(band, band_hash, article_id)``): the band join in
:mod:`wirelens.link.banding` needs nothing else, and 42 integers per article are cheaper to keep
than the signature. Articles are read and signed in batches of ``LinkOptions.batch``, so memory
stays flat however large the corpus is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
import numpy.typing as npt

from wirelens.link.db import query, run_many, transaction
from wirelens.link.options import LinkOptions
from wirelens.link.shingles import shingle_hashes
from wirelens.store.base import Store

__all__ = ["band_hashes", "minhash", "sign_new"]

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


def band_hashes(values: npt.NDArray[np.uint32], options: LinkOptions) -> list[int]:
    """One non-negative 63-bit hash per band of ``rows`` MinHash values."""
    bands = values[: options.bands * options.rows].astype(np.uint64).reshape(options.bands, -1)
    with np.errstate(over="ignore"):
        mixed = (bands * _band_mixers(options.rows)).sum(axis=1, dtype=np.uint64)
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    return [int(h) for h in mixed & _MASK63]


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
        signed, banded = [], []
        for article_id, body in rows:
            shingles = shingle_hashes(body or "", options.shingle)
            signed.append((article_id, len(shingles), options.component))
            if len(shingles) >= options.min_shingles:
                for band, value in enumerate(band_hashes(minhash(shingles, options), options)):
                    banded.append((band, value, article_id))
        with transaction(store):
            run_many(
                store,
                "INSERT INTO signatures(article_id, shingles, linked, component) "
                "VALUES (?, ?, 0, ?)",
                signed,
            )
            run_many(store, "INSERT INTO bands(band, band_hash, article_id) VALUES (?,?,?)", banded)
        done += len(rows)
        if progress:
            progress(done)
