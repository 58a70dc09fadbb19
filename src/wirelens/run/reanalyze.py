"""Re-attribute stored articles whose attribute component version is not the current one.

Stored articles keep their body and metadata; only the attribution stage is run again (one
``nlp.pipe`` per batch), and each batch's records and attribution rows are replaced in one
transaction, so an interrupted run can simply be run again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from wirelens.model import Analysis
from wirelens.run.options import Options
from wirelens.run.stages import Failure, attribute_stage, setup_all
from wirelens.store.base import Store

__all__ = ["ReanalyzeReport", "reanalyze"]


@dataclass
class ReanalyzeReport:
    """How many stored articles were re-attributed, and which could not be."""

    updated: int = 0
    failed: list[str] = field(default_factory=list)


def reanalyze(
    store: Store,
    options: Options,
    *,
    batch_size: int = 64,
    progress: Callable[[ReanalyzeReport], None] | None = None,
) -> ReanalyzeReport:
    """Attribute again every stored article made by another attribute component: another rules
    version, scope or spaCy model than ``options`` ask for (see ``component_id``)."""
    from wirelens.attribute import component_id

    setup_all(options)
    report = ReanalyzeReport()
    after = ""
    current = component_id(options.scope, options.model)
    while stale := store.stale(current, after=after, limit=batch_size):
        after = stale[-1].article.id
        results = attribute_stage(options, [s.article for s in stale])
        for failure in (r for r in results if isinstance(r, Failure)):
            store.record_failure(failure.source, f"reanalyze: {failure.error}")
            report.failed.append(failure.source)
        report.updated += store.replace(r for r in results if isinstance(r, Analysis))
        if progress is not None:
            progress(report)
    return report
