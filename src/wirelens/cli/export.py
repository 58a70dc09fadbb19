"""``wirelens export``: articles, attributions, speakers, copy groups, quote traces or stories as
JSONL, CSV or Parquet; the provenance graph as JSON or GraphML.

A file is written whole or not at all: rows go to a temporary file in the target's folder,
which is renamed over the target only once complete (a rename within a folder is atomic), so a
full disk or a failing query leaves any previous export as it was. Replacing an existing file
takes ``--force``.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import secrets
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from wirelens import settings
from wirelens.cli.output import DB, MIN_CONFIDENCE
from wirelens.errors import InputError, StoreError
from wirelens.store.base import Store

__all__ = ["export_command"]


def _write_rows(rows: Iterable[dict[str, Any]], fmt: str, fh: TextIO) -> None:
    """Stream ``rows`` as JSON Lines or CSV (CSV columns are the first row's keys)."""
    if fmt == "jsonl":
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    rows = iter(rows)
    first = next(rows, None)
    writer = csv.DictWriter(fh, fieldnames=list(first) if first else ["empty"])
    writer.writeheader()
    if first is not None:
        writer.writerows(itertools.chain([first], rows))


def _write_file(fill: Callable[[Path], None], output: Path, force: bool) -> None:
    """Write ``output`` through a temporary sibling (``fill`` writes it) renamed over it."""
    temp = output.with_name(f".{output.name}.{secrets.token_hex(4)}.tmp")
    try:
        fill(temp)
        if output.exists():
            _check_target(output, force)
            shutil.copymode(output, temp)  # a replaced export keeps its permissions
        os.replace(temp, output)
    finally:
        temp.unlink(missing_ok=True)


def _text_filler(write: Callable[[TextIO], None]) -> Callable[[Path], None]:
    """Fill a temporary file through ``write``, synced to disk before the rename."""

    def fill(temp: Path) -> None:
        with temp.open("x", encoding="utf-8", newline="") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())

    return fill


def _parquet_filler(rows: Iterable[dict[str, Any]]) -> Callable[[Path], None]:
    def fill(temp: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(list(rows)), str(temp))

    return fill


def _check_target(output: Path, force: bool) -> None:
    if output.exists() and not force:
        raise StoreError(f"{output} already exists; add --force to replace it (left untouched)")


def _records(store: Store, what: str) -> Iterable[dict[str, Any]]:
    """The rows of one kind of record: the store's own, or linking's (:mod:`wirelens.link`
    reads the store; the store never imports linking)."""
    if what == "groups":
        from wirelens.link import group_rows

        return group_rows(store)
    if what == "traces":
        from wirelens.link.provenance import trace_rows

        return trace_rows(store)
    if what == "stories":
        from wirelens.link.story_list import story_rows

        return story_rows(store)
    return store.rows(what)


def _graph_writer(store: Store, fmt: str) -> Callable[[TextIO], None]:
    from wirelens.link.graph import graph_graphml, graph_json, provenance_graph

    graph = provenance_graph(store)
    text = (graph_graphml(graph) if fmt == "graphml" else graph_json(graph)) + "\n"

    def write(fh: TextIO) -> None:
        fh.write(text)

    return write


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
    type=click.Choice(
        ["articles", "attributions", "speakers", "groups", "traces", "stories", "graph"]
    ),
    default="attributions",
    show_default=True,
    help="Which records to export.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: standard output; required for parquet). Written to a "
    "temporary file first, then renamed, so a failed export leaves no partial file.",
)
@click.option("--force", is_flag=True, help="Replace --output if it already exists.")
@MIN_CONFIDENCE
@DB
def export_command(
    *,
    fmt: str | None,
    what: str,
    output: Path | None,
    force: bool,
    min_confidence: float,
    db: str | None,
) -> None:
    """Export stored records for analysis elsewhere (pandas, R, spreadsheets), or the
    provenance graph (speakers, outlets, articles) as JSON or GraphML."""
    from wirelens.store import open_store

    if fmt is not None and (fmt in {"json", "graphml"}) != (what == "graph"):
        raise InputError(
            f"--format {fmt} does not fit --what {what}: the graph is json or graphml, "
            "records are jsonl, csv or parquet"
        )
    fmt = fmt or ("json" if what == "graph" else "jsonl")
    if output is None and fmt == "parquet":
        raise StoreError("parquet export needs --output FILE")
    if min_confidence > 0 and what != "attributions":
        raise click.UsageError("--min-confidence applies to --what attributions only")
    if output is not None:
        _check_target(output, force)  # before any work
    with open_store(settings.load({"db": db})["db"], create=False) as store:
        if what == "graph":
            write = _graph_writer(store, fmt)
        else:
            records = (r for r in _records(store, what) if _confident(r, min_confidence))
            rows = _flat(records, records_as_json=fmt != "jsonl")
            if fmt == "parquet" and output is not None:
                _write_file(_parquet_filler(rows), output, force)
                return

            def write(fh: TextIO) -> None:
                _write_rows(rows, fmt, fh)

        try:
            if output is None:
                write(sys.stdout)
            else:
                _write_file(_text_filler(write), output, force)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): the CLI exits quietly, as Unix tools do
        except OSError as exc:
            raise StoreError(f"cannot write {output}: {exc.strerror or exc}") from exc


def _confident(row: dict[str, Any], least: float) -> bool:
    """Whether an exported row passes ``--min-confidence`` (rows without one always do)."""
    value = row.get("confidence")
    # PostgreSQL's REAL (float4) gives 0.976 back a hair below 0.976
    return not least or value is None or float(value) >= least - 1e-6


def _flat(rows: Iterable[dict[str, Any]], *, records_as_json: bool) -> Iterator[dict[str, Any]]:
    """Lists of names (aliases, outlets) as one comma-separated string; records (hops, pieces,
    addressee) as JSON text where the format wants one plain type per column (CSV, Parquet)."""
    for row in rows:
        yield {k: _cell(k, v, records_as_json) for k, v in row.items()}


#: Columns holding records (lists of objects, or one object or null), not lists of names.
_RECORDS = frozenset({"hops", "pieces", "addressee"})


def _cell(key: str, value: Any, records_as_json: bool) -> Any:
    if key in _RECORDS:
        return json.dumps(value, ensure_ascii=False) if records_as_json else value
    return ", ".join(value) if isinstance(value, list) else value
