"""One read-only store connection per server thread.

SQLite connections may not cross threads and a psycopg connection serves one query at a time,
so each worker thread of the server opens its own connection on first use and keeps it while
the thread lives. Worker threads come and go (anyio ends one idle for 10 s; a test client runs
each request in a new one), so the connections of ended threads are closed whenever a new one
is opened: kept, they leaked one PostgreSQL connection per ended thread until the server
refused every request with "too many clients" (503), found by fuzzing the app.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import suppress

from wirelens.store import open_store
from wirelens.store.base import SpeakerCache, Store
from wirelens.web.pagecache import PageCache

__all__ = ["SPEAKERS_TTL_S", "Stores"]

#: How long a server reuses the merged speaker list (seconds). Building it reads every
#: attribution - seconds on a 100,000-article corpus - and an ingest through the server
#: forgets it at once; only another process's ingest waits this long to show.
SPEAKERS_TTL_S = 300.0


class Stores:
    """Per-thread read-only connections to the corpus at ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        #: every open connection, by the thread that opened it (to close those of ended ones)
        self._owned: dict[threading.Thread, Store] = {}
        # one merged speaker list for every thread's connection (it costs seconds to build)
        self._speakers = SpeakerCache()
        #: rendered search pages (set by the app: only over SQLite, only when enabled)
        self.pages: PageCache | None = None

    def get(self) -> Store:
        """This thread's connection, opened (and made read-only) on first use."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            store.read_only()
            store.speaker_cache = self._speakers
            store.speakers_ttl = SPEAKERS_TTL_S
            self._local.store = store
            with self._lock:
                self._close_ended()
                self._owned[threading.current_thread()] = store
        return store

    def _close_ended(self) -> None:
        """Close the connections of threads that have ended (the caller holds the lock).

        A SQLite connection may be closed only by its own thread; dropping the last reference
        to it closes it instead.
        """
        for thread in [t for t in self._owned if not t.is_alive()]:
            store = self._owned.pop(thread)
            with suppress(sqlite3.ProgrammingError):
                store.close()

    def warm(self) -> None:
        """Build the merged speaker list now, on a connection of this (caller's) thread.

        The server calls it from a background thread at start: the first search with a
        speaker filter, or the first speakers page, would otherwise wait seconds for it while
        holding a server thread (1.2 s of CPU on a quiet machine for 100,000 articles).
        """
        self.get().speakers(limit=1)

    def writer(self) -> Store:
        """A new writable connection, for one ingest request (the caller closes it)."""
        return open_store(self.url)

    def changed(self) -> None:
        """Forget what connections cached about the corpus (after an ingest)."""
        self._speakers.held = None
        if self.pages is not None:
            self.pages.clear()
