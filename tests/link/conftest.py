"""Fixtures for linking tests: a fresh corpus on each backend and fictional articles.

Every article here is fictional, written for these tests (Norvale, Northern Wire Service and
the aggregators are invented; see examples/README.md). Articles are cleaned but not attributed
(no spaCy needed): linking reads only the clean body and metadata.
"""

from __future__ import annotations

import json
from pathlib import Path

from wirelens.clean import clean
from wirelens.model import Analysis, Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "link"
#: an NWS wire story
WIRE = (FIXTURES / "ferry-fire-nws.txt").read_text(encoding="utf-8")
#: the wire story in German (a translation, not a copy)
GERMAN = (FIXTURES / "ferry-fire-nws-de.txt").read_text(encoding="utf-8")


def story_articles(name: str) -> list[dict[str, str]]:
    """The fictional story fixtures ``tests/fixtures/stories/NAME.jsonl``, one dict per line."""
    path = FIXTURES.parent / "stories" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def story_document(a: dict[str, str]) -> Document:
    """A story fixture as a reader gives it: title and text, with its source and metadata."""
    return Document(
        content=f"{a['title']}\n\n{a['text']}",
        kind="text",
        source=a["source"],
        url=a["url"],
        title=a["title"],
        published=a["published"],
        outlet=a["outlet"],
    )


def aggregator_copy(outlet: str, *, cut: int | None = None, edit: bool = False) -> str:
    """An aggregator's copy of :data:`WIRE`: section label, blurb, optional cut or edit."""
    title, *paragraphs = [p for p in WIRE.split("\n\n") if p.strip()]
    paragraphs = [p.strip().removesuffix(" (NWS)") for p in paragraphs][:cut]
    if edit:
        paragraphs[1] = paragraphs[1].replace("that was luck", "that was pure luck")
    paragraphs[0] = f"Get latest articles and stories on World at {outlet}. " + paragraphs[0]
    paragraphs[-1] += " (NWS)"
    return "\n\n".join([f"World News | {title}", *paragraphs, "Share Now"]) + "\n"


def analysis(
    text: str, source: str, *, outlet: str | None = None, published: str | None = None
) -> Analysis:
    """A cleaned (not attributed) article as the store keeps it."""
    document = Document(
        content=text, kind="text", source=source, outlet=outlet, published=published
    )
    return Analysis(article=clean(document))
