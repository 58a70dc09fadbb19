"""The JSON API's records: what each endpoint returns, as published in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from wirelens.store.base import FACET_SCAN

__all__ = [
    "MAX_PAGE",
    "ArticleDetail",
    "ArticlePage",
    "ArticleSummary",
    "ErrorBody",
    "FacetValue",
    "IngestDocument",
    "IngestRequest",
    "IngestResult",
    "OutletChain",
    "Quote",
    "QuotePage",
    "SearchHit",
    "SearchResult",
    "Speaker",
    "SpeakerDetail",
    "SpeakerPage",
]

#: The largest page any list endpoint returns (``limit`` above it is refused with 422).
MAX_PAGE = 100


class ErrorBody(BaseModel):
    """Every error the API returns: a one-line message and the HTTP status."""

    error: str
    status: int


class ArticleSummary(BaseModel):
    """An article without its body: enough to list and cite it."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    source: str | None
    attributions: int


class ArticlePage(BaseModel):
    """Articles, newest first, one page of them."""

    items: list[ArticleSummary]
    limit: int
    offset: int
    total: int


class ArticleDetail(BaseModel):
    """One stored analysis: the article (body, parts, metadata) and its attributions."""

    article: dict[str, Any]
    attributions: list[dict[str, Any]]
    components: dict[str, str]


class SearchHit(BaseModel):
    """One matching article; ``snippet`` marks matched words with ``[`` and ``]``."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str | None
    snippet: str
    score: float


class FacetValue(BaseModel):
    """One value of a facet and how many matching articles have it."""

    value: str
    count: int


class SearchResult(BaseModel):
    """A page of search results with facets over all matches."""

    query: str
    syntax: str
    items: list[SearchHit]
    facets: dict[str, list[FacetValue]] = Field(
        description=f"outlet, speaker and month counts among the best {FACET_SCAN} matches"
    )
    undated_left_out: int = Field(
        description="matching articles without a date that since/until left out"
    )
    limit: int
    offset: int


class QuoteHop(BaseModel):
    """One hop of a sourcing chain: who passed the words on, and how."""

    source: str
    relation: str
    cue: str | None = None


class QuotePiece(BaseModel):
    """A continuation piece of a quote split by its cue."""

    text: str
    start: int
    end: int


class QuoteAddressee(BaseModel):
    """Whom the words were said to."""

    name: str
    relation: str


class Quote(BaseModel):
    """One attribution with everything needed to cite it."""

    id: int
    article_id: str
    speaker: str | None
    role: str | None
    kind: str
    cue: str | None
    quote: str
    quote_start: int
    quote_end: int
    chain: list[str]
    confidence: float
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    source: str | None
    hops: list[QuoteHop] = []
    pieces: list[QuotePiece] = []
    addressee: QuoteAddressee | None = None


class QuotePage(BaseModel):
    """Attributions, newest articles first."""

    items: list[Quote]
    limit: int
    offset: int


class Speaker(BaseModel):
    """A speaker across the corpus, aliases merged."""

    name: str
    count: int
    roles: list[str]
    outlets: list[str]
    aliases: list[str]


class SpeakerPage(BaseModel):
    """Speakers, most quoted first."""

    items: list[Speaker]
    limit: int
    offset: int
    total: int


class OutletChain(BaseModel):
    """How often an outlet quoted the speaker through one sourcing chain."""

    outlet: str
    chain: list[str]
    count: int


class SpeakerDetail(Speaker):
    """A speaker with where, when and through whom they are quoted, and a page of quotes."""

    outlets_chains: list[OutletChain]
    months: list[FacetValue]
    quotes: list[Quote]
    limit: int
    offset: int


class IngestDocument(BaseModel):
    """A document sent for ingest: its text (or HTML) and what is known about it."""

    content: str = Field(min_length=1, max_length=2_000_000)
    kind: str = Field(default="text", pattern="^(text|html)$")
    title: str | None = Field(default=None, max_length=1_000)
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2_000)
    published: str | None = Field(default=None, max_length=40)
    source: str | None = Field(default=None, max_length=500)


class IngestRequest(BaseModel):
    """Documents and/or http(s) URLs to read, analyse and store."""

    documents: list[IngestDocument] = Field(default_factory=list, max_length=100)
    urls: list[str] = Field(default_factory=list, max_length=20)


class IngestResult(BaseModel):
    """What an ingest request did."""

    read: int
    new: int
    existing: int
    failed: list[str]
