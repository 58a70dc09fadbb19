"""Shared test fixtures: paths to the project's fixtures and to ../shared, and service gates.

A test that needs something the machine may lack (the shared evaluation data, a PostgreSQL
server) calls :func:`require`: locally it skips with the reason; in CI (``CI=true``) it fails,
because CI installs everything and a skip there would hide a broken setup.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("WIRELENS_SHARED", ROOT.parent / "shared")).resolve()
SEED = SHARED / "seed" / "latestly-ani-khamenei.txt"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when ``condition`` is false."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def seed_text() -> str:
    """The reference input: the LatestLY page republishing ANI (read from ../shared)."""
    require(SEED.exists(), f"seed file not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def pg_url() -> str:
    """URL of a PostgreSQL database the tests may write to (``WIRELENS_TEST_PG``)."""
    url = os.environ.get("WIRELENS_TEST_PG", "")
    require(bool(url), "no PostgreSQL server: set WIRELENS_TEST_PG=postgresql://... to run")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty corpus URL on each backend: a SQLite file, or a PostgreSQL schema of its
    own (dropped afterwards). Store tests take it so every one runs on both backends."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    pg_url = request.getfixturevalue("pg_url")
    schema = "t_" + uuid.uuid4().hex[:12]
    sep = "&" if "?" in pg_url else "?"
    yield f"{pg_url}{sep}schema={schema}"
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())
