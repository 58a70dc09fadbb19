"""Where one search page and one article page spend their time, inside the app.

``python -m bench.web_profile [--db bench/out/web.db] [--query WORDS] [--article ID]
[--repeat 20]`` runs each page ``--repeat`` times in-process (Starlette's test client, no
network), prints the cProfile functions with the most cumulative time, then every SQL
statement the pages ran with SQLite's ``EXPLAIN QUERY PLAN`` and its own time. Use it on the
corpus ``bench.web`` builds; it only reads (opening it applies pending migrations).

``--mix N [--seed 9]`` instead renders the search pages of ``N`` URLs drawn as ``bench.web``
draws its load (:func:`bench.web.queries`: the same seed, the same URLs) and prints the CPU
milliseconds per page - rendering included, page cache off, speaker list built first as the
server's is before a run - by kind of query (plain, outlet, since, speaker filter), and the
store's stages within them.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

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


#: the store methods a search page runs, timed one by one by ``--mix``
STAGES = ("_ranked_rows", "_hit_rows", "_facets", "undated")


def _timed(store: Store, stages: dict[tuple[str, str], float], kind: list[str]) -> None:
    """Add the CPU time of each of ``store``'s :data:`STAGES` to ``stages[(kind, stage)]``."""

    def wrap(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                stages[(kind[0], name)] += time.process_time() - started

        return timed

    for name in STAGES:
        setattr(store, name, wrap(name, getattr(store, name)))


def mix(db: Path, n: int, seed: int) -> None:
    """CPU ms per search page over ``n`` URLs drawn as ``bench.web`` draws them."""
    from starlette.requests import Request

    from bench.web import queries
    from wirelens.web import create_app, pages

    urls = queries(db, n, seed)
    app = create_app(str(db), token="", page_cache=0)
    store = app.state.stores.get()
    store.speakers(limit=1)  # the server builds its speaker list before a run starts
    request = Request({"type": "http", "app": app, "path": "/search", "headers": []})
    stages: dict[tuple[str, str], float] = defaultdict(float)
    kind = ["plain"]
    _timed(store, stages, kind)
    times: dict[str, list[float]] = defaultdict(list)
    for url in urls:
        qs = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        filters = {k: qs.get(k) for k in ("outlet", "speaker", "since", "until")}
        kind[0] = next((k for k, v in filters.items() if v), "plain")
        started = time.process_time()
        pages.search(request, q=qs["q"], syntax="plain", offset=int(qs.get("offset", 0)), **filters)
        times[kind[0]].append((time.process_time() - started) * 1000)
    every = sorted(t for kind_times in times.values() for t in kind_times)
    print(
        f"{len(every)} search pages (seed {seed}): CPU ms per page mean "
        f"{statistics.mean(every):.2f}, p50 {every[len(every) // 2]:.2f}, "
        f"p95 {every[int(len(every) * 0.95)]:.2f} (rendering included)"
    )
    for name, values in sorted(times.items(), key=lambda item: -len(item[1])):
        share = sum(values) / sum(every)
        cost = ", ".join(
            f"{stage} {stages[(name, stage)] * 1000 / len(values):.2f}"
            for stage in STAGES
            if stages[(name, stage)]
        )
        print(
            f"  {name:8} n={len(values):5} mean {statistics.mean(values):6.2f} ms "
            f"(share {share:4.0%}): {cost}"
        )


def _index(db: Path) -> None:
    """Build or catch up the text index first, as ``wirelens serve`` does before it serves
    (a store without one, e.g. main before the text index, is left as it is)."""
    from wirelens.store import open_store

    with open_store(str(db)) as store:
        refresh = getattr(store, "refresh_text_index", None)
        if refresh is not None:
            print(f"text index: {refresh(build=True)}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("bench/out/web.db"))
    parser.add_argument("--query", default="ferry subsidy")
    parser.add_argument("--article", default="")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--mix", type=int, default=0, help="time N bench search pages instead")
    parser.add_argument("--seed", type=int, default=9, help="seed of the --mix URLs")
    args = parser.parse_args()
    _index(args.db)
    if args.mix:
        mix(args.db, args.mix, args.seed)
        return

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
