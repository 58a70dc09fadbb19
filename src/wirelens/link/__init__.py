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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from wirelens.link.copies import CopiesReport, copy_group, group_rows, link_copies
from wirelens.link.options import LinkOptions
from wirelens.link.verify import Match
from wirelens.store.base import Store

__all__ = [
    "CopiesReport",
    "LinkOptions",
    "LinkReport",
    "copy_group",
    "group_rows",
    "link",
]


@dataclass
class LinkReport:
    """What one linking run did, step by step (each step adds its own report)."""

    copies: CopiesReport = field(default_factory=CopiesReport)
    #: quote traces in the corpus after the run (updated incrementally: only the new
    #: attributions and the traces they touch are matched again)
    traces: int = 0
    #: articles placed in a story (new or existing) this run
    stories: int = 0
    seconds: float = 0.0


def link(
    store: Store,
    options: LinkOptions | None = None,
    progress: Callable[[str], None] | None = None,
    verified: Sequence[Match] | None = None,
) -> LinkReport:
    """Link what is new in ``store``: wire copies first, then quote traces (which order a
    quote's appearances by the copy groups' origins), then stories (articles about one event).

    ``progress`` gets one short line per stage (for the CLI's stderr). Safe to run at any
    time and again: an article is linked once, and a run on an unchanged corpus does nothing.
    ``verified`` passes copy pairs found elsewhere (Spark) to :func:`link_copies`.
    """
    import time

    started = time.perf_counter()
    report = LinkReport()
    report.copies = link_copies(store, options or LinkOptions(), progress, verified)
    from wirelens.link.traces import update_traces

    if progress is not None:
        progress("quote traces")
    report.traces = update_traces(store)
    from wirelens.link.stories import update_stories

    if progress is not None:
        progress("stories")
    report.stories = update_stories(store)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
