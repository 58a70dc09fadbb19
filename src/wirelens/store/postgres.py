"""The team corpus: PostgreSQL through psycopg 3, tsvector + GIN for text, pg_trgm for names.

The connection URL is the user's (``postgresql://user:pass@host/db``); an unreachable server is
refused quickly (``connect_timeout``) with one line that names the host, never the password.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wirelens.errors import StoreError
from wirelens.store.base import Store
from wirelens.store.schema import POSTGRES_MIGRATIONS

__all__ = ["PostgresStore", "split_schema"]

#: Seconds to wait for the server before giving up.
CONNECT_TIMEOUT_S = 5


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
        try:
            self._db = psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
            if schema:
                self._db.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                self._db.execute(f'SET search_path TO "{schema}", public')
            self._migrate()
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot use {self.name}: {first}") from exc

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, "
            "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        for name, sql in POSTGRES_MIGRATIONS:
            if name in done:
                continue
            with self._db.transaction():
                self._db.execute(sql.encode())
                self._db.execute("INSERT INTO migrations(name) VALUES (%s)", (name,))

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql.replace("?", "%s").encode(), params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s").encode(), rows)

    def _transaction(self) -> AbstractContextManager[Any]:
        return self._db.transaction()

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
