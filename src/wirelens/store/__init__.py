"""The corpus store: where analysed articles are kept, searched and exported.

``open_store(url)`` takes a path or ``sqlite:///path`` (the embedded default). PostgreSQL is the
planned second backend behind the same methods (issue 4) and is refused with a clear message
until it lands.
"""

from __future__ import annotations

from pathlib import Path

from wirelens.errors import StoreError
from wirelens.store.sqlite import AddResult, SQLiteStore

__all__ = ["AddResult", "SQLiteStore", "open_store"]


def open_store(url: str) -> SQLiteStore:
    """Open (creating and migrating if needed) the corpus at ``url``."""
    if url.startswith(("postgresql://", "postgres://")):
        raise StoreError("the PostgreSQL backend is not built yet: use a SQLite path for now")
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    if "://" in path:
        raise StoreError(f"unknown database URL {url!r}: give a SQLite path or sqlite:///path")
    return SQLiteStore(Path(path))
