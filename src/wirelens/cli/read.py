"""``wirelens read``: read sources, clean them and print the Articles.

Exit status: 0 when everything was read; 1 when some inputs (files in a folder, or some of
several sources) could not be read but others were (each reported on stderr as
``wirelens: warning: FILE: reason``); 2 when nothing could be read or a single source is bad
(``wirelens: error: ...``).
"""

from __future__ import annotations

import importlib
import itertools
import json
import sys
from collections.abc import Iterator

import click

from wirelens.cli.output import ALLOW_PRIVATE, FailureLog, default_format, write_json
from wirelens.model import Article, Document

__all__ = ["read_command"]

_FORMATS = ("table", "json", "jsonl", "ninjs")


def _articles(documents: Iterator[Document], failures: FailureLog) -> Iterator[Article]:
    """Clean each Document (an empty one is a failure); ``wirelens.clean`` is imported only
    once there is a document to clean."""
    first = next(documents, None)
    if first is None:
        return
    clean_each = importlib.import_module("wirelens.clean").clean_each
    yield from clean_each(itertools.chain([first], documents), failures)


def _print_table(articles: list[Article]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("id", "title", "outlet", "agency", "dateline", "published", "body", "parts"):
        table.add_column(
            column, overflow="fold", justify="right" if column in ("body", "parts") else "left"
        )
    for a in articles:
        dateline = a.dateline
        where = (
            ", ".join(x for x in (dateline.place, dateline.country, dateline.date) if x)
            if dateline
            else ""
        )
        table.add_row(
            a.id.removeprefix("sha256:")[:12],
            a.title or "",
            a.outlet or "",
            a.agency or "",
            where,
            a.published.value if a.published else "",
            str(len(a.body)),
            str(len(a.parts)),
        )
    Console(file=sys.stdout, width=max(120, Console().width)).print(table)


def _write(articles: Iterator[Article], fmt: str) -> int:
    if fmt == "table":
        rows = list(articles)
        _print_table(rows)
        return len(rows)
    if fmt == "ninjs":
        from wirelens.ninjs import to_ninjs

        count = 0
        for article in articles:
            click.echo(json.dumps(to_ninjs(article), ensure_ascii=False))
            count += 1
        return count
    return write_json(articles, fmt)


@click.command("read")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default=None,
    help="Output: table (default on a terminal), jsonl (default otherwise), a json array, "
    "or ninjs (one IPTC ninjs 2.x object per line).",
)
@ALLOW_PRIVATE
@click.option("--follow-links", is_flag=True, help="Fetch feed entries that only have a summary.")
@click.option("--max-bytes", type=int, default=None, help="Largest input accepted, in bytes.")
def read_command(
    sources: tuple[str, ...],
    fmt: str | None,
    allow_private: bool,
    follow_links: bool,
    max_bytes: int | None,
) -> None:
    """Read SOURCE... (files, folders, http(s) URLs, - for stdin) and print cleaned articles.

    Kinds are sniffed from the bytes (text, HTML, RSS/Atom, WARC/ARC, JSON Lines, gzip of
    any). In a folder, bad files are reported as warnings and the rest are read; the exit
    status is 1 if some inputs failed and 2 if none could be read.
    """
    from wirelens.readers import read_documents

    failures = FailureLog()
    fmt = default_format(fmt)
    documents = read_documents(
        sources[0] if len(sources) == 1 else list(sources),
        on_error=failures,
        allow_private=True if allow_private else None,
        follow_links=follow_links,
        max_bytes=max_bytes,
    )
    failures.finish(_write(_articles(documents, failures), fmt), "read")
