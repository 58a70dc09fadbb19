"""Scale of wire-copy linking: near-duplicate detection over 10k, 100k and 1M documents.

``python -m bench.syndication_scale [--sizes 10000,100000] [--workers 2] [--out FILE.json]``
(default ``bench/out/syndication_scale.json``).

For each size N, N fictional documents are generated (fixed seed) into a fresh SQLite corpus:
90% originals of 120-320 words drawn from a Zipf-distributed vocabulary of 60,000 invented
words (so common words and phrases recur across unrelated documents, as in news), and 10%
aggregator copies of random originals - a wrapper line before and after, and half of them cut
to their first 50-80% of paragraphs. Generation streams (each original, then its copies; only
the plan of which original each copy takes is kept), so 1M documents never sit in memory, and
the articles go straight into the table (the bench's corpus has no full-text index). Then the
wire-copy step (``wirelens.link.copies.link_copies`` with ``--workers`` signing processes:
signing, the band join in SQLite, verification and grouping) runs **in a child process** on
the whole corpus; its wall time, CPU seconds (its own and its workers') and peak resident
memory (``ru_maxrss`` of the child, and the largest worker's) are recorded, with the pair
precision and recall against the generated truth. Writing the corpus is timed apart: it is
ingest, not linking.

The machine is shared (other work runs on its two cores), so CPU seconds are reported beside
wall time, and the 1-minute load average is sampled every 15 s during each run (min, mean,
max); growth is the exponent b of time ~ N^b (and of memory) between consecutive sizes (1.0
is linear).
Figures go to stdout and to the JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import combinations
from math import log
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

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


@dataclass(frozen=True)
class Plan:
    """What to generate for ``n`` documents, decided up front in O(copies) memory.

    Originals are ``0 .. originals-1``; copy ``j`` is document ``originals + j``, a copy of
    original ``sources[j]``, cut to ``keep[j]`` of its paragraphs when ``cut[j]``, wrapped in
    ``WRAPPERS[wrapper[j]]``. Documents are then written in a stream: each original, then the
    copies made from it, so the corpus is never held in memory.
    """

    n: int
    originals: int
    sources: npt.NDArray[np.int64]
    cut: npt.NDArray[np.bool_]
    keep: npt.NDArray[np.float64]
    wrapper: npt.NDArray[np.int64]

    @classmethod
    def make(cls, n: int, seed: int) -> Plan:
        rng = np.random.default_rng([seed, 1])
        originals = n - n // 10
        copies = n - originals
        return cls(
            n,
            originals,
            rng.integers(0, originals, size=copies),
            rng.random(copies) < 0.5,
            rng.uniform(0.5, 0.8, size=copies),
            rng.integers(0, len(WRAPPERS), size=copies),
        )

    def truth(self) -> list[tuple[int, int]]:
        """(copy, original) index pairs."""
        return [(self.originals + j, int(s)) for j, s in enumerate(self.sources)]


def _copy_body(plan: Plan, j: int, paragraphs: list[str]) -> str:
    if plan.cut[j]:
        paragraphs = paragraphs[: max(2, round(len(paragraphs) * float(plan.keep[j])))]
    head, tail = WRAPPERS[int(plan.wrapper[j])]
    return "\n\n".join([head, *paragraphs, tail])


def generate(n: int, seed: int = SEED, chunk: int = 5000) -> Iterator[list[tuple[int, str]]]:
    """(index, body) of ``n`` documents, in chunks of about ``chunk`` originals and their copies.

    Word draws are vectorised (one ``searchsorted`` on the Zipf CDF per chunk) and only one
    chunk of bodies exists at a time: 1M documents need the plan (a few MB), not the corpus.
    """
    plan = Plan.make(n, seed)
    rng, np_rng = random.Random(seed), np.random.default_rng(seed)
    vocab = _vocabulary(rng)
    weights = 1.0 / np.arange(1, VOCABULARY + 1) ** 1.05
    cdf = np.cumsum(weights / weights.sum())
    order = np.argsort(plan.sources, kind="stable")
    sorted_sources = plan.sources[order]
    for first in range(0, plan.originals, chunk):
        last = min(first + chunk, plan.originals)
        lengths = np_rng.integers(120, 320, size=last - first)
        picks = np.minimum(np.searchsorted(cdf, np_rng.random(int(lengths.sum()))), VOCABULARY - 1)
        ends = np.cumsum(lengths)
        out: list[tuple[int, str]] = []
        for k, length in enumerate(lengths.tolist()):
            words = itemgetter(*picks[ends[k] - length : ends[k]].tolist())(vocab)
            cuts = sorted(rng.sample(range(10, length - 10), k=min(6, length // 40)))
            paragraphs = [
                " ".join(words[a:b]) + "." for a, b in zip([0, *cuts], [*cuts, length], strict=True)
            ]
            out.append((first + k, "\n\n".join(paragraphs)))
        lo, hi = np.searchsorted(sorted_sources, [first, last])
        for j in order[lo:hi].tolist():
            paragraphs = out[int(plan.sources[j]) - first][1].split("\n\n")
            out.append((plan.originals + j, _copy_body(plan, j, paragraphs)))
        yield out


def article_id(index: int) -> str:
    """The stored id of generated document ``index``."""
    return f"sha256:{index:064x}"


def build(path: Path, n: int) -> tuple[list[tuple[int, int]], float]:
    """Write the corpus of size ``n`` at ``path``; the truth pairs and seconds spent.

    Articles go straight into the ``articles`` table (one transaction and one ``executemany``
    per chunk), not through ``Store.add``: nothing was analysed, and the full-text trigger is
    dropped in this throw-away corpus because linking never reads the full-text index. Only
    the columns linking reads are filled.
    """
    from wirelens.store import open_store

    started = time.perf_counter()
    with open_store(str(path)) as store:
        store._execute("DROP TRIGGER IF EXISTS articles_fts_insert")
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")
    for docs in generate(n):
        with db:
            db.executemany(
                "INSERT INTO articles(id, body, record, component, source) "
                "VALUES (?, ?, '{}', 'bench', ?)",
                [(article_id(i), body, f"gen/{i}") for i, body in docs],
            )
    db.close()
    return Plan.make(n, SEED).truth(), time.perf_counter() - started


def link_child(path: str, workers: int) -> None:
    """In the child: find the wire copies, print timing, peak memory and the found pairs.

    Only the wire-copy step (``link_copies``: signing, the band join, verification, groups)
    runs - that is near-duplicate detection; quote traces need attributions (there are none
    here) and stories are another problem with their own benchmark.
    """
    from wirelens.link import LinkOptions
    from wirelens.link.copies import link_copies
    from wirelens.link.db import run
    from wirelens.store import open_store

    phases: dict[str, float] = {}

    def phase(line: str) -> None:
        key = line.split(maxsplit=1)[0]
        if key not in phases:
            phases[key] = round(time.process_time() - cpu, 2)
            print(f"  {time.perf_counter() - started:7.1f}s {line}", file=sys.stderr, flush=True)

    with open_store(path) as store:
        started, cpu = time.perf_counter(), time.process_time()
        report = link_copies(store, LinkOptions(workers=workers), phase)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the signing workers, joined
        members: dict[int, list[int]] = {}
        for article, group_id in run(store, "SELECT article_id, group_id FROM copy_members"):
            members.setdefault(int(group_id), []).append(int(str(article)[7:], 16))
    found = [sorted(p) for m in members.values() for p in combinations(sorted(m), 2)]
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "link_seconds": round(seconds, 2),
                "link_cpu_seconds": round(cpu_seconds + children.ru_utime + children.ru_stime, 2),
                "worker_cpu_seconds": round(children.ru_utime + children.ru_stime, 2),
                "cpu_at_phase_start": phases,
                "peak_rss_mib": round(peak_kib / 1024, 1),
                "worker_peak_rss_mib": round(children.ru_maxrss / 1024, 1),
                "candidates": report.candidates,
                "copy_pairs_verified": report.copies,
                "groups": report.groups,
                "found_pairs": found,
            }
        )
    )


class LoadSampler(threading.Thread):
    """Samples the 1-minute load average every ``every`` seconds while a run goes on."""

    def __init__(self, every: float = 15.0) -> None:
        super().__init__(daemon=True)
        self.every, self.samples, self.done = every, [os.getloadavg()[0]], threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def summary(self) -> dict[str, float]:
        self.done.set()
        self.samples.append(os.getloadavg()[0])
        values = self.samples
        return {
            "min": round(min(values), 2),
            "mean": round(sum(values) / len(values), 2),
            "max": round(max(values), 2),
        }


def _truth_pairs(truth: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """All pairs inside each original's family (original + its copies)."""
    families: dict[int, list[int]] = {}
    for copy, original in truth:
        families.setdefault(original, [original]).append(copy)
    return {tuple(sorted(p)) for f in families.values() for p in combinations(f, 2)}  # type: ignore[misc]


def measure(n: int, workers: int) -> dict[str, Any]:
    """Build, then link in a child process; one result row."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        path = Path(tmp) / "corpus.db"
        load = LoadSampler()
        load.start()
        truth, build_seconds = build(path, n)
        build_load = load.summary()
        print(f"{n}: corpus written in {build_seconds:.1f}s", file=sys.stderr, flush=True)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        load = LoadSampler()
        load.start()
        child = subprocess.run(
            [
                sys.executable,
                *("-m", "bench.syndication_scale", "--link-child", str(path)),
                *("--workers", str(workers)),
            ],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
            cwd=ROOT,
            env=env,
        )
        link_load = load.summary()
        db_mib = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
    result = json.loads(child.stdout.strip().splitlines()[-1])
    gold = _truth_pairs(truth)
    found = {tuple(p) for p in result.pop("found_pairs")}
    hits = len(gold & found)
    return {
        "documents": n,
        "workers": workers,
        "copies": len(truth),
        "build_seconds": round(build_seconds, 1),
        "build_load_average": build_load,
        "db_mib": round(db_mib, 1),
        **result,
        "pairs": len(found),
        "load_average": link_load,
        "pair_precision": round(hits / len(found), 4) if found else 1.0,
        "pair_recall": round(hits / len(gold), 4) if gold else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="Comma-separated corpus sizes.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write.")
    parser.add_argument(
        "--workers", type=int, default=2, help="Signing processes (LinkOptions.workers)."
    )
    parser.add_argument("--link-child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.link_child:
        link_child(args.link_child, args.workers)
        return
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        row = measure(n, args.workers)
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
