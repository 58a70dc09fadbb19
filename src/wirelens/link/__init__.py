"""Linking across the corpus: wire copies (syndication), quote traces and stories.

``link(store)`` runs the linking steps in order over whatever is new in the store; each step is
incremental, so running it after every ingest costs what the new articles cost, not the corpus:

1. **copies** - MinHash signatures of the new articles' clean bodies, LSH bands joined *inside*
   the store (SQL, :mod:`wirelens.link.banding`), candidates verified on exact shingle sets,
   and copy groups updated with their origin and each member's word diff
   (:mod:`wirelens.link.copies`).
2. **quote traces** - the attributions stored since the last run are matched with the seen
   statements they may repeat and the stored traces those belong to, found through an index
   of statement words kept in the store (:mod:`wirelens.link.trace_index`); only those traces
   are rewritten (:mod:`wirelens.link.traces`, join rules in :mod:`wirelens.link.join_rules`).
3. **stories** - articles in no story yet join the story they are closest to
   (:mod:`wirelens.link.stories`).

Traces and stories read the groups the copies step writes (``copy_groups(id, origin_id)``,
``copy_members(article_id, group_id)``).

``copy_group(store, id)`` answers ``wirelens copies ID`` and ``group_rows(store)`` feeds
``wirelens export --what groups``.

The package imports its modules when a name is first asked of it (:func:`__getattr__`): the
pipeline's worker processes read :class:`LinkOptions` through ``wirelens.link.options`` and
never load the linking code (about 150 ms of imports per worker).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wirelens.link.copies import CopiesReport, copy_group, group_rows
    from wirelens.link.options import LinkOptions
    from wirelens.link.steps import LinkReport, link

__all__ = [
    "CopiesReport",
    "LinkOptions",
    "LinkReport",
    "copy_group",
    "group_rows",
    "link",
]

#: Where each public name lives.
_HOMES = {
    "CopiesReport": "copies",
    "copy_group": "copies",
    "group_rows": "copies",
    "LinkOptions": "options",
    "LinkReport": "steps",
    "link": "steps",
}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    if name in _HOMES:
        return getattr(importlib.import_module(f"wirelens.link.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
