"""``wirelens analyze``: read, clean and attribute sources; print each Analysis.

A thin shell over :func:`wirelens.analyze`. Exit status follows ``wirelens read``: 0 when every
input was analysed; 1 when some inputs (files in a folder, or some of several sources) could
not be read but others were (each reported as ``wirelens: warning: FILE: reason``); 2 when
nothing could be read or a single source is bad (``wirelens: error: ...``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click

from wirelens.cli.output import (
    ALLOW_PRIVATE,
    MIN_CONFIDENCE,
    FailureLog,
    default_format,
    write_json,
)
from wirelens.model import Analysis, Attribution

__all__ = ["analyze_command"]

_FORMATS = ("table", "json", "jsonl")
#: Longest quote shown in a table cell before it is cut with an ellipsis.
QUOTE_WIDTH = 80


def _truncate(text: str, width: int = QUOTE_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _speaker_cell(attribution: Attribution) -> str:
    """Canonical name, with the in-text mention in grey when it says something else."""
    from rich.markup import escape

    speaker = attribution.speaker
    if speaker is None:
        return ""
    name = speaker.name or ""
    mention = speaker.mention.text if speaker.mention else ""
    if mention and mention != name:
        grey = f"[grey50]{escape(mention)}[/grey50]"
        return f"{escape(name)} {grey}" if name else grey
    return escape(name)


def _chain_cell(attribution: Attribution) -> str:
    return " -> ".join(hop.source for hop in attribution.chain)


def _print_tables(analyses: Iterable[Analysis], explain: bool = False) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=sys.stdout, width=max(120, Console().width))
    count = 0
    for analysis in analyses:
        article = analysis.article
        heading = article.title or article.source or article.id
        where = " · ".join(x for x in (article.outlet, article.agency) if x)
        console.print(f"[bold]{escape(heading)}[/bold]" + (f"  ({escape(where)})" if where else ""))
        table = Table(show_lines=False, expand=True)
        table.add_column("speaker", ratio=2, overflow="fold")
        table.add_column("kind", no_wrap=True)
        table.add_column("cue", no_wrap=True, max_width=16)
        table.add_column("quote", ratio=4, overflow="fold")
        table.add_column("chain", ratio=2, overflow="fold")
        if explain:
            table.add_column("rule", no_wrap=True)
            table.add_column("resolved", no_wrap=True)
            table.add_column("conf", no_wrap=True, justify="right")
        for a in analysis.attributions:
            cells = [
                _speaker_cell(a),
                a.kind,
                escape(a.cue.text) if a.cue else "",
                escape(_truncate(a.quote.text)),
                escape(_chain_cell(a)),
            ]
            if explain:
                cells += [escape(a.rule), escape(a.resolution), f"{a.confidence:.2f}"]
            table.add_row(*cells)
        console.print(table)
        count += 1
    return count


def _write(analyses: Iterator[Analysis], fmt: str, explain: bool) -> int:
    """Print analyses as they come (json and jsonl stream); return how many were printed.

    JSON always carries each attribution's ``rule``, ``resolution`` and ``confidence``;
    ``explain`` adds them as columns to the table.
    """
    if fmt == "table":
        return _print_tables(analyses, explain)
    return write_json(analyses, fmt)


def _confident(analyses: Iterable[Analysis], least: float) -> Iterator[Analysis]:
    """Each analysis with only the attributions whose confidence is at least ``least``."""
    import msgspec

    for analysis in analyses:
        kept = tuple(a for a in analysis.attributions if a.confidence >= least)
        same = len(kept) == len(analysis.attributions)
        yield analysis if same else msgspec.structs.replace(analysis, attributions=kept)


@click.command("analyze")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default=None,
    help="Output: table (default on a terminal: speaker, kind, cue, quote, chain per article), "
    "jsonl (default otherwise: one Analysis per line) or a json array.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Show, for every attribution, the rule that found it, how its speaker was resolved "
    "and its confidence (JSON output always has rule, resolution and confidence).",
)
@MIN_CONFIDENCE
@ALLOW_PRIVATE
def analyze_command(
    sources: tuple[str, ...],
    fmt: str | None,
    explain: bool,
    min_confidence: float,
    allow_private: bool,
) -> None:
    """Read SOURCE... (files, folders, http(s) URLs, - for stdin) and print who said what.

    Each article is cleaned, then its quotes are extracted with speaker, cue, addressee and
    sourcing chain (offsets index the article body). In a folder, bad files are reported as
    warnings and the rest analysed; the exit status is 1 if some inputs failed and 2 if none
    could be read.
    """
    import wirelens

    failures = FailureLog()
    fmt = default_format(fmt)
    analyses = wirelens.analyze(
        sources[0] if len(sources) == 1 else list(sources),
        on_error=failures,
        allow_private=True if allow_private else None,
    )
    if min_confidence > 0:
        analyses = _confident(analyses, min_confidence)
    failures.finish(_write(analyses, fmt, explain), "analysed")
