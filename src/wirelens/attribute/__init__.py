"""Attribution: who said what, according to whom, with offsets into the article body.

Public functions:

* :func:`setup` loads the spaCy pipeline once per process (stages call it in each worker);
* :func:`extract` finds attributions in plain text (no article metadata, so chains hold only
  in-text hops) - this is what the PolNeAR evaluation scores;
* :func:`analyze_article` / :func:`analyze_articles` attribute cleaned Articles, adding the
  agency and outlet hops to every chain; the batch form parses with ``nlp.pipe``.

Importing this package registers the spaCy component ``wirelens_attribution``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from wirelens import settings
from wirelens.attribute import component as _component  # registers the spaCy factory
from wirelens.attribute.assemble import COMPONENT, attributions_from_doc, component_id, shift
from wirelens.attribute.casing import recase
from wirelens.attribute.confidence import load_table
from wirelens.attribute.nlp import load
from wirelens.attribute.spans import with_text
from wirelens.errors import ConfigError
from wirelens.model import Analysis, Article, Attribution

__all__ = [
    "COMPONENT",
    "SCOPES",
    "analyze_article",
    "analyze_articles",
    "component_id",
    "extract",
    "setup",
]

#: What counts as an attribution: reported speech only, or also stances (PolNeAR's definition).
SCOPES = ("speech", "stance")

del _component

#: Bodies are parsed in pieces of at most this many characters (about 3,500 words), cut at
#: paragraph breaks, so a huge document never needs one huge parse: memory stays bounded and
#: per-piece work stays small. News articles fit in one piece, so coreference is unaffected.
CHUNK_CHARS = 20_000
_BATCH = 16


def setup() -> Any:
    """Load the spaCy pipeline and the confidence table for this process; return the pipeline."""
    load_table()
    return load()


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def extract(text: str, scope: str | None = None) -> list[Attribution]:
    """Attributions in plain ``text``; every span indexes ``text``.

    ``scope`` is ``speech`` or ``stance``; None takes the ``attribution-scope`` setting.
    """
    return list(_attribute(text, None, scope))


def _scope(scope: str | None) -> str:
    value = scope or str(settings.get("attribution-scope"))
    if value not in SCOPES:
        raise ConfigError(f"attribution scope must be one of {', '.join(SCOPES)}, not {value!r}")
    return value


def _attribute(
    text: str, article: Article | None, scope: str | None = None
) -> Iterator[Attribution]:
    nlp = load()
    agency = article.agency if article else None
    outlet = article.outlet if article else None
    chosen = _scope(scope)
    for offset, piece in _chunks(text):
        doc = with_text(nlp(recase(piece)), piece)
        for attribution in attributions_from_doc(doc, agency=agency, outlet=outlet, scope=chosen):
            yield attribution if offset == 0 else shift(attribution, offset)


def analyze_article(article: Article) -> Analysis:
    """The article with its attributions (spans index ``article.body``)."""
    attributions: tuple[Attribution, ...] = ()
    if article.language in (None, "en"):
        attributions = tuple(_attribute(article.body, article))
    made_by = {"attribute": component_id(_scope(None))}
    return Analysis(article=article, attributions=attributions, components=made_by)


def analyze_articles(articles: Iterable[Article]) -> Iterator[Analysis]:
    """Batch form of :func:`analyze_article`: short bodies are parsed together with nlp.pipe."""
    nlp = load()
    scope = _scope(None)
    batch: list[Article] = []

    def flush() -> Iterator[Analysis]:
        english = [a for a in batch if a.language in (None, "en") and len(a.body) <= CHUNK_CHARS]
        parsed = nlp.pipe(recase(a.body) for a in english)
        docs = {id(a): with_text(doc, a.body) for a, doc in zip(english, parsed, strict=True)}
        for article in batch:
            doc = docs.get(id(article))
            if doc is None:
                yield analyze_article(article)
                continue
            found = attributions_from_doc(
                doc, agency=article.agency, outlet=article.outlet, scope=scope
            )
            yield Analysis(
                article=article,
                attributions=tuple(found),
                components={"attribute": component_id(scope)},
            )
        batch.clear()

    for article in articles:
        batch.append(article)
        if len(batch) >= _BATCH:
            yield from flush()
    yield from flush()
