"""``wirelens eval syndication [FILE]``: the synthetic wire-copy benchmark, scored on pairs.

A thin shell over :mod:`wirelens.eval.syndication` (where the benchmark's construction is
documented): the table (or ``--json``) goes to stdout, progress to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

__all__ = ["syndication_command"]


def _table(result: dict[str, Any]) -> None:
    pairs = result["pairs"]
    table = Table(
        width=100,
        title=(
            f"wire copies: {result['originals']} wire originals, {result['copies']} copies "
            f"(seed {result['seed']}); pair P {pairs['precision']:.4f} R {pairs['recall']:.4f} "
            f"F1 {pairs['f1']:.4f} (goal P >= .98, R >= .95)"
        ),
    )
    for column in ("change", "gold pairs", "precision", "recall"):
        table.add_column(column, justify="left" if column == "change" else "right")
    table.add_row("all", str(pairs["gold"]), f"{pairs['precision']:.4f}", f"{pairs['recall']:.4f}")
    for kind, row in result["per_kind"].items():
        table.add_row(kind, str(row["gold"]), f"{row['precision']:.4f}", f"{row['recall']:.4f}")
    console = Console()
    console.print(table)
    hard, groups = result["hard_negatives"], result["groups"]
    console.print(
        f"hard negatives (same gold story, different article): {hard['pairs_same_story']} pairs, "
        f"{hard['false_pairs_same_story']} joined; other false pairs: "
        f"{hard['false_pairs_other_story']}; groups {groups['predicted']} (gold "
        f"{groups['gold']}), origin is the wire original in {groups['origin_is_wire']:.2%}; "
        f"{result['near_duplicate_originals_dropped']} ECB+ near-duplicates left out; "
        f"linking {result['link_seconds']}s, total {result['seconds']}s"
    )


@click.command("syndication")
@click.argument(
    "file",
    type=click.Path(path_type=Path),
    default="../shared/data/stories/ecbplus_docs.jsonl",
    required=False,
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--copies",
    type=click.IntRange(1, 4),
    default=3,
    show_default=True,
    help="Aggregator copies per wire original.",
)
@click.option("--seed", type=int, default=None, help="Random seed (default: the fixed one).")
def syndication_command(file: Path, as_json: bool, copies: int, seed: int | None) -> None:
    """Score wire-copy linking on a synthetic benchmark built from ECB+ (FILE, default
    ../shared/data/stories/ecbplus_docs.jsonl): each original gets aggregator copies with
    wrappers, "Also Read" inserts, truncation, rewritten ledes, reordered paragraphs, new
    headlines and time shifts; other articles of the same gold story are hard negatives.
    Reports pair precision and recall, overall and per kind of change."""
    from wirelens.eval.syndication import SEED, run

    console = Console(stderr=True)
    with console.status("building the benchmark") as status:
        result = run(
            file,
            copies=copies,
            seed=SEED if seed is None else seed,
            progress=status.update,
        )
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        _table(result)
