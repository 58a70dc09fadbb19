"""The ingest pipeline: read -> clean -> attribute -> store, in batches.

Reading happens in this process (it is I/O and cheap); cleaning and attribution, the expensive
stages, run over batches of Documents - in this process or in a pool of worker processes, each of
which loads its models once. Each batch is committed in one transaction, so an interrupted
ingest keeps every committed batch and the same command, run again, adds only what is missing
(articles are keyed by content hash).

Failures never cost other records: a document that cannot be analysed, and a record that cannot
be read (given to :class:`ReadFailures`, the ``on_error`` of ``read_documents``), is recorded in
the store's ``failures`` table; a source that fails outright still has the documents read
before it stored.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from wirelens.errors import RecordError, StoreError, WirelensError
from wirelens.model import Analysis, Document
from wirelens.readers.context import ErrorHandler
from wirelens.store.base import Store

__all__ = ["IngestReport", "ReadFailures", "analyze_batch", "ingest"]


@dataclass
class IngestReport:
    """What an ingest did: documents read, articles new and already stored, failures."""

    read: int = 0
    new: int = 0
    existing: int = 0
    failed: list[str] = field(default_factory=list)
    #: records or sources that could not be read (``source`` or ``source, position``)
    unread: list[str] = field(default_factory=list)
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


class ReadFailures:
    """An ``on_error`` handler for ``read_documents`` that keeps read failures for the store.

    With worker processes the reader runs in the pool's feeder thread, so failures are queued
    here and written by :func:`ingest` in its own thread (a database connection is not shared
    across threads). ``then`` is told about each failure too (e.g. to print a warning).
    """

    def __init__(self, then: ErrorHandler | None = None) -> None:
        self._queue: queue.SimpleQueue[tuple[str, str | None, str]] = queue.SimpleQueue()
        self._then = then

    def __call__(self, name: str, error: WirelensError) -> None:
        if isinstance(error, RecordError):
            self._queue.put((error.source, error.position, error.reason))
        else:
            message = str(error)
            self._queue.put((name, None, message.removeprefix(name).lstrip(": ") or message))
        if self._then is not None:
            self._then(name, error)

    def drain(self) -> list[tuple[str, str | None, str]]:
        """The failures queued so far, as ``(source, position, reason)``, oldest first."""
        out = []
        while True:
            try:
                out.append(self._queue.get_nowait())
            except queue.Empty:
                return out


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Batches of ``size``; when the source fails, the documents read before it still come out
    as a last batch, then the error is raised."""
    batch: list[Document] = []
    try:
        for document in documents:
            batch.append(document)
            if len(batch) == size:
                yield batch
                batch = []
    except WirelensError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def _record_read_failures(
    store: Store, failures: ReadFailures | None, report: IngestReport
) -> None:
    for source, position, reason in failures.drain() if failures else ():
        store.record_failure(source, reason, position)
        report.unread.append(f"{source}, {position}" if position else source)


def ingest(
    documents: Iterable[Document],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 64,
    progress: Callable[[IngestReport], None] | None = None,
    read_failures: ReadFailures | None = None,
) -> IngestReport:
    """Analyse and store ``documents``; returns counts. Failures are recorded, never fatal.

    ``read_failures``: the ``on_error`` handler the documents were read with; what it caught is
    recorded in the store after each batch. An error raised by ``documents`` itself (a bad
    single source) propagates after the documents read before it are stored.
    """
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
            added = store.add(analyses, speakers=False)  # the registry once, at the end
            report.store_seconds += time.perf_counter() - started
            report.read += len(batch)
            report.new += added.new
            report.existing += added.existing
            _record_read_failures(store, read_failures, report)
            if progress is not None:
                progress(report)
    except WirelensError as exc:
        if not isinstance(exc, StoreError):  # the source failed: keep what it reported first
            _record_read_failures(store, read_failures, report)
        raise
    finally:
        if pool is not None:
            pool.terminate()
    _record_read_failures(store, read_failures, report)
    if report.new:
        started = time.perf_counter()
        store.refresh_speakers()
        report.store_seconds += time.perf_counter() - started
    return report
