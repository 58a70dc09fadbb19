"""The Spark runner: every stage inside Spark, one model load per Python worker, Parquet out.

``ingest_spark(sources, out, options, master=...)`` lists the shards (files; folders are walked
as the local reader walks them), spreads them over Spark partitions and runs the read, clean,
attribute and link-signatures stages of :mod:`wirelens.run.stages` in ``mapInArrow``: each
Python worker sets the stages up once (the spaCy pipeline is cached per process and Spark
reuses its Python workers), then streams its shards through them in batches. A shard that
cannot be read is a failure row, never a failed job. Articles seen twice (same content hash)
are kept once, the first in shard and record order - what the local runner keeps. The LSH
band join runs as the store's own SQL group-by in Spark SQL and its candidate pairs are
verified there too (:mod:`wirelens.run.spark_link`). Written under ``out``:

* ``articles/``: one row per article (the store's columns, ``record`` = the Analysis as JSON);
* ``attributions/``: the store's ``attributions`` rows;
* ``failures/``: what could not be read or analysed (``source``, ``position``, ``error``);
* ``signatures/`` (``article_id``, ``shingles``, ``component``) and ``bands/`` (``band``,
  ``band_hash``, ``article_id``): the store's linking rows;
* ``pairs/``: every candidate pair of the band join (``leader``, ``member``) with its verdict
  (``copy``, ``other_language``, ``similarity``, ``containment``).

``wirelens load OUT --db URL`` (:func:`wirelens.run.load.load`) puts such a directory into a
store. With ``db`` (PostgreSQL only) the executors store the articles themselves instead.

Spark needs Java 17 and ``pip install 'wirelens[spark]'``; both, the master and the database
are checked before any work starts, each with a one-line error.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirelens.errors import ConfigError, EngineError, InputError
from wirelens.link.options import LinkOptions
from wirelens.model import Analysis, to_json
from wirelens.run.load import LoadReport
from wirelens.run.options import Options
from wirelens.run.spark_link import link_tables
from wirelens.run.stages import (
    Failure,
    Signatures,
    attribute_stage,
    clean_stage,
    read_stage,
    setup_all,
    signature_stage,
)
from wirelens.store import open_store
from wirelens.store.base import ATTRIBUTION_COLUMNS, Store, attribution_rows

__all__ = [
    "SparkReport",
    "check_db",
    "check_engine",
    "check_master",
    "ingest_spark",
    "shards",
]

#: What each Python worker yields: one row per article or failure, in shard and record order.
RESULT_SCHEMA = (
    "shard INT, seq INT, kind STRING, id STRING, title STRING, outlet STRING, agency STRING, "
    "published STRING, url STRING, source STRING, language STRING, body STRING, "
    "record STRING, component STRING, attributions STRING, shingles INT, bands STRING, "
    "position STRING, error STRING"
)
_ATTRIBUTION_SCHEMA = (
    "ARRAY<STRUCT<article_id: STRING, kind: STRING, speaker: STRING, mention: STRING, "
    "role: STRING, cue: STRING, quote: STRING, quote_start: INT, quote_end: INT, "
    "chain: STRING, confidence: DOUBLE, component: STRING>>"
)
_ARTICLE_COLUMNS = (
    "id", "title", "outlet", "agency", "published", "url", "source", "language", "body",
    "record", "component", "shard", "seq",
)  # fmt: skip
_CONNECT_SECONDS = 5.0


@dataclass(frozen=True)
class SparkReport:
    """What a Spark ingest wrote: shards, articles (after de-duplication), failures, timings."""

    shards: int
    articles: int
    attributions: int
    failures: int
    #: seconds to start the Spark session (JVM, context) before any shard is read
    startup_seconds: float
    #: seconds from the first shard to the last Parquet file written (or row stored)
    run_seconds: float
    #: candidate pairs from the Spark SQL band join, and those verified as copies
    candidates: int = 0
    copies: int = 0
    #: what was stored straight into PostgreSQL (``--db``), else None
    stored: LoadReport | None = None


def check_engine() -> None:
    """pyspark and a Java runtime are installed, else one line saying what to install."""
    if importlib.util.find_spec("pyspark") is None:
        raise EngineError("the spark engine needs pyspark: pip install 'wirelens[spark]'")
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and (Path(java_home) / "bin" / "java").exists()) and not shutil.which("java"):
        raise EngineError("the spark engine needs Java 17: install it and set JAVA_HOME")


def check_master(master: str) -> None:
    """A master Spark can use: ``local[...]`` always; ``spark://`` only when it answers now.

    Spark itself retries an unreachable master for minutes; this fails at once, before work.
    """
    if master == "local" or (master.startswith("local[") and master.endswith("]")):
        return
    if master.startswith("spark://"):
        reasons = []
        for hostport in master.removeprefix("spark://").split(","):
            host, _, port = hostport.rpartition(":")
            if not host or not port.isdigit():
                raise EngineError(f"bad Spark master {master!r}: give spark://HOST:PORT")
            try:
                with socket.create_connection((host, int(port)), timeout=_CONNECT_SECONDS):
                    return
            except OSError as exc:
                reasons.append(f"{hostport}: {exc.strerror or exc}")
        raise EngineError(f"cannot reach Spark master {master} ({'; '.join(reasons)})")
    if master == "yarn":
        if not (os.environ.get("HADOOP_CONF_DIR") or os.environ.get("YARN_CONF_DIR")):
            raise EngineError("master yarn needs HADOOP_CONF_DIR or YARN_CONF_DIR to be set")
        return
    if master.startswith("k8s://"):
        return
    raise EngineError(f"unknown Spark master {master!r}: local[*], spark://HOST:PORT or yarn")


def shards(sources: Sequence[str]) -> list[str]:
    """Every file the sources name, folders walked in the local reader's order."""
    from wirelens.readers.directory import iter_files
    from wirelens.readers.dispatch import is_url

    out: list[str] = []
    for source in sources:
        if is_url(source) or source == "-":
            raise InputError(f"{source}: the spark engine reads files and folders only")
        path = Path(source)
        if path.is_dir():
            out += [str(p) for p in iter_files(path)]
        elif path.exists():
            out.append(str(path))
        else:
            raise InputError(f"{source}: no such file or directory")
    if not out:
        raise InputError(f"{', '.join(sources)}: no files to read")
    return out


def _rows(options: Options, shard: int, path: str, batch_size: int) -> Iterator[dict[str, Any]]:
    """The result rows of one shard: read, clean and attribute it batch by batch."""
    seq = 0

    def row(**values: Any) -> dict[str, Any]:
        nonlocal seq
        seq += 1
        return {"shard": shard, "seq": seq, **values}

    def failure(f: Failure) -> dict[str, Any]:
        return row(kind="failure", source=f.source, position=f.position, error=f.error)

    def analyse(documents: list[Any]) -> Iterator[dict[str, Any]]:
        cleaned = clean_stage(options, documents)
        articles = [c for c in cleaned if not isinstance(c, Failure)]
        analysed = attribute_stage(options, articles)
        done = [a.article for a in analysed if not isinstance(a, Failure)]
        signed = {s.article_id: s for s in signature_stage(options, done)}
        results = iter(analysed)
        for c in cleaned:
            result = c if isinstance(c, Failure) else next(results)
            if isinstance(result, Failure):
                yield failure(result)
            else:
                yield _article_row(row, result, signed[result.article.id])

    batch: list[Any] = []
    for item in read_stage(options, [path]):
        if isinstance(item, Failure):
            yield failure(item)
            continue
        batch.append(item)
        if len(batch) == batch_size:
            yield from analyse(batch)
            batch = []
    yield from analyse(batch)


def _article_row(
    row: Callable[..., dict[str, Any]], analysis: Analysis, signature: Signatures
) -> dict[str, Any]:
    import json

    a = analysis.article
    return row(
        kind="article",
        id=a.id,
        title=a.title,
        outlet=a.outlet,
        agency=a.agency,
        published=a.published.value if a.published else None,
        url=a.url,
        source=a.source,
        language=a.language,
        body=a.body,
        record=to_json(analysis),
        component=analysis.components.get("attribute", ""),
        attributions=json.dumps(
            [dict(zip(ATTRIBUTION_COLUMNS, r, strict=True)) for r in attribution_rows(analysis)]
        ),
        shingles=signature.shingles,
        bands=json.dumps(list(signature.bands)),
    )


def _arrow_schema() -> Any:
    import pyarrow as pa

    kinds = {"INT": pa.int32(), "STRING": pa.string()}
    fields = [c.split() for c in RESULT_SCHEMA.split(", ")]
    return pa.schema([(name, kinds[kind]) for name, kind in fields])


def _worker(options: Options, batch_size: int) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInArrow`` function (``mapInPandas`` without the pandas round trip): stages set
    up once per Python worker, then each shard of each input batch streamed through them."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        setup_all(options)  # cached per process: a reused worker loads nothing again
        schema = _arrow_schema()
        for batch in batches:
            shards_, paths = batch.column("shard").to_pylist(), batch.column("path").to_pylist()
            for shard, path in zip(shards_, paths, strict=True):
                rows = list(_rows(options, int(shard), str(path), batch_size))
                if rows:
                    yield pa.RecordBatch.from_pylist(rows, schema=schema)

    return run


def _session(master: str) -> Any:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName("wirelens ingest")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.python.worker.reuse", "true")
    )
    path = os.environ.get("PYTHONPATH")
    if path and master.startswith("local"):  # a source checkout: workers import the same code
        builder = builder.config("spark.executorEnv.PYTHONPATH", path)
    try:
        session = builder.getOrCreate()
    except Exception as exc:
        raise EngineError(f"cannot start Spark on {master}: {str(exc).splitlines()[0]}") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def check_db(db: str) -> None:
    """A database Spark's executors can write into at once: PostgreSQL, else a one-line error.

    SQLite takes one writer at a time, so a Spark run reaches it through Parquet and ``load``.
    """
    if not db.startswith(("postgresql://", "postgres://")):
        raise ConfigError(
            f"--engine spark writes straight only into PostgreSQL (its executors write in "
            f"parallel), not {db}: give --out DIR, then `wirelens load DIR --db {db}`"
        )


def ingest_spark(
    sources: Sequence[str],
    out: Path | None,
    options: Options,
    *,
    master: str = "local[*]",
    batch_size: int = 64,
    db: str | None = None,
    link_after: bool = True,
) -> SparkReport:
    """Run every stage over ``sources`` on Spark; write Parquet under ``out``, and/or store
    straight into the PostgreSQL corpus ``db`` (then link it, unless not ``link_after``)."""
    check_engine()
    check_master(master)
    if db is not None:
        check_db(db)
    elif out is None:
        raise ConfigError("--engine spark needs --out DIR, --db postgresql://..., or both")
    files = shards(sources)
    if out is not None and out.exists() and any(out.iterdir()):
        raise InputError(f"{out}: output folder is not empty; give a new --out")
    with ExitStack() as stack:
        store = stack.enter_context(open_store(db)) if db else None  # a bad URL fails now
        started = time.perf_counter()
        spark = _session(master)
        stack.callback(spark.stop)
        startup = time.perf_counter() - started
        sink = _Sink(out, store, db, link_after)
        return _run(spark, files, sink, options, batch_size=batch_size, startup=startup)
    raise AssertionError("unreachable")  # pragma: no cover  (mypy: ExitStack may swallow)


@dataclass(frozen=True)
class _Sink:
    """Where a run goes: a Parquet folder, a PostgreSQL store (open, and its URL), or both."""

    out: Path | None
    store: Store | None
    db: str | None
    link_after: bool


def _run(
    spark: Any, files: list[str], sink: _Sink, options: Options, *, batch_size: int, startup: float
) -> SparkReport:
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    started = time.perf_counter()
    slices = max(1, min(len(files), spark.sparkContext.defaultParallelism * 4))
    listing = spark.sparkContext.parallelize(list(enumerate(files)), slices)
    paths = spark.createDataFrame(listing, "shard INT, path STRING")
    results = paths.mapInArrow(_worker(options, batch_size), RESULT_SCHEMA).cache()
    first = Window.partitionBy("id").orderBy("shard", "seq")
    articles = (
        results.where(F.col("kind") == "article")
        .withColumn("_n", F.row_number().over(first))
        .where(F.col("_n") == 1)
        .drop("_n")
        .cache()
    )
    attributions = articles.orderBy("shard", "seq").select(
        F.explode(F.from_json("attributions", _ATTRIBUTION_SCHEMA)).alias("a")
    )
    failures = results.where(F.col("kind") == "failure").orderBy("shard", "seq")
    failures = failures.select("source", "position", "error", "shard", "seq")
    linking = link_tables(spark, articles, options.link)
    pairs = linking.pairs.cache()
    if sink.out is not None:
        out = sink.out
        articles.select(*_ARTICLE_COLUMNS).orderBy("shard", "seq").write.parquet(
            str(out / "articles")
        )
        attributions.select("a.*").write.parquet(str(out / "attributions"))
        failures.write.parquet(str(out / "failures"))
        linking.signatures.select("article_id", "shingles", "component").write.parquet(
            str(out / "signatures")
        )
        linking.bands.withColumnRenamed("key", "article_id").write.parquet(str(out / "bands"))
        pairs.orderBy("leader", "member").write.parquet(str(out / "pairs"))
    stored = _store(sink, articles, failures, pairs, batch_size) if sink.store else None
    return SparkReport(
        shards=len(files),
        articles=articles.count(),
        attributions=attributions.count(),
        failures=failures.count(),
        candidates=pairs.count(),
        copies=pairs.where(F.col("copy")).count(),
        startup_seconds=startup,
        run_seconds=time.perf_counter() - started,
        stored=stored,
    )


def _writer(
    db: str, batch_size: int, link: LinkOptions
) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInArrow`` function that stores a partition of distinct articles (and their
    signatures, where the store lacks them) through the store's batch API; yields its counts."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from wirelens.link.signatures import write_signatures
        from wirelens.run.load import add_records, signature_rows, unsigned
        from wirelens.store import open_store

        new = existing = signed = 0
        with open_store(db) as store:
            for batch in batches:
                rows = batch.to_pylist()
                added = add_records(store, (r["record"] for r in rows), batch_size)
                missing = unsigned(store, [r["id"] for r in rows])
                made = [
                    signature_rows(r["id"], r["shingles"], json.loads(r["bands"]), link)
                    for r in rows
                    if r["id"] in missing
                ]
                bands = sorted(b for m in made for b in m[1])
                write_signatures(store, [m[0] for m in made], bands)
                new, existing = new + added.new, existing + added.existing
                signed += len(made)
        counts = {"new": [new], "existing": [existing], "signed": [signed]}
        schema = pa.schema([(k, pa.int64()) for k in counts])
        yield pa.RecordBatch.from_pydict(counts, schema=schema)

    return run


def _store(sink: _Sink, articles: Any, failures: Any, pairs: Any, batch_size: int) -> LoadReport:
    """Write straight into the PostgreSQL store: articles and signatures from the executors,
    then failures and linking from the driver (groups need every verified pair at once)."""
    from wirelens.link.db import query
    from wirelens.link.verify import Match
    from wirelens.run.load import link_loaded

    store, db = sink.store, sink.db
    assert store is not None and db is not None
    fresh = not query(store, "SELECT 1 FROM signatures LIMIT 1")
    columns = articles.select("id", "record", "shingles", "bands")
    written = columns.mapInArrow(
        _writer(db, batch_size, LinkOptions()), "new LONG, existing LONG, signed LONG"
    ).collect()
    report = LoadReport(
        new=sum(r["new"] for r in written),
        existing=sum(r["existing"] for r in written),
        signatures=sum(r["signed"] for r in written),
    )
    if report.new:
        store.refresh_derived()
    for row in failures.toLocalIterator():
        store.record_failure(row["source"], row["error"], row["position"])
        report.failures += 1
    if sink.link_after:
        matches = [
            Match(r["leader"], r["member"], r["similarity"], r["containment"])
            for r in pairs.where("copy").collect()
        ]
        report.linked, report.reused_pairs = link_loaded(
            store, fresh=fresh, articles=articles.count(), pairs=matches
        )
    return report
