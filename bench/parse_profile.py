"""Where an article's analysis time goes: CPU milliseconds per article, stage by stage.

``python -m bench.parse_profile [--shared ../shared] [--scope speech] [--out
bench/out/parse_profile.json]``

Runs on the PolNeAR dev texts (read by path from ``--shared``) in this one process and measures
CPU time (``time.process_time``, so a loaded shared machine inflates it less than wall time):
reading, cleaning, recasing and the candidate-sentence pass, the tokenizer, each component of
the spaCy pipeline (``nlp.pipe`` order; the lemmatizer is never loaded), the attribution rules
and speaker resolution, and storing in a fresh SQLite file. The pipeline stages are measured
twice: parsing every sentence (``parse = all``) and only candidate sentences (``candidates``),
with the share of characters the candidate pass keeps; then the whole attribute stage
(``analyze_batch``) in each mode, twice, alternating.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from wirelens.attribute import setup
from wirelens.attribute.assemble import attributions_from_doc
from wirelens.attribute.candidates import blank, kept_ranges, mark_kept_starts
from wirelens.attribute.casing import recase
from wirelens.attribute.nlp import one_blas_thread
from wirelens.attribute.spans import with_text


def _cpu(step: Callable[[], Any]) -> tuple[float, Any]:
    started = time.process_time()
    result = step()
    return time.process_time() - started, result


def _pipeline(nlp: Any, bodies: list[str], parse: str, scope: str) -> dict[str, float]:
    """CPU seconds of each step from recased text to attributions, for one parse mode."""
    seconds: dict[str, float] = {}
    seconds["recase"], shown = _cpu(lambda: [recase(b) for b in bodies])
    kept = 1.0
    if parse == "candidates":
        seconds["candidates"], ranges = _cpu(lambda: [kept_ranges(t) for t in shown])
        kept = sum(b - a for r in ranges for a, b in r) / sum(len(t) for t in shown)
        shown = [blank(t, r) for t, r in zip(shown, ranges, strict=True)]
    seconds["tokenizer"], docs = _cpu(lambda: [nlp.make_doc(t) for t in shown])
    if parse == "candidates":
        for doc, r in zip(docs, ranges, strict=True):
            mark_kept_starts(doc, r)
    for name, component in nlp.pipeline:
        if hasattr(component, "pipe"):
            seconds[name], docs = _cpu(lambda c=component, d=docs: list(c.pipe(d, batch_size=8)))
        else:
            seconds[name], docs = _cpu(lambda c=component, d=docs: [c(x) for x in d])
    seconds["rules_and_speakers"], _ = _cpu(
        lambda: [
            attributions_from_doc(with_text(d, b), scope=scope)
            for d, b in zip(docs, bodies, strict=True)
        ]
    )
    seconds["kept_share"] = kept
    return seconds


def profile(shared: Path, scope: str) -> dict[str, Any]:
    """Per-article CPU milliseconds of every stage, in both parse modes."""
    from wirelens.attribute import analyze_batch
    from wirelens.clean import clean
    from wirelens.readers import read_documents
    from wirelens.store import open_store

    folder = shared / "data" / "polnear" / "dev" / "text"
    read_s, documents = _cpu(lambda: list(read_documents(folder)))
    clean_s, articles = _cpu(lambda: [clean(d) for d in documents])
    n = len(articles)
    nlp = setup()
    bodies = [a.body for a in articles]
    modes = {mode: _pipeline(nlp, bodies, mode, scope) for mode in ("all", "candidates")}
    found = analyze_batch(articles, scope=scope, parse="candidates")
    end_to_end: dict[str, list[float]] = {"all": [], "candidates": []}
    for _ in range(2):  # alternating, so a change in the machine's load hits both alike
        for mode, runs in end_to_end.items():
            runs.append(_cpu(lambda m=mode: analyze_batch(articles, scope=scope, parse=m))[0])
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "p.db")) as store:
        store_s, _ = _cpu(lambda: store.add(found, speakers=True))
    per_article = {
        "read": read_s,
        "clean": clean_s,
        "store": store_s,
    }
    result: dict[str, Any] = {
        "articles": n,
        "scope": scope,
        "cpu_ms_per_article": {k: round(1000 * v / n, 1) for k, v in per_article.items()},
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "analyze_batch_cpu_ms_per_article": {
            mode: [round(1000 * r / n, 1) for r in runs] for mode, runs in end_to_end.items()
        },
    }
    for mode, seconds in modes.items():
        kept = seconds.pop("kept_share")
        result[f"parse_{mode}"] = {
            "kept_share_of_chars": round(kept, 3),
            "cpu_ms_per_article": {k: round(1000 * v / n, 1) for k, v in seconds.items()},
            "total_ms": round(1000 * sum(seconds.values()) / n, 1),
        }
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--scope", default="speech", choices=("speech", "stance"))
    parser.add_argument("--out", type=Path, default=Path("bench/out/parse_profile.json"))
    args = parser.parse_args(argv)
    with one_blas_thread():  # as the attribute stage parses
        result = profile(args.shared, args.scope)
    print(json.dumps(result, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
