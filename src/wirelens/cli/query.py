"""Corpus queries: ``search``, ``quotes``, ``speakers`` and ``show``, thin over the store."""

from __future__ import annotations

import click

from wirelens import settings
from wirelens.cli.output import DB, MIN_CONFIDENCE
from wirelens.model import to_json
from wirelens.store.base import Store

__all__ = ["quotes_command", "search_command", "show_command", "speakers_command", "table"]

_DB = DB
_LIMIT = click.option(
    "--limit", type=click.IntRange(min=1), default=25, show_default=True, help="Most rows to print."
)


def _open(db: str | None) -> Store:
    from wirelens.store import open_store

    return open_store(settings.load({"db": db})["db"], create=False)


def table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(title), expand=True)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    Console(width=max(120, Console().width)).print(table)


_SYNTAX = click.option(
    "--syntax",
    type=click.Choice(["plain", "fts"]),
    default="plain",
    show_default=True,
    help='plain: words and "phrases", never a syntax error; fts: the backend\'s full syntax '
    "(FTS5 on SQLite: OR, NOT, NEAR, prefix*; web search on PostgreSQL).",
)


@click.command("search")
@click.argument("query")
@_SYNTAX
@click.option("--speaker", default=None, help="Only articles quoting this speaker (any name).")
@click.option("--outlet", default=None, help="Only articles from this outlet (any case).")
@click.option("--since", default=None, help="Only articles published on or after this ISO date.")
@click.option("--until", default=None, help="Only articles published on or before this ISO date.")
@_LIMIT
@_DB
def search_command(
    query: str,
    *,
    syntax: str,
    speaker: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    db: str | None,
) -> None:
    """Full-text search over titles and bodies, best first.

    QUERY is plain words and "quoted phrases" (all must match); punctuation such as Iran's or
    co-founder is fine. For OR, NOT, NEAR or prefix* give --syntax fts. A date filter leaves out
    undated articles and says how many.
    """
    with _open(db) as store:
        hits = store.search(
            query,
            syntax=syntax,
            limit=limit,
            outlet=outlet,
            speaker=speaker,
            since=since,
            until=until,
        )
        undated = (
            store.undated(query, syntax=syntax, outlet=outlet, speaker=speaker)
            if since or until
            else 0
        )
    table(
        f"{len(hits)} match(es) for {query!r}",
        ["id", "published", "outlet", "title", "snippet", "source"],
        [
            [
                h["id"][7:19],
                (h["published"] or "")[:10],
                h["outlet"] or "",
                h["title"] or "",
                h["snippet"],
                h["source"] or "",
            ]
            for h in hits
        ],
    )
    if undated:
        click.echo(
            f"wirelens: note: the date filter left out {undated} undated matching article(s)",
            err=True,
        )


@click.command("quotes")
@click.option("--speaker", default=None, help="Only this speaker (any of their names).")
@click.option("--outlet", default=None, help="Only articles from this outlet (any case).")
@click.option("--text", default=None, help="Only quotes containing these words (quotes_fts).")
@_SYNTAX
@MIN_CONFIDENCE
@_LIMIT
@_DB
def quotes_command(
    *,
    speaker: str | None,
    outlet: str | None,
    text: str | None,
    syntax: str,
    min_confidence: float,
    limit: int,
    db: str | None,
) -> None:
    """Stored quotes with speaker, cue and sourcing chain."""
    with _open(db) as store:
        rows = store.quotes(
            speaker=speaker,
            outlet=outlet,
            text=text,
            syntax=syntax,
            limit=limit,
            min_confidence=min_confidence,
        )
    table(
        "who said what",
        ["speaker", "kind", "cue", "quote", "chain"],
        [
            [
                r["speaker"] or "",
                r["kind"],
                r["cue"] or "",
                " ".join(r["quote"].split()),
                " -> ".join(r["chain"]),
            ]
            for r in rows
        ],
    )


@click.command("speakers")
@_LIMIT
@_DB
def speakers_command(limit: int, db: str | None) -> None:
    """Speakers across the corpus, aliases merged, with counts, roles and outlets."""
    with _open(db) as store:
        rows = store.speakers(limit=limit)
    table(
        "speakers",
        ["speaker", "quotes", "roles", "outlets", "also named"],
        [
            [
                r["name"],
                str(r["count"]),
                ", ".join(r["roles"]),
                ", ".join(r["outlets"]),
                ", ".join(a for a in r["aliases"] if a != r["name"]),
            ]
            for r in rows
        ],
    )


@click.command("show")
@click.argument("article_id")
@_DB
def show_command(article_id: str, db: str | None) -> None:
    """Print one stored article with its attributions as JSON (full id or a unique prefix)."""
    with _open(db) as store:
        click.echo(to_json(store.get(article_id)))
