"""Issue 13, defect 5: migrations are safe when several processes open a fresh corpus at once.

Real processes (``fork``), released together by a barrier, open the same fresh corpus: a new
SQLite file, or a new PostgreSQL database (so ``CREATE EXTENSION pg_trgm`` races too), in the
public schema or a named one. Half the rounds also race an upgrade: the corpus exists at the
shipped migrations and every process brings one more, an ``ALTER TABLE ... ADD COLUMN``, which
has no ``IF NOT EXISTS`` form in SQLite - so the lock, not the wording of 0001, is what's tested.
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Iterator
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

import wirelens.store.postgres as postgres_backend
import wirelens.store.sqlite as sqlite_backend
from wirelens.store import open_store

PROCESSES = 8
ROUNDS = 4
#: A step that fails if applied twice (SQLite has no ADD COLUMN IF NOT EXISTS).
PROBE = ("9999_race_probe", "ALTER TABLE articles ADD COLUMN race_probe TEXT")


def _open(url: str, barrier: Barrier, results: Queue[str]) -> None:
    """One process: wait for the others, open (and so migrate) the corpus, report."""
    try:
        barrier.wait(30)
        with open_store(url) as store:
            store.count()
        results.put("ok")
    except Exception as exc:  # reported to the parent, which asserts on it
        results.put(f"{type(exc).__name__}: {exc}")


def _race(url: str) -> list[str]:
    """Open ``url`` from PROCESSES processes at the same moment; every process's outcome."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES)
    results: Queue[str] = context.Queue()
    processes = [
        context.Process(target=_open, args=(url, barrier, results)) for _ in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(10)
    return outcomes


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_corpus(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Iterator[str]]:
    """A source of fresh corpus URLs: new SQLite files, or new PostgreSQL databases."""
    if request.param == "sqlite":
        yield (str(tmp_path / f"round{n}.db") for n in range(ROUNDS))
        return
    import psycopg

    pg_url = request.getfixturevalue("pg_url")
    parts = urlsplit(pg_url)
    created: list[str] = []

    def databases() -> Iterator[str]:
        for n in range(ROUNDS):
            name = f"{parts.path.strip('/')}_race_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(pg_url, autocommit=True) as con:
                con.execute(f'CREATE DATABASE "{name}" TEMPLATE template0'.encode())
            created.append(name)
            url = urlunsplit(parts._replace(path="/" + name))
            # odd rounds keep the corpus in a schema of its own, created by the racers
            yield url if n % 2 == 0 else f"{url}{'&' if '?' in url else '?'}schema=corpus"

    try:
        yield databases()
    finally:
        with psycopg.connect(pg_url, autocommit=True) as con:
            for name in created:
                con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())


def test_schema_migration_race(
    fresh_corpus: Iterator[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    failures: list[str] = []
    for n, url in enumerate(fresh_corpus):
        upgrade = n in {1, 2}
        if upgrade:  # the corpus exists, at the shipped migrations, before the race
            open_store(url).close()
        with monkeypatch.context() as patch:
            patch.setattr(
                sqlite_backend, "SQLITE_MIGRATIONS", (*sqlite_backend.SQLITE_MIGRATIONS, PROBE)
            )
            patch.setattr(
                postgres_backend,
                "POSTGRES_MIGRATIONS",
                (*postgres_backend.POSTGRES_MIGRATIONS, PROBE),
            )
            outcomes = _race(url)
            failures += [f"round {n}: {o}" for o in outcomes if o != "ok"]
            with open_store(url) as store:
                applied = [row[0] for row in store._execute("SELECT name FROM migrations")]
                columns = store._execute("SELECT * FROM articles").description
                assert store.verify() == []
        shipped = (
            postgres_backend.POSTGRES_MIGRATIONS
            if url.startswith("postgresql")
            else sqlite_backend.SQLITE_MIGRATIONS
        )
        assert sorted(applied) == sorted([name for name, _ in shipped] + [PROBE[0]])
        assert "race_probe" in [column[0] for column in columns]
    assert failures == [], f"{len(failures)} of {ROUNDS * PROCESSES} opens failed"


def test_schema_migration_race_waits_a_bounded_time(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migrator that never finishes (the lock held here) makes a newcomer fail, not hang."""
    import time

    import psycopg

    from wirelens.errors import StoreError

    monkeypatch.setattr(postgres_backend, "MIGRATION_WAIT_S", 1)
    schema = "t_" + uuid.uuid4().hex[:12]
    sep = "&" if "?" in pg_url else "?"
    with psycopg.connect(pg_url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (postgres_backend.MIGRATION_LOCK,))
        started = time.monotonic()
        with pytest.raises(StoreError, match="lock timeout") as info:
            open_store(f"{pg_url}{sep}schema={schema}")
        assert time.monotonic() - started < 5
        assert "\n" not in str(info.value)
        holder.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE".encode())
