"""Store benchmark: ingest speed, search latency and size on SQLite and PostgreSQL.

``python -m bench.store [--n 10000] [--search-n 100000] [--workers 2] [--pg URL]`` prints and
writes ``bench/out/store.json``:

* ingest docs/s over N generated fictional articles (``bench.generate``) with ``--workers``
  processes, and the share of wall time spent in the store (the goal: under 10%);
* search latency p50/p95 of 100 queries over ``--search-n`` stored articles (rows inserted
  directly, without analysis, to build the large corpus in minutes);
* bytes on disk per 1,000 articles.
PostgreSQL runs when ``--pg`` or WIRELENS_TEST_PG gives a server; each run uses its own schema.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.generate import generate
from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.store.base import Store

QUERIES = [
    "strike",
    "ferry subsidy",
    "flood OR barrier",
    "patience",
    "mortgage",
    "signal",
    "residents",
    "Varga",
    "night shifts",
    "tender",
]


def _documents(n: int) -> list[Document]:
    return [
        Document(
            content=item["text"],
            kind="text",
            source=f"gen-{i}",
            outlet=item["outlet"],
            published=item["published"],
        )
        for i, item in enumerate(generate(n, seed=7))
    ]


def _bulk_insert(store: Store, n: int) -> None:
    rows = [
        (
            f"sha256:bench{i:012d}",
            item["text"].split("\n", 1)[0],
            item["outlet"],
            "NWS",
            item["published"],
            None,
            f"bulk-{i}",
            "en",
            item["text"],
            "{}",
            "bench",
        )
        for i, item in enumerate(generate(n, seed=11))
    ]
    sql = (
        "INSERT INTO articles(id, title, outlet, agency, published, url, source, language, "
        "body, record, component) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    )
    with store._transaction():
        for start in range(0, len(rows), 5_000):
            store._executemany(sql, rows[start : start + 5_000])


def _search_latency(store: Store) -> dict[str, float]:
    times = []
    for i in range(100):
        started = time.perf_counter()
        store.search(QUERIES[i % len(QUERIES)], limit=20)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[94], 2)}


def _size(store: Store, url: str) -> int:
    if url.startswith("postgresql"):
        row = store._execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        ).fetchone()
        return int(row[0] or 0)
    path = Path(url)
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def run_backend(url: str, args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with open_store(url) as store:
        docs = _documents(args.n)
        started = time.perf_counter()
        report = ingest(docs, store, workers=args.workers, batch_size=64)
        wall = time.perf_counter() - started
        result["ingest"] = {
            "docs": report.read,
            "new": report.new,
            "workers": args.workers,
            "docs_per_s": round(report.read / wall, 1),
            "store_share_of_wall": round(report.store_seconds / wall, 4),
        }
        result["bytes_per_1000_articles"] = round(_size(store, url) / max(report.new, 1) * 1000)
    search_url = url + ("-search" if not url.startswith("postgresql") else "")
    if url.startswith("postgresql"):
        search_url = url.split("schema=", maxsplit=1)[0] + f"schema=b_{uuid.uuid4().hex[:10]}"
    with open_store(search_url) as store:
        _bulk_insert(store, args.search_n)
        result["search"] = {"articles": args.search_n, **_search_latency(store)}
        if url.startswith("postgresql"):  # leave the server as it was
            for used in (url, search_url):
                schema = used.split("schema=")[1]
                store._execute(f'DROP SCHEMA "{schema}" CASCADE')
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="articles to ingest")
    parser.add_argument("--search-n", type=int, default=100_000, help="articles for search")
    parser.add_argument("--workers", type=int, default=2, help="ingest worker processes")
    parser.add_argument("--pg", default=os.environ.get("WIRELENS_TEST_PG"), help="PostgreSQL URL")
    args = parser.parse_args()
    results: dict[str, Any] = {"n": args.n, "search_n": args.search_n}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run_backend(str(Path(tmp) / "bench.db"), args)
        print("sqlite", json.dumps(results["sqlite"]), flush=True)
    if args.pg:
        sep = "&" if "?" in args.pg else "?"
        results["postgresql"] = run_backend(f"{args.pg}{sep}schema=b_{uuid.uuid4().hex[:10]}", args)
        print("postgresql", json.dumps(results["postgresql"]), flush=True)
    out = Path(__file__).parent / "out" / "store.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
