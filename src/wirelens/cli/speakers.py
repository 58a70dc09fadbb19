"""``wirelens speakers``: the speaker registry - list it, show one speaker's aliases with
their evidence, and correct it with ``merge`` and ``split`` (kept across re-ingest).

``wirelens speakers`` alone lists speakers as it always did; the subcommands are
``show NAME``, ``merge A B`` and ``split A ALIAS``.
"""

from __future__ import annotations

import click

from wirelens.cli.output import DB
from wirelens.cli.query import _LIMIT, _open, table
from wirelens.store.records import SpeakerEntry

__all__ = ["speakers_command"]


def _print_list(rows: list[SpeakerEntry]) -> None:
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


@click.group("speakers", invoke_without_command=True)
@_LIMIT
@DB
@click.pass_context
def speakers_command(ctx: click.Context, limit: int, db: str | None) -> None:
    """Speakers across the corpus, aliases merged, with counts, roles and outlets.

    Without a subcommand, lists the most quoted speakers. `speakers show NAME` lists a
    speaker's aliases with why each joined and where it was quoted; `speakers merge A B` and
    `speakers split A ALIAS` correct the registry, and the correction is kept across re-ingest.
    """
    if ctx.invoked_subcommand is not None:
        return
    with _open(db) as store:
        rows = store.speakers(limit=limit)
    _print_list(rows)


@speakers_command.command("show")
@click.argument("name")
@DB
def show_command(name: str, db: str | None) -> None:
    """Show one speaker (any name, title or honorific ignored) and every alias's evidence."""
    with _open(db) as store:
        entry, evidence = store.speaker_evidence(name)
    click.echo(f"{entry['name']}: {entry['count']} quote(s)")
    if entry["roles"]:
        click.echo(f"  roles: {', '.join(entry['roles'])}")
    if entry["outlets"]:
        click.echo(f"  outlets: {', '.join(entry['outlets'])}")
    for item in evidence:
        click.echo(f"\nalias {item['alias']!r} ({item['rule']}; {item['count']} quote(s))")
        if item["mentions"]:
            click.echo("  named as: " + "; ".join(repr(m) for m in item["mentions"]))
        for article in item["articles"]:
            date = (article["published"] or "undated")[:10]
            click.echo(
                f"  {article['id'][7:19]}  {date}  {article['outlet'] or '-'}  "
                f"{article['title'] or ''}"
            )


@speakers_command.command("merge")
@click.argument("name")
@click.argument("other")
@DB
def merge_command(name: str, other: str, db: str | None) -> None:
    """Make OTHER (with all its aliases) part of the speaker NAME; kept across re-ingest."""
    with _open(db) as store:
        entry = store.merge_speaker(name, other)
    click.echo(f"{entry['name']}: now also named {', '.join(entry['aliases'][1:])}")


@speakers_command.command("split")
@click.argument("name")
@click.argument("alias")
@DB
def split_command(name: str, alias: str, db: str | None) -> None:
    """Take the stored name ALIAS out of the speaker NAME; kept across re-ingest."""
    with _open(db) as store:
        store.split_speaker(name, alias)
    click.echo(f"{alias!r} is now a speaker of its own, apart from {name!r}")
