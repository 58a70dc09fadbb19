"""``wirelens reanalyze``: re-attribute stored articles made by an older attribute component."""

from __future__ import annotations

import click

from wirelens import settings
from wirelens.cli.output import DB

__all__ = ["reanalyze_command"]


@click.command("reanalyze")
@DB
def reanalyze_command(db: str | None) -> None:
    """Attribute again every stored article whose attribute component version differs.

    Each article keeps its body and metadata; its attributions are replaced (one transaction
    per batch, so an interrupted run can be run again). Articles already analysed by the
    current version are left alone: running it twice does nothing the second time.
    """
    from wirelens.run.options import Options
    from wirelens.run.reanalyze import ReanalyzeReport, reanalyze
    from wirelens.store import open_store

    values = settings.load({"db": db})
    options = Options.resolve()

    def show(report: ReanalyzeReport) -> None:
        click.echo(f"reanalyzed {report.updated} so far", err=True)

    with open_store(values["db"], create=False) as store:
        report = reanalyze(store, options, batch_size=values["batch-size"], progress=show)
        where = store.name
    click.echo(f"reanalyzed {report.updated} articles in {where}, failed {len(report.failed)}")
