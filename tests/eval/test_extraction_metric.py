"""The body metric and metadata matchers of wirelens.eval.body_extraction, on hand-made examples."""

from __future__ import annotations

import pytest

from wirelens.eval.body_extraction import (
    author_match,
    date_match,
    match_counts,
    score,
    title_match,
    tokenize,
)


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokenize("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]


def test_identical_texts_score_one() -> None:
    counts = match_counts("the ferry sails at noon", "the ferry sails at noon")
    assert counts == (1.0, 0.0, 0.0)
    assert score([counts]).f1 == 1.0


def test_disjoint_texts_score_zero() -> None:
    assert score([match_counts("red apples", "blue boats")]).f1 == 0.0


def test_partial_overlap_by_hand() -> None:
    # gold a b c d, predicted a b x: tp 2, fp 1, fn 2, normalised by 5
    tp, fp, fn = match_counts("a b c d", "a b x")
    assert (tp, fp, fn) == pytest.approx((0.4, 0.2, 0.4))
    scores = score([(tp, fp, fn)])
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_counts_are_a_multiset_intersection() -> None:
    # a a b vs a b b: one a and one b match; one extra b, one missing a
    assert match_counts("a a b", "a b b") == pytest.approx((0.5, 0.25, 0.25))


def test_shingles_of_four_tokens() -> None:
    gold = "one two three four five"
    # shingles: (1 2 3 4), (2 3 4 5); prediction lacks the last word -> one shingle matches
    assert match_counts(gold, "one two three four", 4) == pytest.approx((0.5, 0.0, 0.5))
    # shorter than n: the whole text is one shingle
    assert match_counts("two words", "two words", 4) == (1.0, 0.0, 0.0)


def test_pages_are_averaged_not_pooled() -> None:
    perfect = match_counts("x " * 1000, "x " * 1000)
    empty = match_counts("short page", "")
    scores = score([perfect, empty])
    # the empty prediction has no predicted tokens: left out of precision, recall 0
    assert scores.precision == 1.0
    assert scores.recall == 0.5


def test_title_match_ignores_case_and_punctuation() -> None:
    assert title_match("Harbour Ferry Returns!", "harbour ferry returns")
    assert not title_match("Harbour ferry returns", "Harbour ferry returns | Courier")
    assert not title_match("Harbour ferry returns", None)


def test_author_match_needs_the_first_gold_name() -> None:
    assert author_match(["Mara Quillfeather"], ["By Mara Quillfeather"])
    assert author_match(
        ["Mara Quillfeather and Idris Vanterpool"], ["Idris Vanterpool", "Mara Quillfeather"]
    )
    assert not author_match(["Idris Vanterpool, Mara Quillfeather"], ["Mara Quillfeather"])
    assert author_match(["Mara Quillfeather, MD"], ["Dr. Mara Quillfeather"])
    assert not author_match(["Mara Quillfeather"], [])


def test_date_match_compares_calendar_days() -> None:
    assert date_match("2024-03-05", "2024-03-05T08:30:00+00:00")
    assert not date_match("2024-03-05", "2024-03-06")
    assert not date_match("2024-03-05", None)
