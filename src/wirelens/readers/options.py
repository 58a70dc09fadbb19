"""Resolved reading options: the settings that matter to readers, plus reader-only switches.

``read_documents(..., **options)`` takes settings overrides spelled as Python keywords
(``max_bytes``, ``allow_private``); they are resolved once through :mod:`wirelens.settings`
(defaults < file < environment < overrides) so every reader sees the same values.
``follow_links`` is not a setting: it only changes how feed entries without full content are read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wirelens import settings
from wirelens.errors import ConfigError

__all__ = ["ReadOptions"]

_READER_ONLY = ("follow_links",)


@dataclass(frozen=True)
class ReadOptions:
    """What every reader needs to know, resolved once per ``read_documents`` call."""

    max_bytes: int
    fetch_timeout: float
    max_redirects: int
    allow_private: bool
    user_agent: str
    follow_links: bool = False
    text_piece_chars: int = 1_000_000

    @classmethod
    def resolve(cls, options: Mapping[str, Any]) -> ReadOptions:
        """Resolve keyword overrides (``max_bytes=...``) against the settings table."""
        overrides = {
            name.replace("_", "-"): value
            for name, value in options.items()
            if name not in _READER_ONLY
        }
        values = settings.load(overrides)
        if values["max-bytes"] <= 0:
            raise ConfigError("setting 'max-bytes' must be a positive number of bytes")
        if values["text-piece-chars"] < 1000:
            raise ConfigError("setting 'text-piece-chars' must be at least 1000 characters")
        if values["fetch-timeout"] <= 0:
            raise ConfigError("setting 'fetch-timeout' must be a positive number of seconds")
        return cls(
            max_bytes=int(values["max-bytes"]),
            fetch_timeout=float(values["fetch-timeout"]),
            max_redirects=int(values["max-redirects"]),
            allow_private=bool(values["allow-private"]),
            user_agent=str(values["user-agent"]),
            follow_links=bool(options.get("follow_links", False)),
            text_piece_chars=int(values["text-piece-chars"]),
        )
