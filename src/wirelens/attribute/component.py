"""The spaCy component ``wirelens_attribution``: ``doc._.attributions`` on any English pipeline.

Registered when :mod:`wirelens.attribute` is imported, so ``nlp.add_pipe("wirelens_attribution")``
works in any pipeline that has a parser and NER (it must come after them).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from wirelens.attribute.assemble import attributions_from_doc

__all__ = ["AttributionComponent"]

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


class AttributionComponent:
    """Sets ``doc._.attributions`` to the list of :class:`~wirelens.model.Attribution`."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def __call__(self, doc: Any) -> Any:
        doc._.attributions = attributions_from_doc(doc, model=self.model)
        return doc


@Language.factory("wirelens_attribution")
def make_attribution_component(nlp: Any, name: str) -> AttributionComponent:
    """Factory for ``nlp.add_pipe("wirelens_attribution")``: records the host pipeline's name."""
    meta = nlp.meta
    return AttributionComponent(
        f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
    )
