"""A small corpus for the web tests, the app over it, and a live server in a thread.

The corpus holds the fictional fixtures of ``tests/fixtures/web`` (two of them hostile - an
article and an aggregator's copy of it: their strings try to run code, and their URLs are
``javascript:``) and a few fictional articles of ``examples/corpus``, linked as ``wirelens
ingest`` links them (wire copies, quote traces, stories). API tests run on SQLite and
PostgreSQL; browser tests use SQLite.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import FIXTURES, ROOT, require
from wirelens.link import link
from wirelens.model import Document
from wirelens.readers import read_documents
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.web import create_app

WEB = FIXTURES / "web"
TOKEN = "test-token-Δ-42"
EXAMPLES = [
    "lake-council-meeting.txt",
    "islandvoice-ferry-subsidy.txt",
    "courier-port-strike.html",
    "ledger-port-strike.txt",
    "dailyscroll-port-strike.txt",
    "nws-port-strike.txt",
    "scoopline-port-strike.txt",
    "coastline-radio.atom",
]


def documents() -> list[Document]:
    """The web test corpus, with metadata that the pages must show (and escape)."""
    names = ("hostile-article.html", "hostile-copy.html", "harbour-fees.txt", "harbour-cranes.txt")
    hostile, copy, fees, cranes = read_documents([str(WEB / n) for n in names])
    examples = list(read_documents([str(ROOT / "examples" / "corpus" / n) for n in EXAMPLES]))
    return [
        Document(
            content=hostile.content,
            kind=hostile.kind,
            source=hostile.source,
            url="javascript:alert('url')",
        ),
        Document(
            content=copy.content,
            kind=copy.kind,
            source=copy.source,
            url="JaVaScRiPt:alert('copy-url')",
        ),
        Document(
            content=fees.content,
            kind="text",
            source=fees.source,
            outlet="Quayside Wire",
            published="2026-03-02T07:00:00Z",
            url="https://quayside.example/fees",
        ),
        cranes,
        *examples,
    ]


def _fill(url: str) -> str:
    with open_store(url) as store:
        report = ingest(documents(), store)
        linked = link(store)  # copy groups, quote traces and stories, as `wirelens ingest` does
    assert report.failed == [] and report.new >= 10
    assert linked.copies.groups >= 2 and linked.traces >= 2 and linked.stories >= 10
    return url


@pytest.fixture(scope="session")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _fill(str(tmp_path_factory.mktemp("web") / "corpus.db"))


@pytest.fixture(scope="session")
def postgresql_db() -> Iterator[str]:
    pg_url = os.environ.get("WIRELENS_TEST_PG", "")
    require(bool(pg_url), "no PostgreSQL server: set WIRELENS_TEST_PG=postgresql://... to run")
    schema = "web_" + uuid.uuid4().hex[:12]
    sep = "&" if "?" in pg_url else "?"
    yield _fill(f"{pg_url}{sep}schema={schema}")
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> str:
    """The corpus on each backend."""
    return str(request.getfixturevalue(f"{request.param}_db"))


@pytest.fixture
def client(db: str) -> TestClient:
    """The app with ingest enabled (token :data:`TOKEN`), errors answered, not raised."""
    return TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(sqlite_db: str) -> Iterator[str]:
    """The app under uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        create_app(sqlite_db, token=""), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def article_id(db: str, source_suffix: str) -> str:
    """The stored id of the fixture whose source ends with ``source_suffix``."""
    with open_store(db) as store:
        for row in store.articles(limit=100):
            if (row["source"] or "").endswith(source_suffix):
                return str(row["id"])
    raise AssertionError(f"no article from {source_suffix}")


def output_dir(name: str) -> Path:
    """Where tests leave files to look at (screenshots): ``$WIRELENS_TEST_OUTPUT`` or build/."""
    base = Path(os.environ.get("WIRELENS_TEST_OUTPUT", ROOT / "build" / "test-output"))
    path = base / name
    path.mkdir(parents=True, exist_ok=True)
    return path
