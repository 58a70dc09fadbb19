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

from wirelens.errors import ModelError, RecordError, WirelensError
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
#: Pieces of a batch per worker (:meth:`_Runner.submit`): few and large, as the parser steps
#: through a piece's articles together (tasks of 16 PolNeAR dev articles cost 8% less CPU than
#: tasks of 4); the last batch in many small ones, handed out as workers come free, so the
#: run does not end with one worker busy on a large piece and the other idle.
_PARTS_PER_WORKER = 2
_LAST_PARTS_PER_WORKER = 8
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
    """A worker's initializer: set every stage up, then say so with the time, or say what
    failed. (Raising here would have the pool start another worker in its place, forever.)"""
    try:
        setup_all(options)
    except Exception as exc:
        reason = str(exc) if isinstance(exc, WirelensError) else f"{type(exc).__name__}: {exc}"
        ready.put((time.monotonic(), reason))
        return
    ready.put((time.monotonic(), None))


class _Done:
    """An output computed in this process, with the interface of a pool's ``AsyncResult``."""

    def __init__(self, value: list[Any]) -> None:
        self.value = value

    def get(self) -> list[Any]:
        return self.value


@dataclass
class _Work:
    """A stage started over one batch: its pieces' pending outputs."""

    pieces: list[Any]

    def get(self) -> list[Any]:
        """The stage's output for the whole batch, in order (waits for every piece)."""
        return [item for piece in self.pieces for item in piece.get()]


class _Runner:
    """Runs a stage over batches: in this process, or spread over a pool of workers."""

    def __init__(self, options: Options, workers: int) -> None:
        self.options = options
        self.workers = workers
        self.pool: Any = None
        self._ready: Any = None
        self._started = time.monotonic()
        #: seconds until the last worker had set up (in this process: until it had)
        self.startup_seconds = 0.0
        if workers > 1:
            context = multiprocessing.get_context("spawn")
            self._ready = context.SimpleQueue()
            with _one_thread_each():
                self.pool = context.Pool(
                    workers, initializer=_start, initargs=(options, self._ready)
                )
        else:
            setup_all(options)
            self.startup_seconds = time.monotonic() - self._started

    def ready(self) -> None:
        """Wait until every worker has set up its stages (the first :meth:`submit` does, so
        this process reads the first batch while they start). A worker that could not is a
        :class:`ModelError`, before any work is handed out."""
        ready, self._ready = self._ready, None
        if ready is None:
            return
        last = self._started
        for _ in range(self.workers):
            while ready.empty():
                if time.monotonic() - self._started > _STARTUP_TIMEOUT:
                    self.startup_seconds = _STARTUP_TIMEOUT
                    return
                time.sleep(0.005)
            at, failure = ready.get()
            if failure is not None:
                raise ModelError(f"a worker process could not start: {failure}")
            last = max(last, at)
        self.startup_seconds = last - self._started

    def submit(
        self, stage: Callable[[Options, Any], list[Any]], items: Sequence[Any], last: bool = False
    ) -> _Work:
        """Start the stage over ``items`` (in this process: run it now); :meth:`_Work.get` waits
        for the output. In a pool, the items go in pieces that the workers take as they come
        free: a few per worker, or many small ones for the ``last`` batch of a run."""
        if self.pool is None:
            return _Work([_Done(stage(self.options, list(items)))] if items else [])
        self.ready()
        parts = self.workers * (_LAST_PARTS_PER_WORKER if last else _PARTS_PER_WORKER)
        pieces = [p for p in _split(items, parts) if p]
        run = partial(stage, self.options)
        return _Work([self.pool.apply_async(run, (p,)) for p in pieces])

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()


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
        runner: _Runner,
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
    cleaning: _Work
    cleaned: list[Article | Failure] = field(default_factory=list)
    #: ids of the batch's articles sent to attribution (not stored before)
    fresh: set[str] = field(default_factory=set)
    attributing: _Work | None = None


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
    runner = _Runner(options, workers)
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
