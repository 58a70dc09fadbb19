"""Verification of candidate pairs with exact set similarity over the shingle sets.

MinHash bands only *propose* pairs; each is checked here on the real shingles. Two measures
decide: Jaccard (shared / union) for whole copies with wrappers or edits, and containment
(shared / the smaller set) so that a copy cut after three paragraphs still joins its wire
original. Articles in two different languages are never copies of each other: a translation is
another article (and shares almost no shingles anyway; names and numbers alone could mislead).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wirelens.link.db import marks, query
from wirelens.link.options import LinkOptions
from wirelens.link.shingles import shingle_hashes
from wirelens.store.base import Store

__all__ = ["Match", "ShingleCache", "check", "is_copy", "similarity", "verify_pairs"]

#: Most articles whose shingles are kept between chunks (leaders recur across pairs).
CACHE_SIZE = 20_000
#: Ids per ``IN (...)`` list (SQLite allows 32,766 parameters; stay well below).
IDS_PER_QUERY = 500


@dataclass(frozen=True)
class Match:
    """A verified copy pair with its similarity (Jaccard) and containment."""

    a: str
    b: str
    similarity: float
    containment: float


def similarity(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> tuple[float, float]:
    """(Jaccard, containment) of two sorted distinct shingle-hash arrays."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


def is_copy(jaccard: float, containment: float, smaller: int, options: LinkOptions) -> bool:
    """The copy rule (see :class:`LinkOptions`); ``smaller`` is the smaller set's size."""
    if jaccard >= options.min_jaccard:
        return True
    return containment >= options.min_containment and smaller >= options.min_contained_shingles


class ShingleCache:
    """Shingle sets and languages of stored articles, read on demand and kept LRU."""

    def __init__(self, store: Store, options: LinkOptions) -> None:
        self.store, self.options = store, options
        self._items: OrderedDict[str, tuple[npt.NDArray[np.uint32], str | None]] = OrderedDict()

    def load(self, ids: Iterable[str]) -> None:
        """Make sure ``ids`` are cached (one query per few hundred missing ids)."""
        missing = [i for i in dict.fromkeys(ids) if i not in self._items]
        for start in range(0, len(missing), IDS_PER_QUERY):
            part = missing[start : start + IDS_PER_QUERY]
            holes = marks(part)
            for article_id, body, language in query(
                self.store, f"SELECT id, body, language FROM articles WHERE id IN ({holes})", part
            ):
                self._put(article_id, (shingle_hashes(body or "", self.options.shingle), language))

    def _put(self, key: str, value: tuple[npt.NDArray[np.uint32], str | None]) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > CACHE_SIZE:
            self._items.popitem(last=False)

    def get(self, article_id: str) -> tuple[npt.NDArray[np.uint32], str | None]:
        """Shingles and language of one article (loading it if needed)."""
        if article_id not in self._items:
            self.load([article_id])
        value = self._items[article_id]
        self._items.move_to_end(article_id)
        return value


def check(cache: ShingleCache, a: str, b: str, options: LinkOptions) -> Match | None:
    """The pair as a Match when it passes the copy rule in one language, else None."""
    (sa, la), (sb, lb) = cache.get(a), cache.get(b)
    jaccard, containment = similarity(sa, sb)
    if not is_copy(jaccard, containment, min(len(sa), len(sb)), options):
        return None
    if la and lb and la != lb:
        return None
    return Match(a, b, round(jaccard, 4), round(containment, 4))


def verify_pairs(
    pairs: list[tuple[str, str]], cache: ShingleCache, options: LinkOptions
) -> tuple[list[Match], int]:
    """The pairs that are copies, and how many were refused for being in another language."""
    cache.load(i for pair in pairs for i in pair)
    matches, other_language = [], 0
    for a, b in pairs:
        match = check(cache, a, b, options)
        if match is None:
            (sa, la), (sb, lb) = cache.get(a), cache.get(b)
            jaccard, containment = similarity(sa, sb)
            passes = is_copy(jaccard, containment, min(len(sa), len(sb)), options)
            other_language += passes and la != lb
            continue
        matches.append(match)
    return matches, other_language
