"""Where one search page and one article page spend their time, inside the app.

``python -m bench.web_profile [--db bench/out/web.db] [--query WORDS] [--article ID]
[--repeat 20]`` runs each page ``--repeat`` times in-process (Starlette's test client, no
network), prints the cProfile functions with the most cumulative time, then every SQL
statement the pages ran with SQLite's ``EXPLAIN QUERY PLAN`` and its own time. Use it on the
corpus ``bench.web`` builds; it only reads.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wirelens.store.base import Store


def _capture(store: Store, log: list[tuple[str, list[Any], float]]) -> None:
    """Record every statement ``store`` runs (with its parameters and time) into ``log``."""
    run = store._run

    def logged(sql: str, params: Sequence[Any] = ()) -> Any:
        started = time.perf_counter()
        cursor = run(sql, params)
        rows = cursor.fetchall()
        log.append((sql, list(params), (time.perf_counter() - started) * 1000))
        return _Rows(rows, cursor.description)

    store._run = logged  # type: ignore[method-assign]
    store._run_plain = lambda sql, params: run(sql, params).fetchall()  # type: ignore[attr-defined]


class _Rows:
    """Fetched rows that still answer like a cursor."""

    def __init__(self, rows: list[Any], description: Any) -> None:
        self.rows = rows
        self.description = description
        self.rowcount = len(rows)

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[Any]:
        return self.rows

    def fetchmany(self, size: int) -> list[Any]:
        out, self.rows = self.rows[:size], self.rows[size:]
        return out

    def __iter__(self) -> Any:
        return iter(self.rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("bench/out/web.db"))
    parser.add_argument("--query", default="ferry subsidy")
    parser.add_argument("--article", default="")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    from starlette.requests import Request

    from wirelens.store import open_store
    from wirelens.web import create_app, pages

    app = create_app(str(args.db), token="", page_cache=0)  # time the work, not the cache
    store = app.state.stores.get()
    article = (
        args.article
        or store._execute("SELECT id FROM articles LIMIT 1 OFFSET 5000").fetchone()[0][7:]
    )
    request = Request({"type": "http", "app": app, "path": "/", "headers": []})
    filters: dict[str, Any] = {"outlet": None, "speaker": None, "since": None, "until": None}
    calls = {
        f"search {args.query!r}": lambda: pages.search(
            request, q=args.query, syntax="plain", **filters
        ),
        f"article {article[:12]}": lambda: pages.article(request, article),
    }
    for name, call in calls.items():
        for _ in range(3):  # warm the connection's cache
            call()
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(args.repeat):
            call()
        profile.disable()
        each = (time.perf_counter() - started) * 1000 / args.repeat
        print(f"\n== {name}: {each:.1f} ms per page (profiled, route function only)")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    log: list[tuple[str, list[Any], float]] = []
    _capture(store, log)
    for name, call in calls.items():
        log.clear()
        call()
        print(f"\n== statements of {name}")
        for sql, params, ms in log:
            print(f"-- {ms:.1f} ms: {sql[:240]}")
            plan = store._run_plain(f"EXPLAIN QUERY PLAN {sql}", params)
            for row in plan:
                print(f"   {row[-1]}")
    del open_store


if __name__ == "__main__":
    main()
