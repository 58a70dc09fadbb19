"""The entity windows: spaCy's ``ner`` run only around words that can hold an entity.

The texts are fictional, written for this test.
"""

from __future__ import annotations

import pytest

from wirelens.attribute import analyze_batch, extract
from wirelens.attribute.entities import WIDTH, triggers, windows
from wirelens.attribute.nlp import load
from wirelens.errors import ConfigError
from wirelens.model import Article
from wirelens.nlp_modes import check_entities
from wirelens.run.options import Options
from wirelens.scope import parse_scope

TEXT = (
    "Harbour Board Approves Second Ferry Berth\n\n"
    "The Velmora Harbour Board voted on Tuesday to build a second ferry berth, its chair, "
    "Annika Stravopoulos, told reporters in Port Ellery. She said the work would take "
    "eighteen months and cost about $40 million.\n\n"
    "Critics were not persuaded. They said the old pier was falling apart and that nobody "
    "had asked the people who use it every day.\n\n"
    '"We waited three years for this," said Dario Ferrante, who runs a fish stall by the '
    "pier. Stravopoulos said the board would meet the stall holders next week."
)
#: A sentence with no capitalised word past its first, no number and no time word.
PLAIN = "They said the old pier was falling apart"


def _ents(doc: object) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in doc.ents}  # type: ignore[attr-defined]


def test_windows_pipeline_replaces_ner_and_full_keeps_it() -> None:
    fast, full = load(None, "windows"), load(None, "full")
    assert "wirelens_entities" in fast.pipe_names
    assert "ner" not in fast.pipe_names  # disabled: the windows call it themselves
    assert "ner" in full.pipe_names
    assert "wirelens_entities" not in full.pipe_names


def test_triggers_are_capitalised_words_numbers_and_time_words() -> None:
    doc = load(None, "windows").make_doc("The chair said on Tuesday that 40 boats left weeks ago.")
    words = [doc[i].text for i in triggers(doc)]
    # "The" is capitalised but a stop word; "said", "boats" are neither names nor numbers
    assert words == ["Tuesday", "40", "weeks", "ago"]


def test_windows_hold_each_trigger_with_context_and_merge() -> None:
    doc = load(None, "windows").make_doc("a b c d e f Gerrit g h i j k l m n o p q r s t 7 u v")
    name, number = [t.i for t in doc if t.text in {"Gerrit", "7"}]
    assert windows(doc) == [(name - WIDTH, name + WIDTH + 1), (number - WIDTH, len(doc))]
    assert windows(doc, width=8) == [(0, len(doc))]  # overlapping windows become one


def test_windows_find_the_entities_of_the_full_pass() -> None:
    fast, full = load(None, "windows")(TEXT), load(None, "full")(TEXT)
    found, expected = _ents(fast), _ents(full)
    for name in ("Annika Stravopoulos", "Dario Ferrante", "Tuesday"):
        assert any(text == name for text, _ in found), name
    people = {t for t, label in found if label == "PERSON"}
    assert people == {t for t, label in expected if label == "PERSON"}
    assert found == expected


def test_no_entity_outside_the_windows() -> None:
    doc = load(None, "windows")(TEXT)
    start = TEXT.index(PLAIN)
    plain = doc.char_span(start, start + len(PLAIN), alignment_mode="expand")
    assert plain is not None
    covered = {i for a, b in windows(doc) for i in range(a, b)}
    assert not covered & set(range(plain.start, plain.end))
    assert all(t.ent_type_ == "" for t in plain)


def test_attributions_are_the_same_with_either_entity_pass() -> None:
    article = Article(id="ferry", body=TEXT, text=TEXT)
    scope = parse_scope("speech")
    fast = analyze_batch([article], scope=scope, entities="windows")[0].attributions
    full = analyze_batch([article], scope=scope, entities="full")[0].attributions
    assert fast == full
    speakers = {a.speaker.name for a in fast if a.speaker is not None}
    assert {"Dario Ferrante", "Annika Stravopoulos"} <= speakers
    assert extract(TEXT) == list(fast)  # the default is the windows pass


def test_entities_option_is_checked_at_the_edge(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Options.resolve().entities == "windows"
    assert Options.resolve({"entities": "full"}).entities == "full"
    monkeypatch.setenv("WIRELENS_ENTITIES", "full")
    assert Options.resolve().entities == "full"
    with pytest.raises(ConfigError, match="entities must be one of windows, full"):
        Options.resolve({"entities": "rules"})
    with pytest.raises(ConfigError):
        check_entities("")
