"""What a quote row needs beyond the ``attributions`` table to be cited in full: the sourcing
chain's hops with their relations, the continuation pieces of a split quote, and whom the words
were addressed to. These live in the stored analysis (``articles.record``), so they are read from
it for the rows asked for - a page of quotes, or an export streamed article by article - and
corpora stored before this existed get them too."""

from __future__ import annotations

from typing import Any

from wirelens.model import Analysis, Attribution, from_json

__all__ = ["EMPTY", "Sourcing", "sourcing"]

#: hops, pieces, addressee
Sourcing = tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any] | None]
EMPTY: Sourcing = ([], [], None)


def _one(attribution: Attribution) -> Sourcing:
    hops = [{"source": h.source, "relation": h.relation, "cue": h.cue} for h in attribution.chain]
    pieces = [{"text": p.text, "start": p.start, "end": p.end} for p in attribution.continued]
    addressee = attribution.addressee
    to = None if addressee is None else {"name": addressee.name, "relation": addressee.relation}
    return hops, pieces, to


def sourcing(record: str | bytes) -> dict[tuple[int, int], Sourcing]:
    """Each attribution of a stored analysis, keyed by its quote's (start, end)."""
    analysis = from_json(record, Analysis)
    return {(a.quote.start, a.quote.end): _one(a) for a in analysis.attributions}
