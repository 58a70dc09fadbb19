"""Issue 13, defect 9: a PostgreSQL ``schema`` option is a name, never SQL text.

On the real server: a schema string carrying SQL is refused with one clear line before anything
is sent, and a sentinel table in another schema survives; a plain name still works (quoted as an
identifier, so its case is kept).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from wirelens.errors import StoreError
from wirelens.store import open_store

MALICIOUS = [
    'x"; DROP SCHEMA {victim} CASCADE; --',
    "x; DROP SCHEMA {victim} CASCADE",
    'x", public; DROP SCHEMA {victim} CASCADE; SELECT "',
    "bad name",
    "1starts_with_digit",
    "a" * 64,
    "x\n",
]


@pytest.fixture
def victim(pg_url: str) -> Iterator[str]:
    """A schema holding one row that an injected statement would destroy."""
    import psycopg

    name = "victim_" + uuid.uuid4().hex[:8]
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}".encode())
        con.execute(f"CREATE TABLE {name}.keep (x int)".encode())
        con.execute(f"INSERT INTO {name}.keep VALUES (1)".encode())
    yield name
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE".encode())


def _rows(pg_url: str, victim: str) -> int:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:
        row = con.execute(f"SELECT count(*) FROM {victim}.keep".encode()).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("template", MALICIOUS)
@pytest.mark.parametrize("how", ["argument", "url"])
def test_postgresql_schema_option_is_not_pasted_into_sql(
    pg_url: str, victim: str, template: str, how: str
) -> None:
    schema = template.format(victim=victim)
    with pytest.raises(StoreError, match="is not a plain name") as info:
        if how == "argument":
            open_store(pg_url, schema)
        else:
            from urllib.parse import quote

            sep = "&" if "?" in pg_url else "?"
            open_store(f"{pg_url}{sep}schema={quote(schema)}")
    assert "\n" not in str(info.value)
    assert _rows(pg_url, victim) == 1


def test_plain_schema_name_is_quoted_as_an_identifier(pg_url: str) -> None:
    import psycopg

    schema = "Mixed_" + uuid.uuid4().hex[:8]
    try:
        with open_store(pg_url, schema) as store:
            assert store.count() == 0
        with psycopg.connect(pg_url, autocommit=True) as con:
            row = con.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = %s", (schema,)
            ).fetchone()
        assert row is not None and row[0] >= 4  # the case of the name was kept
    finally:
        with psycopg.connect(pg_url, autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())
