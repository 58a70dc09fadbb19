"""The text index (a Tantivy index beside a SQLite corpus) ranks plain searches: the same
matches as FTS5, best first over every match, filters and facets as before, and never stale or
wrong: after adds, replacements, deletions and attribution changes, and with an index that is
missing, of another corpus, damaged, locked or not writable, results stay those of FTS5.

Documents are fictional items written here, in several scripts and spellings (apostrophes,
hyphens, accents composed and decomposed, digits, very long words).
"""

from __future__ import annotations

import itertools
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
import tantivy

from wirelens.cli import main
from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.store.base import FACET_SCAN, facet_counts
from wirelens.store.fts import phrases, safe_query
from wirelens.store.sqlite import SQLiteStore
from wirelens.store.textindex import Tokens, index_dir, text_index

LONG = "Quadro" + "x" * 40_000 + "end"  # longer than FTS5 keeps of a token
WIDE = "Wide" + "y" * 900  # as long as a query may hold
TEXTS = [
    (
        "Iran's oil minister names co-founder",
        "Iran's oil minister said the co-founder of the "
        "port agency, Lena Ortiz, would lead talks. \u201cWe are ready,\u201d Ortiz said.",
    ),
    (
        "Zürich café owners protest rent",
        "Café owners in Zürich said rents rose 12% in 2026. "
        '"We cannot pay 3,500 francs," owner Mira Keller said. Straße, Øresund, ǖ, İstanbul.',
    ),
    (
        "Zurich cafe study",
        "A Zurich cafe study by the co founder group found that cafes "
        "opened at 7am. Iran s exports were not mentioned, said analyst Tomas Berg.",
    ),
    (
        "Decomposed accents: cafe\u0301 and e\u0301te\u0301",
        "The cafe\u0301 opened in e\u0301te\u0301 "
        "with COVID-19 rules, B2B deals and e-mail orders, council member Dana Reyes said.",
    ),
    (
        "東京 and Москва talks",
        "Delegates from 東京 (Tokyo) and Москва (Moscow) met; ελληνικά and "
        "عربي notes were shared. \u201cProgress,\u201d said envoy Jana Petrov.",
    ),
    (
        "A very long word",
        f"The word {LONG} and {WIDE} appeared in a snake_case file named long_term_plan "
        "and a long-term plan, said archivist Lena Ortiz.",
    ),
    (
        "Harbour ferry subsidy",
        'The ferry subsidy was cut, harbour master Tomas Berg said. "The '
        'ferry will run less," Berg told reporters on Monday.',
    ),
    (
        "Ferry timetable delayed",
        "Island councillor Dana Reyes said the ferry timetable study "
        'would not be ready. "Islanders deserve an answer," Reyes said.',
    ),
]
OUTLETS = ["Harbour Post", "HARBOUR POST", "ZÜRICH Tribune", "zürich tribune", None]
DATES = ["2026-03-01", "2026-05-01T09:30:00Z", "2026-06-30", None, "2026-09-30T06:00:00Z"]
QUERIES = [
    "Iran's",
    "iran",
    "Iran s",
    "Iran\u2019s",
    "s",
    "co-founder",
    "co founder",
    "founder",
    "Zürich",
    "zurich",
    "ZURICH",
    "café",
    "cafe",
    "cafés",
    "ete",
    "été",
    "straße",
    "strasse",
    "øresund",
    "oresund",
    "ǖ",
    "u",
    "istanbul",
    "İstanbul",
    "12%",
    "2026",
    "3,500",
    "3 500",
    "COVID-19",
    "covid 19",
    "b2b",
    "e-mail",
    "email",
    "東京",
    "tokyo",
    "москва",
    "ελληνικά",
    "عربي",
    WIDE,
    WIDE[:800],
    LONG[:900],
    LONG[:20],
    "snake_case",
    "snake case",
    "long_term_plan",
    "long-term plan",
    "_",
    "_ ferry",
    '"ferry subsidy"',
    '"subsidy ferry"',
    "ferry",
    "said",
    "ferry said",
    '"harbour master Tomas Berg"',
    "nothingmatches",
    '"the ferry" will',
    '"7 island"',
    "7 island",
]


def _documents(copies: int = 3) -> list[Document]:
    """The texts above ``copies`` times with varied outlets and dates (fictional)."""
    docs = []
    for i in range(copies * len(TEXTS)):
        title, body = TEXTS[i % len(TEXTS)]
        docs.append(
            Document(
                content=f"{title} (item {i})\n\n{body}\n",
                kind="text",
                source=f"fiction-index-{i}",
                outlet=OUTLETS[i % len(OUTLETS)],
                published=DATES[i % len(DATES)],
            )
        )
    return docs


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus with its text index built (copied by the tests that change it)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with open_store(str(path)) as store:
        assert ingest(_documents(), store).new == 3 * len(TEXTS)
        assert store.refresh_text_index(build=True) == "built"
    return path


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Iterator[SQLiteStore]:
    """A private copy of the built corpus and its index."""
    path = tmp_path / "corpus.db"
    shutil.copy(built, path)
    shutil.copytree(index_dir(built), index_dir(path))
    with open_store(str(path)) as opened:
        assert isinstance(opened, SQLiteStore)
        yield opened


def _fts_ids(
    store: SQLiteStore, query: str, where: str = "", params: tuple[Any, ...] = ()
) -> set[str]:
    """Ids of the articles FTS5 matches for a plain ``query`` (and SQL ``where`` on ``a``)."""
    fts = safe_query(query)
    if not fts:
        return set()
    rows = store._execute(
        "SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
        f"WHERE articles_fts MATCH ?{where}",
        (fts, *params),
    ).fetchall()
    return {row[0] for row in rows}


def _index_ids(store: SQLiteStore, query: str, **filters: Any) -> set[str]:
    """Ids the text index ranks (asserting that it answered, not FTS5)."""
    ranked = text_index(store.path).rank(store._read, phrases(query), filters, 10_000)
    assert ranked is not None, query
    rids = [rid for rid, _ in ranked]
    if not rids:
        return set()
    marks = ",".join("?" * len(rids))
    rows = store._execute(f"SELECT id FROM articles WHERE rowid IN ({marks})", rids).fetchall()
    return {row[0] for row in rows}


def _search_ids(store: SQLiteStore, query: str, **filters: Any) -> list[str]:
    return [hit["id"] for hit in store.search(query, limit=1000, **filters)]


def test_tokens_equal_sqlite_unicode61_on_random_text() -> None:
    """Random strings over many scripts and odd characters split exactly as FTS5 splits them."""
    rng = random.Random(5)
    ranges = [
        (32, 127),
        (160, 0x250),
        (0x300, 0x370),
        (0x370, 0x530),
        (0x600, 0x700),
        (0x900, 0x980),
        (0x1E00, 0x1F00),
        (0x2000, 0x2070),
        (0x3040, 0x3100),
        (0x4E00, 0x4E80),
        (0xAC00, 0xAC40),
        (0xE000, 0xE010),
        (0xFF00, 0xFF60),
        (0x1F300, 0x1F340),
        (0x1D400, 0x1D440),
        (0x10400, 0x10450),
        (0x1E900, 0x1E950),
    ]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    tokens = Tokens()
    for i in range(300):
        low, high = rng.choice(ranges)
        text = "".join(
            chr(rng.randrange(*rng.choice([(low, high), (32, 127)])))
            for _ in range(rng.randint(1, 60))
        )
        db.execute("INSERT INTO t(rowid, x) VALUES (?, ?)", (i + 1, text))
        expected = [
            r[0] for r in db.execute("SELECT term FROM v WHERE doc = ? ORDER BY offset", (i + 1,))
        ]
        assert tokens.split(text) == expected, ascii(text)
    db.execute("INSERT INTO t(rowid, x) VALUES (1000, ?)", (LONG,))
    (cut,) = db.execute("SELECT term FROM v WHERE doc = 1000").fetchone()
    assert tokens.split(LONG) == [cut]  # FTS5 keeps the first 32,768 bytes; so do we
    assert len(cut) == 32_768


@pytest.mark.parametrize("query", QUERIES)
def test_match_set_equals_fts5(store: SQLiteStore, query: str) -> None:
    assert _index_ids(store, query) == _fts_ids(store, query)
    store.text_search = False
    fts_order = _search_ids(store, query)
    store.text_search = True
    assert sorted(_search_ids(store, query)) == sorted(fts_order)


def test_awkward_queries_match_what_they_should(store: SQLiteStore) -> None:
    """A few answers spelt out, so that a shared mistake of both sides would show."""
    titles = {h["title"].split(" (item")[0] for h in store.search("zurich cafe", limit=100)}
    assert titles == {"Zürich café owners protest rent", "Zurich cafe study"}
    assert not store.search("strasse") and store.search("straße")  # ß is not folded
    assert {h["title"].split(" (item")[0] for h in store.search("ete", limit=100)} == {
        "Decomposed accents: cafe\u0301 and e\u0301te\u0301"
    }
    assert len(store.search(WIDE, limit=100)) == 3
    assert store.search("_ ferry", limit=100) and not store.search("_")
    # the end of a title and the start of its body are no phrase (FTS5 columns)
    assert store.search("7 island") and not store.search('"7 island"')


def test_ranking_is_best_first_over_every_match(store: SQLiteStore) -> None:
    """The top 20 equals every match scored and sorted (no window, no pruning error)."""
    index = tantivy.Index.open(str(index_dir(store.path)))
    searcher = index.searcher()
    for query in ["said", "ferry", "ferry said", "cafe", '"ferry subsidy"']:
        hits = store.search(query, limit=20)
        scores = [hit["score"] for hit in hits]
        assert scores == sorted(scores) and all(s <= 0 for s in scores), query
        ranked = text_index(store.path).rank(store._read, phrases(query), {}, 20)
        assert ranked is not None
        everything = text_index(store.path).rank(store._read, phrases(query), {}, 100_000)
        assert everything is not None and len(everything) == len(_fts_ids(store, query))
        best = sorted(score for _, score in everything)[:20]
        assert [score for _, score in ranked] == pytest.approx(best)
        assert [hit["score"] for hit in hits] == pytest.approx(best[: len(hits)])
    assert searcher.num_docs == 3 * len(TEXTS)


def test_ties_go_newest_first(store: SQLiteStore) -> None:
    """Equal scores (copies of one text) come newest first, as FTS5's ranking orders them, and
    a page cut inside a tie keeps the newest."""
    ties = 0
    for query in ["ferry", "cafe", "said", "oil minister"]:
        everything = text_index(store.path).rank(store._read, phrases(query), {}, 100_000)
        assert everything is not None
        for (rid, score), (next_rid, next_score) in itertools.pairwise(everything):
            if score == next_score:
                ties += 1
                assert rid > next_rid, query
        top = text_index(store.path).rank(store._read, phrases(query), {}, 1)
        assert top == everything[:1]
    assert ties


FILTERS: list[dict[str, str]] = [
    {"outlet": "harbour post"},
    {"outlet": "HARBOUR POST"},
    {"outlet": "ZÜRICH TRIBUNE"},  # SQLite's lower() folds ASCII only: Ü stays Ü
    {"outlet": "zÜrich tribune"},
    {"since": "2026-05-01"},
    {"until": "2026-06-30"},
    {"since": "2026-03-01", "until": "2026-05-01"},
    {"since": "2026-06"},
    {"until": "2026"},
    {"speaker": "Ortiz"},
    {"speaker": "Tomas Berg", "outlet": "harbour post"},
    {"speaker": "Nobody Known"},
]


def _reference(store: SQLiteStore, query: str, filters: dict[str, str]) -> set[str]:
    sql, params = "", []  # type: tuple[str, list[Any]]
    if "outlet" in filters:
        sql += " AND lower(a.outlet) = lower(?)"
        params.append(filters["outlet"])
    for name, op in (("since", ">="), ("until", "<=")):
        if name in filters:
            sql += f" AND substr(a.published, 1, 10) {op} ?"
            params.append(filters[name])
    if "speaker" in filters:
        names = store._aliases(filters["speaker"])
        marks = ",".join("?" * len(names))
        sql += f" AND a.id IN (SELECT article_id FROM attributions WHERE speaker IN ({marks}))"
        params += names
    return _fts_ids(store, query, sql, tuple(params))


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_filters_return_exactly_the_filtered_matches(
    store: SQLiteStore, filters: dict[str, str]
) -> None:
    for query in ["said", "ferry", "cafe", "Iran's"]:
        expected = _reference(store, query, filters)
        assert set(_search_ids(store, query, **filters)) == expected, (query, filters)
        wanted: dict[str, Any] = {k: v for k, v in filters.items() if k != "speaker"}
        if "speaker" in filters:
            wanted["speakers"] = store._aliases(filters["speaker"])
        assert _index_ids(store, query, **wanted) == expected
    if "outlet" in filters and filters["outlet"].startswith("ZÜ"):
        assert _reference(store, "said", filters)  # the case worth checking has matches


def test_facets_count_the_best_matches(store: SQLiteStore) -> None:
    for query in ["said", "ferry"]:
        hits, facets = store.search_faceted(query, limit=5)
        assert len(hits) == 5
        ids = _fts_ids(store, query)
        assert len(ids) <= FACET_SCAN  # every match is counted: compare with all of them
        marks = ",".join("?" * len(ids))
        rows = store._execute(
            f"SELECT outlet, substr(published, 1, 7) FROM articles WHERE id IN ({marks})",
            list(ids),
        ).fetchall()
        speakers = store._execute(
            f"SELECT DISTINCT article_id, speaker FROM attributions WHERE article_id IN "
            f"({marks}) AND speaker IS NOT NULL",
            list(ids),
        ).fetchall()
        assert facets == facet_counts(rows, [s for _, s in speakers])
        assert facets["speaker"]


def _current(store: SQLiteStore) -> bool:
    """Whether the index holds the corpus' last change (the check a search makes)."""
    (head,) = store._execute("SELECT seq FROM sqlite_sequence WHERE name = 'search_log'").fetchone()
    return text_index(store.path).applied == head


NEW = Document(
    content="Lighthouse keeper retires\n\nThe lighthouse keeper Ola Strand said he would retire "
    'in May. "The lamp never failed," Strand said.\n',
    kind="text",
    source="fiction-lighthouse",
    outlet="Coast Daily",
    published="2026-07-01",
)


def test_fresh_after_add_replace_delete_and_attribution_change(store: SQLiteStore) -> None:
    assert ingest([NEW], store).new == 1  # ingest catches the index up at its end
    assert _current(store)
    assert len(_index_ids(store, "lighthouse keeper")) == 1
    [hit] = store.search("lighthouse", speaker="Strand")
    analysis = store.get(hit["id"])
    # another writer's change (no catch-up of its own): the next search applies it
    with store._transaction():
        store._execute(
            "UPDATE attributions SET speaker = 'Mira Keller' WHERE article_id = ?", (hit["id"],)
        )
    assert not _current(store)
    assert store.search("lighthouse", speaker="Strand") == []
    assert _current(store)
    assert [h["id"] for h in store.search("lighthouse", speaker="Keller")] == [hit["id"]]
    # a replacement without attributions: no speaker left
    assert store.replace([msgspec.structs.replace(analysis, attributions=())]) == 1
    assert _current(store)
    assert store.search("lighthouse", speaker="Keller") == []
    assert len(store.search("lighthouse")) == 1
    # re-ingesting the same document keeps one article, found once
    assert ingest([NEW], store).new == 0
    assert len(store.search("lighthouse")) == 1
    # deleted with other tools: gone from the index as from the articles
    with store._transaction():
        store._execute("DELETE FROM articles WHERE id = ?", (hit["id"],))
    assert store.search("lighthouse") == []
    assert _index_ids(store, "lighthouse") == set()
    assert _current(store)


def test_far_behind_is_answered_by_fts5_until_refreshed(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("wirelens.store.textindex.CATCH_UP_MAX", 0)
    store.add([ingest_one(store)], speakers=False)  # no catch-up: the backlog stays
    assert text_index(store.path).rank(store._read, ["lighthouse"], {}, 10) is None
    assert len(store.search("lighthouse")) == 1  # FTS5 answers, with the new article
    assert store.refresh_text_index() == "caught up"
    assert _index_ids(store, "lighthouse") == {h["id"] for h in store.search("lighthouse")}
    (left,) = store._execute("SELECT count(*) FROM search_log").fetchone()
    assert left == 0  # the applied log entries were dropped


def ingest_one(store: SQLiteStore) -> Any:
    """The analysis of :data:`NEW`, made by a scratch corpus (fictional)."""
    scratch = store.path.with_name("scratch.db")
    with open_store(str(scratch)) as other:
        ingest([NEW], other)
        [hit] = other.search("lighthouse")
        return other.get(hit["id"])


def _answers_like_fts5(store: SQLiteStore) -> None:
    for query in ["said", "cafe", "ferry subsidy"]:
        got = store.search(query, limit=100, outlet="harbour post")
        store.text_search = False
        expected = store.search(query, limit=100, outlet="harbour post")
        store.text_search = True
        assert {h["id"] for h in got} == {h["id"] for h in expected}


def test_an_index_of_another_corpus_is_not_used(store: SQLiteStore, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with open_store(str(other)) as small:
        ingest([NEW], small)
        small.refresh_text_index(build=True)
    shutil.rmtree(index_dir(store.path))
    shutil.copytree(index_dir(other), index_dir(store.path))
    text_index(store.path)._forget()  # as a new process would
    assert text_index(store.path).rank(store._read, ["said"], {}, 10) is None
    _answers_like_fts5(store)
    assert store.refresh_text_index() == "built"  # an index is there, of the wrong corpus
    assert _index_ids(store, "said") == _fts_ids(store, "said")


def test_a_deleted_index_is_not_rebuilt_by_a_search(store: SQLiteStore) -> None:
    shutil.rmtree(index_dir(store.path))
    _answers_like_fts5(store)
    assert store.refresh_text_index() == "none"  # ingest builds none
    assert not index_dir(store.path).exists()
    assert store.refresh_text_index(build=True) == "built"
    assert _index_ids(store, "cafe") == _fts_ids(store, "cafe")


@pytest.mark.parametrize("damage", ["meta", "segments", "record"])
def test_a_damaged_index_answers_through_fts5_then_is_rebuilt(
    store: SQLiteStore, damage: str
) -> None:
    folder = index_dir(store.path)
    if damage == "meta":
        (folder / "meta.json").write_text("{not json", encoding="utf-8")
    elif damage == "segments":
        for file in folder.glob("*.idx"):
            file.write_bytes(b"\x00" * 10)
    else:
        (folder / "wirelens-index.json").write_text("[]", encoding="utf-8")
    text_index(store.path)._forget()  # as a new process would
    _answers_like_fts5(store)
    assert store.refresh_text_index() == "built"
    text_index(store.path)._forget()
    assert _index_ids(store, "cafe") == _fts_ids(store, "cafe")


def test_a_locked_or_unwritable_index_answers_through_fts5(store: SQLiteStore) -> None:
    """Another process holding the writer lock (or a directory where the lock cannot be
    written): searches neither wait nor fail, and see the new article through FTS5."""
    index = tantivy.Index.open(str(index_dir(store.path)))
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    store.add([ingest_one(store)], speakers=False)
    assert text_index(store.path).rank(store._read, ["lighthouse"], {}, 10) is None
    assert len(store.search("lighthouse")) == 1
    assert "not updated" in store.refresh_text_index()
    writer.rollback()
    del writer, index
    assert len(store.search("lighthouse")) == 1
    assert _current(store)


def test_an_unwritable_index_directory_answers_through_fts5(store: SQLiteStore) -> None:
    # root ignores permissions: a directory where the writer's lock file must go blocks it
    blocker = index_dir(store.path) / ".tantivy-writer.lock"
    blocker.unlink(missing_ok=True)
    blocker.mkdir()
    store.add([ingest_one(store)], speakers=False)
    assert len(store.search("lighthouse")) == 1
    assert not _current(store)
    blocker.rmdir()
    assert len(store.search("lighthouse")) == 1
    assert _current(store)


def test_fts_syntax_still_goes_to_fts5(store: SQLiteStore) -> None:
    hits = store.search("ferr* OR lighthouse", syntax="fts", limit=100)
    assert {h["id"] for h in hits} == _fts_ids(store, "ferry")


def test_index_command_builds_and_reports(built: Path, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(built, path)
    assert main(["index", "--db", str(path)]) == 0
    assert "text index" in capsys.readouterr().err
    assert (index_dir(path) / "wirelens-index.json").exists()
    assert main(["index", "--db", str(path)]) == 0
    assert "current" in capsys.readouterr().err
    assert main(["index", "--rebuild", "--db", str(path)]) == 0
    assert "built" in capsys.readouterr().err
    assert main(["search", "cafe", "--db", str(path)]) == 0
    assert "Zurich cafe study" in capsys.readouterr().out


def test_an_index_missing_log_entries_or_ahead_is_rebuilt(store: SQLiteStore) -> None:
    """Entries it had not applied were dropped, or it is ahead of the corpus (a corpus
    restored from a backup): FTS5 answers, and a refresh builds the index again."""
    store.add([ingest_one(store)], speakers=False)
    with store._transaction():
        store._execute("DELETE FROM search_log")
    assert text_index(store.path).rank(store._read, ["lighthouse"], {}, 10) is None
    assert len(store.search("lighthouse")) == 1
    assert store.refresh_text_index() == "built"
    assert len(_index_ids(store, "lighthouse")) == 1
    record = index_dir(store.path) / "wirelens-index.json"
    record.write_text(record.read_text().replace('"applied": ', '"applied": 1000'))
    text_index(store.path)._forget()  # as a new process would
    assert text_index(store.path).rank(store._read, ["lighthouse"], {}, 10) is None
    assert len(store.search("lighthouse")) == 1
    assert store.refresh_text_index() == "built"


def test_serve_builds_the_index_before_serving(built: Path, tmp_path: Path, capsys: Any) -> None:
    from wirelens.cli.serve import _index

    path = tmp_path / "served.db"
    shutil.copy(built, path)
    _index(str(path))
    assert "text index built" in capsys.readouterr().err
    with open_store(str(path)) as served:
        assert isinstance(served, SQLiteStore)
        assert _index_ids(served, "cafe") == _fts_ids(served, "cafe")


def test_the_api_and_pages_search_through_the_index(built: Path, tmp_path: Path) -> None:
    """A server over a corpus with a current index: best first, same matches as FTS5."""
    pytest.importorskip("fastapi")  # the web extra
    from fastapi.testclient import TestClient

    from wirelens.web import create_app

    path = tmp_path / "web.db"
    shutil.copy(built, path)
    shutil.copytree(index_dir(built), index_dir(path))
    with TestClient(create_app(str(path), token="", page_cache=0)) as client:
        body = client.get("/api/search", params={"q": "cafe", "limit": 100}).json()
        scores = [h["score"] for h in body["items"]]
        assert scores == sorted(scores) and scores[0] < 0
        with open_store(str(path)) as store:
            assert isinstance(store, SQLiteStore)
            assert {h["id"] for h in body["items"]} == _fts_ids(store, "cafe")
            assert _index_ids(store, "cafe") == _fts_ids(store, "cafe")  # it was the index
        page = client.get("/search", params={"q": "Iran's", "outlet": "HARBOUR POST"})
        assert page.status_code == 200 and "Iran" in page.text


def test_threads_share_the_index_while_another_connection_writes(store: SQLiteStore) -> None:
    """Server threads (each with its own read-only connection) search while articles arrive:
    every answer is FTS5's match set of that moment or later, none fails."""
    import threading

    new = ingest_one(store)
    cafes = len(_fts_ids(store, "cafe"))
    failures: list[BaseException] = []
    counts: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        with open_store(str(store.path)) as mine:
            mine.read_only()
            try:
                while not stop.is_set():
                    counts.append(len(mine.search("lighthouse", limit=50)))
                    assert len(mine.search("cafe", limit=50)) == cafes
            except BaseException as exc:  # reported below, with its traceback
                failures.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    store.add([new], speakers=False)  # no catch-up here: the readers apply it
    stop.wait(0.5)
    stop.set()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert counts and set(counts) <= {0, 1} and counts[-1] == 1
    assert _current(store)
