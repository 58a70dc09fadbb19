"""``wirelens eval stories FILE``: story clustering, wirelens vs a TF-IDF baseline.

A thin shell over :mod:`wirelens.eval.stories`: both systems cluster the same articles in the
same run; the table (or ``--json``) goes to stdout and the progress bar to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

__all__ = ["stories_command"]


@click.command("stories")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--label",
    default="cluster",
    show_default=True,
    help="The JSON field holding each article's gold story.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=None,
    help="Let the articles arrive N at a time, linking after each batch (the incremental "
    "path; default: all at once).",
)
def stories_command(file: Path, label: str, as_json: bool, batch: int | None) -> None:
    """Score story clustering on a JSONL file of articles with gold stories.

    Each line has `text`, optionally `published`, `outlet`, `title` (and `topic`, for the
    hard-negative count), and the gold label. Reports B-cubed precision/recall/F1 and the
    adjusted Rand index for wirelens and for the baseline: TF-IDF with average-linkage cosine
    clustering at one fixed threshold.
    """
    from wirelens.eval.stories import load_jsonl, predict_baseline, predict_ours, score, timed

    articles = load_jsonl(file, label)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, TimeRemainingColumn(), console=Console(stderr=True), transient=True
    ) as bar:
        task = bar.add_task("wirelens", total=len(articles))
        ours, ours_s = timed(lambda: predict_ours(articles, batch, lambda n: bar.advance(task, n)))
    baseline, base_s = timed(lambda: predict_baseline(articles))
    report = {
        "file": str(file),
        "articles": len(articles),
        "gold_stories": len({a.label for a in articles}),
        "batch": batch,
        "ours": {**score(articles, ours), "seconds": ours_s},
        "baseline": {**score(articles, baseline), "seconds": base_s},
    }
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    _print_table(report)


def _print_table(report: dict[str, Any]) -> None:
    title = f"Stories: {report['articles']} articles, {report['gold_stories']} gold stories"
    table = Table(title=title)
    table.add_column("metric")
    for name in ("ours", "baseline"):
        table.add_column(name, justify="right")
    systems = [report["ours"], report["baseline"]]
    for key, name in (("p", "B-cubed precision"), ("r", "B-cubed recall"), ("f1", "B-cubed F1")):
        table.add_row(name, *[f"{s['bcubed'][key]:.3f}" for s in systems])
    table.add_row("ARI", *[f"{s['ari']:.3f}" for s in systems])
    table.add_row("stories found", *[str(s["stories"]) for s in systems])
    if "hard_negatives" in report["ours"]:
        hard = [s["hard_negatives"] for s in systems]
        table.add_row(
            "topics with events merged", *[f"{h['topics_merged']} / {h['topics']}" for h in hard]
        )
        table.add_row(
            "cross-event pairs merged",
            *[f"{h['cross_event_pairs_merged']} / {h['cross_event_pairs']}" for h in hard],
        )
    table.add_row("seconds", *[f"{s['seconds']:.1f}" for s in systems])
    Console().print(table)
