"""Search returns exactly what a straightforward query over every match returns, on both
backends, plain and filtered, across rank windows.

The store ranks with shortcuts (SQLite: a window of the newest matches walked once, filters
checked in the narrow ``search_columns`` rows of migration 0013, a speaker's articles from an
index alone). Here each search is compared with a reference written the plain way: every match
joined to its article row, the filters spelt out as conditions on that row, the newest
``rank_window`` kept, then sorted by score. Documents are fictional, generated here from word
lists (outlets in several spellings, some undated, quotes by a few invented speakers).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.store.base import Store
from wirelens.store.fts import safe_query

OUTLETS = ["Harbour Post", "harbour post", "Lake Gazette", "Metro Brief", None]
SPEAKERS = ["Mira Okafor", "Tomas Lindqvist", "Jana Petrov"]
TOPICS = ["ferry", "bridge", "harbour", "tram", "budget"]
DETAILS = ["subsidy", "timetable", "repairs", "fares", "tender", "delays"]
#: dates on the filters' edges (a time of day after an ``until`` day still counts as that day)
EDGES = ["2026-05-01T09:30:00Z", "2026-06-30T23:00:00Z", "2026-03-01", "2026-09-30T06:00:00Z"]
QUERIES = ["ferry", "said", '"ferry subsidy"', "bridge repairs", "budget", "harbour tender"]
FILTERS: list[dict[str, str]] = [
    {},
    {"outlet": "HARBOUR POST"},
    {"outlet": "metro brief"},
    {"since": "2026-05-01"},
    {"until": "2026-06-30"},
    {"since": "2026-03-01", "until": "2026-09-30"},
    {"speaker": "Okafor"},
    {"speaker": "Tomas Lindqvist", "outlet": "harbour post"},
    {"speaker": "Petrov", "since": "2026-04-01"},
]


def _documents(n: int = 36, seed: int = 7) -> list[Document]:
    """``n`` short fictional news items, varied in topic, outlet, date and speaker."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        topic, detail = rng.choice(TOPICS), rng.choice(DETAILS)
        speaker = rng.choice(SPEAKERS)
        surname = speaker.split()[-1]
        extra = " ".join(rng.choice(TOPICS + DETAILS) for _ in range(rng.randint(0, 6)))
        content = (
            f"Council weighs {topic} {detail} (item {i})\n\n"
            f"Councillor {speaker} said on Monday that the {topic} {detail} would be decided "
            f"before the summer recess. {extra.capitalize()}.\n\n"
            f'"We owe residents a clear answer on the {topic}," {surname} told reporters.\n'
        )
        month = rng.randint(1, 12)
        published = f"2026-{month:02d}-{rng.randint(1, 28):02d}"
        published = EDGES[i] if i < len(EDGES) else None if i % 9 == 4 else published
        docs.append(
            Document(
                content=content,
                kind="text",
                source=f"fiction-ref-{i}",
                outlet=rng.choice(OUTLETS),
                published=published,
            )
        )
    return docs


@pytest.fixture
def corpus(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as store:
        assert ingest(_documents(), store).new == 36
        yield store


def _reference(store: Store, query: str, filters: dict[str, str], window: int | None) -> list[Any]:
    """``(id, score)`` of every match passing ``filters``, best first, the plain way."""
    sql, params = "", []  # type: tuple[str, list[Any]]
    if filters.get("outlet"):
        sql += " AND lower(a.outlet) = lower(?)"
        params.append(filters["outlet"])
    if filters.get("since"):
        sql += " AND substr(a.published, 1, 10) >= ?"
        params.append(filters["since"])
    if filters.get("until"):
        sql += " AND substr(a.published, 1, 10) <= ?"
        params.append(filters["until"])
    if filters.get("speaker"):
        names = store._aliases(filters["speaker"])
        sql += (
            " AND a.id IN (SELECT article_id FROM attributions WHERE speaker IN "
            f"({','.join('?' * len(names))}))"
        )
        params += names
    words = safe_query(query)
    if store.name.endswith(".db"):
        rows = store._execute(
            "SELECT a.id, bm25(articles_fts), a.rowid FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE articles_fts MATCH ?{sql} ORDER BY a.rowid DESC",
            [words, *params],
        ).fetchall()
        kept = rows[:window] if window else rows
        return [(id_, score) for id_, score, _ in sorted(kept, key=lambda r: (r[1], -r[2]))]
    rows = store._execute(
        "SELECT a.id, ts_rank(a.tsv, websearch_to_tsquery('english', ?)) AS score FROM articles a "
        f"WHERE a.tsv @@ websearch_to_tsquery('english', ?){sql} ORDER BY score DESC, a.id",
        [words, words, *params],
    ).fetchall()
    return [(id_, score) for id_, score in rows]


@pytest.mark.parametrize("window", [None, 5, 1])
def test_search_equals_the_reference_query(corpus: Store, window: int | None) -> None:
    """Every query and filter: the same ids, in the same order, with the same scores."""
    sqlite = corpus.name.endswith(".db")
    if window and not sqlite:
        pytest.skip("PostgreSQL ranks every match (no rank window)")
    if sqlite:
        corpus.rank_window = window
    nonempty = 0
    for query in QUERIES:
        for filters in FILTERS:
            expected = _reference(corpus, query, filters, window)
            got = corpus.search(query, limit=100, **filters)  # type: ignore[arg-type]
            assert [(h["id"], h["score"]) for h in got] == expected, (query, filters)
            page = corpus.search(query, limit=3, offset=2, **filters)  # type: ignore[arg-type]
            assert [(h["id"], h["score"]) for h in page] == expected[2:5], (query, filters)
            nonempty += bool(expected)
    assert nonempty >= len(QUERIES) * len(FILTERS) // 2  # the filters keep real matches


def test_search_columns_follow_the_articles(store_url: str) -> None:
    """SQLite's search_columns: filled for a corpus stored before migration 0013, and kept by
    its triggers when an article's outlet or date changes or the article goes."""
    if not store_url.endswith(".db"):
        pytest.skip("search_columns is the SQLite store's")
    with open_store(store_url) as store:
        ingest(_documents(12), store)
        before = {
            repr(f): store.search("said", limit=100, **f)  # type: ignore[arg-type]
            for f in FILTERS
        }
        # back to the schema of 0012: no table, no triggers, migration not recorded
        for trigger in ("insert", "update", "delete"):
            store._execute(f"DROP TRIGGER search_columns_{trigger}")
        store._execute("DROP TABLE search_columns")
        store._execute("DELETE FROM migrations WHERE name = '0013_search_columns'")
        store._db.commit()  # type: ignore[attr-defined]
    with open_store(store_url) as store:  # migrates again: the table is filled from articles
        for f in FILTERS:
            assert store.search("said", limit=100, **f) == before[repr(f)]  # type: ignore[arg-type]
        hit = store.search("said", limit=1, outlet="lake gazette")[0]
        store._execute(
            "UPDATE articles SET outlet = 'Bay Courier', published = '2027-01-05' WHERE id = ?",
            (hit["id"],),
        )
        moved = store.search("said", limit=100, outlet="bay courier", since="2027-01-01")
        assert [h["id"] for h in moved] == [hit["id"]]
        assert hit["id"] not in {h["id"] for h in store.search("said", outlet="lake gazette")}
        store._execute("DELETE FROM attributions WHERE article_id = ?", (hit["id"],))
        store._execute("DELETE FROM articles WHERE id = ?", (hit["id"],))
        assert store._execute("SELECT count(*) FROM search_columns").fetchone()[0] == 11
