"""Speed benchmark: scraped-text docs/s and HTML pages/s through wirelens' read + clean path.

Run from the repository root::

    .venv/bin/python -m bench.speed [--shared ../shared] [--workers 2] [--docs 1000]

Text: the seed article and the project's own fictional text fixtures, repeated to ``--docs``
documents, each read with :func:`wirelens.read` (text in, Article out). HTML: the AEB
benchmark's pages (``SHARED/data/extraction/aeb/html``) through :func:`wirelens.clean.clean`.
Each is timed in one process and in a pool of ``--workers`` processes (the number the targets
are stated for: >= 200 text docs/s and >= 60 HTML pages/s on 2 cores). Prints a summary and
writes ``bench/out/speed.json``. Numbers are noisy on a shared machine: run it twice.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "speed.json"
TEXT_SUFFIXES = {".txt", ""}


def text_articles(shared: Path) -> list[str]:
    """The seed article plus every plain-text fixture the project wrote (not markup or JSON)."""
    paths = [shared / "seed" / "latestly-ani-khamenei.txt"]
    paths += sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.is_file())
    texts = []
    for path in paths:
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES or path.name.startswith("."):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.lstrip()[:1] not in {"<", "{", "["} and "\n" in text.strip():
            texts.append(text)
    return texts


def html_pages(shared: Path) -> list[tuple[str, str]]:
    """(name, markup) of every AEB page."""
    folder = shared / "data" / "extraction" / "aeb" / "html"
    return [
        (p.name, gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace"))
        for p in sorted(folder.glob("*.html.gz"))
    ]


def read_text_batch(texts: Sequence[str]) -> int:
    """Read + clean each text; returns how many Articles came out (work must not be skipped)."""
    import wirelens

    return sum(1 for text in texts for _ in wirelens.read(text))


def clean_html_batch(pages: Sequence[tuple[str, str]]) -> int:
    """Clean each HTML page as a Document."""
    from wirelens.clean import clean
    from wirelens.model import Document

    done = 0
    for name, html in pages:
        clean(Document(content=html, kind="html", source=name))
        done += 1
    return done


def _warm(batch: Callable[[Any], int], items: Sequence[Any]) -> None:
    """Import modules and load tables once per process, outside the timing."""
    batch(items[:2])


def timed(batch: Callable[[Any], int], items: Sequence[Any], workers: int) -> dict[str, Any]:
    """Items/s of ``batch`` over ``items`` in one process (workers=1) or a process pool."""
    if workers <= 1:
        _warm(batch, items)
        start = time.perf_counter()
        done = batch(items)
        seconds = time.perf_counter() - start
    else:
        chunks = [items[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_warm, [batch] * workers, chunks))
            start = time.perf_counter()
            done = sum(pool.map(batch, chunks))
            seconds = time.perf_counter() - start
    return {"items": done, "seconds": round(seconds, 3), "per_s": round(done / seconds, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--docs", type=int, default=1000, help="text documents to time")
    args = parser.parse_args(argv)

    texts = text_articles(args.shared)
    if not texts:
        print(f"bench: no text articles found (seed under {args.shared})", file=sys.stderr)
        return 2
    text_docs = [texts[i % len(texts)] for i in range(args.docs)]
    pages = html_pages(args.shared)
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "targets": {"text_docs_per_s": 200, "html_pages_per_s": 60, "workers": args.workers},
        "text": {"distinct_articles": len(texts), "docs": len(text_docs)},
        "html": {"pages": len(pages), "source": "aeb"},
    }
    for workers in sorted({1, args.workers}):
        result["text"][f"workers_{workers}"] = timed(read_text_batch, text_docs, workers)
        if pages:
            result["html"][f"workers_{workers}"] = timed(clean_html_batch, pages, workers)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for kind, unit in (("text", "docs/s"), ("html", "pages/s")):
        for key, value in result[kind].items():
            if key.startswith("workers_"):
                rate, items, secs = value["per_s"], value["items"], value["seconds"]
                print(f"{kind:5} {key:10} {rate:8.1f} {unit} ({items} in {secs} s)")
    if not pages:
        print(f"html: no AEB pages under {args.shared}/data/extraction/aeb", file=sys.stderr)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
