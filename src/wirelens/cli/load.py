"""``wirelens load DIR``: put the Parquet output of ``ingest --engine spark`` into a store."""

from __future__ import annotations

from pathlib import Path

import click

from wirelens import settings
from wirelens.cli.output import DB

__all__ = ["load_command"]


@click.command("load")
@click.argument("folder", type=click.Path(path_type=Path))
@DB
def load_command(folder: Path, db: str | None) -> None:
    """Store the articles, attributions and failures a Spark ingest wrote under FOLDER.

    Articles are keyed by content hash, as with `wirelens ingest`: loading the same folder
    twice adds nothing the second time. Needs only pyarrow, not Spark.
    """
    from wirelens.run.spark import load
    from wirelens.store import open_store

    values = settings.load({"db": db})
    with open_store(values["db"]) as store:
        report = load(folder, store, batch_size=values["batch-size"])
        total, where = store.count(), store.name
    click.echo(
        f"loaded {report.new} new, {report.existing} already present, "
        f"{report.failures} failures recorded; {total} articles in {where}"
    )
