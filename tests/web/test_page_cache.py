"""The search page cache: the same URL asked again is answered from memory, and a commit to
the SQLite corpus by any connection drops what was kept (the page shows the new article)."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.web import create_app

CACHE = "x-wirelens-cache"


def _copy(sqlite_db: str, tmp_path: Path) -> str:
    path = tmp_path / "corpus.db"
    shutil.copy(sqlite_db, path)
    return str(path)


def test_same_search_is_a_hit_with_the_same_page(sqlite_db: str, tmp_path: Path) -> None:
    client = TestClient(create_app(_copy(sqlite_db, tmp_path), token="", page_cache=8))
    first = client.get("/search?q=harbour")
    second = client.get("/search?q=harbour")
    other = client.get("/search?q=harbour&offset=20")
    assert first.status_code == second.status_code == other.status_code == 200
    assert (first.headers[CACHE], second.headers[CACHE], other.headers[CACHE]) == (
        "miss",
        "hit",
        "miss",
    )
    assert second.text == first.text and "harbour" in first.text.lower()
    assert second.headers["content-security-policy"] == first.headers["content-security-policy"]
    assert client.app.state.stores.pages.hits == 1  # type: ignore[attr-defined]


def test_a_commit_by_another_connection_drops_the_pages(sqlite_db: str, tmp_path: Path) -> None:
    path = _copy(sqlite_db, tmp_path)
    client = TestClient(create_app(path, token="", page_cache=8))
    url = "/search?q=quokkagram"
    assert "Nothing matches" in client.get(url).text
    assert client.get(url).headers[CACHE] == "hit"
    text = (
        "PORTVIK (Fictional Wire) - The harbour office tested a quokkagram on Monday, "
        'its director said. "It worked," said Ana Ribe, the director.'
    )
    with open_store(path) as store:  # another connection, as another process would be
        assert ingest([Document(content=text, kind="text", source="cache-test")], store).new == 1
    after = client.get(url)
    assert after.headers[CACHE] == "miss"
    assert "Nothing matches" not in after.text and "quokkagram" in after.text


def test_no_cache_when_turned_off_or_too_small(sqlite_db: str, tmp_path: Path) -> None:
    client = TestClient(create_app(_copy(sqlite_db, tmp_path), token="", page_cache=0))
    assert CACHE not in client.get("/search?q=harbour").headers
    assert client.app.state.stores.pages is None  # type: ignore[attr-defined]
    (tmp_path / "small").mkdir()
    small = TestClient(create_app(_copy(sqlite_db, tmp_path / "small"), token="", page_cache=1))
    for url in ("/search?q=harbour", "/search?q=ferry", "/search?q=harbour"):
        assert small.get(url).headers[CACHE] == "miss"  # one page kept: the other went


def test_postgresql_pages_are_never_cached(postgresql_db: str) -> None:
    client = TestClient(create_app(postgresql_db, token="", page_cache=8))
    client.get("/search?q=harbour")
    assert CACHE not in client.get("/search?q=harbour").headers
