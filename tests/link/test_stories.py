"""Stories on both backends: independent write-ups of one event join, two events of the same
kind stay apart, a late article joins its story without relinking the corpus, and the empty and
one-article corpora. Articles are the fictional ones in ``tests/fixtures/stories``.

Every test taking ``store_url`` runs against SQLite and PostgreSQL (a fresh schema per test;
the PostgreSQL run skips locally without a server and fails in CI).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import wirelens
from tests.link.conftest import story_articles, story_document
from wirelens.cli import main
from wirelens.errors import QueryError
from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store

ARTICLES = story_articles("articles")
LATE = "valley-times-aldermoor"


def _documents(sources: set[str] | None = None, exclude: set[str] | None = None) -> list[Document]:
    return [
        story_document(a)
        for a in ARTICLES
        if (sources is None or a["source"] in sources) and a["source"] not in (exclude or set())
    ]


def _stories_by_source(stories: list[dict[str, Any]]) -> dict[str, set[str]]:
    """story -> the ``source`` of each member, keyed by the gold story of its first member."""
    gold = {a["source"]: a["cluster"] for a in ARTICLES}
    out: dict[str, set[str]] = {}
    for story in stories:
        sources = {article["source"] for article in story["articles"]}
        key = gold[sorted(sources)[0]]
        assert key not in out, f"gold story {key} split: {out[key]} and {sources}"
        out[key] = sources
    return out


def test_independent_write_ups_join_and_other_events_stay_apart(store_url: str) -> None:
    with open_store(store_url) as store:
        ingest(_documents(exclude={LATE}), store)
        assert wirelens.update_stories(store) == 5
        stories = wirelens.stories(store)
    found = _stories_by_source(stories)
    assert found == {
        "aldermoor": {"harbour-post-aldermoor", "northern-ledger-aldermoor"},
        "tressel": {"harbour-post-tressel", "coast-weekly-tressel"},
        "budget": {"lake-gazette-budget"},
    }
    # newest first: the Tressel Star story (4 March) before the budget (3 March) and the ferry (2)
    assert [len(s["articles"]) for s in stories] == [2, 1, 2]
    assert (
        stories[0]["title"]
        == "Cargo ferry Tressel Star grounded in Brannock estuary, crew airlifted"
    )
    assert stories[2]["first_published"].startswith("2026-03-02T07:40")


def test_a_new_article_joins_its_story_incrementally(store_url: str) -> None:
    with open_store(store_url) as store:
        ingest(_documents(exclude={LATE}), store)
        wirelens.update_stories(store)
        before = {s["id"]: {a["source"] for a in s["articles"]} for s in wirelens.stories(store)}
        ingest(_documents({LATE}), store)
        assert wirelens.update_stories(store) == 1  # only the new article is linked
        assert wirelens.update_stories(store) == 0
        after = {s["id"]: {a["source"] for a in s["articles"]} for s in wirelens.stories(store)}
        size = store._execute(
            "SELECT size FROM stories WHERE id IN (SELECT story_id FROM "
            "story_members WHERE article_id IN (SELECT id FROM articles "
            "WHERE source = ?))",
            (LATE,),
        ).fetchone()[0]
    assert after.keys() == before.keys()  # no new story, no story renumbered
    joined = [sid for sid, sources in after.items() if LATE in sources]
    assert len(joined) == 1
    assert after[joined[0]] == before[joined[0]] | {LATE}
    assert "harbour-post-aldermoor" in after[joined[0]]
    assert size == 3


def test_empty_corpus(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(store_url) as store:
        assert wirelens.update_stories(store) == 0
        assert wirelens.stories(store) == []
    assert main(["stories", "--db", store_url]) == 0
    assert "0 stories" in capsys.readouterr().out
    assert main(["export", "--what", "stories", "--db", store_url]) == 0
    assert capsys.readouterr().out == ""


def test_one_article(store_url: str) -> None:
    with open_store(store_url) as store:
        ingest(_documents({"lake-gazette-budget"}), store)
        assert wirelens.update_stories(store) == 1
        (story,) = wirelens.stories(store)
    assert story["size"] == 1
    assert [a["source"] for a in story["articles"]] == ["lake-gazette-budget"]
    assert story["articles"][0]["similarity"] is None  # nobody to be similar to


def test_same_event_outside_the_time_window_is_a_new_story(store_url: str) -> None:
    first = _documents({"harbour-post-aldermoor"})[0]
    # the same report again, dated five weeks later (e.g. an anniversary piece)
    later = Document(
        content=first.content + "\n\nFive weeks on, the Aldermoor is back in service.",
        kind="text",
        source="later",
        published="2026-04-06T08:00:00+00:00",
        outlet="Harbour Post",
        title=first.title,
    )
    with open_store(store_url) as store:
        ingest([first, later], store)
        wirelens.update_stories(store)
        assert len(wirelens.stories(store)) == 2
        since = wirelens.stories(store, since="2026-04-01")
        # not a date: before, "x" listed nothing, silently, and a lone surrogate (a non-UTF-8
        # `--since` argument) raised UnicodeEncodeError; found by fuzzing the commands
        for bad in ("x", "April", "\udcff"):
            with pytest.raises(QueryError, match="since expects an ISO date"):
                wirelens.stories(store, since=bad)
    assert [a["source"] for s in since for a in s["articles"]] == ["later"]


def test_stories_command_and_export(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(store_url) as store:
        ingest(_documents(exclude={LATE}), store)
        wirelens.update_stories(store)
    assert main(["stories", "--db", store_url, "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "Tressel Star" in out and "Coast Weekly" in out and "2026-03-04" in out
    assert "Aldermoor" not in out  # --limit 1: only the newest story
    assert main(["export", "--what", "stories", "--format", "jsonl", "--db", store_url]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 3
    for row in rows:
        ids, sources, urls = (row[k].split(", ") for k in ("article_ids", "sources", "urls"))
        assert len(ids) == len(sources) == len(urls) == row["size"]
        assert all(i.startswith("sha256:") for i in ids)
        by_source = {a["source"]: a["url"] for a in ARTICLES}
        assert [by_source[s] for s in sources] == urls
    parquet = tmp_path / "stories.parquet"
    assert (
        main(
            [
                "export",
                "--what",
                "stories",
                "--format",
                "parquet",
                "--output",
                str(parquet),
                "--db",
                store_url,
            ]
        )
        == 0
    )
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == 3


def test_an_undated_article_still_joins_its_story(store_url: str) -> None:
    (late,) = _documents({LATE})
    undated = Document(
        content=late.content, kind="text", source="undated", title=late.title, outlet="Wire"
    )
    with open_store(store_url) as store:
        ingest(_documents(exclude={LATE}), store)
        wirelens.update_stories(store)
        ingest([undated], store)
        assert wirelens.update_stories(store) == 1
        stories = wirelens.stories(store)
    (joined,) = [s for s in stories if "undated" in {a["source"] for a in s["articles"]}]
    assert {a["source"] for a in joined["articles"]} == {
        "harbour-post-aldermoor",
        "northern-ledger-aldermoor",
        "undated",
    }
    assert joined["articles"][-1]["source"] == "undated"  # undated members listed last


def _partition(stories: list[dict[str, Any]]) -> set[frozenset[str]]:
    return {frozenset(a["source"] for a in s["articles"]) for s in stories}


def test_two_halves_give_the_same_stories_as_at_once(store_url: str, tmp_path: Path) -> None:
    """Linking in two batches re-clusters the stories the second batch reaches: the result is
    the all-at-once partition, and the stories of the first half keep their ids."""
    first = {a["source"] for a in ARTICLES[:3]}  # two Aldermoor reports and one Tressel
    with open_store(str(tmp_path / "once.db")) as store:
        ingest(_documents(), store)
        assert wirelens.update_stories(store) == 6
        once = _partition(wirelens.stories(store))
    with open_store(store_url) as store:
        ingest(_documents(first), store)
        assert wirelens.update_stories(store) == 3
        before = {s["id"]: {a["source"] for a in s["articles"]} for s in wirelens.stories(store)}
        ingest(_documents(exclude=first), store)
        assert wirelens.update_stories(store) == 3
        stories = wirelens.stories(store)
        bookkeeping = store._execute(
            "SELECT (SELECT count(*) FROM story_members), (SELECT count(*) FROM story_linked), "
            "(SELECT count(DISTINCT story_id) FROM story_terms), (SELECT sum(size) FROM stories)"
        ).fetchone()
    assert _partition(stories) == once
    assert len(once) == 3
    after = {s["id"]: {a["source"] for a in s["articles"]} for s in stories}
    for story_id, sources in before.items():
        assert after[story_id] >= sources  # each first-half story kept its id and members
    assert tuple(int(v) for v in bookkeeping) == (6, 3, 3, 6)


def test_a_story_keeps_its_id_only_where_most_of_its_articles_go() -> None:
    from wirelens.link.stories import _stable_ids

    story_of = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    ids = ["a", "b", "c", "d", "e", "new"]
    # story 1 splits 2 + 1; story 2 splits 1 + 1 (no majority: both halves are new stories)
    assert _stable_ids([[0, 1, 5], [2, 3], [4]], ids, story_of) == [1, None, None]
    # two stories merged: the larger one's id survives
    assert _stable_ids([[0, 1, 2, 3, 4]], ids, story_of) == [1]
