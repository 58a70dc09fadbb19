"""The spaCy pipeline wirelens loads: its own tag rules and tokenizer additions.

The texts are fictional, written for this test.
"""

from __future__ import annotations

import spacy

from wirelens.attribute.nlp import load, model_name

TEXT = (
    "There is a plan, the harbour master said. She has said it does not work, and nobody "
    "who rides the ferry disagrees.\n\nThat, the pilots said, is why they are striking. "
    "Asked whether the council had done anything, a spokesman declined to comment."
)


def test_tag_rules_give_the_attribute_rulers_parts_of_speech() -> None:
    ours = load()
    assert "attribute_ruler" not in ours.pipe_names
    assert "wirelens_tags" in ours.pipe_names
    theirs = spacy.load(model_name(), exclude=["lemmatizer"])
    theirs.tokenizer = ours.tokenizer
    theirs.add_pipe("wirelens_paragraphs", before="parser")
    a, b = theirs(TEXT), ours(TEXT)
    assert [t.text for t in a] == [t.text for t in b]
    assert [(t.text, t.pos_) for t in a] == [(t.text, t.pos_) for t in b]


def test_quote_marks_glued_to_words_are_tokens() -> None:
    doc = load()("Calloway said,“Look.”The pier")
    assert [t.text for t in doc] == ["Calloway", "said", ",", "“", "Look", ".", "”", "The", "pier"]
