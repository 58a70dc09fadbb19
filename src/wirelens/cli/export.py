"""``wirelens export``: articles, attributions or speakers as JSONL, CSV or Parquet.

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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from wirelens import settings
from wirelens.cli.output import DB, MIN_CONFIDENCE
from wirelens.errors import StoreError

__all__ = ["export_command"]


def _write_text(rows: Iterable[dict[str, Any]], fmt: str, fh: TextIO) -> None:
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


def _write_file(rows: Iterable[dict[str, Any]], fmt: str, output: Path, force: bool) -> None:
    """Write ``output`` through a temporary sibling renamed over it once complete."""
    temp = output.with_name(f".{output.name}.{secrets.token_hex(4)}.tmp")
    try:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(list(rows)), str(temp))
        else:
            with temp.open("x", encoding="utf-8", newline="") as fh:
                _write_text(rows, fmt, fh)
                fh.flush()
                os.fsync(fh.fileno())
        if output.exists():
            _check_target(output, force)
            shutil.copymode(output, temp)  # a replaced export keeps its permissions
        os.replace(temp, output)
    finally:
        temp.unlink(missing_ok=True)


def _check_target(output: Path, force: bool) -> None:
    if output.exists() and not force:
        raise StoreError(f"{output} already exists; add --force to replace it (left untouched)")


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
    type=click.Choice(["articles", "attributions", "speakers"]),
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
    fmt: str,
    what: str,
    output: Path | None,
    force: bool,
    min_confidence: float,
    db: str | None,
) -> None:
    """Export stored records for analysis elsewhere (pandas, R, spreadsheets)."""
    from wirelens.store import open_store

    if output is None and fmt == "parquet":
        raise StoreError("parquet export needs --output FILE")
    if min_confidence > 0 and what != "attributions":
        raise click.UsageError("--min-confidence applies to --what attributions only")
    if output is not None:
        _check_target(output, force)  # before any work
    with open_store(settings.load({"db": db})["db"], create=False) as store:
        rows = _flat(r for r in store.rows(what) if _confident(r, min_confidence))
        try:
            if output is None:
                _write_text(rows, fmt, sys.stdout)
            else:
                _write_file(rows, fmt, output, force)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): the CLI exits quietly, as Unix tools do
        except OSError as exc:
            raise StoreError(f"cannot write {output}: {exc.strerror or exc}") from exc


def _confident(row: dict[str, Any], least: float) -> bool:
    """Whether an exported row passes ``--min-confidence`` (rows without one always do)."""
    value = row.get("confidence")
    # PostgreSQL's REAL (float4) gives 0.976 back a hair below 0.976
    return not least or value is None or float(value) >= least - 1e-6


def _flat(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Lists (aliases, outlets) as one comma-separated string, as CSV and Parquet want."""
    for row in rows:
        yield {k: (", ".join(v) if isinstance(v, list) else v) for k, v in row.items()}
