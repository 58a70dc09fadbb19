"""``wirelens settings``: every setting, its resolved value, variable and help."""

from __future__ import annotations

import click

from wirelens import settings as _settings


@click.command("settings")
def settings_command() -> None:
    """List every setting: name, value now in force, environment variable and help."""
    values = _settings.load()
    for s in _settings.SETTINGS:
        click.echo(f"{s.name:14} {values[s.name]!s:40} {s.env}\n{'':14} {s.help}")
