"""The typed records corpus queries return (dicts at run time, so JSON and templates take them
as they are; typed so that callers and mypy agree on their keys)."""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = [
    "AliasEvidence",
    "ArticleRow",
    "Citation",
    "FailureRow",
    "QuoteRow",
    "SearchHit",
    "SpeakerEntry",
]


class SpeakerEntry(TypedDict):
    """One speaker across the corpus: shown name, quote count, roles, outlets, every alias."""

    name: str
    count: int
    roles: list[str]
    outlets: list[str]
    aliases: list[str]


class Citation(TypedDict):
    """Where a quote was published: enough to cite it."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    source: str | None


class QuoteRow(Citation):
    """One stored attribution with its article's citation and its full sourcing.

    ``chain`` lists the sources' names (nearest first); ``hops`` the same hops with their
    relation and cue; ``pieces`` the continuation spans of a quote split by its cue;
    ``addressee`` whom the words were said to (name, relation), if anyone.
    """

    id: int
    speaker: str | None
    role: str | None
    kind: str
    cue: str | None
    quote: str
    quote_start: int
    quote_end: int
    chain: list[str]
    hops: list[dict[str, Any]]
    pieces: list[dict[str, Any]]
    addressee: dict[str, Any] | None
    confidence: float


class AliasEvidence(TypedDict):
    """Why a name is one of a speaker's aliases: the rule, and where it was quoted under it."""

    alias: str
    rule: str
    count: int
    mentions: list[str]
    articles: list[dict[str, Any]]


class SearchHit(TypedDict):
    """One search result: the article, where it came from, a snippet with ``[matches]``."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str | None
    snippet: str
    #: relevance as the backend gives it; hits always come best first. SQLite: BM25 negated,
    #: lower is better (the text index's Tantivy BM25, or FTS5's bm25() when FTS5 ranks: the
    #: scales differ); PostgreSQL: ts_rank, higher is better. Compare within one result list.
    score: float


class ArticleRow(TypedDict):
    """A stored article without its body: what lists of articles show."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    source: str | None
    attributions: int


class FailureRow(TypedDict):
    """A document ingest could not read or analyse: when, which, where in it, and why."""

    id: int
    at: str
    source: str
    position: str | None
    error: str
