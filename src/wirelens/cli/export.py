"""``wirelens export``: articles, attributions, speakers or quote traces as JSONL, CSV or
Parquet; the provenance graph as JSON or GraphML."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from wirelens import settings
from wirelens.cli.output import DB
from wirelens.errors import InputError, StoreError

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


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot write {output}: {exc.strerror or exc}") from exc


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "json", "graphml"]),
    default=None,
    help="Output format: jsonl (default), csv or parquet; json (default) or graphml for graph.",
)
@click.option(
    "--what",
    type=click.Choice(["articles", "attributions", "speakers", "traces", "graph"]),
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
def export_command(fmt: str | None, what: str, output: Path | None, db: str | None) -> None:
    """Export stored records for analysis elsewhere (pandas, R, spreadsheets), or the
    provenance graph (speakers, outlets, articles) as JSON or GraphML."""
    from wirelens.store import open_store

    if fmt is not None and (fmt in {"json", "graphml"}) != (what == "graph"):
        raise InputError(
            f"--format {fmt} does not fit --what {what}: the graph is json or graphml, "
            "records are jsonl, csv or parquet"
        )
    with open_store(settings.load({"db": db})["db"]) as store:
        if what == "graph":
            from wirelens.link.graph import graph_graphml, graph_json, provenance_graph

            graph = provenance_graph(store)
            text = graph_graphml(graph) if fmt == "graphml" else graph_json(graph)
            _write_text(text, output)
            return
        rows = [
            {k: (", ".join(v) if isinstance(v, list) else v) for k, v in row.items()}
            for row in store.rows(what)
        ]
    try:
        _write(rows, fmt or "jsonl", output)
    except OSError as exc:
        raise StoreError(f"cannot write {output}: {exc.strerror or exc}") from exc
