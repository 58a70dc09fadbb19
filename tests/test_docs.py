"""Documentation checks: every command is in the README and every option says what it does.

Borrowed idea (not code) from sqlite-utils: a command or flag that users cannot discover is a bug.
"""

from __future__ import annotations

import click
import pytest

from tests.conftest import ROOT
from wirelens.cli import COMMANDS, cli
from wirelens.settings import SETTINGS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, f"command {name!r} is listed but its module does not define it"
    return command


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_readme(name: str) -> None:
    assert f"wirelens {name}" in README


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_has_help(name: str) -> None:
    command = _command(name)
    assert command.help, f"wirelens {name} has no help text"
    commands = [command]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        commands += [c for n in command.list_commands(ctx) if (c := command.get_command(ctx, n))]
    for cmd in commands:
        for param in cmd.params:
            if isinstance(param, click.Option):
                assert param.help, f"{cmd.name}: option {param.opts} has no help"


def test_every_setting_has_help() -> None:
    for setting in SETTINGS:
        assert len(setting.help) > 10, setting.name
