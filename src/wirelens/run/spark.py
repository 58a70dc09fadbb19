"""The Spark runner: every stage inside Spark, one model load per Python worker, Parquet out.

``ingest_spark(sources, out, options, master=...)`` lists the shards (files; folders are walked
as the local reader walks them), spreads them over Spark partitions and runs the read, clean and
attribute stages of :mod:`wirelens.run.stages` in ``mapInArrow``: each Python worker sets the
stages up once (the spaCy pipeline is cached per process and Spark reuses its Python workers),
then streams its shards through them in batches. A shard that cannot be read is a failure row,
never a failed job. Articles seen twice (same content hash) are kept once, the first in shard
and record order - what the local runner keeps. Written under ``out``:

* ``articles/``: one row per article (the store's columns, ``record`` = the Analysis as JSON);
* ``attributions/``: the store's ``attributions`` rows;
* ``failures/``: what could not be read or analysed (``source``, ``position``, ``error``).

``wirelens load OUT --db URL`` (:func:`load`) puts such a directory into a store.

Spark needs Java 17 and ``pip install 'wirelens[spark]'``; both, and the master, are checked
before any work starts, each with a one-line :class:`EngineError`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirelens.errors import EngineError, InputError
from wirelens.model import Analysis, from_json, to_json
from wirelens.run.options import Options
from wirelens.run.stages import Failure, attribute_stage, clean_stage, read_stage, setup_all
from wirelens.store.base import ATTRIBUTION_COLUMNS, Store, attribution_rows

__all__ = [
    "LoadReport",
    "SparkReport",
    "check_engine",
    "check_master",
    "ingest_spark",
    "load",
    "shards",
]

#: What each Python worker yields: one row per article or failure, in shard and record order.
RESULT_SCHEMA = (
    "shard INT, seq INT, kind STRING, id STRING, title STRING, outlet STRING, agency STRING, "
    "published STRING, url STRING, source STRING, language STRING, body STRING, "
    "record STRING, component STRING, attributions STRING, position STRING, error STRING"
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
    #: seconds from the first shard to the last Parquet file written
    run_seconds: float


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
        analysed = iter(attribute_stage(options, articles))
        for c in cleaned:
            result = c if isinstance(c, Failure) else next(analysed)
            yield failure(result) if isinstance(result, Failure) else _article_row(row, result)

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


def _article_row(row: Callable[..., dict[str, Any]], analysis: Analysis) -> dict[str, Any]:
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


def ingest_spark(
    sources: Sequence[str],
    out: Path,
    options: Options,
    *,
    master: str = "local[*]",
    batch_size: int = 64,
) -> SparkReport:
    """Run every stage over ``sources`` on Spark and write Parquet under ``out``."""
    check_engine()
    check_master(master)
    files = shards(sources)
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out}: output folder is not empty; give a new --out")
    started = time.perf_counter()
    spark = _session(master)
    startup = time.perf_counter() - started
    try:
        return _run(spark, files, out, options, batch_size=batch_size, startup=startup)
    finally:
        spark.stop()


def _run(
    spark: Any, files: list[str], out: Path, options: Options, *, batch_size: int, startup: float
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
    articles.select(*_ARTICLE_COLUMNS).orderBy("shard", "seq").write.parquet(str(out / "articles"))
    attributions = articles.orderBy("shard", "seq").select(
        F.explode(F.from_json("attributions", _ATTRIBUTION_SCHEMA)).alias("a")
    )
    attributions.select("a.*").write.parquet(str(out / "attributions"))
    failures = results.where(F.col("kind") == "failure").orderBy("shard", "seq")
    failures.select("source", "position", "error", "shard", "seq").write.parquet(
        str(out / "failures")
    )
    counts = {
        "articles": articles.count(),
        "attributions": spark.read.parquet(str(out / "attributions")).count(),
        "failures": failures.count(),
    }
    return SparkReport(
        shards=len(files),
        startup_seconds=startup,
        run_seconds=time.perf_counter() - started,
        **counts,
    )


@dataclass
class LoadReport:
    """What ``load`` put into a store."""

    new: int = 0
    existing: int = 0
    failures: int = 0


def load(folder: Path, store: Store, *, batch_size: int = 64) -> LoadReport:
    """Put a Spark run's Parquet output (``articles``, ``failures``) into ``store``."""
    import pyarrow.parquet as pq

    if not (folder / "articles").is_dir():
        raise InputError(f"{folder}: not the output of `wirelens ingest --engine spark`")
    report = LoadReport()
    try:
        table = pq.read_table(folder / "articles", columns=["record", "shard", "seq"])
        failed = pq.read_table(folder / "failures") if (folder / "failures").is_dir() else None
    except Exception as exc:  # pyarrow's own errors: a damaged or foreign folder
        raise InputError(f"{folder}: cannot read Parquet ({exc})") from exc
    table = table.sort_by([("shard", "ascending"), ("seq", "ascending")])
    records = table.column("record").to_pylist()
    for i in range(0, len(records), batch_size):
        added = store.add(from_json(r, Analysis) for r in records[i : i + batch_size])
        report.new += added.new
        report.existing += added.existing
    if failed is not None:
        failed = failed.sort_by([("shard", "ascending"), ("seq", "ascending")])
        for row in failed.to_pylist():
            store.record_failure(row["source"], row["error"], row["position"])
            report.failures += 1
    return report
