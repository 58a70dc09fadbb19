"""One exception tree for everything wirelens raises on purpose.

Callers catch :class:`WirelensError` and get a message that says what went wrong and what to do.
Third-party errors are translated at the boundary with ``raise ... from`` so the cause survives
for debugging but never leaks as a traceback to a CLI user. The CLI maps any ``WirelensError`` to
one line on stderr (``wirelens: error: ...``) and exit code 2; the web layer maps it to a status.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EmptyArticleError",
    "EngineError",
    "EvalError",
    "FetchError",
    "InputError",
    "ModelError",
    "NotFoundError",
    "QueryError",
    "RecordError",
    "StoreError",
    "WirelensError",
]


class WirelensError(Exception):
    """Base of every error wirelens raises deliberately."""

    #: HTTP status the web layer uses for this kind of error.
    status = 500


class InputError(WirelensError):
    """The input cannot be read as news: empty, binary, too large, truncated, malformed."""

    status = 422


class RecordError(InputError):
    """One record of a many-record input (a JSON line, an archive record) is bad.

    Readers report it through ``on_error`` and go on with the next record, so one bad line never
    costs the good ones; ``position`` ("line 3", "record 2") lets a corpus keep where it was.
    """

    def __init__(self, source: str, position: str, reason: str) -> None:
        super().__init__(f"{source}, {position}: {reason}")
        self.source = source
        self.position = position
        self.reason = reason

    def __reduce__(self) -> tuple[type[RecordError], tuple[str, str, str]]:
        return type(self), (self.source, self.position, self.reason)


class EmptyArticleError(InputError):
    """A document cleaned to an empty body: no article to store or attribute.

    An error, never a record: every empty body would hash to the same content id, so a second,
    different page would be dropped as "already present".
    """


class FetchError(WirelensError):
    """A URL could not be fetched: refused address, robots.txt, timeout, size cap, HTTP error."""

    status = 502


class StoreError(WirelensError):
    """The corpus database cannot be opened, migrated, written or queried."""

    status = 503


class NotFoundError(StoreError):
    """No stored record has the id or name asked for."""

    status = 404


class QueryError(StoreError):
    """A search query or filter the store cannot answer: bad syntax, too long, bad date."""

    status = 400


class ConfigError(WirelensError):
    """A setting has an invalid value or a settings file is malformed."""

    status = 400


class EngineError(WirelensError):
    """A processing engine (Spark) is missing, unreachable or failed: Java, pyspark, master."""

    status = 503


class ModelError(WirelensError):
    """An NLP model (spaCy pipeline) is missing or cannot be loaded."""

    status = 500


class EvalError(WirelensError):
    """An evaluation data folder is missing or not in a known format."""

    status = 400
