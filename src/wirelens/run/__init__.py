"""The ingest pipeline: read -> clean -> attribute -> store, in batches.

Reading happens in this process (it is I/O and cheap); cleaning and attribution, the expensive
stages, run over batches of Documents - in this process or in a pool of worker processes, each of
which loads its models once. Each batch is committed in one transaction, so an interrupted
ingest keeps every committed batch and the same command, run again, adds only what is missing
(articles are keyed by content hash).
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from wirelens.model import Analysis, Document
from wirelens.store.base import Store

__all__ = ["IngestReport", "analyze_batch", "ingest"]


@dataclass
class IngestReport:
    """What an ingest did: documents read, articles new and already stored, failures."""

    read: int = 0
    new: int = 0
    existing: int = 0
    failed: list[str] = field(default_factory=list)
    #: seconds spent writing to the store (the rest is reading and analysis)
    store_seconds: float = 0.0


def _setup() -> None:
    from wirelens.attribute import setup

    setup()


def analyze_batch(documents: list[Document]) -> list[Analysis | tuple[str, str]]:
    """Clean and attribute a batch; a document that fails becomes ``(source, error)``."""
    from wirelens.attribute import analyze_article
    from wirelens.clean import clean

    out: list[Analysis | tuple[str, str]] = []
    for document in documents:
        try:
            out.append(analyze_article(clean(document)))
        except Exception as exc:  # one crashing document never stops an ingest
            out.append((document.source, f"{type(exc).__name__}: {exc}"))
    return out


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def ingest(
    documents: Iterable[Document],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 64,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Analyse and store ``documents``; returns counts. Failures are recorded, never fatal."""
    report = IngestReport()
    batches = _batches(documents, batch_size)
    pool = None
    if workers > 1:
        pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_setup)
        results: Iterator[list[Analysis | tuple[str, str]]] = pool.imap(analyze_batch, batches)
    else:
        _setup()
        results = map(analyze_batch, batches)
    try:
        for batch in results:
            analyses = [r for r in batch if isinstance(r, Analysis)]
            for source, error in (r for r in batch if not isinstance(r, Analysis)):
                store.record_failure(source, error)
                report.failed.append(source)
            started = time.perf_counter()
            added = store.add(analyses)
            report.store_seconds += time.perf_counter() - started
            report.read += len(batch)
            report.new += added.new
            report.existing += added.existing
            if progress is not None:
                progress(report)
    finally:
        if pool is not None:
            pool.terminate()
    return report
