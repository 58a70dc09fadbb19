"""The linking run: :func:`link` runs the steps the package's docstring lists, in order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from wirelens.link.copies import CopiesReport, link_copies
from wirelens.link.options import LinkOptions
from wirelens.link.verify import Match
from wirelens.store.base import Store

__all__ = ["LinkReport", "link"]


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
