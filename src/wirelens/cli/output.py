"""What ``read`` and ``analyze`` share: streaming JSON output and the folder failure report.

Both commands print records as they come (a JSON array or JSON Lines), report each unreadable
input as ``wirelens: warning: FILE: reason`` and end with exit status 1 when some inputs failed
and others were read, or 2 (``wirelens: error: ...``) when nothing could be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

import click
import msgspec

from wirelens.errors import InputError, WirelensError
from wirelens.model import to_dict, to_json

__all__ = [
    "ALLOW_PRIVATE",
    "DB",
    "RECORD_ID",
    "ROW_LIMIT",
    "FailureLog",
    "default_format",
    "say",
    "write_json",
]

#: The option every corpus command shares.
DB = click.option(
    "--db",
    default=None,
    help="Corpus: a SQLite path, sqlite:///path or postgresql://... (default: setting db).",
)

#: The type of an ``--id`` option naming a stored record: SQL integers end at 2**63 - 1, and a
#: larger id raised OverflowError (a traceback) before any lookup; the web API's ids share
#: this bound. Found by fuzzing the commands.
RECORD_ID = click.IntRange(min=0, max=2**62)
#: The type of a corpus command's ``--limit`` (rows to print), bounded for the same reason.
ROW_LIMIT = click.IntRange(min=1, max=2**62)

#: The option every command that may fetch URLs shares.
ALLOW_PRIVATE = click.option(
    "--allow-private", is_flag=True, help="Allow URLs on private/loopback addresses."
)


class SomeFailed(click.ClickException):
    """Some inputs were skipped: exit 1 after a one-line summary."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"wirelens: warning: {self.message}", err=True)


def say(line: str) -> None:
    """A progress or status line on stderr, as every command writes them (``wirelens: ...``)."""
    click.echo(f"wirelens: {line}", err=True)


def default_format(fmt: str | None) -> str:
    """A table for people at a terminal, JSON Lines for pipes and files."""
    return fmt or ("table" if sys.stdout.isatty() else "jsonl")


def write_json(records: Iterable[msgspec.Struct], fmt: str) -> int:
    """Stream ``records`` as a JSON array (``json``) or one per line (``jsonl``); count them."""
    count = 0
    if fmt == "json":
        click.echo("[")
        try:
            for record in records:
                text = json.dumps(to_dict(record), indent=2, ensure_ascii=False)
                click.echo(("," if count else "") + text)
                count += 1
        finally:
            click.echo("]")
        return count
    for record in records:
        click.echo(to_json(record))
        count += 1
    return count


class FailureLog:
    """Collects the inputs a folder read could not use, warning about each as it happens."""

    def __init__(self) -> None:
        self.failed: list[str] = []

    def __call__(self, name: str, error: WirelensError) -> None:
        message = str(error)
        self.failed.append(name)
        line = message if message.startswith(name) else f"{name}: {message}"
        click.echo(f"wirelens: warning: {line}", err=True)

    def finish(self, count: int, verb: str) -> None:
        """Exit 2 if nothing was ``verb`` (e.g. "read"), 1 if some inputs failed, else return."""
        if self.failed and count == 0:
            raise InputError(f"nothing could be {verb} ({len(self.failed)} input(s) failed)")
        if self.failed:
            n = len(self.failed)
            raise SomeFailed(f"{n} input(s) could not be read; {count} article(s) {verb}")


#: ``--min-confidence`` for analyze, quotes and export: drop attributions below it.
MIN_CONFIDENCE = click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Keep only attributions whose confidence (the precision measured on PolNeAR train "
    "for their rule, speaker resolution and cue class) is at least this.",
)
