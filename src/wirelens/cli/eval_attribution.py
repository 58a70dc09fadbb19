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

from wirelens.scope import SCOPES, Scope, parse_scope

__all__ = ["attribution_command"]


@click.command("attribution")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
@click.option("--no-baseline", is_flag=True, help="Skip the textacy baseline (faster).")
@click.option(
    "--scope",
    type=click.Choice(SCOPES),
    default="stance",
    show_default=True,
    help="wirelens' attribution scope; PolNeAR annotates stances too, hence 'stance'.",
)
@click.option(
    "--calibrate",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the confidence table measured on FOLDER (run it on PolNeAR train) to this "
    "file: per rule, speaker resolution and cue class, predictions and correct ones.",
)
def attribution_command(
    *,
    folder: Path,
    as_json: bool,
    limit: int | None,
    no_baseline: bool,
    scope: str,
    calibrate: Path | None,
) -> None:
    """Score source, cue, content and whole attributions on a PolNeAR folder (brat standoff).

    Exact: the same span after trimming whitespace and edge punctuation. Overlap: token-overlap
    credit. Matching is one-to-one; articles with several annotators are scored against each
    and averaged. textacy's direct_quotations runs beside wirelens as the baseline.

    Content is scored three ways: strict (the headline: each predicted piece of an interrupted
    quote against each gold fragment, exact), exact (first piece's start to last piece's end,
    PolNeAR's reader convention) and overlap. The reliability table bins wirelens' confidence
    against its observed precision (a prediction is correct when a gold attribution shares a
    token with its content and cue), with the expected calibration error (ECE).
    """
    from wirelens.eval.attribution import Scorer, baseline_predictor, wirelens_predictor
    from wirelens.eval.standoff import load_polnear

    articles = load_polnear(folder, limit)
    chosen = parse_scope(scope)
    systems: dict[str, Any] = {"ours": wirelens_predictor(chosen)}
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
    if calibrate is not None:
        _write_table(calibrate, scorers["ours"].judged, folder, len(articles), chosen)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    _print_table(report)


def _write_table(
    path: Path, judged: list[tuple[str, float, bool]], folder: Path, articles: int, scope: Scope
) -> None:
    """Write the per-path counts that :mod:`wirelens.attribute.confidence` reads."""
    from wirelens.attribute import COMPONENT
    from wirelens.attribute.confidence import Table

    counts: dict[str, tuple[int, int]] = {}
    for key, _, ok in judged:
        n, hits = counts.get(key, (0, 0))
        counts[key] = (n + 1, hits + ok)
    meta = {
        "measured_on": f"{folder.name} ({articles} articles)",
        "scope": scope.value,
        "component": COMPONENT,
        "correct": "a gold attribution shares a token with the content and, if any, the cue",
        "counts_are": "[predictions, correct]",
    }
    try:
        path.write_text(Table(counts).to_json(meta), encoding="utf-8")
    except OSError as exc:
        from wirelens.errors import EvalError

        raise EvalError(f"cannot write {path}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {path}: {len(counts)} paths, {len(judged)} predictions", err=True)


def _print_table(report: dict[str, Any]) -> None:
    table = Table(title="Attribution on PolNeAR (P / R / F1)")
    table.add_column("span")
    table.add_column("match")
    for name in report:
        table.add_column(name, justify="right")
    for part in ("source", "cue", "content", "attribution"):
        for mode in ("strict", "exact", "overlap") if part == "content" else ("exact", "overlap"):
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
    calibration = report.get("ours", {}).get("calibration")
    if calibration:
        bins = Table(title="Reliability of wirelens' confidence (predictions judged correct)")
        for column in ("confidence bin", "n", "mean confidence", "observed precision"):
            bins.add_column(column, justify="right")
        for row in calibration["bins"]:
            bins.add_row(
                row["bin"], str(row["n"]), f"{row['confidence']:.3f}", f"{row['precision']:.3f}"
            )
        console.print(bins)
        console.print(
            f"expected calibration error (ECE): {calibration['ece']:.4f}; "
            f"precision (share of {calibration['predictions']} predictions that gold overlaps): "
            f"{calibration['precision']:.4f}"
        )
