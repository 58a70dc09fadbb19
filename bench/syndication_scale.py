"""Scale of wire-copy linking: near-duplicate detection over 10k, 100k and 1M documents.

``python -m bench.syndication_scale [--sizes 10000,100000] [--out FILE.json]`` (default
``bench/out/syndication_scale.json``).

For each size N, N fictional documents are generated (fixed seed) into a fresh SQLite corpus:
90% originals of 120-320 words drawn from a Zipf-distributed vocabulary of 60,000 invented
words (so common words and phrases recur across unrelated documents, as in news), and 10%
aggregator copies of random originals - a wrapper line before and after, and half of them cut
to their first 50-80% of paragraphs. Then ``wirelens.link.link`` runs **in a child process**
on the whole corpus, and its wall time and peak resident memory (``ru_maxrss`` of that
process: signing, the band join in SQLite, verification and grouping) are recorded, with the
pair precision and recall against the generated truth. Writing the corpus (store inserts,
FTS indexing) is timed apart: it is ingest, not linking.

The machine is shared (other work runs on its two cores), so CPU seconds of the linking
process are reported beside wall time; growth is the exponent b of time ~ N^b (and of
memory) between consecutive sizes (1.0 is linear).
Figures go to stdout and to the JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from itertools import combinations
from math import log
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "bench" / "out" / "syndication_scale.json"
SEED = 20260306
VOCABULARY = 60_000
SYLLABLES = [
    "ka",
    "lo",
    "ve",
    "ri",
    "na",
    "tor",
    "mi",
    "sa",
    "den",
    "ul",
    "bra",
    "fe",
    "go",
    "hal",
    "po",
    "ze",
]
WRAPPERS = (
    ("Get latest articles and stories on World at DailyScroll.", "Share Now"),
    ("Read more stories like this at NewsBeam.", "Follow NewsBeam on X for more updates."),
    ("Stay updated with the latest news at Scoopline.", "Scoopline publishes wire stories."),
)


def _vocabulary(rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))))
    return sorted(words)


def generate(n: int, seed: int = SEED) -> tuple[list[tuple[str, str]], list[tuple[int, int]]]:
    """(id, body) of ``n`` documents and the (copy, original) index pairs among them."""
    rng, np_rng = random.Random(seed), np.random.default_rng(seed)
    vocab = _vocabulary(rng)
    ranks = np.arange(1, VOCABULARY + 1)
    weights = 1.0 / ranks**1.05
    weights /= weights.sum()
    originals = n - n // 10
    docs: list[str] = []
    for _ in range(originals):
        length = int(np_rng.integers(120, 320))
        picks = np_rng.choice(VOCABULARY, size=length, p=weights)
        words = [vocab[i] for i in picks]
        cuts = sorted(rng.sample(range(10, length - 10), k=min(6, length // 40)))
        paragraphs = [
            " ".join(words[a:b]) + "." for a, b in zip([0, *cuts], [*cuts, length], strict=True)
        ]
        docs.append("\n\n".join(paragraphs))
    pairs = []
    for _ in range(n - originals):
        source = rng.randrange(originals)
        paragraphs = docs[source].split("\n\n")
        if rng.random() < 0.5:
            keep = max(2, round(len(paragraphs) * rng.uniform(0.5, 0.8)))
            paragraphs = paragraphs[:keep]
        head, tail = rng.choice(WRAPPERS)
        pairs.append((len(docs), source))
        docs.append("\n\n".join([head, *paragraphs, tail]))
    return [(f"sha256:{i:064x}", body) for i, body in enumerate(docs)], pairs


def build(path: Path, n: int) -> tuple[list[tuple[int, int]], float]:
    """Write the corpus of size ``n`` at ``path``; the truth pairs and seconds spent."""
    from wirelens.model import Analysis, Article
    from wirelens.store import open_store

    started = time.perf_counter()
    docs, truth = generate(n)
    with open_store(str(path)) as store:
        for start in range(0, len(docs), 5000):
            store.add(
                Analysis(article=Article(id=i, body=body, text="", source=f"gen/{i[-8:]}"))
                for i, body in docs[start : start + 5000]
            )
    return truth, time.perf_counter() - started


def link_child(path: str) -> None:
    """In the child: link the corpus, print timing, peak memory and the found pairs."""
    from wirelens.link import link
    from wirelens.link.db import query
    from wirelens.store import open_store

    phases: dict[str, float] = {}

    def phase(line: str) -> None:
        phases.setdefault(line.split(maxsplit=1)[0], round(time.process_time() - cpu, 2))

    with open_store(path) as store:
        started, cpu = time.perf_counter(), time.process_time()
        report = link(store, progress=phase)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        members: dict[int, list[int]] = {}
        for article_id, group_id in query(store, "SELECT article_id, group_id FROM copy_members"):
            members.setdefault(int(group_id), []).append(int(str(article_id)[7:], 16))
    found = [sorted(p) for m in members.values() for p in combinations(sorted(m), 2)]
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "link_seconds": round(seconds, 2),
                "link_cpu_seconds": round(cpu_seconds, 2),
                "cpu_at_phase_start": phases,
                "peak_rss_mib": round(peak_kib / 1024, 1),
                "candidates": report.copies.candidates,
                "copy_pairs_verified": report.copies.copies,
                "groups": report.copies.groups,
                "found_pairs": found,
            }
        )
    )


def _truth_pairs(truth: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """All pairs inside each original's family (original + its copies)."""
    families: dict[int, list[int]] = {}
    for copy, original in truth:
        families.setdefault(original, [original]).append(copy)
    return {tuple(sorted(p)) for f in families.values() for p in combinations(f, 2)}  # type: ignore[misc]


def measure(n: int) -> dict[str, Any]:
    """Build, then link in a child process; one result row."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        path = Path(tmp) / "corpus.db"
        truth, build_seconds = build(path, n)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        child = subprocess.run(
            [sys.executable, "-m", "bench.syndication_scale", "--link-child", str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env=env,
        )
        db_mib = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
    result = json.loads(child.stdout.strip().splitlines()[-1])
    gold = _truth_pairs(truth)
    found = {tuple(p) for p in result.pop("found_pairs")}
    hits = len(gold & found)
    return {
        "documents": n,
        "copies": len(truth),
        "build_seconds": round(build_seconds, 1),
        "db_mib": round(db_mib, 1),
        **result,
        "pair_precision": round(hits / len(found), 4) if found else 1.0,
        "pair_recall": round(hits / len(gold), 4) if gold else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="Comma-separated corpus sizes.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write.")
    parser.add_argument("--link-child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.link_child:
        link_child(args.link_child)
        return
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        row = measure(n)
        if rows:
            prev = rows[-1]
            scale = log(n / prev["documents"])
            row["time_exponent"] = round(log(row["link_seconds"] / prev["link_seconds"]) / scale, 2)
            row["cpu_exponent"] = round(
                log(row["link_cpu_seconds"] / prev["link_cpu_seconds"]) / scale, 2
            )
            row["memory_exponent"] = round(
                log(row["peak_rss_mib"] / prev["peak_rss_mib"]) / scale, 2
            )
        rows.append(row)
        print(json.dumps(row), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": rows,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
