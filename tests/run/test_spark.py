"""The Spark runner gives what the local runner gives, and fails cleanly on bad input.

One Spark ``local[2]`` run (module fixture) reads ``examples/corpus`` (fictional) plus a folder
of damaged shards, writes Parquet, and - when a PostgreSQL server is there - stores the same
run straight into a PostgreSQL schema of its own; ``wirelens load`` stores the Parquet; the
local runner ingests the same sources and links them. Articles, attributions, recorded
failures, signatures, bands, candidate pairs and copy groups must be identical. Without Java
or pyspark the tests skip locally and fail in CI (``require``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, require
from wirelens.cli import main
from wirelens.errors import ConfigError, EngineError
from wirelens.link import group_rows, link
from wirelens.link.banding import candidate_pairs
from wirelens.link.db import query
from wirelens.link.options import LinkOptions
from wirelens.link.signatures import sign_new
from wirelens.readers import read_documents
from wirelens.run import ReadFailures, ingest
from wirelens.run.load import load
from wirelens.run.options import Options
from wirelens.run.spark import check_db, check_master
from wirelens.store import open_store

CORPUS = ROOT / "examples" / "corpus"
#: articles in the sample corpus (examples/README.md), every one readable
EXAMPLE_ARTICLES = 50


def _require_spark() -> None:
    require(importlib.util.find_spec("pyspark") is not None, "pyspark missing: wirelens[spark]")
    java_home = os.environ.get("JAVA_HOME", "")
    has_java = bool(shutil.which("java")) or Path(java_home, "bin", "java").exists()
    require(has_java, "no Java runtime (Java 17) for Spark")


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    bad = tmp_path_factory.mktemp("bad")
    archive = (CORPUS / "archive.warc.gz").read_bytes()
    (bad / "cut.warc.gz").write_bytes(archive[: len(archive) // 2])  # truncated mid-record
    (bad / "noise.bin").write_bytes(bytes(range(256)) * 8)  # not news at all
    return [str(CORPUS), str(bad)]


@pytest.fixture(scope="module")
def straight_pg() -> Iterator[str | None]:
    """A PostgreSQL schema of its own for the Spark run to store straight into (None when no
    server is configured: the straight-write test then skips, or fails in CI)."""
    url = os.environ.get("WIRELENS_TEST_PG", "")
    if not url:
        yield None
        return
    schema = "spark_" + uuid.uuid4().hex[:12]
    yield f"{url}{'&' if '?' in url else '?'}schema={schema}"
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())


@pytest.fixture(scope="module")
def spark_out(
    sources: list[str], straight_pg: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """One Spark run: Parquet under the returned folder, and stored straight into PostgreSQL."""
    _require_spark()
    out = tmp_path_factory.mktemp("spark") / "out"
    args = ["ingest", *sources, "--engine", "spark", "--master", "local[2]", "--out", str(out)]
    assert main([*args, *(["--db", straight_pg] if straight_pg else [])]) == 0
    return out


@pytest.fixture(scope="module")
def local_db(sources: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local runner's store of the same sources, not linked yet."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    failures = ReadFailures()
    options = Options.resolve()
    with open_store(str(db)) as store:
        documents = read_documents(sources, on_error=failures, resolved=options.read)
        ingest(documents, store, read_failures=failures, options=options)
    return db


def _value(v: Any) -> Any:
    return round(v, 3) if isinstance(v, float) else v  # PostgreSQL's REAL is float4


def _table(url: str, what: str) -> list[str]:
    """The rows of a table as comparable text, without row ids, times and backend columns."""
    skip = {"ingested_at", "tsv"} | ({"id"} if what == "attributions" else set())
    with open_store(url) as store:
        rows = store.rows(what)
        return sorted(
            repr(sorted((k, _value(v)) for k, v in r.items() if k not in skip)) for r in rows
        )


def _groups(url: str) -> list[str]:
    """Copy groups as comparable text: origin, rule, reason, size and every member's
    similarity, containment and word changes (group ids are the store's own numbering)."""
    with open_store(url) as store:
        rows = list(group_rows(store))
    kept = [sorted((k, _value(v)) for k, v in r.items() if k != "group_id") for r in rows]
    return sorted(repr(r) for r in kept)


def _parquet(folder: Path, name: str, columns: list[str]) -> list[tuple[Any, ...]]:
    table = pq.read_table(folder / name, columns=columns)
    return sorted(zip(*(table.column(c).to_pylist() for c in columns), strict=True))


def test_spark_banding_gives_the_store_candidate_pairs(
    spark_out: Path, local_db: Path, tmp_path: Path
) -> None:
    """Spark's signatures and bands are the rows `wirelens link` stores, and its Spark SQL
    group-by gives the store's candidate pairs (same leaders) and the same verdicts."""
    db = tmp_path / "signed.db"
    shutil.copy(local_db, db)
    options = LinkOptions()
    with open_store(str(db)) as store:
        assert sign_new(store, options) == EXAMPLE_ARTICLES
        signatures = query(store, "SELECT article_id, shingles, component FROM signatures")
        bands = query(
            store,
            "SELECT b.band, b.band_hash, s.article_id FROM bands b "
            "JOIN signatures s ON s.key = b.key",
        )
        pairs = sorted(p for chunk in candidate_pairs(store, 1.0) for p in chunk)
        report = link(store, options)
    columns = ["article_id", "shingles", "component"]
    assert _parquet(spark_out, "signatures", columns) == sorted(signatures)
    assert _parquet(spark_out, "bands", ["band", "band_hash", "article_id"]) == sorted(bands)
    assert len(bands) > 40 * EXAMPLE_ARTICLES * 0.9  # nearly every article banded
    assert _parquet(spark_out, "pairs", ["leader", "member"]) == pairs
    verdicts = _parquet(spark_out, "pairs", ["copy", "other_language"])
    assert sum(copy for copy, _ in verdicts) == report.copies.copies >= 10
    assert sum(other for _, other in verdicts) == report.copies.other_language


def test_spark_and_local_runner_agree(
    spark_out: Path, sources: list[str], store_url: str, local_db: Path, tmp_path: Path
) -> None:
    spark_db = store_url
    with open_store(spark_db) as store:
        loaded = load(spark_out, store)
    # nothing Spark computed is computed again: no article signed, no band join in the store
    assert loaded.new == EXAMPLE_ARTICLES and loaded.signatures == EXAMPLE_ARTICLES
    assert loaded.reused_pairs and loaded.linked is not None
    assert (loaded.linked.copies.signed, loaded.linked.copies.candidates) == (0, 0)
    linked_db = str(tmp_path / "local.db")
    shutil.copy(local_db, linked_db)
    with open_store(linked_db) as store:
        local_link = link(store)
        local_failures = store.failures()
    assert loaded.linked.copies.copies == local_link.copies.copies
    groups = _groups(spark_db)
    assert groups == _groups(linked_db)
    assert len({g.split("'origin_id', ")[1][:20] for g in groups}) >= 3  # several groups
    local_db = linked_db
    articles = _table(spark_db, "articles")
    assert len(articles) == EXAMPLE_ARTICLES
    assert articles == _table(local_db, "articles")
    assert _table(spark_db, "attributions") == _table(local_db, "attributions")
    assert len(_table(spark_db, "attributions")) > 100
    # the damaged shards are recorded and skipped, as the local runner records them
    with open_store(spark_db) as store:
        spark_failures = store.failures()
    keys = ("source", "position", "error")
    assert sorted(tuple(f[k] for k in keys) for f in spark_failures) == sorted(
        tuple(f[k] for k in keys) for f in local_failures
    )
    assert {Path(f["source"]).name for f in spark_failures} == {"cut.warc.gz", "noise.bin"}
    # loading the same output again adds nothing
    assert main(["load", str(spark_out), "--db", spark_db]) == 0
    with open_store(spark_db) as store:
        assert store.count() == EXAMPLE_ARTICLES


def test_unreachable_master_is_one_line_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(EngineError, match=r"cannot reach Spark master spark://127\.0\.0\.1:9"):
        check_master("spark://127.0.0.1:9")
    out = tmp_path / "out"
    args = ["ingest", str(CORPUS), "--engine", "spark", "--master", "spark://127.0.0.1:9"]
    assert main([*args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("wirelens: error:") == 1 and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("master", ["mesos://x", "spark://nohost", "yarn-cluster"])
def test_bad_master_names(master: str) -> None:
    with pytest.raises(EngineError):
        check_master(master)


def test_spark_needs_out_or_db(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(CORPUS), "--engine", "spark"]) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "--db" in err


def test_load_rejects_a_folder_that_is_not_spark_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", str(tmp_path), "--db", str(tmp_path / "c.db")]) == 2
    assert "not the output of" in capsys.readouterr().err


def test_spark_writes_straight_into_postgresql(
    spark_out: Path, straight_pg: str | None, local_db: Path, tmp_path: Path
) -> None:
    """`ingest --engine spark --db postgresql://...`: the executors stored the articles through
    the store's batch API; the corpus equals the local runner's, copy groups included."""
    require(straight_pg is not None, "no PostgreSQL server: set WIRELENS_TEST_PG")
    assert straight_pg is not None
    linked_db = str(tmp_path / "local.db")
    shutil.copy(local_db, linked_db)
    with open_store(linked_db) as store:
        link(store)
    for what in ("articles", "attributions"):
        assert _table(straight_pg, what) == _table(linked_db, what)
    assert len(_table(straight_pg, "articles")) == EXAMPLE_ARTICLES
    assert _groups(straight_pg) == _groups(linked_db) != []
    with open_store(straight_pg) as store:
        assert {Path(f["source"]).name for f in store.failures()} == {"cut.warc.gz", "noise.bin"}
        assert query(store, "SELECT count(*) FROM signatures WHERE linked = 0") == [(0,)]


def test_spark_refuses_to_write_straight_into_sqlite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ConfigError, match="only into PostgreSQL"):
        check_db(str(tmp_path / "c.db"))
    args = ["ingest", str(CORPUS), "--engine", "spark", "--db", str(tmp_path / "c.db")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("wirelens: error:") == 1 and "wirelens load DIR" in err
    assert not (tmp_path / "c.db").exists()


def test_load_into_a_linked_corpus_joins_in_the_store(
    spark_out: Path, local_db: Path, tmp_path: Path
) -> None:
    """A run loaded beside articles already linked cannot use Spark's pairs (new articles
    must meet the old ones): the store joins the bands itself, signing nothing again."""
    from tests.run.conftest import DOCS

    options = Options.resolve()
    before, both = str(tmp_path / "before.db"), str(tmp_path / "both.db")
    for db in (before, both):
        with open_store(db) as store:
            ingest(DOCS, store, options=options)
            link(store)
    with open_store(before) as store:
        loaded = load(spark_out, store)
    assert not loaded.reused_pairs and loaded.linked is not None
    assert loaded.signatures == EXAMPLE_ARTICLES and loaded.linked.copies.signed == 0
    assert loaded.linked.copies.candidates > 0
    with open_store(both) as store:
        store.add(_stored(local_db))
        link(store)
    assert _groups(before) == _groups(both) != []


def _stored(db: Path) -> list[Any]:
    from wirelens.model import Analysis, from_json

    with open_store(str(db)) as store:
        return [from_json(r[0], Analysis) for r in query(store, "SELECT record FROM articles")]
