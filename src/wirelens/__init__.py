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

    with wirelens.open_store("wirelens.db") as corpus:   # what `wirelens link` / `copies` do
        wirelens.link_corpus(corpus)
        print(wirelens.copies(corpus, "4d674fcddd28")["reason"])

Heavy dependencies (spaCy, trafilatura, database drivers) load on first use, never at import.
The reading package is ``wirelens.readers`` (not ``wirelens.read``) so that the function
``wirelens.read`` is never shadowed by a submodule of the same name; for the same reason the
linking function is ``wirelens.link_corpus`` (``wirelens.link`` is the linking package, whose
``link`` function it calls).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from wirelens.errors import (
    ConfigError,
    EmptyArticleError,
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
    from wirelens.link import LinkOptions, LinkReport
    from wirelens.link.provenance import Trace
    from wirelens.readers import Source
    from wirelens.readers.context import ErrorHandler
    from wirelens.run.options import Options
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
    "RecordError",
    "StoreError",
    "WirelensError",
    "analyze",
    "analyze_text",
    "copies",
    "copy_groups",
    "link_corpus",
    "open_store",
    "provenance_graph",
    "read",
    "stories",
    "trace",
    "update_stories",
    "update_traces",
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
    a ``ReadWarning``; a document with no article body is an :class:`EmptyArticleError`
    (skipped and reported through ``on_error`` when one is given).
    """
    from wirelens.clean import clean_each
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
    # with an error callback, an empty article among several is reported and skipped too
    return clean_each(read_documents(source, on_error=on_error, resolved=resolved), on_error)


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
    documents = read_documents(source, on_error=on_error, resolved=resolved.read)
    return _analyzed(documents, resolved, on_error)


def analyze_text(text: str, **options: Any) -> Iterator[Analysis]:
    """:func:`analyze` for article text given as a string (plain or HTML), never a path."""
    from wirelens.readers import read_text
    from wirelens.run.options import Options

    on_error = options.pop("on_error", None)
    resolved = Options.resolve(options)
    return _analyzed(read_text(text, on_error=on_error, resolved=resolved.read), resolved, on_error)


def _analyzed(
    documents: Iterable[Document], options: Options, on_error: ErrorHandler | None
) -> Iterator[Analysis]:
    """Documents cleaned (an empty article reported through ``on_error`` and skipped, as in
    :func:`read`) and attributed in batches (one ``nlp.pipe`` per batch)."""
    from wirelens.attribute import analyze_batch
    from wirelens.clean import clean_each

    it = iter(clean_each(documents, on_error))
    while batch := list(islice(it, _BATCH)):
        yield from analyze_batch(
            batch,
            scope=options.scope,
            model=options.model,
            parse=options.parse,
            entities=options.entities,
        )


def open_store(url: str) -> Store:
    """Open the corpus at ``url`` (SQLite path, ``sqlite:///...`` or ``postgresql://...``).

    The store answers ``search``, ``quotes``, ``speakers``, ``get`` and ``rows`` - the same
    functions the ``search``, ``quotes``, ``speakers``, ``show`` and ``export`` commands use -
    and ingests with :func:`wirelens.run.ingest`.
    """
    from wirelens.store import open_store as _open

    return _open(url)


def link_corpus(store: Store, options: LinkOptions | None = None) -> LinkReport:
    """Link what is new in ``store`` (what ``wirelens link`` and ``ingest`` run): group wire
    copies with their origin and each copy's changes. Incremental and safe to re-run."""
    from wirelens.link import link

    return link(store, options)


def copies(store: Store, article_id: str) -> dict[str, Any]:
    """The copy group of one article (full id or unique prefix), as ``wirelens copies`` shows
    it: the origin and why, and each member's changes. StoreError when it is in no group."""
    from wirelens.link import copy_group

    return copy_group(store, article_id)


def copy_groups(store: Store) -> Iterator[dict[str, Any]]:
    """One row per copy-group member, as ``wirelens export --what groups`` writes them."""
    from wirelens.link import group_rows

    return group_rows(store)


def update_traces(store: Store) -> int:
    """Rebuild the quote traces of a corpus (the same statement across articles); their count.

    ``trace``, ``speakers`` (statements, not copies), ``quotes`` and the provenance graph read
    what this writes; ``wirelens link`` runs it after the wire copies.
    """
    from wirelens.link.traces import update_traces as _update

    return _update(store)


def update_stories(store: Store) -> int:
    """Put every stored article that is in no story yet into one (``wirelens link`` does this);
    return how many were placed. Incremental: old articles are not re-read."""
    from wirelens.link.stories import update_stories as _update

    return _update(store)


def trace(
    store: Store, words: str | None = None, *, attribution_id: int | None = None, limit: int = 10
) -> list[Trace]:
    """Where a quote first appeared, then every repetition in time order (``wirelens trace``).

    Give the words of the quote (any part; case, punctuation and an indirect rewording aside)
    or ``attribution_id``. Each :class:`~wirelens.link.provenance.Trace` lists its appearances
    with outlet, date, sourcing chain and the word diff against the first; [] when none match.
    """
    from wirelens.link.provenance import find_traces

    return find_traces(store, words, attribution_id=attribution_id, limit=limit)


def provenance_graph(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Speakers, outlets and articles with ``quotes``, ``first_reported``, ``cites`` and
    ``republishes`` edges, as node-link data (``wirelens export --what graph``)."""
    from wirelens.link.graph import provenance_graph as _graph

    return _graph(store)


def stories(store: Store, *, since: str | None = None, limit: int = 25) -> list[dict[str, Any]]:
    """Stories newest first, each with its ``articles`` (id, title, outlet, published, source,
    url) - what ``wirelens stories`` prints. ``since`` is an ISO date."""
    from wirelens.link.story_list import list_stories

    return list_stories(store, since=since, limit=limit)
