"""Corpus queries: ``search``, ``quotes`` and ``show``, thin over the store (``speakers``
lives in :mod:`wirelens.cli.speakers`)."""

from __future__ import annotations

import json

import click

from wirelens import settings
from wirelens.cli.output import DB, MIN_CONFIDENCE, ROW_LIMIT
from wirelens.model import to_json
from wirelens.store.base import Store
from wirelens.store.records import QuoteRow

__all__ = ["quotes_command", "search_command", "show_command", "table"]

_DB = DB
_LIMIT = click.option(
    "--limit", type=ROW_LIMIT, default=25, show_default=True, help="Most rows to print."
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


_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: for reading; json: every field (citation, hops, pieces, addressee).",
)


def _quote_cells(r: QuoteRow) -> list[str]:
    """One quote as table cells: who, what (with its pieces), how, through whom, where, when."""
    quote = " ".join(r["quote"].split())
    for piece in r["pieces"]:
        quote += " … " + " ".join(str(piece["text"]).split())
    hops = r["hops"] or [{"source": s, "relation": ""} for s in r["chain"]]
    chain = " -> ".join(
        f"{h['source']} ({h['relation']})" if h["relation"] else h["source"] for h in hops
    )
    to = r["addressee"]["name"] if r["addressee"] else ""
    article = f"{r['title'] or '(untitled)'} [{r['article_id'][7:19]}]"
    return [
        r["speaker"] or "",
        quote,
        r["cue"] or "",
        chain,
        to,
        article,
        r["outlet"] or "",
        (r["published"] or "")[:10],
        r["url"] or r["source"] or "",
    ]


@click.command("quotes")
@click.option("--speaker", default=None, help="Only this speaker (any name; titles ignored).")
@click.option("--outlet", default=None, help="Only articles from this outlet (any case).")
@click.option("--text", default=None, help="Only quotes containing these words (quotes_fts).")
@click.option(
    "--repeats",
    is_flag=True,
    help="Also list copies that only repeat a statement first reported elsewhere.",
)
@_SYNTAX
@_FORMAT
@MIN_CONFIDENCE
@_LIMIT
@_DB
def quotes_command(
    *,
    speaker: str | None,
    outlet: str | None,
    text: str | None,
    repeats: bool,
    syntax: str,
    fmt: str,
    min_confidence: float,
    limit: int,
    db: str | None,
) -> None:
    """Stored quotes, citeable: speaker, quote (with its continuation pieces), cue, sourcing
    chain, addressee, and the article's title, outlet, date and URL (or source file). Each
    statement is listed once, where it first appeared, unless --repeats."""
    with _open(db) as store:
        rows = store.quotes(
            speaker=speaker,
            outlet=outlet,
            text=text,
            syntax=syntax,
            limit=limit,
            repeats=repeats,
            min_confidence=min_confidence,
        )
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table(
        "who said what",
        ["speaker", "quote", "cue", "chain", "to", "article", "outlet", "published", "url/source"],
        [_quote_cells(r) for r in rows],
    )


@click.command("show")
@click.argument("article_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the body with quotes marked, then its parts and attributions; json: the "
    "whole stored analysis.",
)
@_DB
def show_command(article_id: str, fmt: str, db: str | None) -> None:
    """Show one stored article (full id or a unique prefix): its body with the quotes marked,
    the wrapper parts kept apart, then the attributions. --format json prints the record."""
    with _open(db) as store:
        analysis = store.get(article_id)
    if fmt == "json":
        click.echo(to_json(analysis))
        return
    from wirelens.cli.article_view import render

    click.echo(render(analysis))
