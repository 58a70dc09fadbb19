"""Rendered search pages kept in memory, dropped whenever the SQLite corpus changes.

A search page costs milliseconds of SQLite work (bm25 ranking, snippets, facets); the same
query asked again - the second page of results shares nothing, but the same words and filters
do - is answered from here. Only SQLite corpora: SQLite's ``PRAGMA data_version`` tells a
connection that another connection (any process) committed, so a page is never older than
the last commit. Every cached page says ``x-wirelens-cache: hit`` or ``miss``, so a benchmark
can report how many answers came from here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

from wirelens.store.base import Store
from wirelens.store.sqlite import SQLiteStore

__all__ = ["PageCache"]


class PageCache:
    """Up to ``size`` rendered pages by URL, least recently used dropped first."""

    def __init__(self, path: str, size: int) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._pages: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        # a connection of its own (used under the lock) that only watches for commits
        uri = Path(path).resolve().as_uri() + "?mode=ro"  # as_uri escapes '?' and '#'
        self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._version = self._data_version()

    @classmethod
    def over(cls, store: Store, size: int) -> PageCache | None:
        """A cache for the corpus of ``store``; None when it is not SQLite or ``size`` is 0."""
        if size <= 0 or not isinstance(store, SQLiteStore):
            return None
        return cls(str(store.path), size)

    def _data_version(self) -> int:
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def get(self, url: str) -> tuple[str | None, int]:
        """The page rendered for ``url`` since the last commit to the corpus (None when not
        kept), and the corpus version to :meth:`put` a page rendered now under."""
        with self._lock:
            version = self._data_version()
            if version != self._version:
                self._pages.clear()
                self._version = version
            page = self._pages.get(url)
            if page is None:
                self.misses += 1
            else:
                self._pages.move_to_end(url)
                self.hits += 1
            return page, version

    def put(self, url: str, page: str, version: int) -> None:
        """Keep ``page`` for ``url``, rendered after :meth:`get` gave ``version``; not if the
        corpus changed since (it may hold older rows). The least recently used go first."""
        with self._lock:
            if version != self._version:
                return
            self._pages[url] = page
            self._pages.move_to_end(url)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        """Forget every page (an ingest through this server changed the corpus)."""
        with self._lock:
            self._pages.clear()
            self._version = -1  # and refuse pages rendered before
