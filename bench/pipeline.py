"""Pipeline throughput: ``wirelens ingest`` on real-length news, and local pool against Spark.

``python -m bench.pipeline [--shared ../shared] [--workers 1 2] [--docs 20000] [--shards 40]
[--master local[2]] [--skip-spark] [--train] [--out bench/out/pipeline.json]``

1. **PolNeAR dev** (84 real news texts of about 800 words, read by path from ``--shared``):
   the local ingest (read, clean, attribute, store in a fresh SQLite file) with each worker
   count: the defaults (candidate sentences, ``ner`` over entity windows), ``ner`` over every
   token (``entities = full``), and every sentence with full ``ner`` (``parse = all``); beside
   them, on the same number of worker processes, spaCy alone parsing every article (the
   model's own pipeline as ``spacy.load`` gives it, ``nlp.pipe`` over the bodies).
   ``docs_per_s`` includes starting the workers and loading the model, as a user's run does;
   ``startup_s`` is measured apart and ``docs_per_s_after_startup`` leaves it out (the rate on
   a corpus large enough to hide it).
   With ``--train``, the default ingest of the 840 PolNeAR train texts on the most workers:
   the rate once the workers' start is a small share, as on a large corpus.
2. **Generated** (``bench.generate``, fictional, in ``--shards`` JSONL files): the local
   ingest with the largest worker count against ``ingest --engine spark`` on ``--master``
   (Parquet out, then ``load`` into SQLite), in docs/s and startup seconds. Spark also signs,
   bands and verifies copy pairs; linking is timed apart on both sides (local: ``link`` after
   the ingest; Spark: ``load``, which links reusing Spark's pairs).

Prints one line per run and writes all numbers, the machine's load average and an estimate
of the cluster size for 10 million articles in an hour to ``--out`` (JSON).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.generate import generate
from wirelens.run import ingest
from wirelens.run.options import Options
from wirelens.store import open_store

ARTICLES_PER_HOUR = 10_000_000


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pool workers, once joined): on
    a loaded shared machine, the cost that wall time hides behind waiting for a core."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _cpu_fields(docs: int, cpu: float) -> dict[str, float]:
    return {"cpu_s": round(cpu, 2), "docs_per_cpu_s": round(docs / cpu, 2)}


def _ingest(
    source: Path, workers: int, tmp: Path, parse: str | None = None, entities: str | None = None
) -> dict[str, Any]:
    from wirelens.readers import read_documents

    options = Options.resolve({"parse": parse, "entities": entities})
    db = tmp / f"ingest-{workers}-{time.monotonic_ns()}.db"
    load_before = _load()
    cpu = _cpu()
    started = time.perf_counter()
    with open_store(str(db)) as store:
        report = ingest(
            read_documents(source, resolved=options.read), store, workers=workers, options=options
        )
    seconds = time.perf_counter() - started
    return {
        "workers": workers,
        "parse": options.parse,
        "entities": options.entities,
        "docs": report.read,
        "analysed": report.analyzed,
        "seconds": round(seconds, 2),
        "startup_s": round(report.startup_seconds, 2),
        "docs_per_s": round(report.read / seconds, 2),
        "docs_per_s_after_startup": round(
            report.read / max(seconds - report.startup_seconds, 1e-9), 2
        ),
        **_cpu_fields(report.read, _cpu() - cpu),
        "load_before": load_before,
        "load_after": _load(),
        "db": str(db),  # the caller links it or drops the key
    }


_STOCK: dict[str, Any] = {}


def _parse_init(model: str) -> None:
    """Load spaCy's own pipeline as it comes (every component, spaCy's defaults), once per
    process: none of wirelens' changes to it (folded embeddings, entity windows, tag rules)."""
    import spacy

    from wirelens.nlp_modes import model_name

    if "nlp" not in _STOCK:
        _STOCK["nlp"] = spacy.load(model_name(model))


def _parse(bodies: list[str]) -> int:
    nlp = _STOCK["nlp"]
    return sum(len(doc) for doc in nlp.pipe(bodies, batch_size=8))


def _spacy(bodies: list[str], workers: int) -> dict[str, Any]:
    """spaCy alone, as it comes (``spacy.load`` of the model, every component), parsing every
    body on ``workers`` processes."""
    options = Options.resolve()
    load_before = _load()
    cpu = _cpu()
    started = time.perf_counter()
    # eight pieces per worker, handed out as workers come free (as the ingest pool does): an
    # even split by count gave one of two workers 57% of the text
    parts = [bodies[i :: 8 * workers] for i in range(8 * workers)]
    if workers == 1:
        _parse_init(options.model)
        ready = time.perf_counter()
        tokens = _parse(bodies)
    else:
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(workers, initializer=_parse_init, initargs=(options.model,)) as pool:
            pool.map(_parse_init, [options.model] * workers)  # wait until every worker is up
            ready = time.perf_counter()
            tokens = sum(pool.map(_parse, parts, chunksize=1))
    seconds = time.perf_counter() - started
    return {
        "workers": workers,
        "docs": len(bodies),
        "tokens": tokens,
        "seconds": round(seconds, 2),
        "startup_s": round(ready - started, 2),
        "docs_per_s": round(len(bodies) / seconds, 2),
        "docs_per_s_after_startup": round(len(bodies) / (seconds - (ready - started)), 2),
        **_cpu_fields(len(bodies), _cpu() - cpu),
        "load_before": load_before,
        "load_after": _load(),
    }


def _say(what: str, run: dict[str, Any]) -> None:
    """One run's line: its rates, with and without the workers' start, and the load."""
    print(
        f"{what}: {run['docs_per_s']} docs/s, {run['docs_per_s_after_startup']} after startup "
        f"({run['startup_s']} s), {run['docs_per_cpu_s']} docs per CPU-s, "
        f"load {run['load_before']} -> {run['load_after']}",
        flush=True,
    )


#: The runs at each worker count, in the order printed.
_RUNS = (
    ("ingest", "ingest (default: candidate sentences, entity windows)"),
    ("ingest_full_entities", "ingest, NER over every token (entities = full)"),
    ("ingest_parse_all", "ingest, every sentence and every token (parse = all, entities = full)"),
    ("spacy_parse", "spaCy alone parsing every article"),
)


def polnear(shared: Path, workers: Sequence[int], tmp: Path) -> dict[str, Any]:
    """Ingest and spaCy-only parsing of the PolNeAR dev texts at each worker count."""
    import wirelens

    folder = shared / "data" / "polnear" / "dev" / "text"
    bodies = [a.body for a in wirelens.read(folder)]
    runs = []
    for n in workers:
        run = {
            "ingest": _ingest(folder, n, tmp, "candidates", "windows"),
            "ingest_full_entities": _ingest(folder, n, tmp, "candidates", "full"),
            "ingest_parse_all": _ingest(folder, n, tmp, "all", "full"),
            "spacy_parse": _spacy(bodies, n),
        }
        for name in ("ingest", "ingest_full_entities", "ingest_parse_all"):
            run[name].pop("db")
        print(f"polnear dev, {n} worker(s):", flush=True)
        for name, what in _RUNS:
            _say(f"  {what}", run[name])
        runs.append(run)
    return {"docs": len(bodies), "runs": runs}


def _shards(folder: Path, docs: int, shards: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handles = [(folder / f"shard-{i:03d}.jsonl").open("w", encoding="utf-8") for i in range(shards)]
    for i, item in enumerate(generate(docs)):
        handles[i % shards].write(json.dumps(item) + "\n")
    for handle in handles:
        handle.close()


def generated(
    docs: int, shards: int, workers: int, master: str | None, tmp: Path
) -> dict[str, Any]:
    """The local pool and Spark on the same generated shards."""
    from wirelens.link import link
    from wirelens.run.load import load
    from wirelens.run.spark import ingest_spark

    folder = tmp / "generated"
    _shards(folder, docs, shards)
    result: dict[str, Any] = {"docs": docs, "shards": shards}
    result["local"] = _ingest(folder, workers, tmp)
    started = time.perf_counter()
    with open_store(result["local"].pop("db")) as store:
        linked = link(store)  # signs, joins bands in SQL, verifies, groups
    result["local"]["link_s"] = round(time.perf_counter() - started, 2)
    result["local"]["copies"] = linked.copies.copies
    print(f"generated, local pool x{workers}: {result['local']['docs_per_s']} docs/s", flush=True)
    if master is None:
        return result
    options = Options.resolve()
    load_before = _load()
    started = time.perf_counter()
    report = ingest_spark([str(folder)], tmp / "spark-out", options, master=master)
    spark_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with open_store(str(tmp / "spark.db")) as store:
        loaded = load(tmp / "spark-out", store)
    result["spark"] = {
        "master": master,
        "articles": report.articles,
        "failures": report.failures,
        "startup_s": round(report.startup_seconds, 2),
        "run_s": round(report.run_seconds, 2),
        "seconds": round(spark_seconds, 2),
        "docs_per_s": round(docs / spark_seconds, 2),
        "docs_per_s_after_startup": round(docs / report.run_seconds, 2),
        "candidates": report.candidates,
        "copies": report.copies,
        # load stores, then links reusing Spark's signatures and verified pairs (groups,
        # origins, diffs, traces and stories are made here): compare with local link_s
        "load_and_link_s": round(time.perf_counter() - started, 2),
        "loaded_new": loaded.new,
        "reused_pairs": loaded.reused_pairs,
        "load_before": load_before,
        "load_after": _load(),
    }
    print(
        f"generated, spark {master}: {result['spark']['docs_per_s']} docs/s "
        f"(startup {result['spark']['startup_s']}s)",
        flush=True,
    )
    return result


def polnear_train(shared: Path, workers: int, tmp: Path) -> dict[str, Any]:
    """The default ingest of the 840 PolNeAR train texts (the same kind of news as dev) on
    ``workers`` processes: ten times dev's length, so the workers' start is a small share and
    the rate is near what a large corpus gets."""
    folder = shared / "data" / "polnear" / "train" / "text"
    run = _ingest(folder, workers, tmp, "candidates", "windows")
    run.pop("db")
    _say(f"polnear train, {workers} worker(s), default ingest", run)
    return run


def estimate(polnear_result: dict[str, Any], train: dict[str, Any] | None = None) -> dict[str, Any]:
    """Cores for 10 million real-length articles in an hour, from the measured per-doc cost.

    The cost is core-seconds per article (workers / docs/s): of the train run when there is
    one (its workers' start is a small share, as on a large corpus), else of the cheapest dev
    run (on a shared, loaded machine more workers than free cores only add waiting).
    """
    runs = [r["ingest"] for r in polnear_result["runs"]]
    best = train or min(runs, key=lambda r: r["workers"] / r["docs_per_s"])
    core_seconds = best["workers"] / best["docs_per_s"]
    needed = ARTICLES_PER_HOUR / 3600 * core_seconds
    return {
        "from": f"PolNeAR {'train' if train else 'dev'} ingest, {best['workers']} workers",
        "core_seconds_per_article": round(core_seconds, 3),
        "articles_per_second_needed": round(ARTICLES_PER_HOUR / 3600, 1),
        "cores_needed": int(needed + 0.999),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--shards", type=int, default=40)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--skip-polnear", action="store_true")
    parser.add_argument(
        "--train",
        action="store_true",
        help="also ingest the 840 PolNeAR train texts on the most workers (startup amortised)",
    )
    parser.add_argument("--out", type=Path, default=Path("bench/out/pipeline.json"))
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if not args.skip_polnear:
            result["polnear_dev"] = polnear(args.shared, args.workers, tmp)
            train = None
            if args.train:
                train = result["polnear_train"] = polnear_train(args.shared, max(args.workers), tmp)
            result["estimate_10m_per_hour"] = estimate(result["polnear_dev"], train)
            print(f"estimate: {result['estimate_10m_per_hour']}", flush=True)
        if args.docs:
            master = None if args.skip_spark else args.master
            result["generated"] = generated(args.docs, args.shards, max(args.workers), master, tmp)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
