"""Issue 13 defect 7: an article with an empty body is an error, never a record.

Before the fix every empty body got the same content id, so a second, different page with no
extractable text was reported as "already present" and dropped. Now ``clean`` raises
:class:`~wirelens.errors.EmptyArticleError`: ``read`` of that one page exits 2 with one line,
``read`` of several warns and goes on (exit 1), and ``ingest`` records a failure and stores
nothing. Store tests run on SQLite and PostgreSQL. Pages are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelens.cli import main
from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store

#: Two different fictional pages whose only text is boilerplate: no article body.
EMPTY_PAGES = (
    "<html><head><title>Gallery | The Fenwick Courier</title></head><body>"
    "<div class='ad'><p>Advertisement</p></div></body></html>",
    "<html><head><title>Video | Lakeside Observer</title></head><body>"
    "<div class='player'><script>play()</script></div><p>Share this article</p></body></html>",
)
GOOD_PAGE = (
    "<html><head><title>Ferry saved for winter</title></head><body><article>"
    "<h1>Ferry saved for winter</h1><p>Fenwick council voted on Tuesday to keep the harbour "
    "ferry running through the winter, after a petition signed by more than 3,000 "
    "islanders.</p><p>The operator said it would add a second crossing on Saturdays.</p>"
    "</article></body></html>"
)


def _documents() -> list[Document]:
    pages = [*EMPTY_PAGES, GOOD_PAGE]
    return [
        Document(content=html, kind="html", source=f"page-{i}.html") for i, html in enumerate(pages)
    ]


def test_defect7_empty_bodies_are_failures_not_records(store_url: str) -> None:
    with open_store(store_url) as store:
        report = ingest(_documents(), store, batch_size=2)
        assert (report.read, report.new, report.existing) == (3, 1, 0)
        assert report.failed == ["page-0.html", "page-1.html"]
        assert store.count() == 1
        rows = store._execute("SELECT source, error FROM failures ORDER BY source").fetchall()
    assert [row[0] for row in rows] == ["page-0.html", "page-1.html"]
    assert all("EmptyArticleError" in row[1] and "no article body" in row[1] for row in rows)


def _write(tmp_path: Path) -> list[str]:
    paths = []
    for document in _documents():
        path = tmp_path / document.source
        path.write_text(document.content)
        paths.append(str(path))
    return paths


def test_defect7_read_one_empty_page_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = _write(tmp_path)[0]
    assert main(["read", "--format", "jsonl", empty]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [f"wirelens: error: {empty}: no article body (only boilerplate "
                                "found in the html)"]  # fmt: skip


def test_defect7_read_several_skips_empty_pages_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _write(tmp_path)
    assert main(["read", "--format", "jsonl", *paths]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 and "Ferry saved for winter" in out
    warnings = [line for line in err.splitlines() if "no article body" in line]
    assert len(warnings) == 2


def test_defect7_ingest_of_empty_pages_exits_1_and_keeps_the_good_one(
    store_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Empty pages among good ones: the good one is stored, the empty ones are recorded as
    failures, and the exit code says something failed (1), as for a bad JSONL line."""
    assert main(["ingest", *_write(tmp_path), "--db", store_url, "--no-link"]) == 1
    assert "2 article(s) could not be analysed" in capsys.readouterr().err
    with open_store(store_url) as store:
        assert store.count() == 1
        assert len(store.failures()) == 2
