"""The entity decoder gives exactly the entities of spaCy's own ``ner`` decoder.

Texts: every fictional text fixture of the project (tests/fixtures, the README of each folder
says so) and short fictional sentences written for this test.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import FIXTURES
from wirelens.attribute.entity_decoder import EntityDecoder
from wirelens.attribute.nlp import load, one_blas_thread

TEXTS = sorted(FIXTURES.rglob("*.txt"))
#: Edge cases: an entity as the last token, one before a line break (a sentence start in the
#: pipeline), space tokens, numbers and dates run together, a one-word text.
EDGES = [
    "The ferry left for Port Ellery",
    "Annika Stravopoulos\nchairs the Velmora Harbour Board.",
    "On 4 March  2031 ,   the board met   Dario Ferrante in Lisbon .",
    "Velmora",
    "$40 million, 12 percent, the third week of June and 300 boats from Norway.",
]


def _spacy(nlp: Any, docs: list[Any]) -> list[list[tuple[int, int, str]]]:
    """What ``ner`` itself finds, on copies (it writes its entities into the Docs)."""
    ner = nlp.get_pipe("ner")
    return [[(e.start, e.end, e.label_) for e in d.ents] for d in ner.pipe(d.copy() for d in docs)]


@pytest.fixture(scope="module")
def full() -> Any:
    return load(None, "full")


def _parsed(nlp: Any, texts: list[str]) -> list[Any]:
    """The texts through the pipeline up to ``ner``: tagged, parsed, sentences set."""
    with one_blas_thread(), nlp.select_pipes(disable=["ner"]):
        return list(nlp.pipe(texts))


def test_the_pipeline_decodes_with_it() -> None:
    windows = load(None, "windows").get_pipe("wirelens_entities")
    assert isinstance(windows.decoder, EntityDecoder)


def test_same_entities_as_spacy_on_every_fixture_and_edge(full: Any) -> None:
    texts = [p.read_text(encoding="utf-8") for p in TEXTS] + EDGES
    docs = _parsed(full, texts)
    assert any(not t.is_sent_start for d in docs for t in d[1:])  # sentence starts are set
    with one_blas_thread():
        ours = EntityDecoder(full.get_pipe("ner"))(docs)
        theirs = _spacy(full, docs)
    assert sum(map(len, theirs)) > 500  # the fixtures hold hundreds of entities
    assert ours == theirs


def test_windows_entities_are_the_same_with_spacys_decoder() -> None:
    nlp = load(None, "windows")
    windows = nlp.get_pipe("wirelens_entities")
    texts = [p.read_text(encoding="utf-8") for p in TEXTS[:12]] + EDGES
    decoder = windows.decoder
    try:
        with one_blas_thread():
            ours = [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
            windows.decoder = None
            theirs = [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
    finally:
        windows.decoder = decoder
    assert ours == theirs
    assert any(ours)


def test_preset_entities_and_empty_docs_are_left_to_spacy(full: Any) -> None:
    docs = _parsed(full, ["Dario Ferrante sold fish in Port Ellery on Tuesday.", ""])
    docs[0].set_ents([docs[0].char_span(0, 14, label="ORG")], default="unmodified")
    ours = EntityDecoder(full.get_pipe("ner"))(docs)
    assert ours[0] == _spacy(full, docs[:1])[0]
    assert ours[0][0] == (0, 2, "ORG")  # spaCy keeps the preset entity
    assert ours[1] == []


def test_a_model_of_another_shape_gets_no_decoder(full: Any) -> None:
    ner = full.get_pipe("ner")
    assert EntityDecoder.of(ner) is not None
    width = ner.cfg.get("beam_width", 1)
    ner.cfg["beam_width"] = 4
    try:
        assert EntityDecoder.of(ner) is None  # beam search: spaCy's decoder runs
    finally:
        ner.cfg["beam_width"] = width
