"""The spaCy component ``wirelens_attribution``: ``doc._.attributions`` on any English pipeline.

Registered when :mod:`wirelens.attribute` is imported, so ``nlp.add_pipe("wirelens_attribution")``
works in any pipeline that has a parser and NER (it must come after them). The Doc is the user's
(parsed by their pipeline), so the component runs the assembly half of the attribute stage
(:func:`wirelens.attribute.batch.attribute_docs`) on it; ``scope`` is set in the config
(``nlp.add_pipe("wirelens_attribution", config={"scope": "stance"})``).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from wirelens.attribute.batch import Target, attribute_docs
from wirelens.scope import parse_scope

__all__ = ["AttributionComponent"]

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


class AttributionComponent:
    """Sets ``doc._.attributions`` to the list of :class:`~wirelens.model.Attribution`."""

    def __init__(self, scope: str = "speech") -> None:
        self.scope = parse_scope(scope)

    def __call__(self, doc: Any) -> Any:
        doc._.attributions = attribute_docs([doc], [Target(doc.text)], self.scope)[0]
        return doc

    def pipe(self, docs: Any, batch_size: int = 16) -> Any:
        """Attribute each Doc of a stream (``nlp.pipe`` calls this)."""
        for doc in docs:
            yield self(doc)


@Language.factory("wirelens_attribution", default_config={"scope": "speech"})
def make_attribution_component(nlp: Any, name: str, scope: str) -> AttributionComponent:
    """Factory for ``nlp.add_pipe("wirelens_attribution")``."""
    return AttributionComponent(scope)
