"""Folding the hash embeddings into the first maxout gives spaCy's token vectors, to rounding.

Texts: every fictional text fixture of the project (tests/fixtures, the README of each folder
says so) and short fictional sentences written for this test.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
import spacy
from thinc.api import Relu, chain

from tests.conftest import FIXTURES
from wirelens.attribute.embed_fusion import fold_embeddings
from wirelens.attribute.nlp import load, one_blas_thread
from wirelens.nlp_modes import model_name

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
EDGES = ["", "Velmora", "  \n  ", "On 4 March 2031 the board met Dario Ferrante in Lisbon."]


@pytest.fixture(scope="module")
def plain() -> Any:
    """spaCy's own pipeline, as it comes (nothing folded)."""
    return spacy.load(model_name(), exclude=["lemmatizer"])


def _hash_tables(model: Any) -> int:
    return sum(1 for node in model.walk() if node.name == "hashembed")


def _vectors(model: Any, docs: list[Any]) -> list[Any]:
    with one_blas_thread():
        return list(model.predict(docs))


@pytest.mark.parametrize("component", ["tok2vec", "ner"])
def test_folded_network_gives_the_same_vectors(plain: Any, component: str) -> None:
    network = plain.get_pipe(component).model
    if component == "ner":
        network = network.layers[0]  # ner's own token-to-vector network
    folded = copy.deepcopy(network)
    assert fold_embeddings(folded) == 1
    assert _hash_tables(network) >= 4 and _hash_tables(folded) == 0  # tok2vec 6, ner 4
    docs = [plain.make_doc(text) for text in TEXTS + EDGES]
    theirs, ours = _vectors(network, docs), _vectors(folded, docs)
    assert sum(len(v) for v in theirs) > 5_000  # the fixtures' tokens
    for a, b in zip(theirs, ours, strict=True):
        assert a.shape == b.shape
        assert np.allclose(a, b, rtol=0, atol=1e-4)


def test_loaded_pipeline_is_folded() -> None:
    nlp = load(None, "full")
    assert _hash_tables(nlp.get_pipe("tok2vec").model) == 0
    assert _hash_tables(nlp.get_pipe("ner").model) == 0


def test_folded_pipeline_tags_parses_and_finds_entities_as_spacy(plain: Any) -> None:
    folded = spacy.load(model_name(), exclude=["lemmatizer"])
    assert sum(fold_embeddings(getattr(c, "model", None)) for _, c in folded.pipeline) == 2
    with one_blas_thread():
        ours = list(folded.pipe(TEXTS + EDGES))
        theirs = list(plain.pipe(TEXTS + EDGES))
    assert sum(len(d.ents) for d in theirs) > 500
    for a, b in zip(ours, theirs, strict=True):
        assert [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [
            (e.start, e.end, e.label_) for e in b.ents
        ]


def test_only_hash_embeddings_are_folded() -> None:
    assert fold_embeddings(None) == 0
    assert fold_embeddings(chain(Relu(4, 4), Relu(4, 4))) == 0


def test_folding_twice_folds_nothing(plain: Any) -> None:
    network = copy.deepcopy(plain.get_pipe("tok2vec").model)
    assert fold_embeddings(network) == 1
    assert fold_embeddings(network) == 0


def test_folded_network_only_predicts(plain: Any) -> None:
    network = copy.deepcopy(plain.get_pipe("tok2vec").model)
    fold_embeddings(network)
    with pytest.raises(NotImplementedError, match="only predicts"):
        network.begin_update([plain.make_doc("The board met on Tuesday.")])
