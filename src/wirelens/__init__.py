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
    "EvalError",
    "FetchError",
    "InputError",
    "ModelError",
    "StoreError",
    "WirelensError",
    "analyze",
    "open_store",
    "read",
    "stories",
    "update_stories",
]

__version__ = "0.1.0"


def read(source: Source | Iterable[Source], **options: Any) -> Iterator[Article]:
    """Read one source (path, directory, URL, ``-`` for stdin, raw text or bytes) as Articles.

    Options are settings overrides (``allow_private=True``, ``max_bytes=...``). Bad input raises
    :class:`InputError` or :class:`FetchError`; in a directory, bad files are skipped and
    reported through the reader's error callback instead.
    """
    from wirelens.clean import clean
    from wirelens.readers import read_documents

    for document in read_documents(source, **options):
        yield clean(document)


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


def update_stories(store: Store) -> int:
    """Put every stored article that is in no story yet into one (``wirelens link`` does this);
    return how many were placed. Incremental: old articles are not re-read."""
    from wirelens.link.stories import update_stories as _update

    return _update(store)


def stories(store: Store, *, since: str | None = None, limit: int = 25) -> list[dict[str, Any]]:
    """Stories newest first, each with its ``articles`` (id, title, outlet, published, source,
    url) - what ``wirelens stories`` prints. ``since`` is an ISO date."""
    from wirelens.link.story_list import list_stories

    return list_stories(store, since=since, limit=limit)
