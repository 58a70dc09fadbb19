"""The pipeline's stages, written once and run by every runner (in-process, process pool, Spark).

A stage is a ``setup(options)`` run once per worker process (loading models) and a function over
a batch of records. Each record that fails becomes a :class:`Failure` in the batch's output, in
its place, so one bad record never costs its neighbours. Runners only move batches around:

* the local runner (:func:`wirelens.run.ingest`) reads in the calling process and sends clean
  and attribute batches to a pool of worker processes;
* the Spark runner (:mod:`wirelens.run.spark`) runs all of them inside ``mapInArrow``; the
  local runner leaves link-signatures to ``wirelens link``, which calls the same function.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from wirelens.errors import RecordError, WirelensError
from wirelens.model import Analysis, Article, Document
from wirelens.run.options import Options

__all__ = [
    "STAGES",
    "Failure",
    "Signatures",
    "Stage",
    "attribute_stage",
    "clean_stage",
    "keep_freed_memory",
    "read_stage",
    "setup_all",
    "signature_stage",
]


@dataclass(frozen=True)
class Failure:
    """A record or source a stage could not handle: where it came from and why."""

    source: str
    error: str
    position: str | None = None


def read_stage(options: Options, sources: Sequence[str]) -> Iterator[Document | Failure]:
    """Documents of each source (a file: text, HTML, feed, JSONL, WARC); bad ones as failures.

    A corrupt shard yields the documents read before the damage, then one Failure.
    """
    from wirelens.readers import read_documents

    for source in sources:
        bad: list[Failure] = []

        def keep(name: str, error: WirelensError, bad: list[Failure] = bad) -> None:
            if isinstance(error, RecordError):
                bad.append(Failure(error.source, error.reason, error.position))
            else:
                bad.append(Failure(name, str(error).removeprefix(name).lstrip(": ")))

        try:
            for document in read_documents([source], on_error=keep, resolved=options.read):
                yield from bad
                bad.clear()
                yield document
        except Exception as exc:  # an unreadable shard never stops the job
            bad.append(Failure(source, f"{type(exc).__name__}: {exc}"))
        yield from bad


def clean_stage(options: Options, documents: Sequence[Document]) -> list[Article | Failure]:
    """Cleaned Articles, one per Document (cleaning takes no options)."""
    from wirelens.clean import clean

    out: list[Article | Failure] = []
    for document in documents:
        try:
            out.append(clean(document))
        except Exception as exc:  # one crashing document never stops an ingest
            out.append(Failure(document.source, f"{type(exc).__name__}: {exc}"))
    return out


def setup_attribute(options: Options) -> None:
    """Load the spaCy pipeline of ``options.model`` in this process, whose allocator then
    keeps the parse's freed memory (:func:`keep_freed_memory`)."""
    from wirelens.attribute import setup

    keep_freed_memory()
    setup(options.model, options.entities)


#: glibc ``mallopt`` parameters (malloc.h) and the values :func:`keep_freed_memory` sets.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
#: Blocks up to 32 MiB (glibc's largest allowed) come from the heap, not a fresh mapping...
_MMAP_THRESHOLD = 32 << 20
#: ... and up to 256 MiB freed at the heap's top stays with the process.
_TRIM_THRESHOLD = 256 << 20


@functools.cache
def keep_freed_memory() -> bool:
    """Have glibc's malloc reuse freed memory rather than return it to the kernel at once.

    Each ``nlp.pipe`` batch allocates and frees arrays of several MiB (a 40,000-character
    batch's token vectors are about 10 MiB each). By default glibc maps each such block afresh
    and unmaps it when freed, and trims the heap as soon as its top is free, so every batch
    pays the kernel's page faults again: about 1,700 per article on PolNeAR dev, and a third
    of the token-to-vector network's CPU. With these limits a worker faults once, while it
    first grows, and then reuses its heap (README, "Speed"). The setting is the whole
    process's, so only the processes a run owns set it (:func:`setup_attribute`: ingest's
    workers, Spark's), never a program that merely loads the pipeline. Returns whether the
    limits were set: not on a C library without ``mallopt`` (macOS, musl, Windows).
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # no mallopt; Windows has no CDLL(None)
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(
        mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD) and mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
    )


def attribute_stage(options: Options, articles: Sequence[Article]) -> list[Analysis | Failure]:
    """Analyses of a batch of Articles, parsed together with ``nlp.pipe``.

    If the batch fails, each article is retried alone so the one at fault becomes a Failure.
    """
    from wirelens.attribute import analyze_batch

    try:
        return list(
            analyze_batch(
                articles,
                scope=options.scope,
                model=options.model,
                parse=options.parse,
                entities=options.entities,
            )
        )
    except Exception:
        out: list[Analysis | Failure] = []
        for article in articles:
            try:
                out += analyze_batch(
                    [article],
                    scope=options.scope,
                    model=options.model,
                    parse=options.parse,
                    entities=options.entities,
                )
            except Exception as exc:
                out.append(Failure(article.source or article.id, f"{type(exc).__name__}: {exc}"))
        return out


@dataclass(frozen=True)
class Signatures:
    """An article's link signature: its shingle count and LSH band hashes (one per band, in
    band order; none when it has fewer than ``min_shingles`` shingles)."""

    article_id: str
    shingles: int
    bands: tuple[int, ...]


def signature_stage(options: Options, articles: Sequence[Article]) -> list[Signatures]:
    """The link signature of each distinct Article, in order: MinHash over word shingles of
    its body, cut into LSH bands by :func:`wirelens.link.signatures.sign` - the very rows
    ``wirelens link`` would store, so banding them anywhere gives the store's candidate pairs."""
    from wirelens.link.signatures import sign

    signed, banded = sign(((a.id, a.body) for a in articles), options.link)
    bands: dict[str, list[int]] = {}
    for _band, value, article_id in sorted(banded):  # each article's list in band order
        bands.setdefault(article_id, []).append(value)
    return [Signatures(a, n, tuple(bands.get(a, ()))) for a, n, _component in signed]


def _no_setup(options: Options) -> None:
    """Stages with nothing to load."""


@dataclass(frozen=True)
class Stage:
    """One stage: its name, what to load once per process, and its function over a batch."""

    name: str
    setup: Callable[[Options], None]
    run: Callable[[Options, Any], Any]


#: Every stage in pipeline order. Runners set up each one once per worker process.
STAGES: tuple[Stage, ...] = (
    Stage("read", _no_setup, read_stage),
    Stage("clean", _no_setup, clean_stage),
    Stage("attribute", setup_attribute, attribute_stage),
    Stage("link-signatures", _no_setup, signature_stage),
)


def setup_all(options: Options) -> None:
    """Run every stage's setup in this process (a pool initializer, a Spark worker's start)."""
    for stage in STAGES:
        stage.setup(options)
