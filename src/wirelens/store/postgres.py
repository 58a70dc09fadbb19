"""The team corpus: PostgreSQL through psycopg 3, tsvector + GIN for text, pg_trgm for names.

The connection URL is the user's (``postgresql://user:pass@host/db``); an unreachable server is
refused quickly (``connect_timeout``) with one line that names the host, never the password.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wirelens.errors import StoreError
from wirelens.store.base import Store
from wirelens.store.schema import POSTGRES_MIGRATIONS

if TYPE_CHECKING:
    from psycopg.sql import Composed

__all__ = ["PostgresStore", "split_schema"]

#: Seconds to wait for the server before giving up.
CONNECT_TIMEOUT_S = 5
#: The advisory lock key every wirelens migration takes ("wirelens" in ASCII).
MIGRATION_LOCK = 0x7769_7265_6C65_6E73
#: Seconds to wait for another process's migration (or a lock a step needs) before giving up.
MIGRATION_WAIT_S = 60
#: What a ``schema`` option may be: a plain, unquoted PostgreSQL name (at most 63 bytes).
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


def _check_schema_name(schema: str) -> None:
    """Refuse a schema option that is not a plain name, before anything reaches the server."""
    if not _PLAIN_NAME.fullmatch(schema):
        raise StoreError(
            f"schema {schema!r} is not a plain name: use letters, digits and _ "
            "(at most 63, not starting with a digit)"
        )


def _sql(template: str, schema: str) -> Composed:
    """``template`` with ``{}`` replaced by ``schema`` quoted as an identifier."""
    from psycopg import sql

    return sql.SQL(template).format(sql.Identifier(schema))


def split_schema(url: str) -> tuple[str, str | None]:
    """Take wirelens' own ``schema=NAME`` out of a URL's query (libpq does not know it)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query)
    schema = next((v for k, v in query if k == "schema"), None)
    rest = urlencode([(k, v) for k, v in query if k != "schema"])
    return urlunsplit(parts._replace(query=rest)), schema


def _public(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    return f"postgresql://{host}{':' + str(parts.port) if parts.port else ''}{parts.path}"


class PostgresStore(Store):
    """A wirelens corpus in a PostgreSQL database (the schema can be given with ``schema``)."""

    _ranked = (
        "SELECT a.id AS rid, ts_rank(a.tsv, q) AS score "
        "FROM articles a, websearch_to_tsquery('english', ?) q WHERE a.tsv @@ q{where} "
        "ORDER BY score DESC, a.id"
    )
    _hits = (
        "SELECT a.id, a.id, a.title, a.outlet, a.published, a.source, ts_headline('english', "
        "a.body, websearch_to_tsquery('english', ?), "
        "'StartSel=[, StopSel=], MaxWords=14, MinWords=6') FROM articles a WHERE a.id IN ({rids})"
    )
    _rid = "id"
    _match = "a.tsv @@ websearch_to_tsquery('english', ?)"
    # no index: quotes are short and the other filters usually narrow them first
    _quote_match = "to_tsvector('english', t.quote) @@ websearch_to_tsquery('english', ?)"
    _outlets_agg = "string_agg(DISTINCT a.outlet, ',')"

    def __init__(self, url: str, schema: str | None = None) -> None:
        import psycopg

        self._errors = (psycopg.Error,)
        self.name = _public(url)
        if schema:
            _check_schema_name(schema)
        try:
            self._db = psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
            if schema:
                self._db.execute(_sql("SET search_path TO {}, public", schema))
            self._migrate(schema or None)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot use {self.name}: {first}") from exc

    def _migrate(self, schema: str | None) -> None:
        """Create the schema and apply pending migrations while holding an advisory lock.

        ``CREATE ... IF NOT EXISTS`` is not safe against a concurrent twin (both pass the check,
        one fails on a catalog index), and ``pg_trgm`` is per database, so every wirelens
        process migrating any schema of this database takes the same transaction-scoped lock
        first; the second one waits, then finds the work done.
        """
        if not self._pending(schema, locked=False):
            return  # the usual case: nothing to do, no lock taken
        with self._db.transaction():
            # a migrator that never finishes makes the others fail with one line, not hang
            self._db.execute(f"SET LOCAL lock_timeout = '{MIGRATION_WAIT_S}s'")
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            if schema:
                self._db.execute(_sql("CREATE SCHEMA IF NOT EXISTS {}", schema))
            for name, sql in self._pending(schema, locked=True):
                self._db.execute(sql.encode())
                self._db.execute("INSERT INTO migrations(name) VALUES (%s)", (name,))

    def _pending(self, schema: str | None, *, locked: bool) -> list[tuple[str, str]]:
        """The migrations not yet recorded (creating the record table when holding the lock)."""
        if locked:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
        else:
            # exactly <schema>.migrations: a public.migrations behind it on the path does not count
            found = self._db.execute(
                "SELECT to_regclass(format('%%I.migrations', "
                "coalesce(%s, current_schema(), 'public')))",
                (schema,),
            ).fetchone()
            if found is None or found[0] is None:
                return list(POSTGRES_MIGRATIONS)
        done = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        return [(name, text) for name, text in POSTGRES_MIGRATIONS if name not in done]

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql.replace("?", "%s").encode(), params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s").encode(), rows)

    def _begin(self) -> AbstractContextManager[Any]:
        return self._db.transaction()

    def _damaged(self, exc: Exception) -> bool:
        # data_corrupted, index_corrupted
        return getattr(exc, "sqlstate", None) in {"XX001", "XX002"}

    def close(self) -> None:
        self._db.close()

    _read_only_sql = "SET default_transaction_read_only = on"

    def has_table(self, name: str) -> bool:
        return self._execute("SELECT to_regclass(?)", (name,)).fetchone()[0] is not None

    def verify(self) -> list[str]:
        orphans = self._execute(
            "SELECT count(*) FROM attributions t LEFT JOIN articles a ON a.id = t.article_id "
            "WHERE a.id IS NULL"
        ).fetchone()[0]
        return [f"{orphans} attribution(s) without an article"] if orphans else []
