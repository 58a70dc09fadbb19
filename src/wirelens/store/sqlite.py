"""The embedded corpus: SQLite in WAL mode, FTS5 over titles and bodies.

A file that is not a SQLite database is refused before anything is written to it; a database
locked by another writer is waited for (``BUSY_TIMEOUT_MS``), then refused with one line.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from wirelens.errors import StoreError
from wirelens.store.base import AddResult, Store, facet_counts, iso_date
from wirelens.store.fts import plain_phrases
from wirelens.store.params import marks, user_text
from wirelens.store.schema import SQLITE_MIGRATIONS
from wirelens.store.textindex import Progress, TextIndex, text_index

__all__ = ["AddResult", "SQLiteStore"]

_HEADER = b"SQLite format 3\x00"
#: Matches ranked per search at most (the newest stored that pass the filters): bm25 costs
#: about 3 µs per match, so a word in every article of a 100,000-article corpus took 350 ms to
#: rank in full, and 35 ms among its newest 10,000 matches.
RANK_WINDOW = 2_000
#: How long a writer waits for another writer's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 5_000
#: What a read-only (server) connection maps of the file: pages are read from the OS page cache
#: in place, shared by every connection and process, instead of copied into each connection's
#: own cache (a server holds one connection per thread, so private caches stay cold).
READ_MMAP_BYTES = 1 << 30
#: Each read-only connection's private page cache (KiB): small, the mapping does the caching.
READ_CACHE_KIB = 8_192


def _check_file(path: Path) -> None:
    """Refuse (without touching it) a file that exists but is not a SQLite database."""
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(len(_HEADER)) != _HEADER:
                raise StoreError(f"{path} is not a SQLite database (left untouched)")


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL, retrying while a concurrent opener holds the lock the switch needs.

    SQLite answers "database is locked" at once here (the busy timeout does not apply when two
    connections switch a fresh file at the same moment), so the wait is ours, as long as the
    busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _pending(db: sqlite3.Connection, *, locked: bool) -> list[tuple[str, str]]:
    """The migrations not yet recorded (creating the record table when holding the lock)."""
    if locked:
        db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT "
            "NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
        )
    elif db.execute("SELECT 1 FROM sqlite_master WHERE name = 'migrations'").fetchone() is None:
        return list(SQLITE_MIGRATIONS)
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    return [(name, sql) for name, sql in SQLITE_MIGRATIONS if name not in done]


def _statements(script: str) -> list[str]:
    """Split a migration into statements (a trigger body's ``;`` does not end its statement)."""
    statements, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \t\n;"):
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \t\n;"):
        raise StoreError(f"incomplete SQL statement in a migration: {buffer.strip()[:60]!r}")
    return statements


class SQLiteStore(Store):
    """A wirelens corpus in one SQLite file."""

    _errors = (sqlite3.Error,)
    rank_window = RANK_WINDOW
    #: Rank plain queries with the text index when it is current (False: always FTS5).
    text_search = True
    _read_only = False
    #: the best of the newest ``rank_window`` matches passing the filters, in one walk of the
    #: full-text index, newest first, that stops when the window is full; bm25() is computed
    #: only for the rows kept (ordering by FTS5's ``rank`` would score every match first).
    #: Outlet and dates are checked on each match in ``search_columns`` (``{join}``, migration
    #: 0013: a narrow row per article; CROSS JOIN keeps the full-text index driving); a speaker
    #: (``{member}``) keeps the matches among that speaker's articles, read once from the
    #: ``search_speakers`` index (``+rowid``: a bare ``rowid IN`` would run one full-text lookup
    #: per article, 30-150 µs each and, with bm25(), a walk of every phrase's whole doclist
    #: each). Ties in score go newest first. One walk instead of a walk to find the window and
    #: a second to score it. CPU per search page on 100,000 articles (``bench.web_profile
    #: --mix``), from checking the article rows: outlet 14-16 -> 13-15 ms, since 11.5-13 ->
    #: 9-10.5, speaker 21-24 -> 15-18; what is left is mostly bm25() (see bench/README.md).
    _window = (
        "SELECT rid, score FROM (SELECT f.rowid AS rid, bm25(f.articles_fts) AS score "
        "FROM articles_fts f{join} WHERE f.articles_fts MATCH ?{member}{keys} "
        "ORDER BY f.rowid DESC LIMIT ?) ORDER BY score, rid DESC LIMIT ?"
    )
    # the page's rowids as a range FTS5 walks once, then a check on each (``+``): a bare
    # ``rowid IN (...)`` runs the full-text query again for each rowid (5 ms for 20 hits of
    # two common words, 0.3 ms this way)
    _hits = (
        "SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.source, "
        "snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
        "CROSS JOIN articles a WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ? "
        "AND +articles_fts.rowid IN ({rids}) AND a.rowid = articles_fts.rowid"
    )
    _rid = "rowid"
    _speaker_rids = " AND +f.rowid IN (SELECT rid FROM search_speakers WHERE speaker IN ({names}))"

    def _hit_rows(self, fts: str, rids: list[Any], query: str, syntax: str) -> list[Any]:
        sql = self._hits.format(rids=marks(rids))
        return self._query(sql, [fts, min(rids), max(rids), *rids], query, syntax)

    def _ranked_rows(
        self, fts: str, filters: Mapping[str, str | None], limit: int, query: str, syntax: str
    ) -> list[Any]:
        """A plain query ranked by the text index (BM25 over every match, see
        :mod:`wirelens.store.textindex`) when it is current, else by FTS5 (:meth:`_window_rows`).

        Both give the same match set; ``syntax="fts"`` is FTS5's own language, so FTS5 ranks it.
        """
        wanted = self._search_filters(filters)
        if syntax == "plain" and self.text_search and self._texts is not None:
            ranked = self._texts.rank(self._read, plain_phrases(query), wanted, limit)
            if ranked is not None:
                return ranked
        return self._window_rows(fts, wanted, limit, query, syntax)

    def _search_filters(self, filters: Mapping[str, str | None]) -> dict[str, Any]:
        """The filters given, as both rankers compare them: ``outlet`` storable, ``since`` and
        ``until`` ISO dates (a QueryError otherwise), ``speaker`` as its aliases
        (``speakers``)."""
        wanted: dict[str, Any] = {}
        for name in ("outlet", "since", "until"):
            value = filters.get(name)
            if value:
                wanted[name] = user_text(value) if name == "outlet" else iso_date(value, name)
        if filters.get("speaker"):
            wanted["speakers"] = self._aliases(str(filters["speaker"]))
        return wanted

    def _read(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """Rows of one statement, errors translated: how the text index reads the corpus."""
        return self._execute(sql, params).fetchall()

    def refresh_text_index(
        self, *, build: bool = False, rebuild: bool = False, progress: Progress | None = None
    ) -> str:
        """Bring the text index up to date (``build``: make one if there is none; ``rebuild``:
        make a new one whatever there is).

        Then, on a writable connection, drop the log entries the index has applied: the log
        only grows while no index follows it.
        """
        if self._texts is None:
            return "none"
        done = self._texts.refresh(self._read, build=build, rebuild=rebuild, progress=progress)
        applied = self._texts.applied
        if applied > 0 and not self._read_only:
            with self._transaction():
                self._execute("DELETE FROM search_log WHERE seq <= ?", (applied,))
        return done

    def _window_rows(
        self, fts: str, wanted: Mapping[str, Any], limit: int, query: str, syntax: str
    ) -> list[Any]:
        """Rank among the newest :attr:`rank_window` matches passing the filters
        (:meth:`_search_filters`; see :attr:`_window`); the same conditions as
        :meth:`Store._where`."""
        window = self.rank_window or 2**62
        names: list[str] = wanted.get("speakers", [])
        member = self._speaker_rids.format(names=marks(names)) if names else ""
        keys, key_params = "", []  # type: tuple[str, list[Any]]
        for name, condition in (
            ("outlet", " AND lower(k.outlet) = lower(?)"),
            ("since", " AND k.day >= ?"),
            ("until", " AND k.day <= ?"),
        ):
            if name in wanted:
                keys += condition
                key_params.append(wanted[name])
        sql = self._window.format(
            join=" CROSS JOIN search_columns k ON k.rid = f.rowid" if keys else "",
            member=member,
            keys=keys,
        )
        params = [fts, *names, *key_params, window, limit]
        return self._query(sql, params, query, syntax)

    def _facets(self, rids: list[Any]) -> dict[str, list[tuple[str, int]]]:
        """:meth:`Store._facets` from the narrow ``search_columns`` and ``search_speakers``
        rows (migration 0013) instead of the wide article rows and an index keyed by the
        article id: the same counts."""
        if not rids:
            return {"outlet": [], "speaker": [], "month": []}
        rows = self._execute(
            f"SELECT outlet, substr(day, 1, 7) FROM search_columns WHERE rid IN ({marks(rids)})",
            rids,
        ).fetchall()
        speakers = self._execute(
            f"SELECT speaker FROM search_speakers WHERE rid IN ({marks(rids)})", rids
        ).fetchall()
        return facet_counts(rows, [speaker for (speaker,) in speakers])

    _match = "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    _quote_match = "t.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
    _outlets_agg = "group_concat(DISTINCT a.outlet)"

    def __init__(self, path: Path) -> None:
        _check_file(path)
        self.path = path
        self.name = str(path)
        #: this process' text index of the file, shared by its connections (None where the
        #: schema has no search log: a store opened with an older list of migrations)
        self._texts: TextIndex | None = None
        try:
            self._db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _use_wal(self._db)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            if self.has_table("search_log"):
                self._texts = text_index(path)
        except sqlite3.DatabaseError as exc:
            if self._damaged(exc):
                raise self._translate(exc) from exc
            raise StoreError(f"cannot open {path}: {exc}") from exc

    def _migrate(self) -> None:
        """Apply pending migrations under SQLite's write lock, so concurrent openers take turns.

        ``BEGIN IMMEDIATE`` takes the database's write lock before the applied list is read, so
        two processes opening a fresh file cannot both see a migration as pending; the second
        waits (``BUSY_TIMEOUT_MS``), then finds it recorded. Each step runs through ``execute``
        because ``executescript`` would commit, and so release the lock, first.
        """
        if not _pending(self._db, locked=False):
            return  # the usual case: nothing to do, no write lock taken
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for name, sql in _pending(self._db, locked=True):
                for statement in _statements(sql):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def _begin(self) -> AbstractContextManager[Any]:
        return self._db

    def _damaged(self, exc: Exception) -> bool:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        return code in {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}

    def close(self) -> None:
        self._db.close()

    _read_only_sql = "PRAGMA query_only = ON"

    def read_only(self) -> None:
        """Refuse writes, and read the file through a shared memory map (see READ_MMAP_BYTES).

        Temporary b-trees (GROUP BY, ORDER BY of a search) stay in memory: no temp files.
        """
        super().read_only()
        self._read_only = True
        self._execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")
        self._execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
        self._execute("PRAGMA temp_store = MEMORY")

    def has_table(self, name: str) -> bool:
        found = self._execute(
            "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
        ).fetchone()
        return found is not None

    def _forget_quotes(self, article_id: str) -> None:
        # quotes_fts is an external-content index filled by a trigger on insert only
        self._execute(
            "INSERT INTO quotes_fts(quotes_fts, rowid, quote, speaker) "
            "SELECT 'delete', id, quote, speaker FROM attributions WHERE article_id = ?",
            (article_id,),
        )

    def verify(self) -> list[str]:
        problems = [r[0] for r in self._execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in self._execute("PRAGMA foreign_key_check")]
        return problems
