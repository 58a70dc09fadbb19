"""``wirelens stories``: the corpus' stories, newest first, each with its articles."""

from __future__ import annotations

import click

from wirelens import settings
from wirelens.cli.output import DB, RECORD_ID, ROW_LIMIT

__all__ = ["stories_command"]


@click.command("stories")
@click.option(
    "--since",
    default=None,
    help="Only stories with an article published on or after this ISO date.",
)
@click.option(
    "--limit",
    type=ROW_LIMIT,
    default=25,
    show_default=True,
    help="Most stories to print.",
)
@click.option(
    "--id",
    "story_id",
    type=RECORD_ID,
    default=None,
    help="Only the story with this id. An id merged into another story by a later link run "
    "leads to that story (said on stderr).",
)
@DB
def stories_command(since: str | None, limit: int, story_id: int | None, db: str | None) -> None:
    """Stories (articles about the same event) with their articles' titles, outlets and dates.

    Stories are made by `wirelens link` (and by `ingest`, unless --no-link); undated stories
    come last. A cited story id keeps working: when linking merged that story into another,
    --id shows the story that holds its articles now.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from wirelens.errors import NotFoundError
    from wirelens.link.story_list import list_stories
    from wirelens.link.story_moves import moved_to
    from wirelens.store import open_store

    with open_store(settings.load({"db": db})["db"]) as store:
        if story_id is not None and (target := moved_to(store, story_id)) is not None:
            click.echo(
                f"wirelens: story {story_id} was merged into story {target}; showing {target}",
                err=True,
            )
            story_id = target
        stories = list_stories(store, since=since, limit=limit, story_id=story_id)
    if story_id is not None and not stories and since is None:
        raise NotFoundError(f"no story with id {story_id}")
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
