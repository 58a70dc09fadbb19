"""One read-only store connection per server thread.

SQLite connections may not cross threads and a psycopg connection serves one query at a time,
so each worker thread of the server opens its own connection on first use and keeps it.
"""

from __future__ import annotations

import threading

from wirelens.store import open_store
from wirelens.store.base import Store

__all__ = ["Stores"]


class Stores:
    """Per-thread read-only connections to the corpus at ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Store] = []

    def get(self) -> Store:
        """This thread's connection, opened (and made read-only) on first use."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            store.read_only()
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def writer(self) -> Store:
        """A new writable connection, for one ingest request (the caller closes it)."""
        return open_store(self.url)

    def changed(self) -> None:
        """Forget what connections cached about the corpus (after an ingest)."""
        with self._lock:
            for store in self._all:
                store._merged_cache = None
