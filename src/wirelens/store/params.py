"""SQL parameters both backends take: ``?`` placeholders (PostgreSQL's are rewritten by
:class:`~wirelens.store.postgres.PostgresStore`), one per value of an ``IN (...)`` list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from wirelens.errors import QueryError

__all__ = ["check_page", "marks", "user_text"]


def marks(items: Sequence[Any]) -> str:
    """One ``?`` parameter per item, comma-separated: the inside of an ``IN (...)``."""
    return ",".join("?" * len(items))


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def user_text(value: str, fill: str = "\ufffd") -> str:
    """A user's filter or query text with NULs and lone surrogates made ``fill``.

    Neither can be in stored text, so nothing is lost, but as parameters they fail: PostgreSQL
    refuses a NUL in any text value (which read as a damaged store, 503), and both drivers
    raise UnicodeEncodeError on a lone surrogate (what a command-line argument in a non-UTF-8
    encoding becomes). Found by fuzzing search filters. A filter gets U+FFFD, which matches
    nothing stored; a search query gets a space, a word separator like any other.
    """
    return _UNSTORABLE.sub(fill, value)


#: The largest LIMIT or OFFSET a statement is given: SQL's 64-bit integer.
MAX_SQL_INT = 2**63 - 1


def check_page(limit: int, offset: int = 0) -> None:
    """A QueryError unless ``limit`` and ``offset`` are whole numbers from 0 to SQL's largest.

    The CLI and the web app bound them already; through the Python API a negative one reached
    the backends, which disagree (SQLite reads LIMIT -1 as no limit, PostgreSQL refuses it: a
    StoreError, as if the store were damaged). Found by fuzzing.
    """
    for name, value in (("limit", limit), ("offset", offset)):
        if not 0 <= value <= MAX_SQL_INT:
            raise QueryError(f"{name} must be between 0 and {MAX_SQL_INT}, not {value}")
