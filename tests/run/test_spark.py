"""The Spark runner gives what the local runner gives, and fails cleanly on bad input.

One Spark ``local[2]`` run (module fixture) reads ``examples/corpus`` (fictional) plus a folder
of damaged shards, writes Parquet, and ``wirelens load`` stores it; the local runner ingests
the same sources. Articles, attributions and recorded failures must be identical. Without Java
or pyspark the tests skip locally and fail in CI (``require``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, require
from wirelens.cli import main
from wirelens.errors import EngineError
from wirelens.readers import read_documents
from wirelens.run import ReadFailures, ingest
from wirelens.run.options import Options
from wirelens.run.spark import check_master
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
def spark_out(sources: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_spark()
    out = tmp_path_factory.mktemp("spark") / "out"
    args = ["ingest", *sources, "--engine", "spark", "--master", "local[2]"]
    assert main([*args, "--out", str(out)]) == 0
    return out


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


def test_spark_and_local_runner_agree(
    spark_out: Path, sources: list[str], store_url: str, tmp_path: Path
) -> None:
    spark_db = store_url
    assert main(["load", str(spark_out), "--db", spark_db]) == 0
    local_db = str(tmp_path / "local.db")
    failures = ReadFailures()
    options = Options.resolve()
    with open_store(local_db) as store:
        documents = read_documents(sources, on_error=failures, resolved=options.read)
        ingest(documents, store, read_failures=failures, options=options)
        local_failures = store.failures()
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


def test_spark_needs_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(CORPUS), "--engine", "spark"]) == 2
    assert "--out" in capsys.readouterr().err


def test_load_rejects_a_folder_that_is_not_spark_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", str(tmp_path), "--db", str(tmp_path / "c.db")]) == 2
    assert "not the output of" in capsys.readouterr().err
