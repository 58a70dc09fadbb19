"""``wirelens eval attribution DIR``: wirelens vs textacy on PolNeAR, scored the same way.

A thin shell over :mod:`wirelens.eval.attribution`: both systems run on the same articles in the
same process; the table (or ``--json``) goes to stdout and the progress bar to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

__all__ = ["attribution_command"]


@click.command("attribution")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
@click.option("--no-baseline", is_flag=True, help="Skip the textacy baseline (faster).")
@click.option(
    "--scope",
    type=click.Choice(["speech", "stance"]),
    default="stance",
    show_default=True,
    help="wirelens' attribution scope; PolNeAR annotates stances too, hence 'stance'.",
)
def attribution_command(
    folder: Path, as_json: bool, limit: int | None, no_baseline: bool, scope: str
) -> None:
    """Score source, cue, content and whole attributions on a PolNeAR folder (brat standoff).

    Exact: the same span after trimming whitespace and edge punctuation. Overlap: token-overlap
    credit. Matching is one-to-one; articles with several annotators are scored against each
    and averaged. textacy's direct_quotations runs beside wirelens as the baseline.
    """
    from wirelens.eval.attribution import Scorer, baseline_predictor, wirelens_predictor
    from wirelens.eval.standoff import load_polnear

    articles = load_polnear(folder, limit)
    systems: dict[str, Any] = {"ours": wirelens_predictor(scope)}
    if not no_baseline:
        systems["baseline"] = baseline_predictor()
    scorers = {name: Scorer() for name in systems}
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        for name, predictor in systems.items():
            task = progress.add_task(name, total=len(articles))
            for article in articles:
                scorers[name].run(article, predictor)
                progress.advance(task)
    report = {name: scorer.report() for name, scorer in scorers.items()}
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    _print_table(report)


def _print_table(report: dict[str, Any]) -> None:
    table = Table(title="Attribution on PolNeAR (P / R / F1)")
    table.add_column("span")
    table.add_column("match")
    for name in report:
        table.add_column(name, justify="right")
    for part in ("source", "cue", "content", "attribution"):
        for mode in ("exact", "overlap"):
            cells = []
            for scores in report.values():
                s = scores[part][mode]
                cells.append(f"{s['p']:.3f} / {s['r']:.3f} / {s['f1']:.3f}")
            table.add_row(part, mode, *cells)
    table.add_row("articles/s", "", *[f"{r['articles_per_s']:.1f}" for r in report.values()])
    table.add_row("raised", "", *[str(r["raised"]) for r in report.values()])
    console = Console()
    console.print(table)
    kinds = Table(title="Exact content recall by construction (gold count)")
    kinds.add_column("construction")
    for name in report:
        kinds.add_column(name, justify="right")
    first = next(iter(report.values()))
    for kind, info in first["constructions"].items():
        cells = [
            f"{r['constructions'].get(kind, {}).get('recall', 0):.3f}" for r in report.values()
        ]
        kinds.add_row(f"{kind} ({info['gold']})", *cells)
    console.print(kinds)
