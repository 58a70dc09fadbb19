"""``wirelens load DIR``: put the Parquet output of ``ingest --engine spark`` into a store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from wirelens import settings
from wirelens.cli.output import DB

if TYPE_CHECKING:
    from wirelens.run.load import LoadReport

__all__ = ["load_command", "load_summary"]


def load_summary(report: LoadReport, where: str) -> str:
    """One line on what was stored and how linking reused the Spark run's work."""
    line = (
        f"loaded {report.new} new, {report.existing} already present, {report.failures} "
        f"failures recorded, {report.signatures} signatures from Spark"
    )
    if report.linked is not None:
        c = report.linked.copies
        how = (
            "Spark's verified pairs used as they are"
            if report.reused_pairs
            else f"{c.candidates} candidate pair(s) joined in the store"
        )
        line += (
            f"; linked: {how}, {c.copies} copy pair(s), {c.groups} copy group(s), "
            f"{report.linked.traces} quote trace(s), {report.linked.stories} article(s) in stories"
        )
    return f"{line}; into {where}"


@click.command("load")
@click.argument("folder", type=click.Path(path_type=Path))
@DB
@click.option("--no-link", is_flag=True, help="Store only; skip linking (run `wirelens link`).")
def load_command(folder: Path, db: str | None, no_link: bool) -> None:
    """Store the articles, attributions and failures a Spark ingest wrote under FOLDER, then
    link them.

    Articles are keyed by content hash, as with `wirelens ingest`: loading the same folder
    twice adds nothing the second time. Spark's signatures and bands are stored as they are;
    its verified copy pairs are used as they are when the corpus had no signatures before
    and holds just this run (else the store joins the bands itself, so new articles meet
    the old ones). Groups, origins, word diffs, quote traces and stories are made here.
    Needs only pyarrow, not Spark.
    """
    from wirelens.run.load import load
    from wirelens.store import open_store

    values = settings.load({"db": db})
    with open_store(values["db"]) as store:
        report = load(folder, store, batch_size=values["batch-size"], link_after=not no_link)
        total, where = store.count(), store.name
    click.echo(f"{load_summary(report, where)} ({total} articles)")
