"""``wirelens eval``: quality benchmarks, each a subcommand in its own module.

``wirelens eval extraction DIR`` lives in :mod:`wirelens.cli.eval_extraction` and
``wirelens eval attribution DIR`` in :mod:`wirelens.cli.eval_attribution`,
``wirelens eval speakers DIR`` in :mod:`wirelens.cli.eval_speakers`,
``wirelens eval syndication [FILE]`` in :mod:`wirelens.cli.eval_syndication` and
``wirelens eval stories FILE`` in :mod:`wirelens.cli.eval_stories`; they load lazily.
"""

from __future__ import annotations

import importlib

import click

#: subcommand -> (module under wirelens.cli, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "extraction": ("eval_extraction", "Body/title/author/date extraction on AEB or WCXB pages."),
    "attribution": ("eval_attribution", "Source/cue/content attribution on PolNeAR (brat)."),
    "speakers": ("eval_speakers", "Speaker identity (who is named) on PolNeAR dev sources."),
    "syndication": ("eval_syndication", "Wire-copy linking on a synthetic benchmark from ECB+."),
    "stories": ("eval_stories", "Story clustering (B-cubed, ARI) on a JSONL gold file, e.g. ECB+."),
}


class _LazyEvalGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in SUBCOMMANDS:
            return None
        module = importlib.import_module(f"wirelens.cli.{SUBCOMMANDS[cmd_name][0]}")
        command = getattr(module, f"{cmd_name}_command", None)
        return command if isinstance(command, click.Command) else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, short) in SUBCOMMANDS.items()])


@click.group("eval", cls=_LazyEvalGroup)
def eval_command() -> None:
    """Score wirelens on evaluation data, with a baseline run in the same process.

    Each subcommand prints a table (or JSON with --json) of precision, recall, F1 and speed
    for wirelens and for the baseline tool, scored the same way on the same pages.
    """
