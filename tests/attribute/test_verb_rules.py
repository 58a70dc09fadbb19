"""The verb rules as a table (issue 15): named rules in ordered phases, each for its scopes.

The sentences are fictional. Each case is run through the real table on a real spaCy parse;
``case.trace`` names the rules that applied, the last one the rule that decided.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from wirelens.attribute.found import Found
from wirelens.attribute.quotes import find_quotes
from wirelens.attribute.spans import doc_text
from wirelens.attribute.verb_rules import RULES, Case, Phase, decide
from wirelens.errors import ConfigError
from wirelens.scope import SCOPES, Scope, parse_scope


@functools.cache
def _nlp() -> Any:
    from wirelens.attribute import setup

    return setup()


def _run(text: str, word: str, scope: Scope) -> tuple[Found | None, list[str]]:
    doc = _nlp()(text)
    verb = next(t for t in doc if t.text == word)
    case = Case.of(verb.sent, 0, verb, find_quotes(doc_text(doc)), scope)
    return decide(case), case.trace


def test_the_table_runs_in_phase_order_with_unique_names() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    phases = [r.phase for r in RULES]
    assert phases == sorted(phases)
    assert set(phases) == set(Phase)
    for rule in RULES:
        assert rule.name.split(".")[0] == rule.phase.name.lower(), rule.name
        assert rule.scopes and rule.scopes <= set(Scope), rule.name
        assert rule.apply.__doc__, f"{rule.name} says why it exists"


def test_some_rules_belong_to_one_scope_only() -> None:
    only = {s: {r.name for r in RULES if r.scopes == {s}} for s in Scope}
    assert "subject.hedge" in only[Scope.STANCE]
    assert "subject.no_hedge" in only[Scope.SPEECH]
    assert "content.positions" in only[Scope.SPEECH]
    assert "veto.desire" in only[Scope.SPEECH]


@pytest.mark.parametrize(
    ("text", "word", "scope", "last"),
    [
        ("The mayor hoped the pier would reopen.", "hoped", Scope.SPEECH, "veto.desire"),
        ("The navy had been asked to leave the port.", "asked", Scope.SPEECH, "subject.asked"),
        (
            "The mayor appears to favour the ferry deal.",
            "appears",
            Scope.SPEECH,
            "subject.no_hedge",
        ),
        ("The mayor backed the ferry contract.", "backed", Scope.SPEECH, "content.positions"),
        ("She knew the harbour well.", "knew", Scope.STANCE, "content.thought_without_clause"),
    ],
)
def test_a_named_rule_vetoes(text: str, word: str, scope: Scope, last: str) -> None:
    found, trace = _run(text, word, scope)
    assert found is None
    assert trace[-1] == last


@pytest.mark.parametrize(
    ("marked", "word", "scope", "rule"),
    [
        ("The mayor said [the pier would reopen in May].", "said", Scope.SPEECH, "verb.ccomp"),
        ("The mayor backed [the ferry contract].", "backed", Scope.STANCE, "verb.dobj"),
        ("Riders see [the ferry contract as most unfair].", "see", Scope.STANCE, "verb.seen_as"),
        ("[That plan], the mayor said, cost a lot.", "said", Scope.SPEECH, "verb.parenthetical"),
    ],
)  # fmt: skip
def test_the_found_records_its_construction(
    marked: str, word: str, scope: Scope, rule: str
) -> None:
    """The content is the [bracketed] part; the speaker is "the mayor" or "Riders"."""
    text = marked.replace("[", "").replace("]", "")
    found, trace = _run(text, word, scope)
    assert found is not None, trace
    assert found.rule == rule
    assert (
        text[found.content[0] : found.content[1]]
        == marked[marked.index("[") + 1 : marked.index("]")]
    )
    assert found.source is not None
    assert text[found.source[0] : found.source[1]] in {"The mayor", "the mayor", "Riders"}


def test_the_stance_scope_keeps_desire() -> None:
    found, trace = _run("The mayor hoped the pier would reopen.", "hoped", Scope.STANCE)
    assert found is not None and found.rule == "verb.ccomp", trace
    assert "veto.desire" not in trace


def test_a_rule_may_hand_over_to_another_construction() -> None:
    text = "The mayor appears to favour the ferry deal."
    found, trace = _run(text, "appears", Scope.STANCE)
    assert trace == ["subject.hedge"]
    assert found is not None and found.rule == "hedge"


def test_a_scope_given_as_plain_text_below_the_edge_reads_the_same() -> None:
    """Scope is a StrEnum and the rules compare with ``==`` and ``in``: a caller that skips
    the edge and passes "stance" still gets the stance scope's rules."""
    from wirelens.attribute.batch import Target, attribute_texts

    text = (
        "The mayor hoped the pier would reopen. The council was criticized for the ferry deal. "
        "Her attack on the ferry deal was sharp, aides said."
    )
    typed = attribute_texts(_nlp(), [Target(text)], Scope.STANCE)[0]
    plain = attribute_texts(_nlp(), [Target(text)], "stance")[0]  # type: ignore[arg-type]
    assert typed == plain
    assert {a.rule for a in typed} >= {"verb.ccomp", "unheld_passive", "cue_noun"}


def test_scope_is_parsed_once_at_the_edge() -> None:
    assert SCOPES == ("speech", "stance")
    assert parse_scope("stance") is Scope.STANCE
    assert f"{Scope.SPEECH}" == "speech"  # component strings keep their spelling
    with pytest.raises(ConfigError, match="must be one of speech, stance, not 'quotes'"):
        parse_scope("quotes")
