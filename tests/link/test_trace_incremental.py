"""Incremental quote traces: linking A then B gives the traces linking A+B at once gives.

The corpora are the fictional ``examples/corpus`` (see examples/README.md) and the fictional
trace fixtures of ``tests/fixtures/traces`` (see its README), each split in two. Traces are
compared by their members - article id and quote offsets, in appearance order, with the
``altered`` and ``novel`` flags and the words each appearance has - never by trace id, which
depends on the order of the runs. The incremental run is on each backend; the run at once is
on SQLite, so the comparison also shows the two backends agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import wirelens
from tests.conftest import ROOT
from wirelens.link import link
from wirelens.link.traces import update_traces
from wirelens.model import Analysis
from wirelens.store import Store, open_store

CORPUS = ROOT / "examples" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "traces"
QUOTE = "We will not tolerate further delays at the docks"


def _analysed(folder: Path) -> dict[str, list[Analysis]]:
    return {p.name: list(wirelens.analyze(str(p))) for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def examples() -> dict[str, list[Analysis]]:
    """Every file of the sample corpus analysed once (spaCy is the slow part)."""
    return _analysed(CORPUS)


@pytest.fixture(scope="module")
def fixtures() -> dict[str, list[Analysis]]:
    """The trace fixtures (one article a line) analysed once."""
    return {"articles.jsonl": list(wirelens.analyze(str(FIXTURES / "articles.jsonl")))}


def _traces(store: Store) -> set[tuple[Any, ...]]:
    """Every trace as its members in order: (article, quote offsets, altered, novel, text)."""
    rows = store._execute(
        "SELECT m.trace_id, m.position, t.article_id, t.quote_start, t.quote_end, m.altered, "
        "m.novel, m.text FROM trace_members m JOIN attributions t ON t.id = m.attribution_id "
        "ORDER BY m.trace_id, m.position"
    )
    traces: dict[int, list[tuple[Any, ...]]] = {}
    for trace_id, _, *member in rows:
        traces.setdefault(int(trace_id), []).append(tuple(member))
    return {tuple(members) for members in traces.values()}


def _at_once(path: Path, analyses: list[Analysis]) -> set[tuple[Any, ...]]:
    with open_store(str(path)) as store:
        store.add(analyses)
        link(store)
        return _traces(store)


def _in_two(url: str, first: list[Analysis], then: list[Analysis]) -> set[tuple[Any, ...]]:
    with open_store(url) as store:
        store.add(first)
        link(store)
        store.add(then)
        link(store)
        return _traces(store)


def _halves(analysed: dict[str, list[Analysis]]) -> tuple[list[Analysis], list[Analysis]]:
    """Every other article (files in name order): each half holds copies of the other's
    stories, earlier and later."""
    articles = [a for name in sorted(analysed) for a in analysed[name]]
    return articles[0::2], articles[1::2]


@pytest.mark.parametrize("order", ["even-first", "odd-first"])
def test_examples_linked_in_two_runs_as_at_once(
    store_url: str, tmp_path: Path, examples: dict[str, list[Analysis]], order: str
) -> None:
    even, odd = _halves(examples)
    first, then = (even, odd) if order == "even-first" else (odd, even)
    expected = _at_once(tmp_path / "at-once.db", first + then)
    assert len(expected) >= 5
    assert _in_two(store_url, first, then) == expected


def test_fixtures_linked_in_two_runs_as_at_once(
    store_url: str, tmp_path: Path, fixtures: dict[str, list[Analysis]]
) -> None:
    even, odd = _halves(fixtures)
    expected = _at_once(tmp_path / "at-once.db", even + odd)
    assert expected
    assert _in_two(store_url, odd, even) == expected


def test_one_article_at_a_time_as_at_once(
    store_url: str, tmp_path: Path, fixtures: dict[str, list[Analysis]]
) -> None:
    everything = [a for name in sorted(fixtures, reverse=True) for a in fixtures[name]]
    expected = _at_once(tmp_path / "at-once.db", everything)
    with open_store(store_url) as store:
        for analysis in everything:
            store.add([analysis])
            link(store)
        assert _traces(store) == expected


def test_an_earlier_copy_ingested_late_becomes_the_first_appearance(
    store_url: str, examples: dict[str, list[Analysis]]
) -> None:
    later = ["dailyscroll-port-strike.txt", "courier-port-strike.html", "newsbeam-port-talks.txt"]
    with open_store(store_url) as store:
        store.add(a for name in later for a in examples[name])
        link(store)
        before = wirelens.trace(store, QUOTE)[0]
        assert not before.first.source.endswith("nws-port-strike.txt")
        store.add(examples["nws-port-strike.txt"])
        link(store)
        after = wirelens.trace(store, QUOTE)[0]
        assert after.first.source.endswith("nws-port-strike.txt")
        # the earlier first appearance is now a later one of the same trace
        assert before.first.source in {a.source for a in after.appearances[1:]}
        assert (
            store._execute("SELECT count(*) FROM trace_seen").fetchone()[0]
            == store._execute("SELECT count(*) FROM attributions").fetchone()[0]
        )


def test_a_run_with_nothing_new_changes_nothing(
    store_url: str, examples: dict[str, list[Analysis]]
) -> None:
    with open_store(store_url) as store:
        store.add(examples["nws-port-strike.txt"] + examples["dailyscroll-port-strike.txt"])
        count = update_traces(store)
        before = _traces(store)
        assert count >= 1
        assert update_traces(store) == count
        assert _traces(store) == before


def test_a_store_traced_before_the_index_is_rebuilt_whole(
    store_url: str, examples: dict[str, list[Analysis]]
) -> None:
    """A corpus whose traces were built before the index (``trace_seen`` empty) is traced
    again from scratch, not doubled."""
    with open_store(store_url) as store:
        store.add(examples["nws-port-strike.txt"] + examples["dailyscroll-port-strike.txt"])
        count = update_traces(store)
        before = _traces(store)
        with store._transaction():
            store._execute("DELETE FROM trace_seen")
        assert update_traces(store) == count
        assert _traces(store) == before


def test_reanalysed_attributions_are_traced_again(
    store_url: str, tmp_path: Path, examples: dict[str, list[Analysis]]
) -> None:
    """Re-analysis replaces an article's attributions (new ids; the old ones leave the traces
    and the index with them): the next run traces the new ones as if they had always been
    there, the wire's copy first again."""
    names = ["nws-port-strike.txt", "dailyscroll-port-strike.txt", "courier-port-strike.html"]
    analyses = [a for name in names for a in examples[name]]
    expected = _at_once(tmp_path / "at-once.db", analyses)
    with open_store(store_url) as store:
        store.add(analyses)
        link(store)
        assert store.replace(examples["nws-port-strike.txt"]) == 1
        link(store)
        assert _traces(store) == expected
        assert wirelens.trace(store, QUOTE)[0].first.source.endswith("nws-port-strike.txt")
