"""The ingest pipeline: read -> clean -> attribute -> store, in batches.

Reading happens in this process (it is I/O and cheap); cleaning and attribution, the expensive
stages (:mod:`wirelens.run.stages`), run over batches - in this process or in a pool of worker
processes (:mod:`wirelens.run.pool`), each of which sets every stage up once. Between the two,
articles whose content hash is already stored are dropped: re-ingesting a corpus does no
analysis. Each batch is committed in one transaction, so an interrupted ingest keeps every
committed batch and the same command, run again, adds only what is missing (articles are keyed
by content hash).

Failures never cost other records: a document that cannot be analysed, and a record that cannot
be read (given to :class:`ReadFailures`, the ``on_error`` of ``read_documents``), is recorded in
the store's ``failures`` table; a source that fails outright still has the documents read
before it stored.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from wirelens.errors import RecordError, WirelensError
from wirelens.model import Analysis, Article, Document
from wirelens.readers.context import ErrorHandler
from wirelens.run.options import Options
from wirelens.run.pool import Runner, Work
from wirelens.run.stages import Failure, attribute_stage, clean_stage
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
    #: seconds until the last worker had loaded its models (this process reads the first
    #: batch meanwhile); with one worker, until this process had
    startup_seconds: float = 0.0


class ReadFailures:
    """An ``on_error`` handler for ``read_documents`` that keeps read failures for the store.

    Failures are queued here and written by :func:`ingest` after each batch, in its own thread
    (a caller may read in another thread, and a database connection is not shared across
    threads). ``then`` is told about each failure too (e.g. to print a warning).
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
    """Batches of ``size``, the first of a quarter of it (the workers attribute only once a
    whole batch is clean, so a small first one sets them to it sooner); when the source fails,
    the documents read before it still come out as a last batch, then the error is raised."""
    batch: list[Document] = []
    now = max(1, size // 4)
    try:
        for document in documents:
            batch.append(document)
            if len(batch) == now:
                yield batch
                batch, now = [], size
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


def _fresh(store: Store, articles: list[Article], pending: set[str]) -> tuple[list[Article], int]:
    """The articles whose content hash is neither stored, ``pending`` (on its way to the
    store) nor earlier in the list; and how many were dropped."""
    known = store.known([a.id for a in articles]) | pending
    fresh: list[Article] = []
    for article in articles:
        if article.id not in known:
            known.add(article.id)
            fresh.append(article)
    return fresh, len(articles) - len(fresh)


class _Pipeline:
    """Ingest's batches in flight, one step apart.

    Each :meth:`push` hands the batch cleaned before to attribution (once this process has
    dropped the articles already stored), starts cleaning the new batch, and stores the batch
    attributed before that. The pool takes its tasks in that order, so while this process reads
    and writes, the workers have the next batches queued: none of them waits for the reading or
    the store, and at most three batches are held at once.
    """

    def __init__(
        self,
        runner: Runner,
        store: Store,
        report: IngestReport,
        read_failures: ReadFailures | None,
        progress: Callable[[IngestReport], None] | None,
    ) -> None:
        self.runner, self.store, self.report = runner, store, report
        self.read_failures, self.progress = read_failures, progress
        self.cleaning: _Batch | None = None
        self.attributing: _Batch | None = None
        #: ids of the articles handed to attribution and not yet stored: a copy of one of
        #: them in a later batch is not analysed again
        self.pending: set[str] = set()

    def push(self, documents: list[Document] | None) -> None:
        """Take the next batch (None: there are no more) and move every batch one step on."""
        if self.cleaning is not None:
            self._attribute(self.cleaning, last=documents is None)
        new = _Batch(documents, self.runner.submit(clean_stage, documents)) if documents else None
        if self.attributing is not None:
            self._save(self.attributing)
        self.attributing, self.cleaning = self.cleaning, new

    def finish(self) -> None:
        """Wait for the batches in flight and store them."""
        while self.cleaning is not None or self.attributing is not None:
            self.push(None)

    def _attribute(self, batch: _Batch, last: bool) -> None:
        batch.cleaned = batch.cleaning.get()
        articles = [c for c in batch.cleaned if isinstance(c, Article)]
        fresh, skipped = _fresh(self.store, articles, self.pending)
        batch.fresh = {a.id for a in fresh}
        self.pending |= batch.fresh
        self.report.analyzed += len(fresh)
        self.report.existing += skipped
        batch.attributing = self.runner.submit(attribute_stage, fresh, last)

    def _save(self, batch: _Batch) -> None:
        report, store = self.report, self.store
        results = batch.attributing.get() if batch.attributing is not None else []
        for failure in (f for f in (*batch.cleaned, *results) if isinstance(f, Failure)):
            store.record_failure(failure.source, failure.error, failure.position)
            report.failed.append(failure.source)
        started = time.perf_counter()
        analyses = [r for r in results if isinstance(r, Analysis)]
        if analyses:
            added = store.add(analyses, speakers=False)  # the registry once, at the end
            report.new += added.new
            report.existing += added.existing
        report.store_seconds += time.perf_counter() - started
        self.pending -= batch.fresh
        report.read += len(batch.documents)
        _record_read_failures(store, self.read_failures, report)
        if self.progress is not None:
            self.progress(report)


@dataclass
class _Batch:
    """One batch of documents in the pipeline: its cleaning, then its attribution."""

    documents: list[Document]
    cleaning: Work
    cleaned: list[Article | Failure] = field(default_factory=list)
    #: ids of the batch's articles sent to attribution (not stored before)
    fresh: set[str] = field(default_factory=set)
    attributing: Work | None = None


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

    The documents go through in batches of ``batch_size`` (:class:`_Pipeline`): the workers
    clean a batch, this process drops the articles already stored, and the workers attribute
    the rest, in a few pieces per worker that each takes as it comes free; each batch is
    committed in one transaction.
    """
    options = options or Options.resolve()
    report = IngestReport()
    runner = Runner(options, workers)
    pipeline = _Pipeline(runner, store, report, read_failures, progress)
    batches = _batches(documents, batch_size)
    try:
        while True:
            try:
                batch = next(batches, None)
            except WirelensError:  # the source failed: store what was read before it, say so
                pipeline.finish()
                _record_read_failures(store, read_failures, report)
                raise
            if batch is None:
                break
            pipeline.push(batch)
        pipeline.finish()
    finally:
        runner.close()
    report.startup_seconds = runner.startup_seconds
    _record_read_failures(store, read_failures, report)
    if report.new:
        started = time.perf_counter()
        store.refresh_derived()
        report.store_seconds += time.perf_counter() - started
    return report
