"""The pool of worker processes the local runner hands its stages to.

Each worker is a spawned Python (one numerical thread each) that sets every stage up once
(:func:`wirelens.run.stages.setup_all`: the spaCy pipeline) and then takes pieces of batches as
it comes free. With one worker there is no pool: the stages run in the calling process. A
worker says when it is ready, or what failed, so the runner stops before any work is handed out;
a worker that dies during the run (killed, out of memory) stops it with an :class:`EngineError`
instead of leaving it waiting.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import Any

from wirelens.errors import EngineError, ModelError, WirelensError
from wirelens.run.options import Options
from wirelens.run.stages import setup_all

__all__ = ["Runner", "Work"]


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
#: Pieces of a batch per worker (:meth:`Runner.submit`): few and large, as the parser steps
#: through a piece's articles together (tasks of 16 PolNeAR dev articles cost 8% less CPU than
#: tasks of 4); the last batch in many small ones, handed out as workers come free, so the
#: run does not end with one worker busy on a large piece and the other idle.
_PARTS_PER_WORKER = 2
_LAST_PARTS_PER_WORKER = 8
#: Longest wait for the workers to load their models before going on without waiting.
_STARTUP_TIMEOUT = 120.0
#: Longest wait for a stopped worker to exit.
_STOP_TIMEOUT = 10.0


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
    """A worker's initializer: set every stage up, then say so (its pid and the time), or say
    what failed, without raising (which would break the pool before the runner could say why)."""
    try:
        setup_all(options)
    except Exception as exc:
        reason = str(exc) if isinstance(exc, WirelensError) else f"{type(exc).__name__}: {exc}"
        ready.put((os.getpid(), time.monotonic(), reason))
        return
    ready.put((os.getpid(), time.monotonic(), None))


class _Done:
    """An output computed in this process, with the interface of a pool's ``Future``."""

    def __init__(self, value: list[Any]) -> None:
        self.value = value

    def result(self) -> list[Any]:
        return self.value


#: What a worker that stopped in the middle of a run (killed, out of memory) is told as.
_DIED = (
    "a worker process stopped unexpectedly (killed, or out of memory?): the batches stored so "
    "far are kept; run the same command again to go on"
)


@dataclass
class Work:
    """A stage started over one batch: its pieces' pending outputs."""

    pieces: list[Any]

    def get(self) -> list[Any]:
        """The stage's output for the whole batch, in order (waits for every piece); an
        :class:`EngineError` if a worker died."""
        try:
            return [item for piece in self.pieces for item in piece.result()]
        except BrokenProcessPool as exc:
            raise EngineError(_DIED) from exc


class Runner:
    """Runs a stage over batches: in this process, or spread over a pool of workers.

    The pool is a ``ProcessPoolExecutor``: when a worker dies, every piece it had not returned
    fails at once (a ``multiprocessing.Pool`` started another worker and left the run waiting
    for the lost piece forever).
    """

    def __init__(self, options: Options, workers: int) -> None:
        self.options = options
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self._ready: Any = None
        self._started = time.monotonic()
        #: seconds until the last worker had set up (in this process: until it had)
        self.startup_seconds = 0.0
        if workers > 1:
            context = multiprocessing.get_context("spawn")
            self._ready = context.SimpleQueue()
            with _one_thread_each():
                self.pool = ProcessPoolExecutor(
                    workers, context, initializer=_start, initargs=(options, self._ready)
                )
                for _ in range(workers):  # the executor starts a worker per task while none
                    self.pool.submit(os.getpid)  # is idle: all of them now, not on demand
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
            _pid, at, failure = ready.get()
            if failure is not None:
                raise ModelError(f"a worker process could not start: {failure}")
            last = max(last, at)
        self.startup_seconds = last - self._started

    def submit(
        self, stage: Callable[[Options, Any], list[Any]], items: Sequence[Any], last: bool = False
    ) -> Work:
        """Start the stage over ``items`` (in this process: run it now); :meth:`Work.get` waits
        for the output. In a pool, the items go in pieces that the workers take as they come
        free: a few per worker, or many small ones for the ``last`` batch of a run."""
        if self.pool is None:
            return Work([_Done(stage(self.options, list(items)))] if items else [])
        self.ready()
        parts = self.workers * (_LAST_PARTS_PER_WORKER if last else _PARTS_PER_WORKER)
        pieces = [p for p in _split(items, parts) if p]
        run = partial(stage, self.options)
        try:
            return Work([self.pool.submit(run, p) for p in pieces])
        except BrokenProcessPool as exc:
            raise EngineError(_DIED) from exc

    def close(self) -> None:
        """Stop every worker now: what they were doing is no longer wanted (the run ended, or
        failed). All of them: a worker killed while it held the task queue's lock would leave
        the others waiting on it, and this process waiting for them at exit."""
        if self.pool is None:
            return
        terminate = getattr(self.pool, "terminate_workers", None)  # public from Python 3.14
        if terminate is not None:
            terminate()
            return
        # before 3.14 the executor's own table of its processes is the only way to them
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:  # reaped: no zombies, and their CPU is counted as children's
            process.join(_STOP_TIMEOUT)
