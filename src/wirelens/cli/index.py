"""``wirelens index``: build or refresh the text index that ranks a SQLite corpus' searches.

Searches on SQLite rank plain queries with a Tantivy index kept beside the file
(``corpus.db.search/``); ingest keeps an existing one current and ``serve`` builds one before
it accepts requests. This command does the same on demand, e.g. after a copy of the corpus was
made without its index, or after changes made to the file with other tools.
"""

from __future__ import annotations

import click

from wirelens import settings
from wirelens.cli.output import DB, say

__all__ = ["index_command"]


@click.command("index")
@DB
@click.option(
    "--rebuild",
    is_flag=True,
    help="Build a new index even if the one there looks current (e.g. after disk damage).",
)
def index_command(db: str | None, rebuild: bool) -> None:
    """Build the corpus' text index, or apply the changes it has not seen yet (SQLite).

    Progress goes to stderr. A PostgreSQL corpus needs none (it ranks with its own text search).
    """
    from wirelens.store import open_store

    with open_store(settings.load({"db": db})["db"], create=False) as store:
        done = store.refresh_text_index(build=True, rebuild=rebuild, progress=say)
        name = store.name
    say(f"text index of {name}: {done}")
