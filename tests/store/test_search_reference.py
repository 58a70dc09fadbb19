"""Search returns exactly what a straightforward query over every match returns, on both
backends, plain and filtered, across rank windows; facets too.

The store ranks with shortcuts (SQLite: a window of the newest matches walked once, filters
checked in the narrow ``search_columns`` rows of migration 0013, a speaker's articles from the
``search_speakers`` index, facets from those two tables). Here each search is compared with a
reference written the plain way: every match joined to its article row, the filters spelt out
as conditions on that row, the newest ``rank_window`` kept, then sorted by score; facets as
GROUP BY over the best rows. Documents are fictional, generated here from word lists (outlets
in several spellings, some undated, quotes by a few invented speakers).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
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


@pytest.fixture
def sqlite_corpus(tmp_path: Path) -> Iterator[Store]:
    """The corpus on SQLite alone: its rank window and search tables have no PostgreSQL
    counterpart (PostgreSQL ranks every match with its filters on the article rows)."""
    with open_store(str(tmp_path / "corpus.db")) as store:
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


def test_search_equals_the_reference_query(corpus: Store) -> None:
    """Every query and filter, ranking every match: the same ids, in the same order, with the
    same scores."""
    if corpus.name.endswith(".db"):
        corpus.rank_window = None
    _compare_with_reference(corpus, None)


@pytest.mark.parametrize("window", [5, 1])
def test_rank_window_equals_the_reference_query(sqlite_corpus: Store, window: int) -> None:
    """SQLite ranks among the newest ``window`` matches that pass the filters: so does the
    reference."""
    sqlite_corpus.rank_window = window
    _compare_with_reference(sqlite_corpus, window)


def _compare_with_reference(corpus: Store, window: int | None) -> None:
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


def _facets_reference(store: Store, ids: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Facets of the articles ``ids``, counted with one plain GROUP BY each."""
    marks = ",".join("?" * len(ids))
    if not ids:
        return {"outlet": [], "speaker": [], "month": []}
    outlet = store._execute(
        f"SELECT outlet, count(*) AS n FROM articles WHERE id IN ({marks}) "
        "AND outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC, outlet LIMIT 10",
        ids,
    ).fetchall()
    speaker = store._execute(
        "SELECT speaker, count(DISTINCT article_id) AS n FROM attributions "
        f"WHERE article_id IN ({marks}) AND speaker IS NOT NULL "
        "GROUP BY speaker ORDER BY n DESC, speaker LIMIT 10",
        ids,
    ).fetchall()
    month = store._execute(
        "SELECT substr(published, 1, 7) AS m, count(*) FROM articles "
        f"WHERE id IN ({marks}) AND published IS NOT NULL AND published <> '' "
        "GROUP BY m ORDER BY m DESC LIMIT 10",
        ids,
    ).fetchall()
    return {
        "outlet": [tuple(r) for r in outlet],
        "speaker": [tuple(r) for r in speaker],
        "month": [tuple(r) for r in month],
    }


@pytest.mark.parametrize("scan", [200, 4])
def test_facets_equal_the_reference_counts(corpus: Store, scan: int) -> None:
    """Facets count the best ``scan`` matches exactly as GROUP BY over their rows would."""
    for query in QUERIES:
        for filters in FILTERS:
            best = [id_ for id_, _ in _reference(corpus, query, filters, None)][:scan]
            got = corpus.facets(query, scan=scan, **filters)  # type: ignore[arg-type]
            assert got == _facets_reference(corpus, best), (query, filters)


def _drop_search_tables(store: Store) -> None:
    """Back to the schema of migration 0012: no search tables or triggers, 0013 not recorded."""
    for trigger in ("columns_insert", "columns_update", "columns_delete"):
        store._execute(f"DROP TRIGGER search_{trigger}")
    for trigger in ("speakers_insert", "speakers_update", "speakers_delete"):
        store._execute(f"DROP TRIGGER search_{trigger}")
    store._execute("DROP TABLE search_columns")
    store._execute("DROP TABLE search_speakers")
    store._execute("DELETE FROM migrations WHERE name = '0013_search_columns'")
    store._db.commit()  # type: ignore[attr-defined]


def test_search_tables_follow_the_articles(tmp_path: Path) -> None:
    """SQLite's search_columns and search_speakers: filled for a corpus stored before
    migration 0013, and kept by their triggers when articles or attributions change."""
    with open_store(str(tmp_path / "corpus.db")) as store:
        ingest(_documents(12), store)
        before = {repr(f): store.search("said", limit=100, **f) for f in FILTERS}  # type: ignore[arg-type]
        facets = store.facets("said")
        _drop_search_tables(store)
    with open_store(
        str(tmp_path / "corpus.db")
    ) as store:  # migrates again: the tables are filled from the rows
        for f in FILTERS:
            assert store.search("said", limit=100, **f) == before[repr(f)]  # type: ignore[arg-type]
        assert store.facets("said") == facets
        hit = store.search("said", limit=1, outlet="lake gazette")[0]
        store._execute(
            "UPDATE articles SET outlet = 'Bay Courier', published = '2027-01-05' WHERE id = ?",
            (hit["id"],),
        )
        moved = store.search("said", limit=100, outlet="bay courier", since="2027-01-01")
        assert [h["id"] for h in moved] == [hit["id"]]
        assert hit["id"] not in {h["id"] for h in store.search("said", outlet="lake gazette")}
        # an analysis replaced with other speakers (as `wirelens reanalyze` does)
        analysis = store.get(hit["id"])
        speaker = next(a.speaker.name for a in analysis.attributions if a.speaker)
        assert hit["id"] in {h["id"] for h in store.search("said", speaker=speaker, limit=100)}
        store._execute(
            "UPDATE attributions SET speaker = 'Odile Marchetti' WHERE article_id = ?",
            (hit["id"],),
        )
        assert hit["id"] not in {h["id"] for h in store.search("said", speaker=speaker, limit=100)}
        assert ("Odile Marchetti", 1) in store.facets("said", outlet="bay courier")["speaker"]
        store.replace([analysis])  # deletes the attributions, inserts the stored ones again
        assert hit["id"] in {h["id"] for h in store.search("said", speaker=speaker, limit=100)}
        assert "Odile Marchetti" not in dict(store.facets("said")["speaker"])
        # one of the speaker's two attributions in the article goes: the article stays theirs
        quoted = store._execute(
            "SELECT id FROM attributions WHERE article_id = ? AND speaker = ? ORDER BY id",
            (hit["id"], speaker),
        ).fetchall()
        assert len(quoted) >= 2
        store._execute("DELETE FROM attributions WHERE id = ?", (quoted[0][0],))
        assert hit["id"] in {h["id"] for h in store.search("said", speaker=speaker, limit=100)}
        rows = store._execute("SELECT count(*) FROM search_speakers").fetchone()[0]
        assert (
            rows
            == store._execute(
                "SELECT count(*) FROM (SELECT DISTINCT article_id, speaker FROM attributions "
                "WHERE speaker IS NOT NULL)"
            ).fetchone()[0]
        )
        store._execute("DELETE FROM attributions WHERE article_id = ?", (hit["id"],))
        store._execute("DELETE FROM articles WHERE id = ?", (hit["id"],))
        assert store._execute("SELECT count(*) FROM search_columns").fetchone()[0] == 11
        left = store._execute("SELECT count(*) FROM search_speakers").fetchone()[0]
        assert 0 < left < rows
