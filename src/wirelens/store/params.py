"""SQL parameters both backends take: ``?`` placeholders (PostgreSQL's are rewritten by
:class:`~wirelens.store.postgres.PostgresStore`), one per value of an ``IN (...)`` list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

__all__ = ["marks", "user_text"]


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
