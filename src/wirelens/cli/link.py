"""``wirelens link`` and ``wirelens copies``: link the corpus, then look at one copy group."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import click

from wirelens import settings
from wirelens.cli.output import DB
from wirelens.link.options import LinkOptions
from wirelens.store.base import Store

__all__ = ["copies_command", "link_command", "run_link"]


def run_link(
    store: Store,
    progress: Callable[[str], None] | None = None,
    options: LinkOptions | None = None,
) -> str:
    """Link ``store``, with progress on stderr (or to ``progress``, e.g. ingest's own bar);
    returns the one-line summary."""
    from rich.console import Console

    from wirelens.link import link

    if progress is None:
        with Console(stderr=True).status("linking") as status:
            report = link(store, options, lambda line: status.update(f"linking: {line}"))
    else:
        report = link(store, options, progress)
    c = report.copies
    return (
        f"linked {c.signed} new article(s): {c.candidates} candidate pair(s), {c.copies} "
        f"copy pair(s), {c.groups} copy group(s) updated ({c.members} member(s) written"
        + (f", {c.other_language} pair(s) in another language refused" if c.other_language else "")
        + f"), {report.traces} quote trace(s), {report.stories} article(s) placed in stories "
        f"in {report.seconds:.1f}s"
    )


@click.command("link")
@DB
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes that compute signatures (used from 10,000 new articles on; the store is "
    "written by this process only).",
)
def link_command(db: str | None, workers: int) -> None:
    """Link what is new in the corpus: group wire copies (origin and changes), trace quotes
    across articles, and place articles in stories.

    Incremental: only articles not linked yet are signed and joined, so re-running on an
    unchanged corpus does nothing. `ingest` runs this by default (`--no-link` skips it).
    """
    from wirelens.store import open_store

    started = time.perf_counter()
    with open_store(settings.load({"db": db})["db"]) as store:
        summary = run_link(store, options=LinkOptions(workers=workers))
        total = store.count()
    click.echo(f"{summary}; {total} articles ({time.perf_counter() - started:.1f}s)")


def _print_group(group: dict[str, object]) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(width=max(100, Console().width))
    origin = group["origin"]
    assert isinstance(origin, dict)
    console.print(
        f"[bold]copy group {group['group']}[/bold]: {group['size']} article(s); origin "
        f"{origin['id'][7:19]} {escape(str(origin['outlet'] or origin['source']))}"
    )
    console.print(f"reason: {escape(str(group['reason']))}")
    members = group["members"]
    assert isinstance(members, list)
    for m in members:
        tag = "origin" if m["origin"] else f"J={m['similarity']:.2f} C={m['containment']:.2f}"
        console.print(
            f"\n[bold]{m['id'][7:19]}[/bold] {escape(str(m['outlet'] or ''))} "
            f"{m['published'] or 'undated'} ({tag})\n  {escape(str(m['source'] or m['url']))}"
        )
        changes = m["changes"]
        if m["origin"]:
            continue
        console.print(f"  changes: {', '.join(changes['kinds']) or 'none'}")
        if changes.get("headline"):
            console.print(f"  headline: {escape(str(changes['headline']['to']))}")
        for part in changes.get("wrapper_added", []):
            console.print(f"  + {part['kind']}: {escape(part['text'])}")
        for text in changes.get("paragraphs_added", []) + changes.get("sentences_added", []):
            console.print(f"  + {escape(text)}")
        for text in changes.get("paragraphs_cut", []) + changes.get("sentences_cut", []):
            console.print(f"  - {escape(text)}")
        for edit in changes.get("sentences_edited", []):
            ops = "; ".join(f"{o['from']!r} -> {o['to']!r}" for o in edit["diff"])
            console.print(f"  ~ {escape(ops)}")


@click.command("copies")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print the group as JSON.")
@DB
def copies_command(article_id: str, as_json: bool, db: str | None) -> None:
    """Show the copy group of ARTICLE_ID (full id or a unique prefix): its origin and why,
    and what each member changed against the origin."""
    from wirelens.link import copy_group
    from wirelens.store import open_store

    with open_store(settings.load({"db": db})["db"]) as store:
        group = copy_group(store, article_id)
    if as_json:
        click.echo(json.dumps(group, ensure_ascii=False, indent=2))
    else:
        _print_group(group)
