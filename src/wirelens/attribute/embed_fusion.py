"""The token-to-vector networks' embedding layer, folded into its first hidden layer.

spaCy's CPU pipelines embed each token with ``MultiHashEmbed``: for each token attribute
(norm, prefix, suffix, shape, ...: six in ``tok2vec``, four in ``ner``'s own network) four
hashed rows of a table are summed, the results are concatenated (576 values for six of width
96) and a maxout layer multiplies them by its weights (576 x 288) before taking the largest of
each unit's pieces. Up to that maximum everything is linear, so the product can be taken once
per table row instead of once per token: each table ``E`` becomes ``E @ W_part.T`` (its slice
of the maxout weights), and a token's pre-maxout values are the sum of its hashed rows of
those tables plus the bias. On PolNeAR dev that is a third of the token-to-vector network's
matrix products: ``tok2vec`` went from 16.3 to 13.6 ms of CPU per article, and ``ner``'s own
network (which sees half the tokens) saves about half that again.

The tables are multiplied out in double precision, so the vectors differ from spaCy's by
rounding only (at most 4e-6 on values up to 5). Tags, arcs and entities on the fixtures are
spaCy's (``tests/attribute/test_embed_fusion.py``), and all 19,767 attributions of the 924
PolNeAR dev and train texts were identical with and without it when it was written. The
folded layer only predicts: :func:`fold_embeddings` is for pipelines loaded to analyse, never
to train or save.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from thinc.api import Model, NumpyOps, noop

#: A thinc layer of any input and output.
Layer = Model[Any, Any]

__all__ = ["fold_embeddings"]


def fold_embeddings(model: Any) -> int:
    """Fold every ``MultiHashEmbed`` layer of ``model`` (a component's thinc model) into the
    maxout after it, in place; returns how many were folded. Models on other ops than numpy's
    (a GPU), or of another shape (static vectors, no maxout), are left as they are."""
    if not isinstance(model, Model) or type(model.ops) is not NumpyOps:
        return 0
    folded = 0
    for node in list(model.walk()):
        found = _embedding(node)
        if found is not None:
            concatenated, maxout = found
            model.replace_node(concatenated, _folded(concatenated, maxout))
            model.replace_node(maxout, noop())
            folded += 1
    return folded


def _embedding(node: Layer) -> tuple[Layer, Layer] | None:
    """``(concatenated hash embeddings, maxout)`` where ``node`` chains them as MultiHashEmbed
    does: ``with_array(hashembed | hashembed | ...) >> with_array(maxout >> ...)``."""
    layers = node.layers
    for this, following in itertools.pairwise(layers):
        if not (this.name.startswith("with_array(") and following.name.startswith("with_array(")):
            continue
        concatenated, maxout = this.layers[0], following.layers[0]
        while maxout.layers:  # the first layer of (nested) chains: maxout >> layernorm >> ...
            maxout = maxout.layers[0]
        if _hash_embeddings(concatenated) and maxout.name == "maxout":
            widths = sum(part.layers[1].get_dim("nO") for part in concatenated.layers)
            if maxout.get_dim("nI") == widths:
                return concatenated, maxout
    return None


def _hash_embeddings(node: Layer) -> bool:
    """Whether ``node`` concatenates column lookups of hash embeddings and nothing else."""
    return bool(node.layers) and all(
        [layer.name for layer in part.layers] == ["ints-getitem", "hashembed"]
        and part.layers[1].attrs.get("column") is not None
        for part in node.layers
    )


def _folded(concatenated: Layer, maxout: Layer) -> Layer:
    """One layer giving what ``concatenated >> maxout`` gives, from tables multiplied out."""
    units, pieces, width = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
    weights = np.asarray(maxout.get_param("W")).reshape(units * pieces, width).astype(np.float64)
    bias = maxout.ops.reshape1f(maxout.get_param("b"), units * pieces)
    tables: list[tuple[int, int, Any]] = []
    start = 0
    for part in concatenated.layers:
        embed = part.layers[1]
        rows = np.asarray(embed.get_param("E"))
        end = start + rows.shape[1]
        table = (rows.astype(np.float64) @ weights[:, start:end].T).astype(np.float32)
        tables.append((int(embed.attrs["column"]), int(embed.attrs["seed"]), table))
        start = end
    ops = maxout.ops

    def forward(model: Layer, ids: Any, is_train: bool) -> tuple[Any, Any]:
        if is_train:
            raise NotImplementedError("a folded embedding only predicts")
        if ids.shape[0] == 0:
            return ops.alloc2f(0, units), None
        ids = ops.as_contig(ids, dtype="uint64")
        summed = ops.alloc2f(ids.shape[0], units * pieces)
        for column, seed, table in tables:
            keys = ops.hash(ops.as_contig(ids[:, column]), seed) % table.shape[0]
            summed += ops.gather_add(table, keys)
        summed += bias
        best, _which = ops.maxout(ops.reshape3f(summed, ids.shape[0], units, pieces))
        return best, None

    return Model("folded_hashembed_maxout", forward, dims={"nO": units, "nI": None})
