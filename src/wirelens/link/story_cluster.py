"""Grouping articles into stories: average-linkage clustering, kept incremental.

Average linkage joins two groups when the mean cosine similarity over all their cross pairs
reaches :data:`THRESHOLD`. That mean needs only each group's *sum* of unit vectors and its size
(``dot(sum_a, sum_b) / (n_a * n_b)``), so a story keeps its sum and size in the store and a new
batch finds the stories it reaches from those alone; the batch and the members of the stories
it reaches are then clustered again together (:mod:`wirelens.link.stories`). The corpus as a
whole is never clustered again.

Two articles published more than :data:`WINDOW_DAYS` apart are never in one group; an article
without a date is compared with everything (ECB+ has no dates).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

__all__ = ["THRESHOLD", "WINDOW_DAYS", "add", "group_batch", "mean_similarity"]

#: Mean pairwise cosine similarity at which groups join (chosen on ECB+, see README).
THRESHOLD = 0.21
#: Articles further apart than this (both dated) never share a story.
WINDOW_DAYS = 7.0

Vector = Mapping[str, float]


def mean_similarity(sum_a: Vector, n_a: int, sum_b: Vector, n_b: int) -> float:
    """Mean cosine similarity over every pair of members of two groups (from sums of unit
    vectors)."""
    if len(sum_a) > len(sum_b):
        sum_a, sum_b = sum_b, sum_a
    dot = sum(value * sum_b.get(term, 0.0) for term, value in sum_a.items())
    return dot / (n_a * n_b)


def add(total: dict[str, float], vector: Vector) -> None:
    """Add ``vector`` into ``total`` in place."""
    for term, value in vector.items():
        total[term] = total.get(term, 0.0) + value


def group_batch(vectors: Sequence[Vector], days: Sequence[float | None]) -> list[list[int]]:
    """Average-linkage groups of a batch (indices), cut at :data:`THRESHOLD`, within the window.

    ``vectors`` are unit-length; ``days`` are publication times in days (None: unknown).
    """
    n = len(vectors)
    if n < 2:
        return [[i] for i in range(n)]
    vocabulary: dict[str, int] = {}
    rows, cols, data = [], [], []
    for i, vector in enumerate(vectors):
        for term, value in vector.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            data.append(value)
    matrix = csr_matrix((data, (rows, cols)), shape=(n, len(vocabulary)))
    distance = 1.0 - (matrix @ matrix.T).toarray()
    known = np.array([d is not None for d in days])
    when = np.array([d if d is not None else 0.0 for d in days])
    apart = np.abs(when[:, None] - when[None, :]) > WINDOW_DAYS
    # a pair too far apart in time gets a distance no merge at the threshold can cross
    distance[apart & known[:, None] & known[None, :]] = 2.0
    np.fill_diagonal(distance, 0.0)
    np.clip(distance, 0.0, 2.0, out=distance)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - THRESHOLD, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return list(groups.values())
