"""The JSON API's records for linking's results: stories, copy groups and quote traces."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = [
    "ArticleRef",
    "CopyGroupDetail",
    "CopyGroupPage",
    "CopyGroupSummary",
    "CopyMember",
    "StoryArticle",
    "StoryDetail",
    "StoryMoved",
    "StoryPage",
    "StorySummary",
    "TraceAppearance",
    "TraceDetail",
    "TracePage",
    "TraceSummary",
]


class ArticleRef(BaseModel):
    """An article named well enough to cite it (``outlet`` falls back to the wire agency)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str | None
    url: str | None


class StorySummary(BaseModel):
    """Articles about one event, with the span of their dates."""

    id: int
    title: str | None = Field(description="the title of the story's earliest article")
    first_published: str | None
    last_published: str | None
    size: int


class StoryMoved(BaseModel):
    """A story id that a later link run merged into another story (answered with 308)."""

    id: int = Field(description="the story id asked for, no longer a story of its own")
    moved_to: int = Field(description="the story that holds most of its articles now")
    location: str = Field(description="that story's URL")


class StoryPage(BaseModel):
    """Stories, newest first (by their latest article; undated ones last)."""

    items: list[StorySummary]
    limit: int
    offset: int
    total: int


class StoryArticle(ArticleRef):
    """A story's article, with the copy group it belongs to (if any)."""

    similarity: float | None = Field(description="mean similarity to the story when it joined")
    copy_group: int | None
    origin: bool = Field(description="whether the article is its copy group's origin")


class StoryDetail(StorySummary):
    """A story and its articles, earliest first (undated last)."""

    articles: list[StoryArticle]


class CopyGroupSummary(BaseModel):
    """Wire copies of one text, with the article chosen as their origin and why."""

    id: int
    rule: str
    reason: str
    size: int
    origin: ArticleRef


class CopyGroupPage(BaseModel):
    """Copy groups, largest first."""

    items: list[CopyGroupSummary]
    limit: int
    offset: int
    total: int


class CopyMember(ArticleRef):
    """A member of a copy group and what it changed against the origin."""

    origin: bool
    similarity: float = Field(description="Jaccard similarity of shingles with the origin")
    containment: float = Field(description="shared shingles / the smaller article's")
    changes: dict[str, Any] = Field(
        description="word diff against the origin: kinds, headline, wrapper_added, "
        "paragraphs_added/cut, sentences_added/cut/edited, moved, time_shift_seconds"
    )


class CopyGroupDetail(CopyGroupSummary):
    """A copy group with every member, the origin first."""

    members: list[CopyMember]


class TraceSummary(BaseModel):
    """A statement repeated across articles, and where it first appeared."""

    id: int
    speaker: str | None
    quote: str = Field(description="the statement as first reported")
    size: int = Field(description="appearances, the first included")
    first: ArticleRef


class TracePage(BaseModel):
    """Quote traces, most repeated first."""

    items: list[TraceSummary]
    limit: int
    offset: int
    total: int


class TraceAppearance(BaseModel):
    """One appearance of the statement: the article, its sourcing chain and the wording."""

    article_id: str
    title: str | None
    outlet: str | None = Field(description="the article's outlet, or its wire agency")
    published: str | None
    source: str | None
    url: str | None
    position: int = Field(description="0 for the first appearance, then in time order")
    attribution_id: int
    speaker: str | None
    kind: str
    quote: str = Field(description="the whole stored quote")
    text: str = Field(description="the words of the quote that render the statement")
    chain: list[str]
    altered: bool = Field(description="whether the wording differs from the first appearance")
    diff: dict[str, Any] = Field(
        description="word diff against the first: changes [{op, first, here}], "
        "cut_before, cut_after"
    )
    similarity: float
    speaker_agrees: bool


class TraceDetail(BaseModel):
    """A quote trace: its first appearance, then every repetition in time order."""

    id: int
    speaker: str | None
    quote: str
    appearances: list[TraceAppearance]
