"""Citeable story ids (issue 16): a story that a later link run merges into another leaves a
move behind, and its id leads to the story that holds its articles now.

The fictional articles of ``tests/fixtures/stories/merge.jsonl``: a warehouse fire and the
evacuation its smoke caused are two stories until a day of articles reporting both as one
emergency merges them, through ``wirelens link``. Every test taking ``store_url`` runs on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest

import wirelens.store.postgres as postgres_backend
import wirelens.store.sqlite as sqlite_backend
from tests.link.conftest import story_articles, story_document
from wirelens.cli import main
from wirelens.link.story_moves import forget_move, moved_to, moves_of, record_moves
from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.store.base import Store

MERGE = story_articles("merge")
#: An unrelated story (the council budget, two months earlier): it reaches no merged story.
OTHER = next(a for a in story_articles("articles") if a["source"] == "lake-gazette-budget")
NEVER = 987654


def documents(*batches: str) -> list[Document]:
    """The merge fixtures of ``batches`` (``fire``, ``evacuation``, ``bridge``)."""
    return [story_document(a) for a in MERGE if a["batch"] in batches]


def story_of(store: Store, source: str) -> int:
    """The story id of the article from ``source``."""
    row = store._execute(
        "SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id "
        "WHERE a.source = ?",
        (source,),
    ).fetchone()
    return int(row[0])


def merged_corpus(url: str) -> tuple[int, int]:
    """Link the fire and the evacuation (two stories), then the bridging articles (one story);
    return the evacuation story's old id and the id of the story holding everything now."""
    with open_store(url) as store:
        ingest(documents("fire", "evacuation"), store)
    assert main(["link", "--db", url]) == 0
    with open_store(url) as store:
        fire, evacuation = (
            story_of(store, s) for s in ("harbour-post-warehouse-fire", "lake-gazette-evacuation")
        )
        assert fire != evacuation  # two stories before the bridging day
        ingest(documents("bridge"), store)
    assert main(["link", "--db", url]) == 0
    with open_store(url) as store:
        survivor = story_of(store, "lake-gazette-evacuation")
        members = store._execute(
            "SELECT count(*) FROM story_members WHERE story_id = ?", (survivor,)
        ).fetchone()[0]
        stories = store._execute("SELECT count(*) FROM stories").fetchone()[0]
    assert int(members) == len(MERGE) and int(stories) == 1  # one emergency, one story
    assert survivor == fire  # the larger story (three articles to two) kept its id
    return evacuation, survivor


def test_a_merged_story_id_moves_to_the_surviving_story(store_url: str) -> None:
    old, survivor = merged_corpus(store_url)
    with open_store(store_url) as store:
        assert moved_to(store, old) == survivor
        assert moved_to(store, survivor) is None  # a stored story has not moved
        assert moved_to(store, NEVER) is None  # an id that never existed leads nowhere
        rows = store._execute("SELECT old_id, new_id FROM story_moves").fetchall()
    assert [tuple(int(v) for v in row) for row in rows] == [(old, survivor)]


def test_stories_command_follows_a_move_and_says_so(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old, survivor = merged_corpus(store_url)
    capsys.readouterr()
    assert main(["stories", "--db", store_url, "--id", str(old)]) == 0
    out, err = capsys.readouterr()
    assert err.strip().splitlines() == [
        f"wirelens: story {old} was merged into story {survivor}; showing {survivor}"
    ]
    assert f"#{survivor} ({len(MERGE)})" in out and "Lowther Street" in out
    assert "Calder Agri" in out  # the fire's articles, now in the same story
    assert main(["stories", "--db", store_url, "--id", str(survivor)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and f"#{survivor} ({len(MERGE)})" in out
    assert main(["stories", "--db", store_url, "--id", str(NEVER)]) == 2
    assert f"no story with id {NEVER}" in capsys.readouterr().err
    # before, an id past SQL's integers raised OverflowError, a traceback (found by fuzzing)
    assert main(["stories", "--db", store_url, "--id", "9" * 20]) == 2
    assert "Invalid value for '--id'" in capsys.readouterr().err


def test_a_new_story_never_takes_a_moved_id(store_url: str) -> None:
    """SQLite gives a new row the largest id + 1: the evacuation story (the latest id) is gone,
    and the next new story must not take its id, or a citation would name another event."""
    old, survivor = merged_corpus(store_url)
    assert old > survivor  # the removed id was the largest
    with open_store(store_url) as store:
        ingest([story_document(OTHER)], store)
    assert main(["link", "--db", store_url]) == 0
    with open_store(store_url) as store:
        budget = story_of(store, OTHER["source"])
        assert budget not in {old, survivor}
        assert moved_to(store, old) == survivor


def test_bookkeeping_collapses_chains_and_forgets_a_reused_id(store_url: str) -> None:
    with open_store(store_url) as store, store._transaction():
        for story_id in (5, 6):
            store._execute("INSERT INTO stories(id, title, size) VALUES (?, 'x', 1)", (story_id,))
        record_moves(store, {1: 5, 2: 5})
        store._execute("DELETE FROM stories WHERE id = 5")
        record_moves(store, {5: 6})  # 5 merged into 6: the moves to 5 now lead to 6 directly
        moves = dict(store._execute("SELECT old_id, new_id FROM story_moves").fetchall())
        assert {int(k): int(v) for k, v in moves.items()} == {1: 6, 2: 6, 5: 6}
        assert [moved_to(store, i) for i in (1, 2, 5, 6)] == [6, 6, 6, None]
        # a cycle written by hand (never by linking) leads nowhere instead of looping
        store._execute("INSERT INTO story_moves(old_id, new_id) VALUES (7, 8), (8, 7)")
        assert moved_to(store, 7) is None
        forget_move(store, 2)  # id 2 names a new story now
        assert moved_to(store, 2) is None and moved_to(store, 1) == 6


def test_a_recreated_id_loses_its_move(store_url: str) -> None:
    """A move whose id a new story takes (PostgreSQL's sequence after a hand-made move, or a
    store written otherwise) is dropped: the id names the new story."""
    old, survivor = merged_corpus(store_url)
    with open_store(store_url) as store, store._transaction():
        # the next id either backend would give: PostgreSQL's sequence, SQLite past the moves
        if store_url.startswith("postgresql"):
            upcoming = store._execute("SELECT last_value + 1 FROM stories_id_seq").fetchone()[0]
        else:
            upcoming = old + 1
        store._execute(
            "INSERT INTO story_moves(old_id, new_id) VALUES (?, ?)", (int(upcoming), survivor)
        )
    with open_store(store_url) as store:
        ingest([story_document(OTHER)], store)
    assert main(["link", "--db", store_url]) == 0
    with open_store(store_url) as store:
        budget = story_of(store, OTHER["source"])
        assert moved_to(store, budget) is None
        stale = store._execute(
            "SELECT count(*) FROM story_moves WHERE old_id IN (SELECT id FROM stories)"
        ).fetchone()[0]
        assert int(stale) == 0  # no stored story has a move
        assert moved_to(store, old) == survivor


def test_moves_go_to_the_story_holding_most_former_articles() -> None:
    former = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    now = {"a": 3, "b": 4, "c": 4, "d": 3, "e": 4, "f": 9}
    assert moves_of([1, 2], former, now) == {1: 4, 2: 3}  # 2: a tie, the lower id
    assert moves_of([], former, now) == {}


def test_a_store_made_before_0012_migrates_and_records_moves(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def before_0012(migrations: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return migrations[: [name for name, _ in migrations].index("0012_story_moves")]

    with monkeypatch.context() as patch:
        patch.setattr(
            sqlite_backend, "SQLITE_MIGRATIONS", before_0012(sqlite_backend.SQLITE_MIGRATIONS)
        )
        patch.setattr(
            postgres_backend,
            "POSTGRES_MIGRATIONS",
            before_0012(postgres_backend.POSTGRES_MIGRATIONS),
        )
        with open_store(store_url) as store:
            assert sqlite_backend.SQLITE_MIGRATIONS[-1][0] == "0011_story_linked"
            applied = {row[0] for row in store._execute("SELECT name FROM migrations")}
            assert "0011_story_linked" in applied and "0012_story_moves" not in applied
            ingest(documents("fire", "evacuation"), store)
    assert main(["link", "--db", store_url]) == 0  # opening the store migrates it
    with open_store(store_url) as store:
        applied = {row[0] for row in store._execute("SELECT name FROM migrations")}
        assert "0012_story_moves" in applied
        assert store._execute("SELECT count(*) FROM story_moves").fetchone()[0] == 0
        evacuation = story_of(store, "lake-gazette-evacuation")
        ingest(documents("bridge"), store)
    assert main(["link", "--db", store_url]) == 0
    with open_store(store_url) as store:
        survivor = story_of(store, "lake-gazette-evacuation")
        assert survivor != evacuation and moved_to(store, evacuation) == survivor
