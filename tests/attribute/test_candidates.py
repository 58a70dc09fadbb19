"""Candidate-sentence parsing: only sentences that can hold an attribution are parsed.

The article is fictional, written for this test in the style of a local news report.
"""

from __future__ import annotations

import pytest

from tests.attribute.fixture_spec import FOLDER
from wirelens.attribute import extract
from wirelens.attribute.batch import Target, attribute_texts
from wirelens.attribute.candidates import blank, kept_ranges, sentences
from wirelens.attribute.nlp import load
from wirelens.errors import ConfigError
from wirelens.model import Attribution
from wirelens.run.options import Options

ARTICLE = (
    "Ferry fares to rise in spring\n\n"
    "Harbour Commissioner Ilse M. Varga has run the Eastport ferries since 2019. "
    "The boats carry 4,000 passengers a day. Fuel costs doubled over the winter. "
    "The fleet is twenty years old.\n\n"
    "The weather turned cold in March. Two boats were repaired in the dry dock.\n\n"
    'Varga said on Tuesday that fares would rise by a fifth. "We have no other way to keep '
    'the boats running. Nobody likes it," she told the council.\n\n'
    "According to the ferry workers' union, crews have not had a raise in three years.\n\n"
    "Mr. Halden, who chairs the council, did not answer questions.\n"
)


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = "Mr. Halden met Ilse M. Varga at 9 a.m. on Jan. 4. They talked."
    assert [text[a:b].strip() for a, b in sentences(text)] == [
        "Mr. Halden met Ilse M. Varga at 9 a.m. on Jan. 4.",
        "They talked.",
    ]


def test_sentences_without_a_trigger_are_blanked_and_offsets_hold() -> None:
    ranges = kept_ranges(ARTICLE)
    shown = blank(ARTICLE, ranges)
    assert len(shown) == len(ARTICLE)
    assert [i for i, c in enumerate(shown) if c == "\n"] == [
        i for i, c in enumerate(ARTICLE) if c == "\n"
    ]
    kept = "".join(ARTICLE[a:b] for a, b in ranges)
    assert "The weather turned cold in March." not in shown  # no cue, no quote, no name
    assert "Two boats were repaired" not in shown
    assert "Fuel costs doubled" in shown  # the headline and lede are always kept
    assert "Varga said on Tuesday" in kept  # a cue word
    assert "Nobody likes it" in kept  # inside a quote, with no mark of its own
    assert "According to the ferry workers' union" in kept  # a sourcing phrase
    assert "did not answer questions" in kept  # "answer", "questions" are lexicon forms


def test_the_first_full_name_of_a_kept_surname_is_kept() -> None:
    text = "Headline\n\nLede.\n\nThe pier belongs to Ole Halden. It is old.\n\nHalden said so.\n"
    shown = blank(text, kept_ranges(text))
    assert "The pier belongs to Ole Halden." in shown
    assert "It is old." not in shown


def test_a_labelled_paragraph_is_kept_whole() -> None:
    text = "The boats were late.\n\nHalden: Courts. Nobody sits through them. Nobody will.\n"
    assert "Nobody sits through them. Nobody will." in blank(text, kept_ranges(text))


def test_candidate_parsing_finds_the_same_attributions_with_exact_offsets() -> None:
    full = extract_with(ARTICLE, "all")
    fast = extract_with(ARTICLE, "candidates")
    assert fast, "the article has attributions"
    assert _keys(fast) == _keys(full)
    for a in fast:
        assert ARTICLE[a.quote.start : a.quote.end] == a.quote.text
        assert a.cue is None or ARTICLE[a.cue.start : a.cue.end] == a.cue.text
    said = next(a for a in fast if a.cue is not None and a.cue.text == "said")
    assert said.speaker is not None and said.speaker.name == "Ilse M Varga"


def test_candidate_parsing_matches_full_parsing_on_every_fixture() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FOLDER.glob("*.txt"))]
    full = attribute_texts(load(), [Target(t) for t in texts], "speech", "all")
    fast = attribute_texts(load(), [Target(t) for t in texts], "speech", "candidates")
    assert sum(len(f) for f in full) > 50
    assert [_keys(f) for f in fast] == [_keys(f) for f in full]


@pytest.mark.parametrize("parse", ["candidates", "all"])
@pytest.mark.parametrize("text", ["", "  \n\n ", "The boats were late. The pier is old.", '"'])
def test_texts_with_nothing_to_attribute_give_nothing(text: str, parse: str) -> None:
    assert extract_with(text, parse) == []


def test_parse_is_an_option_and_bad_values_are_refused() -> None:
    assert Options.resolve().parse == "candidates"
    assert Options.resolve({"parse": "all"}).parse == "all"
    with pytest.raises(ConfigError, match="parse must be one of candidates, all"):
        Options.resolve({"parse": "some"})


def test_the_parse_setting_reaches_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRELENS_PARSE", "everything")
    with pytest.raises(ConfigError, match="parse must be one of"):
        extract(ARTICLE)


def extract_with(text: str, parse: str) -> list[Attribution]:
    return attribute_texts(load(), [Target(text)], "speech", parse)[0]


def _keys(found: list[Attribution]) -> list[tuple[object, ...]]:
    return [
        (
            a.kind,
            a.quote.start,
            a.quote.end,
            a.speaker.name if a.speaker else None,
            a.cue.text if a.cue else None,
            a.rule,
            a.resolution,
        )
        for a in found
    ]
