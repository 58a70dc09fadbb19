"""Which requests run on the event loop, and which in worker threads (wirelens/web/loop.py).

Bounded work (a plain search, an article of ordinary length) runs on the loop; a query in
FTS5's own syntax and a very long article go to a worker thread. The long article is a
fictional text written for this test.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import article_id
from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.web import create_app, loop

#: A fictional article longer than INLINE_TEXT_CHARS.
LONG = "Port Ellery Council Publishes Full Ferry Review\n\n" + "".join(
    f"Crossing {i} of the review, the council said, ran {i % 7 + 2} minutes late and covers "
    f"the harbour's berth {i % 13 + 1}.\n\n"
    for i in range(2_500)
)


def test_run_inline_stays_in_the_calling_thread_and_else_goes_to_a_worker() -> None:
    async def both() -> tuple[threading.Thread, threading.Thread]:
        here = await loop.run(threading.current_thread, inline=True)
        there = await loop.run(threading.current_thread, inline=False)
        return here, there

    here, there = anyio.run(both)
    assert here is threading.current_thread()
    assert there is not threading.current_thread()


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``inline`` decision of every request, in order."""
    seen: list[bool] = []
    real = loop.run

    async def spy(call: Any, *, inline: bool) -> Any:
        seen.append(inline)
        return await real(call, inline=inline)

    monkeypatch.setattr(loop, "run", spy)
    return seen


def test_plain_searches_and_articles_run_on_the_loop_fts_syntax_in_a_thread(
    client: TestClient, db: str, spied: list[bool]
) -> None:
    article = article_id(db, "harbour-fees.txt")
    for url in (
        "/search?q=harbour",
        "/search?q=harbour&syntax=fts",
        "/api/search?q=harbour",
        "/api/search?q=harbour+OR+ferry&syntax=fts",
        f"/articles/{article}",
        f"/api/articles/{article}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert spied == [True, False, True, False, True, True]
    # the answers are those of a thread: the same page either way
    assert "harbour" in client.get("/search?q=harbour&syntax=fts").text.lower()


def test_a_very_long_article_renders_in_a_thread(tmp_path: Path, spied: list[bool]) -> None:
    db = str(tmp_path / "long.db")
    assert len(LONG) > loop.INLINE_TEXT_CHARS
    with open_store(db) as store:
        ingest([Document(content=LONG, kind="text", source="long-review.txt")], store)
        (row,) = store.articles(limit=1)
    client = TestClient(create_app(db))
    page = client.get(f"/articles/{row['id']}")
    assert page.status_code == 200
    assert "Crossing 2499 of the review" in page.text  # the whole text
    assert client.get(f"/api/articles/{row['id']}").status_code == 200
    assert spied == [False, False]
