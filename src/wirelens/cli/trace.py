"""``wirelens trace``: where a quote first appeared and how it travelled, thin over the library."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import click

from wirelens.cli.output import DB, RECORD_ID, ROW_LIMIT
from wirelens.link.provenance import Trace

__all__ = ["trace_command"]


def _changes(diff: dict[str, Any]) -> str:
    """``tolerate further -> accept; -proving; +interest; 3 words cut after``."""
    out = []
    for change in diff.get("changes", []):
        if change["op"] == "replace":
            out.append(f"{change['first']} -> {change['here']}")
        elif change["op"] == "delete":
            out.append(f"-{change['first']}")
        else:
            out.append(f"+{change['here']}")
    for edge in ("before", "after"):
        if diff.get(f"cut_{edge}"):
            out.append(f"{diff[f'cut_{edge}']} word(s) cut {edge}")
    return "; ".join(out)


def _print(trace: Trace) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    head = f"trace {trace.id}" if trace.id is not None else "only appearance"
    title = f'{head}: "{" ".join(trace.quote.split())}" - {trace.speaker or "unknown speaker"}'
    table = Table(title=escape(title), expand=True)
    for column in ("#", "date", "outlet", "article", "chain", "wording", "changes"):
        table.add_column(column, overflow="fold")
    for a in trace.appearances:
        changes = _changes(a.diff) if a.position else "first appearance"
        if a.position and not a.speaker_agrees:
            changes = f"{changes}; credited to {a.speaker}".lstrip("; ")
        row = [
            str(a.position),
            (a.published or "undated")[:16],
            a.outlet or a.agency or "",
            a.url or a.source or a.article_id[7:19],
            " -> ".join(a.chain),
            " ".join(a.text.split()),
            changes,
        ]
        table.add_row(*(escape(cell) for cell in row))
    Console(width=max(120, Console().width)).print(table)


@click.command("trace")
@click.argument("words", required=False)
@click.option(
    "--id", "attribution_id", type=RECORD_ID, default=None, help="An attribution id instead."
)
@click.option("--json", "as_json", is_flag=True, help="Print the traces as JSON.")
@click.option("--limit", type=ROW_LIMIT, default=5, show_default=True, help="Most traces.")
@DB
def trace_command(
    words: str | None, attribution_id: int | None, as_json: bool, limit: int, db: str | None
) -> None:
    """Where a quote first appeared (article, outlet, date), then every repetition in time
    order with its outlet, date, sourcing chain and wording changes.

    Give the words of the quote (any part, any case; an indirect rewording matches too) or
    --id ATTRIBUTION_ID. No match prints a message on stderr and exits 0.
    """
    from wirelens import settings
    from wirelens.errors import InputError
    from wirelens.link.provenance import find_traces
    from wirelens.store import open_store

    if (words is None) == (attribution_id is None):
        raise InputError('give the words of a quote or --id ATTRIBUTION_ID: trace "words"')
    with open_store(settings.load({"db": db})["db"]) as store:
        traces = find_traces(store, words, attribution_id=attribution_id, limit=limit)
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(t) for t in traces], ensure_ascii=False))
    else:
        for trace in traces:
            _print(trace)
    if not traces:
        what = f"attribution {attribution_id}" if words is None else repr(words)
        click.echo(f"no stored quote matches {what}", err=True)
