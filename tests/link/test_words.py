"""Statements, content words and word diffs: what quote matching compares (no store)."""

from __future__ import annotations

from wirelens.link.words import containment, content_words, statements, word_diff


def test_case_and_punctuation_do_not_count() -> None:
    a = content_words('"We will NOT tolerate further delays at the docks!"')
    b = content_words("we will not tolerate further delays at the docks")
    assert a == b


def test_indirect_rewording_keeps_the_statement() -> None:
    direct = content_words("We will not tolerate further delays at the docks.")
    indirect = content_words("the government would not tolerate more delays at the docks")
    assert containment(direct, indirect) == (4, 1.0)


def test_negation_is_kept() -> None:
    assert "not" in content_words("we won't accept delays")
    assert "not" not in content_words("we will accept delays")


def test_truncation_is_contained() -> None:
    full = content_words("the barrier would cost about 240 million crowns and protect 9,000 homes")
    cut = content_words("the barrier would cost about 240 million crowns")
    shared, cover = containment(full, cut)
    assert cover == 1.0 and shared >= 3


def test_statements_are_sentences_without_quote_marks_or_that() -> None:
    quote = '"We will not wait. The river has given us our warning,"'
    assert [s.text for s in statements(quote)] == [
        "We will not wait.",
        "The river has given us our warning",
    ]
    assert statements("that the plan ignored fields")[0].text == "the plan ignored fields"
    for s in statements(quote):
        assert quote[s.start : s.end] == s.text


def test_word_diff_tells_a_change_from_a_cut() -> None:
    first = "We will not tolerate further delays at the docks."
    changed = word_diff(first, "we will not accept delays")
    assert changed["changes"] == [{"op": "replace", "first": "tolerate further", "here": "accept"}]
    assert changed["cut_after"] == 3
    cut = word_diff(first, "We will not tolerate further delays")
    assert cut == {"changes": [], "cut_before": 0, "cut_after": 3}
