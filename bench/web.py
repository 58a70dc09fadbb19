"""Load benchmark of ``wirelens serve``: concurrent clients on search and article pages.

``python -m bench.web [--articles 100000] [--db PATH] [--clients 50] [--requests 5000]
[--seconds 120] [--templates 300] [--workers 1] [--client auto|wrk|python] [--page-cache N]``
builds (or reuses) a SQLite corpus of
fictional articles, starts ``wirelens serve`` (``--workers`` processes) on a free loopback
port, and sends
``--requests`` requests - at most ``--seconds`` long - from ``--clients`` concurrent clients:
half ``/search?q=...`` pages (queries of varied selectivity), half ``/articles/ID`` pages
(``--mix search`` or ``--mix article`` for one kind only).
The load comes from ``wrk`` when it is installed (``--client auto``; :mod:`bench.web_wrk`),
else from httpx on asyncio, which costs the shared cores as much CPU as the server's cheaper
pages. It prints throughput, latency percentiles per page kind, the CPU milliseconds per
request of the server (its processes, from ``/proc``) and of the client, and the share of
searches answered from the server's page cache, and writes ``bench/out/web.json``.

The corpus: ``--templates`` generated articles (``bench.generate``) are analysed for real
(spaCy, attribution rules); the rest are copies of those analyses under new ids, titles,
outlets and dates, inserted through ``Store.add`` - so every article page has real
attributions to highlight, and 100,000 articles take minutes, not hours. Only loopback is
used; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import msgspec

from bench import web_wrk
from bench.generate import OUTLETS, generate
from wirelens.model import Analysis, Article, Document, content_id
from wirelens.run.options import Options
from wirelens.run.stages import attribute_stage, clean_stage
from wirelens.store import open_store
from wirelens.store.params import marks

#: Words too common to be anyone's search (they are in nearly every article).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "said",
        "says",
        "she",
        "than",
        "that",
        "the",
        "their",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "will",
        "with",
        "would",
    ]
)
_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


def queries(path: Path, n: int, seed: int) -> list[str]:
    """``n`` search URLs drawn from the corpus itself, as people would type them.

    Each starts from a stored article drawn with ``seed`` (the same seed and corpus, the same
    URLs): one word of its body (half of them), two neighbouring words, a quoted phrase of
    two or three words, or three words of its title; some add a filter - an outlet (in any
    case, 15%), a start date (10%) or a speaker quoted in that article (5%) - and 10% ask for
    the second page. So queries are many and different, like the traffic of people, and no
    cache of repeated pages would answer them.
    """
    rng = random.Random(seed)
    with open_store(str(path)) as store:
        top = store._execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
        picks = [rng.randint(1, top) for _ in range(n)] if top else []
        found = {
            row[0]: row[1:]
            for row in store._execute(
                "SELECT a.rowid, a.id, a.title, a.body, (SELECT min(t.speaker) FROM attributions "
                f"t WHERE t.article_id = a.id) FROM articles a WHERE a.rowid IN ({marks(picks)})",
                picks,
            )
        }
    # the same seed draws the same articles, so the same URLs (``ORDER BY random()`` did not)
    rows = [found[pick] for pick in picks if pick in found]
    urls = []
    for i in range(n):
        _, title, body, speaker = rows[i % len(rows)]
        words = [w for w in _WORDS.findall(body) if w.lower() not in STOPWORDS] or ["news"]
        at = rng.randrange(len(words))
        pick = rng.random()
        if pick < 0.5:
            text = words[at]
        elif pick < 0.75:
            text = " ".join(words[at : at + 2])
        elif pick < 0.9:
            text = '"' + " ".join(words[at : at + rng.choice((2, 3))]) + '"'
        else:
            title_words = _WORDS.findall(title or "") or words
            text = " ".join(rng.sample(title_words, min(3, len(title_words))))
        params = {"q": text}
        draw = rng.random()
        if draw < 0.15:
            outlet = rng.choice(OUTLETS)
            params["outlet"] = rng.choice((outlet, outlet.lower(), outlet.upper()))
        elif draw < 0.25:
            params["since"] = f"2026-{rng.randint(1, 12):02d}-01"
        elif draw < 0.30 and speaker:
            params["speaker"] = speaker
        if rng.random() < 0.1:
            params["offset"] = "20"
        urls.append("/search?" + urlencode(params))
    return urls


def build(path: Path, articles: int, templates: int) -> None:
    """A corpus of ``articles`` rows at ``path``: ``templates`` real analyses, copied."""
    started = time.perf_counter()
    docs = [
        Document(content=item["text"], kind="text", source=f"gen-{i}", outlet=item["outlet"])
        for i, item in enumerate(generate(templates, seed=5))
    ]
    options = Options.resolve()
    cleaned = [a for a in clean_stage(options, docs) if isinstance(a, Article)]
    analysed = [a for a in attribute_stage(options, cleaned) if isinstance(a, Analysis)]
    print(
        f"analysed {len(analysed)} templates in {time.perf_counter() - started:.0f} s", flush=True
    )
    rng = random.Random(3)
    with open_store(str(path)) as store:
        batch: list[Analysis] = []
        for i in range(articles):
            template = analysed[i % len(analysed)]
            title = f"{template.article.title} #{i}"
            article = msgspec.structs.replace(
                template.article,
                id=content_id(f"{template.article.text}\n{i}"),
                title=title,
                outlet=rng.choice(OUTLETS),
                source=f"bench-{i}",
                published=msgspec.structs.replace(
                    template.article.published or _published(),
                    value=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                ),
            )
            batch.append(msgspec.structs.replace(template, article=article))
            if len(batch) == 5_000:
                store.add(batch)
                batch = []
                print(f"stored {i + 1} articles", file=sys.stderr, flush=True)
        store.add(batch)
        total = store.count()
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    print(
        f"corpus: {total} articles, {size / 1e6:.0f} MB, built in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )


def _published() -> Any:
    from wirelens.model import Published

    return Published(value="2026-01-01", source="bench", confidence=1.0)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ids(path: Path, n: int) -> list[str]:
    with open_store(str(path)) as store:
        rows = store._execute("SELECT id FROM articles ORDER BY random() LIMIT ?", (n,)).fetchall()
    return [row[0][7:] for row in rows]


def _plan(ids: list[str], urls: list[str], args: argparse.Namespace) -> list[tuple[str, str]]:
    """The requests in order: (kind, url), searches and article pages alternating per ``mix``."""
    rng = random.Random(9)
    kinds = {"both": ("search", "article"), "search": ("search",), "article": ("article",)}
    mix = kinds[args.mix]
    return [
        ("search", urls[i % len(urls)])
        if mix[i % len(mix)] == "search"
        else ("article", f"/articles/{rng.choice(ids)}")
        for i in range(args.requests)
    ]


def _load(
    base: str, ids: list[str], urls: list[str], args: argparse.Namespace, server: int
) -> dict[str, Any]:
    """Send the plan with the client ``args.client`` names; measure it and the server's CPU."""
    plan = _plan(ids, urls, args)
    loads: list[float] = []

    def sample() -> None:
        loads.append(os.getloadavg()[0])

    client = args.client
    if client == "auto":
        client = "wrk" if web_wrk.available() else "python"
    server_cpu = _tree_cpu(server)
    if client == "wrk":
        times, errors, wall, client_cpu, cache = web_wrk.run_wrk(
            base, plan, clients=args.clients, seconds=args.seconds, sample=sample
        )
    else:
        times, errors, wall, client_cpu, cache = asyncio.run(
            _python_client(base, plan, args, sample)
        )
    server_cpu = _tree_cpu(server) - server_cpu
    done = len(times["search"]) + len(times["article"])
    result: dict[str, Any] = {
        "client": client,
        "clients": args.clients,
        "requests_ok": done,
        "errors": errors,
        "wall_s": round(wall, 1),
        "throughput_rps": round(done / wall, 1),
        "distinct_search_urls": len({url for kind, url in plan[:done] if kind == "search"}),
        # CPU seconds over the requests answered (errors too), per request in ms
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, done), 2),
        "client_cpu_ms_per_request": round(1000 * client_cpu / max(1, done), 2),
        "server_cpu_cores_busy": round(server_cpu / wall, 2),
        # search pages answered from the server's page cache (x-wirelens-cache: hit)
        "search_cache_hits": cache.get("hit", 0),
        "search_cache_hit_ratio": round(
            cache.get("hit", 0) / max(1, cache.get("hit", 0) + cache.get("miss", 0)), 3
        ),
        "client_cpu_cores_busy": round(client_cpu / wall, 2),
    }
    result.update(_latencies(times, wall))
    if loads:
        result["load_average_1min_during"] = {
            "min": min(loads),
            "mean": round(statistics.mean(loads), 2),
            "max": max(loads),
        }
    return result


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and its descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


async def _python_client(
    base: str, plan: list[tuple[str, str]], args: argparse.Namespace, sample: Any
) -> tuple[dict[str, list[float]], dict[str, int], float, float, dict[str, int]]:
    """Send ``plan`` from ``args.clients`` httpx clients on asyncio: (ms per kind of the
    200s, errors, wall s, CPU s of this process, answers by ``x-wirelens-cache``)."""
    import httpx

    times: dict[str, list[float]] = {"search": [], "article": [], "search_filtered": []}
    errors: dict[str, int] = {}
    cache: dict[str, int] = {}
    deadline = time.monotonic() + args.seconds
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    cpu = time.process_time()

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            while time.monotonic() < deadline:
                try:
                    kind, url = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                try:
                    response = await client.get(url)
                    ok = response.status_code == 200
                    key = str(response.status_code)
                    cached = response.headers.get("x-wirelens-cache", "-")
                    cache[cached] = cache.get(cached, 0) + 1
                except httpx.HTTPError as exc:
                    ok, key = False, type(exc).__name__
                if ok:
                    ms = (time.perf_counter() - started) * 1000
                    times[kind].append(ms)
                    if "&" in url:  # the searches with a filter, also counted in "search"
                        times["search_filtered"].append(ms)
                else:
                    errors[key] = errors.get(key, 0) + 1

        async def sample_load() -> None:
            while True:
                sample()
                await asyncio.sleep(2)

        sampler = asyncio.create_task(sample_load())
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(args.clients)))
        wall = time.perf_counter() - started
        sampler.cancel()
    return times, errors, wall, time.process_time() - cpu, cache


def _latencies(times: dict[str, list[float]], wall: float) -> dict[str, Any]:
    """Stats per kind of request that got answers, and over all of them ("all": searches and
    article pages; the filtered searches are already among the searches)."""
    out = {kind: _stats(values, wall) for kind, values in times.items() if values}
    every = [v for kind, values in times.items() if kind != "search_filtered" for v in values]
    if every:
        out["all"] = _stats(every, wall)
    return out


def _stats(values: list[float], wall: float) -> dict[str, float]:
    """Count, rate and latency percentiles (ms) of one kind of request."""
    values = sorted(values)
    return {
        "n": len(values),
        "rps": round(len(values) / wall, 1),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(values[int(0.95 * (len(values) - 1))], 1),
        "p99_ms": round(values[int(0.99 * (len(values) - 1))], 1),
        "max_ms": round(values[-1], 1),
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000, help="corpus size")
    parser.add_argument("--db", type=Path, default=Path("bench/out/web.db"), help="corpus path")
    parser.add_argument("--templates", type=int, default=300, help="articles analysed for real")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=5_000, help="requests in all (bound)")
    parser.add_argument("--seconds", type=float, default=120, help="longest run (bound)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--mix", choices=["both", "search", "article"], default="both", help="pages requested"
    )
    parser.add_argument("--queries", type=int, default=3_000, help="distinct search URLs drawn")
    parser.add_argument("--seed", type=int, default=9, help="seed of the queries drawn")
    parser.add_argument(
        "--page-cache",
        type=int,
        default=None,
        help="the server's page-cache setting (search pages kept per process; 0: none)",
    )
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk (C, when installed; auto picks it) or httpx on asyncio",
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "web.json")
    return parser


def main() -> None:
    args = _parser().parse_args()
    if args.client == "wrk" and not web_wrk.available():
        raise SystemExit("wrk is not installed (apt-get install wrk), or use --client python")
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if not args.db.exists():
        build(args.db, args.articles, args.templates)
    ids = _ids(args.db, 2_000)
    urls = queries(args.db, args.queries, args.seed)
    port = _free_port()
    env = {**os.environ, "WIRELENS_TOKEN": ""}
    if args.page_cache is not None:
        env["WIRELENS_PAGE_CACHE"] = str(args.page_cache)
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "wirelens", "serve", "--db", str(args.db)),
            *("--port", str(port), "--workers", str(args.workers)),
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, args.workers)
        warm = argparse.Namespace(**{**vars(args), "requests": 100})
        _load(base, ids[-50:], urls[-50:], warm, server.pid)
        result = _load(base, ids, urls, args, server.pid)  # after a warm-up of 100 requests
    finally:
        server.terminate()  # uvicorn finishes the requests in flight first
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    result["articles"] = _count(args.db)
    result["mix"] = args.mix
    result["server_workers"] = args.workers
    result["page_cache"] = args.page_cache
    result["load_average_after"] = os.getloadavg()
    result["command"] = " ".join(["python -m bench.web", *sys.argv[1:]])
    print(json.dumps(result, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"wrote {args.out}")


def _count(path: Path) -> int:
    with open_store(str(path)) as store:
        return store.count()


def _wait(base: str, workers: int) -> None:
    """Until the server answers, and each worker has built its merged speaker list.

    The server builds that list in the background at start (seconds on 100,000 articles);
    a speaker-filtered search waits for it, so a run starting earlier would time the build.
    ``/speakers`` waits for it too: the server is ready when ``4 x workers`` concurrent
    requests (spread over the workers by the kernel) all answer within half a second.
    """
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/static/style.css", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        raise SystemExit("the server did not start within 120 s")

    async def speakers() -> float:
        async with httpx.AsyncClient(base_url=base, timeout=120) as client:

            async def one() -> float:
                started = time.perf_counter()
                await client.get("/speakers?limit=1")
                return time.perf_counter() - started

            return max(await asyncio.gather(*(one() for _ in range(4 * workers))))

    while time.monotonic() < deadline:
        if asyncio.run(speakers()) < 0.5:
            return
    raise SystemExit("the server's speaker list was not built within 120 s")


if __name__ == "__main__":
    main()
