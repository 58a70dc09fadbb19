"""The spaCy pipeline wirelens loads: its own tag rules and tokenizer additions.

The texts are fictional, written for this test.
"""

from __future__ import annotations

import spacy

from tests.conftest import FIXTURES
from wirelens.attribute.nlp import load
from wirelens.nlp_modes import model_name

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
    texts = [TEXT, *(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt")))]
    tags = ours.get_pipe("wirelens_tags")
    for a, b in zip(theirs.pipe(texts), ours.pipe(texts), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert [(t.text, t.tag_, t.pos_) for t in a] == [(t.text, t.tag_, t.pos_) for t in b]
    # words no rule names share their cache entries: a few hundred, not one per word
    words = {t.lower_ for doc in ours.pipe(texts) for t in doc}
    assert len(words) > 1_500 and len(tags.outcomes) < 400


def test_quote_marks_glued_to_words_are_tokens() -> None:
    doc = load()("Calloway said,“Look.”The pier")
    assert [t.text for t in doc] == ["Calloway", "said", ",", "“", "Look", ".", "”", "The", "pier"]


def test_tokenizer_is_the_packages_with_quotes_split_and_titles_kept() -> None:
    """Started blank and filled from the package, the tokenizer splits as spaCy's own does,
    apart from the glued quote marks and the hyphenated titles wirelens adds."""
    ours = load().tokenizer
    theirs = spacy.load(model_name(), exclude=["lemmatizer"]).tokenizer
    text = (
        TEXT + " Dr. Ferrante can't go to St. Ellery's pier at 9 a.m. on Jan. 4, e.g. by U.S. boat."
    )
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]
    assert ours.rules.keys() > theirs.rules.keys()  # every special case of the package's, and more
    assert [t.text for t in ours("The co-founder and Ex-president spoke.")] == [
        *("The", "co-founder", "and", "Ex-president", "spoke", "."),
    ]
    assert [t.text for t in theirs("The co-founder spoke.")][:4] == ["The", "co", "-", "founder"]
