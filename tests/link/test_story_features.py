"""Story features on hand-written sentences: names are capitalised runs that do not open a
sentence; the lede is the title and the first sentences; web-address lines are dropped."""

from __future__ import annotations

from wirelens.link.story_features import term_counts, weigh


def test_names_years_and_lede() -> None:
    counts = term_counts(
        "Ferry grounded",
        "http://example.org/ferry\nThe ferry Aldermoor hit a sandbank. Commander Ilse Marrow "
        "said nobody was hurt in 2026. Later the Marine Accident Board opened an inquiry. "
        "Fourth sentence about Skarra.",
    )
    assert counts["e:aldermoor"] == 1
    assert counts["e:ilse_marrow"] == 1 and counts["e:marrow"] == 1  # the run and its words
    assert "e:commander" not in counts and "e:the" not in counts  # sentence openers are not names
    assert counts["e:2026"] == 1
    assert counts["l:sandbank"] == 1 and "l:skarra" not in counts  # lede: title + 3 sentences
    assert counts["w:skarra"] == 1 and counts["w:ferry"] == 2
    assert not any("example" in term for term in counts)  # the address line is not text


def test_weights_are_unit_length_and_rare_terms_weigh_more() -> None:
    vector = weigh({"w:ferry": 1, "w:aldermoor": 1}, {"w:ferry": 90, "w:aldermoor": 2}, 100)
    assert abs(sum(v * v for v in vector.values()) - 1.0) < 1e-9
    assert vector["w:aldermoor"] > vector["w:ferry"]
    assert weigh({}, {}, 0) == {}
