"""The link package's one door into the store's SQL.

Linking keeps its own tables (signatures, bands, copy groups) in the corpus database and runs
its heavy work - the LSH band join - as SQL there. These helpers reach the backend's connection
through the :class:`~wirelens.store.base.Store` primitives (``?`` parameters, one transaction
per batch), so every statement here runs unchanged on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from wirelens.errors import StoreError
from wirelens.store.base import Store
from wirelens.store.params import marks

__all__ = ["marks", "prepare", "query", "run", "run_many", "transaction"]

#: SQLite page cache while linking (KiB): the band index is written and joined in random key
#: order, and the default 2 MB cache makes every insert a disk read once it outgrows it.
SQLITE_CACHE_KIB = 262_144


def prepare(store: Store) -> None:
    """Tune the connection for linking (SQLite: a larger page cache, no fsync per batch;
    PostgreSQL: nothing)."""
    from wirelens.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        run(store, f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        # in WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut may lose
        # the last batches (the next run signs them again), never corrupt the file
        run(store, "PRAGMA synchronous = NORMAL")


def run(store: Store, sql: str, params: Sequence[Any] = ()) -> Any:
    """Execute one statement and return its cursor; driver errors become StoreError."""
    try:
        return store._execute(sql, params)
    except store._errors as exc:
        raise StoreError(f"linking failed in {store.name}: {exc}") from exc


def query(store: Store, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """All rows of one query."""
    return [tuple(row) for row in run(store, sql, params).fetchall()]


def run_many(store: Store, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Execute one statement per parameter row (nothing when ``rows`` is empty)."""
    if not rows:
        return
    try:
        store._executemany(sql, rows)
    except store._errors as exc:
        raise StoreError(f"linking failed in {store.name}: {exc}") from exc


def transaction(store: Store) -> AbstractContextManager[Any]:
    """One transaction: committed on success, rolled back on error."""
    return store._transaction()
