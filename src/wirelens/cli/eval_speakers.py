"""``wirelens eval speakers DIR``: is the speaker we name the one the text means?

A thin shell over :mod:`wirelens.eval.speakers`: wirelens and the nearest-person baseline are
scored on the same gold sources in one run; the table (or ``--json``) goes to stdout and the
progress bar to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

__all__ = ["speakers_command"]


@click.command("speakers")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--gold",
    type=click.Path(path_type=Path),
    help="A speaker-identity TSV to score against instead of the shipped one (see --split).",
)
@click.option(
    "--split",
    type=click.Choice(["dev", "train"]),
    default="dev",
    show_default=True,
    help="Which shipped gold to score: dev (every dev article) or train (a held-out sample of "
    "26 train articles; pass the train folder).",
)
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="With --json, list every wrongly named gold source (offsets and names, no text).",
)
def speakers_command(
    folder: Path, as_json: bool, gold: Path | None, split: str, show_errors: bool
) -> None:
    """Score speaker identity on a PolNeAR folder against hand-annotated referents.

    Gold sources are matched to predicted speaker mentions by overlap; identity accuracy is the
    share of matched sources (with a known referent) whose resolved name is equivalent to the
    annotated one, per mention type. The baseline names the nearest preceding PERSON entity.
    """
    from wirelens.errors import EvalError
    from wirelens.eval.speakers import (
        SpeakerScorer,
        baseline_resolver,
        load_gold,
        wirelens_mentions,
    )
    from wirelens.eval.standoff import load_polnear

    sources = load_gold(gold, split)
    articles = {a.name: a for a in load_polnear(folder)}
    by_article: dict[str, list[Any]] = {}
    for source in sources:
        by_article.setdefault(source.article, []).append(source)
    missing = sorted(set(by_article) - set(articles))
    if missing:
        raise EvalError(f"{folder}: {len(missing)} annotated articles missing, e.g. {missing[0]}")
    for name, golds in by_article.items():
        if any(g.end > len(articles[name].text) for g in golds):
            raise EvalError(f"{name}: annotated offsets run past the article text")
    predict = wirelens_mentions()
    baseline = baseline_resolver()
    scorer = SpeakerScorer()
    columns = (TextColumn("speakers"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        for name in progress.track(sorted(by_article)):
            text = articles[name].text
            golds = [g.named(text) for g in by_article[name]]
            scorer.add(text, golds, predict(text), baseline(text))
    report = scorer.report()
    if as_json:
        if show_errors:
            report["errors"] = scorer.errors
        click.echo(json.dumps(report, indent=2))
        return
    _print_table(report)


def _print_table(report: dict[str, Any]) -> None:
    table = Table(title="Speaker identity on PolNeAR (accuracy, n)")
    table.add_column("mention type")
    for name in ("ours", "baseline", "baseline_all"):
        table.add_column(name, justify="right")
    for kind in report["ours"]:
        cells = []
        for name in ("ours", "baseline", "baseline_all"):
            cell = report[name].get(kind)
            cells.append(f"{cell['accuracy']:.3f} ({cell['n']})" if cell else "-")
        table.add_row(kind, *cells)
    console = Console()
    console.print(table)
    console.print(
        f"gold sources {report['gold']} in {report['articles']} articles, "
        f"{report['unknown']} with no named referent; matched {report['matched']:.3f}"
    )
