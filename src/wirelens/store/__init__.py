"""The corpus store: where analysed articles are kept, searched and exported.

``open_store(url)`` takes a path or ``sqlite:///path`` (the embedded default) or a
``postgresql://`` URL (for teams); both backends answer the same methods (:class:`Store`).
"""

from __future__ import annotations

from pathlib import Path

from wirelens.errors import StoreError
from wirelens.store.base import AddResult, Store
from wirelens.store.sqlite import SQLiteStore

__all__ = ["AddResult", "SQLiteStore", "Store", "open_store"]


def open_store(url: str, schema: str | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating if needed) the corpus at ``url``.

    ``schema`` (PostgreSQL only; also ``?schema=NAME`` in the URL) keeps the corpus in its own
    schema, e.g. one per project or per test. ``create=False`` is for commands that only read:
    a SQLite path that does not exist is then an error, not a new empty corpus (a mistyped
    ``--db`` would otherwise answer "no results" and leave a stray file behind).
    """
    if url.startswith(("postgresql://", "postgres://")):
        from wirelens.store.postgres import PostgresStore, split_schema

        url, in_url = split_schema(url)
        return PostgresStore(url, schema or in_url)
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    if "://" in path:
        raise StoreError(f"unknown database URL {url!r}: give a SQLite path or sqlite:///path")
    if not create and not Path(path).exists():
        raise StoreError(
            f"{path}: no such corpus database; check --db (or WIRELENS_DB), "
            "or create it with `wirelens ingest SOURCE --db PATH`"
        )
    return SQLiteStore(Path(path))
