"""wirelens: who said what, according to whom, first reported where.

The public API is small and stable::

    import wirelens
    for article in wirelens.read("page.html"):        # read + clean + describe
        print(article.title, article.agency)
    for analysis in wirelens.analyze("feed.xml"):     # ... + attribute
        for a in analysis.attributions:
            print(a.speaker.name if a.speaker else None, a.quote.text)
    with wirelens.open_store("wirelens.db") as corpus:   # what `wirelens ingest` filled
        print(corpus.quotes(speaker="Khamenei"))

Heavy dependencies (spaCy, trafilatura, database drivers) load on first use, never at import.
The reading package is ``wirelens.readers`` (not ``wirelens.read``) so that the function
``wirelens.read`` is never shadowed by a submodule of the same name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from wirelens.errors import (
    ConfigError,
    EvalError,
    FetchError,
    InputError,
    ModelError,
    RecordError,
    StoreError,
    WirelensError,
)
from wirelens.model import Analysis, Article, Attribution, Document

if TYPE_CHECKING:
    from wirelens.readers import Source
    from wirelens.run.options import Options
    from wirelens.store import Store

__all__ = [
    "Analysis",
    "Article",
    "Attribution",
    "ConfigError",
    "Document",
    "EvalError",
    "FetchError",
    "InputError",
    "ModelError",
    "RecordError",
    "StoreError",
    "WirelensError",
    "analyze",
    "analyze_text",
    "open_store",
    "read",
]

__version__ = "0.1.0"

#: Articles attributed together (one ``nlp.pipe``) by :func:`analyze`.
_BATCH = 16


def read(source: Source | Iterable[Source], **options: Any) -> Iterator[Article]:
    """Read one source (path, directory, URL, ``-`` for stdin, raw text or bytes) as Articles.

    A ``str`` with no newline is a path or URL; use :func:`analyze_text` for text itself.
    Options are reading settings as keywords (``allow_private=True``, ``max_bytes=...``,
    ``follow_links``) and ``on_error``; any other keyword is a :class:`ConfigError`, raised
    now. Bad input raises :class:`InputError` or :class:`FetchError`; in a directory, bad files
    are skipped, and in a JSONL file or WARC archive bad records are skipped (a
    :class:`RecordError` naming the line or record), reported through ``on_error`` or else as
    a ``ReadWarning``.
    """
    from wirelens.readers import read_documents
    from wirelens.readers.options import ReadOptions
    from wirelens.run.options import READ_KEYWORDS

    on_error = options.pop("on_error", None)
    unknown = sorted(set(options) - set(READ_KEYWORDS))
    if unknown:
        raise ConfigError(
            f"read() does not take {', '.join(unknown)}: options are {', '.join(READ_KEYWORDS)}"
        )
    resolved = ReadOptions.resolve(options)
    return _cleaned(read_documents(source, on_error=on_error, resolved=resolved))


def _cleaned(documents: Iterable[Document]) -> Iterator[Article]:
    from wirelens.clean import clean

    for document in documents:
        yield clean(document)


def analyze(source: Source | Iterable[Source], **options: Any) -> Iterator[Analysis]:
    """Read, clean and attribute: each Article with its quotes, speakers and sourcing chains.

    ``source`` is read as by :func:`read` (a one-line ``str`` is a path: use
    :func:`analyze_text` for text). Options: those of :func:`read` plus ``attribution_scope``
    (``speech`` or ``stance``) and ``model`` (a spaCy pipeline package); any other keyword is a
    :class:`ConfigError`, raised now, before anything is read.
    """
    from wirelens.readers import read_documents
    from wirelens.run.options import Options

    on_error = options.pop("on_error", None)
    resolved = Options.resolve(options)
    return _analyzed(read_documents(source, on_error=on_error, resolved=resolved.read), resolved)


def analyze_text(text: str, **options: Any) -> Iterator[Analysis]:
    """:func:`analyze` for article text given as a string (plain or HTML), never a path."""
    from wirelens.readers import read_text
    from wirelens.run.options import Options

    on_error = options.pop("on_error", None)
    resolved = Options.resolve(options)
    return _analyzed(read_text(text, on_error=on_error, resolved=resolved.read), resolved)


def _analyzed(documents: Iterable[Document], options: Options) -> Iterator[Analysis]:
    """Documents cleaned and attributed in batches (one ``nlp.pipe`` per batch)."""
    from wirelens.attribute import analyze_batch

    it = iter(_cleaned(documents))
    while batch := list(islice(it, _BATCH)):
        yield from analyze_batch(batch, scope=options.scope, model=options.model)


def open_store(url: str) -> Store:
    """Open the corpus at ``url`` (SQLite path, ``sqlite:///...`` or ``postgresql://...``).

    The store answers ``search``, ``quotes``, ``speakers``, ``get`` and ``rows`` - the same
    functions the ``search``, ``quotes``, ``speakers``, ``show`` and ``export`` commands use -
    and ingests with :func:`wirelens.run.ingest`.
    """
    from wirelens.store import open_store as _open

    return _open(url)
