"""Sourcing chains: the ordered hops from a speaker to the publisher.

Hops named in the sentence come first, nearest to the speaker first: "according to", "as per",
"citing" and "quoted by" name who carried the statement, and a relaying "X reported" names who
passed that on. Then come the article's wire agency and its outlet, from metadata. So the seed's
"Khamenei said ..., Times of Israel reported, citing local media" gives local media -> Times of
Israel -> ANI -> LatestLY.
"""

from __future__ import annotations

from collections.abc import Callable

from wirelens.attribute.found import Relay
from wirelens.attribute.speaker_words import RELATIVES
from wirelens.model import Hop

__all__ = ["build_chain"]

#: Order of in-text relations, speaker side first.
_ORDER = {"according_to": 0, "as_per": 0, "quoted_by": 0, "citing": 1, "told": 1, "reported": 2}


#: Possessive determiners: a hop "her account", "his statement" is its owner's.
_OWNERS = frozenset({"his", "her", "their", "its"})


def _norm(name: str) -> str:
    return name.lower().removeprefix("the ").strip()


def build_chain(
    text: str,
    relays: list[Relay],
    agency: str | None,
    outlet: str | None,
    speaker: str | None = None,
    *,
    name_of: Callable[[tuple[int, int]], str | None] | None = None,
) -> tuple[Hop, ...]:
    """Hops for one attribution: in-text relays in order, then agency and outlet.

    ``name_of`` names a relay given by a relative pronoun ("an article by Gabriel Sherman, who
    reported ...": the hop is Gabriel Sherman, not "who"); the hop keeps the pronoun's offsets.
    """
    hops: list[Hop] = []
    seen = {_norm(speaker)} if speaker else set()
    for relay in sorted(relays, key=lambda r: (_ORDER.get(r.relation, 3), r.source[0])):
        start, end = relay.source
        if text[start:end].lower().startswith("the "):
            start += 4
        name = text[start:end]
        first = name.split(maxsplit=1)[0].lower() if name.split() else ""
        if (name.lower() in RELATIVES or first in _OWNERS) and name_of is not None:
            # "who" and "her account" are named by whom they stand for: "According to her
            # account, ... she insisted" is no hop beyond the speaker herself
            name = name_of((start, end)) or name
        if _norm(name) in seen:
            continue
        seen.add(_norm(name))
        hops.append(
            Hop(
                source=name,
                relation=relay.relation,
                cue=relay.cue,
                start=start,
                end=end,
            )
        )
    for meta, relation in ((agency, "agency"), (outlet, "outlet")):
        # "told Coastline Radio" in an article by "Coastline Radio News" is the outlet itself
        if meta and hops and _norm(meta).startswith(_norm(hops[-1].source)):
            seen.discard(_norm(hops.pop().source))
        if meta and _norm(meta) not in seen:
            seen.add(_norm(meta))
            hops.append(Hop(source=meta, relation=relation))
    return tuple(hops)
