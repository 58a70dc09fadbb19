"""Options of a whole pipeline run, resolved once at the edge and passed down to every stage.

``Options.resolve(overrides)`` is what the public API and the CLI call; a stage receives the
frozen result (pickled into worker processes and Spark executors) and never reads settings
itself. Keywords are the settings' names spelled as Python names (``attribution_scope``,
``max_bytes``) plus ``follow_links``; a keyword no stage uses is rejected, never ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wirelens import settings
from wirelens.errors import ConfigError
from wirelens.link.options import LinkOptions
from wirelens.readers.options import ReadOptions
from wirelens.scope import SCOPES, Scope, parse_scope

__all__ = ["ATTRIBUTE_KEYWORDS", "READ_KEYWORDS", "SCOPES", "Options"]

#: Keywords the read stage takes (settings overrides plus the reader-only ``follow_links``).
READ_KEYWORDS = (
    "max_bytes",
    "fetch_timeout",
    "max_redirects",
    "allow_private",
    "user_agent",
    "text_piece_chars",
    "follow_links",
)
#: Keywords the attribute stage takes. (Cleaning has no options.)
ATTRIBUTE_KEYWORDS = ("attribution_scope", "model", "parse", "entities")


@dataclass(frozen=True)
class Options:
    """Everything the stages need: reading options, attribution scope, spaCy model, what it
    parses and how it finds entities, and the signature parameters of linking (the store's own
    defaults: a Spark run's signatures and bands must be the ones ``wirelens link`` would
    make)."""

    read: ReadOptions
    #: what counts as an attribution (:mod:`wirelens.scope`)
    scope: Scope
    #: the spaCy pipeline package, ``auto`` already resolved to an installed one
    model: str
    #: shingle size, MinHash permutations, rows per band, seed (link-signatures stage)
    link: LinkOptions = field(default_factory=LinkOptions)
    #: ``candidates`` (parse only sentences that can hold an attribution) or ``all``
    parse: str = "candidates"
    #: ``windows`` (NER only around words that can hold an entity) or ``full`` (every token)
    entities: str = "windows"

    @classmethod
    def resolve(cls, overrides: Mapping[str, Any] | None = None) -> Options:
        """Resolve keyword overrides against the settings table; unknown keywords raise."""
        from wirelens.nlp_modes import check_entities, check_parse, model_name

        given = dict(overrides or {})
        unknown = sorted(set(given) - set(READ_KEYWORDS) - set(ATTRIBUTE_KEYWORDS))
        if unknown:
            known = ", ".join((*READ_KEYWORDS, *ATTRIBUTE_KEYWORDS))
            raise ConfigError(f"unknown option(s) {', '.join(unknown)}: options are {known}")
        read = ReadOptions.resolve({k: v for k, v in given.items() if k in READ_KEYWORDS})
        values = settings.load(
            {
                "attribution-scope": given.get("attribution_scope"),
                "model": given.get("model"),
                "parse": given.get("parse"),
                "entities": given.get("entities"),
            }
        )
        return cls(
            read=read,
            scope=parse_scope(str(values["attribution-scope"])),
            model=model_name(str(values["model"])),
            parse=check_parse(str(values["parse"])),
            entities=check_entities(str(values["entities"])),
        )
