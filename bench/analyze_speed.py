"""Speed of ``analyze``: plain article text in, Analysis JSON out, in one process.

Issue 3 asks for at least 25 articles/s on the 2-core reference machine. The articles are the
team-written attribution fixtures (``tests/fixtures/attribution``), repeated until there are
about 300, each read as a text Document, cleaned, attributed and encoded to JSON, so the figure
covers the whole ``wirelens analyze`` path except file reading. Model loading (``setup()``) is
timed apart: it is paid once per process. Both the batched path (``analyze_articles``, what
ingest uses) and the one-by-one path (``analyze_article``, what ``wirelens.analyze`` uses) are
measured. Wall-clock figures are noisy on a shared machine, so CPU seconds of this process are
reported too.

Run: ``python -m bench.analyze_speed [--articles 300] [--out bench/out/analyze_speed.json]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wirelens.model import Analysis, Document, to_json

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "attribution"
DEFAULT_OUT = ROOT / "bench" / "out" / "analyze_speed.json"
TARGET_ARTICLES_PER_S = 25.0


def load_documents(count: int) -> list[Document]:
    """The fixture articles as text Documents, repeated to ``count``."""
    base = []
    for path in sorted(FIXTURES.glob("*.txt")):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        base.append(
            Document(
                content=path.read_text(encoding="utf-8"),
                kind="text",
                source=str(path.relative_to(ROOT)),
                outlet=spec["document"]["outlet"],
            )
        )
    if not base:
        raise SystemExit(f"no fixtures in {FIXTURES}")
    return [base[i % len(base)] for i in range(count)]


def _batched(documents: list[Document]) -> Iterator[Analysis]:
    from wirelens.attribute import analyze_articles
    from wirelens.clean import clean

    return analyze_articles(clean(d) for d in documents)


def _one_by_one(documents: list[Document]) -> Iterator[Analysis]:
    from wirelens.attribute import analyze_article
    from wirelens.clean import clean

    return (analyze_article(clean(d)) for d in documents)


def measure(
    name: str, run: Callable[[list[Document]], Iterator[Analysis]], documents: list[Document]
) -> dict[str, Any]:
    """Time one path over all documents: wall and CPU seconds, articles and words per second."""
    words = sum(len(d.content.split()) for d in documents)
    started, cpu_started = time.perf_counter(), time.process_time()
    out_bytes = attributions = 0
    for analysis in run(documents):
        out_bytes += len(to_json(analysis))
        attributions += len(analysis.attributions)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "path": name,
        "articles": len(documents),
        "words": words,
        "attributions": attributions,
        "json_bytes": out_bytes,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "articles_per_s": round(len(documents) / wall, 2),
        "articles_per_cpu_s": round(len(documents) / cpu, 2) if cpu else None,
        "words_per_s": round(words / wall),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles per path")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON result file")
    parser.add_argument(
        "--path", choices=("batched", "one-by-one", "both"), default="both", help="what to time"
    )
    args = parser.parse_args(argv)

    from wirelens.attribute import analyze_article, setup
    from wirelens.clean import clean

    started = time.perf_counter()
    setup()
    setup_s = time.perf_counter() - started
    documents = load_documents(args.articles)
    analyze_article(clean(documents[0]))  # warm-up: first-call costs are not throughput

    runs = []
    if args.path in ("batched", "both"):
        runs.append(measure("batched (analyze_articles)", _batched, documents))
    if args.path in ("one-by-one", "both"):
        runs.append(measure("one-by-one (analyze_article)", _one_by_one, documents))
    result = {
        "benchmark": "analyze text -> JSON, single process",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "target_articles_per_s": TARGET_ARTICLES_PER_S,
        "setup_s": round(setup_s, 2),
        "fixtures": len(list(FIXTURES.glob("*.txt"))),
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"setup (model load): {setup_s:.2f} s; load average {result['load_avg_1m']}")
    for r in runs:
        verdict = "meets" if r["articles_per_s"] >= TARGET_ARTICLES_PER_S else "below"
        print(
            f"{r['path']:30} {r['articles']} articles in {r['wall_s']:.2f} s wall "
            f"({r['cpu_s']:.2f} s CPU): {r['articles_per_s']:.1f} articles/s, "
            f"{r['articles_per_cpu_s']} per CPU-s, {r['words_per_s']} words/s "
            f"[{verdict} target {TARGET_ARTICLES_PER_S:.0f}/s]"
        )
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
