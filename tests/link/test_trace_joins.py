"""Which appearances may join one quote trace: the wrong-join classes found on real news.

``tests/fixtures/traces`` (fictional, see its README) holds one pair of articles for each class
of wrong join found by reading the joins made over PolNeAR election news - a generic phrase
repeated by one speaker months apart, a generic short phrase in unrelated stories, different
figures, different speakers with common words - and pairs that must still join. The rules
themselves are checked on single appearances too (no store, no spaCy).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import wirelens
from tests.conftest import ROOT
from wirelens.link.appearances import QuoteRow
from wirelens.link.join_rules import Join, join, speakers_agree
from wirelens.link.traces import update_traces
from wirelens.link.words import content_words
from wirelens.model import Analysis
from wirelens.store import open_store

FIXTURES = ROOT / "tests" / "fixtures" / "traces" / "articles.jsonl"
WRONG = [
    ("sunde-bridge", "sunde-barrier"),
    ("lind-quota", "campaigners-waits"),
    ("institute-poll", "college-poll"),
    ("nordby-budget", "moe-budget"),
]
RIGHT = [
    ("nws-ferry-route", "scoopline-ferry-route"),
    ("brekke-pier-january", "brekke-pier-march"),
]


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return list(wirelens.analyze(str(FIXTURES)))


@pytest.fixture
def traced(store_url: str, analyses: list[Analysis]) -> Iterator[list[set[str]]]:
    """The fixture articles' traces, each as the set of its articles' names."""
    with open_store(store_url) as store:
        store.add(analyses)
        update_traces(store)
        traces: dict[int, set[str]] = {}
        for trace_id, url in store._execute(
            "SELECT m.trace_id, a.url FROM trace_members m JOIN articles a ON a.id = m.article_id"
        ):
            traces.setdefault(int(trace_id), set()).add(url.rsplit("/", 1)[-1])
        yield list(traces.values())


@pytest.mark.parametrize("pair", WRONG, ids=[p[0] for p in WRONG])
def test_wrong_join_classes_stay_apart(traced: list[set[str]], pair: tuple[str, str]) -> None:
    assert not any(set(pair) <= names for names in traced)


@pytest.mark.parametrize("pair", RIGHT, ids=[p[0] for p in RIGHT])
def test_true_joins_are_kept(traced: list[set[str]], pair: tuple[str, str]) -> None:
    assert any(set(pair) <= names for names in traced)


def _row(speaker: str | None, day: str | None, article: str, group: int | None = None) -> QuoteRow:
    return QuoteRow(
        id=hash((speaker, day, article)) % 1000,
        article_id=article,
        speaker=speaker,
        quote="",
        published=day,
        day=day,
        wire=False,
        group=group,
    )


SHORT = content_words("a matter for the next parliament to settle")
LONG = content_words(
    "the northern ferry route will never again depend on one old pier and one boat"
)


def test_a_short_statement_of_an_unnamed_speaker_needs_nearness() -> None:
    lind = _row("Piet Lind", "2026-02-03", "a")
    unnamed_near, unnamed_far = _row(None, "2026-02-04", "c"), _row(None, "2026-02-24", "d")
    assert join(lind, unnamed_near, SHORT, SHORT) is Join.USUAL
    assert join(lind, unnamed_far, SHORT, SHORT) is Join.NEVER
    assert join(lind, _row(None, None, "h"), SHORT, SHORT) is Join.NEVER
    # a longer statement of an unnamed speaker joins weeks apart as before
    assert join(lind, unnamed_far, LONG, LONG) is Join.USUAL
    # named speakers: the same one as before, another one on the stronger match within days
    # (the speaker is a signal: one copy may credit the wrong person)
    assert join(lind, _row("Lind", "2026-02-20", "e"), SHORT, SHORT) is Join.USUAL
    assert join(lind, _row("Sara Quist", "2026-02-04", "b"), SHORT, SHORT) is Join.STRONG
    assert join(lind, _row("Sara Quist", "2026-02-24", "b"), SHORT, SHORT) is Join.NEVER
    # one article or one copy group: as before, at any distance
    assert join(lind, _row(None, "2026-02-04", "a"), SHORT, SHORT) is Join.USUAL
    grouped = _row("Sara Quist", "2026-02-04", "f", group=7), _row(None, "2026-03-30", "g", group=7)
    assert join(*grouped, SHORT, SHORT) is Join.USUAL


def test_far_apart_needs_a_long_match_and_no_other_speaker() -> None:
    january, march = _row("Ola Brekke", "2026-01-05", "a"), _row("Brekke", "2026-03-20", "b")
    assert join(january, march, LONG, LONG) is Join.LONG
    assert join(january, _row("Eva Nordby", "2026-03-20", "c"), LONG, LONG) is Join.NEVER
    assert join(january, _row("Ola Brekke", None, "d"), LONG, LONG) is Join.USUAL
    assert join(january, _row("Eva Nordby", "2026-01-20", "e"), LONG, LONG) is Join.STRONG


def test_different_figures_never_join() -> None:
    a, b = _row("Norvale Institute", "2026-03-03", "a"), _row("Norvale Institute", None, "a")
    poll = content_words("52 percent of ferry users back the fare freeze")
    other = content_words("61 percent of ferry users back the fare freeze")
    assert join(a, b, poll, other) is Join.NEVER
    assert (
        join(a, b, poll, content_words("52 percent of ferry users back the freeze")) is Join.USUAL
    )
    assert join(a, b, content_words("ferry users back the fare freeze"), other) is Join.USUAL


def test_speakers_agree_on_surname_accents_and_containment() -> None:
    assert speakers_agree(_row("Felipe Calderon", None, "a"), _row("Felipe Calderón", None, "b"))
    assert speakers_agree(
        _row("Tax Policy Center", None, "a"),
        _row("Tax Policy Center at the Urban Institute and Brookings Institution", None, "b"),
    )
    assert speakers_agree(_row("Piet Lind", None, "a"), _row("Sara Quist", None, "b")) is False
    assert speakers_agree(_row(None, None, "a"), _row("Sara Quist", None, "b")) is None
