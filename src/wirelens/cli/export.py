"""``wirelens export``: articles, attributions or speakers as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from wirelens import settings
from wirelens.cli.output import DB
from wirelens.errors import StoreError

__all__ = ["export_command"]


def _write(rows: list[dict[str, Any]], fmt: str, output: Path | None) -> None:
    if fmt == "parquet":
        if output is None:
            raise StoreError("parquet export needs --output FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), output)
        return
    fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["empty"])
            writer.writeheader()
            writer.writerows(rows)
    finally:
        if output:
            fh.close()


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--what",
    type=click.Choice(["articles", "attributions", "speakers", "stories"]),
    default="attributions",
    show_default=True,
    help="Which records to export.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: standard output; required for parquet).",
)
@DB
def export_command(fmt: str, what: str, output: Path | None, db: str | None) -> None:
    """Export stored records for analysis elsewhere (pandas, R, spreadsheets)."""
    from wirelens.link.story_list import story_rows
    from wirelens.store import open_store

    with open_store(settings.load({"db": db})["db"]) as store:
        rows = [
            {k: (", ".join(v) if isinstance(v, list) else v) for k, v in row.items()}
            for row in (story_rows(store) if what == "stories" else store.rows(what))
        ]
    try:
        _write(rows, fmt, output)
    except OSError as exc:
        raise StoreError(f"cannot write {output}: {exc.strerror or exc}") from exc
