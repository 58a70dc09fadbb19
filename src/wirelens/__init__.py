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
from typing import TYPE_CHECKING, Any

from wirelens.errors import (
    ConfigError,
    EmptyArticleError,
    EvalError,
    FetchError,
    InputError,
    ModelError,
    StoreError,
    WirelensError,
)
from wirelens.model import Analysis, Article, Attribution, Document

if TYPE_CHECKING:
    from wirelens.readers import Source
    from wirelens.store import Store

__all__ = [
    "Analysis",
    "Article",
    "Attribution",
    "ConfigError",
    "Document",
    "EmptyArticleError",
    "EvalError",
    "FetchError",
    "InputError",
    "ModelError",
    "StoreError",
    "WirelensError",
    "analyze",
    "open_store",
    "read",
]

__version__ = "0.1.0"


def read(source: Source | Iterable[Source], **options: Any) -> Iterator[Article]:
    """Read one source (path, directory, URL, ``-`` for stdin, raw text or bytes) as Articles.

    Options are settings overrides (``allow_private=True``, ``max_bytes=...``). Bad input raises
    :class:`InputError` or :class:`FetchError`, and a document with no article body
    :class:`EmptyArticleError`; in a directory, bad files (and empty articles) are skipped and
    reported through the reader's error callback (``on_error``) instead.
    """
    from wirelens.clean import clean_each
    from wirelens.readers import read_documents

    # with an error callback, an empty article among several is reported and skipped too
    yield from clean_each(read_documents(source, **options), options.get("on_error"))


def analyze(source: Source | Iterable[Source], **options: object) -> Iterator[Analysis]:
    """Read, clean and attribute: each Article with its quotes, speakers and sourcing chains."""
    from wirelens.attribute import analyze_article

    for article in read(source, **options):
        yield analyze_article(article)


def open_store(url: str) -> Store:
    """Open the corpus at ``url`` (SQLite path, ``sqlite:///...`` or ``postgresql://...``).

    The store answers ``search``, ``quotes``, ``speakers``, ``get`` and ``rows`` - the same
    functions the ``search``, ``quotes``, ``speakers``, ``show`` and ``export`` commands use -
    and ingests with :func:`wirelens.run.ingest`.
    """
    from wirelens.store import open_store as _open

    return _open(url)
