"""The knobs of wire-copy linking, frozen in one place (like :mod:`wirelens.readers.options`).

The defaults were chosen on the synthetic syndication benchmark (``wirelens eval syndication``)
and follow from two facts about wire copies: an aggregator copy keeps most of the wire's word
sequences, so 3-word shingles survive wrappers, inserts and reordering; and a truncated copy
keeps a *part* of them, so containment (shared / smaller set), not only Jaccard, decides.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LinkOptions"]


@dataclass(frozen=True)
class LinkOptions:
    """How signatures are made and which candidate pairs count as copies.

    ``rows`` MinHash values make one band; ``num_perm // rows`` bands are stored per article.
    Two articles become a candidate pair when any band matches, which for ``rows=3`` and 42
    bands happens with probability 1-(1-J^3)^42: about .68 at Jaccard .3, .98 at .45 and
    .0003 at .02, so truncated copies are found while unrelated news rarely meets.
    """

    #: words per shingle (1 to 6)
    shingle: int = 3
    #: MinHash permutations (signature length)
    num_perm: int = 126
    #: MinHash values per band
    rows: int = 3
    #: seed of the MinHash permutations (changing it changes every stored band)
    seed: int = 7
    #: a candidate pair is a copy at this Jaccard of shingle sets ...
    min_jaccard: float = 0.5
    #: ... or when this share of the smaller article's shingles is in the larger one
    min_containment: float = 0.6
    #: containment alone needs the smaller article to have at least this many shingles
    min_contained_shingles: int = 25
    #: articles with fewer shingles get no bands (too short to tell a copy from a phrase)
    min_shingles: int = 8
    #: articles signed per batch (bounds memory: never the whole corpus at once)
    batch: int = 2000
    #: processes computing signatures when many articles are new (1: in this process)
    workers: int = 1

    @property
    def bands(self) -> int:
        """Number of bands stored per article."""
        return self.num_perm // self.rows

    @property
    def component(self) -> str:
        """What made the stored signatures and groups, recorded with them."""
        return f"link.copies@1(k={self.shingle},perm={self.num_perm},r={self.rows},s={self.seed})"
