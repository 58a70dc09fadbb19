"""``wirelens failures``: what ingest could not read or analyse, and why.

Ingest never stops for one bad record: it reports it on stderr, skips it and records it in the
corpus. This command lists those records afterwards, so a long unattended ingest can be checked
(and the bad inputs fixed and re-ingested) without keeping its stderr.
"""

from __future__ import annotations

import json

import click

from wirelens import settings
from wirelens.cli.output import DB, ROW_LIMIT, default_format

__all__ = ["failures_command"]


@click.command("failures")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    default=None,
    help="Output: table (default on a terminal) or jsonl (default otherwise).",
)
@click.option("--limit", type=ROW_LIMIT, default=1000, show_default=True, help="Most rows.")
@DB
def failures_command(fmt: str | None, limit: int, db: str | None) -> None:
    """List the recorded failures, oldest first: when, source, position in it, reason."""
    from wirelens.cli.query import table
    from wirelens.store import open_store

    with open_store(settings.load({"db": db})["db"], create=False) as store:
        rows = store.failures(limit=limit)
    if default_format(fmt) == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table(
        f"{len(rows)} failure(s)",
        ["at", "source", "position", "error"],
        [[r["at"][:19], r["source"], r["position"] or "", r["error"]] for r in rows],
    )
