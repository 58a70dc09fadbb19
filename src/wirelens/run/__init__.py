"""The ingest pipeline: read -> clean -> attribute -> store, in batches.

Reading happens in this process (it is I/O and cheap); cleaning and attribution, the expensive
stages (:mod:`wirelens.run.stages`), run over batches - in this process or in a pool of worker
processes, each of which sets every stage up once. Between the two, articles whose content hash
is already stored are dropped: re-ingesting a corpus does no analysis. Each batch is committed in
one transaction, so an interrupted ingest keeps every committed batch and the same command, run
again, adds only what is missing (articles are keyed by content hash).

Failures never cost other records: a document that cannot be analysed, and a record that cannot
be read (given to :class:`ReadFailures`, the ``on_error`` of ``read_documents``), is recorded in
the store's ``failures`` table; a source that fails outright still has the documents read
before it stored.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from wirelens.errors import RecordError, StoreError, WirelensError
from wirelens.model import Analysis, Article, Document
from wirelens.readers.context import ErrorHandler
from wirelens.run.options import Options
from wirelens.run.stages import Failure, attribute_stage, clean_stage, setup_all
from wirelens.store.base import Store

__all__ = ["IngestReport", "Options", "ReadFailures", "ingest"]


@dataclass
class IngestReport:
    """What an ingest did: documents read, articles new and already stored, failures."""

    read: int = 0
    new: int = 0
    existing: int = 0
    #: articles attributed in this run (already-stored content hashes are not)
    analyzed: int = 0
    failed: list[str] = field(default_factory=list)
    #: records or sources that could not be read (``source`` or ``source, position``)
    unread: list[str] = field(default_factory=list)
    #: seconds spent writing to the store (the rest is reading and analysis)
    store_seconds: float = 0.0
    #: seconds until every worker had loaded its models, before any document was read
    startup_seconds: float = 0.0


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


def _rounds(batches: Iterator[list[Document]], size: int) -> Iterator[list[list[Document]]]:
    """Rounds of ``size`` batches (one per worker); like :func:`_batches`, a round read before
    the source failed still comes out before the error is raised."""
    round_: list[list[Document]] = []
    try:
        for batch in batches:
            round_.append(batch)
            if len(round_) == size:
                yield round_
                round_ = []
    except WirelensError:
        if round_:
            yield round_
        raise
    if round_:
        yield round_


def _record_read_failures(
    store: Store, failures: ReadFailures | None, report: IngestReport
) -> None:
    for source, position, reason in failures.drain() if failures else ():
        store.record_failure(source, reason, position)
        report.unread.append(f"{source}, {position}" if position else source)


def _split(items: Sequence[Any], parts: int) -> list[list[Any]]:
    """``items`` in at most ``parts`` runs of near-equal length, order kept."""
    size = -(-len(items) // max(parts, 1)) or 1
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


#: Thread pools of the numerical libraries under spaCy (OpenBLAS starts one thread per core):
#: one each in a worker, since the workers already fill the cores.
_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
)
#: Pieces of a round per worker (:attr:`_Runner.parts`).
_PARTS_PER_WORKER = 8
#: Longest wait for the workers to load their models before going on without waiting.
_STARTUP_TIMEOUT = 120.0


@contextlib.contextmanager
def _one_thread_each() -> Iterator[None]:
    """Set the thread variables the user has not set, for processes started inside."""
    unset = [name for name in _THREAD_VARIABLES if name not in os.environ]
    os.environ.update(dict.fromkeys(unset, "1"))
    try:
        yield
    finally:
        for name in unset:
            os.environ.pop(name, None)


def _start(options: Options, ready: Any) -> None:
    """A worker's initializer: set every stage up, then say so."""
    setup_all(options)
    ready.put(os.getpid())


class _Runner:
    """Runs a stage over batches: in this process, or spread over a pool of workers."""

    def __init__(self, options: Options, workers: int) -> None:
        self.options = options
        self.workers = workers
        self.pool: Any = None
        started = time.perf_counter()
        if workers > 1:
            context = multiprocessing.get_context("spawn")
            ready = context.SimpleQueue()
            with _one_thread_each():
                self.pool = context.Pool(workers, initializer=_start, initargs=(options, ready))
            self._wait(ready, started)
        else:
            setup_all(options)
        self.startup_seconds = time.perf_counter() - started
        #: batches a round is cut into: several per worker, handed out as workers come free,
        #: so one worker with the long articles does not keep the other waiting
        self.parts = workers * _PARTS_PER_WORKER if self.pool is not None else 1

    def _wait(self, ready: Any, started: float) -> None:
        """Wait until every worker has loaded its models (so startup is measured apart)."""
        for _ in range(self.workers):
            while ready.empty():
                if time.perf_counter() - started > _STARTUP_TIMEOUT:
                    return
                time.sleep(0.01)
            ready.get()

    def map(
        self, stage: Callable[[Options, Any], list[Any]], batches: list[list[Any]]
    ) -> list[Any]:
        """The stage's output for every batch, concatenated in order."""
        batches = [b for b in batches if b]
        if self.pool is None:
            results = [stage(self.options, b) for b in batches]
        else:
            results = self.pool.map(partial(stage, self.options), batches, chunksize=1)
        return [item for result in results for item in result]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()


def _fresh(store: Store, articles: list[Article]) -> tuple[list[Article], int]:
    """The articles whose content hash is neither stored nor earlier in the list; and how
    many were dropped."""
    known = store.known([a.id for a in articles])
    fresh: list[Article] = []
    for article in articles:
        if article.id not in known:
            known.add(article.id)
            fresh.append(article)
    return fresh, len(articles) - len(fresh)


def ingest(
    documents: Iterable[Document],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 64,
    progress: Callable[[IngestReport], None] | None = None,
    read_failures: ReadFailures | None = None,
    options: Options | None = None,
) -> IngestReport:
    """Analyse and store ``documents``; returns counts. Failures are recorded, never fatal.

    ``read_failures``: the ``on_error`` handler the documents were read with; what it caught is
    recorded in the store after each batch. An error raised by ``documents`` itself (a bad
    single source) propagates after the documents read before it are stored. ``options``
    (resolved once, at the caller's edge) default to the settings.

    Each round takes ``workers`` batches: the workers clean them, this process drops the
    articles already stored, and the workers attribute the rest, in a few pieces per worker
    that each takes as it comes free.
    """
    options = options or Options.resolve()
    report = IngestReport()
    runner = _Runner(options, workers)
    report.startup_seconds = runner.startup_seconds
    try:
        for round_ in _rounds(_batches(documents, batch_size), workers):
            documents_in = [d for b in round_ for d in b]
            cleaned = runner.map(clean_stage, _split(documents_in, runner.parts))
            articles = [c for c in cleaned if isinstance(c, Article)]
            fresh, skipped = _fresh(store, articles)
            results = runner.map(attribute_stage, _split(fresh, runner.parts))
            report.analyzed += len(fresh)
            report.existing += skipped
            failed = [f for f in (*cleaned, *results) if isinstance(f, Failure)]
            for failure in failed:
                store.record_failure(failure.source, failure.error, failure.position)
                report.failed.append(failure.source)
            started = time.perf_counter()
            for chunk in _split_by(results, batch_size):
                added = store.add(chunk, speakers=False)  # the registry once, at the end
                report.new += added.new
                report.existing += added.existing
            report.store_seconds += time.perf_counter() - started
            report.read += len(documents_in)
            _record_read_failures(store, read_failures, report)
            if progress is not None:
                progress(report)
    except WirelensError as exc:
        if not isinstance(exc, StoreError):  # the source failed: keep what it reported first
            _record_read_failures(store, read_failures, report)
        raise
    finally:
        runner.close()
    _record_read_failures(store, read_failures, report)
    if report.new:
        started = time.perf_counter()
        store.refresh_derived()
        report.store_seconds += time.perf_counter() - started
    return report


def _split_by(results: list[Any], size: int) -> Iterator[list[Analysis]]:
    """The analyses among ``results`` in commits of ``size``."""
    analyses = [r for r in results if isinstance(r, Analysis)]
    for i in range(0, len(analyses), size):
        yield analyses[i : i + size]
