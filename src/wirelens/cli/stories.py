"""``wirelens stories``: the corpus' stories, newest first, each with its articles."""

from __future__ import annotations

import click

from wirelens import settings
from wirelens.cli.output import DB

__all__ = ["stories_command"]


@click.command("stories")
@click.option(
    "--since",
    default=None,
    help="Only stories with an article published on or after this ISO date.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=25,
    show_default=True,
    help="Most stories to print.",
)
@DB
def stories_command(since: str | None, limit: int, db: str | None) -> None:
    """Stories (articles about the same event) with their articles' titles, outlets and dates.

    Stories are made by `wirelens link` (and by `ingest`, unless --no-link); undated stories
    come last.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from wirelens.link.story_list import list_stories
    from wirelens.store import open_store

    with open_store(settings.load({"db": db})["db"]) as store:
        stories = list_stories(store, since=since, limit=limit)
    table = Table(title=f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}", expand=True)
    for column in ("story", "published", "outlet", "title", "id"):
        table.add_column(column, overflow="fold")
    for story in stories:
        table.add_section()
        head = f"#{story['id']} ({story['size']})"
        for n, article in enumerate(story["articles"]):
            table.add_row(
                head if n == 0 else "",
                escape((article["published"] or "")[:10]),
                escape(article["outlet"] or ""),
                escape(article["title"] or ""),
                article["id"][7:19],
            )
    Console(width=max(120, Console().width)).print(table)
