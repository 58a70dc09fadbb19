"""Speed, memory and pair quality of ``update_traces`` on generated quotes with a known truth.

No public corpus says which quotes in different articles are the same statement, so this
benchmark writes one, reproducibly (fixed seed), straight into a store (no spaCy: it measures
the linking step alone). Each *statement* is a fictional sentence of 8-14 invented words drawn
from a Zipf-like vocabulary (so common words exist and collide), said by one of 2,000 invented
speakers. It appears first in one article, then 0-4 more times, each copy one of: ``exact``,
``case`` (case and punctuation changed), ``truncated`` (the last 20-40% cut), ``indirect`` (``We
will ...`` reworded ``that the government would ...``), ``substituted`` (one word replaced),
each with a 10% chance of crediting another speaker. Articles carry 1-6 attributions; 10% are
undated.

Reported: wall seconds and peak memory (``ru_maxrss``) of ``update_traces``; pair precision
and recall over attributions (same trace vs same statement), overall and per kind of copy.

With ``--batches N`` the articles are stored and linked in N batches in publication order, as a
daily ingest would bring them, and each batch's linking time is reported beside the corpus size
and the 1-minute load average: with incremental tracing the cost of a batch follows the batch,
not the corpus.

Run: ``python -m bench.traces_speed --statements 20000 [--batches 10] [--db PATH] [--seed 1]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

from wirelens.link.traces import update_traces
from wirelens.store import Store, open_store

KINDS = ("exact", "case", "truncated", "indirect", "substituted")


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    syllables = ["ka", "lo", "ve", "sin", "dra", "mu", "tor", "bel", "ni", "sto", "rem", "qua"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _zipf(rng: random.Random, vocab: list[str]) -> str:
    """A word with probability about 1/rank (log-uniform rank): a few common, most rare."""
    return vocab[int(len(vocab) ** rng.random()) - 1]


def _copy(rng: random.Random, words: list[str], vocab: list[str]) -> tuple[str, str]:
    kind = rng.choice(KINDS)
    if kind == "exact":
        return kind, "We will " + " ".join(words) + "."
    if kind == "case":
        return kind, "WE WILL " + ", ".join(w.upper() for w in words) + "!"
    if kind == "truncated":
        keep = max(4, int(len(words) * rng.uniform(0.6, 0.8)))
        return kind, "We will " + " ".join(words[:keep])
    if kind == "indirect":
        return kind, "that the government would " + " ".join(words)
    changed = list(words)
    changed[rng.randrange(len(changed))] = rng.choice(vocab)
    return kind, "We will " + " ".join(changed) + "."


Rows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def generate(
    statements: int, seed: int, spread: float | None = None
) -> tuple[Rows, dict[int, tuple[int, str]]]:
    """The corpus as (article rows, attribution rows) in publication order, and the truth:
    attribution id -> (statement, kind of appearance).

    Without ``spread`` every first appearance comes before every copy (the copies shuffled
    over the rest of the corpus). With it, each statement is first said at a random moment of
    the corpus's span and each copy follows within ``spread`` of that span (0.02: within 2% of
    the corpus), as news repeats a quote in the days after it is said."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    speakers = [f"Speaker{i} Surname{i}" for i in range(2_000)]
    appearances: list[tuple[int, str, str, str]] = []  # statement, kind, speaker, text
    for s in range(statements):
        words = [_zipf(rng, vocab) for _ in range(rng.randint(8, 14))]
        speaker = rng.choice(speakers)
        appearances.append((s, "first", speaker, "We will " + " ".join(words) + "."))
        for _ in range(rng.choice((0, 0, 1, 2, 3, 4))):
            kind, text = _copy(rng, words, vocab)
            who = rng.choice(speakers) if rng.random() < 0.1 else speaker
            appearances.append((s, kind, who, text))
    firsts = [a for a in appearances if a[1] == "first"]
    copies = [a for a in appearances if a[1] != "first"]
    rng.shuffle(copies)
    ordered = firsts + copies  # every first appearance is published before its copies
    if spread is not None:
        clock = random.Random(seed + 1)  # its own draws: the default corpus stays as it was
        said = [clock.random() for _ in range(statements)]
        moment = [said[a[0]] + (clock.random() * spread if a[1] != "first" else 0.0)
                  for a in appearances]  # fmt: skip
        ordered = [appearances[i] for i in sorted(range(len(appearances)), key=moment.__getitem__)]
    truth: dict[int, tuple[int, str]] = {}
    article_rows, attribution_rows = [], []
    i = 0
    while i < len(ordered):
        n = rng.randint(1, 6)
        article_id = f"sha256:{i:064x}"
        day = 1 + i * 27 // len(ordered)
        published = None if rng.random() < 0.1 else f"2026-03-{day:02d}T{i % 24:02d}:00:00Z"
        article_rows.append(
            (article_id, f"Story {i}", f"Outlet {i % 50}", None, published, None,
             f"gen-{i}", "en", "body", "{}", "bench")
        )  # fmt: skip
        for s, kind, speaker, text in ordered[i : i + n]:
            attribution_rows.append(
                (len(attribution_rows) + 1, article_id, "direct", speaker, None, None, "say",
                 text, 0, len(text), "[]", 1.0, "bench")
            )  # fmt: skip
            truth[len(attribution_rows)] = (s, kind)
        i += n
    return (article_rows, attribution_rows), truth


def write(store: Store, rows: Rows) -> None:
    """Store articles and their attributions."""
    article_rows, attribution_rows = rows
    with store._transaction():
        store._executemany(
            "INSERT INTO articles(id, title, outlet, agency, published, url, source, language, "
            "body, record, component) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            article_rows,
        )
        store._executemany(
            "INSERT INTO attributions(id, article_id, kind, speaker, mention, role, cue, quote, "
            "quote_start, quote_end, chain, confidence, component) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            attribution_rows,
        )


def batches(rows: Rows, n: int) -> list[Rows]:
    """The corpus cut into ``n`` batches of articles in publication order (each article with
    its attributions), as a daily ingest would bring them."""
    article_rows, attribution_rows = rows
    by_article: dict[str, list[tuple[Any, ...]]] = {}
    for row in attribution_rows:
        by_article.setdefault(row[1], []).append(row)
    out: list[Rows] = []
    for k in range(n):
        part = article_rows[k * len(article_rows) // n : (k + 1) * len(article_rows) // n]
        out.append((part, [r for a in part for r in by_article[a[0]]]))
    return out


def score(store: Store, truth: dict[int, tuple[int, str]]) -> dict[str, Any]:
    """Pair precision and recall: two attributions in one trace vs of one statement."""
    traces: dict[int, set[int]] = {}
    for trace_id, aid in store._execute("SELECT trace_id, attribution_id FROM trace_members"):
        traces.setdefault(int(trace_id), set()).add(int(aid))
    predicted: set[tuple[int, int]] = set()
    for members in traces.values():
        predicted |= set(combinations(sorted(members), 2))
    by_statement: dict[int, list[int]] = {}
    for aid, (s, _) in truth.items():
        by_statement.setdefault(s, []).append(aid)
    gold = {p for ids in by_statement.values() for p in combinations(sorted(ids), 2)}
    right = predicted & gold
    per_kind: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        kind_gold = {p for p in gold if kind in (truth[p[0]][1], truth[p[1]][1])}
        found = len(kind_gold & predicted)
        per_kind[kind] = {"recall": round(found / len(kind_gold), 4) if kind_gold else 0.0}
    return {
        "pairs_gold": len(gold),
        "pairs_predicted": len(predicted),
        "precision": round(len(right) / len(predicted), 4) if predicted else 0.0,
        "recall": round(len(right) / len(gold), 4) if gold else 0.0,
        "recall_per_kind": per_kind,
        "kinds": dict(Counter(kind for _, kind in truth.values())),
    }


def _whole(store: Store, rows: Rows) -> dict[str, Any]:
    write(store, rows)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    traces = update_traces(store)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "traces": traces,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "peak_rss_mb": round(rss / 1024, 1),
        "rss_before_mb": round(rss_before / 1024, 1),
    }


def _incremental(store: Store, rows: Rows, n: int) -> dict[str, Any]:
    """Ingest and link batch after batch: the cost of each as the corpus grows."""
    runs = []
    stored = 0
    for part in batches(rows, n):
        write(store, part)
        stored += len(part[1])
        started, cpu = time.perf_counter(), time.process_time()
        traces = update_traces(store)
        runs.append(
            {
                "new_attributions": len(part[1]),
                "corpus_attributions": stored,
                "seconds": round(time.perf_counter() - started, 2),
                # this process's CPU time: what the batch costs, apart from other processes
                # competing for the cores (the wall time and the load average say how much)
                "cpu_seconds": round(time.process_time() - cpu, 2),
                "load_average_1m": round(os.getloadavg()[0], 2),
                "traces": traces,
            }
        )
        print(json.dumps(runs[-1]), file=sys.stderr)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "traces": runs[-1]["traces"] if runs else 0,
        "seconds": round(sum(r["seconds"] for r in runs), 2),
        "peak_rss_mb": round(rss / 1024, 1),
        "batches": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--batches",
        type=int,
        default=1,
        help="link after each of N batches of articles (publication order) instead of once",
    )
    parser.add_argument(
        "--spread",
        type=float,
        default=None,
        help="copies follow their first appearance within this share of the corpus span "
        "(default: all first appearances before all copies)",
    )
    parser.add_argument("--db", default=None, help="SQLite path or postgresql:// URL")
    args = parser.parse_args()
    rows, truth = generate(args.statements, args.seed, args.spread)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or str(Path(tmp) / "traces.db")
        with open_store(url) as store:
            timing = (
                _whole(store, rows)
                if args.batches <= 1
                else _incremental(store, rows, args.batches)
            )
            result = {
                "statements": args.statements,
                "spread": args.spread,
                "attributions": len(truth),
                **timing,
                **score(store, truth),
            }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
