"""Attribution: who said what, according to whom, with offsets into the article body.

Public functions:

* :func:`setup` loads the spaCy pipeline once per process (stages call it in each worker);
* :func:`extract` finds attributions in plain text (no article metadata, so chains hold only
  in-text hops) - this is what the PolNeAR evaluation scores;
* :func:`analyze_article` / :func:`analyze_articles` attribute cleaned Articles, adding the
  agency and outlet hops to every chain;
* :func:`analyze_batch` is the stage all of them (and the ingest and Spark runners) go through:
  one ``nlp.pipe`` over a batch (:mod:`wirelens.attribute.batch`).

Importing this package registers the spaCy component ``wirelens_attribution``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from wirelens import settings
from wirelens.attribute import component as _component  # registers the spaCy factory
from wirelens.attribute.assemble import COMPONENT, component_id
from wirelens.attribute.batch import CHUNK_CHARS, Target, attribute_texts
from wirelens.attribute.confidence import load_table
from wirelens.attribute.nlp import load
from wirelens.model import Analysis, Article, Attribution
from wirelens.nlp_modes import check_entities, check_parse, model_name
from wirelens.scope import SCOPES, Scope, parse_scope

__all__ = [
    "CHUNK_CHARS",
    "COMPONENT",
    "SCOPES",
    "analyze_article",
    "analyze_articles",
    "analyze_batch",
    "component_id",
    "extract",
    "setup",
]

del _component

#: Articles handed to :func:`analyze_batch` at a time by :func:`analyze_articles`.
_BATCH = 16


def setup(model: str | None = None, entities: str | None = None) -> Any:
    """Load the spaCy pipeline (``model``, ``entities``: the settings' values when None) and the
    confidence table for this process; return the pipeline."""
    load_table()
    return load(model_name(model), _entities(entities))


def _entities(entities: str | None) -> str:
    return check_entities(entities or str(settings.get("entities")))


def _scope(scope: str | None) -> Scope:
    """The edge: a scope given as text (or None: the setting's) parsed once."""
    return parse_scope(scope or str(settings.get("attribution-scope")))


def _parse(parse: str | None) -> str:
    return check_parse(parse or str(settings.get("parse")))


def _english(article: Article) -> bool:
    return article.language in (None, "en")


def analyze_batch(
    articles: Sequence[Article],
    *,
    scope: Scope,
    model: str | None = None,
    parse: str | None = None,
    entities: str | None = None,
) -> list[Analysis]:
    """The attribute stage: every English article of the batch parsed with one ``nlp.pipe``.

    ``scope``, ``model``, ``parse`` and ``entities`` come resolved from the caller's edge
    (``Options``; a None ``parse`` or ``entities`` reads the setting); spans index each
    ``article.body``. Articles in other
    languages get no attributions.
    """
    english = [a for a in articles if _english(a)]
    targets = [Target(a.body, a.agency, a.outlet) for a in english]
    found = attribute_texts(setup(model, entities), targets, scope, _parse(parse))
    by_article = {id(a): tuple(f) for a, f in zip(english, found, strict=True)}
    return [
        Analysis(
            article=a,
            attributions=by_article.get(id(a), ()),
            components={"attribute": component_id(scope, model)},
        )
        for a in articles
    ]


def extract(text: str, scope: str | None = None) -> list[Attribution]:
    """Attributions in plain ``text``; every span indexes ``text``.

    ``scope`` is ``speech`` or ``stance``; None takes the ``attribution-scope`` setting.
    """
    return attribute_texts(setup(), [Target(text)], _scope(scope), _parse(None))[0]


def analyze_article(article: Article, scope: str | None = None) -> Analysis:
    """The article with its attributions (spans index ``article.body``)."""
    return analyze_batch([article], scope=_scope(scope))[0]


def analyze_articles(articles: Iterable[Article], scope: str | None = None) -> Iterator[Analysis]:
    """Batch form of :func:`analyze_article`: articles are parsed together with nlp.pipe."""
    chosen = _scope(scope)
    model = model_name()
    parse = _parse(None)
    entities = _entities(None)
    it = iter(articles)
    while batch := list(islice(it, _BATCH)):
        yield from analyze_batch(batch, scope=chosen, model=model, parse=parse, entities=entities)
