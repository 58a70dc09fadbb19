"""The ``wirelens`` command: thin commands over the library.

Only this package prints or exits. Each command lives in its own module and is loaded lazily
from :data:`COMMANDS`, so ``wirelens --help`` stays fast and a command's heavy imports (spaCy,
trafilatura, database drivers) are paid only when it runs. Any :class:`WirelensError` becomes
one line on stderr, ``wirelens: error: ...``, and exit code 2.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from wirelens.errors import WirelensError

__all__ = ["COMMANDS", "main"]

#: command name -> (module under wirelens.cli, one-line help). Order is the order in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "read": ("read", "Read sources and print them as cleaned articles."),
    "analyze": ("analyze", "Read sources and print articles with their attributions."),
    "ingest": ("ingest", "Read, analyse and store sources in the corpus (SQLite or PostgreSQL)."),
    "load": ("load", "Store the Parquet output of `ingest --engine spark` in the corpus."),
    "reanalyze": ("reanalyze", "Re-attribute stored articles made by another component version."),
    "index": ("index", "Build or refresh the text index ranking a SQLite corpus' searches."),
    "search": ("query", "Full-text search over stored titles and bodies."),
    "quotes": ("query", "List stored quotes, filtered by speaker or outlet."),
    "speakers": ("speakers", "List speakers (aliases merged); show, merge or split one."),
    "show": ("query", "Show one stored article with its attributions."),
    "failures": ("failures", "List what ingest could not read or analyse, with where and why."),
    "serve": ("serve", "Serve the corpus as web pages and a JSON API (FastAPI, uvicorn)."),
    "link": ("link", "Link new articles: group wire copies with their origin and changes."),
    "copies": ("link", "Show an article's copy group: origin, reason, each copy's changes."),
    "trace": ("trace", "Where a quote first appeared, and every repetition with its changes."),
    "stories": ("stories", "List stories (articles about the same event), newest first."),
    "export": (
        "export",
        "Export records (articles, quotes, copy groups, traces, stories) or the graph.",
    ),
    "eval": ("evaluate", "Score wirelens on evaluation data, beside a baseline."),
    "settings": ("config", "List every setting with its value, source variable and help."),
}


class _LazyGroup(click.Group):
    """A click group that imports each command's module only when the command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"wirelens.cli.{COMMANDS[cmd_name][0]}")
        command = getattr(module, cmd_name.replace("-", "_") + "_command", None)
        return command if isinstance(command, click.Command) else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short) for name, (_, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wirelens")
def cli() -> None:
    """wirelens: who said what, according to whom, first reported where.

    Read news (text, HTML, RSS/Atom, WARC, JSONL, folders, URLs, stdin), clean it, extract
    quotes with their speakers and sourcing chains, and keep it all in a searchable corpus.
    """


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; map wirelens errors to one line on stderr and exit code 2."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="wirelens",
            standalone_mode=False,
        )
    except WirelensError as exc:
        click.echo(f"wirelens: error: {exc}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("wirelens: error: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        click.echo("wirelens: error: interrupted", err=True)
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
