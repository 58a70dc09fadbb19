"""``wirelens eval extraction DIR``: wirelens vs trafilatura alone on AEB or WCXB pages.

A thin shell over :mod:`wirelens.eval.body_extraction`: load the gold pages (format detected from
the folder), run wirelens and the baseline in the same process on the same pages, print a
table (or JSON). A progress bar goes to stderr so ``--json`` output stays clean on stdout.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

__all__ = ["extraction_command"]


@click.command("extraction")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N pages (by id).")
@click.option(
    "--ngram",
    type=click.IntRange(min=1, max=8),
    default=1,
    show_default=True,
    help="Token n-gram size of the body metric (1: bag of tokens; AEB's leaderboard uses 4, "
    "always reported as shingle4).",
)
def extraction_command(folder: Path, as_json: bool, limit: int | None, ngram: int) -> None:
    """Score body, title, author and date extraction on an AEB or WCXB folder.

    wirelens (its full HTML path) and trafilatura alone (default settings) run on the same
    pages in the same run. Body precision/recall/F1 are bag-of-tokens scores averaged over
    pages as the AEB benchmark does; title/author/date accuracy cover the pages whose gold
    data has them.
    """
    from wirelens.eval.body_extraction import detect_format, load_pages, run_extractor
    from wirelens.eval.extractors import baseline_body, baseline_metadata, wirelens_extractor

    kind = detect_format(folder)
    pages = load_pages(folder, limit)
    variants, ours = wirelens_extractor()
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("wirelens", total=len(pages))
        ours_reports = run_extractor(
            "wirelens", pages, ours, variants, ngram=ngram, progress=_advance(progress, task)
        )
        task = progress.add_task("trafilatura", total=len(pages))
        base_reports = run_extractor(
            "trafilatura",
            pages,
            baseline_body,
            ("trafilatura",),
            ngram=ngram,
            metadata=baseline_metadata,
            progress=_advance(progress, task),
        )
    best = max(ours_reports, key=lambda v: ours_reports[v].scores.f1)
    ours_dict = ours_reports[best].as_dict() | {"variant": best}
    ours_dict["variants"] = {v: r.as_dict()["f1"] for v, r in ours_reports.items()}
    base_dict = base_reports["trafilatura"].as_dict() | {"variant": "trafilatura.extract"}
    for entry in (ours_dict, base_dict):
        entry.update(dataset=kind, ngram=ngram)
    result = {"ours": ours_dict, "baseline": base_dict}
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        _print_table(result, folder)


def _advance(progress: Progress, task: Any) -> Callable[[], None]:
    return lambda: progress.advance(task)


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _print_table(result: dict[str, dict[str, Any]], folder: Path) -> None:
    ours = result["ours"]
    table = Table(title=f"extraction on {folder} ({ours['dataset']}, {ours['pages']} pages)")
    keys = (
        ("f1", "F1"),
        ("precision", "P"),
        ("recall", "R"),
        ("pages_per_s", "pages/s"),
        ("title_accuracy", "title"),
        ("author_accuracy", "author"),
        ("date_accuracy", "date"),
        ("date_invented_rate", "date invented"),
    )
    table.add_column("extractor")
    for _, label in keys:
        table.add_column(label, justify="right")
    table.add_column("F1 4-shingle", justify="right")
    for name, entry in (("wirelens", ours), ("trafilatura", result["baseline"])):
        cells = [_fmt(entry[key], 1 if key == "pages_per_s" else 3) for key, _ in keys]
        row = [f"{name} ({entry['variant']})", *cells]
        table.add_row(*row, _fmt(entry["shingle4"]["f1"]))
    out = Console(highlight=False, soft_wrap=True, width=150)
    out.print(table)
    variants = ", ".join(f"{v} F1 {f1:.3f}" for v, f1 in ours["variants"].items())
    out.print(f"wirelens variants: {variants}; scored: {ours['variant']}")
    out.print(
        "body metric: bag of tokens (n-gram "
        f"{ours['ngram']}), per-page P/R averaged as in AEB; date invented = share of pages "
        "with no gold date that got one"
    )
